"""The roles of Charlie (DESIGN.md, "Roles and scopes").

A user has one role. Anyone linked to a person record also sees their own data as an employee,
whatever their role. What each role may *see* is decided by the services (scope), not here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EMPLOYEE = "employee", _("Medarbejder")
    MANAGER = "manager", _("Leder")
    HR = "hr", _("HR")
    ANALYST = "analyst", _("Analytiker")
    DPO = "dpo", _("Databeskyttelsesrådgiver")
    ADMIN = "admin", _("Administrator")


#: Roles that may see individual people beyond themselves (their scope decides whom).
PERSON_READING_ROLES = frozenset({Role.MANAGER, Role.HR})
