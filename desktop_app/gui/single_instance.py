"""One program per database. A QLockFile beside the database says who has it open; the
holder also listens on a local socket, so that a second start on the same database asks
the running window to come forward instead of opening the file twice. A lock left by a
crash names a process that no longer runs, and QLockFile takes it over by itself.

The command line takes the same lock for a command that writes (cli/common.py): while
the window has the database, an import is refused with who has it open (a note beside the
lock: the user's name, the computer, since when), and the window cannot open it in the
middle of an import."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import socket
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile

from desktop_app import file_modes, leftovers

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

# QtNetwork is imported where the socket is used: the program serves once its window
# has painted, and a library less to load comes before that paint.
SHOW = b"show\n"


class LockUnavailable(Exception):
    """The lock could not be taken, and not because another program holds it: the folder
    is missing or cannot be written, the disk is full…  ``cause`` is the system's error
    when one could be found."""

    def __init__(self, lock_path: Path, cause: OSError | None):
        super().__init__(str(lock_path))
        self.lock_path = lock_path
        self.folder = lock_path.parent
        self.cause = cause


def _why_not_writable(folder: Path) -> OSError | None:
    """The system's reason why a file cannot be made in ``folder`` (None: it can)."""
    try:
        handle, probe = tempfile.mkstemp(dir=folder, prefix=leftovers.tagged(leftovers.PROBE))
    except OSError as error:
        return error
    os.close(handle)
    os.unlink(probe)
    return None


WINDOW = "window"  # Holder.program of the window; a command: its name (import-ledger…)


@dataclass(frozen=True)
class Holder:
    """Who has the database open: from the note its holder left beside the lock, checked
    against the lock's own process id and computer (a note of an earlier holder is not
    believed). ``user`` and ``since`` are empty / None when there is no such note."""

    pid: int
    host: str
    program: str = WINDOW
    user: str = ""
    since: dt.datetime | None = None


class DatabaseLock:
    def __init__(self, db_path: Path, user: str = "", program: str = WINDOW):
        path = Path(db_path).expanduser().resolve()
        self.path = path
        self.user = user
        self.program = program
        self._lock = QLockFile(str(path.with_name(path.name + ".lock")))
        # 0: a lock is stale only when its process is gone, never because it is old
        # (the program stays open for days).
        self._lock.setStaleLockTime(0)
        digest = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:20]
        self.server_name = f"studiodesk-{digest}"
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True: the lock is ours. False: a live program holds it. Any other reason the
        lock cannot be taken raises LockUnavailable: only a live holder may be told as
        "open elsewhere" (a missing data folder once was, and no new user could start)."""
        if self._lock.tryLock(200):
            self._leave_note()
            return True
        error = self._lock.error()
        if error == QLockFile.LockError.LockFailedError:
            return False
        if error == QLockFile.LockError.PermissionError:
            # The database's folder cannot be written (it opens read-only): lock in the
            # temp folder instead, which still keeps two programs of this computer apart.
            fallback = Path(tempfile.gettempdir()) / f"{self.server_name}.lock"
            self._lock = QLockFile(str(fallback))
            self._lock.setStaleLockTime(0)
            if self._lock.tryLock(200):
                self._leave_note()
                return True
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                return False
        lock_path = Path(self._lock.fileName())
        folder = lock_path.parent
        cause = (
            FileNotFoundError(2, os.strerror(2), str(folder))
            if not folder.is_dir()
            else _why_not_writable(folder)
        )
        raise LockUnavailable(lock_path, cause)

    @property
    def _note(self) -> Path:
        return Path(self._lock.fileName() + ".who")

    def _leave_note(self) -> None:
        """Who holds the lock, for whoever finds it held (best effort: without the note
        they are told the process and computer only)."""
        note = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "program": self.program,
            "user": self.user,
            "since": dt.datetime.now().isoformat(timespec="seconds"),
        }
        try:
            file_modes.create_private(self._note)  # a name and a computer: the user's alone
            self._note.write_text(json.dumps(note, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass

    def holder(self) -> Holder | None:
        """Who holds the lock (None: nobody, or it cannot be read)."""
        owner = self.owner()
        if owner is None:
            return None
        pid, host = owner
        try:
            note = json.loads(self._note.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            note = None
        if not isinstance(note, dict) or note.get("pid") != pid:
            return Holder(pid, host)
        try:
            since = dt.datetime.fromisoformat(str(note.get("since")))
        except ValueError:
            since = None
        return Holder(
            pid,
            host,
            program=str(note.get("program") or WINDOW),
            user=str(note.get("user") or ""),
            since=since,
        )

    def owner(self) -> tuple[int, str] | None:
        """(process id, host name) of whoever holds the lock."""
        info = self._lock.getLockInfo()  # PySide6: (pid, host, app), or a leading ok flag
        if len(info) == 4:
            if not info[0]:
                return None
            info = info[1:]
        pid, host, _app = info
        return (int(pid), str(host)) if pid else None

    def ask_running_to_show(self, timeout_ms: int = 1000) -> bool:
        """Ask the program holding the lock to bring its window forward."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.server_name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(SHOW)
        socket.flush()
        socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return True

    def serve(self, on_show: Callable[[], None]) -> None:
        """Listen for later starts on the same database (holder only)."""
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.server_name)  # a crashed holder's socket file
        server = QLocalServer()
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)

        def accept() -> None:
            while server.hasPendingConnections():
                connection = server.nextPendingConnection()
                connection.readyRead.connect(
                    lambda c=connection: on_show() if SHOW in bytes(c.readAll().data()) else None
                )
                connection.disconnected.connect(connection.deleteLater)

        server.newConnection.connect(accept)
        server.listen(self.server_name)
        self._server = server

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._note.unlink(missing_ok=True)
        self._lock.unlock()
