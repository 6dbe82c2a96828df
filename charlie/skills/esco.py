"""Reading and checking the official ESCO CSV download (issue 13, point 1), pure: the standard
library only, never Django.

ESCO (European Skills, Competences, Qualifications and Occupations, the European Commission)
publishes its classification as a zip of CSV files per language: ``occupations_<lang>.csv``,
``skills_<lang>.csv`` and ``occupationSkillRelations_<lang>.csv`` among others. Charlie reads
these three, found by their prefix so any language works (the municipality downloads the Danish
package itself; nothing is fetched at run time):

- columns are found by header name, so extra columns and any order are fine; the columns read
  are ``conceptUri``, ``preferredLabel``, ``description``, ``skillType``, ``reuseLevel``,
  ``iscoGroup``, ``code`` (occupations and skills) and ``occupationUri``, ``skillUri``,
  ``relationType`` (relations), of which ``description``, ``code``, ``skillType`` and
  ``reuseLevel`` may be missing;
- the files are read a record at a time by the ``csv`` module, so quoted labels that span
  lines are one record; a UTF-8 byte order mark is skipped;
- everything is checked before anything is written: :func:`read_package` returns every problem
  with its file, row (the header is row 1; a multi-line record counts as one row) and column.

The services (``services/taxonomy.py``) write what this module read, in one transaction.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charlie.core.language import gettext as _

#: The files of the package, by prefix: kind → prefix.
FILES = {
    "occupations": "occupations_",
    "skills": "skills_",
    "relations": "occupationSkillRelations_",
}

#: The columns each file must have, and those read when present.
REQUIRED = {
    "occupations": ("conceptUri", "preferredLabel", "iscoGroup"),
    "skills": ("conceptUri", "preferredLabel"),
    "relations": ("occupationUri", "relationType", "skillUri"),
}
OPTIONAL = {
    "occupations": ("description", "code"),
    "skills": ("description", "skillType", "reuseLevel"),
    "relations": (),
}

#: The longest label and URI the tables hold (``models.Skill.name``, ``uri``).
MAX_LABEL = 255
MAX_URI = 255
ISCO_GROUP = re.compile(r"^\d{4}$")
RELATION_TYPES = {"essential": True, "optional": False}
#: A progress line every so many records.
PROGRESS_EVERY = 20_000


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the package: ``row`` 0 and ``column`` "" when it is about a file."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return f"{self.file}: {self.message}"
        where = _("række %(row)s") % {"row": self.row}
        if self.column:
            where += _(", kolonne %(column)s") % {"column": self.column}
        return f"{self.file}, {where}: {self.message}"


@dataclass(frozen=True)
class EscoOccupation:
    uri: str
    name: str
    description: str
    code: str
    isco_group: str


@dataclass(frozen=True)
class EscoSkill:
    uri: str
    name: str
    description: str
    kind: str  # "skill/competence, sector-specific": skillType and reuseLevel as read


@dataclass
class EscoPackage:
    """What the package holds once read; ``problems`` empty when it may be imported."""

    occupations: list[EscoOccupation] = field(default_factory=list)
    skills: list[EscoSkill] = field(default_factory=list)
    #: (occupation uri, skill uri) → essential. A pair named twice: essential wins.
    relations: dict[tuple[str, str], bool] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def find_files(folder: Path) -> tuple[dict[str, Path], list[Problem]]:
    """The three files in ``folder`` by prefix (``skills_da.csv`` …), each exactly once."""
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return found, [Problem(str(folder), 0, "", _("Mappen findes ikke."))]
    names = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    for kind, prefix in FILES.items():
        matches = [p for p in names if p.name.startswith(prefix)]
        if not matches:
            problems.append(
                Problem(
                    f"{prefix}<sprog>.csv",
                    0,
                    "",
                    _("Filen mangler i mappen %(folder)s.") % {"folder": folder},
                )
            )
        elif len(matches) > 1:
            problems.append(
                Problem(
                    prefix + "*.csv",
                    0,
                    "",
                    _("Flere filer passer: %(names)s. Læg kun ét sprog i mappen.")
                    % {"names": ", ".join(p.name for p in matches)},
                )
            )
        else:
            found[kind] = matches[0]
    return found, problems


def _records(
    path: Path, kind: str, problems: list[Problem]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, the columns read) for each record; the header is row 1."""
    name = path.name
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        try:
            header = next(reader)
        except StopIteration:
            problems.append(Problem(name, 0, "", _("Filen er tom.")))
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            problems.append(Problem(name, 1, "", _("Kan ikke læses: %(error)s") % {"error": exc}))
            return
        index = {column.strip(): i for i, column in enumerate(header)}
        missing = [c for c in REQUIRED[kind] if c not in index]
        if missing:
            problems.append(
                Problem(
                    name,
                    1,
                    "",
                    _("Kolonnen mangler: %(columns)s.") % {"columns": ", ".join(missing)},
                )
            )
            return
        wanted = [(c, index[c]) for c in REQUIRED[kind] + OPTIONAL[kind] if c in index]
        width = max(i for _c, i in wanted) + 1
        row = 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                problems.append(
                    Problem(name, row + 1, "", _("Kan ikke læses: %(error)s") % {"error": exc})
                )
                return
            row += 1
            if not values:
                continue  # a blank line
            if len(values) < width:
                problems.append(
                    Problem(
                        name,
                        row,
                        "",
                        _("Rækken har %(found)s kolonner; der skal være mindst %(width)s.")
                        % {"found": len(values), "width": width},
                    )
                )
                continue
            yield row, {c: values[i].strip() for c, i in wanted}


