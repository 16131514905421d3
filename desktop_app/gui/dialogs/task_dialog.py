"""The task ledger's dialogs (任务台账): add or edit one item of a school year's annual
plan — what, who, by when, its state and a note — and tick an item off (销账) with its
evidence: the year's activities, growth records and ledger entries, and files.

Problems are shown inside the dialog (a field's own next to it), which keeps the user's
input until the save succeeds. An item is done only with evidence; the services say so."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.problems import ValidationError
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import EvidenceKind, Stage, TaskStatus
from desktop_app.gui import ask, labels, window_geometry
from desktop_app.gui.pending_files import PendingFiles
from desktop_app.services.plans import EvidenceInfo, EvidenceRef, TaskInfo, TaskInput

HELP_STYLE = "color: #555555;"
REF_ROLE = Qt.ItemDataRole.UserRole + 1  # a candidate's (kind, target id)
QWIDGETSIZE_MAX = 16777215

# --- words for the task ledger's codes ---


def status_label(code: str) -> str:
    return {
        TaskStatus.NOT_STARTED.code: QCoreApplication.translate("TaskLabels", "Not started"),
        TaskStatus.IN_PROGRESS.code: QCoreApplication.translate("TaskLabels", "In progress"),
        TaskStatus.DONE.code: QCoreApplication.translate("TaskLabels", "Done"),
    }.get(code, code)


def evidence_kind_label(code: str) -> str:
    return {
        EvidenceKind.ACTIVITY.code: QCoreApplication.translate("TaskLabels", "Activity"),
        EvidenceKind.GROWTH_RECORD.code: QCoreApplication.translate("TaskLabels", "Growth record"),
        EvidenceKind.LEDGER_ENTRY.code: QCoreApplication.translate("TaskLabels", "Ledger entry"),
        EvidenceKind.ATTACHMENT.code: QCoreApplication.translate("TaskLabels", "File"),
    }.get(code, code)


def evidence_text(evidence: EvidenceInfo) -> str:
    """One piece of evidence in a line: its kind, then its own words."""
    return evidence_kind_label(evidence.kind) + labels.colon() + evidence.label


def owner_choices(services, keep: tuple[int, str] | None = None) -> list[tuple[int, str]]:
    """(membership id, words) for the owner combo: the confirmed members who have not
    left, host included, and the item's present owner even if no longer one of them."""
    choices = [
        (
            r.membership_id,
            QCoreApplication.translate("TaskDialog", "%1 (%2)")
            .replace("%1", r.name)
            .replace("%2", labels.role(r.role)),
        )
        for r in services.members.roster(include_left=False)
        if r.stage == Stage.CONFIRMED.code
    ]
    if keep is not None and keep[0] not in {mid for mid, _ in choices}:
        choices.append(keep)
    return choices


class _FieldErrors:
    """A red line next to each field for its own problems; the rest below the form."""

    def __init__(self, problems_label: QLabel):
        self.problems_label = problems_label
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}

    def row(self, field: str, widget: QWidget, below: bool = False) -> QWidget:
        label = QLabel()
        label.setObjectName(f"error_{field}")
        label.setStyleSheet(ask.PROBLEM_STYLE)
        label.setWordWrap(True)
        label.setVisible(False)
        self.widgets[field] = widget
        self.labels[field] = label
        box = QWidget()
        layout = QVBoxLayout(box) if below else QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        if below:
            layout.addWidget(widget, 1)
            layout.addWidget(label)
        else:  # a narrow field keeps to the left, its problem beside it
            narrow = widget.maximumWidth() < QWIDGETSIZE_MAX
            layout.addWidget(
                widget, 0, Qt.AlignmentFlag.AlignLeft if narrow else Qt.AlignmentFlag(0)
            )
            layout.addWidget(label, 1)
        return box

    def show(self, error: ValidationError) -> QWidget | None:
        self.clear()
        rest: list[str] = []
        first: QWidget | None = None
        for p in error.problems:
            label = self.labels.get(p.field)
            if label is None:
                rest.append(f"• {p.message}")
                continue
            self.widgets[p.field].setStyleSheet(ask.BAD_STYLE)
            label.setText("\n".join(filter(None, (label.text(), p.message))))
            label.setVisible(True)
            first = first or self.widgets[p.field]
        self.problems_label.setText("\n".join(rest))
        return first

    def clear(self) -> None:
        for field, widget in self.widgets.items():
            widget.setStyleSheet("")
            self.labels[field].clear()
            self.labels[field].setVisible(False)
        self.problems_label.clear()

    def text(self, field: str) -> str:
        label = self.labels.get(field)
        return label.text() if label is not None else ""

    def bad_fields(self) -> list[str]:
        return ask.bad_fields(self.widgets)


