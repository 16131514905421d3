"""A new teacher's training hours: the years' totals and the sessions attended."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.training_hours import Attended, format_hours
from desktop_app.gui import labels
from desktop_app.gui.models.table import Column, ColumnTableModel


def _not_set() -> str:
    # A plain statement, not inside a lambda's conditional: lupdate 6.11 misses it there.
    return QCoreApplication.translate("TrainingHours", "not set (counts 0)")


YEAR_COLUMNS: tuple[Column, ...] = (
    Column(
        "year",
        lambda: QCoreApplication.translate("TrainingHours", "School year"),
        lambda y: y.school_year.label,
    ),
    Column(
        "activity",
        lambda: QCoreApplication.translate("TrainingHours", "From studio activities"),
        lambda y: format_hours(y.activity_tenths),
        lambda y: y.activity_tenths,
        align_right=True,
    ),
    Column(
        "count",
        lambda: QCoreApplication.translate("TrainingHours", "Activities attended"),
        lambda y: str(y.activities),
        lambda y: y.activities,
        align_right=True,
    ),
    Column(
        "without",
        lambda: QCoreApplication.translate("TrainingHours", "Of them without hours"),
        lambda y: str(y.without_hours) if y.without_hours else "",
        lambda y: y.without_hours,
        align_right=True,
    ),
    Column(
        "own",
        lambda: QCoreApplication.translate("TrainingHours", "From own training records"),
        lambda y: format_hours(y.own_tenths),
        lambda y: y.own_tenths,
        align_right=True,
    ),
    Column(
        "total",
        lambda: QCoreApplication.translate("TrainingHours", "Total"),
        lambda y: format_hours(y.total_tenths),
        lambda y: y.total_tenths,
        align_right=True,
    ),
)

SESSION_COLUMNS: tuple[Column, ...] = (
    Column(
        "date",
        lambda: QCoreApplication.translate("TrainingHours", "Date"),
        lambda a: a.date.isoformat(),
    ),
    Column(
        "year",
        lambda: QCoreApplication.translate("TrainingHours", "School year"),
        lambda a: SchoolYear.of(a.date).label,
    ),
    Column(
        "topic", lambda: QCoreApplication.translate("TrainingHours", "Activity"), lambda a: a.topic
    ),
    Column(
        "status",
        lambda: QCoreApplication.translate("TrainingHours", "Attendance"),
        lambda a: labels.attendance_status(a.status),
    ),
    Column(
        "hours",
        lambda: QCoreApplication.translate("TrainingHours", "Hours"),
        lambda a: format_hours(a.hours_tenths) if a.hours_tenths else _not_set(),
        lambda a: a.hours_tenths or 0,
        align_right=True,
    ),
)


class SessionsModel(ColumnTableModel):
    def role_data(self, item: Attended, column: Column, role: int):
        if column.key == "hours" and not item.hours_tenths:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#888888"))
        return None
