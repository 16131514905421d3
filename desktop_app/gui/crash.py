"""An unexpected exception does not end the program: it is written to the log file
(platformdirs' log folder) and shown in a dialog whose report can be copied and sent;
the window stays usable. Saves are single transactions, so nothing is half-written."""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop_app import __version__
from desktop_app.domain.problems import StorageError
from desktop_app.gui import window_geometry
from desktop_app.paths import log_dir

LOG = logging.getLogger("studiodesk")
LOG_FILE = "studiodesk.log"


def setup_logging() -> Path:
    """Log to a rotating file (1 MB × 5); returns its path. A log folder that cannot be
    made leaves the log to stderr: no reason not to start."""
    folder = log_dir()
    path = folder / LOG_FILE
    if not any(isinstance(h, RotatingFileHandler) for h in LOG.handlers):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handler = RotatingFileHandler(path, maxBytes=1 << 20, backupCount=5, encoding="utf-8")
        except OSError as error:
            print(f"StudioDesk: no log file in {folder}: {error}", file=sys.stderr)
            return path
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        LOG.addHandler(handler)
        LOG.setLevel(logging.INFO)
    return path


def report_text(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    lines = [
        f"StudioDesk {__version__}",
        f"Python {platform.python_version()} · {platform.platform()}",
        "",
        *traceback.format_exception(kind, value, tb),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


class CrashDialog(QDialog):
    def __init__(self, report: str, log_path: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "StudioDesk met an unexpected problem. What you saved before is safe; the "
                "action that failed was not saved. You can go on working. The report below "
                "is also in %1 — please send it to whoever looks after StudioDesk."
            ).replace("%1", str(log_path))
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.report = QPlainTextEdit(report)
        self.report.setObjectName("crashReport")
        self.report.setReadOnly(True)
        layout.addWidget(self.report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("Copy report"))
        copy.clicked.connect(lambda: QApplication.clipboard().setText(report))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        window_geometry.fit(self, QSize(720, 420))


def show_dialog(report: str, log_path: Path) -> None:
    """Tests replace this."""
    CrashDialog(report, log_path, QApplication.activeWindow()).exec()


def show_storage_error(message: str) -> None:
    """A fault of the disk or the database file is not a bug: it is told plainly, without
    a report to send. Tests replace this."""
    QMessageBox.warning(QApplication.activeWindow(), "StudioDesk", message)


def install() -> None:
    """Route unexpected exceptions (including those raised in Qt slots) to the log and
    the dialog instead of ending the program."""
    log_path = setup_logging()
    showing = False

    def hook(kind, value, tb) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        report = report_text(kind, value, tb)
        storage = issubclass(kind, StorageError)
        if storage:
            LOG.warning("storage fault\n%s", report)
        else:
            LOG.error("unexpected exception\n%s", report)
        if showing or QCoreApplication.instance() is None:
            return  # one dialog at a time; a failure inside it is only logged
        showing = True
        try:
            if storage:
                show_storage_error(str(value))
            else:
                show_dialog(report, log_path)
        finally:
            showing = False

    sys.excepthook = hook
