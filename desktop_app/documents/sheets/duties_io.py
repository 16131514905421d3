"""The yearly duties grid of a school year as an Excel workbook (sheet 年度职责): one row
per member, one column per duty kind, ✓ with what fulfils it (the growth records' titles,
the activities the member presented), 缺 when missing — 未开展（鼓励） where the document
only encourages the duty —, — where the member's role has no such duty."""

from __future__ import annotations

from pathlib import Path

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from desktop_app.documents.sheets.workbook_file import save_workbook
from desktop_app.domain.duties import DutyStatus
from desktop_app.domain.messages import quoted
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import RecordKind, Role

SHEET_NAME = "年度职责"
NO_DUTIES = "本工作室的政策预设未规定年度职责"
DONE_MARK = "✓"
MISSING_MARK = "缺"
NOT_A_DUTY = "—"
# A duty the document encourages (鼓励) rather than requires, not done: no failure.
ENCOURAGED_WORD = "未开展（鼓励）"

HEADER_ROW = 3  # title row, the rule's source, then the header
_DONE_FILL = PatternFill("solid", fgColor="E6F4EA")
_MISSING_FILL = PatternFill("solid", fgColor="FDECEA")
_HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")


def cell_text(status: DutyStatus | None, encouraged: bool = False) -> str:
    if status is None:
        return NOT_A_DUTY
    if status.done:
        return DONE_MARK + " " + "；".join(status.evidence)
    return ENCOURAGED_WORD if encouraged else MISSING_MARK


def encouraged_note(grid) -> str:
    """Why a duty not done is no failure, in the document's words (empty when the
    document requires the duties)."""
    if not grid.encouraged:
        return ""
    return (
        f"依据{grid.source}：{quoted(grid.quote)}。文件用语为“鼓励”，"
        f"未做的项目记为“{ENCOURAGED_WORD}”，不记为未完成。"
    )


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
        return save_workbook(wb, path)
    source = encouraged_note(grid) or "依据：" + (grid.source or "—")
    ws.cell(row=2, column=1, value=source).font = Font(italic=True, color="555555")
    headers = [
        "姓名",
        "角色",
        *(RecordKind.from_code(k).zh for k in grid.kinds),
        "完成",
        "未开展" if grid.encouraged else "缺项",
    ]
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=text)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, row in enumerate(grid.rows, start=HEADER_ROW + 1):
        ws.cell(row=r, column=1, value=row.name)
        ws.cell(row=r, column=2, value=Role.zh_of(row.role))
        for c, kind in enumerate(grid.kinds, start=3):
            status = row.statuses.get(kind)
            cell = ws.cell(row=r, column=c, value=cell_text(status, grid.encouraged))
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if status is not None and (status.done or not grid.encouraged):
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
    return save_workbook(wb, path)
