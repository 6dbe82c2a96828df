"""The KMD OPUS XML reader (charlie.imports.opus).

Sample files live in ``data/opus/`` (the same files as ``docs/examples/opus/``); small files for
single cases are written to ``tmp_path``. Every CPR number here is made up.
"""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys
import time
import tracemalloc
from datetime import date
from decimal import Decimal

import pytest

from charlie.imports.opus import (
    JOB_FAMILY_KEYWORDS,
    ORG_KIND_KEYWORDS,
    job_family_for,
    opus_source,
    org_kind_for,
    parse_date,
    snapshot_date_from_name,
)
from charlie.imports.person_key import PersonKeyer
from charlie.imports.records import EmploymentRecord, OrgUnitRecord, PersonRecord, Problem

#: A person-key secret for the tests (the reader refuses OPUS files without one).
KEYER = PersonKeyer(b"test-secret")

DATA = pathlib.Path(__file__).parent / "data" / "opus"
DOCS = pathlib.Path(__file__).parents[3] / "docs" / "examples" / "opus"
FIRST = DATA / "ZLPE20250131220000_delta.xml"
SECOND = DATA / "ZLPE20250228220000_delta.xml"
BROKEN = DATA / "ZLPE20250331220000_delta.xml"
SAMPLES = (FIRST, SECOND, BROKEN)

NAME = "ZLPE20250401120000_delta.xml"
HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<kmd>\n'
UNIT = ' <orgUnit id="1"><longName>Kommunen</longName></orgUnit>\n'


def employee(
    emp_id: str = "7001", *, omit: tuple[str, ...] = (), attrs: str = "", **fields: str
) -> str:
    """One <employee> element on one line per child, with sensible defaults."""
    values = {
        "entryDate": "2020-01-01",
        "leaveDate": "",
        "cpr": "0101750001",
        "firstName": "Test",
        "lastName": "Testesen",
        "workContract": "08",
        "workContractText": "HK-overenskomst",
        "positionId": "100",
        "position": "Administrativ medarbejder",
        "isManager": "false",
        "orgUnit": "1",
        "numerator": "1",
        "denominator": "1",
    }
    values.update(fields)
    lines = [f' <employee id="{emp_id}"{attrs}>']
    for name, value in values.items():
        if name not in omit:
            lines.append(f"  <{name}>{value}</{name}>" if value else f"  <{name}/>")
    lines.append(" </employee>")
    return "\n".join(lines) + "\n"


def write(
    tmp_path: pathlib.Path,
    body: str,
    *,
    name: str = NAME,
    header: str = HEADER,
    encoding: str = "utf-8",
) -> pathlib.Path:
    path = tmp_path / name
    path.write_bytes((header + body + "</kmd>\n").encode(encoding))
    return path


def read(path: pathlib.Path, **kwargs: object) -> list[object]:
    kwargs.setdefault("keyer", KEYER)
    return list(opus_source(path, **kwargs).read())  # type: ignore[arg-type]


def of_type[T](items: list[object], kind: type[T]) -> list[T]:
    return [item for item in items if isinstance(item, kind)]


# --- the sample files ------------------------------------------------------------------------


def test_docs_examples_are_the_test_samples() -> None:
    for sample in SAMPLES:
        assert (DOCS / sample.name).read_bytes() == sample.read_bytes()


def test_source_fields() -> None:
    source = opus_source(FIRST)
    assert source.file == FIRST.name
    assert source.format == "opus"
    assert source.dated_by_file is True
    assert source.snapshot_date == date(2025, 1, 31)


def test_first_sample_counts_and_no_problems() -> None:
    items = read(FIRST)
    assert of_type(items, Problem) == []
    assert len(of_type(items, OrgUnitRecord)) == 5
    assert len(of_type(items, PersonRecord)) == 12
    assert len(of_type(items, EmploymentRecord)) == 12


def test_read_twice_gives_the_same_stream() -> None:
    source = opus_source(FIRST, keyer=KEYER)
    assert list(source.read()) == list(source.read())


def test_org_unit_mapping() -> None:
    units = {unit.code: unit for unit in of_type(read(FIRST), OrgUnitRecord)}
    assert units["112"] == OrgUnitRecord(
        row=32,
        code="112",
        name="Plejecenter Solgården",
        short_name="SOLG",
        parent_code="111",
        kind="afdeling",
        cost_center="1120000000",
        valid_from=date(1990, 1, 1),
        valid_to=None,  # 9999-12-31 means "no end"
    )
    assert units["100"].parent_code is None  # <parentOrgUnit/>
    assert units["100"].cost_center == ""
    assert {code: unit.kind for code, unit in units.items()} == {
        "100": "kommune",
        "110": "forvaltning",
        "111": "omraade",
        "112": "afdeling",
        "113": "institution",
    }


