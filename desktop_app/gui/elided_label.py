"""One line of text that ends in "…" where it has too little room, the whole text in its
tooltip: a label that would otherwise be cut off mid-character."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """One line of text elided to the room it gets; the whole text in the tooltip."""

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(text, parent)
        self.full_text = text
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setToolTip(text)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(60)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self.setText(text)
        self._elide()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        if width <= 0:
            return
        elided = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, width)
        if elided != self.text():
            self.setText(elided)
