"""xAPI statements from learning systems (issue 14, point 3; docs/api.md "xAPI"): the clients
and their tokens, receiving statements, and the statements that could not be used.

A client is a learning system with a token (``core.tokens``: only its SHA-256 is stored, the
plain token is shown once). Each statement received is kept (``XapiStatement``, idempotent on
its id — the same id with other content is a conflict, as xAPI 1.0.3 part 3 section 2.1.2
requires) with what became of it: a completion through ``record_completions`` (source ``xapi``,
key ``xapi:<id>``), a verb that is no completion ("ignored"), or an unknown person or course —
kept for HR to see, never guessed. One transaction per request.

The endpoint acts for nobody: its writes are audited as the server's operator with HR's
permissions on the channel ``api`` (the audit log's channels are a fixed list).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache as django_cache
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from charlie.core import tokens
from charlie.core.errors import NotFound
from charlie.core.roles import Role
from charlie.core.text import check_text
from charlie.learning import xapi
from charlie.learning.models import (
    CompletionSource,
    Course,
    StatementStatus,
    XapiClient,
    XapiStatement,
)
from charlie.learning.permissions import IMPORT_COMPLETIONS, MANAGE_XAPI_CLIENTS
from charlie.learning.services.common import CATEGORY, for_learning
from charlie.learning.services.completions import NewCompletion, record_completions
from charlie.people.models import Person
from charlie.people.services import operator_access
from charlie.privacy.access import Access
from charlie.privacy.batch import flush_pending

#: The audit log's detail for a statement received.
DETAIL = gettext_noop("xAPI-udsagn")
#: Statements per page on the unmatched statements page.
PAGE_SIZE = 50


class Conflict(Exception):
    """A statement id already stored with other content (HTTP 409)."""

    def __init__(self, statement_id: str) -> None:
        super().__init__(statement_id)
        self.statement_id = statement_id


# --- Clients ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewClient:
    client: XapiClient
    token: str  # shown once, never stored


def clients(access: Access) -> list[XapiClient]:
    access.require(MANAGE_XAPI_CLIENTS)
    return list(XapiClient.objects.select_related("created_by").order_by("revoked_at", "name"))


def create_client(access: Access, name: str) -> NewClient:
    access.require(MANAGE_XAPI_CLIENTS)
    name = check_text(name, what=_("Navn"), max_length=120, required=True)
    token = tokens.generate_token()
    client = XapiClient.objects.create(
        name=name, prefix=token.prefix, key_hash=token.key_hash, created_by=access.user
    )
    return NewClient(client, token.plain)


def revoke_client(access: Access, client_id: int) -> XapiClient:
    access.require(MANAGE_XAPI_CLIENTS)
    client = XapiClient.objects.filter(pk=client_id).first()
    if client is None:
        raise NotFound
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.save(update_fields=["revoked_at"])
    return client


def client_of(authorization: str | None) -> int | None:
    """The id of the active client whose token the ``Authorization: Bearer …`` header carries."""
    if not authorization or not authorization.startswith("Bearer "):
        return None
    plain = authorization[len("Bearer ") :].strip()
    if not tokens.looks_like_token(plain):
        return None
    rows = _select(
        XapiClient,
        "SELECT id FROM {table} WHERE key_hash = %s AND revoked_at IS NULL",
        [tokens.hash_token(plain)],
    )
    return rows[0][0] if rows else None


# --- Receiving ----------------------------------------------------------------------------------


# Every statement posted runs the reads below: written out as SQL, they cost a fifth of the
# CPU the ORM spends compiling them (0.1 ms against 0.3–0.5 ms each, measured on PostgreSQL),
# as the audit log's inserts are (privacy/batch.py). Portable SQL, values adapted by the fields.


def _select(model: type[Model], sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Run ``sql`` with ``{table}`` as the model's quoted table name (``{marks}``: one ``%s``
    per parameter, for ``IN``)."""
    table = connection.ops.quote_name(model._meta.db_table)
    marks = ", ".join(["%s"] * len(params))
    with connection.cursor() as cursor:
        cursor.execute(sql.format(table=table, marks=marks), params)
        return cursor.fetchall()


