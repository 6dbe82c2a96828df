"""The facts a municipal job ad must carry, found in the ad's fields or in its text.

An applicant needs to know the pay and the agreement it follows, the hours, where the work is,
the deadline, whom to ask and how to apply; a municipal ad that lacks one of them is incomplete
(KL's and the unions' advice on ads; ansættelsesbevisloven § 3 later requires most of them in
writing anyway, DOMAIN.md 11). A fact counts as present when its field in ``AdFacts`` is filled
in, or when the ad's text mentions it (the patterns below, Danish and English).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from charlie.recruitment.adcheck.texts import gettext_noop as N_


@dataclass(frozen=True)
class AdFacts:
    """The ad's structured fields (empty: not given). ``how_to_apply``: where and how to apply,
    e.g. the careers site's form."""

    salary: str = ""
    agreement: str = ""
    weekly_hours: str = ""
    place: str = ""
    deadline: str = ""
    contact: str = ""
    how_to_apply: str = ""

    def joined(self) -> str:
        return "\n".join(
            (
                self.salary,
                self.agreement,
                self.weekly_hours,
                self.place,
                self.deadline,
                self.contact,
                self.how_to_apply,
            )
        )


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    reason: str
    #: The text mentions it (Danish, English).
    pattern: re.Pattern[str]


_PHONE = r"\b(?:\+45\s?)?\d{2}\s?\d{2}\s?\d{2}\s?\d{2}\b"
_EMAIL = r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"

FACTS: tuple[Fact, ...] = (
    Fact(
        "salary",
        N_("Løn"),
        N_("Opslaget siger ikke, hvad stillingen giver i løn (eller efter hvilken aftale)."),
        re.compile(r"\bløn\w*|\bgage\b|\bsalar\w*|\bpay\b|\bkr\.|\bdkk\b", re.IGNORECASE),
    ),
    Fact(
        "agreement",
        N_("Overenskomst"),
        N_("Opslaget nævner ikke overenskomsten eller den aftale, ansættelsen sker efter."),
        re.compile(
            r"\boverenskomst\w*|(?-i:\bOK\s?-?\d{2}\b)|\baftale\s+mellem\b|\bcollective\s+agreement\b",
            re.IGNORECASE,
        ),
    ),
    Fact(
        "hours",
        N_("Arbejdstid"),
        N_("Opslaget siger ikke, hvor mange timer om ugen stillingen er på."),
        re.compile(
            r"\b\d{1,2}(?:[,.]\d{1,2})?\s*(?:timer|t\.|hours)\b|\bfuldtid\w*|\bdeltid\w*"
            r"|\bfull[-\s]time\b|\bpart[-\s]time\b|\barbejdstid\w*",
            re.IGNORECASE,
        ),
    ),
    Fact(
        "place",
        N_("Arbejdssted"),
        N_("Opslaget siger ikke, hvor arbejdet foregår."),
        re.compile(
            r"\barbejdssted\w*|\badresse\w*|(?-i:\b\d{4}\s+[A-ZÆØÅ][a-zæøå]+)|\blocation\b"
            r"|\bbased\s+in\b",
            re.IGNORECASE,
        ),
    ),
    Fact(
        "deadline",
        N_("Ansøgningsfrist"),
        N_("Opslaget har ingen ansøgningsfrist."),
        re.compile(
            r"\bansøgningsfrist\w*|\bfrist\w*|\bsenest\b|\bdeadline\b|\bclosing\s+date\b"
            r"|\bapply\s+by\b",
            re.IGNORECASE,
        ),
    ),
    Fact(
        "contact",
        N_("Kontaktperson"),
        N_("Opslaget siger ikke, hvem man kan spørge om stillingen."),
        re.compile(
            r"\bkontakt\w*|\bspørgsmål\b|\bcontact\b|\bquestions\b|" + _PHONE + "|" + _EMAIL,
            re.IGNORECASE,
        ),
    ),
    Fact(
        "how_to_apply",
        N_("Sådan søger du"),
        N_("Opslaget siger ikke, hvor og hvordan man søger."),
        re.compile(
            r"\bsøg\s+(?:stillingen|jobbet|via|her|online)\b|\bansøg\w*\s+(?:via|her|online|på)\b"
            r"|\bsend\s+(?:din|jeres)\s+ansøgning\b|\bapply\s+(?:via|here|online|at|through)\b"
            r"|\bsubmit\s+your\s+application\b",
            re.IGNORECASE,
        ),
    ),
)

_FIELDS = {
    "salary": "salary",
    "agreement": "agreement",
    "hours": "weekly_hours",
    "place": "place",
    "deadline": "deadline",
    "contact": "contact",
    "how_to_apply": "how_to_apply",
}


def missing_facts(text: str, facts: AdFacts | None) -> list[Fact]:
    """The facts neither ``facts`` gives nor ``text`` (or the other fields) mentions."""
    haystack = text if facts is None else text + "\n" + facts.joined()
    missing = []
    for fact in FACTS:
        if facts is not None and getattr(facts, _FIELDS[fact.key]).strip():
            continue
        if fact.pattern.search(haystack):
            continue
        missing.append(fact)
    return missing
