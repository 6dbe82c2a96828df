"""The subset of xAPI 1.0.3 that Charlie's statements endpoint takes (docs/api.md, "xAPI"): the
parser and checker. Pure: the standard library only; ``services.xapi`` matches and stores.

A statement needs (xAPI 1.0.3, part 2, section 2.4):

- ``actor``: an Agent identified by ``mbox`` (``mailto:`` + the person's e-mail, compared without
  case) or by ``account`` (``{"homePage": …, "name": <employee number>}``);
- ``verb.id``: any IRI; only ``…/verbs/completed``, ``…/passed`` and ``…/failed`` of ADL's
  vocabulary become completions, other verbs are kept as "ignored";
- ``object.id``: an Activity IRI. The rule for the course: the course whose xAPI activity id is
  exactly this IRI; else the course whose code is the IRI's last path segment
  (``https://lms.example/kurser/foerstehjaelp`` → ``foerstehjaelp``);
- optional ``id`` (a UUID; one is made when missing, as section 2.4.1 allows) and ``timestamp``
  (ISO 8601; its date is the completion's date; missing: the day it was received).

The request is all or nothing: one malformed statement rejects the batch (400), as the LRS
specification requires (part 3, section 2.1.2).
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

VERSION = "1.0.3"
VERBS = {
    "http://adlnet.gov/expapi/verbs/completed": "completed",
    "http://adlnet.gov/expapi/verbs/passed": "passed",
    "http://adlnet.gov/expapi/verbs/failed": "failed",
}
#: At most this many statements in one request.
MAX_STATEMENTS = 1000
MAX_IRI = 255
_VERSION = re.compile(r"^1\.0(\.\d+)?$")
_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"(Z|[+-]\d{2}:?\d{2})?$"
)


class Invalid(ValueError):
    """The request breaks the subset: the message says where (in English, for the client)."""


@dataclass(frozen=True, slots=True)
class Statement:
    id: str
    email: str  # lower case, "" when the actor is an account
    account: str  # the account name (employee number), "" when the actor is an mbox
    verb: str
    result: str | None  # "completed" | "passed" | "failed", None for other verbs
    activity: str
    timestamp: datetime | None
    raw: dict[str, Any]

    @property
    def actor(self) -> str:
        return f"mailto:{self.email}" if self.email else f"account:{self.account}"

    @property
    def fingerprint(self) -> str:
        """The statement as compared for "the same id with the same content"."""
        return canonical(self.raw)


def canonical(raw: dict[str, Any]) -> str:
    """Sorted keys, no spaces; the LRS's own properties left out (part 2, section 2.4.8-9)."""
    kept = {k: v for k, v in raw.items() if k not in ("stored", "authority", "version")}
    return json.dumps(kept, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def version_ok(header: str | None) -> bool:
    """``X-Experience-API-Version`` must be 1.0.x (part 3, section 6.2)."""
    return bool(header) and bool(_VERSION.match(header.strip()))  # type: ignore[union-attr]


def parse_timestamp(text: str) -> datetime:
    match = _TIMESTAMP.match(text.strip())
    if not match:
        raise Invalid("timestamp is not an ISO 8601 date and time")
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        moment = datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=UTC,
        )
    except ValueError:
        raise Invalid("timestamp is not a real date") from None
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        moment = moment - sign * offset
    return moment


def _iri(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"{where} must be an IRI")
    if len(value) > MAX_IRI:
        raise Invalid(f"{where} is longer than {MAX_IRI} characters")
    return value.strip()


def parse_one(raw: object, position: int = 0) -> Statement:
    where = f"statement {position}"
    if not isinstance(raw, dict):
        raise Invalid(f"{where} must be an object")
    statement = dict(raw)
    given = statement.get("id")
    if given is None:
        statement_id = str(uuid.uuid4())
        statement["id"] = statement_id
    else:
        try:
            statement_id = str(uuid.UUID(str(given)))
        except ValueError:
            raise Invalid(f"{where}: id must be a UUID") from None
    actor = statement.get("actor")
    if not isinstance(actor, dict):
        raise Invalid(f"{where}: actor must be an Agent")
    email = account = ""
    mbox = actor.get("mbox")
    if isinstance(mbox, str) and mbox.lower().startswith("mailto:") and "@" in mbox:
        email = mbox[len("mailto:") :].strip().lower()
        if len(email) > 200:
            raise Invalid(f"{where}: actor.mbox is too long")
    elif isinstance(actor.get("account"), dict):
        name = actor["account"].get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > 60:
            raise Invalid(f"{where}: actor.account.name must be the employee number")
        account = name.strip()
    else:
        raise Invalid(f"{where}: actor needs mbox (mailto:) or account")
    verb = statement.get("verb")
    if not isinstance(verb, dict):
        raise Invalid(f"{where}: verb must be an object with an id")
    verb_id = _iri(verb.get("id"), f"{where}: verb.id")
    target = statement.get("object")
    if not isinstance(target, dict):
        raise Invalid(f"{where}: object must be an Activity")
    if target.get("objectType", "Activity") != "Activity":
        raise Invalid(f"{where}: object must be an Activity")
    activity = _iri(target.get("id"), f"{where}: object.id")
    timestamp = None
    if statement.get("timestamp") is not None:
        if not isinstance(statement["timestamp"], str):
            raise Invalid(f"{where}: timestamp must be a string")
        try:
            timestamp = parse_timestamp(statement["timestamp"])
        except Invalid as exc:
            raise Invalid(f"{where}: {exc}") from None
    return Statement(
        id=statement_id,
        email=email,
        account=account,
        verb=verb_id,
        result=VERBS.get(verb_id),
        activity=activity,
        timestamp=timestamp,
        raw=statement,
    )


def parse(body: bytes) -> list[Statement]:
    """One statement or a list of them; :class:`Invalid` for the whole request."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise Invalid("the body is not JSON") from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise Invalid("no statements")
    if len(items) > MAX_STATEMENTS:
        raise Invalid(f"at most {MAX_STATEMENTS} statements in one request")
    statements = [parse_one(item, n) for n, item in enumerate(items)]
    ids = [s.id for s in statements]
    if len(set(ids)) != len(ids):
        raise Invalid("the same statement id twice in one request")
    return statements


def course_code(activity: str) -> str:
    """The IRI's last path segment, the course code by the rule in the module doc."""
    return activity.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0].split("#", 1)[0]


def completed_on(statement: Statement, received: date, local: Any = None) -> date:
    """The statement's date: its timestamp's (in ``local``'s zone when given), else the day it
    was received."""
    if statement.timestamp is None:
        return received
    moment = statement.timestamp.astimezone(local) if local is not None else statement.timestamp
    return moment.date()
