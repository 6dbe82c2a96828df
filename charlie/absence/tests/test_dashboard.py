"""Fraværsstatistik: the page for HR, analysts and managers, 403 for others,
the KRL comparison, hidden groups, the SVG chart, the Excel file and the reference data."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from charlie.absence import reference
from charlie.absence.services import absence_figures
from charlie.absence.tests.data import sick_team
from charlie.core import charts
from charlie.core.testing.tables import find_table
from charlie.people.tests.factories import EmploymentFactory, job_family
from tests.test_disclosure_walk import CountParser, check_difference_rule

YEAR = 2025
URL = "/absence/statistik/"
XLSX = "/absence/statistik.xlsx"


@pytest.fixture
def team(org):
    """Six full-time SOSU staff in Hjemmeplejen, each sick 3–7 March 2025: 5 sick days of 253
    working days (``data.sick_team``). Five more teachers in Nørre Skole, so both job families
    are large enough to be shown."""
    unit = sick_team(org)
    for _ in range(5):
        EmploymentFactory(org_unit=org.skole, job_family=job_family("laerer"))
    return unit


def _rows(html: str) -> dict[str, str]:
    """The table's rows by their header text: {label: the row's HTML}."""
    table = html.split('id="fravaer-tabel"', 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        header = re.search(r"<th scope=\"row\"[^>]*>(.*?)</th>", row, re.S)
        if header:
            rows[header.group(1).strip()] = row
    return rows


def _cells(html: str) -> dict[str, list[str]]:
    """The table's cell texts by the row's header text."""
    return find_table(html, id="fravaer-tabel").by_label()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["hr", "analyst"])
def test_hr_and_analysts_see_job_families_next_to_krl(client_as, team, role, settings):
    settings.CHARLIE_ABSENCE_KRL_YEAR = 2019
    response = client_as(role).get(URL, {"year": YEAR, "by": "job_family"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Fraværsstatistik</h1>" in html
    assert "KRL 2019, sygedage pr. årsværk" in html and "Forskel fra KRL 2019" in html
    # The summary names the series and year of its reference: the same KRL 2019, 12.1 days.
    assert "KRL (Kommunernes og Regionernes Løndatakontor), 2019: 12,1 sygedage" in html
    assert reference.KRL_2019_URL in html
    assert "KRL 2023" not in html and "14,8" not in html
    # Danmarks Statistik's 16.2 is a different series: never shown as a comparison.
    assert "16,2" not in html
    figures = absence_figures(None, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31), by="job_family")
    sosu = next(r for r in figures.rows if r.label == "Social- og sundhedspersonale")
    assert not sosu.suppressed
    cells = _cells(html)["Social- og sundhedspersonale"]
    # Antal, årsværk, %, dage pr. årsværk, KRL 2019, forskel, ...
    assert cells[0] == str(sosu.headcount)
    assert cells[3] == f"{sosu.days_per_fte:.1f}".replace(".", ",")
    assert cells[4] == "16,3"
    expected = round(sosu.days_per_fte - 16.3, 1)
    assert cells[5] == ("+" if expected > 0 else "") + f"{expected:.1f}".replace(".", ",")
    # The total compares with KRL 2019's total of 12.1.
    assert _cells(html)["I alt"][4] == "12,1"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["hr", "manager"])
def test_one_krl_year_on_the_whole_page(client_as, team, role):
    """Issue 12: the summary said KRL 2023 and the table KRL 2019, with opposite signs for a
    manager. By default the page takes the newest KRL year the data has (2023: 14.8 days in
    total, 13.2 for teachers) and uses it everywhere; a job family without a 2023 figure shows
    none rather than a 2019 one."""
    response = client_as(role).get(URL, {"year": YEAR, "by": "job_family"})
    html = response.content.decode()
    assert response.context["krl_total"].year == reference.comparison_year() == 2023
    assert "KRL 2019" not in html and "12,1" not in html
    assert "KRL 2023, sygedage pr. årsværk" in html and "Forskel fra KRL 2023" in html
    assert "KRL (Kommunernes og Regionernes Løndatakontor), 2023: 14,8 sygedage" in html
    cells = _cells(html)
    total = cells["I alt"]
    if total[0] != "–skjult":
        assert total[4] == "14,8"
        # The summary's difference is the table's: one year, one sign.
        assert response.context["total_difference"] == response.context["total_line"].difference
    for label, row in cells.items():
        if label not in ("I alt", "Lærere", "Stillingskategori"):
            assert row[4] in ("–intet KRL-tal", "–skjult"), label
    # The chart's line is the same year.
    chart = html.split("<figure", 1)[1].split("</figure>", 1)[0]
    assert "KRL 2023" in chart.split("<svg", 1)[1].split("</svg>", 1)[0]


@pytest.mark.django_db
def test_the_krl_year_is_configurable_and_may_be_chosen(client_as, team, settings):
    settings.CHARLIE_ABSENCE_KRL_YEAR = 2019
    client = client_as("hr")
    assert client.get(URL, {"year": YEAR}).context["krl_total"].year == 2019
    chosen = client.get(URL, {"year": YEAR, "krl": 2023})
    assert chosen.context["krl_total"].year == 2023
    assert client.get(URL, {"year": YEAR, "krl": 2020}).status_code == 400
    settings.CHARLIE_ABSENCE_KRL_YEAR = None
    assert client.get(URL, {"year": YEAR}).context["krl_total"].year == 2023


@pytest.mark.django_db
def test_hidden_groups_show_a_dash_and_the_explanation(client_as, team):
    html = client_as("hr").get(URL, {"year": YEAR, "by": "unit", "levels": 4}).content.decode()
    rows = _rows(html)
    nord = rows["Plejecenter Nord"]  # one person: hidden
    assert "data-suppressed" in nord and "data-count" not in nord
    assert set(_cells(html)["Plejecenter Nord"]) == {"–skjult"}
    shown = rows["Hjemmeplejen"]
    assert 'data-count="6"' in shown
    # data-count only on head counts: one per shown row.
    assert shown.count("data-count") == 1
    assert "en gruppe med færre end 5 personer i en af periodens måneder vises ikke" in html
    assert "En enheds tal omfatter dens underenheder." in html


@pytest.mark.django_db
def test_a_manager_sees_only_their_units(client_as, team):
    response = client_as("manager").get(URL, {"year": YEAR, "by": "unit"})
    assert response.status_code == 200
    rows = _rows(response.content.decode())
    assert set(rows) == {"Plejecenter Nord", "I alt"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["employee", "dpo", "admin"])
def test_other_roles_are_refused(client_as, team, role):
    assert client_as(role).get(URL, {"year": YEAR}).status_code == 403
    assert client_as(role).get(XLSX, {"year": YEAR}).status_code == 403


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_log_in(client, team):
    assert client.get(URL).status_code == 302


@pytest.mark.django_db
def test_the_default_is_the_last_full_year_by_job_family(client_as, team):
    from django.utils import timezone

    response = client_as("hr").get(URL)
    assert response.status_code == 200
    last = timezone.localdate().year - 1
    assert response.context["figures"].start == date(last, 1, 1)
    assert response.context["figures"].by == "job_family"
    assert response.context["figures"].long_threshold_days == 28


@pytest.mark.django_db
def test_from_and_to_override_the_year_and_errors_say_how_to_fix(client_as, team):
    client = client_as("hr")
    response = client.get(URL, {"year": YEAR, "start": "2025-03-01", "end": "2025-03-31"})
    assert response.context["figures"].start == date(2025, 3, 1)
    assert response.context["figures"].end == date(2025, 3, 31)
    response = client.get(URL, {"start": "2025-03-01"})
    assert response.status_code == 400
    assert "Udfyld både fra og til dato" in response.content.decode()
    response = client.get(URL, {"start": "2025-03-31", "end": "2025-03-01"})
    assert response.status_code == 400
    assert "Til dato skal ligge efter fra dato." in response.content.decode()
    assert client.get(URL, {"long": "0"}).status_code == 400


@pytest.mark.django_db
def test_the_chart_is_an_accessible_svg_beside_its_table(client_as, team):
    html = client_as("hr").get(URL, {"year": YEAR, "by": "job_family"}).content.decode()
    # The chart's <svg> (the header's menu button has an icon <svg> before it).
    svg = html.split('<svg xmlns="http://www.w3.org/2000/svg" role="img"', 1)[1]
    svg = svg.split("</svg>", 1)[0]
    assert 'id="fravaer-diagram"' in svg
    assert 'aria-labelledby="fravaer-diagram-title fravaer-diagram-desc"' in svg
    assert '<title id="fravaer-diagram-title">Sygedage pr. årsværk efter' in svg
    assert "<desc" in svg and "Tallene står i tabellen" in svg
    assert 'href="#fravaer-tabel"' in html
    assert "<script" not in svg
    # By month: a line over time.
    html = client_as("hr").get(URL, {"year": YEAR, "by": "month"}).content.decode()
    assert "<polyline" in html and "<title" in html


@pytest.mark.django_db
def test_the_excel_file_has_the_same_numbers(client_as, team):
    response = client_as("hr").get(XLSX, {"year": YEAR, "by": "unit"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:6] == (
        "Gruppe",
        "Antal personer",
        "Årsværk",
        "Sygedage, egen sygdom og arbejdsskade (dagsværk)",
        "Sygefraværsprocent, egen sygdom og arbejdsskade",
        "Sygedage pr. årsværk",
    )
    assert values[0][10:15] == (
        "Egen sygdom, fraværsprocent",
        "Arbejdsskade, fraværsprocent",
        "Børns sygdom, fraværsprocent",
        "Barsel, fraværsprocent",
        "Alle fire årsager, fraværsprocent",
    )
    by_label = {str(row[0]).strip(): row for row in values[1:] if row[0]}
    hjemme = by_label["Hjemmeplejen"]
    assert hjemme[1:6] == (6, 6.0, 30.0, round(5 / 253, 4), 5.0)
    # Own sickness only: the same 5/253; no work injury, child's sickness or barsel.
    assert hjemme[10:15] == (round(5 / 253, 4), 0.0, 0.0, 0.0, round(5 / 253, 4))
    assert isinstance(hjemme[1], int) and isinstance(hjemme[4], float)
    nord = by_label["Plejecenter Nord"]
    assert nord[1:] == (None,) * (len(nord) - 1)
    notes = [row[0] for row in values if row[0] and "diskretionshensyn" in str(row[0])]
    assert notes and "færre end 5 personer" in notes[0]
    # Link from the page carries the same filters.
    html = client_as("hr").get(URL, {"year": YEAR, "by": "unit"}).content.decode()
    assert f"/absence/statistik.xlsx?year={YEAR}&amp;by=unit&amp;long=28&amp;krl=2023" in html


@pytest.mark.django_db
def test_the_excel_file_by_job_family_has_the_krl_columns(client_as, team):
    response = client_as("analyst").get(XLSX, {"year": YEAR, "by": "job_family", "krl": 2019})
    sheet = load_workbook(BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    header = values[0]
    krl = header.index("KRL 2019 sygedage pr. årsværk")
    sosu = next(row for row in values if row[0] == "Social- og sundhedspersonale")
    assert sosu[krl] == 16.3
    assert sosu[krl + 1] == round(sosu[header.index("Sygedage pr. årsværk")] - 16.3, 1)
    assert any(row[0] and reference.KRL_2019_URL in str(row[0]) for row in values)
    # By default the newest year, the page's: KRL 2023, nothing of 2019.
    response = client_as("analyst").get(XLSX, {"year": YEAR, "by": "job_family"})
    values = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert "KRL 2023 sygedage pr. årsværk" in values[0]
    assert not any("2019" in str(cell) for row in values for cell in row if cell)


@pytest.mark.django_db
def test_every_role_sees_no_small_group(client, org, users):
    """The disclosure walk's checks on this page, for each grouping and role that may see it."""
    for _ in range(7):
        EmploymentFactory(org_unit=org.syd)
    shown = suppressed = 0
    for role in ("manager", "hr", "analyst"):
        client.force_login(users[role])
        for by in ("job_family", "unit", "month", "quarter", "age_band"):
            html = client.get(URL, {"year": YEAR, "by": by}).content.decode()
            parser = CountParser()
            parser.feed(html)
            for value, min_size in parser.counts:
                assert min_size >= 5 and (value == 0 or value >= min_size), (role, by, value)
            for table in parser.tables:
                check_difference_rule(table, f"{role} {by}")
            shown += len(parser.counts)
            suppressed += parser.suppressed
    assert shown and suppressed


