"""The spending report (经费使用情况报告) of one fiscal year, as a PDF and as a workbook.

Seed 004 asks the studio to report periodically how its ring-fenced money was used. The
report is built from ``LedgerService.summary`` alone, so every number in it is the
ledger's own, exact to the fen:

* title block: the studio, the period (and "截至" the report date while the year runs),
  the report date (the services' today);
* 一、收支概况: income by source, spending, balance, and the check printed in words:
  收入合计 － 支出合计 ＝ 结余, compared with the last running balance of the detail,
  the categories and the months;
* 二、按类别支出: each category with its budget, spending, what is left, its share of the
  spending, over-budget marked;
* 三、按月收支: the twelve months with income, spending, net and the balance so far;
* 四、收支明细: every entry (序号, date, 凭证号, kind, category or source, 摘要, payee,
  amount with its sign — + adds to the balance, − takes from it — and the running
  balance); a reversal names the 序号 it reverses, and the reversed entry the 序号 that
  reversed it;
* 五、冲销记录: each reversal, the entry it undid and its reason;
* 六、超支说明: each entry recorded past the ring-fence, with its reason (or 无);
* the signatures (主持人, 经办人, 日期).

The PDF is A4 portrait on the shared engine (documents/engine/pdf.py): header and "第 X 页 共 Y 页"
on every page, long tables split with their header repeated, the same data giving the
same bytes. The workbook (``write_ledger_report_xlsx``) holds the same report in the
sheets 概况, 按类别, 按月, 明细, 冲销与超支, amounts as exact numbers (#,##0.00).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from desktop_app.documents.engine.pdf import Report, Styles, para
from desktop_app.documents.engine.pdf import table as pdf_table
from desktop_app.documents.issue import issue
from desktop_app.documents.sheets.cells import put
from desktop_app.documents.sheets.ledger_io import amount_cell_value, category_text
from desktop_app.documents.sheets.workbook_file import save_workbook
from desktop_app.domain.ledger import IncomeSource, entry_kind_zh
from desktop_app.domain.money import format_fen
from desktop_app.domain.school_year import date_zh
from desktop_app.services.documents import LEDGER_REPORT
from desktop_app.services.ledger import EntryInfo, LedgerSummary

TITLE = "经费使用情况报告"
UNIT_NOTE = "金额单位：元"
MINUS = "－"  # full-width: in every CJK font, and unmistakable in print
RED = colors.HexColor("#B00000")
REVERSAL_FILL = colors.HexColor("#F2F2F2")
TOTAL_FILL = colors.HexColor("#F7F7F7")
PARTIAL_BUDGET_NOTE = "预算、预算结余的合计只计设有预算的类别。"
DETAIL_PAD = 2  # points each side: the detail has nine columns on a portrait page


def signed(fen: int) -> str:
    """+3,000.00 / -500.00 / 0.00: the amount's effect on the balance."""
    if fen > 0:
        return "+" + format_fen(fen)
    return format_fen(fen)


def share_text(part: int, whole: int) -> str:
    """12.5%: part of whole to one decimal, rounded half up; — when whole is 0."""
    if whole <= 0:
        return "—"
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{value}%"


def source_zh(code: str) -> str:
    try:
        return IncomeSource(code).zh
    except ValueError:
        return code


@dataclasses.dataclass(frozen=True)
class _Numbered:
    """The year's entries with their 序号 (1 … N, the order of the detail)."""

    entries: list[EntryInfo]
    number: dict[int, int]  # entry id → 序号

    @classmethod
    def of(cls, summary: LedgerSummary) -> _Numbered:
        entries = list(summary.entries)
        return cls(entries, {e.id: i for i, e in enumerate(entries, start=1)})


