"""The annual summary (年度工作总结) as a PDF and a workbook.

The summary's text (SummaryService.open: the saved one, or the draft pre-filled from the
records) is set paragraph by paragraph, its "一、…" lines as headings; its first line,
when it is the summary's title, becomes the document's title. The figures it was written
from (the facts saved with it) follow as a table, 附：本学年主要数据. An unsaved draft
says so under the title.

The workbook holds the text (sheet 年度总结, one paragraph a row) and the figures (sheet
主要数据). The Word document holds what the PDF holds, for the host to finish in Word or
WPS. Each file is noted as an issued document (kind ``summary``).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

from openpyxl.styles import Alignment
from openpyxl.workbook.workbook import Workbook
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop_app.documents.engine.pdf import Report, para
from desktop_app.documents.engine.word import WordDocument
from desktop_app.documents.issue import issue
from desktop_app.documents.reports.ledger_report import _Sheet
from desktop_app.documents.reports.plan_report import (
    NOT_WRITTEN,
    TextStyles,
    text_blocks,
    text_rows,
    year_text,
)
from desktop_app.documents.sheets.workbook_file import save_workbook
from desktop_app.domain.evidence_rules import percent
from desktop_app.domain.money import format_fen
from desktop_app.domain.school_year import SchoolYear, date_zh
from desktop_app.domain.vocab import ActivityKind, RecordKind
from desktop_app.services.summary import SummaryInfo

KIND = "summary"
TITLE = "年度工作总结"
FACTS_TITLE = "附：本学年主要数据"
FACTS_HEADER = ("项目", "数据")
DRAFT_NOTE = "本总结尚未保存，以下为按台账记录自动生成的初稿。"
INDENT = "　　"  # two ideographic spaces before a "其中" row


def _vocab_zh(vocab, code: str) -> str:
    try:
        return vocab.from_code(code).zh
    except ValueError:
        return code


def _day(text: object) -> str:
    try:
        return date_zh(dt.date.fromisoformat(str(text)))
    except ValueError:
        return str(text)


def fact_rows(facts: dict) -> list[tuple[str, str]]:
    """The saved figures as (项目, 数据) rows, in the order of the summary's sections; a
    "其中" row starts with two ideographic spaces. Missing keys (a summary saved by an
    older version) are left out."""
    rows: list[tuple[str, str]] = []
    if "members" in facts:
        rows.append(("在册成员", f"{facts['members']} 人"))
    if "activities_held" in facts:
        held = facts["activities_held"]
        planned = facts.get("activities_planned", held)
        text = f"{held} 次" + (f"（全年计划 {planned} 次）" if planned > held else "")
        rows.append(("开展活动", text))
        by_kind = facts.get("activities_by_kind") or {}
        known = [k.code for k in ActivityKind]
        for code in [*known, *(c for c in by_kind if c not in known)]:
            if by_kind.get(code):
                rows.append(
                    (f"{INDENT}其中：{_vocab_zh(ActivityKind, code)}", f"{by_kind[code]} 次")
                )
    expected, attended = facts.get("expected") or 0, facts.get("attended") or 0
    if expected:
        rate = percent(Fraction(attended, expected))
        rows.append(("考勤", f"应到 {expected} 人次，实到 {attended} 人次，出勤率 {rate}"))
    if facts.get("flag_window"):
        rows.append(("缺勤统计范围", facts["flag_window"]))
    if "flagged" in facts:
        rows.append(("缺勤超过规定比例的成员", "、".join(facts["flagged"]) or "无"))
    if facts.get("at_risk"):
        rows.append(("缺勤临界、需提醒的成员", "、".join(facts["at_risk"])))
    if facts.get("duties_total"):
        rows.append(("年度职责完成", f"{facts['duties_done']}/{facts['duties_total']} 项"))
        for code, (done, total) in (facts.get("duties_by_kind") or {}).items():
            rows.append((f"{INDENT}其中：{_vocab_zh(RecordKind, code)}", f"{done}/{total}"))
    records = facts.get("records_by_kind") or {}
    if records:
        rows.append(("成长档案新增记录", f"{sum(records.values())} 项"))
        known = [k.code for k in RecordKind]
        for code in [*known, *(c for c in records if c not in known)]:
            if records.get(code):
                rows.append((f"{INDENT}其中：{_vocab_zh(RecordKind, code)}", f"{records[code]} 项"))
    if facts.get("grant_fen") is not None:
        rows.append(("年度专项经费标准", f"{format_fen(facts['grant_fen'])} 元"))
    if "income_fen" in facts:
        rows.append(("本学年到账经费", f"{format_fen(facts['income_fen'])} 元"))
        rows.append(("本学年支出经费", f"{format_fen(facts.get('expense_fen', 0))} 元"))
        for name, fen in (facts.get("expense_by_category") or {}).items():
            if fen:
                rows.append((f"{INDENT}其中：{name or '未分类'}", f"{format_fen(fen)} 元"))
    if "tasks_total" in facts:
        total, done = facts["tasks_total"], facts.get("tasks_done", 0)
        text = f"计划任务 {total} 项，已销账 {done} 项，未完成 {total - done} 项"
        if facts.get("overdue"):
            text += f"（其中逾期 {facts['overdue']} 项）"
        rows.append(("任务台账", text))
    if facts.get("today"):
        rows.append(("数据截至", _day(facts["today"])))
    return rows


def split_title(body: str, studio_name: str, year: SchoolYear) -> tuple[str, str]:
    """(title, the rest): the body's first line is its title when it names a summary."""
    lines = body.splitlines()
    first = lines[0].strip() if lines else ""
    if first and "总结" in first and len(first) <= 60:
        title = first.removeprefix(studio_name).strip() or first
        return title, "\n".join(lines[1:])
    return f"{year.label}学年{TITLE}", body


