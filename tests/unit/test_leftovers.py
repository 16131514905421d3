"""What interrupted work leaves behind is removed by the next run of the same kind, and
nothing another running program still uses (issue 16, item 14). The names carry the
process and the computer that made them (desktop_app/leftovers.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from desktop_app import leftovers
from desktop_app.documents.bundle.export import BundleExport
from desktop_app.services.app import AppServices
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
    store = db.with_name(db.stem + "-cache")  # this PC's copies of the evidence
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
        make(store / "ab" / "ab12"),  # a copy of an evidence file
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
    bundle = BundleExport(services)
    bundle.export(services.bundle.parse_period("2025-2026"), tmp_path / "bundle.zip")
    assert not left.exists()
    assert running.exists() and other.exists()
    assert sorted(p.name for p in temp.iterdir()) == sorted([running.name, other.name])


def beside(pid: int, name: str) -> str:
    """The name temporary_beside gives ``pid``'s temporary for a file ``name``."""
    return f"{leftovers.BESIDE}{tag(pid)}1a2b3c4d-{name}"


def test_a_write_into_a_folder_removes_what_any_interrupted_write_left_there(
    services, tmp_path, dead_pid, live_child
):
    from desktop_app.documents.reports.ledger_report import write_ledger_report
    from desktop_app.documents.sheets.roster_io import write_roster

    folder = tmp_path / "我的文档"
    left = [
        make(folder / beside(dead_pid, "名册.xlsx.xlsx")),
        make(folder / beside(dead_pid, "经费.pdf.tmp")),
        make(folder / beside(dead_pid, "申报材料.zip.partial")),  # a file never written again
        make(folder / beside(dead_pid, "申报表.docx.raw")),
    ]
    kept = [
        make(folder / beside(live_child, "名册.xlsx.xlsx")),  # being written right now
        make(folder / ".~名册-我自己的.xlsx", age_s=30 * DAY),  # not ours: maybe the user's
        make(folder / ".studiodesk-notes.txt", age_s=30 * DAY),  # our prefix, no tag
    ]
    write_roster(folder / "名册.xlsx", services.members.roster(), mask=True)
    write_ledger_report(services, 2025, folder / "经费.pdf")
    assert [p.name for p in left if p.exists()] == []
    assert [p.name for p in kept if not p.exists()] == []
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [p.name for p in kept] + ["名册.xlsx", "经费.pdf"]
    )


_KILLED_MID_WRITE = """
import os, sys, time
from pathlib import Path
from desktop_app import leftovers
with leftovers.temporary_beside(Path(sys.argv[1]), ".partial") as temp:
    temp.write_bytes(b"half a bundle")
    print(temp, flush=True)
    time.sleep(60)
"""


def test_a_temporary_killed_in_a_folder_never_written_again_goes_at_the_next_opening(
    services, tmp_path, monkeypatch
):
    """Recorded in the data folder, so the next opening of any database removes it,
    while a temporary of a program still writing stays."""
    monkeypatch.setenv("STUDIODESK_DATA_DIR", str(tmp_path / "data"))  # the children's too
    db = services.db.path
    services.close()
    folder = tmp_path / "U盘"

    def writer(name: str) -> tuple[subprocess.Popen, Path]:
        child = subprocess.Popen(
            [sys.executable, "-c", _KILLED_MID_WRITE, str(folder / name)],
            stdout=subprocess.PIPE,
            text=True,
        )
        return child, Path(child.stdout.readline().strip())

    killed, left = writer("申报材料.zip")
    running, busy = writer("另一份.zip")
    try:
        killed.kill()
        killed.wait()
        assert left.exists() and busy.exists()
        AppServices.open(db, today=lambda: TODAY).close()
        assert not left.exists()
        assert busy.exists()  # its program still runs
        records = list((leftovers._pending_folder()).iterdir())
        assert [r.read_text(encoding="utf-8") for r in records] == [str(busy.resolve())]
    finally:
        running.kill()
        running.wait()
    AppServices.open(db, today=lambda: TODAY).close()
    assert list(folder.iterdir()) == [] and list(leftovers._pending_folder().iterdir()) == []


def test_a_record_never_removes_a_file_that_is_not_its_temporary(tmp_path, dead_pid, monkeypatch):
    """A record names a path; only a name this program gave that process is removed."""
    monkeypatch.setenv("STUDIODESK_DATA_DIR", str(tmp_path / "data"))
    mine = make(tmp_path / "论文.docx")
    folder = leftovers._pending_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{tag(dead_pid)}feed").write_text(str(mine), encoding="utf-8")
    leftovers.sweep_recorded()
    assert mine.exists()
    assert not (folder / f"{tag(dead_pid)}feed").exists()


def test_the_cache_folder_loses_what_a_killed_export_left(services, dead_pid):
    db = services.db.path
    services.close()
    store = db.with_name(db.stem + "-cache")
    left = [
        make(store / ".thumbs" / "ab" / f".incoming-{tag(dead_pid)}x1"),
        make(store / "evidence" / "f0" / f".incoming-{tag(dead_pid)}f00d"),
        make(store / ".open" / "3" / f".incoming-{tag(dead_pid)}x3"),
    ]
    kept = make(store / "evidence" / "f0" / ("f0" + "0" * 62))
    AppServices.open(db, today=lambda: TODAY).close()
    assert [p for p in left if p.exists()] == []
    assert kept.exists()
