"""The bank files (``bank.py``, pure): Charlie's own banks as shipped, the JSON and CSV formats
with every problem at its row and column, and the one check of a question."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import Workbook

from charlie.wellbeing import bank
from charlie.wellbeing.bank import Meta, Option, QuestionDraft

# --- Charlie's own banks --------------------------------------------------------------------


@pytest.fixture(scope="module")
def banks() -> dict[str, bank.BankSpec]:
    return {spec.code: spec for spec in bank.charlie_banks()}


def test_charlie_ships_four_banks_marked_as_its_own(banks):
    assert set(banks) == {"trivsel", "apv", "puls", "introduktion"}
    assert {b.kind for b in banks.values()} == {"wellbeing", "apv", "pulse", "onboarding"}
    for spec in banks.values():
        assert spec.origin == bank.ORIGIN_CHARLIE
        assert "ikke et valideret instrument" in spec.description
        # Danish and English, every text.
        assert spec.name_en
        assert all(d.name and d.name_en for d in spec.dimensions)
        assert all(q.text and q.text_en for q in spec.questions)
        assert all(o.label and o.label_en for q in spec.questions for o in q.options)
        assert all(bool(q.help_text) == bool(q.help_text_en) for q in spec.questions)


def test_the_trivsel_bank_covers_the_psychosocial_dimensions(banks):
    trivsel = banks["trivsel"]
    likert = [q for q in trivsel.questions if q.kind == "likert"]
    assert 30 <= len(likert) <= 40
    codes = {d.code for d in trivsel.dimensions}
    assert {
        "krav",
        "indflydelse",
        "mening",
        "forudsigelighed",
        "anerkendelse",
        "stoette-kolleger",
        "stoette-leder",
        "tillid",
        "retfaerdighed",
        "ledelse",
        "balance",
        "kraenkende-adfaerd",
    } <= codes
    # Offensive behaviour: a sensitive dimension of frequency single choices — bullying,
    # sexual harassment, violence and threats — and every question in it is sensitive.
    offensive = [q for q in trivsel.questions if q.dimension == "kraenkende-adfaerd"]
    assert [q.code for q in offensive] == [
        "kraenkende-mobning",
        "kraenkende-seksuel",
        "kraenkende-vold",
        "kraenkende-trusler",
    ]
    assert all(q.kind == "single" and q.sensitive for q in offensive)
    assert all(q.options == bank.SCALES["udsat"] for q in offensive)
    assert next(d for d in trivsel.dimensions if d.code == "kraenkende-adfaerd").sensitive
    assert [q.kind for q in trivsel.questions].count("text") == 1
    # Only the offensive behaviour questions are sensitive.
    assert {q.code for q in trivsel.questions if q.sensitive} == {q.code for q in offensive}
    # Respondents see the free text last, after the dimensions.
    assert trivsel.questions[-1].kind == "text"


def test_the_apv_bank_adds_the_physical_environment_and_never_asks_about_sickness(banks):
    apv, trivsel = banks["apv"], banks["trivsel"]
    psychosocial = {q.code for q in trivsel.questions if q.kind != "text"}
    assert psychosocial <= {q.code for q in apv.questions}
    assert {"indeklima", "stoej", "belysning", "ergonomi", "loeft", "kemi", "ulykker"} <= {
        d.code for d in apv.dimensions
    }
    for q in apv.questions:
        assert "sygefravær" not in q.text.lower()
        assert "syg" not in q.code


def test_pulse_has_five_items_and_onboarding_a_free_text(banks):
    assert len(banks["puls"].questions) == 5
    assert all(q.kind == "likert" for q in banks["puls"].questions)
    kinds = [q.kind for q in banks["introduktion"].questions]
    assert kinds[-1] == "text" and kinds.count("likert") >= 5


def test_every_shipped_question_has_a_unique_code_and_a_scale_of_five(banks):
    for spec in banks.values():
        codes = [q.code for q in spec.questions]
        assert len(codes) == len(set(codes))
        for q in spec.questions:
            if q.kind == "likert":
                assert [o.value for o in q.options] == [1, 2, 3, 4, 5]


def test_a_shipped_bank_reads_back_from_its_own_json(banks):
    for spec in banks.values():
        again = bank.parse_json("x.json", bank.to_json(spec).encode())
        assert again.problems == []
        assert again.bank == spec


# --- One question ------------------------------------------------------------------------------


def _fields(problems):
    return {name for name, _m, _p in problems}


def test_a_scale_without_options_gets_the_degree_scale_and_a_named_scale_its_options():
    spec, problems = bank.check_question(QuestionDraft(code="a", text="A?", kind="likert"))
    assert problems == [] and spec is not None
    assert spec.options == bank.SCALES["grad"]
    spec, _p = bank.check_question(
        QuestionDraft(code="a", text="A?", kind="likert", scale="hyppighed", reverse=True)
    )
    assert spec is not None and spec.options[4].label == "Altid" and spec.reverse


@pytest.mark.parametrize(
    ("draft", "fields"),
    [
        # A scale has exactly five options valued 1–5 in order.
        (
            QuestionDraft(
                code="a",
                text="A?",
                kind="likert",
                options=(Option(1, "Nej"), Option(2, "Ja")),
            ),
            {"options"},
        ),
        # A choice has at least two options, distinct values, Danish labels.
        (
            QuestionDraft(code="a", text="A?", kind="single", options=(Option(1, "Ja"),)),
            {"options"},
        ),
        (
            QuestionDraft(
                code="a", text="A?", kind="multiple", options=(Option(1, "Ja"), Option(1, "Nej"))
            ),
            {"options"},
        ),
        (
            QuestionDraft(
                code="a", text="A?", kind="single", options=(Option(1, "Ja"), Option(2, ""))
            ),
            {"options"},
        ),
        # A number has both bounds, the larger last.
        (QuestionDraft(code="a", text="A?", kind="number", minimum=0), {"maximum"}),
        (QuestionDraft(code="a", text="A?", kind="number", minimum=5, maximum=5), {"maximum"}),
        # Options, bounds and reversing belong to their kinds only.
        (QuestionDraft(code="a", text="A?", kind="text", scale="grad"), {"options"}),
        (QuestionDraft(code="a", text="A?", kind="text", minimum=1), {"minimum"}),
        (
            QuestionDraft(code="a", text="A?", kind="single", scale="udsat", reverse=True),
            {"reverse"},
        ),
        (QuestionDraft(code="a", text="A?", kind="likert", scale="skala-x"), {"scale"}),
        # The code, the text and the kind.
        (QuestionDraft(code="Æble 1", text="A?", kind="text"), {"code"}),
        (QuestionDraft(code="a", text="", kind="text"), {"text"}),
        (QuestionDraft(code="a", text="A?", kind=""), {"kind"}),
        (QuestionDraft(code="a", text="A?", kind="slider"), {"kind"}),
        (QuestionDraft(code="a", text="A?", kind="text", help_text="x" * 301), {"help_text"}),
        (QuestionDraft(code="a", text="Ring til 010170-1234", kind="text"), {"text"}),
    ],
)
def test_a_question_the_rules_refuse(draft, fields):
    spec, problems = bank.check_question(draft)
    assert spec is None
    assert _fields(problems) == fields


def test_a_number_with_bounds_and_a_free_text_pass():
    spec, problems = bank.check_question(
        QuestionDraft(code="vagter", text="Vagter?", kind="number", minimum=0, maximum=40)
    )
    assert problems == [] and spec is not None and (spec.minimum, spec.maximum) == (0, 40)
    spec, problems = bank.check_question(QuestionDraft(code="ord", text="Andet?", kind="text"))
    assert problems == [] and spec is not None and spec.options == ()


def test_options_from_lines_keep_given_values_and_pair_the_english():
    options, problems = bank.read_options(["Ja", "Nej", ""], ["Yes", "No"])
    assert problems == []
    assert options == (Option(1, "Ja", "Yes"), Option(2, "Nej", "No"))
    options, problems = bank.read_options(["0 = Nej", "1 = Ja"], ["0 = No", "Yes"])
    assert options == (Option(0, "Nej", "No"), Option(1, "Ja", "Yes"))
    _o, problems = bank.read_options(["0 = Nej", "Ja"], [])
    assert _fields(problems) == {"options"}
    _o, problems = bank.read_options(["Ja", "Nej"], ["Yes"])
    assert _fields(problems) == {"options_en"}
    # And back: values are written only when they are not 1, 2, 3 …
    assert bank.option_lines((Option(1, "Ja", "Yes"), Option(2, "Nej", "No"))) == (
        "Ja\nNej",
        "Yes\nNo",
    )
    assert bank.option_lines((Option(0, "Nej"), Option(1, "Ja"))) == ("0 = Nej\n1 = Ja", "\n")


# --- JSON ---------------------------------------------------------------------------------------

EXAMPLE = {
    "format": "charlie-questionnaire/1",
    "code": "apv-skoler",
    "name": "APV for skoler",
    "name_en": "Workplace assessment for schools",
    "kind": "apv",
    "description": "Skolernes egne spørgsmål.",
    "dimensions": [
        {
            "code": "stoej",
            "name": "Støj",
            "name_en": "Noise",
            "questions": [
                {
                    "code": "stoej-1",
                    "kind": "likert",
                    "scale": "hyppighed",
                    "reverse": True,
                    "text": "Hvor ofte er du generet af støj i klassen?",
                    "text_en": "How often are you bothered by noise in class?",
                },
            ],
        },
        {
            "code": "vold",
            "name": "Vold og trusler",
            "sensitive": True,
            "questions": [
                {
                    "code": "vold-1",
                    "kind": "single",
                    "scale": "udsat",
                    "text": "Har du været udsat for vold fra en elev det seneste år?",
                }
            ],
        },
    ],
    "questions": [
        {
            "code": "fag",
            "kind": "multiple",
            "text": "Hvilke fag underviser du i?",
            "options": [
                {"value": 1, "label": "Dansk", "label_en": "Danish"},
                {"value": 2, "label": "Matematik", "label_en": "Mathematics"},
            ],
        },
        {"code": "lektioner", "kind": "number", "min": 0, "max": 40, "text": "Lektioner?"},
        {"code": "forslag", "kind": "text", "text": "Har du forslag?", "required": False},
    ],
}


def _json(document) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def test_the_documented_json_example_reads_whole():
    parsed = bank.parse_file("apv.json", _json(EXAMPLE))
    assert parsed.problems == []
    spec = parsed.bank
    assert spec is not None and spec.code == "apv-skoler" and spec.kind == "apv"
    assert [q.code for q in spec.questions] == ["stoej-1", "vold-1", "fag", "lektioner", "forslag"]
    assert [q.dimension for q in spec.questions] == ["stoej", "vold", "", "", ""]
    # A question in a sensitive dimension is sensitive.
    assert spec.questions[1].sensitive and not spec.questions[0].sensitive
    assert spec.questions[2].options[1] == Option(2, "Matematik", "Mathematics")
    assert (spec.questions[3].minimum, spec.questions[3].maximum) == (0, 40)
    # And it writes back to the same questionnaire.
    assert bank.parse_json("again.json", bank.to_json(spec).encode()).bank == spec


def _problems(parsed):
    return {
        (p.row, p.column, p.message % p.params if p.params else p.message) for p in parsed.problems
    }


def test_every_problem_in_a_json_file_at_its_question_and_field():
    document = json.loads(json.dumps(EXAMPLE))
    document["kind"] = "spørgeskema"
    document["dimensions"][0]["questions"][0]["scale"] = "ofte"
    document["dimensions"][1]["questions"][0]["code"] = "stoej-1"
    document["questions"][0]["options"][1]["value"] = "2"
    document["questions"][1]["max"] = -1
    document["questions"][2]["txt"] = "stavefejl"
    parsed = bank.parse_file("apv.json", _json(document))
    assert parsed.bank is None
    found = {(p.row, p.column) for p in parsed.problems}
    assert found == {
        (None, "kind"),
        (1, "dimensions[1].questions[1].scale"),
        (2, "dimensions[2].questions[1].code"),
        (3, "questions[1].options[2].value"),
        (4, "questions[2].max"),
        (5, "questions[3].txt"),
    }
    duplicate = next(p for p in parsed.problems if p.row == 2)
    assert duplicate.params == {
        "code": "stoej-1",
        "other": 1,
        "place": "dimensions[1].questions[1]",
    }


def test_a_json_syntax_error_names_its_line_and_character():
    parsed = bank.parse_file("x.json", b'{\n  "code": "a",\n  "name": \n}')
    assert [(p.row, p.column) for p in parsed.problems] == [(4, "tegn 1")]


def test_a_json_file_brings_its_own_code_and_a_csv_file_needs_one():
    parsed = bank.parse_file("apv.json", _json(EXAMPLE), Meta(code="andet"))
    assert parsed.bank is None and parsed.problems[0].row is None
    parsed = bank.parse_file("x.csv", b"kode;sp\xc3\xb8rgsm\xc3\xa5l;type\na;A?;fritekst\n", Meta())
    assert {p.column for p in parsed.problems} == {"kode", "navn", "type"}


# --- CSV ----------------------------------------------------------------------------------------

CSV = (
    "dimension;dimension_navn;dimension_navn_en;dimension_krænkende;kode;spørgsmål;spørgsmål_en;"
    "hjælpetekst;hjælpetekst_en;type;svarmuligheder;svarmuligheder_en;omvendt;min;maks;"
    "skal_besvares;krænkende\n"
    "samarbejde;Samarbejde;Cooperation;;samarbejde-1;Hjælper I hinanden?;Do you help each "
    "other?;;;skala;grad;;;;;;\n"
    "samarbejde;;;;samarbejde-2;Hvor ofte er der travlt?;How often is it busy?;;;skala;hyppighed;"
    ";ja;;;;\n"
    ";;;;vagter;Hvor mange vagter?;How many shifts?;;;tal;;;;0;40;ja;\n"
    ";;;;udsat;Er du blevet truet?;;;;ét svar;0=Nej|1=Ja;No|Yes;;;;;ja\n"
    ";;;;ord;Er der andet?;Anything else?;;;fritekst;;;;;;;\n"
)
META = Meta(code="egen-trivsel", name="Egen trivsel", kind="trivsel")


def test_the_documented_csv_example_reads_whole():
    parsed = bank.parse_file("egen.csv", CSV.encode(), META)
    assert parsed.problems == []
    spec = parsed.bank
    assert spec is not None and spec.kind == "wellbeing" and spec.code == "egen-trivsel"
    assert [d.code for d in spec.dimensions] == ["samarbejde"]
    assert spec.dimensions[0].name_en == "Cooperation"
    by_code = {q.code: q for q in spec.questions}
    assert by_code["samarbejde-2"].reverse and by_code["samarbejde-2"].options[0].label == "Aldrig"
    assert by_code["vagter"].required and by_code["vagter"].maximum == 40
    assert by_code["udsat"].options == (Option(0, "Nej", "No"), Option(1, "Ja", "Yes"))
    assert by_code["udsat"].sensitive and by_code["udsat"].kind == "single"
    # CSV out and in again: the same questions (the code and name travel beside the file).
    again = bank.parse_file("x.csv", bank.to_csv(spec).encode(), META)
    assert again.problems == [] and again.bank == spec


def test_every_problem_in_a_csv_file_at_its_row_and_column():
    rows = CSV.splitlines()
    rows[1] = rows[1].replace(";Samarbejde;", ";;")  # a dimension without a name
    rows[2] = rows[2].replace(";Hvor ofte er der travlt?;", ";;")  # no text
    rows[3] = rows[3].replace(";0;40;ja;", ";40;0;måske;")  # bounds the wrong way, not yes/no
    rows[4] = rows[4].replace("0=Nej|1=Ja;No|Yes", "0=Nej|Ja;")  # values on some options only
    rows[5] = rows[5].replace(";ord;", ";vagter;")  # a code used twice
    parsed = bank.parse_file("egen.csv", "\n".join(rows).encode(), META)
    assert parsed.bank is None
    assert {(p.row, p.column) for p in parsed.problems} == {
        (2, "dimension_navn"),
        (3, "spørgsmål"),
        (4, "maks"),
        (4, "skal_besvares"),
        (5, "svarmuligheder"),
        (6, "kode"),
    }


def test_an_unknown_or_missing_column_stops_at_the_header():
    parsed = bank.parse_file("x.csv", b"kode;tekst;farve\na;A?;bl\xc3\xa5\n", META)
    assert {(p.row, p.column) for p in parsed.problems} == {(1, None), (1, "farve")}
    missing = next(p for p in parsed.problems if p.column is None)
    assert missing.params == {"columns": "type"}


def test_windows_1252_commas_and_english_headers_are_read():
    text = "code,question,question_en,kind,options\nq1,Trives du?,Do you thrive?,scale,\n"
    parsed = bank.parse_file("x.csv", text.encode("cp1252"), META)
    assert parsed.problems == [] and parsed.bank is not None
    assert parsed.bank.questions[0].options == bank.SCALES["grad"]
    danish = "kode;spørgsmål;type\nq1;Hvordan går det på kontoret?;fritekst\n"
    parsed = bank.parse_file("x.csv", danish.encode("cp1252"), META)
    assert parsed.bank is not None and parsed.bank.questions[0].text.endswith("kontoret?")


def test_the_same_columns_in_an_excel_workbook():
    book = Workbook()
    sheet = book.active
    sheet.append(["kode", "spørgsmål", "type", "min", "maks"])
    sheet.append(["vagter", "Hvor mange vagter?", "tal", 0, 40])
    buffer = io.BytesIO()
    book.save(buffer)
    parsed = bank.parse_file("x.xlsx", buffer.getvalue(), META)
    assert parsed.problems == [] and parsed.bank is not None
    assert parsed.bank.questions[0].maximum == 40


def test_an_empty_file_and_a_file_without_questions():
    assert [p.message for p in bank.parse_file("x.csv", b"", META).problems] == ["Filen er tom."]
    parsed = bank.parse_file("x.csv", "kode;spørgsmål;type\n".encode(), META)
    assert [p.message for p in parsed.problems] == ["Spørgeskemaet har ingen spørgsmål."]


def test_a_file_too_large_is_refused_unread():
    parsed = bank.parse_file("x.csv", b"x" * (bank.MAX_FILE_BYTES + 1), META)
    assert parsed.bank is None and len(parsed.problems) == 1


def test_a_csv_cell_neutralised_by_charlies_writer_reads_back():
    spec = bank.BankSpec(
        code="a",
        name="A",
        kind="other",
        questions=(bank.QuestionSpec(code="q", text="-5 grader om vinteren?", kind="text"),),
    )
    written = bank.to_csv(spec)
    assert "'-5 grader" in written
    parsed = bank.parse_file("a.csv", written.encode(), Meta(code="a", name="A", kind="other"))
    assert parsed.bank == spec
