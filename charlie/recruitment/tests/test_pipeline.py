"""The pipeline: who sees which round, anonymised first screening in the HTML, stage moves,
scores, notes, interviews with iCal, letters, external tests, and the audit log."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people.services import access_for
from charlie.privacy.models import AuditEntry
from charlie.recruitment.models import (
    ApplicationFile,
    Interview,
    Letter,
    Score,
    StageChange,
)
from charlie.recruitment.models import (
    TestResult as ExternalTest,
)
from charlie.recruitment.services import pipeline
from charlie.recruitment.tests.factories import (
    ApplicationFactory,
    CommitteeMemberFactory,
    CriterionFactory,
    JobAdFactory,
    LetterTemplateFactory,
)

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def rounds(users):
    """Round A: the employee a member, the manager its chair, two criteria; Sara Holm applied
    (born 1988, a woman, Skjultvej 9). Round B: nobody here on its committee."""
    a = JobAdFactory(slug="runde-a", status="published")
    b = JobAdFactory(slug="runde-b", status="published")
    CommitteeMemberFactory(ad=a, user=users["employee"])
    CommitteeMemberFactory(ad=a, user=users["manager"], chair=True)
    faglighed = CriterionFactory(ad=a, name="Faglighed", order=1)
    samarbejde = CriterionFactory(ad=a, name="Samarbejde", order=2)
    sara = ApplicationFactory(
        ad=a,
        number=7,
        name="Sara Holm",
        email="sara.holm@example.org",
        phone="+45 12 34 56 78",
        address="Skjultvej 9, 7620 Lemvig",
        birth_year=1988,
        gender="woman",
        motivation="Jeg brænder for ældreplejen.",
    )
    ApplicationFile.objects.create(
        application=sara,
        kind="cv",
        name="CV_Sara_Holm.pdf",
        content_type="application/pdf",
        size=2048,
        data=b"%PDF-1.4",
    )
    other = ApplicationFactory(ad=b, number=1, name="Bo Berg")
    return {
        "a": a,
        "b": b,
        "sara": sara,
        "other": other,
        "faglighed": faglighed,
        "samarbejde": samarbejde,
    }


def access(users, role):
    return access_for(users[role])


# --- Scope ----------------------------------------------------------------------------------


def test_a_committee_member_of_round_a_gets_404_on_round_b(client_as, rounds):
    client = client_as("employee")
    assert client.get(reverse("recruitment:round", args=["runde-a"])).status_code == 200
    assert client.get(reverse("recruitment:round", args=["runde-b"])).status_code == 404
    url = reverse("recruitment:applicant", args=[rounds["other"].pk])
    assert client.get(url).status_code == 404


def test_the_committees_list_shows_only_ones_own_rounds(client_as, rounds):
    html = client_as("employee").get(reverse("recruitment:rounds")).text
    assert "Mine ansættelsesudvalg" in html
    assert reverse("recruitment:round", args=["runde-a"]) in html
    assert reverse("recruitment:round", args=["runde-b"]) not in html
    hr = client_as("hr").get(reverse("recruitment:rounds")).text
    assert reverse("recruitment:round", args=["runde-b"]) in hr


@pytest.mark.parametrize("role", ["analyst", "dpo", "admin"])
def test_others_never_see_applicants(client_as, users, rounds, role):
    client = client_as(role)
    assert client.get(reverse("recruitment:round", args=["runde-a"])).status_code == 404
    url = reverse("recruitment:applicant", args=[rounds["sara"].pk])
    assert client.get(url).status_code == 404
    assert "Sara" not in client.get(reverse("recruitment:rounds")).text
    with pytest.raises(NotFound):
        pipeline.applicant_page(access(users, role), rounds["sara"].pk)
    with pytest.raises(NotFound):
        pipeline.stage_counts(access(users, role), "runde-a")


def test_a_member_of_any_role_sees_the_round(users, rounds):
    CommitteeMemberFactory(ad=rounds["b"], user=users["analyst"])
    page = pipeline.round_page(access(users, "analyst"), "runde-b")
    assert page.total == 1


# --- Anonymised first screening -----------------------------------------------------------


SECRETS = ("Sara Holm", "sara.holm@example.org", "1988", "Skjultvej", "12 34 56 78", "Kvinde")


@pytest.mark.parametrize("role", ["employee", "manager", "hr"])
def test_nothing_identifying_in_the_html_before_shortlisting(client_as, rounds, role):
    client = client_as(role)
    for url in (
        reverse("recruitment:round", args=["runde-a"]),
        reverse("recruitment:applicant", args=[rounds["sara"].pk]),
    ):
        html = client.get(url).text
        assert "A-7" in html
        for secret in SECRETS:
            assert secret not in html, (url, secret)
        assert "CV_Sara_Holm" not in html
    html = client.get(reverse("recruitment:applicant", args=[rounds["sara"].pk])).text
    assert "Jeg brænder for ældreplejen." in html  # the motivation is screened
    assert "CV" in html and "2,0" in html  # which files, without their names


def test_everything_is_shown_after_shortlisting(client_as, users, rounds):
    pipeline.move(access(users, "manager"), rounds["sara"].pk, "shortlisted")
    html = (
        client_as("employee").get(reverse("recruitment:applicant", args=[rounds["sara"].pk])).text
    )
    for secret in SECRETS:
        assert secret in html, secret
    assert "CV_Sara_Holm.pdf" in html
    round_html = client_as("employee").get(reverse("recruitment:round", args=["runde-a"])).text
    assert "Sara Holm" in round_html


def test_an_ad_without_anonymous_screening_shows_the_name_at_once(client_as, rounds):
    rounds["a"].anonymised_screening = False
    rounds["a"].save()
    html = client_as("employee").get(reverse("recruitment:round", args=["runde-a"])).text
    assert "Sara Holm" in html


# --- Stage moves --------------------------------------------------------------------------


def test_moves_are_kept_and_hired_sets_the_decision(users, rounds):
    chair = access(users, "manager")
    sara = rounds["sara"]
    pipeline.move(chair, sara.pk, "shortlisted")
    pipeline.move(access(users, "hr"), sara.pk, "interview_1")
    hired = pipeline.move(chair, sara.pk, "hired")
    assert hired.stage == "hired" and hired.decided_at is not None
    assert list(StageChange.objects.filter(application=sara).values_list("stage", "by")) == [
        ("shortlisted", users["manager"].pk),
        ("interview_1", users["hr"].pk),
        ("hired", users["manager"].pk),
    ]
    back = pipeline.move(chair, sara.pk, "offer")
    assert back.decided_at is None


def test_a_member_who_does_not_chair_cannot_move(users, rounds):
    with pytest.raises(PermissionDenied):
        pipeline.move(access(users, "employee"), rounds["sara"].pk, "shortlisted")
    assert not StageChange.objects.exists()


def test_withdrawn_is_the_applicants_own_choice(users, rounds):
    with pytest.raises(ValidationFailed):
        pipeline.move(access(users, "hr"), rounds["sara"].pk, "withdrawn")
    with pytest.raises(ValidationFailed):
        pipeline.move(access(users, "hr"), rounds["sara"].pk, "received")


def test_move_from_the_round_page_goes_back_to_it(client_as, rounds):
    url = reverse("recruitment:applicant_move", args=[rounds["sara"].pk])
    response = client_as("manager").post(url, {"stage": "shortlisted", "next": "round"})
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:round", args=["runde-a"])
    rounds["sara"].refresh_from_db()
    assert rounds["sara"].stage == "shortlisted"


def test_counts_per_stage(client_as, users, rounds):
    ApplicationFactory(ad=rounds["a"], number=8, stage="rejected")
    _ad, counts = pipeline.stage_counts(access(users, "employee"), "runde-a")
    assert counts["received"] == 1 and counts["rejected"] == 1 and counts["hired"] == 0
    assert list(counts) == list(pipeline.rules.STAGES)


def test_after_hire_hr_is_led_to_onboarding(client_as, users, rounds):
    pipeline.move(access(users, "hr"), rounds["sara"].pk, "hired")
    html = client_as("hr").get(reverse("recruitment:applicant", args=[rounds["sara"].pk])).text
    assert f"/rekruttering/introduktion/ny/?ansoegning={rounds['sara'].pk}" in html


def test_after_hire_the_chair_who_manages_the_unit_is_led_to_onboarding(
    client_as, users, org, rounds
):
    """The manager may start the plan of a hire in their own unit, so the chair sees the way
    to it; a chair of another unit's round and a plain member do not."""
    link = f"/rekruttering/introduktion/ny/?ansoegning={rounds['sara'].pk}"
    pipeline.move(access(users, "hr"), rounds["sara"].pk, "hired")
    page = reverse("recruitment:applicant", args=[rounds["sara"].pk])
    assert rounds["a"].unit == org.nord
    assert link in client_as("manager").get(page).text
    assert link not in client_as("employee").get(page).text
    rounds["a"].unit = org.syd
    rounds["a"].save(update_fields=["unit"])
    assert link not in client_as("manager").get(page).text


