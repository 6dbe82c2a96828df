"""The install from a fresh clone: the lock files and ``./dev``'s set-up.

Python 3.12.1 bundles pip 23.2, which refuses a hash-checked requirement with extras
(``fonttools[woff]``), so ``./dev`` must install the pinned, hash-checked pip of
``requirements-pip.lock`` before the lock. Production installs ``requirements.lock`` alone, which
must hold no test tools; development installs ``requirements-dev.lock``, the same versions plus
the tools. ``.ci/run`` proves the oldest Python found on the machine (``./dev pythons``) works.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV_TOOLS = {
    "pytest",
    "pytest-django",
    "factory-boy",
    "hypothesis",
    "playwright",
    "schemathesis",
    "ruff",
    "mypy",
    "django-stubs",
}
BASH = shutil.which("bash") or "bash"
_REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", re.MULTILINE)


def _pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    return {m.group(1).lower(): m.group(2) for m in _REQUIREMENT.finditer(text)}


def _entries(name: str) -> dict[str, str]:
    """Each requirement's whole entry (version and hashes), by package name."""
    text = (ROOT / name).read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    return {
        m.group(1).lower(): re.sub(r"\s+#.*", "", block).strip()
        for block in blocks
        if (m := _REQUIREMENT.match(block))
    }


def _project_names(extra: str | None = None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return {re.split(r"[\[<>=~! ]", spec, maxsplit=1)[0].lower() for spec in specs}


def test_pip_is_pinned_with_hashes():
    text = (ROOT / "requirements-pip.lock").read_text(encoding="utf-8")
    assert re.search(r"^pip==\d+(\.\d+)+ \\\n\s+--hash=sha256:[0-9a-f]{64}", text, re.MULTILINE)
    assert set(_pins("requirements-pip.lock")) == {"pip"}


def test_the_runtime_lock_has_every_dependency_and_no_test_tools():
    runtime = _pins("requirements.lock")
    assert _project_names() <= set(runtime)
    assert not (DEV_TOOLS & set(runtime)), "test tools in the production lock"


def test_the_development_lock_is_the_runtime_lock_plus_the_tools_at_the_same_versions():
    runtime, dev = _entries("requirements.lock"), _entries("requirements-dev.lock")
    assert _project_names("dev") <= set(dev)
    for name, entry in runtime.items():
        assert dev.get(name) == entry, f"{name} differs between the runtime and development lock"


@pytest.mark.parametrize(
    "name", ["requirements-pip.lock", "requirements.lock", "requirements-dev.lock"]
)
def test_no_lock_names_a_registry_host(name):
    assert not re.search(r"https?://", (ROOT / name).read_text(encoding="utf-8"))


@pytest.mark.skipif(shutil.which("bash") is None, reason="./dev is a bash script")
def test_setup_installs_the_pinned_pip_before_the_lock(tmp_path):
    """``setup_python`` from ``./dev`` with a stand-in interpreter that records its calls."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    calls = tmp_path / "calls"
    python = venv / "bin" / "python"
    python.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$*" >> "{calls}"\n'
        'if [ "$1" = "-" ]; then echo stand-in-hash; fi\n'
        "exit 0\n"
    )
    python.chmod(0o755)
    script = f'source ./dev && VENV="{venv}" && VPY="{python}" && setup_python'
    subprocess.run([BASH, "-c", script], cwd=ROOT, check=True, capture_output=True)  # noqa: S603
    installs = [c for c in calls.read_text().splitlines() if c.startswith("-m pip install")]
    assert "--require-hashes" in installs[0] and "-r requirements-pip.lock" in installs[0]
    assert "--require-hashes" in installs[1] and "-r requirements-dev.lock" in installs[1]
    assert "-e ." in installs[2]
    assert len(installs) == 3


@pytest.mark.skipif(shutil.which("bash") is None, reason="./dev is a bash script")
def test_dev_lists_the_pythons_it_can_use_oldest_first():
    out = subprocess.run(  # noqa: S603 - our own script
        [BASH, str(ROOT / "dev"), "pythons"], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    assert out, "no Python 3.12+ found, yet this test runs on one"
    versions = [tuple(int(p) for p in line.split()[0].split(".")[:3]) for line in out]
    assert versions == sorted(versions)
    assert all(v >= (3, 12) for v in versions)
