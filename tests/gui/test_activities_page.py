"""The activities page, the activity dialog and the attendance dialog, driven through
their real widgets; dialogs answered by replacing exec() and the file choosers."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import struct  # noqa: E402
import sys  # noqa: E402
import types  # noqa: E402
import zlib  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
)

from desktop_app.domain.attendance import FlagState  # noqa: E402
from desktop_app.domain.changes import ACTIVITIES, ATTENDANCE  # noqa: E402
from desktop_app.domain.member_input import parse_member  # noqa: E402
from desktop_app.domain.school_year import SchoolYear  # noqa: E402
from desktop_app.gui import ask  # noqa: E402
from desktop_app.gui.bus import ChangeBus  # noqa: E402
from desktop_app.gui.dialogs.activity_dialog import ActivityDialog  # noqa: E402
from desktop_app.gui.dialogs.attendance_dialog import AttendanceDialog  # noqa: E402
from desktop_app.gui.main_window import MainWindow  # noqa: E402
from desktop_app.gui.models.activities import ACTIVITY_COLUMNS, ActivitiesModel  # noqa: E402
from desktop_app.gui.models.attendance import AttendanceModel  # noqa: E402
from desktop_app.gui.pages.activities import (  # noqa: E402
    THUMBNAIL_ROLE,
    ActivitiesPage,
    AttendancePreviewDialog,
)
from desktop_app.services.activities import ActivityInput  # noqa: E402
from desktop_app.services.attendance import MarkInput  # noqa: E402


def png_file(path: Path, width: int = 12, height: int = 8, rgb=(40, 120, 200)) -> Path:
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


def add_member(services, name: str, **raw) -> int:
    values = {"name": name, "role": "member", "school": "江阴市第一中学", "joined_on": "2024-09-01"}
    values.update(raw)
    return services.members.add(parse_member(values, today=services.members.today()))


def add_activity(services, date: str, topic: str, kind: str = "study", **more) -> int:
    return services.activities.create(ActivityInput(date=date, kind=kind, topic=topic, **more))


def type_text(qtbot, widget, text: str) -> None:
    widget.clear()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:  # QTest cannot type Chinese key by key: input methods insert whole words
        widget.insert(text) if hasattr(widget, "insert") else widget.insertPlainText(text)


@pytest.fixture(autouse=True)
def reported(monkeypatch):
    """Flag changes reported after a save; no message box ever blocks a test."""
    seen: list[dict] = []
    monkeypatch.setattr(AttendanceDialog, "report_changes", lambda self, c: seen.append(c))

    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("information", "warning", "question", "critical"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    return seen


@pytest.fixture
def bus(services):
    return ChangeBus(services)


@pytest.fixture
def announced(bus):
    seen: list[frozenset[str]] = []
    bus.changed.connect(seen.append)
    return seen


@pytest.fixture
def page(qtbot, services, bus):
    page = ActivitiesPage(services, bus)
    qtbot.addWidget(page)
    page.resize(1166, 740)
    return page


@pytest.fixture
def trio(services) -> dict[str, int]:
    """Three members expected at sessions; 李明 has missed 3 of 9: one more crosses (the
    studio reads 以上 as 'more than', its own setting against its preset's)."""
    services.studio.set_setting("attendance.exact_third_counts", False)
    ids = {name: add_member(services, name) for name in ("王芳", "李明", "张伟")}
    for i in range(9):
        aid = add_activity(services, f"2025-{9 + i % 4:02d}-{10 + i:02d}", f"往期研讨{i + 1}")
        services.attendance.save_marks(
            aid,
            [
                MarkInput(mid, "absent" if name == "李明" and i < 3 else "present")
                for name, mid in ids.items()
            ],
        )
    return ids


# --- models, without views ---


def test_activities_model_columns_declared_once(services):
    add_activity(
        services,
        "2026-10-15",
        "班会课设计",
        kind="open_lesson",
        start_time="14:00",
        end_time="16:00",
        place="301教室",
        presenter="陈静",
        hours="2",
        takes_attendance=False,
    )
    model = ActivitiesModel()
    model.set_rows(services.activities.list())
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers == [c.header() for c in ACTIVITY_COLUMNS]
    row = [model.index(0, i).data() for i in range(model.columnCount())]
    assert row == [
        "2026-10-15",
        "14:00–16:00",
        "Open lesson",
        "班会课设计",
        "301教室",
        "陈静",
        "2.0",
        "No attendance",
        "",
    ]


def test_attendance_model_sets_status_and_note(services, trio):
    aid = add_activity(services, "2026-11-20", "班会课设计研讨")
    model = AttendanceModel()
    model.set_rows(services.attendance.sheet(aid).rows)
    assert [r.name for r in model.rows()] == ["王芳", "李明", "张伟"]
    status = model.column_of("status")
    assert model.index(0, status).data() == "Not marked"
    model.set_status([0, 2], "late")
    assert [model.index(r, status).data() for r in range(3)] == ["Late", "Not marked", "Late"]
    note = model.index(1, model.column_of("note"))
    assert model.flags(note) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(note, "  病假条已交 ")
    assert model.row_at(1).note == "病假条已交"
    assert model.index(1, model.column_of("badge")).data() == "At risk · missed 3/9"
    readonly = AttendanceModel(("name", "status"), editable=False)
    readonly.set_rows(model.rows())
    assert readonly.columnCount() == 2
    assert not readonly.flags(readonly.index(0, 1)) & Qt.ItemFlag.ItemIsEditable


# --- logging activities ---


def answer_activity_dialog(monkeypatch, fill):
    """Replace ActivityDialog.exec(): ``fill(dialog)`` types and saves as often as it likes."""
    seen: list[ActivityDialog] = []

    def fake_exec(self):
        seen.append(self)
        fill(self)
        return self.result()

    monkeypatch.setattr(ActivityDialog, "exec", fake_exec)
    return seen


def test_new_activity_shows_problems_in_the_dialog_then_saves(
    qtbot, monkeypatch, page, services, announced, tmp_path
):
    photo = png_file(tmp_path / "研讨现场.png")

    def save(dialog):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    def fill(dialog: ActivityDialog) -> None:
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.date_edit.text() == "2026-11-21"  # today
        assert dialog.attendance_check.isChecked()
        type_text(qtbot, dialog.date_edit, "2025-02-30")
        type_text(qtbot, dialog.topic_edit, "主题班会设计研讨")
        dialog.set_kind("seminar")
        save(dialog)
        assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
        assert "日期" in dialog.problems_label.text()
        assert "2025-02-30" in dialog.problems_label.text()
        assert dialog.bad_fields() == ["date"]
        assert services.activities.list() == []

        type_text(qtbot, dialog.date_edit, "2025-03-12")
        type_text(qtbot, dialog.start_edit, "16:00")
        type_text(qtbot, dialog.end_edit, "14:30")
        save(dialog)
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert "结束时间" in dialog.problems_label.text()
        assert dialog.bad_fields() == ["end_time"]
        assert dialog.topic_edit.text() == "主题班会设计研讨"  # the input stays
        assert services.activities.list() == []

        type_text(qtbot, dialog.start_edit, "14:00")
        type_text(qtbot, dialog.place_edit, "行政楼三楼会议室")
        type_text(qtbot, dialog.presenter_edit, "陈静")
        type_text(qtbot, dialog.hours_edit, "1.5")
        type_text(qtbot, dialog.content_edit, "围绕安全教育主题设计班会课")
        monkeypatch.setattr(ask, "evidence_files", lambda parent: [photo])
        dialog.add_files_button.click()
        save(dialog)

    seen = answer_activity_dialog(monkeypatch, fill)
    page.new_button.click()

    assert seen[0].result() == QDialog.DialogCode.Accepted
    [info] = services.activities.list()
    assert (info.topic, info.kind, info.place, info.hours_tenths) == (
        "主题班会设计研讨",
        "seminar",
        "行政楼三楼会议室",
        15,
    )
    assert (info.school_year, info.term, info.time_text) == (SchoolYear(2024), 2, "14:00–14:30")
    assert frozenset({ACTIVITIES}) in announced
    # the page widened its filter to the activity's school year and selected it
    assert page.school_year() == SchoolYear(2024)
    assert page.selected_activity().id == info.id
    texts = page.row_texts(info.id)
    assert (texts["kind"], texts["attendance"], texts["photos"]) == ("Seminar", "Not taken", "1")
    assert "围绕安全教育主题设计班会课" in page.detail.toPlainText()
    [item] = page.file_items()
    assert item.text() == "研讨现场.png"
    assert item.data(THUMBNAIL_ROLE) is True
    assert not item.icon().isNull()


def new_activity_dialog(qtbot, services) -> ActivityDialog:
    dialog = ActivityDialog(services.activities)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def shown(edit) -> str:
    """What a field shows: its text, or its grey hint when empty."""
    return edit.text() or edit.placeholderText()


def test_a_new_activity_shows_only_values_it_has_and_saves_exactly_what_it_showed(qtbot, services):
    # the studio's first activity: no time or hours to go by, so none is shown
    dialog = new_activity_dialog(qtbot, services)
    times = (dialog.start_edit, dialog.end_edit, dialog.hours_edit)
    assert [e.text() for e in times] == ["", "", ""]
    for edit in times:  # a hint reads as a hint, never as a value
        assert shown(edit).startswith("e.g. "), shown(edit)
    type_text(qtbot, dialog.topic_edit, "主题班会设计研讨")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    first = services.activities.get(dialog.saved_id)
    assert (first.start_time, first.end_time, first.hours_tenths) == (None, None, None)

    # with one that has its times, the next starts from the studio's usual times
    services.activities.update(
        first.id,
        ActivityInput(
            "2026-11-19",
            "study",
            "主题班会设计研讨",
            start_time="14:30",
            end_time="16:30",
            hours="2",
        ),
    )
    dialog = new_activity_dialog(qtbot, services)
    assert [e.text() for e in (dialog.start_edit, dialog.end_edit, dialog.hours_edit)] == [
        "14:30",
        "16:30",
        "2",
    ]
    type_text(qtbot, dialog.topic_edit, "读书交流")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    second = services.activities.get(dialog.saved_id)
    assert (second.time_text, second.hours_tenths) == ("14:30–16:30", 20)


def test_edit_keeps_the_values_and_adds_a_summary(qtbot, monkeypatch, page, services):
    aid = add_activity(services, "2026-10-15", "班会课设计", start_time="14:00", hours="2")
    page.refresh()
    assert page.select_activity(aid)

    def fill(dialog):
        assert dialog.windowTitle() == "Edit activity"
        assert dialog.files_box.isHidden()
        assert (dialog.start_edit.text(), dialog.hours_edit.text()) == ("14:00", "2")
        type_text(qtbot, dialog.summary_edit, "形成班会课设计模板一份")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    answer_activity_dialog(monkeypatch, fill)
    page.edit_button.click()
    info = services.activities.get(aid)
    assert info.summary == "形成班会课设计模板一份"
    assert info.hours_tenths == 20
    assert "形成班会课设计模板一份" in page.detail.toPlainText()


def test_filters_by_school_year_term_kind_and_text(qtbot, page, services):
    add_activity(services, "2026-09-20", "新学年计划研讨", kind="study")
    add_activity(
        services, "2026-10-18", "专家讲座：班级管理", kind="expert_lecture", place="报告厅"
    )
    add_activity(services, "2027-03-05", "春季公开课", kind="open_lesson")
    add_activity(services, "2025-11-11", "去年的研讨", kind="study")
    page.refresh()
    # the current school year (today 2026-11-21) by default, newest first
    assert page.school_year() == SchoolYear(2026)
    assert page.visible_topics() == ["春季公开课", "专家讲座：班级管理", "新学年计划研讨"]
    assert page.count_label.text().startswith("3 activities")

    page.set_term(1)
    assert page.visible_topics() == ["专家讲座：班级管理", "新学年计划研讨"]
    page.set_term(2)
    assert page.visible_topics() == ["春季公开课"]
    page.set_term(None)

    page.set_kind("study")
    assert page.visible_topics() == ["新学年计划研讨"]
    page.set_kind(None)

    type_text(qtbot, page.text_edit, "报告厅")  # place matches too
    assert page.visible_topics() == ["专家讲座：班级管理"]
    type_text(qtbot, page.text_edit, "没有这个")
    assert page.visible_topics() == []
    assert page.empty_label.text() == "No activity matches the filter."
    page.text_edit.clear()

    page.set_school_year(SchoolYear(2025))
    assert page.visible_topics() == ["去年的研讨"]
    page.set_school_year(None)  # all school years
    assert len(page.visible_topics()) == 4


def test_attach_photo_shows_thumbnail_and_opens(qtbot, monkeypatch, page, services, tmp_path):
    aid = add_activity(services, "2026-11-02", "读书分享会")
    page.refresh()
    assert page.select_activity(aid)
    assert page.file_items() == []
    photo = png_file(tmp_path / "读书会.png")
    doc = tmp_path / "签到表.pdf"
    doc.write_bytes(b"%PDF-1.4\n")
    monkeypatch.setattr(ask, "evidence_files", lambda parent: [doc, photo])
    page.attach_button.click()

    assert page.selected_activity().id == aid
    items = page.file_items()
    assert [i.text() for i in items] == ["读书会.png", "签到表.pdf"]  # photos first
    assert [i.data(THUMBNAIL_ROLE) for i in items] == [True, False]
    assert page.row_texts(aid)["photos"] == "1"

    opened = []
    monkeypatch.setattr(page, "open_attachment", opened.append)
    page.files_list.itemDoubleClicked.emit(items[0])
    assert [a.original_name for a in opened] == ["读书会.png"]
    assert services.activities.attachment_path(opened[0]).read_bytes() == photo.read_bytes()


def test_delete_asks_and_removes(qtbot, monkeypatch, page, services, announced):
    aid = add_activity(services, "2026-11-02", "读书分享会")
    page.refresh()
    page.select_activity(aid)
    asked = []
    monkeypatch.setattr(page, "confirm_delete", lambda info: asked.append(info.id) or False)
    page.delete_button.click()
    assert asked == [aid]
    assert [a.id for a in services.activities.list()] == [aid]

    monkeypatch.setattr(page, "confirm_delete", lambda info: True)
    page.delete_button.click()
    assert services.activities.list() == []
    assert page.visible_topics() == []
    assert frozenset({ACTIVITIES}) in announced  # it had no marks: no attendance changed


# --- taking attendance ---


def test_take_attendance_by_keyboard_and_the_badge_changes(
    qtbot, monkeypatch, page, services, trio, announced, reported
):
    aid = add_activity(services, "2026-11-20", "班会课设计研讨")
    page.refresh()
    assert page.select_activity(aid)
    assert page.marks_badges()["李明"] == "At risk · missed 3/9"

    def fake_exec(self):
        qtbot.addWidget(self)
        self.show()
        qtbot.waitExposed(self)
        assert self.focusWidget() is self.table
        assert self.selected_rows() == [0]
        assert [r.name for r in self.rows()] == ["王芳", "李明", "张伟"]
        assert self.badge_of("李明") == "At risk · missed 3/9"
        qtbot.keyClick(self.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        assert [r.status for r in self.rows()] == ["present"] * 3
        qtbot.keyClick(self.table, Qt.Key.Key_Down)
        qtbot.keyClick(self.table, Qt.Key.Key_5)
        assert [r.status for r in self.rows()] == ["present", "absent", "present"]
        assert self.selected_rows() == [2]  # moved on to the next
        self.save_button.click()
        return self.result()

    monkeypatch.setattr(AttendanceDialog, "exec", fake_exec)
    page.attendance_button.click()

    sheet = services.attendance.sheet(aid)
    assert sheet.saved
    assert {r.name: r.status for r in sheet.rows} == {
        "王芳": "present",
        "李明": "absent",
        "张伟": "present",
    }
    assert reported == [{trio["李明"]: (FlagState.AT_RISK, FlagState.OVER)}]
    assert frozenset({ATTENDANCE}) in announced
    # the page heard ATTENDANCE and shows the new state at once
    assert page.marks_badges()["李明"] == "Over the line · missed 4/10"
    assert page.row_texts(aid)["attendance"] == "2/3 present"
    dialog = AttendanceDialog(services, aid)
    qtbot.addWidget(dialog)
    assert dialog.badge_of("李明") == "Over the line · missed 4/10"
    assert dialog.status_of("李明") == "absent"  # the saved marks come back


def test_report_lists_the_changed_flags(qtbot, services, trio):
    aid = add_activity(services, "2026-11-20", "班会课设计研讨")
    dialog = AttendanceDialog(services, aid)
    qtbot.addWidget(dialog)
    changes = services.attendance.save_marks(
        aid, [MarkInput(mid, "absent") for mid in trio.values()]
    )
    assert dialog.change_lines(changes) == ["李明: At risk → Over the line (missed 4/10)"]


def test_every_key_marks_and_several_rows_at_once(qtbot, services, trio):
    aid = add_activity(services, "2026-11-20", "班会课设计研讨")
    dialog = AttendanceDialog(services, aid)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.table
    for row, (key, status) in enumerate(
        ((Qt.Key.Key_2, "late"), (Qt.Key.Key_3, "left_early"), (Qt.Key.Key_4, "leave"))
    ):
        qtbot.keyClick(table, key)
        assert dialog.rows()[row].status == status
    assert [r.status for r in dialog.rows()] == ["late", "left_early", "leave"]
    qtbot.keyClick(table, Qt.Key.Key_Up)
    qtbot.keyClick(table, Qt.Key.Key_Up)
    qtbot.keyClick(table, Qt.Key.Key_P)
    qtbot.keyClick(table, Qt.Key.Key_V)
    qtbot.keyClick(table, Qt.Key.Key_E)  # the last row stays selected
    assert [r.status for r in dialog.rows()] == ["present", "leave", "left_early"]
    qtbot.keyClick(table, Qt.Key.Key_0)
    assert dialog.rows()[2].status is None
    # Shift+Up selects two rows; one key marks both
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.selected_rows() == [1, 2]
    qtbot.keyClick(table, Qt.Key.Key_L)
    assert [r.status for r in dialog.rows()] == ["present", "late", "late"]
    qtbot.keyClick(table, Qt.Key.Key_A)  # plain A: absent
    assert dialog.rows()[2].status == "absent"
    # "all present" with every row marked marks everyone present
    dialog.all_present_button.click()
    assert [r.status for r in dialog.rows()] == ["present"] * 3
    assert "3 on the list, 3 marked" in dialog.count_label.text()
    assert "5" in dialog.legend.text() and "Absent" in dialog.legend.text()


def test_saving_with_an_unmarked_row_is_refused_naming_the_member(qtbot, services, trio):
    aid = add_activity(services, "2026-11-20", "班会课设计研讨")
    dialog = AttendanceDialog(services, aid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.table, Qt.Key.Key_1)
    dialog.save_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    text = dialog.problems_label.text()
    assert "李明" in text and "张伟" in text and "王芳" not in text
    assert dialog.selected_rows() == [1]  # the first one without a mark
    assert not services.attendance.sheet(aid).saved


def test_remove_from_the_list_and_add_back(qtbot, monkeypatch, services, trio):
    host = add_member(services, "陈静", role="host")
    aid = add_activity(services, "2026-11-20", "班会课设计研讨")
    dialog = AttendanceDialog(services, aid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    dialog.remove_button.click()
    assert [r.name for r in dialog.rows()] == ["王芳", "张伟"]

    offered = []

    def ask(candidates):
        offered.append(sorted(c.name for c in candidates))
        return trio["李明"]

    monkeypatch.setattr(dialog, "ask_member", ask)
    dialog.add_button.click()
    assert offered == [["李明", "陈静"]]  # the host is not expected by default, but may come
    assert [r.name for r in dialog.rows()] == ["王芳", "张伟", "李明"]
    assert dialog.rows()[2].status is None
    assert dialog.selected_rows() == [2]

    monkeypatch.setattr(dialog, "ask_member", lambda candidates: host)
    dialog.add_button.click()
    qtbot.keyClick(dialog.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = services.attendance.sheet(aid).rows
    assert sorted(r.name for r in saved) == ["张伟", "李明", "王芳", "陈静"]

    # everyone is listed now: nothing more to add
    again = AttendanceDialog(services, aid)
    qtbot.addWidget(again)
    again.add_button.click()
    assert "on the list" in again.problems_label.text()


def test_note_is_typed_and_saved(qtbot, services, trio):
    aid = add_activity(services, "2026-11-20", "班会课设计研讨")
    dialog = AttendanceDialog(services, aid)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.mark_all_present()
    index = dialog.model.index(1, dialog.model.column_of("note"))
    dialog.model.setData(index, "迟到十分钟，已说明")
    dialog.save_button.click()
    notes = {r.name: r.note for r in services.attendance.sheet(aid).rows}
    assert notes["李明"] == "迟到十分钟，已说明"


def open_sheet(qtbot, services, aid) -> AttendanceDialog:
    dialog = AttendanceDialog(services, aid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def editor_of(dialog: AttendanceDialog):
    editor = dialog.table.focusWidget()  # the editor, where the typing goes
    assert dialog.table.state() == QAbstractItemView.State.EditingState
    assert isinstance(editor, QLineEdit) and dialog.table.isAncestorOf(editor)
    return editor


def test_f2_writes_a_note_on_the_current_row_and_it_is_saved(qtbot, services, trio):
    aid = add_activity(services, "2026-11-20", "班会课设计研讨")
    dialog = open_sheet(qtbot, services, aid)
    qtbot.keyClick(dialog.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)  # 李明, on the attendance column
    assert dialog.table.currentIndex().column() == dialog.model.column_of("status")
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    editor = editor_of(dialog)
    qtbot.keyClicks(editor, "late 10 min")
    editor.insert("，已说明")  # Chinese comes whole from the input method
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the note is done; the sheet stays open
    qtbot.waitUntil(lambda: dialog.table.state() != QAbstractItemView.State.EditingState)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.rows()[1].note == "late 10 min，已说明"
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter in the table saves
    assert dialog.result() == QDialog.DialogCode.Accepted
    notes = {r.name: r.note for r in services.attendance.sheet(aid).rows}
    assert notes == {"王芳": None, "李明": "late 10 min，已说明", "张伟": None}


def test_a_note_still_being_typed_is_saved_and_chinese_typing_starts_one(qtbot, services, trio):
    aid = add_activity(services, "2026-11-20", "班会课设计研讨")
    dialog = open_sheet(qtbot, services, aid)
    dialog.mark_all_present()
    dialog.select_row(2)  # 张伟
    # text from the input method (Chinese) goes into a note, not into a search of names
    event = QInputMethodEvent()
    event.setCommitString("请假半天")
    QApplication.sendEvent(dialog.table, event)
    editor = editor_of(dialog)
    assert editor.text() == "请假半天"
    qtbot.keyClicks(editor, "!")
    dialog.save_button.click()  # while the note is still open
    assert dialog.result() == QDialog.DialogCode.Accepted
    notes = {r.name: r.note for r in services.attendance.sheet(aid).rows}
    assert notes["张伟"] == "请假半天!"


def test_activity_without_attendance_cannot_take_it(qtbot, page, services):
    aid = add_activity(services, "2026-11-02", "外出考察", kind="field_trip", takes_attendance="否")
    page.refresh()
    page.select_activity(aid)
    assert not page.attendance_button.isEnabled()
    assert "not taken at this activity" in page.marks_title.text()
    assert page.row_texts(aid)["attendance"] == "No attendance"


# --- files made by others' modules: the page calls them ---


@dataclass
class FakeChange:
    text: str


@dataclass
class FakePreview:
    changes: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem_lines(self) -> list[str]:
        return [str(p) for p in self.problems]


@pytest.fixture
def fake_io(monkeypatch):
    """Stand-ins for the attendance workbook module and the sign-in sheet writer."""
    calls: list[tuple] = []
    io = types.ModuleType("desktop_app.documents.sheets.attendance_io")

    class AttendanceImportError(Exception):
        pass

    def write_attendance(services, path):
        calls.append(("write", path))
        path.write_bytes(b"xlsx")
        return path

    def read_attendance(path, services):
        calls.append(("read", path))
        if path.name == "bad.xlsx":
            raise AttendanceImportError("不是考勤表")
        return io.preview

    def apply_attendance(preview, services):
        calls.append(("apply", preview))
        add_activity(services, "2026-03-02", "导入的研讨")  # a write, as an import's
        return "导入 3 条考勤"

    io.AttendanceImportError = AttendanceImportError
    io.write_attendance = write_attendance
    io.read_attendance = read_attendance
    io.apply_attendance = apply_attendance
    io.preview = FakePreview([FakeChange("2026-11-20《研讨》 李明：缺勤")])
    signin = types.ModuleType("desktop_app.documents.reports.signin")

    def write_signin_sheet(services, activity_id, out):
        calls.append(("signin", activity_id, out))
        out.write_bytes(b"%PDF")
        return out

    signin.write_signin_sheet = write_signin_sheet
    monkeypatch.setitem(sys.modules, "desktop_app.documents.sheets.attendance_io", io)
    monkeypatch.setitem(sys.modules, "desktop_app.documents.reports.signin", signin)
    return types.SimpleNamespace(calls=calls, io=io)


def test_signin_sheet_and_export_call_the_writers(
    qtbot, monkeypatch, page, services, fake_io, tmp_path
):
    aid = add_activity(services, "2026-11-20", "班会课/设计")
    page.refresh()
    page.select_activity(aid)
    suggested = []

    def ask_save_path(parent, kind, title, name, **_):
        suggested.append(name)
        return tmp_path / name

    monkeypatch.setattr(ask, "save_document", ask_save_path)
    page.signin_button.click()
    assert suggested[-1] == "2026-11-20-班会课_设计-签到表.pdf"
    assert fake_io.calls[-1] == ("signin", aid, tmp_path / suggested[-1])
    assert "签到表.pdf" in page.status_label.text()

    page.export_button.click()
    assert suggested[-1].endswith("考勤.xlsx")
    assert fake_io.calls[-1] == ("write", tmp_path / suggested[-1])


def test_import_shows_a_preview_and_applies(
    qtbot, monkeypatch, page, services, fake_io, announced, tmp_path
):
    monkeypatch.setattr(ask, "open_workbook", lambda parent, kind, title: tmp_path / "考勤.xlsx")
    previews = []

    def make_preview(preview):
        dialog = AttendancePreviewDialog(preview)
        qtbot.addWidget(dialog)
        previews.append(dialog)
        monkeypatch.setattr(dialog, "exec", lambda: dialog.import_button.isEnabled())
        return dialog

    monkeypatch.setattr(page, "make_import_preview", make_preview)
    page.import_button.click()
    assert "李明：缺勤" in previews[0].changes_view.toPlainText()
    assert previews[0].import_button.isEnabled()
    assert fake_io.calls[-1][0] == "apply"
    assert page.status_label.text() == "导入 3 条考勤"
    assert frozenset({ACTIVITIES}) in announced  # what the stand-in wrote

    # a preview with problems cannot be imported
    fake_io.io.preview = FakePreview([], ["第 3 行：未知成员 赵六"])
    page.import_button.click()
    assert not previews[1].import_button.isEnabled()
    assert "赵六" in previews[1].problems_view.toPlainText()
    assert fake_io.calls[-1][0] == "read"

    # a file that is not an attendance workbook: a warning, no preview
    warned = []
    monkeypatch.setattr(ask, "warn", lambda parent, title, text: warned.append(text))
    monkeypatch.setattr(ask, "open_workbook", lambda parent, kind, title: tmp_path / "bad.xlsx")
    page.import_button.click()
    assert warned == ["不是考勤表"] and len(previews) == 2


# --- in the main window ---


def test_main_window_shows_the_activities_page(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show_page("activities")
    assert isinstance(window.pages["activities"], ActivitiesPage)
    assert window.current_page_id() == "activities"


def test_the_real_writers_and_reader(qtbot, monkeypatch, page, services, trio, tmp_path):
    """The page with the sign-in sheet and attendance workbook modules themselves."""
    aid = add_activity(services, "2026-11-20", "班会课设计研讨", start_time="14:00")
    page.refresh()
    page.select_activity(aid)
    monkeypatch.setattr(
        ask, "save_document", lambda parent, kind, title, name, **_: tmp_path / name
    )
    page.signin_button.click()
    pdf = tmp_path / "2026-11-20-班会课设计研讨-签到表.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")

    page.export_button.click()
    [workbook] = tmp_path.glob("*考勤.xlsx")
    monkeypatch.setattr(ask, "open_workbook", lambda parent, kind, title: workbook)
    previews = []

    def make_preview(preview):
        dialog = page.__class__.make_import_preview(page, preview)
        qtbot.addWidget(dialog)
        previews.append(dialog)
        monkeypatch.setattr(dialog, "exec", lambda: False)  # looked at, then cancelled
        return dialog

    monkeypatch.setattr(page, "make_import_preview", make_preview)
    page.import_button.click()
    [dialog] = previews
    assert dialog.windowTitle().endswith(workbook.name)
    assert dialog.import_button.isEnabled() == dialog.preview.ok
