"""The main window's menu bar and its shortcuts (gui/main_menu), pressed as a user
presses them: Ctrl+F and Ctrl+Q used to do nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from desktop_app.gui.main_menu import ShortcutsDialog
from desktop_app.gui.main_window import NAV_PAGES, MainWindow
from desktop_app.services.app import AppServices
from tests.backup_helpers import copy_database, demo_template_fixture  # noqa: F401
from tests.conftest import TODAY

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, services):
    return shown(qtbot, MainWindow(services))


def shown(qtbot, window: MainWindow) -> MainWindow:
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def press(qtbot, window: MainWindow, keys: str) -> None:
    """The keys as the user types them, into whatever has the focus in the window."""
    sequence = QKeySequence(keys)[0]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, sequence.key(), sequence.keyboardModifiers())


def all_keys(window) -> list[str]:
    keys = [
        k.toString()
        for action in window.findChildren(QAction)
        for k in action.shortcuts()
        if not k.isEmpty()
    ]
    keys += [s.key().toString() for s in window.findChildren(QShortcut) if not s.key().isEmpty()]
    return keys


def test_the_menus_are_those_people_expect_in_both_languages(qtbot, qapp, services):
    from desktop_app.gui.i18n import install_translators

    english = MainWindow(services)
    qtbot.addWidget(english)
    titles = [a.text() for a in english.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Help"]
    install_translators(qapp, "zh_CN")  # (English again after the test: conftest)
    chinese = MainWindow(services)
    qtbot.addWidget(chinese)
    assert [a.text() for a in chinese.menuBar().actions()] == [
        "文件(&F)",
        "编辑(&E)",
        "查看(&V)",
        "帮助(&H)",
    ]
    assert chinese.menu.quit_action.text() == "退出(&X)"
    assert chinese.menu.page_actions["funds"].text() == "经费"


def test_the_standard_shortcuts_are_there_and_no_two_actions_share_one(window):
    keys = all_keys(window)
    for wanted in ["Ctrl+N", "Ctrl+F", "Ctrl+E", "Ctrl+B", "Ctrl+Q", "F1"]:
        assert wanted in keys
    assert [f"Ctrl+{n}" for n in range(1, 10)] == [
        window.menu.page_actions[p].shortcut().toString() for p in NAV_PAGES
    ]
    assert len(keys) == len(set(keys)), sorted(keys)


def test_the_attendance_sheets_keys_are_not_the_windows(qtbot, services):
    """Ctrl+A (all present) and the digit keys of the sheet stay the sheet's."""
    from desktop_app.gui.dialogs.attendance_dialog import CLEAR_KEYS, STATUS_KEYS
    from desktop_app.services.activities import ActivityInput

    window = MainWindow(services)
    qtbot.addWidget(window)
    window_keys = set(all_keys(window))
    activity = services.activities.create(
        ActivityInput(topic="班会课设计", date="2026-11-20", kind="study")
    )
    sheet = window.pages["activities"].make_attendance_dialog(activity)
    qtbot.addWidget(sheet)
    sheet_keys = {QKeySequence(key).toString() for key in [*STATUS_KEYS, *CLEAR_KEYS]}
    sheet_keys |= {s.key().toString() for s in sheet.findChildren(QShortcut)}
    assert "Ctrl+A" in sheet_keys
    assert not sheet_keys & window_keys


def test_ctrl_f_puts_the_cursor_in_the_members_filter(qtbot, window):
    page = window.members_page
    page.filter_edit.setText("li")
    window.nav.setFocus()
    press(qtbot, window, "Ctrl+F")
    assert page.filter_edit.hasFocus()
    assert page.filter_edit.selectedText() == "li"  # typing replaces the old filter
    qtbot.keyClicks(page.filter_edit, "wang")
    assert page.filter_edit.text() == "wang"


def test_find_follows_the_page_in_front(qtbot, window):
    press(qtbot, window, "Ctrl+3")
    press(qtbot, window, "Ctrl+F")
    assert window.pages["activities"].text_edit.hasFocus()
    press(qtbot, window, "Ctrl+1")  # the overview has nothing to filter
    assert not window.menu.find_action.isEnabled()
    assert not window.menu.new_action.isEnabled()


