"""The anonymity design, tested (docs/wellbeing-anonymity.md):

- no answer, response or comment row has a column that can be joined to a person or an
  invitation, nor a time of answering — in the models and in the tables themselves;
- after the close no invitation holds a link, a link key, an answered flag or a reminder count;
- the keys are random, and after the close neither the keys' order nor the rows' physical order
  (SQLite's rowid, PostgreSQL's ctid) tells the order people answered in;
- every group of stored answers that share a unit and band values comes from at least the
  survey's minimum of invited people, whatever the organisation looks like.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import Counter
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, models

from charlie.core.roles import Role
from charlie.people.models import OrgUnit, OrgUnitKind
from charlie.people.services import operator_access
from charlie.people.tests.factories import org_unit
from charlie.wellbeing.models import (
    Answer,
    Comment,
    Invitation,
    Question,
    Response,
    Survey,
)
from charlie.wellbeing.services import answering, surveys
from charlie.wellbeing.tests.factories import launched_survey, link_of, staff

HR = operator_access(Role.HR, channel="cli")

#: What an answer row may point to: its survey, unit, question and response. Nothing else.
ALLOWED_TARGETS = {Survey, OrgUnit, Question, Response}


def _relations(model: type[models.Model]) -> dict[str, type[models.Model]]:
    return {
        f.name: f.related_model  # type: ignore[misc]
        for f in model._meta.concrete_fields
        if f.is_relation
    }


@pytest.mark.parametrize("model", [Response, Answer, Comment])
def test_answer_rows_point_to_no_person_invitation_or_account(model):
    relations = _relations(model)
    if model is Comment:
        # HR's reviewer of the comment (a user), never the one who wrote it.
        assert relations.pop("reviewed_by") is apps.get_model("core", "User")
    assert set(relations.values()) <= ALLOWED_TARGETS, relations


@pytest.mark.parametrize("model", [Response, Answer, Comment])
def test_answer_rows_hold_no_time_and_a_random_key(model):
    times = [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField | models.DateTimeField | models.TimeField)
    ]
    # A comment's review time is HR's, set when HR reviews it; empty when it is written.
    assert times == (["reviewed_at"] if model is Comment else [])
    for field in model._meta.concrete_fields:
        assert not getattr(field, "auto_now", False) and not getattr(field, "auto_now_add", False)
    pk = model._meta.pk
    assert isinstance(pk, models.UUIDField) and pk.default is uuid.uuid4


def test_nothing_else_points_to_the_answers():
    """No table of any app can tie a person, an invitation or an account to a response."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in (Response, Answer, Comment):
                assert model in (Answer, Comment), f"{model.__name__}.{field.name}"
    assert Response not in set(_relations(Invitation).values())


@pytest.mark.django_db
def test_the_tables_themselves_have_only_these_columns():
    """The database's own columns, so that a column added outside the models shows too."""

    def columns(table: str) -> set[str]:
        with connection.cursor() as cursor:
            return {c.name for c in connection.introspection.get_table_description(cursor, table)}

    assert columns("wellbeing_response") == {"id", "survey_id", "unit_id", "band_values", "source"}
    assert columns("wellbeing_answer") == {"id", "response_id", "question_id", "value"}
    assert columns("wellbeing_comment") == {
        "id",
        "response_id",
        "question_id",
        "text",
        "status",
        "shown_text",
        "reviewed_by_id",
        "reviewed_at",
    }


ANSWERS = {"q-influence": ["3"], "q-comment": ["Godt samarbejde"]}


def _answer_all(survey: Survey) -> list[uuid.UUID]:
    """Everyone invited answers, in the invitations' order; the responses' ids in that order."""
    order = []
    for invitation in Invitation.objects.filter(survey=survey).order_by("pk"):
        answering.submit(link_of(invitation), lambda f: ANSWERS.get(f, []))
        order.append(Response.objects.exclude(pk__in=order).values_list("pk", flat=True).get())
    return order


def _physical_order(survey: Survey, table: str = "wellbeing_response") -> list[Any]:
    """The ids of a survey's rows in the order they lie in the table."""
    position = "ctid" if connection.vendor == "postgresql" else "rowid"
    model = Response if table == "wellbeing_response" else Invitation
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE survey_id = %s ORDER BY {position}",  # noqa: S608
            [survey.pk],
        )
        field = model._meta.pk
        return [field.to_python(row[0]) for row in cursor.fetchall()]


def _xmin(table: str, survey: Survey) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT xmin::text::bigint FROM {table} WHERE survey_id = %s",  # noqa: S608
            [survey.pk],
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db
def test_after_the_close_no_invitation_holds_a_link_or_an_answered_flag(org):
    staff(org.nord, 11)
    survey = launched_survey([org.nord], max_reminders=2)
    surveys.send_invitations()
    invitations = list(Invitation.objects.filter(survey=survey).order_by("pk"))
    for invitation in invitations[:6]:
        answering.submit(link_of(invitation), lambda f: ANSWERS.get(f, []))
    Invitation.objects.filter(survey=survey, answered=False).update(reminders=1)
    surveys.close(HR, survey.pk)
    remaining = Invitation.objects.filter(survey=survey).values(
        "token_hash", "link_key", "answered", "reminded_at", "reminders"
    )
    assert len(remaining) == 12
    for row in remaining:
        assert row == {
            "token_hash": None,
            "link_key": None,
            "answered": None,
            "reminded_at": None,
            "reminders": 0,
        }
    # The answers stay, with no way back to the invitations.
    assert Response.objects.filter(survey=survey).count() == 6