# --- Scores -------------------------------------------------------------------------------


def test_scores_one_per_member_and_the_mean_after_scoring(users, rounds):
    sara, faglighed = rounds["sara"], rounds["faglighed"]
    pipeline.score(access(users, "manager"), sara.pk, faglighed.pk, 5)
    page = pipeline.applicant_page(access(users, "employee"), sara.pk)
    first = page.scores[0]
    assert first.criterion == faglighed and first.mine is None
    assert not first.mean_shown and first.mean is None and first.count == 1  # no anchoring
    pipeline.score(access(users, "employee"), sara.pk, faglighed.pk, 2)
    pipeline.score(access(users, "employee"), sara.pk, faglighed.pk, 4)  # changes, not adds
    assert Score.objects.filter(application=sara).count() == 2
    page = pipeline.applicant_page(access(users, "employee"), sara.pk)
    first, second = page.scores
    assert (first.mine, first.mean, first.mean_shown) == (4, 4.5, True)
    assert second.mine is None and not second.mean_shown
    # HR, who does not score, sees the committee's mean.
    hr = pipeline.applicant_page(access(users, "hr"), sara.pk).scores[0]
    assert hr.mean == 4.5 and hr.mean_shown


def test_only_members_score_and_only_1_to_5(users, rounds):
    sara, faglighed = rounds["sara"], rounds["faglighed"]
    with pytest.raises(PermissionDenied):
        pipeline.score(access(users, "hr"), sara.pk, faglighed.pk, 3)
    with pytest.raises(ValidationFailed):
        pipeline.score(access(users, "employee"), sara.pk, faglighed.pk, 6)
    other_round = CriterionFactory(ad=rounds["b"], name="Andet")
    with pytest.raises(NotFound):
        pipeline.score(access(users, "employee"), sara.pk, other_round.pk, 3)


