"""A member's growth records as a model, with no view: texts, the detail as the title's
tooltip, the sort keys, and the filter by kind."""

from __future__ import annotations

import datetime as dt

from desktop_app.domain.school_year import SchoolYear
from desktop_app.gui.models.growth_records import RecordsFilter, RecordsModel
from desktop_app.services.growth import GrowthRecordInfo
from tests.gui.model_tools import ALIGNMENT, TOOLTIP, cell, headers, row_texts, sort_keys


def record(rid: int, kind: str, day: str, title: str, **more) -> GrowthRecordInfo:
    date = dt.date.fromisoformat(day)
    fields = dict(level=None, detail=None, hours_tenths=None, attachments=())
    fields.update(more)
    return GrowthRecordInfo(rid, 1, kind, date, SchoolYear.of(date), title=title, **fields)


ROWS = [
    record(1, "public_lesson", "2025-10-15", "德育公开课", level="school", detail="诚信从我做起"),
    record(2, "training", "2026-03-01", "市级班主任培训", hours_tenths=15),
    record(3, "paper", "2025-11-01", "班级文化论文", level="city"),
]


def test_rows_and_roles(qapp):
    model = RecordsModel()
    model.set_rows(ROWS)
    assert model.rowCount() == 3 and model.columnCount() == 7
    assert headers(model) == [
        "Date",
        "School year",
        "Kind",
        "Level",
        "Title",
        "Hours",
        "Evidence files",
    ]
    assert row_texts(model, 0) == {
        "date": "2025-10-15",
        "school_year": SchoolYear(2025).label,
        "kind": "Public lesson",
        "level": "School",
        "title": "德育公开课",
        "hours": "",
        "files": "",
    }
    assert row_texts(model, 1)["hours"] == "1.5"
    assert cell(model, 0, "title", TOOLTIP) == "诚信从我做起"
    assert cell(model, 1, "title", TOOLTIP) is None
    assert cell(model, 1, "hours", ALIGNMENT) is not None
    assert sort_keys(model, "hours") == [0, 15, 0]
    assert sort_keys(model, "files") == [0, 0, 0]


def test_the_filter_by_kind_and_the_sort(qapp):
    model = RecordsModel()
    model.set_rows(ROWS)
    proxy = RecordsFilter()
    proxy.setSourceModel(model)
    proxy.sort(model.column_of("date"))
    assert [proxy.index(r, 0).data() for r in range(3)] == [
        "2025-10-15",
        "2025-11-01",
        "2026-03-01",
    ]
    proxy.set_kind("paper")
    assert proxy.rowCount() == 1 and proxy.index(0, 4).data() == "班级文化论文"
    proxy.set_kind("")
    assert proxy.rowCount() == 3
