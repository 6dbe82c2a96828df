"""Every URL, visited as every role: who gets in (issue 2, "Roles and scopes").

``CASES`` lists every named URL of the project. ``test_every_url_has_a_case`` walks the URL
resolver and fails when a URL has no case here, so a new page cannot ship without a decision on
who may see it. Admin pages are covered by ``admin:index`` (Django's admin guards them all alike).

Expected answers: 200 ok, 302 redirect (to log in, or onwards), 403 the role may never do this,
404 not found in the caller's scope (existence itself is private), 405 wrong method, 401 API
without credentials.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = ("anonymous", "employee", "manager", "hr", "analyst", "dpo", "admin")


def expect(default: int, **overrides: int) -> dict[str, int]:
    result = dict.fromkeys(ROLES, default)
    result.update(overrides)
    return result


@dataclass(frozen=True)
class Case:
    url_name: str
    expected: dict[str, int]
    method: str = "get"
    kwargs: Callable[[Any], dict[str, Any]] = field(default=lambda org: {})
    data: dict[str, Any] | None = None
    label: str = ""


LOGIN_REQUIRED = 302  # anonymous users are sent to the log-in page


def days_ago(days: int) -> str:
    from django.utils import timezone

    return (timezone.localdate() - timedelta(days=days)).isoformat()


CASES: list[Case] = [
    Case("home", expect(200, anonymous=LOGIN_REQUIRED)),
    Case("core:login", expect(200)),
    Case(
        "core:login",
        expect(400),
        method="post",
        data={"username": "x", "password": "y"},
        label="wrong password",
    ),
    Case("core:logout", expect(405, anonymous=LOGIN_REQUIRED), label="GET is refused"),
    Case("core:logout", expect(302), method="post"),
    Case("core:accessibility", expect(200)),
    Case("core:healthz", expect(200)),
    Case("set_language", expect(302), method="post", data={"language": "en", "next": "/"}),
    Case("people:search", expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200)),
    Case(
        "people:me",
        expect(404, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=302),
    ),
    Case("people:org_tree", expect(200, anonymous=LOGIN_REQUIRED)),
    Case(
        "people:detail",
        expect(404, anonymous=LOGIN_REQUIRED, employee=200, manager=200, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_nord.pk},
        label="a person in the manager's unit (the employee's own record)",
    ),
    Case(
        "people:detail",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
        label="a person outside the manager's unit",
    ),
    Case(
        "people:detail",
        expect(404, anonymous=LOGIN_REQUIRED),
        kwargs=lambda org: {"person_id": 987654321},
        label="a person who does not exist",
    ),
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
            "categories": ["stamdata", "ansaettelse", "fravaer", "opfoelgning"],
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
    # "Mit fravær": always the user's own absence; users without a person record get a friendly
    # page (GET) and are refused (POST). No person id in the URL or the form.
    Case("absence:my_absence", expect(200, anonymous=LOGIN_REQUIRED)),
    Case("absence:report_sick", expect(405, anonymous=LOGIN_REQUIRED), label="GET is refused"),
    Case(
        "absence:report_sick",
        expect(403, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=302),
        method="post",
        data={"first_day": days_ago(2)},
    ),
    Case("absence:report_well", expect(405, anonymous=LOGIN_REQUIRED), label="GET is refused"),
    Case(
        "absence:report_well",
        expect(403, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=302),
        method="post",
        kwargs=lambda org: open_sickness_for_everyone(),
        data={"last_day": days_ago(1)},
        label="while sick",
    ),
    Case(
        "absence:report_well",
        expect(403, anonymous=LOGIN_REQUIRED, employee=400, manager=400, hr=400),
        method="post",
        data={"last_day": days_ago(1)},
        label="not sick",
    ),
    # Fraværsstatistik: aggregates for HR, analysts and managers (their units); the current year
    # has data in the test organisation (employments from 2015).
    Case(
        "absence:dashboard",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
        data={"year": days_ago(0)[:4], "by": "job_family"},
    ),
    Case(
        "absence:dashboard",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
        data={"year": days_ago(0)[:4], "by": "unit"},
        label="by unit",
    ),
    Case(
        "absence:dashboard_xlsx",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
        data={"year": days_ago(0)[:4], "by": "job_family"},
    ),
    Case("admin:index", expect(302, admin=200)),
    # "Skift adgangskode": everyone changes their own (the current one is checked by log_in).
    Case("core:password_change", expect(200, anonymous=LOGIN_REQUIRED)),
    Case(
        "core:password_change",
        expect(400, anonymous=LOGIN_REQUIRED),
        method="post",
        data={},
        label="empty form",
    ),
    Case(
        "core:password_change",
        expect(302),
        method="post",
        data={
            "current_password": "korrekt-hest-batteri-42",
            "new_password": "et-helt-andet-kodeord-77",
            "new_password_again": "et-helt-andet-kodeord-77",
        },
        label="change",
    ),
    # Users and roles (decision 0014): administrators manage accounts and ask for roles; HR and
    # the DPO decide the requests for their own role; the admin's user form is gone.
    Case("accounts:users", expect(403, anonymous=LOGIN_REQUIRED, admin=200)),
    Case(
        "accounts:users",
        expect(403, anonymous=LOGIN_REQUIRED, admin=400),
        data={"role": "superuser"},
        label="unknown role",
    ),
    Case("accounts:user_create", expect(403, anonymous=LOGIN_REQUIRED, admin=200)),
    Case(
        "accounts:user_create",
        expect(403, anonymous=LOGIN_REQUIRED, admin=302),
        method="post",
        data={
            "username": "ny-bruger",
            "first_name": "Ny",
            "last_name": "Bruger",
            "role": "employee",
            "password": "en-god-lang-adgangskode-1",
            "password_again": "en-god-lang-adgangskode-1",
        },
        label="create",
    ),
    Case(
        "accounts:user_create",
        expect(403, anonymous=LOGIN_REQUIRED, admin=400),
        method="post",
        data={},
        label="empty form",
    ),
    Case(
        "accounts:user",
        expect(403, anonymous=LOGIN_REQUIRED, admin=200),
        kwargs=lambda org: {"user_id": account_id()},
    ),
    Case(
        "accounts:user",
        expect(403, anonymous=LOGIN_REQUIRED, admin=404),
        kwargs=lambda org: {"user_id": 987654321},
        label="unknown user",
    ),
    Case(
        "accounts:role_change",
        expect(405, anonymous=LOGIN_REQUIRED),
        kwargs=lambda org: {"user_id": account_id()},
        label="GET is refused",
    ),
    Case(
        "accounts:role_change",
        expect(403, anonymous=LOGIN_REQUIRED, admin=302),
        method="post",
        kwargs=lambda org: {"user_id": account_id()},
        data={"role": "analyst", "reason": "Skal lave statistik."},
        label="a role that needs no approval",
    ),
    Case(
        "accounts:role_change",
        expect(403, anonymous=LOGIN_REQUIRED, admin=302),
        method="post",
        kwargs=lambda org: {"user_id": account_id()},
        data={"role": "hr", "reason": "Ny HR-konsulent."},
        label="HR: a request for approval",
    ),
    Case(
        "accounts:role_change",
        expect(403, anonymous=LOGIN_REQUIRED, admin=400),
        method="post",
        kwargs=lambda org: {"user_id": account_id()},
        data={"role": "hr"},
        label="without a reason",
    ),
    Case(
        "accounts:user_active",
        expect(403, anonymous=LOGIN_REQUIRED, admin=302),
        method="post",
        kwargs=lambda org: {"user_id": account_id()},
        data={"active": "0"},
    ),
    Case(
        "accounts:user_password",
        expect(403, anonymous=LOGIN_REQUIRED, admin=302),
        method="post",
        kwargs=lambda org: {"user_id": account_id()},
        data={
            "password": "en-god-lang-adgangskode-1",
            "password_again": "en-god-lang-adgangskode-1",
        },
    ),
    Case(
        "accounts:user_password",
        expect(403, anonymous=LOGIN_REQUIRED, admin=400),
        method="post",
        kwargs=lambda org: {"user_id": account_id()},
        data={"password": "kort", "password_again": "kort"},
        label="too short",
    ),
    Case("accounts:requests", expect(403, anonymous=LOGIN_REQUIRED, hr=200, dpo=200, admin=200)),
    Case(
        "accounts:request_decide",
        expect(405, anonymous=LOGIN_REQUIRED),
        kwargs=lambda org: {"change_id": pending_role_change_id("hr")},
        label="GET is refused",
    ),
    Case(
        "accounts:request_decide",
        # HR approves first; the DPO cannot see a request for HR (404); others may never decide.
        expect(403, anonymous=LOGIN_REQUIRED, hr=302, dpo=404),
        method="post",
        kwargs=lambda org: {"change_id": pending_role_change_id("hr")},
        data={"decision": "approve"},
        label="approve HR",
    ),
    Case(
        "accounts:request_decide",
        expect(403, anonymous=LOGIN_REQUIRED, hr=400, dpo=404),
        method="post",
        kwargs=lambda org: {"change_id": pending_role_change_id("hr")},
        data={"decision": "reject"},
        label="reject without a note",
    ),
    Case(
        "accounts:request_decide",
        expect(403, anonymous=LOGIN_REQUIRED, admin=302),
        method="post",
        kwargs=lambda org: {"change_id": pending_role_change_id("dpo")},
        data={"decision": "withdraw"},
        label="withdraw",
    ),
    # Personal API tokens: everyone manages their own; another user's token does not exist.
    Case("core:tokens", expect(200, anonymous=LOGIN_REQUIRED)),
    Case(
        "core:tokens",
        expect(200, anonymous=LOGIN_REQUIRED),
        method="post",
        data={"name": "x"},
        label="create",
    ),
    Case(
        "core:tokens",
        expect(400, anonymous=LOGIN_REQUIRED),
        method="post",
        data={},
        label="create without a name",
    ),
    Case(
        "core:token_revoke",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=lambda org: {"token_id": hr_token_id()},
        label="HR's own token",
    ),
    Case(
        "core:token_revoke",
        expect(404, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        kwargs=lambda org: {"token_id": hr_token_id()},
        label="revoke HR's own token",
    ),
    # The API (session log-in here; tokens are tested in charlie/core/tests/test_api.py).
    Case("api:api-root", expect(404)),
    Case("api:me", expect(200, anonymous=401)),
    Case("api:org_units", expect(200, anonymous=401)),
    Case("api:org_unit", expect(200, anonymous=401), kwargs=lambda org: {"unit_id": org.nord.pk}),
    Case("api:people", expect(403, anonymous=401, manager=200, hr=200)),
    Case("api:employments", expect(403, anonymous=401, manager=200, hr=200)),
    # Absence figures: aggregates for HR, analysts and managers (their units); deadlines of a
    # person in scope (here the employee's own: HR, their manager and themselves).
    Case(
        "api:absence_stats",
        expect(403, anonymous=401, manager=200, hr=200, analyst=200),
        data={"from": "2025-01-01", "to": "2025-12-31", "by": "unit"},
    ),
    Case(
        "api:absence_deadlines",
        expect(404, anonymous=401, employee=200, manager=200, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_nord.pk},
    ),
    Case(
        "api:person",
        expect(404, anonymous=401, employee=200, manager=200, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_nord.pk},
        label="in the manager's unit",
    ),
    Case(
        "api:person",
        expect(404, anonymous=401, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
        label="outside it",
    ),
    Case(
        "api:person_employments",
        expect(404, anonymous=401, employee=200, manager=200, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_nord.pk},
    ),
    Case("api:openapi-json", expect(200)),
    Case("api:openapi-view", expect(200)),
    # Import: HR only (the upload page and an import's results page).
    Case("imports:upload", expect(403, anonymous=LOGIN_REQUIRED, hr=200)),
    Case(
        "imports:upload",
        expect(403, anonymous=LOGIN_REQUIRED, hr=400),
        method="post",
        data={},
        label="without a file",
    ),
    Case(
        "imports:run",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=lambda org: {"run_id": import_run_id()},
    ),
    # HR's answer to an import that would end many employments (a finished run: nothing to
    # confirm, back to its page).
    Case(
        "imports:confirm",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        data={"decision": "no"},
        kwargs=lambda org: {"run_id": import_run_id()},
    ),
    Case(
        "imports:confirm",
        expect(405, anonymous=LOGIN_REQUIRED),
        kwargs=lambda org: {"run_id": import_run_id()},
        label="GET is refused",
    ),
    # Follow-up tasks (absence, issue 4): managers (their units) and HR only; the calendar feed
    # needs no session but a valid key (401 asking for one without it, 404 for a wrong one in
    # the link); the local policy is HR's.
    Case("absence:tasks", expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200)),
    Case("absence:tasks_ics", expect(401), label="without a key"),
    Case(
        "absence:tasks_ics",
        expect(404),
        data={"token": "charlie_wrong"},
        label="with a wrong key in the link",
    ),
    Case("absence:feed_rotate", expect(405, anonymous=LOGIN_REQUIRED), label="GET is refused"),
    Case(
        "absence:feed_rotate",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        method="post",
    ),
    Case("absence:feed_revoke", expect(405, anonymous=LOGIN_REQUIRED), label="GET is refused"),
    Case(
        "absence:feed_revoke",
        expect(403, anonymous=LOGIN_REQUIRED, manager=302, hr=302),
        method="post",
    ),
    Case(
        "absence:task",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        kwargs=lambda org: {"task_id": followup_task_id(org.person_in_nord, org.nord)},
        label="a task in the manager's unit",
    ),
    Case(
        "absence:task",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200),
        kwargs=lambda org: {"task_id": followup_task_id(org.person_in_skole, org.skole)},
        label="a task outside the manager's unit",
    ),
    Case(
        "absence:task_done",
        expect(403, anonymous=LOGIN_REQUIRED, manager=302, hr=302),
        method="post",
        kwargs=lambda org: {"task_id": followup_task_id(org.person_in_nord, org.nord)},
    ),
    Case(
        "absence:task_not_applicable",
        expect(403, anonymous=LOGIN_REQUIRED, manager=400, hr=400),
        method="post",
        data={},
        kwargs=lambda org: {"task_id": followup_task_id(org.person_in_nord, org.nord)},
        label="without a reason",
    ),
    Case(
        "absence:task_note",
        expect(403, anonymous=LOGIN_REQUIRED, manager=400, hr=400),
        method="post",
        data={},
        kwargs=lambda org: {"task_id": followup_task_id(org.person_in_nord, org.nord)},
        label="without a text",
    ),
    # § 56 agreements and retention plans of one person: HR and the person's manager.
    Case(
        "absence:agreements",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_nord.pk},
        label="a person in the manager's unit",
    ),
    Case(
        "absence:agreements",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
        label="a person outside the manager's unit",
    ),
    Case(
        "absence:agreements",
        expect(403, anonymous=LOGIN_REQUIRED, manager=400, hr=400),
        method="post",
        data={"form": "s56"},
        kwargs=lambda org: {"person_id": org.person_in_nord.pk},
        label="empty form",
    ),
    Case("absence:policy", expect(403, anonymous=LOGIN_REQUIRED, hr=200)),
    Case(
        "absence:policy",
        expect(403, anonymous=LOGIN_REQUIRED, hr=400),
        method="post",
        data={},
        label="empty form",
    ),
    # The workforce plan (issue 5): aggregates for HR, analysts and managers; scenarios are
    # edited by HR and analysts; one person's pension dates only by HR.
    Case("workforce:plan", expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200)),
    Case(
        "workforce:plan",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
        kwargs=lambda org: with_scenario({}),
        data={"to": "2030"},
        label="with a scenario",
    ),
    Case(
        "workforce:plan_xlsx",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
        kwargs=lambda org: with_scenario({}),
        data={"to": "2030"},
    ),
    Case(
        "workforce:model", expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200)
    ),
    Case(
        "workforce:growth",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302, analyst=302),
        method="post",
        kwargs=lambda org: {"scenario_id": own_scenario_id()},
        data={"to": "2040", "rate-sosu": "1,5"},
    ),
    Case("workforce:pension_lookup", expect(403, anonymous=LOGIN_REQUIRED, hr=302)),
    Case(
        "workforce:person_pension",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_nord.pk},
    ),
    Case(
        "workforce:scenarios",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
    ),
    Case(
        "api:workforce_pension_age", expect(200, anonymous=401), data={"birth_date": "1971-01-01"}
    ),
    Case("api:workforce_scenarios", expect(403, anonymous=401, manager=200, hr=200, analyst=200)),
    Case(
        "api:workforce_project",
        expect(403, anonymous=401, manager=404, hr=404, analyst=404),
        data={"runs": 100},
        label="no scenario yet",
    ),
    Case(
        "api:workforce_project",
        expect(403, anonymous=401, manager=200, hr=200, analyst=200),
        kwargs=lambda org: with_scenario({}),
        data={"runs": 100, "to": "2030"},
    ),
    Case(
        "api:workforce_project",
        expect(403, anonymous=401, manager=200, hr=200, analyst=200),
        kwargs=lambda org: with_scenario({}),
        data={"runs": 100, "to": "2030", "format": "csv"},
        label="csv",
    ),
    Case("api:workforce_model", expect(403, anonymous=401, manager=200, hr=200, analyst=200)),
    Case(
        "workforce:scenarios",
        # HR goes first and creates it; the analyst then meets the name in use (400).
        expect(403, anonymous=LOGIN_REQUIRED, hr=302, analyst=400),
        method="post",
        data={"name": "Nyt scenarie"},
        label="create",
    ),
    Case(
        "workforce:scenario",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
        kwargs=lambda org: {"scenario_id": own_scenario_id()},
    ),
    Case(
        "workforce:scenario_copy",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302, analyst=400),  # the name is taken by then
        method="post",
        kwargs=lambda org: {"scenario_id": own_scenario_id()},
        data={"name": "Kopi til test"},
    ),
    Case(
        "workforce:scenario_delete",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302, analyst=404),  # HR deleted it first
        method="post",
        kwargs=lambda org: {"scenario_id": own_scenario_id()},
        data={"confirm": "on"},
    ),
    Case(
        "workforce:driver_new",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302, analyst=400),  # the name is taken by then
        method="post",
        kwargs=lambda org: {"scenario_id": own_scenario_id()},
        data={"name": "Nyt grundlag", "source": "Test", "values": "2025 100\n2035 150"},
    ),
    Case(
        "workforce:driver",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302, analyst=302),
        method="post",
        kwargs=lambda org: {"scenario_id": own_scenario_id(), "driver_id": driver_id()},
        data={"name": "Borgere 80+", "source": "Test", "values": "2025 100\n2035 160"},
    ),
    Case(
        "workforce:driver_delete",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302, analyst=404),  # HR deleted it first
        method="post",
        kwargs=lambda org: {"scenario_id": own_scenario_id(), "driver_id": driver_id()},
    ),
    Case(
        "workforce:compare",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
        kwargs=lambda org: with_scenario({}),
        label="before two scenarios are chosen",
    ),
]


def with_scenario(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Make sure the illustrative scenario exists (idempotent); returns ``kwargs``."""
    from charlie.workforce import services

    services.create_illustrative_scenario()
    return kwargs