class _SummaryPdf:
    def __init__(self, report: Report, services, summary: SummaryInfo):
        self.report = report
        self.services = services
        self.summary = summary
        self.s = report.styles
        self.ts = TextStyles(report.styles)
        self.indent = ParagraphStyle(
            "summary_indent", parent=self.s.cell, leftIndent=2 * self.s.cell.fontSize
        )

    def story(self, title_block: bool = True) -> list[Flowable]:
        studio = self.services.studio.get()
        sm = self.summary
        title, body = split_title(sm.body, studio.name, sm.school_year)
        story: list[Flowable] = []
        if title_block:
            story += [
                para(studio.name, self.s.subtitle),
                para(title, self.s.title),
                Spacer(1, 2 * mm),
                para(f"学年：{year_text(sm.school_year)}", self.ts.info),
            ]
            if sm.id is None:
                story.append(para(DRAFT_NOTE, self.ts.info))
            story.append(Spacer(1, 3 * mm))
        story += text_blocks(body, self.ts)
        rows: list[list[object]] = [list(FACTS_HEADER)]
        for label, value in fact_rows(sm.facts):
            cell = para(label.strip(), self.indent) if label.startswith(INDENT) else label
            rows.append([cell, value])
        widths = [self.report.frame_width * 0.38, self.report.frame_width * 0.62]
        story += [
            Spacer(1, 4 * mm),
            para(FACTS_TITLE, self.ts.section),
            self.report.table(rows, widths),
            para(
                "以上数据为当前台账记录的统计。"
                if sm.id is None
                else "以上数据为总结保存时台账记录的统计。",
                self.ts.note,
            ),
        ]
        return story


def summary_sections(
    report, services, summary: SummaryInfo, *, title_block: bool = True
) -> list[Flowable]:
    """The annual summary as flowables for any story: the title block (optional; without
    it the caller names the summary, see ``split_title`` and ``DRAFT_NOTE``), the text
    and the table of its figures. ``report``: the engine's Report, or anything with its
    ``styles``, ``table()`` and ``frame_width``."""
    return _SummaryPdf(report, services, summary).story(title_block)


