"""The member's file (growth records, development plan, warnings, history) driven through
its real widgets; dialogs answered by replacing exec() and the file choosers."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
import struct  # noqa: E402
import zlib  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialog, QDialogButtonBox  # noqa: E402

from desktop_app.domain import messages  # noqa: E402
from desktop_app.domain.changes import GROWTH, MEMBERS  # noqa: E402
from desktop_app.domain.member_input import parse_member  # noqa: E402
from desktop_app.domain.school_year import SchoolYear  # noqa: E402
from desktop_app.gui import (
    ask,  # noqa: E402
    labels,  # noqa: E402
)
from desktop_app.gui.bus import ChangeBus  # noqa: E402
from desktop_app.gui.dialogs.member_dialog import MemberDialog  # noqa: E402
from desktop_app.gui.dialogs.record_dialog import RecordDialog  # noqa: E402
from desktop_app.gui.models.growth_records import RECORD_COLUMNS, RecordsModel  # noqa: E402
from desktop_app.gui.models.history import HistoryModel, change_lines, history_line  # noqa: E402
from desktop_app.gui.pages.member_detail import THUMBNAIL_ROLE, MemberDetailPage  # noqa: E402
from desktop_app.services.growth import RecordInput  # noqa: E402
from desktop_app.services.members import HistoryEntry  # noqa: E402


def png_file(path: Path, width: int = 12, height: int = 8, rgb=(200, 40, 40)) -> Path:
    """A tiny valid PNG, written by hand."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path


def add_member(services, **raw) -> int:
    values = {
        "name": "王芳",
        "role": "member",
        "school": "江阴市第一中学",
        "joined_on": "2024-09-01",
    }
    values.update(raw)
    return services.members.add(parse_member(values, today=services.members.today()))


def type_text(qtbot, widget, text: str) -> None:
    widget.clear()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:  # QTest cannot type Chinese key by key: input methods insert whole words
        widget.insert(text) if hasattr(widget, "insert") else widget.insertPlainText(text)


@pytest.fixture
def bus(services):
    return ChangeBus(services)


@pytest.fixture
def announced(bus):
    seen: list[frozenset[str]] = []
    bus.changed.connect(seen.append)
    return seen


@pytest.fixture
def member(services) -> int:
    return add_member(services)


@pytest.fixture
def page(qtbot, services, bus, member):
    page = MemberDetailPage(services, bus)
    qtbot.addWidget(page)
    page.resize(1186, 768)
    page.show_member(member)
    return page


