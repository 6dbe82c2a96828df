"""What other apps register with privacy (DESIGN.md, "Architecture"): privacy imports no app.

- Data categories and purposes: a short code stored in the audit log, with a label for people.
- A person resolver, registered by ``people``: it turns an employee number into a person id (for
  the DPO's search) and person ids into display names, so the audit log never stores a name.
  It also finds a user's own person id, for "Mine data".
- Data providers for "Mine data" (GDPR art. 15 and 20): per data category, a function that
  returns that category's rows for one person as plain JSON-able dicts with Danish labels.
- The request's caller: ``people`` registers ``people.services.access_of``, so privacy's own
  views get the same cached ``Access`` as every other view (``access_of`` below) without
  importing ``people``.
- Retention rules (docs/retention.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from django.utils.translation import gettext

from charlie.privacy.retention import MONTHS, YEARS, Unit, period_in_range, period_range

if TYPE_CHECKING:
    from django.http import HttpRequest

    from charlie.core.models import User
    from charlie.privacy.access import Access


@dataclass(frozen=True)
class PersonLabel:
    name: str
    employee_number: str


@dataclass(frozen=True)
class PersonResolver:
    #: An employee number → the person's id, or None when there is no such person.
    by_employee_number: Callable[[str], int | None]
    #: Person ids → name and employee number, for the ids that still exist.
    labels: Callable[[Iterable[int]], dict[int, PersonLabel]]
    #: A logged-in user → the id of their own person record, or None when they have none.
    own_person_id: Callable[[User], int | None] = field(default=lambda user: None)
    #: (person id, request id) → the page where HR corrects that person's data and closes the
    #: request in one step, or None where there is none (people's correction form).
    correction_url: Callable[[int, int], str | None] = field(default=lambda person, request: None)


#: A person id → that category's rows for the person, as JSON-able dicts with Danish labels.
DataProvider = Callable[[int], list[dict[str, Any]]]


_categories: dict[str, Any] = {}
_purposes: dict[str, Any] = {}
_resolver: PersonResolver | None = None
_providers: dict[str, DataProvider] = {}


def register_category(code: str, label: Any) -> None:
    """A data category (``stamdata``, ``ansaettelse``, …) with a (lazy) label."""
    _categories[code] = label


def register_purpose(code: str, label: Any) -> None:
    """A purpose of processing (``hr_administration``, …) with a (lazy) label."""
    _purposes[code] = label


_audit_details: set[str] = set()


def register_audit_details(*details: str) -> None:
    """Fixed texts an app writes as an audit entry's detail ("opgave udført"), each marked with
    ``gettext_noop``: the DPO's log shows them in the reader's language
    (:func:`audit_detail_label`). The stored detail stays as it was written."""
    _audit_details.update(details)


def audit_detail_label(detail: str) -> str:
    """An entry's detail on screen: a registered text in the reader's language; any other
    detail (a URL name, a count, a role change) as it is."""
    return gettext(detail) if detail in _audit_details else detail


def categories() -> dict[str, Any]:
    return dict(_categories)


def purposes() -> dict[str, Any]:
    return dict(_purposes)


def register_person_resolver(resolver: PersonResolver) -> None:
    global _resolver
    _resolver = resolver


def person_resolver() -> PersonResolver:
    """The registered resolver; one that knows nobody when no app has registered one."""
    if _resolver is None:
        return PersonResolver(by_employee_number=lambda number: None, labels=lambda ids: {})
    return _resolver


def register_data_provider(category: str, fn: DataProvider) -> None:
    """What "Mine data" shows for a data category: ``fn(person_id)`` returns the rows."""
    _providers[category] = fn


def data_providers() -> dict[str, DataProvider]:
    """The registered providers, in registration order."""
    return dict(_providers)


# --- The request's caller ---


class AccessProvider(Protocol):
    """``people.services.access_of``: the request's ``Access``, built once and kept on it."""

    def __call__(self, request: HttpRequest, *, channel: str = ...) -> Access: ...