def own_scenario_id() -> int:
    """A scenario of HR's own (not illustrative), the same one on every call."""
    from charlie.workforce.models import Scenario

    scenario, _created = Scenario.objects.get_or_create(name="Eget scenarie")
    return scenario.pk


def driver_id() -> int:
    from charlie.workforce.models import Driver

    driver, _created = Driver.objects.get_or_create(
        scenario_id=own_scenario_id(), name="Borgere 80+", defaults={"values": {"2025": 100.0}}
    )
    return driver.pk


def followup_task_id(person: Any, unit: Any) -> int:
    """An open follow-up task for ``person``, owned by ``unit``."""
    from datetime import date

    from charlie.absence.models import FollowUpTask

    # get_or_create: the disclosure walk asks for the case's kwargs once per role.
    task, _created = FollowUpTask.objects.get_or_create(
        person=person,
        first_day=date(2025, 3, 3),
        code="sickness_interview",
        defaults={
            "due": date(2025, 3, 31),
            "legal_basis": "§ 7 a",
            "description": "Hold sygefraværssamtale.",
            "org_unit": unit,
        },
    )
    return task.pk


def open_sickness_for_everyone() -> dict[str, Any]:
    """An open sickness period from 3 days ago for every person with a user (no URL kwargs)."""
    from django.utils import timezone

    from charlie.absence.models import AbsencePeriod, AbsenceType
    from charlie.people.models import Person

    for person in Person.objects.filter(user__isnull=False):
        AbsencePeriod.objects.create(
            person=person,
            absence_type=AbsenceType.SICKNESS,
            start_date=timezone.localdate() - timedelta(days=3),
        )
    return {}


