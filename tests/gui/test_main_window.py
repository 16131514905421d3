"""The main window, the first-start wizard, settings and the screenshot command."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWizard

from desktop_app import cli
from desktop_app.domain.member_input import parse_member
from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.main_window import NAV_PAGES, MainWindow
from desktop_app.gui.pages.placeholder import NotYetPage
from desktop_app.gui.pages.settings import SettingsPage
from desktop_app.gui.wizard import CREATED, SetupWizard
from desktop_app.services.app import AppServices


def test_navigation_reaches_every_page_and_every_page_is_built(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    assert [window.nav.item(i).data(256) for i in range(window.nav.count())] == list(NAV_PAGES)
    for page_id in NAV_PAGES:
        window.nav.setCurrentRow(NAV_PAGES.index(page_id))
        assert window.current_page_id() == page_id
        assert not isinstance(window.pages[page_id], NotYetPage)
        assert not window.nav.item(NAV_PAGES.index(page_id)).toolTip()  # no "not yet"
    assert services.studio.get().name in window.windowTitle()


def test_opening_a_member_from_the_roster_and_going_back(qtbot, services):
    mid = services.members.add(parse_member({"name": "李明", "role": "成员"}))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.members_page.refresh()
    window.members_page.select_membership(mid)
    window.members_page.open_button.click()
    assert window.current_page_id() == "member-detail"
    window.detail_page.back_requested.emit()
    assert window.current_page_id() == "members"


def test_wizard_creates_the_studio_after_showing_problems(
    qtbot, empty_services, tmp_path, monkeypatch
):
    monkeypatch.setenv("STUDIODESK_CONFIG_DIR", str(tmp_path / "config"))  # it saves my name
    wizard = SetupWizard(empty_services.studio)
    qtbot.addWidget(wizard)
    page = wizard.studio_page
    page.name_edit.setText("   ")
    assert page.validatePage() is False
    assert "工作室名称不能为空" in page.problems.text()
    assert not empty_services.studio.exists()

    page.name_edit.setText("王芳名班主任工作室")
    page.preset_combo.setCurrentIndex(page.preset_combo.findData("wujin"))
    page.start_spin.setValue(2025)
    assert page.end_spin.value() == 2028  # the preset's three-year cycle
    page.start_spin.setValue(2026)
    page.end_spin.setValue(2026)
    assert page.validatePage() is False
    assert "建设周期" in page.problems.text()
    page.end_spin.setValue(2029)
    wizard.user_page.user_edit.setText("王芳")
    # 武进's document sets no absence line nor spending categories: the next page asks
    assert page.nextId() == wizard.rules_id
    assert page.validatePage() is True
    assert not empty_services.studio.exists()
    wizard.rules_page.initializePage()
    assert wizard.rules_page.validatePage() is True
    assert wizard.outcome == CREATED
    info = empty_services.studio.get()
    assert (info.name, info.preset_id, info.cycle.label) == (
        "王芳名班主任工作室",
        "wujin",
        "2026-2029",
    )


def test_the_demo_is_opened_in_its_own_database(qtbot, tmp_path, monkeypatch):
    from desktop_app.gui import app as gui_app

    def fake_exec(self):
        self.intro.demo_button.click()
        return self.result()

    monkeypatch.setattr(SetupWizard, "exec", fake_exec)
    real_db = tmp_path / "real" / "studiodesk.sqlite3"
    services = gui_app.open_or_set_up(real_db)
    try:
        assert services.studio.get().is_demo
        assert services.db.path != real_db.resolve()
        assert len(services.members.roster()) >= 10
    finally:
        services.close()
    real = AppServices.open(real_db)
    try:
        assert not real.studio.exists()  # the real database holds no demo record
    finally:
        real.close()


def test_cancelling_the_wizard_opens_nothing(qtbot, tmp_path, monkeypatch):
    from desktop_app.gui import app as gui_app

    monkeypatch.setattr(SetupWizard, "exec", lambda self: QWizard.DialogCode.Rejected)
    assert gui_app.open_or_set_up(tmp_path / "db.sqlite3") is None


def test_settings_mask_and_language(qtbot, services):
    page = SettingsPage(services, ChangeBus(services))
    qtbot.addWidget(page)
    assert page.mask_check.isChecked()
    page.mask_check.setChecked(False)
    assert services.studio.setting("export.mask_personal_data") is False
    page.language_combo.setCurrentIndex(page.language_combo.findData("en"))
    from desktop_app.app_settings import load_app_settings, save_app_settings

    assert load_app_settings().language == "en"
    settings = load_app_settings()
    settings.language = "zh_CN"
    save_app_settings(settings)


def test_an_override_is_shown_and_changes_the_warnings(qtbot, services, monkeypatch):
    for i in range(3):
        services.members.add(parse_member({"name": f"成员{i}", "role": "成员"}))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show_page("settings")
    settings: SettingsPage = window.pages["settings"]
    row = settings.rules_model.keys().index("hosts")
    settings.rules.selectRow(row)
    monkeypatch.setattr(settings, "ask_override", lambda key, current: ("0-2", "本校暂无主持人"))
    settings.override_button.click()
    override_text = settings.rules_model.index(settings.rules_model.keys().index("hosts"), 3).data()
    assert "1 名" in override_text and "本校暂无主持人" in override_text
    # no host is now within 0–2: the roster's host warning is gone (the roster catches up
    # when it is shown again)
    window.show_page("members")
    assert not any("主持人/领衔人" in t for t in window.members_page.warnings.texts())

    window.show_page("settings")
    settings.rules.selectRow(settings.rules_model.keys().index("hosts"))
    settings.clear_button.click()
    window.show_page("members")
    assert any("主持人/领衔人 0 名" in t for t in window.members_page.warnings.texts())


def test_a_bad_override_value_is_refused_with_a_message(qtbot, services, monkeypatch):
    page = SettingsPage(services, ChangeBus(services))
    qtbot.addWidget(page)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    page.rules.selectRow(page.rules_model.keys().index("hosts"))
    monkeypatch.setattr(page, "ask_override", lambda key, current: ("many", "x"))
    page.override_button.click()
    assert shown
    assert services.studio.overrides() == {}


def test_screenshot_command_renders_every_page(tmp_path, qapp):
    db = tmp_path / "demo.sqlite3"
    assert cli.main(["demo", "--db", str(db)]) == 0
    out = tmp_path / "shots"
    assert cli.main(["screenshot", "--db", str(db), "--out", str(out)]) == 0
    expected = set(NAV_PAGES) | {"member-detail"}
    assert {p.stem for p in out.glob("*.png")} == expected
    from PySide6.QtGui import QImage

    for path in out.glob("*.png"):
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1366, 768), path.name
