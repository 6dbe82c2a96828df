"""The facts a municipal job ad must carry, found in the ad's fields or in its text.

An applicant needs to know the pay and the agreement it follows, the hours, where the work is,
the deadline, whom to ask and how to apply; a municipal ad that lacks one of them is incomplete
(KL's and the unions' advice on ads; ansættelsesbevisloven § 3 later requires most of them in
writing anyway, DOMAIN.md 11). A fact counts as present when its field in ``AdFacts`` is filled
in, or when the ad's text mentions it (the patterns below, Danish and English).
"""

from __future__ import annotations

import itertools
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
    """One fact, found by a word that starts with one of ``words``, by two words in a row
    (``pairs``: the first word, and what the next one starts with), or by ``pattern`` (numbers,
    phone numbers, e-mail and postal addresses)."""

    key: str
    label: str
    reason: str
    words: tuple[str, ...] = ()
    pairs: tuple[tuple[str, tuple[str, ...]], ...] = ()
    pattern: re.Pattern[str] | None = None


FACTS: tuple[Fact, ...] = (
    Fact(
        "salary",
        N_("Løn"),
        N_("Opslaget siger ikke, hvad stillingen giver i løn (eller efter hvilken aftale)."),
        words=("løn", "gage", "salar", "pay", "dkk"),
        pattern=re.compile(r"\bkr\."),
    ),
    Fact(
        "agreement",
        N_("Overenskomst"),
        N_("Opslaget nævner ikke overenskomsten eller den aftale, ansættelsen sker efter."),
        words=("overenskomst",),
        pairs=(("aftale", ("mellem",)), ("collective", ("agreement",))),
        pattern=re.compile(r"\bOK\s?-?\d{2}\b"),
    ),
    Fact(
        "hours",
        N_("Arbejdstid"),
        N_("Opslaget siger ikke, hvor mange timer om ugen stillingen er på."),
        words=("fuldtid", "deltid", "arbejdstid", "full-time", "part-time"),
        pairs=(("full", ("time",)), ("part", ("time",))),
        pattern=re.compile(r"\b\d{1,2}(?:[,.]\d{1,2})?\s*(?:timer|t\.|hours)\b"),
    ),
    Fact(
        "place",
        N_("Arbejdssted"),
        N_("Opslaget siger ikke, hvor arbejdet foregår."),
        words=("arbejdssted", "adresse", "location"),
        pairs=(("based", ("in",)),),
        pattern=re.compile(r"\b\d{4}\s+[A-ZÆØÅ][a-zæøå]+"),
    ),
    Fact(
        "deadline",
        N_("Ansøgningsfrist"),
        N_("Opslaget har ingen ansøgningsfrist."),
        words=("ansøgningsfrist", "frist", "senest", "deadline"),
        pairs=(("closing", ("date",)), ("apply", ("by",))),
    ),
    Fact(
        "contact",
        N_("Kontaktperson"),
        N_("Opslaget siger ikke, hvem man kan spørge om stillingen."),
        words=("kontakt", "spørgsmål", "contact", "questions"),
        pattern=re.compile(r"@[\w-]+\.\w|\b(?:\+45\s?)?\d{2}\s?\d{2}\s?\d{2}\s?\d{2}\b"),
    ),
    Fact(
        "how_to_apply",
        N_("Sådan søger du"),
        N_("Opslaget siger ikke, hvor og hvordan man søger."),
        pairs=(
            ("søg", ("stillingen", "jobbet", "via", "her", "online")),
            ("ansøg", ("via", "her", "online", "på")),
            ("ansøgning", ("via", "her", "online", "på")),
            ("din", ("ansøgning",)),
            ("apply", ("via", "here", "online", "at", "through")),
            ("your", ("application",)),
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

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def missing_facts(text: str, facts: AdFacts | None, words: list[str] | None = None) -> list[Fact]:
    """The facts neither ``facts`` gives nor ``text`` (or the other fields) mentions.
    ``words``: the text's words, lower-cased, in order (the check has them already)."""
    if words is None:
        words = [m.group().lower() for m in _WORD.finditer(text)]
    extra = "" if facts is None else facts.joined()
    if extra:
        words = words + [m.group().lower() for m in _WORD.finditer(extra)]
    unique = set(words)
    followers: dict[str, set[str]] = {}
    missing = []
    for fact in FACTS:
        if facts is not None and getattr(facts, _FIELDS[fact.key]).strip():
            continue
        if fact.words and any(w.startswith(fact.words) for w in unique):
            continue
        if fact.pairs:
            if not followers:
                for first, second in itertools.pairwise(words):
                    followers.setdefault(first, set()).add(second)
            if any(
                any(n.startswith(nexts) for n in followers.get(first, ()))
                for first, nexts in fact.pairs
            ):
                continue
        if fact.pattern is not None and (
            fact.pattern.search(text) or (extra and fact.pattern.search(extra))
        ):
            continue
        missing.append(fact)
    return missing
