"""Roster import preview: every row with what will happen to it and its problems.
Nothing is written until the user confirms, and not at all while any row is bad."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui import labels, window_geometry
from desktop_app.gui.table_sizing import fit_columns


class ImportPreviewDialog(QDialog):
    def __init__(self, preview, file_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("Import roster: %1").replace("%1", file_name))
        window_geometry.fit(self, QSize(900, 520))
        layout = QVBoxLayout(self)
        actions = {
            "add": self.tr("Add"),
            "update": self.tr("Update"),
            "unchanged": self.tr("Unchanged"),
            "error": self.tr("Error"),
        }
        counts = {key: sum(1 for r in preview.rows if r.action == key) for key in actions}
        self.summary = QLabel(
            self.tr("%1 to add, %2 to update, %3 unchanged, %4 with errors")
            .replace("%1", str(counts["add"]))
            .replace("%2", str(counts["update"]))
            .replace("%3", str(counts["unchanged"]))
            .replace("%4", str(counts["error"]))
        )
        layout.addWidget(self.summary)
        self.table = QTableWidget(len(preview.rows), 5)
        self.table.setObjectName("previewTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Row"),
                self.tr("Action"),
                self.tr("Name"),
                self.tr("Role"),
                self.tr("Problems"),
            ]
        )
        fit_columns(self.table, 4)  # the problems
        self.table.verticalHeader().setVisible(False)
        bad = QBrush(QColor("#fde7e9"))
        for i, row in enumerate(preview.rows):
            data = row.data
            cells = [
                str(row.row_number),
                actions.get(row.action, row.action),
                data.name if data else "",
                labels.role(data.role) if data else "",
                "；".join(f"{column}：{message}" for column, message in row.problems),
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if row.problems:
                    item.setBackground(bad)
                self.table.setItem(i, j, item)
        layout.addWidget(self.table)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("importNote")
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        if preview.problems:
            self.import_button.setEnabled(False)
            self.note.setText(
                self.tr(
                    "Nothing will be imported until every row is correct. Fix the file and import it again."
                )
            )
            self.note.setStyleSheet("color: #b00020;")
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
