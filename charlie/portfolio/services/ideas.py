"""Ideas and needs from the front line (issue 17, point 2): any employee with a person record
submits an idea or a need — what is tedious, what goes wrong, what it costs in hours a month —
others support it once and comment on it, and the portfolio owner triages it: under review,
rejected with a reason, merged into another idea, or turned into an initiative. The submitter
sees what happened on "Mine idéer" and gets an e-mail when it is decided.

**Who may do what.** Everyone logged in reads the ideas and their comments. Submitting,
supporting and commenting need a person record (the services take the caller's own person from
``access``, never a person id). The portfolio owner (``MANAGE_PORTFOLIO``: HR) triages and may
hide a comment.

**Names.** Ideas and comments are shown to employees **without names** (only "dig" for the
caller's own): the list is a place for the idea, not for the person. The portfolio owner sees
who submitted and who commented on the idea's page; that read is written to the audit log under
the purpose ``digitalisering``. Submitting, supporting, commenting and seeing one's own are the
person's own actions ("egen indsigt"). Support is counted, never listed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.formats import format_date, format_number
from charlie.core.text import check_text
from charlie.people.models import Employment, OrgUnit, OrgUnitKind, Person
from charlie.portfolio.models import (
    Idea,
    IdeaComment,
    IdeaKind,
    IdeaStatus,
    IdeaSupport,
    Initiative,
    Stage,
)
from charlie.portfolio.permissions import MANAGE_PORTFOLIO
from charlie.portfolio.services import initiatives
from charlie.portfolio.services.common import CATEGORY, for_portfolio, mine_row, today
from charlie.privacy.access import Access
from charlie.privacy.models import Action

logger = logging.getLogger(__name__)

#: The audit details this part writes (registered in apps.py; no personal data in them).
DETAIL_SUBMITTED = gettext_noop("idé indsendt")
DETAIL_SUPPORTED = gettext_noop("idé støttet")
DETAIL_UNSUPPORTED = gettext_noop("støtte til idé trukket tilbage")
DETAIL_COMMENTED = gettext_noop("idé kommenteret")
DETAIL_OWN = gettext_noop("egne idéer, støtter og kommentarer")
DETAIL_TRIAGE_READ = gettext_noop("idé med indsender og kommentatorer")
DETAIL_DECIDED = gettext_noop("idé afgjort")
DETAIL_COMMENT_HIDDEN = gettext_noop("kommentar til idé skjult")
DETAIL_SUPPORT_MOVED = gettext_noop("støtte flyttet med sammenlagt idé")
AUDIT_DETAILS = (
    DETAIL_SUBMITTED,
    DETAIL_SUPPORTED,
    DETAIL_UNSUPPORTED,
    DETAIL_COMMENTED,
    DETAIL_OWN,
    DETAIL_TRIAGE_READ,
    DETAIL_DECIDED,
    DETAIL_COMMENT_HIDDEN,
    DETAIL_SUPPORT_MOVED,
)

#: Ideas per page of the list (a phone shows 5,000 ideas a page at a time).
PER_PAGE = 25

#: The statuses of an idea still waiting for the portfolio owner.
OPEN = (IdeaStatus.NEW, IdeaStatus.REVIEW)
#: The statuses that take comments (a rejected or merged idea is closed).
COMMENTABLE = (IdeaStatus.NEW, IdeaStatus.REVIEW, IdeaStatus.INITIATIVE)

#: The status filter's extra value: new and under review together.
STATUS_OPEN = "open"
SORT_NEWEST, SORT_SUPPORT = "nyeste", "stoette"

#: The largest number of hours a month an idea may state (``max_digits=8, decimal_places=1``).
MAX_HOURS = Decimal("9999999.9")


# --- Reading: the list, one idea, one's own ------------------------------------------------------


@dataclass(frozen=True)
class IdeaFilter:
    """``q``: words in the title or description, or an idea's number; ``kind``: idea or need;
    ``status``: one status or ``open``; ``sort``: newest first or most supported first."""

    q: str = ""
    kind: str = ""
    status: str = ""
    sort: str = SORT_NEWEST


def _require_login(access: Access) -> None:
    if not access.is_authenticated:
        raise PermissionDenied


def _own(access: Access) -> int:
    """The caller's own person: submitting, supporting and commenting need one (403)."""
    if access.person_id is None:
        raise PermissionDenied
    return access.person_id