def import_run_id() -> int:
    from charlie.imports.models import ImportRun

    return ImportRun.objects.create(file_names=["x.csv"], status="done").pk


def hr_token_id() -> int:
    from charlie.core.models import User
    from charlie.core.token_services import create_token

    token, _plain = create_token(user=User.objects.get(username="test-hr"), name="perm-test")
    return token.pk


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


def account_id() -> int:
    """An employee's account (not one of the role users), the same one on every call; its
    password is the user's own."""
    from charlie.core.models import User

    user, created = User.objects.get_or_create(
        username="perm-konto", defaults={"first_name": "Perm", "last_name": "Konto"}
    )
    if created:
        user.set_password("korrekt-hest-batteri-42")
        user.save()
    return user.pk


def pending_role_change_id(role: str) -> int:
    """A pending request, asked by the administrator, that ``account_id()`` get ``role``."""
    from charlie.accounts.models import RoleChange
    from charlie.core.models import User

    change, _created = RoleChange.objects.get_or_create(
        user_id=account_id(),
        status="pending",
        defaults={
            "from_role": "employee",
            "to_role": role,
            "reason": "Ny kollega.",
            "requested_by": User.objects.get(username="test-admin"),
            "requested_by_username": "test-admin",
        },
    )
    return change.pk


def correction_request_id(org: Any) -> int:
    """An open request for correction from the employee in Plejecenter Nord."""
    from charlie.privacy.models import CorrectionRequest

    request = CorrectionRequest.objects.create(
        subject_person_id=org.person_in_nord.pk, category="stamdata", message="Forkert."
    )
    return request.pk


