"""The 申报汇总表 (seed 004 附件4): one row per application, for the school office that
lays several hosts' applications side by side — one row for a single studio's database,
as many as applications are given (``write_application_summary`` takes a list).

Seed 004 gives 附件4 by title only; the columns are the program's, following the
conditions of 附件1 (one column per condition, with what the records hold for it), and
the sheet says so under the table (SUMMARY_LAYOUT_NOTE). Text is written as text: a
name that starts with "=" is never a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from desktop_app.documents.issue import issue
from desktop_app.documents.reports.ledger_report import HEADER_ROW, _Sheet
from desktop_app.documents.sheets.cells import put
from desktop_app.documents.sheets.workbook_file import save_workbook
from desktop_app.domain.application import (
    SUMMARY_LAYOUT_NOTE,
    SUMMARY_TITLE,
    Application,
    in_post_text,
)
from desktop_app.domain.school_year import date_zh
from desktop_app.domain.vocab import Role

KIND = "application_summary"
SHEET = "申报汇总表"
# (header, width); the evidence columns follow the conditions 二 to 六 of 附件1.
COLUMNS = (
    ("序号", 6),
    ("工作室名称", 22),
    (Role.HOST.zh, 9),
    ("性别", 6),
    ("出生年月", 10),
    ("工作单位（系部）", 20),
    ("教师职称", 8),
    ("班主任工作年限", 9),
    ("在岗班主任", 9),
    ("荣誉称号", 24),
    ("条件二：能力比赛（近5年）", 30),
    ("条件三：班级及本人荣誉", 30),
    ("条件四：课题、论文（近5年）", 30),
    ("条件五：学生竞赛和活动", 24),
    ("条件六：团队建设、指导青年班主任", 30),
    ("拟吸收成员（人）", 9),
    ("成员名单", 30),
    ("工作室特色", 30),
    ("建设周期", 11),
    ("联系电话", 14),
    ("填表日期", 12),
)
HEADER = tuple(h for h, _w in COLUMNS)
_TOP = Alignment(vertical="top", wrap_text=True)


def _lines(app: Application, number: str) -> str:
    for item in app.evidence:
        if item.condition.number == number:
            return "\n".join(item.lines)
    return ""


def summary_row(index: int, app: Application) -> list[object]:
    """One application as the row of the 汇总表 (empty cells: nothing in the records)."""
    h = app.host
    return [
        index,
        app.studio_name,
        h.name if h else None,
        h.gender if h else None,
        h.birth if h else None,
        (h.school if h else "") or app.host_school or None,
        h.title if h else None,
        app.head_teacher_years,
        in_post_text(h) if h and h.in_post is not None else None,
        h.honours if h else None,
        _lines(app, "二") or None,
        _lines(app, "三") or None,
        _lines(app, "四") or None,
        _lines(app, "五") or None,
        _lines(app, "六") or None,
        len(app.members),
        "、".join(m.name for m in app.members) or None,
        app.features or None,
        app.cycle,
        h.phone if h and h.phone else None,
        date_zh(app.as_of),
    ]


def write_application_summary(applications: Sequence[Application], out: Path) -> Path:
    """The 申报汇总表 of ``applications`` (one row each, in the order given) at ``out``;
    returns the file written (``.xlsx`` appended when it has another suffix)."""
    wb = Workbook()
    footer = SUMMARY_TITLE
    sheet = _Sheet(
        wb.active,
        SUMMARY_TITLE,
        list(HEADER),
        [w for _h, w in COLUMNS],
        set(),
        landscape=True,
        footer=footer,
    )
    sheet.ws.title = SHEET
    sheet.ws.row_dimensions[HEADER_ROW].height = 42
    for i, app in enumerate(applications, start=1):
        r = sheet.add(summary_row(i, app))
        for c in range(1, len(COLUMNS) + 1):
            sheet.ws.cell(row=r, column=c).alignment = _TOP
    row = sheet.row + 1
    notes = [f"说明：{SUMMARY_LAYOUT_NOTE}"]
    notes.append(
        "各条件栏为本程序从主持人的成长档案和工作室活动记录整理的内容，条件原文见申报表；"
        "空白处为台账中没有记录，请据实填写。"
    )
    if any(a.masked for a in applications):
        notes.append("联系电话按导出设置打码显示。")
    for note in notes:
        put(sheet.ws, row, 1, note)
        row += 1
    last = get_column_letter(len(COLUMNS))
    sheet.ws.print_area = f"A1:{last}{sheet.ws.max_row}"
    return save_workbook(wb, Path(out))


def write_studio_application_summary(services, app: Application, out: Path) -> Path:
    """The studio's own 汇总表 (its one application), noted as an issued document."""
    written = write_application_summary([app], out)
    return issue(services, KIND, app.cycle, written)


__all__ = [
    "COLUMNS",
    "HEADER",
    "KIND",
    "SHEET",
    "summary_row",
    "write_application_summary",
    "write_studio_application_summary",
]
