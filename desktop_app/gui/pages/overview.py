"""The overview: the current school year at a glance, as tiles — activities held against
planned, attendance and who is at risk of or over the line, yearly duties done, money
spent against the grant, the annual plan's tasks and their next due dates, and the latest
assessment — under the studio's compact profile and people, with the composition
warnings below. Each tile opens the page behind it: clicked anywhere, or by its "Open …"
button from the keyboard."""

from __future__ import annotations

import html
from collections import Counter
from fractions import Fraction

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCursor, QFont, QTextDocumentFragment
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import changes as topics
from desktop_app.domain import messages
from desktop_app.domain.attendance import FlagState
from desktop_app.domain.evidence_rules import percent
from desktop_app.domain.money import format_fen
from desktop_app.domain.vocab import ActivityKind, AssessmentKind, Grade, Role
from desktop_app.domain.year_summary import YearFacts
from desktop_app.gui import labels
from desktop_app.gui.badges import Badge
from desktop_app.gui.charts import (
    DONE_COLOUR,
    OVER_BUDGET_COLOUR,
    SPENDING_COLOUR,
    BarListChart,
    CountBar,
    MeterBar,
    RingChart,
)
from desktop_app.gui.dialogs.assessment_dialogs import grade_or_unscored
from desktop_app.gui.elided_label import ElidedLabel
from desktop_app.gui.pages.base import Page
from desktop_app.gui.pages.member_detail import describe_rules, line_sentence
from desktop_app.gui.warnings_view import WarningsView
from desktop_app.services.presets import all_presets

RED = "#b00020"
MUTED = "color: #666666;"
FLAGGED_SHOWN = 5  # names in the attendance tile; the rest are counted
TILE_STYLE = """
QFrame#overviewTile {
    background: white;
    border: 1px solid #d9dee5;
    border-radius: 8px;
}
QFrame#overviewTile:hover {
    border: 1px solid #2f6fb3;
}
QPushButton#tileOpen {
    border: 1px solid transparent;
    border-radius: 4px;
    background: transparent;
    color: #2f6fb3;
    padding: 1px 4px;
}
QPushButton#tileOpen:hover {
    text-decoration: underline;
}
QPushButton#tileOpen:focus {
    border: 1px solid #2f6fb3;
}
"""


def plain(text: str) -> str:
    """A label's text as the user reads it (rich text without its markup)."""
    if "<" in text:
        return QTextDocumentFragment.fromHtml(text).toPlainText()
    return html.unescape(text)


def big(text: str) -> str:
    return f'<span style="font-size: 20pt; font-weight: bold;">{html.escape(text)}</span>'


class Tile(QFrame):
    """A box of the overview: a title, an "Open …" button and a body. A left click
    anywhere on it (outside the links and buttons inside it) opens ``page_id``."""

    opened = Signal(str)

    def __init__(self, key: str, page_id: str, title: str, open_text: str, parent=None):
        super().__init__(parent)
        self.key = key
        self.page_id = page_id
        self.setObjectName("overviewTile")
        self.setProperty("tile", key)
        self.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(6)
        head = QHBoxLayout()
        self.title = QLabel(title)
        self.title.setObjectName("tileTitle")
        font = QFont(self.title.font())
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() + 1)
        self.title.setFont(font)
        head.addWidget(self.title)
        head.addStretch(1)
        self.open_button = QPushButton(open_text)
        self.open_button.setObjectName("tileOpen")
        self.open_button.setAutoDefault(False)
        self.open_button.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        self.open_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.open_button.clicked.connect(self.open)
        head.addWidget(self.open_button)
        layout.addLayout(head)
        self.body = QVBoxLayout()
        self.body.setSpacing(6)
        layout.addLayout(self.body)
        layout.addStretch(1)

    def open(self, *_args) -> None:
        self.opened.emit(self.page_id)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            self.open()
            return
        super().mousePressEvent(event)

    def plain_text(self) -> str:
        """Every label the tile shows, as plain text, one a line (for tests and
        accessibility checks)."""
        texts = [ring.text() for ring in self.findChildren(RingChart) if ring.isVisibleTo(self)]
        texts += [
            plain(label.text())
            for label in self.findChildren(QLabel)
            if label.isVisibleTo(self) and label.text()
        ]
        return "\n".join(texts)