def _counted(rows: QuerySet[Idea]) -> QuerySet[Idea]:
    """Ideas with ``support_count`` and ``comment_count`` (subqueries, so that the two counts
    do not multiply each other as two joins would)."""

    def count(model: type[IdeaSupport] | type[IdeaComment]) -> Coalesce:
        sub = (
            model.objects.filter(idea=OuterRef("pk"))
            .order_by()
            .values("idea")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))

    return rows.annotate(support_count=count(IdeaSupport), comment_count=count(IdeaComment))


def filtered(f: IdeaFilter) -> QuerySet[Idea]:
    rows = Idea.objects.all()
    q = f.q.strip()
    if q:
        number = q.lstrip("#").strip()
        match = Q(title__icontains=q) | Q(description__icontains=q)
        if number.isdigit() and len(number) < 10:
            match |= Q(pk=int(number))
        rows = rows.filter(match)
    if f.kind in IdeaKind.values:
        rows = rows.filter(kind=f.kind)
    if f.status == STATUS_OPEN:
        rows = rows.filter(status__in=OPEN)
    elif f.status in IdeaStatus.values:
        rows = rows.filter(status=f.status)
    rows = _counted(rows)
    if f.sort == SORT_SUPPORT:
        # F(): the count is an annotation of ``_counted``, which the type checker cannot see.
        return rows.order_by(F("support_count").desc(), "-submitted_at", "-pk")
    return rows.order_by("-submitted_at", "-pk")


def ideas_page(access: Access, f: IdeaFilter, page: int | str = 1) -> Page[Idea]:
    """A page of the ideas matching ``f``, each with its support and comment counts; no names
    (so nothing is written to the audit log)."""
    _require_login(access)
    return Paginator(filtered(f), PER_PAGE).get_page(page)


@dataclass(frozen=True)
class CommentLine:
    comment: IdeaComment
    mine: bool
    hidden: bool
    #: The author's name, for the portfolio owner only.
    author: str | None


@dataclass(frozen=True)
class IdeaDetail:
    idea: Idea
    supports: int
    supported: bool
    mine: bool
    comments: list[CommentLine]
    #: Ideas merged into this one.
    merged: list[Idea]
    can_support: bool
    can_comment: bool
    can_triage: bool
    #: The submitter's name and unit, for the portfolio owner only.
    submitter: str | None = None
    submitter_unit: str | None = None
    has_person: bool = False


def _idea(idea_id: int) -> Idea:
    idea = Idea.objects.select_related("merged_into", "initiative", "unit").filter(pk=idea_id)
    found = idea.first()
    if found is None:
        raise NotFound
    return found


def idea_detail(access: Access, idea_id: int) -> IdeaDetail:
    """One idea with its comments. The portfolio owner also sees who submitted and commented
    (audited); the caller's own idea, support and comments are their own read."""
    _require_login(access)
    idea = _idea(idea_id)
    owner = access.can(MANAGE_PORTFOLIO)
    person_id = access.person_id
    comments = list(idea.comments.select_related("person").order_by("created_at", "pk"))
    lines = [
        CommentLine(
            comment=c,
            mine=person_id is not None and c.person_id == person_id,
            hidden=c.hidden_by_id is not None,
            author=(c.person.full_name if c.person is not None else _("Slettet"))
            if owner
            else None,
        )
        for c in comments
    ]
    supported = (
        person_id is not None
        and IdeaSupport.objects.filter(idea=idea, person_id=person_id).exists()
    )
    mine = person_id is not None and idea.submitted_by_id == person_id
    submitter = submitter_unit = None
    if owner:
        submitter = idea.submitted_by.full_name if idea.submitted_by is not None else _("Slettet")
        submitter_unit = idea.unit.name if idea.unit is not None else None
    read = {c.person_id for c in comments if c.person_id is not None} if owner else set()
    if owner and idea.submitted_by_id is not None:
        read.add(idea.submitted_by_id)
    if person_id is not None:
        read.add(person_id)  # whether the caller supports it, and their own comments
    for_portfolio(access).record_read(
        read, category=CATEGORY, detail=DETAIL_TRIAGE_READ if owner else DETAIL_OWN
    )
    return IdeaDetail(
        idea=idea,
        supports=idea.supports.count(),
        supported=supported,
        mine=mine,
        comments=lines,
        merged=list(idea.merged.order_by("pk")),
        can_support=person_id is not None and not mine and idea.status in OPEN,
        can_comment=person_id is not None and idea.status in COMMENTABLE,
        can_triage=owner and idea.status in OPEN,
        submitter=submitter,
        submitter_unit=submitter_unit,
        has_person=person_id is not None,
    )


