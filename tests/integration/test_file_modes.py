"""Who may read what the program writes (issue 16, item 15).

The data folder, the database with its -wal/-shm, its backups (automatic, and manual
wherever they go), the file store with its caches: the user's alone (folders 0700,
files 0600, stored files 0400) — an older installation's are tightened when opened.
Exports get the user's normal permissions: with umask 022, 0644.

(POSIX only: on Windows the program relies on the profile folder's permissions.)"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop_app import cli, file_modes
from desktop_app.documents.bundle.export import BundleExport
from desktop_app.paths import cache_dir_for, default_db_path, files_dir_for
from desktop_app.services.app import AppServices
from desktop_app.store.backup import backups_dir_for
from tests.conftest import TODAY, jiangyin_studio

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask():
    """A user's usual umask (022): what is new is readable by all unless made private."""
    before = os.umask(0o022)
    yield
    os.umask(before)


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "home" / "StudioDesk"
    monkeypatch.setenv("STUDIODESK_DATA_DIR", str(folder))
    return folder


def evidence(tmp_path: Path, name: str = "photo.jpg") -> Path:
    path = tmp_path / name
    path.write_bytes(b"\xff\xd8 evidence of the activity " * 100)
    return path


def every_mode_under(root: Path) -> dict[str, int]:
    return {str(path.relative_to(root)): mode(path) for path in [root, *sorted(root.rglob("*"))]}


def assert_private_tree(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        if path.is_dir():
            assert mode(path) == 0o700, path
        else:
            assert mode(path) in (0o600, 0o400), (path, oct(mode(path)))


def test_a_new_studio_is_the_users_alone(data_dir, tmp_path):
    db_path = default_db_path()
    services = AppServices.open(db_path, today=lambda: TODAY)
    try:
        services.studio.create(jiangyin_studio())
        from desktop_app.services.attachments import incoming_files, info, new_attachments

        with services.db.unit_of_work() as session:
            [row] = new_attachments(session, incoming_files(services.db, [evidence(tmp_path)]))
            attachment = info(row)
        assert mode(data_dir) == 0o700
        assert mode(db_path) == 0o600
        for suffix in ("-wal", "-shm"):  # made by SQLite with the database's permissions
            assert mode(db_path.with_name(db_path.name + suffix)) == 0o600
        # the evidence is in the database; this PC's copies of it are the user's alone
        path = services.db.files.local_copy(attachment.sha256)
        assert mode(cache_dir_for(db_path)) == 0o700
        assert mode(path.parent) == 0o700
        assert mode(path) == 0o400  # read-only, the user's alone
    finally:
        services.close()


def test_a_database_opened_elsewhere_keeps_its_folder_but_not_its_files(tmp_path):
    """``--db`` in a folder of the user's own: the folder is theirs to set; what the
    program writes into it is private."""
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o755)
    services = AppServices.open(folder / "db.sqlite3", today=lambda: TODAY)
    try:
        services.studio.create(jiangyin_studio())
        assert mode(folder) == 0o755
        assert mode(folder / "db.sqlite3") == 0o600
    finally:
        services.close()


def test_backups_are_the_users_alone_wherever_they_go(services, tmp_path):
    with services.db.unit_of_work() as session:  # a record that refers to the file
        from desktop_app.services.attachments import incoming_files, new_attachments

        new_attachments(session, incoming_files(services.db, [evidence(tmp_path)]))
    auto = services.backups.backup_now("auto")
    folder = backups_dir_for(services.db.path)
    assert mode(folder) == 0o700
    assert mode(Path(auto.path)) == 0o600
    assert_private_tree(folder)
    stick = tmp_path / "usb"
    stick.mkdir(mode=0o755)
    manual = services.backups.backup_now("manual", target_dir=stick)
    assert mode(Path(manual.path)) == 0o600
    assert mode(stick) == 0o755  # a folder the user chose keeps its own permissions
    chosen = tmp_path / "new folder" / "copy.zip"
    services.backups.backup_to(chosen)
    assert mode(chosen) == 0o600
    assert mode(chosen.parent) == 0o700  # made for it


def test_a_restored_database_and_its_files_are_the_users_alone(services, tmp_path):
    """An older installation's backup (its files beside the database) restored."""
    from desktop_app.services.attachments import incoming_files, new_attachments
    from tests.backup_helpers import files_beside

    with services.db.unit_of_work() as session:
        new_attachments(session, incoming_files(services.db, [evidence(tmp_path)]))
    db_path = services.db.path
    services.close()
    files_beside(db_path)
    backup = tmp_path / "b.zip"
    from desktop_app.services.backup import BackupService

    BackupService(db_path).backup_to(backup)
    store = files_dir_for(db_path)
    for path in store.rglob("*"):
        if path.is_file():
            path.chmod(0o644)
            path.unlink()
    BackupService(db_path).restore(backup)
    assert mode(db_path) == 0o600
    assert_private_tree(store)
    assert any(p.is_file() for p in store.rglob("*"))


