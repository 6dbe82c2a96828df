"""What the identity provider says about a user, read without Django (decision 0020).

Pure functions over the claims (a dict from the id_token and the userinfo endpoint) and the
configured group → role mapping; ``accounts.sso`` applies the result to the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: The role codes a group may map to (``core.roles.Role`` values, repeated here so this module
#: needs no Django).
ROLE_CODES = frozenset({"employee", "manager", "hr", "analyst", "dpo", "admin"})


class MappingError(ValueError):
    """The group → role mapping in the settings cannot be used."""


@dataclass(frozen=True, slots=True)
class GroupRole:
    group: str
    role: str


def parse_group_roles(text: str) -> tuple[GroupRole, ...]:
    """Parse ``"hr-gruppe=hr,ledere=manager"`` into its entries, in the order written.

    The order matters: a user in several mapped groups gets the role of the first entry that
    names one of their groups. Group names are compared without regard to case.

    >>> parse_group_roles("HR-gruppe=hr, ledere=manager")
    (GroupRole(group='hr-gruppe', role='hr'), GroupRole(group='ledere', role='manager'))
    >>> parse_group_roles("")
    ()
    """
    entries: list[GroupRole] = []
    seen: set[str] = set()
    for raw in text.split(","):
        item = raw.strip()
        if not item:
            continue
        group, sep, role = item.rpartition("=")
        group, role = group.strip().casefold(), role.strip().lower()
        if not sep or not group:
            raise MappingError(f"{item!r} is not GROUP=ROLE")
        if role not in ROLE_CODES:
            raise MappingError(f"{item!r}: unknown role {role!r} (one of {sorted(ROLE_CODES)})")
        if group in seen:
            raise MappingError(f"group {group!r} is mapped twice")
        seen.add(group)
        entries.append(GroupRole(group, role))
    return tuple(entries)


def groups_of(claims: Mapping[str, Any], claim: str) -> frozenset[str]:
    """The user's groups from ``claims[claim]``: a list of names, or one name, case-folded.

    Anything else (a number, a nested object) counts as no group.

    >>> sorted(groups_of({"groups": ["Ledere", "alle"]}, "groups"))
    ['alle', 'ledere']
    >>> groups_of({"groups": "HR-gruppe"}, "groups")
    frozenset({'hr-gruppe'})
    >>> groups_of({}, "groups")
    frozenset()
    """
    value = claims.get(claim) if claim else None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return frozenset()
    return frozenset(v.strip().casefold() for v in value if isinstance(v, str) and v.strip())


def role_from_groups(groups: Iterable[str], mapping: Iterable[GroupRole]) -> GroupRole | None:
    """The first mapping entry whose group the user is in, or ``None`` when none is.

    >>> mapping = parse_group_roles("hr-gruppe=hr,ledere=manager")
    >>> role_from_groups({"ledere", "hr-gruppe"}, mapping)
    GroupRole(group='hr-gruppe', role='hr')
    >>> role_from_groups({"alle"}, mapping) is None
    True
    """
    names = {g.casefold() for g in groups}
    for entry in mapping:
        if entry.group in names:
            return entry
    return None


def text_claim(claims: Mapping[str, Any], claim: str, *, max_length: int = 150) -> str:
    """A claim that should be one short text (an employee number, an e-mail), stripped; "" when
    it is missing, not a string or a number, or too long.

    >>> text_claim({"medarbejdernr": 1042}, "medarbejdernr")
    '1042'
    >>> text_claim({"email": ["a@b"]}, "email")
    ''
    """
    value = claims.get(claim) if claim else None
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    text = str(value).strip()
    return text if len(text) <= max_length and text.isprintable() else ""


def usable_email(claims: Mapping[str, Any]) -> str:
    """The e-mail to match an account by: only when the IdP has not said it is unverified.

    >>> usable_email({"email": "Anne@Kommune.dk", "email_verified": False})
    ''
    >>> usable_email({"email": "anne@kommune.dk"})
    'anne@kommune.dk'
    """
    if claims.get("email_verified") is False:
        return ""
    email = text_claim(claims, "email", max_length=254)
    return email if "@" in email else ""
