"""One assessment instance (考核表) as a landscape PDF and a workbook.

The head names the studio, the instance's title, the template (考核细则) and its source,
the kind, the school year, the member assessed (for a member assessment), the status
(草稿, or 已提交 with the date of submission), the total and the grade. The indicator
table has a row per scored indicator: 一级/二级/三级指标 (a column per level the template
uses; a higher ancestor's cell spans its indicators), 分值, 自评分, 佐证材料 (the evidence
kept: accepted or still proposed) and 说明 (the comment); a 小计 row closes each 一级指标
and 合计 the table. The template's notes on the points and the grades follow, then the
signatures.

A draft is marked 草稿 on every page: in the page header and as a large pale mark behind
the page; until every indicator is scored its total is provisional and it has no grade
(未完成评分 n / N). What the document attaches to the grade is printed for the
instance's kind of review only. Both files
are noted as issued documents (kind ``assessment``, period the instance's school year).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl.styles import Alignment, Font
from openpyxl.workbook.workbook import Workbook
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from desktop_app.documents.engine.pdf import CELL_PAD_X, CELL_PAD_Y, Report, para
from desktop_app.documents.issue import issue
from desktop_app.documents.reports.ledger_report import _BORDER, _TOTAL_FILL, _Sheet
from desktop_app.documents.reports.plan_report import (
    TextStyles,
    text_blocks,
    year_text,
)
from desktop_app.documents.sheets.workbook_file import save_workbook
from desktop_app.domain.assessment import Indicator, format_tenths
from desktop_app.domain.school_year import date_zh
from desktop_app.domain.vocab import AssessmentKind, AssessmentStatus
from desktop_app.services.assessments import REMOVED, AssessmentHeader, AssessmentInfo

KIND = "assessment"
TITLE = "考核表"
DRAFT_WORD = AssessmentStatus.DRAFT.zh  # 草稿
LEVEL_HEADERS = ("一级指标", "二级指标", "三级指标")
TAIL_HEADERS = ("分值", "自评分", "佐证材料", "说明")
RED = colors.HexColor("#B00000")
WATERMARK = colors.HexColor("#F3D6D6")
SUBTOTAL_FILL = colors.HexColor("#F2F2F2")
TOTAL_FILL = colors.HexColor("#E6E6E6")
FIT = 0.98  # plan the pages a little short: the engine's arithmetic may round up


def submitted_on(info: AssessmentInfo) -> dt.date | None:
    """The local date of submission (the database keeps UTC)."""
    at = info.header.submitted_at
    if at is None:
        return None
    return at.replace(tzinfo=dt.UTC).astimezone().date()


def status_text(info: AssessmentInfo) -> str:
    """草稿, or 已提交（2026年11月21日提交）."""
    if not info.locked:
        return DRAFT_WORD
    day = submitted_on(info)
    word = AssessmentStatus.SUBMITTED.zh
    return f"{word}（{date_zh(day)}提交）" if day else word


def kind_text(info: AssessmentInfo) -> str:
    try:
        return AssessmentKind.from_code(info.header.kind).zh
    except ValueError:
        return info.header.kind


def grade_text(h: AssessmentHeader) -> str:
    """优秀 / 合格 / 不合格, or 未完成评分（n / N） until every indicator is scored."""
    return h.grade.zh if h.grade is not None else f"未完成评分（{h.scored} / {h.leaves}）"


def total_text(info: AssessmentInfo) -> str:
    h = info.header
    text = f"{format_tenths(h.total_tenths)} 分（满分 {h.max_points} 分），"
    if h.grade is None:
        return text + f"{grade_text(h)}，总分为暂计，评完全部指标后才有等第"
    return text + f"等第：{h.grade.zh}"


def depth(info: AssessmentInfo) -> int:
    """How many indicator levels the template uses (1 to 3)."""
    return max(1, min(3, max(i.level for i in info.template.walk())))


def label(indicator: Indicator) -> str:
    return f"{indicator.code} {indicator.text}"


def evidence_text(info: AssessmentInfo, code: str) -> str:
    state = info.items[code]
    return "\n".join(f"· {e.evidence.label}" for e in state.evidence if e.decision != REMOVED)


def score_text(tenths: int | None) -> str:
    return "" if tenths is None else format_tenths(tenths)


def score_value(tenths: int | None) -> int | float | None:
    """A worksheet number: 4 or 4.5."""
    if tenths is None:
        return None
    return tenths // 10 if tenths % 10 == 0 else tenths / 10


def _row_height(cells: list[object], span: dict[int, int], widths: list[float]) -> float:
    """The height of a table row as the engine's table lays it out (paragraph cells)."""
    tallest = 0.0
    for c, value in enumerate(cells):
        if isinstance(value, Flowable):
            width = sum(widths[c : span.get(c, c) + 1]) - 2 * CELL_PAD_X
            tallest = max(tallest, value.wrap(width, 100_000)[1])
    return tallest + 2 * CELL_PAD_Y


