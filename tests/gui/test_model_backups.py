"""The backups as a model, with no view: when, kind, size and files, the check green when
sound and red when damaged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop_app.gui.models.backups import BackupsModel
from desktop_app.services.backup import BackupInfo
from tests.gui.model_tools import ALIGNMENT, FOREGROUND, cell, colour, headers, row_texts, sort_keys


def test_the_backups(qapp):
    model = BackupsModel()
    model.set_rows(
        [
            BackupInfo(Path("a.zip"), dt.datetime(2026, 3, 1, 18, 5), "auto", True, 1536, files=12),
            BackupInfo(
                Path("b.zip"), dt.datetime(2026, 3, 2, 9, 0), "manual", False, 800, problems=("坏",)
            ),
        ]
    )
    assert model.rowCount() == 2 and model.columnCount() == 5
    assert headers(model) == ["Made", "Kind", "Size", "Files", "Check"]
    assert row_texts(model, 0) == {
        "made": "2026-03-01 18:05",
        "kind": "automatic",
        "size": "1.5 KB",
        "files": "12",
        "check": "checked, sound",
    }
    assert row_texts(model, 1)["kind"] == "made by hand"
    assert row_texts(model, 1)["check"] == "damaged: 坏"
    assert colour(cell(model, 0, "check", FOREGROUND)) == "#008000"  # Qt's dark green
    assert colour(cell(model, 1, "check", FOREGROUND)) == "#ff0000"
    assert cell(model, 0, "made", FOREGROUND) is None
    assert cell(model, 0, "size", ALIGNMENT) is not None
    assert sort_keys(model, "size") == [1536, 800]
