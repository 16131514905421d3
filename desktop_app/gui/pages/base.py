"""What every page of the main window has: an id, a title, and a refresh on change."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.gui.bus import ChangeBus
from desktop_app.services.app import AppServices


class Page(QWidget):
    page_id = ""
    topics: frozenset[str] = frozenset()  # the changes this page shows

    def __init__(self, services: AppServices, bus: ChangeBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.bus = bus
        bus.changed.connect(self._on_changed)

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & self.topics:
            self.refresh()

    def refresh(self) -> None:
        """Reload what the page shows from the services."""