def test_person_and_employment_mapping() -> None:
    items = read(FIRST)
    people = {p.employee_number: p for p in of_type(items, PersonRecord)}
    jobs = {e.employee_number: e for e in of_type(items, EmploymentRecord)}
    assert people["5002"] == PersonRecord(
        row=69,
        employee_number="5002",
        first_name="Bo",
        last_name="Nielsen",
        birth_date=date(1976, 4, 12),
        gender="M",
        email="bo.nielsen@eksempel.invalid",
        phone="",
        person_key=KEYER.key("1204760001"),
    )
    assert jobs["5002"] == EmploymentRecord(
        row=69,
        employee_number="5002",
        org_unit_code="112",
        job_title="Social- og sundhedshjælper",
        job_family_code="sosu",
        agreement="SOSU-overenskomst",
        weekly_hours=Decimal("30.00"),  # 37 × 30 / 37: part time
        start_date=date(2018, 8, 15),
        end_date=None,
        end_reason="",
        is_manager=False,
        source_id="5002",
    )
    assert people["5001"].gender == "K"
    assert jobs["5001"].weekly_hours == Decimal("37.00")
    assert jobs["5004"].is_manager is True
    assert [n for n, job in jobs.items() if job.is_manager] == ["5004"]
    assert jobs["5011"].job_family_code is None  # "Projektmedarbejder": left to the engine
    # action="leave" with a leaveDate: the employment ends on that date.
    assert jobs["5012"].end_date == date(2025, 1, 15)
    assert jobs["5012"].end_reason == "other"


def test_second_sample_iso_8859_1_and_missing_and_bare_leave() -> None:
    source = opus_source(SECOND, keyer=KEYER)
    assert source.snapshot_date == date(2025, 2, 28)
    items = list(source.read())
    assert of_type(items, Problem) == []
    people = {p.employee_number: p for p in of_type(items, PersonRecord)}
    # 5003 is missing (left: the engine ends her employment); 5012 is a bare
    # <employee action="leave"/>, which yields nothing.
    assert sorted(people) == [f"50{n:02d}" for n in range(1, 12) if n != 3]
    assert people["5008"].last_name == "Sørensen"
    units = {u.code: u.name for u in of_type(items, OrgUnitRecord)}
    assert units["111"] == "Ældreområdet"


def test_broken_sample_reports_every_problem_with_its_line() -> None:
    items = read(BROKEN)
    problems = [(p.row, p.column) for p in of_type(items, Problem)]
    assert problems == [
        (13, "startDate"),  # 2025-13-01
        (70, "entryDate"),  # 30-02-2018
        (89, "cpr"),  # a date that does not exist
        (103, "orgUnit"),  # <orgUnit> missing in the employee
        (134, "denominator"),  # 0
        (148, "isManager"),  # "måske"
        (150, "numerator"),  # "en halv"
        (156, "cpr"),  # 8 digits
    ]
    assert all(p.file == BROKEN.name for p in of_type(items, Problem))
    lines = BROKEN.read_text(encoding="utf-8").splitlines()
    assert "<startDate>2025-13-01" in lines[13 - 1]
    assert "<entryDate>30-02-2018" in lines[70 - 1]
    assert "<cpr" in lines[89 - 1]
    assert '<employee id="5004"' in lines[103 - 1]
    # Employees without problems still come through, also the one with an unknown unit
    # (999): checking references is the engine's job.
    jobs = {e.employee_number: e for e in of_type(items, EmploymentRecord)}
    assert sorted(jobs) == ["5001", "5008", "5009", "5010", "5011"]
    assert jobs["5008"].org_unit_code == "999"
    assert len(of_type(items, OrgUnitRecord)) == 4


def _cpr_numbers(path: pathlib.Path) -> set[str]:
    text = path.read_bytes().decode("latin-1")
    return set(re.findall(r"<cpr[^>]*>([^<]*)</cpr>", text))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_no_cpr_number_in_anything_returned(path: pathlib.Path) -> None:
    numbers = _cpr_numbers(path)
    assert len(numbers) >= 10
    dump = "\n".join(repr(item) for item in read(path))
    for number in numbers:
        assert number not in dump
        if len(number) == 10:
            assert f"{number[:6]}-{number[6:]}" not in dump


