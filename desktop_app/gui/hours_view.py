"""A member's training hours (学时) in their growth file: per school year, the hours from
studio activities attended and from their own training records, apart and in total; and
each activity credited, an activity without 学时 shown as such."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop_app.domain.training_hours import Attended, YearHours
from desktop_app.gui.models.hours import SESSION_COLUMNS, YEAR_COLUMNS, SessionsModel
from desktop_app.gui.models.table import ColumnTableModel
from desktop_app.gui.table_sizing import fit_columns


def _table(model: ColumnTableModel, stretch: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    fit_columns(view, model.column_of(stretch))
    return view


class TrainingHoursView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        rule = QLabel(
            QCoreApplication.translate(
                "TrainingHours",
                "A studio activity credits its training hours to members marked present, "
                "late or left early (not on leave or absent); an activity without hours "
                "set credits nothing. The member's own training records (growth records of "
                "the kind training hours) are shown beside them and added once: do not "
                "record a studio activity again as a training record.",
            )
        )
        rule.setWordWrap(True)
        rule.setStyleSheet("color: #555555;")
        layout.addWidget(rule)
        self.years_model = ColumnTableModel(YEAR_COLUMNS, self)
        self.years_table = _table(self.years_model, "year")
        self.years_table.setObjectName("hoursYears")
        layout.addWidget(self.years_table, 1)  # a few school years: the activities get the room
        self.sessions_heading = QLabel(
            QCoreApplication.translate("TrainingHours", "Studio activities credited")
        )
        layout.addWidget(self.sessions_heading)
        self.sessions_model = SessionsModel(SESSION_COLUMNS, self)
        self.sessions_table = _table(self.sessions_model, "topic")
        self.sessions_table.setObjectName("hoursSessions")
        layout.addWidget(self.sessions_table, 3)
        self.empty_label = QLabel(
            QCoreApplication.translate("TrainingHours", "No training hours on record yet.")
        )
        self.empty_label.setStyleSheet("color: #666666;")
        layout.addWidget(self.empty_label)

    def set_hours(self, years: list[YearHours], sessions: list[Attended]) -> None:
        self.years_model.set_rows(years)
        self.sessions_model.set_rows(sessions)
        self.empty_label.setVisible(not years)

    def year_lines(self) -> list[list[str]]:
        """The years table as shown."""
        m = self.years_model
        return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]

    def session_lines(self) -> list[list[str]]:
        m = self.sessions_model
        return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]
