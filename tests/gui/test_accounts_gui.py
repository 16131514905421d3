"""Accounts in the GUI (issue 18): signing in on a school server and on a PC whose host
turned accounts on, the wizard's server branch, what a secretary's and a viewer's window
may not do (disabled, with the reason), Settings ▸ Accounts, the keyring absent."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtWidgets import QWizard

from desktop_app import secrets
from desktop_app.app_settings import load_app_settings, without_credentials
from desktop_app.domain import messages
from desktop_app.domain.roles import AccountRole, role_name
from desktop_app.gui import main_menu
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.pages import accounts_box
from desktop_app.gui.permissions import guarded_reason
from desktop_app.gui.sign_in import SignInDialog, open_signed_in
from desktop_app.gui.wizard import CONNECT, NEW_ON_SERVER, ON_SERVER, SetupWizard
from desktop_app.services.app import AppServices
from desktop_app.services.server_init import init_server
from tests.conftest import TODAY, jiangyin_studio

PASSWORD = "geheim-123"


class MemoryKeyring(KeyringBackend):
    """A keyring that works (the machine's has none): kept in a dict."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.kept.get((service, username))

    def set_password(self, service, username, password):
        self.kept[(service, username)] = password

    def delete_password(self, service, username):
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.kept:
            raise PasswordDeleteError(username)
        del self.kept[(service, username)]


@pytest.fixture(autouse=True)
def _no_keyring():
    """No keyring, as on a fresh Linux machine (keyring's own "fail" backend) — and not
    MemoryKeyring, which keyring would find among the backends once this module defines
    it."""
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def memory_keyring(_no_keyring):
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    return ring


@pytest.fixture
def server(postgres_cluster):
    """A server database prepared as ``studiodesk server-init`` leaves it, whose host
    made a secretary and a viewer; its URL without credentials (what the settings keep)."""
    owner_url = postgres_cluster.new_database()
    init_server(owner_url, "chenjing", "陈静", lambda: PASSWORD)
    url = without_credentials(owner_url)
    host = AppServices.open(url, today=lambda: TODAY, login="chenjing", password=PASSWORD)
    host.accounts.add("wangmi", "王秘", AccountRole.SECRETARY, PASSWORD)
    host.accounts.add("zhaokan", "赵看", AccountRole.VIEWER, PASSWORD)
    host.close()
    yield url
    postgres_cluster.drop_database(owner_url)


@pytest.fixture
def local_wizard(qtbot, tmp_path):
    """The first-start wizard, on this PC's new (empty) database."""
    local = AppServices.open(tmp_path / "local.sqlite3", today=lambda: TODAY)
    wizard = SetupWizard(local.studio, today=TODAY)
    qtbot.addWidget(wizard)
    yield wizard
    local.close()


def _window(qtbot, services) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    return window


# ----------------------------------------------------------------- signing in


def test_signing_in_on_the_server_right_and_wrong(qtbot, server, monkeypatch):
    from sqlalchemy.engine import make_url

    from desktop_app.gui import sign_in

    said: list[str] = []

    def answer(dialog) -> bool:
        where = dialog.where_label.text()  # the server named, no user, no password
        assert "(school server)" in where and make_url(server).database in where
        assert "@" not in where
        dialog.login_edit.setText("wangmi")
        dialog.password_edit.setText("wrong-password")
        dialog.sign_in()
        said.append(dialog.problem.text())
        assert dialog.result() == 0  # still open
        assert dialog.password_edit.text() == "wrong-password"  # kept, selected to retype
        dialog.password_edit.setText(PASSWORD)
        dialog.sign_in()
        return dialog.result() == 1

    monkeypatch.setattr(sign_in, "ask_sign_in", answer)
    services = sign_in.open_server(server)
    try:
        assert said == [messages.text("sign_in_failed")]  # in words
        assert services.account.login == "wangmi"
        assert services.role is AccountRole.SECRETARY
    finally:
        services.close()


def test_an_unreachable_server_is_said_in_words(qtbot, monkeypatch):
    from desktop_app.gui import sign_in

    said: list[str] = []

    def answer(dialog) -> bool:
        dialog.login_edit.setText("wangmi")
        dialog.password_edit.setText(PASSWORD)
        dialog.sign_in()
        said.append(dialog.problem.text())
        return False  # then Quit

    monkeypatch.setattr(sign_in, "ask_sign_in", answer)
    assert sign_in.open_server("postgresql+psycopg://127.0.0.1:1/nothing") is None
    [text] = said
    assert "无法连接学校服务器" in text and "127.0.0.1:1" in text and "损坏" not in text


def test_without_a_keyring_the_tick_box_is_off_and_says_why(qtbot, server):
    assert not secrets.keyring_usable()  # (_no_keyring: a fresh Linux machine's)
    dialog = SignInDialog("server", lambda *_: None, server=server)
    qtbot.addWidget(dialog)
    assert not dialog.remember_check.isEnabled()
    assert "keyring" in dialog.remember_check.toolTip()
    dialog.login_edit.setText("wangmi")
    dialog.password_edit.setText(PASSWORD)
    dialog.sign_in()  # nothing fails, nothing kept
    assert dialog.result() == 1
    assert secrets.saved_password(server, "wangmi") is None


def test_a_ticked_password_is_kept_in_the_keyring_never_in_the_settings(
    qtbot, server, memory_keyring
):
    dialog = SignInDialog("server", lambda *_: None, server=server)
    qtbot.addWidget(dialog)
    assert dialog.remember_check.isEnabled()
    dialog.login_edit.setText("wangmi")
    dialog.password_edit.setText(PASSWORD)
    dialog.remember_check.setChecked(True)
    dialog.sign_in()
    assert secrets.saved_password(server, "wangmi") == PASSWORD
    assert PASSWORD not in str(load_app_settings())


# ------------------------------------------------------------- the wizard


def test_the_wizard_makes_a_new_studio_on_the_server_as_its_host(qtbot, server, local_wizard):
    from sqlalchemy.engine import make_url

    wizard = local_wizard
    wizard.show()
    wizard.choose(NEW_ON_SERVER)
    page = wizard.server_page
    assert wizard.currentPage() is page
    url = make_url(server)
    page.form.host_edit.setText(url.host)
    page.form.port_spin.setValue(url.port)
    page.form.database_edit.setText(url.database)
    page.credentials.login_edit.setText("chenjing")
    page.credentials.password_edit.setText("wrong-password")
    wizard.next()
    assert wizard.currentPage() is page  # stays, and says why in words
    assert page.problem.text() == messages.text("sign_in_failed")
    page.credentials.password_edit.setText(PASSWORD)
    wizard.next()
    assert wizard.currentPage() is wizard.studio_page  # (the user page is this PC's)
    wizard.studio_page.name_edit.setText("陈静名班主任工作室")
    wizard.studio_page.school_edit.setText("江阴中专")
    wizard.studio_page.district_edit.setText("江阴市")
    assert wizard.studio_page.nextId() == -1  # the jiangyin preset asks no rule
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.outcome == ON_SERVER, wizard.studio_page.problems.text()
    services = wizard.server_services
    try:
        assert services.studio.get().name == "陈静名班主任工作室"
        assert services.account.login == "chenjing"
        assert load_app_settings().server == server  # no password in it
        assert load_app_settings().login == "chenjing"
        assert not wizard.studio.exists()  # nothing made on this PC's file
    finally:
        services.close()


def test_only_the_host_sets_up_a_studio_on_the_server(qtbot, server, local_wizard):
    wizard = local_wizard
    wizard.mode = NEW_ON_SERVER
    problem = wizard.open_server(server, "wangmi", PASSWORD)
    assert problem and "秘书" in problem and "主持人" in problem
    assert wizard.server_services is None


def test_connecting_to_a_server_without_a_studio_says_to_make_one(qtbot, server, local_wizard):
    wizard = local_wizard
    wizard.mode = CONNECT
    problem = wizard.open_server(server, "wangmi", PASSWORD)
    assert problem and "New studio on the school server" in problem
    assert wizard.server_services is None and wizard.outcome is None


# ------------------------------------------------------------- roles in the window


@pytest.fixture
def studio_on_server(server):
    host = open_signed_in(server, "chenjing", PASSWORD)
    host.studio.create(jiangyin_studio())
    host.close()
    return server


def test_a_secretarys_window_keeps_the_hosts_actions_disabled_and_says_why(qtbot, studio_on_server):
    services = open_signed_in(studio_on_server, "wangmi", PASSWORD)
    try:
        window = _window(qtbot, services)
        assert "王秘（秘书）" in window.windowTitle()
        assert "王秘" in window.account_label.text()
        members = window.pages["members"]
        assert not members.add_button.isEnabled()
        assert "秘书" in members.add_button.toolTip() and "主持人" in members.add_button.toolTip()
        members.add_button.setEnabled(True)  # the page's own logic cannot enable it
        assert not members.add_button.isEnabled()
        funds = window.pages["funds"]
        assert funds.expense_button.isEnabled()  # the secretary's work
        assert guarded_reason(funds.expense_button) is None
        for button in (funds.close_month_button, funds.reverse_button, funds.budgets_button):
            assert not button.isEnabled() and guarded_reason(button)
        activities = window.pages["activities"]
        assert activities.new_button.isEnabled()
        backups = window.pages["backups"]
        assert not backups.restore_file_button.isEnabled()
        settings = window.pages["settings"]
        assert not settings.mask_check.isEnabled() and settings.mask_check.toolTip()
        assert settings.accounts_box.isHidden()  # the host's alone
        assert window.menu.switch_action.isVisible()
    finally:
        services.close()


def test_a_viewers_window_writes_nothing_but_reads_and_prints(qtbot, studio_on_server):
    services = open_signed_in(studio_on_server, "zhaokan", PASSWORD)
    try:
        window = _window(qtbot, services)
        activities = window.pages["activities"]
        funds = window.pages["funds"]
        plans = window.pages["plans"]
        for button in (
            activities.new_button,
            activities.attendance_button,
            funds.income_button,
            funds.expense_button,
            window.pages["members"].add_button,
            plans.build_tab.save_button,
            plans.tasks_tab.write_plan_button,
            plans.summary_tab.save_button,
            window.pages["assessment"].new_button,
            window.pages["backups"].restore_file_button,
            window.pages["export"].export_button,
            window.pages["settings"].mask_check,
        ):
            assert not button.isEnabled() and "查看" in button.toolTip()
        # what a viewer does: reads (the studio, the year's figures) and prints
        assert "陈静名班主任工作室" in window.windowTitle()
        assert "3,000.00" in funds.grant_label.text()  # the jiangyin grant, read
        assert guarded_reason(funds.report_button) is None and funds.report_button.isEnabled()
        assert guarded_reason(activities.signin_button) is None
    finally:
        services.close()


def test_with_accounts_off_nothing_is_guarded(qtbot, services):
    window = _window(qtbot, services)
    assert window.pages["members"].add_button.isEnabled()
    assert guarded_reason(window.pages["funds"].close_month_button) is None
    assert not window.menu.switch_action.isVisible()
    assert "（" not in window.windowTitle()


# ------------------------------------------------------------- Settings ▸ Accounts


def test_the_host_turns_accounts_on_adds_and_deactivates(qtbot, services, monkeypatch):
    window = _window(qtbot, services)
    box = window.pages["settings"].accounts_box
    assert box.enable_button.isVisible() or not box.enable_button.isHidden()

    def fill_host(dialog):
        dialog.login_edit.setText("chenjing")
        dialog.name_edit.setText("陈静")
        dialog.password_edit.setText(PASSWORD)
        dialog.again_edit.setText(PASSWORD + "x")
        dialog.save()
        assert "not the same" in dialog.problems.text()
        dialog.again_edit.setText(PASSWORD)
        dialog.save()
        return dialog.result() == 1

    monkeypatch.setattr(accounts_box, "run_dialog", fill_host)
    box.enable()
    assert services.db.accounts_required and services.role is AccountRole.HOST
    assert box.table.rowCount() == 1

    def fill_secretary(dialog):
        dialog.login_edit.setText("wangmi")
        dialog.name_edit.setText("王秘")
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("secretary"))
        dialog.password_edit.setText(PASSWORD)
        dialog.again_edit.setText(PASSWORD)
        dialog.save()
        return dialog.result() == 1

    monkeypatch.setattr(accounts_box, "run_dialog", fill_secretary)
    box.add()
    logins = [box.table.item(r, 0).text() for r in range(box.table.rowCount())]
    assert logins == ["chenjing", "wangmi"]
    assert box.table.item(1, 2).text() == role_name(AccountRole.SECRETARY)
    box.table.selectRow(1)
    box.toggle_active()
    assert box.table.item(1, 3).text() == "deactivated"
    # the last host cannot be deactivated: said, nothing changed
    warned = []
    monkeypatch.setattr("desktop_app.gui.ask.warn", lambda *a: warned.append(a[2]))
    box.table.selectRow(0)
    box.toggle_active()
    assert warned and box.table.item(0, 3).text() == "active"