def test_no_cpr_in_problem_even_when_put_in_the_wrong_element(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, UNIT + employee(entryDate="0101750001", numerator="010175-0001"))
    problems = of_type(read(path), Problem)
    assert {p.column for p in problems} == {"entryDate", "numerator"}
    for problem in problems:
        assert "0101750001" not in str(problem.message)
        assert "010175-0001" not in str(problem.message)


# --- mapping details -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("position", "code"),
    [
        ("Social- og sundhedsassistent", "sosu"),
        ("SOCIAL- OG SUNDHEDSHJÆLPER", "sosu"),
        ("SOSU-elev", "elev"),
        ("Pædagog", "paedagog"),
        ("Pædagogmedhjælper", "paedagogmedhjaelper"),
        ("Socialpædagog", "socialpaedagog"),
        ("Lærer", "laerer"),
        ("Børnehaveklasseleder", "laerer"),
        ("Skoleleder", "leder"),
        ("Afdelingsleder", "leder"),
        ("Direktør", "leder"),
        ("Chefkonsulent", "akademiker"),
        ("Sygeplejerske", "sygeplejerske"),
        ("Socialrådgiver", "socialraadgiver"),
        ("Dagplejer", "dagplejer"),
        ("Fysioterapeut", "terapeut"),
        ("Køkkenassistent", "rengoering"),
        ("Rengøringsassistent", "rengoering"),
        ("Servicemedarbejder", "teknisk_service"),
        ("Gartner", "haandvaerker"),
        ("Kontorassistent", "administration"),
        ("Projektmedarbejder", None),
        ("", None),
    ],
)
def test_job_family_keywords(position: str, code: str | None) -> None:
    assert job_family_for(position) == code


def test_keyword_tables_use_real_codes() -> None:
    from charlie.people.job_families import JOB_FAMILIES
    from charlie.people.models import OrgUnitKind

    assert {code for _, code in JOB_FAMILY_KEYWORDS} <= {f.code for f in JOB_FAMILIES}
    assert {kind for _, kind in ORG_KIND_KEYWORDS} <= set(OrgUnitKind.values)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Kommune", "kommune"),
        ("Forvaltning", "forvaltning"),
        ("Område", "omraade"),
        ("Institution", "institution"),
        ("Afdeling", "afdeling"),
        ("Direktion", None),
        ("", None),
    ],
)
def test_org_kind(text: str, kind: str | None) -> None:
    assert org_kind_for(text) == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-31", date(2024, 1, 31)),
        ("31-01-2024", date(2024, 1, 31)),
        ("31.01.2024", date(2024, 1, 31)),
        (" 2024-02-29 ", date(2024, 2, 29)),
    ],
)
def test_dates(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2023-02-29", "31/01/2024", "20240131", "januar", "2024-1-31"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_danish_dates_and_open_end_in_a_file(tmp_path: pathlib.Path) -> None:
    body = UNIT + employee(entryDate="01.02.2020", leaveDate="31-12-2030")
    body += employee("7002", leaveDate="9999-12-31")
    jobs = of_type(read(write(tmp_path, body)), EmploymentRecord)
    assert [(j.start_date, j.end_date, j.end_reason) for j in jobs] == [
        (date(2020, 2, 1), date(2030, 12, 31), "other"),
        (date(2020, 1, 1), None, ""),
    ]


@pytest.mark.parametrize(
    ("numerator", "denominator", "hours"),
    [
        ("1", "1", "37.00"),
        ("1 ", "1 ", "37.00"),  # OPUS pads with a space
        ("1", "2", "18.50"),
        ("30", "37", "30.00"),
        ("0,5", "1", "18.50"),
        ("1", "3", "12.33"),
        ("2", "3", "24.67"),
        (None, None, "37"),  # no working time given: full time
    ],
)
def test_weekly_hours(
    tmp_path: pathlib.Path, numerator: str | None, denominator: str | None, hours: str
) -> None:
    if numerator is None:
        body = UNIT + employee(omit=("numerator", "denominator"))
    else:
        body = UNIT + employee(numerator=numerator, denominator=denominator or "")
    (job,) = of_type(read(write(tmp_path, body)), EmploymentRecord)
    assert job.weekly_hours == Decimal(hours)


@pytest.mark.parametrize(
    ("fields", "omit", "column", "line", "text"),
    [
        ({"denominator": "0"}, (), "denominator", 17, "må ikke være 0"),
        ({"numerator": "x"}, (), "numerator", 16, "er ikke et tal"),
        ({"denominator": "1/2"}, (), "denominator", 17, "er ikke et tal"),
        ({}, ("denominator",), "denominator", 4, "mangler"),
        ({"numerator": "3"}, (), "numerator", 16, "højst 80"),
        ({"numerator": "-1"}, (), "numerator", 16, "over 0"),
        ({"isManager": "måske"}, (), "isManager", 14, "true eller false"),
        ({"entryDate": "2020-02-30"}, (), "entryDate", 5, "ikke en gyldig dato"),
        ({"leaveDate": "2019-12-31"}, (), "leaveDate", 6, "ligger før"),
        ({}, ("firstName",), "firstName", 4, "fornavn"),
        ({"lastName": ""}, (), "lastName", 9, "efternavn"),
        ({}, ("orgUnit",), "orgUnit", 4, "enhedens id"),
        ({}, ("position",), "position", 4, "stillingsbetegnelse"),
        ({}, ("cpr",), "cpr", 4, "<cpr> mangler"),
        ({"cpr": ""}, (), "cpr", 7, "<cpr> er tomt"),
        ({"cpr": "3102750001"}, (), "cpr", 7, "dato, der ikke findes"),
        ({"cpr": "12345"}, (), "cpr", 7, "har ikke 10 cifre"),
    ],
)
def test_employee_problems(
    tmp_path: pathlib.Path,
    fields: dict[str, str],
    omit: tuple[str, ...],
    column: str,
    line: int,
    text: str,
) -> None:
    # Line 3 is the unit, line 4 <employee>; its children follow one a line (entryDate on 5, …).
    path = write(tmp_path, UNIT + employee(omit=omit, **fields))
    items = read(path)
    (problem,) = of_type(items, Problem)
    assert (problem.row, problem.column) == (line, column)
    assert text in str(problem.message)
    assert problem.file == NAME
    # An employee with a problem yields no records.
    assert of_type(items, PersonRecord) == []
    assert of_type(items, EmploymentRecord) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("TRUE", True), ("1", True), ("false", False), ("", False), ("0", False)],
)
def test_is_manager(tmp_path: pathlib.Path, value: str, expected: bool) -> None:
    (job,) = of_type(read(write(tmp_path, UNIT + employee(isManager=value))), EmploymentRecord)
    assert job.is_manager is expected


