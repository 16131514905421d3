"""Export & submit (导出报送): choose the period, see what goes into the submission bundle
and what the bureau will miss, export the signed zip with a progress dialog that can be
cancelled, and verify the written file. The bureau's inbox opens from here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
)

from desktop_app.bundle.verify import verify
from desktop_app.bundle.zipwrite import Cancelled
from desktop_app.domain.problems import ValidationError
from desktop_app.gui import bus as topics
from desktop_app.gui.pages.base import Page

MISSING_STYLE = "color: #a15c00;"
OK_STYLE = "color: #1e7b34;"
ERROR_STYLE = "color: #b3261e;"


def size_text(size: int | None) -> str:
    if size is None:
        return ""
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


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
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period:")))
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        top.addWidget(self.period_combo)
        self.unmasked_box = QCheckBox(self.tr("Include full phone and ID numbers"))
        self.unmasked_box.setObjectName("unmaskedBox")
        top.addWidget(self.unmasked_box)
        top.addStretch(1)
        self.inbox_button = QPushButton(self.tr("Bureau inbox…"))
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
        self.unmasked_warning.setStyleSheet(ERROR_STYLE)
        self.unmasked_warning.setWordWrap(True)
        self.unmasked_warning.setVisible(False)
        layout.addWidget(self.unmasked_warning)

        layout.addWidget(QLabel(self.tr("What goes into the bundle")))
        self.items_list = QListWidget()
        self.items_list.setObjectName("itemsList")
        layout.addWidget(self.items_list, 3)
        self.totals_label = QLabel()
        layout.addWidget(self.totals_label)

        layout.addWidget(QLabel(self.tr("What the bureau will expect but is missing")))
        self.missing_list = QListWidget()
        self.missing_list.setObjectName("missingList")
        self.missing_list.setStyleSheet(MISSING_STYLE)
        layout.addWidget(self.missing_list, 1)

        self.fingerprint_label = QLabel()
        self.fingerprint_label.setObjectName("fingerprintLabel")
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_label.setWordWrap(True)
        layout.addWidget(self.fingerprint_label)

        bottom = QHBoxLayout()
        self.result_label = QLabel()
        self.result_label.setObjectName("resultLabel")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom.addWidget(self.result_label, 1)
        self.export_button = QPushButton(self.tr("Export bundle…"))
        self.export_button.setObjectName("exportButton")
        bottom.addWidget(self.export_button)
        layout.addLayout(bottom)

        self.period_combo.currentIndexChanged.connect(lambda _i: self.refresh_plan())
        self.unmasked_box.toggled.connect(self.unmasked_warning.setVisible)
        self.export_button.clicked.connect(self.export)
        self.inbox_button.clicked.connect(self.open_inbox)
        self._fill_periods()
        self.refresh()

    # --- reading ---

    def _fill_periods(self) -> None:
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        current = self.services.year_facts.current_year().label
        chosen = 0
        try:
            periods = self.services.bundle.periods()
        except ValidationError:
            periods = []
        for index, period in enumerate(periods):
            self.period_combo.addItem(period.title(), period)
            if period.label == current:
                chosen = index
        self.period_combo.setCurrentIndex(chosen)
        self.period_combo.blockSignals(False)

    def period(self):
        return self.period_combo.currentData()

    def refresh(self) -> None:
        self.fingerprint_label.setText(
            self.tr("Signer's key fingerprint (the bureau registers it): %1").replace(
                "%1", self.services.bundle.fingerprint()
            )
        )
        self.refresh_plan()

    def refresh_plan(self) -> None:
        self.items_list.clear()
        self.missing_list.clear()
        period = self.period()
        if period is None:
            self.totals_label.setText(self.tr("No period to export."))
            self.export_button.setEnabled(False)
            return
        plan = self.services.bundle.plan(period, unmasked=self.unmasked_box.isChecked())
        for item in plan.items:
            size = size_text(item.size)
            text = f"{item.path} — {item.description}" + (f"（{size}）" if size else "")
            self.items_list.addItem(QListWidgetItem(text))
        self.totals_label.setText(
            self.tr("Evidence files: %1 (%2). Data as of %3.")
            .replace("%1", str(plan.attachments))
            .replace("%2", size_text(plan.attachment_bytes) or "0 B")
            .replace("%3", plan.as_of.isoformat())
        )
        for line in plan.missing:
            self.missing_list.addItem(line)
        if not plan.missing:
            self.missing_list.addItem(self.tr("Nothing missing."))
        self.export_button.setEnabled(True)

    # --- writing ---

    def ask_save_path(self, suggested: str) -> Path | None:
        """Where to write the bundle; tests replace this method."""
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export bundle"), suggested, self.tr("Submission bundle (*.zip)")
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".zip" else path.with_suffix(".zip")

    def warn(self, title: str, text: str) -> None:
        """A problem the user must read; tests replace this method."""
        QMessageBox.warning(self, title, text)

    def export(self) -> None:
        period = self.period()
        if period is None:
            return
        path = self.ask_save_path(self.services.bundle.suggested_file_name(period))
        if path is None:
            return
        progress = QProgressDialog(self.tr("Writing the bundle…"), self.tr("Cancel"), 0, 1000, self)
        progress.setWindowTitle(self.tr("Export bundle"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)

        def report(fraction: float, what: str) -> None:
            progress.setValue(int(fraction * 1000))
            progress.setLabelText(what)
            QApplication.processEvents()

        def cancelled() -> bool:
            QApplication.processEvents()
            return progress.wasCanceled()

        title = self.tr("Export bundle")
        try:
            result = self.services.bundle.export(
                period,
                path,
                progress=report,
                cancelled=cancelled,
                unmasked=self.unmasked_box.isChecked(),
            )
        except Cancelled:
            self.result_label.setStyleSheet("")
            self.result_label.setText(self.tr("Export cancelled; nothing was written."))
            return
        except (OSError, ValidationError) as error:
            self.result_label.setStyleSheet(ERROR_STYLE)
            self.result_label.setText(
                self.tr("Could not write %1: %2").replace("%1", str(path)).replace("%2", str(error))
            )
            self.warn(title, self.result_label.text())
            return
        finally:
            progress.close()
        verdict = verify(result.path)
        lines = [
            self.tr("Written: %1 (%2)")
            .replace("%1", str(result.path))
            .replace("%2", size_text(result.bytes)),
            "SHA-256: " + result.sha256,
        ]
        if verdict.valid:
            self.result_label.setStyleSheet(OK_STYLE)
            lines.append(self.tr("Verified ✓ — signed by %1").replace("%1", verdict.signer or ""))
        else:
            self.result_label.setStyleSheet(ERROR_STYLE)
            lines.append(self.tr("Verification failed: %1").replace("%1", verdict.reason or ""))
        self.result_label.setText("\n".join(lines))

    def open_inbox(self) -> None:
        from desktop_app.gui.inbox_dialog import InboxDialog

        dialog = InboxDialog(self)
        dialog.show()