_access_provider: AccessProvider | None = None


def register_access_provider(provider: AccessProvider) -> None:
    """Registered by ``people`` at start-up (``PeopleConfig.ready``)."""
    global _access_provider
    _access_provider = provider


def access_of(request: HttpRequest, *, channel: str = "ui") -> Access:
    """The request's caller, for privacy's views (the provider ``people`` registers)."""
    if _access_provider is None:
        raise RuntimeError("No access provider is registered (charlie.people is not installed)")
    return _access_provider(request, channel=channel)


# --- Retention rules (docs/retention.md) ---


@dataclass(frozen=True)
class Applied:
    """What a rule's ``apply`` did: how many items it deleted or anonymised, and whose they were
    (person ids, for the audit log; never stored in the deletion log)."""

    count: int
    person_ids: list[int]


@dataclass(frozen=True, kw_only=True)
class RetentionRule:
    """A rule for when one kind of item has been kept long enough, registered by the app that
    owns the items. Privacy never reads the app's tables: it calls these functions.

    The period is local policy (DOMAIN.md 6.2): ``default_years`` (or ``default_months`` for a
    rule counted in calendar months; exactly one of them) is the default, the DPO may change it
    (``privacy.RetentionPolicy``), and ``description`` says why the default was chosen. Nothing
    is deleted until the DPO approves a batch (DOMAIN.md 6.3).

    ``find`` and ``by_year`` get the period *in the rule's unit*: years for a year rule, months
    for a month rule (``charlie.privacy.retention.period_cutoff`` turns it into a date).
    """

    #: A stable slug (``tidligere_medarbejdere``), stored in batches, policies and the log.
    code: str
    #: The data category (as registered with ``register_category``) the items belong to; the
    #: audit entries for the affected people are written with it.
    category: str
    label: Any
    description: Any
    #: The default period in whole years (1–50) …
    default_years: int | None = None
    #: … or in whole calendar months (1–600).
    default_months: int | None = None
    #: ``"delete"`` or ``"anonymise"``.
    action: str
    #: ``find(today, period)`` → the ids (in the app's own table) of the items past the rule.
    find: Callable[[Any, int], list[int]]
    #: ``apply(ids)`` deletes or anonymises those items and says how many, and whose.
    apply: Callable[[list[int]], Applied]
    #: ``by_year(today, period)`` → {year the item's period ended: count}, for the dry-run
    #: report. Optional: without it the report counts ``find`` and shows no breakdown.
    by_year: Callable[[Any, int], dict[int, int]] | None = None

    def __post_init__(self) -> None:
        if self.action not in ("delete", "anonymise"):
            raise ValueError(f"Retention rule {self.code!r}: unknown action {self.action!r}")
        if (self.default_years is None) == (self.default_months is None):
            raise ValueError(
                f"Retention rule {self.code!r}: give default_years or default_months (one)"
            )
        if not period_in_range(self.default_period, self.unit):
            low, high = period_range(self.unit)
            raise ValueError(
                f"Retention rule {self.code!r}: default_{self.unit} must be {low}–{high}"
            )

    @property
    def unit(self) -> Unit:
        """``"years"`` or ``"months"``: what the rule's periods count."""
        return MONTHS if self.default_months is not None else YEARS

    @property
    def default_period(self) -> int:
        """The default period in the rule's unit."""
        if self.default_months is not None:
            return self.default_months
        if self.default_years is not None:
            return self.default_years
        raise ValueError(f"Retention rule {self.code!r} has no default period")


_retention_rules: dict[str, RetentionRule] = {}


def register_retention_rule(rule: RetentionRule) -> None:
    """A retention rule; registering the same code again replaces it (harmless on reload)."""
    _retention_rules[rule.code] = rule


def retention_rules() -> dict[str, RetentionRule]:
    """The registered retention rules, in registration order."""
    return dict(_retention_rules)
