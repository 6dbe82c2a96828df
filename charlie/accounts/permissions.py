"""What the account pages let each role do (``charlie.privacy.access``).

Who may *decide* a pending request for a role is also about the role itself: only a holder of
the requested role (HR for HR, DPO for DPO) — ``accounts.services`` asks ``access.is_role``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from charlie.core.roles import Role
from charlie.privacy.access import Permission

#: Create accounts, deactivate and reactivate them, set a first password, ask for role changes,
#: and see (and withdraw) every pending request.
MANAGE_ACCOUNTS = Permission(
    "accounts.manage_accounts",
    _("Oprette og ændre brugerkonti og bede om nye roller"),
    frozenset({Role.ADMIN}),
)

#: See the pending requests for a role: all of them (administrators) or those for one's own role.
SEE_ROLE_CHANGES = Permission(
    "accounts.see_role_changes",
    _("Se ventende anmodninger om roller"),
    frozenset({Role.ADMIN, Role.HR, Role.DPO}),
)

#: Approve or reject a pending request for one's own role (a second person for HR and DPO).
DECIDE_ROLE_CHANGES = Permission(
    "accounts.decide_role_changes",
    _("Godkende eller afvise en anmodning om ens egen rolle"),
    frozenset({Role.HR, Role.DPO}),
)
