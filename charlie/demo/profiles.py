"""The shape of Demo Kommune: job-family profiles, unit types and areas (pure data, no Django).

Everything the generator assumes about a Danish municipality that is a *number* lives here, so it
can be read and challenged in one place. Sources are DOMAIN.md sections; where DOMAIN.md gives no
figure the value is a stated, plausible assumption for a demo (marked "assumption").

- Job families and their KRL 2019 sickness figures: ``charlie.people.job_families`` (DOMAIN.md 2.5).
- Full-time share: 47 % of municipal employees work full time; 8 in 10 in elder care and health
  work part time (DOMAIN.md 4.1). ``full_time_share`` per family is set so the whole workforce
  lands near one half and SOSU near one in five.
- Gender shares per family: assumption (SOSU, pædagoger and nurses mostly women; craftsmen and
  technical service mostly men), in line with the public picture of these occupations.
- Age at hiring per family: assumption, tuned so that the current workforce has a mean age of
  about 45 and about a quarter aged 55+ (DOMAIN.md 4.1–4.2).
- Shares of staff per unit type: assumption, giving roughly the mix of a Danish kommune (SOSU
  the biggest group, then teachers and pedagogical staff, then administration).
"""

from __future__ import annotations

from dataclasses import dataclass, field

Weighted = tuple[tuple[str, float], ...]

#: Part-time weekly hours and their weights (assumption). "care" is SOSU, cleaning and
#: pedagogical assistants, where part-time contracts of 25–34 hours are the norm.
PART_TIME_HOURS: dict[str, tuple[tuple[float, ...], tuple[float, ...]]] = {
    "care": (
        (20.0, 24.0, 25.0, 26.0, 28.0, 30.0, 32.0, 34.0, 35.0),
        (0.03, 0.05, 0.08, 0.08, 0.20, 0.24, 0.18, 0.10, 0.04),
    ),
    "standard": (
        (18.5, 22.0, 25.0, 28.0, 30.0, 32.0, 33.0, 34.0, 35.0),
        (0.03, 0.04, 0.08, 0.12, 0.22, 0.20, 0.08, 0.12, 0.11),
    ),
}


@dataclass(frozen=True, slots=True)
class FamilyProfile:
    """What differs between job families in the demo (see the module docstring for sources)."""

    female_share: float
    full_time_share: float
    part_time: str
    #: Age at hiring: mean, standard deviation, minimum, maximum (assumption).
    hire_age: tuple[float, float, float, float]
    #: Relative rate of resignations (1 = average; assumption).
    resignation_factor: float
    agreement: str
    titles: Weighted
    #: Relative rate of work injuries (assumption: physical work is riskier).
    injury_factor: float = 1.0


