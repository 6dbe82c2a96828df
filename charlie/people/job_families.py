"""The job families (stillingskategorier) of municipal statistics, seeded by a data migration.

The first nine are the KRL groups of DOMAIN.md 2.5 (KRL 2019 absence figures); the rest are other
groups every kommune has. ``krl_days_2019`` is the KRL 2019 figure, days of sickness absence per
full-time employee, where DOMAIN.md gives one (source: dknyt.dk, see DOMAIN.md 2.5); for the other
groups it is ``None`` and the demo uses the 2019 municipal total of 12.1 days.
"""

from __future__ import annotations

from typing import NamedTuple


class JobFamilySeed(NamedTuple):
    code: str
    name: str
    krl_days_2019: float | None


JOB_FAMILIES: tuple[JobFamilySeed, ...] = (
    JobFamilySeed("administration", "Administration og IT", 8.9),
    JobFamilySeed("akademiker", "Akademikere", 6.2),
    JobFamilySeed("dagplejer", "Dagplejere", 14.7),
    JobFamilySeed("laerer", "Lærere", 10.9),
    JobFamilySeed("paedagog", "Pædagogisk personale, daginstitutioner", 14.1),
    JobFamilySeed("paedagogmedhjaelper", "Pædagogmedhjælpere", 13.7),
    JobFamilySeed("sosu", "Social- og sundhedspersonale", 16.3),
    JobFamilySeed("socialpaedagog", "Socialpædagoger", 14.4),
    JobFamilySeed("socialraadgiver", "Socialrådgivere", 11.1),
    JobFamilySeed("leder", "Ledere", None),
    JobFamilySeed("sygeplejerske", "Sygeplejersker", None),
    JobFamilySeed("teknisk_service", "Teknisk servicepersonale", None),
    JobFamilySeed("rengoering", "Rengørings- og køkkenpersonale", None),
    JobFamilySeed("terapeut", "Fysio- og ergoterapeuter", None),
    JobFamilySeed("haandvaerker", "Håndværkere og vej og park", None),
    JobFamilySeed("elev", "Elever og lærlinge", None),
    JobFamilySeed("oevrige", "Øvrige", None),
)

KRL_TOTAL_DAYS_2019 = 12.1
