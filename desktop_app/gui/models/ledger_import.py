"""The rows of a ledger workbook being imported: what each would do, and its problems."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desktop_app.domain.money import format_fen
from desktop_app.gui import labels
from desktop_app.gui.models.table import Column, ColumnTableModel


def _import_action(row) -> str:
    return {
        "add": QCoreApplication.translate("LedgerImport", "Add"),
        "skip": QCoreApplication.translate("LedgerImport", "Already in the ledger"),
        "error": QCoreApplication.translate("LedgerImport", "Error"),
    }.get(getattr(row, "action", ""), str(getattr(row, "action", "")))


def _row_problems(row) -> str:
    found = getattr(row, "problems", None) or []
    return "; ".join(
        (f"{p.column}{labels.colon()}{p.message}" if getattr(p, "column", "") else str(p.message))
        if hasattr(p, "message")
        else str(p)
        for p in found
    )


IMPORT_COLUMNS: tuple[Column, ...] = (
    Column(
        "row",
        lambda: QCoreApplication.translate("LedgerImport", "Row"),
        lambda r: str(getattr(r, "row_number", "")),
        lambda r: getattr(r, "row_number", 0),
        align_right=True,
    ),
    Column(
        "action",
        lambda: QCoreApplication.translate("LedgerImport", "What happens"),
        _import_action,
    ),
    Column(
        "kind",
        lambda: QCoreApplication.translate("LedgerImport", "Kind"),
        lambda r: str(getattr(r, "kind", "") or ""),
    ),
    Column(
        "date",
        lambda: QCoreApplication.translate("LedgerImport", "Date"),
        lambda r: r.date.isoformat() if getattr(r, "date", None) else "",
    ),
    Column(
        "amount",
        lambda: QCoreApplication.translate("LedgerImport", "Amount"),
        lambda r: "" if getattr(r, "amount_fen", None) is None else format_fen(r.amount_fen),
        align_right=True,
    ),
    Column(
        "purpose",
        lambda: QCoreApplication.translate("LedgerImport", "Purpose"),
        lambda r: str(getattr(r, "purpose", "") or ""),
    ),
    Column(
        "problems",
        lambda: QCoreApplication.translate("LedgerImport", "Problems"),
        _row_problems,
    ),
)


class ImportRowsModel(ColumnTableModel):
    def __init__(self, parent=None):
        super().__init__(IMPORT_COLUMNS, parent)

    def role_data(self, row, column: Column, role: int):
        action = getattr(row, "action", "")
        if role == Qt.ItemDataRole.ForegroundRole:
            if action == "error":
                return QColor("#b00020")
            if action == "skip":
                return QColor("#777777")
        if role == Qt.ItemDataRole.ToolTipRole and column.key in ("problems", "purpose"):
            return column.text(row) or None
        return None
