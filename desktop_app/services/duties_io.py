"""The yearly duties grid of a school year as an Excel workbook (sheet 年度职责): one row
per member, one column per duty kind, ✓ with the fulfilling records' titles, 缺 when
missing, — where the member's role has no such duty."""

from __future__ import annotations

from pathlib import Path

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from desktop_app.domain.duties import DutyStatus
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import RecordKind, Role
from desktop_app.services.roster_io import _save

SHEET_NAME = "年度职责"
NO_DUTIES = "本工作室的政策预设未规定年度职责"
DONE_MARK = "✓"
MISSING_MARK = "缺"
NOT_A_DUTY = "—"

HEADER_ROW = 3  # title row, the rule's source, then the header
_DONE_FILL = PatternFill("solid", fgColor="E6F4EA")
_MISSING_FILL = PatternFill("solid", fgColor="FDECEA")
_HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")


def cell_text(status: DutyStatus | None) -> str:
    if status is None:
        return NOT_A_DUTY
    if status.done:
        return DONE_MARK + " " + "；".join(status.record_titles)
    return MISSING_MARK


def _role_zh(code: str) -> str:
    try:
        return Role.from_code(code).zh
    except ValueError:
        return code


def write_duties_workbook(services, school_year: SchoolYear, path: Path) -> Path:
    grid = services.duties.grid(school_year)
    studio = services.studio.get()
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    title = f"{studio.name}　{school_year.label}学年　年度职责完成情况"
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    if not grid.applies:
        ws.cell(row=2, column=1, value=NO_DUTIES)
        ws.column_dimensions["A"].width = 60
        return _save(wb, path)
    ws.cell(row=2, column=1, value="依据：" + (grid.source or "—")).font = Font(
        italic=True, color="555555"
    )
    headers = [
        "姓名",
        "角色",
        *(RecordKind.from_code(k).zh for k in grid.kinds),
        "完成",
        "缺项",
    ]
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=text)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, row in enumerate(grid.rows, start=HEADER_ROW + 1):
        ws.cell(row=r, column=1, value=row.name)
        ws.cell(row=r, column=2, value=_role_zh(row.role))
        for c, kind in enumerate(grid.kinds, start=3):
            status = row.statuses.get(kind)
            cell = ws.cell(row=r, column=c, value=cell_text(status))
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if status is not None:
                cell.fill = _DONE_FILL if status.done else _MISSING_FILL
            else:
                cell.alignment = Alignment(horizontal="center", vertical="top")
        done = sum(1 for s in row.statuses.values() if s is not None and s.done)
        missing = sum(1 for s in row.statuses.values() if s is not None and not s.done)
        ws.cell(row=r, column=3 + len(grid.kinds), value=done)
        ws.cell(row=r, column=4 + len(grid.kinds), value=missing)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    widths = [12, 12, *([24] * len(grid.kinds)), 8, 8]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    return _save(wb, path)
