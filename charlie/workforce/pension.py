"""Danish retirement ages by exact birth date (DOMAIN.md section 3). Pure: stdlib and NumPy only.

What it gives, for one person (``date``) or for many at once (NumPy arrays):

* **folkepensionsalder** and the date it is reached (:func:`folkepension`,
  :func:`folkepension_age`, :func:`folkepension_date`; vectorised :func:`folkepension_ages`,
  :func:`folkepension_years`, :func:`folkepension_dates`);
* **efterlønsalder** (:func:`efterloen`);
* the **tidlig pension** and **seniorpension** windows, for information only
  (:func:`tidlig_pension_window`, :func:`seniorpension_window`).

Every figure is a :class:`RuleAge` that says whether it is law (``legislated``) and, in plain
Danish, what is uncertain about it (``note``). Nothing here decides a case: Udbetaling Danmark,
the a-kasse and the kommune do.

Rules and sources
-----------------
Folkepensionsalder (lov om social pension, "pensionsloven", § 1 a; DOMAIN.md 3.1–3.2):

=============================  ======  ==================================================
Born                           Age     Source
=============================  ======  ==================================================
before 1 Jul 1939              67      lov nr. 287 af 12.05.1999 lowered 67 → 65 only for
                                       people born on or after 1 Jul 1939 (historic)
1 Jul 1939 – 31 Dec 1953       65      § 1 a, nr. 1
1 Jan – 30 Jun 1954            65½     § 1 a, nr. 2
1 Jul – 31 Dec 1954            66      § 1 a, nr. 3
1 Jan – 30 Jun 1955            66½     § 1 a, nr. 4
1 Jul 1955 – 31 Dec 1962       67      § 1 a, nr. 5
1 Jan 1963 – 31 Dec 1966       68      § 1 a, nr. 6 (lov nr. 1810 af 23.12.2015)
1 Jan 1967 – 31 Dec 1970       69      § 1 a, nr. 7 (law in force 31 Dec 2020)
1 Jan 1971 or later            70      law adopted 22 May 2025, in force 31 Dec 2025
                                       (DOMAIN.md 3.2; its number was not found)
=============================  ======  ==================================================

§ 1 a, stk. 2–3: the age of people born after 1962 is reviewed every 5 years and a raise takes
effect on 1 January 15 years after the review year, at most 1 year at a time. The next review
(2030) can therefore only touch people who reach 70 in 2045 or later, i.e. people born in 1975
or later: for them 70 is the law today but may be raised. STAR's projections above 70 (71 for
1975–1978, …) are not law and are never returned (DOMAIN.md 3.2, rule 9).

Efterlønsalder (lov om arbejdsløshedsforsikring m.v. § 74, whose text was not retrieved; the
table is from https://www.pension.dk/medlem/seniorer/din-efterlons--og-pensionsalder/, the same
steps are on https://ajks.dk/pension for 1954–1963 and, citing STAR, on
https://serviceforbundet.dk/nyheder/2022-01-19-1-januar-steg-pensionsalderen-igen from 1955;
DOMAIN.md 3.3): 60 before 1954, then ½ year per half-year cohort to 62 (2nd half of 1955),
62½, 63 (2nd half 1956–1958), 63½, 64 (2nd half 1959–1962), 65 (1963–66), 66 (1967–70),
67 (1971–74, shown with an asterisk by Danske A-kasser and "not yet adopted" by pension.dk:
``legislated=False``). For people born in 1975 or later no age is adopted; pension.dk keeps the
period on efterløn at 3 years and Danske A-kasser's projection keeps efterløn 3 years below
folkepension (67½ against 70½), so we return folkepensionsalder − 3 years, ``legislated=False``.

Tidlig pension (pensionsloven, in force 1 Jan 2021; DOMAIN.md 3.4, corrected by cohort from
https://www.borger.dk/pension-og-efterloen/tidlig-pension/vil-du-soege-om-ret-til-tidlig-pension
and https://www.3f.dk/find-svar/pension/tidlig-pension): 1, 2 or 3 years before folkepension;
the seniority needed and the age it is counted at depend on the birth cohort (see
:func:`tidlig_pension_seniority`). One may apply from 6 years before folkepensionsalder, 7 years
for people born in 1963, 1964, 1967 and 1968; applications from 1 Aug 2021, payment from
1 Jan 2022 at the earliest (borger.dk).

Seniorpension (pensionsloven kapitel 3 a, lov nr. 1559 af 27.12.2019, in force 1 Jan 2020;
DOMAIN.md 3.5; https://star.dk/da/ydelser/pension-og-efterloen/folkepension-tidlig-pension-foertidspension-og-seniorpension/seniorpension/):
at most 6 years to folkepensionsalder, working capacity permanently at most 15 hours a week in
the latest job, 20–25 years of employment. One may apply 6 months before the 6 years are reached
(https://www.slagelse.dk/borger/personlige-forhold/pension-og-tillaeg/foertidspension/seniorpension).

Folkepension is paid from the 1st of the month after the month in which one reaches
folkepensionsalder (borger.dk, "Før du går på folkepension"): :func:`folkepension_payable_from`.

The day an age is reached (one rule for the whole module)
---------------------------------------------------------
Reaching age *y* years and *m* months means the day with the same day-of-month *y* years and *m*
months after birth: born 15 Mar 1955, 66½ is reached on 15 Sep 2021. When that day does not exist
(born 31 Mar 1955: there is no 31 Sep 2021; born 29 Feb: no 29 Feb in a common year), the age is
reached on **the 1st of the following month** (1 Oct 2021; 1 Mar).

This is a **convention, not a confirmed Danish rule**. No Danish rule on how an age is counted
was found (searched: "født 29. februar fødselsdag alder", "folkepension fra dagen man når
folkepensionsalderen", "skudårsbarn myndig", age at the start of the birthday). The Danish rule
found for periods counted in months, forældelsesloven § 27 (a missing day means the last day of
the month), is about limitation periods, not ages, and points to 30 Sep / 28 Feb instead. The
1 March reading is the one German law gives for ages (BGB §§ 187(2), 188(3): the year is completed
at the end of 28 Feb) and the one :func:`charlie.absence.policy.add_years` already uses. It gives
the later of the two candidate days, so an "earliest" date is never too early. The choice can move
the first folkepension payment by one month for people born on 29 Feb (for whole ages) or on the
31st of March or May (for 65½ and 66½); it never changes the calendar year. Check with Udbetaling
Danmark before release.

Every window edge is the day a person reaches an age computed from the birth date (e.g. "6 years
before folkepensionsalder" = the day one reaches folkepensionsalder − 6 years), never a date moved
back by whole years, so the same rule applies everywhere.
"""

