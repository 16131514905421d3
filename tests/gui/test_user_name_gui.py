"""我的姓名 in the GUI: asked once in the set-up wizard, changed in Settings, asked for
above every page while it is missing; what the person enters carries it."""

from __future__ import annotations

import pytest
from conftest import jiangyin_studio
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import select

from desktop_app.app_settings import load_app_settings, save_user_name
from desktop_app.gui import session as session_module
from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.pages.settings import SettingsPage
from desktop_app.gui.wizard import CREATED, SetupWizard
from desktop_app.services.app import AppServices
from desktop_app.services.ledger import EntryInput
from desktop_app.store.audit import current_user
from desktop_app.store.models import AuditEntry, LedgerEntry


@pytest.fixture(autouse=True)
def own_settings(tmp_path, monkeypatch):
    """A settings file of this test's own: no name given yet."""
    monkeypatch.setenv("STUDIODESK_CONFIG_DIR", str(tmp_path / "config"))


def studio_users(services: AppServices) -> set[str]:
    with services.db.reading() as session:
        return set(session.scalars(select(AuditEntry.user)))


def test_the_wizard_asks_the_name_and_the_studio_is_created_under_it(qtbot, empty_services):
    wizard = SetupWizard(empty_services.studio)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.user_page
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.user_page  # not without a name
    assert "Your name" in wizard.user_page.problem.text()

    wizard.user_page.user_edit.setText(" 李老师 ")  # keyClicks types ASCII only
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.studio_page
    assert load_app_settings().user_name == "李老师"
    wizard.studio_page.name_edit.setText("王芳名班主任工作室")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.outcome == CREATED
    assert studio_users(empty_services) == {"李老师"}


def test_the_wizard_offers_the_name_given_before(qtbot, empty_services):
    save_user_name("周老师")
    wizard = SetupWizard(empty_services.studio)
    qtbot.addWidget(wizard)
    assert wizard.user_page.user_edit.text() == "周老师"


def test_my_name_in_settings_signs_what_is_entered_from_then_on(qtbot, services):
    page = SettingsPage(services, ChangeBus(services))
    qtbot.addWidget(page)
    page.show()
    assert page.user_edit.text() == ""
    assert current_user() in page.user_note.text()

    page.user_edit.setFocus()
    page.user_edit.setText("张老师")  # keyClicks types ASCII only
    qtbot.keyClick(page.user_edit, Qt.Key.Key_Return)
    assert load_app_settings().user_name == "张老师"
    assert services.user == "张老师"
    assert "张老师" not in page.user_note.text() and current_user() not in page.user_note.text()
    entry = services.ledger.add(
        EntryInput(
            date="2026-10-08",
            direction="expense",
            amount="50",
            category="培训研修",
            purpose="资料费",
            override_reason="先垫付",
        )
    )
    with services.db.reading() as session:
        assert session.get(LedgerEntry, entry).created_by == "张老师"


def test_a_missing_name_is_asked_for_above_every_page_until_given(qtbot, tmp_path):
    path = tmp_path / "db.sqlite3"
    services = AppServices.open(path)
    services.studio.create(jiangyin_studio())
    session = session_module.StudioSession(path, services)
    window = session.start()
    qtbot.addWidget(window)
    try:
        banner = window.banners["user"]
        assert "Your name" in window.banner_text("user") and current_user() in banner.text()
        banner.linkActivated.emit("settings")
        assert window.current_page_id() == "settings"
        page = window.pages["settings"]
        page.user_edit.setFocus()
        page.user_edit.setText("钱老师")  # keyClicks types ASCII only
        qtbot.keyClick(page.user_edit, Qt.Key.Key_Return)
        assert window.banner_text("user") == ""
    finally:
        session.close()


def test_no_banner_once_the_name_is_given_and_a_reopened_database_keeps_it(qtbot, tmp_path):
    save_user_name("孙老师")
    path = tmp_path / "db.sqlite3"
    services = session_module.open_services(path)
    assert services.user == "孙老师"
    services.studio.create(jiangyin_studio())
    session = session_module.StudioSession(path, services)
    window = session.start()
    qtbot.addWidget(window)
    try:
        assert "user" not in window.banners
        assert studio_users(session.services) == {"孙老师"}
    finally:
        session.close()
