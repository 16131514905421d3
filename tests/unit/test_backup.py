"""Backups: the retention rule, a checked backup of records and files, restore, refusal
of a damaged backup, and the backup every schema upgrade makes first."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sqlite3
import zipfile
from pathlib import Path

import pytest
from alembic import command
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine

from desktop_app.paths import files_dir_for
from desktop_app.services.activities import ActivityInput
from desktop_app.services.app import AppServices
from desktop_app.services.backup import (
    BackupError,
    BackupRefused,
    BackupService,
    DatabaseInUse,
    check,
    retained,
)
from desktop_app.store import backup as store
from desktop_app.store.db import open_database
from desktop_app.store.migrate import alembic_config, current_revision, head_revision
from tests.backup_helpers import (  # noqa: F401  (the fixture demo_template)
    copy_database,
    demo_template_fixture,
    dump_tables,
    files_beside,
)

# ------------------------------------------------------------------ the retention rule

END = dt.datetime(2026, 11, 18, 21, 30)  # a Wednesday


def daily(count: int, end: dt.datetime = END) -> list[dt.datetime]:
    return [end - dt.timedelta(days=i) for i in range(count)]


def test_a_year_of_daily_backups_keeps_7_daily_4_weekly_12_monthly():
    times = daily(400)
    random.Random(1).shuffle(times)  # the order given does not matter
    kept = retained(times)
    assert len(kept) == 7 + 4 + 12
    assert kept[0] == END  # newest first, and the newest is kept
    assert kept[:7] == daily(7)  # the last seven days
    rest = {t.date() for t in kept[7:]}
    # then the newest backup of each of 4 more weeks: their Sundays
    weekly = {dt.date(2026, 11, 8), dt.date(2026, 11, 1), dt.date(2026, 10, 25)}
    weekly.add(dt.date(2026, 10, 18))
    # then the newest of each of 12 more months: their last days (October's included:
    # the last day of October is no week's newest kept backup)
    monthly = {dt.date(2026, 11, 1) - dt.timedelta(days=1)}
    for _ in range(11):
        first = min(monthly).replace(day=1)
        monthly.add(first - dt.timedelta(days=1))
    assert min(monthly) == dt.date(2025, 11, 30)
    assert rest == weekly | monthly
    assert all(t.isoweekday() == 7 for t in weekly)


def test_several_backups_a_day_keep_the_newest_of_each_day():
    times = [END - dt.timedelta(days=d, hours=h) for d in range(5) for h in (0, 3, 7)]
    kept = retained(times)
    assert kept == [END - dt.timedelta(days=d) for d in range(5)]


def test_few_backups_are_all_kept_and_gaps_do_not_count_as_days():
    times = [END - dt.timedelta(days=10 * i) for i in range(9)]  # one every ten days
    assert retained(times) == sorted(times, reverse=True)


def test_the_newest_is_kept_even_with_no_slots():
    times = daily(10)
    assert retained(times, daily=0, weekly=0, monthly=0) == [END]
    assert retained([]) == []


def test_retention_keeps_objects_by_their_time():
    class B:
        def __init__(self, when):
            self.when = when

    backups = [B(t) for t in daily(30)]
    kept = retained(backups, lambda b: b.when)
    assert kept[0] is backups[0]
    assert all(isinstance(b, B) for b in kept)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.datetimes(min_value=dt.datetime(2023, 1, 1), max_value=dt.datetime(2026, 12, 31)),
        max_size=120,
        unique=True,
    )
)
def test_retention_properties(times):
    kept = retained(times)
    assert set(kept) <= set(times)
    assert len(kept) <= 23
    if times:
        assert max(times) in kept
    # pruning again changes nothing: prune() may run at every backup
    assert retained(kept) == kept


# ------------------------------------------------------------------ names and manifests


def test_names_carry_time_and_kind():
    created = dt.datetime(2026, 3, 4, 5, 6, 7).astimezone()
    name = store.backup_file_name(created, "before-upgrade", "我的-studio")
    assert name == "我的-studio-20260304-050607-before-upgrade.zip"
    assert store.parse_name(name) == (created, "before-upgrade")
    assert store.parse_name("我的-studio-20260304-050607-auto-3.zip") == (created, "auto")
    assert store.parse_name("holiday.zip") is None


def test_unique_path_never_reuses_a_name(tmp_path):
    created = dt.datetime(2026, 3, 4, 5, 6, 7).astimezone()
    first = store.unique_path(tmp_path, created, "auto", "db")
    first.write_bytes(b"x")
    second = store.unique_path(tmp_path, created, "auto", "db")
    assert second.name == "db-20260304-050607-auto-2.zip"


def test_backups_folder_sits_beside_its_database(tmp_path):
    assert store.backups_dir_for(tmp_path / "a.sqlite3") == tmp_path / "a-backups"


# ------------------------------------------------------------------ backup and restore


@pytest.fixture
def studio_db(demo_template, tmp_path) -> Path:
    """The demo with its files in the folder beside it, as an installation from before
    the evidence moved into the database: what these backups of files are about (a
    backup of a newer database carries the evidence inside its copy:
    tests/integration/test_stored_in_database.py)."""
    return files_beside(copy_database(demo_template, tmp_path / "live" / "studio.sqlite3"))


def change_records(db: Path) -> None:
    services = AppServices.open(db)
    try:
        services.activities.create(ActivityInput("2026-11-02", "学习研讨", "备份之后的新活动"))
    finally:
        services.close()


def store_listing(db: Path) -> dict[str, bytes]:
    return store_listing_of(files_dir_for(db))


def store_listing_of(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and len(p.parent.name) == 2
    }


def test_backup_checks_and_restores_records_and_files(studio_db, tmp_path):
    service = BackupService(studio_db)
    before = dump_tables(studio_db)
    files_before = store_listing(studio_db)
    assert files_before, "the demo has photos"

    info = service.backup_now()
    assert info.ok and info.kind == "auto"
    assert info.path.parent == tmp_path / "live" / "studio-backups"
    assert info.revision == head_revision()
    assert info.files == len(files_before) and info.missing == ()
    result = check(info.path)
    assert result.ok and result.problems == ()
    with zipfile.ZipFile(info.path) as archive:
        names = set(archive.namelist())
    # in the backups folder the files are held once, in its pool, listed in the manifest
    assert names == {store.MANIFEST, store.DB_MEMBER}
    pool = service.directory / "files"
    assert {n.split("/")[-1] for n in files_before} == set(store.read_manifest(info.path).pooled)
    assert store_listing_of(pool) == files_before

    # change records, lose files; then restore
    change_records(studio_db)
    for path in files_dir_for(studio_db).rglob("*"):
        if path.is_file() and len(path.parent.name) == 2:
            path.chmod(0o644)
            path.unlink()
    assert dump_tables(studio_db) != before

    restored = service.restore(info.path)
    assert restored.files_added == len(files_before)
    assert dump_tables(studio_db) == before
    assert store_listing(studio_db) == files_before
    # the database it replaced is kept, checked, as a before-restore backup
    assert restored.kept is not None and restored.kept.parent == service.directory
    assert "before-restore" in restored.kept.name
    assert check(restored.kept).ok
    kinds = sorted(b.kind for b in service.list())
    assert kinds == ["auto", "before-restore"]
    # and the program opens the restored database
    services = AppServices.open(studio_db)
    try:
        assert services.studio.exists()
    finally:
        services.close()


def test_restore_into_a_new_place(studio_db, tmp_path):
    info = BackupService(studio_db).backup_now("manual", target_dir=tmp_path / "usb")
    assert info.path.parent == tmp_path / "usb" and info.kind == "manual"
    fresh = tmp_path / "new-pc" / "studio.sqlite3"
    result = BackupService(fresh).restore(info.path)
    assert result.kept is None
    assert dump_tables(fresh) == dump_tables(studio_db)
    assert store_listing(fresh) == store_listing(studio_db)


def test_an_unchanged_database_is_not_backed_up_twice_a_day(studio_db):
    clock = [dt.datetime(2026, 11, 21, 9, 0).astimezone()]
    service = BackupService(studio_db, clock=lambda: clock[0])
    assert service.due_daily()
    first = service.backup_now()
    assert not service.due_daily()
    clock[0] += dt.timedelta(hours=2)
    assert service.on_exit() == first  # nothing changed: nothing written
    change_records(studio_db)
    clock[0] += dt.timedelta(hours=2)
    second = service.on_exit()
    assert second.path != first.path and second.ok
    # the older of the day is pruned: one automatic backup per day is kept
    assert [b.path for b in service.list()] == [second.path]
    clock[0] += dt.timedelta(days=1)
    assert service.due_daily()


def test_prune_keeps_the_retention_and_every_other_kind(studio_db):
    clock = [dt.datetime(2026, 1, 1, 18, 0).astimezone()]
    service = BackupService(studio_db, clock=lambda: clock[0])
    manual = service.backup_now("manual")
    for _ in range(45):
        service.backup_now()  # prunes after each
        clock[0] += dt.timedelta(days=1)
    auto = [b for b in service.list() if b.kind == "auto"]
    expected = retained([clock[0] - dt.timedelta(days=i + 1) for i in range(45)])
    assert [b.created for b in auto] == expected
    assert len(auto) == 7 + 4 + 1  # 45 days from 1 January: January is the one month more
    assert manual.path.exists()
    # a stale temporary folder of an interrupted backup is cleaned away
    stale = service.directory / ".tmp-interrupted"
    stale.mkdir()
    os.utime(stale, (0, 0))
    service.prune()
    assert not stale.exists()


def test_restore_refuses_while_the_database_is_open(studio_db):
    services = AppServices.open(studio_db)
    try:
        info = services.backups.backup_now()
        before = studio_db.read_bytes()
        with pytest.raises(DatabaseInUse) as raised:
            services.backups.restore(info.path)
        assert "使用中" in raised.value.problems[0]
        assert studio_db.read_bytes() == before
        assert [b.kind for b in services.backups.list()] == ["auto"]
        assert services.studio.exists()  # and it still works
    finally:
        services.close()


def damaged_copies(good: Path, folder: Path) -> dict[str, Path]:
    """Copies of a good backup broken in the ways a USB stick or a crash breaks files."""
    data = good.read_bytes()
    out = {}
    folder.mkdir(parents=True, exist_ok=True)

    def write(name: str, content: bytes) -> None:
        out[name] = folder / f"{name}.zip"
        out[name].write_bytes(content)

    write("truncated", data[: len(data) // 2])
    with zipfile.ZipFile(good) as archive:
        infos = {i.filename: i for i in archive.infolist()}
    db_info = infos[store.DB_MEMBER]
    file_info = next(i for name, i in infos.items() if name.startswith("files/"))
    for name, info in (("database-flipped", db_info), ("file-flipped", file_info)):
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        middle = start + info.compress_size // 2
        broken = bytearray(data)
        for i in range(middle, middle + 16):
            broken[i] ^= 0xFF
        write(name, bytes(broken))
    broken = bytearray(data)
    for i in range(len(data) // 2, len(data) // 2 + 64):
        broken[i] ^= 0x5A
    write("middle-flipped", bytes(broken))
    write("not-a-zip", b"PK\x03\x04" + os.urandom(2000))
    return out


def test_a_damaged_backup_is_refused_and_nothing_changes(studio_db, tmp_path):
    service = BackupService(studio_db)
    good = service.backup_now("manual", target_dir=tmp_path / "usb")
    change_records(studio_db)  # a change after the backup
    before, files_before = dump_tables(studio_db), store_listing(studio_db)
    db_bytes = studio_db.read_bytes()
    for name, path in damaged_copies(good.path, tmp_path / "damaged").items():
        result = check(path)
        assert not result.ok and result.problems, name
        with pytest.raises(BackupRefused) as raised:
            service.restore(path)
        assert raised.value.problems == result.problems, name
        assert studio_db.read_bytes() == db_bytes, name
        assert dump_tables(studio_db) == before and store_listing(studio_db) == files_before
        assert service.list() == [], name  # no before-restore copy: nothing was replaced
        assert not list(studio_db.parent.glob(".restore-*")), name
    assert check(good.path).ok  # the original was fine all along


def test_damage_is_reported_in_words(studio_db, tmp_path):
    good = BackupService(studio_db).backup_now("manual", target_dir=tmp_path)
    broken = damaged_copies(good.path, tmp_path / "damaged")
    assert "不是可读取的 StudioDesk 备份" in check(broken["truncated"]).problems[0]
    assert "已损坏" in check(broken["database-flipped"]).problems[0]
    assert "文件" in check(broken["file-flipped"]).problems[0]


def rewrite_zip(source: Path, target: Path, change) -> Path:
    """A copy of a backup zip with members changed by ``change(name, data) -> data|None``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info.filename))
            if data is not None:
                new.writestr(info.filename, data)
    return target