def test_a_user_changes_their_own_password(qtbot, services, monkeypatch):
    services.accounts.enable_accounts("chenjing", "陈静", PASSWORD)
    services.account = services.accounts.list()[0]
    window = _window(qtbot, services)

    def fill(dialog):
        dialog.old_edit.setText(PASSWORD)
        dialog.password_edit.setText("new-password-1")
        dialog.again_edit.setText("new-password-1")
        dialog.save()
        return dialog.result() == 1

    monkeypatch.setattr(main_menu, "run_dialog", fill)
    assert main_menu.change_own_password(window)
    services.sign_in("chenjing", "new-password-1")  # the new one signs in


# ------------------------------------------------------------- at start


def _answer(login: str, password: str, seen: list):
    """The user types ``login`` and ``password`` (None: presses Quit)."""

    def answer(dialog) -> bool:
        seen.append(dialog)
        if login is None:
            return False
        dialog.login_edit.setText(login)
        dialog.password_edit.setText(password)
        dialog.sign_in()
        return dialog.result() == 1

    return answer


def test_a_pc_with_accounts_on_asks_to_sign_in_at_start(qtbot, tmp_path, monkeypatch):
    from desktop_app.gui import app as gui_app
    from desktop_app.gui import sign_in

    path = tmp_path / "studio.sqlite3"
    made = AppServices.open(path, today=lambda: TODAY)
    made.studio.create(jiangyin_studio())
    made.accounts.enable_accounts("chenjing", "陈静", PASSWORD)
    made.accounts.add("wangmi", "王秘", AccountRole.SECRETARY, PASSWORD)
    made.close()
    seen: list = []
    monkeypatch.setattr(sign_in, "ask_sign_in", _answer("wangmi", PASSWORD, seen))
    services = gui_app.open_or_set_up(path)
    try:
        assert len(seen) == 1 and services.account.login == "wangmi"
        assert load_app_settings().login == "wangmi"  # offered next time; no password kept
        assert PASSWORD not in str(load_app_settings())
    finally:
        services.close()
    # Quit in the sign-in dialog: nothing opens, the program ends cleanly
    monkeypatch.setattr(sign_in, "ask_sign_in", _answer(None, "", seen))
    assert gui_app.open_or_set_up(path) is None


