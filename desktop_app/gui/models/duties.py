"""The yearly duties' grid: a row a member, a column a kind of duty, each cell done or missing."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desktop_app.domain.duties import DutyStatus
from desktop_app.gui import labels
from desktop_app.gui.models.table import Column, ColumnTableModel
from desktop_app.services.duties import DutyGrid, DutyRow

DONE_MARK = "✓"
MISSING_MARK = "✗"
NOT_A_DUTY = "—"
DONE_BACKGROUND = "#e6f4ea"
MISSING_BACKGROUND = "#fdecea"
ENCOURAGED_BACKGROUND = "#fff8e1"
NOT_A_DUTY_BACKGROUND = "#eeeeee"


def _done(row: DutyRow) -> int:
    return sum(1 for s in row.statuses.values() if s is not None and s.done)


def _missing(row: DutyRow) -> int:
    return sum(1 for s in row.statuses.values() if s is not None and not s.done)


def _mark(status: DutyStatus | None, encouraged: bool) -> str:
    if status is None:
        return NOT_A_DUTY
    if status.done:
        return DONE_MARK
    if encouraged:  # the document encourages the duty: not done is no failure
        return QCoreApplication.translate("PlansModel", "Not yet (encouraged)")
    return MISSING_MARK


def _kind_column(kind: str, encouraged: bool) -> Column:
    return Column(
        "kind:" + kind,
        lambda: labels.record_kind(kind),
        lambda r: _mark(r.statuses.get(kind), encouraged),
    )


def credit_lines(status: DutyStatus) -> list[str]:
    """Where a done duty's credit comes from: the growth records, then the activities
    the member presented (date, kind and topic)."""
    lines = list(status.record_titles)
    for talk in status.talks:
        lines.append(
            labels.fill(
                QCoreApplication.translate("PlansModel", "Presented on %1: %2 “%3”"),
                talk.date.isoformat(),
                labels.activity_kind(talk.kind),
                talk.topic,
            )
        )
    return lines


def grid_columns(grid: DutyGrid) -> list[Column]:
    return [
        Column("name", lambda: QCoreApplication.translate("PlansModel", "Name"), lambda r: r.name),
        Column(
            "role",
            lambda: QCoreApplication.translate("PlansModel", "Role"),
            lambda r: labels.role(r.role),
        ),
        *(_kind_column(k, grid.encouraged) for k in grid.kinds),
        Column(
            "done",
            lambda: QCoreApplication.translate("PlansModel", "Done"),
            lambda r: str(_done(r)),
            sort=_done,
            align_right=True,
        ),
        Column(
            "missing",
            lambda: (
                QCoreApplication.translate("PlansModel", "Not yet")
                if grid.encouraged
                else QCoreApplication.translate("PlansModel", "Missing")
            ),
            lambda r: str(_missing(r)),
            sort=_missing,
            align_right=True,
        ),
    ]


class DutyGridModel(ColumnTableModel):
    def __init__(self, columns, grid: DutyGrid | None = None, parent=None):
        super().__init__(columns, parent)
        self.encouraged = grid is not None and grid.encouraged
        self.quote = grid.quote if grid is not None else ""

    def role_data(self, item: DutyRow, column: Column, role: int):
        if not column.key.startswith("kind:"):
            return None
        status = item.statuses.get(column.key.removeprefix("kind:"))
        missed = status is not None and not status.done
        if role == Qt.ItemDataRole.BackgroundRole:
            if status is None:
                return QColor(NOT_A_DUTY_BACKGROUND)
            if missed and self.encouraged:
                return QColor(ENCOURAGED_BACKGROUND)
            return QColor(DONE_BACKGROUND if status.done else MISSING_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and (
            status is None or missed and self.encouraged
        ):
            return QColor("#666666")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if status is None:
                return QCoreApplication.translate("PlansModel", "Not a duty of this role")
            if status.done:
                return "\n".join(credit_lines(status))
            if self.encouraged:
                return labels.fill(
                    QCoreApplication.translate(
                        "PlansModel",
                        "Not done yet this school year. The document encourages it (“%1”); "
                        "it does not require it.",
                    ),
                    self.quote,
                )
            return QCoreApplication.translate(
                "PlansModel", "No record of this kind in the year and no talk presented"
            )
        return None