def test_a_backup_of_broken_records_or_of_a_newer_program_is_refused(studio_db, tmp_path):
    good = BackupService(studio_db).backup_now("manual", target_dir=tmp_path)
    work = tmp_path / "work.sqlite3"
    with zipfile.ZipFile(good.path) as archive:
        work.write_bytes(archive.read(store.DB_MEMBER))
    connection = sqlite3.connect(work)
    connection.execute("DELETE FROM studio")  # every record now points at nothing
    connection.commit()
    connection.close()
    manifest = json.loads(zipfile.ZipFile(good.path).read(store.MANIFEST))

    def with_database(data: bytes, **changes) -> callable:
        import hashlib

        def change(name, old):
            if name == store.DB_MEMBER:
                return data
            if name == store.MANIFEST:
                m = dict(manifest, **changes)
                m["database"] = dict(m["database"], sha256=hashlib.sha256(data).hexdigest())
                return json.dumps(m).encode()
            return old

        return change

    fk = rewrite_zip(good.path, tmp_path / "fk.zip", with_database(work.read_bytes()))
    assert "引用断裂" in check(fk).problems[0]

    newer = tmp_path / "newer.sqlite3"
    with zipfile.ZipFile(good.path) as archive:
        newer.write_bytes(archive.read(store.DB_MEMBER))
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    future = rewrite_zip(good.path, tmp_path / "future.zip", with_database(newer.read_bytes()))
    assert "较新版本" in check(future).problems[0]
    newer_format = rewrite_zip(
        good.path, tmp_path / "format.zip", with_database(newer.read_bytes(), format=99)
    )
    assert "较新版本" in check(newer_format).problems[0]

    lacking = rewrite_zip(
        good.path,
        tmp_path / "lacking.zip",
        lambda name, data: None if name.startswith("files/") else data,
    )
    assert "缺少" in check(lacking).problems[0]
    no_manifest = rewrite_zip(
        good.path, tmp_path / "plain.zip", lambda n, d: None if n == store.MANIFEST else d
    )
    assert "不是 StudioDesk 备份" in check(no_manifest).problems[0]


