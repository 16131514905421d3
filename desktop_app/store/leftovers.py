"""Temporary files and folders left by interrupted work, and their removal.

Work in progress is written under a temporary name and renamed when done (a file coming
into the store, the copy a restore checks, a backup being written, a bundle being made).
A program killed meanwhile leaves that name behind: nothing reads it again, and without
this module it stayed forever (a backup folder grew by gigabytes).

Each such name carries who made it: ``<prefix><pid>.<computer>-<random>``. The next run
of the same kind removes the ones whose process no longer runs on this computer. One
that another running program still uses is never touched: a live process keeps its own,
and a name made on another computer (a data folder on a network drive, a USB stick
used on two PCs), whose process cannot be seen from here, is removed only once it has
not been touched for a day — as is a name without the tag (made by an earlier version).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

UNSEEN_AFTER_S = 24 * 3600  # a name whose process cannot be seen from here


def _computer() -> str:
    name = socket.gethostname().lower().encode("utf-8", "replace")
    return hashlib.sha256(name).hexdigest()[:6]


def tagged(prefix: str) -> str:
    """``prefix`` with this process's tag: the prefix for a temporary name."""
    return f"{prefix}{os.getpid()}.{_computer()}-"


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (True when unsure)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel.GetLastError() != 87  # ERROR_INVALID_PARAMETER: no such process
        try:
            code = ctypes.c_ulong()
            if not kernel.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process (EPERM): alive
        return True
    return True


def _abandoned(entry: Path, prefix: str, now: float, keep_untagged: bool) -> bool:
    tag = entry.name[len(prefix) :].split("-", 1)[0]
    pid, _, computer = tag.partition(".")
    if pid.isdigit() and computer == _computer():
        return not pid_alive(int(pid))
    if keep_untagged and not (pid.isdigit() and len(computer) == len(_computer())):
        return False
    try:
        touched = entry.lstat().st_mtime
    except OSError:
        return False
    return now - touched > UNSEEN_AFTER_S


def remove(path: Path) -> None:
    """Remove a file or a folder, quietly; a Ctrl-C meanwhile is passed on once it is
    gone (a half-removed temporary folder would be left otherwise)."""
    try:
        _remove(path)
    except KeyboardInterrupt:
        _remove(path)
        raise


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except OSError:
            pass


def sweep(folder: Path, *prefixes: str, keep_untagged: bool = False) -> list[Path]:
    """Remove what interrupted work left in ``folder`` under these prefixes (see the
    module's text); the paths removed. ``keep_untagged``: a name without the tag is
    never removed (a folder the user chose, where it may be theirs)."""
    try:
        entries = list(Path(folder).iterdir())
    except OSError:  # no such folder (yet), or not readable: nothing to do
        return []
    now = time.time()
    removed = []
    for entry in entries:
        prefix = next((p for p in prefixes if entry.name.startswith(p)), None)
        if prefix is not None and _abandoned(entry, prefix, now, keep_untagged):
            remove(entry)
            removed.append(entry)
    return removed


INCOMING = ".incoming-"  # a file coming into the file store or the backups' pool
RESTORE = ".restore-"  # beside the database: the copy a restore checks before the swap


def sweep_database(db_path: Path) -> list[Path]:
    """What interrupted work on the database at ``db_path`` left: restore copies beside
    it, files coming into its store (the store's top folder and its 256 sub-folders) and
    into its backups' pool. Run when the database is opened for writing."""
    from desktop_app.paths import files_dir_for
    from desktop_app.store.backup_pool import pool_for

    db_path = Path(db_path)
    removed = sweep(db_path.parent, RESTORE)
    backups = db_path.with_name(db_path.stem + "-backups")  # backup.backups_dir_for
    for root in (files_dir_for(db_path), pool_for(backups)):
        removed += sweep(root, INCOMING)
        try:
            folders = [p for p in root.iterdir() if len(p.name) == 2 and p.is_dir()]
        except OSError:
            continue
        for folder in folders:
            removed += sweep(folder, INCOMING)
    return removed


def beside(target: Path, prefix: str) -> str:
    """The prefix for a temporary file written beside ``target`` (a file the user chose
    to write) and renamed to it, after removing what an interrupted write of the same
    kind left there; a name without the tag is left alone."""
    sweep(Path(target).parent, prefix, keep_untagged=True)
    return tagged(prefix)


def scratch(prefix: str) -> tempfile.TemporaryDirectory:
    """A working folder in the system's temp folder (removed when done), after removing
    what an interrupted run of the same kind left there."""
    sweep(Path(tempfile.gettempdir()), prefix)
    return tempfile.TemporaryDirectory(prefix=tagged(prefix))
