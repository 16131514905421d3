"""Assessment (考核): mid-term, final, annual and member assessments scored against the
indicator tables of the policy documents. On the left the instances (title, kind, school
year, member, status, total and grade) and the actions New, Copy to new draft, Delete
draft and Submit; on the right the editor of the selected one
(pages/assessment_editor.py)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import changes as topics
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.roles import Capability
from desktop_app.gui import ask, labels
from desktop_app.gui.dialogs.assessment_dialogs import NewAssessmentDialog
from desktop_app.gui.models.assessments import ASSESSMENT_COLUMNS, AssessmentsModel
from desktop_app.gui.models.table import ITEM_ROLE
from desktop_app.gui.pages.assessment_editor import AssessmentEditor
from desktop_app.gui.pages.base import Page
from desktop_app.gui.permissions import guard_all
from desktop_app.gui.table_sizing import fit_columns
from desktop_app.services.assessments import AssessmentHeader

HELP_STYLE = "color: #555555;"


class AssessmentPage(Page):
    page_id = "assessment"
    # the rules read the records: any change to them moves what the editor shows
    topics = frozenset(
        {
            topics.ASSESSMENTS,
            topics.MEMBERS,
            topics.GROWTH,
            topics.ACTIVITIES,
            topics.ATTENDANCE,
            topics.LEDGER,
            topics.PLANS,
            topics.STUDIO,
            topics.SETTINGS,
        }
    )

    def __init__(self, services, bus, parent: QWidget | None = None):
        super().__init__(services, bus, parent)
        self._reverting = False
        layout = QVBoxLayout(self)

        # --- the list ---
        actions = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New…"))
        self.copy_button = QPushButton(self.tr("Copy to new draft"))
        self.delete_button = QPushButton(self.tr("Delete draft…"))
        self.submit_button = QPushButton(self.tr("Submit…"))
        for button in (self.new_button, self.copy_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.submit_button)
        self.model = AssessmentsModel(self)
        self.table = QTableView()
        self.table.setObjectName("assessmentsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)  # long titles on two lines: the pane is narrow
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        fit_columns(self.table, self.model.column_of("title"))
        self.empty_label = QLabel(
            self.tr(
                "No assessments yet. Start one with “New…”: the indicator table of the policy "
                "document, with what the records already show for each indicator."
            )
        )
        self.empty_label.setObjectName("assessmentsEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet(HELP_STYLE)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("pageProblems")
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet(ask.PROBLEM_STYLE)
        self.status_label = QLabel()
        self.status_label.setObjectName("pageStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet(HELP_STYLE)
        list_pane = QWidget()
        list_layout = QVBoxLayout(list_pane)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(QLabel("<b>" + self.tr("Assessments") + "</b>"))
        list_layout.addLayout(actions)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.empty_label)
        list_layout.addWidget(self.problems_label)
        list_layout.addWidget(self.status_label)

        # --- the editor ---
        self.editor = AssessmentEditor(services, bus)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(list_pane)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([440, 726])
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.new_button.clicked.connect(self.new_assessment)
        self.copy_button.clicked.connect(self.copy_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.submit_button.clicked.connect(self.submit_selected)
        guard_all(
            self.services,
            Capability.ASSESSMENTS,
            self.new_button,
            self.copy_button,
            self.delete_button,
            self.submit_button,
        )
        self.refresh()

    # --- what File ▸ New record (Ctrl+N) and Edit ▸ Find (Ctrl+F) act on

    def new_record_button(self):
        return self.new_button

    # --- the list ---

    def refresh(self) -> None:
        keep = self.selected_id()
        rows = self.services.assessments.list()
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        self.table.selectionModel().blockSignals(False)
        self.empty_label.setVisible(not rows)
        self.table.setColumnHidden(
            self.model.column_of("member"), not any(h.member_name for h in rows)
        )
        if keep is None and rows and self.editor.assessment_id is None:
            keep = rows[0].id
        if keep is None or not self._select_row(keep):
            self.editor.load(None)
        else:
            self.editor.load(keep)
        self._update_buttons()

    def headers(self) -> list[AssessmentHeader]:
        return self.model.rows()

    def row_texts(self, assessment_id: int) -> dict[str, str]:
        for r, h in enumerate(self.model.rows()):
            if h.id == assessment_id:
                return {
                    c.key: self.model.index(r, i).data() for i, c in enumerate(ASSESSMENT_COLUMNS)
                }
        raise LookupError(assessment_id)

    def _select_row(self, assessment_id: int) -> bool:
        for r, h in enumerate(self.model.rows()):
            if h.id == assessment_id:
                model = self.table.selectionModel()
                model.blockSignals(True)
                model.select(
                    self.model.index(r, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                model.setCurrentIndex(
                    self.model.index(r, 0), QItemSelectionModel.SelectionFlag.NoUpdate
                )
                model.blockSignals(False)
                return True
        return False

    def selected_header(self) -> AssessmentHeader | None:
        indexes = self.table.selectionModel().selectedRows()
        return indexes[0].data(ITEM_ROLE) if indexes else None

    def selected_id(self) -> int | None:
        header = self.selected_header()
        return header.id if header else None

    def select_assessment(self, assessment_id: int) -> bool:
        """Selects an instance and shows it in the editor."""
        if not self._select_row(assessment_id):
            return False
        self.editor.load(assessment_id)
        self._update_buttons()
        return True

    def _selection_changed(self) -> None:
        if self._reverting:
            return
        wanted = self.selected_id()
        shown = self.editor.assessment_id
        if wanted != shown and shown is not None and self.editor.is_dirty():
            answer = self.ask_unsaved()
            if answer == "cancel" or (answer == "save" and not self.editor.save()):
                self._reverting = True
                self._select_row(shown)
                self._reverting = False
                return
        self.problems_label.clear()
        self.status_label.clear()
        self.editor.load(wanted)
        self._update_buttons()

    def _update_buttons(self) -> None:
        h = self.selected_header()
        self.copy_button.setEnabled(h is not None)
        self.delete_button.setEnabled(h is not None and not h.locked)
        self.submit_button.setEnabled(h is not None and not h.locked)
        tip = self.tr("A submitted assessment is locked") if h is not None and h.locked else ""
        self.delete_button.setToolTip(tip)
        self.submit_button.setToolTip(tip)

    # --- questions (tests replace these methods) ---

    def ask_unsaved(self) -> str:
        """'save', 'discard' or 'cancel' for scores typed and not saved."""
        box = QMessageBox.question(
            self,
            self.tr("Unsaved scores"),
            self.tr("The scores and comments of this assessment are not saved yet. Save them?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        return {
            QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard",
        }.get(box, "cancel")

    def make_new_dialog(self) -> NewAssessmentDialog:
        return NewAssessmentDialog(self.services, parent=self)

    # --- acting ---

    def _show(self, assessment_id: int) -> None:
        self.select_assessment(assessment_id)

    def new_assessment(self) -> None:
        if self.editor.is_dirty() and not self._leave_editor():
            return
        dialog = self.make_new_dialog()
        if dialog.exec() and dialog.created_id is not None:
            self.problems_label.clear()
            self.status_label.setText(self.tr("New draft created."))
            self._show(dialog.created_id)

    def _leave_editor(self) -> bool:
        answer = self.ask_unsaved()
        if answer == "save":
            return self.editor.save()
        if answer == "discard":
            self.editor.undo()
            return True
        return False

    def copy_selected(self) -> None:
        h = self.selected_header()
        if h is None or (self.editor.is_dirty() and not self._leave_editor()):
            return
        try:
            new_id = self.services.assessments.copy(h.id)
        except (ValidationError, KeyError) as error:
            self.problems_label.setText(str(error))
            return
        self.problems_label.clear()
        self.status_label.setText(labels.fill(self.tr("Copied “%1” into a new draft."), h.title))
        self._show(new_id)

    def delete_selected(self) -> None:
        h = self.selected_header()
        if h is None or h.locked:
            return
        if not ask.confirm(
            self,
            self.tr("Delete draft"),
            labels.fill(self.tr("Delete the draft “%1” with its scores and comments?"), h.title),
        ):
            return
        try:
            self.services.assessments.delete_draft(h.id)
        except (ValidationError, KeyError) as error:
            self.problems_label.setText(str(error))
            return
        self.editor.load(None)
        self.problems_label.clear()
        self.status_label.setText(labels.fill(self.tr("Deleted the draft “%1”."), h.title))

    def submit_selected(self) -> None:
        h = self.selected_header()
        if h is None or h.locked:
            return
        if self.editor.is_dirty() and not self.editor.save():
            self.problems_label.setText(self.tr("Correct the scores first: nothing was submitted."))
            return
        if not ask.confirm(
            self,
            self.tr("Submit assessment"),
            labels.fill(
                self.tr(
                    "Submit “%1”? It is locked afterwards: proposals not decided yet are taken "
                    "as accepted, and the total and grade are frozen."
                ),
                h.title,
            ),
        ):
            return
        try:
            self.services.assessments.submit(h.id)
        except ValidationError as error:
            self.problems_label.setText("\n".join(p.message for p in error.problems))
            return
        self.problems_label.clear()
        self.status_label.setText(
            labels.fill(self.tr("Submitted “%1”; it is locked now."), h.title)
        )
        self._show(h.id)
