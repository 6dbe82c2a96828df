"""Job-ad check benchmark (issue 15): the inclusive-language check of a 1,500-word Danish ad.

In one run, in one process, no database:

1. **Generate** (seed 2030) a Danish job ad of ``--words`` words (1,500 by default): headings,
   paragraphs and bullet lists built from municipal ad sentences, with gender-coded words from
   both sides, gendered titles, age wording and the facts an ad carries — so the check has
   findings of every kind to report (about one word in ten is coded).
2. **The check**: ``charlie.recruitment.adcheck.check(text, lang="da")`` — tokens, prefix look-up
   of the Danish stems, titles, the age rules, LIX with sentence lengths, missing facts — timed
   ``--repeat`` times (200 by default) after one warm-up call; median and p95. The per-word
   cache is cleared before each call, so every call pays for every look-up (a cold cache, as for
   the first keystroke on a new text); a second series keeps the cache (what the editor sees
   while one types).
3. **Reference, same run**: the straightforward way — the text lower-cased, and for every stem
   a ``str.find`` loop over the whole text (a hit counts where the stem starts a word), every
   title likewise, each age rule as its own regular expression over the whole text, each
   fact's words with ``str.find``, sentences split with
   ``re.split`` and LIX from ``str.split`` — timed the same way. The reference and the check
   must find the same number of masculine and feminine words (exit status 1 otherwise).

Target: the check ≤ 50 ms (median and p95) for 1,500 words.

Usage::

    python benchmarks/bench_adcheck.py [--words 1500] [--repeat 200]
    ./dev bench adcheck

Results: a Markdown table on stdout and in ``benchmarks/results/adcheck-latest.md``, the
figures in ``adcheck-latest.json`` (git-ignored).
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from charlie.recruitment import adcheck  # noqa: E402
from charlie.recruitment.adcheck import age, facts, titles, wordlists_da  # noqa: E402

# The module (the package's ``check`` is the function of the same name).
check_module = importlib.import_module("charlie.recruitment.adcheck.check")

RESULTS_DIR = ROOT / "benchmarks" / "results"
SEED = 2030
TARGET_MS = 50.0

HEADINGS = ["Om stillingen", "Om dig", "Vi tilbyder", "Løn og ansættelse", "Ansøgning"]
SENTENCES = [
    "Vi søger en social- og sundhedsassistent til Plejecenter Nord, hvor borgerne er i centrum.",
    "Du bliver en del af et tværfagligt team med sygeplejersker, terapeuter og hjælpere.",
    "Du er ambitiøs, selvstændig og har lyst til udfordringer i en travl hverdag.",
    "Vi lægger vægt på samarbejde, omsorg og respekt for den enkelte borger.",
    "Du er analytisk, stærk i din faglighed og trives med at træffe beslutninger.",
    "Hos os er der tryghed, fællesskab og plads til at lære af hinanden.",
    "Du vil arbejde med dokumentation, medicinhåndtering og koordinering af forløb.",
    "Vi forventer, at du er empatisk, tålmodig og god til at lytte.",
    "Formanden for MED-udvalget og tillidsrepræsentanten er med i ansættelsesudvalget.",
    "Vi søger en yngre kollega til vores unge og dynamiske team.",
    "Nyuddannede og erfarne er lige velkomne til at søge stillingen.",
    "Du får en grundig introduktion og mulighed for efteruddannelse gennem hele ansættelsen.",
    "Arbejdstiden er 32 timer om ugen fordelt på dag- og aftenvagter samt hver tredje weekend.",
    "Løn efter overenskomst mellem KL og FOA med mulighed for tillæg efter forhandling.",
    "Du er målrettet, konkurrencepræget og vil gerne være med til at dominere udviklingen.",
    "Du skal kunne støtte dine kolleger og bidrage til et inkluderende arbejdsmiljø.",
]
BULLETS = [
    "erfaring med rehabilitering",
    "gode samarbejdsevner",
    "kørekort til almindelig bil",
    "lyst til at tage ansvar",
    "interesse for velfærdsteknologi",
    "selvstændig og beslutsom",
    "hjælpsom og imødekommende",
]
CLOSING = (
    "Ansøgningsfrist: 15. januar 2027. Har du spørgsmål, så kontakt afdelingsleder Pia Holm på "
    "telefon 96 63 10 00. Søg stillingen via linket."
)


def generate(words: int) -> str:
    """A Danish ad of about ``words`` words (seeded)."""
    rng = random.Random(SEED)
    parts: list[str] = []
    count = 0
    while count < words - 40:
        heading = rng.choice(HEADINGS)
        parts.append(heading)
        paragraph = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 6)))
        parts.append(paragraph)
        bullets = "\n".join(f"- {b}" for b in rng.sample(BULLETS, rng.randint(2, 4)))
        parts.append(bullets)
        count = len(" ".join(parts).split())
    parts.append(CLOSING)
    text = "\n\n".join(parts)
    return " ".join(text.split(" ")[: words + 10])


# --- The reference ------------------------------------------------------------------------------

_REF_AGE = [re.compile(rule.pattern, re.IGNORECASE) for rule in age.RULES_DA]


def reference(text: str) -> dict[str, int]:
    """The straightforward check: a ``str.find`` loop per stem and title, a regex per rule."""
    lower = text.lower()
    counts = {"masculine": 0, "feminine": 0, "titles": 0, "age": 0}
    seen: set[int] = set()
    # Longest stems first, so a word is counted once (for its longest stem), as the check does.
    stems = sorted(
        [(s, "masculine") for s in wordlists_da.MASCULINE]
        + [(s, "feminine") for s in wordlists_da.FEMININE],
        key=lambda x: -len(x[0]),
    )
    for stem, side in stems:
        i = lower.find(stem)
        while i >= 0:
            if (i == 0 or not lower[i - 1].isalnum()) and i not in seen:
                end = i
                while end < len(lower) and (lower[end].isalnum() or lower[end] == "-"):
                    end += 1
                word = lower[i:end]
                if not word.startswith(wordlists_da.NOT_CODED_PREFIXES) and not (
                    titles.title_da(word)
                ):
                    seen.add(i)
                    counts[side] += 1
            i = lower.find(stem, i + 1)
    for title in (*titles.MAND_TITLES_DA, *titles.OTHER_TITLES_DA):
        i = lower.find(title)
        while i >= 0:
            counts["titles"] += 1
            i = lower.find(title, i + 1)
    for pattern in _REF_AGE:
        counts["age"] += len(pattern.findall(text))
    counts["missing"] = 0
    for fact in facts.FACTS:
        found = any(lower.find(w) >= 0 for w in fact.words) or any(
            lower.find(f"{first} {n}") >= 0 for first, nexts in fact.pairs for n in nexts
        )
        if not found and fact.pattern is not None:
            found = fact.pattern.search(text) is not None
        counts["missing"] += not found
    sentences = [s for s in re.split(r"[.!?]\s+|\n+", text) if s.strip()]
    words = text.split()
    long_words = sum(1 for w in words if len(w.strip(".,:;!?»«")) > 6)
    counts["lix"] = round(len(words) / max(len(sentences), 1) + 100 * long_words / len(words))
    return counts


def _times(
    fn: Callable[[], Any], repeat: int, before: Callable[[], None] | None = None
) -> list[float]:
    fn()  # warm-up (imports, compiled patterns)
    out = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--words", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args(argv)
    text = generate(args.words)
    n_words = len(text.split())

    def clear() -> None:
        check_module._coding.cache_clear()
        check_module._classify.cache_clear()

    report = adcheck.check(text, lang="da")
    ref = reference(text)
    ok = (ref["masculine"], ref["feminine"]) == (report.gender.masculine, report.gender.feminine)
    if not ok:
        print(
            f"The reference found {ref['masculine']} masculine and {ref['feminine']} feminine "
            f"words, the check {report.gender.masculine} and {report.gender.feminine}",
            file=sys.stderr,
        )
    cold = _times(lambda: adcheck.check(text, lang="da"), args.repeat, clear)
    warm = _times(lambda: adcheck.check(text, lang="da"), args.repeat)
    naive = _times(lambda: reference(text), args.repeat)
    rows = [
        ("check, cold word cache", cold),
        ("check, warm word cache (typing)", warm),
        ("reference: str.find per stem", naive),
    ]
    ref_median = statistics.median(naive)
    lines = [
        f"Job-ad check, a generated Danish ad of {n_words:,} words "
        f"({len(report.findings)} findings: {report.gender.masculine} masculine, "
        f"{report.gender.feminine} feminine, LIX {report.readability.lix}), "
        f"{args.repeat} runs each",
        "",
        "| Work | Median (ms) | p95 (ms) | Reference ÷ this | Target ≤ 50 ms |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    results = []
    for name, values in rows:
        median, p95 = statistics.median(values) * 1000, _p95(values) * 1000
        is_ref = name.startswith("reference")
        verdict = "(reference)" if is_ref else ("met" if p95 <= TARGET_MS else "MISSED")
        ratio = "–" if is_ref else f"{ref_median * 1000 / median:.1f}×"
        lines.append(f"| {name} | {median:.2f} | {p95:.2f} | {ratio} | {verdict} |")
        results.append({"work": name, "median_ms": median, "p95_ms": p95})
    table = "\n".join(lines)
    print(table)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "adcheck-latest.md").write_text(table + "\n")
    (RESULTS_DIR / "adcheck-latest.json").write_text(
        json.dumps(
            {
                "words": n_words,
                "repeat": args.repeat,
                "findings": len(report.findings),
                "reference_counts": ref,
                "target_ms": TARGET_MS,
                "results": results,
            },
            indent=2,
        )
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