def _check_uri(value: str, name: str, row: int, column: str, problems: list[Problem]) -> bool:
    if not value:
        problems.append(Problem(name, row, column, _("skal udfyldes.")))
        return False
    if len(value) > MAX_URI or not value.startswith(("http://", "https://")):
        problems.append(
            Problem(
                name,
                row,
                column,
                _("»%(value)s« er ikke en ESCO-URI (http…, højst %(max)s tegn).")
                % {"value": value[:80], "max": MAX_URI},
            )
        )
        return False
    return True


def _check_label(value: str, name: str, row: int, problems: list[Problem]) -> bool:
    if not value:
        problems.append(Problem(name, row, "preferredLabel", _("skal udfyldes.")))
        return False
    if len(value) > MAX_LABEL:
        problems.append(
            Problem(
                name,
                row,
                "preferredLabel",
                _("er %(n)s tegn; højst %(max)s.") % {"n": len(value), "max": MAX_LABEL},
            )
        )
        return False
    return True


def _first(uri: str, row: int, seen: dict[str, int], name: str, problems: list[Problem]) -> bool:
    """False (a problem) if ``uri`` was on an earlier row; an empty URI is already a problem."""
    if not uri:
        return False
    if uri in seen:
        problems.append(
            Problem(name, row, "conceptUri", _("Samme URI som række %(row)s.") % {"row": seen[uri]})
        )
        return False
    seen[uri] = row
    return True


def _readable(name: str, problems: list[Problem]) -> bool:
    """Whether the file's header could be read (if not, the relations are not checked against
    it: every relation would be a problem)."""
    return not any(p.file == name and p.row <= 1 for p in problems)


def read_package(folder: Path, progress: Callable[[str], None] | None = None) -> EscoPackage:
    """Read and check the whole package in ``folder``. Every problem is collected; the caller
    writes nothing unless ``package.ok``."""
    say = progress or (lambda line: None)
    paths, problems = find_files(folder)
    package = EscoPackage(problems=problems, files={k: p.name for k, p in paths.items()})
    if problems:
        return package

    seen: dict[str, int] = {}
    name = paths["occupations"].name
    for row, r in _records(paths["occupations"], "occupations", problems):
        uri, label, isco = r["conceptUri"], r["preferredLabel"], r["iscoGroup"]
        ok = _check_uri(uri, name, row, "conceptUri", problems)
        ok = _check_label(label, name, row, problems) and ok
        if isco and not ISCO_GROUP.match(isco):
            problems.append(
                Problem(
                    name,
                    row,
                    "iscoGroup",
                    _("»%(value)s« er ikke en ISCO-08-gruppe på 4 cifre.") % {"value": isco[:20]},
                )
            )
            ok = False
        ok = _first(uri, row, seen, name, problems) and ok
        if ok:
            package.occupations.append(
                EscoOccupation(uri, label, r.get("description", ""), r.get("code", "")[:40], isco)
            )
    say(_("Erhverv læst: %(n)s") % {"n": len(package.occupations)})
    occupations = set(seen)
    check_occupations = _readable(paths["occupations"].name, problems)

    seen = {}
    name = paths["skills"].name
    for row, r in _records(paths["skills"], "skills", problems):
        uri, label = r["conceptUri"], r["preferredLabel"]
        ok = _check_uri(uri, name, row, "conceptUri", problems)
        ok = _check_label(label, name, row, problems) and ok
        ok = _first(uri, row, seen, name, problems) and ok
        if ok:
            kind = ", ".join(v for v in (r.get("skillType", ""), r.get("reuseLevel", "")) if v)
            package.skills.append(EscoSkill(uri, label, r.get("description", ""), kind[:40]))
        if row % PROGRESS_EVERY == 0:
            say(_("Kompetencer læst: %(n)s …") % {"n": len(package.skills)})
    say(_("Kompetencer læst: %(n)s") % {"n": len(package.skills)})
    skills = set(seen)
    check_skills = _readable(paths["skills"].name, problems)

    name = paths["relations"].name
    relations = package.relations
    for row, r in _records(paths["relations"], "relations", problems):
        occupation, skill, kind = r["occupationUri"], r["skillUri"], r["relationType"].lower()
        ok = True
        if check_occupations and occupation not in occupations:
            problems.append(
                Problem(
                    name,
                    row,
                    "occupationUri",
                    _("»%(value)s« findes ikke i %(file)s.")
                    % {"value": occupation[:80], "file": paths["occupations"].name},
                )
            )
            ok = False
        if check_skills and skill not in skills:
            problems.append(
                Problem(
                    name,
                    row,
                    "skillUri",
                    _("»%(value)s« findes ikke i %(file)s.")
                    % {"value": skill[:80], "file": paths["skills"].name},
                )
            )
            ok = False
        if kind not in RELATION_TYPES:
            problems.append(
                Problem(
                    name,
                    row,
                    "relationType",
                    _("»%(value)s« skal være essential eller optional.") % {"value": kind[:40]},
                )
            )
            ok = False
        if ok:
            key = (occupation, skill)
            relations[key] = relations.get(key, False) or RELATION_TYPES[kind]
        if row % (PROGRESS_EVERY * 2) == 0:
            say(_("Relationer læst: %(n)s …") % {"n": len(relations)})
    say(_("Relationer læst: %(n)s") % {"n": len(relations)})
    return package
