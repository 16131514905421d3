"""Faults of the disk, the folder, the database file and the school server, told in the
user's words.

A save that fails because the disk is full, the disk reports an I/O error, the database
is read-only, busy or damaged, or the school server cannot be reached, refuses the login
or is lost half-way becomes a ``StorageError`` (a ValidationError, so every
dialog shows it in its problems area and keeps what was typed). Anything else — a
constraint, a programming error — is left alone: that is a bug, for the crash report.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import sys
import tempfile
from pathlib import Path

from sqlalchemy import exc as sa_exc

from desktop_app import leftovers
from desktop_app.domain import messages
from desktop_app.domain.problems import StorageError

SQLITE_HEADER = b"SQLite format 3\x00"

# SQLite's primary result codes (the low byte of an extended code)
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26

# File systems on which SQLite's locking cannot be trusted (sqlite.org/useovernet.html)
NETWORK_FS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smbfs",
        "smb3",
        "ncpfs",
        "afpfs",
        "9p",
        "ceph",
        "glusterfs",
        "fuse.sshfs",
        "fuse.davfs2",
        "davfs",
        "fuse.glusterfs",
        "fuse.rclone",
    }
)


def _kind_of_sqlite(error: sqlite3.Error) -> str | None:
    if isinstance(error, sqlite3.IntegrityError | sqlite3.ProgrammingError):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error).lower()
    if primary == _FULL or "database or disk is full" in text:
        return "full"
    if primary == _READONLY or "readonly database" in text:
        return "read_only"
    if primary in (_BUSY, _LOCKED) or "database is locked" in text:
        return "locked"
    if primary in (_CORRUPT, _NOTADB) or "malformed" in text or "not a database" in text:
        return "corrupt"
    if primary in (_IOERR, _CANTOPEN) or "disk i/o error" in text:
        return "io"
    return None


# PostgreSQL's SQLSTATEs (by class, its first two characters, or in full) that are faults
# of the server or the way to it, not of the program: 08 the connection refused or lost,
# 28 the login refused, 3D000 no such database, 53 the server out of disk or memory,
# 57 the server shut down or the connection ended by its administrator, 58 the server's
# own disk, 40 a deadlock or serialisation (try again).
_SQLSTATE_KINDS = {
    "08": "server_lost",
    "28": "server_auth",
    "53": "server_full",
    "57": "server_lost",
    "58": "server_failed",
    "40": "locked",
}
_SQLSTATE_FULL = {
    "08001": "server_unreachable",  # could not establish the connection
    "08004": "server_auth",  # the server rejected the connection
    "3D000": "server_no_database",
    "57P03": "server_unreachable",  # the server is starting up or shutting down
    "25006": "read_only",
}

# A failed connection carries no SQLSTATE (libpq keeps none before the session exists):
# what the server said is read from the message, in English or in the Chinese of a
# server whose lc_messages is zh_CN.
_NO_DATABASE = re.compile(r'database ".*" does not exist|数据库 ".*" 不存在')
_REFUSED_LOGIN = re.compile(
    r'password authentication failed|no password supplied|role ".*" does not exist'
    r'|pg_hba\.conf|authentication failed|口令认证失败|角色 ".*" 不存在'
)
# psycopg's words for a connection that was never made (as opposed to one lost later)
_NOT_CONNECTED = ("connection failed", "failed to resolve host", "connection timeout expired")


def _kind_of_failed_connection(error: BaseException) -> str:
    text = str(error)
    if _NO_DATABASE.search(text):
        return "server_no_database"
    pgconn = getattr(error, "pgconn", None)
    asked_password = pgconn is not None and (pgconn.needs_password or pgconn.used_password)
    if _REFUSED_LOGIN.search(text) or asked_password:
        return "server_auth"
    if text.startswith(_NOT_CONNECTED):
        return "server_unreachable"
    return "server_lost"  # the connection was there, and went: a server gone mid-session


def _kind_of_server(error: BaseException) -> str | None:
    """The kind of a PostgreSQL driver error (psycopg), or None (not a storage fault)."""
    import psycopg

    state = getattr(error, "sqlstate", None)
    if state is None:
        return (
            _kind_of_failed_connection(error)
            if isinstance(error, psycopg.OperationalError)
            else None
        )
    return _SQLSTATE_FULL.get(state) or _SQLSTATE_KINDS.get(state[:2])


def _server_detail(error: BaseException) -> str:
    """What the server or libpq said, without psycopg's "connection failed: connection to
    server at …, port … failed:" (the message names the server itself)."""
    primary = getattr(getattr(error, "diag", None), "message_primary", None)
    text = primary or str(error)
    text = re.sub(r"^connection failed: (connection to server (at|on) .*? failed: )?", "", text)
    text = text.replace("FATAL:  ", "").replace("\n", " ").strip()
    return " ".join(text.split())


