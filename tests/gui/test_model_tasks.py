"""The task ledger's model, with no view: an overdue task coloured and explained, a done
one's status marked, the note as the item's tooltip."""

from __future__ import annotations

import datetime as dt

from desktop_app.domain.school_year import SchoolYear
from desktop_app.gui.models.tasks import (
    DONE_BACKGROUND,
    OVERDUE_BACKGROUND,
    OVERDUE_TEXT,
    TaskModel,
)
from desktop_app.services.plans import TaskInfo
from tests.gui.model_tools import (
    ALIGNMENT,
    BACKGROUND,
    FOREGROUND,
    TOOLTIP,
    cell,
    colour,
    headers,
    row_texts,
    sort_keys,
)

YEAR = SchoolYear(2025)


def task(position: int, title: str, status: str, due: str | None, **more) -> TaskInfo:
    fields = dict(owner_membership_id=None, owner_name=None, done_on=None, note=None)
    fields.update(more)
    due_on = dt.date.fromisoformat(due) if due else None
    return TaskInfo(position, 1, YEAR, position, title, due_on=due_on, status=status,
                    evidence=(), **fields)  # fmt: skip


ROWS = [
    task(1, "撰写年度论文", "in_progress", "2025-12-31", owner_name="王芳", note="投稿市级"),
    task(2, "读书分享", "done", "2025-10-01", done_on=dt.date(2025, 9, 28)),
    task(3, "整理活动照片", "not_started", None),
]


def test_rows_texts_and_colours(qapp):
    model = TaskModel()
    model.today = dt.date(2026, 1, 10)
    model.set_rows(ROWS)
    assert model.rowCount() == 3 and model.columnCount() == 7
    assert headers(model) == ["#", "Item", "Owner", "Due date", "Status", "Done on", "Evidence"]
    assert row_texts(model, 0) == {
        "position": "1",
        "title": "撰写年度论文",
        "owner": "王芳",
        "due_on": "2025-12-31",
        "status": "In progress",
        "done_on": "",
        "evidence": "",
    }
    assert row_texts(model, 1)["done_on"] == "2025-09-28"
    assert colour(cell(model, 0, "title", BACKGROUND)) == OVERDUE_BACKGROUND
    assert colour(cell(model, 0, "due_on", FOREGROUND)) == OVERDUE_TEXT
    assert cell(model, 0, "title", FOREGROUND) is None
    assert "2025-12-31" in cell(model, 0, "title", TOOLTIP)  # overdue says so first
    assert colour(cell(model, 1, "status", BACKGROUND)) == DONE_BACKGROUND
    assert cell(model, 1, "title", BACKGROUND) is None
    assert cell(model, 2, "title", TOOLTIP) is None
    assert cell(model, 0, "position", ALIGNMENT) is not None
    assert sort_keys(model, "position") == [1, 2, 3]
    assert sort_keys(model, "evidence") == [0, 0, 0]


def test_a_task_not_overdue_shows_its_note(qapp):
    model = TaskModel()
    model.today = dt.date(2025, 11, 1)
    model.set_rows(ROWS)
    assert cell(model, 0, "title", TOOLTIP) == "投稿市级"
    assert cell(model, 0, "title", BACKGROUND) is None
