"""Free-text comments (issue 16, point 3; docs/wellbeing-results.md): HR reviews every comment
before anyone else reads it, and a unit's manager sees the reviewed ones of their units.

A comment belongs to an anonymous response (unit, bands, no person), but its text may still
name someone or tell who wrote it ("som den eneste nattevagt …"). So:

- **HR reviews** (``REVIEW_COMMENTS``): approves it as written, approves it with the
  identifying details edited out (the original text stays for HR only), or hides it. Every
  comment HR reads on the review page and every decision is written to the audit log under the
  purpose *trivsel*; a comment has no person, so the entry names it as
  ``trivselskommentar:<id>`` (the DPO's log finds it by that).
- **A manager** (``READ_RESULTS``, their own units) sees a unit's approved comments, with its
  sub-units', as HR approved them — only once the survey is closed, and only where the unit's
  answers are shown (at least the smallest group, and not to be subtracted from its parent's);
  a comment to an offensive-behaviour question only where the group reaches the higher
  threshold. The unit they were written in is not shown, and the order is random (the
  comments' keys are random), so neither gives the writer away.
- HR and analysts see results, but an analyst never reads comments: they are text, not
  aggregates.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.roles import Role
from charlie.people.services import unit_labels
from charlie.privacy import services as privacy
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.wellbeing.models import Comment, CommentStatus, Question, Survey, SurveyStatus
from charlie.wellbeing.permissions import READ_RESULTS, REVIEW_COMMENTS
from charlie.wellbeing.services.common import CATEGORY, PURPOSE
from charlie.wellbeing.services.results import UnitPage, computed, survey_row, thresholds
from charlie.wellbeing.services.results import unit_page as _unit_page

__all__ = [
    "AUDIT_DETAILS",
    "DECISIONS",
    "ReviewItem",
    "approved_comments",
    "comment_subject",
    "decide",
    "review_item",
    "review_list",
]

#: What the audit log says of a review (no text of the comment).
READ_DETAIL = gettext_noop("kommentar læst til gennemsyn")
DECIDE_DETAIL = {
    CommentStatus.APPROVED: gettext_noop("kommentar godkendt"),
    CommentStatus.EDITED: gettext_noop("kommentar godkendt med rettelser"),
    CommentStatus.HIDDEN: gettext_noop("kommentar skjult"),
}
AUDIT_DETAILS = (READ_DETAIL, *DECIDE_DETAIL.values())
#: The decisions HR can make, as the forms name them.
DECISIONS = {
    "approve": CommentStatus.APPROVED,
    "edit": CommentStatus.EDITED,
    "hide": CommentStatus.HIDDEN,
}
#: The longest text a comment may be shown with.
MAX_TEXT = 4000
SHOWN = (CommentStatus.APPROVED, CommentStatus.EDITED)


def comment_subject(comment_id: uuid.UUID | str) -> str:
    """How the audit log names a comment, which has no person: ``trivselskommentar:<id>``."""
    return f"trivselskommentar:{comment_id}"


def _audit(access: Access, ids: list[Any], action: str, detail: str) -> None:
    subjects = [privacy.AccountSubject(username=comment_subject(pk)) for pk in ids]
    if subjects:
        privacy.record(
            actor=access.user,
            subject_accounts=subjects,
            action=action,
            category=CATEGORY,
            purpose=PURPOSE,
            channel=access.channel,
            detail=detail,
        )


@dataclass(frozen=True)
class ReviewItem:
    id: uuid.UUID
    question: str
    unit: str
    text: str
    status: str
    status_label: str
    shown_text: str
    reviewed_at: datetime | None


def _survey(survey_id: int) -> Survey:
    survey = Survey.objects.exclude(status=SurveyStatus.DRAFT).filter(pk=survey_id).first()
    if survey is None:
        raise NotFound
    return survey


def _item(comment: Comment, labels: dict[int, str]) -> ReviewItem:
    question = comment.question
    language_en = False
    from django.utils import translation

    language_en = (translation.get_language() or "da").startswith("en")
    text = question.text_en if language_en and question.text_en else question.text
    unit = comment.response.unit
    return ReviewItem(
        comment.pk,
        text,
        labels.get(unit.pk, unit.name),
        comment.text,
        comment.status,
        str(comment.get_status_display()),
        comment.shown_text,
        comment.reviewed_at,
    )


@dataclass(frozen=True)
class ReviewList:
    survey_id: int
    survey_name: str
    status: str
    items: tuple[ReviewItem, ...]
    counts: dict[str, int]


def review_list(access: Access, survey_id: int, *, status: str = "pending") -> ReviewList:
    """The survey's comments with ``status`` (default: those waiting; "" every one), for HR's
    review; every comment listed is recorded as read."""
    access.require(REVIEW_COMMENTS)
    survey = _survey(survey_id)
    if status and status not in CommentStatus.values:
        raise ValidationFailed([_("Ukendt status.")], field="status")
    comments = Comment.objects.filter(response__survey=survey).select_related(
        "question", "response__unit"
    )
    counts = {s: 0 for s in CommentStatus.values}
    for value in comments.values_list("status", flat=True):
        counts[value] += 1
    if status:
        comments = comments.filter(status=status)
    labels = unit_labels()
    items = [_item(c, labels) for c in comments.order_by("pk")]
    _audit(access, [i.id for i in items], Action.READ, READ_DETAIL)
    return ReviewList(survey.pk, survey.name, status, tuple(items), counts)


def _comment(access: Access, comment_id: uuid.UUID) -> Comment:
    access.require(REVIEW_COMMENTS)
    comment = (
        Comment.objects.filter(
            pk=comment_id, response__survey__status__in=[SurveyStatus.OPEN, SurveyStatus.CLOSED]
        )
        .select_related("question", "response__unit", "response__survey")
        .first()
    )
    if comment is None:
        raise NotFound
    return comment


def review_item(access: Access, comment_id: uuid.UUID) -> tuple[ReviewItem, int]:
    """One comment for HR's review (recorded as read), and its survey's id."""
    comment = _comment(access, comment_id)
    _audit(access, [comment.pk], Action.READ, READ_DETAIL)
    return _item(comment, unit_labels()), comment.response.survey_id


def decide(access: Access, comment_id: uuid.UUID, decision: str, text: str = "") -> Comment:
    """HR's decision on a comment: ``approve`` (shown as written), ``edit`` (shown as ``text``,
    the identifying details taken out) or ``hide``. A decision can be changed later."""
    status = DECISIONS.get(decision)
    if status is None:
        raise ValidationFailed([_("Vælg godkend, godkend med rettelser eller skjul.")])
    comment = _comment(access, comment_id)
    shown = ""
    if status == CommentStatus.APPROVED:
        shown = comment.text
    elif status == CommentStatus.EDITED:
        shown = text.strip()
        if not shown:
            raise ValidationFailed(
                [
                    _(
                        "Skriv kommentaren, som den skal vises, uden de oplysninger, der kan "
                        "afsløre nogen."
                    )
                ],
                field="text",
            )
        if len(shown) > MAX_TEXT:
            raise ValidationFailed(
                [_("Teksten må højst være %(n)s tegn.") % {"n": MAX_TEXT}], field="text"
            )
    with transaction.atomic():
        comment.status = status
        comment.shown_text = shown
        comment.reviewed_by = access.user if access.user is not None else None
        comment.reviewed_at = timezone.now()
        comment.save(update_fields=["status", "shown_text", "reviewed_by", "reviewed_at"])
        _audit(access, [comment.pk], Action.UPDATE, DECIDE_DETAIL[status])
    return comment


@dataclass(frozen=True)
class ShownComment:
    question: str
    text: str


def approved_comments(
    access: Access,
    survey_id: int,
    unit_id: int | None = None,
    *,
    page: UnitPage | None = None,
) -> list[ShownComment]:
    """The approved comments of a unit and its sub-units (None: the whole survey) as HR approved
    them, where the unit's answers are shown (a comment to an offensive-behaviour question where
    they reach the higher threshold). A manager their own units; HR every unit; nobody else
    (an analyst reads aggregates only). Empty while the survey is open."""
    access.require(READ_RESULTS)
    if not (access.can(REVIEW_COMMENTS) or access.is_role(Role.MANAGER)):
        return []
    if not Survey.objects.filter(pk=survey_id, status=SurveyStatus.CLOSED).exists():
        survey_row(access, survey_id)  # 404 where the caller may not see it
        return []
    if page is None or page.survey.id != survey_id:
        page = _unit_page(access, survey_id, unit_id)  # checks the survey and the unit's scope
    if not page.ready:
        return []
    survey = Survey.objects.get(pk=survey_id)
    comp = computed(survey)
    res = comp.results
    group = res.unit_group(page.unit.index if page.unit else -1)
    if res.responses_of(group) is None:
        return []
    min_group, min_sensitive = thresholds(survey)
    shown_at = {t: res.released_at(group, t) for t in (min_group, min_sensitive)}
    comments = Comment.objects.filter(response__survey_id=survey_id, status__in=SHOWN)
    if page.unit is not None:
        comments = comments.filter(response__unit__path__startswith=page.unit.path)
    sensitive = set(
        Question.objects.filter(version_id=survey.version_id)
        .filter(_sensitive_q())
        .values_list("pk", flat=True)
    )
    out = []
    for comment in comments.select_related("question").order_by("pk"):
        needed = min_sensitive if comment.question_id in sensitive else min_group
        if not shown_at[needed]:
            continue
        q = comment.question
        out.append(ShownComment(_pick(q.text, q.text_en), comment.shown_text))
    return out


def _pick(danish: str, english: str) -> str:
    from django.utils import translation

    return english if (translation.get_language() or "da").startswith("en") and english else danish


def _sensitive_q() -> Any:
    from django.db.models import Q

    return Q(sensitive=True) | Q(dimension__sensitive=True)


__all__ += ["ReviewList", "ShownComment", "survey_row"]
