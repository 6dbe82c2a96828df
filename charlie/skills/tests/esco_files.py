"""Small ESCO packages in the official CSV format (the columns and quoting of ESCO's own
download, v1.2), written by the tests: a multi-line label, an extra column and, on request,
bad rows."""

from __future__ import annotations

import csv
from pathlib import Path

ESCO = "http://data.europa.eu/esco"
OCC_HEADER = [
    "conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels",
    "status", "modifiedDate", "regulatedProfessionNote", "scopeNote", "definition", "inScheme",
    "description", "code", "naceCode",
]  # fmt: skip
SKILL_HEADER = [
    "conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels",
    "hiddenLabels", "status", "modifiedDate", "scopeNote", "definition", "inScheme",
    "description",
]  # fmt: skip
REL_HEADER = [
    "occupationUri", "occupationLabel", "relationType", "skillType", "skillUri", "skillLabel",
]  # fmt: skip


def occ(n: int) -> str:
    return f"{ESCO}/occupation/occ-{n}"


def sk(n: int) -> str:
    return f"{ESCO}/skill/skill-{n}"


def write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, quoting=csv.QUOTE_MINIMAL)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in header})


def package(
    folder: Path,
    lang: str = "da",
    *,
    occupations: list[dict[str, str]] | None = None,
    skills: list[dict[str, str]] | None = None,
    relations: list[dict[str, str]] | None = None,
) -> Path:
    """Two occupations, four skills (one with a label over two lines), five relations."""
    folder.mkdir(parents=True, exist_ok=True)
    write(
        folder / f"occupations_{lang}.csv",
        OCC_HEADER,
        occupations
        if occupations is not None
        else [
            {
                "conceptType": "Occupation",
                "conceptUri": occ(1),
                "iscoGroup": "5322",
                "preferredLabel": "social- og sundhedshjælper",
                "altLabels": "sosu-hjælper\nhjemmehjælper",
                "description": "Hjælper ældre i eget hjem.",
                "code": "5322.1",
                "naceCode": "Q88",
            },
            {
                "conceptType": "Occupation",
                "conceptUri": occ(2),
                "iscoGroup": "2221",
                "preferredLabel": "sygeplejerske",
                "description": "Sygepleje.",
                "code": "2221.1",
            },
        ],
    )
    write(
        folder / f"skills_{lang}.csv",
        SKILL_HEADER,
        skills
        if skills is not None
        else [
            {
                "conceptType": "KnowledgeSkillCompetence",
                "conceptUri": sk(1),
                "skillType": "skill/competence",
                "reuseLevel": "sector-specific",
                "preferredLabel": "hjælpe patienter med\nat flytte sig",
                "description": "Forflytning.",
            },
            {
                "conceptType": "KnowledgeSkillCompetence",
                "conceptUri": sk(2),
                "skillType": "skill/competence",
                "reuseLevel": "occupation-specific",
                "preferredLabel": "administrere medicin",
                "description": 'Medicin, "korrekt".',
            },
            {
                "conceptType": "KnowledgeSkillCompetence",
                "conceptUri": sk(3),
                "skillType": "knowledge",
                "reuseLevel": "cross-sector",
                "preferredLabel": "demens",
                "description": "",
            },
            {
                "conceptType": "KnowledgeSkillCompetence",
                "conceptUri": sk(4),
                "skillType": "skill/competence",
                "reuseLevel": "transversal",
                "preferredLabel": "kommunikere med kolleger",
                "description": "",
            },
        ],
    )
    write(
        folder / f"occupationSkillRelations_{lang}.csv",
        REL_HEADER,
        relations
        if relations is not None
        else [
            {"occupationUri": occ(1), "relationType": "essential", "skillUri": sk(1)},
            {"occupationUri": occ(1), "relationType": "essential", "skillUri": sk(3)},
            {"occupationUri": occ(1), "relationType": "optional", "skillUri": sk(4)},
            {"occupationUri": occ(2), "relationType": "essential", "skillUri": sk(2)},
            {"occupationUri": occ(2), "relationType": "optional", "skillUri": sk(1)},
        ],
    )
    return folder
