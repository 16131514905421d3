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

A file the user chose to write (a report, a workbook, a bundle) is made beside its
target under one shared prefix (``temporary_beside``), so that any later write into
that folder removes what an interrupted one left there; and each is recorded in the
data folder until it is gone, so the next opening of a database removes it even when
nothing is written into that folder again. Files only: every layer uses this module.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
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


INCOMING = ".incoming-"  # a file coming into the file store, its caches or the backups' pool
RESTORE = ".restore-"  # beside the database: the copy a restore checks before the swap
PROBE = ".studiodesk-probe-"  # a file made to see whether a folder can be written


BESIDE = ".studiodesk-"  # every temporary beside a file the user chose (see below)
PENDING = "temporaries"  # in the data folder: where each such temporary is, until gone
NAME_HINT = 40  # characters of the target's name kept in its temporary's name


@contextmanager
def temporary_beside(target: Path, suffix: str = ".tmp") -> Iterator[Path]:
    """A new empty file beside ``target`` (a file the user chose to write), to be written
    and renamed onto it; removed at the end when it is still there.

    It is created like any new file (the umask applies), as the target will be. One
    prefix for all of them, so that any later write into that folder removes what an
    earlier interrupted one left, whatever file it was making; the target's name ends
    the temporary's, for a user who sees it. And in case nothing is written into that
    folder again, it is recorded in the data folder until it is gone: the next opening
    of a database removes it (``sweep_recorded``)."""
    target = Path(target)
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    sweep(folder, BESIDE, keep_untagged=True)
    name = f"{tagged(BESIDE)}{secrets.token_hex(4)}-{target.name[:NAME_HINT]}{suffix}"
    temp = folder / name
    record = _record(temp)
    try:
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        yield temp
    finally:
        remove(temp)  # gone already when it was renamed onto the target
        if record is not None:
            remove(record)


def _pending_folder() -> Path:
    from desktop_app.paths import default_data_dir

    return default_data_dir() / PENDING


def _record(temp: Path) -> Path | None:
    """Note where ``temp`` is (None when the data folder cannot be written: the sweep
    of the temporary's own folder still covers it)."""
    from desktop_app import file_modes

    try:
        folder = file_modes.private_folder(_pending_folder())
        record = folder / f"{tagged('')}{secrets.token_hex(4)}"
        with open(record, "x", encoding="utf-8") as handle:
            handle.write(str(temp.resolve()))
        return record
    except OSError:
        return None


def sweep_recorded() -> list[Path]:
    """Remove the temporaries beside users' files that a process no longer running left
    (see ``temporary_beside``), with their records; the temporaries removed."""
    folder = _pending_folder()
    try:
        records = list(folder.iterdir())
    except OSError:
        return []
    now = time.time()
    removed = []
    for record in records:
        if not _abandoned(record, "", now, keep_untagged=False):
            continue
        tag = record.name.split("-", 1)[0]
        try:
            temp = Path(record.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            temp = None
        # only a name this program made for that very process
        if temp is not None and temp.name.startswith(f"{BESIDE}{tag}-") and temp.exists():
            remove(temp)
            removed.append(temp)
        remove(record)
    return removed


def scratch(prefix: str) -> tempfile.TemporaryDirectory:
    """A working folder in the system's temp folder (removed when done), after removing
    what an interrupted run of the same kind left there."""
    sweep(Path(tempfile.gettempdir()), prefix)
    return tempfile.TemporaryDirectory(prefix=tagged(prefix))
