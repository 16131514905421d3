"""What interrupted work leaves behind is removed by the next run of the same kind, and
nothing another running program still uses (issue 16, item 14). The names carry the
process and the computer that made them (store/leftovers.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from desktop_app.services.app import AppServices
from desktop_app.store import leftovers
from desktop_app.store.backup import TMP_PREFIX, backups_dir_for
from desktop_app.store.backup_pool import pool_for
from tests.conftest import TODAY

DAY = 24 * 3600


@pytest.fixture(scope="module")
def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not leftovers.pid_alive(child.pid)
    return child.pid


@pytest.fixture
def live_child():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield child.pid
    child.kill()
    child.wait()


def tag(pid: int) -> str:
    """The tag of ``pid`` on this computer, as leftovers.tagged writes it."""
    return leftovers.tagged("").replace(str(os.getpid()), str(pid), 1)


def make(path: Path, folder: bool = False, age_s: float = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if folder:
        path.mkdir()
        (path / "backup.zip").write_bytes(b"x" * 1000)
    else:
        path.write_bytes(b"x" * 1000)
    if age_s:
        old = time.time() - age_s
        os.utime(path, (old, old))
    return path


def test_the_tag_names_this_process(dead_pid):
    assert leftovers.tagged(".tmp-").startswith(f".tmp-{os.getpid()}.")
    assert leftovers.pid_alive(os.getpid())
    assert not leftovers.pid_alive(dead_pid)


def test_opening_the_database_removes_what_killed_work_left_and_keeps_live_work(
    services, tmp_path, dead_pid, live_child
):
    db = services.db.path
    services.close()
    store = db.with_name(db.stem + "-files")
    pool = pool_for(backups_dir_for(db))
    dead = tag(dead_pid)
    elsewhere = "4242.zzzzzz-"  # made on another computer: its process cannot be seen
    gone = [
        make(store / f".incoming-{dead}abc"),
        make(store / "ab" / f".incoming-{dead}def"),
        make(pool / "cd" / f".incoming-{dead}ghi"),
        make(db.with_name(f".restore-{dead}{db.name}")),
        make(store / f".incoming-{elsewhere}old", age_s=2 * DAY),
        make(store / ".incoming-x1y2z3", age_s=2 * DAY),  # an earlier version's name
        make(db.with_name(f".restore-{dead_pid}-{db.name}"), age_s=2 * DAY),
    ]
    kept = [
        make(store / f".incoming-{tag(live_child)}abc"),  # another program, still running
        make(store / "ab" / f".incoming-{tag(os.getpid())}def"),
        make(db.with_name(f".restore-{tag(live_child)}{db.name}")),
        make(store / f".incoming-{elsewhere}new"),  # another computer's, just written
        make(store / ".incoming-fresh"),
        make(store / "ab" / "ab12"),  # a stored file
    ]
    reopened = AppServices.open(db, today=lambda: TODAY)
    reopened.close()
    assert [p for p in gone if p.exists()] == []
    assert [p for p in kept if not p.exists()] == []


def test_a_backup_removes_what_an_interrupted_backup_left_in_its_folder(
    services, tmp_path, dead_pid, live_child
):
    folder = tmp_path / "U盘"
    left = make(folder / f"{TMP_PREFIX}{tag(dead_pid)}abcd", folder=True)
    running = make(folder / f"{TMP_PREFIX}{tag(live_child)}efgh", folder=True)
    mine = make(folder / "my-notes.txt")
    info = services.backups.backup_now("manual", target_dir=folder)
    assert info.ok
    assert not left.exists()
    assert running.exists() and mine.exists()
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(TMP_PREFIX)) == [
        running.name
    ]  # the backup's own work folder is gone too


def test_a_bundle_export_removes_what_an_interrupted_one_left_in_the_temp_folder(
    services, tmp_path, dead_pid, live_child, monkeypatch
):
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    left = make(temp / f"studiodesk-bundle-{tag(dead_pid)}abcd", folder=True)
    running = make(temp / f"studiodesk-bundle-{tag(live_child)}efgh", folder=True)
    other = make(temp / "someone-elses-file")
    bundle = services.bundle
    bundle.export(bundle.parse_period("2025-2026"), tmp_path / "bundle.zip")
    assert not left.exists()
    assert running.exists() and other.exists()
    assert sorted(p.name for p in temp.iterdir()) == sorted([running.name, other.name])


def test_a_file_written_again_removes_what_an_interrupted_write_left_beside_it(
    services, tmp_path, dead_pid, live_child
):
    from desktop_app.reports.ledger_report import write_ledger_report
    from desktop_app.services.roster_io import write_roster

    folder = tmp_path / "我的文档"
    left = [
        make(folder / f".~名册-{tag(dead_pid)}abcd.xlsx"),
        make(folder / f".经费.pdf.{tag(dead_pid)}1a2b.tmp"),
    ]
    kept = [
        make(folder / f".~名册-{tag(live_child)}efgh.xlsx"),  # being written right now
        make(folder / ".~名册-我自己的.xlsx", age_s=30 * DAY),  # no tag: maybe the user's
        make(folder / ".经费.pdf.old.tmp", age_s=30 * DAY),
    ]
    write_roster(folder / "名册.xlsx", services.members.roster(), mask=True)
    write_ledger_report(services, 2025, folder / "经费.pdf")
    assert [p.name for p in left if p.exists()] == []
    assert [p.name for p in kept if not p.exists()] == []
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [p.name for p in kept] + ["名册.xlsx", "经费.pdf"]
    )