def test_an_older_installations_files_are_tightened_when_opened(data_dir, tmp_path):
    db_path = default_db_path()
    services = AppServices.open(db_path, today=lambda: TODAY)
    services.studio.create(jiangyin_studio())
    from desktop_app.services.attachments import incoming_files, new_attachments

    with services.db.unit_of_work() as session:
        new_attachments(session, incoming_files(services.db, [evidence(tmp_path)]))
    services.backups.backup_now("auto")
    services.close()
    from tests.backup_helpers import files_beside

    files_beside(db_path)  # its files beside it, not yet moved in
    # as an older version left them: readable by everyone
    for root in (data_dir, backups_dir_for(db_path), files_dir_for(db_path)):
        for path in [root, *root.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    for name in (db_path.name + "-wal", db_path.name + "-shm"):
        db_path.with_name(name).write_bytes(b"")
        db_path.with_name(name).chmod(0o644)
    assert mode(db_path) == 0o644

    services = AppServices.open(db_path, today=lambda: TODAY)
    try:
        assert mode(data_dir) == 0o700
        for name in (db_path.name, db_path.name + "-wal", db_path.name + "-shm"):
            assert mode(db_path.with_name(name)) == 0o600, name
        assert_private_tree(backups_dir_for(db_path))
        # the files moved in; the folder kept (renamed) is the user's alone too
        assert_private_tree(
            files_dir_for(db_path).with_name(files_dir_for(db_path).name + ".moved-in")
        )
    finally:
        services.close()


def test_caches_and_opened_copies_in_the_store_are_the_users_alone(services, tmp_path):
    from desktop_app.services.attachments import (
        incoming_files,
        info,
        new_attachments,
        readable_copy,
    )

    with services.db.unit_of_work() as session:
        rows = new_attachments(session, incoming_files(services.db, [evidence(tmp_path)]))
        attachment = info(rows[0])
    copy = readable_copy(services.db, attachment)
    assert mode(copy) == 0o600
    assert_private_tree(services.db.files.cache_root)


def test_exports_follow_the_users_umask(services, tmp_path):
    from desktop_app.documents.sheets.period_workbook import write_period_workbook
    from desktop_app.documents.sheets.roster_io import write_roster
    from desktop_app.domain.period import parse_period

    roster = write_roster(tmp_path / "名册.xlsx", services.members.roster(), mask=False)
    assert mode(roster) == 0o644
    period = parse_period(services.year_facts.current_year().label, services.studio.get().cycle)
    workbook = write_period_workbook(services, period, tmp_path / "汇总.xlsx")
    assert mode(workbook) == 0o644
    os.umask(0o077)  # a user who keeps everything private gets that
    assert mode(write_roster(tmp_path / "私.xlsx", [], mask=True)) == 0o600


def test_a_bundle_follows_the_umask_and_its_cached_documents_are_private(services, tmp_path):
    bundle = BundleExport(services)
    period = services.bundle.parse_period(services.year_facts.current_year().label)
    result = bundle.export(period, tmp_path / "报送.zip")
    assert mode(Path(result.path)) == 0o644
    # its documents are kept in the database (as private as its file); the photos' and
    # evidence copies on this PC are the user's alone
    with services.db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM cached_document").scalar()
    if services.db.files.cache_root.exists():
        assert_private_tree(services.db.files.cache_root)


def test_file_modes_on_a_file_system_without_permissions(tmp_path, monkeypatch):
    """chmod refused (a FAT stick, a file of another user): left as it is, never an error."""

    def refuse(*_args, **_kwargs):
        raise PermissionError(1, "Operation not permitted")

    target = tmp_path / "f"
    target.write_bytes(b"")
    monkeypatch.setattr(os, "chmod", refuse)
    file_modes.private_file(target)
    file_modes.export_file(target)
    file_modes.private_folder(tmp_path / "d")
    assert (tmp_path / "d").is_dir()


@pytest.mark.parametrize("unmasked", [False, True])
def test_cli_says_when_an_export_holds_full_numbers(services, tmp_path, capsys, unmasked):
    out = tmp_path / "名册.xlsx"
    argv = ["export-roster", "--db", str(services.db.path), "--out", str(out)]
    services.close()
    assert cli.main([*argv, "--unmasked"] if unmasked else argv) == 0
    said = capsys.readouterr()
    assert said.out.strip() == str(out)  # the path alone on stdout, for scripts
    assert ("含完整的电话和身份证号" in said.err) is unmasked
    assert mode(out) == 0o644
