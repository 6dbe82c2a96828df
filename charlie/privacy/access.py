"""Access: who is acting, in which role, over whom, for which purpose — decided once.

An :class:`Access` is built once per request (and once per CLI command or API call) by
``charlie.people.services.access_for`` and handed to every service as its first argument,
``access: Access``. It carries everything a service needs to decide what the caller may do and
see, so no service looks at ``user.role`` or re-derives a manager's units:

- the user, their role and the person record they are (``person_id``, for "egen indsigt");
- their scope over people: ``everyone`` (HR), or the units they manage as :class:`UnitGrant`
  rows — a unit's materialised path with the period the unit is open — so "this unit and
  everything below" is one path prefix, and the scope-over-time rule
  (``people.services.visible_windows``) starts from one list;
- the channel the call came by (``ui``, ``api``, ``cli``, ``task``), for the audit log;
- the audit purpose for other people's data (``hr_administration`` for HR, ``personaleledelse``
  for a manager) and for one's own (``egen_indsigt``).

Permissions are a small vocabulary of named :class:`Permission` values (the type is in
``charlie.privacy.permissions``, re-exported here), declared by each app in its
``permissions.py`` next to the roles that hold them (``people.permissions.READ_PERSON``,
``absence.permissions.MANAGE_TASKS``, …). A service asks ``access.require(PERMISSION)``; a view
that shows or hides a button asks ``access.can(PERMISSION)``. The role → permission table is
therefore readable in one place per app, and ``PERMISSIONS`` lists them all.

The type lives in ``privacy`` because it is about access to personal data and because it writes
the audit log (``record_read``, ``record``); ``privacy`` is below ``people`` in the app order,
so every app — privacy's own services included — can take it (they name it under
``TYPE_CHECKING`` only: this module imports them to write the log). It is built by ``people``,
the app that knows units and managers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from charlie.core.errors import PermissionDenied
from charlie.core.roles import Role
from charlie.privacy import services as audit
from charlie.privacy.models import Action
from charlie.privacy.permissions import PERMISSIONS as PERMISSIONS  # re-exported
from charlie.privacy.permissions import Permission as Permission  # re-exported

if TYPE_CHECKING:
    from charlie.core.models import User

#: The purpose of reading one's own data, whatever the role.
PURPOSE_OWN = "egen_indsigt"


@dataclass(frozen=True, slots=True)
class UnitGrant:
    """One unit a manager manages: its materialised path (``/1/4/9/``, the sub-tree is a prefix)
    and the period the unit is open (``end`` None: still open)."""

    path: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Access:
    """The caller of a service. Build it with ``people.services.access_for``; never by hand
    outside tests (``people.services.access_for`` is also what the tests use)."""

    user: User | None
    role: Role | None
    person_id: int | None = None
    everyone: bool = False
    units: tuple[UnitGrant, ...] = ()
    channel: str = "ui"
    purpose: str = ""
    #: The people a service has found in this caller's scope today (``people.services``
    #: ``ensure_in_scope``), so the next service asking in the same request need not look again:
    #: an Access lives for one request, CLI command or API call, and its scope does not change.
    in_scope_ids: set[int] = field(default_factory=set, init=False, compare=False, repr=False)

    # --- Who ------------------------------------------------------------------------------

    @property
    def is_authenticated(self) -> bool:
        """Whether the caller holds a role: a logged-in user, or the server's operator
        (``people.services.operator_access``: no account, ``user`` None)."""
        return self.role is not None

    @property
    def unit_paths(self) -> tuple[str, ...]:
        """The materialised paths of the units in scope (a manager's units)."""
        return tuple(grant.path for grant in self.units)

    @property
    def sees_others(self) -> bool:
        """Whether the scope holds anyone besides oneself."""
        return self.everyone or bool(self.units)

    def is_role(self, *roles: Role) -> bool:
        """For the rare check that is about the role itself (the account pages); everything
        else asks for a permission."""
        return self.role is not None and self.role in roles

    # --- What -----------------------------------------------------------------------------

    def can(self, permission: Permission) -> bool:
        return self.is_authenticated and self.role in permission.roles

    def require(self, *permissions: Permission) -> None:
        """403 unless the role holds at least one of ``permissions``."""
        if not any(self.can(p) for p in permissions):
            raise PermissionDenied

    # --- Over whom ------------------------------------------------------------------------

    def aggregate_paths(self) -> tuple[str, ...] | None:
        """The units whose *aggregates* this caller may see: ``None`` for all of them (a role
        whose permission covers the whole municipality, e.g. HR or an analyst), else the
        manager's unit paths. Call after ``require`` — this does not check the permission."""
        if self.role == Role.MANAGER:
            return tuple(sorted(self.unit_paths))
        return None

    def unit_mask(self, paths: np.ndarray) -> np.ndarray:
        """A boolean mask over an array of unit paths: True where the unit is in scope (this
        unit or one below a managed unit). Everyone in scope: all True."""
        if self.everyone:
            return np.ones(len(paths), dtype=bool)
        mask = np.zeros(len(paths), dtype=bool)
        for path in self.unit_paths:
            mask |= np.char.startswith(paths.astype(str), path)
        return mask

    # --- Audit ----------------------------------------------------------------------------

    def record(
        self,
        person_ids: Iterable[int],
        *,
        action: str,
        category: str,
        detail: str = "",
        channel: str | None = None,
    ) -> None:
        """Write the audit log for this caller touching these people's data: one entry per
        person, "egen indsigt" for their own record and the role's purpose for the others."""
        ids = {int(pk) for pk in person_ids}
        if not ids:
            return
        own = ids & {self.person_id} if self.person_id is not None else set()
        for subjects, purpose in ((own, PURPOSE_OWN), (ids - own, self.purpose)):
            if subjects:
                audit.record(
                    actor=self.user,
                    subject_person_ids=subjects,
                    action=action,
                    category=category,
                    purpose=purpose,
                    channel=channel or self.channel,
                    detail=detail,
                )

    def record_read(self, person_ids: Iterable[int], *, category: str, detail: str = "") -> None:
        """Write the audit log for a read of these people's data."""
        self.record(person_ids, action=Action.READ, category=category, detail=detail)

    def via(self, channel: str) -> Access:
        """The same caller on another channel (a CLI command acting through the UI's services)."""
        return replace(self, channel=channel)
