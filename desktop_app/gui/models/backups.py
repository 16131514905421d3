"""The backups in the backups folder as a table: when, what kind, its size and files, and
whether its check found it sound."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desktop_app.gui import labels
from desktop_app.gui.models.table import Column, ColumnTableModel
from desktop_app.services.backup import BackupInfo


def backup_kind(kind: str) -> str:
    return {
        "auto": QCoreApplication.translate("BackupsPage", "automatic"),
        "manual": QCoreApplication.translate("BackupsPage", "made by hand"),
        "before-upgrade": QCoreApplication.translate("BackupsPage", "before an upgrade"),
        "before-restore": QCoreApplication.translate("BackupsPage", "before a restore"),
    }.get(kind, QCoreApplication.translate("BackupsPage", "unknown"))


def check_text(info: BackupInfo) -> str:
    if info.ok:
        return QCoreApplication.translate("BackupsPage", "checked, sound")
    return QCoreApplication.translate("BackupsPage", "damaged: %1").replace(
        "%1", "；".join(info.problems)
    )


BACKUP_COLUMNS: tuple[Column, ...] = (
    Column(
        "made",
        lambda: QCoreApplication.translate("BackupsPage", "Made"),
        lambda b: b.created.strftime("%Y-%m-%d %H:%M"),
    ),
    Column(
        "kind",
        lambda: QCoreApplication.translate("BackupsPage", "Kind"),
        lambda b: backup_kind(b.kind),
    ),
    Column(
        "size",
        lambda: QCoreApplication.translate("BackupsPage", "Size"),
        lambda b: labels.size_text(b.size),
        lambda b: b.size,
        align_right=True,
    ),
    Column(
        "files",
        lambda: QCoreApplication.translate("BackupsPage", "Files"),
        lambda b: (
            QCoreApplication.translate("BackupsPage", "in the dump") if b.server else str(b.files)
        ),
        lambda b: b.files,
        align_right=True,
    ),
    Column("check", lambda: QCoreApplication.translate("BackupsPage", "Check"), check_text),
)


class BackupsModel(ColumnTableModel):
    def __init__(self, parent=None):
        super().__init__(BACKUP_COLUMNS, parent)

    def role_data(self, info: BackupInfo, column: Column, role: int):
        if column.key == "check" and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(Qt.GlobalColor.darkGreen if info.ok else Qt.GlobalColor.red)
        return None