def test_a_damaged_database_is_not_backed_up_but_kept_when_replaced(studio_db, tmp_path):
    service = BackupService(studio_db)
    good = service.backup_now("manual", target_dir=tmp_path / "usb")
    # damage the live database: garbage over pages in its middle
    size = studio_db.stat().st_size
    with studio_db.open("r+b") as handle:
        handle.seek(size // 2 // 4096 * 4096)
        handle.write(os.urandom(4096 * 4))
    with pytest.raises(BackupError):
        service.backup_now()
    assert service.list() == []  # nothing half-checked left behind
    assert not [p for p in service.directory.iterdir() if p.name.startswith(".tmp-")]
    # the last good backup is one restore away; the damaged file is kept as it was
    damaged_bytes = studio_db.read_bytes()
    result = service.restore(good.path)
    assert store.database_problems(studio_db) == []
    kept = service.list()[0]
    assert kept.kind == "before-restore" and not kept.ok and kept.problems
    assert result.kept == kept.path
    with zipfile.ZipFile(kept.path) as archive:
        kept_bytes = archive.read(store.DB_MEMBER)
    # as it was, but for the bookkeeping of its 100-byte header (journal mode, change
    # counter): leaving WAL mode is how the restore makes sure no one has it open
    assert kept_bytes[100:] == damaged_bytes[100:]
    assert not check(kept.path).ok


def test_a_broken_reference_is_not_backed_up(tmp_path, studio_db):
    connection = sqlite3.connect(studio_db)
    connection.execute("PRAGMA foreign_keys=OFF")
    connection.execute("DELETE FROM studio")
    connection.commit()
    connection.close()
    with pytest.raises(BackupError) as raised:
        BackupService(studio_db).backup_now("manual", target_dir=tmp_path / "usb")
    assert "引用断裂" in raised.value.problems[0]
    assert not (tmp_path / "usb").exists() or not list((tmp_path / "usb").iterdir())


def test_a_missing_store_file_is_a_warning_not_a_failure(studio_db, tmp_path):
    victim = next(p for p in files_dir_for(studio_db).rglob("*") if len(p.parent.name) == 2)
    victim.chmod(0o644)
    victim.unlink()
    info = BackupService(studio_db).backup_now("manual", target_dir=tmp_path / "usb")
    assert info.ok and info.missing == (victim.name,)
    assert check(info.path).ok


def test_no_space_means_no_backup(studio_db, monkeypatch):
    monkeypatch.setattr(store, "MARGIN_BYTES", 1 << 60)
    with pytest.raises(BackupError) as raised:
        BackupService(studio_db).backup_now()
    assert "空间不足" in raised.value.problems[0]


def test_list_shows_an_unreadable_file_as_damaged(studio_db):
    service = BackupService(studio_db)
    service.directory.mkdir()
    (service.directory / "studio-20260101-080000-auto.zip").write_bytes(b"garbage")
    (service.directory / ".tmp-in-progress").mkdir()
    [info] = service.list()
    assert not info.ok and info.kind == "auto" and info.problems
    assert info.created == dt.datetime(2026, 1, 1, 8, 0).astimezone()
    assert service.due_daily()  # a damaged backup never counts
    assert service.prune() == []  # and is left for the user to look at
    assert info.path.exists()


# ------------------------------------------------------------------ schema upgrades


def test_a_schema_upgrade_makes_a_checked_backup_first(studio_db):
    # (a plain engine: foreign keys off, as the downgrade of 0006's rebuilt tables needs)
    engine = create_engine(f"sqlite:///{studio_db}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    engine.dispose()
    old = dump_tables(studio_db)
    assert old["alembic_version"] == [("0003",)]
    assert old["activity"] and old["ledger_entry"] and old["attachment"]

    db = open_database(studio_db)
    try:
        assert current_revision(db.engine) == head_revision()
    finally:
        db.close()
    [info] = BackupService(studio_db).list()
    assert info.kind == "before-upgrade" and info.ok and info.revision == "0003"
    assert check(info.path).ok
    with zipfile.ZipFile(info.path) as archive:
        copy = studio_db.with_name("copy.sqlite3")
        copy.write_bytes(archive.read(store.DB_MEMBER))
    assert dump_tables(copy) == old  # the backup is the database as it was
    new = dump_tables(studio_db)
    for table, rows in old.items():  # and every row survived the upgrade
        if table != "alembic_version":
            # columns added since come last, empty
            width = len(rows[0]) if rows else 0
            assert [r[:width] for r in new[table]] == rows, table
            if table != "ledger_entry":  # 0006 gives each voucher holder its turn
                assert all(v is None for r in new[table] for v in r[width:]), table
    # opening it again: at head, no second backup
    open_database(studio_db).close()
    assert len(BackupService(studio_db).list()) == 1


def test_a_new_database_needs_no_backup(tmp_path):
    open_database(tmp_path / "new.sqlite3").close()
    open_database(tmp_path / "new.sqlite3").close()
    assert not store.backups_dir_for(tmp_path / "new.sqlite3").exists()


def test_no_upgrade_without_its_backup(studio_db, monkeypatch):
    # (a plain engine: foreign keys off, as the downgrade of 0006's rebuilt tables needs)
    engine = create_engine(f"sqlite:///{studio_db}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    engine.dispose()
    before = dump_tables(studio_db)
    monkeypatch.setattr(store, "MARGIN_BYTES", 1 << 60)  # the disk is full
    with pytest.raises(BackupError) as raised:
        open_database(studio_db)
    assert "未升级" in raised.value.problems[0] and "空间不足" in raised.value.problems[0]
    assert dump_tables(studio_db) == before  # still at 0003, untouched