FAMILY_PROFILES: dict[str, FamilyProfile] = {
    "administration": FamilyProfile(
        0.80, 0.62, "standard", (34, 10, 20, 62), 1.0,
        "Overenskomst for administrativt personale (HK Kommunal)",
        (("Administrativ medarbejder", 0.5), ("Assistent", 0.2), ("Sagsbehandler", 0.3)),
        0.5,
    ),
    "akademiker": FamilyProfile(
        0.62, 0.85, "standard", (33, 8, 24, 62), 1.05,
        "Overenskomst for akademikere i kommunerne (AC)",
        (("Konsulent", 0.5), ("Specialkonsulent", 0.35), ("Chefkonsulent", 0.15)),
        0.4,
    ),
    "dagplejer": FamilyProfile(
        0.97, 0.80, "standard", (38, 9, 22, 60), 0.8,
        "Overenskomst for dagplejere (FOA)", (("Dagplejer", 1.0),), 1.0,
    ),
    "laerer": FamilyProfile(
        0.70, 0.78, "standard", (31, 8, 24, 60), 0.9,
        "Overenskomst for lærere m.fl. i folkeskolen (Danmarks Lærerforening)",
        (("Lærer", 0.92), ("Børnehaveklasseleder", 0.08)), 0.7,
    ),
    "paedagog": FamilyProfile(
        0.80, 0.35, "standard", (31, 9, 22, 60), 1.0,
        "Overenskomst for pædagogisk personale (BUPL)", (("Pædagog", 1.0),), 1.0,
    ),
    "paedagogmedhjaelper": FamilyProfile(
        0.72, 0.22, "care", (28, 11, 18, 60), 1.4,
        "Overenskomst for pædagogmedhjælpere og pædagogiske assistenter (FOA)",
        (("Pædagogmedhjælper", 0.6), ("Pædagogisk assistent", 0.4)), 1.0,
    ),
    "sosu": FamilyProfile(
        0.88, 0.15, "care", (34, 11, 19, 60), 1.2,
        "Overenskomst for social- og sundhedspersonale (FOA)",
        (("Social- og sundhedsassistent", 0.5), ("Social- og sundhedshjælper", 0.5)), 1.6,
    ),
    "socialpaedagog": FamilyProfile(
        0.66, 0.45, "standard", (32, 9, 22, 60), 1.0,
        "Overenskomst for socialpædagoger (Socialpædagogerne)", (("Socialpædagog", 1.0),), 1.4,
    ),
    "socialraadgiver": FamilyProfile(
        0.88, 0.72, "standard", (31, 9, 24, 60), 1.15,
        "Overenskomst for socialrådgivere og socialformidlere (Dansk Socialrådgiverforening)",
        (("Socialrådgiver", 0.85), ("Socialformidler", 0.15)), 0.5,
    ),
    "leder": FamilyProfile(
        0.62, 0.98, "standard", (43, 6, 32, 60), 0.6,
        "Aftale om aflønning af ledere", (("Leder", 1.0),), 0.5,
    ),
    "sygeplejerske": FamilyProfile(
        0.95, 0.38, "standard", (33, 9, 23, 60), 1.1,
        "Overenskomst for sygeplejersker (Dansk Sygeplejeråd)",
        (("Sygeplejerske", 0.88), ("Sygeplejerske med særlige funktioner", 0.12)), 1.2,
    ),
    "teknisk_service": FamilyProfile(
        0.12, 0.85, "standard", (40, 10, 20, 62), 0.8,
        "Overenskomst for teknisk servicepersonale (FOA/3F)",
        (("Servicemedarbejder", 0.6), ("Pedel", 0.4)), 2.0,
    ),
    "rengoering": FamilyProfile(
        0.80, 0.28, "care", (38, 11, 18, 62), 1.0,
        "Overenskomst for rengørings- og køkkenpersonale (FOA)",
        (("Rengøringsassistent", 0.7), ("Køkkenmedarbejder", 0.3)), 1.5,
    ),
    "terapeut": FamilyProfile(
        0.85, 0.60, "standard", (31, 8, 24, 60), 1.0,
        "Overenskomst for fysioterapeuter og ergoterapeuter",
        (("Fysioterapeut", 0.5), ("Ergoterapeut", 0.5)), 1.0,
    ),
    "haandvaerker": FamilyProfile(
        0.07, 0.95, "standard", (34, 11, 19, 62), 0.8,
        "Overenskomst for håndværkere og vej- og parkarbejdere (3F)",
        (("Vej- og parkarbejder", 0.55), ("Anlægsgartner", 0.25), ("Maskinfører", 0.2)), 2.5,
    ),
    "elev": FamilyProfile(
        0.80, 1.00, "standard", (25, 7, 17, 50), 0.8,
        "Overenskomst for social- og sundhedselever (FOA)",
        (("Social- og sundhedselev", 1.0),), 1.0,
    ),
    "oevrige": FamilyProfile(
        0.60, 0.42, "standard", (36, 11, 19, 64), 1.0,
        "Overenskomst for kommunalt ansatte (øvrige grupper)", (("Medarbejder", 1.0),), 1.0,
    ),
}  # fmt: skip

CARE = frozenset({"sosu", "sygeplejerske", "terapeut", "elev", "oevrige"})
CHILDREN = frozenset({"paedagog", "paedagogmedhjaelper", "elev"})


