"""A list of composition warnings: message, people, rule source."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop_app.domain.composition import Warning
from desktop_app.gui import labels


def warning_text(warning: Warning) -> str:
    people = "、".join(warning.people)
    text = warning.message
    if people:
        text += f" — {people}"
    return text


class WarningsView(QWidget):
    """Warnings inform, they never block: shown with the rule's source for the host."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.list = QListWidget()
        self.list.setObjectName("warningsList")
        self.list.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)

    def set_warnings(self, warnings: list[Warning]) -> None:
        self.list.clear()
        if warnings:
            self.heading.setText(
                self.tr(
                    "Composition and eligibility: %n warning(s) (they inform, they do not block)",
                    "",
                    len(warnings),
                )
            )
        else:
            self.heading.setText(self.tr("Composition and eligibility: no warnings"))
        for warning in warnings:
            source = warning.source_label or warning.source
            cited = self.tr("Source: %1").replace("%1", source)
            item = QListWidgetItem(f"⚠ {warning_text(warning)}\n    {cited}")
            item.setToolTip(labels.rule_name(warning.rule))  # by its name, never its key
            self.list.addItem(item)

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]
