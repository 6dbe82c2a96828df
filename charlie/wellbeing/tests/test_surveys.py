"""Surveys through their services and pages (HR): create, the launch preview and check, the
launch with its invitations and e-mails, reminders, the close, pulse series and the daily job."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.roles import Role
from charlie.people.services import access_for, operator_access
from charlie.people.tests.factories import EmploymentFactory
from charlie.privacy.models import AuditEntry
from charlie.wellbeing.models import (
    Invitation,
    PulseSeries,
    Survey,
    SurveyStatus,
    UnitTally,
)
from charlie.wellbeing.services import surveys
from charlie.wellbeing.services.answering import link_hash
from charlie.wellbeing.tests.factories import (
    draft_survey,
    launched_survey,
    link_of,
    staff,
    survey_version,
)

pytestmark = pytest.mark.django_db

HR = operator_access(Role.HR, channel="cli")


def today() -> dt.date:
    return timezone.localdate()


def data(**kw: object) -> surveys.SurveyData:
    values: dict[str, object] = {
        "name": "Trivselsmåling 2027",
        "kind": "wellbeing",
        "version_id": survey_version().pk,
        "unit_ids": [],
        "bands": ["age"],
        "min_group": 5,
        "min_sensitive": 20,
        "opens_on": today(),
        "closes_on": today() + dt.timedelta(days=14),
    }
    values.update(kw)
    return surveys.SurveyData(**values)  # type: ignore[arg-type]


# --- Create ------------------------------------------------------------------------------------


def test_hr_creates_a_draft_with_the_thresholds_of_the_settings(org, client_as):
    min_group, min_sensitive = surveys.default_thresholds()
    assert (min_group, min_sensitive) == (5, 20)
    client = client_as("hr")
    page = client.get(reverse("wellbeing:survey_new"))
    assert page.status_code == 200
    assert page.context["form"].initial["min_group"] == 5
    version = survey_version()
    response = client.post(
        reverse("wellbeing:survey_new"),
        {
            "name": "Trivsel i ældreplejen",
            "kind": "wellbeing",
            "version": version.pk,
            "units": [org.aeldre.pk, org.nord.pk],
            "bands": ["age", "seniority"],
            "min_group": 6,
            "min_sensitive": 20,
            "opens_on": today().isoformat(),
            "closes_on": (today() + dt.timedelta(days=14)).isoformat(),
            "max_reminders": 2,
            "remind_every_days": 7,
        },
    )
    survey = Survey.objects.get(name="Trivsel i ældreplejen")
    assert response.status_code == 302
    assert response["Location"] == reverse("wellbeing:survey", args=[survey.pk])
    assert survey.status == SurveyStatus.DRAFT
    assert survey.min_group == 6  # raised by HR
    # Nord is below Ældreområdet, which comes with its sub-units anyway.
    assert list(survey.units.all()) == [org.aeldre]
    assert survey.bands == ["age", "seniority"]


@override_settings(CHARLIE_WELLBEING_MIN_GROUP=7, CHARLIE_WELLBEING_MIN_SENSITIVE=25)
def test_the_thresholds_come_from_the_settings():
    assert surveys.default_thresholds() == (7, 25)


def test_thresholds_never_below_three_and_sensitive_never_below_the_group(org):
    with pytest.raises(surveys.SurveyInvalid) as exc:
        surveys.save_survey(HR, data(unit_ids=[org.nord.pk], min_group=2, min_sensitive=1))
    fields = dict(exc.value.errors)
    assert "min_group" in fields and "min_sensitive" in fields


def test_the_form_shows_each_error_beside_its_field(org, client_as):
    response = client_as("hr").post(
        reverse("wellbeing:survey_new"),
        {
            "name": "",
            "kind": "wellbeing",
            "version": survey_version().pk,
            "units": [org.nord.pk],
            "min_group": 5,
            "min_sensitive": 20,
            "opens_on": today().isoformat(),
            "closes_on": (today() - dt.timedelta(days=1)).isoformat(),
            "max_reminders": 2,
            "remind_every_days": 7,
        },
    )
    assert response.status_code == 400
    hrefs = [href for href, _text in response.context["errors"]]
    assert "#id_name" in hrefs and "#id_closes_on" in hrefs
    assert not Survey.objects.exists()


def test_only_a_draft_can_be_changed(org):
    staff(org.nord, 6)
    survey = launched_survey([org.nord])
    with pytest.raises(ValidationFailed):
        surveys.save_survey(HR, data(unit_ids=[org.nord.pk]), survey_id=survey.pk)


def test_only_hr_manages_surveys(org, users):
    for role in ("employee", "manager", "analyst", "dpo", "admin"):
        with pytest.raises(PermissionDenied):
            surveys.list_surveys(access_for(users[role]))


# --- The launch preview and check ----------------------------------------------------------------


def test_the_preview_counts_the_people_employed_today_once_each(org):
    nord_staff = staff(org.nord, 6)
    staff(org.syd, 5)
    # Ended yesterday, or starting tomorrow: not invited.
    staff(org.nord, 1)[0].employments.update(end_date=today() - dt.timedelta(days=1))
    staff(org.nord, 1)[0].employments.update(start_date=today() + dt.timedelta(days=1))
    # A second, smaller employment in Syd: invited once, by the larger one in Nord.
    EmploymentFactory(
        person=nord_staff[0], org_unit=org.syd, weekly_hours=10, start_date=dt.date(2020, 1, 1)
    )
    survey = draft_survey([org.aeldre])
    preview = surveys.launch_preview(HR, survey.pk)
    by_unit = {line.unit_id: line.invited for line in preview.lines}
    assert by_unit == {org.nord.pk: 7, org.syd.pk: 6}  # + the fixture's one in each
    assert preview.invited == 13
    assert preview.can_launch and not preview.needs_consent


def test_the_preview_refuses_a_band_split_below_the_threshold_and_launch_needs_consent(org):
    staff(org.nord, 6, birth=dt.date(1990, 1, 1))  # 30–39 (and the fixture's one: 40–49)
    survey = draft_survey([org.nord], bands=["age"])
    preview = surveys.launch_preview(HR, survey.pk)
    assert preview.needs_consent and preview.can_launch
    [dropped] = preview.dropped
    assert dropped.band_label == "Aldersgruppe"
    assert dropped.cell == "40–49 år" and dropped.count == 1
    with pytest.raises(ValidationFailed):
        surveys.launch(HR, survey.pk)
    assert not Invitation.objects.exists()
    surveys.launch(HR, survey.pk, drop_small_bands=True)
    # With consent the band is left out of this group: nobody's answers carry an age.
    assert all(v == {} for v in Invitation.objects.values_list("band_values", flat=True))
    survey.refresh_from_db()
    assert survey.plan["bands"] == {str(org.nord.pk): []}


def test_a_band_that_splits_safely_is_kept(org):
    staff(org.nord, 5, birth=dt.date(1990, 1, 1))
    staff(org.nord, 4)  # 40–49, with the fixture's one: 5
    survey = draft_survey([org.nord], bands=["age", "gender"])
    preview = surveys.launch_preview(HR, survey.pk)
    assert not preview.needs_consent
    surveys.launch(HR, survey.pk)
    values = {
        tuple(sorted(v.items())) for v in Invitation.objects.values_list("band_values", flat=True)
    }
    assert values == {(("age", "30-39"), ("gender", "K")), (("age", "40-49"), ("gender", "K"))}


def test_a_small_unit_is_counted_in_its_parent(org):
    staff(org.nord, 9)
    staff(org.syd, 2)  # 3 with the fixture's one
    staff(org.aeldre, 2)
    survey = draft_survey([org.aeldre])
    preview = surveys.launch_preview(HR, survey.pk)
    recorded = {line.unit_id: line.recorded_in for line in preview.lines}
    assert recorded == {
        org.aeldre.pk: org.aeldre.pk,
        org.nord.pk: org.nord.pk,
        org.syd.pk: org.aeldre.pk,
    }
    surveys.launch(HR, survey.pk)
    units = dict(
        Invitation.objects.filter(person__employments__org_unit=org.syd).values_list(
            "person_id", "unit_id"
        )
    )
    assert set(units.values()) == {org.aeldre.pk}


def test_a_survey_unit_too_small_on_its_own_cannot_be_launched(org, client_as):
    staff(org.skole, 2)  # 3 in Nørre Skole
    survey = draft_survey([org.skole])
    preview = surveys.launch_preview(HR, survey.pk)
    assert preview.too_small == [("Nørre Skole", 3)] and not preview.can_launch
    with pytest.raises(ValidationFailed):
        surveys.launch(HR, survey.pk)
    page = client_as("hr").get(reverse("wellbeing:survey_launch", args=[survey.pk]))
    assert "Nørre Skole: 3 inviterede – under 5." in page.content.decode()
    assert "Send målingen ud nu" not in page.content.decode()


def test_the_preview_page_explains_the_rule(org, client_as):
    staff(org.nord, 6)
    survey = draft_survey([org.nord])
    page = client_as("hr").get(reverse("wellbeing:survey_launch", args=[survey.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Sådan beskytter Charlie svarene" in text
    assert "tælles med i sin overordnede enhed" in text
    assert "Send målingen ud nu" in text


# --- Launch -------------------------------------------------------------------------------------


def test_launch_invites_freezes_and_queues_the_e_mails(org):
    people = staff(org.nord, 6)
    staff(org.nord, 1, email=False)
    survey = draft_survey([org.nord], opens_on=today() - dt.timedelta(days=3))
    launched = surveys.launch(HR, survey.pk)
    survey.refresh_from_db()
    assert launched.invited == 8 and launched.without_email == 2  # the fixture's has none
    assert survey.status == SurveyStatus.OPEN
    assert survey.opens_on == today()  # the day it actually opened
    assert survey.launched_at is not None
    assert survey.version.frozen_at is not None
    invitation = Invitation.objects.get(person=people[0])
    assert invitation.answered is False
    assert invitation.unit_id == org.nord.pk
    assert invitation.token_hash == link_hash(link_of(invitation))
    assert invitation.sent_at is None
    # HR's writing of the invitations is in the audit log, one entry per person.
    entries = AuditEntry.objects.filter(category="trivsel", action="create")
    assert set(entries.values_list("subject_person_id", flat=True)) >= {p.pk for p in people}


def test_the_invitation_e_mail_has_the_link_and_the_about_page(org):
    staff(org.nord, 6)
    survey = launched_survey([org.nord])
    assert surveys.send_invitations() == 6
    assert len(mail.outbox) == 6
    message = mail.outbox[0]
    invitation = Invitation.objects.get(person__email=message.to[0])
    link = link_of(invitation)
    assert reverse("wellbeing:answer", args=[link]) in message.body
    assert f"/trivsel/maalinger/{survey.pk}/om/" in message.body
    assert "uden dit navn" in message.body
    assert invitation.sent_at is not None
    # Sent once: the next run sends nothing.
    assert surveys.send_invitations() == 0


def test_a_failed_e_mail_is_sent_by_the_next_run(org, monkeypatch):
    staff(org.nord, 6)
    launched_survey([org.nord])
    monkeypatch.setattr(surveys, "_send", lambda messages: [messages[0][0]])
    assert surveys.send_invitations() == 1
    monkeypatch.undo()
    assert surveys.send_invitations() == 5


def test_a_survey_cannot_be_launched_twice_or_before_it_opens(org):
    staff(org.nord, 6)
    survey = launched_survey([org.nord])
    with pytest.raises(ValidationFailed):
        surveys.launch(HR, survey.pk)
    later = draft_survey([org.nord], opens_on=today() + dt.timedelta(days=2))
    with pytest.raises(ValidationFailed):
        surveys.launch(HR, later.pk)


def test_hr_launches_through_the_page(org, client_as):
    staff(org.nord, 6)
    survey = draft_survey([org.nord])
    response = client_as("hr").post(reverse("wellbeing:survey_launch", args=[survey.pk]))
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN


# --- Reminders ------------------------------------------------------------------------------------


def _sent_days_ago(survey: Survey, days: int) -> None:
    moment = timezone.now() - dt.timedelta(days=days)
    Invitation.objects.filter(survey=survey).update(sent_at=moment)


def test_reminders_go_to_those_who_have_not_answered_at_most_n_times(org):
    staff(org.nord, 6)
    survey = launched_survey([org.nord], max_reminders=2, remind_every_days=7)
    surveys.send_invitations()
    mail.outbox.clear()
    answered = Invitation.objects.filter(survey=survey).exclude(person__email="").first()
    Invitation.objects.filter(pk=answered.pk).update(answered=True, token_hash=None, link_key=None)
    # Six days after the invitation: not yet.
    _sent_days_ago(survey, 6)
    assert surveys.send_reminders() == 0
    # Seven days: the five who have not answered (and have an e-mail address).
    _sent_days_ago(survey, 7)
    assert surveys.send_reminders() == 5
    assert all(m.subject.startswith("Påmindelse") for m in mail.outbox)
    assert answered.person.email not in {m.to[0] for m in mail.outbox}
    # The reminder carries the same link as the invitation.
    invitation = Invitation.objects.get(person__email=mail.outbox[0].to[0])
    assert reverse("wellbeing:answer", args=[link_of(invitation)]) in mail.outbox[0].body
    # The next day: nothing (7 days after the reminder first).
    assert surveys.send_reminders() == 0
    Invitation.objects.filter(survey=survey).update(
        reminded_at=timezone.now() - dt.timedelta(days=7)
    )
    assert surveys.send_reminders() == 5
    Invitation.objects.filter(survey=survey).update(
        reminded_at=timezone.now() - dt.timedelta(days=30)
    )
    assert surveys.send_reminders() == 0  # two reminders were the most
    assert set(
        Invitation.objects.filter(survey=survey, answered=False)
        .exclude(person__email="")
        .values_list("reminders", flat=True)
    ) == {2}


def test_no_reminders_when_the_survey_says_none(org):
    staff(org.nord, 6)
    survey = launched_survey([org.nord], max_reminders=0)
    surveys.send_invitations()
    _sent_days_ago(survey, 30)
    assert surveys.send_reminders() == 0


def test_hr_sends_a_link_again_and_learns_nothing_about_answering(org, client_as):
    staff(org.nord, 6)
    survey = launched_survey([org.nord])
    first, second = Invitation.objects.filter(survey=survey).exclude(person__email="")[:2]
    Invitation.objects.filter(pk=second.pk).update(answered=True, token_hash=None, link_key=None)
    client = client_as("hr")
    answers = []
    for invitation in (first, second):
        mail.outbox.clear()
        response = client.post(
            reverse("wellbeing:invitation_send_again", args=[survey.pk, invitation.pk]),
            follow=True,
        )
        answers.append(([str(m) for m in response.context["messages"]], len(mail.outbox)))
    assert answers[0][0] == answers[1][0]  # HR is told the same
    assert answers[0][1] == 1 and answers[1][1] == 0  # only the unanswered gets a mail


# --- The survey's page and the invited ------------------------------------------------------------


def test_the_survey_page_shows_counts_only_above_the_threshold(org, client_as):
    staff(org.nord, 9)
    staff(org.syd, 9)
    # Nord and Syd as the survey's units (Ældreområdet holds the manager alone: asked as a
    # unit, its one person would take Nord's group in with it).
    survey = launched_survey([org.nord, org.syd])
    nord = Invitation.objects.filter(survey=survey, unit=org.nord)[:5]
    Invitation.objects.filter(pk__in=[i.pk for i in nord]).update(answered=True)
    Invitation.objects.filter(
        pk=Invitation.objects.filter(survey=survey, unit=org.syd).first().pk
    ).update(answered=True)
    page = surveys.survey_page(HR, survey.pk)
    groups = {g.unit_id: g for g in page.groups}
    assert groups[org.nord.pk].answered == 5 and groups[org.nord.pk].rate == 50
    assert groups[org.syd.pk].answered is None  # 1 answer: not shown
    assert page.answered == 6
    response = client_as("hr").get(reverse("wellbeing:survey", args=[survey.pk]))
    assert response.status_code == 200


def test_the_invited_page_names_people_but_never_who_answered(org, client_as):
    people = staff(org.nord, 6)
    survey = launched_survey([org.nord])
    Invitation.objects.filter(person=people[0]).update(answered=True)
    response = client_as("hr").get(reverse("wellbeing:survey_invitations", args=[survey.pk]))
    text = response.content.decode()
    assert people[0].last_name in text
    assert "svaret" not in re.sub(r"Om en person har svaret, vises ikke", "", text)
    subjects = set(
        AuditEntry.objects.filter(category="trivsel", action="read", purpose="trivsel").values_list(
            "subject_person_id", flat=True
        )
    )
    assert {p.pk for p in people} <= subjects


# --- Close ----------------------------------------------------------------------------------------


def test_close_keeps_the_tallies_and_wipes_links_and_answered_flags(org, client_as):
    staff(org.nord, 9)
    survey = launched_survey([org.nord], max_reminders=2)
    surveys.send_invitations()
    Invitation.objects.filter(survey=survey).update(reminded_at=timezone.now(), reminders=1)
    response = client_as("hr").post(reverse("wellbeing:survey_close", args=[survey.pk]))
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED and survey.closed_at is not None
    tally = UnitTally.objects.get(survey=survey)
    assert (tally.unit_id, tally.invited, tally.answered) == (org.nord.pk, 10, 0)
    for invitation in Invitation.objects.filter(survey=survey):
        assert invitation.answered is None
        assert invitation.token_hash is None and invitation.link_key is None
        assert invitation.reminded_at is None and invitation.reminders == 0
        assert invitation.sent_at is not None or not invitation.person.email
    with pytest.raises(ValidationFailed):
        surveys.close(HR, survey.pk)


def test_the_daily_job_closes_after_the_last_day(org):
    staff(org.nord, 6)
    survey = launched_survey([org.nord], closes_on=today() + dt.timedelta(days=1))
    assert surveys.close_due(on=today() + dt.timedelta(days=1)) == 0  # the last day: open
    assert surveys.close_due(on=today() + dt.timedelta(days=2)) == 1
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED


def test_a_draft_can_be_deleted_and_a_missing_survey_is_404(org):
    survey = draft_survey([org.nord])
    surveys.delete_draft(HR, survey.pk)
    with pytest.raises(NotFound):
        surveys.get_survey(HR, survey.pk)


# --- Pulse series ---------------------------------------------------------------------------------


def test_hr_creates_and_pauses_a_pulse_series(org, client_as):
    client = client_as("hr")
    version = survey_version()
    response = client.post(
        reverse("wellbeing:pulse_series_new"),
        {
            "name": "Månedspuls",
            "version": version.pk,
            "units": [org.aeldre.pk],
            "every_months": 1,
            "open_days": 7,
            "next_on": today().isoformat(),
        },
    )
    assert response.status_code == 302
    series = PulseSeries.objects.get()
    assert list(series.units.all()) == [org.aeldre]
    assert client.get(reverse("wellbeing:pulse_series_list")).status_code == 200
    client.post(reverse("wellbeing:pulse_series_pause", args=[series.pk]))
    series.refresh_from_db()
    assert not series.active
    client.post(reverse("wellbeing:pulse_series_pause", args=[series.pk]), {"aktiv": "1"})
    series.refresh_from_db()
    assert series.active


def test_the_daily_job_makes_and_launches_the_next_pulse_survey(org):
    staff(org.nord, 9)
    version = survey_version()
    start = dt.date(2027, 1, 31)
    series = PulseSeries.objects.create(
        name="Månedspuls", version=version, every_months=1, open_days=5, next_on=start
    )
    series.units.set([org.nord])
    assert surveys.run_pulse_series(on=start - dt.timedelta(days=1)) == 0
    assert surveys.run_pulse_series(on=start) == 1
    first = Survey.objects.get(pulse=series)
    assert first.status == SurveyStatus.OPEN
    assert (first.opens_on, first.closes_on) == (start, dt.date(2027, 2, 4))
    assert first.kind == "pulse" and first.bands == [] and first.min_group == 5
    assert Invitation.objects.filter(survey=first).count() == 10
    series.refresh_from_db()
    assert series.next_on == dt.date(2027, 2, 28)  # 31 January + 1 month, clamped
    # The next round compares with the first.
    assert surveys.run_pulse_series(on=dt.date(2027, 2, 28)) == 1
    second = Survey.objects.filter(pulse=series).order_by("-opens_on").first()
    assert second.previous == first
    # Paused: nothing.
    surveys.set_series_active(HR, series.pk, False)
    assert surveys.run_pulse_series(on=dt.date(2027, 3, 28)) == 0


def test_the_daily_job_runs_every_step(org):
    staff(org.nord, 6)
    launched_survey([org.nord])
    result = surveys.daily()
    assert result == {"closed": 0, "pulse_launched": 0, "invitations": 6, "reminders": 0}


def test_links_are_made_anew_after_the_secret_key_changes(org, settings):
    """The link is an HMAC with SECRET_KEY: after a change, the next e-mail carries the new
    link and stores its hash, so the link works (the old one does not)."""
    from charlie.wellbeing.services import answering

    staff(org.nord, 6)
    survey = launched_survey([org.nord])
    old = link_of(_first_with_email(survey))
    settings.SECRET_KEY = "en-helt-anden-hemmelig-noegle-til-testen-0123456789"
    assert surveys.send_invitations() == 6
    invitation = _first_with_email(survey)
    new = link_of(invitation)
    assert new != old and reverse("wellbeing:answer", args=[new]) in mail.outbox[0].body
    assert answering.link_of(new).state == "open"
    assert answering.link_of(old).state == "used"


def _first_with_email(survey: Survey) -> Invitation:
    return Invitation.objects.filter(survey=survey).exclude(person__email="").order_by("pk").first()


@pytest.mark.parametrize(
    ("group", "sensitive", "expected"),
    [("", "", (5, 20)), ("2", "4", (3, 4)), ("8", "6", (8, 8))],
)
def test_the_threshold_settings_from_the_environment(group, sensitive, expected):
    """Never below 3, and the sensitive threshold never below the other."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "CHARLIE_TESTING": "1"}
    for name, value in (
        ("CHARLIE_WELLBEING_MIN_GROUP", group),
        ("CHARLIE_WELLBEING_MIN_SENSITIVE", sensitive),
    ):
        if value:
            env[name] = value
        else:
            env.pop(name, None)
    probe = (
        "from charlie import settings as s; "
        "print(s.CHARLIE_WELLBEING_MIN_GROUP, s.CHARLIE_WELLBEING_MIN_SENSITIVE)"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert tuple(int(v) for v in out) == expected


def test_the_unit_picker_groups_units_by_forvaltning(org, client_as):
    groups = surveys.unit_groups(HR)
    assert [g.label for g in groups] == ["Testkommune", "Social og Sundhed", "Børn og Kultur"]
    social = dict((label, pk) for pk, label in groups[1].units)
    assert social == {
        "Social og Sundhed": org.social.pk,
        "Ældreområdet": org.aeldre.pk,
        "Ældreområdet › Plejecenter Nord": org.nord.pk,
        "Ældreområdet › Plejecenter Syd": org.syd.pk,
    }
    # The form shows every unit and every band as a checkbox (DKFDS markup).
    text = client_as("hr").get(reverse("wellbeing:survey_new")).content.decode()
    assert f'name="units" id="id_units_v{org.nord.pk}" value="{org.nord.pk}"' in text
    assert 'name="bands" id="id_bands_0" value="age" checked' in text