def test_a_wrong_password_at_start_is_said_and_can_be_typed_again(qtbot, tmp_path, monkeypatch):
    from desktop_app.gui import sign_in

    path = tmp_path / "studio.sqlite3"
    services = AppServices.open(path, today=lambda: TODAY)
    services.accounts.enable_accounts("chenjing", "陈静", PASSWORD)
    services.account = None
    services.db.role = None
    tries: list[str] = []

    def answer(dialog) -> bool:
        dialog.login_edit.setText("chenjing")
        dialog.password_edit.setText("not-the-password")
        dialog.sign_in()
        tries.append(dialog.problem.text())
        dialog.password_edit.setText(PASSWORD)
        dialog.sign_in()
        return dialog.result() == 1

    monkeypatch.setattr(sign_in, "ask_sign_in", answer)
    try:
        assert sign_in.sign_in_on_file(services)
        assert tries[0] and "Traceback" not in tries[0]
        assert services.role is AccountRole.HOST
    finally:
        services.close()


def test_on_a_server_the_kept_password_signs_in_without_asking(server, memory_keyring, monkeypatch):
    from desktop_app.app_settings import save_app_settings
    from desktop_app.gui import sign_in

    settings = load_app_settings()
    settings.server, settings.login = server, "wangmi"
    save_app_settings(settings)
    secrets.keep_password(server, "wangmi", PASSWORD)
    asked: list = []
    monkeypatch.setattr(sign_in, "ask_sign_in", _answer(None, "", asked))
    services = sign_in.open_server(server)
    try:
        assert not asked and services.account.login == "wangmi"
    finally:
        services.close()
    # without a kept password the dialog asks; Quit opens nothing
    secrets.forget_password(server, "wangmi")
    assert sign_in.open_server(server) is None and len(asked) == 1


