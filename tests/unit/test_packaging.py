"""Packaging: the PyInstaller spec ships what the frozen program looks for, where it looks
(resources, migrations, the font), the version comes from pyproject.toml alone and shows
in --version, About and the exports, and the build scripts hang together.

The build itself runs in .ci/run (packaging/build.sh, then the bundle's --self-test)."""

from __future__ import annotations

import ast
import importlib.metadata
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import openpyxl
import pytest

import desktop_app
from desktop_app import fonts, paths
from desktop_app.store import migrate

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "studiodesk.spec"
PACKAGING = ROOT / "packaging"


def pyproject_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def spec_constant(name: str):
    """A constant assigned at the top of the spec (read with ast; the spec needs PyInstaller
    to run)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not assigned in {SPEC.name}")


@pytest.fixture
def frozen(tmp_path, monkeypatch) -> Path:
    """A PyInstaller-like run: sys._MEIPASS (and sys.frozen) set to an empty folder."""
    root = tmp_path / "_internal"
    root.mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    return root


# --- the spec ----------------------------------------------------------------------------


def test_the_spec_is_python():
    compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")


def test_the_spec_ships_every_resource_folder_or_says_why_not():
    shipped = set(spec_constant("RESOURCE_DIRS"))
    skipped = set(spec_constant("RESOURCE_SKIPPED"))
    present = {p.name for p in (ROOT / "resources").iterdir() if p.is_dir()}
    assert not shipped & skipped
    assert shipped <= present, f"the spec ships folders that do not exist: {shipped - present}"
    assert present <= shipped | skipped, (
        f"resources/ folders the spec neither ships nor leaves out: {present - shipped - skipped}"
    )
    # what the program reads at run time is among them
    for needed in ("presets", "assessments", "i18n", "locale", "styles"):
        assert needed in shipped


def test_the_spec_ships_the_compiled_translation_not_the_source():
    assert spec_constant("RESOURCE_PATTERNS")["i18n"] == ("*.qm",)
    assert list((ROOT / "resources" / "i18n").glob("*.qm"))
    assert spec_constant("RESOURCE_PATTERNS")["locale"] == ("*.mo",)
    assert list((ROOT / "resources" / "locale").rglob("*.mo"))


def test_frozen_resources_are_found_where_the_spec_puts_them(frozen):
    # the spec's destination is resources/<folder> under sys._MEIPASS
    assert paths.resources_dir() == frozen / "resources"
    assert paths.resource("presets") == frozen / "resources" / "presets"


def test_migrations_are_found_by_the_frozen_lookup(frozen, tmp_path, monkeypatch):
    """Copy the migrations to where the spec ships them, then migrate a new database with
    the lookup a frozen program uses."""
    shipped_at = spec_constant("MIGRATIONS")
    source = ROOT / shipped_at
    assert source == migrate.MIGRATIONS.resolve()  # found at import, not frozen: the source
    for path in source.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in (".py", ".mako"):
            target = frozen / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)

    found = migrate.migrations_dir()
    assert found == frozen / shipped_at
    assert (found / "env.py").is_file() and list((found / "versions").glob("*.py"))

    head_in_source = migrate.head_revision()
    monkeypatch.setattr(migrate, "MIGRATIONS", found)
    assert migrate.head_revision() == head_in_source
    from desktop_app.store.db import open_database

    db = open_database(tmp_path / "frozen.sqlite3")
    try:
        assert migrate.current_revision(db.engine) == head_in_source
    finally:
        db.close()


def test_a_bundled_font_comes_first_when_frozen(frozen, monkeypatch):
    monkeypatch.delenv("STUDIODESK_CJK_FONT", raising=False)
    folder = frozen / "resources" / "fonts"
    folder.mkdir(parents=True)
    (folder / "wqy-microhei.ttc").write_bytes(b"font")
    (folder / "wqy-microhei.LICENSE.txt").write_text("licence")
    found = fonts.candidates()
    assert found[0] == folder / "wqy-microhei.ttc"
    assert folder / "wqy-microhei.LICENSE.txt" not in found
    # an explicit choice still wins
    monkeypatch.setenv("STUDIODESK_CJK_FONT", "/somewhere/else.ttf")
    assert fonts.candidates()[0] == Path("/somewhere/else.ttf")


def test_only_redistributable_fonts_are_bundled():
    allowed = spec_constant("REDISTRIBUTABLE_FONTS")
    assert "wqy-microhei.ttc" in allowed
    assert not {"msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc"} & set(allowed)


def spec_function(name: str, **namespace):
    """One function of the spec, defined in ``namespace`` (plus the spec's ROOT)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    scope = {"ROOT": ROOT, "Path": Path, "ast": ast, **namespace}
    exec(compile(ast.Module([node], []), str(SPEC), "exec"), scope)
    return scope[name]


def test_the_spec_keeps_every_qt_module_the_program_imports():
    used = spec_function("used_qt_modules")()
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    for path in (ROOT / "desktop_app").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.split()
            if len(words) > 1 and words[0] in ("from", "import"):
                if words[1].startswith("PySide6.Qt"):
                    assert words[1].split(".")[1] in used, (path, line)
    # the files tied to a module are dropped only for modules not used
    patterns = spec_function(
        "unused_qt_patterns",
        QT_MODULE_FILES=spec_constant("QT_MODULE_FILES"),
        QT_UNUSED_FILES=spec_constant("QT_UNUSED_FILES"),
    )(used)
    for module, tied in spec_constant("QT_MODULE_FILES").items():
        assert (module in used) == (not set(tied) & set(patterns)), module


# --- the version -------------------------------------------------------------------------


def test_the_version_is_pyprojects():
    assert desktop_app.__version__ == pyproject_version()


def test_version_on_the_command_line():
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"StudioDesk {pyproject_version()}"


def test_installed_copy_reads_the_metadata(monkeypatch):
    monkeypatch.setattr(desktop_app, "_source_tree_version", lambda: None)
    monkeypatch.setattr(desktop_app, "_distribution_version", lambda name: "9.8.7")
    assert desktop_app._find_version() == "9.8.7"

    def missing(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(desktop_app, "_distribution_version", missing)
    assert desktop_app._find_version() == "0.0.0+unknown"


def test_the_version_is_in_the_exports(services, tmp_path):
    from desktop_app.documents.engine import pdf
    from desktop_app.documents.sheets.roster_io import write_roster

    assert pdf.PRODUCER == f"StudioDesk {pyproject_version()}"
    out = write_roster(tmp_path / "roster.xlsx", services.members.roster(), mask=True)
    workbook = openpyxl.load_workbook(out)
    assert workbook.properties.creator == f"StudioDesk {pyproject_version()}"


def test_about_shows_the_version(qtbot, services, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.gui.about import ABOUT_LINK, about_lines
    from desktop_app.gui.main_window import MainWindow

    assert about_lines()[0].endswith(pyproject_version())
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window = MainWindow(services)
    qtbot.addWidget(window)
    assert pyproject_version() in window.version_label.text()
    window.version_label.linkActivated.emit(ABOUT_LINK)
    assert len(shown) == 1 and pyproject_version() in shown[0]
    assert str(services.db.path) in shown[0]


# --- the scripts -------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
@pytest.mark.parametrize(
    "script", ["packaging/build.sh", "packaging/dev.sh", ".ci/run"], ids=lambda s: s
)
def test_scripts_parse(script):
    done = subprocess.run(["bash", "-n", str(ROOT / script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_ci_runs_the_suite_then_the_built_self_test():
    assert "dev.sh ci" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    dev = (PACKAGING / "dev.sh").read_text(encoding="utf-8")
    ci = dev[dev.index("  ci)") :]
    assert ci.index("pytest") < ci.index("packaging/build.sh --self-test")
    build = (PACKAGING / "build.sh").read_text(encoding="utf-8")
    assert "packaging/studiodesk.spec" in build and "--self-test" in build
    assert "du -sh" in build


def test_installer_is_per_user_and_keeps_the_data():
    raw = (PACKAGING / "installer.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup needs the BOM to read UTF-8"
    text = raw.decode("utf-8-sig")
    settings = {
        line.split("=", 1)[0]: line.split("=", 1)[1]
        for line in text.splitlines()
        if "=" in line and not line.startswith((";", "#", " "))
    }
    assert settings["PrivilegesRequired"] == "lowest"
    assert settings["DefaultDirName"] == r"{localappdata}\Programs\{#AppName}"
    assert settings["AppVersion"] == "{#AppVersion}"  # from the build, never written here
    assert "#ifndef AppVersion" in text
    assert "{group}" in text  # the Start-menu entry
    # the uninstaller deletes nothing by name: the data lives outside {app} anyway
    assert "[UninstallDelete]" not in [line.strip() for line in text.splitlines()]
    assert paths.APP_NAME == "StudioDesk"  # the data folder the installer tells about
