"""The permission vocabulary (``Permission``) and what privacy lets each role do.

A :class:`Permission` is a named thing a role may do; each app declares its own in its
``permissions.py`` (``people.permissions.READ_PERSON``, …), and :data:`PERMISSIONS` lists them
all. The type lives here, in a module that imports no other part of privacy, so that privacy's
own services can declare and require permissions while ``charlie.privacy.access`` (which writes
the audit log through those services) re-exports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from charlie.core.roles import Role


@dataclass(frozen=True, slots=True)
class Permission:
    """A named thing a role may do, e.g. ``absence.manage_tasks``.

    ``code`` is ``<app>.<verb>_<object>``; ``label`` is the Danish text for people; ``roles``
    are the roles that hold it. Declaring one registers it in :data:`PERMISSIONS`.
    """

    code: str
    label: str | Promise
    roles: frozenset[Role] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        known = PERMISSIONS.get(self.code)
        if known is not None and known != self:
            raise ValueError(f"Permission {self.code!r} is declared twice, differently")
        PERMISSIONS[self.code] = self

    def __str__(self) -> str:
        return self.code


#: Every declared permission by code (filled as the apps' ``permissions.py`` are imported).
PERMISSIONS: dict[str, Permission] = {}


# --- Privacy's own permissions ---

#: Search and export the audit log (the DPO's supervision, GDPR art. 39). Reading it is itself
#: logged (purpose ``tilsyn``).
READ_AUDIT_LOG = Permission(
    "privacy.read_audit_log",
    _("Søge i logningen og eksportere den"),
    frozenset({Role.DPO}),
)

#: Edit the data-use register ("Sådan bruger vi HR-data"); every employee reads it.
EDIT_REGISTER = Permission(
    "privacy.edit_register",
    _("Redigere fortegnelsen over, hvad HR-data bruges til"),
    frozenset({Role.DPO}),
)

#: Set the kommune's retention periods and approve or reject deletion proposals.
DECIDE_RETENTION = Permission(
    "privacy.decide_retention",
    _("Fastsætte opbevaringsperioder og godkende eller afvise sletning"),
    frozenset({Role.DPO}),
)

#: Read and handle the employees' requests for correction (GDPR art. 16).
HANDLE_CORRECTIONS = Permission(
    "privacy.handle_corrections",
    _("Behandle medarbejdernes anmodninger om rettelse"),
    frozenset({Role.HR}),
)