def test_switching_account_opens_a_window_for_whoever_signs_in(qtbot, tmp_path, monkeypatch):
    from desktop_app.gui import session as session_module
    from desktop_app.gui import sign_in

    path = tmp_path / "studio.sqlite3"
    services = AppServices.open(path, today=lambda: TODAY)
    services.studio.create(jiangyin_studio())
    services.accounts.enable_accounts("chenjing", "陈静", PASSWORD)
    services.accounts.add("wangmi", "王秘", AccountRole.SECRETARY, PASSWORD)
    services.account = services.accounts.list()[0]
    session = session_module.StudioSession(path, services)
    first = session.start()
    qtbot.addWidget(first)
    try:
        assert "陈静" in first.windowTitle()
        assert first.pages["funds"].close_month_button.isEnabled()
        seen: list = []
        monkeypatch.setattr(sign_in, "ask_sign_in", _answer("wangmi", PASSWORD, seen))
        first.menu.switch_action.trigger()
        second = session.window
        qtbot.addWidget(second)
        assert second is not first and len(seen) == 1
        assert "王秘" in second.windowTitle()
        assert not second.pages["funds"].close_month_button.isEnabled()
        assert services.role is AccountRole.SECRETARY
    finally:
        session.close()


# ------------------------------------------------------------- fitting at 150 %


