"""One table model for lists of records: columns declared once (key, header, text, sort),
rows set in one reset. Each page's model only adds the roles that are its own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the value a proxy sorts by
# How many rows a column sized to its contents looks at (those in view, then up to this
# many): a table of ten years' rows sizes in milliseconds, not in a second.
RESIZE_PRECISION = 60
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's record itself

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    key: str
    header: Callable[[], str]  # called each time: the translation in force
    text: Callable[[Any], str]
    sort: Callable[[Any], object] | None = None  # default: the text
    align_right: bool = False  # numbers


class ColumnTableModel(QAbstractTableModel):
    # Roles no column of the model answers: None at once. A view asks every cell for
    # eight roles each time it measures or paints; half of them are these.
    unanswered_roles: frozenset[int] = frozenset()

    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows: list[Any] = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header()
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role in self.unanswered_roles or not index.isValid():
            return None
        item = self._rows[index.row()]
        column = self.columns[index.column()]
        own = self.role_data(item, column, role)
        if own is not None:
            return own
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(item)
        if role == SORT_ROLE:
            return column.sort(item) if column.sort else column.text(item)
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return _RIGHT
        return None

    def role_data(self, item: Any, column: Column, role: int) -> Any:
        """A subclass's own answer for a role (colours, tooltips …); None: the default."""
        return None