def _leaves_with_path(top: Indicator) -> list[tuple[Indicator, list[Indicator]]]:
    """Each leaf under ``top`` with its ancestors from ``top`` down (the leaf last)."""
    found: list[tuple[Indicator, list[Indicator]]] = []

    def walk(node: Indicator, path: list[Indicator]) -> None:
        path = [*path, node]
        if node.is_leaf:
            found.append((node, path))
        for child in node.children:
            walk(child, path)

    walk(top, [])
    return found


class _Layout:
    """The indicator table's shape: how many levels, each 一级指标 with its leaves."""

    def __init__(self, info: AssessmentInfo):
        self.info = info
        self.levels = depth(info)
        self.groups: list[tuple[Indicator, list[tuple[Indicator, list[Indicator]]]]] = [
            (top, _leaves_with_path(top)) for top in info.template.indicators
        ]


class _DraftReport(Report):
    """A report whose every page says 草稿: in the header and behind the page."""

    def _draw_header(self, canvas, doc) -> None:
        super()._draw_header(canvas, doc)
        width, height = self.pagesize
        canvas.saveState()
        canvas.setFillColor(WATERMARK)
        canvas.setFont(self.font, 150)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(30)
        canvas.drawCentredString(0, -50, DRAFT_WORD)
        canvas.restoreState()
        canvas.saveState()
        canvas.setFont(self.font, 12)
        canvas.setFillColor(RED)
        canvas.drawCentredString(width / 2, height - self.top + 6 * mm, f"【{DRAFT_WORD}】")
        canvas.restoreState()