def test_ids_from_child_elements_and_agreement_fallback(tmp_path: pathlib.Path) -> None:
    body = " <orgUnit>\n  <id>42</id>\n  <shortName>KORT</shortName>\n </orgUnit>\n"
    body += employee("", employeeId="7009", workContractText="").replace(' id=""', "")
    items = read(write(tmp_path, body))
    assert of_type(items, Problem) == []
    (unit,) = of_type(items, OrgUnitRecord)
    assert (unit.code, unit.name, unit.short_name) == ("42", "KORT", "KORT")
    (job,) = of_type(items, EmploymentRecord)
    assert job.employee_number == "7009"
    assert job.agreement == "08"  # workContract when there is no workContractText


def test_org_unit_problems(tmp_path: pathlib.Path) -> None:
    body = (
        " <orgUnit>\n  <longName>Uden id</longName>\n </orgUnit>\n"  # line 3
        ' <orgUnit id="2">\n  <shortName/>\n </orgUnit>\n'  # line 6
        ' <orgUnit id="3">\n  <longName>X</longName>\n  <startDate>2020-01-01</startDate>\n'
        "  <endDate>2019-01-01</endDate>\n </orgUnit>\n"  # line 9, endDate on 12
    )
    body += UNIT + employee()
    problems = [(p.row, p.column) for p in of_type(read(write(tmp_path, body)), Problem)]
    assert problems == [(3, "id"), (6, "longName"), (12, "endDate")]


def test_leave_with_data_but_no_leave_date_ends_on_the_file_date(tmp_path: pathlib.Path) -> None:
    body = UNIT + employee(attrs=' action="leave"')
    (job,) = of_type(read(write(tmp_path, body)), EmploymentRecord)
    assert (job.end_date, job.end_reason) == (date(2025, 4, 1), "other")


def test_bare_leave_yields_nothing(tmp_path: pathlib.Path) -> None:
    body = UNIT + employee() + ' <employee id="7002" action="leave"/>\n'
    items = read(write(tmp_path, body))
    assert [p.employee_number for p in of_type(items, PersonRecord)] == ["7001"]
    assert of_type(items, Problem) == []


