"""The plans page's tab for one school year: its annual plan (年度计划) and the task
ledger (任务台账) — each item with its owner, due date and state, ticked off (销账) only
with evidence, overdue open items marked; the selected item's evidence beside the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.problems import ValidationError
from desktop_app.domain.roles import Capability
from desktop_app.domain.school_year import SchoolYear
from desktop_app.gui import ask, labels
from desktop_app.gui.dialogs.task_dialog import TaskDialog, TickOffDialog, evidence_text
from desktop_app.gui.models.tasks import LINK_ROLE, OVERDUE_TEXT, TaskModel
from desktop_app.gui.pages.plan_tabs import HELP_STYLE, OK_STYLE, PlanForm
from desktop_app.gui.permissions import guard_all
from desktop_app.gui.table_sizing import fit_columns
from desktop_app.services.plans import PlanInfo, PlanInput, TaskInfo

# The annual plan's first title: a document for the bureau, in Chinese like the summary.
DEFAULT_TITLE = "{year}学年工作计划"


class TasksTab(QWidget):
    """年度计划与任务台账 of one school year."""

    def __init__(self, services, bus, parent=None):
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.year: SchoolYear | None = None
        self.plan: PlanInfo | None = None
        layout = QVBoxLayout(self)

        # --- no plan yet ---
        self.no_plan_box = QWidget()
        no_plan = QVBoxLayout(self.no_plan_box)
        self.no_plan_label = QLabel()
        self.no_plan_label.setObjectName("noAnnualPlan")
        self.no_plan_label.setWordWrap(True)
        self.write_plan_button = QPushButton(self.tr("Write the annual plan"))
        self.write_plan_button.setObjectName("writeAnnualPlan")
        no_plan.addWidget(self.no_plan_label)
        no_plan.addWidget(self.write_plan_button, 0, Qt.AlignmentFlag.AlignLeft)
        no_plan.addStretch(1)
        layout.addWidget(self.no_plan_box)

        # --- the plan ---
        self.plan_box = QGroupBox(self.tr("Annual plan"))
        plan_layout = QVBoxLayout(self.plan_box)
        self.form = PlanForm(with_features=False, compact=True)
        self.save_plan_button = QPushButton(self.tr("Save plan"))
        self.save_plan_button.setObjectName("saveAnnualPlan")
        self.plan_status = QLabel()
        self.plan_status.setObjectName("annualPlanStatus")
        self.form.title_row.addWidget(self.save_plan_button)
        self.form.title_row.addWidget(self.plan_status)
        plan_layout.addWidget(self.form)

        # --- the ledger ---
        ledger = QWidget()
        ledger_layout = QVBoxLayout(ledger)
        ledger_layout.setContentsMargins(0, 0, 0, 0)
        actions = QHBoxLayout()
        heading = QLabel("<b>" + self.tr("Task ledger") + "</b>")
        self.count_label = QLabel()
        self.count_label.setObjectName("taskCount")
        self.overdue_label = QLabel()
        self.overdue_label.setObjectName("overdueCount")
        self.overdue_label.setStyleSheet(f"color: {OVERDUE_TEXT};")
        self.add_button = QPushButton(self.tr("Add item…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.tick_button = QPushButton(self.tr("Tick off…"))
        self.tick_button.setToolTip(
            self.tr("Mark the item done, with the records or files that show it.")
        )
        self.delete_button = QPushButton(self.tr("Delete"))
        actions.addWidget(heading)
        actions.addSpacing(12)
        actions.addWidget(self.count_label)
        actions.addSpacing(8)
        actions.addWidget(self.overdue_label)
        actions.addStretch(1)
        for button in (self.add_button, self.edit_button, self.tick_button, self.delete_button):
            actions.addWidget(button)
        ledger_layout.addLayout(actions)

        self.model = TaskModel(self)
        self.table = QTableView()
        self.table.setObjectName("tasksTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        fit_columns(self.table, self.model.column_of("title"))
        self.empty_label = QLabel(self.tr("No items yet: add the plan's items with “Add item…”."))
        self.empty_label.setObjectName("noTasks")
        self.empty_label.setStyleSheet(HELP_STYLE)
        table_pane = QWidget()
        table_layout = QVBoxLayout(table_pane)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.empty_label)

        evidence_pane = QWidget()
        evidence_layout = QVBoxLayout(evidence_pane)
        evidence_layout.setContentsMargins(0, 0, 0, 0)
        self.evidence_title = QLabel("<b>" + self.tr("Evidence of the selected item") + "</b>")
        self.evidence_list = QListWidget()
        self.evidence_list.setObjectName("taskEvidence")
        self.evidence_list.setWordWrap(True)
        self.add_evidence_button = QPushButton(self.tr("Add evidence…"))
        self.remove_evidence_button = QPushButton(self.tr("Remove link"))
        self.remove_evidence_button.setToolTip(
            self.tr("Takes the link off the item; the record or file itself stays.")
        )
        evidence_buttons = QHBoxLayout()
        evidence_buttons.addWidget(self.add_evidence_button)
        evidence_buttons.addWidget(self.remove_evidence_button)
        evidence_buttons.addStretch(1)
        evidence_layout.addWidget(self.evidence_title)
        evidence_layout.addWidget(self.evidence_list, 1)
        evidence_layout.addLayout(evidence_buttons)

        sides = QSplitter(Qt.Orientation.Horizontal)
        sides.addWidget(table_pane)
        sides.addWidget(evidence_pane)
        sides.setStretchFactor(0, 3)
        sides.setStretchFactor(1, 1)
        sides.setSizes([820, 300])
        sides.setChildrenCollapsible(False)
        ledger_layout.addWidget(sides, 1)

        self.status_label = QLabel()
        self.status_label.setObjectName("tasksStatus")
        self.status_label.setWordWrap(True)
        ledger_layout.addWidget(self.status_label)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.plan_box)
        self.splitter.addWidget(ledger)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([190, 470])
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)

        self.write_plan_button.clicked.connect(self.write_plan)
        self.save_plan_button.clicked.connect(self.save_plan)
        self.add_button.clicked.connect(self.add_task)
        self.edit_button.clicked.connect(self.edit_selected)
        self.tick_button.clicked.connect(self.tick_off_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.add_evidence_button.clicked.connect(self.add_evidence_selected)
        self.remove_evidence_button.clicked.connect(self.remove_evidence_selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_button.click())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.evidence_list.itemSelectionChanged.connect(self._update_buttons)
        guard_all(
            services,
            Capability.PLANS,
            self.write_plan_button,
            self.save_plan_button,
            self.add_button,
            self.edit_button,
            self.delete_button,
        )
        guard_all(services, Capability.TICK_TASKS, self.tick_button)
        guard_all(
            services,
            Capability.TASK_EVIDENCE,
            self.add_evidence_button,
            self.remove_evidence_button,
        )
        self._show_plan(None)

    # --- loading ---

    def has_unsaved(self) -> bool:
        return self.plan is not None and self.form.has_unsaved()

    def load(self, year: SchoolYear) -> None:
        keep = self.selected_task()
        same_year = year == self.year
        if not same_year:
            self.status_label.clear()
            self.plan_status.clear()
        self.year = year
        self.model.today = self.services.plans.today()
        plan = self.services.plans.annual_plan(year)
        if not (same_year and plan is not None and self.has_unsaved()):
            self.form.load(plan, DEFAULT_TITLE.format(year=year.label))
        self.plan = plan
        self._show_plan(plan)
        self.model.set_rows(plan.tasks if plan else [])
        self._update_counts()
        if keep is not None:
            self.select_task(keep.id)
        self._selection_changed()

    def _show_plan(self, plan: PlanInfo | None) -> None:
        self.no_plan_box.setVisible(plan is None)
        self.splitter.setVisible(plan is not None)
        if plan is None and self.year is not None:
            self.no_plan_label.setText(
                self.tr(
                    "There is no annual plan for %1 yet. Write it first: the task ledger "
                    "lists the plan's items, and each is ticked off with its evidence."
                ).replace("%1", self.year.label)
            )

    def _update_counts(self) -> None:
        tasks = self.model.rows()
        done = sum(1 for t in tasks if t.is_done)
        self.count_label.setText(
            self.tr("Done %1 of %2, open %3")
            .replace("%1", str(done))
            .replace("%2", str(len(tasks)))
            .replace("%3", str(len(tasks) - done))
        )
        overdue = sum(1 for t in tasks if t.overdue(self.model.today))
        self.overdue_label.setText(
            self.tr("%1 overdue").replace("%1", str(overdue)) if overdue else ""
        )
        self.empty_label.setVisible(not tasks)

    # --- selection ---

    def selected_task(self) -> TaskInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_task(self, task_id: int) -> bool:
        for r, task in enumerate(self.model.rows()):
            if task.id == task_id:
                self.table.selectRow(r)
                return True
        return False

    def row_texts(self, task_id: int) -> dict[str, str]:
        """The cells of an item's row by column key (for tests and checks)."""
        for r, task in enumerate(self.model.rows()):
            if task.id == task_id:
                return {
                    c.key: self.model.index(r, i).data() for i, c in enumerate(self.model.columns)
                }
        raise LookupError(task_id)

    def evidence_texts(self) -> list[str]:
        return [self.evidence_list.item(i).text() for i in range(self.evidence_list.count())]

    def _selection_changed(self, *_args) -> None:
        task = self.selected_task()
        self.evidence_list.clear()
        if task is not None:
            for evidence in task.evidence:
                item = QListWidgetItem(evidence_text(evidence))
                item.setToolTip(evidence_text(evidence))
                item.setData(LINK_ROLE, evidence.id)
                self.evidence_list.addItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        task = self.selected_task()
        self.edit_button.setEnabled(task is not None)
        self.tick_button.setEnabled(task is not None and not task.is_done)
        self.delete_button.setEnabled(task is not None and not task.is_done)
        self.delete_button.setToolTip(
            self.tr(
                "A ticked-off item stays as the record of work done; set it back to "
                "in progress (Edit…) to delete it."
            )
            if task is not None and task.is_done
            else ""
        )
        self.add_evidence_button.setEnabled(task is not None)
        self.remove_evidence_button.setEnabled(bool(self.evidence_list.selectedItems()))

    # --- the plan ---

    def write_plan(self) -> None:
        if self.year is None:
            return
        title = DEFAULT_TITLE.format(year=self.year.label)
        try:
            self.services.plans.save_annual_plan(self.year, PlanInput(title=title))
        except ValidationError as error:
            ask.warn(self, self.tr("Write the annual plan"), str(error))
            return
        self.status_label.setText(
            self.tr("The annual plan of %1 is written: add its items.").replace(
                "%1", self.year.label
            )
        )

    def save_plan(self) -> None:
        if self.year is None:
            return
        try:
            self.services.plans.save_annual_plan(self.year, self.form.plan_input())
        except ValidationError as error:
            self.form.show_problems(error)
            self.plan_status.clear()
            return
        self.form.mark_saved()
        self.form.clear_problems()
        self.plan_status.setStyleSheet(OK_STYLE)
        self.plan_status.setText(self.tr("Plan saved."))

    # --- the items ---

    def make_task_dialog(self, existing: TaskInfo | None) -> TaskDialog:
        return TaskDialog(self.services, self.year, existing, parent=self)

    def make_tick_off_dialog(self, task: TaskInfo, tick: bool = True) -> TickOffDialog:
        return TickOffDialog(self.services, task, tick=tick, parent=self)

    def _changed(self, task_id: int | None, message: str) -> None:
        self.status_label.setText(message)
        if task_id is not None:
            self.select_task(task_id)

    def add_task(self) -> None:
        if self.plan is None:
            return
        dialog = self.make_task_dialog(None)
        if dialog.exec():
            self._changed(dialog.saved_id, self.tr("Item added."))

    def edit_selected(self) -> None:
        task = self.selected_task()
        if task is None:
            return
        dialog = self.make_task_dialog(task)
        if dialog.exec():
            self._changed(task.id, self.tr("Item saved."))

    def tick_off_selected(self) -> None:
        task = self.selected_task()
        if task is None or task.is_done:
            return
        if self.make_tick_off_dialog(task).exec():
            self._changed(task.id, labels.fill(self.tr("“%1” is ticked off."), task.title))

    def add_evidence_selected(self) -> None:
        task = self.selected_task()
        if task is None:
            return
        if self.make_tick_off_dialog(task, tick=False).exec():
            self._changed(task.id, labels.fill(self.tr("Evidence added to “%1”."), task.title))

    def remove_evidence_selected(self) -> None:
        task = self.selected_task()
        items = self.evidence_list.selectedItems()
        if task is None or not items:
            return
        item = items[0]
        title = self.tr("Remove link")
        if not ask.confirm(
            self,
            self.tr("Task ledger"),
            labels.fill(
                self.tr("Take “%1” off the evidence of “%2”? The record or file itself stays."),
                item.text(),
                task.title,
            ),
        ):
            return
        try:
            self.services.plans.remove_evidence(task.id, item.data(LINK_ROLE))
        except (ValidationError, KeyError) as error:
            ask.warn(self, title, str(error))
            return
        self._changed(task.id, self.tr("Link removed."))

    def delete_selected(self) -> None:
        task = self.selected_task()
        if task is None:
            return
        if not ask.confirm(
            self,
            self.tr("Task ledger"),
            labels.fill(self.tr("Delete the item “%1” from the plan?"), task.title),
        ):
            return
        try:
            self.services.plans.delete_task(task.id)
        except (ValidationError, KeyError) as error:
            ask.warn(self, self.tr("Delete"), str(error))
            return
        self._changed(None, self.tr("Item deleted."))
