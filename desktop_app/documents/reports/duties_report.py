"""The yearly duties grid (年度职责完成情况) of a school year as a landscape PDF.

One row per member on the roster during the year, one column per duty kind of the
studio's policy: a tick with what fulfils the duty — the titles of the growth records, and
the activities the member presented (date, kind and topic) — a cross where nothing does,
or 未开展（鼓励） where the document only encourages the duty (seed 000 §四(五) 鼓励 …,
quoted under the title), — where the member's role has no such duty; a row of totals per
duty below. The workbook of the same grid is documents/sheets/duties_io.write_duties_workbook;
``write_duties_report_xlsx`` writes it and notes it as issued like the PDF (kind
``duties``).

The marks are ✓ and ✗ when the embedded font has both glyphs, else √ and × (which every
Chinese font has): a mark must never print as an empty box.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Spacer

from desktop_app.documents.engine.pdf import Report, para, register_cjk_font
from desktop_app.documents.issue import issue
from desktop_app.documents.reports.plan_report import TextStyles, year_text
from desktop_app.documents.sheets.duties_io import (
    ENCOURAGED_WORD,
    NO_DUTIES,
    encouraged_note,
    write_duties_workbook,
)
from desktop_app.domain.duties import DutyStatus
from desktop_app.domain.school_year import SchoolYear, date_zh
from desktop_app.domain.vocab import RecordKind, Role
from desktop_app.services.duties import DutyGrid

KIND = "duties"
TITLE = "年度职责完成情况"
NOT_A_DUTY = "—"
MISSING_WORD = "未完成"
RED = colors.HexColor("#B00000")
DONE_FILL = colors.HexColor("#E6F4EA")
MISSING_FILL = colors.HexColor("#FDECEA")
TOTAL_FILL = colors.HexColor("#F2F2F2")


@cache
def _marks(font: str) -> tuple[str, str]:
    face = pdfmetrics.getFont(font).face
    if all(ord(c) in face.charToGlyph for c in "✓✗"):
        return "✓", "✗"
    return "√", "×"


def marks() -> tuple[str, str]:
    """(done, missing): the marks the PDF prints."""
    return _marks(register_cjk_font())


def cell_text(status: DutyStatus | None, encouraged: bool = False) -> str:
    done, missing = marks()
    if status is None:
        return NOT_A_DUTY
    if status.done:
        return f"{done} " + "\n".join(status.evidence)
    return ENCOURAGED_WORD if encouraged else f"{missing} {MISSING_WORD}"


class _DutiesPdf:
    def __init__(self, report: Report, services, grid: DutyGrid):
        self.report = report
        self.services = services
        self.grid = grid
        self.s = report.styles
        self.ts = TextStyles(report.styles)
        self.done = ParagraphStyle("duty_done", parent=self.s.cell, fontSize=9, leading=12)
        self.missing = ParagraphStyle("duty_missing", parent=self.s.cell_center, textColor=RED)
        self.encouraged = ParagraphStyle("duty_encouraged", parent=self.s.cell_center)

    def title_block(self) -> list[Flowable]:
        studio = self.services.studio.get()
        today = self.services.year_facts.today()
        lines = [para(f"学年：{year_text(self.grid.school_year)}", self.ts.info)]
        if self.grid.source and not self.grid.encouraged:
            lines.append(para(f"依据：{self.grid.source}", self.ts.info))
        if self.grid.encouraged:
            lines.append(para(encouraged_note(self.grid), self.ts.info))
        lines.append(para(f"统计日期：{date_zh(today)}", self.ts.info))
        return [
            para(studio.name, self.s.subtitle),
            para(TITLE, self.s.title),
            Spacer(1, 2 * mm),
            *lines,
            Spacer(1, 3 * mm),
        ]

    def table(self) -> list[Flowable]:
        grid = self.grid
        kinds = grid.kinds
        header = ["序号", "姓名", "角色", *(RecordKind.zh_of(k) for k in kinds), "完成情况"]
        rows: list[list[object]] = [header]
        extra: list[tuple] = []
        for r, row in enumerate(grid.rows, start=1):
            cells: list[object] = [str(r), row.name, Role.zh_of(row.role)]
            for c, kind in enumerate(kinds, start=3):
                status = row.statuses.get(kind)
                if status is None:
                    cells.append(NOT_A_DUTY)
                elif status.done:
                    cells.append(para(cell_text(status), self.done))
                    extra.append(("BACKGROUND", (c, r), (c, r), DONE_FILL))
                elif grid.encouraged:  # encouraged, not done: no failure
                    cells.append(para(cell_text(status, True), self.encouraged))
                else:
                    cells.append(para(cell_text(status), self.missing))
                    extra.append(("BACKGROUND", (c, r), (c, r), MISSING_FILL))
            applying = [s for s in row.statuses.values() if s is not None]
            done = sum(1 for s in applying if s.done)
            cells.append(f"{done}/{len(applying)}" if applying else NOT_A_DUTY)
            rows.append(cells)
        totals: list[object] = ["合计", None, None]
        for kind in kinds:
            statuses = [r.statuses.get(kind) for r in grid.rows]
            applying = [s for s in statuses if s is not None]
            totals.append(
                f"{sum(1 for s in applying if s.done)}/{len(applying)}" if applying else NOT_A_DUTY
            )
        totals.append(f"{grid.done_count}/{grid.done_count + grid.missing_count}")
        last = len(rows)
        rows.append(totals)
        extra += [("SPAN", (0, last), (2, last)), ("BACKGROUND", (0, last), (-1, last), TOTAL_FILL)]
        fixed = 12 * mm + 24 * mm + 22 * mm + 22 * mm
        each = (self.report.frame_width - fixed) / max(1, len(kinds))
        widths = [12 * mm, 24 * mm, 22 * mm, *([each] * len(kinds)), 22 * mm]
        center = (0, 1, 2, *range(3, 4 + len(kinds)))
        return [self.report.table(rows, widths, center_cols=center, extra_style=extra)]

    def closing(self) -> list[Flowable]:
        grid = self.grid
        done_mark, missing_mark = marks()
        total = grid.done_count + grid.missing_count
        source = "任务以本学年内登记的成长记录及本人主讲的工作室活动为准。"
        if grid.encouraged:
            return [
                Spacer(1, 2 * mm),
                para(
                    f"本学年在册成员 {len(grid.rows)} 人，文件鼓励的年度任务 {total} 项，"
                    f"已完成 {grid.done_count} 项，{ENCOURAGED_WORD} {grid.missing_count} 项。",
                    self.ts.body,
                ),
                para(
                    f"说明：{done_mark} 已完成（后附完成该项任务的成长记录或主讲的活动）；"
                    f"{ENCOURAGED_WORD} 文件鼓励、本学年尚未开展；"
                    f"{NOT_A_DUTY} 该角色无此项任务。{source}",
                    self.ts.note,
                ),
            ]
        return [
            Spacer(1, 2 * mm),
            para(
                f"本学年在册成员 {len(grid.rows)} 人，应完成年度职责 {total} 项，"
                f"已完成 {grid.done_count} 项，未完成 {grid.missing_count} 项。",
                self.ts.body,
            ),
            para(
                f"说明：{done_mark} 已完成（后附完成该项任务的成长记录或主讲的活动）；"
                f"{missing_mark} 未完成；{NOT_A_DUTY} 该角色无此项任务。{source}",
                self.ts.note,
            ),
        ]

    def story(self, title_block: bool = True) -> list[Flowable]:
        story = self.title_block() if title_block else []
        if not self.grid.applies:
            return [*story, para(NO_DUTIES + "。", self.ts.body)]
        if not self.grid.rows:
            return [*story, para("本学年没有在册成员。", self.ts.body)]
        return [*story, *self.table(), *self.closing()]


def duties_sections(
    report, services, grid: DutyGrid, *, title_block: bool = True
) -> list[Flowable]:
    """The duties grid as flowables for any story: the title block (optional), the grid
    and its closing lines (or why there is none). ``report``: the engine's Report, or
    anything with its ``styles``, ``table()`` and ``frame_width`` (a landscape width)."""
    return _DutiesPdf(report, services, grid).story(title_block)


def write_duties_report(services, year: SchoolYear, out: Path, *, register: bool = True) -> Path:
    """The duties grid of ``year`` as a landscape PDF at ``out``, noted as an issued
    document. Raises ReportError when no CJK font is found or the file cannot be
    written."""
    grid = services.duties.grid(year)
    studio = services.studio.get()
    report = Report(
        Path(out),
        TITLE,
        studio.name,
        landscape=True,
        subject=f"{studio.name} {year.label}学年{TITLE}",
        pdf_title=f"{studio.name} {year.label}学年{TITLE}",
    )
    written = report.build(duties_sections(report, services, grid))
    return issue(services, KIND, year.label, written, register=register)


def write_duties_report_xlsx(
    services, year: SchoolYear, out: Path, *, register: bool = True
) -> Path:
    """The duties grid as the workbook of duties_io, noted as an issued document."""
    written = write_duties_workbook(services, year, Path(out))
    return issue(services, KIND, year.label, written, register=register)


__all__ = [
    "KIND",
    "TITLE",
    "cell_text",
    "duties_sections",
    "marks",
    "write_duties_report",
    "write_duties_report_xlsx",
]
