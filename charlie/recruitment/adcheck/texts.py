"""Marks the check's Danish texts for translation without importing Django (the module stays
pure): ``makemessages`` collects calls to ``gettext_noop``, and the pages translate the stored
texts when they show them."""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    """``message`` unchanged (marked for ``makemessages``)."""
    return message
