"""Types the REST API's parameters share (django-ninja reads them at run time).

``IsoDate``: a date written as ``YYYY-MM-DD`` and nothing else. Pydantic's lax mode also reads
a number (``?on=0``) as seconds since 1970 — a request the schema calls invalid would be
answered as if it meant 1 January 1970. This type answers it with 422 instead."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_only(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError("Skriv datoen som ÅÅÅÅ-MM-DD.")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_only)]