@dataclass(frozen=True)
class MyIdeas:
    ideas: list[Idea]
    supported: list[Idea]
    has_person: bool


def my_ideas(access: Access) -> MyIdeas:
    """The caller's own ideas with their status and the portfolio owner's reason, and the
    ideas they support (their own read)."""
    _require_login(access)
    if access.person_id is None:
        return MyIdeas([], [], has_person=False)
    own = _counted(
        Idea.objects.filter(submitted_by_id=access.person_id).select_related(
            "merged_into", "initiative"
        )
    ).order_by("-submitted_at", "-pk")
    supported = _counted(Idea.objects.filter(supports__person_id=access.person_id)).order_by(
        "-submitted_at", "-pk"
    )
    for_portfolio(access).record_read([access.person_id], category=CATEGORY, detail=DETAIL_OWN)
    return MyIdeas(list(own), list(supported), has_person=True)


# --- Writing: submit, support, comment ----------------------------------------------------------


def _text(fieldname: str, value: str, **kw: object) -> str:
    try:
        return check_text(value, **kw)  # type: ignore[arg-type]
    except ValidationFailed as exc:
        raise ValidationFailed(exc.messages, field=fieldname) from None


def _unit_of(person_id: int, on: date) -> int | None:
    """The unit of the person's largest current employment (most weekly hours, then the
    oldest)."""
    current = Employment.objects.filter(person_id=person_id, start_date__lte=on).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on)
    )
    return current.order_by("-weekly_hours", "pk").values_list("org_unit_id", flat=True).first()


def submit_idea(
    access: Access,
    *,
    kind: str,
    title: str,
    description: str,
    hours_per_month: Decimal | None = None,
) -> Idea:
    """Submit an idea or a need as oneself; it starts as "new", with the unit of one's largest
    current employment."""
    person_id = _own(access)
    if kind not in IdeaKind.values:
        raise ValidationFailed([_("Vælg, om det er en idé eller et behov.")], field="kind")
    title = _text("title", title, what=_("Overskrift"), max_length=200, required=True)
    description = _text(
        "description",
        description,
        what=_("Beskrivelse"),
        max_length=5000,
        multiline=True,
        required=True,
    )
    if hours_per_month is not None and not (0 <= hours_per_month <= MAX_HOURS):
        raise ValidationFailed([_("Skriv et antal timer fra 0 og op.")], field="hours_per_month")
    with transaction.atomic():
        idea = Idea.objects.create(
            kind=kind,
            title=title,
            description=description,
            hours_per_month=(
                hours_per_month.quantize(Decimal("0.1")) if hours_per_month is not None else None
            ),
            submitted_by_id=person_id,
            unit_id=_unit_of(person_id, today()),
        )
        for_portfolio(access).record(
            [person_id], action=Action.CREATE, category=CATEGORY, detail=DETAIL_SUBMITTED
        )
    return idea


def support(access: Access, idea_id: int) -> bool:
    """Support an open idea as oneself, once (True: supported now; False: already did). One
    does not support one's own idea."""
    person_id = _own(access)
    idea = _idea(idea_id)
    if idea.submitted_by_id == person_id:
        raise ValidationFailed([_("Du kan ikke støtte din egen idé.")])
    if idea.status not in OPEN:
        raise ValidationFailed([_("Idéen er afgjort, så den kan ikke længere støttes.")])
    with transaction.atomic():
        _row, created = IdeaSupport.objects.get_or_create(idea=idea, person_id=person_id)
        if created:
            for_portfolio(access).record(
                [person_id], action=Action.CREATE, category=CATEGORY, detail=DETAIL_SUPPORTED
            )
    return created


