"""``studiodesk --self-test``: every step passes on a working copy, each says so on a line
of its own, nothing of the user's is touched, and a failing step is named with its reason
and a non-zero exit. (.ci/run runs the same self-test on the PyInstaller bundle.)"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import __version__, selftest

ROOT = Path(__file__).resolve().parents[2]
STEP_NAMES = [name for name, _ in selftest.STEPS]


def run_cli(tmp_path: Path, **env_changes: str | None) -> subprocess.CompletedProcess:
    """``python -m desktop_app --self-test`` with the user's folders pointing at folders
    that must stay untouched, and no display (the self-test chooses offscreen itself)."""
    env = dict(os.environ)
    for key in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "STUDIODESK_CJK_FONT"):
        env.pop(key, None)
    env["STUDIODESK_CONFIG_DIR"] = str(tmp_path / "user-config")
    env["STUDIODESK_DATA_DIR"] = str(tmp_path / "user-data")
    env["STUDIODESK_LOG_DIR"] = str(tmp_path / "user-logs")
    env["STUDIODESK_DB"] = str(tmp_path / "user-data" / "real.sqlite3")
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--self-test"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=env,
        timeout=300,
    )


def test_self_test_passes_step_by_step_and_touches_nothing(tmp_path):
    done = run_cli(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"StudioDesk {__version__} self-test"
    step_lines = [line for line in lines if line.startswith(("ok ", "FAIL "))]
    assert [line.split()[1].rstrip(":") for line in step_lines] == STEP_NAMES
    assert all(line.startswith("ok   ") for line in step_lines)
    assert lines[-1].startswith(f"self-test passed: {len(STEP_NAMES)} steps")
    text = done.stdout
    assert "migrated to" in text and "(head)" in text
    assert "Qt offscreen" in text  # no display: it chose offscreen by itself
    assert "CJK font embedded" in text and "read back" in text and "verified" in text
    assert "Qt's dialogs in Chinese" in text
    # the user's folders and database were never created
    assert not (tmp_path / "user-config").exists()
    assert not (tmp_path / "user-data").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_broken_font_fails_its_step_with_the_reason(tmp_path):
    bogus = tmp_path / "fonts" / "broken.ttf"
    bogus.parent.mkdir()
    bogus.write_bytes(b"this is not a font")
    done = run_cli(tmp_path, STUDIODESK_CJK_FONT=str(bogus))
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1].startswith("FAIL font: ")
    assert str(bogus) in lines[-1] and "not a usable TrueType font" in lines[-1]
    # the steps before it passed; none after it ran
    assert [line.split()[1].rstrip(":") for line in lines[1:-1]] == ["version", "resources"]
    assert "self-test FAILED at step 'font'" in done.stderr


def test_self_test_in_process_restores_the_environment(monkeypatch):
    monkeypatch.setenv("STUDIODESK_DB", "/nowhere/real.sqlite3")
    before = dict(os.environ)
    seen = {}

    def look(run: selftest.Run) -> str:
        seen["config"] = os.environ["STUDIODESK_CONFIG_DIR"]
        seen["db"] = os.environ.get("STUDIODESK_DB")
        seen["root"] = run.root
        return "looked"

    out, err = io.StringIO(), io.StringIO()
    assert selftest.run_self_test(out, err, steps=[("look", look)]) == 0
    assert seen["config"].startswith(str(seen["root"])) and seen["db"] is None
    assert dict(os.environ) == before
    assert not seen["root"].exists()  # the temporary folder is gone
    assert "ok   look: looked" in out.getvalue()


@pytest.mark.parametrize("error", [selftest.StepFailed("bad PDF"), RuntimeError("disk gone")])
def test_a_failing_step_stops_the_run_and_is_named(error):
    ran = []

    def good(run):
        ran.append("good")
        return "fine"

    def bad(run):
        ran.append("bad")
        raise error

    def never(run):
        ran.append("never")
        return "unreachable"

    out, err = io.StringIO(), io.StringIO()
    code = selftest.run_self_test(out, err, steps=[("good", good), ("bad", bad), ("never", never)])
    assert code == 1
    assert ran == ["good", "bad"]
    last = out.getvalue().splitlines()[-1]
    if isinstance(error, selftest.StepFailed):
        assert last == "FAIL bad: bad PDF"
        assert "Traceback" not in err.getvalue()
    else:
        assert last == "FAIL bad: RuntimeError: disk gone"
        assert "Traceback" in err.getvalue()  # an unexpected error shows where it came from
    assert "self-test FAILED at step 'bad'" in err.getvalue()
