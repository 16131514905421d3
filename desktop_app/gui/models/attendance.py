"""One activity's attendance as a table: a row a member, the mark coloured by its status."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from desktop_app.domain.attendance import Tally
from desktop_app.domain.vocab import AttendanceStatus
from desktop_app.gui import labels
from desktop_app.gui.badges import background, badge_text, badge_tooltip, foreground
from desktop_app.gui.models.table import Column, ColumnTableModel
from desktop_app.services.attendance import SheetRow

# background, text of each mark
STATUS_COLOURS = {
    AttendanceStatus.PRESENT.code: ("#e6f4ea", "#1e6b35"),
    AttendanceStatus.LATE.code: ("#fff4e0", "#8a5300"),
    AttendanceStatus.LEFT_EARLY.code: ("#fff4e0", "#8a5300"),
    AttendanceStatus.LEAVE.code: ("#e8f0fe", "#1a4f9c"),
    AttendanceStatus.ABSENT.code: ("#fde7e9", "#a50e1f"),
}
UNMARKED_COLOUR = "#888888"


@dataclass(frozen=True)
class MarkRow:
    """One line of the sheet being edited."""

    membership_id: int
    name: str
    role: str
    school: str | None
    status: str | None
    note: str | None
    tally: Tally

    @classmethod
    def of(cls, row: SheetRow) -> MarkRow:
        return cls(
            row.membership_id, row.name, row.role, row.school, row.status, row.note, row.tally
        )


def status_text(code: str | None) -> str:
    if not code:
        return QCoreApplication.translate("AttendanceModel", "Not marked")
    return labels.attendance_status(code)


COLUMNS: dict[str, Column] = {
    c.key: c
    for c in (
        Column(
            "name",
            lambda: QCoreApplication.translate("AttendanceModel", "Name"),
            lambda r: r.name,
        ),
        Column(
            "school",
            lambda: QCoreApplication.translate("AttendanceModel", "School"),
            lambda r: r.school or "",
        ),
        Column(
            "role",
            lambda: QCoreApplication.translate("AttendanceModel", "Role"),
            lambda r: labels.role(r.role),
        ),
        Column(
            "status",
            lambda: QCoreApplication.translate("AttendanceModel", "Attendance"),
            lambda r: status_text(r.status),
        ),
        Column(
            "note",
            lambda: QCoreApplication.translate("AttendanceModel", "Note"),
            lambda r: r.note or "",
        ),
        Column(
            "badge",
            lambda: QCoreApplication.translate("AttendanceModel", "Absences so far"),
            lambda r: badge_text(r.tally),
        ),
    )
}
SHEET_COLUMNS = ("name", "school", "role", "status", "note", "badge")


class AttendanceModel(ColumnTableModel):
    """The rows of one attendance sheet. Editable: the note by typing, the status through
    ``set_status``; the page shows the same model read-only with fewer columns."""

    def __init__(self, columns=SHEET_COLUMNS, editable: bool = True, parent=None):
        super().__init__([COLUMNS[key] for key in columns], parent)
        self.editable = editable

    def set_rows(self, rows) -> None:
        super().set_rows(r if isinstance(r, MarkRow) else MarkRow.of(r) for r in rows)

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def set_status(self, rows, code: str | None) -> None:
        for row in rows:
            if 0 <= row < len(self._rows):
                self._rows[row] = replace(self._rows[row], status=code)
                self._changed(row)

    def add_row(self, row: MarkRow) -> int:
        at = len(self._rows)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.append(row)
        self.endInsertRows()
        return at

    def remove_rows(self, rows) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._rows):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()

    def flags(self, index):
        flags = super().flags(index)
        if self.editable and index.isValid() and self.columns[index.column()].key == "note":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def buddy(self, index):
        """The row's note: F2, a double-click or typed words on any cell of a row write
        its note (the cursor rests on the attendance column, where marks are made)."""
        if self.editable and index.isValid():
            return self.index(index.row(), self.column_of("note"))
        return super().buddy(index)

    def role_data(self, row: MarkRow, column: Column, role: int):
        key = column.key
        if role == Qt.ItemDataRole.EditRole:
            return column.text(row)
        if key == "status":
            if role == Qt.ItemDataRole.BackgroundRole and row.status in STATUS_COLOURS:
                return QColor(STATUS_COLOURS[row.status][0])
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(STATUS_COLOURS.get(row.status, (None, UNMARKED_COLOUR))[1])
            if role == Qt.ItemDataRole.FontRole and not row.status:
                font = QFont()
                font.setItalic(True)
                return font
        if key == "badge":
            if role == Qt.ItemDataRole.BackgroundRole:
                return background(row.tally.state)
            if role == Qt.ItemDataRole.ForegroundRole:
                return foreground(row.tally.state)
            if role == Qt.ItemDataRole.ToolTipRole:
                return badge_tooltip(row.tally) or None
        if role == Qt.ItemDataRole.ToolTipRole and key == "note" and self.editable:
            return QCoreApplication.translate(
                "AttendanceModel", "Double-click or press F2 to write a note"
            )
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if not (index.isValid() and role == Qt.ItemDataRole.EditRole):
            return False
        if self.columns[index.column()].key != "note":
            return False
        text = str(value or "").strip() or None
        self._rows[index.row()] = replace(self._rows[index.row()], note=text)
        self._changed(index.row())
        return True
