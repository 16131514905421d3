"""The task ledger of a school year: a row a task, overdue and done ones coloured."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desktop_app.gui.dialogs.task_dialog import evidence_text, status_label
from desktop_app.gui.models.table import Column, ColumnTableModel
from desktop_app.services.plans import TaskInfo

OVERDUE_BACKGROUND = "#fdecea"
OVERDUE_TEXT = "#b00020"
DONE_BACKGROUND = "#e6f4ea"
LINK_ROLE = Qt.ItemDataRole.UserRole + 1


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def evidence_cell(task: TaskInfo) -> str:
    if not task.evidence:
        return ""
    return f"{len(task.evidence)} · " + "；".join(e.label for e in task.evidence)


TASK_COLUMNS = (
    Column("position", lambda: "#", lambda t: str(t.position), sort=lambda t: t.position),
    Column("title", lambda: QCoreApplication.translate("TaskModel", "Item"), lambda t: t.title),
    Column(
        "owner",
        lambda: QCoreApplication.translate("TaskModel", "Owner"),
        lambda t: t.owner_name or "",
    ),
    Column(
        "due_on",
        lambda: QCoreApplication.translate("TaskModel", "Due date"),
        lambda t: _date(t.due_on),
    ),
    Column(
        "status",
        lambda: QCoreApplication.translate("TaskModel", "Status"),
        lambda t: status_label(t.status),
    ),
    Column(
        "done_on",
        lambda: QCoreApplication.translate("TaskModel", "Done on"),
        lambda t: _date(t.done_on),
    ),
    Column(
        "evidence",
        lambda: QCoreApplication.translate("TaskModel", "Evidence"),
        evidence_cell,
        sort=lambda t: len(t.evidence),
    ),
)


class TaskModel(ColumnTableModel):
    def __init__(self, parent=None):
        super().__init__(TASK_COLUMNS, parent)
        self.today = dt.date.today()

    def role_data(self, task: TaskInfo, column: Column, role: int):
        overdue = task.overdue(self.today)
        if role == Qt.ItemDataRole.BackgroundRole:
            if overdue:
                return QColor(OVERDUE_BACKGROUND)
            if task.is_done and column.key == "status":
                return QColor(DONE_BACKGROUND)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and overdue
            and column.key in ("due_on", "status")
        ):
            return QColor(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.ToolTipRole:
            if overdue:
                return QCoreApplication.translate(
                    "TaskModel", "Overdue: due on %1 and not done"
                ).replace("%1", _date(task.due_on))
            if column.key == "evidence" and task.evidence:
                return "\n".join(evidence_text(e) for e in task.evidence)
            if column.key == "title" and task.note:
                return task.note
        if role == Qt.ItemDataRole.TextAlignmentRole and column.key == "position":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
