"""Faults of the disk, the folder and the database file, told in the user's words.

A save that fails because the disk is full, the disk reports an I/O error, the database
is read-only, busy or damaged becomes a ``StorageError`` (a ValidationError, so every
dialog shows it in its problems area and keeps what was typed). Anything else — a
constraint, a programming error — is left alone: that is a bug, for the crash report.
"""

from __future__ import annotations

import errno
import os
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


# PostgreSQL's error classes (SQLSTATE's first two characters) that are faults of the
# storage or the way to it, not of the program: 08 connection lost or refused, 53 the
# server out of disk or memory, 57 the server shut down or the query cancelled, 58 the
# server's disk, XX its internal errors; 40 a deadlock or serialisation (try again).
_SQLSTATE_KINDS = {"08": "io", "53": "full", "57": "io", "58": "io", "40": "locked"}


def _kind_of_server(error: BaseException) -> str | None:
    """The kind of a PostgreSQL driver error (psycopg), or None (not a storage fault)."""
    state = getattr(error, "sqlstate", None)
    if state == "25006":  # read_only_sql_transaction
        return "read_only"
    if state is None:
        # no SQLSTATE: the connection failed before the server answered (unreachable)
        import psycopg

        return "io" if isinstance(error, psycopg.OperationalError) else None
    return _SQLSTATE_KINDS.get(state[:2])


def _kind_of_os(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "full"
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "read_only"
    return "io"


def storage_error(error: BaseException, read_only_detail: str = "") -> StorageError | None:
    """The StorageError that says what went wrong with the storage, or None when
    ``error`` is not a storage fault."""
    if isinstance(error, StorageError):
        return error
    if isinstance(error, sa_exc.DBAPIError):
        error = error.orig if error.orig is not None else error
    if isinstance(error, sqlite3.Error):
        kind = _kind_of_sqlite(error)
    elif type(error).__module__.startswith("psycopg"):
        kind = _kind_of_server(error)
    elif isinstance(error, OSError):
        kind = _kind_of_os(error)
    else:
        return None
    if kind is None:
        return None
    detail = str(error)
    if isinstance(error, OSError):
        detail = error.strerror or detail
    if kind == "read_only":
        detail = read_only_detail or detail
    return StorageError(kind, messages.text(f"storage_{kind}", detail=detail))


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
