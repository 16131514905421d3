"""The files chosen in a dialog, before they are copied into the store on save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class PendingFiles(QListWidget):
    def add_paths(self, paths) -> None:
        """Each file once, shown by its name with the full path as its tooltip."""
        present = set(self.paths())
        for path in map(Path, paths):
            if path in present:
                continue
            present.add(path)
            item = QListWidgetItem(path.name)
            item.setToolTip(str(path))
            item.setData(PATH_ROLE, str(path))
            self.addItem(item)

    def remove_selected(self) -> None:
        for item in self.selectedItems():
            self.takeItem(self.row(item))

    def paths(self) -> list[Path]:
        return [Path(self.item(i).data(PATH_ROLE)) for i in range(self.count())]