#: URL names that are not pages and need no case (namespaces covered by one case above).
COVERED_NAMESPACES = ("admin:",)


def _walk(resolver: URLResolver, namespace: str | None = None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            child = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(pattern, child)
        elif isinstance(pattern, URLPattern):
            name = pattern.name
            full = f"{namespace}:{name}" if namespace and name else name
            yield namespace, full, str(pattern.pattern)


def all_url_names() -> set[str]:
    names = set()
    for namespace, name, route in _walk(get_resolver()):
        if namespace and f"{namespace}:".startswith(COVERED_NAMESPACES):
            continue
        if name is None:
            raise AssertionError(f"URL {route!r} has no name; every URL needs one")
        names.add(name)
    return names


def test_every_url_has_a_case():
    missing = all_url_names() - {case.url_name for case in CASES}
    assert not missing, f"URLs without a permission case in tests/test_permissions.py: {missing}"


def _case_id(case: Case) -> str:
    return f"{case.method.upper()} {case.url_name}" + (f" ({case.label})" if case.label else "")


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_who_gets_in(case: Case, client, org, users):
    url = reverse(case.url_name, kwargs=case.kwargs(org))
    got = {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        response = getattr(client, case.method)(url, data=case.data or {})
        got[role] = response.status_code
    assert got == case.expected