def _checks(summary: LedgerSummary) -> list[str]:
    """What does not add up (empty when everything does): the totals against the
    entries, the categories, the sources, the months and the last running balance."""
    problems = []
    entries = summary.entries
    if summary.income_fen - summary.expense_fen != summary.balance_fen:
        problems.append("收入合计－支出合计≠结余")
    if entries and entries[-1].running_balance_fen != summary.balance_fen:
        problems.append("明细末行余额≠结余")
    if sum(e.signed_fen for e in entries) != summary.balance_fen:
        problems.append("明细金额合计≠结余")
    if sum(summary.by_category.values()) != summary.expense_fen:
        problems.append("各类别支出之和≠支出合计")
    if sum(summary.by_source.values()) != summary.income_fen:
        problems.append("各来源收入之和≠收入合计")
    if sum(m.income_fen for m in summary.by_month) != summary.income_fen:
        problems.append("各月收入之和≠收入合计")
    if sum(m.expense_fen for m in summary.by_month) != summary.expense_fen:
        problems.append("各月支出之和≠支出合计")
    return problems


def _period_text(summary: LedgerSummary, today: dt.date) -> str:
    fiscal = summary.year
    text = f"{fiscal.label}（{date_zh(fiscal.first_day)}至{date_zh(fiscal.last_day)}）"
    if fiscal.first_day <= today < fiscal.last_day:
        text += f"，本年度尚未结束，数据截至{date_zh(today)}"
    return text


def _original_text(entry: EntryInfo, original: EntryInfo | None, numbered: _Numbered) -> str:
    if original is None:
        return "（原账已不存在）"
    parts = []
    if original.id in numbered.number:
        parts.append(f"第 {numbered.number[original.id]} 笔")
    else:
        parts.append("以前年度")
    parts.append(original.date.isoformat())
    if original.voucher_no:
        parts.append(f"凭证号 {original.voucher_no}")
    kind = category_text(original) or ""
    parts.append(f"{original.purpose}（{original.direction.zh}{'，' + kind if kind else ''}）")
    return " ".join(parts)


# --- the PDF ------------------------------------------------------------------------