def _stored(ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The statements stored already under these ids: id → the statement as received."""
    id_field = XapiStatement._meta.get_field("statement_id")
    raw_field = XapiStatement._meta.get_field("raw")
    rows = _select(
        XapiStatement,
        "SELECT statement_id, raw FROM {table} WHERE statement_id IN ({marks})",
        [id_field.get_db_prep_value(uuid.UUID(sid), connection) for sid in ids],
    )
    return {
        str(uuid.UUID(str(sid))): raw_field.from_db_value(raw, None, connection)  # type: ignore[attr-defined,arg-type]
        for sid, raw in rows
    }


def _people(statements: Sequence[xapi.Statement]) -> tuple[dict[str, int], dict[str, int]]:
    """People by e-mail (lower case: ``xapi.parse`` lowers the address) and by employee number,
    one query each when the statements name any. The e-mail is compared as
    ``lower(email)``, which the index ``person_email_lower_idx`` serves; two people with the
    same address: the first created."""
    emails = sorted({s.email for s in statements if s.email})
    numbers = sorted({s.account for s in statements if s.account})
    by_email: dict[str, int] = {}
    if emails:
        sql = "SELECT id, lower(email) FROM {table} WHERE lower(email) IN ({marks}) ORDER BY id"
        for pk, email in _select(Person, sql, emails):
            by_email.setdefault(email, pk)
    by_number: dict[str, int] = {}
    if numbers:
        sql = "SELECT employee_number, id FROM {table} WHERE employee_number IN ({marks})"
        by_number = dict(_select(Person, sql, numbers))  # type: ignore[arg-type]
    return by_email, by_number


#: How long a course found for an activity IRI is trusted (in each process's cache: the
#: default cache is local memory). A learning system sends statements about the same few
#: courses all day; a course looked up for each would cost a query per statement. A course not
#: found is asked for again every time (a course added to the catalogue counts at once); a
#: course whose activity id or code is changed counts within this many seconds.
COURSE_TTL_SECONDS = 60


def _course_key(activity: str) -> str:
    return "xapi-course:" + hashlib.sha256(activity.encode()).hexdigest()


def _courses(statements: Sequence[xapi.Statement]) -> dict[str, int]:
    """Activity IRI → course id: the course whose ``activity_id`` is the IRI, else the one
    whose code is the IRI's last segment (``xapi.course_code``)."""
    keys = {_course_key(a): a for a in {s.activity for s in statements}}
    hits = django_cache.get_many(list(keys))
    found = {keys[key]: pk for key, pk in hits.items()}
    missing = set(keys.values()) - set(found)
    if not missing:
        return found
    codes = {xapi.course_code(a) for a in missing}
    by_activity: dict[str, int] = {}
    by_code: dict[str, int] = {}
    for pk, activity_id, code in (
        Course.objects.filter(Q(activity_id__in=missing) | Q(code__in=codes))
        .order_by("pk")
        .values_list("pk", "activity_id", "code")
    ):
        if activity_id in missing:
            by_activity.setdefault(activity_id, pk)
        by_code.setdefault(code, pk)
    learned: dict[str, int] = {}
    for activity in missing:
        course_id = by_activity.get(activity) or by_code.get(xapi.course_code(activity))
        if course_id is not None:
            found[activity] = learned[_course_key(activity)] = course_id
    if learned:
        django_cache.set_many(learned, COURSE_TTL_SECONDS)
    return found


def receive(client_id: int, statements: Sequence[xapi.Statement]) -> list[str]:
    """Store the statements (see the module doc) and return their ids in order; raises
    :class:`Conflict` when an id is stored already with other content."""
    ids = [s.id for s in statements]
    access = operator_access(Role.HR, channel="api")
    received = timezone.localdate()
    with transaction.atomic():
        stored = _stored(ids)
        fresh: list[xapi.Statement] = []
        for statement in statements:
            known = stored.get(statement.id)
            if known is None:
                fresh.append(statement)
            elif xapi.canonical(known) != statement.fingerprint:
                raise Conflict(statement.id)
        if not fresh:
            return ids
        by_email, by_number = _people(fresh)
        by_activity = _courses(fresh)
        rows: list[XapiStatement] = []
        completions: list[NewCompletion] = []
        local = timezone.get_current_timezone()
        for s in fresh:
            person_id = by_email.get(s.email) if s.email else by_number.get(s.account)
            course_id = by_activity.get(s.activity)
            if s.result is None:
                status = StatementStatus.IGNORED
            elif person_id is None:
                status = StatementStatus.UNKNOWN_PERSON
            elif course_id is None:
                status = StatementStatus.UNKNOWN_COURSE
            else:
                status = StatementStatus.STORED
                completions.append(
                    NewCompletion(
                        person_id=person_id,
                        course_id=course_id,
                        # A timestamp in the future is taken as today's.
                        completed_on=min(xapi.completed_on(s, received, local), received),
                        result=s.result,
                        source=CompletionSource.XAPI,
                        external_id=f"xapi:{s.id}",
                    )
                )
            rows.append(
                XapiStatement(
                    statement_id=s.id,
                    verb=s.verb,
                    actor=s.actor[:255],
                    activity=s.activity,
                    status=status,
                    raw=s.raw,
                    token_id=client_id,
                )
            )
        if completions:
            links = record_completions(access, completions, detail=DETAIL).ids
            for row in rows:
                row.completion_id = links.get(f"xapi:{row.statement_id}")
        # ignore_conflicts: the same statement posted twice at once is stored once.
        XapiStatement.objects.bulk_create(rows, ignore_conflicts=True)
        # The audit entries in the same transaction: one commit per request, and a completion
        # is never stored without its entry.
        flush_pending()
    return ids


# --- What HR sees -------------------------------------------------------------------------------

UNUSABLE = (StatementStatus.UNKNOWN_PERSON, StatementStatus.UNKNOWN_COURSE)


def unmatched(access: Access, page: int | str | None = 1) -> Page:  # type: ignore[type-arg]
    """The statements that named an unknown person or course, newest first (paged). They may
    name a person by e-mail; the page's read is audited (no person to name: the category)."""
    access.require(IMPORT_COMPLETIONS)
    rows = (
        XapiStatement.objects.filter(status__in=UNUSABLE)
        .select_related("token")
        .order_by("-received_at", "-pk")
    )
    result = Paginator(rows, PAGE_SIZE).get_page(page)
    # A statement about a known person on an unknown course names that person: audited.
    emails = {r.actor[len("mailto:") :] for r in result if r.actor.startswith("mailto:")}
    numbers = {r.actor[len("account:") :] for r in result if r.actor.startswith("account:")}
    query = Q(employee_number__in=numbers)
    for email in emails:
        query |= Q(email__iexact=email)
    shown = Person.objects.filter(query).values_list("pk", flat=True) if emails or numbers else []
    for_learning(access).record_read(shown, category=CATEGORY, detail=DETAIL)
    return result
