"""Export & submit (导出报送): choose the period, see what goes into the submission bundle
and what the bureau will miss, export the signed zip (in a worker thread, behind a progress
dialog that can be cancelled), and verify the written file. The bureau's inbox opens from
here."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.bundle import format as fmt
from desktop_app.bundle.signing import short_fingerprint
from desktop_app.bundle.verify import verify
from desktop_app.documents.bundle.data import sanitise_name
from desktop_app.documents.bundle.export import BundleExport
from desktop_app.domain import changes as topics
from desktop_app.domain import messages
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.roles import Capability
from desktop_app.gui import ask, labels
from desktop_app.gui.background import BackgroundTask, run_with_progress
from desktop_app.gui.pages.base import Page
from desktop_app.gui.permissions import guard_all
from desktop_app.gui.table_sizing import fit_columns
from desktop_app.gui.technical_info import TechnicalInfo
from desktop_app.store import faults

MISSING_STYLE = (
    "QListWidget#missingList { background: #fff6e5; border: 1px solid #f0c36d; color: #7a4500; }"
)
NOTHING_MISSING_STYLE = (
    "QListWidget#missingList { background: #eef7ee; border: 1px solid #a9d3ad; color: #1e5b2a; }"
)
OK_COLOR = "#1e7b34"
ERROR_COLOR = "#b3261e"
ERROR_STYLE = f"color: {ERROR_COLOR};"
MUTED_STYLE = "color: #666;"
MISSING_MAX_HEIGHT = 320
COLLAPSE_OVER = 8  # folders with more files than this start collapsed


class ExportPage(Page):
    page_id = "export"
    topics = frozenset(
        {
            topics.MEMBERS,
            topics.GROWTH,
            topics.STUDIO,
            topics.SETTINGS,
            topics.ACTIVITIES,
            topics.ATTENDANCE,
            topics.LEDGER,
            topics.PLANS,
            topics.ASSESSMENTS,
        }
    )

    def __init__(self, services, bus, parent=None):
        super().__init__(services, bus, parent)
        self.setObjectName("exportPage")
        self.plan = None  # the ExportPlan shown
        self.last_result = None  # (ExportResult, Verdict) of the last export
        self.task: BackgroundTask | None = None  # the export running, if any
        self._stale = True  # the plan is read when the page is shown
        self._inbox = None
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period:")))
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        self.period_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        top.addWidget(self.period_combo)
        top.addSpacing(16)
        self.unmasked_box = QCheckBox(self.tr("Include full phone and ID numbers"))
        self.unmasked_box.setObjectName("unmaskedBox")
        top.addWidget(self.unmasked_box)
        top.addStretch(1)
        self.inbox_button = QPushButton(self.tr("Bureau inbox…"))
        self.inbox_button.setObjectName("inboxButton")
        self.inbox_button.setToolTip(
            self.tr("For the education bureau: verify and compare a folder of bundles")
        )
        top.addWidget(self.inbox_button)
        layout.addLayout(top)

        self.unmasked_warning = QLabel(
            self.tr(
                "The bundle will hold full phone and ID numbers: hand it only to whom the "
                "rules allow."
            )
        )
        self.unmasked_warning.setObjectName("unmaskedWarning")
        self.unmasked_warning.setStyleSheet(ERROR_STYLE)
        self.unmasked_warning.setWordWrap(True)
        self.unmasked_warning.setVisible(False)
        layout.addWidget(self.unmasked_warning)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self._heading(self.tr("What goes into the bundle")))
        self.items_tree = QTreeWidget()
        self.items_tree.setObjectName("itemsTree")
        self.items_tree.setColumnCount(3)
        self.items_tree.setHeaderLabels([self.tr("File"), self.tr("What it is"), self.tr("Size")])
        self.items_tree.setUniformRowHeights(True)
        self.items_tree.setAlternatingRowColors(True)
        fit_columns(self.items_tree, 1)  # what it is
        left_layout.addWidget(self.items_tree, 1)
        self.totals_label = QLabel()
        self.totals_label.setObjectName("totalsLabel")
        self.totals_label.setWordWrap(True)
        left_layout.addWidget(self.totals_label)
        splitter.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self._heading(self.tr("What the bureau will expect but is missing")))
        self.missing_list = QListWidget()
        self.missing_list.setObjectName("missingList")
        self.missing_list.setWordWrap(True)
        self.missing_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.missing_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.missing_list.setStyleSheet(MISSING_STYLE)
        self.missing_list.viewport().installEventFilter(self)
        right_layout.addWidget(self.missing_list)
        missing_note = QLabel(
            self.tr(
                "Missing items do not stop the export: the bundle can be sent as it is, "
                "and sent again once they are done."
            )
        )
        missing_note.setWordWrap(True)
        missing_note.setStyleSheet(MUTED_STYLE)
        right_layout.addWidget(missing_note)

        signer = QFrame()
        signer.setFrameShape(QFrame.Shape.StyledPanel)
        signer_layout = QVBoxLayout(signer)
        signer_layout.addWidget(self._heading(self.tr("Check files and digital signature")))
        signer_text = QLabel(
            self.tr(
                "The bundle carries check files and this computer's digital signature: the "
                "bureau can tell that it comes from your studio and that nothing in it was "
                "changed after the export."
            )
        )
        signer_text.setWordWrap(True)
        signer_layout.addWidget(signer_text)
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setObjectName("fingerprintLabel")
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_label.setWordWrap(True)
        self.fingerprint_label.setStyleSheet(MUTED_STYLE)
        signer_layout.addWidget(self.fingerprint_label)
        right_layout.addWidget(signer)

        export_row = QHBoxLayout()
        export_row.addStretch(1)
        self.export_button = QPushButton(self.tr("Export bundle…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.setMinimumHeight(34)
        export_row.addWidget(self.export_button)
        right_layout.addLayout(export_row)

        self.result_box = QGroupBox(self.tr("Last export"))
        self.result_box.setObjectName("resultBox")
        result_layout = QVBoxLayout(self.result_box)
        # one line for a cancel or a failure; the file's facts after an export
        self.result_label = QLabel()
        self.result_label.setObjectName("resultLabel")
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        result_layout.addWidget(self.result_label)
        self.facts = QWidget()
        facts = QFormLayout(self.facts)
        facts.setContentsMargins(0, 0, 0, 0)
        self.path_label = QLabel()
        self.path_label.setObjectName("pathLabel")
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        facts.addRow(self.tr("File"), self.path_label)
        self.size_label = QLabel()
        facts.addRow(self.tr("Size"), self.size_label)
        # an unmasked bundle says so where the user sees what was written
        self.personal_label = QLabel(self._full_numbers_text())
        self.personal_label.setObjectName("personalLabel")
        self.personal_label.setStyleSheet(ERROR_STYLE)
        self.personal_label.setWordWrap(True)
        self.personal_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        facts.addRow(self.personal_label)
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("verdictLabel")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verdict_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        facts.addRow(self.verdict_label)
        result_layout.addWidget(self.facts)
        result_buttons = QHBoxLayout()
        result_buttons.addStretch(1)
        self.open_folder_button = QPushButton(self.tr("Open folder"))
        self.open_folder_button.setObjectName("openFolderButton")
        result_buttons.addWidget(self.open_folder_button)
        result_layout.addLayout(result_buttons)
        self.result_box.setVisible(False)
        right_layout.addWidget(self.result_box)
        right_layout.addWidget(self._make_forms_box())
        # the technical names behind the plain words, folded away
        self.technical = TechnicalInfo()
        self.tech_toggle = self.technical.toggle
        right_layout.addWidget(self.technical)
        right_layout.addStretch(1)

        # Its own vertical scroll: the wrapped lines keep the height they need (a
        # splitter's pane squeezed them into each other at 1366×768 and 125 %).
        right_scroll = QScrollArea()
        right_scroll.setObjectName("exportSide")
        right_scroll.setWidgetResizable(True)
        right_scroll.setFrameShape(QFrame.Shape.NoFrame)
        right_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right_scroll.setWidget(right)
        splitter.addWidget(right_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 460])
        layout.addWidget(splitter, 1)

        self.period_combo.currentIndexChanged.connect(lambda _i: self.refresh_plan())
        self.unmasked_box.toggled.connect(self._unmasked_toggled)
        self.export_button.clicked.connect(self.export)
        self.inbox_button.clicked.connect(self.open_inbox)
        self.open_folder_button.clicked.connect(self._open_folder)
        guard_all(self.services, Capability.EXPORT, self.export_button)
        self._fill_periods()
        self._show_fingerprint()

    def _make_forms_box(self) -> QGroupBox:
        """The documents the school finishes by hand: the application form (申报表) in
        Word and PDF, the 申报汇总表, and the annual summary in Word."""
        box = QGroupBox(self.tr("Forms to fill in, sign and stamp"))
        box.setObjectName("formsBox")
        layout = QVBoxLayout(box)
        text = QLabel(
            self.tr(
                "The application form and its summary sheet, filled in from the records; "
                "the annual summary as a Word document to finish. Their layout is the "
                "program's: the policy document gives only their titles."
            )
        )
        text.setWordWrap(True)
        text.setStyleSheet(MUTED_STYLE)
        layout.addWidget(text)
        self.form_docx_button = QPushButton(self.tr("Application form (Word)…"))
        self.form_docx_button.setObjectName("formDocxButton")
        self.form_pdf_button = QPushButton(self.tr("Application form (PDF)…"))
        self.form_pdf_button.setObjectName("formPdfButton")
        self.form_summary_button = QPushButton(self.tr("Summary sheet of applications (Excel)…"))
        self.form_summary_button.setObjectName("formSummaryButton")
        self.summary_docx_button = QPushButton(self.tr("Annual summary (Word)…"))
        self.summary_docx_button.setObjectName("summaryDocxButton")
        # one under the other: side by side, their English words widen the column past
        # the window at 150 %
        for button in (
            self.form_docx_button,
            self.form_pdf_button,
            self.form_summary_button,
            self.summary_docx_button,
        ):
            layout.addWidget(button)
        self.forms_label = QLabel()
        self.forms_label.setObjectName("formsLabel")
        self.forms_label.setWordWrap(True)
        self.forms_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.forms_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.forms_label.setVisible(False)
        layout.addWidget(self.forms_label)
        self.form_docx_button.clicked.connect(lambda: self.write_form("docx"))
        self.form_pdf_button.clicked.connect(lambda: self.write_form("pdf"))
        self.form_summary_button.clicked.connect(lambda: self.write_form("xlsx"))
        self.summary_docx_button.clicked.connect(self.write_summary_docx)
        return box

    def _show_fingerprint(self) -> None:
        fingerprint = self.services.bundle.fingerprint()
        self.fingerprint_label.setText(
            self.tr(
                "The studio's signature fingerprint: %1 (the whole one is in Settings)"
            ).replace("%1", short_fingerprint(fingerprint))
            if fingerprint
            else self.tr("The studio's signing key is made at the host's first export.")
        )
        lines = [
            (self.tr("Bundle format"), f"BagIt 1.0 ({fmt.BAGIT_TXT}, {fmt.BAG_INFO})"),
            (self.tr("Check files"), f"{fmt.MANIFEST}, {fmt.TAGMANIFEST} (SHA-256)"),
            (self.tr("Digital signature"), f"Ed25519 ({fmt.SIGNATURE}, {fmt.PUBLIC_KEY})"),
            (self.tr("Signature fingerprint"), f"{fingerprint} (SHA-256)"),
        ]
        if self.last_result is not None:
            lines.append(
                (self.tr("Checksum of the bundle"), f"SHA-256 {self.last_result[0].sha256}")
            )
        self.technical.set_lines(lines)

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    # --- reading ---

    def _fill_periods(self) -> None:
        previous = self.period()
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        current = self.services.year_facts.current_year().label
        chosen = 0
        try:
            periods = self.services.bundle.periods()
        except ValidationError:
            periods = []
        labels = [p.label for p in periods]
        for period in periods:
            self.period_combo.addItem(period.title(), period)
        # the period chosen before, else the current school year, else the first
        for wanted in (previous.label if previous is not None else None, current):
            if wanted in labels:
                chosen = labels.index(wanted)
                break
        self.period_combo.setCurrentIndex(chosen)
        self.period_combo.blockSignals(False)

    def period(self):
        return self.period_combo.currentData()

    def _enable_forms(self) -> None:
        from desktop_app.documents.reports.application_data import offered

        form = offered(self.services)
        why = "" if form else messages.text("application_not_offered")
        for button in (self.form_docx_button, self.form_pdf_button, self.form_summary_button):
            button.setEnabled(form)
            button.setToolTip(why)
        period = self.period()
        year = period is not None and len(period.school_years) == 1
        self.summary_docx_button.setEnabled(year)
        self.summary_docx_button.setToolTip(
            ""
            if year
            else self.tr("Choose a school year above: the summary is written for one year.")
        )

    def refresh(self) -> None:
        """On a change elsewhere: the periods (the cycle may have changed) and the plan,
        now if the page is shown, else when it is next shown."""
        self._fill_periods()
        self._show_fingerprint()
        if self.isVisible():
            self.refresh_plan()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh_plan()

    def _unmasked_toggled(self, checked: bool) -> None:
        self.unmasked_warning.setVisible(checked)
        self.refresh_plan()

    def refresh_plan(self) -> None:
        self._stale = False
        self._enable_forms()
        self.items_tree.clear()
        self.missing_list.clear()
        self.plan = None
        period = self.period()
        if period is None:
            self.totals_label.setText(self.tr("No period to export."))
            self.export_button.setEnabled(False)
            return
        try:
            plan = BundleExport(self.services).plan(period, unmasked=self.unmasked_box.isChecked())
        except ValidationError as error:
            self.totals_label.setText(str(error))
            self.export_button.setEnabled(False)
            return
        self.plan = plan
        self._fill_tree(plan)
        self.totals_label.setText(
            self.tr("%1 files. Evidence files: %2 (%3). Data as of %4.")
            .replace("%1", str(len(plan.items)))
            .replace("%2", str(plan.attachments))
            .replace("%3", labels.size_text(plan.attachment_bytes) or "0 B")
            .replace("%4", plan.as_of.isoformat())
        )
        for line in plan.missing:
            self.missing_list.addItem("• " + line)
        if plan.missing:
            self.missing_list.setStyleSheet(MISSING_STYLE)
        else:
            self.missing_list.setStyleSheet(NOTHING_MISSING_STYLE)
            self.missing_list.addItem(self.tr("Nothing missing."))
        self._fit_missing_list()
        self.export_button.setEnabled(self.task is None)

    def _fit_missing_list(self) -> None:
        """As tall as its lines (a few), scrolling beyond MISSING_MAX_HEIGHT."""
        lines = self.missing_list
        width = max(lines.viewport().width(), 200)
        height = 0
        for i in range(lines.count()):
            rect = lines.fontMetrics().boundingRect(
                0, 0, width - 8, 10_000, Qt.TextFlag.TextWordWrap, lines.item(i).text()
            )
            height += rect.height() + 4
        frame = 2 * lines.frameWidth() + 8
        lines.setFixedHeight(max(40, min(height + frame, MISSING_MAX_HEIGHT)))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.missing_list.viewport() and event.type() == QEvent.Type.Resize:
            if event.size().width() != event.oldSize().width():
                self._fit_missing_list()
        return super().eventFilter(watched, event)

    def _fill_tree(self, plan) -> None:
        """The bag's files as a tree of folders; the files at the bag's top (bag-info.txt,
        the check files, the key and the signature) under one node named for what they
        are, so that the list speaks of the materials first."""
        folders: dict[str, QTreeWidgetItem] = {}
        counts: dict[str, int] = {}
        sizes: dict[str, int] = {}
        bold = QFont(self.items_tree.font())
        bold.setBold(True)

        def folder(path: str) -> QTreeWidgetItem | None:
            if path in ("", "."):
                return None
            if path not in folders:
                parent = folder(str(PurePosixPath(path).parent))
                item = QTreeWidgetItem([PurePosixPath(path).name + "/", "", ""])
                item.setFont(0, bold)
                item.setData(0, Qt.ItemDataRole.UserRole, path)
                if parent is None:
                    self.items_tree.addTopLevelItem(item)
                else:
                    parent.addChild(item)
                folders[path] = item
            return folders[path]

        checks: QTreeWidgetItem | None = None
        for entry in plan.items:
            path = PurePosixPath(entry.path)
            parent = folder(str(path.parent))
            if parent is None:
                if checks is None:
                    checks = QTreeWidgetItem([self.tr("Check files and digital signature"), "", ""])
                    checks.setFont(0, bold)
                    self.items_tree.addTopLevelItem(checks)
                parent = checks
            item = QTreeWidgetItem([path.name, entry.description, labels.size_text(entry.size)])
            item.setData(0, Qt.ItemDataRole.UserRole, entry.path)
            item.setToolTip(0, entry.path)
            item.setToolTip(1, entry.description)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if parent is None:
                self.items_tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            ancestor = path.parent
            while str(ancestor) not in ("", "."):
                counts[str(ancestor)] = counts.get(str(ancestor), 0) + 1
                sizes[str(ancestor)] = sizes.get(str(ancestor), 0) + (entry.size or 0)
                ancestor = ancestor.parent
        grey = QBrush(QColor("#666666"))
        for path, item in folders.items():
            item.setText(1, self.tr("%1 files").replace("%1", str(counts.get(path, 0))))
            item.setForeground(1, grey)
            if PurePosixPath(path).name == "attachments":
                item.setText(2, labels.size_text(sizes.get(path, 0)))
                item.setTextAlignment(
                    2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            item.setExpanded(item.childCount() <= COLLAPSE_OVER)
        if checks is not None:
            checks.setText(
                1,
                self.tr("for the bureau's check; %1 files").replace("%1", str(checks.childCount())),
            )
            checks.setForeground(1, grey)
        # folders first, then files, each by name
        self.items_tree.sortItems(0, Qt.SortOrder.AscendingOrder)
        self.items_tree.setColumnWidth(0, 300)

    def item_paths(self) -> list[str]:
        """Every file the tree lists (paths inside the bag), in tree order."""
        paths: list[str] = []

        def walk(item: QTreeWidgetItem) -> None:
            if item.childCount() == 0:
                paths.append(item.data(0, Qt.ItemDataRole.UserRole))
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.items_tree.topLevelItemCount()):
            walk(self.items_tree.topLevelItem(i))
        return paths

    def missing_texts(self) -> list[str]:
        return [self.missing_list.item(i).text() for i in range(self.missing_list.count())]

    # --- writing ---

    @property
    def busy(self) -> bool:
        return self.task is not None

    def export(self) -> None:
        period = self.period()
        if period is None or self.busy:
            return
        path = ask.save_file(
            self,
            ask.BUNDLE,
            self.tr("Export bundle"),
            BundleExport(self.services).suggested_file_name(period),
            self.tr("Submission bundle (*.zip)"),
            ".zip",
        )
        if path is None:
            return
        unmasked = self.unmasked_box.isChecked()
        bundle = BundleExport(self.services)
        checking = self.tr("Checking the written bundle…")

        def work(report, cancelled):
            result = bundle.export(
                period, path, progress=report, cancelled=cancelled, unmasked=unmasked
            )
            report(1.0, checking)
            return result, verify(result.path), unmasked

        self.export_button.setEnabled(False)
        self.task = run_with_progress(
            self,
            self.tr("Export bundle"),
            self.tr("Writing the bundle…"),
            self.tr("Cancel"),
            work,
            on_success=self._exported,
            on_failure=lambda error: self._export_failed(path, error),
            on_cancel=self._export_cancelled,
        )

    def _done(self) -> None:
        self.task = None
        self.export_button.setEnabled(self.plan is not None)

    def _show_message(self, text: str, error: bool = False) -> None:
        """A cancel or a failure: one line in the result box, no file facts."""
        self.result_label.setText(text)
        self.result_label.setStyleSheet(ERROR_STYLE if error else "")
        self.result_label.setVisible(True)
        self.facts.setVisible(False)
        self.open_folder_button.setVisible(False)
        self.result_box.setVisible(True)

    def _export_cancelled(self) -> None:
        self._done()
        self._show_message(self.tr("Export cancelled; nothing was written."))

    def _export_failed(self, path: Path, error: BaseException) -> None:
        self._done()
        if isinstance(error, OSError):
            detail = faults.short_reason(error)
        else:
            detail = str(error) or type(error).__name__
        text = self.tr("Could not write %1: %2").replace("%1", str(path)).replace("%2", detail)
        self._show_message(text, error=True)
        ask.warn(self, self.tr("Export bundle"), text)

    def _exported(self, outcome) -> None:
        self._done()
        result, verdict, unmasked = outcome
        self.last_result = (result, verdict)
        self.path_label.setText(str(result.path))
        self.size_label.setText(labels.size_text(result.bytes))
        self.personal_label.setVisible(unmasked)
        self._show_fingerprint()  # the bundle's checksum joins the technical information
        if verdict.valid:
            check = self.tr("Checked ✓ — the check files match and the digital signature is valid")
            color = OK_COLOR
        else:
            check = self.tr("Verification failed: %1").replace("%1", verdict.reason or "")
            color = ERROR_COLOR
        self.verdict_label.setText(check)
        self.verdict_label.setStyleSheet(f"color: {color}; font-weight: bold;")
        self.result_label.setVisible(False)
        self.facts.setVisible(True)
        self.open_folder_button.setVisible(True)
        self.open_folder_button.setProperty("folder", str(Path(result.path).parent))
        self.result_box.setVisible(True)

    def result_text(self) -> str:
        """What the result box says, as text (for tests)."""
        if self.result_label.isVisibleTo(self.result_box):
            return self.result_label.text()
        personal = [self.personal_label.text()] if self.personal_label.isVisibleTo(self) else []
        return "\n".join(
            [self.path_label.text(), self.size_label.text(), *personal, self.verdict_label.text()]
        )

    def _open_folder(self) -> None:
        folder = self.open_folder_button.property("folder")
        if folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(folder))

    # --- the forms ---

    def _masked(self) -> bool:
        from desktop_app.documents.reports.application_data import masked_by_default

        return masked_by_default(self.services) and not self.unmasked_box.isChecked()

    def _full_numbers_text(self) -> str:
        return self.tr("It holds full phone and ID numbers: hand it only to whom the rules allow.")

    def _written(self, path: Path, full_numbers: bool = False) -> None:
        text = self.tr("Written: %1").replace("%1", str(path))
        if full_numbers:
            text += " " + self._full_numbers_text()
        self.forms_label.setStyleSheet(ERROR_STYLE if full_numbers else "")
        self.forms_label.setText(text)
        self.forms_label.setVisible(True)

    def _not_written(self, title: str, error: BaseException) -> None:
        detail = faults.short_reason(error) if isinstance(error, OSError) else str(error)
        text = self.tr("Could not write the file: %1").replace("%1", detail)
        self.forms_label.setStyleSheet(ERROR_STYLE)
        self.forms_label.setText(text)
        self.forms_label.setVisible(True)
        ask.warn(self, title, text)

    def write_form(self, kind: str) -> None:
        """The application form as Word (``docx``) or PDF (``pdf``), or its 申报汇总表
        (``xlsx``), filled from the records as they stand today."""
        from desktop_app.documents.engine.pdf import ReportError
        from desktop_app.documents.reports.application_data import (
            NoApplicationForm,
            read_application,
        )
        from desktop_app.documents.reports.application_form import (
            write_application_docx,
            write_application_pdf,
        )
        from desktop_app.documents.reports.application_summary import (
            write_studio_application_summary,
        )

        title, name, write = {
            "docx": (self.tr("Application form (Word)"), "申报表.docx", write_application_docx),
            "pdf": (self.tr("Application form (PDF)"), "申报表.pdf", write_application_pdf),
            "xlsx": (
                self.tr("Summary sheet of applications (Excel)"),
                "申报汇总表.xlsx",
                write_studio_application_summary,
            ),
        }[kind]
        studio = self.services.studio.get()
        path = ask.save_document(self, ask.BUNDLE, title, sanitise_name(f"{studio.name}-{name}"))
        if path is None:
            return
        masked = self._masked()
        try:
            app = read_application(self.services, masked=masked)
            written = write(self.services, app, path)
        except (NoApplicationForm, ReportError, OSError, ValidationError) as error:
            self._not_written(title, error)
            return
        self._written(written, full_numbers=not masked)

    def write_summary_docx(self) -> None:
        """The annual summary of the school year chosen above, as Word to finish."""
        from desktop_app.documents.engine.pdf import ReportError
        from desktop_app.documents.reports.summary_report import write_summary_docx

        period = self.period()
        if period is None or len(period.school_years) != 1:
            return
        year = period.school_years[0]
        title = self.tr("Annual summary (Word)")
        studio = self.services.studio.get()
        suggested = sanitise_name(f"{studio.name}-{year.label}学年工作总结.docx")
        path = ask.save_document(self, ask.BUNDLE, title, suggested)
        if path is None:
            return
        try:
            written = write_summary_docx(self.services, year, path)
        except (ReportError, OSError, ValidationError) as error:
            self._not_written(title, error)
            return
        self._written(written)

    def open_inbox(self) -> None:
        from desktop_app.gui.inbox_dialog import InboxDialog

        if self._inbox is None:
            self._inbox = InboxDialog(self.window())
        self._inbox.show()
        self._inbox.raise_()
        self._inbox.activateWindow()
