"""Text written to a spreadsheet cell is never a formula: whatever writer made the
workbook (roster, attendance, ledger, the period workbook), a member called "=1+1" and a
purpose "=HYPERLINK(…)" are read back as the text they are."""

from __future__ import annotations

import datetime as dt

import openpyxl

from desktop_app.documents.sheets.attendance_io import write_attendance
from desktop_app.documents.sheets.cells import no_formulas
from desktop_app.documents.sheets.ledger_io import write_ledger_workbook
from desktop_app.documents.sheets.period_workbook import write_period_workbook
from desktop_app.documents.sheets.roster_io import write_roster
from desktop_app.domain.member_input import MemberData
from desktop_app.domain.period import school_year_period
from desktop_app.domain.school_year import SchoolYear
from desktop_app.services.activities import ActivityInput
from desktop_app.services.attendance import MarkInput
from desktop_app.services.ledger import EntryInput

NAME = "=1+1"
PURPOSE = '=HYPERLINK("http://example.com","点这里")'


def _cells(path):
    book = openpyxl.load_workbook(path)  # formulas stay formulas when read this way
    return [c for ws in book.worksheets for row in ws.iter_rows() for c in row]


def _studio(services):
    member = services.members.add(
        MemberData(name=NAME, role="member", joined_on=dt.date(2025, 9, 1))
    )
    activity = services.activities.create(ActivityInput("2025-10-15", "学习研讨", "读书会"))
    services.attendance.save_many([(activity, [MarkInput(member, "出勤")])], cause="测试")
    services.ledger.add(
        EntryInput("收入", "2025-10-08", "3000", PURPOSE, source="grant", payee=NAME)
    )
    return member


def test_no_formulas_turns_every_formula_cell_back_to_its_text():
    book = openpyxl.Workbook()
    book.active["A1"] = NAME
    book.create_sheet("二")["B2"] = PURPOSE
    assert book.active["A1"].data_type == "f"  # what openpyxl does with such a string
    no_formulas(book)
    assert [book.active["A1"].data_type, book["二"]["B2"].data_type] == ["s", "s"]
    assert book["二"]["B2"].value == PURPOSE


def test_every_writer_keeps_a_name_like_a_formula_as_text(services, tmp_path):
    _studio(services)
    year = SchoolYear(2025)
    written = [
        write_roster(tmp_path / "roster.xlsx", services.members.roster(), mask=True),
        write_attendance(services, tmp_path / "attendance.xlsx"),
        write_ledger_workbook(services, None, tmp_path / "ledger.xlsx"),
        write_period_workbook(services, school_year_period(year), tmp_path / "period.xlsx"),
    ]
    for path in written:
        cells = _cells(path)
        assert not [c.coordinate for c in cells if c.data_type == "f"], path.name
        assert any(c.value in (NAME, PURPOSE) for c in cells), path.name