def test_scoring_through_the_page(client_as, rounds):
    client = client_as("employee")
    url = reverse("recruitment:applicant_score", args=[rounds["sara"].pk])
    assert client.post(url, {"criterion": rounds["faglighed"].pk, "score": "3"}).status_code == 302
    html = client.get(reverse("recruitment:applicant", args=[rounds["sara"].pk])).text
    assert "3,0" in html  # the mean, shown now that the employee has scored


# --- Notes, tests, interviews, letters --------------------------------------------------------


def test_notes(users, rounds):
    pipeline.add_note(access(users, "employee"), rounds["sara"].pk, "God motivation.")
    page = pipeline.applicant_page(access(users, "hr"), rounds["sara"].pk)
    assert [n.text for n, _author in page.notes] == ["God motivation."]
    with pytest.raises(ValidationFailed):
        pipeline.add_note(access(users, "employee"), rounds["sara"].pk, "CPR 010190-1234")


def test_an_external_test_needs_the_applicants_consent(users, rounds):
    chair = access(users, "manager")
    kwargs = {"tool": "Master Test", "summary": "Høj score på samarbejde.", "link": ""}
    with pytest.raises(ValidationFailed) as error:
        pipeline.record_test(chair, rounds["sara"].pk, consent_on=None, **kwargs)
    assert "samtykke" in error.value.messages[0]
    with pytest.raises(ValidationFailed):
        pipeline.record_test(
            chair, rounds["sara"].pk, tool="X", summary="", link="", consent_on=dt.date(2026, 1, 1)
        )
    result = pipeline.record_test(
        chair, rounds["sara"].pk, consent_on=dt.date(2026, 1, 5), **kwargs
    )
    assert ExternalTest.objects.get() == result and result.recorded_by == users["manager"]
    with pytest.raises(PermissionDenied):
        pipeline.record_test(
            access(users, "employee"), rounds["sara"].pk, consent_on=dt.date(2026, 1, 5), **kwargs
        )


