"""Windows and dialogs sized to the screen they open on, and opened as they were left.

No size in the program assumes a screen. A window or dialog says the size it would like
(``fit``); it gets at most the available area of its screen — in Qt's logical pixels, so
at any Windows scaling — and next time it opens at the size it was closed at (a window,
not a dialog, also at the same place, and maximised if it was). A place that is on no
screen any more (a second monitor unplugged, a smaller screen) is moved back onto one.

The places are kept in the installation's settings file (app_settings), by window class.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from desktop_app.app_settings import load_app_settings, save_app_settings

LOG = logging.getLogger("studiodesk")
# The frame a window gets is not known before it is shown: keep room for a Windows title
# bar and borders (their size in logical pixels hardly moves with the scaling).
FRAME = QMargins(8, 32, 8, 8)


def fit_rect(size: QSize, area: QRect, centre: QPoint | None = None) -> QRect:
    """Where a window of ``size`` (inside its frame) goes in a screen's available
    ``area``: no larger than the area less the frame, centred on ``centre`` (the area's
    centre by default), and moved so that the window with its frame lies on the area."""
    room = area.marginsRemoved(FRAME)
    width = max(1, min(size.width(), room.width()))
    height = max(1, min(size.height(), room.height()))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(centre if centre is not None else room.center())
    rect.moveLeft(max(room.left(), min(rect.left(), room.right() + 1 - width)))
    rect.moveTop(max(room.top(), min(rect.top(), room.bottom() + 1 - height)))
    return rect


def back_on_screen(saved: QRect, areas: list[QRect], home: QRect) -> QRect:
    """A saved window place on today's screens: kept on the screen that shows most of
    it, shrunk and moved as far as needed to lie wholly on it; a place no screen shows
    any more goes to the middle of ``home`` (the primary screen's area)."""
    framed = saved.marginsAdded(FRAME)

    def shown(area: QRect) -> int:
        overlap = framed.intersected(area)
        return overlap.width() * overlap.height() if overlap.isValid() else 0

    best = max(areas, key=shown, default=None)
    if best is None or shown(best) == 0:
        return fit_rect(saved.size(), home)
    return fit_rect(saved.size(), best, saved.center())


def fit(widget: QWidget, preferred: QSize, name: str = "") -> None:
    """Size ``widget`` (a window or a dialog, before it is first shown) for its screen,
    from where it was left last time, or else from the ``preferred`` size; and remember
    it when it closes. ``name`` tells apart two uses of one class (default: the class)."""
    key = name or type(widget).__name__
    saved = load_app_settings().windows.get(key, {})
    parent = widget.parentWidget()
    screen = parent.window().screen() if parent is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    home = screen.availableGeometry()
    size = _size(saved) or preferred
    if widget.windowType() == Qt.WindowType.Window:
        place = _place(saved)
        if place is not None:
            areas = [s.availableGeometry() for s in QGuiApplication.screens()]
            widget.setGeometry(back_on_screen(place, areas, home))
        else:
            centre = parent.window().geometry().center() if parent is not None else None
            widget.setGeometry(fit_rect(size, home, centre))
    else:
        # a dialog opens over its parent: Qt centres it there and keeps it on the screen
        widget.resize(fit_rect(size, home).size())
    if saved.get("maximized"):
        widget.setWindowState(widget.windowState() | Qt.WindowState.WindowMaximized)
    _Keeper(widget, key)


def remember(widget: QWidget, key: str = "") -> None:
    """Keep where ``widget`` is now (its normal place when maximised or minimised)."""
    key = key or type(widget).__name__
    rect = widget.normalGeometry()
    if not rect.isValid():
        rect = widget.geometry()
    settings = load_app_settings()
    settings.windows[key] = {
        "x": rect.x(),
        "y": rect.y(),
        "width": rect.width(),
        "height": rect.height(),
        "maximized": widget.isMaximized(),
    }
    try:
        save_app_settings(settings)
    except OSError as error:  # a read-only profile: the window opens as new next time
        LOG.warning("cannot remember the window's place: %s", error)


class _Keeper(QObject):
    """Remembers its window each time it is hidden (closed, or a dialog finished) —
    unless it was never on the screen (the self-test's and the screenshots' window)."""

    def __init__(self, widget: QWidget, key: str):
        super().__init__(widget)
        self.key = key
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() == QEvent.Type.Hide
            and not event.spontaneous()
            and not obj.testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        ):
            remember(obj, self.key)
        return False


def _size(saved: dict) -> QSize | None:
    width, height = saved.get("width"), saved.get("height")
    if isinstance(width, int) and isinstance(height, int) and width > 0 and height > 0:
        return QSize(width, height)
    return None


def _place(saved: dict) -> QRect | None:
    size = _size(saved)
    x, y = saved.get("x"), saved.get("y")
    if size is None or not isinstance(x, int) or not isinstance(y, int):
        return None
    return QRect(QPoint(x, y), size)
