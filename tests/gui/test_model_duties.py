"""The yearly duties' grid as a model, with no view: a column per kind of duty, each cell
done, missing or not a duty (coloured, explained), and the counts to sort by."""

from __future__ import annotations

from desktop_app.domain.duties import DutyStatus
from desktop_app.domain.school_year import SchoolYear
from desktop_app.gui.models.duties import (
    DONE_BACKGROUND,
    DONE_MARK,
    ENCOURAGED_BACKGROUND,
    MISSING_BACKGROUND,
    MISSING_MARK,
    NOT_A_DUTY,
    NOT_A_DUTY_BACKGROUND,
    DutyGridModel,
    grid_columns,
)
from desktop_app.services.duties import DutyGrid, DutyRow
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

PAPER = DutyStatus("paper", True, (4,), ("班级文化论文",), ())
NO_LESSON = DutyStatus("public_lesson", False, (), (), ())


def grid(encouraged: bool = False) -> DutyGrid:
    rows = [
        DutyRow(1, "王芳", "member", {"paper": PAPER, "public_lesson": NO_LESSON}),
        DutyRow(2, "李强", "mentor", {"paper": None, "public_lesson": None}),
    ]
    return DutyGrid(
        SchoolYear(2025), ["paper", "public_lesson"], rows, "seed", encouraged, "鼓励开设"
    )


def model_of(g: DutyGrid) -> DutyGridModel:
    model = DutyGridModel(grid_columns(g), g)
    model.set_rows(g.rows)
    return model


def test_the_grid(qapp):
    model = model_of(grid())
    assert model.rowCount() == 2 and model.columnCount() == 6
    assert headers(model) == ["Name", "Role", "Paper", "Public lesson", "Done", "Missing"]
    assert row_texts(model, 0) == {
        "name": "王芳",
        "role": "Member",
        "kind:paper": DONE_MARK,
        "kind:public_lesson": MISSING_MARK,
        "done": "1",
        "missing": "1",
    }
    assert row_texts(model, 1)["kind:paper"] == NOT_A_DUTY
    assert colour(cell(model, 0, "kind:paper", BACKGROUND)) == DONE_BACKGROUND
    assert colour(cell(model, 0, "kind:public_lesson", BACKGROUND)) == MISSING_BACKGROUND
    assert colour(cell(model, 1, "kind:paper", BACKGROUND)) == NOT_A_DUTY_BACKGROUND
    assert colour(cell(model, 1, "kind:paper", FOREGROUND)) == "#666666"
    assert cell(model, 0, "kind:paper", TOOLTIP) == "班级文化论文"  # where the credit comes from
    assert cell(model, 1, "kind:paper", TOOLTIP) == "Not a duty of this role"
    assert cell(model, 0, "name", BACKGROUND) is None  # the name and role columns are plain
    assert cell(model, 0, "kind:paper", ALIGNMENT) is not None
    assert sort_keys(model, "done") == [1, 0]
    assert sort_keys(model, "missing") == [1, 0]


def test_an_encouraged_duty_is_no_failure(qapp):
    model = model_of(grid(encouraged=True))
    assert headers(model)[-1] == "Not yet"
    assert row_texts(model, 0)["kind:public_lesson"] == "Not yet (encouraged)"
    assert colour(cell(model, 0, "kind:public_lesson", BACKGROUND)) == ENCOURAGED_BACKGROUND
    assert "鼓励开设" in cell(model, 0, "kind:public_lesson", TOOLTIP)