def _book(users, rounds):
    start = dt.datetime(2027, 3, 4, 10, 0, tzinfo=COPENHAGEN)
    return pipeline.book_interview(
        access(users, "hr"),
        rounds["sara"].pk,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        location="Plejecenter Nord, mødelokale 2",
    )


def test_interview_ical_has_a_stable_uid(users, rounds):
    interview = _book(users, rounds)
    body = pipeline.interview_ical(access(users, "employee"), interview.pk)
    event = icalendar.Calendar.from_ical(body).walk("VEVENT")[0]
    assert str(event["UID"]) == f"{interview.uid}@charlie"
    assert event.decoded("DTSTART") == dt.datetime(2027, 3, 4, 9, 0, tzinfo=dt.UTC)
    assert str(event["LOCATION"]) == "Plejecenter Nord, mødelokale 2"
    assert "A-7" in str(event["SUMMARY"]) and "Sara" not in str(event["SUMMARY"])  # anonymous
    # Moved an hour later: the same UID, so calendars update the event.
    Interview.objects.filter(pk=interview.pk).update(
        starts_at=interview.starts_at + dt.timedelta(hours=1),
        ends_at=interview.ends_at + dt.timedelta(hours=1),
    )
    again = icalendar.Calendar.from_ical(pipeline.interview_ical(access(users, "hr"), interview.pk))
    assert str(again.walk("VEVENT")[0]["UID"]) == f"{interview.uid}@charlie"
    with pytest.raises(NotFound):
        pipeline.interview_ical(access(users, "analyst"), interview.pk)


def test_an_interview_must_end_after_it_begins(users, rounds):
    start = dt.datetime(2027, 3, 4, 10, 0, tzinfo=COPENHAGEN)
    with pytest.raises(ValidationFailed):
        pipeline.book_interview(
            access(users, "hr"), rounds["sara"].pk, starts_at=start, ends_at=start, location="X"
        )


def test_a_letter_is_filled_previewed_sent_and_kept(users, rounds, settings):
    settings.CHARLIE_MUNICIPALITY_NAME = "Lemvig Kommune"
    template = LetterTemplateFactory()
    hr = access(users, "hr")
    with pytest.raises(ValidationFailed):  # still anonymous: no letter yet
        pipeline.letter_draft(hr, rounds["sara"].pk, template.pk)
    pipeline.move(hr, rounds["sara"].pk, "shortlisted")
    interview = _book(users, rounds)
    draft = pipeline.letter_draft(hr, rounds["sara"].pk, template.pk)
    assert draft.interview_id == interview.pk
    assert (
        draft.subject
        == "Samtale om stillingen som Social- og sundhedsassistent til Plejecenter Nord"
    )
    assert draft.body == (
        "Kære Sara Holm\n\nTak for din ansøgning. Vi vil gerne invitere dig til samtale "
        "4. marts 2027 kl. 10:00 på Plejecenter Nord, mødelokale 2.\n\nVenlig hilsen\n"
        "Lemvig Kommune"
    )
    assert draft.missing == ()
    pipeline.send_letter(
        hr, rounds["sara"].pk, kind="interview", subject=draft.subject, body=draft.body
    )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sara.holm@example.org"]
    assert mail.outbox[0].body == draft.body
    letter = Letter.objects.get()
    assert letter.body == draft.body and letter.sent_by == users["hr"]


