"""Plans & tasks (计划与任务) of a school year, in four tabs: the cycle's build plan
(建设规划); the annual plan and its task ledger (年度计划与任务台账), items ticked off
with evidence; the annual summary (年度总结), pre-filled from the records; and the
yearly duties grid (年度职责) — each confirmed member against the duties their role has
under the policy preset, done when a growth record of that kind is dated in the year or
the member presented an activity that is that duty (its date and topic on hover); a duty
the document only encourages (新北's 鼓励 …) shows as not yet done, never as missing —
with its Excel export. The tabs live in plan_tabs.py and task_ledger.py."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import changes as topics
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.school_year import SchoolYear
from desktop_app.gui import ask, labels
from desktop_app.gui.models.duties import DutyGridModel, grid_columns
from desktop_app.gui.pages.base import Page
from desktop_app.gui.pages.plan_tabs import BuildPlanTab, SummaryTab
from desktop_app.gui.pages.task_ledger import TasksTab
from desktop_app.gui.table_sizing import fit_columns
from desktop_app.services.duties import DutyGrid

HELP_STYLE = "color: #555555;"


class PlansPage(Page):
    page_id = "plans"
    topics = frozenset(
        {
            topics.PLANS,
            topics.ACTIVITIES,
            topics.GROWTH,
            topics.LEDGER,
            topics.MEMBERS,
            topics.STUDIO,
        }
    )
    TABS = ("build", "tasks", "summary", "duties")

    def __init__(self, services, bus, parent=None):
        super().__init__(services, bus, parent)
        self.grid: DutyGrid | None = None
        self._year_items: list[SchoolYear] = []
        self._shown_year: SchoolYear | None = None
        self._stale: set[str] = set(self.TABS)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("School year:")))
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("planYearCombo")
        self.year_combo.setMinimumWidth(150)
        self.year_combo.currentIndexChanged.connect(self._year_changed)
        top.addWidget(self.year_combo)
        top.addStretch(1)
        layout.addLayout(top)

        self.build_tab = BuildPlanTab(services, bus)
        self.tasks_tab = TasksTab(services, bus)
        self.summary_tab = SummaryTab(services, bus)
        self.duties_tab = self._make_duties_tab()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("planTabs")
        self.tabs.addTab(self.build_tab, self.tr("Build plan"))
        self.tabs.addTab(self.tasks_tab, self.tr("Annual plan and task ledger"))
        self.tabs.addTab(self.summary_tab, self.tr("Annual summary"))
        self.tabs.addTab(self.duties_tab, self.tr("Yearly duties"))
        self.tabs.setCurrentWidget(self.tasks_tab)
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    def _make_duties_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        top = QHBoxLayout()
        self.duties_help_label = QLabel(
            self.tr(
                "Each confirmed member against the yearly duties of their role under the "
                "policy preset; a duty is done when a growth record of its kind is dated in "
                "the school year, or when the member presented such an activity (an open "
                "lesson, a lecture, an exchange) — the presenter's name as on the roster."
            )
        )
        self.duties_help_label.setObjectName("dutiesHelpLabel")
        self.duties_help_label.setWordWrap(True)
        self.duties_help_label.setStyleSheet(HELP_STYLE)
        top.addWidget(self.duties_help_label, 1)
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.clicked.connect(self.export_excel)
        top.addWidget(self.export_button)
        layout.addLayout(top)

        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.source_label.setStyleSheet(HELP_STYLE)
        layout.addWidget(self.source_label)

        self.summary_label = QLabel()
        layout.addWidget(self.summary_label)

        self.no_duties_label = QLabel(self.tr("This studio's policy preset sets no yearly duties."))
        self.no_duties_label.setObjectName("noDutiesLabel")
        self.no_duties_label.setWordWrap(True)
        layout.addWidget(self.no_duties_label)

        self.model = DutyGridModel([])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setMinimumSectionSize(56)
        fit_columns(self.table, 0)  # the name
        layout.addWidget(self.table, 1)
        layout.addStretch(0)  # takes the room only while the table is hidden

        self.status_label = QLabel()
        self.status_label.setStyleSheet(HELP_STYLE)
        layout.addWidget(self.status_label)
        return tab

    # --- tabs ---

    def current_tab(self) -> str:
        return self.TABS[self.tabs.currentIndex()]

    def show_tab(self, tab: str) -> None:
        self.tabs.setCurrentIndex(self.TABS.index(tab))

    def _tab_changed(self, *_args) -> None:
        self._load_current()

    def _load_current(self) -> None:
        """Only the tab in view is loaded; the others when they come into view."""
        tab = self.current_tab()
        if tab not in self._stale:
            return
        self._stale.discard(tab)
        year = self.school_year()
        if tab == "build":
            self.build_tab.load()
        elif tab == "tasks":
            self.tasks_tab.load(year)
        elif tab == "summary":
            self.summary_tab.load(year)
        else:
            self._show_grid()

    # --- years ---

    def _years(self) -> list[SchoolYear]:
        years: set[SchoolYear] = set()
        try:
            years.update(self.services.studio.get().cycle.school_years)
        except LookupError:
            pass
        years.update(p.school_year for p in self.services.plans.annual_plans())
        years.update(self.services.summaries.years())
        years.add(self.current_year())
        return sorted(years)

    def current_year(self) -> SchoolYear:
        return self.services.year_facts.current_year()

    def school_year(self) -> SchoolYear:
        index = self.year_combo.currentIndex()
        if 0 <= index < len(self._year_items):
            return self._year_items[index]
        return self.current_year()

    def school_years(self) -> list[SchoolYear]:
        return list(self._year_items)

    def select_year(self, year: SchoolYear) -> bool:
        if year not in self._year_items:
            return False
        self.year_combo.setCurrentIndex(self._year_items.index(year))
        return self.school_year() == year

    def _fill_years(self) -> None:
        keep = self.school_year() if self._year_items else None
        current = self.current_year()
        self._year_items = self._years()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in self._year_items:
            text = year.label
            if year == current:
                text += self.tr(" (this year)")
            self.year_combo.addItem(text)
        wanted = keep if keep in self._year_items else current
        self.year_combo.setCurrentIndex(self._year_items.index(wanted))
        self.year_combo.blockSignals(False)
        self._shown_year = wanted

    def has_unsaved(self) -> bool:
        """Typed text of the year in view not saved yet (the annual plan or summary)."""
        return self.tasks_tab.has_unsaved() or self.summary_tab.has_unsaved()

    def _year_changed(self) -> None:
        year = self.school_year()
        if year == self._shown_year:
            return
        if self.has_unsaved() and not ask.confirm(
            self,
            self.tr("Plans & tasks"),
            self.tr(
                "The annual plan or summary of %1 has changes that are not saved. "
                "Show %2 and drop them?"
            )
            .replace("%1", self._shown_year.label if self._shown_year else "")
            .replace("%2", year.label),
        ):
            self.year_combo.blockSignals(True)
            self.year_combo.setCurrentIndex(self._year_items.index(self._shown_year))
            self.year_combo.blockSignals(False)
            return
        if self.has_unsaved():  # dropped: the new year's texts replace them
            self.tasks_tab.form.mark_saved()
            self.summary_tab.editor.document().setModified(False)
        self._shown_year = year
        self._stale.update(("tasks", "summary", "duties"))
        self._load_current()

    # --- what File ▸ New record (Ctrl+N) and Edit ▸ Find (Ctrl+F) act on

    def new_record_button(self):
        return self.tasks_tab.add_button

    # --- the grid ---

    def refresh(self) -> None:
        self._fill_years()
        self._stale = set(self.TABS)
        self._load_current()

    def _show_grid(self) -> None:
        try:
            grid = self.services.duties.grid(self.school_year())
        except LookupError:
            grid = DutyGrid(school_year=self.school_year(), kinds=[])
        self.grid = grid
        applies = grid.applies
        self.no_duties_label.setVisible(not applies)
        self.table.setVisible(applies)
        self.source_label.setVisible(applies)
        self.summary_label.setVisible(applies)
        self.export_button.setEnabled(applies)
        model = DutyGridModel(grid_columns(grid), grid)
        model.set_rows(grid.rows)
        self.model = model
        self.table.setModel(model)
        fit_columns(self.table, model.column_of("name"))  # the new model's columns
        if not applies:
            return
        source = self.tr("Source: %1").replace("%1", grid.source or "—")
        if grid.encouraged:
            source = labels.comma().join(
                (
                    source,
                    labels.fill(
                        self.tr(
                            "the document encourages these duties (“%1”), it does not require "
                            "them: one not done is shown as not yet done, not as missing."
                        ),
                        grid.quote,
                    ),
                )
            )
        self.source_label.setText(source)
        summary = (
            self.tr("%1 members; %2 duties done, %3 not yet done (encouraged).")
            if grid.encouraged
            else self.tr("%1 members; %2 duties done, %3 missing.")
        )
        self.summary_label.setText(
            summary.replace("%1", str(len(grid.rows)))
            .replace("%2", str(grid.done_count))
            .replace("%3", str(grid.missing_count))
        )

    def cell_text(self, membership_id: int, kind: str) -> str:
        """The mark shown for a member and a duty kind (for tests and checks)."""
        column = self.model.column_of("kind:" + kind)
        for r, row in enumerate(self.model.rows()):
            if row.membership_id == membership_id:
                return self.model.index(r, column).data()
        raise LookupError(membership_id)

    # --- export ---

    def export_excel(self) -> None:
        title = self.tr("Export to Excel")
        year = self.school_year()
        studio = self.services.studio.get()
        stem = ask.safe_name(f"{studio.name}-{year.label}")
        path = ask.save_document(self, ask.PLANS, title, f"{stem}-年度职责.xlsx")
        if path is None:
            return
        from desktop_app.documents.sheets.duties_io import write_duties_workbook

        try:
            written = write_duties_workbook(self.services, year, path)
        except (OSError, ValidationError) as error:
            ask.warn(self, title, self.tr("Could not write the file: %1").replace("%1", str(error)))
            return
        self.status_label.setText(
            self.tr("Yearly duties exported: %1").replace("%1", str(written or path))
        )
