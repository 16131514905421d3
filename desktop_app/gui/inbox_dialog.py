"""The bureau's inbox (报送材料汇总) as a window: a folder of bundles read without trusting
them (services/inbox.py), one row per file with its verdict and figures, the reporting
rate against the studios the bureau expects, and the comparison workbook."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.bundle.zipwrite import Cancelled
from desktop_app.domain.money import format_fen
from desktop_app.services.inbox import InboxReport, InboxRow, scan, write_workbook

INVALID_BACKGROUND = "#fdecea"


class InboxDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bureau inbox"))
        self.resize(1100, 640)
        self.report: InboxReport | None = None
        layout = QVBoxLayout(self)

        form = QHBoxLayout()
        form.addWidget(QLabel(self.tr("Folder of bundles:")))
        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("folderEdit")
        form.addWidget(self.folder_edit, 2)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self.choose_folder)
        form.addWidget(browse)
        form.addWidget(QLabel(self.tr("Expected studios (optional):")))
        self.expected_edit = QLineEdit()
        self.expected_edit.setObjectName("expectedEdit")
        self.expected_edit.setToolTip(
            self.tr(
                "An .xlsx, .csv or .txt list: one studio per row, optionally its key fingerprint"
            )
        )
        form.addWidget(self.expected_edit, 1)
        browse_expected = QPushButton(self.tr("Choose…"))
        browse_expected.clicked.connect(self.choose_expected)
        form.addWidget(browse_expected)
        self.scan_button = QPushButton(self.tr("Scan"))
        self.scan_button.setObjectName("scanButton")
        self.scan_button.clicked.connect(self.run_scan)
        form.addWidget(self.scan_button)
        layout.addLayout(form)

        self.table = QTableWidget(0, 15)
        self.table.setObjectName("inboxTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("File"),
                self.tr("Valid"),
                self.tr("Reason"),
                self.tr("Studio"),
                self.tr("Period"),
                self.tr("Signer"),
                self.tr("Registered"),
                self.tr("Members"),
                self.tr("Activities"),
                self.tr("Attendance"),
                self.tr("Over the line"),
                self.tr("Granted"),
                self.tr("Spent"),
                self.tr("Yearly duties"),
                self.tr("Grade"),
            ]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_detail(row))
        layout.addWidget(self.table, 3)

        self.detail = QPlainTextEdit()
        self.detail.setObjectName("detail")
        self.detail.setReadOnly(True)
        self.detail.setMaximumHeight(110)
        layout.addWidget(self.detail)

        bottom = QHBoxLayout()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setWordWrap(True)
        bottom.addWidget(self.summary_label, 1)
        self.save_button = QPushButton(self.tr("Save comparison workbook…"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_workbook)
        bottom.addWidget(self.save_button)
        layout.addLayout(bottom)

    # --- choosing (tests set the line edits directly) ---

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Folder of bundles"))
        if name:
            self.folder_edit.setText(name)

    def choose_expected(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Expected studios"), "", self.tr("Lists (*.xlsx *.csv *.txt)")
        )
        if name:
            self.expected_edit.setText(name)

    def warn(self, text: str) -> None:
        """A problem the user must read; tests replace this method."""
        QMessageBox.warning(self, self.windowTitle(), text)

    # --- scanning ---

    def run_scan(self) -> None:
        folder = Path(self.folder_edit.text().strip())
        expected_text = self.expected_edit.text().strip()
        expected = Path(expected_text) if expected_text else None
        progress = QProgressDialog(self.tr("Reading bundles…"), self.tr("Cancel"), 0, 1, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)

        def report(done: int, total: int, name: str) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(done)
            progress.setLabelText(name)
            QApplication.processEvents()

        def cancelled() -> bool:
            QApplication.processEvents()
            return progress.wasCanceled()

        try:
            self.report = scan(folder, expected, progress=report, check_cancel=cancelled)
        except Cancelled:
            self.summary_label.setText(self.tr("Scan cancelled."))
            return
        except (OSError, ValueError) as error:
            self.warn(str(error))
            return
        finally:
            progress.close()
        self.show_report(self.report)

    def show_report(self, report: InboxReport) -> None:
        self.table.setRowCount(len(report.rows))
        for index, row in enumerate(report.rows):
            for column, value in enumerate(self._cells(row)):
                item = QTableWidgetItem(value)
                if not row.valid:
                    item.setBackground(QColor(INVALID_BACKGROUND))
                    item.setToolTip(row.reason or "")
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()
        lines = [
            self.tr("%1 files, %2 valid.")
            .replace("%1", str(len(report.rows)))
            .replace("%2", str(report.valid_count))
        ]
        if report.completeness is not None:
            missing = [s.name for s in report.completeness.studios if not s.submitted]
            lines.append(
                self.tr("Reporting rate for %1: %2. Not submitted: %3")
                .replace("%1", report.completeness.period or "—")
                .replace("%2", report.completeness.rate_text)
                .replace("%3", "、".join(missing) or "—")
            )
        self.summary_label.setText(" ".join(lines))
        self.save_button.setEnabled(bool(report.rows))
        if report.rows:
            self.table.selectRow(0)
            self.show_detail(0)

    def _cells(self, row: InboxRow) -> list[str]:
        f = row.figures
        yes, no = self.tr("yes"), self.tr("no")
        registered = "" if row.registered is None else (yes if row.registered else no)
        figures = (
            [
                str(f.members),
                str(f.activities),
                f.attendance_text,
                str(f.flagged),
                format_fen(f.granted_fen),
                format_fen(f.spent_fen),
                f.duties_text,
                f.grade_text,
            ]
            if f is not None
            else [""] * 8
        )
        return [
            row.file,
            yes if row.valid else no,
            row.reason or "",
            row.studio or "",
            row.period or "",
            row.signer or "",
            registered,
            *figures,
        ]

    def show_detail(self, index: int) -> None:
        if self.report is None or not 0 <= index < len(self.report.rows):
            self.detail.clear()
            return
        row = self.report.rows[index]
        lines = [row.file, row.reason or self.tr("Valid bundle."), *row.notes]
        self.detail.setPlainText("\n".join(lines))

    def ask_save_path(self) -> Path | None:
        """Where to write the workbook; tests replace this method."""
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save comparison workbook"), "报送材料汇总.xlsx", "Excel (*.xlsx)"
        )
        return Path(name) if name else None

    def save_workbook(self) -> None:
        if self.report is None:
            return
        path = self.ask_save_path()
        if path is None:
            return
        try:
            written = write_workbook(self.report, path)
        except OSError as error:
            self.warn(
                self.tr("Could not write %1: %2").replace("%1", str(path)).replace("%2", str(error))
            )
            return
        self.summary_label.setText(self.tr("Workbook saved: %1").replace("%1", str(written)))
