"""The main window's menu bar — File, Edit, View, Help — with the usual shortcuts, and
the list of every shortcut (Help ▸ Keyboard shortcuts), made from the actions themselves
so that it never goes out of date.

"New record" and "Find" act on the page in front, through two methods every page has
(pages/base.py): ``new_record_button`` (pressed by Ctrl+N) and ``filter_box`` (Ctrl+F puts
the cursor in it). A page without one leaves the action disabled."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMenu,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui import window_geometry
from desktop_app.gui.about import show_about
from desktop_app.gui.table_sizing import fit_columns

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow

Key = QKeySequence.StandardKey


class MainMenu(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        bar = window.menuBar()

        self.file_menu = bar.addMenu(self.tr("&File"))
        self.new_action = self._add(self.file_menu, self.tr("&New record"), Key.New)
        self.new_action.setStatusTip(self.tr("New record on the current page"))
        self.new_action.triggered.connect(self.new_record)
        self.file_menu.addSeparator()
        self.export_action = self._add(self.file_menu, self.tr("&Export for submission…"), "Ctrl+E")
        self.export_action.triggered.connect(lambda: window.show_page("export"))
        self.backup_action = self._add(self.file_menu, self.tr("&Back up now"), "Ctrl+B")
        self.backup_action.triggered.connect(self.back_up)
        self.file_menu.addSeparator()
        # Accounts (issue 18): only where someone is signed in
        self.switch_action = self._add(self.file_menu, self.tr("S&witch account / sign out…"))
        self.switch_action.setObjectName("switchAccount")
        self.switch_action.triggered.connect(window.sign_out_requested)
        self.password_action = self._add(self.file_menu, self.tr("Change my &password…"))
        self.password_action.setObjectName("changeMyPassword")
        self.password_action.triggered.connect(lambda: change_own_password(window))
        signed_in = getattr(window.services, "account", None) is not None
        self.switch_action.setVisible(signed_in)
        self.password_action.setVisible(signed_in)
        self.file_menu.addSeparator()
        # Ctrl+Q everywhere: Windows has no standard Quit key (Alt+F4 closes the window too)
        self.quit_action = self._add(self.file_menu, self.tr("&Quit"), "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(window.close)

        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.find_action = self._add(self.edit_menu, self.tr("&Find"), Key.Find)
        self.find_action.setStatusTip(self.tr("Find: the filter of the current page"))
        self.find_action.triggered.connect(self.find)

        self.view_menu = bar.addMenu(self.tr("&View"))
        self.page_group = QActionGroup(self)
        self.page_actions: dict[str, QAction] = {}
        for number, (page_id, title) in enumerate(window.page_titles.items(), start=1):
            keys = f"Ctrl+{number}" if number < 10 else None
            action = self._add(self.view_menu, title.replace("&", "&&"), keys)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, p=page_id: window.show_page(p))
            self.page_group.addAction(action)
            self.page_actions[page_id] = action

        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.shortcuts_action = self._add(
            self.help_menu, self.tr("&Keyboard shortcuts"), Key.HelpContents
        )
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.about_action = self._add(self.help_menu, self.tr("&About StudioDesk"))
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(lambda: show_about(window, window.services.db.path))

        # What a page can do now (a button disabled, a year without a plan) shows as the
        # menu opens; the shortcuts stay on, and do nothing when the page cannot.
        for menu in (self.file_menu, self.edit_menu):
            menu.aboutToShow.connect(lambda: self.page_shown(window.current_page(), True))
            menu.aboutToHide.connect(lambda: self.page_shown(window.current_page()))
        window.page_shown.connect(self.page_shown)

    def _add(self, menu: QMenu, text: str, keys: Key | str | None = None) -> QAction:
        action = menu.addAction(text)
        if isinstance(keys, Key):
            action.setShortcuts(keys)
        elif keys:
            action.setShortcut(QKeySequence(keys))
        return action

    # --- following the page in front

    def page_shown(self, page: QWidget | None, now: bool = False) -> None:
        """Enable New record and Find for what ``page`` offers; ``now``: as it stands now
        (an open menu shows a disabled button as a disabled action)."""
        button = _offer(page, "new_record_button")
        box = _offer(page, "filter_box")
        self.new_action.setEnabled(button is not None and (not now or _usable_on(button, page)))
        self.new_action.setText(
            _without_mnemonic(button.text()).replace("&", "&&")
            if button is not None
            else self.tr("&New record")
        )
        self.find_action.setEnabled(box is not None and (not now or _usable_on(box, page)))
        nav_id = "members" if getattr(page, "page_id", "") == "member-detail" else None
        action = self.page_actions.get(nav_id or getattr(page, "page_id", ""))
        if action is not None:
            action.setChecked(True)

    # --- the actions

    def new_record(self) -> None:
        button = self._usable("new_record_button")
        if button is not None:
            button.click()

    def find(self) -> None:
        box = self._usable("filter_box")
        if box is not None:
            box.setFocus(Qt.FocusReason.ShortcutFocusReason)
            box.selectAll()

    def _usable(self, offer: str) -> QWidget | None:
        """What the page in front offers, brought into view, if it can be used now (a
        beep when not)."""
        page = self.window.current_page()
        widget = _offer(page, offer)
        if widget is None or not _usable_on(widget, page):
            QApplication.beep()
            return None
        _bring_into_view(widget, page)
        return widget

    def back_up(self) -> None:
        """The Backups page's own Back up now, with the page in front to show how it went."""
        self.window.show_page("backups")
        button = self.window.pages["backups"].backup_button
        if button.isEnabled():
            button.click()
        else:  # a read-only database, or a backup already running
            QApplication.beep()

    def show_shortcuts(self) -> None:
        self.make_shortcuts_dialog().exec()

    def make_shortcuts_dialog(self) -> ShortcutsDialog:
        return ShortcutsDialog(shortcut_rows(self.window.menuBar().actions()), self.window)