def test_nested_and_unknown_elements_are_ignored(tmp_path: pathlib.Path) -> None:
    body = UNIT + employee().replace(
        "  <orgUnit>1</orgUnit>",
        '  <address protected="true"><street>Hemmelig 1</street></address>\n'
        "  <function><orgUnit>99</orgUnit><name>Rolle</name></function>\n"
        "  <orgUnit>1</orgUnit>\n  <orgUnit>2</orgUnit>",
    )
    body += " <somethingElse><orgUnit id='9'/></somethingElse>\n"
    items = read(write(tmp_path, body))
    assert of_type(items, Problem) == []
    assert len(of_type(items, OrgUnitRecord)) == 1
    (job,) = of_type(items, EmploymentRecord)
    assert job.org_unit_code == "1"  # the first direct child wins; nested ones are not read


# --- file name, encodings, broken XML, safety ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ZLPE20190902224224_delta.xml", date(2019, 9, 2)),
        ("ZLPE20200101_delta.xml", date(2020, 1, 1)),
        ("zlpe20240229235959_delta.XML", date(2024, 2, 29)),
        ("/srv/opus/ZLPE20250131220000_delta.xml", date(2025, 1, 31)),
        ("ZLPE20231301000000_delta.xml", None),  # month 13
        ("opus.xml", None),
        ("ZLPETESTER2_delta.xml", None),
    ],
)
def test_snapshot_date_from_name(name: str, expected: date | None) -> None:
    assert snapshot_date_from_name(name) == expected


def test_name_without_timestamp_falls_back_to_today(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, UNIT + employee(), name="upload.xml")
    assert opus_source(path, today=date(2025, 6, 1)).snapshot_date == date(2025, 6, 1)
    assert opus_source(path).snapshot_date is not None


def test_upload_name_overrides_temporary_path(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, UNIT + employee("7001", firstName="X"), name="tmp1234.xml")
    source = opus_source(path, name="C:\\fakepath/ZLPE20250115000000_delta.xml", keyer=KEYER)
    assert source.file == "ZLPE20250115000000_delta.xml"
    assert source.snapshot_date == date(2025, 1, 15)
    problems = of_type(list(source.read()), Problem)
    assert problems == []


def test_declared_iso_8859_1(tmp_path: pathlib.Path) -> None:
    header = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<kmd>\n'
    body = UNIT + employee(firstName="Søren Ærø", lastName="Åby")
    path = write(tmp_path, body, header=header, encoding="iso-8859-1")
    (person,) = of_type(read(path), PersonRecord)
    assert (person.first_name, person.last_name) == ("Søren Ærø", "Åby")


def test_declared_windows_1252(tmp_path: pathlib.Path) -> None:
    header = '<?xml version="1.0" encoding="windows-1252"?>\n<kmd>\n'
    body = UNIT + employee(position="Pædagog – souschef")
    path = write(tmp_path, body, header=header, encoding="cp1252")
    (job,) = of_type(read(path), EmploymentRecord)
    assert job.job_title == "Pædagog – souschef"


def test_utf8_with_bom(tmp_path: pathlib.Path) -> None:
    path = tmp_path / NAME
    path.write_bytes(
        b"\xef\xbb\xbf" + (HEADER + UNIT + employee(firstName="Øjvind") + "</kmd>").encode("utf-8")
    )
    (person,) = of_type(read(path), PersonRecord)
    assert person.first_name == "Øjvind"


def test_utf16_with_bom(tmp_path: pathlib.Path) -> None:
    header = '<?xml version="1.0" encoding="UTF-16"?>\n<kmd>\n'
    path = write(tmp_path, UNIT + employee(lastName="Ærbøll"), header=header, encoding="utf-16")
    (person,) = of_type(read(path), PersonRecord)
    assert person.last_name == "Ærbøll"
    assert person.row == 4


def test_windows_line_endings_keep_line_numbers(tmp_path: pathlib.Path) -> None:
    path = tmp_path / NAME
    text = HEADER + UNIT + employee(denominator="0") + "</kmd>\n"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    (problem,) = of_type(read(path), Problem)
    assert (problem.row, problem.column) == (17, "denominator")


def test_undeclared_latin_1_is_read_as_latin_1(tmp_path: pathlib.Path) -> None:
    header = "<kmd>\n"
    body = UNIT + employee(firstName="Bjørn")
    path = write(tmp_path, body, header=header, encoding="iso-8859-1")
    (person,) = of_type(read(path), PersonRecord)
    assert person.first_name == "Bjørn"


