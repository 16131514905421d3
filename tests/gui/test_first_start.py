"""A new user's first start: no data folder yet, and a folder that cannot be made.

The real program is started in a process of its own, as a new user would start it: an
empty HOME, no data, config or log folder, none of the test session's folders. It must show
the set-up wizard (not a message box), create a studio through it and show the main window.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop_app.app_settings import load_app_settings
from desktop_app.gui import app as gui_app
from desktop_app.gui.single_instance import DatabaseLock, LockUnavailable

ROOT = Path(__file__).resolve().parents[2]

# Drives the real program's start (desktop_app.launch.main, as the `studiodesk` command):
# a timer looks at the top-level windows, fills in the wizard and presses its buttons, and
# reports what it saw on stdout. A message box anywhere is a failure.
DRIVER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

    app = QApplication(sys.argv[:1])
    seen = []

    def look():
        for widget in QApplication.topLevelWidgets():
            if not widget.isVisible():
                continue
            name = type(widget).__name__
            if isinstance(widget, QMessageBox):
                print("MESSAGE BOX:", widget.text().replace("\\n", " "), flush=True)
                widget.done(0)
            elif name == "SetupWizard" and "wizard" not in seen:
                seen.append("wizard")
                print("wizard shown", flush=True)
                widget.next()  # past the welcome page
                widget.user_page.user_edit.setText("李秘书")
                widget.next()
                page = widget.currentPage()
                page.name_edit.setText("李老师名班主任工作室")
                page.school_edit.setText("第一中学")
                page.district_edit.setText("江阴市")
                widget.button(QWizard.WizardButton.FinishButton).click()
            elif name == "MainWindow":
                print("main window:", widget.windowTitle(), flush=True)
                widget.close()

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(100)
    QTimer.singleShot(60_000, lambda: (print("TIMEOUT", flush=True), app.exit(3)))
    from desktop_app.launch import main
    sys.exit(main([]))
    """
)


def _new_user_env(home: Path) -> dict[str, str]:
    """A new user's environment: an empty HOME and nothing else of ours."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("STUDIODESK_", "XDG_")) and key not in ("HOME", "USERPROFILE")
    }
    env.update(HOME=str(home), USERPROFILE=str(home), PYTHONPATH=str(ROOT))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def test_a_new_user_sees_the_wizard_creates_a_studio_and_sees_the_main_window(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", DRIVER],
        env=_new_user_env(home),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = result.stdout
    assert "MESSAGE BOX" not in out, out + result.stderr
    assert "wizard shown" in out, out + result.stderr
    assert "main window: 李老师名班主任工作室" in out, out + result.stderr
    assert result.returncode == 0, out + result.stderr
    # the data folder was made where a new user's platform keeps it, with the database
    made = list(home.rglob("studiodesk.sqlite3"))
    assert len(made) == 1 and "StudioDesk" in made[0].parts
    # who set it up is remembered as this computer's user, and signs the records
    settings = next(home.rglob("settings.json")).read_text(encoding="utf-8")
    assert "李秘书" in settings


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
    env = _new_user_env(tmp_path / "home")
    env["STUDIODESK_DATA_DIR"] = str(tmp_path / "a-file" / "StudioDesk")
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 1
    assert str(tmp_path / "a-file" / "StudioDesk") in result.stderr
    assert "不是文件夹" in result.stderr or "not a folder" in result.stderr
