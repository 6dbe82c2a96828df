"""National reference figures for sickness absence, shipped as data.

Days of sickness absence per full-time employee in the kommuner, from DOMAIN.md 2.5, each with
its series, year and source. Two series exist and they are never mixed (DOMAIN.md 2.5: "The
methods differ. Never mix the two series."):

- **KRL** (Kommunernes og Regionernes Løndatakontor): 2019 per job family and in total, and 2023
  in total. The per-job-family figures come from ``charlie.people.job_families`` (one place).
- **DST** (Danmarks Statistik, via Dansk Erhverv): 2023 in total.

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
    ReferenceFigure(DST, 2023, 16.2, DST_2023_URL),
)


def reference_figures(series: str | None = None) -> list[ReferenceFigure]:
    """Every reference figure, or one series' (``KRL`` or ``DST``)."""
    if series is not None and series not in SERIES_NAMES:
        raise ValueError(f"unknown series {series!r}; use KRL or DST")
    return [f for f in _FIGURES if series is None or f.series == series]


def krl_by_job_family() -> dict[str, ReferenceFigure]:
    """KRL 2019 per job family, keyed by the job family's name as figures rows are labelled:
    the Danish name and its name in the reader's language (``job_families.display_name``)."""
    figures = [f for f in reference_figures(KRL) if f.job_family_name is not None]
    keyed = {gettext(f.job_family_name): f for f in figures if f.job_family_name}
    keyed.update({f.job_family_name: f for f in figures if f.job_family_name})
    return keyed


def total(series: str, year: int | None = None) -> ReferenceFigure:
    """The all-employees figure of one series: the given year, or the latest."""
    totals = [f for f in reference_figures(series) if f.job_family_code is None]
    if year is not None:
        totals = [f for f in totals if f.year == year]
        if not totals:
            raise ValueError(f"no {series} total for {year}")
    return max(totals, key=lambda f: f.year)
