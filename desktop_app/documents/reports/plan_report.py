"""The annual plan (年度工作计划) with its task ledger (任务台账), as a PDF and a workbook.

The PDF opens on portrait pages: the studio, the plan's title and school year, the build
plan's goals and 特色 as a preface (一、工作室建设规划), then the year's goals, 特色 and
measures. The task ledger follows on landscape pages, one row per item: 序号、任务事项、
负责人、完成时限、状态、完成日期、佐证材料 (an open item past its due date is marked
逾期). The workbook holds the same in the sheets 年度计划 and 任务台账.

Both are written through a temporary file moved into place (documents/engine/pdf.py,
workbook_file.save_workbook) and then noted in the register of issued documents (kind ``plan``,
period the school-year label).

This module also holds what the other yearly reports (summary_report, duties_report,
assessment_report) share: long text turned into paragraphs, Chinese dates, the sections'
numbering and the register call.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from openpyxl.styles import Alignment, Font
from openpyxl.workbook.workbook import Workbook
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    ActionFlowable,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from desktop_app.documents.engine.pdf import RULE_COLOR, Report, ReportError, Styles, para
from desktop_app.documents.issue import issue
from desktop_app.documents.reports.ledger_report import _Sheet
from desktop_app.documents.sheets.workbook_file import save_workbook
from desktop_app.domain import messages
from desktop_app.domain.school_year import SchoolYear, date_zh
from desktop_app.domain.vocab import EvidenceKind, TaskStatus
from desktop_app.services.plans import PlanInfo, TaskInfo

KIND = "plan"  # issued as issue(services, KIND, year.label, path)
TITLE = "年度工作计划"
TASK_HEADER = ("序号", "任务事项", "负责人", "完成时限", "状态", "完成日期", "佐证材料")
NUMERALS = "一二三四五六七八九十"
RED = colors.HexColor("#B00000")
NOT_WRITTEN = "（未填写）"
NO_TASKS = "本学年计划尚未列出任务事项。"

# --- shared by the yearly reports ---------------------------------------------------------


def year_text(year: SchoolYear) -> str:
    """2025-2026学年（2025年9月1日至2026年8月31日）"""
    return f"{year.label}学年（{date_zh(year.first_day)}至{date_zh(year.last_day)}）"


def numbered(index: int, title: str) -> str:
    """一、title … 十、title (index from 0)."""
    return f"{NUMERALS[index]}、{title}" if index < len(NUMERALS) else title


def with_year(title: str, year: SchoolYear) -> str:
    """The title, followed by （2025-2026学年） unless it names the year already."""
    return title if year.label in title else f"{title}（{year.label}学年）"


_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十\d]+[)）]|^\d+[.、．]")


class TextStyles:
    """The paragraph styles of free text (goals, measures, the summary)."""

    def __init__(self, styles: Styles):
        s = styles
        self.heading = ParagraphStyle(
            "text_heading", parent=s.heading, fontSize=12, leading=18, keepWithNext=1
        )
        self.subheading = ParagraphStyle(
            "text_subheading", parent=s.body, spaceBefore=3, spaceAfter=1, keepWithNext=1
        )
        self.body = ParagraphStyle(
            "text_body", parent=s.body, leading=18, firstLineIndent=2 * s.body.fontSize
        )
        self.item = ParagraphStyle(
            "text_item", parent=s.body, leading=17, leftIndent=2 * s.body.fontSize
        )
        self.section = ParagraphStyle("text_section", parent=s.heading, keepWithNext=1)
        self.label = ParagraphStyle(
            "text_label", parent=s.body, fontSize=11, leading=17, spaceBefore=4, keepWithNext=1
        )
        self.info = ParagraphStyle("text_info", parent=s.body, alignment=TA_CENTER)
        self.note = ParagraphStyle(
            "text_note", parent=s.small, textColor=colors.HexColor("#555555"), spaceBefore=2
        )


def text_blocks(
    text: str | None, ts: TextStyles, empty: str = NOT_WRITTEN, *, nested: bool = False
) -> list[Flowable]:
    """Free text as paragraphs: a line is a paragraph (first line indented two
    characters), "一、…" a heading, "（一）…" or "1. …" a subheading, a line indented by
    spaces an item; blank lines only separate. ``nested``: the text stands under a
    numbered section of the report, so its own "一、…" headings are set smaller."""
    flowables: list[Flowable] = []
    for line in (text or "").splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if line[:1] in (" ", "\u3000", "\t"):
            flowables.append(para(stripped, ts.item))
        elif _HEADING.match(stripped):
            flowables.append(para(stripped, ts.subheading if nested else ts.heading))
        elif _SUBHEADING.match(stripped):
            flowables.append(para(stripped, ts.subheading))
        else:
            flowables.append(para(stripped, ts.body))
    return flowables or [para(empty, ts.body)]


def text_rows(text: str | None) -> list[str]:
    """Free text as the lines of a worksheet column (blank lines dropped)."""
    return [line.rstrip() for line in (text or "").splitlines() if line.strip()]


class _AddTemplate(ActionFlowable):
    """Adds a page template to the document being built (the engine builds with one)."""

    def __init__(self, template: PageTemplate):
        super().__init__()
        self.template = template

    def apply(self, doc) -> None:
        if all(t.id != self.template.id for t in doc.pageTemplates):
            doc.addPageTemplates([self.template])


LANDSCAPE = "landscape"


class MixedReport(Report):
    """A portrait report whose story can go on over landscape pages: put
    ``report.to_landscape()`` where the wide part starts."""

    @property
    def landscape_size(self) -> tuple[float, float]:
        return landscape(A4)

    @property
    def landscape_width(self) -> float:
        return self.landscape_size[0] - self.left - self.right

    def _draw_landscape_header(self, canvas, _doc) -> None:
        width, height = self.landscape_size
        baseline = height - self.top + 6 * mm
        canvas.saveState()
        canvas.setFont(self.font, 9)
        canvas.setFillColor(colors.HexColor("#333333"))
        canvas.drawString(self.left, baseline, self.studio_name)
        canvas.drawRightString(width - self.right, baseline, self.title)
        canvas.setStrokeColor(RULE_COLOR)
        canvas.setLineWidth(0.5)
        canvas.line(self.left, baseline - 2 * mm, width - self.right, baseline - 2 * mm)
        canvas.restoreState()

    def to_landscape(self) -> list[Flowable]:
        width, height = self.landscape_size
        frame = Frame(
            self.left,
            self.bottom,
            width - self.left - self.right,
            height - self.top - self.bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="landscape_body",
        )
        template = PageTemplate(
            id=LANDSCAPE,
            frames=[frame],
            onPage=self._draw_landscape_header,
            pagesize=(width, height),
        )
        return [_AddTemplate(template), NextPageTemplate(LANDSCAPE), PageBreak()]


# --- the PDF ------------------------------------------------------------------------------


def evidence_text(task: TaskInfo) -> str:
    lines = []
    for e in task.evidence:
        try:
            kind = EvidenceKind.from_code(e.kind).zh
        except ValueError:
            kind = e.kind
        lines.append(f"{kind}：{e.label}")
    return "\n".join(lines)


def status_text(task: TaskInfo, today: dt.date, sep: str = "") -> str:
    try:
        word = TaskStatus.from_code(task.status).zh
    except ValueError:
        word = task.status
    return f"{word}{sep}（逾期）" if task.overdue(today) else word


def task_counts(plan: PlanInfo, today: dt.date) -> str:
    counts = {s.code: 0 for s in TaskStatus}
    for t in plan.tasks:
        counts[t.status] = counts.get(t.status, 0) + 1
    overdue = sum(1 for t in plan.tasks if t.overdue(today))
    text = (
        f"本学年计划任务共 {len(plan.tasks)} 项：已完成（销账）{counts[TaskStatus.DONE.code]} 项，"
        f"进行中 {counts[TaskStatus.IN_PROGRESS.code]} 项，"
        f"未开始 {counts[TaskStatus.NOT_STARTED.code]} 项"
    )
    if overdue:
        text += f"；其中 {overdue} 项已过完成时限"
    return text + "。"


class _PlanPdf:
    def __init__(self, report: MixedReport, services, plan: PlanInfo, build: PlanInfo | None):
        self.report = report
        self.services = services
        self.plan = plan
        self.build = build
        self.today = services.plans.today()
        self.s = report.styles
        self.ts = TextStyles(report.styles)
        self.red = ParagraphStyle("plan_red", parent=self.s.cell_center, textColor=RED)
        self.small_cell = ParagraphStyle("plan_small", parent=self.s.cell, fontSize=8.5, leading=11)

    def title_block(self) -> list[Flowable]:
        studio = self.services.studio.get()
        ts = self.ts
        info = [para(f"学年：{year_text(self.plan.school_year)}", ts.info)]
        if studio.host_school:
            info.append(
                para(f"主持学校：{studio.host_school}　　建设周期：{studio.cycle.label}", ts.info)
            )
        info.append(para(f"编制日期：{date_zh(self.today)}", ts.info))
        return [
            para(studio.name, self.s.subtitle),
            para(self.plan.title or TITLE, self.s.title),
            Spacer(1, 2 * mm),
            *info,
            Spacer(1, 3 * mm),
        ]

    def sections(self) -> list[Flowable]:
        parts: list[tuple[str, list[Flowable]]] = []
        ts = self.ts
        if self.build is not None:
            preface: list[Flowable] = []
            if self.build.title:
                preface.append(para(f"《{self.build.title}》要点如下。", ts.body))
            preface.append(para("建设目标", ts.label))
            preface += text_blocks(self.build.goals, ts, nested=True)
            preface.append(para("工作室特色", ts.label))
            preface += text_blocks(self.build.features, ts, nested=True)
            parts.append(("工作室建设规划", preface))
        parts.append(("年度工作目标", text_blocks(self.plan.goals, ts, nested=True)))
        if self.plan.features:
            parts.append(("年度工作特色", text_blocks(self.plan.features, ts, nested=True)))
        parts.append(("主要举措与工作安排", text_blocks(self.plan.measures, ts, nested=True)))
        flowables: list[Flowable] = []
        for i, (title, body) in enumerate(parts):
            flowables += [para(numbered(i, title), ts.section), *body]
        self.next_number = len(parts)
        return flowables

    def tasks(self) -> list[Flowable]:
        heading = para(numbered(self.next_number, "任务台账"), self.ts.section)
        if not self.plan.tasks:
            return [heading, para(NO_TASKS, self.ts.body)]
        return [*self.report.to_landscape(), heading, *self.task_block()]

    def task_block(self) -> list[Flowable]:
        """The task ledger without its heading: the counts, the table (as wide as the
        report's ``landscape_width``) and its note."""
        if not self.plan.tasks:
            return [para(NO_TASKS, self.ts.body)]
        rows: list[list[object]] = [list(TASK_HEADER)]
        for i, t in enumerate(self.plan.tasks, start=1):
            title: object = t.title
            if t.note:
                title = para(f"{t.title}\n备注：{t.note}", self.s.cell)
            status = status_text(t, self.today, "\n")
            rows.append(
                [
                    str(i),
                    title,
                    t.owner_name or "",
                    t.due_on.isoformat() if t.due_on else "",
                    para(status, self.red) if t.overdue(self.today) else status,
                    t.done_on.isoformat() if t.done_on else "",
                    para(evidence_text(t), self.small_cell) if t.evidence else "",
                ]
            )
        fixed = [12, None, 22, 24, 24, 24, 85]
        width = self.report.landscape_width
        rest = width - sum(w * mm for w in fixed if w is not None)
        widths = [w * mm if w is not None else rest for w in fixed]
        table = self.report.table(rows, widths, center_cols=(0, 2, 3, 4, 5))
        return [
            para(task_counts(self.plan, self.today), self.ts.body),
            Spacer(1, 2 * mm),
            table,
            para(
                "状态为“已完成”的事项均凭所列佐证材料销账；完成时限已过而未完成的事项标注“逾期”。",
                self.ts.note,
            ),
        ]

    def story(self) -> list[Flowable]:
        return [*self.title_block(), *self.sections(), *self.tasks()]


def task_ledger_sections(report, services, plan: PlanInfo) -> list[Flowable]:
    """The task ledger (任务台账) of ``plan`` as flowables for any story, without a
    heading: the counts, the table and its note. ``report``: anything with the engine
    Report's ``styles``, ``table()`` and a ``landscape_width`` (the table's width)."""
    return _PlanPdf(report, services, plan, None).task_block()


def _plans(services, year: SchoolYear) -> tuple[PlanInfo, PlanInfo | None]:
    plan = services.plans.annual_plan(year)
    if plan is None:
        raise ReportError(messages.text("no_annual_plan", year=year.label))
    return plan, services.plans.build_plan()


def write_plan_report(services, year: SchoolYear, out: Path, *, register: bool = True) -> Path:
    """The annual plan of ``year`` with its task ledger as a PDF at ``out``, noted as an
    issued document. Raises ReportError when the year has no annual plan, no CJK font is
    found or the file cannot be written (nothing is written then)."""
    plan, build = _plans(services, year)
    studio = services.studio.get()
    report = MixedReport(
        Path(out),
        TITLE,
        studio.name,
        subject=f"{studio.name} {year.label}学年工作计划",
        pdf_title=f"{studio.name} {with_year(plan.title, year)}",
    )
    written = report.build(_PlanPdf(report, services, plan, build).story())
    return issue(services, KIND, year.label, written, register=register)


# --- the workbook -------------------------------------------------------------------------


def add_text_rows(sheet: _Sheet, label: str, text: str | None, empty: str = NOT_WRITTEN) -> None:
    """A labelled block of free text: the label in column A, one line per row in B."""
    lines = text_rows(text) or [empty]
    for i, line in enumerate(lines):
        r = sheet.add([label if i == 0 else None, line])
        if i == 0:
            sheet.ws.cell(row=r, column=1).font = Font(bold=True)
        sheet.ws.cell(row=r, column=1).alignment = Alignment(vertical="top", wrap_text=True)


def write_plan_report_xlsx(services, year: SchoolYear, out: Path, *, register: bool = True) -> Path:
    """The annual plan as a workbook (sheets 年度计划 and 任务台账); returns the file
    written (``.xlsx`` appended when the target has another suffix), noted as an issued
    document. Raises ReportError when the year has no annual plan."""
    plan, build = _plans(services, year)
    studio = services.studio.get()
    today = services.plans.today()
    head = f"{studio.name} {with_year(plan.title, year)}"
    footer = f"{studio.name} {TITLE}　编制日期：{today.isoformat()}"
    wb = Workbook()

    sheet = _Sheet(wb.active, head, ["项目", "内容"], [18, 90], set(), footer=footer)
    sheet.ws.title = "年度计划"
    for label, value in (
        ("工作室", studio.name),
        ("学年", year_text(year)),
        ("计划名称", plan.title),
        ("编制日期", date_zh(today)),
    ):
        sheet.add([label, value])
    if build is not None:
        sheet.add(["建设规划", build.title])
        add_text_rows(sheet, "建设目标", build.goals)
        add_text_rows(sheet, "工作室特色", build.features)
    add_text_rows(sheet, "年度工作目标", plan.goals)
    if plan.features:
        add_text_rows(sheet, "年度工作特色", plan.features)
    add_text_rows(sheet, "主要举措与工作安排", plan.measures)

    sheet = _Sheet(
        wb.create_sheet("任务台账"),
        f"{head} 任务台账",
        [*TASK_HEADER, "备注"],
        [6, 40, 10, 12, 12, 12, 50, 24],
        set(),
        landscape=True,
        footer=footer,
    )
    for i, t in enumerate(plan.tasks, start=1):
        r = sheet.add(
            [
                i,
                t.title,
                t.owner_name,
                t.due_on,
                status_text(t, today),
                t.done_on,
                evidence_text(t) or None,
                t.note,
            ],
            red={5} if t.overdue(today) else set(),
        )
        sheet.ws.cell(row=r, column=1).alignment = Alignment(horizontal="center", vertical="center")
    sheet.row += 1
    sheet.ws.cell(row=sheet.row, column=2, value=task_counts(plan, today))
    written = save_workbook(wb, out)
    return issue(services, KIND, year.label, written, register=register)


__all__ = [
    "KIND",
    "MixedReport",
    "TASK_HEADER",
    "TITLE",
    "TextStyles",
    "task_counts",
    "task_ledger_sections",
    "text_blocks",
    "write_plan_report",
    "write_plan_report_xlsx",
]
