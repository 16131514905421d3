"""Columns sized to their contents from the table's first show: the same widths as a
header in ResizeToContents mode from the start, with the cells read far fewer times."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView

from desktop_app.gui.table_model import Column, ColumnTableModel
from desktop_app.gui.table_sizing import size_columns_on_first_show

Mode = QHeaderView.ResizeMode
COLUMNS = [
    Column("date", lambda: "日期", lambda r: r[0]),
    Column("topic", lambda: "主题", lambda r: r[1]),
    Column("place", lambda: "地点", lambda r: r[2]),
]


class Counting(ColumnTableModel):
    asked = 0

    def role_data(self, item, column, role):
        Counting.asked += 1
        return None


def rows(n: int) -> list[tuple[str, str, str]]:
    return [
        (f"2025-09-{i % 28 + 1:02d}", "班级管理研讨" * (i % 3 + 1), "江阴中专") for i in range(n)
    ]


def make(qtbot, deferred: bool) -> QTableView:
    table = QTableView()
    qtbot.addWidget(table)
    model = Counting(COLUMNS, table)
    table.setModel(model)
    if deferred:
        size_columns_on_first_show(table, {1: Mode.Stretch})
    else:
        header = table.horizontalHeader()
        header.setSectionResizeMode(Mode.ResizeToContents)
        header.setSectionResizeMode(1, Mode.Stretch)
    model.set_rows(rows(300))
    table.setFont(table.font())  # a polish, as a window being built goes through
    table.resize(900, 400)
    return table


def test_the_same_widths_with_fewer_reads(qtbot):
    widths, reads = {}, {}
    for deferred in (False, True):
        Counting.asked = 0
        table = make(qtbot, deferred)
        header = table.horizontalHeader()
        if deferred:
            assert header.sectionResizeMode(0) == Mode.Interactive  # not yet shown
        table.show()
        qtbot.waitExposed(table)
        assert header.sectionResizeMode(0) == Mode.ResizeToContents
        assert header.sectionResizeMode(1) == Mode.Stretch
        widths[deferred] = [header.sectionSize(i) for i in range(3)]
        reads[deferred] = Counting.asked
    assert widths[True] == widths[False]
    assert reads[True] < reads[False]


def test_a_table_already_shown_gets_its_modes_at_once(qtbot):
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(Counting(COLUMNS, table))
    table.show()
    size_columns_on_first_show(table, {2: Mode.Stretch})
    assert table.horizontalHeader().sectionResizeMode(2) == Mode.Stretch
    assert table.horizontalHeader().sectionResizeMode(0) == Mode.ResizeToContents