def _problems_label() -> QLabel:
    label = QLabel()
    label.setObjectName("problemsLabel")
    label.setStyleSheet(ask.PROBLEM_STYLE)
    label.setWordWrap(True)
    return label


class TaskDialog(QDialog):
    """Add an item to the annual plan of ``year``, or edit ``existing``."""

    def __init__(
        self,
        services,
        year: SchoolYear,
        existing: TaskInfo | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.plans = services.plans
        self.year = year
        self.existing = existing
        self.saved_id: int | None = None
        self.setMinimumWidth(560)

        layout = QVBoxLayout(self)
        self.problems_label = _problems_label()
        self.errors = _FieldErrors(self.problems_label)
        form = QFormLayout()

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("taskTitle")
        self.title_edit.setPlaceholderText(
            self.tr("e.g. Hold a themed class-meeting design seminar")
        )
        self.title_edit.setMinimumWidth(320)

        self.owner_combo = QComboBox()
        self.owner_combo.setObjectName("taskOwner")
        self.owner_combo.addItem(self.tr("(nobody in particular)"), None)
        keep = None
        if existing is not None and existing.owner_membership_id is not None:
            keep = (existing.owner_membership_id, existing.owner_name or "")
        for mid, text in owner_choices(services, keep):
            self.owner_combo.addItem(text, mid)

        self.due_edit = QLineEdit()
        self.due_edit.setObjectName("taskDue")
        self.due_edit.setPlaceholderText(self.tr("e.g. 2026-06-30; empty: no date"))
        self.due_edit.setMaximumWidth(200)
        self.due_edit.setToolTip(
            self.tr("Write a date such as 2026-06-30 or 2026/6/30; leave it empty for no date.")
        )

        self.status_combo = QComboBox()
        self.status_combo.setObjectName("taskStatus")
        for item in TaskStatus:
            if item is TaskStatus.DONE and not (existing and existing.evidence):
                continue  # done only with evidence: the tick-off dialog links it
            self.status_combo.addItem(status_label(item.code), item.code)

        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("taskNote")
        self.note_edit.setPlaceholderText(self.tr("What it involves, who else takes part …"))
        self.note_edit.setMinimumHeight(80)

        form.addRow(self.tr("Item"), self.errors.row("task_title", self.title_edit, below=True))
        form.addRow(self.tr("Owner"), self.errors.row("owner", self.owner_combo))
        form.addRow(self.tr("Due date"), self.errors.row("due_on", self.due_edit))
        form.addRow(self.tr("Status"), self.errors.row("task_status", self.status_combo))
        form.addRow(self.tr("Note"), self.errors.row("note", self.note_edit, below=True))
        layout.addLayout(form)

        self.hint_label = QLabel(
            self.tr("An item is ticked off (done) with its evidence: use “Tick off…” on the page.")
        )
        self.hint_label.setStyleSheet(HELP_STYLE)
        self.hint_label.setWordWrap(True)
        layout.addWidget(self.hint_label)
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

        if existing is not None:
            self.setWindowTitle(self.tr("Edit item"))
            self._load(existing)
        else:
            self.setWindowTitle(self.tr("New item of the %1 plan").replace("%1", year.label))
        self.title_edit.setFocus()

    def _load(self, task: TaskInfo) -> None:
        self.title_edit.setText(task.title)
        self.set_owner(task.owner_membership_id)
        self.due_edit.setText(task.due_on.isoformat() if task.due_on else "")
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(task.status), 0))
        self.note_edit.setPlainText(task.note or "")

    def set_owner(self, membership_id: int | None) -> None:
        self.owner_combo.setCurrentIndex(max(self.owner_combo.findData(membership_id), 0))

    def set_status(self, code: str) -> None:
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(code), 0))

    def task_input(self) -> TaskInput:
        return TaskInput(
            title=self.title_edit.text(),
            owner_membership_id=self.owner_combo.currentData(),
            due_on=self.due_edit.text(),
            status=self.status_combo.currentData(),
            note=self.note_edit.toPlainText(),
        )

    def error_text(self, field: str) -> str:
        """The problem shown next to a field (for tests and screen readers alike)."""
        return self.errors.text(field)

    def bad_fields(self) -> list[str]:
        return self.errors.bad_fields()

    def save(self) -> None:
        try:
            if self.existing is None:
                self.saved_id = self.plans.add_task(self.year, self.task_input())
            else:
                self.plans.update_task(self.existing.id, self.task_input())
                self.saved_id = self.existing.id
        except ValidationError as error:
            first = self.errors.show(error)
            if first is not None:
                first.setFocus()
            return
        self.accept()


