"""DigComp 2.2, the European framework of citizens' digital competence, as data shipped with
Charlie (issue 13, point 1), pure: the standard library only.

Source: DigComp 2.2: The Digital Competence Framework for Citizens, EU Joint Research Centre,
2022, JRC128415 (Vuorikari, Kluzer and Punie). The five competence areas and 21 competences
below carry the official English titles; the Danish titles are Charlie's own translation. The
eight proficiency levels are ``rules.DIGCOMP_SCALE``. ``services.taxonomy.ensure_digcomp``
loads them as skills with the ids ``digcomp:<number>`` (called by migration 0003 and safe to
call again).
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE = "DigComp 2.2, EU Joint Research Centre 2022, JRC128415"
SCALE = "digcomp"


@dataclass(frozen=True)
class Area:
    number: int
    english: str
    danish: str


@dataclass(frozen=True)
class Competence:
    number: str  # "1.1"
    english: str
    danish: str

    @property
    def area(self) -> int:
        return int(self.number.split(".")[0])

    @property
    def uri(self) -> str:
        return f"digcomp:{self.number}"


AREAS: tuple[Area, ...] = (
    Area(1, "Information and data literacy", "Informations- og datakompetence"),
    Area(2, "Communication and collaboration", "Kommunikation og samarbejde"),
    Area(3, "Digital content creation", "Digitalt indholdsskabelse"),
    Area(4, "Safety", "Sikkerhed"),
    Area(5, "Problem solving", "Problemløsning"),
)

COMPETENCES: tuple[Competence, ...] = (
    Competence(
        "1.1",
        "Browsing, searching and filtering data, information and digital content",
        "Browse, søge i og filtrere data, information og digitalt indhold",
    ),
    Competence(
        "1.2",
        "Evaluating data, information and digital content",
        "Vurdere data, information og digitalt indhold",
    ),
    Competence(
        "1.3",
        "Managing data, information and digital content",
        "Håndtere data, information og digitalt indhold",
    ),
    Competence(
        "2.1",
        "Interacting through digital technologies",
        "Interagere gennem digitale teknologier",
    ),
    Competence("2.2", "Sharing through digital technologies", "Dele gennem digitale teknologier"),
    Competence(
        "2.3",
        "Engaging citizenship through digital technologies",
        "Deltage som borger gennem digitale teknologier",
    ),
    Competence(
        "2.4",
        "Collaborating through digital technologies",
        "Samarbejde gennem digitale teknologier",
    ),
    Competence("2.5", "Netiquette", "Netikette"),
    Competence("2.6", "Managing digital identity", "Håndtere digital identitet"),
    Competence("3.1", "Developing digital content", "Udvikle digitalt indhold"),
    Competence(
        "3.2",
        "Integrating and re-elaborating digital content",
        "Integrere og bearbejde digitalt indhold",
    ),
    Competence("3.3", "Copyright and licences", "Ophavsret og licenser"),
    Competence("3.4", "Programming", "Programmering"),
    Competence("4.1", "Protecting devices", "Beskytte enheder"),
    Competence(
        "4.2",
        "Protecting personal data and privacy",
        "Beskytte personoplysninger og privatliv",
    ),
    Competence("4.3", "Protecting health and well-being", "Beskytte sundhed og trivsel"),
    Competence("4.4", "Protecting the environment", "Beskytte miljøet"),
    Competence("5.1", "Solving technical problems", "Løse tekniske problemer"),
    Competence(
        "5.2",
        "Identifying needs and technological responses",
        "Identificere behov og teknologiske løsninger",
    ),
    Competence(
        "5.3",
        "Creatively using digital technologies",
        "Bruge digitale teknologier kreativt",
    ),
    Competence(
        "5.4",
        "Identifying digital competence gaps",
        "Identificere mangler i digitale kompetencer",
    ),
)


def area_label(number: int) -> str:
    """The Danish label of an area as stored on a skill: "1 Informations- og datakompetence"."""
    area = next(a for a in AREAS if a.number == number)
    return f"{area.number} {area.danish}"


def skill_rows() -> list[tuple[str, dict[str, str]]]:
    """(id, the other fields) of the 21 competences as ``Skill`` rows: the Danish title as the
    name, the official English title and the source in the description."""
    return [
        (
            c.uri,
            {
                "source": "digcomp",
                "name": f"{c.number} {c.danish}",
                "description": f"{c.number} {c.english}. {SOURCE}.",
                "area": area_label(c.area),
                "scale": SCALE,
                "kind": "digcomp",
            },
        )
        for c in COMPETENCES
    ]