class _LedgerPdf:
    def __init__(self, report: Report, services, summary: LedgerSummary, today: dt.date):
        self.report = report
        self.services = services
        self.summary = summary
        self.today = today
        self.numbered = _Numbered.of(summary)
        s = report.styles
        self.s = s
        self.heading = ParagraphStyle("ledger_heading", parent=s.heading, keepWithNext=1)
        self.num = ParagraphStyle("ledger_num", parent=s.cell, alignment=TA_RIGHT)
        self.num_red = ParagraphStyle("ledger_num_red", parent=self.num, textColor=RED)
        self.red = ParagraphStyle("ledger_red", parent=s.cell, textColor=RED)
        self.indent = ParagraphStyle("ledger_indent", parent=s.cell, leftIndent=2 * s.cell.fontSize)
        self.info = ParagraphStyle("ledger_info", parent=s.body, alignment=TA_CENTER)
        self.unit = ParagraphStyle("ledger_unit", parent=s.small, alignment=TA_RIGHT)
        self.note = ParagraphStyle("ledger_note", parent=s.small, spaceBefore=2)
        # The detail is long and wide: a smaller size.
        size, leading = 8.5, 11

        def small(style: ParagraphStyle) -> ParagraphStyle:
            return ParagraphStyle(
                f"{style.name}_small", parent=style, fontSize=size, leading=leading
            )

        self.detail_styles = Styles(
            title=s.title,
            subtitle=s.subtitle,
            heading=s.heading,
            body=s.body,
            small=s.small,
            cell=small(s.cell),
            cell_center=small(s.cell_center),
            cell_header=small(s.cell_header),
        )
        self.d_num = small(self.num)
        self.d_num_red = small(self.num_red)
        self.d_red = ParagraphStyle(
            "ledger_d_red", parent=self.detail_styles.cell_center, textColor=RED
        )

    def widths(self, *parts: float) -> list[float]:
        total = sum(parts)
        return [self.report.frame_width * p / total for p in parts]

    def mm_widths(self, *widths: float | None) -> list[float]:
        """Column widths in mm; the one None takes what is left of the frame."""
        fixed = sum(w * mm for w in widths if w is not None)
        return [w * mm if w is not None else self.report.frame_width - fixed for w in widths]

    def money(self, fen: int | None, style: ParagraphStyle | None = None) -> Flowable | str:
        if fen is None:
            return para("—", style or self.num)
        return para(format_fen(fen), style or (self.num_red if fen < 0 else self.num))

    # --- blocks ---

    def title_block(self) -> list[Flowable]:
        studio = self.services.studio.get()
        s = self.s
        return [
            para(studio.name, s.subtitle),
            para(TITLE, s.title),
            Spacer(1, 2 * mm),
            para(f"报告期间：{_period_text(self.summary, self.today)}", self.info),
            para(f"编制日期：{date_zh(self.today)}", self.info),
            Spacer(1, 1 * mm),
            para(UNIT_NOTE, self.unit),
        ]

    def overview(self) -> list[Flowable]:
        sm = self.summary
        rows: list[list[object]] = [["项目", "金额（元）", "说明"]]
        rows.append(["收入合计", self.money(sm.income_fen), "本年度到账的经费（已扣除冲销）"])
        sources = [s.value for s in IncomeSource] + [
            k for k in sm.by_source if k not in {s.value for s in IncomeSource}
        ]
        for code in sources:
            if code in sm.by_source:
                rows.append(
                    [
                        para(f"其中：{source_zh(code)}", self.indent),
                        self.money(sm.by_source[code]),
                        None,
                    ]
                )
        rows.append(["支出合计", self.money(sm.expense_fen), "按类别见二，按月见三"])
        rows.append(["结余", self.money(sm.balance_fen), "收入合计－支出合计"])
        total = len(rows) - 1
        table = self.report.table(
            rows,
            self.widths(40, 30, 50),
            extra_style=[("BACKGROUND", (0, total), (-1, total), TOTAL_FILL)],
        )
        problems = _checks(sm)
        check = (
            f"核对：收入合计 {format_fen(sm.income_fen)} {MINUS} 支出合计 "
            f"{format_fen(sm.expense_fen)} ＝ 结余 {format_fen(sm.balance_fen)}"
        )
        if problems:
            check += "。注意：" + "；".join(problems) + "，请核查台账。"
        else:
            check += "，与收支明细末行余额、各类别支出之和、各月收支之和均相符。"
        counts = (
            f"本期共记账 {len(sm.entries)} 笔，其中冲销 {len(sm.reversals)} 笔，"
            f"超支说明 {len(sm.overrides)} 笔。"
        )
        flowables: list[Flowable] = [
            para("一、收支概况", self.heading),
            table,
            Spacer(1, 2 * mm),
            para(check, self.s.body),
            para(counts, self.s.body),
        ]
        if sm.balance_fen < 0:
            flowables.append(
                para(
                    f"本年度结余为负（{format_fen(sm.balance_fen)} 元），超支原因见六。",
                    ParagraphStyle("neg", parent=self.s.body, textColor=RED),
                )
            )
        return flowables

    def by_category(self) -> list[Flowable]:
        sm = self.summary
        rows: list[list[object]] = [["类别", "预算", "已支出", "预算结余", "占支出比例", "备注"]]
        extra = []
        budget_total = remaining_total = 0  # over the categories with a budget
        any_budget = False
        for category, spent in sm.by_category.items():
            budget = sm.budgets.get(category)
            remaining = sm.remaining(category)
            note: object = "未设预算" if budget is None else None
            if remaining is not None and remaining < 0:
                note = para(f"超预算 {format_fen(-remaining)}", self.red)
            if budget is not None:
                budget_total += budget
                remaining_total += remaining
                any_budget = True
            rows.append(
                [
                    category or "（未分类）",
                    self.money(budget),
                    self.money(spent),
                    self.money(remaining),
                    para(share_text(spent, sm.expense_fen), self.num),
                    note,
                ]
            )
        last = len(rows)
        rows.append(
            [
                "合计",
                self.money(budget_total if any_budget else None),
                self.money(sm.expense_fen),
                self.money(remaining_total if any_budget else None),
                para("100.0%" if sm.expense_fen > 0 else "—", self.num),
                None,
            ]
        )
        extra.append(("BACKGROUND", (0, last), (-1, last), TOTAL_FILL))
        table = self.report.table(
            rows, self.widths(30, 20, 20, 20, 16, 24), center_cols=(0,), extra_style=extra
        )
        flowables: list[Flowable] = [para("二、按类别支出", self.heading), table]
        if not any_budget:
            flowables.append(para("本年度未设各类别预算。", self.note))
        elif any(c not in sm.budgets for c in sm.by_category):
            flowables.append(para(PARTIAL_BUDGET_NOTE, self.note))
        return flowables

    def by_month(self) -> list[Flowable]:
        sm = self.summary
        rows: list[list[object]] = [["月份", "收入", "支出", "本月净额", "累计结余"]]
        running = 0
        for m in sm.by_month:
            running += m.income_fen - m.expense_fen
            rows.append(
                [
                    f"{m.year}年{m.month}月",
                    self.money(m.income_fen),
                    self.money(m.expense_fen),
                    self.money(m.income_fen - m.expense_fen),
                    self.money(running),
                ]
            )
        last = len(rows)
        rows.append(
            [
                "合计",
                self.money(sm.income_fen),
                self.money(sm.expense_fen),
                self.money(sm.balance_fen),
                self.money(sm.balance_fen),
            ]
        )
        table = self.report.table(
            rows,
            self.widths(24, 22, 22, 22, 22),
            center_cols=(0,),
            extra_style=[("BACKGROUND", (0, last), (-1, last), TOTAL_FILL)],
        )
        return [para("三、按月收支", self.heading), table]

    def detail(self) -> list[Flowable]:
        sm = self.summary
        ds = self.detail_styles
        header = [
            "序号",
            "日期",
            "凭证号",
            "收支",
            "类别/来源",
            "摘要",
            "收款方/来源",
            "金额",
            "余额",
        ]
        rows: list[list[object]] = [header]
        extra: list[tuple] = []
        numbered = self.numbered
        for r, e in enumerate(numbered.entries, start=1):
            purpose = e.purpose
            notes = []
            if e.is_reversal:
                target = numbered.number.get(e.reverses_id)
                notes.append(f"冲销第 {target} 笔" if target else "冲销以前年度的账")
            if e.reversed_by_id is not None:
                by = numbered.number.get(e.reversed_by_id)
                notes.append(f"已被第 {by} 笔冲销" if by else "已在以后年度冲销")
            if e.override_reason:
                notes.append("超支，见六")
            if notes:
                purpose += "（" + "；".join(notes) + "）"
            kind_zh = entry_kind_zh(e.direction, e.is_reversal)
            kind = para(kind_zh, self.d_red) if e.is_reversal else para(kind_zh, ds.cell_center)
            rows.append(
                [
                    str(r),
                    e.date.isoformat(),
                    e.voucher_no,
                    kind,
                    category_text(e),
                    purpose,
                    e.payee,
                    para(signed(e.signed_fen), self.d_num_red if e.signed_fen < 0 else self.d_num),
                    para(
                        format_fen(e.running_balance_fen),
                        self.d_num_red if e.running_balance_fen < 0 else self.d_num,
                    ),
                ]
            )
            if e.is_reversal:
                extra.append(("BACKGROUND", (0, r), (-1, r), REVERSAL_FILL))
        if not numbered.entries:
            rows.append(["", "", "", "", "", "本期无收支记录", "", "", ""])
        last = len(rows)
        rows.append(
            [
                para(
                    f"本期合计：收入 {format_fen(sm.income_fen)}，支出 {format_fen(sm.expense_fen)}",
                    ds.cell,
                ),
                None,
                None,
                None,
                None,
                None,
                None,
                para(signed(sm.balance_fen), self.d_num_red if sm.balance_fen < 0 else self.d_num),
                para(
                    format_fen(sm.balance_fen),
                    self.d_num_red if sm.balance_fen < 0 else self.d_num,
                ),
            ]
        )
        extra += [
            ("SPAN", (0, last), (6, last)),
            ("BACKGROUND", (0, last), (-1, last), TOTAL_FILL),
        ]
        extra += [
            ("LEFTPADDING", (0, 0), (-1, -1), DETAIL_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), DETAIL_PAD),
        ]
        table = pdf_table(
            rows,
            self.mm_widths(7.5, 17.5, 17.5, 14, 19.5, None, 19, 18, 18),
            center_cols=(0, 1),
            styles=ds,
            extra_style=extra,
        )
        return [
            para("四、收支明细", self.heading),
            table,
            para(
                "金额栏：“+”为增加余额（收入、冲销支出），“-”为减少余额（支出、冲销收入）；"
                "余额为本年度逐笔累计结余。灰底行为冲销记录。",
                self.note,
            ),
        ]

    def reversals(self) -> list[Flowable]:
        sm = self.summary
        flowables: list[Flowable] = [para("五、冲销记录", self.heading)]
        if not sm.reversals:
            return [*flowables, para("本期无冲销。", self.s.body)]
        rows: list[list[object]] = [["序号", "冲销日期", "被冲销的账", "冲销金额", "冲销原因"]]
        for e in sm.reversals:
            original = self._entry(e.reverses_id)
            rows.append(
                [
                    str(self.numbered.number[e.id]),
                    e.date.isoformat(),
                    _original_text(e, original, self.numbered),
                    self.money(e.amount_fen),
                    e.reversal_reason,
                ]
            )
        table = self.report.table(rows, self.mm_widths(10, 23, None, 20, 48), center_cols=(0, 1))
        return [*flowables, table]

    def overrides(self) -> list[Flowable]:
        sm = self.summary
        flowables: list[Flowable] = [para("六、超支说明", self.heading)]
        if not sm.overrides:
            return [
                *flowables,
                para("无。本期没有超出经费余额、需说明原因的支出。", self.s.body),
            ]
        rows: list[list[object]] = [
            ["序号", "日期", "凭证号", "摘要", "金额", "当时余额", "超支原因", "审批人"]
        ]
        for e in sm.overrides:
            rows.append(
                [
                    str(self.numbered.number[e.id]),
                    e.date.isoformat(),
                    e.voucher_no,
                    e.purpose,
                    self.money(e.amount_fen),
                    self.money(e.running_balance_fen),
                    e.override_reason,
                    e.approver,
                ]
            )
        table = self.report.table(
            rows, self.mm_widths(10, 23, 20, None, 19, 19, 36, 15), center_cols=(0, 1, 7)
        )
        return [
            *flowables,
            table,
            para("当时余额：记入该笔之后本年度的累计结余。", self.note),
        ]

    def signatures(self) -> list[Flowable]:
        s = self.s.body
        rows = [
            [para("主持人（签字）：", s), None, para("经办人（签字）：", s), None],
            [para("日期：", s), None, para("日期：", s), None],
        ]
        widths = self.widths(22, 28, 22, 28)
        table = Table(rows, colWidths=widths, rowHeights=[12 * mm, 10 * mm], hAlign="CENTER")
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), s.fontName, s.fontSize),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
                    ("LINEBELOW", (3, 0), (3, -1), 0.6, colors.black),
                    ("ALIGN", (0, 0), (0, -1), "RIGHT"),
                    ("ALIGN", (2, 0), (2, -1), "RIGHT"),
                ]
            )
        )
        return [
            Spacer(1, 6 * mm),
            para("以上经费收支情况属实，经费专款专用。", s),
            Spacer(1, 2 * mm),
            table,
        ]

    def _entry(self, entry_id: int | None) -> EntryInfo | None:
        if entry_id is None:
            return None
        for e in self.numbered.entries:
            if e.id == entry_id:
                return e
        try:
            return self.services.ledger.get(entry_id)
        except LookupError:
            return None

    def body(self) -> list[Flowable]:
        """一、收支概况 … 六、超支说明."""
        return [
            *self.overview(),
            *self.by_category(),
            *self.by_month(),
            *self.detail(),
            *self.reversals(),
            *self.overrides(),
        ]

    def story(self) -> list[Flowable]:
        return [*self.title_block(), *self.body(), *self.signatures()]


