"""A full disk, an I/O error, a read-only or damaged database: a StorageError that says so
in words, after a rollback — nothing of the save is written, and the program can save
again once the fault is gone."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text

from desktop_app.domain.member_input import parse_member
from desktop_app.domain.problems import StorageError, ValidationError
from desktop_app.services.activities import ActivityInput
from desktop_app.services.app import AppServices
from desktop_app.store import faults
from desktop_app.store.models import AuditEntry
from tests.conftest import TODAY, jiangyin_studio


def inject(services: AppServices, error: sqlite3.Error, when: str = "INSERT") -> list[str]:
    """Make every statement starting with ``when`` fail as SQLite would; returns the list
    the caller empties (``clear()``) to stop the fault."""
    armed = ["on"]

    def fail(_conn, _cursor, statement, _params, _context, _many) -> None:
        if armed and statement.lstrip().upper().startswith(when):
            raise error

    event.listen(services.db.engine, "before_cursor_execute", fail)
    return armed


def sqlite_error(message: str, code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code  # as the sqlite3 module sets it
    return error


def counts(services: AppServices) -> tuple[int, int]:
    with services.db.reading() as session:
        audit = session.scalar(select(func.count()).select_from(AuditEntry))
    return len(services.members.roster()), audit


@pytest.mark.parametrize(
    ("error", "kind", "words"),
    [
        (sqlite_error("database or disk is full", 13), "full", "磁盘已满"),
        (sqlite_error("disk I/O error", 10 | (4 << 8)), "io", "读写磁盘时出错"),
        (sqlite_error("attempt to write a readonly database", 8), "read_only", "只读"),
        (sqlite_error("database is locked", 5), "locked", "另一个程序占用"),
        (sqlite_error("database disk image is malformed", 11), "corrupt", "已损坏"),
    ],
)
def test_a_fault_during_a_save_is_told_and_nothing_is_written(services, error, kind, words):
    before = counts(services)
    armed = inject(services, error)
    with pytest.raises(StorageError) as raised:
        services.members.add(parse_member({"name": "李明", "role": "成员"}))
    assert raised.value.kind == kind
    assert isinstance(raised.value, ValidationError)  # dialogs show it like a bad field
    assert words in str(raised.value) and "没有写入任何内容" in str(raised.value)
    assert counts(services) == before
    armed.clear()  # the fault is gone: the same input saves
    services.members.add(parse_member({"name": "李明", "role": "成员"}))
    assert [m.name for m in services.members.roster()] == ["李明"]


def test_a_real_full_database_is_told_as_a_full_disk(services):
    """SQLite's own SQLITE_FULL: the database may not grow by a single page."""

    def cap(dbapi_connection, _record) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    services.db.engine.dispose()
    event.listen(services.db.engine, "connect", cap)
    before = counts(services)
    with pytest.raises(StorageError) as raised:
        for n in range(200):  # fills the free space of the last pages, then needs one more
            services.activities.create(
                ActivityInput(
                    date=TODAY, kind="专题研讨", topic=f"研讨 {n}", hours="2", summary="记" * 500
                )
            )
    assert raised.value.kind == "full"
    with services.db.reading() as session:
        assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    assert counts(services)[0] == before[0]


def test_other_database_errors_stay_bugs(services):
    """A constraint or a wrong statement is not the disk's fault: it is not dressed up."""
    armed = inject(services, sqlite3.IntegrityError("UNIQUE constraint failed: x.y"))
    with pytest.raises(Exception) as raised:
        services.members.add(parse_member({"name": "李明", "role": "成员"}))
    assert not isinstance(raised.value, StorageError)
    armed.clear()


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        (errno.ENOSPC, "full"),
        (errno.EIO, "io"),
        (errno.EROFS, "read_only"),
        (errno.EACCES, "read_only"),
    ],
)
def test_a_file_that_cannot_be_copied_in_is_told_and_nothing_is_written(
    services, tmp_path, monkeypatch, number, kind
):
    photo = tmp_path / "照片 1.png"
    photo.write_bytes(b"\x89PNG fake photo")

    def broken_read(_source):  # the file read into the database, inside the save
        raise OSError(number, "injected")

    from desktop_app.store import chunks

    monkeypatch.setattr(chunks, "sha256_of", broken_read)
    with pytest.raises(StorageError) as raised:
        services.activities.create(
            ActivityInput(date=TODAY, kind="专题研讨", topic="研讨", hours="2"),
            files=[photo],
        )
    assert raised.value.kind == kind
    assert services.activities.list() == []
    assert services.db.files.all() == []
    if kind != "full":
        assert "照片 1.png" in str(raised.value)


def test_the_kinds_of_os_errors():
    assert faults.storage_error(OSError(errno.ENOSPC, "No space left on device")).kind == "full"
    assert faults.storage_error(OSError(errno.EIO, "Input/output error")).kind == "io"
    assert faults.storage_error(ValueError("x")) is None