from __future__ import annotations

import bisect
import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from charlie.core.language import gettext_noop as _
from charlie.core.messages import DayMonth, Message, join, text

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
DateArray = npt.NDArray[np.datetime64]


@dataclass(frozen=True, order=True)
class Age:
    """An age in whole years and months: 65½ is ``Age(65, 6)``."""

    years: int
    months: int = 0

    def __post_init__(self) -> None:
        if self.years < 0 or not 0 <= self.months <= 11:
            raise ValueError(f"An age needs years ≥ 0 and 0 ≤ months ≤ 11, not {self!r}.")

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    @classmethod
    def from_months(cls, months: int) -> Age:
        return cls(*divmod(months, 12))

    def minus(self, years: int = 0, months: int = 0) -> Age:
        """This age less ``years`` and ``months`` (65½ minus 6 months is 65)."""
        return Age.from_months(self.total_months - years * 12 - months)

    def as_years(self) -> float:
        """The age as a number of years: 65½ → 65.5."""
        return self.years + self.months / 12

    def __str__(self) -> str:
        """Danish display: "65½", "67"; other month counts as "65 år og 3 mdr."."""
        if self.months == 0:
            return str(self.years)
        if self.months == 6:
            return f"{self.years}½"
        return f"{self.years} år og {self.months} mdr."


@dataclass(frozen=True)
class RuleAge:
    """An age a rule sets for one person, with its standing.

    ``legislated`` is False where the figure is a projection or could not be confirmed as law;
    ``note`` says why ("" when there is nothing to add): a message (``core.messages``) that
    ``str()`` writes in the reader's language.
    """

    age: Age
    reached_on: date
    legislated: bool
    note: Message | str


