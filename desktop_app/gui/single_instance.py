"""One program per database. A QLockFile beside the database says who has it open; the
holder also listens on a local socket, so that a second start on the same database asks
the running window to come forward instead of opening the file twice. A lock left by a
crash names a process that no longer runs, and QLockFile takes it over by itself."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

# QtNetwork is imported where the socket is used: the program serves once its window
# has painted, and a library less to load comes before that paint.
SHOW = b"show\n"


class DatabaseLock:
    def __init__(self, db_path: Path):
        path = Path(db_path).expanduser().resolve()
        self.path = path
        self._lock = QLockFile(str(path.with_name(path.name + ".lock")))
        # 0: a lock is stale only when its process is gone, never because it is old
        # (the program stays open for days).
        self._lock.setStaleLockTime(0)
        digest = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:20]
        self.server_name = f"studiodesk-{digest}"
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        if self._lock.tryLock(200):
            return True
        if self._lock.error() != QLockFile.LockError.PermissionError:
            return False  # held by another program
        # The database's folder cannot be written (it opens read-only): lock in the temp
        # folder instead, which still keeps two programs of this computer apart.
        fallback = Path(tempfile.gettempdir()) / f"{self.server_name}.lock"
        self._lock = QLockFile(str(fallback))
        self._lock.setStaleLockTime(0)
        return self._lock.tryLock(200)

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
        self._lock.unlock()
