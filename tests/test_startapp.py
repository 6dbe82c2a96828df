"""A new app made with ``charlie startapp`` passes the permission and personal-data tests and the
import contracts, with no edit outside its folder beyond ``settings`` and ``urls``.

The app is made in a copy of the project in a temporary folder (the working tree is never
touched); the two edits the command asks for are made there, and the checks run in a fresh
Python on SQLite: the migrations, the app's own tests, the permission cases (every URL has one),
the personal-data visits, the register test, ruff and lint-imports.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NAME = "provekasse"


def run(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=240)  # noqa: S603
    assert done.returncode == 0, f"{' '.join(args)}:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return done.stdout


def add_line_after(path: Path, anchor: str, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert anchor in text, f"{anchor!r} not in {path}"
    path.write_text(text.replace(anchor, f"{anchor}\n{line}", 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's code and the central tests that the new app must pass."""
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT / "charlie", copy / "charlie", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("conftest.py", "pyproject.toml", "tests/__init__.py", "tests/test_permissions.py"):
        (copy / name).parent.mkdir(exist_ok=True)
        shutil.copy(ROOT / name, copy / name)
    if (ROOT / "node_modules").exists():  # the static files' folders named in the settings
        (copy / "node_modules").symlink_to(ROOT / "node_modules")
    return copy


def test_a_new_app_from_the_template_passes_the_central_tests(project: Path):
    env = {**os.environ, "PYTHONPATH": str(project), "CHARLIE_TESTING": "1"}
    env.pop("DATABASE_URL", None)  # SQLite: never the test database of the run around this one
    env.pop("DJANGO_SETTINGS_MODULE", None)
    python = [sys.executable, "-m"]

    out = run([*python, "charlie.cli", "startapp", NAME], project, env)
    assert f"charlie/{NAME}/" in out
    assert (project / "charlie" / NAME / "services" / "__init__.py").exists()

    # The only edits outside the app's folder: INSTALLED_APPS and the URL include.
    settings, urls = project / "charlie/settings.py", project / "charlie/urls.py"
    add_line_after(settings, '    "charlie.imports",', f'    "charlie.{NAME}",')
    add_line_after(
        urls,
        '    path("workforce/", include("charlie.workforce.urls")),',
        f'    path("{NAME}/", include("charlie.{NAME}.urls")),',
    )

    run([*python, "charlie.cli", "makemigrations", "--check", "--dry-run", NAME], project, env)
    out = run(
        [
            *python,
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"charlie/{NAME}",
            "tests/test_permissions.py",
            "charlie/privacy/tests/test_every_personal_data_url.py",
            "charlie/privacy/tests/test_register.py",
            "-k",
            f"{NAME} or test_every_url_has_a_case or is_covered or every_registered",
        ],
        project,
        env,
    )
    # The app's tests (6), its 3 permission cases, its 3 visits, and the 3 central checks.
    assert "15 passed" in out, out
    run([str(BIN / "ruff"), "check", "--no-cache", f"charlie/{NAME}"], project, env)
    out = run([str(BIN / "lint-imports"), "--no-cache"], project, env)
    assert "0 broken" in out