def test_ctrl_n_opens_the_add_dialog_of_the_page_in_front(qtbot, window, monkeypatch):
    from desktop_app.gui.dialogs.ledger_dialogs import EntryDialog
    from desktop_app.gui.dialogs.member_dialog import MemberDialog

    opened = []
    monkeypatch.setattr(MemberDialog, "exec", lambda self: opened.append(self) and 0)
    monkeypatch.setattr(EntryDialog, "exec", lambda self: opened.append(self) and 0)
    press(qtbot, window, "Ctrl+N")
    assert [type(d) for d in opened] == [MemberDialog]
    assert opened[0].windowTitle() == "Add member"
    window.show_page("funds")
    assert window.menu.new_action.text() == "Record expense…"  # what Ctrl+N will do
    press(qtbot, window, "Ctrl+N")
    assert type(opened[-1]) is EntryDialog


def test_the_file_menu_shows_when_the_page_cannot_add_now(qtbot, window, monkeypatch):
    from desktop_app.gui.dialogs.record_dialog import RecordDialog

    opened = []
    monkeypatch.setattr(RecordDialog, "exec", lambda self: opened.append(self) and 0)
    window.show_page("member-detail")  # no member chosen: no growth file to add to
    window.menu.file_menu.aboutToShow.emit()
    assert window.menu.new_action.text() == "Add record…"
    assert not window.menu.new_action.isEnabled()
    window.menu.file_menu.aboutToHide.emit()
    press(qtbot, window, "Ctrl+N")
    assert opened == []


def test_ctrl_n_on_the_plans_page_adds_an_item_from_any_tab(
    qtbot,
    tmp_path,
    demo_template,
    monkeypatch,  # noqa: F811
):
    from desktop_app.gui.dialogs.task_dialog import TaskDialog

    services = AppServices.open(
        copy_database(demo_template, tmp_path / "demo.sqlite3"), today=lambda: TODAY
    )
    try:
        window = shown(qtbot, MainWindow(services))
        opened = []
        monkeypatch.setattr(TaskDialog, "exec", lambda self: opened.append(self) and 0)
        press(qtbot, window, "Ctrl+5")
        plans = window.pages["plans"]
        plans.tabs.setCurrentWidget(plans.build_tab)
        press(qtbot, window, "Ctrl+N")
        assert plans.tabs.currentWidget() is plans.tasks_tab
        assert len(opened) == 1
    finally:
        window.close()
        services.close()


def test_ctrl_1_to_9_open_the_pages_in_sidebar_order(qtbot, window):
    for number, page_id in enumerate(NAV_PAGES, start=1):
        press(qtbot, window, f"Ctrl+{number}")
        assert window.current_page_id() == page_id
        assert window.nav.currentRow() == number - 1
        assert window.menu.page_actions[page_id].isChecked()


def test_ctrl_e_goes_to_the_export_page(qtbot, window):
    press(qtbot, window, "Ctrl+E")
    assert window.current_page_id() == "export"


def test_ctrl_b_backs_up_now_on_the_backups_page(qtbot, window, services):
    before = len(services.backups.list())
    press(qtbot, window, "Ctrl+B")
    assert window.current_page_id() == "backups"
    page = window.pages["backups"]
    qtbot.waitUntil(lambda: page.task is None, timeout=15000)
    assert len(services.backups.list()) == before + 1
    assert "Backup written and checked" in page.result_label.text()


def test_f1_lists_every_shortcut_with_its_keys(qtbot, window, monkeypatch):
    shown_rows = []

    def fake_exec(dialog):
        table = dialog.table
        for row in range(table.rowCount()):
            shown_rows.append(tuple(table.item(row, c).text() for c in range(3)))
        return 0

    monkeypatch.setattr(ShortcutsDialog, "exec", fake_exec)
    press(qtbot, window, "F1")
    keys = [row[2] for row in shown_rows]
    with_keys = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert len(shown_rows) == len(with_keys)
    assert ("File", "New record on the current page", "Ctrl+N") in shown_rows
    assert ("Edit", "Find: the filter of the current page", "Ctrl+F") in shown_rows
    assert ("View", "Activities & attendance", "Ctrl+3") in shown_rows
    assert "Ctrl+Q" in keys and "F1" in keys


def test_ctrl_q_closes_the_window(qtbot, window):
    press(qtbot, window, "Ctrl+Q")
    assert not window.isVisible()


def test_the_about_box_is_in_the_help_menu(window, monkeypatch):
    from desktop_app.gui import main_menu

    seen = []
    monkeypatch.setattr(main_menu, "show_about", lambda parent, db: seen.append((parent, db)))
    window.menu.about_action.trigger()
    assert seen == [(window, window.services.db.path)]
