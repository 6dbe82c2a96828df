"""Age wording in job ads: a legal risk under forskelsbehandlingsloven § 5.

Forskelsbehandlingsloven (lov om forbud mod forskelsbehandling på arbejdsmarkedet m.v.) § 5
forbids stating in an ad that a person of a particular age is sought or preferred (DOMAIN.md
7.4). Ligebehandlingsnævnet found »yngre ingeniør« a breach (12 March 2014), and »ikke-senior«
too (2025); the penalty is a fine (§ 8). »Ungt og dynamisk team« has no ruling of its own but
carries the same risk. An upper limit on experience (»højst 3 års erfaring«) can be indirect
age discrimination (§ 1, indirect discrimination), so it is flagged too.

Each rule is a regular expression; all are joined into one pattern with a named group per
rule, so the text is scanned once. A rule may be lifted by the words around the match: the
words right after it (»yngre børn« is a target group, not the applicant) or words anywhere in
the same sentence (»både nyuddannede og erfarne er velkomne« invites, it does not require).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from charlie.recruitment.adcheck.texts import gettext_noop as N_

LEGAL_RISK = "legal_risk"
NOTE = "note"

#: Why age wording is a legal risk (every finding of severity ``legal_risk`` says it).
REASON_DIRECT = N_(
    "Juridisk risiko: forskelsbehandlingsloven § 5 forbyder at skrive i et stillingsopslag, at "
    "der søges eller foretrækkes en person af en bestemt alder. Ligebehandlingsnævnet fandt "
    "fx »yngre ingeniør« (2014) og »ikke-senior« (2025) ulovligt; overtrædelse straffes med "
    "bøde (§ 8)."
)
REASON_INDIRECT = N_(
    "Juridisk risiko: et loft over erfaring udelukker i praksis ældre ansøgere og kan være "
    "indirekte forskelsbehandling på grund af alder (forskelsbehandlingsloven § 1 og § 5)."
)
REASON_GRADUATE = N_(
    "Juridisk risiko: at kræve eller foretrække nyuddannede er i praksis at foretrække yngre "
    "ansøgere (forskelsbehandlingsloven § 5). Det er i orden at skrive, at nyuddannede også er "
    "velkomne."
)
REASON_JUNIOR = N_(
    "Bemærk: »junior« læses af nogle som en alder. Det er i orden som erfaringsniveau, men "
    "skriv gerne, hvad det betyder (fx de opgaver, du får), og sæt ikke et loft over erfaring."
)

SUGGEST_TEAM = N_(
    "Beskriv arbejdspladsen uden alder, fx »et engageret team med højt til loftet« eller "
    "»kolleger med forskellig baggrund og erfaring«."
)
SUGGEST_PERSON = N_(
    "Beskriv de kvalifikationer og den erfaring, stillingen kræver — ikke alderen, fx "
    "»ingeniør med erfaring i …«."
)
SUGGEST_NUMBER = N_("Fjern aldersgrænsen; beskriv i stedet de krav, stillingen stiller.")
SUGGEST_EXPERIENCE = N_(
    "Skriv den erfaring, der mindst kræves (fx »mindst 2 års erfaring«), eller at både "
    "nyuddannede og erfarne er velkomne — ikke et loft."
)
SUGGEST_GRADUATE = N_(
    "Skriv den uddannelse, der kræves, og at både nyuddannede og erfarne er velkomne til at søge."
)
SUGGEST_DIGITAL = N_(
    "Beskriv de digitale færdigheder, der kræves (fx »er fortrolig med Office 365 og fagsystemer«)."
)
SUGGEST_JUNIOR = N_(
    "Fx »stillingen passer til dig med 0–2 års erfaring — eller mere« eller en beskrivelse af "
    "opgaverne."
)


@dataclass(frozen=True)
class AgeRule:
    """One kind of age wording. ``unless_in_sentence``: word starts that lift the rule when
    they occur in the same sentence as the match."""

    pattern: str
    reason: str
    suggestion: str
    severity: str = LEGAL_RISK
    unless_in_sentence: tuple[str, ...] = ()


_AGE = r"(?:1[6-9]|[2-6]\d)"  # 16–69: an age, not a count of years of experience
_INVITE_DA = ("velkom", "også", "både", "uanset", "opfordr", "erfarne", "erfaren")
_INVITE_EN = ("welcome", "also", "both", "regardless", "encourag", "experienced")
#: Target groups: »yngre børn«, »unge mennesker« (the people served, not the applicant).
_GROUPS_DA = (
    r"(?!\s+(?:børn|skolebørn|elev|klass|årgang|borger|bruger|patient|beboer|mennesk|søskend"
    r"|familie|voksn))"
)
_GROUPS_EN = (
    r"(?!\s+(?:people|person|children|child|adults|pupils|students|learners|carers|citizens"
    r"|patients|residents|families|offenders))"
)

RULES_DA: tuple[AgeRule, ...] = (
    AgeRule(
        r"\bung(?:t|e)?\s+og\s+(?:dynamisk|energisk|frisk|sulten|ambiti)\w*",
        REASON_DIRECT,
        SUGGEST_TEAM,
    ),
    AgeRule(r"\bungt\b", REASON_DIRECT, SUGGEST_TEAM),
    AgeRule(r"\bung\b" + _GROUPS_DA, REASON_DIRECT, SUGGEST_PERSON),
    AgeRule(
        r"\bunge\s+(?:medarbejder|kolleg|kræft|talent|ansøger|profil|folk|team|dynamisk|energisk|frisk)\w*",
        REASON_DIRECT,
        SUGGEST_TEAM,
    ),
    AgeRule(r"\bflok\s+unge\b", REASON_DIRECT, SUGGEST_TEAM),
    AgeRule(r"\byngre\b" + _GROUPS_DA, REASON_DIRECT, SUGGEST_PERSON),
    AgeRule(r"\bikke[-\s]senior\w*", REASON_DIRECT, SUGGEST_PERSON),
    AgeRule(
        r"\bnyuddanne(?:t|de)\b", REASON_GRADUATE, SUGGEST_GRADUATE, unless_in_sentence=_INVITE_DA
    ),
    AgeRule(
        r"\b(?:max|maks|maksimalt|højst|under|ikke\s+over)\.?\s*"
        + _AGE
        + r"\s*år\b(?!\s*(?:erfaring|anciennitet))",
        REASON_DIRECT,
        SUGGEST_NUMBER,
    ),
    AgeRule(r"\b(?:du\s+er|er\s+du|være)\s+under\s+" + _AGE + r"\b", REASON_DIRECT, SUGGEST_NUMBER),
    AgeRule(
        r"\b"
        + _AGE
        + r"\s*(?:-|–|til|og)\s*"
        + _AGE
        + r"\s*(?:år\b(?!\s*(?:erfaring|anciennitet))|-?årige?\b)",
        REASON_DIRECT,
        SUGGEST_NUMBER,
    ),
    AgeRule(r"\b" + _AGE + r"\s*-\s*årige?\b", REASON_DIRECT, SUGGEST_NUMBER),
    AgeRule(r"\bi\s+alderen\b", REASON_DIRECT, SUGGEST_NUMBER),
    AgeRule(
        r"\b(?:max|maks|maksimalt|højst|ikke\s+mere\s+end)\.?\s*\d{1,2}\s*års\s+erfaring",
        REASON_INDIRECT,
        SUGGEST_EXPERIENCE,
    ),
    AgeRule(
        r"\bdigitalt?\s+indfødte?\b|\bdigital(?:e)?\s+natives?\b", REASON_DIRECT, SUGGEST_DIGITAL
    ),
    AgeRule(
        r"\byoung\s+professionals?\b|\bmillennials?\b|\bgeneration\s+z\b",
        REASON_DIRECT,
        SUGGEST_PERSON,
    ),
    AgeRule(r"\bjunior\w*", REASON_JUNIOR, SUGGEST_JUNIOR, severity=NOTE),
)

RULES_EN: tuple[AgeRule, ...] = (
    AgeRule(r"\byoung\s+and\s+(?:dynamic|energetic|fresh|hungry)\b", REASON_DIRECT, SUGGEST_TEAM),
    AgeRule(r"\byoung(?:er)?\b" + _GROUPS_EN, REASON_DIRECT, SUGGEST_PERSON),
    AgeRule(r"\byouthful\b", REASON_DIRECT, SUGGEST_TEAM),
    AgeRule(
        r"\b(?:recent|new|fresh)\s+grad(?:uate)?s?\b",
        REASON_GRADUATE,
        SUGGEST_GRADUATE,
        unless_in_sentence=_INVITE_EN,
    ),
    AgeRule(r"\bdigital\s+natives?\b", REASON_DIRECT, SUGGEST_DIGITAL),
    AgeRule(
        r"\bmillennials?\b|\bgen(?:eration)?\s+z\b|\bnon-senior\b", REASON_DIRECT, SUGGEST_PERSON
    ),
    AgeRule(
        r"\b(?:under|below|max(?:imum)?|no\s+older\s+than|not\s+over)\s+"
        + _AGE
        + r"\s*years?\s+(?:old|of\s+age)\b",
        REASON_DIRECT,
        SUGGEST_NUMBER,
    ),
    AgeRule(r"\b(?:are|be)\s+under\s+" + _AGE + r"\b", REASON_DIRECT, SUGGEST_NUMBER),
    AgeRule(
        r"\b" + _AGE + r"\s*(?:-|–|to|and)\s*" + _AGE + r"\s*years?\s+(?:old|of\s+age)\b",
        REASON_DIRECT,
        SUGGEST_NUMBER,
    ),
    AgeRule(
        r"\baged\s+" + _AGE + r"\b(?:\s*(?:-|–|to|and)\s*" + _AGE + r"\b)?",
        REASON_DIRECT,
        SUGGEST_NUMBER,
    ),
    AgeRule(
        r"\b(?:max(?:imum)?|no\s+more\s+than|at\s+most)\s+\d{1,2}\s+years?\s+(?:of\s+)?experience\b",
        REASON_INDIRECT,
        SUGGEST_EXPERIENCE,
    ),
    AgeRule(r"\bjunior\w*", REASON_JUNIOR, SUGGEST_JUNIOR, severity=NOTE),
)


def compile_rules(rules: tuple[AgeRule, ...]) -> re.Pattern[str]:
    """One pattern for all ``rules``: group ``r<i>`` is rule ``i`` (the text is scanned once)."""
    return re.compile(
        "|".join(f"(?P<r{i}>{rule.pattern})" for i, rule in enumerate(rules)), re.IGNORECASE
    )


@dataclass(frozen=True)
class Triggers:
    """The words a rule can start with, so the combined pattern is tried only where one of
    them starts (a word, or a part of a hyphenated word) instead of at every character — the
    difference between about 1 ms and 13 ms for 1,500 words. Keep in step with the rules: a
    test compares the result with a scan of the whole text."""

    words: frozenset[str]
    prefixes: tuple[str, ...]

    def __call__(self, word: str) -> bool:
        return word in self.words or word[:1].isdigit() or word.startswith(self.prefixes)


TRIGGERS_DA = Triggers(
    words=frozenset(
        {"ung", "ungt", "unge", "flok", "yngre", "ikke", "du", "er", "være", "i", "max",
         "maks", "maksimalt", "højst", "under", "young", "generation"}
    ),
    prefixes=("nyuddanne", "digital", "millennial", "junior"),
)  # fmt: skip

TRIGGERS_EN = Triggers(
    words=frozenset(
        {"young", "younger", "youthful", "recent", "new", "fresh", "gen", "generation", "non",
         "under", "below", "max", "maximum", "no", "not", "are", "be", "aged", "at"}
    ),
    prefixes=("digital", "millennial", "junior"),
)  # fmt: skip
