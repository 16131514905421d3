"""packaging/dev.sh installs the Python packages only when pyproject.toml changed since the
last install (a start took half a minute of pip before the window, every time)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _fake(path: Path, body: str) -> None:
    path.write_text("#!/usr/bin/env bash\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A checkout with dev.sh and a venv whose python and studiodesk only log calls."""
    (tmp_path / "packaging").mkdir()
    for name in ("dev.sh", "system_packages.sh"):
        shutil.copy(ROOT / "packaging" / name, tmp_path / "packaging" / name)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    log = tmp_path / "calls.log"
    _fake(bin_dir / "python", f'echo "python $*" >> "{log}"\n')
    _fake(bin_dir / "studiodesk", f'echo "studiodesk $*" >> "{log}"\n')
    return tmp_path


def _start(checkout: Path) -> list[str]:
    log = checkout / "calls.log"
    log.unlink(missing_ok=True)
    subprocess.run(
        ["bash", "packaging/dev.sh", "start", "--version"],
        cwd=checkout,
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHON": "false"},  # no new venv may be made
    )
    return log.read_text(encoding="utf-8").splitlines()


def _installs(calls: list[str]) -> int:
    return sum(1 for c in calls if "pip install" in c and "-e" in c)


def test_a_second_start_installs_nothing(checkout):
    first = _start(checkout)
    assert _installs(first) == 1 and first[-1] == "studiodesk --version"
    second = _start(checkout)
    assert _installs(second) == 0 and second == ["studiodesk --version"]


def test_a_changed_pyproject_installs_again(checkout):
    _start(checkout)
    pyproject = checkout / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8") + "\n# changed\n", "utf-8")
    assert _installs(_start(checkout)) == 1
    assert _installs(_start(checkout)) == 0
