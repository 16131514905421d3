"""The activity log's model, with no view: columns, texts, colours, tooltips, sort keys."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex

from desktop_app.domain.school_year import SchoolYear
from desktop_app.gui.models.activities import (
    NO_ATTENDANCE_COLOUR,
    NOT_TAKEN_COLOUR,
    ActivitiesModel,
    ActivitiesSort,
)
from desktop_app.gui.models.table import ITEM_ROLE
from desktop_app.services.activities import ActivityInfo
from tests.gui.model_tools import (
    ALIGNMENT,
    FOREGROUND,
    TOOLTIP,
    cell,
    colour,
    headers,
    row_texts,
    sort_keys,
)


def activity(aid: int, day: str, topic: str, **more) -> ActivityInfo:
    date = dt.date.fromisoformat(day)
    fields = dict(
        start_time=None,
        end_time=None,
        place=None,
        kind="study",
        content=None,
        presenter=None,
        hours_tenths=None,
        takes_attendance=True,
        summary=None,
    )
    fields.update(more)
    return ActivityInfo(aid, date, SchoolYear.of(date), 1, topic=topic, **fields)


ROWS = [
    activity(
        1,
        "2025-10-15",
        "班会设计研讨",
        start_time=dt.time(14, 0),
        end_time=dt.time(16, 0),
        place="报告厅",
        presenter="王芳",
        hours_tenths=20,
        content="三个案例",
        expected=12,
        present=10,
        absent=1,
        on_leave=1,
    ),
    activity(2, "2025-09-20", "读书会", takes_attendance=False),
    activity(3, "2025-11-02", "外出考察"),  # attendance not taken yet
]


def test_rows_and_columns(qapp):
    model = ActivitiesModel()
    assert model.rowCount() == 0
    model.set_rows(ROWS)
    assert model.rowCount() == 3
    assert model.columnCount() == 9
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    assert headers(model) == [
        "Date",
        "Time",
        "Kind",
        "Topic",
        "Place",
        "Presenter",
        "Hours",
        "Attendance",
        "Photos",
    ]
    assert row_texts(model, 0) == {
        "date": "2025-10-15",
        "time": "14:00–16:00",
        "kind": "Study and discussion",
        "topic": "班会设计研讨",
        "place": "报告厅",
        "presenter": "王芳",
        "hours": "2.0",
        "attendance": "10/12 present",
        "photos": "",
    }
    assert cell(model, 1, "attendance") == "No attendance"
    assert cell(model, 2, "attendance") == "Not taken"
    assert cell(model, 0, "date", ITEM_ROLE) is ROWS[0]
    assert model.data(QModelIndex()) is None


def test_roles_the_view_asks(qapp):
    model = ActivitiesModel()
    model.set_rows(ROWS)
    assert cell(model, 0, "topic", TOOLTIP) == "三个案例"
    assert cell(model, 1, "topic", TOOLTIP) is None
    assert "1 on leave" in cell(model, 0, "attendance", TOOLTIP)
    assert colour(cell(model, 0, "attendance", FOREGROUND)) is None
    assert colour(cell(model, 1, "attendance", FOREGROUND)) == NO_ATTENDANCE_COLOUR
    assert colour(cell(model, 2, "attendance", FOREGROUND)) == NOT_TAKEN_COLOUR
    assert cell(model, 0, "hours", ALIGNMENT) is not None  # numbers to the right
    assert cell(model, 0, "topic", ALIGNMENT) is None


def test_sort_keys_and_the_proxy(qapp):
    model = ActivitiesModel()
    model.set_rows(ROWS)
    assert sort_keys(model, "hours") == [20, 0, 0]
    assert sort_keys(model, "date")[1] == (dt.date(2025, 9, 20), dt.time(0), 2)
    proxy = ActivitiesSort()
    proxy.setSourceModel(model)
    proxy.sort(model.column_of("date"))
    assert [proxy.index(r, 3).data() for r in range(3)] == ["读书会", "班会设计研讨", "外出考察"]
