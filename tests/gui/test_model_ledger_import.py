"""The rows of a ledger workbook being imported, as a model with no view: what each row
would do, its problems, an error red and a skipped row grey."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from desktop_app.gui.models.ledger_import import ImportRowsModel
from tests.gui.model_tools import ALIGNMENT, FOREGROUND, TOOLTIP, cell, colour, headers, row_texts

NEW = SimpleNamespace(
    row_number=3,
    action="new",
    kind="支出",
    date=dt.date(2026, 3, 2),
    amount_fen=50000,
    purpose="购买班主任专著",
    problems=[],
)
BAD = SimpleNamespace(
    row_number=4,
    action="error",
    kind="",
    date=None,
    amount_fen=None,
    purpose="",
    problems=[SimpleNamespace(column="日期", message="不是日期")],
)
SKIP = SimpleNamespace(row_number=5, action="skip", purpose="已导入", problems=[])


def test_rows_of_the_preview(qapp):
    model = ImportRowsModel()
    model.set_rows([NEW, BAD, SKIP])
    assert model.rowCount() == 3 and model.columnCount() == 7
    assert headers(model) == [
        "Row",
        "What happens",
        "Kind",
        "Date",
        "Amount",
        "Purpose",
        "Problems",
    ]
    texts = row_texts(model, 0)
    assert (texts["row"], texts["date"], texts["purpose"]) == ("3", "2026-03-02", "购买班主任专著")
    assert "500.00" in texts["amount"]
    assert row_texts(model, 1)["date"] == "" and row_texts(model, 1)["amount"] == ""
    assert "不是日期" in row_texts(model, 1)["problems"]
    assert colour(cell(model, 1, "row", FOREGROUND)) == "#b00020"
    assert colour(cell(model, 2, "row", FOREGROUND)) == "#777777"
    assert cell(model, 0, "row", FOREGROUND) is None
    assert cell(model, 1, "problems", TOOLTIP) == row_texts(model, 1)["problems"]
    assert cell(model, 0, "problems", TOOLTIP) is None
    assert cell(model, 0, "row", ALIGNMENT) is not None
