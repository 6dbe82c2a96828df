"""Every UI string has an English translation and none is left fuzzy."""

from pathlib import Path

import polib

import charlie

PO = Path(charlie.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_english_catalogue_is_complete():
    po = polib.pofile(str(PO))
    missing = [e.msgid for e in po if not e.translated() and not e.obsolete]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
    assert not missing, f"untranslated: {missing[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"
