"""The period workbook (documents/sheets/period_workbook.py): its sheets, frozen headers, print
setup, and numbers that agree with the services'."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from desktop_app.demo.builder import build_demo
from desktop_app.documents.reports.sections import PeriodData
from desktop_app.documents.sheets.period_workbook import (
    SHEETS,
    SUMMARY_HEADER,
    write_period_workbook,
)
from desktop_app.domain.attendance import FlagState
from desktop_app.domain.ledger import Direction
from desktop_app.domain.period import parse_period, school_year_period
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import AttendanceStatus
from desktop_app.services.app import AppServices
from tests.conftest import TODAY

Y2025 = SchoolYear(2025)
HEADER_ROW, FIRST_ROW = 2, 3


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("workbook") / "demo.sqlite3"
    build_demo(path, seed=1, today=TODAY)
    services = AppServices.open(path, today=lambda: TODAY)
    yield services
    services.close()


@pytest.fixture(scope="module")
def data(demo):
    return PeriodData(demo, school_year_period(Y2025))


@pytest.fixture(scope="module")
def book(demo, data, tmp_path_factory):
    out = tmp_path_factory.mktemp("wb") / "2025-2026.xlsx"
    path = write_period_workbook(demo, data.period, out, data=data)
    return path, openpyxl.load_workbook(path)


def header(ws) -> list:
    return [c.value for c in ws[HEADER_ROW]]


def column(ws, name: str) -> int:
    return header(ws).index(name) + 1


def test_sheets_frozen_headers_and_print_setup(book):
    _, wb = book
    assert wb.sheetnames == list(SHEETS)
    for ws in wb.worksheets:
        expected = "D3" if ws.title == "考勤" else "A3"
        assert ws.freeze_panes == expected, ws.title
        assert ws.page_setup.orientation == "landscape", ws.title
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4  # "9": A4
        assert ws.print_title_rows.replace("$", "") == "2:2"
        assert ws.column_dimensions["B"].width > 0
        assert "华磊名班主任工作室" in ws.cell(row=1, column=1).value
    assert wb["考勤"].print_title_cols.replace("$", "") == "A:C"


def test_summary_row_agrees_with_the_figures(book, data):
    _, wb = book
    ws = wb["申报汇总表"]
    assert header(ws) == list(SUMMARY_HEADER)
    row = {h: ws.cell(row=FIRST_ROW, column=i).value for i, h in enumerate(SUMMARY_HEADER, 1)}
    f = data.figures
    studio = data.studio
    assert row["工作室名称"] == studio.name
    assert row["主持人"] == data.host.name
    assert row["建设周期"] == "2024-2027"
    assert row["成员人数"] == f.members == len(data.members)
    assert row["开展活动（次）"] == f.held
    assert (row["应到人次"], row["实到人次"]) == (f.expected, f.attended)
    assert row["缺勤超线人数"] == len(f.flagged)
    assert Decimal(str(row["到账经费（元）"])) == Decimal(f.granted_fen) / 100
    assert Decimal(str(row["支出经费（元）"])) == Decimal(f.spent_fen) / 100
    assert row["年度职责完成"] == f"{f.duties_done}/{f.duties_total}"
    assert "*" in row["联系电话"]  # masked


def test_roster_sheet_lists_the_period_members_masked(book, data):
    _, wb = book
    ws = wb["名册"]
    names = [ws.cell(row=r, column=2).value for r in range(FIRST_ROW, ws.max_row + 1)]
    assert names == [m.name for m in data.members]
    phones = [
        ws.cell(row=r, column=column(ws, "联系电话")).value
        for r in range(FIRST_ROW, ws.max_row + 1)
    ]
    assert all(p is None or "*" in p for p in phones)


def test_activity_sheet_matches_the_activity_log(book, data):
    _, wb = book
    ws = wb["活动"]
    topics = [
        ws.cell(row=FIRST_ROW + i, column=column(ws, "主题")).value
        for i in range(len(data.activities))
    ]
    assert topics == [a.topic for a in data.activities]
    first = data.activities[0]
    assert ws.cell(row=FIRST_ROW, column=2).value.date() == first.date
    assert ws.cell(row=FIRST_ROW, column=column(ws, "实到")).value == first.present
    total = ws.max_row
    assert ws.cell(row=total, column=1).value == "合计"
    assert ws.cell(row=total, column=column(ws, "应到")).value == data.figures.expected


def test_attendance_matrix_agrees_with_the_marks(book, demo, data):
    _, wb = book
    ws = wb["考勤"]
    heads = header(ws)
    sessions = [a for a in data.activities if a.takes_attendance and a.id in data.marks]
    assert len(heads) == 3 + len(sessions) + 6
    a = sessions[0]
    sheet = demo.attendance.sheet(a.id)
    for i, row in enumerate(data.attendance):
        r = FIRST_ROW + i
        assert ws.cell(row=r, column=2).value == row.name
        mark = next((s for s in sheet.rows if s.membership_id == row.membership_id), None)
        value = ws.cell(row=r, column=4).value
        if mark is None or mark.status is None:
            assert value is None
        else:
            assert value == AttendanceStatus.from_code(mark.status).zh
        tail = 4 + len(sessions)
        assert ws.cell(row=r, column=tail).value == row.tally.expected
        ratio = ws.cell(row=r, column=tail + 4).value
        # the flag's ratio: over the studio's window up to the period's end
        assert ratio == (row.flag.ratio_text if row.flag.expected else "—")
        assert ws.cell(row=r, column=tail + 5).value == row.state.zh
    flagged = [r for r in data.attendance if r.state == FlagState.OVER]
    assert flagged, "the demo has a member over the line"


def test_duties_sheet_agrees_with_the_grid(book, demo):
    _, wb = book
    ws = wb["年度职责"]
    grid = demo.duties.grid(Y2025)
    last = ws.max_row
    assert ws.cell(row=last, column=1).value == "2025-2026 合计"
    assert ws.cell(row=last, column=ws.max_column).value == (
        f"{grid.done_count}/{grid.done_count + grid.missing_count}"
    )
    names = [ws.cell(row=r, column=3).value for r in range(FIRST_ROW, last)]
    assert names == [r.name for r in grid.rows]


def test_ledger_sheet_totals_agree_with_the_entries(book, demo, data):
    _, wb = book
    ws = wb["经费"]
    period = data.period
    entries = [e for e in demo.ledger.entries() if period.contains(e.date)]
    amounts = [
        ws.cell(row=FIRST_ROW + i, column=column(ws, "金额")).value for i in range(len(entries))
    ]
    assert [Decimal(str(a)) for a in amounts] == [Decimal(e.signed_fen) / 100 for e in entries]
    labels = {
        ws.cell(row=r, column=6).value: ws.cell(row=r, column=11).value
        for r in range(FIRST_ROW, ws.max_row + 1)
    }
    income = sum(e.signed_fen for e in entries if e.direction == Direction.INCOME)
    expense = -sum(e.signed_fen for e in entries if e.direction == Direction.EXPENSE)
    assert Decimal(str(labels["本期到账经费"])) == Decimal(income) / 100
    assert Decimal(str(labels["本期支出经费"])) == Decimal(expense) / 100
    assert Decimal(str(labels["本期收支差额"])) == Decimal(income - expense) / 100


def test_the_same_records_give_the_same_bytes(demo, data, book, tmp_path):
    path, _ = book
    again = write_period_workbook(demo, data.period, tmp_path / "again.xlsx")
    assert again.read_bytes() == path.read_bytes()
    with zipfile.ZipFile(again) as z:
        core = z.read("docProps/core.xml").decode()
        assert "2026-11-21T00:00:00Z" in core
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert [p.name for p in tmp_path.iterdir()] == ["again.xlsx"]  # no temporary files left


def test_a_midterm_workbook_covers_both_school_years(demo, tmp_path):
    period = parse_period("midterm", demo.studio.get().cycle)
    path = write_period_workbook(demo, period, tmp_path / "mid", as_of=dt.date(2026, 9, 30))
    assert path.suffix == ".xlsx"
    wb = openpyxl.load_workbook(path)
    years = {
        wb["年度职责"].cell(row=r, column=1).value
        for r in range(FIRST_ROW, wb["年度职责"].max_row + 1)
    }
    assert {"2024-2025", "2025-2026"} <= years
    dates = [wb["活动"].cell(row=r, column=2).value for r in range(FIRST_ROW, wb["活动"].max_row)]
    assert min(dates).date() >= period.first_day and max(dates).date() <= period.last_day


def test_an_empty_studio_gets_a_workbook(services, tmp_path):
    path = write_period_workbook(services, school_year_period(Y2025), tmp_path / "空.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == list(SHEETS)
    assert wb["申报汇总表"].cell(row=FIRST_ROW, column=2).value == "陈静名班主任工作室"


def test_a_studio_of_another_preset_reads_of_no_other_document(services_of_wujin, tmp_path):
    data = PeriodData(services_of_wujin, school_year_period(Y2025))
    path = write_period_workbook(services_of_wujin, data.period, tmp_path / "wb.xlsx", data=data)
    cells = [
        str(c.value) for ws in openpyxl.load_workbook(path) for row in ws.iter_rows() for c in row
    ]
    assert not [c for c in cells if "江阴" in c or "方案" in c]
    assert any(c.startswith("说明：本表格式由本程序编排，并非政策文件规定的表样") for c in cells)
    # it claims no document's layout (it once read "本表按申报汇总表的格式")
    assert not [c for c in cells if "的格式" in c or "附件4" in c]


@pytest.fixture
def services_of_wujin(empty_services):
    from tests.conftest import jiangyin_studio

    empty_services.studio.create(
        jiangyin_studio(preset_id="wujin", host_school="武进区实验小学", district="武进区")
    )
    return empty_services