def ledger_sections(
    report,
    services,
    summary: LedgerSummary,
    today: dt.date,
    *,
    title_block: bool = True,
    signatures: bool = True,
) -> list[Flowable]:
    """The spending report of ``summary`` as flowables for any story: the title block
    (optional), 一、收支概况 … 六、超支说明, the signatures (optional). ``report``: the
    engine's Report, or anything with its ``styles``, ``table()`` and ``frame_width``."""
    pdf = _LedgerPdf(report, services, summary, today)
    return [
        *(pdf.title_block() if title_block else []),
        *pdf.body(),
        *(pdf.signatures() if signatures else []),
    ]


def write_ledger_report(services, year: int, out: Path, *, register: bool = True) -> Path:
    """The spending report of fiscal year ``year`` (the year it starts) as a PDF at
    ``out``. Raises ReportError when no CJK font is found or the file cannot be
    written."""
    summary = services.ledger.summary(year)
    studio = services.studio.get()
    today = services.ledger.today()
    report = Report(
        Path(out),
        TITLE,
        studio.name,
        subject=f"{studio.name} {TITLE}",
        pdf_title=f"{studio.name} {TITLE}（{summary.year.label}）",
    )
    written = report.build(ledger_sections(report, services, summary, today))
    return issue(services, LEDGER_REPORT, str(year), written, register=register)


