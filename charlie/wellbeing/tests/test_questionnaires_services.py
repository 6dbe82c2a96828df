"""The questionnaires part's services: Charlie's own banks, editing and versioning (a frozen
version never changes), the import (all or nothing) and the export."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people import services as people
from charlie.wellbeing import bank
from charlie.wellbeing import services as wellbeing
from charlie.wellbeing.models import (
    Dimension,
    PulseSeries,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireVersion,
)
from charlie.wellbeing.services import questionnaires as svc
from charlie.wellbeing.tests.factories import (
    DimensionFactory,
    QuestionFactory,
    SurveyFactory,
    VersionFactory,
)


@pytest.fixture
def hr(users):
    return people.access_for(users["hr"])


def _codes(version: QuestionnaireVersion) -> list[str]:
    return [q.code for s in svc.sections(version) for q in s.questions]


def _likert(text: str, **kw) -> svc.QuestionInput:
    return svc.QuestionInput(text=text, kind="likert", scale="grad", **kw)


# --- Charlie's own banks ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_migration_seeded_charlies_banks_and_charlie_bank_gives_the_latest():
    trivsel = wellbeing.charlie_bank("trivsel")
    assert (trivsel.questionnaire.code, trivsel.number, trivsel.frozen_at) == ("trivsel", 1, None)
    assert trivsel.questionnaire.origin == bank.ORIGIN_CHARLIE
    assert trivsel.questions.count() == 43
    assert [s.dimension.code for s in svc.sections(trivsel) if s.dimension][:2] == [
        "krav",
        "indflydelse",
    ]
    # The kind names the same bank; every shipped bank is there.
    assert wellbeing.charlie_bank("wellbeing") == trivsel
    assert wellbeing.charlie_bank("pulse").questionnaire.code == "puls"
    assert wellbeing.charlie_bank("onboarding").questionnaire.code == "introduktion"
    assert wellbeing.charlie_bank("apv").questions.filter(dimension__code="ergonomi").exists()
    with pytest.raises(NotFound):
        wellbeing.charlie_bank("copsoq")
    # A later version is the latest.
    svc.freeze_version(trivsel)
    version_2 = QuestionnaireVersion.objects.create(questionnaire=trivsel.questionnaire, number=2)
    assert wellbeing.charlie_bank("trivsel") == version_2


@pytest.mark.django_db
def test_seeding_again_never_overwrites_the_municipalitys_edits(hr):
    version = wellbeing.charlie_bank("apv")
    question = version.questions.get(code="stoej-generet")
    svc.save_question(
        hr,
        version.pk,
        svc.QuestionInput(
            text="Hvor ofte larmer ventilationen?",
            kind="likert",
            scale="hyppighed",
            reverse=True,
            dimension_id=question.dimension_id,
        ),
        question_id=question.pk,
    )
    before = Questionnaire.objects.count()
    # The data migration run again (a restore, a re-run) and the lazy seeding: nothing changes.
    migration = importlib.import_module("charlie.wellbeing.migrations.0003_charlie_banks")
    migration.seed(apps, None)
    assert svc.seed_charlie_banks() == []
    assert Questionnaire.objects.count() == before
    assert version.questions.get(code="stoej-generet").text == "Hvor ofte larmer ventilationen?"
    # The version is marked as changed from Charlie's.
    assert svc.version_view(hr, version.pk).as_shipped is False
    assert svc.version_view(hr, wellbeing.charlie_bank("puls").pk).as_shipped is True


@pytest.mark.django_db
def test_a_missing_bank_is_seeded_when_asked_for():
    Questionnaire.objects.filter(code="puls").delete()
    version = wellbeing.charlie_bank("puls")
    assert version.number == 1 and version.questions.count() == 5


# --- Editing ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_build_a_questionnaire_with_dimensions_and_every_kind_of_question(hr):
    questionnaire = svc.create_questionnaire(
        hr, code="", name="Trivsel på skolerne", name_en="", kind="wellbeing", description=""
    )
    assert questionnaire.code == "trivsel-paa-skolerne"
    version = questionnaire.versions.get()
    team = svc.save_dimension(hr, version.pk, code="", name="Team", name_en="Team", sensitive=False)
    assert team.code == "team"
    a = svc.save_question(hr, version.pk, _likert("Hjælper I hinanden?", dimension_id=team.pk))
    b = svc.save_question(
        hr,
        version.pk,
        svc.QuestionInput(
            text="Hvilke fag?",
            kind="multiple",
            options="Dansk\nMatematik\nIdræt",
            options_en="Danish\nMathematics\nPE",
            dimension_id=team.pk,
        ),
    )
    c = svc.save_question(
        hr, version.pk, svc.QuestionInput(text="Lektioner?", kind="number", minimum=0, maximum=40)
    )
    d = svc.save_question(
        hr,
        version.pk,
        svc.QuestionInput(text="Er du blevet truet?", kind="single", options="0 = Nej\n1 = Ja"),
    )
    e = svc.save_question(hr, version.pk, svc.QuestionInput(text="Andet?", kind="text"))
    # Codes are made from the dimension's (or "spm"), numbered.
    assert [a.code, b.code, c.code, d.code, e.code] == [
        "team-1",
        "team-2",
        "spm-1",
        "spm-2",
        "spm-3",
    ]
    assert b.options == [
        {"value": 1, "label": "Dansk", "label_en": "Danish"},
        {"value": 2, "label": "Matematik", "label_en": "Mathematics"},
        {"value": 3, "label": "Idræt", "label_en": "PE"},
    ]
    assert [o["value"] for o in d.options] == [0, 1]
    assert a.options == [o.as_json() for o in bank.SCALES["grad"]]
    # Respondents' order: the dimension's questions, then those without; ``order`` agrees.
    assert _codes(version) == ["team-1", "team-2", "spm-1", "spm-2", "spm-3"]
    assert list(version.questions.order_by("order").values_list("code", flat=True)) == _codes(
        version
    )
    assert svc.version_problems(version) == []


@pytest.mark.django_db
def test_fields_that_do_not_belong_to_the_kind_are_left_out(hr):
    version = VersionFactory()
    saved = svc.save_question(
        hr,
        version.pk,
        svc.QuestionInput(
            text="Andet?",
            kind="text",
            scale="grad",
            options="Ja\nNej",
            reverse=True,
            minimum=1,
            maximum=2,
        ),
    )
    assert (saved.options, saved.reverse, saved.minimum, saved.maximum) == ([], False, None, None)


@pytest.mark.django_db
def test_every_problem_of_a_question_beside_its_field_at_once(hr):
    version = VersionFactory()
    QuestionFactory(version=version, code="taget")
    with pytest.raises(svc.Problems) as exc:
        svc.save_question(
            hr,
            version.pk,
            svc.QuestionInput(text="", kind="number", minimum=10, maximum=1, code="taget"),
        )
    assert {name for name, _m in exc.value.by_field} == {"text", "maximum", "code"}
    with pytest.raises(svc.Problems) as exc:
        svc.save_question(
            hr, version.pk, svc.QuestionInput(text="Skala?", kind="likert", options="Ja\nNej")
        )
    assert [name for name, _m in exc.value.by_field] == ["options"]
    assert version.questions.count() == 1


@pytest.mark.django_db
def test_move_and_remove_keep_the_order_dense(hr):
    version = VersionFactory()
    first = DimensionFactory(version=version, code="a", name="A", order=0)
    second = DimensionFactory(version=version, code="b", name="B", order=1)
    q = [
        svc.save_question(hr, version.pk, _likert(f"A{n}?", dimension_id=first.pk))
        for n in (1, 2, 3)
    ]
    svc.save_question(hr, version.pk, _likert("B1?", dimension_id=second.pk))
    svc.move_question(hr, version.pk, q[2].pk, up=True)
    assert _codes(version) == ["a-1", "a-3", "a-2", "b-1"]
    svc.move_question(hr, version.pk, q[0].pk, up=True)  # already first: nothing moves
    svc.move_dimension(hr, version.pk, second.pk, up=True)
    assert _codes(version) == ["b-1", "a-1", "a-3", "a-2"]
    svc.remove_question(hr, version.pk, q[2].pk)
    assert list(version.questions.order_by("order").values_list("order", flat=True)) == [0, 1, 2]
    # Moving a question to another dimension puts it last there.
    svc.save_question(hr, version.pk, _likert("A1?", dimension_id=second.pk), question_id=q[0].pk)
    assert _codes(version) == ["b-1", "a-1", "a-2"]
    # A dimension with questions is not removed; an empty one is.
    with pytest.raises(ValidationFailed):
        svc.remove_dimension(hr, version.pk, second.pk)
    svc.remove_question(hr, version.pk, q[1].pk)
    svc.remove_dimension(hr, version.pk, first.pk)
    assert list(version.dimensions.values_list("code", "order")) == [("b", 0)]


@pytest.mark.django_db
def test_a_sensitive_dimension_makes_its_questions_sensitive(hr):
    version = VersionFactory()
    dimension = svc.save_dimension(
        hr, version.pk, code="", name="Krænkelser", name_en="", sensitive=False
    )
    question = svc.save_question(hr, version.pk, _likert("Mobning?", dimension_id=dimension.pk))
    assert not question.sensitive
    svc.save_dimension(
        hr,
        version.pk,
        code=dimension.code,
        name="Krænkelser",
        name_en="Offensive behaviour",
        sensitive=True,
        dimension_id=dimension.pk,
    )
    question.refresh_from_db()
    assert question.sensitive
    # In a sensitive dimension a question stays sensitive, ticked or not.
    saved = svc.save_question(
        hr, version.pk, _likert("Chikane?", dimension_id=dimension.pk, sensitive=False)
    )
    assert saved.sensitive
    # Made ordinary again, the dimension leaves its questions on the safe side.
    svc.save_dimension(
        hr,
        version.pk,
        code=dimension.code,
        name="Krænkelser",
        name_en="",
        sensitive=False,
        dimension_id=dimension.pk,
    )
    assert set(version.questions.values_list("sensitive", flat=True)) == {True}


@pytest.mark.django_db
def test_only_hr_edits_question_banks(users):
    version = VersionFactory()
    for role in ("manager", "employee", "analyst", "dpo", "admin"):
        access = people.access_for(users[role])
        with pytest.raises(PermissionDenied):
            svc.questionnaires(access)
        with pytest.raises(PermissionDenied):
            svc.save_question(access, version.pk, _likert("A?"))
        with pytest.raises(PermissionDenied):
            svc.import_questionnaire(access, "x.json", b"{}")
    assert not version.questions.exists()


# --- Versioning ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_frozen_version_cannot_be_changed_by_any_service(hr):
    version = VersionFactory()
    dimension = DimensionFactory(version=version)
    question = QuestionFactory(version=version, dimension=dimension)
    svc.freeze_version(version)
    frozen_at = version.frozen_at
    assert frozen_at is not None
    writes = [
        lambda: svc.save_question(hr, version.pk, _likert("Ny?")),
        lambda: svc.save_question(hr, version.pk, _likert("Ændret?"), question_id=question.pk),
        lambda: svc.remove_question(hr, version.pk, question.pk),
        lambda: svc.move_question(hr, version.pk, question.pk, up=False),
        lambda: svc.save_dimension(hr, version.pk, code="", name="Ny", name_en="", sensitive=False),
        lambda: svc.save_dimension(
            hr,
            version.pk,
            code="x",
            name="Ændret",
            name_en="",
            sensitive=True,
            dimension_id=dimension.pk,
        ),
        lambda: svc.remove_dimension(hr, version.pk, dimension.pk),
        lambda: svc.move_dimension(hr, version.pk, dimension.pk, up=True),
        lambda: svc.save_version_note(hr, version.pk, "Ny note"),
        lambda: svc.delete_version(hr, version.pk),
        lambda: svc.version_for_edit(hr, version.pk),
    ]
    for write in writes:
        with pytest.raises(svc.Frozen) as exc:
            write()
        assert "låst" in exc.value.messages[0]
    question.refresh_from_db()
    dimension.refresh_from_db()
    assert (question.text, dimension.name, dimension.sensitive) == (
        "Har du indflydelse på, hvordan du gør dit arbejde?",
        "Indflydelse",
        False,
    )
    assert version.questions.count() == 1 and version.dimensions.count() == 1
    # Freezing again changes nothing.
    again = svc.freeze_version(QuestionnaireVersion.objects.get(pk=version.pk))
    assert again.frozen_at == frozen_at


@pytest.mark.django_db
def test_a_new_version_copies_the_latest_only_once_it_is_frozen(hr):
    version = wellbeing.charlie_bank("trivsel")
    with pytest.raises(ValidationFailed):
        svc.new_version(hr, version.questionnaire_id)
    svc.freeze_version(version)
    copy = svc.new_version(hr, version.questionnaire_id, note="Færre spørgsmål om ledelse")
    assert (copy.number, copy.note, copy.frozen_at) == (2, "Færre spørgsmål om ledelse", None)
    assert _codes(copy) == _codes(version)
    assert list(copy.dimensions.values_list("code", "sensitive")) == list(
        version.dimensions.values_list("code", "sensitive")
    )
    # Each copied question points at the copy's own dimension.
    assert not copy.questions.exclude(dimension__isnull=True).exclude(dimension__version=copy)
    assert set(copy.questions.values_list("pk", flat=True)).isdisjoint(
        version.questions.values_list("pk", flat=True)
    )
    # Editing the copy leaves the frozen version as it was asked.
    leadership = copy.questions.get(code="ledelse-udvikling")
    svc.remove_question(hr, copy.pk, leadership.pk)
    assert version.questions.filter(code="ledelse-udvikling").exists()
    assert wellbeing.charlie_bank("trivsel") == copy
    # Only one draft at a time.
    with pytest.raises(ValidationFailed):
        svc.new_version(hr, version.questionnaire_id)


@pytest.mark.django_db
def test_delete_only_a_version_nobody_asked(hr):
    used = VersionFactory()
    SurveyFactory(version=used)
    with pytest.raises(ValidationFailed) as exc:
        svc.delete_version(hr, used.pk)
    assert "Trivselsmåling 2027" in exc.value.messages[0]
    series = VersionFactory()
    PulseSeries.objects.create(name="Månedspuls", version=series, next_on="2027-01-01")
    with pytest.raises(ValidationFailed):
        svc.delete_version(hr, series.pk)
    with pytest.raises(ValidationFailed):
        svc.delete_version(hr, wellbeing.charlie_bank("puls").pk)
    # The only version of a municipality's own: the questionnaire goes with it.
    alone = VersionFactory()
    QuestionFactory(version=alone)
    assert svc.delete_version(hr, alone.pk) is None
    assert not Questionnaire.objects.filter(pk=alone.questionnaire_id).exists()


@pytest.mark.django_db
def test_what_keeps_a_version_from_being_asked():
    version = VersionFactory()
    assert svc.version_problems(version) == ["Versionen har ingen spørgsmål."]
    QuestionFactory(version=version, code="vagter", kind=QuestionKind.NUMBER, options=[])
    assert svc.version_problems(version) == [
        "Spørgsmål vagter: Et tal-spørgsmål skal have et mindste og et største tal."
    ]


# --- Import and export --------------------------------------------------------------------------

DOCS = Path(__file__).resolve().parents[3] / "docs" / "wellbeing-questionnaires.md"


def _example(fence: str) -> bytes:
    """The full example of a format, as docs/wellbeing-questionnaires.md shows it."""
    found = re.search(rf"```{fence}\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert found is not None, fence
    return found[1].encode()


EXAMPLE_JSON = _example("json")
EXAMPLE_CSV = _example("csv")


@pytest.mark.django_db
def test_import_the_documented_examples(hr):
    result = svc.import_questionnaire(hr, "apv-skoler.json", EXAMPLE_JSON)
    assert result.ok, result.problems
    assert (result.version.number, result.questions, result.new_questionnaire) == (1, 7, True)
    questionnaire = result.questionnaire
    assert questionnaire.origin == "Børne- og Skoleforvaltningen" and questionnaire.kind == "apv"
    assert Dimension.objects.filter(version=result.version, sensitive=True).count() == 1
    meta = bank.Meta(code="trivsel-skoler", name="Trivsel på skolerne", kind="trivsel")
    result = svc.import_questionnaire(hr, "trivsel-skoler.csv", EXAMPLE_CSV, meta=meta)
    assert result.ok, result.problems
    assert result.questionnaire.kind == "wellbeing" and result.questions == 6
    assert result.questionnaire.origin == "fil: trivsel-skoler.csv"


@pytest.mark.django_db
def test_an_import_is_all_or_nothing_and_reports_every_problem(hr):
    broken = EXAMPLE_CSV.decode().replace(";tal;;;;0;40;", ";tal;;;;40;0;")
    broken = broken.replace(";skala;grad;", ";skala;ofte;", 1)
    before = (Questionnaire.objects.count(), Question.objects.count())
    meta = bank.Meta(code="trivsel-skoler", name="Trivsel på skolerne", kind="trivsel")
    result = svc.import_questionnaire(hr, "t.csv", broken.encode(), meta=meta)
    assert not result.ok and result.problem_count == 2
    assert {(p.row, p.column) for p in result.problems} == {(2, "svarmuligheder"), (5, "maks")}
    assert all(p.file == "t.csv" and p.message for p in result.problems)
    assert (Questionnaire.objects.count(), Question.objects.count()) == before
    # A dry run checks a good file and stores nothing.
    result = svc.import_questionnaire(hr, "t.csv", EXAMPLE_CSV, meta=meta, dry_run=True)
    assert result.ok and result.version is None
    assert (Questionnaire.objects.count(), Question.objects.count()) == before


@pytest.mark.django_db
def test_a_known_code_gets_the_next_version_once_the_latest_is_frozen(hr):
    data = EXAMPLE_JSON
    first = svc.import_questionnaire(hr, "apv-skoler.json", data)
    again = svc.import_questionnaire(hr, "apv-skoler.json", data)
    assert not again.ok
    assert again.problems[0].column == "code" and "ikke er låst" in again.problems[0].message
    svc.freeze_version(first.version)
    second = svc.import_questionnaire(hr, "apv-skoler.json", data)
    assert second.ok and second.version.number == 2 and not second.new_questionnaire
    assert second.questionnaire == first.questionnaire


@pytest.mark.django_db
def test_charlies_own_codes_are_not_for_import(hr):
    document = json.loads(EXAMPLE_JSON.decode())
    document["code"] = "trivsel"
    result = svc.import_questionnaire(hr, "x.json", json.dumps(document).encode())
    assert [(p.column, p.row) for p in result.problems] == [("code", None)]
    document["code"], document["origin"] = "egen", "charlie"
    result = svc.import_questionnaire(hr, "x.json", json.dumps(document).encode())
    assert [p.column for p in result.problems] == ["origin"]
    assert wellbeing.charlie_bank("trivsel").number == 1


@pytest.mark.django_db
def test_export_and_import_again_give_the_same_questions(hr):
    version = wellbeing.charlie_bank("apv")
    for file_format in ("json", "csv"):
        export = svc.export_version(hr, version.pk, file_format)
        assert export.name == f"apv-v1.{file_format}"
        data = export.content.encode()
        if file_format == "json":
            document = json.loads(data)
            assert "origin" not in document  # Charlie's mark stays with Charlie's banks
            document["code"] = "apv-egen"
            result = svc.import_questionnaire(hr, "apv-egen.json", json.dumps(document).encode())
        else:
            meta = bank.Meta(code="apv-csv", name="APV fra CSV", kind="apv")
            result = svc.import_questionnaire(hr, export.name, data, meta=meta)
        assert result.ok, result.problems
        mine, theirs = svc.spec_of(result.version), svc.spec_of(version)
        assert (mine.dimensions, mine.questions) == (theirs.dimensions, theirs.questions)
    with pytest.raises(NotFound):
        svc.export_version(hr, version.pk, "xml")


@pytest.mark.django_db
def test_the_command_line_import(tmp_path):
    out = tmp_path / "out.txt"
    example = tmp_path / "trivsel-skoler.csv"
    example.write_bytes(EXAMPLE_CSV)
    with out.open("w") as stream:
        call_command(
            "wellbeing",
            "import-questionnaire",
            str(example),
            "--code",
            "trivsel-skoler",
            "--name",
            "Trivsel på skolerne",
            "--kind",
            "trivsel",
            stdout=stream,
        )
    assert "Indlæst: trivsel-skoler version 1, 6 spørgsmål i 2 dimensioner." in out.read_text()
    broken = tmp_path / "broken.csv"
    broken.write_text("kode;spørgsmål;type\na;A?;skala\na;B?;skala\n", encoding="utf-8")
    with out.open("w") as stream, pytest.raises(CommandError, match="Intet er gemt"):
        call_command(
            "wellbeing",
            "import-questionnaire",
            str(broken),
            "--code",
            "x",
            "--name",
            "X",
            "--kind",
            "andet",
            stdout=stream,
        )
    assert "broken.csv, række 3, kolonne kode: Koden »a« er også brugt i række 2." in (
        out.read_text()
    )
    assert not Questionnaire.objects.filter(code="x").exists()
