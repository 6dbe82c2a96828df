"""``{% id_url "app:name" pk %}``: ``{% url "app:name" pk %}`` for the rows of long lists.

Django's ``{% url %}`` reverses the pattern on every call; a list of 25 tasks with three links
each spends more time there than on its query. This reverses each name once per process (and
script prefix), then puts the id in. For URL patterns whose one argument is an integer id.
Loaded in every template (``settings.TEMPLATES`` builtins).
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse

register = template.Library()

#: An id no row has, reversed in its place and then replaced.
_SENTINEL = 987654321987


@lru_cache(maxsize=512)
def _around_id(name: str, script_prefix: str) -> tuple[str, str]:
    url = reverse(name, args=[_SENTINEL])
    head, found, tail = url.partition(str(_SENTINEL))
    if not found:
        raise template.TemplateSyntaxError(f"id_url: {name} does not take an id")
    return head, tail


def id_url(name: str, pk: int) -> str:
    """The URL of ``name`` for the object with this id (the tag, for Python callers)."""
    head, tail = _around_id(name, get_script_prefix())
    return f"{head}{int(pk)}{tail}"


register.simple_tag(id_url, name="id_url")
