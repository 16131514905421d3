"""The studio's assessments as a model, with no view: texts, a submitted one locked (an
icon and when), a grade not yet given greyed and explained."""

from __future__ import annotations

import datetime as dt

from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import Grade
from desktop_app.gui.models.assessments import PROVISIONAL_COLOUR, AssessmentsModel
from desktop_app.services.assessments import AssessmentHeader
from tests.gui.model_tools import (
    ALIGNMENT,
    DECORATION,
    FOREGROUND,
    TOOLTIP,
    cell,
    colour,
    headers,
    row_texts,
)


def header(hid: int, status: str, grade: Grade | None, **more) -> AssessmentHeader:
    fields = dict(
        template_id="t",
        template_title="江阴市名班主任工作室考核表",
        kind="annual",
        school_year=SchoolYear(2025),
        membership_id=None,
        member_name=None,
        title=f"2025学年年度考核 {hid}",
        status=status,
        total_tenths=875,
        max_points=100,
        grade=grade,
        complete=grade is not None,
        scored=12 if grade else 7,
        leaves=12,
        created_at=dt.datetime(2026, 6, 1, 8, 0),
        submitted_at=dt.datetime(2026, 6, 20, 8, 0) if status == "submitted" else None,
        copied_from_id=None,
    )
    fields.update(more)
    return AssessmentHeader(hid, **fields)


def test_rows_and_roles(qapp):
    model = AssessmentsModel()
    model.set_rows([header(1, "submitted", Grade.EXCELLENT), header(2, "draft", None)])
    assert model.rowCount() == 2 and model.columnCount() == 7
    assert headers(model) == ["Title", "Kind", "Year", "Member", "Status", "Total", "Grade"]
    texts = row_texts(model, 0)
    assert texts["kind"] == "Annual"
    assert texts["total"] == "87.5/100"
    assert texts["grade"] == "Excellent"
    assert row_texts(model, 1)["grade"] == "Not fully scored (7 / 12)"
    assert cell(model, 0, "status", DECORATION) is not None  # the lock
    assert "Submitted on" in cell(model, 0, "status", TOOLTIP)
    assert cell(model, 1, "status", DECORATION) is None
    assert colour(cell(model, 1, "grade", FOREGROUND)) == PROVISIONAL_COLOUR
    assert cell(model, 1, "grade", TOOLTIP) == "No grade until every indicator is scored"
    assert cell(model, 0, "grade", FOREGROUND) is None
    assert cell(model, 0, "title", TOOLTIP) == "江阴市名班主任工作室考核表"
    assert cell(model, 0, "total", ALIGNMENT) is not None
