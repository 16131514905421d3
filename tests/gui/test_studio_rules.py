"""The rules a studio's document leaves to it (items 1–3 of issue 15) as a user meets them:
the wizard asks them with the usual value as a suggestion, Settings shows them as the
studio's own rule (本工作室规定) and changes them, a studio with no line sees no flags, and
a new jiangyin studio judges nobody before the fourth session."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWizard

from desktop_app.domain.attendance import FlagState
from desktop_app.domain.member_input import parse_member
from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.dialogs.attendance_dialog import AttendanceDialog
from desktop_app.gui.models.roster import COLUMNS
from desktop_app.gui.pages.member_detail import MemberDetailPage
from desktop_app.gui.pages.members import MembersPage
from desktop_app.gui.pages.overview import OverviewPage
from desktop_app.gui.pages.settings import SettingsPage
from desktop_app.gui.studio_rules import StudioRuleDialog
from desktop_app.gui.wizard import CREATED, SetupWizard
from desktop_app.services.activities import ActivityInput
from desktop_app.services.attendance import MarkInput
from tests.conftest import jiangyin_studio


@pytest.fixture
def bus(empty_services):  # the same services as ``services`` and ``unlined``
    return ChangeBus(empty_services)


def wizard_to_rules(qtbot, services, preset_id: str) -> SetupWizard:
    wizard = SetupWizard(services.studio, today=dt.date(2026, 9, 1))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.user_page.user_edit.setText("王芳")
    page = wizard.studio_page
    page.name_edit.setText("王芳名班主任工作室")  # keyClicks types ASCII only
    page.preset_combo.setCurrentIndex(page.preset_combo.findData(preset_id))
    wizard.next()  # the user page
    wizard.next()  # the studio page
    assert wizard.currentPage() is page
    return wizard


# --- the wizard ---


def test_the_wizard_asks_a_wujin_studio_for_its_own_rules(
    qtbot, empty_services, monkeypatch, tmp_path
):
    monkeypatch.setenv("STUDIODESK_CONFIG_DIR", str(tmp_path / "config"))
    wizard = wizard_to_rules(qtbot, empty_services, "wujin")
    assert "your studio decides in the next step" in wizard.studio_page.preset_text.text()
    assert wizard.button(QWizard.WizardButton.NextButton).isVisible()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    page = wizard.rules_page
    assert wizard.currentPage() is page
    assert "武进区中小学名班主任工作室管理办法" in page.intro.text()
    line = page.form.field("attendance_line")
    categories = page.form.field("expense_categories")
    # the usual values, offered ticked: accept, change or decline
    assert line.check.isChecked() and line.edit.text() == "1/3"
    assert categories.edit.text() == "培训研修、课程资源开发、专家指导、课题研究"
    line.edit.clear()
    qtbot.keyClicks(line.edit, "3/2")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert not empty_services.studio.exists()
    assert line.problem.text() == "缺勤比例红线: write a fraction between 0 and 1, e.g. 1/3."
    line.edit.clear()
    qtbot.keyClicks(line.edit, "1/4")
    qtbot.mouseClick(categories.check, Qt.MouseButton.LeftButton)  # no categories
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.outcome == CREATED
    preset = empty_services.studio.effective_preset()
    rule = preset.rule("attendance_line")
    assert rule.value == Fraction(1, 4) and rule.source_label == "本工作室规定"
    assert preset.rule("expense_categories").value is None
    assert empty_services.ledger.categories() == []


def test_a_jiangyin_studio_is_created_on_the_studio_page(
    qtbot, empty_services, monkeypatch, tmp_path
):
    """The jiangyin document states its line and categories: nothing to ask."""
    monkeypatch.setenv("STUDIODESK_CONFIG_DIR", str(tmp_path / "config"))
    wizard = wizard_to_rules(qtbot, empty_services, "jiangyin")
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.outcome == CREATED
    line = empty_services.studio.effective_preset().rule("attendance_line")
    assert line.source.section == "四、(二)3" and not line.overridden


# --- a studio without a line ---


@pytest.fixture
def unlined(empty_services):
    empty_services.studio.create(
        jiangyin_studio(preset_id="xinbei-room", own_rules={"attendance_line": None})
    )
    services = empty_services
    ids = [
        services.members.add(parse_member({"name": n, "role": "成员", "joined_on": "2024-09-01"}))
        for n in ("甲", "乙")
    ]
    for i in range(6):
        aid = services.activities.create(
            ActivityInput(dt.date(2025, 10, 8) + dt.timedelta(days=14 * i), "学习研讨", f"研讨{i}")
        )
        services.attendance.save_marks(aid, [MarkInput(ids[0], "缺勤"), MarkInput(ids[1], "出勤")])
    return services, ids


def test_a_studio_without_a_line_shows_no_flags_and_says_so(qtbot, unlined, bus):
    services, (absent, _present) = unlined
    overview = OverviewPage(services, bus)
    qtbot.addWidget(overview)
    assert overview.attendance_summary.text() == (
        "本工作室未设缺勤比例红线（所依据的文件未作规定）：不判定临界、超线。"
    )
    assert overview.flagged() == []
    roster = MembersPage(services, bus)
    qtbot.addWidget(roster)
    column = next(i for i, c in enumerate(COLUMNS) if c.key == "attendance")
    shown = {
        roster.proxy.index(r, 0).data(): roster.proxy.index(r, column).data()
        for r in range(roster.proxy.rowCount())
    }
    assert shown == {"甲": "missed 6/6", "乙": "missed 0/6"}
    detail = MemberDetailPage(services, bus)
    qtbot.addWidget(detail)
    detail.show_member(absent)
    assert detail.badge.state == FlagState.NO_LINE
    assert detail.offer_frame.isHidden()
    assert detail.attendance_explanation.text().endswith("This studio has no absence line.")
    settings = SettingsPage(services, bus)
    qtbot.addWidget(settings)
    assert settings.line_label.text().startswith("本工作室未设缺勤比例红线")
    assert not settings.exact_check.isEnabled()
    assert settings.line_button.text() == "Set a line…"
    assert services.attendance.history() == []


def test_settings_set_the_studios_own_line_and_name_its_source(qtbot, unlined, bus, monkeypatch):
    services, (absent, _present) = unlined
    settings = SettingsPage(services, bus)
    qtbot.addWidget(settings)
    # the rule table: the studio's own rule, never a seed's
    keys = settings.rules_model.keys()
    row = keys.index("attendance_line")
    assert settings.rules_model.index(row, 1).data() == "不设"
    assert settings.rules_model.index(row, 2).data() == "本工作室规定"
    assert "建立工作室时确定" in settings.rules_model.index(row, 3).data()
    settings.rules.setCurrentIndex(settings.rules_model.index(row, 0))
    assert settings.override_button.text() == "Change this studio's rule…"
    assert not settings.clear_button.isEnabled()

    def answer(dialog: StudioRuleDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        field = dialog.form.field("attendance_line")
        assert not field.check.isChecked() and field.edit.text() == "1/3"  # the suggestion
        qtbot.mouseClick(field.check, Qt.MouseButton.LeftButton)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(StudioRuleDialog, "exec", answer)
    qtbot.mouseClick(settings.override_button, Qt.MouseButton.LeftButton)
    rule = services.studio.effective_preset().rule("attendance_line")
    assert rule.value == Fraction(1, 3) and rule.override_reason == "在设置中确定"
    assert services.attendance.tallies()[absent].state == FlagState.OVER
    row = settings.rules_model.keys().index("attendance_line")
    assert settings.rules_model.index(row, 1).data() == "1/3"
    assert settings.rules_model.index(row, 2).data() == "本工作室规定"
    assert "(source: 本工作室规定)" in settings.line_label.text()
    assert "this is your studio's own rule" in settings.line_label.text()
    assert settings.line_button.text() == "Change this studio's line…"


# --- a new jiangyin studio: nothing after the first session ---


@pytest.fixture
def first_session(services):
    ids = {
        n: services.members.add(
            parse_member({"name": n, "role": "成员", "joined_on": "2026-09-01"})
        )
        for n in ("王芳", "李静")
    }
    aid = services.activities.create(ActivityInput(dt.date(2026, 10, 8), "学习研讨", "第一次研讨"))
    return ids, aid


def test_the_first_session_raises_no_warning_and_no_dialog(
    qtbot, services, bus, first_session, monkeypatch
):
    ids, aid = first_session
    reported: list[dict] = []
    monkeypatch.setattr(AttendanceDialog, "report_changes", lambda self, c: reported.append(c))
    dialog = AttendanceDialog(services, aid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.table, Qt.Key.Key_4)  # 王芳 on leave, then 李静 present
    qtbot.keyClick(dialog.table, Qt.Key.Key_1)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert reported == []  # no dialog about flags, nor about ending memberships
    assert services.attendance.history() == []
    roster = MembersPage(services, bus)
    qtbot.addWidget(roster)
    column = next(i for i, c in enumerate(COLUMNS) if c.key == "attendance")
    shown = {
        roster.proxy.index(r, 0).data(): roster.proxy.index(r, column).data()
        for r in range(roster.proxy.rowCount())
    }
    assert shown == {
        "王芳": "missed 1/1 · fewer than 4 sessions, not judged yet",
        "李静": "missed 0/1 · fewer than 4 sessions, not judged yet",
    }
    detail = MemberDetailPage(services, bus)
    qtbot.addWidget(detail)
    detail.show_member(ids["王芳"])
    assert detail.badge.state == FlagState.NOT_JUDGED
    assert detail.offer_frame.isHidden()
    assert detail.tabs.tabText(detail.attendance_index) == "Attendance"  # no ⚠
    assert "fewer than 4 sessions, not judged yet" in detail.attendance_explanation.text()
    overview = OverviewPage(services, bus)
    qtbot.addWidget(overview)
    assert overview.flagged() == []
    assert "Not judged yet (fewer than 4 sessions): 2." in overview.attendance_summary.text()


def test_settings_show_exactly_one_third_from_the_document_and_the_minimum(
    qtbot, services, bus, first_session
):
    settings = SettingsPage(services, bus)
    qtbot.addWidget(settings)
    settings.resize(1186, 1400)
    settings.show()
    qtbot.waitExposed(settings)
    assert settings.exact_check.isChecked()
    origin = settings.exact_origin.text()
    assert "《江阴中专名班主任工作室建设方案》四、(二)3" in origin
    assert "《中华人民共和国民法典》第一千二百五十九条" in origin
    assert settings.min_spin.value() == 4
    assert "未满 N 次，暂不判定" in settings.min_help.text()
    assert settings.line_button.isHidden()  # the document's line: the rule table
    # the studio's own choice wins and says so, naming what the document says
    qtbot.mouseClick(settings.exact_check, Qt.MouseButton.LeftButton)
    assert services.studio.setting("attendance.exact_third_counts") is False
    assert "本工作室设置" in settings.exact_origin.text()
    assert "规定为开启" in settings.exact_origin.text()
    # the minimum, typed in
    settings.min_spin.selectAll()
    qtbot.keyClicks(settings.min_spin.lineEdit(), "1")
    qtbot.keyClick(settings.min_spin, Qt.Key.Key_Return)
    assert services.studio.setting("attendance.min_sessions") == 1
