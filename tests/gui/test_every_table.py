"""Every table of the program names its free-text column (摘要, 主题, 标题, 备注 …), and at
the size of a 1366×768 screen at 125 % that column stays readable: the others give way
before it does, and what is cut ends in "…" with the whole text in a tooltip."""

from __future__ import annotations

import re
from itertools import chain
from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTabWidget, QTreeView

import desktop_app.gui
from desktop_app.gui.dialogs.attendance_dialog import AttendanceDialog
from desktop_app.gui.main_window import NAV_PAGES, MainWindow
from desktop_app.gui.table_sizing import FREE_MIN_CHARS, free_text_column, header_of, is_cut
from desktop_app.services.app import AppServices
from tests.backup_helpers import copy_database, demo_template_fixture  # noqa: F401
from tests.conftest import TODAY

GUI = Path(desktop_app.gui.__file__).parent
MADE = re.compile(
    r"\bQ(?:Table|Tree)(?:View|Widget)\(|^class \w+\(Q(?:Table|Tree)(?:View|Widget)\)"
)
FITTED = re.compile(r"\b(?:fit_columns|declare_free_text_column)\(")
# a 1366×768 screen at 125 %: 1093×614 logical pixels, less the taskbar
SMALL = (1093, 582)


def test_every_table_the_program_makes_declares_its_free_text_column():
    for path in sorted(GUI.rglob("*.py")):
        if path.name == "table_sizing.py" or "forms" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        made = sum(1 for line in text.splitlines() if MADE.search(line))
        assert len(FITTED.findall(text)) >= made, (
            f"{path.relative_to(GUI)}: a table or tree without fit_columns(view, its "
            "free-text column)"
        )


@pytest.fixture
def window(qtbot, demo_template, tmp_path):
    db = copy_database(demo_template, tmp_path / "studio.sqlite3")
    services = AppServices.open(db, today=lambda: TODAY)  # the demo's day
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(*SMALL)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    services.close()


def item_views(widget) -> list[QAbstractItemView]:
    return [
        v
        for v in widget.findChildren(QAbstractItemView)
        if isinstance(v, (QTableView, QTreeView)) and v.isVisible()
    ]


def check_view(view: QAbstractItemView, where: str) -> int:
    """The view's free-text column is declared and readable; returns its width."""
    free = free_text_column(view)
    assert free is not None, f"{where}: {view.objectName() or view} names no free-text column"
    header = header_of(view)
    em = QFontMetrics(view.font()).horizontalAdvance("中")
    text = max(view.sizeHintForColumn(free), header.sectionSizeHint(free))
    width = header.sectionSize(free)
    assert width >= min(text, FREE_MIN_CHARS * em), (
        f"{where}: {view.objectName()}'s free-text column is {width} pixels wide, "
        f"{width / em:.1f} characters"
    )
    return width


def every_tab(widget):
    """Each tab of each tab widget in ``widget`` brought to the front in turn."""
    for tabs in widget.findChildren(QTabWidget):
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            yield f"{tabs.tabText(i)}"


def test_every_page_at_a_small_window_keeps_its_free_text_columns_readable(qtbot, window):
    checked = set()
    members = window.services.members.roster()
    for page_id in (*NAV_PAGES, "member-detail"):
        if page_id == "member-detail":
            window.show_member(members[2].membership_id)
        else:
            window.show_page(page_id)
        page = window.pages[page_id] if page_id != "member-detail" else window.detail_page
        for tab in chain([""], every_tab(page)):  # one tab at a time
            qtbot.wait(10)  # the columns are measured once the changes are in
            for view in item_views(page):
                check_view(view, f"{page_id} {tab}")
                checked.add(view.objectName() or type(view).__name__)
    # the tables of the finding, among the others
    assert {"entriesTable", "activitiesTable", "tasksTable", "rosterTable"} <= checked


def test_the_funds_summary_column_is_not_squeezed_by_payees(qtbot, window):
    window.show_page("funds")
    page = window.pages["funds"]
    qtbot.wait(10)
    view, model = page.table, page.model
    header = view.horizontalHeader()
    purpose, payee = model.column_of("purpose"), model.column_of("payee")
    em = QFontMetrics(view.font()).horizontalAdvance("中")
    assert header.sectionSize(purpose) >= FREE_MIN_CHARS * em
    # the long payees gave way first
    assert header.sectionSize(payee) < view.sizeHintForColumn(payee)
    # what is cut there ends in "…" (the view's elide mode) and is whole in its tooltip
    cut = [
        model.index(row, purpose)
        for row in range(model.rowCount())
        if is_cut(view, model.index(row, purpose))
    ]
    assert cut, "the demo's long purposes do not fit at this size"
    assert view.textElideMode().name == "ElideRight"


def test_the_attendance_sheet_keeps_its_note_column(qtbot, demo_template, tmp_path):
    db = copy_database(demo_template, tmp_path / "studio.sqlite3")
    services = AppServices.open(db, today=lambda: TODAY)
    try:
        activity = services.activities.list()[0]
        dialog = AttendanceDialog(services, activity.id)
        qtbot.addWidget(dialog)
        dialog.resize(700, 500)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.wait(10)
        width = check_view(dialog.table, "attendance sheet")
        note = dialog.model.column_of("note")
        assert free_text_column(dialog.table) == note
        assert width == max(
            dialog.table.horizontalHeader().sectionSize(c)
            for c in range(dialog.model.columnCount())
        )
    finally:
        services.close()