# --- the workbook -------------------------------------------------------------------

AMOUNT_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "yyyy-mm-dd"
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_REVERSAL_FILL = PatternFill("solid", fgColor="EDEDED")
_RED = "B00000"
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3


class _Sheet:
    """One report sheet: a title in row 1, the header in row 2 (frozen, printed on every
    page), A4, fit to the page width."""

    def __init__(
        self,
        ws: Worksheet,
        title: str,
        headers: list[str],
        widths: list[int],
        amount_cols: set[int],
        landscape: bool = False,
        footer: str = "",
    ):
        self.ws = ws
        self.headers = headers
        self.amount_cols = amount_cols
        self.row = FIRST_ROW
        ws.cell(row=TITLE_ROW, column=1, value=title).font = Font(bold=True, size=13)
        ws.merge_cells(
            start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(headers)
        )
        ws.row_dimensions[TITLE_ROW].height = 24
        centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for c, header in enumerate(headers, start=1):
            cell = ws.cell(row=HEADER_ROW, column=c, value=header)
            cell.font = Font(bold=True)
            cell.fill = _HEADER_FILL
            cell.alignment = centre
            cell.border = _BORDER
            ws.column_dimensions[get_column_letter(c)].width = widths[c - 1]
        ws.freeze_panes = ws.cell(row=FIRST_ROW, column=1).coordinate
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        if footer:
            ws.oddFooter.left.text = footer
            ws.oddFooter.left.size = 8
        ws.oddFooter.right.text = "第 &P 页，共 &N 页"
        ws.oddFooter.right.size = 8

    def add(
        self,
        values: list[object],
        *,
        total: bool = False,
        fill: PatternFill | None = None,
        red: set[int] = frozenset(),
    ) -> int:
        r = self.row
        for c, value in enumerate(values, start=1):
            if c in self.amount_cols and isinstance(value, int) and not isinstance(value, bool):
                value = amount_cell_value(value)  # fen → exact yuan
            cell = put(self.ws, r, c, value)  # text stays text, never a formula
            cell.border = _BORDER
            if c in self.amount_cols:
                cell.number_format = AMOUNT_FORMAT
                cell.alignment = Alignment(horizontal="right", vertical="center")
            elif isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
                cell.alignment = Alignment(horizontal="center", vertical="center")
            else:
                cell.alignment = Alignment(vertical="center", wrap_text=True)
            if total:
                cell.font = Font(bold=True)
                cell.fill = _TOTAL_FILL
            elif fill is not None:
                cell.fill = fill
            if c in red:
                cell.font = Font(bold=total, color=_RED)
        self.row += 1
        return r


