"""The plan in plain Danish, written from the numbers — never by AI.

Every sentence is a template filled with figures from ``services.Plan``: the same P50 and
P10–P90 the tables show, rounded to whole people. Presentation only (it uses Django's
translation and number formatting); the numbers come from ``services``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from charlie.core.formats import format_count
from charlie.workforce.services import Band, Plan, PlanRow


def whole(value: float) -> str:
    """A whole number in Danish: 1234.4 → "1.234"."""
    return format_count(value)


def _range(band: Band) -> str:
    return _("mellem %(low)s og %(high)s") % {"low": whole(band.p10), "high": whole(band.p90)}


def _milestone(plan: Plan) -> int | None:
    """2030 when the plan reaches it, else the plan's last year."""
    if not plan.years:
        return None
    return 2030 if plan.years[0] <= 2030 <= plan.years[-1] else plan.years[-1]


def _until(row: PlanRow, measure: str, year: int) -> Band | None:
    return row.until.get(measure, {}).get(year)


def paragraphs(plan: Plan) -> list[str]:
    """Short paragraphs: the total, the three job families with most retirements, recruitment.
    (The page says separately when the scenario is illustrative.)"""
    total = plan.total()
    year = _milestone(plan)
    if total.hidden or year is None or not total.years:
        return [
            _(
                "Planen kan ikke opsummeres: der er for få personer i udvalget til at vise tal "
                "uden at afsløre enkeltpersoner."
            )
        ]
    out: list[str] = []
    retire = _until(total, "retirements", year)
    other = _until(total, "other_exits", year)
    recruit = _until(total, "recruitment", year)
    if retire and other:
        out.append(
            _(
                "Frem mod %(year)s forventes omkring %(retire)s af de ansatte at gå på pension "
                "(med 80 %% sandsynlighed %(retire_range)s) og omkring %(other)s at stoppe af "
                "andre grunde (med 80 %% sandsynlighed %(other_range)s). Tallene omfatter "
                "også dem, der bliver ansat undervejs."
            )
            % {
                "year": year,
                "retire": whole(retire.p50),
                "retire_range": _range(retire),
                "other": whole(other.p50),
                "other_range": _range(other),
            }
        )
    shown = [
        (band, r)
        for r in plan.rows["job_family"]
        if not r.hidden and (band := _until(r, "retirements", year)) is not None
    ]
    for band, row in sorted(shown, key=lambda item: -item[0].p50)[:3]:
        if band.p50 < 1:
            continue
        out.append(
            ngettext(
                "Frem mod %(year)s forventes omkring %(n)s medarbejder i jobfamilien "
                "»%(family)s« at gå på pension (med 80 %% sandsynlighed %(range)s) ud af "
                "%(today)s i dag.",
                "Frem mod %(year)s forventes omkring %(n)s medarbejdere i jobfamilien "
                "»%(family)s« at gå på pension (med 80 %% sandsynlighed %(range)s) ud af "
                "%(today)s i dag.",
                round(band.p50),
            )
            % {
                "year": year,
                "n": whole(band.p50),
                "family": row.label,
                "range": _range(band),
                "today": whole(row.base_headcount or 0),
            }
        )
    if recruit:
        first, last = plan.years[0], plan.years[-1]
        per_year = sum(y.recruitment.p50 for y in total.years) / len(total.years)
        out.append(
            _(
                "For at have det antal medarbejdere, scenariet forudsætter, skal der rekrutteres "
                "omkring %(recruit)s personer fra %(first)s til %(year)s (med 80 %% "
                "sandsynlighed %(range)s), og i gennemsnit omkring %(per_year)s om året frem "
                "til %(last)s. Behovet er fratrædelser plus vækst."
            )
            % {
                "recruit": whole(recruit.p50),
                "first": first,
                "year": year,
                "range": _range(recruit),
                "per_year": whole(per_year),
                "last": last,
            }
        )
    return out
