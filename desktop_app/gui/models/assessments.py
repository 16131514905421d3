"""The studio's assessments as a table: kind, year, member, title, scores and state."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desktop_app.gui.dialogs.assessment_dialogs import (
    assessment_kind,
    assessment_status,
    grade_or_unscored,
)
from desktop_app.gui.models.table import Column, ColumnTableModel
from desktop_app.gui.pages.assessment_widgets import local_date, lock_icon
from desktop_app.services.assessments import AssessmentHeader

PROVISIONAL_COLOUR = "#888888"


ASSESSMENT_COLUMNS: tuple[Column, ...] = (
    Column(
        "title", lambda: QCoreApplication.translate("AssessmentsModel", "Title"), lambda h: h.title
    ),
    Column(
        "kind",
        lambda: QCoreApplication.translate("AssessmentsModel", "Kind"),
        lambda h: assessment_kind(h.kind),
    ),
    Column(
        "year",
        lambda: QCoreApplication.translate("AssessmentsModel", "Year"),
        lambda h: h.school_year.label,
    ),
    Column(
        "member",
        lambda: QCoreApplication.translate("AssessmentsModel", "Member"),
        lambda h: h.member_name or "",
    ),
    Column(
        "status",
        lambda: QCoreApplication.translate("AssessmentsModel", "Status"),
        lambda h: assessment_status(h.status),
    ),
    Column(
        "total",
        lambda: QCoreApplication.translate("AssessmentsModel", "Total"),
        lambda h: f"{h.total_text}/{h.max_points}",
        align_right=True,
    ),
    Column(
        "grade",
        lambda: QCoreApplication.translate("AssessmentsModel", "Grade"),
        lambda h: grade_or_unscored(h.grade.code if h.grade else None, h.scored, h.leaves),
    ),
)


class AssessmentsModel(ColumnTableModel):
    def __init__(self, parent=None):
        super().__init__(ASSESSMENT_COLUMNS, parent)

    def role_data(self, h: AssessmentHeader, column: Column, role: int):
        if column.key == "status":
            if role == Qt.ItemDataRole.DecorationRole and h.locked:
                return lock_icon()
            if role == Qt.ItemDataRole.ToolTipRole and h.locked and h.submitted_at:
                return QCoreApplication.translate(
                    "AssessmentsModel", "Submitted on %1; locked"
                ).replace("%1", local_date(h.submitted_at))
        if column.key == "grade" and h.grade is None:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(PROVISIONAL_COLOUR)
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate(
                    "AssessmentsModel", "No grade until every indicator is scored"
                )
        if column.key == "title" and role == Qt.ItemDataRole.ToolTipRole:
            return h.template_title
        return None
