"""Qt's tools are found from the interpreter that runs, in every PySide6 layout, never from
PATH; when truly absent the message names the tool and where it was looked for."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
from qt_tools import QtToolMissing, qt_tool  # noqa: E402

EXE = ".exe" if os.name == "nt" else ""  # Windows knows a program by its name, not a bit


def _make_tool(path: Path) -> Path:
    path = path.with_name(path.name + EXE)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.mark.parametrize("name", ["lupdate", "lrelease", "uic"])
def test_found_with_nothing_on_path(monkeypatch, name):
    monkeypatch.setenv("PATH", os.defpath if os.name != "nt" else "")
    command = qt_tool(name)
    assert Path(command[0]).is_file()
    result = subprocess.run([command[0], "-help"], capture_output=True, text=True)
    assert name in (result.stdout + result.stderr).lower() or result.returncode == 0


@pytest.mark.parametrize(
    "layout", ["{name}", "Qt/libexec/{name}", "Qt/bin/{name}", "scripts/pyside6-{name}"]
)
def test_every_layout(tmp_path, layout):
    package, scripts = tmp_path / "PySide6", tmp_path / "scripts"
    package.mkdir()
    target = layout.format(name="lupdate")
    where = tmp_path / target if target.startswith("scripts/") else package / target
    where = _make_tool(where)
    assert qt_tool("lupdate", package=package, scripts=(scripts,))[0] == str(where)


def test_uic_binary_is_told_to_write_python(tmp_path):
    package = tmp_path / "PySide6"
    binary = _make_tool(package / "Qt" / "libexec" / "uic")
    assert qt_tool("uic", package=package, scripts=())[1:] == ["-g", "python"]
    # the wrapper adds it itself
    wrapper = _make_tool(tmp_path / "bin" / "pyside6-uic")
    binary.unlink()
    assert qt_tool("uic", package=package, scripts=(wrapper.parent,)) == [str(wrapper)]


def test_absent_says_what_and_where(tmp_path, monkeypatch):
    # a tool on PATH is not taken: it may belong to another install
    _make_tool(tmp_path / "onpath" / "pyside6-lupdate")
    monkeypatch.setenv("PATH", str(tmp_path / "onpath"))
    with pytest.raises(QtToolMissing) as caught:
        qt_tool("lupdate", package=tmp_path / "PySide6", scripts=(tmp_path / "scripts",))
    message = str(caught.value)
    assert "lupdate" in message and str(tmp_path / "PySide6") in message
    assert "onpath" not in message