@dataclass(frozen=True, slots=True)
class SubUnit:
    """A department inside a large institution and the job families placed there."""

    name: str
    families: frozenset[str]
    manager_title: str = "Afdelingsleder"


@dataclass(frozen=True, slots=True)
class UnitType:
    """A kind of institution or department, with its staff mix.

    ``share`` is the share of the municipality's staff (before managers) in units of this type;
    ``size`` the mean number of employees per unit. The number of units is ``N·share/size``
    (at least one when ``essential``). Names are ``pattern`` filled with ``stems`` in turn.
    """

    key: str
    area: str
    kind: str
    pattern: str
    stems: tuple[str, ...]
    share: float
    size: float
    mix: Weighted
    manager_title: str
    manager_agreement: str = "Aftale om aflønning af ledere"
    essential: bool = False
    titles: dict[str, Weighted] = field(default_factory=dict)
    agreements: dict[str, str] = field(default_factory=dict)
    sub_units: tuple[SubUnit, ...] = ()
    sub_unit_min_size: float = 45.0


@dataclass(frozen=True, slots=True)
class Area:
    """An område template: units of its types are grouped into områder of at most ``max_units``."""

    key: str
    forvaltning: int
    name: str
    manager_title: str
    max_units: int = 10


#: The forvaltninger (name, short name). Index 4 is the central administration ("Staben").
FORVALTNINGER: tuple[tuple[str, str], ...] = (
    ("Social og Sundhed", "SOS"),
    ("Børn og Unge", "BU"),
    ("Kultur og Fritid", "KF"),
    ("Teknik og Miljø", "TM"),
    ("Økonomi og Administration", "ØA"),
)

AREAS: tuple[Area, ...] = (
    Area("aeldre", 0, "Ældre og Pleje", "Ældrechef", 8),
    Area("sundhed", 0, "Sundhed og Rehabilitering", "Sundhedschef", 8),
    Area("handicap", 0, "Handicap og Psykiatri", "Områdechef", 10),
    Area("skoler", 1, "Skoler", "Skolechef", 12),
    Area("dagtilbud", 1, "Dagtilbud", "Dagtilbudschef", 14),
    Area("familie", 1, "Familie og Forebyggelse", "Familiechef", 8),
    Area("kultur", 2, "Kultur og Biblioteker", "Kulturchef", 10),
    Area("fritid", 2, "Fritid og Idræt", "Fritidschef", 10),
    Area("drift", 3, "Drift og Anlæg", "Driftschef", 10),
    Area("ejendomme", 3, "Ejendomme og Service", "Ejendomschef", 10),
    Area("plan", 3, "Plan, Byg og Miljø", "Plan- og miljøchef", 10),
    Area("staben", 4, "Staben", "Stabschef", 12),
    Area("borgerservice", 4, "Borgerservice og Ydelse", "Borgerservicechef", 8),
    Area("beskaeftigelse", 4, "Beskæftigelse", "Jobcenterchef", 10),
)

_PLACES = "PLACE"
_CHILD = "CHILD"
_SCHOOL = "SCHOOL"
_TOWN = "TOWN"
_DISTRICT = "DISTRICT"

