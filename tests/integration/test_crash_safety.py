"""Killed mid-save, nothing committed is lost and nothing is left half-written.

A child process commits through the program's services in a loop and prints each
commit after it returned (tests/backup_helpers.py); the parent kills it with SIGKILL at
random moments, round after round on the same database. After every kill the database
passes integrity_check and foreign_key_check, every commit the child reported is there
in full (the activity, its attachment row and link, its file in the store, its marks),
and no activity exists in part."""

from __future__ import annotations

import random
import signal
import sys
import time

import pytest

from desktop_app.services.app import AppServices
from desktop_app.services.backup import BackupService
from tests.backup_helpers import (  # noqa: F401  (the fixture demo_template)
    committed,
    copy_database,
    demo_template_fixture,
    mark_counts,
    sqlite_checks,
    start_writer,
    written_activities,
)

ROUNDS = 20
pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"
)


def test_sigkill_at_random_moments_loses_no_commit(demo_template, tmp_path):
    db = copy_database(demo_template, tmp_path / "studio.sqlite3")
    rng = random.Random(20261121)
    reported: dict[str, int] = {}
    marked: dict[int, int] = {}
    started = time.monotonic()
    for round_ in range(ROUNDS):
        tag = f"crash{round_:02d}"
        child = start_writer(db, tmp_path / "work", tag)
        # most kills land in the writing loop, some while the child is still starting
        if rng.random() < 0.85:
            first = child.stdout.readline()
            assert first.startswith(b"A "), child.stderr.read()
            time.sleep(rng.uniform(0.0, 0.5))
            output = first
        else:
            time.sleep(rng.uniform(0.1, 0.8))
            output = b""
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        for kind, activity_id, value in committed(output + rest):
            if kind == "A":
                reported[value] = activity_id
            else:
                marked[activity_id] = int(value)

        assert sqlite_checks(db) == (["ok"], []), f"round {round_}"
        found = written_activities(db, "crash")  # every row complete
        missing = {t: i for t, i in reported.items() if found.get(t) != i}
        assert not missing, f"round {round_}: committed but gone: {missing}"
        marks = mark_counts(db)
        for activity_id, count in marked.items():
            assert marks.get(activity_id, 0) == count, f"round {round_}: {activity_id}"
        # an activity whose marks were not reported has all of them or none
        for activity_id in set(found.values()) - set(marked):
            assert marks.get(activity_id, 0) in (0, *set(marked.values())), activity_id
    assert len(reported) >= ROUNDS, "the child should have committed in most rounds"
    assert time.monotonic() - started < 90

    # the program opens it as usual, and it backs up and checks clean
    services = AppServices.open(db)
    try:
        assert services.studio.exists()
        info = services.backups.backup_now()
        assert info.ok
    finally:
        services.close()
    assert BackupService(db).check(info.path).ok
