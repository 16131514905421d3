"""The roster as a table model: columns declared once, filtering and sorting in a proxy."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.attendance import FlagState, Tally
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.training_hours import YearHours, format_hours
from desktop_app.domain.vocab import Stage
from desktop_app.gui import badges, labels
from desktop_app.gui.models.table import ITEM_ROLE, SORT_ROLE, Column, ColumnTableModel
from desktop_app.services.attendance import EXPECTED_ROLES
from desktop_app.services.members import RosterRow

STATE_ROLE = Qt.ItemDataRole.UserRole + 3  # the attendance FlagState, or None
FLAGGED = "flagged"  # the status filter for members at risk or over the line


def _warnings_text(count: int) -> str:
    # A plain statement, not inside a lambda's conditional: lupdate 6.11 misses it there.
    text = QCoreApplication.translate("RosterModel", "%n warning(s)", "", count)
    return text if count else ""


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def shows_attendance(row: RosterRow, t: Tally | None) -> bool:
    """Attendance means something for those with sessions, and for confirmed trainees
    (who are expected at sessions) even before their first one; hosts and mentors
    without marks, and applicants, show nothing."""
    if t is None:
        return False
    return t.expected > 0 or (row.role in EXPECTED_ROLES and row.stage == Stage.CONFIRMED.code)


def attendance_text(row: RosterRow, t: Tally | None) -> str:
    return badges.badge_text(t) if shows_attendance(row, t) else ""


def hours_tooltip(hours: YearHours) -> str:
    """The year's 学时 as separate figures and their total."""
    text = (
        QCoreApplication.translate(
            "RosterModel",
            "%1 school year: %2 hours from studio activities attended, %3 hours from "
            "own training records; %4 hours in all",
        )
        .replace("%1", hours.school_year.label)
        .replace("%2", format_hours(hours.activity_tenths))
        .replace("%3", format_hours(hours.own_tenths))
        .replace("%4", format_hours(hours.total_tenths))
    )
    if hours.without_hours:
        text += "\n" + _without_hours_text(hours.without_hours)
    return text


def _without_hours_text(count: int) -> str:
    return QCoreApplication.translate(
        "RosterModel", "%n activity(ies) attended had no training hours set and count 0.", "", count
    )


def attendance_sort(t: Tally | None) -> float:
    """Severity first, then the ratio, then the number missed: the worst sort last.
    One number, because the proxy compares plain values."""
    if t is None or not t.expected:
        return -1.0
    return t.state.severity * 1000 + float(t.ratio) * 100 + min(t.missed, 999) / 1000


COLUMNS: tuple[Column, ...] = (
    Column("name", lambda: QCoreApplication.translate("RosterModel", "Name"), lambda r: r.name),
    Column(
        "role",
        lambda: QCoreApplication.translate("RosterModel", "Role"),
        lambda r: labels.role(r.role),
        lambda r: r.role,
    ),
    Column(
        "status",
        lambda: QCoreApplication.translate("RosterModel", "Status"),
        lambda r: labels.status(r.status),
    ),
    Column(
        "attendance",
        lambda: QCoreApplication.translate("RosterModel", "Attendance"),
        lambda r: "",  # needs the tally: filled in by RosterModel.data
    ),
    Column(
        "hours",
        lambda: QCoreApplication.translate("RosterModel", "Hours this year"),
        lambda r: "",  # needs the year's 学时: filled in by RosterModel.data
        align_right=True,
    ),
    Column(
        "school",
        lambda: QCoreApplication.translate("RosterModel", "School"),
        lambda r: r.school or "",
    ),
    Column(
        "rural",
        lambda: QCoreApplication.translate("RosterModel", "Rural"),
        lambda r: labels.yes_no(r.rural),
    ),
    Column(
        "title",
        lambda: QCoreApplication.translate("RosterModel", "Title"),
        lambda r: labels.title(r.title),
    ),
    Column(
        "head_teacher_since",
        lambda: QCoreApplication.translate("RosterModel", "Head teacher since"),
        lambda r: str(r.head_teacher_since or ""),
        lambda r: r.head_teacher_since or 0,
    ),
    Column(
        "joined_on",
        lambda: QCoreApplication.translate("RosterModel", "Joined"),
        lambda r: _date(r.joined_on),
    ),
    Column(
        "left_on",
        lambda: QCoreApplication.translate("RosterModel", "Left"),
        lambda r: _date(r.left_on),
    ),
    Column(
        "warnings",
        lambda: QCoreApplication.translate("RosterModel", "Warnings"),
        lambda r: _warnings_text(len(r.warnings)),
        lambda r: len(r.warnings),
    ),
)


