"""A new teacher's training hours as models, with no view: the years' totals and the
sessions credited, a session without hours greyed and counting nothing."""

from __future__ import annotations

import datetime as dt

from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.training_hours import Attended, YearHours
from desktop_app.gui.models.hours import SESSION_COLUMNS, YEAR_COLUMNS, SessionsModel
from desktop_app.gui.models.table import ColumnTableModel
from tests.gui.model_tools import ALIGNMENT, FOREGROUND, cell, colour, headers, row_texts, sort_keys


def test_the_years(qapp):
    model = ColumnTableModel(YEAR_COLUMNS)
    model.set_rows([YearHours(SchoolYear(2025), 35, 20, 3, 1)])
    assert headers(model) == [
        "School year",
        "From studio activities",
        "Activities attended",
        "Of them without hours",
        "From own training records",
        "Total",
    ]
    texts = row_texts(model, 0)
    assert texts["year"] == SchoolYear(2025).label
    assert (texts["count"], texts["without"]) == ("3", "1")
    assert sort_keys(model, "total") == [55]


def test_the_sessions(qapp):
    model = SessionsModel(SESSION_COLUMNS)
    model.set_rows(
        [
            Attended(1, dt.date(2025, 10, 15), "班会设计研讨", "present", 20),
            Attended(2, dt.date(2026, 3, 2), "读书会", "late", None),
        ]
    )
    assert model.rowCount() == 2 and model.columnCount() == 5
    assert headers(model) == ["Date", "School year", "Activity", "Attendance", "Hours"]
    assert row_texts(model, 0)["status"] == "Present"
    assert row_texts(model, 1)["hours"] == "not set (counts 0)"
    assert sort_keys(model, "hours") == [20, 0]
    assert cell(model, 0, "hours", ALIGNMENT) is not None
    assert colour(cell(model, 1, "hours", FOREGROUND)) == "#888888"
    assert cell(model, 0, "hours", FOREGROUND) is None
