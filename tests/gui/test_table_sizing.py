"""The columns of a table around its free-text column (fit_columns): the others as wide as
their contents while there is room, the widest capped first when there is not, so that the
free-text column is never squeezed; a cut cell ends in "…" and shows whole in a tooltip.
Measured as the header's ResizeToContents would, with the cells read far fewer times."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView, QToolTip

from desktop_app.gui.models.table import Column, ColumnTableModel
from desktop_app.gui.table_sizing import (
    FREE_MIN_CHARS,
    OTHER_MIN_CHARS,
    fit_columns,
    free_text_column,
    is_cut,
    shares,
)

Mode = QHeaderView.ResizeMode
TOPIC = "专题研讨：实习前的职业素养教育与班会课序列设计"
PLACE = "江阴中专名班主任工作室活动室（行政楼三楼东侧）"
COLUMNS = [
    Column("date", lambda: "日期", lambda r: r[0]),
    Column("topic", lambda: "主题", lambda r: r[1]),
    Column("place", lambda: "地点", lambda r: r[2]),
]


class Counting(ColumnTableModel):
    asked = 0

    def role_data(self, item, column, role):
        Counting.asked += 1
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "date":
            return "开展日期"
        return None


def rows(n: int) -> list[tuple[str, str, str]]:
    return [(f"2025-09-{i % 28 + 1:02d}", TOPIC, PLACE) for i in range(n)]


def table(qtbot, n: int = 300, width: int = 900) -> QTableView:
    view = QTableView()
    qtbot.addWidget(view)
    model = Counting(COLUMNS, view)
    view.setModel(model)
    fit_columns(view, model.column_of("topic"))
    model.set_rows(rows(n))
    view.setFont(view.font())  # a polish, as a window being built goes through
    view.resize(width, 300)
    return view


def content(view: QTableView, column: int) -> int:
    header = view.horizontalHeader()
    return max(view.sizeHintForColumn(column), header.sectionSizeHint(column))


def em(view: QTableView) -> int:
    return QFontMetrics(view.font()).horizontalAdvance("中")


# --- sharing the width out ---


def test_with_room_the_others_fit_their_contents_and_the_free_column_takes_the_rest():
    widths = shares(1, {0: 80, 1: 300, 2: 200}, {0: 30, 1: 30, 2: 30}, 1000, 13)
    assert widths == {0: 80, 2: 200, 1: 720}


def test_without_room_the_widest_others_give_way_first_never_below_their_floor():
    contents = {0: 80, 1: 400, 2: 300, 3: 250}
    widths = shares(1, contents, {c: 30 for c in contents}, 600, 13)
    assert widths[0] == 80  # short: untouched
    assert widths[2] == widths[3] < 250  # the two widest capped alike
    assert widths[2] >= OTHER_MIN_CHARS * 13
    assert widths[1] >= 0.3 * 600  # the free-text column's share
    assert sum(widths.values()) == 600


def test_the_free_column_keeps_its_minimum_even_when_nothing_else_can_give_way():
    contents = {0: 80, 1: 400, 2: 78, 3: 78, 4: 78}
    widths = shares(1, contents, {c: 30 for c in contents}, 320, 13)
    assert widths[1] == FREE_MIN_CHARS * 13  # the table scrolls sideways instead
    assert [widths[c] for c in (0, 2, 3, 4)] == [78, 78, 78, 78]
    # a free-text column with little text needs no more than its text (and header)
    assert shares(1, {0: 80, 1: 40}, {0: 30, 1: 50}, 100, 13)[1] == 50


# --- a real table ---


def test_a_narrow_table_keeps_its_free_text_column_readable(qtbot):
    view = table(qtbot, width=420)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    assert free_text_column(view) == 1
    assert header.sectionSize(1) >= FREE_MIN_CHARS * em(view)
    assert header.sectionSize(2) < content(view, 2)  # the long place gives way
    assert header.sectionSize(0) == content(view, 0)  # the date is never cut
    assert all(header.sectionResizeMode(c) == Mode.Interactive for c in range(3))


def test_a_wide_table_gives_the_spare_width_to_the_free_text_column(qtbot):
    view = table(qtbot, width=1400)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    assert header.sectionSize(0) == content(view, 0)
    assert header.sectionSize(2) == content(view, 2)
    assert header.sectionSize(1) > content(view, 1)
    assert sum(header.sectionSize(c) for c in range(3)) == view.viewport().width()
    view.resize(600, 300)  # narrower: shared out again, without measuring again
    Counting.asked = 0
    qtbot.waitUntil(lambda: sum(header.sectionSize(c) for c in range(3)) <= 600)
    assert Counting.asked == 0
    assert header.sectionSize(1) >= FREE_MIN_CHARS * em(view)


def test_measured_once_shown_with_far_fewer_reads_than_resize_to_contents(qtbot):
    reads = {}
    for fitted in (False, True):
        Counting.asked = 0
        view = QTableView()
        qtbot.addWidget(view)
        model = Counting(COLUMNS, view)
        view.setModel(model)
        if fitted:
            fit_columns(view, 1)
        else:
            header = view.horizontalHeader()
            header.setSectionResizeMode(Mode.ResizeToContents)
            header.setSectionResizeMode(1, Mode.Stretch)
        model.set_rows(rows(300))
        view.setFont(view.font())
        view.resize(900, 400)
        if fitted:
            assert Counting.asked == 0  # nothing measured before it shows
        view.show()
        qtbot.waitExposed(view)
        reads[fitted] = Counting.asked
    assert reads[True] < reads[False]


def test_rows_changed_while_hidden_are_measured_when_the_table_shows(qtbot):
    view = table(qtbot, n=3)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    view.hide()
    Counting.asked = 0
    longer = PLACE + "会议室"
    view.model().set_rows([("2025-09-01", "短", longer)])
    qtbot.wait(20)
    assert Counting.asked == 0  # hidden: not measured
    view.show()
    qtbot.waitExposed(view)
    assert header.sectionSize(2) == content(view, 2)  # room enough at 900 pixels
    assert QFontMetrics(view.font()).horizontalAdvance(longer) < header.sectionSize(2)


def test_a_changed_cell_measures_its_column_again(qtbot):
    view = table(qtbot, n=3)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    before = header.sectionSize(0)
    model = view.model()
    model._rows[0] = ("2025年9月1日星期一下午", TOPIC, PLACE)
    model.dataChanged.emit(model.index(0, 0), model.index(0, 0))
    qtbot.waitUntil(lambda: header.sectionSize(0) > before)
    assert header.sectionSize(0) == content(view, 0)


def test_a_cut_cell_shows_its_whole_text_in_a_tooltip(qtbot):
    view = table(qtbot, n=3, width=420)
    view.show()
    qtbot.waitExposed(view)
    place = view.model().index(0, 2)
    date = view.model().index(0, 0)
    assert is_cut(view, place) and not is_cut(view, date)
    assert view.textElideMode() == Qt.TextElideMode.ElideRight  # drawn ending in "…"

    def tip_at(index) -> str:
        QToolTip.hideText()
        at = view.visualRect(index).center()
        event = QHelpEvent(QEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at))
        QApplication.sendEvent(view.viewport(), event)  # as Qt does, through the filters
        return QToolTip.text() if QToolTip.isVisible() else ""

    assert tip_at(place) == PLACE
    assert tip_at(date) == "开展日期"  # fits: the model's own tooltip, as before
    QToolTip.hideText()


def test_calling_again_after_a_new_model_measures_its_columns(qtbot):
    view = table(qtbot, n=3)
    view.show()
    qtbot.waitExposed(view)
    wider = [*COLUMNS, Column("presenter", lambda: "主讲人", lambda r: "薛静")]
    model = ColumnTableModel(wider, view)
    model.set_rows([("2025-09-01", TOPIC, "会议室", "")])
    view.setModel(model)
    fit_columns(view, 1)
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(3) == content(view, 3))
    assert sum(header.sectionSize(c) for c in range(4)) == view.viewport().width()
    assert view.indexAt(QPoint(1, 1)).isValid()
