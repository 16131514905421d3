"""One program per database: the lock, the request to come forward, a crashed holder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QWidget

from desktop_app.gui.single_instance import DatabaseLock


def test_a_second_lock_on_the_same_database_fails_and_names_the_holder(tmp_path):
    first = DatabaseLock(tmp_path / "db.sqlite3")
    second = DatabaseLock(tmp_path / "db.sqlite3")
    assert first.acquire()
    try:
        assert not second.acquire()
        pid, _host = second.owner()
        assert pid == os.getpid()
    finally:
        first.release()
    assert second.acquire()  # free again once the first let go
    second.release()


def test_other_databases_are_not_locked(tmp_path):
    one = DatabaseLock(tmp_path / "a.sqlite3")
    two = DatabaseLock(tmp_path / "b.sqlite3")
    assert one.acquire() and two.acquire()
    one.release()
    two.release()


def test_a_second_start_asks_the_running_window_to_come_forward(qtbot, tmp_path):
    holder = DatabaseLock(tmp_path / "db.sqlite3")
    assert holder.acquire()
    shown = []
    window = QWidget()
    qtbot.addWidget(window)
    holder.serve(lambda: shown.append(True))
    try:
        later = DatabaseLock(tmp_path / "db.sqlite3")
        assert not later.acquire()
        assert later.ask_running_to_show()
        qtbot.waitUntil(lambda: shown == [True], timeout=3000)
    finally:
        holder.release()


def test_nobody_answers_when_nobody_serves(tmp_path):
    lock = DatabaseLock(tmp_path / "db.sqlite3")
    assert not lock.ask_running_to_show(timeout_ms=200)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_lock_left_by_a_crash_is_taken_over(tmp_path):
    """A process takes the lock and is killed: the next start gets the lock by itself."""
    db = tmp_path / "db.sqlite3"
    script = textwrap.dedent(
        f"""
        import sys, time
        from desktop_app.gui.single_instance import DatabaseLock
        lock = DatabaseLock({str(db)!r})
        assert lock.acquire()
        print("locked", flush=True)
        time.sleep(60)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "locked"
        assert not DatabaseLock(db).acquire()  # held by a live process
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        lock = DatabaseLock(db)
        assert lock.acquire()
        lock.release()
    finally:
        if child.poll() is None:
            child.kill()


def test_the_holder_is_named_from_its_note_and_an_old_note_is_not_believed(tmp_path):
    holder = DatabaseLock(tmp_path / "db.sqlite3", user="王老师")
    assert holder.acquire()
    try:
        seen = DatabaseLock(tmp_path / "db.sqlite3").holder()
        assert (seen.user, seen.program, seen.pid) == ("王老师", "window", os.getpid())
        assert seen.since is not None
        note = tmp_path / "db.sqlite3.lock.who"
        if os.name == "posix":  # a name and a computer: for the user alone
            assert note.stat().st_mode & 0o777 == 0o600
        note.write_text(note.read_text().replace(f'"pid": {os.getpid()}', '"pid": 1'))
        stale = DatabaseLock(tmp_path / "db.sqlite3").holder()  # an earlier holder's note
        assert (stale.user, stale.since, stale.pid) == ("", None, os.getpid())
    finally:
        holder.release()
    assert not (tmp_path / "db.sqlite3.lock.who").exists()  # gone with the lock


def _said_at_start(monkeypatch, db) -> str:
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.gui import app as gui_app

    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    assert gui_app._say_open_elsewhere(DatabaseLock(db)) == 1
    return said[0]


def test_a_start_during_an_import_says_a_command_is_changing_the_database(
    qtbot, tmp_path, monkeypatch
):
    from PySide6.QtCore import QCoreApplication

    from desktop_app.gui.i18n import install_translators

    db = tmp_path / "db.sqlite3"
    command = DatabaseLock(db, user="李会计", program="import-ledger")
    assert command.acquire()
    try:
        english = _said_at_start(monkeypatch, db)
        install_translators(QCoreApplication.instance(), "zh_CN")  # taken away after the test
        chinese = _said_at_start(monkeypatch, db)
    finally:
        command.release()
    assert english.startswith("A command is changing this database (李会计, computer ")
    assert "once it has finished" in english
    assert chinese.startswith("数据库正在被命令行程序修改（李会计，电脑 ")
    assert "请等它完成后再启动 StudioDesk。" in chinese


def test_a_start_beside_another_window_names_its_user(qtbot, tmp_path, monkeypatch):
    db = tmp_path / "db.sqlite3"
    window = DatabaseLock(db, user="王老师")
    assert window.acquire()
    try:
        text = _said_at_start(monkeypatch, db)
    finally:
        window.release()
    assert text.startswith("This database is already open (王老师, computer ")