def _clipped(widget) -> list[str]:
    """The visible labels of ``widget`` whose text does not fit: a wrapped one squeezed
    below its height, or a single line cut short."""
    from PySide6.QtWidgets import QLabel

    found = []
    for label in widget.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        if label.wordWrap():
            short = label.height() < label.heightForWidth(label.width())
        else:
            short = label.width() < label.minimumSizeHint().width()
        if short:
            found.append(label.text()[:30])
    return found


def test_the_sign_in_dialog_and_the_wizards_server_page_fit_at_150_percent(qtbot, local_wizard):
    """The sizes 1366×768 at 150 % gives them (measured with QT_SCALE_FACTOR=1.5): the
    sign-in dialog 480×300, the wizard 517×493."""
    dialog = SignInDialog(
        "192.168.1.20:5432，数据库 studio（学校服务器）", lambda *_: "x", server="s"
    )
    qtbot.addWidget(dialog)
    dialog.resize(480, 300)
    dialog.show()
    dialog.say("登录名或密码不正确。")
    qtbot.waitExposed(dialog)
    assert _clipped(dialog) == []
    wizard = local_wizard
    wizard.resize(517, 493)
    wizard.show()
    wizard.choose(NEW_ON_SERVER)
    qtbot.waitExposed(wizard)
    assert _clipped(wizard.server_page) == []


