"""National reference figures for sickness absence, shipped as data.

Days of sickness absence per full-time employee in the kommuner, from DOMAIN.md 2.5, each with
its series, year and source. Two series exist and they are never mixed (DOMAIN.md 2.5: "The
methods differ. Never mix the two series."):

- **KRL** (Kommunernes og Regionernes Løndatakontor): 2019 per job family and in total; 2023 in
  total and for teachers (13.2 days, the one 2023 group figure DOMAIN.md 2.5 gives as KRL's).
  The 2019 per-job-family figures come from ``charlie.people.job_families`` (one place).
- **DST** (Danmarks Statistik, via Dansk Erhverv): 2023 in total.

**One KRL year per page** (:func:`comparison_year`): the statistics page compares everything —
the summary, the table by job family, the chart's line, the Excel file — with the same KRL year:
the newest the data has, or the one configured (``CHARLIE_ABSENCE_KRL_YEAR``). A job family
without a figure for that year has none; figures of another year are never mixed in.

Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass

from charlie.core.language import gettext
from charlie.people.job_families import JOB_FAMILIES, KRL_TOTAL_DAYS_2019

KRL = "KRL"
DST = "DST"
SERIES_NAMES = {
    KRL: "KRL (Kommunernes og Regionernes Løndatakontor)",
    DST: "Danmarks Statistik",
}
KRL_2019_URL = (
    "https://www.dknyt.dk/artikel/sygefravaeret-steg-en-smule-i-kommuner-og-regioner-sidste-aar"
)
KRL_2023_URL = (
    "https://www.folkeskolen.dk/ansaettelsesforhold-corona/"
    "nye-tal-sygefravaeret-falder-men-ligger-hojere-end-for-corona/4768938"
)
DST_2023_URL = "https://bornholmnyt.dk/bornholm-i-top-med-sygefravaer/"
#: KRL 2023 by job family (code, name, days per FTE): DOMAIN.md 2.5, folkeskolen.dk.
KRL_2023_BY_JOB_FAMILY: tuple[tuple[str, str, float], ...] = (("laerer", "Lærere", 13.2),)


@dataclass(frozen=True)
class ReferenceFigure:
    """One published figure: sickness days per full-time employee."""

    series: str  # KRL or DST
    year: int
    days_per_fte: float
    source_url: str
    #: The job family's code (``people.JobFamily.code``) and name; None for all employees.
    job_family_code: str | None = None
    job_family_name: str | None = None

    @property
    def series_name(self) -> str:
        return SERIES_NAMES[self.series]


_FIGURES: tuple[ReferenceFigure, ...] = (
    *(
        ReferenceFigure(KRL, 2019, seed.krl_days_2019, KRL_2019_URL, seed.code, seed.name)
        for seed in JOB_FAMILIES
        if seed.krl_days_2019 is not None
    ),
    ReferenceFigure(KRL, 2019, KRL_TOTAL_DAYS_2019, KRL_2019_URL),
    ReferenceFigure(KRL, 2023, 14.8, KRL_2023_URL),
    *(
        ReferenceFigure(KRL, 2023, days, KRL_2023_URL, code, name)
        for code, name, days in KRL_2023_BY_JOB_FAMILY
    ),
    ReferenceFigure(DST, 2023, 16.2, DST_2023_URL),
)


def reference_figures(series: str | None = None) -> list[ReferenceFigure]:
    """Every reference figure, or one series' (``KRL`` or ``DST``)."""
    if series is not None and series not in SERIES_NAMES:
        raise ValueError(f"unknown series {series!r}; use KRL or DST")
    return [f for f in _FIGURES if series is None or f.series == series]


def krl_by_job_family(year: int = 2019) -> dict[str, ReferenceFigure]:
    """KRL per job family for ``year``, keyed by the job family's name as figures rows are
    labelled — the Danish name and its name in the reader's language
    (``job_families.display_name``); only the families the data has a figure for that year."""
    figures = [
        f for f in reference_figures(KRL) if f.job_family_name is not None and f.year == year
    ]
    keyed = {gettext(f.job_family_name): f for f in figures if f.job_family_name}
    keyed.update({f.job_family_name: f for f in figures if f.job_family_name})
    return keyed


def years(series: str) -> list[int]:
    """The years with an all-employees figure in a series, newest first."""
    return sorted({f.year for f in reference_figures(series) if f.job_family_code is None})[::-1]


def comparison_year(configured: int | None = None) -> int:
    """The one KRL year a page compares with: ``configured`` (``CHARLIE_ABSENCE_KRL_YEAR``) when
    given, else the newest year the data has. A year without KRL figures is refused."""
    available = years(KRL)
    if configured is None:
        return available[0]
    if configured not in available:
        raise ValueError(
            f"Der er ingen KRL-tal for {configured}. Vælg et af årene "
            f"{', '.join(str(y) for y in available)}."
        )
    return configured


def total(series: str, year: int | None = None) -> ReferenceFigure:
    """The all-employees figure of one series: the given year, or the latest."""
    totals = [f for f in reference_figures(series) if f.job_family_code is None]
    if year is not None:
        totals = [f for f in totals if f.year == year]
        if not totals:
            raise ValueError(f"no {series} total for {year}")
    return max(totals, key=lambda f: f.year)