def change_own_password(window: MainWindow) -> bool:
    """The signed-in user's own password: the old one, then the new one twice. On a
    server the password kept in the keyring is kept anew (or forgotten)."""
    from desktop_app.gui.dialogs.account_dialogs import PasswordDialog

    services = window.services
    account = services.account
    if account is None:
        return False

    def save(old: str, new: str) -> None:
        services.accounts.change_own_password(account.login, old, new)
        if services.db.server:
            from desktop_app import secrets
            from desktop_app.app_settings import without_credentials

            server = without_credentials(
                services.db.engine.url.render_as_string(hide_password=False)
            )
            if secrets.saved_password(server, account.login) is not None:
                secrets.keep_password(server, account.login, new)

    title = QCoreApplication.translate("MainMenu", "Change my password")
    dialog = PasswordDialog(title, save, ask_old=True, parent=window)
    return run_dialog(dialog)


def run_dialog(dialog: QDialog) -> bool:
    """Show a dialog; True when accepted. Tests replace this."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def _offer(page: QWidget | None, method: str) -> QWidget | None:
    offer = getattr(page, method, None)
    return offer() if offer is not None else None


def _tabs_holding(child: QWidget) -> QTabWidget | None:
    """The tab widget of which ``child`` is a tab (a tab's parent is the tab widget's
    stack)."""
    stack = child.parentWidget()
    tabs = stack.parentWidget() if isinstance(stack, QStackedWidget) else None
    return tabs if isinstance(tabs, QTabWidget) else None


def _usable_on(widget: QWidget, page: QWidget) -> bool:
    """Whether ``widget`` is enabled and shown on ``page`` — or would be, with its tab
    brought forward (an empty growth file hides its buttons: not usable)."""
    shown = widget
    while shown is not page:
        if shown is None or (shown.isHidden() and _tabs_holding(shown) is None):
            return False
        shown = shown.parentWidget()
    return widget.isEnabled()


def _bring_into_view(widget: QWidget, page: QWidget) -> None:
    """Bring forward the tabs of ``page`` that hold ``widget``."""
    child = widget
    while child is not page:
        tabs = _tabs_holding(child)
        if tabs is not None:
            tabs.setCurrentWidget(child)
        child = child.parentWidget()


def _without_mnemonic(text: str) -> str:
    """A menu or button text as plain words: no "&" marks, no "(&F)" of Chinese menus."""
    return re.sub(r"\(&\w\)", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_rows(menus: list[QAction]) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action of the menus that has a shortcut; the
    action by its description (status tip) where its menu text depends on the page."""
    rows = []
    for menu_action in menus:
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.actions():
            if action.isSeparator() or action.shortcut().isEmpty():
                continue
            rows.append(
                (
                    _without_mnemonic(menu_action.text()),
                    _without_mnemonic(action.statusTip() or action.text()).rstrip("…"),
                    # the first keys only: the others of a standard key are special keys
                    # of some keyboards (a "Find" key)
                    action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                )
            )
    return rows


class ShortcutsDialog(QDialog):
    """Help ▸ Keyboard shortcuts: every action of the menus with its keys."""

    def __init__(self, rows: list[tuple[str, str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, texts in enumerate(rows):
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        fit_columns(self.table, 1)  # the action's name takes the spare width
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.setCurrentCell(-1, -1)
        # tall enough for every row where the screen allows
        window_geometry.fit(self, QSize(560, self.table.verticalHeader().length() + 110))
