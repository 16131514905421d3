"""A member's changes of attendance state as a table: when, from what to what (coloured as
the badge), the absences then, and the cause."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush

from desktop_app.gui.badges import background, foreground, state_word
from desktop_app.gui.models.table import Column, ColumnTableModel
from desktop_app.services.attendance import FlagEvent


def flag_change_text(event: FlagEvent) -> str:
    return f"{state_word(event.old_state)} → {state_word(event.new_state)}"


FLAG_COLUMNS: tuple[Column, ...] = (
    Column(
        "on",
        lambda: QCoreApplication.translate("MemberDetailPage", "Recorded on"),
        lambda e: e.on.isoformat(),
    ),
    Column(
        "change",
        lambda: QCoreApplication.translate("MemberDetailPage", "Change"),
        flag_change_text,
    ),
    Column(
        "missed",
        lambda: QCoreApplication.translate("MemberDetailPage", "Missed / expected"),
        lambda e: f"{e.missed}/{e.expected}",
    ),
    Column(
        "cause",
        lambda: QCoreApplication.translate("MemberDetailPage", "Cause"),
        lambda e: e.cause,
    ),
)


class FlagEventsModel(ColumnTableModel):
    def __init__(self, parent=None):
        super().__init__(FLAG_COLUMNS, parent)

    def role_data(self, event: FlagEvent, column: Column, role: int):
        if column.key == "change":
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(background(event.new_state))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(foreground(event.new_state))
        if column.key == "cause" and role == Qt.ItemDataRole.ToolTipRole:
            return event.cause
        return None