def _kind_of_os(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "full"
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "read_only"
    return "io"


def storage_error(
    error: BaseException, read_only_detail: str = "", where: str = ""
) -> StorageError | None:
    """The StorageError that says what went wrong with the storage, or None when
    ``error`` is not a storage fault. ``where``: the server's ``host:port`` (a server
    database's faults name it)."""
    if isinstance(error, StorageError):
        return error
    if isinstance(error, sa_exc.DBAPIError):
        error = error.orig if error.orig is not None else error
    server = type(error).__module__.startswith("psycopg")
    if isinstance(error, sqlite3.Error):
        kind = _kind_of_sqlite(error)
    elif server:
        kind = _kind_of_server(error)
    elif isinstance(error, OSError):
        kind = _kind_of_os(error)
    else:
        return None
    if kind is None:
        return None
    detail = _server_detail(error) if server else str(error)
    if isinstance(error, OSError):
        detail = error.strerror or detail
    if kind == "read_only":
        detail = read_only_detail or detail
    return StorageError(kind, messages.text(f"storage_{kind}", detail=detail, where=where))


def file_copy_error(error: OSError, name: str) -> StorageError:
    """Copying a user's file into the store failed (the disk, or the file itself)."""
    kind = _kind_of_os(error)
    detail = error.strerror or str(error)
    if kind == "full":
        return StorageError(kind, messages.text("storage_full"))
    return StorageError(kind, messages.text("storage_file_copy", name=name, detail=detail))


def short_reason(error: OSError) -> str:
    """Why writing a file failed, in a few words of the user's language (an export, a
    report: the sentence around it is the caller's)."""
    kind = _kind_of_os(error)
    return messages.text(f"reason_{kind}", detail=error.strerror or str(error))


# --------------------------------------------------------------------- before opening


def header_problem(path: Path) -> str | None:
    """A reason when the file at ``path`` is not an SQLite database (an empty or missing
    file is a new database, not a problem)."""
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return None
    except OSError as error:
        return error.strerror or str(error)
    if head and head != SQLITE_HEADER:
        return messages.text("storage_not_database")
    return None


def folder_writable(folder: Path) -> bool:
    """Whether a file can be created in ``folder`` (tried, not guessed from the mode
    bits: ACLs, read-only media and network shares disagree with them)."""
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=leftovers.tagged(leftovers.PROBE))
    except OSError:
        return False
    os.close(handle)
    try:
        os.unlink(name)
    except OSError:
        pass
    return True


def read_only_reason(db_path: Path) -> str | None:
    """Why the database at ``db_path`` can only be read (its folder or the file itself
    cannot be written), or None when it can be written."""
    path = Path(db_path)
    if path.parent.is_dir() and not folder_writable(path.parent):
        return messages.text("read_only_folder")
    if path.exists() and not os.access(path, os.W_OK):
        return messages.text("read_only_file")
    return None


def _unescape_mount(field: str) -> str:
    # /proc/mounts writes a space as \040, a tab as \011, a backslash as \134
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def _mount_type(path: Path, mounts: str) -> str | None:
    """The file-system type of the mount holding ``path`` (the longest mount point that
    contains it)."""
    best, kind = "", None
    target = str(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = _unescape_mount(fields[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind


def _windows_remote(path: Path) -> bool:
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True  # a UNC path: \\server\share\...
    if sys.platform != "win32":
        return False
    import ctypes

    drive = os.path.splitdrive(text)[0]
    if not drive:
        return False
    drive_remote = 4  # DRIVE_REMOTE: a mapped network drive
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote


def on_network_share(path: Path, mounts: str | None = None) -> bool:
    """Whether ``path`` lies on a network share (UNC path or mapped drive on Windows,
    an NFS/SMB/SSHFS mount elsewhere), where SQLite's locking is not reliable."""
    if _windows_remote(Path(path)):
        return True
    path = Path(os.path.abspath(path))
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    kind = _mount_type(path, mounts)
    return kind is not None and (kind in NETWORK_FS or kind.startswith("nfs"))