class NameLink(QLabel):
    """A member's name linking to their file. It keeps its clicks: a click on the name
    opens the member, not the tile around it."""

    def mousePressEvent(self, event) -> None:
        super().mousePressEvent(event)
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        event.accept()


def muted(text: str = "", word_wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(MUTED)
    label.setWordWrap(word_wrap)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


class OverviewPage(Page):
    page_id = "overview"
    topics = frozenset(
        {
            topics.MEMBERS,
            topics.STUDIO,
            topics.SETTINGS,
            topics.ATTENDANCE,
            topics.LEDGER,
            topics.ACTIVITIES,
            topics.GROWTH,
            topics.PLANS,
            topics.ASSESSMENTS,
        }
    )
    open_page = Signal(str)
    open_member = Signal(int)  # membership id: a name in the attendance tile was clicked

    def __init__(self, services, bus, parent: QWidget | None = None):
        super().__init__(services, bus, parent)
        self.setStyleSheet(TILE_STYLE)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        content = QWidget()
        content.setObjectName("overviewContent")
        scroll.setWidget(content)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(10)
        layout.addLayout(self._build_header())

        self.tiles: dict[str, Tile] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        builders = (
            ("activities", "activities", self.tr("Activities"), self.tr("Open activities")),
            ("attendance", "activities", self.tr("Attendance"), self.tr("Open attendance")),
            ("duties", "plans", self.tr("Yearly duties"), self.tr("Open duties")),
            ("funds", "funds", self.tr("Funds"), self.tr("Open the ledger")),
            ("tasks", "plans", self.tr("Tasks"), self.tr("Open tasks")),
            ("assessment", "assessment", self.tr("Assessment"), self.tr("Open assessments")),
        )
        for index, (key, page_id, title, open_text) in enumerate(builders):
            tile = Tile(key, page_id, title, open_text)
            tile.opened.connect(self.open_page.emit)
            getattr(self, f"_build_{key}")(tile)
            self.tiles[key] = tile
            grid.addWidget(tile, index // 3, index % 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid)

        self.warnings = WarningsView()
        self.warnings.list.setMaximumHeight(96)
        layout.addWidget(self.warnings)
        layout.addStretch(1)
        self.refresh()

    # --- the header: the studio, its year, its people ---

    def _build_header(self) -> QVBoxLayout:
        header = QVBoxLayout()
        header.setSpacing(2)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("overviewHeading")
        top.addWidget(self.heading)
        self.year_title = QLabel()
        self.year_title.setObjectName("overviewYear")
        self.year_title.setStyleSheet(
            "color: #2f6fb3; font-size: 13pt; font-weight: bold; padding-left: 12px;"
        )
        top.addWidget(self.year_title, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        header.addLayout(top)
        self.profile = muted()
        self.profile.setObjectName("overviewProfile")
        header.addWidget(self.profile)
        people_row = QHBoxLayout()
        self.people = QLabel()
        self.people.setObjectName("overviewPeople")
        self.people.setWordWrap(True)
        people_row.addWidget(self.people, 1)
        to_members = QPushButton(self.tr("Open the roster"))
        to_members.setObjectName("tileOpen")
        to_members.setAutoDefault(False)
        to_members.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        to_members.clicked.connect(lambda: self.open_page.emit("members"))
        people_row.addWidget(to_members, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addLayout(people_row)
        return header

    def _show_header(self, facts: YearFacts) -> None:
        studio = self.services.studio.get()
        preset = all_presets()[studio.preset_id]
        self.heading.setText(f"<h2>{html.escape(studio.name)}</h2>")
        self.year_title.setText(self.tr("%1 school year").replace("%1", facts.school_year.label))
        cycle = (
            self.tr("Build cycle")
            + labels.colon()
            + self.tr("%1 (%2 school years)")
            .replace("%1", studio.cycle.label)
            .replace("%2", str(studio.cycle.length))
        )
        parts = [
            labels.studio_level(studio.level),
            labels.studio_type(studio.studio_type),
            studio.host_school or "",
            studio.district or "",
            cycle,
            self.tr("Policy preset") + labels.colon() + preset.title,
        ]
        self.profile.setText(" · ".join(p for p in parts if p))
        roster = self.services.members.roster()
        current = [r for r in roster if r.is_current]
        counts = Counter(r.role for r in current)
        roles = labels.comma().join(
            f"{labels.role(role.code)} {counts[role.code]}" for role in Role if counts[role.code]
        )
        text = (
            self.tr("%1 current, %2 left")
            .replace("%1", f"<b>{len(current)}</b>")
            .replace("%2", str(len(roster) - len(current)))
        )
        self.people.setText(text + (f" · {html.escape(roles)}" if roles else ""))

    # --- activities ---

    def _build_activities(self, tile: Tile) -> None:
        self.activities_figure = QLabel()
        self.activities_figure.setObjectName("activitiesFigure")
        self.activities_figure.setWordWrap(True)
        tile.body.addWidget(self.activities_figure)
        self.activities_note = muted()
        self.activities_note.setObjectName("activitiesNote")
        tile.body.addWidget(self.activities_note)
        self.activity_chart = BarListChart()
        self.activity_chart.setObjectName("activityKindChart")
        tile.body.addWidget(self.activity_chart)

    def _show_activities(self, facts: YearFacts) -> None:
        held, planned = facts.activities_held, facts.activities_planned
        self.activities_figure.setText(
            big(str(held)) + " " + self.tr("held of %1 planned").replace("%1", f"<b>{planned}</b>")
        )
        coming = planned - held
        if not planned:
            self.activities_note.setText(self.tr("None yet: no activity in this school year."))
        elif coming:
            self.activities_note.setText(self.tr("%n still to come.", "", coming))
        else:
            self.activities_note.setText(self.tr("Nothing more is scheduled yet."))
        bars = [
            CountBar(labels.activity_kind(kind.code), facts.activities_by_kind[kind.code])
            for kind in ActivityKind
            if facts.activities_by_kind.get(kind.code)
        ]
        known = {kind.code for kind in ActivityKind}
        bars += [
            CountBar(labels.activity_kind(code), count)
            for code, count in facts.activities_by_kind.items()
            if code not in known and count
        ]
        self.activity_chart.set_bars(bars)
        self.activity_chart.setVisible(bool(bars))

    # --- attendance ---

    def _build_attendance(self, tile: Tile) -> None:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.attendance_ring = RingChart()
        self.attendance_ring.setObjectName("attendanceRing")
        row.addWidget(self.attendance_ring, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(4)
        self.attendance_figure = QLabel()
        self.attendance_figure.setObjectName("attendanceFigure")
        self.attendance_figure.setWordWrap(True)
        column.addWidget(self.attendance_figure)
        self.attendance_summary = QLabel()
        self.attendance_summary.setObjectName("attendanceSummary")
        self.attendance_summary.setWordWrap(True)
        column.addWidget(self.attendance_summary)
        column.addStretch(1)
        row.addLayout(column, 1)
        tile.body.addLayout(row)
        self.flagged_grid = QGridLayout()
        self.flagged_grid.setColumnStretch(2, 1)
        self.flagged_grid.setVerticalSpacing(3)
        tile.body.addLayout(self.flagged_grid)
        self.flagged_more = muted()
        self.flagged_more.setObjectName("flaggedMore")
        tile.body.addWidget(self.flagged_more)
        self.attendance_rules = muted()
        tile.body.addWidget(self.attendance_rules)
        self.flagged_badges: dict[int, Badge] = {}  # membership id → its badge, as shown
        self._flagged_shown: list[tuple[str, Badge]] = []

    def _show_attendance(self, facts: YearFacts) -> None:
        rate = facts.attendance_rate
        if rate is None:
            self.attendance_ring.set_share(None, "—")
            self.attendance_figure.setText(
                self.tr("None yet: no attendance taken in this school year.")
            )
        else:
            if rate >= Fraction(9, 10):
                colour = DONE_COLOUR
            elif rate >= Fraction(2, 3):
                colour = SPENDING_COLOUR
            else:
                colour = OVER_BUDGET_COLOUR
            self.attendance_ring.set_share(
                rate,
                percent(rate),
                colour,
                self.tr("Attendance rate %1").replace("%1", percent(rate)),
            )
            self.attendance_figure.setText(
                self.tr("%1 attended of %2 expected at held sessions")
                .replace("%1", f"<b>{facts.attended}</b>")
                .replace("%2", f"<b>{facts.expected}</b>")
            )
        clear_layout(self.flagged_grid)
        self.flagged_badges = {}
        self._flagged_shown = []
        flags = self.services.attendance.flags()
        rules = self.services.attendance.rules()
        over = [f for f in flags if f.state == FlagState.OVER]
        at_risk = [f for f in flags if f.state == FlagState.AT_RISK]
        pending = sum(f.state == FlagState.NOT_JUDGED for f in flags)
        if rules.line is None:
            self.attendance_summary.setText(messages.text("no_line"))
            self.attendance_summary.setStyleSheet(MUTED)
        elif not over and not at_risk:
            if any(f.tally.expected for f in flags):
                text = self.tr("No member is at risk.")
            else:
                text = self.tr("No member is at risk. No attendance has been taken yet.")
            if pending:
                text = labels.sentences(
                    text,
                    self.tr("Not judged yet (fewer than %1 sessions): %2.")
                    .replace("%1", str(rules.min_sessions))
                    .replace("%2", str(pending)),
                )
            self.attendance_summary.setText(text)
            self.attendance_summary.setStyleSheet(MUTED)
        else:
            self.attendance_summary.setText(
                self.tr("Over the line: %1 · At risk: %2")
                .replace("%1", str(len(over)))
                .replace("%2", str(len(at_risk)))
            )
            self.attendance_summary.setStyleSheet(f"color: {RED};" if over else "")
        worst_first = sorted(
            over + at_risk,
            key=lambda f: (-f.state.severity, -(f.tally.ratio or 0), f.name),
        )
        for row, flag in enumerate(worst_first[:FLAGGED_SHOWN]):
            name = NameLink(f'<a href="{flag.membership_id}">{html.escape(flag.name)}</a>')
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
        hidden = len(worst_first) - FLAGGED_SHOWN
        self.flagged_more.setVisible(hidden > 0)
        self.flagged_more.setText(self.tr("and %n more", "", max(hidden, 0)))
        self.attendance_rules.setVisible(rules.line is not None)
        if rules.line is not None:
            self.attendance_rules.setText(
                labels.sentences(line_sentence(rules), describe_rules(rules))
            )

    def flagged(self) -> list[tuple[str, str]]:
        """The attendance tile's members as shown: (name, badge text), worst first."""
        return [(name, badge.text()) for name, badge in self._flagged_shown]

    # --- yearly duties ---

    def _build_duties(self, tile: Tile) -> None:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.duties_ring = RingChart()
        self.duties_ring.setObjectName("dutiesRing")
        row.addWidget(self.duties_ring, 0, Qt.AlignmentFlag.AlignTop)
        self.duties_figure = QLabel()
        self.duties_figure.setObjectName("dutiesFigure")
        self.duties_figure.setWordWrap(True)
        row.addWidget(self.duties_figure, 1)
        tile.body.addLayout(row)
        self.duties_chart = BarListChart(colour=DONE_COLOUR)
        self.duties_chart.setObjectName("dutiesChart")
        tile.body.addWidget(self.duties_chart)
        self.duties_note = muted()
        self.duties_note.setObjectName("dutiesNote")
        tile.body.addWidget(self.duties_note)

    def _show_duties(self, facts: YearFacts) -> None:
        applies = bool(facts.duties_by_kind)
        done, total = facts.duties_done, facts.duties_total
        shown = applies and total > 0
        self.duties_ring.setVisible(shown)
        self.duties_figure.setVisible(shown)
        self.duties_chart.setVisible(shown)
        if not applies:
            self.duties_note.setText(self.tr("This studio's policy preset sets no yearly duties."))
            return
        if not total:
            self.duties_note.setText(
                self.tr("None yet: no confirmed member has duties in this school year.")
            )
            return
        share = Fraction(done, total)
        self.duties_ring.set_share(share, percent(share))
        self.duties_figure.setText(
            big(str(done))
            + " "
            + self.tr("of %1 duties done").replace("%1", f"<b>{total}</b>")
            + "<br>"
            + (
                f'<span style="color: {RED};">'
                + self.tr("%1 still missing").replace("%1", str(total - done))
                + "</span>"
                if done < total
                else self.tr("All done.")
            )
        )
        self.duties_chart.set_bars(
            [
                CountBar(labels.record_kind(kind), kind_done, kind_total)
                for kind, (kind_done, kind_total) in facts.duties_by_kind.items()
                if kind_total
            ]
        )
        self.duties_note.setText(self.tr("Done when the growth file has the record."))

    # --- funds ---

    def _build_funds(self, tile: Tile) -> None:
        self.funds_figure = QLabel()
        self.funds_figure.setObjectName("fundsFigure")
        self.funds_figure.setWordWrap(True)
        tile.body.addWidget(self.funds_figure)
        self.funds_meter = MeterBar()
        self.funds_meter.setObjectName("fundsMeter")
        tile.body.addWidget(self.funds_meter)
        self.funds_received = muted()
        self.funds_received.setObjectName("fundsReceived")
        tile.body.addWidget(self.funds_received)
        self.funds_chart = BarListChart(colour=SPENDING_COLOUR)
        self.funds_chart.setObjectName("fundsCategoryChart")
        tile.body.addWidget(self.funds_chart)
        # the ledger's own (fiscal) year, where the budgets are: income, spent, balance
        self.funds_year = QLabel()
        self.funds_year.setObjectName("fundsYear")
        self.funds_year.setWordWrap(True)
        tile.body.addWidget(self.funds_year)
        figures = QHBoxLayout()
        figures.setSpacing(4)
        self.funds_income = QLabel()
        self.funds_spent = QLabel()
        self.funds_balance = QLabel()
        self.funds_balance.setObjectName("fundsBalance")
        for caption, label in (
            (self.tr("Income"), self.funds_income),
            (self.tr("Spent"), self.funds_spent),
            (self.tr("Balance"), self.funds_balance),
        ):
            figures.addWidget(muted(caption + labels.colon(), word_wrap=False))
            figures.addWidget(label)
            figures.addSpacing(8)
        figures.addStretch(1)
        tile.body.addLayout(figures)
        self.funds_over = QLabel()
        self.funds_over.setObjectName("fundsOverBudget")
        self.funds_over.setWordWrap(True)
        tile.body.addWidget(self.funds_over)

    def _show_funds(self, facts: YearFacts) -> None:
        spent, income, grant = facts.expense_fen, facts.income_fen, facts.grant_fen
        if grant:
            reference, against = grant, self.tr("spent of %1 granted (%2)")
        elif income:
            reference, against = income, self.tr("spent of %1 received (%2)")
        else:
            reference, against = None, self.tr("spent in this school year")
        share = percent(Fraction(spent, reference)) if reference else ""
        self.funds_figure.setText(
            big(format_fen(spent))
            + " "
            + against.replace("%1", f"<b>{format_fen(reference or 0)}</b>").replace("%2", share)
        )
        self.funds_meter.set_values(
            spent,
            reference,
            self.tr("Spent %1 of %2")
            .replace("%1", format_fen(spent))
            .replace("%2", format_fen(reference or 0)),
        )
        self.funds_meter.setVisible(reference is not None)
        if not spent and not income:
            self.funds_received.setText(
                self.tr("None yet: no money received or spent in this school year.")
            )
        else:
            self.funds_received.setText(
                self.tr("Received in this school year: %1").replace("%1", format_fen(income))
            )
        bars = [
            CountBar(name or self.tr("No category"), fen, text=format_fen(fen))
            for name, fen in sorted(facts.expense_by_category.items(), key=lambda kv: -kv[1])
            if fen
        ]
        self.funds_chart.set_bars(bars)
        self.funds_chart.setVisible(bool(bars))
        self._show_ledger_year()

    def _show_ledger_year(self) -> None:
        ledger = self.services.ledger
        summary = ledger.summary(ledger.fiscal_year_of(ledger.today()).start_year)
        self.funds_year.setText(
            self.tr("The ledger's year %1, with its budgets:").replace(
                "%1", f"<b>{summary.year.label}</b>"
            )
        )
        self.funds_income.setText(format_fen(summary.income_fen))
        self.funds_spent.setText(format_fen(summary.expense_fen))
        self.funds_balance.setText(format_fen(summary.balance_fen))
        self.funds_balance.setStyleSheet(
            f"color: {RED}; font-weight: bold;" if summary.balance_fen < 0 else "font-weight: bold;"
        )
        over = [
            (name, -remaining)
            for name in summary.budgets
            if (remaining := summary.remaining(name)) is not None and remaining < 0
        ]
        if over:
            self.funds_over.setStyleSheet(f"color: {RED};")
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
            self.funds_over.setStyleSheet(MUTED)
            self.funds_over.setText(self.tr("No category is over its budget."))
        else:
            self.funds_over.setStyleSheet(MUTED)
            self.funds_over.setText(self.tr("No budgets set for this year."))

    def over_budget_text(self) -> str:
        return self.funds_over.text()

    # --- tasks ---

    def _build_tasks(self, tile: Tile) -> None:
        self.tasks_figure = QLabel()
        self.tasks_figure.setObjectName("tasksFigure")
        self.tasks_figure.setWordWrap(True)
        tile.body.addWidget(self.tasks_figure)
        self.tasks_meter = MeterBar(colour=DONE_COLOUR)
        self.tasks_meter.setObjectName("tasksMeter")
        tile.body.addWidget(self.tasks_meter)
        self.tasks_overdue = QLabel()
        self.tasks_overdue.setObjectName("tasksOverdue")
        tile.body.addWidget(self.tasks_overdue)
        self.next_due_heading = QLabel("<b>" + self.tr("Next due") + "</b>")
        tile.body.addWidget(self.next_due_heading)
        self.next_due_grid = QGridLayout()
        self.next_due_grid.setHorizontalSpacing(10)
        self.next_due_grid.setVerticalSpacing(3)
        self.next_due_grid.setColumnStretch(1, 1)
        tile.body.addLayout(self.next_due_grid)
        self.tasks_note = muted()
        self.tasks_note.setObjectName("tasksNote")
        tile.body.addWidget(self.tasks_note)

    def _show_tasks(self, facts: YearFacts) -> None:
        clear_layout(self.next_due_grid)
        self._next_due_shown: list[tuple[str, str]] = []
        total, done = facts.tasks_total, facts.tasks_done
        has_tasks = total > 0
        for widget in (self.tasks_figure, self.tasks_meter, self.tasks_overdue):
            widget.setVisible(has_tasks)
        self.next_due_heading.setVisible(bool(facts.next_due))
        if not has_tasks:
            if self.services.plans.annual_plan(facts.school_year) is None:
                self.tasks_note.setText(self.tr("None yet: no annual plan for this school year."))
            else:
                self.tasks_note.setText(self.tr("None yet: the annual plan has no tasks."))
            return
        self.tasks_figure.setText(
            big(str(done))
            + " "
            + self.tr("of %1 done, %2 open")
            .replace("%1", f"<b>{total}</b>")
            .replace("%2", f"<b>{facts.tasks_open}</b>")
        )
        self.tasks_meter.set_values(
            done, total, self.tr("%1 of %2 done").replace("%1", str(done)).replace("%2", str(total))
        )
        if facts.overdue:
            self.tasks_overdue.setText(self.tr("%n overdue", "", facts.overdue))
            self.tasks_overdue.setStyleSheet(f"color: {RED}; font-weight: bold;")
        else:
            self.tasks_overdue.setText(self.tr("Nothing overdue."))
            self.tasks_overdue.setStyleSheet(MUTED)
        today = facts.today
        for row, task in enumerate(facts.next_due):
            late = task.due_on < today
            date = QLabel(task.due_on.isoformat())
            date.setObjectName("dueDate")
            date.setStyleSheet(f"color: {RED}; font-weight: bold;" if late else "")
            if late:
                date.setToolTip(self.tr("Overdue"))
            title = ElidedLabel(task.title)  # cut with "…", never mid-character
            title.setObjectName("dueTitle")
            owner = muted(task.owner or "", word_wrap=False)
            owner.setObjectName("dueOwner")
            self.next_due_grid.addWidget(date, row, 0)
            self.next_due_grid.addWidget(title, row, 1)
            self.next_due_grid.addWidget(owner, row, 2)
            self._next_due_shown.append((task.due_on.isoformat(), task.title))
        if facts.tasks_open == 0:
            self.tasks_note.setText(self.tr("Every task is done."))
        elif not facts.next_due:
            self.tasks_note.setText(self.tr("No open task has a due date."))
        else:
            self.tasks_note.setText("")
        self.tasks_note.setVisible(bool(self.tasks_note.text()))

    def next_due(self) -> list[tuple[str, str]]:
        """The tasks tile's next due dates as shown: (yyyy-mm-dd, title), soonest first."""
        return list(getattr(self, "_next_due_shown", []))

    # --- assessment ---

    def _build_assessment(self, tile: Tile) -> None:
        self.assessment_title = QLabel()
        self.assessment_title.setObjectName("assessmentTitle")
        self.assessment_title.setWordWrap(True)
        tile.body.addWidget(self.assessment_title)
        self.assessment_meta = muted()
        self.assessment_meta.setObjectName("assessmentMeta")
        tile.body.addWidget(self.assessment_meta)
        self.assessment_figure = QLabel()
        self.assessment_figure.setObjectName("assessmentFigure")
        self.assessment_figure.setWordWrap(True)
        tile.body.addWidget(self.assessment_figure)
        self.assessment_meter = MeterBar(colour=DONE_COLOUR)
        self.assessment_meter.setObjectName("assessmentMeter")
        tile.body.addWidget(self.assessment_meter)
        self.assessment_note = muted()
        self.assessment_note.setObjectName("assessmentNote")
        tile.body.addWidget(self.assessment_note)

    def _kind_word(self, code: str) -> str:
        return {
            AssessmentKind.MIDTERM.code: self.tr("Mid-term assessment"),
            AssessmentKind.FINAL.code: self.tr("Final assessment"),
            AssessmentKind.ANNUAL.code: self.tr("Annual assessment"),
            AssessmentKind.MEMBER.code: self.tr("Member assessment"),
        }.get(code, code)

    def _grade_word(self, grade: Grade) -> str:
        return {
            Grade.EXCELLENT: self.tr("Excellent"),
            Grade.PASS: self.tr("Pass"),
            Grade.FAIL: self.tr("Fail"),
        }.get(grade, str(grade))

    def _show_assessment(self) -> None:
        headers = self.services.assessments.list()
        shown = bool(headers)
        for widget in (
            self.assessment_title,
            self.assessment_meta,
            self.assessment_figure,
            self.assessment_meter,
        ):
            widget.setVisible(shown)
        if not headers:
            self.assessment_note.setText(self.tr("None yet: no assessment has been started."))
            return
        latest = headers[0]
        self.assessment_title.setText(f"<b>{html.escape(latest.title)}</b>")
        status = self.tr("Submitted") if latest.locked else self.tr("Draft")
        meta = [status, self._kind_word(latest.kind), latest.template_title]
        if latest.member_name:
            meta.insert(1, latest.member_name)
        self.assessment_meta.setText(" · ".join(meta))
        if latest.grade is None:  # no grade until every indicator is scored
            grade = grade_or_unscored(None, latest.scored, latest.leaves)
            grade_colour = "#888888"
        else:
            grade = self._grade_word(latest.grade)
            grade_colour = RED if latest.grade == Grade.FAIL else "#1e6b35"
        self.assessment_figure.setText(
            big(latest.total_text)
            + " "
            + self.tr("of %1 points").replace("%1", str(latest.max_points))
            + f'　<span style="color: {grade_colour}; font-weight: bold;">{grade}</span>'
        )
        self.assessment_meter.set_values(
            latest.total_tenths,
            latest.max_points * 10,
            self.tr("%1 of %2 points")
            .replace("%1", latest.total_text)
            .replace("%2", str(latest.max_points)),
        )
        notes = []
        if len(headers) > 1:
            notes.append(self.tr("%n assessment(s) in all.", "", len(headers)))
        self.assessment_note.setText(labels.sentences(*notes))

    # --- all of it ---

    def refresh(self) -> None:
        year = self.services.year_facts.current_year()
        facts = self.services.year_facts.facts(year)
        self._show_header(facts)
        self._show_activities(facts)
        self._show_attendance(facts)
        self._show_duties(facts)
        self._show_funds(facts)
        self._show_tasks(facts)
        self._show_assessment()
        self.warnings.set_warnings(self.services.members.warnings())

    def tile_text(self, key: str) -> str:
        """What a tile shows, as plain text (see ``Tile.plain_text``)."""
        return self.tiles[key].plain_text()
