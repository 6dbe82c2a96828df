"""The job families (stillingskategorier) of municipal statistics, seeded by a data migration.

The first nine are the KRL groups of DOMAIN.md 2.5 (KRL 2019 absence figures); the rest are other
groups every kommune has. ``krl_days_2019`` is the KRL 2019 figure, days of sickness absence per
full-time employee, where DOMAIN.md gives one (source: dknyt.dk, see DOMAIN.md 2.5); for the other
groups it is ``None`` and the demo uses the 2019 municipal total of 12.1 days.

The names are Danish, as KRL writes them, and stay Danish in the database (the KRL reference
figures are matched by them). On screen :func:`display_name` gives a standard family its name
in the reader's language, as long as the kommune has not renamed it; a local name is shown as
it is.
"""

from __future__ import annotations

from typing import NamedTuple

from charlie.core.language import gettext
from charlie.core.language import gettext_noop as _


class JobFamilySeed(NamedTuple):
    code: str
    name: str
    krl_days_2019: float | None


JOB_FAMILIES: tuple[JobFamilySeed, ...] = (
    JobFamilySeed("administration", _("Administration og IT"), 8.9),
    JobFamilySeed("akademiker", _("Akademikere"), 6.2),
    JobFamilySeed("dagplejer", _("Dagplejere"), 14.7),
    JobFamilySeed("laerer", _("Lærere"), 10.9),
    JobFamilySeed("paedagog", _("Pædagogisk personale, daginstitutioner"), 14.1),
    JobFamilySeed("paedagogmedhjaelper", _("Pædagogmedhjælpere"), 13.7),
    JobFamilySeed("sosu", _("Social- og sundhedspersonale"), 16.3),
    JobFamilySeed("socialpaedagog", _("Socialpædagoger"), 14.4),
    JobFamilySeed("socialraadgiver", _("Socialrådgivere"), 11.1),
    JobFamilySeed("leder", _("Ledere"), None),
    JobFamilySeed("sygeplejerske", _("Sygeplejersker"), None),
    JobFamilySeed("teknisk_service", _("Teknisk servicepersonale"), None),
    JobFamilySeed("rengoering", _("Rengørings- og køkkenpersonale"), None),
    JobFamilySeed("terapeut", _("Fysio- og ergoterapeuter"), None),
    JobFamilySeed("haandvaerker", _("Håndværkere og vej og park"), None),
    JobFamilySeed("elev", _("Elever og lærlinge"), None),
    JobFamilySeed("oevrige", _("Øvrige"), None),
)

KRL_TOTAL_DAYS_2019 = 12.1

_STANDARD_NAMES = {family.code: family.name for family in JOB_FAMILIES}


def display_name(code: str, name: str) -> str:
    """The name to show for a job family: a standard family (one of :data:`JOB_FAMILIES`, with
    its standard name) in the reader's language (``core.language``); any other as stored."""
    if _STANDARD_NAMES.get(code) == name:
        return gettext(name)
    return name
