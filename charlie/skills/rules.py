"""The domain logic of skills that every part uses, pure: the standard library only, never
Django. The proficiency scales (issue 13, point 1): the default scale 1–4 with Danish
descriptions for local and ESCO skills, and DigComp 2.2's eight levels (DOMAIN.md 10.2)."""

from __future__ import annotations

from dataclasses import dataclass

from charlie.core.language import gettext_noop as _


@dataclass(frozen=True)
class Level:
    number: int
    name: str
    description: str


@dataclass(frozen=True)
class ProficiencyScale:
    code: str
    levels: tuple[Level, ...]

    @property
    def top(self) -> int:
        return self.levels[-1].number

    def level(self, number: int) -> Level:
        for level in self.levels:
            if level.number == number:
                return level
        raise ValueError(f"level {number} is not on the scale {self.code}")

    def valid(self, number: int) -> bool:
        return 1 <= number <= self.top


#: The default scale: four steps a manager and an employee can tell apart in a MUS.
DEFAULT_SCALE = ProficiencyScale(
    "default",
    (
        Level(1, _("Begynder"), _("Kender til det og kan udføre det med vejledning.")),
        Level(2, _("Øvet"), _("Kan udføre det selvstændigt i almindelige situationer.")),
        Level(3, _("Erfaren"), _("Kan udføre det i komplekse situationer og vejlede andre.")),
        Level(4, _("Ekspert"), _("Udvikler praksis på området og underviser andre.")),
    ),
)

#: DigComp 2.2's eight proficiency levels (EU Joint Research Centre, 2022), grouped as
#: foundation (1–2), intermediate (3–4), advanced (5–6) and highly specialised (7–8).
DIGCOMP_SCALE = ProficiencyScale(
    "digcomp",
    (
        Level(1, _("Grundlæggende 1"), _("Enkle opgaver, med vejledning.")),
        Level(
            2,
            _("Grundlæggende 2"),
            _("Enkle opgaver, selvstændigt og med vejledning, når det er nødvendigt."),
        ),
        Level(3, _("Mellem 3"), _("Veldefinerede og rutineprægede opgaver, selvstændigt.")),
        Level(
            4,
            _("Mellem 4"),
            _(
                "Opgaver og veldefinerede, ikke-rutineprægede problemer, selvstændigt og efter "
                "egne behov."
            ),
        ),
        Level(5, _("Avanceret 5"), _("Forskellige opgaver og problemer, og vejledning af andre.")),
        Level(
            6,
            _("Avanceret 6"),
            _("De mest passende opgaver, tilpasset andre i komplekse sammenhænge."),
        ),
        Level(
            7,
            _("Højt specialiseret 7"),
            _("Løser komplekse problemer med begrænsede løsninger og bidrager til faglig praksis."),
        ),
        Level(
            8,
            _("Højt specialiseret 8"),
            _("Løser komplekse problemer med mange faktorer og foreslår nye idéer og processer."),
        ),
    ),
)

SCALES: dict[str, ProficiencyScale] = {s.code: s for s in (DEFAULT_SCALE, DIGCOMP_SCALE)}


def scale_of(code: str) -> ProficiencyScale:
    return SCALES.get(code, DEFAULT_SCALE)