@dataclass(frozen=True)
class Window:
    """When a person could use an early-retirement scheme. Information only.

    ``earliest`` is the first day the scheme can run, ``ends`` the folkepension date (the scheme
    runs up to it), ``apply_from`` the first day one may apply, and ``conditions`` the other
    conditions in plain words (a message, written in the reader's language when shown).
    Whether the person meets them is decided by the authorities.
    """

    earliest: date
    ends: date
    apply_from: date | None
    conditions: Message | str


# --------------------------------------------------------------------------------------------
# Reaching an age
# --------------------------------------------------------------------------------------------


def date_reaching(birth: date, age: Age) -> date:
    """The day a person born on ``birth`` reaches ``age``.

    Same day of the month ``age`` later; where that day does not exist, the 1st of the following
    month (a convention, see the module docstring): born 31 Mar 1955, 66½ → 1 Oct 2021; born
    29 Feb 1956, 67 → 1 Mar 2023.
    """
    index = birth.year * 12 + (birth.month - 1) + age.total_months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    if birth.day <= last:
        return date(year, month0 + 1, birth.day)
    return date(year, month0 + 1, last) + timedelta(days=1)


def _reached_by_convention(birth: date, age: Age) -> bool:
    """True when the birthday for ``age`` does not exist and the convention decided the date."""
    return date_reaching(birth, age).day != birth.day


# The notes and conditions: messages (``core.messages``), written in the reader's language with
# the dates their way when they are shown.
CONVENTION = text(
    "workforce.pension.convention",
    _(
        "Du er født den %(birthday)s, og den %(missing)s findes ikke. Vi regner med, at du når "
        "%(age)s år den %(reached)s; det er en konvention, som ikke er bekræftet af Udbetaling "
        "Danmark."
    ),
)
FOLKEPENSION_OLD = text(
    "workforce.pension.folkepension_old",
    _(
        "Personer født før 1. juli 1939 fik folkepension som 67-årige; nedsættelsen til 65 år "
        "(lov nr. 287 af 12. maj 1999) gjaldt kun personer født 1. juli 1939 eller senere."
    ),
)
FOLKEPENSION_OPEN = text(
    "workforce.pension.folkepension_open",
    _(
        "70 år er vedtaget, men folkepensionsalderen tages op igen hvert 5. år og kan blive hævet "
        "for personer født i 1975 eller senere. Fremskrivninger over 70 år (fx STAR's 71 år) er "
        "ikke vedtaget."
    ),
)
EFTERLOEN_UNCONFIRMED = text(
    "workforce.pension.efterloen_unconfirmed",
    _(
        "Efterlønsalderen 67 år for personer født 1971–1974 står i Danske A-kassers oversigt, "
        "men det er ikke bekræftet, at Folketinget har vedtaget den."
    ),
)
EFTERLOEN_PROJECTED = text(
    "workforce.pension.efterloen_projected",
    _(
        "Efterlønsalderen for personer født i 1975 eller senere er ikke vedtaget. Tallet er "
        "folkepensionsalderen minus 3 år, som for alle født fra 1. juli 1959; det kan ændre sig."
    ),
)
TIDLIG_UNCONFIRMED = text(
    "workforce.pension.tidlig_unconfirmed",
    _(
        "For personer født i 1971 eller senere følger kravet til antal år på arbejdsmarkedet "
        "folkepensionsalderen; de præcise antal år for din årgang er ikke bekræftet her. Årene "
        "opgøres, når du fylder %(counted_at)s år."
    ),
)
TIDLIG_SENIORITY = text(
    "workforce.pension.tidlig_seniority",
    _(
        "Du kan gå 1, 2 eller 3 år før folkepensionsalderen, hvis du har været på "
        "arbejdsmarkedet i mindst %(one)s, %(two)s eller %(three)s år, opgjort når du fylder "
        "%(counted_at)s år."
    ),
)
TIDLIG_CONDITIONS = text(
    "workforce.pension.tidlig_conditions",
    _(
        "Du skal også have været tilknyttet arbejdsmarkedet i 9 måneder i træk, lige før der er "
        "3 måneder til, at du kan gå på tidlig pension. Du kan søge, når der er %(lead)s år til "
        "din folkepensionsalder. Udbetaling Danmark afgør, om du har ret til tidlig pension; "
        "datoerne her er kun til information."
    ),
)
SENIORPENSION_CONDITIONS = text(
    "workforce.pension.seniorpension_conditions",
    _(
        "Du kan få seniorpension, når der er højst 6 år til din folkepensionsalder, hvis din "
        "arbejdsevne er varigt nedsat til højst 15 timer om ugen i forhold til dit seneste job, "
        "og du har været i beskæftigelse i sammenlagt mindst 20–25 år. Du kan søge 6 måneder "
        "før, der er 6 år til folkepensionsalderen. Kommunen og Seniorpensionsenheden afgør "
        "sagen; datoerne her er kun til information."
    ),
)


