"""The roster as a table model: columns declared once, filtering and sorting in a proxy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop_app.gui import labels
from desktop_app.services.members import RosterRow

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


@dataclass(frozen=True)
class Column:
    key: str
    header: Callable[[], str]
    text: Callable[[RosterRow], str]
    sort: Callable[[RosterRow], object] | None = None


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
        lambda r: (
            QCoreApplication.translate("RosterModel", "%n warning(s)", "", len(r.warnings))
            if r.warnings
            else ""
        ),
        lambda r: len(r.warnings),
    ),
)


class RosterModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[RosterRow] = []

    def set_rows(self, rows: list[RosterRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RosterRow:
        return self._rows[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].header()
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else column.text(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "warnings" and row.warnings:
            return "\n".join(row.warnings)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not row.is_current:
                return QBrush(QColor("#888888"))
            if column.key == "warnings" and row.warnings:
                return QBrush(QColor("#b35900"))
        return None


class RosterFilter(QSortFilterProxyModel):
    """Filters by text in the name, by role, by status ('current' or a status code) and by school."""

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
        """'' for everyone, 'current' for all but those who left, else a status code."""
        self._refilter("_status", code)

    def set_school(self, school: str) -> None:
        self._refilter("_school", school)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        row: RosterRow = self.sourceModel().row_at(source_row)
        if self._text and self._text not in row.name.lower().replace(" ", ""):
            return False
        if self._role and row.role != self._role:
            return False
        if self._status == "current" and not row.is_current:
            return False
        if self._status not in ("", "current") and row.status != self._status:
            return False
        if self._school and (row.school or "") != self._school:
            return False
        return True
