"""What every page of the main window has: an id, a title, a refresh on change, and
what the menu's New record and Find act on."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLineEdit, QStackedWidget, QWidget

from desktop_app.gui.bus import ChangeBus
from desktop_app.services.app import AppServices


class Page(QWidget):
    page_id = ""
    topics: frozenset[str] = frozenset()  # the changes this page shows

    def __init__(self, services: AppServices, bus: ChangeBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self._refresh_pending = False
        bus.changed.connect(self._on_changed)

    def _on_changed(self, topics: frozenset[str]) -> None:
        if not topics & self.topics:
            return
        if self._behind_another_page():
            # Hidden behind the page in front: refreshed when it is shown, not now — one
            # save would otherwise reload every page of the window.
            self._refresh_pending = True
        else:
            self.refresh()

    def _behind_another_page(self) -> bool:
        # the page, or the scroll area the main window holds it in, in a stack
        held = self
        while held.parentWidget() is not None and not isinstance(
            held.parentWidget(), QStackedWidget
        ):
            held = held.parentWidget()
        parent = held.parentWidget()
        return isinstance(parent, QStackedWidget) and parent.currentWidget() is not held

    def refresh_if_pending(self) -> None:
        """Catch up with the changes broadcast while the page was behind another."""
        if self._refresh_pending:
            self._refresh_pending = False
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.refresh_if_pending()

    def refresh(self) -> None:
        """Reload what the page shows from the services."""

    def new_record_button(self) -> QAbstractButton | None:
        """The button that adds this page's kind of record (File ▸ New record, Ctrl+N)."""
        return None

    def filter_box(self) -> QLineEdit | None:
        """The box that filters this page's list (Edit ▸ Find, Ctrl+F)."""
        return None
