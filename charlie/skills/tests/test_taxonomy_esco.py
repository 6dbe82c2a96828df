"""The ESCO import (issue 13, point 1): the pure reader and checker, the import service and
``charlie skills import-esco``, on small packages in the official format (esco_files.py)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from charlie.core.roles import Role
from charlie.people.services import operator_access
from charlie.skills import esco
from charlie.skills.models import Occupation, OccupationSkill, Skill, SkillSource
from charlie.skills.services import taxonomy
from charlie.skills.tests import esco_files as ef

# --- The pure reader ----------------------------------------------------------------------------


def test_reads_a_package_with_multiline_labels_and_extra_columns(tmp_path: Path) -> None:
    package = esco.read_package(ef.package(tmp_path))
    assert package.ok, package.problems
    assert [o.isco_group for o in package.occupations] == ["5322", "2221"]
    first = package.skills[0]
    assert first.name == "hjælpe patienter med\nat flytte sig"  # one record over two lines
    assert first.kind == "skill/competence, sector-specific"
    assert package.skills[1].description == 'Medicin, "korrekt".'
    assert package.relations[(ef.occ(1), ef.sk(1))] is True
    assert package.relations[(ef.occ(1), ef.sk(4))] is False
    assert len(package.relations) == 5


def test_any_language_and_a_byte_order_mark(tmp_path: Path) -> None:
    folder = ef.package(tmp_path, "en")
    path = folder / "skills_en.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    package = esco.read_package(folder)
    assert package.ok, package.problems
    assert package.files["skills"] == "skills_en.csv"


def test_columns_in_another_order(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    ef.write(
        folder / "occupations_da.csv",
        ["code", "preferredLabel", "iscoGroup", "conceptUri"],
        [{"code": "1", "preferredLabel": "a", "iscoGroup": "1111", "conceptUri": ef.occ(9)}],
    )
    ef.write(
        folder / "skills_da.csv",
        ["preferredLabel", "conceptUri"],
        [{"preferredLabel": "b", "conceptUri": ef.sk(9)}],
    )
    ef.write(
        folder / "occupationSkillRelations_da.csv",
        ["skillUri", "relationType", "occupationUri"],
        [{"skillUri": ef.sk(9), "relationType": "optional", "occupationUri": ef.occ(9)}],
    )
    package = esco.read_package(folder)
    assert package.ok, package.problems
    assert package.skills[0].kind == ""


def test_every_problem_with_file_row_and_column(tmp_path: Path) -> None:
    folder = ef.package(
        tmp_path,
        occupations=[
            {"conceptUri": ef.occ(1), "iscoGroup": "53", "preferredLabel": "a"},
            {"conceptUri": ef.occ(1), "iscoGroup": "5322", "preferredLabel": "dublet"},
            {"conceptUri": "ikke-en-uri", "iscoGroup": "5322", "preferredLabel": ""},
            {"conceptUri": ef.occ(3), "iscoGroup": "5322", "preferredLabel": "god"},
        ],
        relations=[
            {"occupationUri": ef.occ(3), "relationType": "essential", "skillUri": ef.sk(1)},
            {"occupationUri": ef.occ(7), "relationType": "required", "skillUri": ef.sk(8)},
        ],
    )
    package = esco.read_package(folder)
    problems = {(p.file, p.row, p.column) for p in package.problems}
    assert problems == {
        ("occupations_da.csv", 2, "iscoGroup"),
        ("occupations_da.csv", 3, "conceptUri"),  # the same URI as row 2
        ("occupations_da.csv", 4, "conceptUri"),
        ("occupations_da.csv", 4, "preferredLabel"),
        ("occupationSkillRelations_da.csv", 3, "occupationUri"),
        ("occupationSkillRelations_da.csv", 3, "skillUri"),
        ("occupationSkillRelations_da.csv", 3, "relationType"),
    }
    assert "række 2, kolonne iscoGroup" in str(package.problems[0])


def test_missing_file_and_missing_column(tmp_path: Path) -> None:
    folder = ef.package(tmp_path)
    (folder / "skills_da.csv").unlink()
    _paths, problems = esco.find_files(folder)
    assert [p.file for p in problems] == ["skills_<sprog>.csv"]
    folder = ef.package(tmp_path / "b")
    ef.write(folder / "skills_da.csv", ["conceptUri", "label"], [])
    package = esco.read_package(folder)
    assert [(p.file, p.row) for p in package.problems] == [("skills_da.csv", 1)]
    assert "preferredLabel" in package.problems[0].message


def test_two_languages_in_one_folder_is_a_problem(tmp_path: Path) -> None:
    folder = ef.package(tmp_path)
    ef.package(folder, "en")
    _paths, problems = esco.find_files(folder)
    assert len(problems) == 3


# --- The import ---------------------------------------------------------------------------------

pytestmark_db = pytest.mark.django_db


def hr():  # type: ignore[no-untyped-def]
    return operator_access(Role.HR)


@pytest.mark.django_db
def test_import_writes_everything_and_again_changes_nothing(tmp_path: Path) -> None:
    folder = ef.package(tmp_path)
    result = taxonomy.import_esco(hr(), folder)
    assert result.ok
    assert result.counts["skills_new"] == 4
    assert result.counts["relations_new"] == 5
    assert Occupation.objects.get(uri=ef.occ(1)).isco_group == "5322"
    assert Skill.objects.filter(source=SkillSource.ESCO).count() == 4
    assert OccupationSkill.objects.filter(essential=True).count() == 3

    again = taxonomy.import_esco(hr(), folder)
    assert again.counts == {**again.counts, "skills_new": 0, "skills_changed": 0,
                            "occupations_new": 0, "relations_new": 0, "relations_changed": 0,
                            "relations_removed": 0}  # fmt: skip
    assert Skill.objects.filter(source=SkillSource.ESCO).count() == 4
    assert OccupationSkill.objects.count() == 5


@pytest.mark.django_db
def test_reimport_updates_labels_adds_new_and_follows_relations(tmp_path: Path) -> None:
    taxonomy.import_esco(hr(), ef.package(tmp_path / "v1"))
    v2 = ef.package(
        tmp_path / "v2",
        skills=[
            {"conceptUri": ef.sk(1), "preferredLabel": "forflytning"},
            {"conceptUri": ef.sk(2), "preferredLabel": "administrere medicin"},
            {"conceptUri": ef.sk(5), "preferredLabel": "velfærdsteknologi"},
        ],
        relations=[
            {"occupationUri": ef.occ(1), "relationType": "optional", "skillUri": ef.sk(1)},
            {"occupationUri": ef.occ(1), "relationType": "essential", "skillUri": ef.sk(5)},
        ],
    )
    result = taxonomy.import_esco(hr(), v2)
    assert result.ok
    assert result.counts["skills_new"] == 1
    assert result.counts["relations_changed"] == 1
    assert Skill.objects.get(uri=ef.sk(1)).name == "forflytning"
    # The skills no longer in the package stay (assessments may use them).
    assert Skill.objects.filter(uri=ef.sk(3)).exists()
    pairs = set(OccupationSkill.objects.values_list("occupation__uri", "skill__uri", "essential"))
    assert pairs == {(ef.occ(1), ef.sk(1), False), (ef.occ(1), ef.sk(5), True)}


@pytest.mark.django_db
def test_a_bad_row_writes_nothing(tmp_path: Path) -> None:
    folder = ef.package(tmp_path)
    with (folder / "occupationSkillRelations_da.csv").open("a", encoding="utf-8") as f:
        f.write(f"{ef.occ(1)},x,sometimes,,{ef.sk(2)},y\n")
    result = taxonomy.import_esco(hr(), folder)
    assert not result.ok
    assert [(p.row, p.column) for p in result.problems] == [(7, "relationType")]
    assert not Skill.objects.filter(source=SkillSource.ESCO).exists()
    assert not Occupation.objects.exists()


@pytest.mark.django_db
def test_dry_run_counts_and_writes_nothing(tmp_path: Path) -> None:
    result = taxonomy.import_esco(hr(), ef.package(tmp_path), dry_run=True)
    assert result.ok and result.dry_run
    assert result.counts["skills_new"] == 4
    assert result.counts["relations_new"] == 5
    assert not Occupation.objects.exists()


@pytest.mark.django_db
def test_only_hr_may_import(tmp_path: Path) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        taxonomy.import_esco(operator_access(Role.ANALYST), ef.package(tmp_path))


# --- The command --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_imports_with_progress(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = StringIO()
    call_command("skills", "import-esco", str(ef.package(tmp_path)), stdout=out)
    assert "2 erhverv (2 nye" in out.getvalue()
    assert "Kompetencer læst: 4" in capsys.readouterr().err
    assert Occupation.objects.count() == 2


@pytest.mark.django_db
def test_command_dry_run_and_problems(tmp_path: Path) -> None:
    out = StringIO()
    call_command("skills", "import-esco", str(ef.package(tmp_path)), "--dry-run", stdout=out)
    assert "Tørkørsel" in out.getvalue()
    assert not Occupation.objects.exists()
    bad = ef.package(
        tmp_path / "bad",
        relations=[{"occupationUri": ef.occ(1), "relationType": "x", "skillUri": ef.sk(1)}],
    )
    out = StringIO()
    with pytest.raises(CommandError, match="1 fejl"):
        call_command("skills", "import-esco", str(bad), stdout=out)
    assert "række 2, kolonne relationType" in out.getvalue()


def test_the_benchmark_package_is_in_the_official_format(tmp_path: Path) -> None:
    """``benchmarks/bench_esco.py`` generates what this reader accepts, so its figures are
    figures of the real import path."""
    from benchmarks import bench_esco

    bench_esco.generate(tmp_path, occupations=30, skills=140, relations=1300)
    package = esco.read_package(tmp_path)
    assert package.ok, package.problems[:3]
    assert (len(package.occupations), len(package.skills), len(package.relations)) == (
        30,
        140,
        1300,
    )
    assert any("\n" in s.name for s in package.skills)
