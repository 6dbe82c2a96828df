#!/usr/bin/env python3
"""Compile every ``charlie/**/locale/*/LC_MESSAGES/*.po`` into its ``.mo``, without gettext.

Django's ``compilemessages`` needs GNU gettext's ``msgfmt``, which a fresh Windows/macOS machine
or a slim container lacks. polib (a dependency) writes the same binary catalogue. The ``.mo`` files
are build output (git-ignored): ``./dev`` runs this script on every set-up; a catalogue whose
``.mo`` is newer than its ``.po`` is skipped unless ``--force`` is given.

Fuzzy and untranslated entries are left out, as ``msgfmt`` does by default: Django then shows the
Danish source text, which is the intended fallback.

Usage: python scripts/compile_translations.py [--force] [--check]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def catalogues(root: Path) -> list[Path]:
    return sorted(root.glob("charlie/**/locale/*/LC_MESSAGES/*.po"))


def compile_po(po_path: Path) -> int:
    """Write ``po_path`` as ``.mo`` beside it; returns the number of translated messages."""
    po = polib.pofile(str(po_path))
    # polib's save_as_mofile() writes every entry with a msgstr, fuzzy ones included, which
    # msgfmt would leave out; drop them here so a half-done translation never reaches a user.
    compiled = polib.POFile(wrapwidth=po.wrapwidth, encoding=po.encoding)
    compiled.metadata = po.metadata
    for entry in po.translated_entries():
        if not entry.obsolete:
            compiled.append(entry)
    compiled.save_as_mofile(str(po_path.with_suffix(".mo")))
    return len(compiled)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="compile even up-to-date files")
    parser.add_argument(
        "--check", action="store_true", help="only parse the .po files; fail on a broken one"
    )
    args = parser.parse_args(argv)

    failures = 0
    for po_path in catalogues(ROOT):
        mo_path = po_path.with_suffix(".mo")
        name = po_path.relative_to(ROOT)
        up_to_date = mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime
        if up_to_date and not (args.force or args.check):
            continue
        try:
            if args.check:
                polib.pofile(str(po_path))
                print(f"ok       {name}")
            else:
                count = compile_po(po_path)
                print(f"compiled {name} ({count} messages)")
        except (OSError, ValueError) as error:  # polib raises OSError/ValueError on bad syntax
            print(f"error    {name}: {error}", file=sys.stderr)
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