@pytest.mark.django_db
def test_a_single_column_never_has_exactly_one_hidden_group(client_as, org, users):
    """The difference rule on a flat grouping: with the total shown, never one hidden group."""
    for _ in range(7):
        EmploymentFactory(org_unit=org.syd)
    html = client_as("hr").get(URL, {"year": YEAR, "by": "job_family"}).content.decode()
    rows = _rows(html)
    hidden = [label for label, row in rows.items() if label != "I alt" and "data-suppressed" in row]
    assert "data-count" in rows["I alt"]
    assert len(hidden) != 1


def test_reference_figures_keep_the_series_apart():
    krl = reference.reference_figures(reference.KRL)
    assert {f.series for f in krl} == {"KRL"}
    assert reference.total(reference.KRL).year == 2023
    assert reference.total(reference.KRL).days_per_fte == 14.8
    assert reference.total(reference.KRL, 2019).days_per_fte == 12.1
    dst = reference.total(reference.DST)
    assert (dst.year, dst.days_per_fte, dst.series_name) == (2023, 16.2, "Danmarks Statistik")
    assert reference.krl_by_job_family()["Lærere"].days_per_fte == 10.9
    assert len(reference.krl_by_job_family()) == 9
    assert reference.krl_by_job_family(2023) == {
        "Lærere": reference.krl_by_job_family(2023)["Lærere"]
    }
    assert reference.krl_by_job_family(2023)["Lærere"].days_per_fte == 13.2
    assert reference.years(reference.KRL) == [2023, 2019]
    assert reference.comparison_year() == 2023
    assert reference.comparison_year(2019) == 2019
    with pytest.raises(ValueError, match="ingen KRL-tal for 2020"):
        reference.comparison_year(2020)
    assert all(f.source_url.startswith("https://") for f in reference.reference_figures())
    with pytest.raises(ValueError):
        reference.reference_figures("Eurostat")


def test_charts_escape_text_and_mark_hidden_values():
    svg = charts.bar_chart("c", "A & B", "<desc>", [("x<y", 2.0), ("z", None)])
    assert '<title id="c-title">A &amp; B</title>' in svg
    assert "&lt;desc&gt;" in svg and "x&lt;y" in svg
    assert "skjult" in svg
    line = charts.line_chart("l", "T", "D", [("2025 K1", 1.0), ("2025 K2", None), ("2025 K3", 2)])
    assert 'role="img"' in line and "skjult" in line
    assert "<polyline" not in line  # the hidden point breaks the line into single points


@pytest.mark.django_db
def test_by_unit_the_page_shows_three_levels_unless_asked(client_as, team):
    # Testkommune (0) → Social og Sundhed (1) → Ældreområdet (2) → Plejecenter Nord (3).
    rows = _rows(client_as("hr").get(URL, {"year": YEAR, "by": "unit"}).content.decode())
    assert "Ældreområdet" in rows and "Plejecenter Nord" not in rows
    deeper = client_as("hr").get(URL, {"year": YEAR, "by": "unit", "levels": 4})
    assert "Plejecenter Nord" in _rows(deeper.content.decode())