def test_a_letter_with_unfilled_placeholders_is_not_sent(users, rounds):
    hr = access(users, "hr")
    pipeline.move(hr, rounds["sara"].pk, "rejected")
    with pytest.raises(ValidationFailed):
        pipeline.send_letter(
            hr, rounds["sara"].pk, kind="rejection", subject="Afslag", body="{dato}"
        )
    assert not mail.outbox and not Letter.objects.exists()


def test_letter_page_preview_and_send(client_as, users, rounds):
    LetterTemplateFactory(
        kind="rejection", name="Afslag", subject="Afslag: {stilling}", body="Kære {navn}, desværre."
    )
    pipeline.move(access(users, "hr"), rounds["sara"].pk, "rejected")
    client = client_as("manager")
    url = reverse("recruitment:applicant_letter", args=[rounds["sara"].pk])
    html = client.get(url).text
    assert "Kære Sara Holm, desværre." in html
    response = client.post(
        url, {"kind": "rejection", "subject": "Afslag", "body": "Kære Sara Holm, desværre."}
    )
    assert response.status_code == 302
    assert Letter.objects.get().kind == "rejection"


def test_letter_templates_reject_unknown_placeholders(users):
    with pytest.raises(ValidationFailed) as error:
        pipeline.save_letter_template(
            access(users, "hr"), kind="offer", name="Tilbud", subject="Tilbud", body="Kære {nav}"
        )
    assert "{nav}" in error.value.messages[0]
    saved = pipeline.save_letter_template(
        access(users, "hr"), kind="offer", name="Tilbud", subject="Tilbud", body="Kære {navn}"
    )
    assert saved.pk
    with pytest.raises(PermissionDenied):
        pipeline.save_letter_template(
            access(users, "manager"), kind="offer", name="X", subject="X", body="X"
        )


# --- Audit ----------------------------------------------------------------------------------------


def test_every_read_and_change_is_audited_per_application(client_as, users, rounds):
    second = ApplicationFactory(ad=rounds["a"], number=8)
    client_as("employee").get(reverse("recruitment:round", args=["runde-a"]))
    reads = AuditEntry.objects.filter(
        action="read", category="rekruttering", purpose="rekruttering"
    )
    assert set(reads.values_list("subject_username", flat=True)) == {
        f"ansøgning:{rounds['sara'].pk}",
        f"ansøgning:{second.pk}",
    }
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    pipeline.move(access(users, "manager"), rounds["sara"].pk, "shortlisted")
    pipeline.add_note(access(users, "employee"), rounds["sara"].pk, "Note.")
    actions = list(
        AuditEntry.objects.exclude(pk__in=before)
        .order_by("pk")
        .values_list("action", "subject_username")
    )
    assert actions == [
        ("update", f"ansøgning:{rounds['sara'].pk}"),
        ("create", f"ansøgning:{rounds['sara'].pk}"),
    ]


def test_a_refused_read_writes_nothing(client_as, rounds):
    client_as("employee").get(reverse("recruitment:round", args=["runde-b"]))
    assert not AuditEntry.objects.exists()


def test_the_applicant_page_links_the_files_once_anonymity_allows_and_offers_the_pool(
    client_as, rounds
):
    """The files of an applicant still in anonymous screening have no link (nor name); once
    shortlisted, each links to its random key. A rejected applicant can be invited to the
    talent pool from the page (HR)."""
    from charlie.recruitment.models import ApplicationFile

    sara = rounds["sara"]
    cv = ApplicationFile.objects.create(
        application=sara,
        kind="cv",
        name="cv.pdf",
        content_type="application/pdf",
        size=9,
        data=b"%PDF-1.4\n",
    )
    url = reverse("recruitment:applicant", args=[sara.pk])
    link = reverse("recruitment:application_file", args=[cv.key])
    hr = client_as("hr")
    assert sara.ad.anonymised_screening and sara.stage == "received"
    page = hr.get(url).text
    assert link not in page and "cv.pdf" not in page
    sara.stage = "shortlisted"
    sara.save()
    assert link in hr.get(url).text
    sara.stage = "rejected"
    sara.save()
    assert reverse("recruitment:talent_invite", args=[sara.pk]) in hr.get(url).text
