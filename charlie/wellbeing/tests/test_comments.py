"""HR's review of free-text comments and what a manager sees of them."""

from __future__ import annotations

import pytest

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people.services import access_for
from charlie.privacy.models import AuditEntry
from charlie.wellbeing.models import Comment, CommentStatus, SurveyStatus
from charlie.wellbeing.services import comments
from charlie.wellbeing.tests.factories import add_response, results_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(org, users):
    return results_story(org)


def test_hr_reads_the_waiting_comments_and_the_reads_are_logged(story, users):
    data = comments.review_list(access_for(users["hr"]), story.pk)
    assert [c.text for c in data.items] == ["Kommentar 1 fra Nord"]
    assert data.counts["pending"] == 1 and data.counts["approved"] == 1
    entry = AuditEntry.objects.get()
    assert entry.subject_username == comments.comment_subject(data.items[0].id)
    assert (entry.action, entry.category, entry.purpose) == ("read", "trivsel", "trivsel")
    assert entry.actor == users["hr"]
    everything = comments.review_list(access_for(users["hr"]), story.pk, status="")
    assert len(everything.items) == 2


def test_only_hr_reviews(story, users):
    for role in ("manager", "analyst", "employee"):
        with pytest.raises(PermissionDenied):
            comments.review_list(access_for(users[role]), story.pk)
    comment = Comment.objects.first()
    with pytest.raises(PermissionDenied):
        comments.decide(access_for(users["manager"]), comment.pk, "approve")


def test_approve_edit_and_hide(story, users):
    hr = access_for(users["hr"])
    comment = Comment.objects.get(text="Kommentar 1 fra Nord")
    comments.decide(hr, comment.pk, "edit", "  Kommentar fra [fjernet]  ")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.EDITED
    assert comment.shown_text == "Kommentar fra [fjernet]"
    assert comment.text == "Kommentar 1 fra Nord"  # the original stays, for HR
    assert comment.reviewed_by == users["hr"] and comment.reviewed_at is not None
    update = AuditEntry.objects.get(action="update")
    assert update.subject_username == comments.comment_subject(comment.pk)
    assert update.detail == "kommentar godkendt med rettelser"
    comments.decide(hr, comment.pk, "hide")
    comment.refresh_from_db()
    assert (comment.status, comment.shown_text) == (CommentStatus.HIDDEN, "")
    with pytest.raises(ValidationFailed) as raised:
        comments.decide(hr, comment.pk, "edit", "   ")
    assert raised.value.field == "text"
    with pytest.raises(ValidationFailed):
        comments.decide(hr, comment.pk, "publish")


def test_a_manager_sees_approved_comments_of_their_unit(story, org, users):
    manager = access_for(users["manager"])
    shown = comments.approved_comments(manager, story.pk, org.nord.pk)
    assert [c.text for c in shown] == ["Kommentar 0 fra Nord"]
    hr = access_for(users["hr"])
    waiting = Comment.objects.get(text="Kommentar 1 fra Nord")
    comments.decide(hr, waiting.pk, "edit", "Rettet")
    assert sorted(c.text for c in comments.approved_comments(manager, story.pk, org.nord.pk)) == [
        "Kommentar 0 fra Nord",
        "Rettet",
    ]
    # An analyst reads aggregates only.
    assert comments.approved_comments(access_for(users["analyst"]), story.pk) == []
    with pytest.raises(NotFound):
        comments.approved_comments(manager, story.pk, org.skole.pk)


def test_no_comment_from_a_hidden_group_nor_before_the_close(story, org, users):
    hr = access_for(users["hr"])
    response = add_response(story, org.syd, {"indflydelse-1": 3}, comments={"kommentar": "Syd"})
    note = Comment.objects.get(response=response)
    comments.decide(hr, note.pk, "approve")
    # Syd has 4 answers now: hidden, and so are its comments.
    assert comments.approved_comments(hr, story.pk, org.syd.pk) == []
    # Its parent shows them, within its 17.
    assert "Syd" in [c.text for c in comments.approved_comments(hr, story.pk, org.aeldre.pk)]
    story.status = SurveyStatus.OPEN
    story.save()
    assert comments.approved_comments(hr, story.pk, org.aeldre.pk) == []