class TickOffDialog(QDialog):
    """Tick an item off with evidence (销账), or only add evidence to it (``tick=False``):
    a searchable list of the year's records with checkboxes, files, and the date it was
    done."""

    def __init__(
        self,
        services,
        task: TaskInfo,
        tick: bool = True,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.plans = services.plans
        self.task = task
        self.tick = tick
        window_geometry.fit(self, QSize(640, 560))
        if tick:
            self.setWindowTitle(self.tr("Tick off: %1").replace("%1", task.title))
        else:
            self.setWindowTitle(self.tr("Add evidence: %1").replace("%1", task.title))

        layout = QVBoxLayout(self)
        intro = QLabel(
            labels.fill(
                self.tr(
                    "Check what shows that “%1” was done: the school year's activities, growth "
                    "records and ledger entries, or add files such as photos and scans."
                ),
                task.title,
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.linked_label = QLabel()
        self.linked_label.setObjectName("linkedEvidence")
        self.linked_label.setStyleSheet(HELP_STYLE)
        self.linked_label.setWordWrap(True)
        if task.evidence:
            self.linked_label.setText(
                self.tr("Already linked: %1").replace(
                    "%1", "；".join(evidence_text(e) for e in task.evidence)
                )
            )
        self.linked_label.setVisible(bool(task.evidence))
        layout.addWidget(self.linked_label)

        filters = QHBoxLayout()
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("candidateKind")
        self.kind_combo.addItem(self.tr("All kinds"), "")
        for kind in (
            EvidenceKind.ACTIVITY.code,
            EvidenceKind.GROWTH_RECORD.code,
            EvidenceKind.LEDGER_ENTRY.code,
        ):
            self.kind_combo.addItem(evidence_kind_label(kind), kind)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("candidateSearch")
        self.search_edit.setPlaceholderText(self.tr("Search by date, topic, name or purpose"))
        self.search_edit.setClearButtonEnabled(True)
        filters.addWidget(self.kind_combo)
        filters.addWidget(self.search_edit, 1)
        layout.addLayout(filters)

        self.candidates_list = QListWidget()
        self.candidates_list.setObjectName("candidates")
        have = {(e.kind, e.target_id) for e in task.evidence}
        for candidate in self.plans.candidates(task.school_year):
            if (candidate.kind, candidate.target_id) in have:
                continue
            item = QListWidgetItem(evidence_text(candidate))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(REF_ROLE, (candidate.kind, candidate.target_id))
            item.setToolTip(evidence_text(candidate))
            self.candidates_list.addItem(item)
        layout.addWidget(self.candidates_list, 1)
        self.empty_label = QLabel(
            self.tr("No activities, growth records or ledger entries are dated in %1.").replace(
                "%1", task.school_year.label
            )
        )
        self.empty_label.setStyleSheet(HELP_STYLE)
        self.empty_label.setVisible(self.candidates_list.count() == 0)
        layout.addWidget(self.empty_label)
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("chosenCount")
        layout.addWidget(self.chosen_label)

        layout.addWidget(QLabel(self.tr("Files (copied into the studio's store)")))
        self.files_list = PendingFiles()
        self.files_list.setObjectName("tickOffFiles")
        self.files_list.setMaximumHeight(80)
        layout.addWidget(self.files_list)
        file_buttons = QHBoxLayout()
        self.add_files_button = QPushButton(self.tr("Add files…"))
        self.remove_file_button = QPushButton(self.tr("Remove from list"))
        file_buttons.addWidget(self.add_files_button)
        file_buttons.addWidget(self.remove_file_button)
        file_buttons.addStretch(1)
        layout.addLayout(file_buttons)

        self.problems_label = _problems_label()
        self.errors = _FieldErrors(self.problems_label)
        self.date_edit = QLineEdit(self.plans.today().isoformat())
        self.date_edit.setObjectName("doneOn")
        self.date_edit.setMaximumWidth(140)
        date_row = QFormLayout()
        date_row.addRow(self.tr("Done on"), self.errors.row("date", self.date_edit))
        self.date_box = QWidget()
        self.date_box.setLayout(date_row)
        date_row.setContentsMargins(0, 0, 0, 0)
        self.date_box.setVisible(tick)
        layout.addWidget(self.date_box)
        layout.addWidget(self.problems_label)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Tick off") if tick else self.tr("Add evidence"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons

        self.kind_combo.currentIndexChanged.connect(self._filter)
        self.search_edit.textChanged.connect(self._filter)
        self.candidates_list.itemChanged.connect(self._update_chosen)
        self.add_files_button.clicked.connect(self._add_files_clicked)
        self.remove_file_button.clicked.connect(self.files_list.remove_selected)
        self._update_chosen()
        self.search_edit.setFocus()

    # --- the candidates ---

    def candidate_items(self) -> list[QListWidgetItem]:
        return [self.candidates_list.item(i) for i in range(self.candidates_list.count())]

    def visible_candidates(self) -> list[str]:
        return [item.text() for item in self.candidate_items() if not item.isHidden()]

    def check(self, kind: str, target_id: int, checked: bool = True) -> bool:
        for item in self.candidate_items():
            if item.data(REF_ROLE) == (kind, target_id):
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                item.setCheckState(state)
                return True
        return False

    def chosen(self) -> list[EvidenceRef]:
        return [
            EvidenceRef(*item.data(REF_ROLE))
            for item in self.candidate_items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _filter(self) -> None:
        kind = self.kind_combo.currentData()
        words = self.search_edit.text().strip().lower().split()
        for item in self.candidate_items():
            text = item.text().lower()
            wanted = (not kind or item.data(REF_ROLE)[0] == kind) and all(w in text for w in words)
            item.setHidden(not wanted)

    def _update_chosen(self, *_args) -> None:
        self.chosen_label.setText(
            self.tr("%1 records and %2 files chosen.")
            .replace("%1", str(len(self.chosen())))
            .replace("%2", str(self.files_list.count()))
        )

    # --- files ---

    def _add_files_clicked(self) -> None:
        self.add_files(ask.evidence_files(self))

    def add_files(self, paths: list[Path]) -> None:
        self.files_list.add_paths(paths)
        self._update_chosen()

    def files(self) -> list[Path]:
        return self.files_list.paths()

    # --- saving ---

    def error_text(self, field: str) -> str:
        return self.errors.text(field)

    def save(self) -> None:
        refs, files = self.chosen(), self.files()
        try:
            if self.tick:
                self.plans.tick_off(self.task.id, refs, files, done_on=self.date_edit.text())
            else:
                if not (refs or files):
                    self.errors.clear()
                    self.problems_label.setText(
                        "• " + self.tr("Check a record or add a file first.")
                    )
                    return
                self.plans.add_evidence(self.task.id, refs, files)
        except ValidationError as error:
            first = self.errors.show(error)
            if first is not None:
                first.setFocus()
            return
        except OSError as error:  # a file that could not be read or copied
            self.errors.clear()
            self.problems_label.setText(
                "• " + self.tr("Could not copy a file: %1").replace("%1", str(error))
            )
            return
        self.accept()
