"""Plans & tasks (计划与任务): for now the yearly duties grid — each confirmed member of
a school year against the duties their role has under the policy preset, done when a
growth record of that kind is dated in the year — and its Excel export. The build plan,
annual plans and the task ledger are not built yet, and the page says so."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from desktop_app.domain.duties import DutyStatus
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.school_year import SchoolYear
from desktop_app.gui import bus as topics
from desktop_app.gui import labels
from desktop_app.gui.pages.base import Page
from desktop_app.gui.table_model import Column, ColumnTableModel
from desktop_app.services.duties import DutyGrid, DutyRow

DONE_MARK = "✓"
MISSING_MARK = "✗"
NOT_A_DUTY = "—"
DONE_BACKGROUND = "#e6f4ea"
MISSING_BACKGROUND = "#fdecea"
NOT_A_DUTY_BACKGROUND = "#eeeeee"
HELP_STYLE = "color: #555555;"


def _done(row: DutyRow) -> int:
    return sum(1 for s in row.statuses.values() if s is not None and s.done)


def _missing(row: DutyRow) -> int:
    return sum(1 for s in row.statuses.values() if s is not None and not s.done)


def _mark(status: DutyStatus | None) -> str:
    if status is None:
        return NOT_A_DUTY
    return DONE_MARK if status.done else MISSING_MARK


def _kind_column(kind: str) -> Column:
    return Column(
        "kind:" + kind,
        lambda: labels.record_kind(kind),
        lambda r: _mark(r.statuses.get(kind)),
    )


def grid_columns(grid: DutyGrid) -> list[Column]:
    return [
        Column("name", lambda: QCoreApplication.translate("PlansModel", "Name"), lambda r: r.name),
        Column(
            "role",
            lambda: QCoreApplication.translate("PlansModel", "Role"),
            lambda r: labels.role(r.role),
        ),
        *(_kind_column(k) for k in grid.kinds),
        Column(
            "done",
            lambda: QCoreApplication.translate("PlansModel", "Done"),
            lambda r: str(_done(r)),
            sort=_done,
            align_right=True,
        ),
        Column(
            "missing",
            lambda: QCoreApplication.translate("PlansModel", "Missing"),
            lambda r: str(_missing(r)),
            sort=_missing,
            align_right=True,
        ),
    ]


class DutyGridModel(ColumnTableModel):
    def role_data(self, item: DutyRow, column: Column, role: int):
        if not column.key.startswith("kind:"):
            return None
        status = item.statuses.get(column.key.removeprefix("kind:"))
        if role == Qt.ItemDataRole.BackgroundRole:
            if status is None:
                return QColor(NOT_A_DUTY_BACKGROUND)
            return QColor(DONE_BACKGROUND if status.done else MISSING_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and status is None:
            return QColor("#888888")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if status is None:
                return QCoreApplication.translate("PlansModel", "Not a duty of this role")
            if status.done:
                return "\n".join(status.record_titles)
            return QCoreApplication.translate("PlansModel", "No record of this kind in the year")
        return None


class PlansPage(Page):
    page_id = "plans"
    topics = frozenset({topics.MEMBERS, topics.GROWTH, topics.STUDIO})

    def __init__(self, services, bus, parent=None):
        super().__init__(services, bus, parent)
        self.grid: DutyGrid | None = None
        self._year_items: list[SchoolYear] = []
        layout = QVBoxLayout(self)

        self.not_yet_label = QLabel(
            self.tr(
                "The build plan, annual plans and the task ledger are not available yet; "
                "this page shows the yearly duties computed from the growth files."
            )
        )
        self.not_yet_label.setObjectName("plansNotYetLabel")
        self.not_yet_label.setWordWrap(True)
        self.not_yet_label.setStyleSheet(
            "background: #fff8e1; border: 1px solid #e0c36c; padding: 6px;"
        )
        layout.addWidget(self.not_yet_label)

        top = QHBoxLayout()
        heading = QLabel(self.tr("Yearly duties"))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("School year:")))
        self.year_combo = QComboBox()
        self.year_combo.currentIndexChanged.connect(self._year_changed)
        top.addWidget(self.year_combo)
        top.addStretch(1)
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
        layout.addWidget(self.table, 1)

        self.status_label = QLabel()
        self.status_label.setStyleSheet(HELP_STYLE)
        layout.addWidget(self.status_label)
        self.refresh()

    # --- years ---

    def _years(self) -> list[SchoolYear]:
        years: set[SchoolYear] = set()
        try:
            years.update(self.services.studio.get().cycle.school_years)
        except LookupError:
            pass
        years.add(self.current_year())
        return sorted(years)

    def current_year(self) -> SchoolYear:
        return SchoolYear.of(self.services.members.today())

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
        return True

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

    def _year_changed(self) -> None:
        self._show_grid()

    # --- the grid ---

    def refresh(self) -> None:
        self._fill_years()
        self._show_grid()

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
        model = DutyGridModel(grid_columns(grid))
        model.set_rows(grid.rows)
        self.model = model
        self.table.setModel(model)
        if not applies:
            return
        self.source_label.setText(self.tr("Source: %1").replace("%1", grid.source or "—"))
        self.summary_label.setText(
            self.tr("%1 members; %2 duties done, %3 missing.")
            .replace("%1", str(len(grid.rows)))
            .replace("%2", str(grid.done_count))
            .replace("%3", str(grid.missing_count))
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(56)

    def cell_text(self, membership_id: int, kind: str) -> str:
        """The mark shown for a member and a duty kind (for tests and checks)."""
        column = self.model.column_of("kind:" + kind)
        for r, row in enumerate(self.model.rows()):
            if row.membership_id == membership_id:
                return self.model.index(r, column).data()
        raise LookupError(membership_id)

    # --- export ---

    def ask_save_path(self, title: str, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, title, suggested, "Excel (*.xlsx)")
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")

    def warn(self, title: str, text: str) -> None:
        """A problem the user must read; tests replace this method."""
        QMessageBox.warning(self, title, text)

    def export_excel(self) -> None:
        title = self.tr("Export to Excel")
        year = self.school_year()
        studio = self.services.studio.get()
        stem = _safe_name(f"{studio.name}-{year.label}")
        path = self.ask_save_path(title, f"{stem}-年度任务.xlsx")
        if path is None:
            return
        from desktop_app.services.duties_io import write_duties_workbook

        try:
            written = write_duties_workbook(self.services, year, path)
        except (OSError, ValidationError) as error:
            self.warn(title, self.tr("Could not write the file: %1").replace("%1", str(error)))
            return
        self.status_label.setText(
            self.tr("Yearly duties exported: %1").replace("%1", str(written or path))
        )


def _safe_name(name: str) -> str:
    """A file name without the characters Windows refuses."""
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in name)
