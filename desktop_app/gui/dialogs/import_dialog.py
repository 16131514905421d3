"""Roster import preview: every row with what will happen to it and its problems.
Nothing is written until the user confirms, and not at all while any row is bad."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui import window_geometry
from desktop_app.gui.models.roster_import import RosterImportModel, action_words
from desktop_app.gui.table_sizing import fit_columns


class ImportPreviewDialog(QDialog):
    def __init__(self, preview, file_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("Import roster: %1").replace("%1", file_name))
        window_geometry.fit(self, QSize(900, 520))
        layout = QVBoxLayout(self)
        counts = {key: sum(1 for r in preview.rows if r.action == key) for key in action_words()}
        self.summary = QLabel(
            self.tr("%1 to add, %2 to update, %3 unchanged, %4 with errors")
            .replace("%1", str(counts["add"]))
            .replace("%2", str(counts["update"]))
            .replace("%3", str(counts["unchanged"]))
            .replace("%4", str(counts["error"]))
        )
        layout.addWidget(self.summary)
        self.model = RosterImportModel(self)
        self.model.set_rows(preview.rows)
        self.table = QTableView()
        self.table.setObjectName("previewTable")
        self.table.setModel(self.model)
        fit_columns(self.table, 4)  # the problems
        self.table.verticalHeader().setVisible(False)
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
