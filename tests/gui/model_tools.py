"""Reading a table model as a view would, with no view: its headers, a row's texts, and
any role of one cell."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt

from desktop_app.gui.models.table import SORT_ROLE

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
FONT = Qt.ItemDataRole.FontRole
DECORATION = Qt.ItemDataRole.DecorationRole


def headers(model: QAbstractItemModel) -> list[str]:
    return [
        model.headerData(c, Qt.Orientation.Horizontal, DISPLAY) for c in range(model.columnCount())
    ]


def row_texts(model: QAbstractItemModel, row: int) -> dict[str, str]:
    """The texts of a row by column key (a ColumnTableModel's columns)."""
    return {column.key: model.index(row, c).data(DISPLAY) for c, column in enumerate(model.columns)}


def cell(model, row: int, key: str, role=DISPLAY):
    return model.index(row, model.column_of(key)).data(role)


def sort_keys(model, key: str) -> list:
    return [cell(model, r, key, SORT_ROLE) for r in range(model.rowCount())]


def colour(value) -> str | None:
    """A QColor or QBrush answered for a role, as '#rrggbb'."""
    if value is None:
        return None
    if hasattr(value, "color"):
        value = value.color()
    return value.name()
