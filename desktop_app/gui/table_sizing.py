"""Columns sized to their contents from a table's first show, not before.

A header in ResizeToContents mode measures its columns again at every polish, font and
layout change; a page built before the window shows goes through several of those, each
reading every role of every cell in the rows measured (RESIZE_PRECISION). The modes are
applied when the table first shows, and the columns measured once then."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

Mode = QHeaderView.ResizeMode


class _FirstShow(QObject):
    def __init__(self, table: QTableView, modes: dict[int, Mode], default: Mode):
        super().__init__(table)
        self.table = table
        self.modes = modes
        self.default = default

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.table and event.type() == QEvent.Type.Show:
            # Done; the object stays the table's child (deleting it from inside its
            # own event filter upsets PySide's ownership of it).
            self.table.removeEventFilter(self)
            apply_modes(self.table, self.modes, self.default)
            self.table.horizontalHeader().resizeSections()  # once, now
        return False


def apply_modes(table: QTableView, modes: dict[int, Mode], default: Mode) -> None:
    header = table.horizontalHeader()
    header.setSectionResizeMode(default)
    for section, mode in modes.items():
        header.setSectionResizeMode(section, mode)


def size_columns_on_first_show(
    table: QTableView, modes: dict[int, Mode], default: Mode = Mode.ResizeToContents
) -> None:
    """Give ``table``'s columns ``default`` (and ``modes`` by section) once it first
    shows; until then they keep their width (Interactive)."""
    if table.isVisible():
        apply_modes(table, modes, default)
        return
    table.horizontalHeader().setSectionResizeMode(Mode.Interactive)
    table.installEventFilter(_FirstShow(table, modes, default))
