"""Charlie's own Danish list of gender-coded word stems — NOT a validated instrument.

No public, validated Danish word list exists (DOMAIN.md 7.2–7.3: no Danish port of Gender
Decoder, no peer-reviewed Danish study, and the commercial tools' lists are proprietary). The
stems below were written for Charlie from the English research list (Gaucher, Friesen and Kay
2011) by meaning, from the Danish examples practitioners give (masculine »konkurrence,
selvstændig, udfordre«; feminine »samarbejde, støtte«; kl7.dk) and from common wording in
Danish municipal job ads. They are a prompt for a person to think again, never a measurement:
the UI and docs/recruitment-adcheck.md say so, and a finding never changes the text.

Matching is by prefix on whole words, lower-cased, æ, ø and å kept (``check.py``). Words that
would give well-known false hits are left out or excepted:

- »leder« counts, but not »leder efter« (the verb) nor »din/nærmeste/daglige leder« (the manager
  you will have);
- »tillid« counts, but not »tillidsrepræsentant«, »tillidsvalgt« or »tillidshverv«;
- »hensyn« counts, but not »med hensyn til« (regarding);
- »venlig« counts, but not »venlig hilsen« or »venligst«;
- »følsom«/»sensitiv« count, but not »følsomme personoplysninger«;
- »kamp« (kampagne), »varm« (varme), »dele« (afdeling), »sammen« (sammenhæng) and »inklusiv«
  (inklusive) are not stems at all; the specific words are (»kampgejst«, »hjertevarm«,
  »sammenhold«, »inkluderende«).
"""

from __future__ import annotations

SOURCE = "Charlies egen danske liste (ikke et valideret instrument)"

MASCULINE: tuple[str, ...] = (
    "aggressiv",
    "ambiti",  # ambitiøs, ambitioner
    "analytisk",
    "autonom",
    "beslutningsdygtig",
    "beslutsom",
    "dominer",
    "drivkraft",
    "driftig",
    "frygtløs",
    "gennemslagskraft",
    "handlekraft",
    "hierarki",
    "kampgejst",
    "kampånd",
    "kompetitiv",
    "kompromisløs",
    "konkurre",  # konkurrence, konkurrere, konkurrencedygtig
    "leder",
    "logisk",
    "modig",
    "objektiv",
    "principfast",
    "resultatorient",
    "robust",
    "sejr",
    "selvsikker",
    "selvstændig",
    "skarp",
    "stærk",
    "uafhængig",
    "udfordr",  # udfordring, udfordrende
    "vedholden",
    "vinderinstinkt",
    "vinderkultur",
    "vindertype",
)

FEMININE: tuple[str, ...] = (
    "ansvarsfuld",
    "blid",
    "empati",  # empati, empatisk
    "forståelsesfuld",
    "forstående",
    "fællesskab",
    "følsom",
    "hensyn",  # hensynsfuld, hensyntagende
    "hjertevarm",
    "hjælpsom",
    "imødekommende",
    "inkluderende",
    "loyal",
    "lydhør",
    "lyttende",
    "medfølende",
    "nænsom",
    "omhyggelig",
    "omsorg",  # omsorgsfuld
    "pålidelig",
    "relationel",
    "samarbejd",  # samarbejde, samarbejdsvillig
    "sammenhold",
    "sensitiv",
    "støtt",  # støtte, støttende
    "sympati",
    "taktfuld",
    "tillid",  # tillidsfuld
    "trofast",
    "tryg",
    "tålmodig",
    "varmhjert",
    "venlig",
    "ydmyg",
    "ærlig",
)

#: A word starting with one of these is not counted, although it starts with a stem.
NOT_CODED_PREFIXES: tuple[str, ...] = (
    "tillidsrepræsentant",
    "tillidsvalgt",
    "tillidshverv",
    "tillidsmand",  # a gendered title: flagged as such instead
    "venligst",
)

#: A stem word followed by a word starting with one of these is not counted.
NOT_BEFORE: dict[str, tuple[str, ...]] = {
    "leder": ("efter",),
    "hensyn": ("til",),
    "venlig": ("hilsen",),
    "følsomme": ("person", "oplysning", "data"),
    "sensitive": ("person", "oplysning", "data"),
}

#: A stem word right after one of these words is not counted.
NOT_AFTER: dict[str, tuple[str, ...]] = {
    "leder": ("din", "dit", "jeres", "vores", "nærmeste", "daglig", "daglige", "faglig"),
    "lederen": ("din", "jeres", "vores"),
}
