"""The overview: the studio's profile, its people at a glance, its preset and warnings.

Later capabilities (activities, funds, plans) add their summaries here."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.vocab import Role
from desktop_app.gui import bus as topics
from desktop_app.gui import labels
from desktop_app.gui.pages.base import Page
from desktop_app.gui.warnings_view import WarningsView
from desktop_app.services.presets import all_presets


class OverviewPage(Page):
    page_id = "overview"
    topics = frozenset({topics.MEMBERS, topics.STUDIO, topics.SETTINGS})
    open_page = Signal(str)

    def __init__(self, services, bus, parent: QWidget | None = None):
        super().__init__(services, bus, parent)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("overviewHeading")
        layout.addWidget(self.heading)
        row = QHBoxLayout()
        profile_box = QGroupBox(self.tr("Studio"))
        self.profile = QFormLayout(profile_box)
        people_box = QGroupBox(self.tr("People"))
        people_layout = QVBoxLayout(people_box)
        self.people = QLabel()
        self.people.setWordWrap(True)
        people_layout.addWidget(self.people)
        to_members = QPushButton(self.tr("Open the roster"))
        to_members.clicked.connect(lambda: self.open_page.emit("members"))
        people_layout.addWidget(to_members)
        people_layout.addStretch(1)
        row.addWidget(profile_box, 3)
        row.addWidget(people_box, 2)
        layout.addLayout(row)
        self.warnings = WarningsView()
        layout.addWidget(self.warnings, 1)
        later = QLabel(
            self.tr(
                "Activities, attendance, funds, plans and assessments will be summarised here once those pages exist."
            )
        )
        later.setWordWrap(True)
        later.setStyleSheet("color: #666;")
        layout.addWidget(later)
        self.refresh()

    def refresh(self) -> None:
        studio = self.services.studio.get()
        preset = all_presets()[studio.preset_id]
        self.heading.setText(f"<h2>{studio.name}</h2>")
        while self.profile.rowCount():
            self.profile.removeRow(0)
        rows = (
            (self.tr("Level"), labels.studio_level(studio.level)),
            (self.tr("Type"), labels.studio_type(studio.studio_type)),
            (self.tr("Host school"), studio.host_school or "—"),
            (self.tr("District"), studio.district or "—"),
            (
                self.tr("Build cycle"),
                self.tr("%1 (%2 school years)")
                .replace("%1", studio.cycle.label)
                .replace("%2", str(studio.cycle.length)),
            ),
            (self.tr("Policy preset"), f"{preset.name}（{preset.issuer}）"),
        )
        for label, value in rows:
            text = QLabel(value)
            text.setWordWrap(True)
            self.profile.addRow(label, text)
        roster = self.services.members.roster()
        current = [r for r in roster if r.is_current]
        counts = Counter(r.role for r in current)
        parts = [
            f"{labels.role(role.code)}：{counts[role.code]}" for role in Role if counts[role.code]
        ]
        self.people.setText(
            self.tr("%1 current, %2 left")
            .replace("%1", str(len(current)))
            .replace("%2", str(len(roster) - len(current)))
            + "<br>"
            + "<br>".join(parts)
        )
        self.warnings.set_warnings(self.services.members.warnings())
