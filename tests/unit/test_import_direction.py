"""Layering: domain ← store ← services ← documents ← gui (and the demo, the CLI); the
documents never reach for the GUI; bundle/ is files only; no cycle between the folders.

Every module is parsed with ``ast`` (nothing is imported), so a violation anywhere, even
inside a function, fails.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "desktop_app"

# The libraries that write and read documents: documents/ alone uses them (and the GUI's
# self-test of the installation).
FILE_FORMATS = ("openpyxl", "reportlab", "docx")

FORBIDDEN = {
    "domain": (
        "PySide6",
        "shiboken6",
        "sqlalchemy",
        "alembic",
        *FILE_FORMATS,
        "desktop_app.store",
        "desktop_app.services",
        "desktop_app.documents",
        "desktop_app.demo",
        "desktop_app.gui",
    ),
    "store": (
        "PySide6",
        *FILE_FORMATS,
        "desktop_app.services",
        "desktop_app.documents",
        "desktop_app.demo",
        "desktop_app.gui",
    ),
    # Use cases only: no file format, no document (the documents are a layer above).
    "services": (
        "PySide6",
        *FILE_FORMATS,
        "desktop_app.documents",
        "desktop_app.demo",
        "desktop_app.gui",
    ),
    "documents": ("PySide6", "desktop_app.demo", "desktop_app.gui"),
    # The demo is a client of the services, like the CLI: never of the GUI.
    "demo": ("PySide6", "desktop_app.gui"),
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
        "desktop_app.documents",
        "desktop_app.demo",
        "desktop_app.gui",
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
    for layer in ("domain", "store", "services", "documents", "demo"):
        assert layer_files(layer), layer


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_imports_point_inwards(layer):
    problems = []
    for path in layer_files(layer):
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


# --- no cycle between the folders ---------------------------------------------------------


def folder_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """{folder: the other folders it imports} over the package's sub-packages (domain,
    store, services, documents, bundle, gui, demo …). The top-level modules (paths,
    leftovers, cli …) are not folders: an import of one is no edge."""
    folders = {p.name for p in package.iterdir() if (p / "__init__.py").is_file()}
    graph: dict[str, set[str]] = {f: set() for f in folders}
    for folder in folders:
        for path in (package / folder).rglob("*.py"):
            for _, module in imported_modules(path, package.parent):
                parts = module.split(".")
                if parts[0] == package.name and len(parts) > 1 and parts[1] in folders:
                    if parts[1] != folder:
                        graph[folder].add(parts[1])
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of the graph as [a, b, …, a], or None (depth-first, white-grey-black)."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_cycle_between_folders():
    graph = folder_graph()
    assert {"domain", "store", "services", "documents", "bundle", "gui", "demo"} <= set(graph)
    cycle = find_cycle(graph)
    assert cycle is None, " → ".join(cycle or [])


def test_the_checker_sees_a_cycle(tmp_path):
    """services → documents → services, one import inside a function."""
    root = tmp_path / "desktop_app"
    for folder, body in (
        ("domain", ""),
        ("services", "def f():\n    from desktop_app.documents import issue\n"),
        ("documents", "from ..services import ledger\n"),
    ):
        (root / folder).mkdir(parents=True)
        (root / folder / "__init__.py").write_text("", encoding="utf-8")
        (root / folder / "m.py").write_text(body, encoding="utf-8")
    graph = folder_graph(root)
    assert graph == {"domain": set(), "services": {"documents"}, "documents": {"services"}}
    assert find_cycle(graph) in (
        ["documents", "services", "documents"],
        ["services", "documents", "services"],
    )
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
