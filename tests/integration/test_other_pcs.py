"""Several PCs at once see the same thing (issue 18): every committed unit of work counts
itself in commit order and logs its subjects (store/changes.py); another PC's watcher
(store/watch.py: NOTIFY/LISTEN on PostgreSQL, the counter polled on SQLite) tells its
observers — the window's bus — within seconds; the caches follow the counter, not ids.

Two Database objects on one database stand for two PCs; a second process for another
program (another PC's, or the CLI on the same file)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from desktop_app.domain import changes as subjects
from desktop_app.services.app import AppServices
from desktop_app.services.ledger import EntryInput
from desktop_app.store import changes
from desktop_app.store.db import open_database
from desktop_app.store.models import LedgerCategory, Studio
from tests.conftest import BOTH, TODAY

BACKENDS = BOTH
ROOT = Path(__file__).resolve().parents[2]


def counter(db) -> int:
    with db.engine.connect() as connection:
        return changes.state(connection)[0]


class Heard:
    """What a Database's observers were told, waited for from the test's thread."""

    def __init__(self, db):
        self.seen: list[frozenset[str]] = []
        self._event = threading.Event()
        db.on_committed(self._hear)

    def _hear(self, what: frozenset[str]) -> None:
        self.seen.append(what)
        self._event.set()

    def wait(self, seconds: float = 5.0) -> float:
        """Seconds until something was told (fails after ``seconds``)."""
        start = time.monotonic()
        assert self._event.wait(seconds), f"nothing told within {seconds} s"
        self._event.clear()
        return time.monotonic() - start


def record_expense_elsewhere(address, purpose: str = "另一台电脑的支出") -> None:
    """Another program (a second process) records an expense in the same database."""
    code = (
        "import sys\n"
        "from desktop_app.services.app import AppServices\n"
        "from desktop_app.services.ledger import EntryInput\n"
        "s = AppServices.open(sys.argv[1])\n"
        "s.ledger.add(EntryInput('支出', '2026-11-20', '12.50', sys.argv[2], category='专家指导'))\n"
        "s.close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(address), purpose],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def two_pcs(services, database_at):
    """The test's database open a second time, as another PC would."""
    other = AppServices.open(database_at("db"), today=lambda: TODAY)
    services.ledger.add(EntryInput("收入", "2026-03-01", "1000", "经费", source="grant"))
    yield services, other
    other.close()


def test_every_committed_unit_of_work_counts_once_with_its_subjects(services):
    db = services.db
    before = counter(db)
    with db.unit_of_work() as session:
        session.add(LedgerCategory(studio_id=session.scalar(select(Studio.id)), name="测试"))
    with db.reading() as session:
        session.scalar(select(Studio.id))
    with db.unit_of_work():
        pass  # wrote nothing: nothing to count, nothing to tell
    with pytest.raises(RuntimeError), db.unit_of_work() as session:
        session.add(LedgerCategory(studio_id=session.scalar(select(Studio.id)), name="回滚"))
        raise RuntimeError("rolled back")
    assert counter(db) == before + 1
    with db.engine.connect() as connection:
        assert changes.since(connection, before) == (
            before + 1,
            [(before + 1, frozenset({subjects.LEDGER}))],
        )


def test_another_pcs_change_reaches_this_one_with_its_subjects(two_pcs):
    here, there = two_pcs
    heard = Heard(here.db)
    here.db.watch_others()
    there.ledger.add(EntryInput("支出", "2026-11-20", "30", "展板", category="专家指导"))
    took = heard.wait(5)
    assert heard.seen == [frozenset({subjects.LEDGER})]
    assert took < 5
    # this PC's own save is told once (at its commit), not again by the watcher
    heard.seen.clear()
    here.ledger.add(EntryInput("支出", "2026-11-20", "1", "笔", category="专家指导"))
    assert heard.seen == [frozenset({subjects.LEDGER})]
    time.sleep(here.db._watcher.every * 1.5)
    assert heard.seen == [frozenset({subjects.LEDGER})]


def test_another_programs_expense_reaches_the_observers(two_pcs, database_at):
    here, _there = two_pcs
    heard = Heard(here.db)
    here.db.watch_others()
    record_expense_elsewhere(database_at("db"))
    heard.wait(5)
    assert subjects.LEDGER in heard.seen[0]
    assert "另一台电脑的支出" in [e.purpose for e in here.ledger.entries()]


def test_a_cached_list_follows_another_pcs_save(two_pcs):
    """The ledger's list is cached between reads: keyed on the counter, another PC's
    save (which this PC's process did not see made) is read at once."""
    here, there = two_pcs
    assert [e.purpose for e in here.ledger.entries()] == ["经费"]
    there.ledger.add(EntryInput("支出", "2026-11-20", "30", "展板", category="专家指导"))
    assert [e.purpose for e in here.ledger.entries()] == ["经费", "展板"]


def test_a_pc_that_fell_behind_the_log_refreshes_everything(two_pcs):
    here, there = two_pcs
    with here.db.engine.begin() as connection:
        seen = changes.state(connection)[0]
    there.ledger.add(EntryInput("支出", "2026-11-20", "30", "展板", category="专家指导"))
    with there.db.engine.begin() as connection:
        connection.execute(text("DELETE FROM change_log"))  # pruned past what was seen
        assert changes.since(connection, seen)[1] is None
        assert changes.since(connection, seen + 100)[1] is None  # went back: a restore


def test_the_listening_connection_comes_back(postgres_cluster, backend, two_pcs):
    if backend != "postgresql":
        assert backend == "sqlite"  # SQLite has no listening connection: it polls
        return
    here, there = two_pcs
    heard = Heard(here.db)
    here.db.watch_others()
    deadline = time.monotonic() + 5
    while here.db._watcher._listening is None and time.monotonic() < deadline:
        time.sleep(0.05)
    pid = here.db._watcher._listening.info.backend_pid
    postgres_cluster.execute(f"SELECT pg_terminate_backend({pid})")
    there.ledger.add(EntryInput("支出", "2026-11-20", "30", "展板", category="专家指导"))
    heard.wait(8)  # the lost connection noticed, listened again, the counter read
    assert subjects.LEDGER in heard.seen[0]
    assert here.db._watcher._listening.info.backend_pid != pid


def test_closing_the_database_stops_the_watcher(database_at, services):
    db = open_database(database_at("db"))
    db.watch_others()
    thread = db._watcher._thread
    time.sleep(0.5)  # listening (or between two polls)
    start = time.monotonic()
    db.close()
    assert not thread.is_alive()
    assert time.monotonic() - start < 1  # a window closes without waiting for a check