def _convention_note(birth: date, age: Age) -> Message | str:
    """A note for a date set by the month-end convention; "" when the birthday exists."""
    if not _reached_by_convention(birth, age):
        return ""
    reached = date_reaching(birth, age)
    missing_month = (reached.month - 2) % 12 + 1  # reached is the 1st of the next month
    missing_year = reached.year  # never December → January, see folkepension_years
    return CONVENTION(
        birthday=DayMonth(birth.day, birth.month),
        missing=DayMonth(birth.day, missing_month, missing_year),
        age=str(age),
        reached=reached,
    )


def _join(*notes: Message | str) -> Message | str:
    joined: Message | str = ""
    for note in notes:
        joined = join(joined, note)
    return joined


# --------------------------------------------------------------------------------------------
# Folkepension (pensionsloven § 1 a; DOMAIN.md 3.1–3.2)
# --------------------------------------------------------------------------------------------

#: Birth date from which each folkepensionsalder applies, in order (the first band has no start).
_FOLKEPENSION_STARTS: tuple[date, ...] = (
    date(1939, 7, 1),  # lov nr. 287 af 12.05.1999: 65 from this cohort on (67 before)
    date(1954, 1, 1),  # § 1 a, nr. 2
    date(1954, 7, 1),  # nr. 3
    date(1955, 1, 1),  # nr. 4
    date(1955, 7, 1),  # nr. 5
    date(1963, 1, 1),  # nr. 6
    date(1967, 1, 1),  # nr. 7
    date(1971, 1, 1),  # 2025 law: 70 for people born after 31 Dec 1970
)
_FOLKEPENSION_AGES: tuple[Age, ...] = (
    Age(67),
    Age(65),
    Age(65, 6),
    Age(66),
    Age(66, 6),
    Age(67),
    Age(68),
    Age(69),
    Age(70),
)

#: Before this birth date the 1999 rule (67) applied; § 1 a as consolidated today says 65.
FOLKEPENSION_65_FROM = _FOLKEPENSION_STARTS[0]
#: The first cohort under the 2025 law (70).
FOLKEPENSION_70_FROM = date(1971, 1, 1)
#: The first cohort whose age the next 5-yearly review (§ 1 a, stk. 2–3) can still raise:
#: a review in 2030 takes effect on 1 Jan 2045, when people born in 1975 reach 70.
FOLKEPENSION_OPEN_FROM = date(1975, 1, 1)


def folkepension_age(birth: date) -> Age:
    """Folkepensionsalder for a person born on ``birth``.

    Pensionsloven § 1 a (DOMAIN.md 3.1) with the 2025 law: 70 for people born on or after
    1 Jan 1971 (DOMAIN.md 3.2). People born before 1 Jul 1939 keep the age of 67 they had before
    lov nr. 287 af 12.05.1999. Never returns an age above 70: those are projections.
    """
    return _FOLKEPENSION_AGES[bisect.bisect_right(_FOLKEPENSION_STARTS, birth)]


def folkepension_date(birth: date) -> date:
    """The day a person born on ``birth`` reaches folkepensionsalder (see :func:`date_reaching`)."""
    return date_reaching(birth, folkepension_age(birth))


