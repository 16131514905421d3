"""A membership's history as a model, with no view: each change in words, the changes in
full as a tooltip, cells aligned to the top."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop_app.gui.models.history import HistoryModel, history_line
from desktop_app.services.members import HistoryEntry
from tests.gui.model_tools import ALIGNMENT, TOOLTIP, cell, headers, row_texts


def test_lines_of_the_history(qapp):
    entry = HistoryEntry(
        dt.datetime(2026, 3, 1, 8, 30),
        "王老师",
        "update",
        "membership",
        "7",
        {"role": ["member", "core"], "membership_id": [7, 7]},
    )
    model = HistoryModel()
    model.set_rows([history_line(entry)])
    assert model.rowCount() == 1 and model.columnCount() == 5
    assert headers(model) == ["Time", "User", "What", "Action", "Changes"]
    texts = row_texts(model, 0)
    assert texts["user"] == "王老师"
    assert texts["at"].startswith("2026-03-01")
    assert "Member → Core member" in texts["changes"]  # the words, not the codes
    assert "membership_id" not in texts["changes"]  # internal links say nothing
    assert cell(model, 0, "changes", TOOLTIP) == texts["changes"]
    assert cell(model, 0, "user", ALIGNMENT) == int(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    )


def test_a_growth_record_is_named_by_its_title(qapp):
    entry = HistoryEntry(dt.datetime(2026, 3, 1), "王老师", "insert", "growth_record", "3", {})
    line = history_line(entry, {"3": "德育公开课"})
    assert "“德育公开课”" in line.what
