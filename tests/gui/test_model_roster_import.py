"""The rows of a roster workbook being imported, as a model with no view: the action in
words, the person, the problems, a row with problems shaded."""

from __future__ import annotations

from types import SimpleNamespace

from desktop_app.gui.models.roster_import import BAD_ROW_BACKGROUND, RosterImportModel
from tests.gui.model_tools import BACKGROUND, cell, colour, headers, row_texts, sort_keys

GOOD = SimpleNamespace(
    row_number=2, action="add", data=SimpleNamespace(name="王芳", role="member"), problems=[]
)
BAD = SimpleNamespace(row_number=3, action="error", data=None, problems=[("角色", "不认识")])


def test_rows_of_the_preview(qapp):
    model = RosterImportModel()
    model.set_rows([GOOD, BAD])
    assert model.rowCount() == 2 and model.columnCount() == 5
    assert headers(model) == ["Row", "Action", "Name", "Role", "Problems"]
    assert row_texts(model, 0) == {
        "row": "2",
        "action": "Add",
        "name": "王芳",
        "role": "Member",
        "problems": "",
    }
    assert row_texts(model, 1) == {
        "row": "3",
        "action": "Error",
        "name": "",
        "role": "",
        "problems": "角色：不认识",
    }
    assert cell(model, 0, "name", BACKGROUND) is None
    assert all(
        colour(cell(model, 1, c.key, BACKGROUND)) == BAD_ROW_BACKGROUND for c in model.columns
    )
    assert sort_keys(model, "row") == [2, 3]
