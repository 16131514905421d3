"""A member's changes of attendance state as a model, with no view: the change in the
badge's colours, the counts then, the cause in full as its tooltip."""

from __future__ import annotations

import datetime as dt

from desktop_app.domain.attendance import FlagState
from desktop_app.gui.badges import background, foreground
from desktop_app.gui.models.flags import FlagEventsModel
from desktop_app.services.attendance import FlagEvent
from tests.gui.model_tools import BACKGROUND, FOREGROUND, TOOLTIP, cell, colour, headers, row_texts


def test_the_changes(qapp):
    event = FlagEvent(
        3, "蒋涛", dt.date(2026, 3, 2), FlagState.AT_RISK, FlagState.OVER, 8, 22, "缺勤：读书会"
    )
    model = FlagEventsModel()
    model.set_rows([event])
    assert model.rowCount() == 1 and model.columnCount() == 4
    assert headers(model) == ["Recorded on", "Change", "Missed / expected", "Cause"]
    texts = row_texts(model, 0)
    assert texts["on"] == "2026-03-02"
    assert "→" in texts["change"] and texts["missed"] == "8/22"
    assert colour(cell(model, 0, "change", BACKGROUND)) == colour(background(FlagState.OVER))
    assert colour(cell(model, 0, "change", FOREGROUND)) == colour(foreground(FlagState.OVER))
    assert cell(model, 0, "on", BACKGROUND) is None
    assert cell(model, 0, "cause", TOOLTIP) == "缺勤：读书会"
    assert cell(model, 0, "change", TOOLTIP) is None