UNIT_TYPES: tuple[UnitType, ...] = (
    UnitType(
        "plejecenter", "aeldre", "institution", "Plejecenter {}", (_PLACES,), 0.13, 65,
        (("sosu", 0.70), ("sygeplejerske", 0.05), ("terapeut", 0.02), ("rengoering", 0.08),
         ("teknisk_service", 0.02), ("elev", 0.07), ("administration", 0.02), ("oevrige", 0.04)),
        "Plejecenterleder", essential=True,
        titles={"oevrige": (("Aktivitetsmedarbejder", 1.0),)},
        sub_units=(
            SubUnit("Afsnit Nord", CARE), SubUnit("Afsnit Syd", CARE),
            SubUnit("Demensafsnittet", CARE),
            SubUnit("Køkken og Service", frozenset({"rengoering", "teknisk_service"}),
                    "Køkkenleder"),
        ),
    ),
    UnitType(
        "hjemmepleje", "aeldre", "institution", "Hjemmeplejen {}", (_DISTRICT,), 0.10, 55,
        (("sosu", 0.82), ("sygeplejerske", 0.05), ("terapeut", 0.02), ("elev", 0.07),
         ("administration", 0.04)),
        "Leder af hjemmeplejen", essential=True,
        titles={"administration": (("Planlægger", 0.6), ("Administrativ medarbejder", 0.4))},
        sub_units=(
            SubUnit("Team Dag", CARE, "Teamleder"), SubUnit("Team Aften", CARE, "Teamleder"),
            SubUnit("Team Nat", CARE, "Teamleder"),
        ),
    ),
    UnitType(
        "sygepleje", "sundhed", "institution", "Sygeplejen {}", (_DISTRICT,), 0.025, 30,
        (("sygeplejerske", 0.72), ("sosu", 0.22), ("administration", 0.06)),
        "Sygeplejeleder", essential=True,
    ),
    UnitType(
        "traening", "sundhed", "institution", "Træning og Rehabilitering {}", (_DISTRICT,),
        0.02, 25,
        (("terapeut", 0.75), ("sosu", 0.12), ("administration", 0.08), ("oevrige", 0.05)),
        "Leder af træning og rehabilitering",
        titles={"oevrige": (("Træningsassistent", 1.0),)},
    ),
    UnitType(
        "visitation", "sundhed", "afdeling", "Visitationen", (), 0.008, 15,
        (("administration", 0.25), ("terapeut", 0.35), ("sygeplejerske", 0.40)),
        "Visitationschef",
        titles={"terapeut": (("Visitator", 1.0),), "sygeplejerske": (("Visitator", 1.0),)},
    ),
    UnitType(
        "bosted", "handicap", "institution", "Bostedet {}", (_PLACES,), 0.055, 35,
        (("socialpaedagog", 0.62), ("sosu", 0.16), ("paedagogmedhjaelper", 0.10),
         ("rengoering", 0.04), ("oevrige", 0.04), ("sygeplejerske", 0.02),
         ("administration", 0.02)),
        "Forstander", essential=True,
        titles={"oevrige": (("Værkstedsassistent", 1.0),)},
    ),
    UnitType(
        "aktivitetscenter", "handicap", "institution", "Aktivitetscentret {}", (_PLACES,),
        0.015, 20,
        (("socialpaedagog", 0.60), ("paedagogmedhjaelper", 0.20), ("oevrige", 0.15),
         ("administration", 0.05)),
        "Centerleder", titles={"oevrige": (("Værkstedsassistent", 1.0),)},
    ),
    UnitType(
        "myndighed_voksne", "handicap", "afdeling", "Myndighed Voksne", (), 0.012, 20,
        (("socialraadgiver", 0.75), ("administration", 0.15), ("akademiker", 0.10)),
        "Afdelingsleder",
    ),
    UnitType(
        "skole", "skoler", "institution", "{}skolen", (_SCHOOL,), 0.155, 60,
        (("laerer", 0.70), ("paedagog", 0.11), ("paedagogmedhjaelper", 0.05),
         ("administration", 0.04), ("teknisk_service", 0.05), ("rengoering", 0.05)),
        "Skoleleder", "Overenskomst for ledere i folkeskolen (Skolelederforeningen)",
        essential=True,
        titles={
            "administration": (("Skolesekretær", 1.0),),
            "teknisk_service": (("Pedel", 0.7), ("Servicemedarbejder", 0.3)),
            "rengoering": (("Rengøringsassistent", 1.0),),
        },
        sub_units=(
            SubUnit("Indskolingen", frozenset({"laerer", "paedagog", "paedagogmedhjaelper"})),
            SubUnit("Mellemtrinnet", frozenset({"laerer"})),
            SubUnit("Udskolingen", frozenset({"laerer"})),
            SubUnit("SFO", frozenset({"paedagog", "paedagogmedhjaelper"}), "SFO-leder"),
        ),
    ),
    UnitType(
        "ungdomsskole", "skoler", "institution", "Ungdomsskolen", (), 0.008, 20,
        (("laerer", 0.40), ("paedagog", 0.25), ("oevrige", 0.30), ("administration", 0.05)),
        "Ungdomsskoleleder", titles={"oevrige": (("Timelærer", 1.0),)},
    ),
    UnitType(
        "daginstitution", "dagtilbud", "institution", "Børnehuset {}", (_CHILD,), 0.14, 28,
        (("paedagog", 0.55), ("paedagogmedhjaelper", 0.32), ("rengoering", 0.05),
         ("elev", 0.05), ("teknisk_service", 0.02), ("administration", 0.01)),
        "Daginstitutionsleder", "Overenskomst for ledere af daginstitutioner (BUPL)",
        essential=True,
        titles={
            "rengoering": (("Køkkenmedarbejder", 1.0),),
            "elev": (("Pædagogisk assistentelev", 1.0),),
        },
        agreements={"elev": "Overenskomst for pædagogiske assistentelever (FOA)"},
        sub_units=(
            SubUnit("Vuggestuen", CHILDREN, "Pædagogisk leder"),
            SubUnit("Børnehaven", CHILDREN, "Pædagogisk leder"),
        ),
    ),
    UnitType(
        "dagpleje", "dagtilbud", "institution", "Dagplejen {}", (_DISTRICT,), 0.025, 30,
        (("dagplejer", 0.88), ("paedagog", 0.10), ("administration", 0.02)),
        "Dagplejeleder", essential=True,
        titles={"paedagog": (("Dagplejepædagog", 1.0),)},
    ),
    UnitType(
        "familieafdeling", "familie", "afdeling", "Familieafdelingen", (), 0.025, 35,
        (("socialraadgiver", 0.60), ("socialpaedagog", 0.15), ("akademiker", 0.10),
         ("administration", 0.15)),
        "Familiechef", essential=True,
        titles={"socialpaedagog": (("Familiebehandler", 1.0),)},
    ),
    UnitType(
        "ppr", "familie", "afdeling", "Pædagogisk Psykologisk Rådgivning", (), 0.012, 25,
        (("akademiker", 0.65), ("laerer", 0.15), ("terapeut", 0.10), ("administration", 0.10)),
        "PPR-leder",
        titles={
            "akademiker": (("Psykolog", 1.0),),
            "laerer": (("Tale-hørekonsulent", 1.0),),
            "terapeut": (("Ergoterapeut", 1.0),),
        },
    ),
    UnitType(
        "sundhedspleje", "familie", "afdeling", "Sundhedsplejen", (), 0.008, 15,
        (("sygeplejerske", 0.90), ("administration", 0.10)),
        "Ledende sundhedsplejerske", titles={"sygeplejerske": (("Sundhedsplejerske", 1.0),)},
    ),
    UnitType(
        "tandpleje", "familie", "institution", "Den Kommunale Tandpleje", (), 0.010, 25,
        (("oevrige", 0.70), ("akademiker", 0.20), ("administration", 0.10)),
        "Overtandlæge",
        titles={
            "oevrige": (("Tandklinikassistent", 0.7), ("Tandplejer", 0.3)),
            "akademiker": (("Tandlæge", 1.0),),
        },
        agreements={
            "oevrige": "Overenskomst for tandklinikassistenter og tandplejere",
            "akademiker": "Overenskomst for tandlæger (Tandlægeforeningen)",
        },
    ),
    UnitType(
        "bibliotek", "kultur", "institution", "{} Bibliotek", (_TOWN,), 0.015, 12,
        (("oevrige", 0.50), ("administration", 0.35), ("akademiker", 0.10),
         ("teknisk_service", 0.05)),
        "Biblioteksleder",
        titles={"oevrige": (("Bibliotekar", 0.6), ("Biblioteksassistent", 0.4))},
        agreements={"oevrige": "Overenskomst for bibliotekarer (Bibliotekarforbundet)"},
    ),
    UnitType(
        "musikskole", "kultur", "institution", "Musikskolen", (), 0.006, 15,
        (("oevrige", 0.85), ("administration", 0.15)),
        "Musikskoleleder", titles={"oevrige": (("Musikskolelærer", 1.0),)},
        agreements={"oevrige": "Overenskomst for musikskolelærere"},
    ),
    UnitType(
        "kulturhus", "kultur", "institution", "Kulturhuset {}", (_PLACES,), 0.004, 8,
        (("oevrige", 0.50), ("administration", 0.30), ("teknisk_service", 0.20)),
        "Kulturhusleder", titles={"oevrige": (("Kulturmedarbejder", 1.0),)},
    ),
    UnitType(
        "klub", "fritid", "institution", "Ungdomsklubben {}", (_CHILD,), 0.012, 12,
        (("paedagog", 0.60), ("paedagogmedhjaelper", 0.30), ("oevrige", 0.10)),
        "Klubleder", titles={"oevrige": (("Klubmedarbejder", 1.0),)},
    ),
    UnitType(
        "idraet", "fritid", "institution", "{} Idrætscenter", (_TOWN,), 0.008, 10,
        (("teknisk_service", 0.45), ("oevrige", 0.45), ("administration", 0.10)),
        "Centerleder",
        titles={
            "teknisk_service": (("Driftsmedarbejder", 1.0),),
            "oevrige": (("Badeassistent", 0.5), ("Livredder", 0.5)),
        },
    ),
    UnitType(
        "vejpark", "drift", "institution", "Vej og Park {}", (_DISTRICT,), 0.025, 30,
        (("haandvaerker", 0.80), ("teknisk_service", 0.08), ("elev", 0.05),
         ("administration", 0.07)),
        "Driftsleder", essential=True,
        titles={"elev": (("Anlægsgartnerlærling", 1.0),)},
        agreements={"elev": "Overenskomst for lærlinge (3F)"},
    ),
    UnitType(
        "materielgaard", "drift", "institution", "Materielgården", (), 0.005, 15,
        (("haandvaerker", 0.80), ("teknisk_service", 0.10), ("administration", 0.10)),
        "Værkfører",
        titles={"haandvaerker": (("Mekaniker", 0.5), ("Maskinfører", 0.5))},
    ),
    UnitType(
        "ejendomme", "ejendomme", "afdeling", "Kommunale Ejendomme", (), 0.010, 20,
        (("teknisk_service", 0.55), ("haandvaerker", 0.20), ("akademiker", 0.12),
         ("administration", 0.13)),
        "Ejendomschef",
        titles={
            "teknisk_service": (("Ejendomsservicetekniker", 1.0),),
            "haandvaerker": (("Elektriker", 0.35), ("VVS-montør", 0.3), ("Tømrer", 0.35)),
            "akademiker": (("Ingeniør", 0.6), ("Bygningskonstruktør", 0.4)),
        },
    ),
    UnitType(
        "rengoeringsservice", "ejendomme", "institution", "Rengøringsservice {}", (_DISTRICT,),
        0.020, 45,
        (("rengoering", 0.93), ("teknisk_service", 0.03), ("administration", 0.04)),
        "Rengøringsleder", titles={"rengoering": (("Rengøringsassistent", 1.0),)},
    ),
    UnitType(
        "fagafdeling", "plan", "afdeling", "{}",
        ("Byggeri", "Natur og Miljø", "Plan og Udvikling", "Trafik og Mobilitet",
         "Klima og Forsyning", "Erhverv og Turisme"),
        0.022, 15,
        (("akademiker", 0.55), ("administration", 0.45)),
        "Afdelingschef",
        titles={
            "akademiker": (("Ingeniør", 0.3), ("Planlægger", 0.3), ("Biolog", 0.2),
                           ("Specialkonsulent", 0.2)),
            "administration": (("Byggesagsbehandler", 0.4), ("Administrativ medarbejder", 0.6)),
        },
    ),
    UnitType(
        "hr", "staben", "afdeling", "HR og Personale", (), 0.008, 15,
        (("administration", 0.55), ("akademiker", 0.45)),
        "HR-chef", essential=True,
        titles={
            "administration": (("HR-konsulent", 0.45), ("Lønkonsulent", 0.35),
                               ("Personaleadministrativ medarbejder", 0.2)),
            "akademiker": (("HR-partner", 0.5), ("Arbejdsmiljøkonsulent", 0.25),
                           ("Organisationskonsulent", 0.25)),
        },
    ),
    UnitType(
        "oekonomi", "staben", "afdeling", "Økonomi", (), 0.012, 18,
        (("administration", 0.55), ("akademiker", 0.45)),
        "Økonomichef",
        titles={
            "administration": (("Økonomimedarbejder", 0.6), ("Bogholder", 0.4)),
            "akademiker": (("Økonomikonsulent", 0.7), ("Controller", 0.3)),
        },
    ),
    UnitType(
        "it", "staben", "afdeling", "IT og Digitalisering", (), 0.010, 16,
        (("administration", 0.50), ("akademiker", 0.50)),
        "IT-chef",
        titles={
            "administration": (("IT-supporter", 0.6), ("IT-medarbejder", 0.4)),
            "akademiker": (("Digitaliseringskonsulent", 0.6), ("IT-arkitekt", 0.4)),
        },
    ),
    UnitType(
        "jura", "staben", "afdeling", "Jura og Databeskyttelse", (), 0.004, 8,
        (("akademiker", 0.80), ("administration", 0.20)),
        "Afdelingschef",
        titles={"akademiker": (("Jurist", 0.75), ("Databeskyttelsesrådgiver", 0.25))},
    ),
    UnitType(
        "analyse", "staben", "afdeling", "Analyse og Data", (), 0.004, 8,
        (("akademiker", 0.90), ("administration", 0.10)),
        "Afdelingschef",
        titles={"akademiker": (("Dataanalytiker", 0.7), ("Analysekonsulent", 0.3))},
    ),
    UnitType(
        "sekretariat", "staben", "afdeling", "Direktionssekretariat", (), 0.006, 12,
        (("akademiker", 0.50), ("administration", 0.50)),
        "Sekretariatschef",
    ),
    UnitType(
        "kommunikation", "staben", "afdeling", "Kommunikation", (), 0.003, 8,
        (("akademiker", 0.70), ("administration", 0.30)),
        "Kommunikationschef",
        titles={"akademiker": (("Kommunikationskonsulent", 1.0),)},
    ),
    UnitType(
        "borgerservice", "borgerservice", "afdeling", "Borgerservice", (), 0.015, 25,
        (("administration", 0.92), ("akademiker", 0.08)),
        "Borgerservicechef", essential=True,
        titles={"administration": (("Borgerservicemedarbejder", 0.7),
                                   ("Administrativ medarbejder", 0.3))},
    ),
    UnitType(
        "ydelse", "borgerservice", "afdeling", "Ydelsescentret", (), 0.012, 25,
        (("administration", 0.65), ("socialraadgiver", 0.20), ("akademiker", 0.15)),
        "Afdelingsleder", titles={"administration": (("Ydelsesmedarbejder", 1.0),)},
    ),
    UnitType(
        "jobcenter", "beskaeftigelse", "afdeling", "Jobcenter – {}",
        ("Virksomhedsservice", "Ungeindsatsen", "Sygedagpenge", "Ledige", "Integration",
         "Rehabilitering"),
        0.035, 25,
        (("socialraadgiver", 0.40), ("administration", 0.30), ("akademiker", 0.25),
         ("oevrige", 0.05)),
        "Teamleder", essential=True,
        titles={
            "socialraadgiver": (("Socialrådgiver", 0.6), ("Sagsbehandler", 0.4)),
            "administration": (("Jobkonsulent", 0.6), ("Administrativ medarbejder", 0.4)),
            "akademiker": (("Jobkonsulent", 0.5), ("Virksomhedskonsulent", 0.5)),
            "oevrige": (("Mentor", 1.0),),
        },
    ),
)  # fmt: skip

#: Title and agreement of the managers above the institutions.
TOP_MANAGER_TITLE = "Kommunaldirektør"
DIRECTOR_TITLE = "Direktør for {}"
CHIEF_AGREEMENT = "Aftale om aflønning af chefer"