class _AssessmentPdf:
    def __init__(self, report: Report, services, info: AssessmentInfo):
        self.report = report
        self.services = services
        self.info = info
        self.s = report.styles
        self.ts = TextStyles(report.styles)
        self.small = ParagraphStyle("assess_small", parent=self.s.cell, fontSize=8.5, leading=11)
        self.red = ParagraphStyle("assess_red", parent=self.ts.info, textColor=RED)

    def title_block(self) -> list[Flowable]:
        info, h = self.info, self.info.header
        studio = self.services.studio.get()
        s = self.s.body
        pairs = [
            ("考核细则", info.template.title),
            ("依据", info.template.source.label),
            ("考核类型", kind_text(info)),
            ("学年", year_text(h.school_year)),
        ]
        if h.member_name:
            pairs.append(("被考核成员", h.member_name))
        pairs += [("状态", status_text(info)), ("总分", total_text(info))]
        cells = [para(f"{k}：{v}", s) for k, v in pairs]
        if len(cells) % 2:
            cells.append(None)
        rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
        half = self.report.frame_width / 2
        block = Table(rows, colWidths=[half, half], hAlign="LEFT")
        block.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), s.fontName, s.fontSize),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        flowables: list[Flowable] = [
            para(studio.name, self.s.subtitle),
            para(h.title, self.s.title),
        ]
        if not info.locked:
            flowables.append(para(f"（{DRAFT_WORD}，尚未提交）", self.red))
        return [*flowables, Spacer(1, 3 * mm), block, Spacer(1, 3 * mm)]

    def widths(self) -> list[float]:
        frame = self.report.frame_width
        tail = [14 * mm, 16 * mm, 62 * mm, 46 * mm]
        levels = depth(self.info)
        first = {1: [], 2: [30 * mm], 3: [24 * mm, 28 * mm]}[levels]
        rest = frame - sum(tail) - sum(first)
        return [*first, rest, *tail]

    def table(self, first_page_left: float) -> Table:
        """The indicator table. An ancestor's cell spans its indicators' rows, but a
        table splits across pages only between spans: so the pages are laid out here
        first (``first_page_left``: the height left on the page where the table starts)
        and a span is cut where a page ends, its label repeated with （续） on the next."""
        info = self.info
        n = depth(info)
        widths = self.widths()
        s = self.s
        rows: list[list[object]] = [[para(h, s.cell_header) for h in self.header()]]
        spans: list[dict[int, int]] = [{}]  # per row: first column → last column
        paths: dict[int, list[Indicator]] = {}  # leaf rows: the leaf's path
        extra: list[tuple] = []
        sheet = info.sheet

        def add(cells: list[object], span: dict[int, int], fill=None) -> int:
            r = len(rows)
            rows.append(cells)
            spans.append(span)
            for first, last in span.items():
                if last > first:
                    extra.append(("SPAN", (first, r), (last, r)))
            if fill is not None:
                extra.append(("BACKGROUND", (0, r), (-1, r), fill))
            return r

        for top in info.template.indicators:
            for leaf, path in _leaves_with_path(top):
                leaf_col = min(len(path) - 1, n - 1)
                state = info.items[leaf.code]
                evidence = evidence_text(info, leaf.code)
                cells: list[object] = [None] * n
                cells[leaf_col] = para(label(leaf), s.cell)
                cells += [
                    para(str(leaf.max_points), s.cell_center),
                    para(score_text(state.score_tenths), s.cell_center),
                    para(evidence, self.small) if evidence else None,
                    para(state.comment, s.cell) if state.comment else None,
                ]
                paths[add(cells, {leaf_col: n - 1})] = path
            subtotal = [
                para(f"小计：{label(top)}", s.cell),
                *([None] * (n - 1)),
                para(str(top.max_points), s.cell_center),
                para(format_tenths(sheet.node_total(top)), s.cell_center),
                None,
                None,
            ]
            add(subtotal, {0: n - 1}, SUBTOTAL_FILL)
        h = info.header
        total = [
            para("合计", s.cell_center),
            *([None] * (n - 1)),
            para(str(h.max_points), s.cell_center),
            para(format_tenths(h.total_tenths), s.cell_center),
            para(f"等第：{grade_text(h)}", s.cell),
            None,
        ]
        add(total, {0: n - 1, n + 2: n + 3}, TOTAL_FILL)

        heights = [
            _row_height(cells, span, widths) for cells, span in zip(rows, spans, strict=True)
        ]
        page_left = self.report.frame_height * FIT - heights[0]
        left = first_page_left * FIT - heights[0]
        if len(rows) > 1 and heights[1] > left:  # the table starts on the next page
            left = page_left
        breaks: set[int] = set()  # rows that begin a page
        used = 0.0
        for r in range(1, len(rows)):
            if used and used + heights[r] > left:
                breaks.add(r)
                used, left = 0.0, page_left
            used += heights[r]

        def ancestor(r: int, level: int) -> Indicator | None:
            path = paths.get(r)
            return path[level] if path is not None and level < len(path) - 1 else None

        for level in range(n - 1):
            run: list[int] = []
            runs: list[list[int]] = []
            for r in range(1, len(rows)):
                node = ancestor(r, level)
                if run and (node != ancestor(run[0], level) or r in breaks):
                    runs.append(run)
                    run = []
                if node is not None:
                    run.append(r)
            if run:
                runs.append(run)
            for i, run in enumerate(runs):
                node = ancestor(run[0], level)
                again = i > 0 and ancestor(runs[i - 1][0], level) == node
                text = f"{label(node)}（续）" if again else label(node)
                rows[run[0]][level] = para(text, s.cell_center if level == 0 else s.cell)
                if len(run) > 1:
                    extra.append(("SPAN", (level, run[0]), (level, run[-1])))
        return self.report.table(rows, widths, extra_style=extra)

    def header(self) -> list[str]:
        return [*LEVEL_HEADERS[: depth(self.info)], *TAIL_HEADERS]

    def notes(self) -> list[Flowable]:
        info = self.info
        t = info.template
        flowables: list[Flowable] = [
            Spacer(1, 2 * mm),
            para(f"总分：{total_text(info)}。", self.ts.body),
        ]
        for consequence in info.header.consequences:  # of this kind of review only
            flowables.append(
                para(
                    f"按{consequence.source.label or t.source.label}：{consequence.source.quote}。",
                    self.ts.body,
                )
            )
        if info.comment:
            flowables += [
                para("总体说明", self.ts.label),
                *text_blocks(info.comment, self.ts, nested=True),
            ]
        for title, note in (("分值说明", t.scores_note), ("等第说明", t.grades_note)):
            if note:
                flowables.append(para(f"{title}：{note}", self.ts.note))
        return flowables

    def signatures(self) -> list[Flowable]:
        s = self.s.body
        rows = [[para("工作室主持人（签字）：", s), None, para("日期：", s), None]]
        widths = [w * mm for w in (50, 60, 20, 50)]
        table = Table(rows, colWidths=widths, rowHeights=[12 * mm], hAlign="RIGHT")
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), s.fontName, s.fontSize),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
                    ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
                ]
            )
        )
        return [Spacer(1, 4 * mm), table]

    def story(self) -> list[Flowable]:
        head = self.title_block()
        width, height = self.report.frame_width, self.report.frame_height
        used = 0.0
        for flowable in head:
            used += flowable.wrap(width, height)[1]
            used += flowable.getSpaceBefore() + flowable.getSpaceAfter()
        table = self.table(height - used)
        return [*head, table, *self.notes(), *self.signatures()]


