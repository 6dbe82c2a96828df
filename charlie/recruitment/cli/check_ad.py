"""``charlie recruitment check-ad FILE [--lang da|en] [--format text|json]``: the
inclusive-language check of a job ad in a UTF-8 text or Markdown file (docs/recruitment-adcheck.md).

JSON: the report — ``findings`` (category, severity, word, position with start/end character
offsets and line/column, reason, suggestion), ``verdict`` (the gender coding with counts),
``lix`` (value, band, sentence lengths, the longest sentences) and ``missing_facts``. Text: the
same, readable, in Danish. The check reads the file only; it needs no database and no user."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import CommandError

from charlie.recruitment import adcheck, services

HELP = "Tjek et jobopslags sprog: kønnede ord og titler, alder, LIX og manglende oplysninger."

SEVERITY = {"legal_risk": "JURIDISK RISIKO", "advice": "Råd", "note": "Bemærk"}
CATEGORY = {
    "masculine_coded": "maskulint kodet ord",
    "feminine_coded": "feminint kodet ord",
    "gendered_title": "kønnet titel",
    "age": "alder",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FILE", help="Opslaget som tekst- eller Markdown-fil (UTF-8)."
    )
    parser.add_argument("--lang", choices=list(adcheck.LANGUAGES), default="da", help="Sprog (da).")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="Format (text).")


def read_ad(name: str) -> str:
    """The file's text, or a Danish ``CommandError`` that says what is wrong."""
    path = Path(name)
    if not path.exists():
        raise CommandError(f"Filen {name} findes ikke.")
    if not path.is_file():
        raise CommandError(f"{name} er ikke en fil.")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(
            f"Filen {name} er ikke UTF-8-tekst (byte {exc.start}). Gem den som UTF-8, og prøv igen."
        ) from exc
    except OSError as exc:
        raise CommandError(f"Filen {name} kan ikke læses: {exc.strerror}.") from exc


def run(options: dict[str, Any], out: TextIO) -> None:
    text = read_ad(options["file"])
    report = services.check_ad_text(text, lang=options["lang"])
    if options["format"] == "json":
        out.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    out.write(as_text(report, options["file"]))


def as_text(report: adcheck.Report, name: str) -> str:
    """The report, readable, in Danish."""
    data = report.as_dict()
    verdict = data["verdict"]
    lix = data["lix"]
    lines = [f"Sprogtjek af {name}", ""]
    lines.append(
        f"Køn: {verdict['label']} ({verdict['feminine']} feminint og "
        f"{verdict['masculine']} maskulint kodede ord)."
    )
    lines.append(f"Ordliste: {data['word_list']['source']}.")
    if lix["value"] is None:
        lines.append("LIX: ingen ord.")
    else:
        lines.append(
            f"LIX: {_number(lix['value'])} ({lix['band']}); {lix['words']} ord i "
            f"{lix['sentences']} sætninger, gennemsnitligt "
            f"{_number(lix['average_sentence_length'])} ord pr. sætning."
        )
    lines.append("")
    findings = data["findings"]
    if findings:
        lines.append(f"Fund ({len(findings)}):")
        for f in findings:
            pos = f["position"]
            lines.append(
                f"- linje {pos['line']}, tegn {pos['column']}: »{f['word']}« — "
                f"{SEVERITY[f['severity']]}, {CATEGORY[f['category']]}."
            )
            lines.append(f"  Hvorfor: {f['reason']}")
            lines.append(f"  Forslag: {f['suggestion']}")
    else:
        lines.append("Ingen fund.")
    if data["missing_facts"]:
        lines.append("")
        lines.append("Mangler i opslaget:")
        lines.extend(f"- {m['label']}: {m['reason']}" for m in data["missing_facts"])
    if lix["longest_sentences"]:
        lines.append("")
        lines.append("Længste sætninger:")
        lines.extend(
            f"- {s['words']} ord{' (lang)' if s['long'] else ''}: {s['text']}"
            for s in lix["longest_sentences"]
        )
    lines.append("")
    lines.append("Tjekket ændrer aldrig teksten; du beslutter, hvad der skal rettes.")
    return "\n".join(lines) + "\n"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")
