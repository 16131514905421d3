"""技术信息: the technical names behind plain words (the bundle's format, its check files,
the signature's algorithm, the whole fingerprint), folded away until asked for. The
names themselves are not translated: they are what an IT person looks up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from desktop_app.gui import labels


class TechnicalInfo(QWidget):
    """A closed fold: a button that opens it, then lines of (label, technical value)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("technicalInfo")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.toggle = QToolButton()
        self.toggle.setObjectName("technicalToggle")
        self.toggle.setText(self.tr("Technical information"))
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.toggled.connect(self._toggled)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.body = QLabel()
        self.body.setObjectName("technicalBody")
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.body.setStyleSheet("color: #555; margin-left: 18px;")
        self.body.setVisible(False)
        layout.addWidget(self.body)

    def set_lines(self, lines: list[tuple[str, str]]) -> None:
        self.body.setText("\n".join(label + labels.colon() + value for label, value in lines))

    def text(self) -> str:
        return self.body.text()

    def _toggled(self, shown: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.body.setVisible(shown)
