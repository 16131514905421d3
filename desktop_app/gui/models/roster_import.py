"""The rows of a roster workbook being imported: what happens to each, the person, and
its problems; a row with problems shaded."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.gui import labels
from desktop_app.gui.models.table import Column, ColumnTableModel

BAD_ROW_BACKGROUND = "#fde7e9"


def action_words() -> dict[str, str]:
    """What an import does to a row, by its action's code."""
    return {
        "add": QCoreApplication.translate("ImportPreviewDialog", "Add"),
        "update": QCoreApplication.translate("ImportPreviewDialog", "Update"),
        "unchanged": QCoreApplication.translate("ImportPreviewDialog", "Unchanged"),
        "error": QCoreApplication.translate("ImportPreviewDialog", "Error"),
    }


IMPORT_COLUMNS: tuple[Column, ...] = (
    Column(
        "row",
        lambda: QCoreApplication.translate("ImportPreviewDialog", "Row"),
        lambda r: str(r.row_number),
        lambda r: r.row_number,
    ),
    Column(
        "action",
        lambda: QCoreApplication.translate("ImportPreviewDialog", "Action"),
        lambda r: action_words().get(r.action, r.action),
    ),
    Column(
        "name",
        lambda: QCoreApplication.translate("ImportPreviewDialog", "Name"),
        lambda r: r.data.name if r.data else "",
    ),
    Column(
        "role",
        lambda: QCoreApplication.translate("ImportPreviewDialog", "Role"),
        lambda r: labels.role(r.data.role) if r.data else "",
    ),
    Column(
        "problems",
        lambda: QCoreApplication.translate("ImportPreviewDialog", "Problems"),
        lambda r: "；".join(f"{column}：{message}" for column, message in r.problems),
    ),
)


class RosterImportModel(ColumnTableModel):
    def __init__(self, parent=None):
        super().__init__(IMPORT_COLUMNS, parent)

    def role_data(self, row, column: Column, role: int):
        if role == Qt.ItemDataRole.BackgroundRole and row.problems:
            return QBrush(QColor(BAD_ROW_BACKGROUND))
        return None
