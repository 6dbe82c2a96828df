"""Openness (issue 14, point 6): what "Mine data" shows of the category ``uddannelse``.

``my_data(person_id)`` is the provider registered with privacy (GDPR art. 15 and 20): every row
the app holds about the person, in one table with the same columns — their enrolments, their
progress in e-learning modules, their quiz attempts (date, score, passed; the answers given are
summarised as a count), their completions wherever the course ran, their certificates, and
their mandatory-training tasks. Like every provider it reads the database directly; "Mine data"
writes the audit entry.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.learning.models import (
    Attempt,
    Certificate,
    Completion,
    Enrolment,
    ModuleProgress,
    TrainingTask,
)


def _iso(day: Any) -> str:
    """A date, or a moment as the local date it happened on."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        return timezone.localtime(day).date().isoformat()
    return str(day.isoformat())


def _row(what: str, subject: str, day: Any, value: str, status: str, text: str) -> dict[str, Any]:
    return {
        _("Hvad"): what,
        _("Emne"): subject,
        _("Dato"): _iso(day),
        _("Resultat"): value,
        _("Status"): status,
        _("Detaljer"): text,
    }


def my_data(person_id: int) -> list[dict[str, Any]]:
    """Everything the app holds about the person (see the module doc), newest first per kind."""
    rows: list[dict[str, Any]] = []
    for e in (
        Enrolment.objects.filter(person_id=person_id)
        .select_related("session__course")
        .order_by("-session__starts_at", "-pk")
    ):
        rows.append(
            _row(
                _("Tilmelding"),
                e.session.course.title,
                e.session.starts_at,
                "",
                str(e.get_status_display()),
                e.reason,
            )
        )
    for p in (
        ModuleProgress.objects.filter(person_id=person_id)
        .select_related("module")
        .order_by("-updated_at", "-pk")
    ):
        read = len(p.lessons_done or [])
        rows.append(
            _row(
                _("E-læring, fremskridt"),
                p.module.title,
                p.updated_at,
                _("%(n)d lektioner læst") % {"n": read},
                "",
                "",
            )
        )
    for a in (
        Attempt.objects.filter(person_id=person_id)
        .select_related("module")
        .order_by("-submitted_at", "-pk")
    ):
        rows.append(
            _row(
                _("Quizforsøg"),
                a.module.title,
                a.submitted_at,
                _("%(score)d procent") % {"score": a.score},
                _("Bestået") if a.passed else _("Ikke bestået"),
                _("%(n)d svar afgivet") % {"n": len(a.answers or {})},
            )
        )
    for c in (
        Completion.objects.filter(person_id=person_id)
        .select_related("course")
        .order_by("-completed_on", "-pk")
    ):
        details = [str(c.get_source_display())]
        if c.valid_until:
            details.append(_("gyldig til %(date)s") % {"date": c.valid_until.isoformat()})
        if c.hours:
            details.append(_("%(hours)s timer") % {"hours": c.hours})
        rows.append(
            _row(
                _("Gennemført kursus"),
                c.course.title,
                c.completed_on,
                str(c.get_result_display()),
                "",
                "; ".join(details),
            )
        )
    for cert in (
        Certificate.objects.filter(completion__person_id=person_id)
        .select_related("completion__course")
        .order_by("-issued_on", "-pk")
    ):
        rows.append(
            _row(
                _("Kursusbevis"),
                cert.completion.course.title,
                cert.issued_on,
                cert.code,
                "",
                "",
            )
        )
    for t in (
        TrainingTask.objects.filter(person_id=person_id)
        .select_related("rule")
        .order_by("-due_on", "-pk")
    ):
        rows.append(
            _row(
                _("Krav om uddannelse"),
                t.rule.name,
                t.due_on,
                "",
                _("Lukket %(date)s") % {"date": t.closed_on.isoformat()}
                if t.closed_on
                else _("Åben"),
                "",
            )
        )
    return rows
