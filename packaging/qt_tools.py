"""Qt's command-line tools (uic, lupdate, lrelease), found from the interpreter that runs.

Never from PATH: a ``pyside6-lupdate`` left on PATH by an earlier install once hid that the
tools were looked for in the wrong folder of the installed PySide6, and the test suite failed
on every clean machine. The tools are taken from the PySide6 this interpreter imports (each
layout its wheels have used), else from this interpreter's own scripts folder (the
``pyside6-*`` wrappers a venv gets), and a clear message says what is missing otherwise.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

# uic writes C++ unless told otherwise; the pyside6-uic wrapper adds this itself
_DIRECT_ARGS = {"uic": ("-g", "python")}


class QtToolMissing(RuntimeError):
    pass


def _pyside_dir() -> Path:
    import PySide6

    return Path(PySide6.__file__).resolve().parent


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def candidates(name: str, package: Path, scripts: tuple[Path, ...]) -> list[tuple[Path, bool]]:
    """Where ``name`` may be, in order: (path, is the bare Qt binary)."""
    suffixes = (".exe", "") if os.name == "nt" else ("",)
    found: list[tuple[Path, bool]] = []
    for folder in (package, package / "Qt" / "libexec", package / "Qt" / "bin"):
        found += [(folder / f"{name}{suffix}", True) for suffix in suffixes]
    for folder in scripts:
        found += [(folder / f"pyside6-{name}{suffix}", False) for suffix in suffixes]
    return found


def qt_tool(
    name: str, package: Path | None = None, scripts: tuple[Path, ...] | None = None
) -> list[str]:
    """The command line that runs Qt's ``name`` (uic, lupdate, lrelease)."""
    package = package or _pyside_dir()
    if scripts is None:
        scripts = (Path(sysconfig.get_path("scripts")), Path(sys.executable).parent)
    looked = candidates(name, package, scripts)
    for path, bare in looked:
        if _executable(path):
            return [str(path), *(_DIRECT_ARGS.get(name, ()) if bare else ())]
    places = "\n  ".join(str(p) for p, _bare in looked)
    raise QtToolMissing(
        f"Qt's {name} was not found for {sys.executable}. Looked in:\n  {places}\n"
        "Install the project's packages into this interpreter (bash packaging/dev.sh test, "
        "or pip install -e '.[test]'); PySide6-Essentials carries the tool."
    )
