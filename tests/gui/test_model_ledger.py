"""The ledger's two models, with no view: entries (signed amounts, running balance,
reversals struck through and greyed) and the budget by category with its total."""

from __future__ import annotations

import datetime as dt

from desktop_app.domain.ledger import Direction, FiscalYear
from desktop_app.gui.models.ledger import (
    MUTED_COLOUR,
    OVER_BUDGET_BACKGROUND,
    SPENDING_COLOUR,
    BudgetModel,
    EntriesModel,
    budget_rows,
)
from desktop_app.services.ledger import EntryInfo, LedgerSummary
from tests.gui.model_tools import (
    ALIGNMENT,
    BACKGROUND,
    FONT,
    FOREGROUND,
    TOOLTIP,
    cell,
    colour,
    headers,
    row_texts,
    sort_keys,
)


def entry(eid: int, direction: Direction, fen: int, balance: int, **more) -> EntryInfo:
    fields = dict(
        category=None,
        source=None,
        payee=None,
        voucher_no=None,
        purpose="",
        activity_id=None,
        activity_label=None,
        approver=None,
        handler=None,
        override_reason=None,
        reverses_id=None,
        reversal_reason=None,
        reversed_by_id=None,
        created_by=None,
    )
    fields.update(more)
    signed = fen if direction is Direction.INCOME else -fen
    return EntryInfo(
        eid,
        dt.date(2026, 3, eid),
        2026,
        direction,
        fen,
        signed,
        running_balance_fen=balance,
        **fields,
    )


GRANT = entry(1, Direction.INCOME, 300000, 300000, source="grant", purpose="年度专项经费")
BOOKS = entry(
    2,
    Direction.EXPENSE,
    50000,
    250000,
    category="图书资料",
    payee="新华书店",
    voucher_no="记-001",
    purpose="购买班主任专著",
    activity_label="读书会",
    reversed_by_id=3,
)
UNDO = entry(
    3,
    Direction.INCOME,
    50000,
    300000,
    category="图书资料",
    purpose="冲销：购买班主任专著",
    reverses_id=2,
    reversal_reason="重复录入",
)


def test_entries(qapp):
    model = EntriesModel()
    model.set_entries([GRANT, BOOKS, UNDO], [GRANT, BOOKS, UNDO])
    assert model.rowCount() == 3 and model.columnCount() == 9
    assert headers(model) == [
        "Date",
        "Kind",
        "Category / source",
        "Purpose",
        "Payee / paid by",
        "Voucher",
        "Amount",
        "Balance",
        "Notes",
    ]
    texts = row_texts(model, 1)
    assert texts["date"] == "2026-03-02"
    assert texts["category"] == "图书资料"
    assert texts["voucher"] == "记-001"
    assert texts["amount"].startswith("-") and "500.00" in texts["amount"]
    assert "2,500.00" in texts["balance"]
    assert texts["flags"] == "reversed"
    assert sort_keys(model, "amount") == [300000, -50000, 50000]
    assert cell(model, 1, "amount", ALIGNMENT) is not None
    assert colour(cell(model, 1, "amount", FOREGROUND)) == SPENDING_COLOUR
    assert colour(cell(model, 0, "amount", FOREGROUND)) is None
    assert colour(cell(model, 1, "purpose", FOREGROUND)) == MUTED_COLOUR  # cancelled
    assert cell(model, 1, "purpose", FONT).strikeOut()
    assert cell(model, 0, "purpose", FONT) is None
    assert "For the activity 读书会" in cell(model, 1, "purpose", TOOLTIP)
    assert cell(model, 1, "payee", TOOLTIP) == "新华书店"
    assert cell(model, 0, "payee", TOOLTIP) is None


def test_budget_rows_and_model(qapp):
    summary = LedgerSummary(
        FiscalYear(2026),
        income_fen=300000,
        expense_fen=170000,
        balance_fen=130000,
        by_category={"图书资料": 120000, "专家讲座": 50000},
        by_source={},
        by_month=[],
        budgets={"图书资料": 100000, "外出考察": 80000},
    )
    rows = budget_rows(summary)
    assert [r.category for r in rows] == ["图书资料", "专家讲座", "外出考察", "Total"]
    model = BudgetModel()
    model.set_rows(rows)
    assert headers(model) == ["Category", "Budget", "Spent", "Remaining", ""]
    assert row_texts(model, 1)["budget"] == "—" and row_texts(model, 1)["status"] == "no budget"
    assert row_texts(model, 0)["status"] == "over budget"
    assert colour(cell(model, 0, "category", BACKGROUND)) == OVER_BUDGET_BACKGROUND
    assert "200.00" in cell(model, 0, "category", TOOLTIP)
    assert cell(model, 3, "category", FONT).bold()  # the total
    assert row_texts(model, 3)["status"] == ""
    assert "1,800.00" in row_texts(model, 3)["budget"]