def test_on_the_server_the_host_adds_an_account_who_then_signs_in(
    qtbot, studio_on_server, monkeypatch
):
    services = open_signed_in(studio_on_server, "chenjing", PASSWORD)
    try:
        window = _window(qtbot, services)
        box = window.pages["settings"].accounts_box
        assert not box.isHidden() and box.enable_button.isHidden()  # always on, on a server
        logins = [box.table.item(r, 0).text() for r in range(box.table.rowCount())]
        assert logins == ["chenjing", "wangmi", "zhaokan"]

        def fill(dialog):
            dialog.login_edit.setText("liuxin")
            dialog.name_edit.setText("刘欣")
            dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("viewer"))
            dialog.password_edit.setText("liuxin-pass-1")
            dialog.again_edit.setText("liuxin-pass-1")
            dialog.save()
            return dialog.result() == 1

        monkeypatch.setattr(accounts_box, "run_dialog", fill)
        box.add()
        assert box.table.rowCount() == 4
    finally:
        services.close()
    added = open_signed_in(studio_on_server, "liuxin", "liuxin-pass-1")
    try:
        assert added.role is AccountRole.VIEWER
    finally:
        added.close()


def test_the_program_starts_on_the_server_the_settings_name(qtbot, studio_on_server, monkeypatch):
    """run_gui with a server in the settings: signed in first, then the window; Quit in
    the sign-in dialog ends with nothing opened. (The event loop is a stand-in that looks
    at the window and returns: a real one, and the crash hook, would outlive the test.)"""
    from PySide6.QtWidgets import QApplication

    from desktop_app.app_settings import save_app_settings
    from desktop_app.gui import app as gui_app
    from desktop_app.gui import sign_in

    titles: list[str] = []

    class Loop:
        def exec(self) -> int:
            # what runs once the window has painted (at the latest after 1 s: app.py's
            # after_first_paint) runs now, while the database is open
            qtbot.wait(1100)
            shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
            titles.extend(w.windowTitle() for w in shown if w.isVisible())
            for window in shown:
                window.close()  # as the user does: the loop ends with the last window
            return 0

    monkeypatch.setattr(gui_app, "make_application", lambda: Loop())
    monkeypatch.setattr(gui_app.crash, "install", lambda: None)
    settings = load_app_settings()
    settings.server = studio_on_server
    save_app_settings(settings)
    seen: list = []
    monkeypatch.setattr(sign_in, "ask_sign_in", _answer("wangmi", PASSWORD, seen))
    assert gui_app.run_gui(None, lambda: None) == 0
    assert len(seen) == 1 and len(titles) == 1 and "王秘" in titles[0]
    monkeypatch.setattr(sign_in, "ask_sign_in", _answer(None, "", seen))
    assert gui_app.run_gui(None, lambda: None) == 0
    assert len(seen) == 2 and len(titles) == 1  # no window
    # a server's URL given to the program (--db URL) rather than kept in the settings
    settings.server = ""
    save_app_settings(settings)
    monkeypatch.setattr(sign_in, "ask_sign_in", _answer("zhaokan", PASSWORD, seen))
    assert gui_app.run_gui(studio_on_server, lambda: None) == 0
    assert len(seen) == 3 and "赵看" in titles[-1]
