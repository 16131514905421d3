"""A new user's first start: no data folder yet, and a folder that cannot be made.

The real program is started in a process of its own, as a new user would start it: an
empty HOME, no data, config or log folder, none of the test session's folders. It must show
the set-up wizard (not a message box), create a studio through it and show the main window.
"""

from __future__ import annotations

import errno
import subprocess
import sys
import textwrap

import pytest

from desktop_app.app_settings import load_app_settings
from desktop_app.gui import app as gui_app
from desktop_app.gui.single_instance import DatabaseLock, LockUnavailable
from tests import new_user_day as day
from tests.new_user import new_user_env, run_as_new_user


def test_a_new_user_sees_the_wizard_creates_a_studio_and_sees_the_main_window(tmp_path):
    """Through the wizard as tests/new_user_day.py goes through it, then the window closed."""
    home = tmp_path / "home"
    result = run_as_new_user(
        ["-m", "tests.new_user_day", str(tmp_path / "out"), "--wizard-only"], home
    )
    out = result.stdout
    said = out.splitlines()
    assert not [line for line in said if line.startswith(("PROBLEM in", "FAILED"))], (
        out + result.stderr
    )
    assert any(line.startswith("SEEN SetupWizard") for line in said), out + result.stderr
    assert f"main window “{day.STUDIO}" in out, out + result.stderr
    assert result.returncode == 0, out + result.stderr
    # the data folder was made where a new user's platform keeps it, with the database
    made = list(home.rglob("studiodesk.sqlite3"))
    assert len(made) == 1 and "StudioDesk" in made[0].parts
    # who set it up is remembered as this computer's user, and signs the records
    settings = next(home.rglob("settings.json")).read_text(encoding="utf-8")
    assert day.USER in settings


def test_a_lock_in_a_folder_that_does_not_exist_is_not_open_elsewhere(tmp_path):
    lock = DatabaseLock(tmp_path / "missing" / "deeper" / "db.sqlite3")
    with pytest.raises(LockUnavailable) as caught:
        lock.acquire()
    assert caught.value.folder == tmp_path / "missing" / "deeper"
    assert caught.value.cause.errno == errno.ENOENT


def test_a_lock_under_a_file_says_why(tmp_path):
    (tmp_path / "a-file").write_text("x")
    lock = DatabaseLock(tmp_path / "a-file" / "db.sqlite3")
    with pytest.raises(LockUnavailable) as caught:
        lock.acquire()
    assert caught.value.cause is not None


def test_the_data_folder_is_made_with_its_parents(tmp_path):
    db = tmp_path / "a" / "b" / "c" / "studiodesk.sqlite3"
    assert gui_app.with_folder(db, remember=True) == db
    assert db.parent.is_dir()


def test_a_folder_that_cannot_be_made_says_the_true_reason(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("x")
    db = tmp_path / "a-file" / "StudioDesk" / "studiodesk.sqlite3"
    told: list[str] = []
    monkeypatch.setattr(gui_app, "ask_for_another_folder", lambda text: told.append(text))
    assert gui_app.with_folder(db, remember=True) is None
    [text] = told
    assert str(db.parent) in text
    assert "Part of this path is a file, not a folder." in text
    assert "The system says: Not a directory" in text


def test_another_folder_chosen_is_used_and_kept_as_the_data_folder(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("x")
    other = tmp_path / "elsewhere"
    other.mkdir()
    monkeypatch.setattr(gui_app, "ask_for_another_folder", lambda text: other)
    db = gui_app.with_folder(tmp_path / "a-file" / "x" / "studiodesk.sqlite3", remember=True)
    assert db == other / "studiodesk.sqlite3"
    assert load_app_settings().data_dir == str(other)


def test_the_real_program_says_why_when_its_folder_cannot_be_made(tmp_path):
    """Started for real on a data folder under a file: the message names the folder and
    the system's reason (here also on stderr, where a message box cannot be read)."""
    (tmp_path / "a-file").write_text("x")
    script = textwrap.dedent(
        """
        import sys
        from desktop_app.gui import app
        app.ask_for_another_folder = lambda text: None  # the user chooses Quit
        from desktop_app.launch import main
        sys.exit(main([]))
        """
    )
    env = new_user_env(tmp_path / "home")
    env["STUDIODESK_DATA_DIR"] = str(tmp_path / "a-file" / "StudioDesk")
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 1
    assert str(tmp_path / "a-file" / "StudioDesk") in result.stderr
    assert "不是文件夹" in result.stderr or "not a folder" in result.stderr