def write_ledger_report_xlsx(services, year: int, out: Path, *, register: bool = True) -> Path:
    """The spending report of fiscal year ``year`` as a workbook (sheets 概况, 按类别, 按月,
    明细, 冲销与超支); returns the file written (``.xlsx`` appended when the target has
    another suffix). Amount cells are numbers equal to fen / 100 exactly."""
    sm = services.ledger.summary(year)
    studio = services.studio.get()
    today = services.ledger.today()
    numbered = _Numbered.of(sm)
    head = f"{studio.name} {TITLE}（{sm.year.label}）"
    footer = f"{studio.name} {TITLE}　编制日期：{today.isoformat()}"
    wb = Workbook()

    # 概况
    ws = wb.active
    ws.title = "概况"
    sheet = _Sheet(ws, head, ["项目", "金额（元）", "说明"], [26, 16, 48], {2}, footer=footer)
    sheet.add(["收入合计", sm.income_fen, "本年度到账的经费（已扣除冲销）"], total=True)
    for code, fen in sm.by_source.items():
        r = sheet.add([f"其中：{source_zh(code)}", fen, None])
        ws.cell(row=r, column=1).alignment = Alignment(vertical="center", indent=2)
    sheet.add(["支出合计", sm.expense_fen, "按类别、按月见其他工作表"], total=True)
    sheet.add(
        ["结余", sm.balance_fen, "收入合计－支出合计"],
        total=True,
        red={2} if sm.balance_fen < 0 else set(),
    )
    sheet.row += 1
    problems = _checks(sm)
    for label, value in (
        ("报告期间", _period_text(sm, today)),
        ("编制日期", date_zh(today)),
        (
            "核对",
            "收入合计－支出合计＝结余，与明细末行余额、各类别与各月之和相符"
            if not problems
            else "不相符：" + "；".join(problems),
        ),
        (
            "笔数",
            f"共 {len(sm.entries)} 笔，其中冲销 {len(sm.reversals)} 笔，"
            f"超支说明 {len(sm.overrides)} 笔",
        ),
        ("金额单位", "元"),
    ):
        ws.cell(row=sheet.row, column=1, value=label).font = Font(bold=True)
        ws.cell(row=sheet.row, column=2, value=value)
        ws.merge_cells(start_row=sheet.row, start_column=2, end_row=sheet.row, end_column=3)
        sheet.row += 1

    # 按类别
    sheet = _Sheet(
        wb.create_sheet("按类别"),
        f"{head} 按类别支出",
        ["类别", "预算", "已支出", "预算结余", "占支出比例", "备注"],
        [18, 14, 14, 14, 12, 18],
        {2, 3, 4},
        footer=footer,
    )
    budget_total = remaining_total = 0  # over the categories with a budget
    any_budget = False
    for category, spent in sm.by_category.items():
        budget = sm.budgets.get(category)
        remaining = sm.remaining(category)
        if budget is not None:
            budget_total += budget
            remaining_total += remaining
            any_budget = True
        over = remaining is not None and remaining < 0
        r = sheet.add(
            [
                category or "（未分类）",
                budget,
                spent,
                remaining,
                Decimal(spent) / Decimal(sm.expense_fen) if sm.expense_fen > 0 else None,
                f"超预算 {format_fen(-remaining)}" if over else (None if budget else "未设预算"),
            ],
            red={4, 6} if over else set(),
        )
        sheet.ws.cell(row=r, column=5).number_format = PERCENT_FORMAT
    r = sheet.add(
        [
            "合计",
            budget_total if any_budget else None,
            sm.expense_fen,
            remaining_total if any_budget else None,
            1 if sm.expense_fen > 0 else None,
            PARTIAL_BUDGET_NOTE
            if any_budget and any(c not in sm.budgets for c in sm.by_category)
            else None,
        ],
        total=True,
    )
    sheet.ws.cell(row=r, column=5).number_format = PERCENT_FORMAT

    # 按月
    sheet = _Sheet(
        wb.create_sheet("按月"),
        f"{head} 按月收支",
        ["月份", "收入", "支出", "本月净额", "累计结余"],
        [14, 14, 14, 14, 14],
        {2, 3, 4, 5},
        footer=footer,
    )
    running = 0
    for m in sm.by_month:
        running += m.income_fen - m.expense_fen
        sheet.add(
            [
                f"{m.year}年{m.month}月",
                m.income_fen,
                m.expense_fen,
                m.income_fen - m.expense_fen,
                running,
            ]
        )
    sheet.add(["合计", sm.income_fen, sm.expense_fen, sm.balance_fen, sm.balance_fen], total=True)

    # 明细
    sheet = _Sheet(
        wb.create_sheet("明细"),
        f"{head} 收支明细",
        [
            "序号",
            "日期",
            "凭证号",
            "收支",
            "类别/来源",
            "摘要",
            "收款方/来源",
            "经办人",
            "审批人",
            "金额",
            "余额",
            "备注",
        ],
        [6, 12, 12, 10, 14, 32, 18, 8, 8, 13, 13, 24],
        {10, 11},
        landscape=True,
        footer=footer + "　金额：正数增加余额，负数减少余额",
    )
    for i, e in enumerate(numbered.entries, start=1):
        notes = []
        if e.is_reversal:
            target = numbered.number.get(e.reverses_id)
            notes.append(f"冲销第 {target} 笔" if target else "冲销以前年度的账")
            notes.append(f"原因：{e.reversal_reason}")
        if e.reversed_by_id is not None:
            by = numbered.number.get(e.reversed_by_id)
            notes.append(f"已被第 {by} 笔冲销" if by else "已在以后年度冲销")
        if e.override_reason:
            notes.append(f"超支原因：{e.override_reason}")
        red = {10} if e.signed_fen < 0 else set()
        if e.running_balance_fen < 0:
            red.add(11)
        sheet.add(
            [
                i,
                e.date,
                e.voucher_no,
                entry_kind_zh(e.direction, e.is_reversal),
                category_text(e),
                e.purpose,
                e.payee,
                e.handler,
                e.approver,
                e.signed_fen,
                e.running_balance_fen,
                "；".join(notes) or None,
            ],
            fill=_REVERSAL_FILL if e.is_reversal else None,
            red=red,
        )
    sheet.add(
        [
            "合计",
            None,
            None,
            None,
            None,
            f"收入 {format_fen(sm.income_fen)}，支出 {format_fen(sm.expense_fen)}",
            None,
            None,
            None,
            sm.balance_fen,
            sm.balance_fen,
            None,
        ],
        total=True,
    )

    # 冲销与超支
    sheet = _Sheet(
        wb.create_sheet("冲销与超支"),
        f"{head} 冲销记录与超支说明",
        ["类型", "序号", "日期", "凭证号", "摘要", "金额", "原因", "关联的账", "审批人"],
        [8, 6, 12, 12, 30, 13, 36, 44, 8],
        {6},
        landscape=True,
        footer=footer,
    )
    for e in sm.reversals:
        original = next((x for x in numbered.entries if x.id == e.reverses_id), None)
        if original is None and e.reverses_id is not None:
            try:
                original = services.ledger.get(e.reverses_id)
            except LookupError:
                original = None
        sheet.add(
            [
                "冲销",
                numbered.number[e.id],
                e.date,
                e.voucher_no,
                e.purpose,
                e.amount_fen,
                e.reversal_reason,
                _original_text(e, original, numbered),
                e.approver,
            ]
        )
    for e in sm.overrides:
        sheet.add(
            [
                "超支",
                numbered.number[e.id],
                e.date,
                e.voucher_no,
                e.purpose,
                e.amount_fen,
                e.override_reason,
                f"记入后本年度余额 {format_fen(e.running_balance_fen)}",
                e.approver,
            ]
        )
    if not sm.reversals and not sm.overrides:
        sheet.add(["无", None, None, None, "本期无冲销，也无超支", None, None, None, None])
    written = save_workbook(wb, out)
    return issue(services, LEDGER_REPORT, str(year), written, register=register)


__all__ = [
    "TITLE",
    "ledger_sections",
    "share_text",
    "signed",
    "write_ledger_report",
    "write_ledger_report_xlsx",
]