# --------------------------------------------------------------- opening a database


def test_a_file_that_is_not_a_database_is_refused_as_damaged(tmp_path):
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 100)
    with pytest.raises(StorageError) as raised:
        AppServices.open(path)
    assert raised.value.kind == "corrupt"
    assert "不是数据库文件" in str(raised.value)
    assert path.read_bytes().startswith(b"PK")  # left as it was


def test_a_damaged_page_is_found_at_start(services, tmp_path):
    for n in range(30):
        services.members.add(parse_member({"name": f"成员{n:02d}", "role": "成员"}))
    path = services.db.path
    services.close()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'person'"
        ).fetchone()[0]
    connection.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start : start + page_size] = b"\xff" * page_size  # the person table's root page
    path.write_bytes(bytes(data))
    with pytest.raises(StorageError) as raised:
        AppServices.open(path)
    assert raised.value.kind == "corrupt"


def test_a_read_only_database_opens_for_reading_and_refuses_saves(services, monkeypatch):
    services.members.add(parse_member({"name": "王芳", "role": "主持人"}))
    path = services.db.path
    services.close()
    # As root every folder is writable, so the folder's verdict is injected; SQLite's own
    # read-only mode (mode=ro) does the refusing below.
    monkeypatch.setattr(faults, "read_only_reason", lambda _path: "所在文件夹不可写")
    opened = AppServices.open(path)
    try:
        assert opened.read_only == "所在文件夹不可写"
        assert [m.name for m in opened.members.roster()] == ["王芳"]
        with pytest.raises(StorageError) as raised:
            opened.members.add(parse_member({"name": "李明", "role": "成员"}))
        assert raised.value.kind == "read_only" and "只读" in str(raised.value)
        # and below the service: the connection itself cannot write
        with opened.db.reading() as session, pytest.raises(Exception, match="readonly"):
            session.execute(text("DELETE FROM person"))
            session.commit()
        assert [m.name for m in opened.members.roster()] == ["王芳"]
    finally:
        opened.close()
    with pytest.raises(StorageError):
        AppServices.open(path, allow_read_only=False)


def test_read_only_without_the_wal_index_still_opens(services, monkeypatch):
    """A read-only folder where SQLite cannot create the -shm file: opened immutable."""
    services.members.add(parse_member({"name": "王芳", "role": "主持人"}))
    path = services.db.path
    services.close()
    monkeypatch.setattr(faults, "read_only_reason", lambda _path: "所在文件夹不可写")
    real = sqlite3.connect

    def no_shm(database, *args, **kwargs):
        if isinstance(database, str) and database.endswith("?mode=ro"):
            raise sqlite3.OperationalError("unable to open database file")
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", no_shm)
    opened = AppServices.open(path)
    try:
        assert [m.name for m in opened.members.roster()] == ["王芳"]
    finally:
        opened.close()


def test_the_read_only_verdict_of_a_real_folder(tmp_path):
    assert faults.read_only_reason(tmp_path / "db.sqlite3") is None
    assert faults.folder_writable(tmp_path)
    assert not faults.folder_writable(tmp_path / "no such folder")


def test_an_older_database_in_a_read_only_folder_is_refused_with_the_way_out(tmp_path, monkeypatch):
    from desktop_app.store.db import make_engine
    from desktop_app.store.migrate import alembic_config

    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    from alembic import command

    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    monkeypatch.setattr(faults, "read_only_reason", lambda _path: "所在文件夹不可写")
    with pytest.raises(StorageError) as raised:
        AppServices.open(path)
    assert "可写的文件夹" in str(raised.value)


# ------------------------------------------------------------------ network shares

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
//server/studio /mnt/studio cifs rw,vers=3.0 0 0
server:/export /home/teacher/nfs\\040share nfs4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "remote"),
    [
        ("/mnt/studio/工作室/db.sqlite3", True),
        ("/mnt/studiodesk/db.sqlite3", False),  # a prefix of a mount point is not inside it
        ("/home/teacher/nfs share/db.sqlite3", True),
        ("/tmp/db.sqlite3", False),
        ("/home/teacher/db.sqlite3", False),
        ("//server/share/db.sqlite3", True),
        ("\\\\server\\share\\db.sqlite3", True),
    ],
)
def test_a_database_on_a_network_share_is_recognised(path, remote):
    assert faults.on_network_share(Path(path), MOUNTS) is remote


def test_studio_setup_still_works_after_a_fault(empty_services):
    """The fault leaves no half state behind in the session factory either."""
    armed = inject(empty_services, sqlite_error("disk I/O error", 10))
    with pytest.raises(StorageError):
        empty_services.studio.create(jiangyin_studio())
    assert not empty_services.studio.exists()
    armed.clear()
    empty_services.studio.create(jiangyin_studio())
    assert empty_services.studio.exists()
