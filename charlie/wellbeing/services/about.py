"""Openness about a survey (issue 16, point 8): the public page "Om målingen" that the invitation
e-mail and the answering page link to, at ``/trivsel/maalinger/<id>/om/``.

It tells the invited, before they answer and without logging in, what the survey is for, who
sees what, the thresholds below which no figure is shown, the background bands asked, that the
answers hold no person and what is wiped when the survey closes, and how long things are kept —
from the survey's own fields and the data-use register's purpose ``trivsel`` (its texts, which
the data protection officer keeps, and the retention rules registered under the category).

A survey's page exists for everyone once it is launched; a draft's is a 404, except for HR
(``MANAGE_SURVEYS``), who may read it before launching. The page holds no personal data.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from charlie.core.errors import NotFound
from charlie.people import services as people
from charlie.privacy import registry
from charlie.privacy import services as privacy
from charlie.privacy.access import Access
from charlie.privacy.models import Purpose
from charlie.privacy.services import retention
from charlie.wellbeing.models import (
    Question,
    QuestionKind,
    QuestionnaireKind,
    Survey,
    SurveyStatus,
)
from charlie.wellbeing.permissions import MANAGE_SURVEYS
from charlie.wellbeing.services.common import CATEGORY, PURPOSE


def why(kind: str) -> str:
    """Why the municipality asks this kind of survey, in plain Danish with its source."""
    texts: dict[str, str] = {
        QuestionnaireKind.WELLBEING: _(
            "Kommunen skal måle trivslen mindst hvert 3. år. Det står i trivselsaftalen i de "
            "kommunale overenskomster (fra OK08). HovedMED aftaler, hvad der spørges om, og "
            "hvordan resultaterne følges op."
        ),
        QuestionnaireKind.APV: _(
            "Målingen er kortlægningen i jeres arbejdspladsvurdering (APV). Arbejdsmiljøloven "
            "kræver en skriftlig APV, som revideres mindst hvert 3. år, og tidligere når "
            "arbejdet ændrer sig. Resultaterne bliver til en handlingsplan for enheden."
        ),
        QuestionnaireKind.PULSE: _(
            "En pulsmåling er få spørgsmål, der stilles igen med faste mellemrum, så I kan "
            "se, hvordan det udvikler sig, og følge op i tide."
        ),
        QuestionnaireKind.ONBOARDING: _(
            "Målingen spørger nye medarbejdere, hvordan deres start har været, så "
            "introduktionen kan blive bedre."
        ),
    }
    return texts.get(kind, "")


def band_labels(keys: list[str]) -> list[str]:
    """The labels of the background bands a survey asks, in the reader's language
    (``bands.BANDS``, the surveys part's list: a key's entry carries its label — a Danish source
    text — as ``label``); a key it does not know is shown as it is."""
    try:
        known: Any = importlib.import_module("charlie.wellbeing.bands").BANDS
    except (ImportError, AttributeError):
        known = {}
    labels = []
    for key in keys:
        entry = known.get(key, key) if hasattr(known, "get") else key
        if isinstance(entry, tuple | list) and entry:
            entry = entry[0]
        label = getattr(entry, "label", None)
        labels.append(_(str(label)) if label else str(entry))
    return labels


@dataclass(frozen=True)
class RetentionLine:
    label: str
    period: str
    description: str


@dataclass(frozen=True)
class About:
    survey: Survey
    kind_label: str
    why: str
    #: Only while HR reads a draft before it is launched.
    preview: bool
    units: list[str]
    bands: list[str]
    questions: int
    sensitive: int
    free_text: bool
    #: The register's purpose "trivsel" (None when the DPO has made it inactive).
    purpose: Purpose | None
    retention: list[RetentionLine]


def _period(n: int, unit: str) -> str:
    if unit == "months":
        return ngettext("%(n)d måned", "%(n)d måneder", n) % {"n": n}
    return ngettext("%(n)d år", "%(n)d år", n) % {"n": n}


def survey_about(access: Access, survey_id: int) -> About:
    """Everything the page says about one survey (404 for a draft, except for HR)."""
    survey = Survey.objects.filter(pk=survey_id).select_related("version").first()
    if survey is None:
        raise NotFound
    preview = survey.status == SurveyStatus.DRAFT
    if preview and not access.can(MANAGE_SURVEYS):
        raise NotFound
    labels = people.unit_labels()
    questions = Question.objects.filter(version_id=survey.version_id)
    asked = questions.exclude(kind=QuestionKind.TEXT)
    purpose = privacy.purposes().filter(code=PURPOSE).first()
    rules = [r for r in registry.retention_rules().values() if r.category == CATEGORY]
    return About(
        survey=survey,
        kind_label=str(QuestionnaireKind(survey.kind).label)
        if survey.kind in QuestionnaireKind.values
        else survey.kind,
        why=why(survey.kind),
        preview=preview,
        units=sorted(labels.get(u.pk, u.name) for u in survey.units.all()),
        bands=band_labels(list(survey.bands or [])),
        questions=asked.count(),
        sensitive=asked.filter(Q(sensitive=True) | Q(dimension__sensitive=True)).count(),
        free_text=questions.filter(kind=QuestionKind.TEXT).exists(),
        purpose=purpose,
        retention=[
            RetentionLine(
                str(rule.label),
                _period(retention.years_for(rule), rule.unit),
                str(rule.description),
            )
            for rule in rules
        ],
    )