def assessment_sections(report, services, info: AssessmentInfo) -> list[Flowable]:
    """The assessment as flowables for any story: its head, the indicator table, the notes
    and the signatures. The table's page breaks are planned here, so the flowables must
    start at the top of a page. ``report``: the engine's Report, or anything with its
    ``styles``, ``table()``, ``frame_width`` and ``frame_height`` (a landscape frame)."""
    return _AssessmentPdf(report, services, info).story()


def _make_report(services, info: AssessmentInfo, out: Path) -> Report:
    studio = services.studio.get()
    h = info.header
    cls = Report if info.locked else _DraftReport
    suffix = "" if info.locked else f"（{DRAFT_WORD}）"
    return cls(
        Path(out),
        TITLE,
        studio.name,
        landscape=True,
        subject=f"{studio.name} {info.template.title}",
        pdf_title=f"{studio.name} {h.title}{suffix}",
    )


def write_assessment_report(
    services, assessment_id: int, out: Path, *, register: bool = True
) -> Path:
    """The assessment ``assessment_id`` as a landscape PDF at ``out``, noted as an issued
    document. Raises KeyError for an unknown id (nothing written), ReportError when no
    CJK font is found or the file cannot be written."""
    info = services.assessments.get(assessment_id)
    report = _make_report(services, info, out)
    written = report.build(assessment_sections(report, services, info))
    return issue(services, KIND, info.header.school_year.label, written, register=register)


# --- the workbook -------------------------------------------------------------------------