class RosterModel(ColumnTableModel):
    unanswered_roles = frozenset(
        int(r)
        for r in (
            Qt.ItemDataRole.DecorationRole,
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.CheckStateRole,
            Qt.ItemDataRole.SizeHintRole,
        )
    )

    def __init__(self, parent=None):
        super().__init__(COLUMNS, parent)
        self._tallies: dict[int, Tally] = {}
        self._hours: dict[int, YearHours] = {}
        self._year: SchoolYear | None = None

    def set_rows(
        self,
        rows: list[RosterRow],
        tallies: dict[int, Tally] | None = None,
        hours: tuple[SchoolYear, dict[int, YearHours]] | None = None,
    ) -> None:
        """tallies: membership id → attendance tally (AttendanceService.tallies());
        hours: the current school year and person id → its 学时 (TrainingHoursService)."""
        self._tallies = dict(tallies or {})
        self._year, self._hours = hours if hours else (None, {})
        super().set_rows(rows)

    def set_hours(self, year: SchoolYear, hours: dict[int, YearHours]) -> None:
        """New 学时 for the same rows (marks saved): only the cells that moved change."""
        old, self._year, self._hours = self._hours, year, dict(hours)
        column = self.column_of("hours")
        for i, row in enumerate(self._rows):
            if old.get(row.person_id) != self._hours.get(row.person_id):
                cell = self.index(i, column)
                self.dataChanged.emit(cell, cell)

    def hours_at(self, row: int) -> YearHours | None:
        """The row's 学时 of the current school year (None before any year is set)."""
        if self._year is None:
            return None
        return self._hours.get(self._rows[row].person_id) or YearHours(self._year)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and self.columns[section].key == "hours"
            and self._year is not None
        ):
            return QCoreApplication.translate(
                "RosterModel",
                "Training hours of the %1 school year: studio activities attended "
                "(present, late or left early) and the member's own training records",
            ).replace("%1", self._year.label)
        return super().headerData(section, orientation, role)

    def set_tallies(self, tallies: dict[int, Tally]) -> None:
        """New tallies for the same rows (marks saved): only the attendance cells whose
        tally moved change, so the proxy re-sorts/re-filters just those rows and the view
        repaints just those cells — not a reset of the whole roster."""
        old, self._tallies = self._tallies, dict(tallies)
        column = self.column_of("attendance")
        for i, row in enumerate(self._rows):
            mid = row.membership_id
            if old.get(mid) != self._tallies.get(mid):
                cell = self.index(i, column)
                self.dataChanged.emit(cell, cell)

    def tally_at(self, row: int) -> Tally | None:
        return self._tallies.get(self._rows[row].membership_id)

    def state_at(self, row: int) -> FlagState | None:
        t = self.tally_at(row)
        return t.state if shows_attendance(self._rows[row], t) else None

    def role_data(self, row: RosterRow, column: Column, role: int):
        if column.key == "attendance":
            return self._attendance_data(row, role)
        if column.key == "hours" and self._year is not None:
            hours = self._hours.get(row.person_id) or YearHours(self._year)
            if role == Qt.ItemDataRole.DisplayRole:
                return format_hours(hours.total_tenths)
            if role == SORT_ROLE:
                return hours.total_tenths
            if role == Qt.ItemDataRole.ToolTipRole:
                return hours_tooltip(hours)
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "warnings" and row.warnings:
            return "\n".join(row.warnings)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not row.is_current:
                return QBrush(QColor("#888888"))
            if column.key == "warnings" and row.warnings:
                return QBrush(QColor("#b35900"))
        return None

    def _attendance_data(self, row: RosterRow, role):
        t = self._tallies.get(row.membership_id)
        shown = shows_attendance(row, t)
        if role == Qt.ItemDataRole.DisplayRole:
            return attendance_text(row, t)
        if role == SORT_ROLE:
            return attendance_sort(t if shown else None)
        if role == ITEM_ROLE:
            return row
        if role == STATE_ROLE:
            return t.state if shown else None
        if not shown or not t.expected:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#888888"))
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(badges.background(t.state))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(badges.foreground(t.state))
        if role == Qt.ItemDataRole.ToolTipRole:
            return badges.badge_tooltip(t) or None
        return None


class RosterFilter(QSortFilterProxyModel):
    """Filters by text in the name, by role, by status ('current', 'flagged' or a status
    code) and by school."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortLocaleAware(True)
        self._text = ""
        self._role = ""
        self._status = "current"
        self._school = ""

    def _refilter(self, attr: str, value: str) -> None:
        # Qt 6.10 replaced invalidateRowsFilter() by begin/endFilterChange(); support both.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            setattr(self, attr, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            setattr(self, attr, value)
            self.invalidateRowsFilter()

    def set_text(self, text: str) -> None:
        self._refilter("_text", "".join(text.split()).lower())

    def set_role(self, code: str) -> None:
        self._refilter("_role", code)

    def set_status(self, code: str) -> None:
        """'' for everyone, 'current' for all but those who left, 'flagged' for current
        members at risk or over the attendance line, else a status code."""
        self._refilter("_status", code)

    def set_school(self, school: str) -> None:
        self._refilter("_school", school)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        model: RosterModel = self.sourceModel()
        row: RosterRow = model.row_at(source_row)
        if self._text and self._text not in row.name.lower().replace(" ", ""):
            return False
        if self._role and row.role != self._role:
            return False
        if self._status in ("current", FLAGGED) and not row.is_current:
            return False
        if self._status == FLAGGED:
            state = model.state_at(source_row)
            if state is None or not state.flagged:
                return False
        elif self._status not in ("", "current") and row.status != self._status:
            return False
        if self._school and (row.school or "") != self._school:
            return False
        return True
