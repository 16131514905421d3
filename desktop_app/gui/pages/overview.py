"""The overview: the studio's profile, its people at a glance, who is at risk of or over
the attendance line, this year's funds (income, spending, balance, categories over
budget), its preset and warnings.

Later capabilities (plans, assessment) add their summaries here."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.attendance import FlagState
from desktop_app.domain.money import format_fen
from desktop_app.domain.vocab import Role
from desktop_app.gui import bus as topics
from desktop_app.gui import labels
from desktop_app.gui.badges import Badge
from desktop_app.gui.pages.base import Page
from desktop_app.gui.pages.member_detail import describe_rules, fraction_text
from desktop_app.gui.warnings_view import WarningsView
from desktop_app.services.presets import all_presets


class OverviewPage(Page):
    page_id = "overview"
    topics = frozenset(
        {topics.MEMBERS, topics.STUDIO, topics.SETTINGS, topics.ATTENDANCE, topics.LEDGER}
    )
    open_page = Signal(str)
    open_member = Signal(int)  # membership id: a name in the attendance box was clicked

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
        row.addWidget(self._build_attendance_box(), 3)
        row.addWidget(self._build_funds_box(), 2)
        layout.addLayout(row)
        self.warnings = WarningsView()
        layout.addWidget(self.warnings, 1)
        later = QLabel(
            self.tr("Plans and assessments will be summarised here once those pages exist.")
        )
        later.setWordWrap(True)
        later.setStyleSheet("color: #666;")
        layout.addWidget(later)
        self.refresh()

    def _build_attendance_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Attendance"))
        box.setObjectName("attendanceBox")
        layout = QVBoxLayout(box)
        self.attendance_summary = QLabel()
        self.attendance_summary.setObjectName("attendanceSummary")
        self.attendance_summary.setWordWrap(True)
        layout.addWidget(self.attendance_summary)
        self.flagged_grid = QGridLayout()
        self.flagged_grid.setColumnStretch(2, 1)
        layout.addLayout(self.flagged_grid)
        self.attendance_rules = QLabel()
        self.attendance_rules.setWordWrap(True)
        self.attendance_rules.setStyleSheet("color: #666;")
        layout.addWidget(self.attendance_rules)
        layout.addStretch(1)
        self.flagged_badges: dict[int, Badge] = {}  # membership id → its badge, as shown
        return box

    def _build_funds_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Funds"))
        box.setObjectName("fundsBox")
        layout = QVBoxLayout(box)
        self.funds_year = QLabel()
        self.funds_year.setObjectName("fundsYear")
        layout.addWidget(self.funds_year)
        figures = QFormLayout()
        figures.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.funds_income = QLabel()
        self.funds_spent = QLabel()
        self.funds_balance = QLabel()
        for label in (self.funds_income, self.funds_spent, self.funds_balance):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.funds_balance.setObjectName("fundsBalance")
        figures.addRow(self.tr("Income"), self.funds_income)
        figures.addRow(self.tr("Spent"), self.funds_spent)
        figures.addRow(self.tr("Balance"), self.funds_balance)
        layout.addLayout(figures)
        self.funds_over = QLabel()
        self.funds_over.setObjectName("fundsOverBudget")
        self.funds_over.setWordWrap(True)
        layout.addWidget(self.funds_over)
        to_funds = QPushButton(self.tr("Open the ledger"))
        to_funds.clicked.connect(self._open_funds)
        layout.addWidget(to_funds)
        layout.addStretch(1)
        return box

    def _open_funds(self, *_args) -> None:
        self.open_page.emit("funds")

    def _show_funds(self) -> None:
        ledger = self.services.ledger
        summary = ledger.summary(ledger.fiscal_year_of(ledger.today()).start_year)
        self.funds_year.setText(
            self.tr("This year: %1").replace("%1", f"<b>{summary.year.label}</b>")
        )
        self.funds_income.setText(format_fen(summary.income_fen))
        self.funds_spent.setText(format_fen(summary.expense_fen))
        self.funds_balance.setText(format_fen(summary.balance_fen))
        self.funds_balance.setStyleSheet(
            "color: #b00020; font-weight: bold;"
            if summary.balance_fen < 0
            else "font-weight: bold;"
        )
        over = [
            (name, -remaining)
            for name in summary.budgets
            if (remaining := summary.remaining(name)) is not None and remaining < 0
        ]
        if over:
            self.funds_over.setStyleSheet("color: #b00020;")
            self.funds_over.setText(
                self.tr("Over budget: %1").replace(
                    "%1",
                    labels.comma().join(
                        self.tr("%1 by %2").replace("%1", name).replace("%2", format_fen(fen))
                        for name, fen in over
                    ),
                )
            )
        elif summary.budgets:
            self.funds_over.setStyleSheet("color: #666;")
            self.funds_over.setText(self.tr("No category is over its budget."))
        else:
            self.funds_over.setStyleSheet("color: #666;")
            self.funds_over.setText(self.tr("No budgets set for this year."))

    def over_budget_text(self) -> str:
        return self.funds_over.text()

    def _show_attendance(self) -> None:
        while self.flagged_grid.count():
            item = self.flagged_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        self.flagged_badges = {}
        self._flagged_shown: list[tuple[str, Badge]] = []
        flags = self.services.attendance.flags()
        over = [f for f in flags if f.state == FlagState.OVER]
        at_risk = [f for f in flags if f.state == FlagState.AT_RISK]
        if not over and not at_risk:
            if any(f.tally.expected for f in flags):
                self.attendance_summary.setText(self.tr("No member is at risk."))
            else:
                self.attendance_summary.setText(
                    self.tr("No member is at risk. No attendance has been taken yet.")
                )
        else:
            self.attendance_summary.setText(
                self.tr("Over the line: %1 · At risk: %2")
                .replace("%1", str(len(over)))
                .replace("%2", str(len(at_risk)))
            )
        worst_first = sorted(
            over + at_risk,
            key=lambda f: (-f.state.severity, -(f.tally.ratio or 0), f.name),
        )
        for row, flag in enumerate(worst_first):
            name = QLabel(f'<a href="{flag.membership_id}">{flag.name}</a>')
            name.setObjectName("flaggedName")
            name.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
            name.linkActivated.connect(lambda link: self.open_member.emit(int(link)))
            name.setToolTip(self.tr("Open this member's file"))
            badge = Badge()
            badge.set_tally(flag.tally)
            self.flagged_grid.addWidget(name, row, 0)
            self.flagged_grid.addWidget(badge, row, 1, Qt.AlignmentFlag.AlignLeft)
            self.flagged_badges[flag.membership_id] = badge
            self._flagged_shown.append((flag.name, badge))
        rules = self.services.attendance.rules()
        self.attendance_rules.setText(
            self.tr("Absence line %1: %2")
            .replace("%1", fraction_text(rules.line))
            .replace("%2", describe_rules(rules))
        )

    def flagged(self) -> list[tuple[str, str]]:
        """The attendance box's members as shown: (name, badge text), worst first."""
        return [(name, badge.text()) for name, badge in self._flagged_shown]

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
        self._show_attendance()
        self._show_funds()