def withdraw_support(access: Access, idea_id: int) -> bool:
    """Take one's support back (True: withdrawn now; False: did not support it)."""
    person_id = _own(access)
    idea = _idea(idea_id)
    with transaction.atomic():
        deleted, _detail = IdeaSupport.objects.filter(idea=idea, person_id=person_id).delete()
        if deleted:
            for_portfolio(access).record(
                [person_id], action=Action.DELETE, category=CATEGORY, detail=DETAIL_UNSUPPORTED
            )
    return bool(deleted)


def add_comment(access: Access, idea_id: int, *, text: str) -> IdeaComment:
    """Comment on an idea as oneself (not on a rejected or merged one)."""
    person_id = _own(access)
    idea = _idea(idea_id)
    if idea.status not in COMMENTABLE:
        raise ValidationFailed([_("Idéen er lukket, så den kan ikke kommenteres.")], field="text")
    text = _text("text", text, what=_("Kommentar"), max_length=2000, multiline=True, required=True)
    with transaction.atomic():
        comment = IdeaComment.objects.create(idea=idea, person_id=person_id, text=text)
        for_portfolio(access).record(
            [person_id], action=Action.CREATE, category=CATEGORY, detail=DETAIL_COMMENTED
        )
    return comment


def hide_comment(access: Access, idea_id: int, comment_id: int, *, hidden: bool = True) -> None:
    """The portfolio owner hides a comment (it stays, marked with who hid it) or shows it
    again. Written to the audit log as a change of the author's data."""
    access.require(MANAGE_PORTFOLIO)
    comment = IdeaComment.objects.filter(pk=comment_id, idea_id=idea_id).first()
    if comment is None:
        raise NotFound
    comment.hidden_by = access.user if hidden else None
    with transaction.atomic():
        comment.save(update_fields=["hidden_by"])
        if comment.person_id is not None:
            for_portfolio(access).record(
                [comment.person_id],
                action=Action.UPDATE,
                category=CATEGORY,
                detail=DETAIL_COMMENT_HIDDEN,
            )


# --- Triage: the portfolio owner ------------------------------------------------------------------


REVIEW, REJECT, MERGE, INITIATIVE = "review", "reject", "merge", "initiative"
DECISIONS = (REVIEW, REJECT, MERGE, INITIATIVE)


def require_manage(access: Access) -> None:
    access.require(MANAGE_PORTFOLIO)


def _open_for_triage(access: Access, idea_id: int) -> Idea:
    access.require(MANAGE_PORTFOLIO)
    idea = _idea(idea_id)
    if idea.status not in OPEN:
        raise ValidationFailed(
            [_("Idéen er allerede afgjort (%(status)s).") % {"status": idea.get_status_display()}]
        )
    return idea


def _decided(access: Access, idea: Idea, status: str, reason: str) -> None:
    """Save the decision, write the audit log and mail the submitter once it is committed."""
    idea.status = status
    idea.reason = reason
    idea.decided_by = access.user
    idea.decided_at = timezone.now()
    idea.save(
        update_fields=["status", "reason", "decided_by", "decided_at", "merged_into", "initiative"]
    )
    if idea.submitted_by_id is not None:
        for_portfolio(access).record(
            [idea.submitted_by_id], action=Action.UPDATE, category=CATEGORY, detail=DETAIL_DECIDED
        )
        if status != IdeaStatus.REVIEW:
            idea_id = idea.pk
            transaction.on_commit(lambda: mail_decision(idea_id))


def mark_review(access: Access, idea_id: int) -> Idea:
    """The portfolio owner is looking at the idea ("under vurdering"; no e-mail: nothing is
    decided yet)."""
    idea = _open_for_triage(access, idea_id)
    with transaction.atomic():
        _decided(access, idea, IdeaStatus.REVIEW, idea.reason)
    return idea


