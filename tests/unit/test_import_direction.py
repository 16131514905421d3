"""Layering: domain ← store ← services ← gui; reports never reach for the GUI.

Every module is parsed with ``ast`` (nothing is imported), so a violation anywhere, even
inside a function, fails.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "desktop_app"

FORBIDDEN = {
    "domain": (
        "PySide6",
        "shiboken6",
        "sqlalchemy",
        "alembic",
        "desktop_app.store",
        "desktop_app.services",
        "desktop_app.gui",
        "desktop_app.reports",
    ),
    "store": ("desktop_app.services", "desktop_app.gui", "PySide6"),
    "services": ("desktop_app.gui", "PySide6"),
    "reports": ("desktop_app.gui", "PySide6"),
    # The entry point starts the commands, the commands start the window: one way.
    "gui": ("desktop_app.cli", "desktop_app.launch"),
    "cli": ("desktop_app.launch",),
    # The bundle's format and verification run on the bureau's side too: files only.
    "bundle": (
        "PySide6",
        "sqlalchemy",
        "alembic",
        "desktop_app.store",
        "desktop_app.services",
        "desktop_app.gui",
        "desktop_app.reports",
    ),
}


def imported_modules(path: Path, root: Path = PACKAGE.parent) -> list[tuple[int, str]]:
    """(line, module) for every import; ``root`` holds the top-level package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(root).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def violates(module: str, forbidden: str) -> bool:
    return module == forbidden or module.startswith(forbidden + ".")


def layer_files(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def test_the_layers_exist():
    for layer in ("domain", "store", "services"):
        assert layer_files(layer), layer


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_imports_point_inwards(layer):
    problems = []
    for path in layer_files(layer):  # reports/ may still be empty
        for line, module in imported_modules(path):
            for forbidden in FORBIDDEN[layer]:
                if violates(module, forbidden):
                    problems.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}")
    assert not problems, "\n".join(problems)


def test_the_checker_sees_violations(tmp_path):
    """The checker itself must catch absolute, relative and nested imports."""
    fake = tmp_path / "desktop_app" / "domain"
    fake.mkdir(parents=True)
    module = fake / "bad.py"
    module.write_text(
        "def f():\n    import PySide6.QtCore\n"
        "from ..store import models\n"
        "from sqlalchemy.orm import Session\n",
        encoding="utf-8",
    )
    modules = [m for _, m in imported_modules(module, root=tmp_path)]
    assert any(violates(m, "PySide6") for m in modules)
    assert any(violates(m, "desktop_app.store") for m in modules)
    assert any(violates(m, "sqlalchemy") for m in modules)
