from django.utils.html import escape as django_escape

from charlie.core.rows import escape


def test_escape_is_djangos_escape():
    for text in ["Ann <b>", "a \"b\" & 'c'", "Ørum", 42, ""]:
        assert escape(text) == str(django_escape(text))
