"""``charlie portfolio business-case FILE --format json|text`` with the documented JSON and CSV
shapes (docs/portfolio-business-cases.md)."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from charlie.portfolio.models import Rates

pytestmark = pytest.mark.django_db

EXAMPLE_JSON = {
    "first_year": 2027,
    "horizon": 5,
    "lines": [
        {"kind": "investment", "label": "Licens og implementering", "amounts": [1_000_000]},
        {
            "kind": "benefit",
            "label": "Sparet porto",
            "amounts": [0, 350_000, 350_000, 350_000, 350_000],
        },
    ],
}

EXAMPLE_CSV = """first_year,2027
horizon,5
kind,label,year0,year1,year2,year3,year4
investment,Licens og implementering,1000000,0,0,0,0
benefit,Sparet porto,0,350000,350000,350000,350000
"""

DANISH_CSV = """first_year;2027
horizon;5
kind;label;år 0;år 1;år 2;år 3;år 4
investment;Licens og implementering;1.000.000;0;0;0;0
low;;900.000
high;;1.300.000
benefit;Sparet porto;0;350.000;350.000;350.000;350.000
"""


def figures(path: Path, *args: str) -> dict:
    out = io.StringIO()
    call_command("portfolio", "business-case", str(path), "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_json_file_gives_npv_payback_early_gains_and_sensitivity(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(EXAMPLE_JSON), encoding="utf-8")
    result = figures(path)
    assert result["npv"] == 285_578
    assert result["payback_year"] == 2030
    assert result["discounted_payback_year"] == 2031
    assert result["early_gains"] == 0
    assert [(row["case"], row["npv"]) for row in result["sensitivity"]] == [
        ("base", 285_578),
        ("benefits_minus_25", -35_817),
        ("costs_plus_25", 35_578),
        ("both", -285_817),
        ("delay_one_year", -52_587),
    ]
    assert result["three_point"] is None
    assert len(result["years"]) == 5


def test_csv_gives_the_same_figures_as_json(tmp_path):
    plain = tmp_path / "case.csv"
    plain.write_text(EXAMPLE_CSV, encoding="utf-8")
    as_json = tmp_path / "case.json"
    as_json.write_text(json.dumps(EXAMPLE_JSON), encoding="utf-8")
    assert figures(plain) == figures(as_json)


def test_danish_csv_with_three_point_rows(tmp_path):
    path = tmp_path / "case.csv"
    path.write_text(DANISH_CSV, encoding="utf-8-sig")
    result = figures(path)
    assert result["npv"] == 285_578
    # Investment 900,000 / 1,000,000 / 1,300,000: PERT (900,000 + 4,000,000 + 1,300,000)/6 =
    # 1,033,333.33, so 285,577.72 − 33,333.33 = 252,244; pessimistic 285,577.72 − 300,000;
    # optimistic 285,577.72 + 100,000.
    assert result["three_point"] == {
        "expected": 252_244,
        "pessimistic": -14_422,
        "optimistic": 385_578,
    }


def test_flags_set_what_the_file_leaves_out_and_override_rates(tmp_path):
    path = tmp_path / "case.csv"
    path.write_text(
        "kind,label,y0,y1\nstaff_hours,Projekt,100,0\nhours_saved,Sagsbehandling,0,1000\n",
        encoding="utf-8",
    )
    result = figures(
        path, "--first-year", "2030", "--horizon", "2", "--rate", "0", "--hourly-rate", "500"
    )
    assert result["first_year"] == 2030
    assert result["npv"] == -100 * 500 + 1000 * 500
    assert result["rates"]["hourly_rate"] == 500


def test_saved_rates_are_used_unless_default_rates(tmp_path):
    Rates.objects.create(hourly_rate=Decimal("600"))
    path = tmp_path / "case.csv"
    path.write_text(
        "first_year,2027\nhorizon,1\nrate,0\nkind,label,y0\nhours_saved,Timer,10\n",
        encoding="utf-8",
    )
    assert figures(path)["npv"] == 6_000
    assert figures(path, "--default-rates")["npv"] == 4_500


def test_text_format_is_danish(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(EXAMPLE_JSON), encoding="utf-8")
    out = io.StringIO()
    call_command("portfolio", "business-case", str(path), "--format", "text", stdout=out)
    text = out.getvalue()
    assert "Nutidsværdi (NPV):           285.578 kr." in text
    assert "Gevinster et år forsinket" in text
    assert "2030" in text


def test_every_problem_is_listed_with_its_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "first_year,2027\nhorizon,3\nfarve,blå\nkind,label,y0,y1,y2\n"
        "investment,Licens,100,x,3,4\ngave,Noget,1\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as caught:
        figures(path)
    assert "række 3: 'farve' er hverken" in str(caught.value)
    path.write_text(
        "first_year,2027\nhorizon,3\nkind,label,y0,y1,y2\ninvestment,Licens,100,x,3,4\ngave,Noget,1\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as caught:
        figures(path)
    message = str(caught.value)
    assert "- række 4, amounts: 4 år, men horisonten er 3 år" in message
    assert "- række 4, amounts, år 1: 'x' er ikke et tal" in message
    assert "- række 5, kind: 'gave' er ikke en af" in message


def test_bad_json_says_where(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"first_year": 2027,\n "horizon": }', encoding="utf-8")
    with pytest.raises(CommandError, match="linje 2, kolonne 13: ugyldig JSON"):
        figures(path)
    with pytest.raises(CommandError, match="filen findes ikke"):
        figures(tmp_path / "none.json")