def first_of_next_month(day: date) -> date:
    """The 1st of the month after ``day``: pensions are paid from there once their conditions are
    met (pensionsloven § 33, stk. 1–3, LBK nr. 527 af 25.04.2022). 1 Jul 2022 → 1 Aug 2022;
    31 Dec 2024 → 1 Jan 2025."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def folkepension_payable_from(birth: date) -> date:
    """The first day folkepension can be paid: the 1st of the month after the age is reached.

    Source: pensionsloven § 33, stk. 1; borger.dk, "Før du går på folkepension" ("fra den 1. i
    måneden, efter du når folkepensionsalderen"). Born 1 Jul 1955 → reaches 67 on 1 Jul 2022 →
    from 1 Aug 2022.
    """
    return first_of_next_month(folkepension_date(birth))


def folkepension(birth: date) -> RuleAge:
    """Folkepensionsalder, the day it is reached and its standing (pensionsloven § 1 a).

    All ages returned are law (``legislated`` True). Born 1975 or later: ``note`` says that a
    later review may raise the age above 70 (§ 1 a, stk. 2–3; DOMAIN.md 3.2). Born before
    1 Jul 1939: ``note`` explains the historic age of 67. Where the day was set by the month-end
    convention, ``note`` says so.
    """
    age = folkepension_age(birth)
    note: Message | str = ""
    if birth < FOLKEPENSION_65_FROM:
        note = FOLKEPENSION_OLD()
    elif birth >= FOLKEPENSION_OPEN_FROM:
        note = FOLKEPENSION_OPEN()
    return RuleAge(
        age=age,
        reached_on=date_reaching(birth, age),
        legislated=True,
        note=_join(note, _convention_note(birth, age)),
    )


# --------------------------------------------------------------------------------------------
# Efterløn (arbejdsløshedsforsikringsloven § 74; DOMAIN.md 3.3)
# --------------------------------------------------------------------------------------------

_EFTERLOEN_STARTS: tuple[date, ...] = (
    date(1954, 1, 1),
    date(1954, 7, 1),
    date(1955, 1, 1),
    date(1955, 7, 1),
    date(1956, 1, 1),
    date(1956, 7, 1),
    date(1959, 1, 1),
    date(1959, 7, 1),
    date(1963, 1, 1),
    date(1967, 1, 1),
    date(1971, 1, 1),
)
_EFTERLOEN_AGES: tuple[Age, ...] = (
    Age(60),
    Age(60, 6),
    Age(61),
    Age(61, 6),
    Age(62),
    Age(62, 6),
    Age(63),
    Age(63, 6),
    Age(64),
    Age(65),
    Age(66),
    Age(67),
)

#: From this cohort the efterlønsalder (67) is shown by Danske A-kasser but not confirmed as law.
EFTERLOEN_UNCONFIRMED_FROM = date(1971, 1, 1)
#: From this cohort no efterlønsalder is adopted; we follow folkepensionsalder − 3 years.
EFTERLOEN_PROJECTED_FROM = date(1975, 1, 1)
#: Years on efterløn for everyone born from 1 Jul 1959 (pension.dk), used for 1975+.
EFTERLOEN_YEARS = 3


def efterloen(birth: date) -> RuleAge | None:
    """Efterlønsalder: the earliest age for efterløn (DOMAIN.md 3.3), with its standing.

    Born before 1 Jul 1959 the steps are from pension.dk, confirmed by ajks.dk and (from 1955)
    Serviceforbundet citing STAR; 1 Jul 1959 – 1970 is the DOMAIN.md 3.3 table. 1971–1974 → 67 is
    ``legislated=False`` (Danske A-kasser's table with an asterisk; unconfirmed whether the 2025
    law fixed it). Born 1975 or later: folkepensionsalder − 3 years, ``legislated=False``: no age
    is adopted, and from 1 Jul 1959 efterløn has always started 3 years before folkepension
    (pension.dk: 3 years on efterløn for every cohort from then, 1975+ included; Danske
    A-kasser's projection for 1975+: 67½ against 70½). Never None at present; the return type
    leaves room for a cohort for which no basis at all can be given.

    Only the age is given; membership of an a-kasse and the efterlønsbidrag decide whether a
    person can get efterløn at all.
    """
    note: Message | str
    if birth >= EFTERLOEN_PROJECTED_FROM:
        age = folkepension_age(birth).minus(years=EFTERLOEN_YEARS)
        legislated, note = False, EFTERLOEN_PROJECTED()
    else:
        age = _EFTERLOEN_AGES[bisect.bisect_right(_EFTERLOEN_STARTS, birth)]
        legislated = birth < EFTERLOEN_UNCONFIRMED_FROM
        note = "" if legislated else EFTERLOEN_UNCONFIRMED()
    return RuleAge(
        age=age,
        reached_on=date_reaching(birth, age),
        legislated=legislated,
        note=_join(note, _convention_note(birth, age)),
    )


# --------------------------------------------------------------------------------------------
# Tidlig pension and seniorpension (DOMAIN.md 3.4–3.5): information only
# --------------------------------------------------------------------------------------------

#: Tidlig pension: the first day it could be paid, and the first day one could apply (borger.dk).
TIDLIG_PENSION_PAID_FROM = date(2022, 1, 1)
TIDLIG_PENSION_APPLY_FROM = date(2021, 8, 1)
#: The first cohort with tidlig pension (3F: "født i perioden fra og med 1. juli 1955").
TIDLIG_PENSION_FIRST_COHORT = date(1955, 7, 1)
TIDLIG_PENSION_MAX_YEARS = 3
#: Cohorts (birth years) that apply and are counted 7 years, not 6, before folkepension.
_TIDLIG_PENSION_SEVEN_YEAR_COHORTS = frozenset({1963, 1964, 1967, 1968})

#: Seniorpension came into force on this day (lov nr. 1559 af 27.12.2019).
SENIORPENSION_FROM = date(2020, 1, 1)
SENIORPENSION_YEARS = 6
SENIORPENSION_APPLY_MONTHS_BEFORE = 6


def _tidlig_pension_lead_years(birth: date) -> int:
    return 7 if birth.year in _TIDLIG_PENSION_SEVEN_YEAR_COHORTS else 6


def tidlig_pension_seniority(birth: date) -> tuple[int, int, int] | None:
    """Years on the labour market needed for 1, 2 and 3 years of tidlig pension.

    By cohort (borger.dk and 3F, see the module docstring): born 1 Jul 1955 – 1964: 42/43/44;
    1965–1968: 43/44/45; 1969–1970: 44/45/46. The seniority is counted at the age one may apply
    (folkepensionsalder − 6 years, − 7 for 1963, 1964, 1967, 1968: 61, 62 or 63). None before
    1 Jul 1955 (no tidlig pension) and from 1971: the requirement is to follow folkepensionsalder,
    but the figures for the 70-year cohorts were not confirmed.
    """
    if birth < TIDLIG_PENSION_FIRST_COHORT or birth.year >= 1971:
        return None
    if birth.year <= 1964:
        return (42, 43, 44)
    if birth.year <= 1968:
        return (43, 44, 45)
    return (44, 45, 46)


def tidlig_pension_window(birth: date) -> Window | None:
    """When tidlig pension ("Arne-pension") could run for a person born on ``birth``.

    Information only (DOMAIN.md 3.4; pensionsloven, tidlig pension in force 1 Jan 2021).
    ``earliest`` is the first day it can be paid: the 1st of the month after one reaches
    folkepensionsalder − 3 years (the most a person can get; pensionsloven § 33, stk. 3: "tidligst
    fra den 1. i måneden efter at betingelserne for tidlig pension er opfyldt"), but not before
    1 Jan 2022, when the first payments could be made; ``ends`` is the folkepension
    date; ``apply_from`` is the day one reaches folkepensionsalder − 6 years (− 7 for people born
    in 1963, 1964, 1967 and 1968), but not before 1 Aug 2021. None for people born before
    1 Jul 1955, who reached folkepension before the scheme paid anything.
    """
    ends = folkepension_date(birth)
    if birth < TIDLIG_PENSION_FIRST_COHORT or ends <= TIDLIG_PENSION_PAID_FROM:
        return None
    age = folkepension_age(birth)
    lead = _tidlig_pension_lead_years(birth)
    counted_at = age.minus(years=lead)
    earliest = max(
        first_of_next_month(date_reaching(birth, age.minus(years=TIDLIG_PENSION_MAX_YEARS))),
        TIDLIG_PENSION_PAID_FROM,
    )
    apply_from = max(date_reaching(birth, counted_at), TIDLIG_PENSION_APPLY_FROM)
    seniority = tidlig_pension_seniority(birth)
    if seniority is None:
        requirement = TIDLIG_UNCONFIRMED(counted_at=str(counted_at))
    else:
        one, two, three = seniority
        requirement = TIDLIG_SENIORITY(one=one, two=two, three=three, counted_at=str(counted_at))
    conditions = join(requirement, TIDLIG_CONDITIONS(lead=lead))
    return Window(earliest=earliest, ends=ends, apply_from=apply_from, conditions=conditions)


def seniorpension_window(birth: date) -> Window | None:
    """When seniorpension could run for a person born on ``birth``.

    Information only (DOMAIN.md 3.5; pensionsloven kapitel 3 a, lov nr. 1559 af 27.12.2019).
    ``earliest`` is the first day it can be paid: the 1st of the month after one reaches
    folkepensionsalder − 6 years (pensionsloven § 33, stk. 2: "tidligst fra den 1. i måneden
    efter at betingelserne ... er opfyldt"), but not before 1 Jan 2020 (when the scheme began);
    ``ends`` is the folkepension date; ``apply_from`` is 6 months before the age condition is met
    (the day one reaches folkepensionsalder − 6½ years, § 26 b), not before 1 Jan 2020.
    None for people who reached folkepensionsalder by 1 Jan 2020.
    """
    ends = folkepension_date(birth)
    if ends <= SENIORPENSION_FROM:
        return None
    age = folkepension_age(birth)
    earliest_age = age.minus(years=SENIORPENSION_YEARS)
    earliest = max(first_of_next_month(date_reaching(birth, earliest_age)), SENIORPENSION_FROM)
    apply_from = max(
        date_reaching(birth, earliest_age.minus(months=SENIORPENSION_APPLY_MONTHS_BEFORE)),
        SENIORPENSION_FROM,
    )
    return Window(
        earliest=earliest,
        ends=ends,
        apply_from=apply_from,
        conditions=SENIORPENSION_CONDITIONS(),
    )


# --------------------------------------------------------------------------------------------
# Vectorised, for the workforce projection
# --------------------------------------------------------------------------------------------

_STARTS_D = np.array([d.isoformat() for d in _FOLKEPENSION_STARTS], dtype="datetime64[D]")
_AGE_MONTHS = np.array([a.total_months for a in _FOLKEPENSION_AGES], dtype=np.int64)


def _birth_days(birth_days: Any) -> DateArray:
    """Validate and convert to ``datetime64[D]``.

    Accepts ``datetime64`` of any unit, or integers counted as days since 1970-01-01 (the form
    used by :mod:`charlie.workforce.history` and the demo generator).
    """
    arr = np.asarray(birth_days)
    if arr.dtype.kind in "iu":
        arr = arr.astype(np.int64).astype("datetime64[D]")
    elif arr.dtype.kind == "M":
        arr = arr.astype("datetime64[D]")
    else:
        raise TypeError(
            f"Birth dates must be datetime64 or whole days since 1970-01-01, not {arr.dtype}."
        )
    if np.isnat(arr).any():
        raise ValueError("A birth date is missing (NaT); every person needs a birth date.")
    return arr


def _age_months(days: DateArray) -> IntArray:
    return _AGE_MONTHS[np.searchsorted(_STARTS_D, days, side="right")]


def folkepension_ages(birth_days: Any) -> FloatArray:
    """Folkepensionsalder in years (65.5 etc.) for each birth date; as :func:`folkepension_age`."""
    return _age_months(_birth_days(birth_days)) / 12.0


def folkepension_dates(birth_days: Any) -> DateArray:
    """The day each person reaches folkepensionsalder; as :func:`folkepension_date`.

    Same month-end convention: a day that does not exist becomes the 1st of the next month.
    """
    days = _birth_days(birth_days)
    month = days.astype("datetime64[M]")
    day_index = (days - month.astype("datetime64[D]")).astype(np.int64)  # 0 = the 1st
    target = month + _age_months(days).astype("timedelta64[M]")
    start = target.astype("datetime64[D]")
    following = (target + np.timedelta64(1, "M")).astype("datetime64[D]")
    length = (following - start).astype(np.int64)
    out: DateArray = np.where(day_index < length, start + day_index, following)
    return out


def folkepension_years(birth_days: Any) -> IntArray:
    """The calendar year in which each person reaches folkepensionsalder.

    Equals ``folkepension_date(b).year`` for every ``b``: the month-end convention only moves a
    day from the end of February, April, June, September or November to the 1st of the next
    month, never across a new year, so the year of the target month is the answer.
    """
    days = _birth_days(birth_days)
    target = days.astype("datetime64[M]") + _age_months(days).astype("timedelta64[M]")
    years: IntArray = target.astype("datetime64[Y]").astype(np.int64) + 1970
    return years