def write_assessment_report_xlsx(
    services, assessment_id: int, out: Path, *, register: bool = True
) -> Path:
    """The assessment as a workbook (sheet 考核表: the indicator table, then the head's
    facts); returns the file written, noted as an issued document. Raises KeyError for
    an unknown id."""
    info = services.assessments.get(assessment_id)
    studio = services.studio.get()
    h = info.header
    layout = _Layout(info)
    n = layout.levels
    draft = not info.locked
    head = f"{studio.name} {h.title}" + (f"（{DRAFT_WORD}）" if draft else "")
    footer = f"{studio.name} {info.template.title}"
    wb = Workbook()
    sheet = _Sheet(
        wb.active,
        head,
        [*LEVEL_HEADERS[:n], *TAIL_HEADERS],
        [*{1: [], 2: [22], 3: [16, 18]}[n], 60, 8, 8, 40, 30],
        set(),
        landscape=True,
        footer=footer,
    )
    ws = sheet.ws
    ws.title = TITLE
    if draft:
        ws.oddHeader.center.text = DRAFT_WORD
        ws.oddHeader.center.size = 14
        ws.oddHeader.center.color = "B00000"
    top_align = Alignment(vertical="top", wrap_text=True)
    centre = Alignment(horizontal="center", vertical="center")
    scores = info.sheet
    for top, leaves in layout.groups:
        spans: dict[tuple[int, str], list[int]] = {}
        for leaf, path in leaves:
            state = info.items[leaf.code]
            cells: list[object] = [None] * n
            leaf_col = min(len(path) - 1, n - 1)
            cells[leaf_col] = label(leaf)
            r = sheet.row
            for level, node in enumerate(path[:-1]):
                if level < n:
                    spans.setdefault((level, node.code), []).append(r)
                    if spans[(level, node.code)][0] == r:
                        cells[level] = label(node)
            sheet.add(
                [
                    *cells,
                    leaf.max_points,
                    score_value(state.score_tenths),
                    evidence_text(info, leaf.code) or None,
                    state.comment,
                ]
            )
            if leaf_col < n - 1:
                ws.merge_cells(start_row=r, start_column=leaf_col + 1, end_row=r, end_column=n)
            for c in range(1, n + 1):
                ws.cell(row=r, column=c).alignment = top_align
            for c in (n + 1, n + 2):
                ws.cell(row=r, column=c).alignment = centre
        for (level, _code), span_rows in spans.items():
            if len(span_rows) > 1:
                ws.merge_cells(
                    start_row=span_rows[0],
                    start_column=level + 1,
                    end_row=span_rows[-1],
                    end_column=level + 1,
                )
        r = sheet.add(
            [
                f"小计：{label(top)}",
                *([None] * (n - 1)),
                top.max_points,
                score_value(scores.node_total(top)),
                None,
                None,
            ],
            total=True,
        )
        if n > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
    r = sheet.add(
        [
            "合计",
            *([None] * (n - 1)),
            h.max_points,
            score_value(h.total_tenths),
            f"等第：{grade_text(h)}",
            None,
        ],
        total=True,
    )
    if n > 1:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
    sheet.row += 1
    facts = [
        ("考核细则", info.template.title),
        ("依据", info.template.source.label),
        ("考核类型", kind_text(info)),
        ("学年", year_text(h.school_year)),
    ]
    if h.member_name:
        facts.append(("被考核成员", h.member_name))
    facts += [("状态", status_text(info)), ("总分", total_text(info)), ("等第", grade_text(h))]
    if info.comment:
        facts.append(("总体说明", info.comment))
    for name, note in (
        ("分值说明", info.template.scores_note),
        ("等第说明", info.template.grades_note),
    ):
        if note:
            facts.append((name, note))
    last = len(LEVEL_HEADERS[:n]) + len(TAIL_HEADERS)
    for name, value in facts:
        key = ws.cell(row=sheet.row, column=1, value=name)
        key.font = Font(bold=True)
        key.border = _BORDER
        cell = ws.cell(row=sheet.row, column=2, value=value)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        ws.merge_cells(start_row=sheet.row, start_column=2, end_row=sheet.row, end_column=last)
        if name == "状态" and draft:
            cell.font = Font(bold=True, color="B00000")
        if name in ("总分", "等第"):
            key.fill = _TOTAL_FILL
        sheet.row += 1
    written = save_workbook(wb, out)
    return issue(services, KIND, h.school_year.label, written, register=register)


__all__ = [
    "DRAFT_WORD",
    "KIND",
    "LEVEL_HEADERS",
    "TAIL_HEADERS",
    "TITLE",
    "assessment_sections",
    "grade_text",
    "kind_text",
    "status_text",
    "write_assessment_report",
    "write_assessment_report_xlsx",
]
