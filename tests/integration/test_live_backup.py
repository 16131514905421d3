"""Backups while another process writes, and the backup / restore / backups commands.

The writer is a separate process committing through the program's services
(tests/backup_helpers.py). A backup taken meanwhile must pass both checks and restore to
a state the writer actually had: a prefix of its commits, every record complete."""

from __future__ import annotations

import json
import time
import zipfile

import pytest

from desktop_app.cli import main
from desktop_app.services.backup import BackupService, DatabaseInUse, check
from desktop_app.store import backup as store
from tests.backup_helpers import (  # noqa: F401  (the fixture demo_template)
    committed,
    copy_database,
    demo_template_fixture,
    dump_tables,
    mark_counts,
    sqlite_checks,
    start_writer,
    written_activities,
)

TAG = "live"


def wait_for_lines(proc, count: int, timeout: float = 30.0) -> None:
    """Block until the child has printed ``count`` lines (read from its pipe byte-wise
    into ``proc.seen``) or fail."""
    seen = getattr(proc, "seen", b"")
    deadline = time.monotonic() + timeout
    while seen.count(b"\n") < count:
        if time.monotonic() > deadline or proc.poll() is not None:
            pytest.fail(f"writer stalled: {seen[-200:]!r} {proc.stderr.read()!r}")
        seen += proc.stdout.read1(4096)
    proc.seen = seen


def test_backups_taken_while_another_process_writes(demo_template, tmp_path):
    db = copy_database(demo_template, tmp_path / "live" / "studio.sqlite3")
    service = BackupService(db)
    writer = start_writer(db, tmp_path / "work", TAG)
    backups = []
    try:
        wait_for_lines(writer, 2)
        for round_ in range(4):
            wait_for_lines(writer, writer.seen.count(b"\n") + 5)  # it keeps committing
            info = service.backup_now("manual", target_dir=tmp_path / "usb")
            assert info.ok, info.problems
            backups.append(info)
            if round_ == 1:  # restoring over a database in use is refused, harmlessly
                with pytest.raises(DatabaseInUse):
                    service.restore(info.path)
        wait_for_lines(writer, writer.seen.count(b"\n") + 5)  # and it was not disturbed
    finally:
        writer.kill()
        out, err = writer.communicate(timeout=30)
    lines = committed(writer.seen + out)
    tags = [rest for kind, _, rest in lines if kind == "A"]
    assert len(tags) >= 10, err

    counts = []
    for i, info in enumerate(backups):
        result = check(info.path)
        assert result.ok, result.problems
        target = tmp_path / f"restored-{i}" / "studio.sqlite3"
        BackupService(target).restore(info.path)
        assert sqlite_checks(target) == (["ok"], [])
        # the same content as the backup's own copy of the database
        with zipfile.ZipFile(info.path) as archive:
            copy = tmp_path / f"copy-{i}.sqlite3"
            copy.write_bytes(archive.read(store.DB_MEMBER))
        assert dump_tables(target) == dump_tables(copy)
        # a prefix of the writer's commits, every activity complete with its file
        found = written_activities(target, TAG)
        assert sorted(found) == tags[: len(found)]
        marks = mark_counts(target)
        for kind, activity_id, rest in lines:
            if kind == "M" and activity_id in found.values():
                assert marks.get(activity_id, 0) in (0, int(rest))
        counts.append(len(found))
    assert counts == sorted(counts) and counts[-1] > counts[0] >= 1

    # the writer stopped: a backup now restores into place to exactly the live content
    live = dump_tables(db)
    final = service.backup_now("manual", target_dir=tmp_path / "usb")
    result = service.restore(final.path)
    assert dump_tables(db) == live
    assert result.kept is not None and check(result.kept).ok
    found = written_activities(db, TAG)
    # every commit reported is there; the kill may have come between the writer's last
    # commit and its line saying so: one commit more than reported, never a gap
    assert sorted(found)[: len(tags)] == tags and len(found) - len(tags) in (0, 1)


# ------------------------------------------------------------------ the commands


@pytest.fixture
def studio_db(demo_template, tmp_path):
    return copy_database(demo_template, tmp_path / "live" / "studio.sqlite3")


def test_backup_and_restore_commands(studio_db, tmp_path, capsys):
    out = tmp_path / "usb" / "我的备份.zip"
    assert main(["backup", "--db", str(studio_db), "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == str(out) and "完好" in printed[1]
    assert check(out).ok
    assert main(["backup", "--db", str(studio_db), "--out", str(out)]) == 1  # never over a file
    assert "已存在" in capsys.readouterr().err

    assert main(["backup", "--db", str(studio_db), "--out", str(tmp_path / "usb"), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    # the demo's photos are inside the database copy, no file beside it
    assert info["ok"] and info["kind"] == "manual" and info["files"] == 0

    before = dump_tables(studio_db)
    assert main(["restore", "--db", str(studio_db), str(out)]) == 0
    printed = capsys.readouterr().out
    [kept] = [b for b in BackupService(studio_db).list() if b.kind == "before-restore"]
    assert str(kept.path) in printed and "被替换的数据库已保存为" in printed
    assert dump_tables(studio_db) == before

    assert main(["backups", "--db", str(studio_db), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [b["kind"] for b in listed] == ["before-restore"]
    assert main(["backups", "--db", str(studio_db)]) == 0
    assert "before-restore" in capsys.readouterr().out


def test_restore_command_refuses_a_bad_backup_with_the_reason(studio_db, tmp_path, capsys):
    out = tmp_path / "good.zip"
    assert main(["backup", "--db", str(studio_db), "--out", str(out)]) == 0
    bad = tmp_path / "bad.zip"
    bad.write_bytes(out.read_bytes()[:-500])
    before = studio_db.read_bytes()
    capsys.readouterr()
    assert main(["restore", "--db", str(studio_db), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "备份未通过检查，未恢复" in err and "bad.zip" in err
    assert studio_db.read_bytes() == before
    assert main(["restore", "--db", str(studio_db), str(tmp_path / "none.zip")]) == 1
    assert "找不到备份文件" in capsys.readouterr().err


def test_backup_command_without_a_database(tmp_path, capsys):
    assert main(["backup", "--db", str(tmp_path / "none.sqlite3")]) == 1
    assert "找不到数据库" in capsys.readouterr().err
    assert main(["backups", "--db", str(tmp_path / "none.sqlite3")]) == 0
    assert "还没有备份" in capsys.readouterr().out
