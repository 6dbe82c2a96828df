"""Who may open each URL of privacy, and which of its URLs must write the audit log:
the audit log, the data-use register, "Mine data",
corrections and retention.

Collected by ``charlie.core.testing.cases`` for ``tests/test_permissions.py`` and
``charlie/privacy/tests/test_every_personal_data_url.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from charlie.core.testing.cases import (
    LOGIN_REQUIRED,
    Case,
    Visit,
    expect,
    nord,
    own,
)


def retention_batch_id() -> int:
    """A proposed (empty) retention batch; approving it changes no data."""
    from datetime import date

    from charlie.privacy.models import RetentionBatch

    batch = RetentionBatch.objects.create(
        rule_code="fravaersperioder",
        category="fravaer",
        action="delete",
        years=5,
        as_of=date(2026, 11, 23),
        item_ids=[],
        count=0,
    )
    return batch.pk


def correction_request_id(org: Any) -> int:
    """An open request for correction from the employee in Plejecenter Nord."""
    from charlie.privacy.models import CorrectionRequest

    request = CorrectionRequest.objects.create(
        subject_person_id=org.person_in_nord.pk, category="stamdata", message="Forkert."
    )
    return request.pk


def with_correction(category: str, *, detail: bool) -> Callable[[Any], dict[str, Any]]:
    """URL kwargs that first create an open request for correction from the person in Nord:
    ``request_id`` for the detail page, nothing for the list."""

    def make(org: Any) -> dict[str, Any]:
        from charlie.privacy.models import CorrectionRequest

        request = CorrectionRequest.objects.create(
            subject_person_id=org.person_in_nord.pk, category=category, message="Forkert."
        )
        return {"request_id": request.pk} if detail else {}

    return make


def with_log_entry(org: Any) -> dict[str, Any]:
    """No URL kwargs; first HR's read of the person in Nord, for the DPO's audit log to show."""
    from charlie.privacy.services import record

    record(
        actor=None,
        subject_person_ids=[org.person_in_nord.pk],
        action="read",
        category="stamdata",
        purpose="hr_administration",
        channel="task",
    )
    return {}


PERMISSION_CASES: list[Case] = [
    # The audit log: the data protection officer only.
    Case("privacy:audit", expect(403, anonymous=LOGIN_REQUIRED, dpo=200)),
    Case(
        "privacy:audit",
        expect(403, anonymous=LOGIN_REQUIRED, dpo=400),
        data={"date_from": "not a date"},
        label="invalid filter",
    ),
    Case("privacy:audit_export", expect(403, anonymous=LOGIN_REQUIRED, dpo=200)),
    # The data-use register: everyone reads it; the data protection officer edits it.
    Case("privacy:register", expect(200, anonymous=LOGIN_REQUIRED)),
    # "Mine data": always the user's own; users without a person record get the empty state.
    Case("privacy:my_data", expect(200, anonymous=LOGIN_REQUIRED)),
    Case("privacy:my_data_json", expect(200, anonymous=LOGIN_REQUIRED)),
    Case("privacy:my_data_pdf", expect(200, anonymous=LOGIN_REQUIRED)),
    # "Anmod om rettelse": always about the user's own person; users without one are refused.
    Case(
        "privacy:correction_create",
        expect(405, anonymous=LOGIN_REQUIRED),
        label="GET is refused",
    ),
    Case(
        "privacy:correction_create",
        expect(403, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=302),
        method="post",
        data={"category": "stamdata", "message": "Mit telefonnummer er forkert."},
    ),
    # HR's task list of requests for correction: HR only.
    Case("privacy:corrections", expect(403, anonymous=LOGIN_REQUIRED, hr=200)),
    Case(
        "privacy:correction",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=lambda org: {"request_id": correction_request_id(org)},
    ),
    Case(
        "privacy:correction",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        kwargs=lambda org: {"request_id": correction_request_id(org)},
        data={"status": "done", "response": "Rettet."},
        label="mark as done",
    ),
    Case(
        "privacy:correction",
        expect(403, anonymous=LOGIN_REQUIRED, hr=400),
        method="post",
        kwargs=lambda org: {"request_id": correction_request_id(org)},
        data={"status": "rejected", "response": ""},
        label="rejected without a response",
    ),
    Case(
        "privacy:correction",
        expect(403, anonymous=LOGIN_REQUIRED, hr=404),
        kwargs=lambda org: {"request_id": 987654321},
        label="unknown request",
    ),
    Case(
        "privacy:register_edit",
        expect(403, anonymous=LOGIN_REQUIRED, dpo=200),
        kwargs=lambda org: {"code": "hr_administration"},
    ),
    Case(
        "privacy:register_edit",
        expect(403, anonymous=LOGIN_REQUIRED, dpo=302),
        method="post",
        kwargs=lambda org: {"code": "egen_indsigt"},
        data={
            "name": "Egen indsigt",
            "description": "Du kan se dine egne oplysninger.",
            "legal_basis": "GDPR art. 15.",
            "categories": [
                "stamdata",
                "ansaettelse",
                "fravaer",
                "opfoelgning",
                "kompetencer",
                "uddannelse",
                "rekruttering",
                "trivsel",
                "digitalisering",
            ],
            "who_may_see": "Kun dig selv.",
            "retention": "Som under HR-administration.",
            "note": "Kortere tekst.",
        },
        label="save",
    ),
    Case(
        "privacy:register_edit",
        expect(403, anonymous=LOGIN_REQUIRED, dpo=400),
        method="post",
        kwargs=lambda org: {"code": "egen_indsigt"},
        data={"name": ""},
        label="invalid",
    ),
    Case(
        "privacy:register_edit",
        expect(403, anonymous=LOGIN_REQUIRED, dpo=404),
        kwargs=lambda org: {"code": "findes-ikke"},
        label="unknown purpose",
    ),
    # Retention and deletion: the data protection officer only.
    Case("privacy:retention", expect(403, anonymous=LOGIN_REQUIRED, dpo=200)),
    Case(
        "privacy:retention_propose",
        expect(405, anonymous=LOGIN_REQUIRED),
        label="GET is refused",
    ),
    Case(
        "privacy:retention_propose", expect(403, anonymous=LOGIN_REQUIRED, dpo=302), method="post"
    ),
    Case(
        "privacy:retention_policy",
        expect(403, anonymous=LOGIN_REQUIRED, dpo=200),
        kwargs=lambda org: {"code": "fravaersperioder"},
    ),
    Case(
        "privacy:retention_policy",
        expect(403, anonymous=LOGIN_REQUIRED, dpo=302),
        method="post",
        kwargs=lambda org: {"code": "fravaersperioder"},
        data={"years": "6"},
        label="save",
    ),
    Case(
        "privacy:retention_policy",
        expect(403, anonymous=LOGIN_REQUIRED, dpo=400),
        method="post",
        kwargs=lambda org: {"code": "fravaersperioder"},
        data={"years": "0"},
        label="invalid",
    ),
    Case(
        "privacy:retention_policy",
        expect(403, anonymous=LOGIN_REQUIRED, dpo=404),
        kwargs=lambda org: {"code": "findes_ikke"},
        label="unknown rule",
    ),
    Case(
        "privacy:retention_batch",
        expect(403, anonymous=LOGIN_REQUIRED, dpo=200),
        kwargs=lambda org: {"batch_id": retention_batch_id()},
    ),
    Case(
        "privacy:retention_batch",
        expect(403, anonymous=LOGIN_REQUIRED, dpo=404),
        kwargs=lambda org: {"batch_id": 987654321},
        label="unknown batch",
    ),
    Case(
        "privacy:retention_approve",
        expect(405, anonymous=LOGIN_REQUIRED),
        kwargs=lambda org: {"batch_id": retention_batch_id()},
        label="GET is refused",
    ),
    Case(
        "privacy:retention_approve",
        expect(403, anonymous=LOGIN_REQUIRED, dpo=302),
        method="post",
        kwargs=lambda org: {"batch_id": retention_batch_id()},
        data={"archive_rules_checked": "on"},
        label="approve",
    ),
    Case(
        "privacy:retention_approve",
        expect(403, anonymous=LOGIN_REQUIRED, dpo=400),
        method="post",
        kwargs=lambda org: {"batch_id": retention_batch_id()},
        label="without the archive confirmation",
    ),
    Case(
        "privacy:retention_reject",
        expect(403, anonymous=LOGIN_REQUIRED, dpo=302),
        method="post",
        kwargs=lambda org: {"batch_id": retention_batch_id()},
        data={"note": "Afventer arkivet."},
        label="reject",
    ),
    Case(
        "privacy:retention_reject",
        expect(403, anonymous=LOGIN_REQUIRED, dpo=400),
        method="post",
        kwargs=lambda org: {"batch_id": retention_batch_id()},
        label="without a reason",
    ),
]

PERSONAL_DATA_VISITS: list[Visit] = [
    # "Mine data"
    Visit("privacy:my_data", "employee", own("employee"), "stamdata", "egen_indsigt"),
    Visit("privacy:my_data", "hr", own("hr"), "ansaettelse", "egen_indsigt"),
    Visit("privacy:my_data_json", "employee", own("employee"), "ansaettelse", "egen_indsigt"),
    Visit("privacy:my_data_pdf", "employee", own("employee"), "stamdata", "egen_indsigt"),
    Visit("privacy:my_data_pdf", "employee", own("employee"), "fravaer", "egen_indsigt"),
    # The DPO's audit log: the page and the CSV export name the people the entries are about.
    Visit("privacy:audit", "dpo", nord, "logning", "tilsyn", kwargs=with_log_entry),
    Visit("privacy:audit_export", "dpo", nord, "logning", "tilsyn", kwargs=with_log_entry),
    # HR's requests for correction: the request's category, for HR administration.
    Visit(
        "privacy:corrections",
        "hr",
        nord,
        "ansaettelse",
        "hr_administration",
        kwargs=with_correction("ansaettelse", detail=False),
    ),
    Visit(
        "privacy:correction",
        "hr",
        nord,
        "fravaer",
        "hr_administration",
        kwargs=with_correction("fravaer", detail=True),
    ),
]

#: The URLs that show personal data: each has a visit above.
PERSONAL_DATA_URL_NAMES = {
    "privacy:my_data",
    "privacy:my_data_json",
    "privacy:my_data_pdf",
    "privacy:corrections",
    "privacy:correction",
    "privacy:audit",
    "privacy:audit_export",
}
