"""Compliance with mandatory training (issue 14, point 4): who must have which training, and
their status on a day — for the manager (own units), HR (everyone), the CLI and the API.

The whole computation is a handful of queries whatever the size — the rules, the people's
current employments, the counting completions grouped per person and course, the certified
skills grouped per person and skill — and one pass of the NumPy engine
(``learning.compliance``). 45,000 employees × 10 rules: ``benchmarks/bench_compliance.py``.

Who a rule covers: a person's **main current employment** (most weekly hours, then the oldest)
gives their unit and job family; the grace period runs from the first day of their earliest
current employment. A rule with job families covers those families; with units, those units
and every unit below; with both, people who match both; with neither, everyone.

A rule for a course counts the person's completions of it that count (completed or passed);
a rule for a skill counts a confirmed assessment of it with an expiry date (a certificate).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
from django.core.paginator import Page, Paginator
from django.db.models import CharField, DateField, Max, Value
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from charlie.core.errors import NotFound, ValidationFailed
from charlie.learning import compliance as engine
from charlie.learning import rules as learning_rules
from charlie.learning.models import Completion, MandatoryRule
from charlie.learning.permissions import READ_LEARNING
from charlie.learning.services.common import CATEGORY, for_learning, today
from charlie.people import services as people
from charlie.people.models import OrgUnit, Person
from charlie.privacy.access import Access
from charlie.skills import services as skills

#: Rows per page of the compliance list.
PER_PAGE = 50

#: The list's order: overdue first, then due, never (within the grace period), ok.
_ORDER = np.array(
    [
        3,  # ok
        1,  # due
        0,  # overdue
        2,  # never
    ],
    dtype=np.int8,
)

STATUS_LABELS = {
    engine.OK: _("I orden"),
    engine.DUE: _("Skal fornyes"),
    engine.OVERDUE: _("Overskredet"),
    engine.NEVER: _("Ikke taget endnu"),
}


@dataclass(frozen=True, slots=True)
class RuleFacts:
    pk: int
    name: str
    course_id: int | None
    skill_id: int | None
    families: frozenset[int]
    unit_paths: tuple[str, ...]
    renew_months: int
    grace_days: int


def active_rules(rule_id: int | None = None) -> list[RuleFacts]:
    """The active rules (three queries)."""
    rows = MandatoryRule.objects.filter(active=True)
    if rule_id is not None:
        rows = rows.filter(pk=rule_id)
    base = list(
        rows.order_by("name", "pk").values_list(
            "pk", "name", "course_id", "skill_id", "renew_months", "grace_days"
        )
    )
    ids = [row[0] for row in base]
    families: dict[int, set[int]] = {}
    for rule, family in MandatoryRule.job_families.through.objects.filter(
        mandatoryrule_id__in=ids
    ).values_list("mandatoryrule_id", "jobfamily_id"):
        families.setdefault(rule, set()).add(family)
    paths: dict[int, list[str]] = {}
    for rule, path in MandatoryRule.units.through.objects.filter(
        mandatoryrule_id__in=ids
    ).values_list("mandatoryrule_id", "orgunit__path"):
        paths.setdefault(rule, []).append(path)
    return [
        RuleFacts(
            pk,
            name,
            course,
            skill,
            frozenset(families.get(pk, ())),
            tuple(sorted(paths.get(pk, ()))),
            renew or 0,
            grace,
        )
        for pk, name, course, skill, renew, grace in base
    ]


@dataclass(frozen=True)
class Members:
    """People employed on the day, one entry each (NumPy arrays, same order)."""

    person: npt.NDArray[np.int64]
    unit: npt.NDArray[np.int64]
    family: npt.NDArray[np.int64]
    path: npt.NDArray[np.str_]
    start: npt.NDArray[np.datetime64]


def members(on: date, paths: tuple[str, ...] | None, person_id: int | None = None) -> Members:
    """Each person employed on ``on`` (within ``paths``' sub-trees when given): the unit and
    job family of their main employment, and the start of their earliest current one."""
    employed = people.current_employments(on=on)
    if paths is not None:
        employed = employed.filter(people.under_units(paths))
    if person_id is not None:
        employed = employed.filter(person_id=person_id)
    rows = list(
        employed.order_by("person_id", "-weekly_hours", "pk").values_list(
            "person_id",
            "org_unit_id",
            "job_family_id",
            "org_unit__path",
            Cast("start_date", CharField()),
        )
    )
    if not rows:
        none = np.zeros(0, dtype=np.int64)
        return Members(none, none, none, np.zeros(0, dtype=np.str_), none.astype("datetime64[D]"))
    persons, units, families, paths_, starts = zip(*rows, strict=True)
    person = np.array(persons, dtype=np.int64)
    # Sorted by person, then the main employment first: the first row of each person.
    first = np.flatnonzero(np.r_[True, person[1:] != person[:-1]])
    start = np.array([str(d)[:10] for d in starts], dtype="datetime64[D]")
    earliest = np.minimum.reduceat(start.astype(np.int64), first).astype("datetime64[D]")
    return Members(
        person=person[first],
        unit=np.array(units, dtype=np.int64)[first],
        family=np.array([f or 0 for f in families], dtype=np.int64)[first],
        path=np.array(paths_, dtype=np.str_)[first],
        start=earliest,
    )


def _covered(rule: RuleFacts, who: Members) -> npt.NDArray[np.bool_]:
    mask = np.ones(who.person.shape, dtype=bool)
    if rule.families:
        mask &= np.isin(who.family, np.array(sorted(rule.families), dtype=np.int64))
    if rule.unit_paths:
        inside = np.zeros(who.person.shape, dtype=bool)
        for path in rule.unit_paths:
            inside |= np.char.startswith(who.path, path)
        mask &= inside
    return mask


def _key(person: npt.NDArray[np.int64], thing: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    return (person << np.int64(32)) | thing


@dataclass(frozen=True)
class Evaluated:
    """Every (person, rule) pair of the computation and its result (arrays, same order)."""

    on: date
    rules: list[RuleFacts]
    person: npt.NDArray[np.int64]
    unit: npt.NDArray[np.int64]
    rule: npt.NDArray[np.int64]  # index into ``rules``
    last: npt.NDArray[np.datetime64]
    result: engine.Result

    def __len__(self) -> int:
        return int(self.person.shape[0])


#: "Never expires", as a date the database can compare (then read back as no limit).
FOREVER = date(9999, 12, 31)


def _table(
    rows: list[tuple[int, int, Any, Any]],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.datetime64], npt.NDArray[np.datetime64]]:
    """(key, last, valid) arrays of grouped rows (person, thing, last date, valid until), the
    dates as ISO text or dates."""
    if not rows:
        empty = np.zeros(0, dtype="datetime64[D]")
        return np.zeros(0, dtype=np.int64), empty, empty.copy()
    persons, things, lasts, valids = zip(*rows, strict=True)
    keys = _key(np.array(persons, dtype=np.int64), np.array(things, dtype=np.int64))
    last = np.array([str(d)[:10] for d in lasts], dtype="datetime64[D]")
    valid = np.array([str(d)[:10] for d in valids], dtype="datetime64[D]")
    valid[valid == np.datetime64(FOREVER, "D")] = engine.NAT
    return keys, last, valid


def _lookup(
    keys: npt.NDArray[np.int64],
    table_keys: npt.NDArray[np.int64],
    table_last: npt.NDArray[np.datetime64],
    table_valid: npt.NDArray[np.datetime64],
    last: npt.NDArray[np.datetime64],
    valid: npt.NDArray[np.datetime64],
    where: npt.NDArray[np.bool_],
) -> None:
    if not table_keys.size or not where.any():
        return
    order = np.argsort(table_keys, kind="stable")
    sorted_keys = table_keys[order]
    wanted = keys[where]
    pos = np.clip(np.searchsorted(sorted_keys, wanted), 0, sorted_keys.size - 1)
    found = sorted_keys[pos] == wanted
    idx = np.flatnonzero(where)[found]
    last[idx] = table_last[order[pos[found]]]
    valid[idx] = table_valid[order[pos[found]]]


def evaluate(
    *,
    on: date,
    paths: tuple[str, ...] | None,
    rule_id: int | None = None,
    person_id: int | None = None,
) -> Evaluated:
    """The status of every person employed on ``on`` (within ``paths``' sub-trees; ``None``:
    everyone) under every active rule that covers them. No permission check and no audit: the
    callers below check and record what they show."""
    rules = active_rules(rule_id)
    who = members(on, paths, person_id)
    parts_p, parts_u, parts_r, parts_s = [], [], [], []
    for i, rule in enumerate(rules):
        mask = _covered(rule, who)
        parts_p.append(who.person[mask])
        parts_u.append(who.unit[mask])
        parts_r.append(np.full(int(mask.sum()), i, dtype=np.int64))
        parts_s.append(who.start[mask])
    empty_i = np.zeros(0, dtype=np.int64)
    person = np.concatenate(parts_p) if parts_p else empty_i
    unit = np.concatenate(parts_u) if parts_u else empty_i
    rule_idx = np.concatenate(parts_r) if parts_r else empty_i
    start = np.concatenate(parts_s) if parts_s else np.zeros(0, dtype="datetime64[D]")

    n = person.shape[0]
    last = np.full(n, engine.NAT, dtype="datetime64[D]")
    valid = np.full(n, engine.NAT, dtype="datetime64[D]")
    course_of = np.array([r.course_id or 0 for r in rules], dtype=np.int64)
    skill_of = np.array([r.skill_id or 0 for r in rules], dtype=np.int64)
    by_course = course_of[rule_idx] > 0 if n else np.zeros(0, dtype=bool)
    in_scope = None
    if paths is not None:
        in_scope = people.current_employments(on=on).filter(people.under_units(paths))
    if person_id is not None:
        in_scope = people.current_employments(on=on).filter(person_id=person_id)

    course_ids = {r.course_id for r in rules if r.course_id}
    if course_ids and n:
        done = Completion.objects.filter(
            course_id__in=course_ids,
            result__in=learning_rules.COUNTING_RESULTS,
            completed_on__lte=on,
        )
        if in_scope is not None:
            done = done.filter(person_id__in=in_scope.values("person_id"))
        # Dates come back as ISO text and are parsed by NumPy in one go (Django's per-value
        # converters cost more than the query at 45,000 people × 10 rules); a completion
        # that never expires counts as 9999-12-31, then as "no limit".
        rows = list(
            done.values("person_id", "course_id")
            .annotate(
                last=Cast(Max("completed_on"), CharField()),
                until=Cast(
                    Max(Coalesce("valid_until", Value(FOREVER, output_field=DateField()))),
                    CharField(),
                ),
            )
            .values_list("person_id", "course_id", "last", "until")
        )
        t_keys, t_last, t_valid = _table(rows)
        _lookup(_key(person, course_of[rule_idx]), t_keys, t_last, t_valid, last, valid, by_course)

    skill_ids = {r.skill_id for r in rules if r.skill_id and not r.course_id}
    if skill_ids and n:
        scope_people = (
            None if in_scope is None else Person.objects.filter(pk__in=in_scope.values("person_id"))
        )
        held = skills.certified_skills(skill_ids, on=on, people=scope_people)
        t_keys, t_last, t_valid = _table(held)
        _lookup(_key(person, skill_of[rule_idx]), t_keys, t_last, t_valid, last, valid, ~by_course)

    renew = np.array([r.renew_months for r in rules], dtype=np.int64)
    grace = np.array([r.grace_days for r in rules], dtype=np.int64)
    result = engine.evaluate(
        np.datetime64(on, "D"),
        start=start,
        last=last,
        valid=valid,
        renew_months=renew[rule_idx] if n else np.zeros(0, dtype=np.int64),
        grace_days=grace[rule_idx] if n else np.zeros(0, dtype=np.int64),
    )
    return Evaluated(on, rules, person, unit, rule_idx, last, result)


# --- The list for managers and HR -------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    unit_id: int | None = None
    rule_id: int | None = None
    #: ``ok|due|overdue|never``, or ``due30|due60|due90`` for due within that many days.
    status: str = ""
    query: str = ""
    on: date | None = None


STATUS_CHOICES: tuple[tuple[str, Any], ...] = (
    (engine.OVERDUE, _("Overskredet")),
    ("due30", _("Skal fornyes inden for 30 dage")),
    ("due60", _("Skal fornyes inden for 60 dage")),
    ("due90", _("Skal fornyes inden for 90 dage")),
    (engine.NEVER, _("Ikke taget endnu (inden for fristen)")),
    (engine.OK, _("I orden")),
)


@dataclass(frozen=True)
class Row:
    person_id: int
    employee_number: str
    name: str
    unit: str
    rule: str
    last: date | None
    valid_until: date | None
    due_on: date | None
    status: str
    band: int

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    def as_dict(self) -> dict[str, Any]:
        return {
            "employee_number": self.employee_number,
            "name": self.name,
            "unit": self.unit,
            "rule": self.rule,
            "last_completion": _iso(self.last),
            "valid_until": _iso(self.valid_until),
            "due_on": _iso(self.due_on),
            "status": self.status,
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(value: np.datetime64) -> date | None:
    if np.isnat(value):
        return None
    result: date = value.astype("datetime64[D]").item()
    return result


def scope_paths(access: Access, unit_id: int | None, on: date) -> tuple[str, ...] | None:
    """The unit paths to list (``()``: nothing; ``None``: everyone, for HR). A unit outside the
    caller's scope is "not found"."""
    if unit_id is not None:
        if unit_id not in {pk for pk, _label in people.unit_choices(access, on=on)}:
            raise NotFound
        return (OrgUnit.objects.get(pk=unit_id).path,)
    if access.everyone:
        return None
    return tuple(sorted(access.unit_paths))


def unit_by_code(code: str) -> int:
    """The open unit with this code (the CLI's ``--unit``); a clear error when there is none."""
    pk = OrgUnit.objects.filter(code=code).order_by("-valid_from").values_list("pk", flat=True)
    found = list(pk[:1])
    if not found:
        raise ValidationFailed(
            [gettext("Ukendt enhedskode: %(code)s") % {"code": code}], field="unit"
        )
    return found[0]


def _selected(data: Evaluated, filters: Filter, ids: Sequence[int] | None) -> npt.NDArray[np.intp]:
    """The indexes of the pairs the filter keeps, overdue first, then by due date."""
    keep = np.ones(len(data), dtype=bool)
    if filters.rule_id is not None:
        wanted = [i for i, r in enumerate(data.rules) if r.pk == filters.rule_id]
        keep &= np.isin(data.rule, np.array(wanted, dtype=np.int64))
    status = filters.status
    if status in engine.CODE:
        keep &= data.result.status == engine.CODE[status]
    elif status.startswith("due") and status[3:] in {"30", "60", "90"}:
        keep &= (data.result.status == engine.CODE[engine.DUE]) & (
            data.result.band <= int(status[3:])
        )
    if ids is not None:
        keep &= np.isin(data.person, np.array(ids, dtype=np.int64))
    chosen = np.flatnonzero(keep)
    due = data.result.due_on[chosen]
    due_key = np.where(np.isnat(due), np.iinfo(np.int64).max, due.astype(np.int64))
    order = np.lexsort(
        (data.rule[chosen], data.person[chosen], due_key, _ORDER[data.result.status[chosen]])
    )
    return chosen[order]


def _rows(data: Evaluated, indexes: Sequence[int]) -> list[Row]:
    ids = {int(data.person[i]) for i in indexes}
    persons = {
        pk: (number, f"{first} {last}")
        for pk, number, first, last in Person.objects.filter(pk__in=ids).values_list(
            "pk", "employee_number", "first_name", "last_name"
        )
    }
    labels = people.unit_labels()
    names = dict(
        OrgUnit.objects.filter(pk__in={int(data.unit[i]) for i in indexes}).values_list(
            "pk", "name"
        )
    )
    out = []
    for i in indexes:
        pid, unit = int(data.person[i]), int(data.unit[i])
        number, name = persons[pid]
        out.append(
            Row(
                person_id=pid,
                employee_number=number,
                name=name,
                unit=labels.get(unit, names.get(unit, "")),
                rule=data.rules[int(data.rule[i])].name,
                last=_day(data.last[i]),
                valid_until=_day(data.result.valid_until[i]),
                due_on=_day(data.result.due_on[i]),
                status=data.result.status_name(int(i)),
                band=int(data.result.band[i]),
            )
        )
    return out


def _matching(query: str) -> list[int] | None:
    if not query.strip():
        return None
    return list(
        Person.objects.filter(people.name_or_number_matches(query)).values_list("pk", flat=True)
    )


@dataclass
class ComplianceList:
    page: Page[int]
    rows: list[Row]
    filters: Filter
    on: date
    units: list[tuple[int, str]]
    rules: list[tuple[int, str]]
    counts: dict[str, int]


def _evaluate_for(access: Access, filters: Filter) -> tuple[Evaluated, npt.NDArray[np.intp]]:
    access.require(READ_LEARNING)
    on = filters.on or today()
    data = evaluate(on=on, paths=scope_paths(access, filters.unit_id, on), rule_id=filters.rule_id)
    return data, _selected(data, filters, _matching(filters.query))


def compliance_list(access: Access, filters: Filter, *, page: int = 1) -> ComplianceList:
    """One page of people and their mandatory training, overdue first: HR everyone, a manager
    the people employed in their units. 403 without ``READ_LEARNING``; a unit outside the
    scope is 404. Each person on the page is recorded as read."""
    data, chosen = _evaluate_for(access, filters)
    counts = {name: int((data.result.status == code).sum()) for name, code in engine.CODE.items()}
    paged = Paginator(chosen.tolist(), PER_PAGE).get_page(page)
    rows = _rows(data, list(paged.object_list))
    for_learning(access).record_read(
        sorted({row.person_id for row in rows}), category=CATEGORY, detail="krav-oversigt"
    )
    return ComplianceList(
        page=paged,
        rows=rows,
        filters=filters,
        on=data.on,
        units=people.unit_choices(access),
        rules=[(r.pk, r.name) for r in active_rules()],
        counts=counts,
    )


#: The most rows an export or a CLI run gives (the CLI for everyone runs without it).
EXPORT_LIMIT = 100_000


def compliance_rows(
    access: Access, filters: Filter, *, detail: str = "krav-eksport", limit: int | None = None
) -> list[Row]:
    """Every row the filter keeps (the Excel export, the CLI, the API's pages), recorded as a
    read of each person listed."""
    data, chosen = _evaluate_for(access, filters)
    if limit is not None:
        chosen = chosen[:limit]
    rows = _rows(data, chosen.tolist())
    for_learning(access).record_read(
        sorted({row.person_id for row in rows}), category=CATEGORY, detail=detail
    )
    return rows


def compliance_page(
    access: Access, filters: Filter, *, offset: int, limit: int, detail: str = "api"
) -> tuple[int, list[Row]]:
    """The API's page: the total count and ``limit`` rows from ``offset``, recorded."""
    data, chosen = _evaluate_for(access, filters)
    rows = _rows(data, chosen[offset : offset + limit].tolist())
    for_learning(access).record_read(
        sorted({row.person_id for row in rows}), category=CATEGORY, detail=detail
    )
    return int(chosen.shape[0]), rows


def my_mandatory(person: Person, *, on: date | None = None) -> list[Row]:
    """A person's own mandatory training (for "Min læring"; the caller records the read)."""
    on = on or today()
    data = evaluate(on=on, paths=None, person_id=person.pk)
    idx = np.arange(len(data))
    due = data.result.due_on[idx]
    due_key = np.where(np.isnat(due), np.iinfo(np.int64).max, due.astype(np.int64))
    idx = idx[np.lexsort((data.rule[idx], due_key))]
    return _rows(data, idx.tolist())
