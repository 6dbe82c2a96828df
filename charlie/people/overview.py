"""The person overview's sections: a registry that later apps fill (DESIGN.md, "Architecture").

The person page (``/people/<id>/``) shows the person's master data and employments (people's
own). Absence history, follow-up tasks, § 56 agreements, pension dates … belong to apps above
people in the app order, which people never imports. Each such app registers a
:class:`OverviewSection` in its ``AppConfig.ready``::

    overview.register_section(OverviewSection(
        key="absence", order=20, permission=MANAGE_TASKS,
        template="absence/_person_section.html", build=services.person_overview_section,
    ))

``build(access, person)`` is the app's own service: it checks scope again (the page has already
checked that the person is in the caller's scope: ``people.services.get_person``), records the
read in the audit log (``access.record_read``), and returns the template's context — or None
when there is nothing the caller may see, and the section is left out. A section whose
``permission`` the caller lacks is never built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from charlie.core.errors import NotFound, PermissionDenied

if TYPE_CHECKING:
    from charlie.people.models import Person
    from charlie.privacy.access import Access, Permission


@dataclass(frozen=True)
class OverviewSection:
    key: str
    #: The section's template; it gets the build's context as ``section``.
    template: str
    build: Callable[[Access, Person], dict[str, Any] | None]
    order: int = 100
    #: The permission the caller needs (None: anyone who may see the person).
    permission: Permission | None = None


@dataclass(frozen=True)
class BuiltSection:
    key: str
    template: str
    context: dict[str, Any]


_sections: dict[str, OverviewSection] = {}


def register_section(section: OverviewSection) -> None:
    _sections[section.key] = section


def registered_sections() -> list[OverviewSection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))


def sections_for(access: Access, person: Person) -> list[BuiltSection]:
    """The sections this caller sees on this person's page, in order. A section that finds the
    person outside its own scope (404/403 from its service) is left out, not an error page."""
    built: list[BuiltSection] = []
    for section in registered_sections():
        if section.permission is not None and not access.can(section.permission):
            continue
        try:
            context = section.build(access, person)
        except (NotFound, PermissionDenied):
            continue
        if context is not None:
            built.append(BuiltSection(section.key, section.template, context))
    return built
