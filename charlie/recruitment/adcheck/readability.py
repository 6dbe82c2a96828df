"""Readability: LIX, sentence length and the longest sentences.

LIX (läsbarhetsindex, Carl-Hugo Björnsson 1968) = words ÷ sentences + 100 × long words ÷ words,
where a long word has more than 6 letters. The usual Danish bands: under 25 meget let, 25–34
let, 35–44 middel, 45–54 svær, 55 and over meget svær. A number counts as a word (its digits as
its letters); a hyphenated word is one word.

A sentence ends at ».«, »!« or »?« followed by a space or the end (not after an abbreviation
such as »fx.« or »bl.a.«, nor before a small letter as in »1. marts«, nor inside a number such
as »1.500« or »kl. 8.00«), at »:« before a
line break, at an empty line, and at a line break before a list item, a heading or a capital
letter — ads are full of headings and bullet lists without full stops, and each is read as a
sentence of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from charlie.recruitment.adcheck.texts import gettext_noop as N_

#: (upper bound, exclusive; band) — LIX below the bound falls in the band.
BANDS: tuple[tuple[float, str], ...] = (
    (25, N_("meget let")),
    (35, N_("let")),
    (45, N_("middel")),
    (55, N_("svær")),
    (float("inf"), N_("meget svær")),
)

#: A sentence longer than this is "long" (shown as such in the report).
LONG_SENTENCE_WORDS = 25
#: How many of the longest sentences the report lists.
LONGEST = 3

_BOUNDARY = re.compile(
    r"[.!?]+(?=[\s\"'»”)\]]|$)"
    r"|:(?=[ \t]*\n)"
    r"|\n[ \t]*(?=\n|[-*•–]\s|\d{1,2}[.)]\s|#|[A-ZÆØÅÄÖÜÉ])"
)
#: Abbreviations after which a full stop does not end a sentence (unless a line break follows).
_ABBREVIATIONS = frozenset(
    {
        "fx", "f.eks", "bl.a", "ca", "pr", "jf", "nr", "kl", "tlf", "inkl", "ekskl", "evt",
        "mht", "ift", "dvs", "d.v.s", "iflg", "hhv", "m.fl", "p.t", "vedr", "ang", "att",
        "e.g", "i.e", "vs", "dr", "mr", "mrs", "ms", "st", "maks", "max", "min", "no", "incl",
    }
)  # fmt: skip
_BEFORE = re.compile(r"([^\W\d_][\w.]*)$")
_LOWER_NEXT = re.compile(r"[ \t]+[a-zæøåäöüé]")


def band(lix: float) -> str:
    """The Danish band of a LIX value (already rounded as shown)."""
    for bound, name in BANDS:
        if lix < bound:
            return name
    return BANDS[-1][1]  # pragma: no cover - the last bound is infinite


def lix(words: int, sentences: int, long_words: int) -> float | None:
    """LIX = words / sentences + 100 × long_words / words, to one decimal; ``None`` for no words.

    >>> lix(12, 2, 3)
    31.0
    """
    if words == 0 or sentences == 0:
        return None
    return round(words / sentences + 100 * long_words / words, 1)


def sentence_ends(text: str) -> list[int]:
    """The positions where sentences end (sorted; the end of the text is always one)."""
    ends = []
    for match in _BOUNDARY.finditer(text):
        start = match.start()
        if text[start] == ".":
            # A sentence starts with a capital: ». « before a small letter is an abbreviation or
            # an ordinal (»1. marts«).
            if _LOWER_NEXT.match(text, match.end()):
                continue
            before = _BEFORE.search(text, max(0, start - 12), start)
            after = text[match.end() : match.end() + 2]
            if (
                before is not None
                and before.group(1).lower() in _ABBREVIATIONS
                and "\n" not in after
                and match.end() < len(text)
            ):
                continue
        ends.append(match.end())
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    return ends


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    words: int
    text: str


@dataclass(frozen=True)
class Readability:
    lix: float | None
    band: str
    words: int
    sentences: int
    long_words: int
    average_sentence_length: float | None
    longest: tuple[Sentence, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "value": self.lix,
            "band": self.band,
            "words": self.words,
            "sentences": self.sentences,
            "long_words": self.long_words,
            "average_sentence_length": self.average_sentence_length,
            "long_sentence_words": LONG_SENTENCE_WORDS,
            "longest_sentences": [
                {
                    "start": s.start,
                    "end": s.end,
                    "words": s.words,
                    "long": s.words > LONG_SENTENCE_WORDS,
                    "text": s.text,
                }
                for s in self.longest
            ],
        }


def readability(text: str, tokens: list[tuple[int, int, str]], ends: list[int]) -> Readability:
    """LIX and sentence lengths of ``text`` from its word ``tokens`` (start, end, lower-cased
    word) and its sentence ``ends`` (``sentence_ends``)."""
    long_words = 0
    n_ends = len(ends)
    per_sentence = [0] * n_ends
    first_token = [-1] * n_ends
    last_token = [-1] * n_ends
    s = 0  # tokens and sentence ends are both in text order: walk them together
    for i, (start, end, word) in enumerate(tokens):
        if end - start > 6 and (
            end - start - word.count("-") - word.count("'") - word.count("’") > 6
        ):
            long_words += 1
        while s < n_ends - 1 and ends[s] <= start:
            s += 1
        per_sentence[s] += 1
        if first_token[s] < 0:
            first_token[s] = i
        last_token[s] = i
    words = len(tokens)
    counted = [s for s, n in enumerate(per_sentence) if n]
    sentences = len(counted)
    value = lix(words, sentences, long_words)
    by_length = sorted(counted, key=lambda s: (-per_sentence[s], s))[:LONGEST]
    longest = tuple(
        Sentence(
            start=tokens[first_token[s]][0],
            end=tokens[last_token[s]][1],
            words=per_sentence[s],
            text=" ".join(text[tokens[first_token[s]][0] : ends[s]].split()),
        )
        for s in by_length
    )
    return Readability(
        lix=value,
        band=band(value) if value is not None else "",
        words=words,
        sentences=sentences,
        long_words=long_words,
        average_sentence_length=round(words / sentences, 1) if sentences else None,
        longest=longest,
    )
