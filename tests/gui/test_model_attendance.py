"""One activity's attendance sheet as a model, with no view: the marks coloured by status,
the note editable, rows added and removed; read-only with fewer columns on the page."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.domain.attendance import FlagState, Tally
from desktop_app.domain.vocab import AttendanceStatus
from desktop_app.gui.models.attendance import STATUS_COLOURS, AttendanceModel, MarkRow
from desktop_app.services.attendance import SheetRow
from tests.gui.model_tools import BACKGROUND, FONT, FOREGROUND, TOOLTIP, cell, colour, headers

ROWS = [
    SheetRow(1, "王芳", "host", "江阴一中", "present", None, Tally(4, 0, FlagState.OK)),
    SheetRow(2, "李强", "member", None, None, "迟到十分钟", Tally(4, 2, FlagState.OVER)),
]


def test_the_sheet(qapp):
    model = AttendanceModel()
    model.set_rows(ROWS)
    assert model.rowCount() == 2 and model.columnCount() == 6
    assert headers(model) == ["Name", "School", "Role", "Attendance", "Note", "Absences so far"]
    assert all(isinstance(r, MarkRow) for r in model.rows())
    assert [cell(model, 0, k) for k in ("name", "school", "role", "status", "note")] == [
        "王芳",
        "江阴一中",
        "Host/leader",
        "Present",
        "",
    ]
    assert cell(model, 1, "status") == "Not marked"
    assert cell(model, 1, "status", FONT).italic()
    present = STATUS_COLOURS[AttendanceStatus.PRESENT.code]
    assert colour(cell(model, 0, "status", BACKGROUND)) == present[0]
    assert colour(cell(model, 0, "status", FOREGROUND)) == present[1]
    assert cell(model, 1, "status", BACKGROUND) is None
    assert cell(model, 1, "badge", BACKGROUND) is not None  # over the line: the badge's colour
    assert cell(model, 0, "note", TOOLTIP)


def test_marks_and_notes_change_the_rows(qapp):
    model = AttendanceModel()
    model.set_rows(ROWS)
    changed = []
    model.dataChanged.connect(lambda a, b: changed.append(a.row()))
    model.set_status([1, 5], "absent")  # a row that is not there is passed over
    assert model.row_at(1).status == "absent" and changed == [1]
    note = model.index(0, model.column_of("note"))
    assert model.flags(note) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.buddy(model.index(0, 0)) == note  # typing on any cell writes the note
    assert model.setData(note, "  请假条已交 ")
    assert model.row_at(0).note == "请假条已交"
    assert not model.setData(model.index(0, 0), "x")
    at = model.add_row(MarkRow(3, "赵敏", "member", None, None, None, Tally(0, 0, FlagState.OK)))
    assert at == 2 and model.rowCount() == 3
    model.remove_rows([0])
    assert [r.name for r in model.rows()] == ["李强", "赵敏"]


def test_read_only_on_the_page(qapp):
    model = AttendanceModel(("name", "status", "badge"), editable=False)
    model.set_rows(ROWS)
    assert headers(model) == ["Name", "Attendance", "Absences so far"]
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert model.buddy(model.index(0, 0)) == model.index(0, 0)
