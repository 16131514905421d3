"""The ledger in and out of Excel (documents/sheets/ledger_io.py) and the batch the import is
written in (LedgerService.add_many)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop_app.documents.sheets.ledger_io import (
    HEADERS,
    SHEET_NAME,
    LedgerImportCounts,
    LedgerImportError,
    apply_ledger_import,
    read_ledger_workbook,
    write_ledger_workbook,
)
from desktop_app.domain.ledger import Direction, entry_kind_zh
from desktop_app.services.app import AppServices
from desktop_app.services.ledger import (
    BatchValidationError,
    EntryInput,
    ReversalInput,
)
from tests.conftest import BOTH, TODAY, jiangyin_studio

# Each test on SQLite and on PostgreSQL (tests/conftest.py)
BACKENDS = BOTH

BASE = ("日期", "收支", "金额", "类别", "摘要", "凭证号", "收款方/来源", "经办人")


# --- helpers ------------------------------------------------------------------------


def sheet(path: Path, rows: list[list[object]], headers=BASE) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    ws.append(list(headers))
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def count(services) -> int:
    return len(services.ledger.entries())


def grant(services, day="2025-01-06", amount="3000", voucher="S-001") -> int:
    return services.ledger.add(
        EntryInput(
            "收入",
            day,
            amount,
            "年度专项经费",
            source="grant",
            payee="江阴中专财务处",
            voucher_no=voucher,
            handler="陈静",
        )
    )


def expense(services, day, amount, purpose, voucher=None, category="培训研修", **kw) -> int:
    return services.ledger.add(
        EntryInput(
            "支出",
            day,
            amount,
            purpose,
            category=category,
            payee="校文印室",
            voucher_no=voucher,
            handler="李明",
            **kw,
        )
    )


@pytest.fixture
def fresh(tmp_path, database_at):
    """A second database with the same studio and no entries."""
    other = AppServices.open(database_at("other"), today=lambda: TODAY)
    other.studio.create(jiangyin_studio())
    yield other
    other.close()


@pytest.fixture
def ledger(services):
    """Money in, spending with and without vouchers, a correction, an override."""
    grant(services)
    services.ledger.add(
        EntryInput("收入", "2025-02-20", "1,500.50", "区课题配套经费", source="教育局拨款")
    )
    expense(services, "2025-03-01", "120.50", "资料打印")  # no voucher
    expense(services, "2025-03-01", "120.50", "资料打印")  # the same again, on purpose
    wrong = expense(services, "2025-04-02", "480", "专家讲座劳务费", "Z-001", "专家指导")
    services.ledger.correct(
        wrong,
        "金额录错",
        EntryInput(
            "支出",
            "2025-04-03",
            "680",
            "专家讲座劳务费",
            category="专家指导",
            payee="王建国",
            voucher_no="Z-001",
        ),
    )
    undone = expense(services, "2025-05-06", "50", "茶歇")  # reversed, no voucher
    services.ledger.reverse(undone, "活动取消", on="2025-05-08")
    balance = services.ledger.summary(2025).balance_fen
    expense(
        services,
        "2025-06-01",
        f"{(balance + 10000) / 100:.2f}",
        "外出考察",
        "Z-002",
        override_reason="经校长同意",
        approver="陈静",
    )
    return services


# --- writing ------------------------------------------------------------------------


def test_export_layout(ledger, tmp_path):
    path = write_ledger_workbook(ledger, 2025, tmp_path / "台账")
    assert path.suffix == ".xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_NAME]
    header = [c.value for c in ws[1]]
    assert tuple(header[:8]) == BASE
    assert tuple(header) == HEADERS
    assert ws.freeze_panes == "A2"
    assert "说明" in wb.sheetnames
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    entries = ledger.ledger.entries(year=2025)
    assert len(rows) == len(entries)
    for row, entry in zip(rows, entries, strict=True):
        assert row[0].date() == entry.date
        assert Decimal(repr(row[2])) * 100 == entry.amount_fen
        assert row[1] == entry_kind_zh(entry.direction, entry.is_reversal)
    assert ws.cell(row=2, column=3).number_format == "#,##0.00"
    assert ws.cell(row=2, column=1).number_format == "yyyy-mm-dd"
    reversal = next(r for r in rows if r[1] == "冲销支出" and r[5] == "Z-001")
    assert reversal[10] == "Z-001" and reversal[11] == "金额录错"
    assert rows[0][3] == "学校核拨专项经费"  # an income's 类别 is its source
    wb.close()


def test_an_exported_ledger_reimports_with_nothing_to_add(ledger, tmp_path):
    before = count(ledger)
    path = write_ledger_workbook(ledger, None, tmp_path / "all.xlsx")
    preview = read_ledger_workbook(path, ledger)
    assert preview.ok, preview.problem_lines()
    assert preview.counts == {"add": 0, "skip": before, "error": 0}
    assert preview.items == []
    assert "新增 0 笔" in str(apply_ledger_import(preview, ledger))
    assert count(ledger) == before


def test_reversals_round_trip_into_an_empty_ledger(ledger, fresh, tmp_path):
    path = write_ledger_workbook(ledger, 2025, tmp_path / "2025.xlsx")
    preview = read_ledger_workbook(path, fresh)
    assert preview.ok, preview.problem_lines()
    assert preview.counts["add"] == count(ledger)
    assert "其中冲销 2 笔" in preview.summary()
    apply_ledger_import(preview, fresh)

    def shape(services):
        entries = services.ledger.entries()
        index = {e.id: i for i, e in enumerate(entries)}
        return [
            (
                e.date,
                entry_kind_zh(e.direction, e.is_reversal),
                e.amount_fen,
                e.category,
                e.source,
                e.purpose,
                e.voucher_no,
                e.override_reason,
                e.reversal_reason,
                index.get(e.reverses_id),
                e.running_balance_fen,
            )
            for e in entries
        ]

    assert shape(fresh) == shape(ledger)
    a, b = ledger.ledger.summary(2025), fresh.ledger.summary(2025)
    assert (a.income_fen, a.expense_fen, a.balance_fen, a.by_category) == (
        b.income_fen,
        b.expense_fen,
        b.balance_fen,
        b.by_category,
    )
    # And the copy exports to a file that re-imports into it with nothing to add.
    again = read_ledger_workbook(write_ledger_workbook(fresh, None, tmp_path / "b.xlsx"), fresh)
    assert again.counts["add"] == 0 and again.ok


# --- importing good rows ------------------------------------------------------------


def test_good_rows_import_in_one_transaction(services, tmp_path, monkeypatch):
    grant(services)
    path = sheet(
        tmp_path / "good.xlsx",
        [
            [
                dt.datetime(2025, 3, 12),
                "支出",
                120.5,
                "培训研修",
                "资料打印",
                "Z-1",
                "校文印室",
                "李明",
            ],
            ["2025/3/13", "支", "1,000.5元", "专家指导", "专家讲座", 2025001, "王建国", ""],
            ["2025年4月1日", "收入", "800", "教育局拨款", "配套经费", "S-2", "教育局", None],
            [20250402, "收", 100, None, "其他收入", None, "个人捐助", None],
            [None, None, None, None, None, None, None, None],  # a blank row is skipped
        ],
        headers=(*BASE, "超支原因"),
    )
    preview = read_ledger_workbook(path, services)
    assert preview.ok, preview.problem_lines()
    assert [r.action for r in preview.rows] == ["add"] * 4
    assert [r.row_number for r in preview.rows] == [2, 3, 4, 5]
    assert [r.amount_fen for r in preview.rows] == [12050, 100050, 80000, 10000]
    assert count(services) == 1  # the preview wrote nothing

    calls = []
    original = services.db.unit_of_work

    def counting(*args, **kwargs):
        calls.append(kwargs.get("cause", args[0] if args else ""))
        return original(*args, **kwargs)

    monkeypatch.setattr(services.db, "unit_of_work", counting)
    summary = apply_ledger_import(preview, services)
    assert calls == ["经费台账导入：good.xlsx"]
    assert summary == LedgerImportCounts(added=4, reversals=0, skipped=0)
    assert str(summary) == "新增 4 笔（其中冲销 0 笔），已在台账中 0 笔"
    entries = services.ledger.entries()
    assert [e.amount_fen for e in entries[1:]] == [12050, 100050, 80000, 10000]
    assert entries[2].voucher_no == "2025001"
    assert entries[3].source == "bureau" and entries[4].source == "other"
    assert services.ledger.summary(2025).balance_fen == 300000 - 12050 - 100050 + 80000 + 10000


def test_identical_rows_are_counted_against_identical_entries(services, tmp_path):
    grant(services)
    expense(services, "2025-03-01", "20", "茶歇")
    row = ["2025-03-01", "支出", "20", "培训研修", "茶歇", None, "校文印室", "李明"]
    preview = read_ledger_workbook(sheet(tmp_path / "twice.xlsx", [row, row]), services)
    assert [r.action for r in preview.rows] == ["skip", "add"]


# --- bad cells ----------------------------------------------------------------------


def test_bad_cells_are_named_by_row_and_column_and_nothing_is_written(services, tmp_path):
    grant(services)
    expense(services, "2025-02-01", "10", "已有的账", "Z-OLD")
    services.ledger.close_month(2025, 1)
    before = count(services)
    path = sheet(
        tmp_path / "bad.xlsx",
        [
            ["2025-02-30", "支出", "10", "培训研修", "日期不存在", "A1", None, None],  # 2
            ["2025-03-01", "支出", "-5", "培训研修", "负数", "A2", None, None],  # 3
            ["2025-03-01", "支出", "3000.505", "培训研修", "三位小数", "A3", None, None],  # 4
            ["2025-03-01", "支出", "abc", "培训研修", "不是数", "A4", None, None],  # 5
            ["2025-03-01", "借", "10", "培训研修", "收支不认识", "A5", None, None],  # 6
            ["2025-03-01", "支出", "10", "吃饭", "类别不认识", "A6", None, None],  # 7
            ["2025-01-15", "支出", "10", "培训研修", "已结账", "A7", None, None],  # 8
            ["2025-03-02", "支出", "10", "培训研修", "凭证重复一", "DUP", None, None],  # 9
            ["2025-03-03", "支出", "11", "培训研修", "凭证重复二", "DUP", None, None],  # 10
            ["2025-03-04", "支出", "12", "培训研修", "与已有凭证号相同", "Z-OLD", None, None],
            ["2027-01-01", "支出", "12", "培训研修", "将来", "A12", None, None],  # 12
            ["2025-03-05", "支出", "1,000.5元", "培训研修", "这一行没问题", "A13", None, None],
        ],
    )
    preview = read_ledger_workbook(path, services)
    assert not preview.ok
    lines = preview.problem_lines()
    expected = {
        2: ("日期", "2025-02-30"),
        3: ("金额", "负数"),
        4: ("金额", "两位小数"),
        5: ("金额", "abc"),
        6: ("收支", "借"),
        7: ("类别", "吃饭"),
        8: ("日期", "已结账"),
        10: ("凭证号", "第 9 行"),
        11: ("凭证号", "Z-OLD"),
        12: ("日期", "晚于今天"),
    }
    for row, (column, words) in expected.items():
        assert any(
            line.startswith(f"第 {row} 行，{column} 列：") and words in line for line in lines
        ), (row, column, lines)
    actions = {r.row_number: r.action for r in preview.rows}
    assert actions[9] == "add" and actions[13] == "add"
    assert all(actions[r] == "error" for r in expected)
    with pytest.raises(LedgerImportError) as error:
        apply_ledger_import(preview, services)
    assert "未导入任何内容" in error.value.message
    assert count(services) == before


def test_a_voucher_differing_from_its_stored_entry_is_an_error_not_a_skip(services, tmp_path):
    grant(services)
    expense(services, "2025-03-01", "20", "茶歇", "Z-9")
    row = ["2025-03-01", "支出", "25", "培训研修", "茶歇", "Z-9", "校文印室", "李明"]
    preview = read_ledger_workbook(sheet(tmp_path / "v.xlsx", [row]), services)
    assert preview.rows[0].action == "error"
    assert preview.problem_lines()[0].startswith("第 2 行，凭证号 列：")


def test_not_a_workbook_and_missing_columns(services, tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("日期,金额\n2025-03-01,10\n", encoding="utf-8")
    with pytest.raises(LedgerImportError) as error:
        read_ledger_workbook(text, services)
    assert "不是 Excel 工作簿" in error.value.message
    with pytest.raises(LedgerImportError) as error:
        read_ledger_workbook(tmp_path / "missing.xlsx", services)
    assert "找不到文件" in error.value.message
    path = sheet(tmp_path / "cols.xlsx", [["2025-03-01", "10"]], headers=("日期", "金额"))
    with pytest.raises(LedgerImportError) as error:
        read_ledger_workbook(path, services)
    assert "缺少列：收支、摘要" in error.value.message
    path = sheet(tmp_path / "none.xlsx", [["x"]], headers=("姓名", "单位"))
    with pytest.raises(LedgerImportError) as error:
        read_ledger_workbook(path, services)
    assert "日期" in error.value.message and "金额" in error.value.message
    path = sheet(tmp_path / "empty.xlsx", [])
    with pytest.raises(LedgerImportError) as error:
        read_ledger_workbook(path, services)
    assert "没有数据行" in error.value.message


def test_headers_with_hints_in_other_order_below_a_title(services, tmp_path):
    grant(services)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2025 年经费台账"])
    ws.append(["摘要", "金额（元）", "日期", "收支（收入/支出）", "开支类别", "备注"])
    ws.append(["资料打印", "12.3", "2025-03-01", "支出", "培训研修", "随便写"])
    wb.save(tmp_path / "t.xlsx")
    preview = read_ledger_workbook(tmp_path / "t.xlsx", services)
    assert preview.ok, preview.problem_lines()
    assert preview.header_row == 2
    assert preview.ignored_columns == ["备注"]
    assert preview.rows[0].amount_fen == 1230


# --- the ring-fence -----------------------------------------------------------------


def overspending(tmp_path, reason: str | None) -> Path:
    return sheet(
        tmp_path / "over.xlsx",
        [
            ["2025-03-01", "支出", "2000", "培训研修", "外出培训", "Z-1", None, None, None],
            ["2025-04-01", "支出", "1500", "专家指导", "专家讲座", "Z-2", None, None, reason],
            ["2025-05-01", "支出", "10", "课题研究", "资料", "Z-3", None, None, "已报批"],
        ],
        headers=(*BASE, "超支原因"),
    )


def test_a_file_breaching_the_ring_fence_without_a_reason_is_refused_whole(services, tmp_path):
    grant(services)  # 3000 in 2025
    preview = read_ledger_workbook(overspending(tmp_path, None), services)
    assert [r.action for r in preview.rows] == ["add", "error", "add"]
    (line,) = preview.problem_lines()
    assert line.startswith("第 3 行，超支原因 列：")
    assert "余额 1,000.00" in line and "1,500.00" in line
    with pytest.raises(LedgerImportError):
        apply_ledger_import(preview, services)
    assert count(services) == 1


def test_the_same_file_with_the_reason_filled_is_accepted(services, tmp_path):
    grant(services)
    preview = read_ledger_workbook(overspending(tmp_path, "经校长批准，由德育经费补足"), services)
    assert preview.ok, preview.problem_lines()
    apply_ledger_import(preview, services)
    summary = services.ledger.summary(2025)
    assert summary.balance_fen == 300000 - 200000 - 150000 - 1000
    assert [e.override_reason for e in summary.overrides] == [
        "经校长批准，由德育经费补足",
        "已报批",
    ]


def test_the_ring_fence_goes_in_date_order_not_row_order(services, tmp_path):
    rows = [
        ["2025-03-01", "支出", "500", "培训研修", "培训", "Z-1", None, None],
        ["2025-01-10", "收入", "3000", "学校核拨专项经费", "专项经费", "S-1", None, None],
    ]
    preview = read_ledger_workbook(sheet(tmp_path / "order.xlsx", rows), services)
    assert preview.ok, preview.problem_lines()
    rows = [
        ["2025-03-01", "支出", "500", "培训研修", "培训", "Z-1", None, None],
        ["2025-04-10", "收入", "3000", "学校核拨专项经费", "专项经费", "S-1", None, None],
    ]
    preview = read_ledger_workbook(sheet(tmp_path / "late.xlsx", rows), services)
    assert [r.action for r in preview.rows] == ["error", "add"]


# --- reversals ----------------------------------------------------------------------

REV_HEADERS = (*BASE, "冲销凭证号", "冲销原因")


def test_a_reversal_row_reverses_a_stored_entry(services, tmp_path):
    grant(services)
    target = expense(services, "2025-03-01", "200", "茶歇", "Z-7")
    rows = [["2025-03-05", "冲销支出", "200", None, None, None, None, None, "Z-7", "活动取消"]]
    preview = read_ledger_workbook(sheet(tmp_path / "r.xlsx", rows, REV_HEADERS), services)
    assert preview.ok, preview.problem_lines()
    assert preview.rows[0].is_reversal and preview.rows[0].purpose == "冲销：茶歇"
    apply_ledger_import(preview, services)
    reversal = services.ledger.entries()[-1]
    assert reversal.reverses_id == target
    assert reversal.reversal_reason == "活动取消"
    assert reversal.voucher_no == "Z-7" and reversal.category == "培训研修"
    assert services.ledger.summary(2025).balance_fen == 300000


def test_reversal_rows_with_problems(services, tmp_path):
    grant(services)
    expense(services, "2025-03-01", "200", "茶歇", "Z-7")
    expense(services, "2025-03-02", "30", "打印")  # no voucher
    expense(services, "2025-03-02", "40", "复印")  # no voucher
    rows = [
        ["2025-03-05", "冲销支出", "250", None, None, None, None, None, "Z-7", "金额不对"],  # 2
        ["2025-03-05", "冲销支出", "200", None, None, None, None, None, "Z-8", "没有这张"],  # 3
        ["2025-03-05", "冲销收入", "200", None, None, None, None, None, "Z-7", "方向不对"],  # 4
        ["2025-03-05", "冲销支出", "30", None, "冲销：打印", None, None, None, None, None],  # 5
        ["2025-02-01", "冲销支出", "40", None, "复印", None, None, None, None, "早于原账"],  # 6
    ]
    preview = read_ledger_workbook(sheet(tmp_path / "r.xlsx", rows, REV_HEADERS), services)
    lines = preview.problem_lines()
    assert any(line.startswith("第 2 行，金额 列：") and "200.00" in line for line in lines)
    assert any(line.startswith("第 3 行，冲销凭证号 列：") and "Z-8" in line for line in lines)
    assert any(line.startswith("第 4 行，冲销凭证号 列：") for line in lines)
    assert any(line.startswith("第 5 行，冲销原因 列：") for line in lines)  # required
    assert any(line.startswith("第 6 行，日期 列：") for line in lines)
    assert all(r.action == "error" for r in preview.rows)


def test_a_reversal_already_in_the_ledger_is_skipped_or_refused(services, tmp_path):
    grant(services)
    target = expense(services, "2025-03-01", "200", "茶歇", "Z-7")
    services.ledger.reverse(target, "活动取消", on="2025-03-05")
    same = ["2025-03-05", "冲销支出", "200", None, None, None, None, None, "Z-7", "活动取消"]
    other = ["2025-03-06", "冲销支出", "200", None, None, None, None, None, "Z-7", "再冲一次"]
    preview = read_ledger_workbook(sheet(tmp_path / "a.xlsx", [same], REV_HEADERS), services)
    assert [r.action for r in preview.rows] == ["skip"]
    preview = read_ledger_workbook(sheet(tmp_path / "b.xlsx", [other], REV_HEADERS), services)
    assert [r.action for r in preview.rows] == ["error"]
    assert "已于 2025-03-05 冲销" in preview.problem_lines()[0]


def test_an_entry_and_its_reversal_in_one_file(services, tmp_path):
    grant(services)
    rows = [
        ["2025-03-01", "支出", "200", "培训研修", "茶歇", "Z-7", None, None, None, None],
        ["2025-03-05", "冲销支出", "200", None, None, None, None, None, "Z-7", "活动取消"],
        ["2025-03-05", "支出", "180", "培训研修", "茶歇", "Z-7", None, None, None, None],
        ["2025-03-06", "冲销支出", "180", None, None, None, None, None, "Z-7", "又取消"],
    ]
    preview = read_ledger_workbook(sheet(tmp_path / "r.xlsx", rows, REV_HEADERS), services)
    assert preview.ok, preview.problem_lines()
    apply_ledger_import(preview, services)
    entries = services.ledger.entries()[1:]
    assert [entry_kind_zh(e.direction, e.is_reversal) for e in entries] == [
        "支出",
        "冲销支出",
        "支出",
        "冲销支出",
    ]
    assert entries[1].reverses_id == entries[0].id
    assert entries[3].reverses_id == entries[2].id
    assert services.ledger.summary(2025).balance_fen == 300000


# --- add_many directly --------------------------------------------------------------


def test_add_many_checks_everything_before_writing_anything(services):
    grant(services)
    items = [
        EntryInput("支出", "2025-03-01", "100", "资料", category="培训研修", voucher_no="V"),
        EntryInput("支出", "2025-03-02", "100", "资料", category="培训研修", voucher_no="V"),
        EntryInput("支出", "2025-03-03", "5000", "考察", category="培训研修"),
    ]
    with pytest.raises(BatchValidationError) as error:
        services.ledger.add_many(items)
    by_item = error.value.by_item
    assert by_item[0] == []
    assert "第 1 条" in by_item[1][0].message and by_item[1][0].field == "voucher_no"
    assert by_item[2][0].field == "override_reason"
    assert str(error.value).startswith("第 2 条：")
    assert count(services) == 1


def test_add_many_writes_entries_and_reversals_in_order(services):
    first = grant(services)
    ids = services.ledger.add_many(
        [
            EntryInput("支出", "2025-03-01", "100", "资料", category="培训研修", voucher_no="V"),
            ReversalInput("录错", date="2025-03-02", reverses_item=0),
            EntryInput("支出", "2025-03-02", "90", "资料", category="培训研修", voucher_no="V"),
            ReversalInput("退回", date="2025-03-03", reverses=first, override_reason="退款"),
        ],
        cause="测试",
    )
    entries = {e.id: e for e in services.ledger.entries()}
    assert entries[ids[1]].reverses_id == ids[0]
    assert entries[ids[3]].reverses_id == first
    assert entries[ids[3]].direction is Direction.INCOME
    assert services.ledger.summary(2025).balance_fen == -9000


def test_add_many_refuses_a_reversal_twice_and_of_a_reversal(services):
    first = grant(services)
    reversal = services.ledger.reverse(first, "录错", on="2025-01-07", override_reason="x")
    with pytest.raises(BatchValidationError) as error:
        services.ledger.add_many(
            [
                ReversalInput("再冲", date="2025-01-08", reverses=first),
                ReversalInput("冲冲销", date="2025-01-08", reverses=reversal),
            ]
        )
    first_problem, second_problem = (p[0].message for p in error.value.by_item)
    assert "已于 2025-01-07 冲销" in first_problem
    assert "冲销记录不能再冲销" in second_problem
    with pytest.raises(ValueError):
        services.ledger.add_many([ReversalInput("x", reverses_item=0)])
