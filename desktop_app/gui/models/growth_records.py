"""A member's growth records as a table, filtered by kind and text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt

from desktop_app.gui import labels
from desktop_app.gui.models.table import SORT_ROLE, Column, ColumnTableModel
from desktop_app.services.growth import GrowthRecordInfo

RECORD_COLUMNS: tuple[Column, ...] = (
    Column(
        "date",
        lambda: QCoreApplication.translate("RecordsModel", "Date"),
        lambda r: r.date.isoformat(),
    ),
    Column(
        "school_year",
        lambda: QCoreApplication.translate("RecordsModel", "School year"),
        lambda r: r.school_year.label,
    ),
    Column(
        "kind",
        lambda: QCoreApplication.translate("RecordsModel", "Kind"),
        lambda r: labels.record_kind(r.kind),
    ),
    Column(
        "level",
        lambda: QCoreApplication.translate("RecordsModel", "Level"),
        lambda r: labels.record_level(r.level),
    ),
    Column(
        "title",
        lambda: QCoreApplication.translate("RecordsModel", "Title"),
        lambda r: r.title,
    ),
    Column(
        "hours",
        lambda: QCoreApplication.translate("RecordsModel", "Hours"),
        lambda r: labels.hours_text(r.hours_tenths),
        lambda r: r.hours_tenths or 0,
        align_right=True,
    ),
    Column(
        "files",
        lambda: QCoreApplication.translate("RecordsModel", "Evidence files"),
        lambda r: str(len(r.attachments)) if r.attachments else "",
        lambda r: len(r.attachments),
        align_right=True,
    ),
)


class RecordsModel(ColumnTableModel):
    def __init__(self, parent=None):
        super().__init__(RECORD_COLUMNS, parent)

    def role_data(self, record: GrowthRecordInfo, column: Column, role: int):
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "title" and record.detail:
            return record.detail
        return None


class RecordsFilter(QSortFilterProxyModel):
    """Shows one kind of record, or all when the kind is ''."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortLocaleAware(True)
        self._kind = ""

    def set_kind(self, code: str) -> None:
        self.beginFilterChange()  # Qt 6.10+: replaces the deprecated invalidateRowsFilter()
        self._kind = code or ""
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        if not self._kind:
            return True
        return self.sourceModel().row_at(source_row).kind == self._kind
