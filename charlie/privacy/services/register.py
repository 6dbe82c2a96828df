"""The data-use register: what HR data is used for, which every employee reads and the code
obeys (``audit.record`` refuses a use it does not list). The data protection officer edits it;
every edit writes a ``PurposeVersion`` with who, when and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.text import text_errors
from charlie.privacy.models import Purpose, PurposeVersion
from charlie.privacy.permissions import EDIT_REGISTER
from charlie.privacy.registry import categories as registered_categories
from charlie.privacy.registry import purposes as registered_purposes

if TYPE_CHECKING:
    from charlie.privacy.access import Access

NAME_MAX_LENGTH = 100
NOTE_MAX_LENGTH = 200
#: The fields the DPO may change, with their labels for the history.
EDITABLE_FIELDS = ("name", "description", "legal_basis", "categories", "who_may_see", "retention")


def purposes() -> QuerySet[Purpose]:
    """The active purposes, for the page every employee sees."""
    return Purpose.objects.filter(active=True).order_by("name", "code")


def require_register_editor(access: Access) -> None:
    """Only the data protection officer edits the register (403 otherwise)."""
    access.require(EDIT_REGISTER)


def get_purpose(code: str) -> Purpose:
    try:
        return Purpose.objects.get(code=code)
    except Purpose.DoesNotExist:
        raise NotFound from None


def category_labels(codes: Iterable[str]) -> list[str]:
    """The human labels of category codes (the code itself for one no app registers)."""
    known = registered_categories()
    return [str(known.get(code, code)) for code in codes]


def field_label(name: str) -> str:
    field = Purpose._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def update_purpose(
    access: Access,
    *,
    code: str,
    note: str,
    name: str | None = None,
    description: str | None = None,
    legal_basis: str | None = None,
    categories: list[str] | None = None,
    who_may_see: str | None = None,
    retention: str | None = None,
    active: bool | None = None,
    confirm_removal: bool = False,
) -> Purpose:
    """Change a purpose (DPO only) and write a ``PurposeVersion`` with who, when and why.

    ``None`` leaves a field as it is. Errors are ``ValidationFailed`` with Danish messages.
    Removing a category that Charlie's code reads for this purpose, or deactivating such a
    purpose, stops those pages working (``record`` refuses the read): it needs
    ``confirm_removal``, so the DPO is told first and decides knowingly.
    """
    require_register_editor(access)
    purpose = get_purpose(code)
    texts = {
        "name": name,
        "description": description,
        "legal_basis": legal_basis,
        "who_may_see": who_may_see,
        "retention": retention,
    }
    errors: list[str] = []
    changes: dict[str, Any] = {}
    for field_name, value in texts.items():
        if value is None:
            continue
        value = value.strip()
        label = {"field": field_label(field_name)}
        if not value:
            errors.append(_("Feltet »%(field)s« skal udfyldes.") % label)
        else:
            errors += text_errors(
                value,
                what=_("Feltet »%(field)s«") % label,
                multiline=field_name != "name",
            )
        changes[field_name] = value
    if len(changes.get("name", "")) > NAME_MAX_LENGTH:
        errors.append(_("Navnet må højst være %(n)d tegn.") % {"n": NAME_MAX_LENGTH})
    if categories is not None:
        known = registered_categories()
        codes = list(dict.fromkeys(categories))
        unknown = [c for c in codes if c not in known]
        if unknown:
            errors.append(_("Ukendt datakategori: %(codes)s.") % {"codes": ", ".join(unknown)})
        if not codes:
            errors.append(_("Vælg mindst én datakategori."))
        changes["categories"] = codes
        in_use = purpose.code in registered_purposes() and purpose.active
        removed = [c for c in purpose.categories if c not in codes and c in known]
        if in_use and removed and not confirm_removal:
            errors.append(
                _(
                    "Charlie bruger %(categories)s til dette formål. Fjerner du kategorien, "
                    "holder de sider, der viser oplysningerne til formålet, op med at virke, "
                    "indtil den er tilbage. Sæt kryds i »Jeg forstår konsekvensen« for at "
                    "gemme alligevel."
                )
                % {"categories": ", ".join(f"»{known[c]}«" for c in removed)}
            )
    if active is not None:
        changes["active"] = bool(active)
        in_use = purpose.active and purpose.code in registered_purposes()
        if in_use and not active and not confirm_removal:
            errors.append(
                _(
                    "Charlie bruger dette formål. Gøres det inaktivt, holder de sider, der "
                    "bruger det, op med at virke. Sæt kryds i »Jeg forstår konsekvensen« "
                    "for at gemme alligevel."
                )
            )
    note = (note or "").strip()
    if not note:
        errors.append(_("Skriv en kort note om, hvad du har ændret og hvorfor."))
    else:
        errors += text_errors(note, what=_("Noten"), max_length=NOTE_MAX_LENGTH)
    if errors:
        raise ValidationFailed(errors)
    changed = {k: v for k, v in changes.items() if getattr(purpose, k) != v}
    if not changed:
        raise ValidationFailed([_("Der er ingen ændringer at gemme.")])
    with transaction.atomic():
        for field_name, value in changed.items():
            setattr(purpose, field_name, value)
        purpose.save()
        PurposeVersion.objects.create(
            purpose=purpose,
            data=purpose.snapshot(),
            changed_by=access.user,
            changed_by_username=access.user.get_username() if access.user else "",
            note=note,
        )
    return purpose


@dataclass(frozen=True)
class VersionRow:
    version: PurposeVersion
    #: Labels of the fields this version changed; empty for the first version.
    changed_fields: list[str]


def history(code: str) -> list[VersionRow]:
    """A purpose's versions, newest first, each with the fields it changed."""
    purpose = get_purpose(code)
    versions = list(purpose.versions.select_related("changed_by").order_by("changed_at", "pk"))
    rows: list[VersionRow] = []
    previous: dict[str, Any] | None = None
    for version in versions:
        if previous is None:
            changed: list[str] = []
        else:
            changed = [
                field_label(name)
                for name in Purpose.SNAPSHOT_FIELDS
                if previous.get(name) != version.data.get(name)
            ]
        rows.append(VersionRow(version=version, changed_fields=changed))
        previous = version.data
    return list(reversed(rows))
