"""Make a new Charlie app from ``charlie/core/app_template/`` (``charlie startapp NAME``).

The template is a working app: a model, a pure domain module, services taking ``Access``, its
permissions, views, a template, its registrations (menu, data category, "Mine data",
retention, a daily job), migrations and tests with its URL cases and factories. Files ending in
``.py-tpl`` become ``.py``; ``__app__`` and ``__App__`` in names and contents become the app's
name and its CamelCase form; its migrations depend on the latest of people and privacy.
"""

from __future__ import annotations

import keyword
import re
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "app_template"
NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def camel_case(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def check_name(name: str, target: Path) -> list[str]:
    """What is wrong with ``name`` for a new app at ``target`` (empty when fine)."""
    errors = []
    if not NAME.match(name) or keyword.iskeyword(name):
        errors.append(f"{name!r} is not a lower-case Python name (a-z, 0-9, _).")
    if target.exists():
        errors.append(f"{target} exists already.")
    return errors


def render(text: str, values: dict[str, str]) -> str:
    for token, value in values.items():
        text = text.replace(token, value)
    return text


def make_app(name: str, target: Path, *, migrations: dict[str, str]) -> list[Path]:
    """Write the app ``name`` into ``target`` (which must not exist); returns the files made.

    ``migrations`` names the latest migration of ``people`` and of ``privacy``, which the app's
    migrations depend on."""
    values = {
        "__app__": name,
        "__App__": camel_case(name),
        "__people_migration__": migrations["people"],
        "__privacy_migration__": migrations["privacy"],
    }
    made = []
    for source in sorted(TEMPLATE.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        relative = render(str(source.relative_to(TEMPLATE)), values)
        if relative.endswith(".py-tpl"):
            relative = relative.removesuffix("-tpl")
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(source.read_text(encoding="utf-8"), values), encoding="utf-8")
        made.append(path)
    return made
