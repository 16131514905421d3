"""Backups and restore: the backups beside the database, a backup now (or to a USB
stick), and restoring one — a file's restore is done by the session, which closes and
reopens the database (``restore_requested``); a server database's backup is restored
here into a new database on the server, whose address the page then gives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.roles import Capability
from desktop_app.gui import ask, labels
from desktop_app.gui.background import BackgroundTask, run_with_progress
from desktop_app.gui.models.backups import BackupsModel
from desktop_app.gui.pages.base import Page
from desktop_app.gui.permissions import guard_all
from desktop_app.gui.table_sizing import fit_columns
from desktop_app.services.backup import BackupError, BackupInfo, CheckResult

OK_COLOR = "#2e7d32"
ERROR_COLOR = "#c62828"


class BackupsPage(Page):
    page_id = "backups"
    restore_requested = Signal(object)  # the Path of a backup the user chose and confirmed

    def __init__(self, services, bus, parent: QWidget | None = None):
        super().__init__(services, bus, parent)
        self.task: BackgroundTask | None = None
        self.restored_url: str | None = None  # a server backup's new database, once restored
        self.backups: list[BackupInfo] = []
        layout = QVBoxLayout(self)

        title = QLabel(self.tr("Backups"))
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(title)
        self.policy_label = QLabel(self._policy())
        self.policy_label.setWordWrap(True)
        layout.addWidget(self.policy_label)
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(self.tr("Backups folder:")))
        self.folder_label = QLabel()
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder_row.addWidget(self.folder_label, 1)
        self.open_folder_button = QPushButton(self.tr("Open folder"))
        folder_row.addWidget(self.open_folder_button)
        layout.addLayout(folder_row)

        self.read_only_label = QLabel()
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setStyleSheet(f"color: {ERROR_COLOR};")
        layout.addWidget(self.read_only_label)
        self.failure_label = QLabel()  # an automatic backup failed (until one succeeds)
        self.failure_label.setObjectName("backupFailure")
        self.failure_label.setWordWrap(True)
        self.failure_label.setStyleSheet(f"color: {ERROR_COLOR};")
        layout.addWidget(self.failure_label)

        actions = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.usb_button = QPushButton(self.tr("Back up to a folder or USB stick…"))
        self.restore_file_button = QPushButton(self.tr("Restore from a file…"))
        actions.addWidget(self.backup_button)
        actions.addWidget(self.usb_button)
        actions.addStretch(1)
        actions.addWidget(self.restore_file_button)
        layout.addLayout(actions)

        self.model = BackupsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_columns(self.table, 4)  # the check's result
        layout.addWidget(self.table, 1)

        below = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("Restore the selected backup…"))
        below.addStretch(1)
        below.addWidget(self.restore_button)
        layout.addLayout(below)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result_label)

        self.backup_button.clicked.connect(lambda: self.back_up(None))
        self.usb_button.clicked.connect(self.back_up_to_folder)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.open_folder_button.clicked.connect(self._open_folder)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.restore_button.click())
        guard_all(self.services, Capability.RESTORE, self.restore_button, self.restore_file_button)
        self.refresh()

    # --- what the page shows

    def _policy(self) -> str:
        kept = self.tr(
            "Kept: one a day for 7 days, one a week for 4 weeks, one a month for 12 months; "
            "backups you make yourself are never deleted."
        )
        if self.services.db.server:
            made = self.tr(
                "StudioDesk on this PC backs up the school server's database (with its "
                "files) once a day while it runs, with PostgreSQL's pg_dump, into the "
                "folder below. Every backup is restored into a scratch database on the "
                "server and its rows compared before it counts. A backup is restored into "
                "a new database on the server: the one in use is never replaced."
            )
        else:
            made = self.tr(
                "StudioDesk backs up the database and the studio's files when it closes and "
                "once a day while it runs. Every backup is read back and checked before it "
                "counts."
            )
        return made + " " + kept

    def refresh(self) -> None:
        backups = self.services.backups
        self.folder_label.setText(str(backups.directory))
        read_only = self.services.read_only
        self.read_only_label.setVisible(read_only is not None)
        if read_only is not None:
            self.read_only_label.setText(
                self.tr(
                    "The database is open read-only (%1): StudioDesk cannot back it up or "
                    "restore it here. Copy the database to a folder you can write to."
                ).replace("%1", read_only)
            )
        failure = backups.last_failure() if read_only is None else None
        self.failure_label.setVisible(failure is not None)
        self.failure_label.setText(labels.backup_failure(failure) if failure else "")
        self.backups = backups.list()
        self.model.set_rows(self.backups)
        self._update_buttons()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()  # automatic backups appear while the program runs

    def _update_buttons(self) -> None:
        writable = self.services.read_only is None and self.task is None
        self.backup_button.setEnabled(writable)
        self.usb_button.setEnabled(writable)
        self.restore_file_button.setEnabled(writable)
        selected = self.selected()
        self.restore_button.setEnabled(writable and selected is not None and selected.ok)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.backups[rows[0].row()]

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _show_result(self, text: str, ok: bool) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet(f"color: {OK_COLOR if ok else ERROR_COLOR};")

    def _open_folder(self) -> None:
        folder = self.services.backups.directory
        if folder.is_dir():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # --- asking the user (tests replace these)

    def ask_folder(self) -> Path | None:
        return ask.choose_folder(self, ask.BACKUP, self.tr("Back up to a folder"))

    def ask_backup_file(self) -> Path | None:
        # first where the automatic backups are; then where the last one came from
        return ask.open_file(
            self,
            ask.BACKUP,
            self.tr("Restore from a backup file"),
            self.tr("StudioDesk backups (*.zip)"),
            default=self.services.backups.directory,
        )

    # --- backing up

    @property
    def busy(self) -> bool:
        return self.task is not None

    def back_up_to_folder(self) -> None:
        folder = self.ask_folder()
        if folder is not None:
            self.back_up(folder)

    def back_up(self, folder: Path | None) -> None:
        """A checked backup, into ``folder`` (a USB stick) or the backups folder."""
        if self.busy:
            return
        backups = self.services.backups

        def work(_report, _cancelled) -> BackupInfo:
            return backups.backup_now("manual", target_dir=folder)

        self.task = run_with_progress(
            self,
            self.tr("Backup"),
            self.tr("Writing and checking the backup…"),
            "",  # a backup is not cancelled half-way: it is either checked and kept or not
            work,
            on_success=self._backed_up,
            on_failure=self._backup_failed,
            on_cancel=self._task_done,
            indeterminate=True,
        )
        self._update_buttons()

    def _task_done(self) -> None:
        self.task = None
        self.refresh()

    def _backed_up(self, info: BackupInfo) -> None:
        self._task_done()
        self._show_result(
            self.tr("Backup written and checked: %1 (%2, %3 files).")
            .replace("%1", str(info.path))
            .replace("%2", labels.size_text(info.size))
            .replace("%3", str(info.files)),
            ok=True,
        )

    def _backup_failed(self, error: BaseException) -> None:
        self._task_done()
        text = self.tr("No backup was made: %1").replace("%1", _reasons(error))
        self._show_result(text, ok=False)
        ask.warn(self, self.tr("Backups"), text)

    # --- restoring

    def restore_selected(self) -> None:
        info = self.selected()
        if info is not None and info.ok:
            self.restore(info.path)

    def restore_from_file(self) -> None:
        path = self.ask_backup_file()
        if path is not None:
            self.restore(path)

    def restore(self, path: Path) -> None:
        """Check the backup, say what it holds and what happens to today's database, and
        on a yes hand it to the session."""
        if self.busy or self.services.read_only is not None:
            return
        checked: CheckResult = self.services.backups.check(path)
        if not checked.ok or checked.info is None:
            text = self.tr("This backup cannot be restored: %1").replace(
                "%1", "；".join(checked.problems)
            )
            self._show_result(text, ok=False)
            ask.warn(self, self.tr("Backups"), text)
            return
        info = checked.info
        if self.services.db.server:
            self._restore_on_server(path, info)
            return
        question = (
            self.tr(
                "Restore the backup made on %1 (%2 files)?\n\nEverything entered since then "
                "is replaced. The database as it is now is first kept as a backup "
                "(“before a restore”), so this can be undone."
            )
            .replace("%1", info.created.strftime("%Y-%m-%d %H:%M"))
            .replace("%2", str(info.files))
        )
        if ask.confirm(self, self.tr("Restore"), question):
            self.restore_requested.emit(Path(path))

    # --- restoring a server database's backup

    def ask_new_database(self, suggestion: str) -> str | None:
        """The name of the new database to restore into (tests replace this)."""
        name, ok = QInputDialog.getText(
            self,
            self.tr("Restore into a new database"),
            self.tr(
                "The backup is restored into a NEW database on the server; the database in "
                "use stays as it is. Name of the new database (letters, digits, _):"
            ),
            text=suggestion,
        )
        return name.strip() if ok and name.strip() else None

    def _restore_on_server(self, path: Path, info: BackupInfo) -> None:
        name = self.ask_new_database(f"studiodesk_{info.created:%Y%m%d_%H%M}")
        if name is None:
            return
        backups = self.services.backups

        def work(_report, _cancelled):
            return backups.restore_into(path, name)

        self.task = run_with_progress(
            self,
            self.tr("Restore"),
            self.tr("Restoring the backup into a new database and checking its rows…"),
            "",
            work,
            on_success=self._restored_on_server,
            on_failure=self._restore_failed,
            on_cancel=self._task_done,
            indeterminate=True,
        )
        self._update_buttons()

    def _restored_on_server(self, result) -> None:
        self._task_done()
        text = (
            self.tr(
                "The backup made on %1 is restored into the new database %2 (%3 rows, "
                "checked). To work on it, connect to:\n%4\n(in Settings; every PC that should use "
                "it connects there too.)"
            )
            .replace("%1", result.backup_created.strftime("%Y-%m-%d %H:%M"))
            .replace("%2", result.database)
            .replace("%3", str(result.rows))
            .replace("%4", result.url)
        )
        self.restored_url = result.url
        self._show_result(text, ok=True)

    def _restore_failed(self, error: BaseException) -> None:
        self._task_done()
        text = self.tr("The backup was not restored: %1").replace("%1", _reasons(error))
        self._show_result(text, ok=False)
        ask.warn(self, self.tr("Backups"), text)


def _reasons(error: BaseException) -> str:
    if isinstance(error, BackupError):
        return "；".join(error.problems)
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error) or type(error).__name__
