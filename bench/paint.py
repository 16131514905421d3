"""Waiting, inside a Qt program, until a widget (or anything inside it) has been painted."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QObject
from PySide6.QtWidgets import QApplication, QWidget


class PaintWatch(QObject):
    """An event filter on the watched widgets only (an application-wide Python filter
    would slow every event down and distort what is measured)."""

    def __init__(self, on_paint: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.painted_at: float | None = None
        self.on_paint = on_paint  # called once, at the first paint event
        self._watched: list[QWidget] = []

    def watch(self, widget: QWidget, descendants: bool = True) -> None:
        self.clear()
        self._watched = [widget, *(widget.findChildren(QWidget) if descendants else [])]
        for w in self._watched:
            w.installEventFilter(self)

    def clear(self) -> None:
        for w in self._watched:
            try:
                w.removeEventFilter(self)
            except RuntimeError:  # deleted meanwhile
                pass
        self._watched = []
        self.painted_at = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self.painted_at is None and event.type() == QEvent.Type.Paint:
            self.painted_at = time.perf_counter()
            if self.on_paint is not None:
                self.on_paint()
        return False


def wait_painted(watch: PaintWatch, timeout: float = 60.0) -> float:
    """Process events until a watched widget is painted and the event loop has finished
    that round; returns the time (perf_counter) then."""
    app = QApplication.instance()
    deadline = time.perf_counter() + timeout
    while watch.painted_at is None:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if time.perf_counter() > deadline:
            raise TimeoutError("nothing was painted")
    return time.perf_counter()


def drain(rounds: int = 5) -> None:
    """Let pending events (and deferred deletes) run."""
    app = QApplication.instance()
    for _ in range(rounds):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