def test_latin_1_bytes_declared_as_utf8_is_a_problem_with_a_line(tmp_path: pathlib.Path) -> None:
    body = UNIT + employee() + employee("7002", firstName="Bjørn")
    path = write(tmp_path, body, encoding="iso-8859-1")
    items = read(path)
    # The first employee comes through; the problem points at the line of "Bjørn".
    assert [p.employee_number for p in of_type(items, PersonRecord)] == ["7001"]
    (problem,) = of_type(items, Problem)
    assert problem.row == 23
    assert "tegnkodning" in str(problem.message)
    assert "Bj" in path.read_bytes().splitlines()[23 - 1].decode("latin-1")


def test_broken_xml_reports_the_line_and_stops(tmp_path: pathlib.Path) -> None:
    body = UNIT + employee() + ' <employee id="7002">\n  <firstName>A</lastName>\n'
    items = read(write(tmp_path, body))
    problems = of_type(items, Problem)
    assert [(p.row, p.column) for p in problems] == [(20, None)]
    assert "slutmærke" in str(problems[0].message)
    assert len(of_type(items, PersonRecord)) == 1


def test_wrong_root_element(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, UNIT + employee(), header='<?xml version="1.0"?>\n<root>\n')
    path.write_text(path.read_text().replace("</kmd>", "</root>"))
    items = read(path)
    assert [(p.row, p.column) for p in of_type(items, Problem)] == [(2, "root")]
    assert "<kmd>" in str(of_type(items, Problem)[0].message)
    assert len(items) == 1


@pytest.mark.parametrize("content", [b"", b"   \n", b"<?xml version='1.0'?>\n"])
def test_empty_file(tmp_path: pathlib.Path, content: bytes) -> None:
    path = tmp_path / NAME
    path.write_bytes(content)
    (problem,) = read(path)
    assert isinstance(problem, Problem)
    assert "tom" in str(problem.message)


def test_file_without_employees_is_refused(tmp_path: pathlib.Path) -> None:
    items = read(write(tmp_path, UNIT))
    (problem,) = of_type(items, Problem)
    assert problem.column == "employee"
    assert "afslutte alle ansættelser" in str(problem.message)


def test_missing_file() -> None:
    (problem,) = read(pathlib.Path("/nonexistent/ZLPE20250101000000_delta.xml"))
    assert isinstance(problem, Problem)
    assert "kan ikke åbnes" in str(problem.message)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE kmd [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<kmd>
 <orgUnit id="1"><longName>&lol9;</longName></orgUnit>
</kmd>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE kmd [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<kmd><orgUnit id="1"><longName>&secret;</longName></orgUnit></kmd>
"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["laughs", "external"])
def test_doctype_is_refused(tmp_path: pathlib.Path, text: str) -> None:
    path = tmp_path / NAME
    path.write_text(text)
    items = read(path)
    (problem,) = items
    assert isinstance(problem, Problem)
    assert problem.row == 2
    assert "DOCTYPE" in str(problem.message)


# --- streaming -------------------------------------------------------------------------------


def test_twenty_thousand_employees_stream(tmp_path: pathlib.Path) -> None:
    count = 20_000
    path = tmp_path / "ZLPE20250101000000_delta.xml"
    with path.open("w", encoding="utf-8") as stream:
        stream.write(HEADER + UNIT)
        for n in range(count):
            # A CPR number of its own for each: 20,000 people (01-01-1970 … 01-01-1971).
            stream.write(employee(str(100_000 + n), cpr=f"0101{70 + n // 4000}{n % 4000:04d}"))
        stream.write("</kmd>\n")
    size = path.stat().st_size
    assert size > 8_000_000

    source = opus_source(path, keyer=KEYER)
    started = time.perf_counter()
    people = sum(isinstance(item, PersonRecord) for item in source.read())
    elapsed = time.perf_counter() - started
    assert people == count
    assert elapsed < 20  # about 1 s on the project machine

    # Memory stays bounded: after 6,000 employees (over 2 MB of the file) the reader's peak is
    # under 2 MB — what it keeps per person is one small entry of the map that joins the
    # employments of one CPR number (about 150 bytes); a reader that kept its records would be
    # past 3 MB by then.
    tracemalloc.start()
    try:
        stream_items = source.read()
        assert isinstance(next(stream_items), OrgUnitRecord)
        for _ in range(12_000):
            next(stream_items)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000, f"peak {peak} bytes"


def test_modules_are_pure() -> None:
    code = (
        "import sys, charlie.imports.opus, charlie.imports.cpr; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
