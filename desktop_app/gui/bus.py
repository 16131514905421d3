"""Changes flow one way: a page calls a use case; the database tells what each commit
changed (Database.on_committed, the subjects of domain/changes.py) and the bus
broadcasts it here, the one place; every page decides for itself whether to refresh
(Page.topics). No page announces a change by hand.

The bus hears every commit made through the window's database, at the commit: a page
that selects the record just saved finds it in its refreshed list. A commit made in
another thread reaches the pages queued, in the window's thread. The window also hears
other programs' commits (``hear_other_programs``): the same subjects, a few seconds late."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop_app.services.app import AppServices


class ChangeBus(QObject):
    changed = Signal(object)  # Changes: a frozenset of subjects (domain/changes.py)
    _committed = Signal(object)  # from the database, in whichever thread committed

    def __init__(self, services: AppServices, parent: QObject | None = None):
        super().__init__(parent)
        self._committed.connect(self.changed)  # another thread's commit: queued to ours
        self._services = services
        stop = services.db.on_committed(self._committed.emit)
        self.destroyed.connect(lambda *_: stop())

    def hear_other_programs(self) -> None:
        """Broadcast other programs' changes too — other PCs on a school server, the CLI
        on the same file — within a few seconds (store/watch.py), as if made here."""
        stop = self._services.db.watch_others()
        self.destroyed.connect(lambda *_: stop())
