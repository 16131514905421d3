"""The backups in a database's backups folder hold its files once, in a pool: a second
backup copies only what is new, pruning removes what no backup lists, a damaged pooled
file is mended from the store (weekly) or not needed (while the store holds it), and a
backup made for a USB stick still holds its own files."""

from __future__ import annotations

import datetime as dt
import os
import time
import zipfile
from pathlib import Path

import pytest

from desktop_app.paths import files_dir_for
from desktop_app.services.activities import ActivityInput
from desktop_app.services.app import AppServices
from desktop_app.services.backup import BackupRefused, BackupService, check
from desktop_app.store import backup as store
from desktop_app.store import backup_pool
from tests.backup_helpers import (  # noqa: F401  (the fixture demo_template)
    copy_database,
    demo_template_fixture,
    dump_tables,
    files_beside,
)


@pytest.fixture
def studio_db(demo_template, tmp_path) -> Path:
    """The demo with its files in the folder beside it, as an installation from before
    the evidence moved into the database: what these backups of files are about (a
    backup of a newer database carries the evidence inside its copy:
    tests/integration/test_stored_in_database.py)."""
    return files_beside(copy_database(demo_template, tmp_path / "live" / "studio.sqlite3"))


class Clock:
    """Backups a day apart (each automatic backup of a new day is written)."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 2, 18, 0).astimezone()

    def __call__(self) -> dt.datetime:
        return self.now

    def next_day(self) -> None:
        self.now += dt.timedelta(days=1)


def add_photo(db: Path, data: bytes, day: str = "2026-11-03") -> None:
    photo = db.parent / "new.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + data)
    services = AppServices.open(db)
    try:
        services.activities.create(ActivityInput(day, "学习研讨", "新活动"), files=[photo])
    finally:
        services.close()
    files_beside(db)  # (opening moved the files in: back beside it, as the pool is for)


def pooled_files(service: BackupService) -> dict[str, int]:
    pool = backup_pool.pool_for(service.directory)
    return {p.name: p.stat().st_ino for p in pool.rglob("*") if p.is_file() and p.name[0] != "."}


def age(folder: Path, seconds: float) -> None:
    """Make every file under ``folder`` look ``seconds`` old (past the grace period)."""
    then = time.time() - seconds
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (then, then))


def test_a_second_backup_copies_only_the_new_file(studio_db):
    clock = Clock()
    service = BackupService(studio_db, clock=clock)
    first = service.backup_now()
    held = pooled_files(service)
    store_files = {p.name for p in files_dir_for(studio_db).rglob("*") if p.is_file()}
    assert set(held) == store_files and held
    # nothing of the pool shares the store's disk blocks (a copy, not a link)
    some = next(iter(held))
    stored = files_dir_for(studio_db) / some[:2] / some
    assert held[some] != stored.stat().st_ino
    assert first.size < 5 * 1024 * 1024  # the database, not the photos

    add_photo(studio_db, b"new photo" * 1000)
    clock.next_day()
    second = service.backup_now()
    after = pooled_files(service)
    assert len(after) == len(held) + 1
    assert all(after[name] == inode for name, inode in held.items())  # not copied again
    assert check(second.path).ok and check(first.path).ok
    assert second.files == first.files + 1


def test_pruning_removes_what_no_backup_lists_and_only_that(studio_db):
    clock = Clock()
    service = BackupService(studio_db, clock=clock)
    first = service.backup_now()
    add_photo(studio_db, b"only in the second" * 500)
    clock.next_day()
    second = service.backup_now()
    only_second = set(store.read_manifest(second.path).pooled) - set(
        store.read_manifest(first.path).pooled
    )
    assert len(only_second) == 1
    pool = backup_pool.pool_for(service.directory)
    age(pool, 2 * backup_pool.GRACE_SECONDS)

    (service.directory / "broken.zip").write_bytes(b"not a zip")  # its list is unknown
    second.path.unlink()
    service.prune()
    assert only_second <= set(pooled_files(service))  # nothing removed while unsure

    (service.directory / "broken.zip").unlink()
    service.prune()
    assert not only_second & set(pooled_files(service))
    assert set(pooled_files(service)) == set(store.read_manifest(first.path).pooled)
    assert check(first.path).ok


def test_a_file_just_pooled_is_not_collected(studio_db):
    service = BackupService(studio_db, clock=Clock())
    info = service.backup_now()
    info.path.unlink()  # no backup lists the pool's files any more, but they are new
    service.prune()
    assert pooled_files(service)


def damage(path: Path) -> None:
    path.chmod(0o644)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # the same size: only a hash tells
    path.write_bytes(bytes(data))


def test_a_damaged_pooled_file_does_not_stop_a_restore_while_the_store_has_it(studio_db):
    service = BackupService(studio_db, clock=Clock())
    info = service.backup_now()
    sha = store.read_manifest(info.path).pooled[0]
    damage(backup_pool.pooled_path(backup_pool.pool_for(service.directory), sha))
    assert service.check(info.path).ok  # the store holds it intact
    before = dump_tables(studio_db)
    service.restore(info.path)
    assert dump_tables(studio_db) == before

    # with the store's copy gone too, the backup is refused, and says why
    stored = files_dir_for(studio_db) / sha[:2] / sha
    stored.chmod(0o644)
    stored.unlink()
    result = service.check(info.path)
    assert not result.ok and "文件池" in result.problems[0]
    with pytest.raises(BackupRefused):
        service.restore(info.path)


def test_the_weekly_deep_check_mends_a_damaged_pooled_file(studio_db):
    clock = Clock()
    service = BackupService(studio_db, clock=clock)
    service.backup_now()
    pool = backup_pool.pool_for(service.directory)
    assert not backup_pool.deep_check_due(pool)  # the first backup hashed everything
    sha = next(iter(pooled_files(service)))
    pooled = backup_pool.pooled_path(pool, sha)
    damage(pooled)

    add_photo(studio_db, b"a change" * 100)
    clock.next_day()
    service.backup_now()
    assert backup_pool.sha256_file(pooled) != sha  # same size: not looked at daily

    age(pool, backup_pool.DEEP_EVERY_SECONDS + 60)  # a week later
    add_photo(studio_db, b"another change" * 100, day="2026-11-04")
    clock.next_day()
    service.backup_now()
    assert backup_pool.sha256_file(pooled) == sha  # copied again from the store
    assert not backup_pool.deep_check_due(pool)


def test_a_pooled_backup_copied_elsewhere_says_what_it_lacks(studio_db, tmp_path):
    info = BackupService(studio_db, clock=Clock()).backup_now()
    elsewhere = tmp_path / "usb" / info.path.name
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(info.path.read_bytes())
    result = check(elsewhere)
    assert not result.ok
    assert "备份到文件夹或U盘" in result.problems[0]


def test_a_backup_for_a_usb_stick_holds_its_files(studio_db, tmp_path):
    info = BackupService(studio_db).backup_to(tmp_path / "usb" / "backup.zip")
    manifest = store.read_manifest(info.path)
    assert manifest.pool is None and manifest.format == store.SELF_CONTAINED_FORMAT
    with zipfile.ZipFile(info.path) as archive:
        inside = [n for n in archive.namelist() if n.startswith("files/")]
    assert len(inside) == manifest.files > 0
    fresh = tmp_path / "new-pc" / "studio.sqlite3"
    BackupService(fresh).restore(info.path)
    assert dump_tables(fresh) == dump_tables(studio_db)