@pytest.mark.django_db
def test_neither_keys_nor_rows_keep_the_order_of_answering(org):
    staff(org.nord, 24)
    survey = launched_survey([org.nord])
    answered_in = _answer_all(survey)
    assert len(answered_in) == 25
    assert all(pk.version == 4 for pk in answered_in)  # random keys
    by_key = sorted(answered_in)
    assert by_key != answered_in  # 1 in 25! that a random order is the same
    # While open, the rows lie in the order they were written: the order of answering.
    assert _physical_order(survey) == answered_in
    surveys.close(HR, survey.pk)
    # After the close they lie in the order of their random keys, and the invitations in the
    # order of theirs (the launch's), whoever answered when.
    assert _physical_order(survey) == by_key
    invitations = _physical_order(survey, "wellbeing_invitation")
    assert invitations == sorted(invitations)
    assert Answer.objects.filter(response__survey=survey).count() == 25
    assert Comment.objects.filter(response__survey=survey).count() == 25


@pytest.mark.django_db
def test_the_response_holds_only_what_the_invitation_carried_for_it(org):
    staff(org.nord, 6, birth=dt.date(1990, 1, 1))
    staff(org.nord, 4)
    survey = launched_survey([org.nord], bands=["age"])
    invitation = Invitation.objects.filter(survey=survey).order_by("pk").last()
    answering.submit(link_of(invitation), lambda f: ANSWERS.get(f, []))
    response = Response.objects.get()
    assert (response.unit_id, response.band_values) == (invitation.unit_id, invitation.band_values)
    assert response.band_values == {"age": "40-49"}


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_stored_group_comes_from_enough_invited_people(org, seed):
    """A random organisation — units of 1 to 14 people at three levels, ages, genders, job
    families and part time drawn at random — launched with every band: each combination of
    unit and band values the invitations (and so the answers) carry holds at least the
    minimum of invited people."""
    rng = random.Random(seed)
    top = org_unit(f"Forvaltning {seed}", OrgUnitKind.ADMINISTRATION, org.kommune)
    units = [top]
    for i in range(rng.randint(3, 6)):
        area = org_unit(f"Område {seed}-{i}", OrgUnitKind.AREA, top)
        units.append(area)
        for j in range(rng.randint(0, 3)):
            units.append(org_unit(f"Afdeling {seed}-{i}-{j}", OrgUnitKind.DEPARTMENT, area))
    for unit in units:
        for _person in range(rng.randint(0, 14)):
            staff(
                unit,
                1,
                family=rng.choice(["sosu", "laerer"]),
                birth=dt.date(rng.randint(1960, 2000), rng.randint(1, 12), 1),
                start=dt.date(rng.randint(2005, 2026), 1, 1),
                hours=rng.choice(["37.00", "30.00"]),
            )
    survey = launched_survey(
        [top], bands=["age", "job_family", "seniority", "gender", "hours"], min_group=5
    )
    cells = Counter(
        (unit, tuple(sorted(values.items())))
        for unit, values in Invitation.objects.filter(survey=survey).values_list(
            "unit_id", "band_values"
        )
    )
    assert cells and min(cells.values()) >= 5, cells


@pytest.mark.django_db
def test_postgresqls_transaction_stamps_join_answers_while_open_and_not_after_the_close(org):
    """On PostgreSQL every row carries the id of the transaction that wrote it (``xmin``): an
    answered invitation and its response carry the same id, or neighbouring ones (the answers
    are written in a savepoint, a subtransaction with the next id), while the survey is open —
    the residual risk docs/wellbeing-anonymity.md states for someone who can read the database
    then. The close rewrites every invitation and answer in one transaction, so afterwards
    they all carry the same stamp."""
    if connection.vendor != "postgresql":
        pytest.skip("xmin is PostgreSQL's")
    staff(org.nord, 6)
    survey = launched_survey([org.nord])
    invitations = list(Invitation.objects.filter(survey=survey).order_by("pk"))
    for invitation in invitations[:3]:
        answering.submit(link_of(invitation), lambda f: ANSWERS.get(f, []))
    open_stamps = set(_xmin("wellbeing_response", survey))
    assert len(open_stamps) == 3
    invitation_stamps = set(_xmin("wellbeing_invitation", survey))
    # The join that exists while open: each response next to one invitation's stamp.
    assert all(any(0 <= r - i <= 2 for i in invitation_stamps) for r in open_stamps)
    surveys.close(HR, survey.pk)
    after = set(_xmin("wellbeing_response", survey)) | set(_xmin("wellbeing_invitation", survey))
    assert len(after) == 1
