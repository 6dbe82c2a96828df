"""Gendered job titles and their neutral alternatives (Danish and English).

Ligebehandlingsloven (lov om ligebehandling af mænd og kvinder med hensyn til beskæftigelse
m.v.) § 6 forbids ads that state that a person of one sex is sought or preferred; a title such
as »formand« or »salesman« does not say so by itself, but it tells half the readers that the
job was imagined for someone else. So a title is advice, never a legal finding: the person
decides, and an established title of an office (»formand for MED-udvalget«, »Folketingets
Ombudsmand«) may stay.

Titles that are the same for every sex are not flagged: »sygeplejerske«, »jordemoder« and
»tjenestemand« (a legal employment status, tjenestemandsloven) among them.
"""

from __future__ import annotations

import re

from charlie.recruitment.adcheck.texts import gettext_noop as N_

#: Danish »-mand« titles with a specific alternative; any other »-mand« title gets the general
#: advice (``GENERAL_MAND``). Keys are the singular, lower-cased.
MAND_TITLES_DA: dict[str, str] = {
    "formand": N_(
        "»Forperson«. »Formand« kan bevares, hvis det er hvervets navn i vedtægt, lov eller "
        "overenskomst (fx formand for MED-udvalget) — skriv så, at alle opfordres til at søge."
    ),
    "næstformand": N_("»Næstforperson« (eller behold hvervets navn, se »formand«)."),
    "talsmand": N_("»Talsperson«."),
    "tillidsmand": N_("»Tillidsrepræsentant«."),
    "ombudsmand": N_("»Ombudsperson«. Folketingets Ombudsmand er en institutions navn og bevares."),
    "fagmand": N_("»Fagperson«."),
    "kontaktmand": N_("»Kontaktperson«."),
    "sikkerhedsmand": N_("»Arbejdsmiljørepræsentant«."),
    "opsynsmand": N_("»Tilsynsførende«."),
    "håndværksmand": N_("»Håndværker«."),
    "brandmand": N_(
        "»Brandbekæmper«, eller behold »brandmand« som fagets titel og skriv, at alle "
        "opfordres til at søge."
    ),
    "postmand": N_("»Postbud«."),
    "kameramand": N_("»Fotograf« eller »kameraoperatør«."),
    "forretningsmand": N_("»Erhvervsperson«."),
    "landmand": N_("»Landbruger«."),
    "sømand": N_("»Søfarende«."),
}

GENERAL_MAND = N_(
    "En kønsneutral betegnelse, fx »-person«, »-medarbejder« eller fagets neutrale titel."
)

#: Words ending in »-mand« that are not gendered titles.
NOT_TITLES_DA: frozenset[str] = frozenset({"tjenestemand", "hvermand", "enhvermand", "mand"})

#: Other gendered Danish titles (the stem; inflected forms start with it).
OTHER_TITLES_DA: dict[str, str] = {
    "rengøringsdame": N_("»Rengøringsassistent«."),
    "kassedame": N_("»Kasseassistent«."),
    "lærerinde": N_("»Lærer«."),
    "forstanderinde": N_("»Forstander«."),
    "ekspeditrice": N_("»Ekspedient«."),
    "dagplejemor": N_("»Dagplejer«."),
    "dagplejemødre": N_("»Dagplejere«."),
    "sekretærinde": N_("»Sekretær«."),
}

#: A »-mand« word: the part before, »mand«/»mænd«, and an inflection.
_MAND = re.compile(r"^(.{2,}?)(?:mand|mænd)(?:en|ene|s|ens|enes)?$")

#: English gendered titles → the neutral alternative (singular and plural forms).
TITLES_EN: dict[str, str] = {}
for _singular, _alternative in {
    "chairman": N_("»Chair« eller »chairperson«."),
    "salesman": N_("»Salesperson« eller »sales representative«."),
    "spokesman": N_("»Spokesperson«."),
    "foreman": N_("»Supervisor« eller »team leader«."),
    "fireman": N_("»Firefighter«."),
    "policeman": N_("»Police officer«."),
    "postman": N_("»Postal worker«."),
    "workman": N_("»Worker«."),
    "craftsman": N_("»Craftsperson« eller »skilled worker«."),
    "cameraman": N_("»Camera operator«."),
    "businessman": N_("»Businessperson«."),
    "handyman": N_("»Caretaker« eller »maintenance worker«."),
    "repairman": N_("»Repair technician«."),
    "middleman": N_("»Intermediary«."),
}.items():
    TITLES_EN[_singular] = _alternative
    TITLES_EN[_singular[:-3] + "men"] = _alternative
TITLES_EN.update(
    {
        "manpower": N_("»Staff«, »workforce« eller »people«."),
        "headmaster": N_("»Head teacher« eller »principal«."),
        "headmistress": N_("»Head teacher« eller »principal«."),
        "stewardess": N_("»Flight attendant«."),
        "waitress": N_("»Server«."),
        "guys": N_("»Everyone«, »team« eller »colleagues«."),
    }
)

REASON = N_(
    "Titlen er kønnet: den fortæller halvdelen af læserne, at stillingen er tænkt til en "
    "anden. Brug en kønsneutral titel, hvor der findes en."
)


def title_da(word: str) -> str | None:
    """The suggestion for a gendered Danish title (``word`` lower-cased), or ``None``."""
    for stem, suggestion in OTHER_TITLES_DA.items():
        if word.startswith(stem) and len(word) <= len(stem) + 4:
            return suggestion
    if "man" not in word and "mæn" not in word:
        return None
    match = _MAND.match(word)
    if match is None:
        return None
    base = match.group(1) + "mand"
    # The last part of a hyphenated word decides (»MED-formand«).
    base = base.rsplit("-", 1)[-1]
    if base in NOT_TITLES_DA or base.startswith("tjenestemand") or len(base) <= 4:
        return None
    for title, suggestion in MAND_TITLES_DA.items():
        if base == title:
            return suggestion
    return GENERAL_MAND


def title_en(word: str) -> str | None:
    """The suggestion for a gendered English title (``word`` lower-cased), or ``None``."""
    return TITLES_EN.get(word)
