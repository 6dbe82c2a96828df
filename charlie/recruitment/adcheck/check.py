"""The inclusive-language check of a job ad: one pass over the text.

``check(text, lang=..., facts=...)`` returns a ``Report``: every finding (gender-coded words,
gendered titles, age wording) with its place in the text, the reason and a suggestion; the
gender verdict; readability (LIX); and the facts the ad lacks. It never changes the text: the
person reads the report and decides.

The text is split into words once with a Unicode-aware pattern (letters of every script, so
æ, ø and å stay part of their words — Gender Decoder's own code replaced every non-ASCII letter
with a space, DOMAIN.md 7.2). Each word is looked up by prefix in the language's stems: a
dictionary look-up per stem length, cached per word. Age wording is one regular expression with
a group per rule (``age.py``), and sentence ends one more (``readability.py``).

Gender verdict, as Gender Decoder scores it (``app/models.py`` there): score = feminine −
masculine words; no coded words at all: empty; 0: neutral; 1–3: feminine-coded; more than 3:
strongly feminine-coded; and the same on the masculine side.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from charlie.recruitment.adcheck import age, titles, wordlists_da, wordlists_en
from charlie.recruitment.adcheck.facts import AdFacts, missing_facts
from charlie.recruitment.adcheck.readability import Readability, readability, sentence_ends
from charlie.recruitment.adcheck.texts import gettext_noop as N_

__all__ = ["LANGUAGES", "Finding", "GenderVerdict", "MissingFact", "Report", "check"]

LANGUAGES = ("da", "en")

MASCULINE = "masculine_coded"
FEMININE = "feminine_coded"
TITLE = "gendered_title"
AGE = "age"

ADVICE = "advice"
LEGAL_RISK = age.LEGAL_RISK
NOTE = age.NOTE

#: A word: letters and digits of any script, with inner hyphens and apostrophes.
_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")

CODINGS: dict[str, str] = {
    "empty": N_("ingen kodede ord"),
    "neutral": N_("neutral"),
    "feminine": N_("feminint kodet"),
    "strongly_feminine": N_("stærkt feminint kodet"),
    "masculine": N_("maskulint kodet"),
    "strongly_masculine": N_("stærkt maskulint kodet"),
}

_REASONS = {
    ("en", MASCULINE): N_(
        "Maskulint kodet ord (Gender Decoders liste efter Gaucher, Friesen og Kay 2011): i "
        "forsøgene fik en overvægt af maskulint kodede ord kvinder til at finde jobbet mindre "
        "tiltrækkende, fordi de følte, de hørte mindre til."
    ),
    ("en", FEMININE): N_(
        "Feminint kodet ord (Gender Decoders liste efter Gaucher, Friesen og Kay 2011): ordet "
        "er ikke forkert, men en overvægt af feminint kodede ord giver opslaget en kønnet tone."
    ),
    ("da", MASCULINE): N_(
        "Maskulint kodet ord på Charlies egen danske liste (ikke et valideret instrument; "
        "skrevet ud fra Gaucher, Friesen og Kay 2011): en overvægt af maskulint kodede ord kan "
        "få færre kvinder til at søge."
    ),
    ("da", FEMININE): N_(
        "Feminint kodet ord på Charlies egen danske liste (ikke et valideret instrument; "
        "skrevet ud fra Gaucher, Friesen og Kay 2011): ordet er ikke forkert, men en overvægt "
        "af feminint kodede ord giver opslaget en kønnet tone."
    ),
}
_SUGGEST = {
    MASCULINE: N_(
        "Overvej et mere neutralt ord, der beskriver selve opgaven, eller balancér med ord om "
        "samarbejde og fællesskab."
    ),
    FEMININE: N_(
        "Behold ordet, hvis det beskriver jobbet præcist, men balancér med konkrete opgaver og "
        "mål, så tonen ikke bliver ensidig."
    ),
}
#: Suggestions for single Danish stems (the general one otherwise).
_SUGGEST_DA: dict[str, str] = {
    "konkurre": N_("Beskriv målene i stedet for konkurrencen, fx »vi når vores mål sammen«."),
    "selvstændig": N_(
        "Fx »du kan planlægge din egen arbejdsdag« eller »du tager ansvar for dine opgaver«."
    ),
    "udfordr": N_("Fx »opgaver, hvor du lærer nyt« eller »spændende og varierede opgaver«."),
    "ambiti": N_("Fx »du vil gerne udvikle dig« eller »engageret i dit fag«."),
    "stærk": N_("Fx »god til …« eller »erfaren i …«."),
    "leder": N_(
        "Beskriv opgaven, fx »du koordinerer teamets arbejde«, eller balancér med ord om "
        "samarbejde."
    ),
    "analytisk": N_("Fx »du kan lide at finde mønstre i tal« eller »du er grundig«."),
    "beslutsom": N_("Fx »du kan træffe beslutninger, også når tiden er knap«."),
    "dominer": N_("Fx »tydelig« eller »du tager ordet, når det er nødvendigt«."),
}


@dataclass(frozen=True)
class Finding:
    """One thing the check found: ``category`` (masculine_coded, feminine_coded,
    gendered_title, age), ``severity`` (advice, legal_risk, note), the ``word`` as written and
    its place (``start``/``end`` character offsets, 1-based ``line`` and ``column``)."""

    category: str
    severity: str
    word: str
    start: int
    end: int
    line: int
    column: int
    reason: str
    suggestion: str
    stem: str = ""
    source: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "severity": self.severity,
            "word": self.word,
            "position": {
                "start": self.start,
                "end": self.end,
                "line": self.line,
                "column": self.column,
            },
            "reason": self.reason,
            "suggestion": self.suggestion,
            "stem": self.stem,
            "source": self.source,
        }


@dataclass(frozen=True)
class GenderVerdict:
    feminine: int
    masculine: int
    feminine_words: tuple[str, ...] = ()
    masculine_words: tuple[str, ...] = ()

    @property
    def score(self) -> int:
        """Feminine minus masculine words (Gender Decoder's score)."""
        return self.feminine - self.masculine

    @property
    def coding(self) -> str:
        """empty, neutral, (strongly_)feminine or (strongly_)masculine."""
        score = self.score
        if score == 0:
            return "neutral" if self.feminine else "empty"
        side = "feminine" if score > 0 else "masculine"
        return f"strongly_{side}" if abs(score) > 3 else side

    def as_dict(self) -> dict[str, Any]:
        return {
            "coding": self.coding,
            "label": CODINGS[self.coding],
            "score": self.score,
            "feminine": self.feminine,
            "masculine": self.masculine,
            "feminine_words": list(self.feminine_words),
            "masculine_words": list(self.masculine_words),
        }


@dataclass(frozen=True)
class MissingFact:
    key: str
    label: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"key": self.key, "label": self.label, "reason": self.reason}


