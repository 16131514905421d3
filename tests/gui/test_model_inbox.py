"""The bureau's inbox as models, with no view: a bundle's row (valid or why not, figures
as numbers to sort by), an invalid one shaded and bold, and the studios expected."""

from __future__ import annotations

from types import SimpleNamespace

from desktop_app.gui.models.inbox import (
    INVALID_BACKGROUND,
    INVALID_TEXT,
    NO_FIGURE,
    SUBMITTED_TEXT,
    WARNING_BACKGROUND,
    BundlesModel,
    BundlesSort,
    StudiosModel,
)
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

FIGURES = SimpleNamespace(
    members=14,
    activities=10,
    attendance_text="97/110 (88.2%)",
    attended=97,
    expected=110,
    flagged=1,
    granted_fen=300000,
    spent_fen=352660,
    duties_text="37/65",
    duties_done=37,
    duties_total=65,
    grade_text="合格",
)


def bundle(file: str, valid: bool, **more) -> SimpleNamespace:
    fields = dict(
        reason=None, studio=None, period=None, signer=None, registered=None, notes=(), figures=None
    )
    fields.update(more)
    return SimpleNamespace(file=file, valid=valid, **fields)


GOOD = bundle(
    "good.zip",
    True,
    studio="华磊名班主任工作室",
    period="2025-2026",
    signer="366cf2bf2e625c67",
    registered=True,
    figures=FIGURES,
)
NOTED = bundle("noted.zip", True, notes=("缺少年度总结",))
JUNK = bundle("junk.zip", False, reason="不是 StudioDesk 报送材料包")


def test_the_bundles(qapp):
    model = BundlesModel()
    model.set_rows([GOOD, NOTED, JUNK])
    assert model.rowCount() == 3 and model.columnCount() == 15
    assert headers(model)[:3] == ["File", "Valid", "Reason"]
    texts = row_texts(model, 0)
    assert (texts["valid"], texts["registered"], texts["members"]) == ("yes", "yes", "14")
    assert texts["granted"] == "3,000.00" and texts["grade"] == "合格"
    assert row_texts(model, 2)["valid"] == "no" and row_texts(model, 2)["members"] == ""
    assert sort_keys(model, "members") == [14, NO_FIGURE, NO_FIGURE]
    assert sort_keys(model, "valid") == [1, 1, 0]
    assert cell(model, 0, "members", ALIGNMENT) is not None
    assert cell(model, 0, "studio", ALIGNMENT) is None
    assert cell(model, 0, "file", BACKGROUND) is None
    assert colour(cell(model, 1, "file", BACKGROUND)) == WARNING_BACKGROUND
    assert colour(cell(model, 2, "file", BACKGROUND)) == INVALID_BACKGROUND
    assert colour(cell(model, 2, "reason", FOREGROUND)) == INVALID_TEXT
    assert cell(model, 2, "reason", FONT).bold()
    assert cell(model, 2, "file", FONT) is None
    assert "不是 StudioDesk 报送材料包" in cell(model, 2, "file", TOOLTIP)
    assert "366cf2bf2e625c67" in cell(model, 0, "studio", TOOLTIP)


def test_sorting_keeps_numbers_numbers(qapp):
    model = BundlesModel()
    model.set_rows([JUNK, GOOD, NOTED])
    proxy = BundlesSort()
    proxy.setSourceModel(model)
    proxy.sort(model.column_of("members"))
    assert [proxy.index(r, 0).data() for r in range(3)] == ["junk.zip", "noted.zip", "good.zip"]


def test_the_studios(qapp):
    model = StudiosModel()
    model.set_rows(
        [
            SimpleNamespace(
                name="华磊名班主任工作室",
                submitted=True,
                files=("good.zip",),
                notes=(),
                expected=True,
            ),
            SimpleNamespace(
                name="王芳名班主任工作室", submitted=False, files=(), notes=(), expected=False
            ),
        ]
    )
    assert headers(model) == ["Studio", "Submitted", "Files", "Notes"]
    assert row_texts(model, 0)["files"] == "good.zip"
    assert row_texts(model, 1)["notes"] == "Not on the expected list."
    assert colour(cell(model, 0, "submitted", FOREGROUND)) == SUBMITTED_TEXT
    assert colour(cell(model, 1, "submitted", FOREGROUND)) == INVALID_TEXT
    assert colour(cell(model, 1, "studio", BACKGROUND)) == INVALID_BACKGROUND
    assert cell(model, 0, "studio", BACKGROUND) is None
    assert cell(model, 1, "notes", TOOLTIP) == "Not on the expected list."
