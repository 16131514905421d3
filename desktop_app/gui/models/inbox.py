"""The bureau's inbox as tables: a row a bundle read (valid or why not, the studio, its
figures), sorted by each column's key; and the studios expected, submitted or not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop_app.bundle.signing import short_fingerprint
from desktop_app.domain.money import format_fen
from desktop_app.gui.models.table import SORT_ROLE, Column, ColumnTableModel

if TYPE_CHECKING:
    from desktop_app.documents.inbox import InboxRow, StudioStatus

INVALID_BACKGROUND = "#fdecea"
INVALID_TEXT = "#9b1c13"
WARNING_BACKGROUND = "#fff6e5"
SUBMITTED_TEXT = "#1e7b34"
NO_FIGURE = -1  # the sort key of a figure a bundle does not give


def yes_no(value: bool) -> str:
    return (
        QCoreApplication.translate("InboxDialog", "yes")
        if value
        else QCoreApplication.translate("InboxDialog", "no")
    )


def _figure(text, key=None) -> tuple:
    """A figure column's text and sort key from a row's figures, if it has them."""
    return (
        lambda r: text(r.figures) if r.figures is not None else "",
        lambda r: (key or text)(r.figures) if r.figures is not None else NO_FIGURE,
    )


def _ratio(done: int, total: int) -> float:
    return done / total if total else NO_FIGURE


BUNDLE_COLUMNS: tuple[Column, ...] = (
    Column("file", lambda: QCoreApplication.translate("InboxDialog", "File"), lambda r: r.file),
    Column(
        "valid",
        lambda: QCoreApplication.translate("InboxDialog", "Valid"),
        lambda r: yes_no(r.valid),
        lambda r: int(r.valid),
    ),
    Column(
        "reason",
        lambda: QCoreApplication.translate("InboxDialog", "Reason"),
        lambda r: r.reason or "",
    ),
    Column(
        "studio",
        lambda: QCoreApplication.translate("InboxDialog", "Studio"),
        lambda r: r.studio or "",
    ),
    Column(
        "period",
        lambda: QCoreApplication.translate("InboxDialog", "Period"),
        lambda r: r.period or "",
    ),
    Column(
        "signer",
        lambda: QCoreApplication.translate("InboxDialog", "Signer"),
        lambda r: short_fingerprint(r.signer),
        lambda r: r.signer or "",
    ),
    Column(
        "registered",
        lambda: QCoreApplication.translate("InboxDialog", "Registered"),
        lambda r: "" if r.registered is None else yes_no(r.registered),
    ),
    Column(
        "members",
        lambda: QCoreApplication.translate("InboxDialog", "Members"),
        *_figure(lambda f: str(f.members), lambda f: f.members),
        align_right=True,
    ),
    Column(
        "activities",
        lambda: QCoreApplication.translate("InboxDialog", "Activities"),
        *_figure(lambda f: str(f.activities), lambda f: f.activities),
        align_right=True,
    ),
    Column(
        "attendance",
        lambda: QCoreApplication.translate("InboxDialog", "Attendance"),
        *_figure(lambda f: f.attendance_text, lambda f: _ratio(f.attended, f.expected)),
        align_right=True,
    ),
    Column(
        "flagged",
        lambda: QCoreApplication.translate("InboxDialog", "Over the line"),
        *_figure(lambda f: str(f.flagged), lambda f: f.flagged),
        align_right=True,
    ),
    Column(
        "granted",
        lambda: QCoreApplication.translate("InboxDialog", "Granted"),
        *_figure(lambda f: format_fen(f.granted_fen), lambda f: f.granted_fen),
        align_right=True,
    ),
    Column(
        "spent",
        lambda: QCoreApplication.translate("InboxDialog", "Spent"),
        *_figure(lambda f: format_fen(f.spent_fen), lambda f: f.spent_fen),
        align_right=True,
    ),
    Column(
        "duties",
        lambda: QCoreApplication.translate("InboxDialog", "Yearly duties"),
        *_figure(lambda f: f.duties_text, lambda f: _ratio(f.duties_done, f.duties_total)),
        align_right=True,
    ),
    Column(
        "grade",
        lambda: QCoreApplication.translate("InboxDialog", "Grade"),
        *_figure(lambda f: f.grade_text),
    ),
)


def bundle_tooltip(row: InboxRow) -> str:
    lines = []
    if not row.valid:
        lines.append(row.reason or QCoreApplication.translate("InboxDialog", "Not a valid bundle."))
    lines += list(row.notes)
    if row.signer:
        lines.append(
            QCoreApplication.translate("InboxDialog", "Signer: %1").replace("%1", row.signer)
        )
    return "\n".join(lines)


class BundlesModel(ColumnTableModel):
    def __init__(self, parent=None):
        super().__init__(BUNDLE_COLUMNS, parent)

    def role_data(self, row: InboxRow, column: Column, role: int):
        if role == Qt.ItemDataRole.BackgroundRole:
            if not row.valid:
                return QBrush(QColor(INVALID_BACKGROUND))
            if row.notes:
                return QBrush(QColor(WARNING_BACKGROUND))
        if not row.valid and column.key in ("valid", "reason"):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(INVALID_TEXT))
            if role == Qt.ItemDataRole.FontRole:
                bold = QFont()
                bold.setBold(True)
                return bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return bundle_tooltip(row) or None
        return None


class BundlesSort(QSortFilterProxyModel):
    """Sorting by the columns' keys: numbers as numbers, a missing figure first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left, right) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


def studio_notes(status: StudioStatus) -> list[str]:
    notes = list(status.notes)
    if not status.expected:
        notes.insert(0, QCoreApplication.translate("InboxDialog", "Not on the expected list."))
    return notes


STUDIO_COLUMNS: tuple[Column, ...] = (
    Column("studio", lambda: QCoreApplication.translate("InboxDialog", "Studio"), lambda s: s.name),
    Column(
        "submitted",
        lambda: QCoreApplication.translate("InboxDialog", "Submitted"),
        lambda s: yes_no(s.submitted),
    ),
    Column(
        "files",
        lambda: QCoreApplication.translate("InboxDialog", "Files"),
        lambda s: "、".join(s.files),
    ),
    Column(
        "notes",
        lambda: QCoreApplication.translate("InboxDialog", "Notes"),
        lambda s: "；".join(studio_notes(s)),
    ),
)


class StudiosModel(ColumnTableModel):
    def __init__(self, parent=None):
        super().__init__(STUDIO_COLUMNS, parent)

    def role_data(self, status: StudioStatus, column: Column, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column.key == "submitted":
            return QBrush(QColor(SUBMITTED_TEXT if status.submitted else INVALID_TEXT))
        if role == Qt.ItemDataRole.BackgroundRole and not status.submitted:
            return QBrush(QColor(INVALID_BACKGROUND))
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "notes":
            return "\n".join(studio_notes(status))
        return None