def answer_record_dialog(monkeypatch, qtbot, fill):
    """Replace RecordDialog.exec(): ``fill(dialog)`` types into the fields, then Save."""
    seen: list[RecordDialog] = []

    def fake_exec(self):
        seen.append(self)
        fill(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return self.result()

    monkeypatch.setattr(RecordDialog, "exec", fake_exec)
    return seen


# --- models, without views ---


def test_records_model_columns_declared_once(services, member):
    services.growth.add_record(
        member, RecordInput("training", "2025-10-08", "专题培训", "city", None, "1.5")
    )
    model = RecordsModel()
    model.set_rows(services.growth.records(member))
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers == [c.header() for c in RECORD_COLUMNS]
    row = [model.index(0, i).data() for i in range(model.columnCount())]
    assert row == ["2025-10-08", "2025-2026", "Training hours", "City", "专题培训", "1.5", ""]
    assert labels.hours_text(20) == "2.0"


def test_history_line_shows_old_and_new_with_field_names():
    entry = HistoryEntry(
        at=dt.datetime(2026, 11, 21, 2, 30),
        user="secretary",
        action="update",
        table="person",
        record_id="1",
        changes={"school": ["一中", "二中"], "title": ["junior", "intermediate"], "id": [1, 1]},
    )
    assert change_lines(entry) == ["工作单位：一中 → 二中", "职称：Junior → Intermediate"]
    line = history_line(entry)
    assert (line.user, line.what, line.action) == ("secretary", "Personal details", "Changed")
    model = HistoryModel()
    model.set_rows([line])
    assert model.index(0, 4).data() == "工作单位：一中 → 二中\n职称：Junior → Intermediate"


# --- the page ---


def test_no_member_selected(qtbot, services, bus):
    page = MemberDetailPage(services, bus)
    qtbot.addWidget(page)
    assert page.stack.currentIndex() == 0
    assert page.empty_label.text() == "No member selected"
    page.show_member(9999)
    assert page.stack.currentIndex() == 0
    with qtbot.waitSignal(page.back_requested, timeout=1000):
        page.empty_back_button.click()


def test_header_shows_the_member(qtbot, services, bus):
    host = add_member(
        services,
        name="陈静",
        role="host",
        title="中级",
        head_teacher_since="2010",
        school="江苏省江阴中等专业学校",
    )
    page = MemberDetailPage(services, bus)
    qtbot.addWidget(page)
    page.show_member(host)
    assert page.stack.currentIndex() == 1
    assert page.name_label.text() == "陈静"
    assert page.status_label.text() == "Host/leader · Confirmed"
    details = page.details_label.text()
    assert "江苏省江阴中等专业学校" in details
    assert "Intermediate" in details
    assert "16 year(s) as head teacher (since 2010)" in details
    assert "2024-09-01" in details
    assert not page.end_button.isHidden()
    with qtbot.waitSignal(page.back_requested, timeout=1000):
        page.back_button.click()

    services.members.end(host, "2026-07-01", "工作调动")
    page.refresh()
    assert page.status_label.text() == "Host/leader · Left"
    assert "工作调动" in page.details_label.text()
    assert page.end_button.isHidden()


def test_add_record_with_png_evidence(qtbot, monkeypatch, page, services, member, tmp_path):
    photo = png_file(tmp_path / "公开课照片.png")

    def fill(dialog: RecordDialog) -> None:
        dialog.set_kind("public_lesson")
        type_text(qtbot, dialog.date_edit, "2025-10-15")
        dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("school"))
        type_text(qtbot, dialog.title_edit, "德育公开课：诚信从我做起")
        monkeypatch.setattr(ask, "evidence_files", lambda parent: [photo])
        dialog.add_files_button.click()

    seen = answer_record_dialog(monkeypatch, qtbot, fill)
    page.add_record_button.click()

    assert seen and seen[0].result() == QDialog.DialogCode.Accepted
    [record] = services.growth.records(member)
    assert record.title == "德育公开课：诚信从我做起"
    assert [a.original_name for a in record.attachments] == ["公开课照片.png"]
    # the page heard GROWTH on the bus, reloaded, and selected the new record
    assert page.record_titles() == ["德育公开课：诚信从我做起"]
    assert page.selected_record().id == record.id
    row = [page.records_proxy.index(0, c).data() for c in range(len(RECORD_COLUMNS))]
    assert row == ["2025-10-15", "2025-2026", "Public lesson", "School", record.title, "", "1"]
    [item] = page.file_items()
    assert item.text() == "公开课照片.png"
    assert item.data(THUMBNAIL_ROLE) is True
    assert not item.icon().isNull()


def test_kind_filter(qtbot, page, services, member):
    services.growth.add_record(member, RecordInput("paper", "2025-11-01", "班级文化论文"))
    services.growth.add_record(
        member, RecordInput("training", "2025-11-02", "专题培训", None, None, "2")
    )
    page.refresh()
    assert sorted(page.record_titles()) == ["专题培训", "班级文化论文"]
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("paper"))
    assert page.record_titles() == ["班级文化论文"]
    assert page.records_count.text().startswith("1 of 2")
    page.kind_combo.setCurrentIndex(0)
    assert len(page.record_titles()) == 2