def write_summary_report(services, year: SchoolYear, out: Path, *, register: bool = True) -> Path:
    """The annual summary of ``year`` as a PDF at ``out``, noted as an issued document.
    Raises ReportError when no CJK font is found or the file cannot be written."""
    summary = services.summaries.open(year)
    studio = services.studio.get()
    title, _ = split_title(summary.body, studio.name, year)
    report = Report(
        Path(out),
        TITLE,
        studio.name,
        subject=f"{studio.name} {year.label}学年{TITLE}",
        pdf_title=f"{studio.name} {title}",
    )
    written = report.build(summary_sections(report, services, summary))
    return issue(services, KIND, year.label, written, register=register)


def write_summary_report_xlsx(
    services, year: SchoolYear, out: Path, *, register: bool = True
) -> Path:
    """The annual summary as a workbook (sheets 年度总结 and 主要数据); returns the file
    written, noted as an issued document."""
    summary = services.summaries.open(year)
    studio = services.studio.get()
    title, body = split_title(summary.body, studio.name, year)
    head = f"{studio.name} {title}"
    footer = f"{studio.name} {year.label}学年{TITLE}"
    wb = Workbook()
    sheet = _Sheet(wb.active, head, ["内容"], [100], set(), footer=footer)
    sheet.ws.title = "年度总结"
    if summary.id is None:
        sheet.add([DRAFT_NOTE])
    for line in text_rows(body):
        sheet.add([line])
    sheet = _Sheet(
        wb.create_sheet("主要数据"),
        f"{head} {FACTS_TITLE.removeprefix('附：')}",
        list(FACTS_HEADER),
        [30, 60],
        set(),
        footer=footer,
    )
    for label, value in fact_rows(summary.facts):
        r = sheet.add([label.strip(), value])
        if label.startswith(INDENT):
            sheet.ws.cell(row=r, column=1).alignment = Alignment(vertical="center", indent=2)
    written = save_workbook(wb, out)
    return issue(services, KIND, year.label, written, register=register)


def write_summary_docx(services, year: SchoolYear, out: Path, *, register: bool = True) -> Path:
    """The annual summary as an editable Word document for the host to finish: the same
    title, text and table of figures as the PDF; returns the file written (``.docx``
    appended when it has another suffix), noted as an issued document. Raises
    ReportError when it cannot be written."""
    summary = services.summaries.open(year)
    studio = services.studio.get()
    title, body = split_title(summary.body, studio.name, year)
    doc = WordDocument(TITLE, studio.name)
    doc.paragraph(studio.name, align="center", size=12)
    doc.title(title)
    doc.paragraph(f"学年：{year_text(year)}", align="center")
    if summary.id is None:
        doc.paragraph(DRAFT_NOTE, align="center")
    doc.paragraph()
    doc.text_blocks(body, NOT_WRITTEN)
    doc.heading(FACTS_TITLE, 2)
    rows = [list(FACTS_HEADER)]
    rows += [[label, value] for label, value in fact_rows(summary.facts)]
    doc.table(rows, [doc.width_cm * 0.38, doc.width_cm * 0.62])
    doc.note(
        "以上数据为当前台账记录的统计。"
        if summary.id is None
        else "以上数据为总结保存时台账记录的统计。"
    )
    day = summary.updated_at.date() if summary.updated_at else services.today()
    written = doc.save(Path(out), day)
    return issue(services, KIND, year.label, written, register=register)


__all__ = [
    "DRAFT_NOTE",
    "FACTS_TITLE",
    "KIND",
    "TITLE",
    "fact_rows",
    "split_title",
    "summary_sections",
    "write_summary_report",
    "write_summary_docx",
    "write_summary_report_xlsx",
]