@dataclass(frozen=True)
class Report:
    lang: str
    findings: tuple[Finding, ...]
    gender: GenderVerdict
    readability: Readability
    missing: tuple[MissingFact, ...]
    word_list: str
    validated: bool = field(default=False)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (the CLI's output, and what a published ad keeps)."""
        return {
            "lang": self.lang,
            "word_list": {"source": self.word_list, "validated": self.validated},
            "counts": {
                LEGAL_RISK: self.count(LEGAL_RISK),
                ADVICE: self.count(ADVICE),
                NOTE: self.count(NOTE),
                "missing_facts": len(self.missing),
            },
            "findings": [f.as_dict() for f in self.findings],
            "verdict": self.gender.as_dict(),
            "lix": self.readability.as_dict(),
            "missing_facts": [m.as_dict() for m in self.missing],
        }


@dataclass(frozen=True)
class _Lexicon:
    lang: str
    source: str
    validated: bool
    masculine: frozenset[str]
    feminine: frozenset[str]
    lengths: tuple[int, ...]  # the stems' lengths, longest first
    not_coded: tuple[str, ...]
    not_before: dict[str, tuple[str, ...]]
    not_after: dict[str, tuple[str, ...]]
    suggestions: dict[str, str]
    title: Callable[[str], str | None]
    age_rules: tuple[age.AgeRule, ...]
    age_pattern: re.Pattern[str]
    age_triggers: age.Triggers


def _lexicon(lang: str, module: Any, **kw: Any) -> _Lexicon:
    masculine = frozenset(module.MASCULINE)
    feminine = frozenset(module.FEMININE)
    return _Lexicon(
        lang=lang,
        source=module.SOURCE,
        masculine=masculine,
        feminine=feminine,
        lengths=tuple(sorted({len(s) for s in masculine | feminine}, reverse=True)),
        not_coded=tuple(module.NOT_CODED_PREFIXES),
        not_before=dict(module.NOT_BEFORE),
        not_after=dict(module.NOT_AFTER),
        **kw,
    )


_LEXICONS: dict[str, _Lexicon] = {
    "da": _lexicon(
        "da",
        wordlists_da,
        validated=False,
        suggestions=_SUGGEST_DA,
        title=titles.title_da,
        age_rules=age.RULES_DA,
        age_pattern=age.compile_rules(age.RULES_DA),
        age_triggers=age.TRIGGERS_DA,
    ),
    "en": _lexicon(
        "en",
        wordlists_en,
        validated=True,
        suggestions={},
        title=titles.title_en,
        age_rules=age.RULES_EN,
        age_pattern=age.compile_rules(age.RULES_EN),
        age_triggers=age.TRIGGERS_EN,
    ),
}


@lru_cache(maxsize=50_000)
def _coding(lang: str, word: str) -> tuple[str, str] | None:
    """(category, stem) of a lower-cased word: the longest stem it starts with; ``None`` if it
    starts with none, or with one of the language's not-coded prefixes."""
    lex = _LEXICONS[lang]
    for n in lex.lengths:
        if n > len(word):
            continue
        prefix = word[:n]
        if prefix in lex.masculine:
            category = MASCULINE
        elif prefix in lex.feminine:
            category = FEMININE
        else:
            continue
        if word.startswith(lex.not_coded):
            return None
        return category, prefix
    return None


@lru_cache(maxsize=50_000)
def _classify(lang: str, word: str) -> tuple[str | None, bool, bool] | None:
    """What a lower-cased word may be, decided once per word: ``None`` for most words (nothing
    to do), else (the title suggestion if it is a gendered title, whether it may be
    gender-coded — a stem or a hyphenated word whose parts may be —, whether an age rule may
    start at it or at one of its parts)."""
    lex = _LEXICONS[lang]
    title = lex.title(word)
    parts = word.split("-") if "-" in word else (word,)
    coded = title is None and (len(parts) > 1 or _coding(lang, word) is not None)
    trigger = any(p and lex.age_triggers(p) for p in parts)
    if title is None and not coded and not trigger:
        return None
    return title, coded, trigger


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def check(text: str, *, lang: str = "da", facts: AdFacts | None = None) -> Report:
    """Check a job ad's ``text`` (Danish or English word lists by ``lang``); ``facts``: the ad's
    structured fields, which count as present facts. Never changes the text."""
    if lang not in _LEXICONS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    lex = _LEXICONS[lang]
    lines = _line_starts(text)

    def place(start: int) -> tuple[int, int]:
        line = bisect.bisect_right(lines, start)
        return line, start - lines[line - 1] + 1

    tokens = [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text)]
    findings: list[Finding] = []
    counts = {MASCULINE: 0, FEMININE: 0}
    coded_words: dict[str, list[str]] = {MASCULINE: [], FEMININE: []}

    def coded(start: int, end: int, word: str, i: int) -> None:
        hit = _coding(lang, word)
        if hit is None:
            if "-" in word:  # "ikke-senior", "team-player": each part on its own
                offset = 0
                for part in word.split("-"):
                    if part:
                        coded(start + offset, start + offset + len(part), part, i)
                    offset += len(part) + 1
            return
        before = lex.not_before.get(word)
        if before and i + 1 < len(tokens) and tokens[i + 1][2].startswith(before):
            return
        after = lex.not_after.get(word)
        if after and i > 0 and tokens[i - 1][2] in after:
            return
        category, stem = hit
        counts[category] += 1
        coded_words[category].append(word)
        line, column = place(start)
        findings.append(
            Finding(
                category=category,
                severity=ADVICE,
                word=text[start:end],
                start=start,
                end=end,
                line=line,
                column=column,
                reason=_REASONS[(lang, category)],
                suggestion=lex.suggestions.get(stem, _SUGGEST[category]),
                stem=stem,
                source=lex.source,
            )
        )

    age_hits: list[re.Match[str]] = []
    age_done = 0  # the end of the last age match: matches do not overlap
    match_age = lex.age_pattern.match
    for i, (start, end, word) in enumerate(tokens):
        kind = _classify(lang, word)
        if kind is None:
            continue
        suggestion, may_be_coded, age_trigger = kind
        if age_trigger and start >= age_done:
            for at, part in _parts(start, word):
                if at >= age_done and part and lex.age_triggers(part):
                    match = match_age(text, at)
                    if match is not None:
                        age_hits.append(match)
                        age_done = match.end()
        if suggestion is not None:
            line, column = place(start)
            findings.append(
                Finding(
                    category=TITLE,
                    severity=ADVICE,
                    word=text[start:end],
                    start=start,
                    end=end,
                    line=line,
                    column=column,
                    reason=titles.REASON,
                    suggestion=suggestion,
                )
            )
        elif may_be_coded:
            coded(start, end, word, i)

    ends = sentence_ends(text)
    for match in age_hits:
        rule = lex.age_rules[int((match.lastgroup or "r0")[1:])]
        if rule.unless_in_sentence and _sentence_has(text, ends, match.start(), rule):
            continue
        line, column = place(match.start())
        findings.append(
            Finding(
                category=AGE,
                severity=rule.severity,
                word=match.group(),
                start=match.start(),
                end=match.end(),
                line=line,
                column=column,
                reason=rule.reason,
                suggestion=rule.suggestion,
            )
        )
    findings.sort(key=lambda f: (f.start, f.end))
    return Report(
        lang=lang,
        findings=tuple(findings),
        gender=GenderVerdict(
            feminine=counts[FEMININE],
            masculine=counts[MASCULINE],
            feminine_words=tuple(coded_words[FEMININE]),
            masculine_words=tuple(coded_words[MASCULINE]),
        ),
        readability=readability(text, tokens, ends),
        missing=tuple(
            MissingFact(f.key, f.label, f.reason)
            for f in missing_facts(text, facts, [t[2] for t in tokens])
        ),
        word_list=lex.source,
        validated=lex.validated,
    )


def _parts(start: int, word: str) -> list[tuple[int, str]]:
    """Where an age rule may start in a word: the word, or each part of a hyphenated one
    (»MED-junior«, »ikke-senior«)."""
    if "-" not in word:
        return [(start, word)]
    out = []
    for part in word.split("-"):
        out.append((start, part))
        start += len(part) + 1
    return out


def _sentence_has(text: str, ends: list[int], position: int, rule: age.AgeRule) -> bool:
    """Whether the sentence around ``position`` has a word starting with one of the rule's
    lifting words."""
    s = bisect.bisect_right(ends, position)
    start = ends[s - 1] if s > 0 else 0
    end = ends[s] if s < len(ends) else len(text)
    words = (m.group().lower() for m in _TOKEN.finditer(text, start, end))
    return any(w.startswith(rule.unless_in_sentence) for w in words)
