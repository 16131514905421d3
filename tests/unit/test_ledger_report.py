"""The spending report (经费使用情况报告): the PDF and the workbook.

The PDF is checked with poppler-utils the way a person looks at it: the text (pdftotext),
the fonts (pdffonts), the pages (pdfinfo) and rendered pages (pdftoppm). Without
poppler-utils these tests fail: they are never skipped.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PIL import Image as PILImage

from desktop_app.documents.reports.ledger_report import (
    TITLE,
    share_text,
    signed,
    write_ledger_report,
    write_ledger_report_xlsx,
)
from desktop_app.domain.money import format_fen
from desktop_app.services.ledger import EntryInput
from tests.conftest import BOTH
from tests.pdf_tools import has, pages, poppler
from tests.pdf_tools import text_of as pdf_text

# Each test on SQLite and on PostgreSQL (tests/conftest.py)
BACKENDS = BOTH


def text_of(path: Path, page: int | None = None) -> str:
    """In drawing order (-raw): a wrapped table cell stays together."""
    return pdf_text(path, page, raw=True)


DETAIL_HEADER = "序号日期凭证号收支类别/来源摘要收款方/来源金额余额"
REVERSAL_REASON = "金额录错，应为680元"
OVERRIDE_REASON = "考察安排经校长办公会同意，超出部分由学校德育经费补足"
EXPENSES = 44


# --- data ---------------------------------------------------------------------------


def build_year(services) -> None:
    """2025: two incomes, budgets for two categories, 44 small expenses, a correction
    (an expense reversed and entered again) and a last expense past the ring-fence."""
    ledger = services.ledger
    ledger.add(
        EntryInput(
            "收入",
            "2025-01-06",
            "3000",
            "2025年度工作室专项经费",
            source="grant",
            payee="江阴中专财务处",
            voucher_no="2025-S01",
            handler="陈静",
        )
    )
    ledger.add(
        EntryInput(
            "收入",
            "2025-02-20",
            "1,500.50",
            "区德育课题配套经费",
            source="bureau",
            payee="江阴市教育局",
            voucher_no="2025-S02",
        )
    )
    ledger.set_budget(2025, "培训研修", "1500")
    ledger.set_budget(2025, "专家指导", "1000")
    categories = ledger.categories()
    payees = ("江阴市新华书店", "校文印室", "华士镇文具店")
    for i in range(EXPENSES):
        ledger.add(
            EntryInput(
                "支出",
                dt.date(2025, 1 + i * 11 // EXPENSES, 8 + i % 20),
                f"{20 + i * 3}.{i % 10}5" if i % 3 else f"{30 + i}",
                f"第{i + 1}次活动资料打印与茶歇",
                category=categories[i % 4],
                payee=payees[i % 3],
                voucher_no=f"2025-Z{i + 1:03d}",
                handler="李明",
            )
        )
    wrong = ledger.add(
        EntryInput(
            "支出",
            "2025-06-03",
            "480",
            "专家讲座劳务费",
            category="专家指导",
            payee="王建国",
            voucher_no="2025-Z100",
            handler="李明",
        )
    )
    ledger.correct(
        wrong,
        REVERSAL_REASON,
        EntryInput(
            "支出",
            "2025-06-05",
            "680",
            "专家讲座劳务费",
            category="专家指导",
            payee="王建国",
            voucher_no="2025-Z100",
            handler="李明",
        ),
    )
    balance = ledger.summary(2025).balance_fen
    over = balance + 20000  # 200 yuan past the balance
    ledger.add(
        EntryInput(
            "支出",
            "2025-12-18",
            f"{over // 100}.{over % 100:02d}",
            "赴南京外出考察交通与住宿",
            category="培训研修",
            payee="南京某酒店",
            voucher_no="2025-Z200",
            handler="李明",
            approver="陈静",
            override_reason=OVERRIDE_REASON,
        )
    )


@pytest.fixture
def year(services):
    build_year(services)
    return services


@pytest.fixture
def report(year, tmp_path) -> Path:
    return write_ledger_report(year, 2025, tmp_path / "经费使用情况报告.pdf")


@pytest.fixture
def workbook(year, tmp_path):
    path = write_ledger_report_xlsx(year, 2025, tmp_path / "经费使用情况报告.xlsx")
    wb = openpyxl.load_workbook(path)
    yield wb
    wb.close()


# --- small helpers ------------------------------------------------------------------


def test_signed_and_share():
    assert signed(300000) == "+3,000.00"
    assert signed(-5) == "-0.05"
    assert signed(0) == "0.00"
    assert share_text(1, 3) == "33.3%"
    assert share_text(1, 8) == "12.5%"
    assert share_text(1, 16) == "6.3%"  # half up
    assert share_text(5, 0) == "—"


# --- the PDF ------------------------------------------------------------------------


def test_the_data_is_as_built(year):
    summary = year.ledger.summary(2025)
    assert len(summary.entries) == EXPENSES + 2 + 3 + 1
    assert len(summary.reversals) == 1 and len(summary.overrides) == 1
    assert summary.balance_fen == -20000
    assert summary.income_fen == 450050


def test_every_section_and_the_title_block(report, year):
    text = text_of(report)
    for expected in (
        "陈静名班主任工作室",
        TITLE,
        "报告期间：2025年（2025年1月1日至2025年12月31日）",
        "编制日期：2026年11月21日",  # the services' today
        "金额单位：元",
        "一、收支概况",
        "二、按类别支出",
        "三、按月收支",
        "四、收支明细",
        "五、冲销记录",
        "六、超支说明",
        "主持人（签字）",
        "经办人（签字）",
        "日期：",
        *(f"2025年{m}月" for m in range(1, 13)),
        *year.ledger.categories(),
        "学校核拨专项经费",
        "教育局拨款",
    ):
        assert has(text, expected), expected


def test_the_totals_are_the_summary_to_the_fen_and_the_check_is_printed(report, year):
    summary = year.ledger.summary(2025)
    text = text_of(report)
    income, expense, balance = (
        format_fen(summary.income_fen),
        format_fen(summary.expense_fen),
        format_fen(summary.balance_fen),
    )
    assert (income, expense, balance) == ("4,500.50", "4,700.50", "-200.00")
    assert has(text, f"收入合计{income}")
    assert has(text, f"支出合计{expense}")
    assert has(text, f"结余{balance}")
    assert has(text, f"核对：收入合计{income}－支出合计{expense}＝结余{balance}")
    assert has(text, "均相符")  # the printed check found nothing wrong
    assert has(text, f"本期合计：收入{income}，支出{expense}")
    for source, fen in summary.by_source.items():
        assert has(text, format_fen(fen)), source
    for category, fen in summary.by_category.items():
        assert has(text, format_fen(fen)), category
    for month in summary.by_month:
        assert has(text, format_fen(month.expense_fen)), month
    # Over budget is marked with the amount over.
    over = -summary.remaining("专家指导")
    assert over > 0
    assert has(text, f"超预算{format_fen(over)}")


def test_every_entry_with_its_voucher_and_running_balance(report, year):
    text = text_of(report)
    for entry in year.ledger.entries(year=2025):
        assert has(text, entry.voucher_no), entry.voucher_no
        assert has(text, format_fen(entry.running_balance_fen)), entry.id


def test_the_reversal_and_the_override_with_their_reasons(report, year):
    text = text_of(report)
    summary = year.ledger.summary(2025)
    number = {e.id: i for i, e in enumerate(summary.entries, start=1)}
    reversal = summary.reversals[0]
    assert has(text, REVERSAL_REASON)
    assert has(text, OVERRIDE_REASON)
    assert has(text, "冲销支出")
    # Linked both ways in the detail, and named in 五.
    assert has(text, f"冲销第{number[reversal.reverses_id]}笔")
    assert has(text, f"已被第{number[reversal.id]}笔冲销")
    assert has(text, f"第{number[reversal.reverses_id]}笔2025-06-03凭证号2025-Z100专家讲座劳务费")
    assert has(text, "超支，见六")


def test_the_detail_spans_pages_with_its_header_repeated(report):
    count = pages(report)
    assert count >= 3
    start = next(p for p in range(1, count + 1) if has(text_of(report, p), "四、收支明细"))
    assert start < count
    assert has(text_of(report, start), DETAIL_HEADER)
    following = text_of(report, start + 1)
    assert not has(following, "四、收支明细")
    assert has(following, DETAIL_HEADER)
    for page in range(1, count + 1):
        assert has(text_of(report, page), f"第{page}页共{count}页")


def test_the_cjk_font_is_embedded_as_a_subset(report):
    rows = [line.split() for line in poppler("pdffonts", str(report)).splitlines()[2:]]
    assert rows, "no fonts listed"
    for row in rows:
        emb, sub = row[-5], row[-4]  # name type encoding emb sub uni object-id generation
        assert (emb, sub) == ("yes", "yes"), row
    assert not any(row[0] == "Helvetica" for row in rows)


def test_a4_and_metadata(report):
    info = poppler("pdfinfo", str(report))
    assert "A4" in info
    assert "陈静名班主任工作室 经费使用情况报告（2025年）" in info


def test_the_same_data_gives_the_same_bytes(year, tmp_path):
    first = write_ledger_report(year, 2025, tmp_path / "a.pdf")
    second = write_ledger_report(year, 2025, tmp_path / "b.pdf")
    assert first.read_bytes() == second.read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_rendered_pages_are_not_blank(report, tmp_path):
    prefix = tmp_path / "page"
    poppler("pdftoppm", "-r", "60", "-png", str(report), str(prefix))
    images = sorted(tmp_path.glob("page*.png"))
    assert len(images) == pages(report)
    for png in images:
        with PILImage.open(png) as image:
            histogram = image.convert("L").histogram()
        dark = sum(histogram[:128]) / sum(histogram)
        assert dark > 0.001, png.name  # a blank page has none


def test_a_year_without_entries(services, tmp_path):
    out = write_ledger_report(services, 2026, tmp_path / "empty.pdf")
    text = text_of(out)
    assert has(text, "本年度尚未结束，数据截至2026年11月21日")
    assert has(text, "本期无收支记录")
    assert has(text, "本期无冲销")
    assert has(text, "六、超支说明无")
    assert has(text, "核对：收入合计0.00－支出合计0.00＝结余0.00")


# --- the workbook -------------------------------------------------------------------


def fen_of(value) -> int:
    """An amount cell back in fen, exactly; fails on anything but a number."""
    assert isinstance(value, (int, float)) and not isinstance(value, bool), value
    fen = Decimal(repr(value)) * 100
    assert fen == fen.to_integral_value(), value
    return int(fen)


def rows_of(ws) -> list[tuple]:
    return list(ws.iter_rows(min_row=3, values_only=True))


def test_workbook_sheets_and_layout(workbook):
    assert workbook.sheetnames == ["概况", "按类别", "按月", "明细", "冲销与超支"]
    for ws in workbook.worksheets:
        assert ws.freeze_panes == "A3"
        assert ws.print_title_rows == "$2:$2"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert all(ws.column_dimensions[c].width for c in "ABC")
    assert workbook["明细"].page_setup.orientation == "landscape"


def test_workbook_amounts_are_exact_numbers(workbook, year):
    summary = year.ledger.summary(2025)
    ws = workbook["明细"]
    entries = year.ledger.entries(year=2025)
    detail = rows_of(ws)[: len(entries)]
    for row_number, (row, entry) in enumerate(zip(detail, entries, strict=True), start=3):
        assert fen_of(row[9]) == entry.signed_fen
        assert fen_of(row[10]) == entry.running_balance_fen
        for column in (10, 11):
            assert ws.cell(row=row_number, column=column).number_format == "#,##0.00"
    assert sum(fen_of(r[9]) for r in detail) == summary.balance_fen
    total = rows_of(ws)[len(entries)]
    assert total[0] == "合计"
    assert fen_of(total[9]) == fen_of(total[10]) == summary.balance_fen


def test_workbook_overview_adds_up(workbook, year):
    summary = year.ledger.summary(2025)
    values = {row[0]: row[1] for row in rows_of(workbook["概况"]) if row[0]}
    income, expense, balance = (
        fen_of(values["收入合计"]),
        fen_of(values["支出合计"]),
        fen_of(values["结余"]),
    )
    assert (income, expense, balance) == (
        summary.income_fen,
        summary.expense_fen,
        summary.balance_fen,
    )
    assert income - expense == balance
    sources = [fen_of(v) for k, v in values.items() if str(k).startswith("其中")]
    assert sum(sources) == income
    assert "收入合计－支出合计＝结余" in values["核对"]
    ws = workbook["概况"]
    assert ws["B3"].number_format == "#,##0.00"


def test_workbook_categories_and_months_add_up(workbook, year):
    summary = year.ledger.summary(2025)
    categories = rows_of(workbook["按类别"])
    spent = {row[0]: fen_of(row[2]) for row in categories[:-1]}
    assert spent == summary.by_category
    assert categories[-1][0] == "合计"
    assert fen_of(categories[-1][2]) == summary.expense_fen == sum(spent.values())
    # Budget totals count the categories that have a budget, and say so.
    assert fen_of(categories[-1][1]) == sum(summary.budgets.values()) == 250000
    assert fen_of(categories[-1][3]) == sum(summary.remaining(c) for c in summary.budgets)
    assert "只计设有预算的类别" in categories[-1][5]
    over = next(row for row in categories if row[0] == "专家指导")
    assert fen_of(over[3]) == summary.remaining("专家指导") < 0
    assert over[5].startswith("超预算")
    assert workbook["按类别"].cell(row=3, column=5).number_format == "0.0%"
    months = rows_of(workbook["按月"])
    assert len(months) == 13
    assert sum(fen_of(r[1]) for r in months[:12]) == summary.income_fen
    assert sum(fen_of(r[2]) for r in months[:12]) == summary.expense_fen
    assert fen_of(months[11][4]) == summary.balance_fen


def test_workbook_reversals_and_overrides(workbook):
    rows = rows_of(workbook["冲销与超支"])
    kinds = [r[0] for r in rows]
    assert kinds == ["冲销", "超支"]
    reversal, override = rows
    assert reversal[6] == REVERSAL_REASON
    assert fen_of(reversal[5]) == 48000
    assert "2025-Z100" in reversal[7]
    assert override[6] == OVERRIDE_REASON
    assert override[8] == "陈静"


def test_workbook_of_an_empty_year(services, tmp_path):
    path = write_ledger_report_xlsx(services, 2026, tmp_path / "empty")
    assert path.suffix == ".xlsx"
    wb = openpyxl.load_workbook(path)
    try:
        assert rows_of(wb["冲销与超支"])[0][0] == "无"
        total = rows_of(wb["明细"])[0]
        assert total[0] == "合计" and fen_of(total[10]) == 0
    finally:
        wb.close()