def test_bad_date_keeps_the_dialog_open(qtbot, services, member):
    dialog = RecordDialog(services.growth, member, None)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.date_edit, "2025-02-30")
    type_text(qtbot, dialog.title_edit, "班会课展示")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "日期" in dialog.problems_label.text()
    assert "2025-02-30" in dialog.problems_label.text()
    assert "b00020" in dialog.date_edit.styleSheet()
    assert dialog.title_edit.text() == "班会课展示"  # the input stays
    assert services.growth.records(member) == []


def test_training_needs_hours(qtbot, services, member):
    dialog = RecordDialog(services.growth, member, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.hours_edit.isEnabled()
    dialog.set_kind("training")
    assert dialog.hours_edit.isEnabled()
    type_text(qtbot, dialog.date_edit, "2025-10-08")
    type_text(qtbot, dialog.title_edit, "新任班主任培训")
    dialog.save()
    assert dialog.isVisible()
    assert messages.field_name("hours") in dialog.problems_label.text()
    assert "b00020" in dialog.hours_edit.styleSheet()
    assert services.growth.records(member) == []

    type_text(qtbot, dialog.hours_edit, "1.5")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    [record] = services.growth.records(member)
    assert record.hours_tenths == 15


def test_edit_record(qtbot, monkeypatch, page, services, member, announced):
    record_id = services.growth.add_record(member, RecordInput("paper", "2025-11-01", "初稿"))
    page.refresh()
    assert page.select_record(record_id)

    def fill(dialog: RecordDialog) -> None:
        assert dialog.title_edit.text() == "初稿"
        assert dialog.files_box.isHidden()
        type_text(qtbot, dialog.title_edit, "班级文化建设的实践")

    answer_record_dialog(monkeypatch, qtbot, fill)
    page.edit_record_button.click()
    assert frozenset({GROWTH}) in announced
    assert page.record_titles() == ["班级文化建设的实践"]
    assert page.selected_record().id == record_id


def test_attach_files_to_a_record(qtbot, monkeypatch, page, services, member, tmp_path):
    record_id = services.growth.add_record(
        member, RecordInput("honour", "2025-12-01", "优秀班主任")
    )
    page.refresh()
    page.select_record(record_id)
    assert [i.data(THUMBNAIL_ROLE) for i in page.file_items()] == []
    scan = tmp_path / "证书.pdf"
    scan.write_bytes(b"%PDF-1.4 not really")
    monkeypatch.setattr(
        ask, "evidence_files", lambda parent: [scan, png_file(tmp_path / "合影.png")]
    )
    page.attach_button.click()
    items = page.file_items()
    assert [i.text() for i in items] == ["证书.pdf", "合影.png"]
    assert [i.data(THUMBNAIL_ROLE) for i in items] == [False, True]


def test_double_click_opens_the_evidence_file(qtbot, monkeypatch, page, services, member, tmp_path):
    photo = png_file(tmp_path / "现场.png", rgb=(10, 120, 200))
    services.growth.add_record(member, RecordInput("lecture", "2025-11-05", "工作室交流"), [photo])
    page.refresh()
    page.select_record(services.growth.records(member)[0].id)
    opened = []
    monkeypatch.setattr(page, "open_attachment", opened.append)
    page.show()
    qtbot.waitExposed(page)
    [item] = page.file_items()
    view = page.files_list
    point = view.visualItemRect(item).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert [a.original_name for a in opened] == ["现场.png"]
    path = services.growth.attachment_path(opened[0])
    assert path.name == "现场.png"
    assert path.read_bytes() == photo.read_bytes()
    # "Open file" does the same for the selected file
    assert page.open_file_button.isEnabled()
    page.open_file_button.click()
    assert len(opened) == 2 and opened[1].id == opened[0].id


def test_goals_for_a_school_year(qtbot, services, bus, page, member):
    years = page.goal_years()
    assert years == [SchoolYear(2024), SchoolYear(2025), SchoolYear(2026)]  # the studio's cycle
    assert page.select_goal_year(SchoolYear(2025))
    page.save_goals_button.click()  # empty goals are refused, inside the page
    assert messages.field_name("goals") in page.goals_problems.text()
    assert services.growth.goals(member) == []

    page.goals_edit.insertPlainText("开设一节德育公开课；撰写一篇论文。")
    page.save_goals_button.click()
    assert page.goals_problems.text() == ""
    [goal] = services.growth.goals(member)
    assert (goal.school_year, goal.goals) == (
        SchoolYear(2025),
        "开设一节德育公开课；撰写一篇论文。",
    )

    fresh = MemberDetailPage(services, bus)
    qtbot.addWidget(fresh)
    fresh.show_member(member)
    fresh.tabs.setCurrentIndex(1)
    assert fresh.select_goal_year(SchoolYear(2025))
    assert fresh.goals_edit.toPlainText() == "开设一节德育公开课；撰写一篇论文。"
    assert fresh.select_goal_year(SchoolYear(2026))
    assert fresh.goals_edit.toPlainText() == ""


def test_unsaved_goals_survive_switching_years(qtbot, page):
    page.select_goal_year(SchoolYear(2024))
    page.goals_edit.insertPlainText("草稿")
    page.select_goal_year(SchoolYear(2026))
    assert page.goals_edit.toPlainText() == ""
    page.select_goal_year(SchoolYear(2024))
    assert page.goals_edit.toPlainText() == "草稿"


def test_history_lists_creation_and_an_edit(qtbot, monkeypatch, page, services, member, announced):
    def fake_exec(dialog: MemberDialog):
        dialog.ui.schoolEdit.clear()
        dialog.ui.schoolEdit.insert("江阴市第二中学")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(MemberDialog, "exec", fake_exec)
    page.edit_button.click()
    assert frozenset({MEMBERS}) in announced
    assert "江阴市第二中学" in page.details_label.text()

    page.tabs.setCurrentIndex(3)
    lines = page.history_lines()
    school = messages.field_name("school")
    assert lines[0].what == "Personal details"
    assert lines[0].action == "Changed"
    assert lines[0].changes == f"{school}：江阴市第一中学 → 江阴市第二中学"
    added = [(line.what, line.action) for line in lines[1:]]
    assert ("Personal details", "Added") in added
    assert ("Membership", "Added") in added
    created = next(
        line for line in lines if line.what == "Personal details" and line.action == "Added"
    )
    assert f"{messages.field_name('name')}：王芳" in created.changes.splitlines()
    assert page.stages_label.text() == "Selection steps: Confirmed 2026-11-21"


def test_warnings_tab_shows_the_hosts_warning(qtbot, services, bus, member):
    host = add_member(services, name="陈静", role="host", title="初级", head_teacher_since="2024")
    page = MemberDetailPage(services, bus)
    qtbot.addWidget(page)
    page.show_member(host)
    texts = page.warnings_view.texts()
    assert any("职称为初级" in t and "陈静" in t for t in texts)
    assert any(
        "职称为初级" in t and "《江阴中专名班主任工作室建设方案》附件1 一" in t for t in texts
    )
    assert all("《江阴中专名班主任工作室建设方案》附件1" in t for t in texts)
    assert page.tabs.tabText(page.warnings_index) == f"Warnings ({len(texts)})"

    page.show_member(member)  # the ordinary member is not named by the host's warnings
    assert page.warnings_view.texts() == [
        "⚠ 成员已确定名单，未记录协议签订日期 — 王芳\n"
        "    Source: 《江阴中专名班主任工作室建设方案》三、(三)"
    ]
    assert page.tabs.tabText(page.warnings_index) == "Warnings (1)"


def test_page_refreshes_on_the_bus(qtbot, page, services, bus, member):
    services.growth.add_record(member, RecordInput("paper", "2025-11-01", "另一处写入"))
    bus.changed.emit(frozenset({GROWTH}))
    assert page.record_titles() == ["另一处写入"]
