"""Add or edit one growth-file record (成长档案): kind, date, level, title, detail, training
hours and, for a new record, its evidence files. Problems are shown inside the dialog,
which keeps the user's input until the save succeeds."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.problems import ValidationError
from desktop_app.domain.vocab import RecordKind, RecordLevel
from desktop_app.gui import ask, labels
from desktop_app.gui.pending_files import PendingFiles
from desktop_app.services.growth import GrowthRecordInfo, GrowthService, RecordInput


class RecordDialog(QDialog):
    def __init__(
        self,
        growth: GrowthService,
        membership_id: int,
        existing: GrowthRecordInfo | None = None,
        parent: QWidget | None = None,
        member_name: str = "",
    ):
        super().__init__(parent)
        self.growth = growth
        self.membership_id = membership_id
        self.existing = existing
        self.saved_id: int | None = None
        self.setMinimumWidth(520)

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind_combo = QComboBox()
        for code, text in labels.choices(RecordKind, labels.record_kind):
            self.kind_combo.addItem(text, code)
        self.date_edit = QLineEdit(growth.today().isoformat())
        self.date_edit.setPlaceholderText(labels.example("2025-09-01"))
        self.level_combo = QComboBox()
        self.level_combo.addItem("", "")
        for code, text in labels.choices(RecordLevel, labels.record_level):
            self.level_combo.addItem(text, code)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. the lesson's topic or the paper's title"))
        self.detail_edit = QPlainTextEdit()
        self.detail_edit.setPlaceholderText(
            self.tr("Where, with whom, journal or prize, role in the project …")
        )
        self.detail_edit.setMinimumHeight(90)
        self.hours_edit = QLineEdit()
        self.hours_edit.setPlaceholderText(labels.example("1.5"))
        self.hours_label = QLabel(self.tr("Training hours"))
        form.addRow(self.tr("Kind"), self.kind_combo)
        form.addRow(self.tr("Date"), self.date_edit)
        form.addRow(self.tr("Level"), self.level_combo)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Detail"), self.detail_edit)
        form.addRow(self.hours_label, self.hours_edit)
        layout.addLayout(form)

        # Evidence files: only when adding; an existing record gets more through the page.
        self.files_box = QWidget()
        files_layout = QVBoxLayout(self.files_box)
        files_layout.setContentsMargins(0, 0, 0, 0)
        files_layout.addWidget(QLabel(self.tr("Evidence files (copied into the studio's store)")))
        self.files_list = PendingFiles()
        self.files_list.setObjectName("recordFiles")
        self.files_list.setMaximumHeight(110)
        files_layout.addWidget(self.files_list)
        file_buttons = QHBoxLayout()
        self.add_files_button = QPushButton(self.tr("Add files…"))
        self.remove_file_button = QPushButton(self.tr("Remove from list"))
        file_buttons.addWidget(self.add_files_button)
        file_buttons.addWidget(self.remove_file_button)
        file_buttons.addStretch(1)
        files_layout.addLayout(file_buttons)
        layout.addWidget(self.files_box)

        self.problems_label = QLabel()
        self.problems_label.setObjectName("problemsLabel")
        self.problems_label.setStyleSheet(ask.PROBLEM_STYLE)
        self.problems_label.setWordWrap(True)
        layout.addWidget(self.problems_label)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons

        # field of a Problem → the widget to outline
        self._widgets: dict[str, QWidget] = {
            "kind": self.kind_combo,
            "date": self.date_edit,
            "record_level": self.level_combo,
            "record_title": self.title_edit,
            "detail": self.detail_edit,
            "hours": self.hours_edit,
            "file": self.files_list,
        }

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.add_files_button.clicked.connect(self._add_files_clicked)
        self.remove_file_button.clicked.connect(self._remove_file)

        if existing is not None:
            self.setWindowTitle(self.tr("Edit growth record"))
            self._load(existing)
            self.files_box.setVisible(False)
        elif member_name:
            self.setWindowTitle(self.tr("Add growth record: %1").replace("%1", member_name))
        else:
            self.setWindowTitle(self.tr("Add growth record"))
        self._kind_changed()

    def _load(self, record: GrowthRecordInfo) -> None:
        self.set_kind(record.kind)
        self.date_edit.setText(record.date.isoformat())
        self.level_combo.setCurrentIndex(max(self.level_combo.findData(record.level or ""), 0))
        self.title_edit.setText(record.title)
        self.detail_edit.setPlainText(record.detail or "")
        self.hours_edit.setText(labels.hours_text(record.hours_tenths))

    def set_kind(self, code: str) -> None:
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(code), 0))

    def is_training(self) -> bool:
        return self.kind_combo.currentData() == RecordKind.TRAINING.code

    def _kind_changed(self) -> None:
        training = self.is_training()
        self.hours_edit.setEnabled(training)
        self.hours_label.setEnabled(training)
        self.hours_label.setText(
            self.tr("Training hours (required)") if training else self.tr("Training hours")
        )

    # --- files ---

    def _add_files_clicked(self) -> None:
        self.add_files(ask.evidence_files(self))

    def add_files(self, paths: list[Path]) -> None:
        self.files_list.add_paths(paths)

    def _remove_file(self) -> None:
        self.files_list.remove_selected()

    def files(self) -> list[Path]:
        return self.files_list.paths()

    # --- saving ---

    def record_input(self) -> RecordInput:
        return RecordInput(
            kind=self.kind_combo.currentData(),
            date=self.date_edit.text(),
            title=self.title_edit.text(),
            level=self.level_combo.currentData() or None,
            detail=self.detail_edit.toPlainText(),
            hours=self.hours_edit.text() if self.is_training() else None,
        )

    def save(self) -> None:
        try:
            if self.existing is None:
                self.saved_id = self.growth.add_record(
                    self.membership_id, self.record_input(), self.files()
                )
            else:
                self.growth.update_record(self.existing.id, self.record_input())
                self.saved_id = self.existing.id
        except ValidationError as error:
            ask.show_problems(self._widgets, self.problems_label, error)
            return
        except OSError as error:  # a file that could not be read or copied
            self.problems_label.setText(
                "• " + self.tr("Could not copy a file: %1").replace("%1", str(error))
            )
            return
        self.accept()
