"""The bureau's inbox (报送材料汇总) as a window: a folder of bundles read without trusting
them (documents/inbox.py, in a worker thread behind a progress dialog that can be cancelled),
one row per file with its verdict and figures, the reporting rate against the studios the
bureau expects, and the comparison workbook."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.documents.inbox import InboxReport, InboxRow, StudioStatus, scan, write_workbook
from desktop_app.gui import ask, window_geometry
from desktop_app.gui.background import BackgroundTask, run_with_progress
from desktop_app.gui.models.inbox import (
    INVALID_TEXT,
    SUBMITTED_TEXT,
    BundlesModel,
    BundlesSort,
    StudiosModel,
)
from desktop_app.gui.table_sizing import fit_columns


class InboxDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bureau inbox"))
        self.setWindowFlags(
            Qt.WindowType.Window
            | Qt.WindowType.WindowMinMaxButtonsHint
            | Qt.WindowType.WindowCloseButtonHint
        )
        window_geometry.fit(self, QSize(1240, 720))
        self.report: InboxReport | None = None
        self.task: BackgroundTask | None = None
        layout = QVBoxLayout(self)

        intro = QLabel(
            self.tr(
                "For the education bureau: put the bundles the studios sent into one folder "
                "and read them here. Every file is checked without being unpacked; a damaged "
                "or altered bundle is marked with the reason."
            )
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #555;")
        layout.addWidget(intro)

        form = QGridLayout()
        form.addWidget(QLabel(self.tr("Folder of bundles:")), 0, 0)
        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("folderEdit")
        form.addWidget(self.folder_edit, 0, 1)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self.choose_folder)
        form.addWidget(browse, 0, 2)
        form.addWidget(QLabel(self.tr("Expected studios (optional):")), 1, 0)
        self.expected_edit = QLineEdit()
        self.expected_edit.setObjectName("expectedEdit")
        hint = self.tr(
            "An .xlsx, .csv or .txt list: one studio per row, optionally its key fingerprint"
        )
        self.expected_edit.setToolTip(hint)
        self.expected_edit.setPlaceholderText(hint)
        form.addWidget(self.expected_edit, 1, 1)
        browse_expected = QPushButton(self.tr("Choose…"))
        browse_expected.clicked.connect(self.choose_expected)
        form.addWidget(browse_expected, 1, 2)
        form.addWidget(QLabel(self.tr("Period (optional):")), 2, 0)
        period_row = QHBoxLayout()
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        self.period_combo.setEditable(True)
        self.period_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.period_combo.setMinimumWidth(260)
        self.period_combo.lineEdit().setPlaceholderText(self.tr("the one most bundles are for"))
        self.period_combo.setToolTip(
            self.tr("The period whose completeness is shown, e.g. 2025-2026 or 2024-2027中期")
        )
        period_row.addWidget(self.period_combo)
        period_row.addStretch(1)
        form.addLayout(period_row, 2, 1)
        self.scan_button = QPushButton(self.tr("Scan"))
        self.scan_button.setObjectName("scanButton")
        self.scan_button.setDefault(True)
        self.scan_button.setMinimumWidth(100)
        self.scan_button.clicked.connect(self.run_scan)
        form.addWidget(self.scan_button, 2, 2)
        form.setColumnStretch(1, 1)
        layout.addLayout(form)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("inboxTabs")

        bundles = QSplitter(Qt.Orientation.Vertical)
        bundles.setChildrenCollapsible(False)
        self.model = BundlesModel(self)
        self.sorted = BundlesSort(self)
        self.sorted.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("inboxTable")
        self.table.setModel(self.sorted)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setHighlightSections(False)
        fit_columns(self.table, self.model.column_of("reason"))
        self.table.setSortingEnabled(True)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_detail(current.row())
        )
        bundles.addWidget(self.table)
        self.detail = QTextBrowser()
        self.detail.setObjectName("detail")
        self.detail.setOpenLinks(False)
        bundles.addWidget(self.detail)
        bundles.setStretchFactor(0, 3)
        bundles.setStretchFactor(1, 1)
        bundles.setSizes([380, 140])
        self.tabs.addTab(bundles, self.tr("Bundles"))

        completeness = QWidget()
        completeness_layout = QVBoxLayout(completeness)
        self.rate_label = QLabel()
        self.rate_label.setObjectName("rateLabel")
        self.rate_label.setWordWrap(True)
        self.rate_label.setTextFormat(Qt.TextFormat.RichText)
        completeness_layout.addWidget(self.rate_label)
        self.studios_model = StudiosModel(self)
        self.studios_table = QTableView()
        self.studios_table.setObjectName("studiosTable")
        self.studios_table.setModel(self.studios_model)
        self.studios_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.studios_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.studios_table.verticalHeader().setVisible(False)
        fit_columns(self.studios_table, 3)  # the notes
        completeness_layout.addWidget(self.studios_table, 1)
        self.tabs.addTab(completeness, self.tr("Completeness"))
        layout.addWidget(self.tabs, 1)

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
        self._show_completeness(None)

    # --- choosing (tests set the line edits directly) ---

    def choose_folder(self) -> None:
        folder = ask.choose_folder(
            self, ask.INBOX, self.tr("Folder of bundles"), self._typed(self.folder_edit)
        )
        if folder:
            self.folder_edit.setText(str(folder))

    def choose_expected(self) -> None:
        path = ask.open_file(
            self,
            ask.INBOX,
            self.tr("Expected studios"),
            self.tr("Lists (*.xlsx *.csv *.txt)"),
        )
        if path:
            self.expected_edit.setText(str(path))

    @staticmethod
    def _typed(edit: QLineEdit) -> Path | None:
        """The folder typed in ``edit``, where the dialog opens rather than the last."""
        text = edit.text().strip()
        return Path(text) if text else None

    # --- scanning ---

    @property
    def busy(self) -> bool:
        return self.task is not None

    def run_scan(self) -> None:
        if self.busy:
            return
        folder_text = self.folder_edit.text().strip()
        if not folder_text:
            ask.warn(
                self, self.windowTitle(), self.tr("Choose the folder that holds the bundles first.")
            )
            return
        folder = Path(folder_text)
        expected_text = self.expected_edit.text().strip()
        expected = Path(expected_text) if expected_text else None
        period = self.period_combo.currentText().strip() or None

        def work(report, cancelled):
            return scan(
                folder,
                expected,
                period=period,
                progress=lambda done, total, name: report(done / max(total, 1), name),
                check_cancel=cancelled,
            )

        self.scan_button.setEnabled(False)
        self.task = run_with_progress(
            self,
            self.tr("Bureau inbox"),
            self.tr("Reading bundles…"),
            self.tr("Cancel"),
            work,
            on_success=self._scanned,
            on_failure=lambda error: self._scan_failed(folder, error),
            on_cancel=self._scan_cancelled,
        )

    def _done(self) -> None:
        self.task = None
        self.scan_button.setEnabled(True)

    def _scan_cancelled(self) -> None:
        self._done()
        self.summary_label.setText(self.tr("Scan cancelled."))

    def _scan_failed(self, folder: Path, error: BaseException) -> None:
        self._done()
        if isinstance(error, FileNotFoundError | NotADirectoryError):
            text = self.tr("There is no folder %1.").replace("%1", str(folder))
        elif isinstance(error, OSError):
            text = (
                self.tr("Could not read %1: %2")
                .replace("%1", str(error.filename or folder))
                .replace("%2", error.strerror or str(error))
            )
        else:
            text = str(error) or type(error).__name__
        self.summary_label.setText(text)
        ask.warn(self, self.windowTitle(), text)

    def _scanned(self, report: InboxReport) -> None:
        self._done()
        self.report = report
        self.show_report(report)

    def show_report(self, report: InboxReport) -> None:
        self.model.set_rows(report.rows)

        # the periods found, offered for the completeness view
        current = self.period_combo.currentText()
        periods = sorted({r.period for r in report.rows if r.valid and r.period})
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        self.period_combo.addItems(periods)
        self.period_combo.setEditText(current)
        self.period_combo.blockSignals(False)

        self._show_completeness(report)
        self.tabs.setTabText(0, self.tr("Bundles (%1)").replace("%1", str(len(report.rows))))
        if report.completeness is not None:
            self.tabs.setTabText(
                1, self.tr("Completeness (%1)").replace("%1", report.completeness.rate)
            )
        else:
            self.tabs.setTabText(1, self.tr("Completeness"))
        text = (
            self.tr("%1 files, %2 valid.")
            .replace("%1", str(len(report.rows)))
            .replace("%2", str(report.valid_count))
        )
        invalid = len(report.rows) - report.valid_count
        if invalid:
            text += " " + self.tr("%1 not valid: see the reason in the row.").replace(
                "%1", str(invalid)
            )
        if report.completeness is not None:
            text += " " + self.tr("Reporting rate for %1: %2").replace(
                "%1", report.completeness.period or "—"
            ).replace("%2", report.completeness.rate_text)
        self.summary_label.setText(text)
        self.save_button.setEnabled(bool(report.rows))
        if report.rows:
            self.table.selectRow(0)
            self.show_detail(0)
        else:
            self.detail.setPlainText(self.tr("The folder holds no files."))

    def selected_row(self) -> InboxRow | None:
        return self._row_at(self.table.currentIndex().row())

    def _row_at(self, table_row: int) -> InboxRow | None:
        """The report's row a table row shows, in the order the table is sorted."""
        if self.report is None or table_row < 0:
            return None
        return self.model.row_at(self.sorted.mapToSource(self.sorted.index(table_row, 0)).row())

    def show_detail(self, table_row: int) -> None:
        row = self._row_at(table_row)
        if row is None:
            self.detail.clear()
            return
        if row.valid:
            verdict = (
                f'<p style="color:{SUBMITTED_TEXT}"><b>{escape(self.tr("Valid bundle."))}</b></p>'
            )
        else:
            reason = row.reason or self.tr("Not a valid bundle.")
            verdict = f'<p style="color:{INVALID_TEXT}"><b>{escape(reason)}</b></p>'
        facts = [
            (self.tr("Studio"), row.studio),
            (self.tr("Period"), row.period),
            (self.tr("Bagging date"), row.bagging_date),
            (self.tr("Signer"), row.signer),
        ]
        table = "".join(
            f'<tr><td style="padding-right:10px; color:#555">{escape(name)}</td>'
            f"<td>{escape(value)}</td></tr>"
            for name, value in facts
            if value
        )
        notes = "".join(f"<li>{escape(n)}</li>" for n in row.notes)
        self.detail.setHtml(
            f"<p><b>{escape(row.file)}</b></p>{verdict}<table>{table}</table>"
            + (f"<ul>{notes}</ul>" if notes else "")
        )

    def _show_completeness(self, report: InboxReport | None) -> None:
        completeness = report.completeness if report is not None else None
        self.studios_model.set_rows([])
        if completeness is None:
            self.rate_label.setText(
                escape(
                    self.tr(
                        "Choose the list of expected studios to see who has submitted and "
                        "the reporting rate."
                    )
                )
            )
            return
        self.rate_label.setText(
            "<span style='font-size:13pt'><b>"
            + escape(
                self.tr("Reporting rate for %1: %2")
                .replace("%1", completeness.period or "—")
                .replace("%2", completeness.rate_text)
            )
            + "</b></span>"
        )
        statuses: list[StudioStatus] = [*completeness.studios, *completeness.unexpected]
        self.studios_model.set_rows(statuses)

    # --- the workbook ---

    def save_workbook(self) -> None:
        if self.report is None:
            return
        # beside the folder, not in it: the next scan would read the workbook as a bundle
        folder = self._typed(self.folder_edit)
        path = ask.save_document(
            self,
            ask.INBOX,
            self.tr("Save comparison workbook"),
            "报送材料汇总.xlsx",
            default=folder.parent if folder else None,
        )
        if path is None:
            return
        try:
            written = write_workbook(self.report, path)
        except OSError as error:
            ask.warn(
                self,
                self.windowTitle(),
                self.tr("Could not write %1: %2")
                .replace("%1", str(path))
                .replace("%2", error.strerror or str(error)),
            )
            return
        self.summary_label.setText(self.tr("Workbook saved: %1").replace("%1", str(written)))

    def closeEvent(self, event) -> None:
        if self.task is not None:  # a scan still running: stop it first
            self.task.cancel()
            self.task.wait()
        super().closeEvent(event)
