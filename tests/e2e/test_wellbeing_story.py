"""Issue 16's "Done when", as one story in the browser: HR launches a trivselsmåling of
Plejecenter Nord (the manager's unit, with its three teams) with Charlie's own questions and two
background bands, and the invitations go out by e-mail with one-time links; an employee answers
on a phone (375 px), and the link works once; HR closes the survey; the manager sees Nord's
results with the small teams suppressed and the offensive-behaviour questions hidden below 20
(and shown in the previous round, where Nord had 22 answers), turns two results into actions,
and takes the unit's APV through its four steps, with its sickness absence and the day the next
APV is due; an employee of the unit reads the plan with its statuses; and an analyst's
differencing attempt — a unit against its parent, two overlapping background splits — reveals
nothing, where publishing every group of at least 5 would have given people away. axe-core
checks each page on the way (every page, one by one, is in the other ``test_wellbeing_*.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core import mail
from django.utils import timezone, translation
from playwright.sync_api import expect

from charlie.absence.tests.factories import AbsencePeriodFactory
from charlie.core.calendar import working_days
from charlie.core.templatetags.formats import da_date
from charlie.people.models import OrgUnit, OrgUnitKind, Person
from charlie.people.tests.factories import org_unit
from charlie.wellbeing.models import Response, Survey
from charlie.wellbeing.services import answering, surveys
from charlie.wellbeing.services.questionnaires import charlie_bank
from charlie.wellbeing.services.results import band_value_label
from charlie.wellbeing.tests.factories import add_response, closed_survey, staff
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link
from tests.e2e.test_small_screens import PHONE, _sticking_out
from tests.test_attacker import Cell, solvable_small_groups

pytestmark = E2E

DESKTOP = {"width": 1280, "height": 900}


def _as(page: Any, live_server: Any, role: str) -> None:
    page.context.clear_cookies()
    page.set_viewport_size(DESKTOP)
    login(page, live_server, role)


def _number(value: float, digits: int = 1) -> str:
    """A figure as the pages show it (da-DK: a decimal comma)."""
    return f"{value:.{digits}f}".replace(".", ",")


# --- The care centre ------------------------------------------------------------------------------


@dataclass
class CareCentre:
    """Plejecenter Nord's teams and the people in them: who is invited, and who answers.

    Invited (30), by the group their answers are recorded in; "older" is the fixture
    employee's age (46 in 2026: 40–49), "younger" ten years less (30–39):

    - Nord itself: the employee (``test-employee``) and 4 more, all older and SOSU;
    - Team Øst: 5 younger (SOSU) and 5 older (pædagoger);
    - Team Vest: 5 younger and 5 older (SOSU);
    - Nattevagten: 5 older (SOSU).

    Every set of invited people sharing a group and band values is at least 5, so the launch
    keeps both bands in every group (``bands.launch_plan``).

    Answering (17): in Team Øst the 5 younger (``phone`` is one of them) and 3 of the
    pædagoger (8); in Team Vest 2 younger and the 5 older (7); 2 in Nattevagten; none in Nord
    itself. Why these: Nord has 17 answers, at least 5 (its figures are shown) and
    fewer than 20 (the offensive-behaviour questions are hidden); Nattevagten has 2 (suppressed);
    and Team Vest has 7, which the minimum alone would show — but then Nord − Øst − Vest would
    be the night shift's 2 (a unit against its parent), and Vest's 7 SOSU minus its 5 older
    would be its 2 younger (two overlapping background splits). So Vest must be hidden
    as well, and its splits with it.
    """

    oest: OrgUnit
    vest: OrgUnit
    nat: OrgUnit
    phone: Person
    #: Who answers: person id → their answer (1–5) to every scale question.
    answering: dict[int, int] = field(default_factory=dict)


def _care_centre(org: Any) -> CareCentre:
    older = org.person_in_nord.birth_date
    younger = older.replace(year=older.year + 10)  # the age band below
    oest = org_unit("Team Øst", OrgUnitKind.DEPARTMENT, org.nord)
    vest = org_unit("Team Vest", OrgUnitKind.DEPARTMENT, org.nord)
    nat = org_unit("Nattevagten", OrgUnitKind.DEPARTMENT, org.nord)
    staff(org.nord, 4, birth=older)
    oest_young = staff(oest, 5, birth=younger)
    oest_paed = staff(oest, 5, birth=older, family="paedagog")
    vest_young = staff(vest, 5, birth=younger)
    vest_old = staff(vest, 5, birth=older)
    night = staff(nat, 5, birth=older)
    who = oest_young + oest_paed[:3] + vest_young[:2] + vest_old + night[:2]
    phone = oest_young[0]
    # The one on the phone answers 4 to everything; the others alternately 3 and 4.
    answering = {p.pk: 4 if p == phone else 3 + i % 2 for i, p in enumerate(who)}
    return CareCentre(oest, vest, nat, phone, answering)


def _previous_round(org: Any, today: dt.date) -> Survey:
    """The round two years ago, closed, with 22 answers in Nord (made by the factories): 20 or
    more, so its offensive-behaviour figures are shown; 2 of the 22 were bullied."""
    version = charlie_bank("trivsel")
    opened = today.replace(year=today.year - 2, day=1)
    survey = closed_survey(
        [org.nord],
        version=version,
        name=f"Trivselsmåling {opened.year}",
        opens_on=opened,
        closes_on=opened + dt.timedelta(days=20),
    )
    for i in range(22):
        add_response(
            survey,
            org.nord,
            {
                "indflydelse-tilrettelaegge": 3,
                "krav-tid": 3,
                "kraenkende-mobning": 2 if i < 2 else 1,
                "kraenkende-seksuel": 1,
                "kraenkende-vold": 1,
                "kraenkende-trusler": 1,
            },
        )
    return survey


def _sick_weeks(start: dt.date, end: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    """``count`` Monday-to-Friday weeks inside ``start``–``end`` with no public holiday (5
    working days each), a month apart."""
    weeks = []
    day = start + dt.timedelta(days=(7 - start.weekday()) % 7)
    while len(weeks) < count and day + dt.timedelta(days=4) <= end:
        friday = day + dt.timedelta(days=4)
        if working_days(day, friday) == 5:
            weeks.append((day, friday))
            day += dt.timedelta(days=28)
        else:
            day += dt.timedelta(days=7)
    assert len(weeks) == count
    return weeks


def _link_path(message: Any) -> str:
    found = re.search(r"/trivsel/svar/[^\s/]+/", message.body)
    assert found is not None, message.body
    return found.group(0)


# --- What the analyst can fetch ------------------------------------------------------------------

#: The background splits' tables on a results page, by caption, and their band.
BAND_CAPTIONS = {"Efter aldersgruppe": "age", "Efter stillingskategori": "job_family"}


def _label(key: str, response: Response) -> str:
    return band_value_label(key, response.band_values[key])


def _band_cells(page: Any) -> list[tuple[str, str, str | None]]:
    """The background splits on a results page: (caption, value label, count or None)."""
    cells = []
    for table in page.locator("table").filter(has=page.locator("caption", has_text="Efter ")).all():
        caption = table.locator("caption").inner_text().strip()
        labels = [h.strip() for h in table.locator("thead th").all_inner_texts()[1:]]
        counts = (
            table.get_by_role("row")
            .filter(has=page.get_by_role("rowheader", name="Svar", exact=True))
            .locator("td")
            .evaluate_all("tds => tds.map(td => td.dataset.count ?? null)")
        )
        cells += list(zip([caption] * len(labels), labels, counts, strict=True))
    return cells


def test_a_survey_from_launch_to_action_plan_and_apv(page, live_server, users, org, settings):
    settings.CHARLIE_ABSENCE_PERIOD_MONTHS = 1
    today = timezone.localdate()
    centre = _care_centre(org)
    previous = _previous_round(org, today)
    version = charlie_bank("trivsel")
    name = f"Trivselsmåling {today.year}"

    # The unit's sickness absence over the APV's window (the 12 whole months before this one):
    # three of its 30 full-time people each sick one week, 15 working days in all.
    first = today.replace(day=1)
    window = (first.replace(year=first.year - 1), first - dt.timedelta(days=1))
    sick = [centre.phone, *Person.objects.filter(employments__org_unit=centre.nat)[:2]]
    for person, (start, end) in zip(sick, _sick_weeks(*window, 3), strict=True):
        AbsencePeriodFactory(person=person, start_date=start, end_date=end)

    # 1. HR makes the survey: the unit with its teams, two bands, the previous round to compare.
    _as(page, live_server, "hr")
    menu_link(page, "Trivselsmålinger").click()
    assert_accessible(page, "the surveys")
    page.get_by_role("link", name="Ny måling").click()
    page.get_by_label("Navn").fill(name)
    page.get_by_label("Spørgeskema").select_option(str(version.pk))
    page.get_by_label("Ældreområdet › Plejecenter Nord", exact=True).check()
    expect(page.get_by_label("Aldersgruppe")).to_be_checked()  # the form's suggestion
    expect(page.get_by_label("Stillingskategori")).to_be_checked()
    page.get_by_label("Anciennitet").uncheck()
    page.get_by_label("Åbner").fill(today.isoformat())
    page.get_by_label("Sidste svardag").fill((today + dt.timedelta(days=14)).isoformat())
    page.get_by_label("Sammenlign med").select_option(str(previous.pk))
    assert_accessible(page, "the new survey form")
    page.get_by_role("button", name="Gem kladde").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    page.get_by_role("link", name="Se og send ud").click()
    invited = page.get_by_role("table").filter(has_text="Svarene tælles i")
    for unit, n in (("Team Øst", 10), ("Team Vest", 10), ("Nattevagten", 5)):
        expect(invited.get_by_role("row", name=unit)).to_contain_text(str(n))
    expect(invited.get_by_role("row", name="Plejecenter Nord")).to_contain_text("enheden selv")
    assert_accessible(page, "the launch preview")
    page.get_by_role("button", name="Send målingen ud nu").click()
    expect(page.get_by_role("status")).to_contain_text("Målingen er sendt ud: 30 er inviteret")
    assert_accessible(page, "the open survey")
    survey = Survey.objects.get(name=name)
    assert survey.status == "open" and set(survey.bands) == {"age", "job_family"}
    # The worker sends the invitations: an e-mail each, with a one-time link — to all but the
    # fixture's employee, who has no e-mail address in Charlie (a paper form, then).
    mail.outbox.clear()
    assert surveys.send_invitations(survey.pk) == 29
    links = {m.to[0]: _link_path(m) for m in mail.outbox}
    assert len(links) == 29 and len(set(links.values())) == 29

    # 2. An employee of Team Øst answers on a phone, from the link in their e-mail.
    path = links[centre.phone.email]
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_text("Dine svar er anonyme")).to_be_visible()
    assert _sticking_out(page) == []
    assert_accessible(page, "the answering page at 375 px")
    page.get_by_role("group", name=re.compile("selv tilrettelægge")).get_by_label(
        "I høj grad", exact=True
    ).check()
    for question in version.questions.exclude(kind="text"):
        value = 1 if question.kind == "single" else 4  # "Nej" to offensive behaviour
        page.locator(f'input[name="q-{question.code}"][value="{value}"]').check()
    page.get_by_role("button", name="Send svar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tak for dine svar")
    assert _sticking_out(page) == []
    assert_accessible(page, "the thank-you page at 375 px")
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Linket er brugt")
    assert_accessible(page, "a used link at 375 px")
    assert Response.objects.filter(survey=survey).count() == 1
    # The 16 others answer through the same service the answering page uses, with their links.
    for person in Person.objects.filter(pk__in=centre.answering).exclude(pk=centre.phone.pk):
        value = centre.answering[person.pk]
        answers = {
            f"q-{q.code}": ["1" if q.kind == "single" else str(value)]
            for q in version.questions.exclude(kind="text")
        }
        token = links[person.email].split("/")[-2]
        answering.submit(token, lambda key, answers=answers: answers.get(key, []))

    # 3. HR closes the survey.
    _as(page, live_server, "hr")
    menu_link(page, "Trivselsmålinger").click()
    page.get_by_role("link", name=name, exact=True).click()
    page.get_by_role("button", name="Luk målingen nu").click()
    expect(page.get_by_role("status")).to_contain_text("Målingen er lukket")
    expect(page.get_by_text("17 svar (57 %)")).to_be_visible()  # of 30 invited
    assert_accessible(page, "the closed survey")

    # 4. The manager reads Nord's results: the small teams and offensive behaviour hidden.
    _as(page, live_server, "manager")
    menu_link(page, "Trivselsresultater").first.click()
    assert_accessible(page, "the manager's surveys with results")
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.locator(".font-lead")).to_contain_text("Plejecenter Nord")
    expect(page.locator("dd [data-count]")).to_have_attribute("data-count", "17")
    dimensions = page.locator("#dimensioner")
    # Each person answers v to Indflydelse's three questions: a score of 25 × (v − 1) each.
    values = list(centre.answering.values())
    influence = dimensions.get_by_role("row", name="Indflydelse")
    expect(influence.locator("td").nth(0)).to_have_text(str(3 * len(values)))
    expect(influence.locator("td").nth(1)).to_have_text(_number(25 * (sum(values) / 17 - 1)))
    offensive = dimensions.get_by_role("row", name="Krænkende adfærd")
    expect(offensive).to_contain_text("vises fra 20 svar")
    for cell in range(4):  # answers, score, favourable, the whole survey's: none at 17
        expect(offensive.locator("td").nth(cell)).to_have_text("–skjult")
    bullying = page.get_by_role("row", name=re.compile("udsat for mobning"))
    expect(bullying.locator("td").nth(0)).to_have_text("–skjult")
    expect(bullying.locator("td").nth(1)).to_have_text("–skjult")
    teams = page.get_by_role("table", name="Underenheder")
    expect(teams.get_by_role("row", name="Team Øst")).to_contain_text("8")
    for small in ("Team Vest", "Nattevagten"):  # 7 and 2 answers: suppressed
        expect(teams.get_by_role("row", name=small).locator("[data-suppressed]")).to_have_count(1)
    ages = page.get_by_role("table", name="Efter aldersgruppe")
    expect(ages.locator("[data-count]")).to_have_count(0)  # Vest's 2 young ones are in there
    assert_accessible(page, "the manager's results")
    page.set_viewport_size(PHONE)
    assert _sticking_out(page) == []
    assert_accessible(page, "the manager's results at 375 px")
    page.set_viewport_size(DESKTOP)
    # The previous round had 22 answers in Nord: offensive behaviour is shown there, as the
    # share exposed per question; the dimension itself has no score ("ikke relevant").
    page.get_by_role("link", name="Tilbage til trivselsresultaterne").click()
    page.get_by_role("link", name=previous.name, exact=True).click()
    offensive = page.locator("#dimensioner").get_by_role("row", name="Krænkende adfærd")
    expect(offensive.locator("td").nth(0)).to_have_text("88")
    expect(offensive.locator("td").nth(1)).to_have_text("–ikke relevant")
    bullying = page.get_by_role("row", name=re.compile("udsat for mobning"))
    expect(bullying.locator("td").nth(1)).to_have_text(_number(100 * 2 / 22))
    assert_accessible(page, "the previous round's results, with offensive behaviour")

    # 5. The manager turns two results into actions ("Lav en handling").
    actions = [
        ("Krav i arbejdet", "Fast plan for vikardækning ved sygdom", "I gang"),
        ("Anerkendelse", "Ros og tak på hvert personalemøde", "Planlagt"),
    ]
    deadline = today + dt.timedelta(days=60)
    for label, what, status in actions:
        menu_link(page, "Trivselsresultater").first.click()
        page.get_by_role("link", name=name, exact=True).click()
        page.locator("#dimensioner").get_by_role(
            "link", name=re.compile(f"^Lav en handling\\W+{label}$")
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Ny handling")
        expect(page.get_by_label("Problem")).to_have_value(re.compile(label))
        page.locator("#id_action").fill(what)
        page.get_by_label("Ansvarlig").select_option(label=users["employee"].get_full_name())
        page.get_by_label("Frist").fill(deadline.isoformat())
        page.get_by_label("Status").select_option(label=status)
        assert_accessible(page, f"the new action from {label}")
        page.get_by_role("button", name="Gem handlingen").click()
        expect(page.get_by_role("status").first).to_contain_text("Handlingen er gemt")
    menu_link(page, "Handlingsplaner").click()
    plan = page.get_by_role("table").filter(has_text="Ansvarlig")
    for label, what, status in actions:
        row = plan.get_by_role("row").filter(has_text=what)
        expect(row).to_contain_text(label)
        expect(row).to_contain_text(status)
    assert_accessible(page, "the unit's action plan")

    # 6. The manager takes Nord's APV through its four steps, on the survey and the absence.
    menu_link(page, "APV", exact=True).click()
    page.get_by_role("link", name="Start en APV").click()
    page.get_by_label("Enhed").select_option(label="Plejecenter Nord")
    page.get_by_role("button", name="Videre").click()
    page.get_by_label("Brug runderingens tjekliste").uncheck()
    page.get_by_label("Måling").select_option(label=name)
    page.get_by_label("Deltagere").fill("Arbejdsmiljørepræsentant Hanne Holm")
    assert_accessible(page, "the new APV")
    page.get_by_role("button", name="Start APV'en").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kortlægning")
    # 15 sick days of 30 full-time people all year: 0.5 days per FTE; the rate over every
    # working day of the window.
    with translation.override("da"):
        period = f"{da_date(window[0])} – {da_date(window[1])}"
    rate = 100 * 15 / (30 * working_days(*window))
    absence = page.locator("#sygefravaer + dl")
    expect(absence).to_contain_text(period)
    expect(absence).to_contain_text(f"Sygefraværsprocent{_number(rate, 2)} %")
    expect(absence).to_contain_text("Sygefraværsdage pr. årsværk0,5")
    assert_accessible(page, "the APV's mapping with the unit's sickness absence")
    page.get_by_label("Vurdering af sygefraværet").fill("Lavt; intet peger på arbejdsmiljøet.")
    page.get_by_role("button", name="Gem kortlægningen").click()
    page.get_by_role("button", name=re.compile("Gå videre til")).click()
    page.get_by_role("link", name="Rediger beskrivelse, vurdering og problemer").click()
    findings = page.get_by_role("table", name=re.compile("Enhedens resultat pr. dimension"))
    expect(findings.get_by_role("row", name=re.compile("Indflydelse"))).to_contain_text(
        _number(25 * (sum(values) / 17 - 1), 0)
    )
    page.get_by_role("link", name="Tilføj som problem – Krav i arbejdet").click()
    expect(page.get_by_label("Problem")).to_have_value("Krav i arbejdet")
    assert_accessible(page, "a problem from the survey")
    page.get_by_role("button", name="Gem problemet").click()
    page.get_by_label("Beskrivelse og vurdering").fill("Travlhed ved sygdom er det største.")
    assert_accessible(page, "the APV's assessment with the survey's findings")
    page.get_by_role("button", name="Gem beskrivelse og vurdering").click()
    page.get_by_role("button", name=re.compile("Gå videre til")).click()
    page.get_by_role("link", name="Lav en handling – Krav i arbejdet").click()
    page.locator("#id_action").fill("Fast makkerpar på hver vagt")
    page.get_by_label("Ansvarlig").select_option(label=users["employee"].get_full_name())
    page.get_by_role("button", name="Gem handlingen").click()
    page.get_by_role("button", name=re.compile("Gå videre til")).click()
    page.get_by_role("link", name="Rediger opfølgningen").click()
    page.get_by_label("Retningslinjer for opfølgning").fill("AMR og leder følger op på MED.")
    assert_accessible(page, "the APV's follow-up")
    page.get_by_role("button", name="Gem retningslinjerne").click()
    page.get_by_role("button", name="Afslut APV'en").click()
    # Completed today: the next is due the same day three years on (29 February: the 28th).
    try:
        due = today.replace(year=today.year + 3)
    except ValueError:
        due = today.replace(year=today.year + 3, day=28)
    with translation.override("da"):
        due_text = da_date(due)
    expect(page.get_by_role("status").first).to_contain_text(
        f"Næste APV skal laves senest {due_text}"
    )
    facts = page.locator("main dl").first
    expect(facts).to_contain_text(f"Næste APV senest{due_text}")
    expect(page.locator("#kortlaegning ~ dl").nth(1)).to_contain_text(_number(rate, 2))
    assert_accessible(page, "the completed APV with its next due date")
    menu_link(page, "APV", exact=True).click()
    expect(page.get_by_role("row", name=re.compile("Plejecenter Nord"))).to_contain_text(due_text)
    assert_accessible(page, "the APV overview with the next due date")

    # 7. An employee of the unit reads the plan and the APV, with each action's status.
    _as(page, live_server, "employee")
    menu_link(page, "Handlingsplan og APV").click()
    with translation.override("da"):
        expect(page.get_by_role("main")).to_contain_text(
            f"APV afsluttet {da_date(today)}; næste APV senest {due_text}."
        )
    mine = page.get_by_role("table", name="Handlinger for Plejecenter Nord")
    for what, status in [(a[1], a[2]) for a in actions] + [("Fast makkerpar", "Planlagt")]:
        expect(mine.get_by_role("row").filter(has_text=what)).to_contain_text(status)
    assert_accessible(page, "the employee's plan and APV")

    # 8. Differencing, as an analyst with every unit: every figure the API and the pages
    # publish about the survey, and whether any set of fewer than 5 people can be solved for.
    # The test knows each answer's unit and bands (it made them); everyone answered every
    # question, so a figure of a group covers the same people as its count.
    responses = list(Response.objects.filter(survey=survey).select_related("unit"))
    groups = Counter((r.unit.name, *sorted(r.band_values.items())) for r in responses)
    assert sorted(groups.values()) == [2, 2, 3, 5, 5]  # as the story made them
    everyone = range(len(responses))
    unit_path = dict(OrgUnit.objects.values_list("pk", "path"))

    def under(unit_id: int | None) -> set[int]:
        path = unit_path.get(unit_id, "/")
        return {i for i in everyone if responses[i].unit.path.startswith(path)}

    _as(page, live_server, "analyst")
    api = f"{live_server.url}/api/v1/wellbeing/surveys/{survey.pk}/results"
    units = page.request.get(api, params={"by": "unit"}).json()
    assert {r["unit"]: r["count"] for r in units} == {
        "Hele målingen": 17,
        "Plejecenter Nord": 17,
        "Team Øst": 8,
        "Team Vest": None,  # 7 answers: Nord − Øst − Vest would be Nattevagten's 2
        "Nattevagten": None,  # 2 answers
    }
    published: list[tuple[str, set[int]]] = []
    hidden_though_large = []
    for unit in units:
        members = under(unit["unit_id"])
        if unit["count"] is None:
            hidden_though_large += [unit["unit"]] if len(members) >= 5 else []
        else:
            assert unit["count"] == len(members)
            published.append((unit["unit"], members))
        chosen = "" if unit["unit_id"] is None else str(unit["unit_id"])
        for by in ("dimension", "question"):
            answer = page.request.get(
                api, params={"by": by, **({"unit": chosen} if chosen else {})}
            )
            assert answer.ok, answer.text()
            for row in answer.json():
                if row["count"] is not None:
                    assert not row["sensitive"]  # 17 answers at most: none at 20
                    published.append((f"{row['unit']}: {row[by]}", members))
        page.goto(f"{live_server.url}/trivsel/resultater/{survey.pk}/?enhed={chosen}")
        assert_accessible(page, f"the analyst's results of {unit['unit']}")
        for caption, label, count in _band_cells(page):
            key = BAND_CAPTIONS[caption]
            with translation.override("da"):
                group = {i for i in members if _label(key, responses[i]) == label}
            if count is None:
                hidden_though_large += [f"{unit['unit']}, {label}"] if len(group) >= 5 else []
            else:
                assert int(count) == len(group), (unit["unit"], caption, label)
                published.append((f"{unit['unit']}, {label}", group))
    cells = [Cell(where, sorted(group), None, None) for where, group in published]
    assert not solvable_small_groups(cells, list(everyone), 5)
    # (a) A unit against its parent: Team Vest has 7 answers, but Nord − Øst − Vest would be
    # the night shift's 2, so Vest is hidden (above). (b) Two overlapping background splits:
    # Vest's SOSU (7) minus its older (5) would be its 2 younger, so nothing about a part of
    # Vest is published.
    vest = under(centre.vest.pk)
    assert not [where for where, group in published if group and group <= vest]
    # Not by publishing nothing: groups of 5 and more were hidden — a team and splits — where
    # publishing every group of at least 5 (the units, and each unit split by age and by job
    # family) would have given people away.
    assert "Team Vest" in hidden_though_large and any("," in h for h in hidden_though_large)
    naive = []
    for unit_id in [None, org.nord.pk, centre.oest.pk, centre.vest.pk, centre.nat.pk]:
        members = under(unit_id)
        naive.append(members)
        for key in BAND_CAPTIONS.values():
            for value in {responses[i].band_values[key] for i in members}:
                naive.append({i for i in members if responses[i].band_values[key] == value})
    naive_cells = [Cell(str(k), sorted(g), None, None) for k, g in enumerate(naive) if len(g) >= 5]
    assert solvable_small_groups(naive_cells, list(everyone), 5)
