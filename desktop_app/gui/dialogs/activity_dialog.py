"""Log or edit one studio activity (活动): "定时、定点、定内容" — date and time, place, kind,
topic and content, presenter, training hours, whether attendance is taken, the summary,
and for a new activity its photos and files. Problems are shown inside the dialog, which
keeps the user's input until the save succeeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
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
from desktop_app.domain.vocab import ActivityKind
from desktop_app.gui import ask, labels
from desktop_app.gui.pending_files import PendingFiles
from desktop_app.services.activities import ActivityInfo, ActivityInput, ActivityService


class ActivityDialog(QDialog):
    def __init__(
        self,
        activities: ActivityService,
        existing: ActivityInfo | None = None,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.activities = activities
        self.existing = existing
        self.saved_id: int | None = None
        self.setMinimumWidth(620)
        today = today or activities.today()

        layout = QVBoxLayout(self)
        form = QFormLayout()
        # A field shows a value only when it has one; a hint says "e.g.", so that it is
        # never taken for a value (a grey 14:00 was, and the activity saved no time).
        self.date_edit = QLineEdit(today.isoformat())
        self.date_edit.setObjectName("activityDate")
        self.date_edit.setPlaceholderText(labels.example("2025-09-01"))
        self.date_edit.setMaximumWidth(140)
        self.start_edit = QLineEdit()
        self.start_edit.setObjectName("activityStart")
        self.start_edit.setPlaceholderText(labels.example("14:00"))
        self.start_edit.setMaximumWidth(110)
        self.end_edit = QLineEdit()
        self.end_edit.setObjectName("activityEnd")
        self.end_edit.setPlaceholderText(labels.example("16:00"))
        self.end_edit.setMaximumWidth(110)
        when = QHBoxLayout()
        when.addWidget(self.date_edit)
        when.addSpacing(16)
        when.addWidget(QLabel(self.tr("from")))
        when.addWidget(self.start_edit)
        when.addWidget(QLabel(self.tr("to")))
        when.addWidget(self.end_edit)
        when.addStretch(1)

        self.kind_combo = QComboBox()
        for code, text in labels.choices(ActivityKind, labels.activity_kind):
            self.kind_combo.addItem(text, code)
        self.topic_edit = QLineEdit()
        self.topic_edit.setObjectName("activityTopic")
        self.topic_edit.setPlaceholderText(self.tr("e.g. Designing a class meeting on safety"))
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText(self.tr("e.g. Room 301, teaching building"))
        self.presenter_edit = QLineEdit()
        self.presenter_edit.setPlaceholderText(self.tr("Who leads or gives the talk"))
        self.hours_edit = QLineEdit()
        self.hours_edit.setObjectName("activityHours")
        self.hours_edit.setPlaceholderText(labels.example("2"))
        self.hours_edit.setMaximumWidth(110)
        who = QHBoxLayout()
        who.addWidget(self.presenter_edit, 1)
        who.addSpacing(16)
        who.addWidget(QLabel(self.tr("Training hours")))
        who.addWidget(self.hours_edit)
        self.content_edit = QPlainTextEdit()
        self.content_edit.setObjectName("activityContent")
        self.content_edit.setPlaceholderText(self.tr("What was planned and what was done"))
        self.content_edit.setMinimumHeight(80)
        self.summary_edit = QPlainTextEdit()
        self.summary_edit.setObjectName("activitySummary")
        self.summary_edit.setPlaceholderText(
            self.tr("Written afterwards: what came of it, what to do next")
        )
        self.summary_edit.setMinimumHeight(80)
        self.attendance_check = QCheckBox(self.tr("Attendance is taken at this activity"))
        self.attendance_check.setChecked(True)
        self.attendance_check.setToolTip(
            self.tr("Only activities that take attendance count towards the absence ratio.")
        )

        form.addRow(self.tr("Date and time"), when)
        form.addRow(self.tr("Kind"), self.kind_combo)
        form.addRow(self.tr("Topic"), self.topic_edit)
        form.addRow(self.tr("Place"), self.place_edit)
        form.addRow(self.tr("Presenter"), who)
        form.addRow(self.tr("Content"), self.content_edit)
        form.addRow(self.tr("Summary"), self.summary_edit)
        form.addRow("", self.attendance_check)
        layout.addLayout(form)

        # Photos and files: only when logging; an existing activity gets more through the page.
        self.files_box = QWidget()
        files_layout = QVBoxLayout(self.files_box)
        files_layout.setContentsMargins(0, 0, 0, 0)
        files_layout.addWidget(QLabel(self.tr("Photos and files (copied into the studio's store)")))
        self.files_list = PendingFiles()
        self.files_list.setObjectName("activityFiles")
        self.files_list.setMaximumHeight(90)
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
            "date": self.date_edit,
            "start_time": self.start_edit,
            "end_time": self.end_edit,
            "activity_kind": self.kind_combo,
            "topic": self.topic_edit,
            "place": self.place_edit,
            "presenter": self.presenter_edit,
            "hours": self.hours_edit,
            "content": self.content_edit,
            "summary": self.summary_edit,
            "attendance": self.attendance_check,
            "file": self.files_list,
        }

        self.add_files_button.clicked.connect(self._add_files_clicked)
        self.remove_file_button.clicked.connect(self._remove_file)

        if existing is not None:
            self.setWindowTitle(self.tr("Edit activity"))
            self._load(existing)
            self.files_box.setVisible(False)
        else:
            self.setWindowTitle(self.tr("New activity"))
            self._usual_times()
        self.topic_edit.setFocus()

    def _usual_times(self) -> None:
        """A new activity starts from the times and hours of the studio's last one with a
        time: real values, shown as such and saved as shown."""
        start, end, hours = self.activities.usual_times()
        self.start_edit.setText(f"{start:%H:%M}" if start else "")
        self.end_edit.setText(f"{end:%H:%M}" if end else "")
        self.hours_edit.setText(labels.hours_text(hours).removesuffix(".0"))

    def _load(self, info: ActivityInfo) -> None:
        self.date_edit.setText(info.date.isoformat())
        self.start_edit.setText(f"{info.start_time:%H:%M}" if info.start_time else "")
        self.end_edit.setText(f"{info.end_time:%H:%M}" if info.end_time else "")
        self.set_kind(info.kind)
        self.topic_edit.setText(info.topic)
        self.place_edit.setText(info.place or "")
        self.presenter_edit.setText(info.presenter or "")
        self.hours_edit.setText(labels.hours_text(info.hours_tenths).removesuffix(".0"))
        self.content_edit.setPlainText(info.content or "")
        self.summary_edit.setPlainText(info.summary or "")
        self.attendance_check.setChecked(info.takes_attendance)

    def set_kind(self, code: str) -> None:
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(code), 0))

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

    def activity_input(self) -> ActivityInput:
        return ActivityInput(
            date=self.date_edit.text(),
            kind=self.kind_combo.currentData(),
            topic=self.topic_edit.text(),
            start_time=self.start_edit.text(),
            end_time=self.end_edit.text(),
            place=self.place_edit.text(),
            content=self.content_edit.toPlainText(),
            presenter=self.presenter_edit.text(),
            hours=self.hours_edit.text(),
            takes_attendance=self.attendance_check.isChecked(),
            summary=self.summary_edit.toPlainText(),
        )

    def bad_fields(self) -> list[str]:
        """The fields outlined as wrong (for tests and screen readers alike)."""
        return ask.bad_fields(self._widgets)

    def save(self) -> None:
        try:
            if self.existing is None:
                self.saved_id = self.activities.create(self.activity_input(), self.files())
            else:
                self.activities.update(self.existing.id, self.activity_input())
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
