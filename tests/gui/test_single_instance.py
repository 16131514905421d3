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
        note.write_text(note.read_text().replace(f'"pid": {os.getpid()}', '"pid": 1'))
        stale = DatabaseLock(tmp_path / "db.sqlite3").holder()  # an earlier holder's note
        assert (stale.user, stale.since, stale.pid) == ("", None, os.getpid())
    finally:
        holder.release()
    assert not (tmp_path / "db.sqlite3.lock.who").exists()  # gone with the lock
