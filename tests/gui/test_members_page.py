"""The members page driven through its real widgets."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop_app.documents.sheets.roster_io import write_roster
from desktop_app.domain.member_input import parse_member
from desktop_app.gui import ask
from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.dialogs.member_dialog import MemberDialog
from desktop_app.gui.models.roster import COLUMNS
from desktop_app.gui.pages.members import MembersPage
from tests.conftest import jiangyin_studio


def column(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.key == key)


@pytest.fixture
def page(qtbot, services):
    page = MembersPage(services, ChangeBus(services))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    return page


@pytest.fixture
def no_message_boxes(monkeypatch):
    shown: list[str] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(
            QMessageBox,
            name,
            lambda *a, _n=name: shown.append(a[2]) or QMessageBox.StandardButton.Ok,
        )
    return shown


def fill_and_save(qtbot, dialog: MemberDialog, **fields) -> None:
    ui = dialog.ui
    for name, text in fields.items():
        widget = getattr(ui, name)
        if hasattr(widget, "setCurrentIndex"):
            widget.setCurrentIndex(widget.findData(text))
        else:
            widget.clear()
            if text.isascii():
                qtbot.keyClicks(widget, text)
            else:  # QTest cannot type Chinese key by key: input methods insert whole words
                widget.insert(text)
    dialog.save()


def run_dialog_with(monkeypatch, qtbot, **fields):
    """Replace exec() of the member dialog by filling the fields and pressing Save."""
    seen: list[MemberDialog] = []

    def fake_exec(self):
        seen.append(self)
        fill_and_save(qtbot, self, **fields)
        return QDialog.DialogCode.Accepted if self.result() == QDialog.DialogCode.Accepted else 0

    monkeypatch.setattr(MemberDialog, "exec", fake_exec)
    return seen


def test_adding_a_host_through_the_dialog_shows_a_composition_warning(page, qtbot, monkeypatch):
    assert page.model.rowCount() == 0
    # jiangyin wants one host: with none, the roster already warns
    assert any("主持人/领衔人 0 名" in t for t in page.warnings.texts())

    run_dialog_with(
        monkeypatch,
        qtbot,
        nameEdit="陈静",
        roleCombo="host",
        sinceEdit="2023",
        titleCombo="junior",
        joinedEdit="2026-11-21",
    )
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)

    assert page.visible_names() == ["陈静"]
    texts = page.warnings.texts()
    assert any(
        "主持人担任班主任满 3 学年（遴选时 2026-11-21），少于 6 年" in t and "陈静" in t
        for t in texts
    )
    assert any("《江阴中专名班主任工作室建设方案》附件1 一" in t for t in texts)
    tips = [page.warnings.list.item(i).toolTip() for i in range(page.warnings.list.count())]
    assert "班主任工作年限下限" in tips  # the rule by its name: no file name, no key
    assert not any(".txt" in tip or "service_years" in tip for tip in tips)
    assert not any("主持人/领衔人 0 名" in t for t in texts)
    # the warning count shows on the roster row too
    assert page.proxy.index(0, column("warnings")).data() != ""


def test_dialog_shows_problems_inside_and_keeps_the_input(qtbot, services):
    dialog = MemberDialog(services.members)
    qtbot.addWidget(dialog)
    fill_and_save(qtbot, dialog, nameEdit="", birthEdit="2025-02-30")
    assert dialog.result() != QDialog.DialogCode.Accepted
    text = dialog.ui.problemsLabel.text()
    assert "姓名不能为空" in text
    assert "出生日期" in text and "2025-02-30" in text
    assert dialog.ui.birthEdit.text() == "2025-02-30"
    assert services.members.roster() == []


def test_the_same_person_twice_is_refused_in_the_dialog(qtbot, services):
    services.members.add(parse_member({"name": "李明", "role": "成员", "birth_date": "1990-01-01"}))
    dialog = MemberDialog(services.members)
    qtbot.addWidget(dialog)
    fill_and_save(qtbot, dialog, nameEdit="李 明", birthEdit="1990/1/1")
    assert "李明 已在名册中" in dialog.ui.problemsLabel.text()
    assert len(services.members.roster()) == 1


def test_filters_by_name_role_status_and_school(page, services):
    m = services.members
    m.add(parse_member({"name": "王芳", "role": "主持人", "school": "甲校"}))
    m.add(parse_member({"name": "李明", "role": "学员", "school": "乙校"}))
    left = m.add(parse_member({"name": "张伟", "role": "成员", "school": "乙校"}))
    m.end(left, "2025-06-30", "工作调动")
    page.refresh()

    assert sorted(page.visible_names()) == ["李明", "王芳"]  # current members by default
    page.status_combo.setCurrentIndex(page.status_combo.findData("left"))
    assert page.visible_names() == ["张伟"]
    page.status_combo.setCurrentIndex(page.status_combo.findData(""))
    assert len(page.visible_names()) == 3
    page.school_combo.setCurrentIndex(page.school_combo.findData("乙校"))
    assert sorted(page.visible_names()) == ["张伟", "李明"]
    page.role_combo.setCurrentIndex(page.role_combo.findData("member"))
    page.filter_edit.setText("张")
    assert page.visible_names() == ["张伟"]


def test_sorting_by_a_column(page, services):
    for name, year in (("甲", 2010), ("乙", 2001), ("丙", 2015)):
        services.members.add(
            parse_member({"name": name, "role": "成员", "head_teacher_since": year})
        )
    page.refresh()
    page.table.sortByColumn(column("head_teacher_since"), Qt.SortOrder.AscendingOrder)
    assert page.visible_names() == ["乙", "甲", "丙"]
    page.table.sortByColumn(column("head_teacher_since"), Qt.SortOrder.DescendingOrder)
    assert page.visible_names() == ["丙", "甲", "乙"]


def test_ending_a_membership_keeps_the_member_under_a_filter(page, services, monkeypatch, qtbot):
    mid = services.members.add(parse_member({"name": "赵敏", "role": "成员"}))
    page.refresh()
    page.select_membership(mid)
    from desktop_app.gui.dialogs.end_membership_dialog import EndMembershipDialog

    def fake_exec(self):
        self.date_edit.setText("2025-07-01")
        self.reason_combo.setCurrentText("工作调动")
        self.save()
        return self.result()

    monkeypatch.setattr(EndMembershipDialog, "exec", fake_exec)
    page.end_button.click()
    assert page.visible_names() == []
    page.status_combo.setCurrentIndex(page.status_combo.findData(""))
    assert page.visible_names() == ["赵敏"]
    row = services.members.get(mid)
    assert row.leave_reason == "工作调动" and str(row.left_on) == "2025-07-01"
    # the replacement is linked to whom it replaces
    page.select_membership(mid)
    assert page.replace_button.isEnabled()
    run_dialog_with(monkeypatch, qtbot, nameEdit="钱多")
    page.replace_button.click()
    newcomer = next(r for r in services.members.roster() if r.name == "钱多")
    assert newcomer.replaces_name == "赵敏"


def _workbook(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "角色", "出生日期", "工作单位"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_import_with_a_bad_row_names_the_row_and_writes_nothing(
    page, services, tmp_path, monkeypatch, no_message_boxes
):
    path = _workbook(
        tmp_path / "roster.xlsx",
        [["李明", "学员", "1990-01-01", "甲校"], ["王强", "成员", "2025-02-30", "乙校"]],
    )
    monkeypatch.setattr(ask, "open_workbook", lambda parent, kind, title: path)
    seen = []

    def preview_dialog(preview, name):
        dialog = type(page).make_preview_dialog(page, preview, name)
        seen.append(dialog)
        dialog.exec = lambda: QDialog.DialogCode.Accepted  # the user presses Import anyway
        return dialog

    monkeypatch.setattr(page, "make_preview_dialog", preview_dialog)
    page.import_button.click()
    dialog = seen[0]
    problems_cell = dialog.model.index(1, 4).data()
    assert dialog.model.index(1, 0).data() == "3"
    assert "出生日期" in problems_cell and "2025-02-30" in problems_cell
    assert not dialog.import_button.isEnabled()
    assert services.members.roster() == []  # refused whole: the good row was not written either
    assert page.model.rowCount() == 0


def test_cancelling_an_import_writes_nothing(
    page, services, tmp_path, monkeypatch, no_message_boxes
):
    path = _workbook(tmp_path / "roster.xlsx", [["李明", "学员", "1990-01-01", "甲校"]])
    monkeypatch.setattr(ask, "open_workbook", lambda parent, kind, title: path)

    def preview_dialog(preview, name):
        dialog = type(page).make_preview_dialog(page, preview, name)
        assert dialog.import_button.isEnabled()
        dialog.exec = lambda: QDialog.DialogCode.Rejected
        return dialog

    monkeypatch.setattr(page, "make_preview_dialog", preview_dialog)
    page.import_button.click()
    assert services.members.roster() == []


def test_a_good_import_lands_on_the_roster(page, services, tmp_path, monkeypatch, no_message_boxes):
    path = _workbook(
        tmp_path / "roster.xlsx",
        [["李明", "学员", "1990/1/1", "甲校"], ["王芳", "主持人", "", "甲校"]],
    )
    monkeypatch.setattr(ask, "open_workbook", lambda parent, kind, title: path)

    def preview_dialog(preview, name):
        dialog = type(page).make_preview_dialog(page, preview, name)
        dialog.exec = lambda: QDialog.DialogCode.Accepted
        return dialog

    monkeypatch.setattr(page, "make_preview_dialog", preview_dialog)
    page.import_button.click()
    assert sorted(page.visible_names()) == ["李明", "王芳"]
    assert no_message_boxes and "2" in no_message_boxes[-1]


def test_a_file_that_is_not_a_workbook_is_refused_clearly(
    page, tmp_path, monkeypatch, no_message_boxes
):
    path = tmp_path / "roster.xlsx"
    path.write_text("姓名,角色\n李明,成员\n", encoding="utf-8")
    monkeypatch.setattr(ask, "open_workbook", lambda parent, kind, title: path)
    page.import_button.click()
    assert no_message_boxes and "roster.xlsx" in no_message_boxes[0]


def test_export_writes_a_masked_roster(page, services, tmp_path, monkeypatch):
    services.members.add(parse_member({"name": "李明", "role": "学员", "phone": "13812345678"}))
    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(ask, "save_document", lambda *a, **_: target)
    page.export_button.click()
    ws = openpyxl.load_workbook(target).active
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "李明" in values and "138****5678" in values and "13812345678" not in values


def test_a_roster_with_full_numbers_says_so(
    qtbot, page, services, tmp_path, monkeypatch, no_message_boxes
):
    """The studio writes numbers in full (its setting): the user is told what the file
    holds; a masked roster needs no word."""
    services.members.add(parse_member({"name": "李明", "role": "学员", "phone": "13812345678"}))
    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(ask, "save_document", lambda *a, **_: target)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert no_message_boxes == []
    services.studio.set_setting("export.mask_personal_data", "false")
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert len(no_message_boxes) == 1
    assert str(target) in no_message_boxes[0]
    assert "full phone and ID numbers" in no_message_boxes[0]
    values = [c.value for row in openpyxl.load_workbook(target).active.iter_rows() for c in row]
    assert "13812345678" in values


def test_exported_roster_reimports_unchanged(services, tmp_path):
    services.members.add(
        parse_member({"name": "李明", "role": "学员", "birth_date": "1990-01-01", "rural": "是"})
    )
    path = write_roster(tmp_path / "r.xlsx", services.members.roster(), mask=True)
    from desktop_app.documents.sheets.roster_io import read_roster

    preview = read_roster(path, services.members)
    assert [r.action for r in preview.rows] == ["unchanged"]


def test_dialog_records_teaching_years_in_post_and_no_tier_outside_songjiang(qtbot, services):
    dialog = MemberDialog(services.members)
    qtbot.addWidget(dialog)
    assert dialog.ui.tierCombo.isHidden() and dialog.ui.tierComboLabel.isHidden()
    fill_and_save(
        qtbot, dialog, nameEdit="孙丽", teachingEdit="2010", inPostCombo="no", sinceEdit="2014"
    )
    [row] = [r for r in services.members.roster() if r.name == "孙丽"]
    assert (row.teaching_since, row.in_post, row.training_tier) == (2010, False, None)
    again = MemberDialog(services.members, existing=row)
    qtbot.addWidget(again)
    assert again.ui.teachingEdit.text() == "2010"
    assert again.ui.inPostCombo.currentData() == "no"

    bad = MemberDialog(services.members)
    qtbot.addWidget(bad)
    fill_and_save(qtbot, bad, nameEdit="周凯", teachingEdit="1900")
    assert bad.result() != QDialog.DialogCode.Accepted
    assert (
        "任教起始年份" in bad.ui.problemsLabel.text() or "teaching" in bad.ui.problemsLabel.text()
    )
    assert bad.ui.teachingEdit.styleSheet()


def test_dialog_shows_the_training_tier_for_songjiang(qtbot, empty_services):
    empty_services.studio.create(jiangyin_studio(preset_id="songjiang-school"))
    dialog = MemberDialog(empty_services.members)
    qtbot.addWidget(dialog)
    assert not dialog.ui.tierCombo.isHidden()
    fill_and_save(qtbot, dialog, nameEdit="孙丽", tierCombo="horizon")
    [row] = empty_services.members.roster()
    assert row.training_tier == "horizon"