def reject(access: Access, idea_id: int, *, reason: str) -> Idea:
    """Reject an idea; the reason is required, and the submitter sees it."""
    idea = _open_for_triage(access, idea_id)
    reason = _text("reason", reason, what=_("Begrundelse"), max_length=2000, multiline=True)
    if not reason:
        raise ValidationFailed(
            [_("Skriv en begrundelse: indsenderen ser den, når idéen er afvist.")],
            field="reason",
        )
    with transaction.atomic():
        _decided(access, idea, IdeaStatus.REJECTED, reason)
    return idea


def merge(access: Access, idea_id: int, *, into_id: int | None, reason: str = "") -> Idea:
    """Merge an idea into another (same or overlapping content). Its supporters, and its
    submitter, then support the other idea (once each; not the other idea's own submitter)."""
    idea = _open_for_triage(access, idea_id)
    reason = _text("reason", reason, what=_("Begrundelse"), max_length=2000, multiline=True)
    if into_id is None:
        raise ValidationFailed(
            [_("Skriv nummeret på den idé, den skal lægges sammen med.")], field="merge_into"
        )
    if into_id == idea.pk:
        raise ValidationFailed(
            [_("En idé kan ikke lægges sammen med sig selv.")], field="merge_into"
        )
    target = Idea.objects.filter(pk=into_id).first()
    if target is None:
        raise ValidationFailed(
            [_("Der er ingen idé med nummer %(number)s.") % {"number": into_id}],
            field="merge_into",
        )
    if target.status in (IdeaStatus.REJECTED, IdeaStatus.MERGED):
        raise ValidationFailed(
            [
                _("Idé nr. %(number)s er selv afvist eller lagt sammen; vælg en åben idé.")
                % {"number": into_id}
            ],
            field="merge_into",
        )
    with transaction.atomic():
        movers = set(IdeaSupport.objects.filter(idea=idea).values_list("person_id", flat=True))
        if idea.submitted_by_id is not None:
            movers.add(idea.submitted_by_id)
        movers.discard(target.submitted_by_id)  # type: ignore[arg-type]
        already = set(
            IdeaSupport.objects.filter(idea=target, person_id__in=movers).values_list(
                "person_id", flat=True
            )
        )
        new = sorted(movers - already)
        IdeaSupport.objects.bulk_create(
            [IdeaSupport(idea=target, person_id=pk) for pk in new], ignore_conflicts=True
        )
        if new:
            for_portfolio(access).record(
                new, action=Action.CREATE, category=CATEGORY, detail=DETAIL_SUPPORT_MOVED
            )
        idea.merged_into = target
        _decided(access, idea, IdeaStatus.MERGED, reason)
    return idea


def _forvaltning_of(unit_id: int | None) -> int | None:
    """The forvaltning (administration) above or at a unit, if any."""
    if unit_id is None:
        return None
    path = OrgUnit.objects.filter(pk=unit_id).values_list("path", flat=True).first()
    if not path:
        return None
    candidates = OrgUnit.objects.filter(kind=OrgUnitKind.ADMINISTRATION).values_list("pk", "path")
    above = [(len(p), pk) for pk, p in candidates if path.startswith(p)]
    return max(above)[1] if above else None


def _description_of(idea: Idea) -> str:
    lines = [idea.description]
    if idea.hours_per_month is not None:
        lines += [
            "",
            _("Tidsforbrug i dag ifølge idéen: %(hours)s timer pr. måned.")
            % {"hours": format_number(idea.hours_per_month)},
        ]
    lines += ["", _("Fra idé nr. %(number)s.") % {"number": idea.pk}]
    return "\n".join(lines)


def make_initiative(
    access: Access, idea_id: int, *, title: str = "", reason: str = ""
) -> Initiative:
    """Turn an idea into an initiative through ``initiatives.create_initiative`` (the next
    number, stage "idé", the first row of the stage trail): the idea's title (or ``title``),
    its description as the problem, the submitter's forvaltning. The idea then points to the
    initiative; both happen or neither."""
    idea = _open_for_triage(access, idea_id)
    title = _text("title", title, what=_("Initiativets titel"), max_length=200) or idea.title
    reason = _text("reason", reason, what=_("Begrundelse"), max_length=2000, multiline=True)
    with transaction.atomic():
        initiative = initiatives.create_initiative(
            access,
            title=title,
            stage=Stage.IDEA,
            problem=_description_of(idea),
            forvaltning_id=_forvaltning_of(idea.unit_id),
        )
        idea.initiative = initiative
        _decided(access, idea, IdeaStatus.INITIATIVE, reason)
    return initiative


