""" "Anmod om rettelse" (GDPR art. 16): an employee asks from "Mine data", HR handles the request
from a task list, and the employee sees the status and HR's response. Every step is audited."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people.services import access_for
from charlie.privacy import services
from charlie.privacy.models import AuditEntry, CorrectionRequest, CorrectionStatus

pytestmark = pytest.mark.django_db

CREATE = "privacy:correction_create"


def ask(person_id: int, category: str = "stamdata", message: str = "Forkert.") -> CorrectionRequest:
    return CorrectionRequest.objects.create(
        subject_person_id=person_id, category=category, message=message
    )


# --- The employee asks ---


def test_request_correction_creates_a_request_for_the_own_person(users, org):
    request = services.request_correction(
        access_for(users["employee"]),
        category="ansaettelse",
        message="  Min stilling er social- og sundhedsassistent, ikke hjælper.  ",
    )
    assert request.subject_person_id == org.person_in_nord.pk
    assert request.requested_by == users["employee"]
    assert request.category == "ansaettelse"
    assert request.message == "Min stilling er social- og sundhedsassistent, ikke hjælper."
    assert request.status == CorrectionStatus.OPEN
    entry = AuditEntry.objects.get()
    assert (
        entry.actor,
        entry.subject_person_id,
        entry.action,
        entry.category,
        entry.purpose,
        entry.channel,
    ) == (users["employee"], org.person_in_nord.pk, "create", "ansaettelse", "egen_indsigt", "ui")


@pytest.mark.parametrize(
    ("category", "message", "error"),
    [
        ("stamdata", "   ", "Skriv, hvad der er forkert"),
        ("lon", "Forkert løn.", "Vælg, hvilke oplysninger der er forkerte"),
        ("", "Forkert.", "Vælg, hvilke oplysninger der er forkerte"),
        ("stamdata", "x" * 2001, "2000 tegn, men er 2001 tegn"),
        ("stamdata", "Forkert\x00navn", "ugyldige tegn"),
    ],
)
def test_request_correction_validates_in_danish(users, category, message, error):
    with pytest.raises(ValidationFailed) as exc:
        services.request_correction(
            access_for(users["employee"]), category=category, message=message
        )
    assert any(error in m for m in exc.value.messages), exc.value.messages
    assert not CorrectionRequest.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_message_of_2000_characters_with_line_breaks_is_fine(users):
    message = ("Linje\r\n" * 250)[:2000]
    request = services.request_correction(
        access_for(users["employee"]), category="stamdata", message=message
    )
    assert len(request.message) <= 2000


def test_a_user_without_a_person_cannot_ask(users):
    with pytest.raises(PermissionDenied):
        services.request_correction(access_for(users["analyst"]), category="stamdata", message="x")


def test_the_form_never_takes_a_person_from_the_request(client_as, users, org):
    client = client_as("employee")
    response = client.post(
        reverse(CREATE),
        {
            "category": "stamdata",
            "message": "Mit efternavn er stavet forkert.",
            "subject_person_id": org.person_in_skole.pk,
            "person_id": org.person_in_skole.pk,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:my_data") + "#rettelser"
    request = CorrectionRequest.objects.get()
    assert request.subject_person_id == org.person_in_nord.pk


def test_the_page_confirms_and_lists_the_request(client_as, users, org):
    client = client_as("employee")
    response = client.post(
        reverse(CREATE), {"category": "stamdata", "message": "Mit telefonnummer er 12345678."}
    )
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Din anmodning om rettelse er sendt til HR" in html
    assert "Mine anmodninger om rettelse" in html
    assert "Mit telefonnummer er 12345678." in html
    assert "Åben" in html
    [row] = page.context["data"].corrections
    assert row.category_label == "Stamdata"


def test_an_invalid_form_shows_the_page_again_with_errors(client_as, users):
    response = client_as("employee").post(reverse(CREATE), {"category": "stamdata"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Anmodningen blev ikke sendt" in html
    assert "Skriv, hvad der er forkert, og hvad der er det rigtige." in html
    assert 'aria-invalid="true"' in html
    assert not CorrectionRequest.objects.exists()


def test_the_form_offers_the_shown_categories_and_the_health_warning(client_as):
    response = client_as("employee").get(reverse("privacy:my_data"))
    form = response.context["correction_form"]
    codes = [code for code, _label in form.fields["category"].choices if code]
    assert codes == [c.code for c in response.context["data"].categories]
    assert "fravaer" in codes
    html = response.content.decode()
    assert "Skriv ikke oplysninger om helbred eller årsager til sygdom." in html
    assert 'maxlength="2000"' in html
    assert "Anmod om rettelse" in html


def test_get_on_the_form_url_is_refused(client_as):
    assert client_as("employee").get(reverse(CREATE)).status_code == 405


# --- HR's task list ---


def test_only_hr_sees_the_task_list(users):
    for role in ("employee", "manager", "analyst", "dpo", "admin"):
        with pytest.raises(PermissionDenied):
            services.list_corrections(access_for(users[role]))
        with pytest.raises(PermissionDenied):
            services.get_correction(access_for(users[role]), 1)
        with pytest.raises(PermissionDenied):
            services.handle_correction(
                access_for(users[role]), request_id=1, status="done", response=""
            )


def test_task_list_open_first_with_name_and_number(client_as, users, org):
    from django.utils import timezone

    old_open = ask(org.person_in_nord.pk, "stamdata", "Første åbne.")
    handled = ask(org.person_in_syd.pk, "ansaettelse", "Behandlet.")
    new_open = ask(org.person_in_skole.pk, "fravaer", "Anden åbne.")
    CorrectionRequest.objects.filter(pk=handled.pk).update(
        status=CorrectionStatus.DONE, handled_at=timezone.now()
    )
    # The handled one is the newest: it must still come after the open ones.
    CorrectionRequest.objects.filter(pk=handled.pk).update(created_at=timezone.now())

    response = client_as("hr").get(reverse("privacy:corrections"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.request.pk for r in rows] == [old_open.pk, new_open.pk, handled.pk]
    assert rows[0].person.name == org.person_in_nord.full_name
    assert rows[0].person.employee_number == org.person_in_nord.employee_number
    html = response.content.decode()
    for person in (org.person_in_nord, org.person_in_syd, org.person_in_skole):
        assert person.full_name in html and person.employee_number in html
    assert "Første åbne." in html
    assert "Der er 2 åbne anmodninger." in html
    assert reverse("privacy:correction", kwargs={"request_id": old_open.pk}) in html

    # Reading the list is a read of each request's category, for HR administration.
    reads = set(
        AuditEntry.objects.filter(actor=users["hr"]).values_list(
            "subject_person_id", "category", "purpose", "action", "channel"
        )
    )
    assert reads == {
        (org.person_in_nord.pk, "stamdata", "hr_administration", "read", "ui"),
        (org.person_in_syd.pk, "ansaettelse", "hr_administration", "read", "ui"),
        (org.person_in_skole.pk, "fravaer", "hr_administration", "read", "ui"),
    }


def test_task_list_pages(users, org):
    for i in range(3):
        ask(org.person_in_nord.pk, message=f"Nr. {i}")
    page, rows = services.list_corrections(access_for(users["hr"]), page=2, per_page=2)
    assert page.number == 2 and len(rows) == 1
    page, rows = services.list_corrections(access_for(users["hr"]), page="x", per_page=2)
    assert page.number == 1 and len(rows) == 2


def test_empty_task_list(client_as):
    response = client_as("hr").get(reverse("privacy:corrections"))
    assert "Ingen medarbejdere har bedt om at få rettet noget." in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_hr_menu_shows_the_open_count(client_as, org):
    client = client_as("hr")
    assert ">Rettelser<" in client.get(reverse("home")).content.decode()
    ask(org.person_in_nord.pk)
    ask(org.person_in_syd.pk)
    assert "Rettelser (2 åbne)" in client.get(reverse("home")).content.decode()


def test_no_menu_entry_for_others(client_as, org):
    ask(org.person_in_nord.pk)
    html = client_as("employee").get(reverse("home")).content.decode()
    assert "Rettelser" not in html


# --- HR handles a request ---


def test_reading_a_request_is_audited(client_as, users, org):
    request = ask(org.person_in_nord.pk, "ansaettelse", "Forkert enhed.")
    response = client_as("hr").get(reverse("privacy:correction", kwargs={"request_id": request.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    assert org.person_in_nord.full_name in html and "Forkert enhed." in html
    entry = AuditEntry.objects.get()
    assert (entry.subject_person_id, entry.category, entry.purpose, entry.action) == (
        org.person_in_nord.pk,
        "ansaettelse",
        "hr_administration",
        "read",
    )


def test_unknown_request_is_404(users):
    with pytest.raises(NotFound):
        services.get_correction(access_for(users["hr"]), 987654)
    with pytest.raises(NotFound):
        services.handle_correction(
            access_for(users["hr"]), request_id=987654, status="done", response=""
        )


def test_hr_marks_it_done_and_the_employee_sees_it(client, users, org):
    request = ask(org.person_in_nord.pk, "stamdata", "Forkert telefonnummer.")
    client.force_login(users["hr"])
    url = reverse("privacy:correction", kwargs={"request_id": request.pk})
    response = client.post(url, {"status": "done", "response": "Rettet i lønsystemet."})
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:corrections")
    request.refresh_from_db()
    assert request.status == CorrectionStatus.DONE
    assert request.response == "Rettet i lønsystemet."
    assert request.handled_by == users["hr"]
    assert request.handled_at is not None
    update = AuditEntry.objects.get(action="update")
    assert (update.actor, update.subject_person_id, update.category, update.purpose) == (
        users["hr"],
        org.person_in_nord.pk,
        "stamdata",
        "hr_administration",
    )
    assert "er markeret som »Rettet«" in client.get(response["Location"]).content.decode()

    client.force_login(users["employee"])
    html = client.get(reverse("privacy:my_data")).content.decode()
    assert "Rettet i lønsystemet." in html
    payload = json.loads(client.get(reverse("privacy:my_data_json")).content)
    [own] = payload["anmodninger_om_rettelse"]
    assert own["status"] == "Rettet"
    assert own["svar"] == "Rettet i lønsystemet."
    assert own["besked"] == "Forkert telefonnummer."
    assert own["datakategori"] == "Stamdata"
    assert own["behandlet"]


def test_a_rejection_needs_a_response(client_as, users, org):
    request = ask(org.person_in_nord.pk)
    url = reverse("privacy:correction", kwargs={"request_id": request.pk})
    response = client_as("hr").post(url, {"status": "rejected", "response": "  "})
    assert response.status_code == 400
    assert "Skriv et svar til medarbejderen, når du afviser" in response.content.decode()
    request.refresh_from_db()
    assert request.status == CorrectionStatus.OPEN
    assert not AuditEntry.objects.filter(action="update").exists()

    services.handle_correction(
        access_for(users["hr"]),
        request_id=request.pk,
        status="rejected",
        response="Oplysningen kommer fra din ansættelseskontrakt og er rigtig.",
    )
    request.refresh_from_db()
    assert request.status == CorrectionStatus.REJECTED


def test_the_form_needs_a_decision(client_as, org):
    request = ask(org.person_in_nord.pk)
    url = reverse("privacy:correction", kwargs={"request_id": request.pk})
    response = client_as("hr").post(url, {})
    assert response.status_code == 400
    assert "Vælg, om oplysningerne er rettet" in response.content.decode()


def test_a_request_is_handled_once(users, org):
    request = ask(org.person_in_nord.pk)
    services.handle_correction(
        access_for(users["hr"]), request_id=request.pk, status="done", response=""
    )
    with pytest.raises(ValidationFailed, match="allerede behandlet"):
        services.handle_correction(
            access_for(users["hr"]), request_id=request.pk, status="rejected", response="Nej."
        )
    request.refresh_from_db()
    assert request.status == CorrectionStatus.DONE


def test_hr_does_not_handle_their_own_request(users):
    own = services.request_correction(
        access_for(users["hr"]), category="stamdata", message="Forkert."
    )
    with pytest.raises(ValidationFailed, match="kollega"):
        services.handle_correction(
            access_for(users["hr"]), request_id=own.pk, status="done", response=""
        )


@pytest.mark.parametrize(
    ("status", "error"),
    [("open", "Vælg, om oplysningerne er rettet"), ("done", "højst være 2000 tegn")],
)
def test_handle_validates(users, org, status, error):
    request = ask(org.person_in_nord.pk)
    response = "x" * 2001 if status == "done" else "Svar."
    with pytest.raises(ValidationFailed) as exc:
        services.handle_correction(
            access_for(users["hr"]), request_id=request.pk, status=status, response=response
        )
    assert any(error in m for m in exc.value.messages)
