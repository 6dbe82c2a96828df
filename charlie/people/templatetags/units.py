"""``{% unit_name unit %}``: a unit's name, with its parent where the name repeats in the
organisation ("Afsnit Nord (Medicinsk afdeling)"; ``people.services.unit_labels``).

The labels are taken once per request and kept on it, so a table of many units costs one
lookup, not one per row. ``{% load units %}`` first.
"""

from __future__ import annotations

from typing import Any

from django import template

from charlie.people import services

register = template.Library()


@register.simple_tag(takes_context=True)
def unit_name(context: template.Context, unit: Any) -> str:
    if unit is None:
        return ""
    request = context.get("request")
    labels: dict[int, str] | None = getattr(request, "_charlie_unit_labels", None)
    if labels is None:
        labels = services.unit_labels()
        if request is not None:
            request._charlie_unit_labels = labels  # type: ignore[attr-defined]
    return services.unit_label(unit, labels)