# --- The e-mail to the submitter -----------------------------------------------------------------


def _base_url() -> str:
    return str(getattr(settings, "CHARLIE_BASE_URL", "")).rstrip("/")


def _address(person: Person) -> str:
    user = getattr(person, "user", None)
    return (user.email if user is not None and user.is_active else "") or person.email


def mail_decision(idea_id: int) -> bool:
    """Tell the submitter what was decided about their idea (rejected with the reason, merged,
    or turned into an initiative), with a link to "Mine idéer". True when a mail went out."""
    idea = Idea.objects.select_related("submitted_by", "initiative", "merged_into").filter(
        pk=idea_id
    )
    found = idea.first()
    if found is None or found.submitted_by is None:
        return False
    address = _address(found.submitted_by)
    if not address:
        return False
    subject = _("Din idé »%(title)s« er afgjort") % {"title": found.title}
    if found.status == IdeaStatus.REJECTED:
        outcome = _("Porteføljeejeren har afvist idéen.")
    elif found.status == IdeaStatus.MERGED and found.merged_into is not None:
        outcome = _(
            "Idéen er lagt sammen med idé nr. %(number)s »%(title)s«, som dækker det samme. "
            "Du og dem, der støttede din idé, støtter nu den."
        ) % {"number": found.merged_into.pk, "title": found.merged_into.title}
    elif found.status == IdeaStatus.INITIATIVE and found.initiative is not None:
        outcome = _(
            "Idéen er blevet til initiativ nr. %(number)s »%(title)s« i kommunens "
            "digitaliseringsportefølje."
        ) % {"number": found.initiative.number, "title": found.initiative.title}
    else:
        return False
    body = [
        _("Du indsendte idéen »%(title)s« den %(day)s.")
        % {"title": found.title, "day": format_date(timezone.localdate(found.submitted_at))},
        "",
        outcome,
    ]
    if found.reason:
        body += ["", _("Begrundelse:"), found.reason]
    body += [
        "",
        _("Se dine idéer her:"),
        f"{_base_url()}{reverse('portfolio:my_ideas')}",
    ]
    try:
        send_mail(subject, "\n".join(body), None, [address])
    except Exception as exc:  # the decision is saved; a failed mail must not undo it
        logger.warning("Idea decision e-mail failed: %s", type(exc).__name__)
        return False
    return True


# --- "Mine data" ------------------------------------------------------------------------------


def my_data(person_id: int) -> list[dict[str, str]]:
    """One person's ideas, supports and comments for "Mine data" (GDPR art. 15 and 20)."""
    rows: list[dict[str, str]] = []
    for idea in Idea.objects.filter(submitted_by_id=person_id).order_by("submitted_at", "pk"):
        rows.append(
            mine_row(
                _("Indsendt idé eller behov"),
                f"{idea.pk}. {idea.title}",
                timezone.localdate(idea.submitted_at),
                idea.get_status_display(),
                idea.reason,
            )
        )
    supports = IdeaSupport.objects.filter(person_id=person_id).select_related("idea")
    for row in supports.order_by("created_at", "pk"):
        rows.append(
            mine_row(
                _("Støtter idé"),
                f"{row.idea.pk}. {row.idea.title}",
                timezone.localdate(row.created_at),
            )
        )
    comments = IdeaComment.objects.filter(person_id=person_id).select_related("idea")
    for comment in comments.order_by("created_at", "pk"):
        rows.append(
            mine_row(
                _("Kommentar til idé"),
                f"{comment.idea.pk}. {comment.idea.title}",
                timezone.localdate(comment.created_at),
                _("Skjult af porteføljeejeren") if comment.hidden_by_id else "",
                comment.text,
            )
        )
    return rows
