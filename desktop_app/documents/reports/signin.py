"""The sign-in sheet (签到表) of one activity, printed before it starts.

The studio, the topic and when and where it is held head the sheet; below, one ruled row
per expected member with school, role and a tall empty box to sign in. At most
ROWS_PER_PAGE names stand on one page; the row height is chosen so that they fit with the
heading block, and a longer list goes on over further pages, each with the table's
header and a short heading of its own, so that every scanned page says what it is.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from desktop_app.documents.engine.pdf import Report, para, spaced
from desktop_app.domain.school_year import date_zh
from desktop_app.domain.vocab import ActivityKind, AttendanceStatus, Role
from desktop_app.services.activities import ActivityInfo
from desktop_app.services.app import AppServices
from desktop_app.services.attendance import SheetRow

TITLE = "签到表"
ROWS_PER_PAGE = 25
BLANK_ROWS = ROWS_PER_PAGE  # nobody expected yet: a page of rows to write names in
MAX_ROW_HEIGHT = 11 * mm
MIN_ROW_HEIGHT = 7 * mm
HEADER_ROW_HEIGHT = 8 * mm
WEEKDAYS = "一二三四五六日"
HEADER = ("序号", "姓名", "单位", "角色", "签到（签名）", "备注")
# Parts of the frame width; the signature column is the widest.
COLUMN_PARTS = (11, 22, 45, 19, 50, 27)


def day_with_weekday(day: dt.date) -> str:
    """2025年3月12日 星期三"""
    return f"{date_zh(day)} 星期{WEEKDAYS[day.weekday()]}"


def _remark(row: SheetRow) -> str:
    parts = []
    if row.status == AttendanceStatus.LEAVE.code:
        parts.append(AttendanceStatus.LEAVE.zh)
    if row.note:
        parts.append(row.note)
    return "；".join(parts)


class _SignInSheet:
    def __init__(self, report: Report, studio_name: str, activity: ActivityInfo):
        self.report = report
        self.styles = report.styles
        self.studio_name = studio_name
        self.activity = activity
        total = sum(COLUMN_PARTS)
        self.widths = [report.frame_width * part / total for part in COLUMN_PARTS]

    # --- the blocks ---

    def heading(self) -> list[Flowable]:
        s = self.styles
        return [
            para(self.studio_name, s.subtitle),
            para(TITLE, s.title),
            Spacer(1, 2 * mm),
            self.info_block(),
            Spacer(1, 4 * mm),
        ]

    def continued_heading(self) -> list[Flowable]:
        a = self.activity
        return [
            para(f"{TITLE}（续）", self.styles.heading),
            spaced([f"活动主题：{a.topic}", f"日期：{day_with_weekday(a.date)}"], self.styles.body),
            Spacer(1, 3 * mm),
        ]

    def info_block(self) -> Table:
        a = self.activity
        s = self.styles.body
        half = self.report.frame_width / 2

        def pair(label: str, value: str | None):
            return para(f"{label}：{value or ''}", s)

        when = " ".join(part for part in (day_with_weekday(a.date), a.time_text) if part)
        rows = [
            [pair("活动主题", a.topic), None],
            [pair("时间", when), pair("地点", a.place)],
            [pair("活动类型", ActivityKind.zh_of(a.kind)), pair("主讲人", a.presenter)],
        ]
        block = Table(rows, colWidths=[half, half], hAlign="LEFT")
        block.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), s.fontName, s.fontSize),
                    ("SPAN", (0, 0), (1, 0)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        return block

    def closing(self, expected: int) -> list[Flowable]:
        count = str(expected) if expected else "______"  # nobody expected: filled in by hand
        line = spaced([f"应到 {count} 人", "实到 ______ 人"], self.styles.body)
        return [Spacer(1, 4 * mm), line]

    def names_table(self, rows: list[list[object]], row_height: float) -> Table:
        return self.report.table(
            [list(HEADER), *rows],
            self.widths,
            header_rows=1,
            row_heights=[HEADER_ROW_HEIGHT] + [row_height] * len(rows),
            center_cols=(0, 1, 3),
        )

    # --- the layout ---

    def row_height(self, expected: int) -> float:
        """As tall as lets ROWS_PER_PAGE rows fit on the first page with the heading block,
        the table header and the closing line, within MIN/MAX_ROW_HEIGHT."""
        width, height = self.report.frame_width, self.report.frame_height
        used = HEADER_ROW_HEIGHT
        for flowable in self.heading() + self.closing(expected):
            _, h = flowable.wrap(width, height)
            used += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        # A little slack for rounding in platypus' own arithmetic.
        free = height - used - 2 * mm
        return max(MIN_ROW_HEIGHT, min(MAX_ROW_HEIGHT, math.floor(free / ROWS_PER_PAGE)))

    def story(self, members: list[SheetRow]) -> list[Flowable]:
        if members:
            rows = [
                [str(i), m.name, m.school or "", Role.zh_of(m.role), None, _remark(m)]
                for i, m in enumerate(members, start=1)
            ]
        else:
            rows = [[str(i), None, None, None, None, None] for i in range(1, BLANK_ROWS + 1)]
        row_height = self.row_height(len(members))
        story: list[Flowable] = self.heading()
        pages = [rows[i : i + ROWS_PER_PAGE] for i in range(0, len(rows), ROWS_PER_PAGE)]
        for number, chunk in enumerate(pages):
            if number:
                story += [PageBreak(), *self.continued_heading()]
            story.append(self.names_table(chunk, row_height))
        story += self.closing(len(members))
        return story


def signin_sections(report: Report, services: AppServices, activity_id: int) -> list[Flowable]:
    """The sign-in sheet of one activity as flowables (its rows sized for ``report``'s
    frame). Raises LookupError for an unknown activity."""
    sheet = services.attendance.sheet(activity_id)  # LookupError for an unknown id
    studio = services.studio.get()
    return _SignInSheet(report, studio.name, sheet.activity).story(list(sheet.rows))


def write_signin_sheet(services: AppServices, activity_id: int, out: Path) -> Path:
    """The sign-in sheet of one activity as a PDF at ``out``.

    Raises LookupError for an unknown activity, ReportError when no CJK font is found or
    the file cannot be written."""
    sheet = services.attendance.sheet(activity_id)  # LookupError for an unknown id
    studio = services.studio.get()
    activity = sheet.activity
    report = Report(
        Path(out),
        TITLE,
        studio.name,
        subject=f"{studio.name} 活动签到表",
        pdf_title=f"{TITLE}：{activity.topic}（{activity.date.isoformat()}）",
    )
    return report.build(signin_sections(report, services, activity_id))
