"""The activity log as a table: date, time, kind, topic, place, presenter, hours, attendance and photos, sorted by each column's key."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from desktop_app.gui import labels
from desktop_app.gui.models.table import SORT_ROLE, Column, ColumnTableModel
from desktop_app.services.activities import ActivityInfo

NOT_TAKEN_COLOUR = "#8a5300"
NO_ATTENDANCE_COLOUR = "#888888"


def attendance_text(a: ActivityInfo) -> str:
    """'12/14 present', 'Not taken' or 'No attendance'."""
    if not a.takes_attendance:
        return QCoreApplication.translate("ActivitiesModel", "No attendance")
    if not a.attendance_taken:
        return QCoreApplication.translate("ActivitiesModel", "Not taken")
    return (
        QCoreApplication.translate("ActivitiesModel", "%1/%2 present")
        .replace("%1", str(a.present))
        .replace("%2", str(a.expected))
    )


def attendance_tooltip(a: ActivityInfo) -> str:
    if not a.takes_attendance:
        return QCoreApplication.translate(
            "ActivitiesModel", "This activity does not count towards attendance."
        )
    if not a.attendance_taken:
        return QCoreApplication.translate(
            "ActivitiesModel", "Attendance has not been taken for this activity yet."
        )
    return (
        QCoreApplication.translate(
            "ActivitiesModel", "%1 expected: %2 came, %3 on leave, %4 absent"
        )
        .replace("%1", str(a.expected))
        .replace("%2", str(a.present))
        .replace("%3", str(a.on_leave))
        .replace("%4", str(a.absent))
    )


ACTIVITY_COLUMNS: tuple[Column, ...] = (
    Column(
        "date",
        lambda: QCoreApplication.translate("ActivitiesModel", "Date"),
        lambda a: a.date.isoformat(),
        lambda a: (a.date, a.start_time or dt.time(0), a.id),
    ),
    Column(
        "time",
        lambda: QCoreApplication.translate("ActivitiesModel", "Time"),
        lambda a: a.time_text,
    ),
    Column(
        "kind",
        lambda: QCoreApplication.translate("ActivitiesModel", "Kind"),
        lambda a: labels.activity_kind(a.kind),
    ),
    Column(
        "topic",
        lambda: QCoreApplication.translate("ActivitiesModel", "Topic"),
        lambda a: a.topic,
    ),
    Column(
        "place",
        lambda: QCoreApplication.translate("ActivitiesModel", "Place"),
        lambda a: a.place or "",
    ),
    Column(
        "presenter",
        lambda: QCoreApplication.translate("ActivitiesModel", "Presenter"),
        lambda a: a.presenter or "",
    ),
    Column(
        "hours",
        lambda: QCoreApplication.translate("ActivitiesModel", "Hours"),
        lambda a: labels.hours_text(a.hours_tenths),
        lambda a: a.hours_tenths or 0,
        align_right=True,
    ),
    Column(
        "attendance",
        lambda: QCoreApplication.translate("ActivitiesModel", "Attendance"),
        attendance_text,
        lambda a: (a.takes_attendance, a.expected, a.present),
    ),
    Column(
        "photos",
        lambda: QCoreApplication.translate("ActivitiesModel", "Photos"),
        lambda a: str(len(a.photos)) if a.photos else "",
        lambda a: len(a.photos),
        align_right=True,
    ),
)


class ActivitiesModel(ColumnTableModel):
    def __init__(self, parent=None):
        super().__init__(ACTIVITY_COLUMNS, parent)

    def role_data(self, a: ActivityInfo, column: Column, role: int):
        if column.key == "attendance":
            if role == Qt.ItemDataRole.ToolTipRole:
                return attendance_tooltip(a)
            if role == Qt.ItemDataRole.ForegroundRole:
                if not a.takes_attendance:
                    return QColor(NO_ATTENDANCE_COLOUR)
                if not a.attendance_taken:
                    return QColor(NOT_TAKEN_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "topic" and a.content:
            return a.content
        return None


class ActivitiesSort(QSortFilterProxyModel):
    """Sorting by the columns' sort keys; the filtering is done by the service."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortLocaleAware(True)

    def lessThan(self, left, right) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)
