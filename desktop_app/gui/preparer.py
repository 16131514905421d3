"""Bundles made ahead: a while after the last change, the documents of the bundles likely
to be exported are typeset in a process of their own, at a low priority, so that pressing
Export later only copies files (`studiodesk prepare`, BundleService.prepare).

A separate process rather than a thread: typesetting is pure Python work that would
compete with the window for the interpreter, and the memory it needs is given back when
it ends. A change while it runs makes its work stale: it is stopped and started again
after the next quiet spell. Stopping it at any point is safe — the kept documents are
written to temporary names and renamed, and an export never relies on a half-made set."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

LOG = logging.getLogger("studiodesk")
QUIET_MS = 60 * 1000  # after the last change: the user is not waiting for it


def prepare_command(db_path: Path) -> tuple[str, list[str]]:
    """The program and arguments that run ``studiodesk prepare`` on ``db_path``."""
    args = ["prepare", "--background", "--db", str(db_path)]
    if getattr(sys, "frozen", False):  # the PyInstaller build: the executable is the program
        return sys.executable, args
    return sys.executable, ["-m", "desktop_app", *args]


class Preparer(QObject):
    """``schedule()`` on every change; the process runs after ``quiet_ms`` without one."""

    finished = Signal(bool)  # whether the run completed (False: failed or stopped)

    def __init__(self, db_path: Path, quiet_ms: int = QUIET_MS, parent: QObject | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(quiet_ms)
        self.timer.timeout.connect(self._run)
        self.process = QProcess(self)  # one, started again for each run
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        if not getattr(sys, "frozen", False):  # `python -m desktop_app` from the source tree
            self.process.setWorkingDirectory(str(Path(__file__).resolve().parents[2]))
        self.process.finished.connect(self._done)
        self._stopping = False

    @property
    def running(self) -> bool:
        return self.process.state() != QProcess.ProcessState.NotRunning

    def schedule(self, *_changed: object) -> None:
        """The records changed (or the program started): what is being made is stale."""
        self._stop_process()
        self.timer.start()

    def stop(self) -> None:
        """The program is closing, or the database is being replaced."""
        self.timer.stop()
        self._stop_process()

    def _run(self) -> None:
        self._stop_process()
        program, args = prepare_command(self.db_path)
        self.process.start(program, args)

    def _done(self, code: int, status: QProcess.ExitStatus) -> None:
        if self._stopping:
            return  # stopped on purpose
        completed = status == QProcess.ExitStatus.NormalExit and code == 0
        if not completed:  # the export makes the documents itself: logged, nothing shown
            output = bytes(self.process.readAll().data()).decode("utf-8", "replace")
            LOG.warning("making bundles ahead ended with %s: %s", code, output[-2000:])
        else:
            self.process.readAll()  # what it made, one line per bundle: not needed
        self.finished.emit(completed)

    def _stop_process(self) -> None:
        if not self.running:
            return
        self._stopping = True
        try:
            self.process.kill()
            self.process.waitForFinished(3000)
        finally:
            self._stopping = False
