"""The data-use register: seeded purposes, the DPO's versioned edits, the page every
employee sees, and ``record`` refusing purposes and categories the register does not list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people.services import access_for
from charlie.privacy import registry, services
from charlie.privacy.models import AuditEntry, AuditLogIsAppendOnly, Purpose, PurposeVersion
from charlie.privacy.services import UnregisteredPurpose

pytestmark = pytest.mark.django_db

SEEDED = ("hr_administration", "personaleledelse", "egen_indsigt")


def _record(users, org, **overrides):
    values = {
        "actor": users["hr"],
        "subject_person_ids": [org.person_in_nord.pk],
        "action": "read",
        "category": "stamdata",
        "purpose": "hr_administration",
        "channel": "ui",
    }
    values.update(overrides)
    return services.record(**values)


# --- The seed ---


def test_the_seed_holds_the_three_purposes_with_danish_texts():
    purposes = {p.code: p for p in Purpose.objects.all()}
    assert set(SEEDED) <= set(purposes)
    for code in SEEDED:
        purpose = purposes[code]
        assert purpose.active
        assert {"stamdata", "ansaettelse"} <= set(purpose.categories)
        for text in (purpose.description, purpose.who_may_see, purpose.retention):
            assert len(text) > 20
        assert "GDPR" in purpose.legal_basis
        # The history starts with the seed; absence's migrations added "fravaer" and
        # "opfoelgning" as versions, and skills's "kompetencer" to one's own insight and (part
        # "profiles": the retention deletions) to HR administration, and learning's
        # "uddannelse" to both, recruitment's "rekruttering" to both, and wellbeing's "trivsel"
        # to both, and the portfolio's "digitalisering" to both.
        assert purpose.versions.count() == (
            8 if code in ("egen_indsigt", "hr_administration") else 3
        )
        assert {"stamdata", "ansaettelse", "fravaer"} <= set(purpose.categories)
    assert "art. 88" in purposes["hr_administration"].legal_basis
    assert "§ 12" in purposes["personaleledelse"].legal_basis
    assert "art. 15" in purposes["egen_indsigt"].legal_basis
    # No invented statutory period: the kommune's policy, within the archive rules.
    retention = purposes["hr_administration"].retention
    assert "slettepolitik" in retention and "arkiv" in retention
    assert "år" not in retention.split()


def test_every_registered_purpose_and_category_is_in_the_register():
    """An app registering a purpose (privacy.registry) must seed it in the register too."""
    register = {p.code: set(p.categories) for p in services.purposes()}
    for code in registry.purposes():
        assert code in register, f"purpose {code!r} is registered but not in the register"
    used = set().union(*register.values())
    for category in registry.categories():
        assert category in used, f"category {category!r} is listed for no purpose"
    assert used <= set(registry.categories()), "the register lists an unregistered category"


# --- Enforcement in record() ---


def test_record_accepts_a_registered_purpose_and_category(users, org):
    assert len(_record(users, org)) == 1


def test_record_refuses_an_unknown_purpose(users, org):
    with pytest.raises(UnregisteredPurpose, match=r"'markedsfoering'.*'stamdata'"):
        _record(users, org, purpose="markedsfoering")
    assert not AuditEntry.objects.exists()


def test_record_refuses_a_category_not_listed_for_the_purpose(users, org):
    with pytest.raises(UnregisteredPurpose, match=r"'helbred'.*'egen_indsigt'"):
        _record(users, org, category="helbred", purpose="egen_indsigt")


def test_record_refuses_even_with_no_subjects(users, org):
    with pytest.raises(UnregisteredPurpose):
        _record(users, org, subject_person_ids=[], purpose="markedsfoering")


def test_record_refuses_an_inactive_purpose(users, org):
    services.update_purpose(
        access_for(users["dpo"]),
        code="personaleledelse",
        active=False,
        note="Bruges ikke mere.",
        confirm_removal=True,
    )
    with pytest.raises(UnregisteredPurpose, match="personaleledelse"):
        _record(users, org, purpose="personaleledelse")


def test_unregistered_purpose_is_a_runtime_error():
    assert issubclass(UnregisteredPurpose, RuntimeError)


# --- Editing ---


def test_update_writes_a_version_with_who_when_and_what(users):
    dpo = users["dpo"]
    before = Purpose.objects.get(code="hr_administration")
    services.update_purpose(
        access_for(dpo),
        code="hr_administration",
        description="  Ny og klarere tekst om HR's arbejde.  ",
        note="Klarere sprog",
    )
    purpose = Purpose.objects.get(code="hr_administration")
    assert purpose.description == "Ny og klarere tekst om HR's arbejde."
    assert purpose.legal_basis == before.legal_basis
    version = purpose.versions.order_by("-pk").first()
    assert version is not None
    assert version.changed_by == dpo
    assert version.changed_by_username == "test-dpo"
    assert version.note == "Klarere sprog"
    assert abs(version.changed_at - timezone.now()) < timedelta(minutes=1)
    assert version.data == purpose.snapshot()
    assert version.data["description"] == "Ny og klarere tekst om HR's arbejde."

    rows = services.history("hr_administration")
    assert rows[0].version == version
    assert rows[0].changed_fields == ["beskrivelse"]
    assert rows[-1].changed_fields == []  # the seed


def test_versions_are_append_only(users):
    version = PurposeVersion.objects.first()
    assert version is not None
    version.note = "x"
    with pytest.raises(AuditLogIsAppendOnly):
        version.save()
    with pytest.raises(AuditLogIsAppendOnly):
        version.delete()


@pytest.mark.parametrize("role", ["employee", "manager", "hr", "analyst", "admin"])
def test_only_the_dpo_may_edit(users, role):
    versions_before = PurposeVersion.objects.count()
    with pytest.raises(PermissionDenied):
        services.update_purpose(
            access_for(users[role]), code="hr_administration", name="Andet", note="Forsøg"
        )
    assert Purpose.objects.get(code="hr_administration").name == "HR-administration"
    assert PurposeVersion.objects.count() == versions_before


def test_an_unknown_purpose_is_not_found(users):
    with pytest.raises(NotFound):
        services.update_purpose(access_for(users["dpo"]), code="findes-ikke", name="x", note="x")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "   ", "note": "x"}, "Feltet »navn« skal udfyldes."),
        ({"retention": "", "note": "x"}, "Feltet »opbevaring og sletning« skal udfyldes."),
        ({"name": "x" * 101, "note": "x"}, "Navnet må højst være 100 tegn."),
        ({"categories": ["stamdata", "hemmelig"], "note": "x"}, "Ukendt datakategori: hemmelig."),
        ({"categories": [], "note": "x"}, "Vælg mindst én datakategori."),
        ({"name": "Nyt", "note": "  "}, "Skriv en kort note om, hvad du har ændret og hvorfor."),
        (
            {"name": "Nyt navn", "note": "x" * 201},
            "Noten må højst være 200 tegn, men er 201 tegn. Gør teksten kortere.",
        ),
        ({"name": "HR-administration", "note": "Ingenting"}, "Der er ingen ændringer at gemme."),
    ],
)
def test_validation_messages_in_danish(users, changes, message):
    versions_before = PurposeVersion.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        services.update_purpose(access_for(users["dpo"]), code="hr_administration", **changes)
    assert message in exc.value.messages
    assert PurposeVersion.objects.count() == versions_before


# --- The pages ---


def test_the_page_lists_the_purposes_in_danish(client, users):
    client.force_login(users["employee"])
    response = client.get(reverse("privacy:register"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sådan bruger vi HR-data" in html
    for purpose in services.purposes():
        assert purpose.name in html
    for text in ("Retsgrundlag", "Hvem kan se dem", "Hvor længe de gemmes", "Stamdata"):
        assert text in html
    assert "Ansættelse" in html
    assert "art. 88" in html
    # Not an editor: no edit links.
    assert reverse("privacy:register_edit", args=["hr_administration"]) not in html


def test_the_page_hides_an_inactive_purpose(client, users):
    services.update_purpose(
        access_for(users["dpo"]),
        code="personaleledelse",
        active=False,
        note="Bruges ikke mere.",
        confirm_removal=True,
    )
    client.force_login(users["hr"])
    html = client.get(reverse("privacy:register")).content.decode()
    assert "Personaleledelse" not in html


def test_every_role_has_the_menu_entry(client, users):
    for role in ("employee", "manager", "hr", "analyst", "dpo", "admin"):
        client.force_login(users[role])
        html = client.get(reverse("home")).content.decode()
        assert reverse("privacy:register") in html, role


def test_the_dpo_edits_with_a_note_and_sees_the_history(client, users):
    client.force_login(users["dpo"])
    url = reverse("privacy:register_edit", args=["personaleledelse"])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Historik" in html and "Oprettet" in html
    assert 'name="note"' in html

    data = {
        "name": "Personaleledelse",
        "description": "Din leder bruger oplysningerne til at planlægge arbejdet.",
        "legal_basis": Purpose.objects.get(code="personaleledelse").legal_basis,
        "categories": ["stamdata", "ansaettelse", "fravaer", "opfoelgning"],
        "who_may_see": "Din nærmeste leder.",
        "retention": "Som under HR-administration.",
        "note": "Kortere tekster",
    }
    response = client.post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("privacy:register")
    assert "Formålet »Personaleledelse« er gemt." in response.content.decode()
    assert "Din nærmeste leder." in response.content.decode()

    html = client.get(url).content.decode()
    assert "Kortere tekster" in html and "test-dpo" in html


def test_the_edit_page_shows_errors(client, users):
    client.force_login(users["dpo"])
    url = reverse("privacy:register_edit", args=["personaleledelse"])
    response = client.post(url, {"name": "", "note": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Formålet blev ikke gemt" in html
    assert "Feltet skal udfyldes." in html
    assert "Vælg mindst én datakategori." in html


def test_removing_a_category_charlie_reads_needs_confirmation(users):
    with pytest.raises(ValidationFailed) as failed:
        services.update_purpose(
            access_for(users["dpo"]),
            code="personaleledelse",
            categories=["stamdata"],
            note="Mindre",
        )
    (message,) = failed.value.messages
    assert "»Ansættelse«, »Fravær«, »Opfølgning på sygefravær«" in message
    assert "Jeg forstår konsekvensen" in message
    assert Purpose.objects.get(code="personaleledelse").categories == [
        "stamdata",
        "ansaettelse",
        "fravaer",
        "opfoelgning",
    ]
    services.update_purpose(
        access_for(users["dpo"]),
        code="personaleledelse",
        categories=["stamdata"],
        note="Mindre",
        confirm_removal=True,
    )
    assert Purpose.objects.get(code="personaleledelse").categories == ["stamdata"]


def test_deactivating_a_purpose_charlie_uses_needs_confirmation(users):
    with pytest.raises(ValidationFailed, match="Charlie bruger dette formål"):
        services.update_purpose(
            access_for(users["dpo"]), code="personaleledelse", active=False, note="Stop"
        )
    assert Purpose.objects.get(code="personaleledelse").active


def test_the_edit_page_warns_before_removing_a_category(client, users):
    client.force_login(users["dpo"])
    url = reverse("privacy:register_edit", args=["personaleledelse"])
    purpose = Purpose.objects.get(code="personaleledelse")
    data = {
        "name": purpose.name,
        "description": purpose.description,
        "legal_basis": purpose.legal_basis,
        "categories": ["stamdata", "ansaettelse"],
        "who_may_see": purpose.who_may_see,
        "retention": purpose.retention,
        "note": "Fravær bruges ikke",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "holder de sider" in response.content.decode()
    response = client.post(url, {**data, "confirm_removal": "on"})
    assert response.status_code == 302
    assert Purpose.objects.get(code="personaleledelse").categories == ["stamdata", "ansaettelse"]


def test_add_purpose_adds_once_never_overwrites_and_reverses_by_deactivating():
    from django.apps import apps
    from django.db import connection

    from charlie.privacy.migration_ops import AddPurpose

    text = {
        "code": "proeve",
        "name": "Prøve",
        "description": "Til en prøve.",
        "legal_basis": "GDPR art. 6, stk. 1, litra e.",
        "categories": ["stamdata"],
        "who_may_see": "HR.",
        "retention": "Et år.",
    }
    op = AddPurpose(text, note="Oprettet til en prøve.")
    editor = connection.schema_editor()  # not entered: the operation changes data only
    op.code(apps, editor)
    purpose = Purpose.objects.get(code="proeve")
    assert purpose.active and purpose.name == "Prøve" and purpose.categories == ["stamdata"]
    assert PurposeVersion.objects.filter(purpose=purpose).count() == 1
    # A data protection officer's edit stays when the operation runs again.
    Purpose.objects.filter(code="proeve").update(name="Prøve, rettet af DPO")
    op.code(apps, editor)
    assert Purpose.objects.get(code="proeve").name == "Prøve, rettet af DPO"
    assert PurposeVersion.objects.filter(purpose=purpose).count() == 1
    assert op.reverse_code is not None
    op.reverse_code(apps, editor)
    assert not Purpose.objects.get(code="proeve").active  # kept, with its history
    assert op.describe() == "Add purpose proeve to the data-use register"
