"""One member's file: who they are, their growth records with evidence, their development
plan per school year, the warnings that name them and the history of every change."""

from __future__ import annotations

from fractions import Fraction
from html import escape

from PySide6.QtCore import (
    QCoreApplication,
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QFont, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import changes as topics
from desktop_app.domain import messages
from desktop_app.domain.attendance import WINDOW_SCHOOL_YEAR, AttendanceRules, FlagState, Tally
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.roles import Capability
from desktop_app.domain.school_year import SchoolYear, school_years_served
from desktop_app.domain.vocab import RecordKind
from desktop_app.gui import ask, labels
from desktop_app.gui.badges import Badge, background, foreground, not_judged_words
from desktop_app.gui.dialogs.end_membership_dialog import ABSENCE_REASON, EndMembershipDialog
from desktop_app.gui.dialogs.member_dialog import MemberDialog
from desktop_app.gui.dialogs.record_dialog import RecordDialog
from desktop_app.gui.hours_view import TrainingHoursView
from desktop_app.gui.models.flags import FlagEventsModel
from desktop_app.gui.models.growth_records import RECORD_COLUMNS, RecordsFilter, RecordsModel
from desktop_app.gui.models.history import HistoryLine, HistoryModel, history_line
from desktop_app.gui.models.roster import shows_attendance
from desktop_app.gui.models.table import ITEM_ROLE
from desktop_app.gui.pages.base import Page
from desktop_app.gui.permissions import guard_all
from desktop_app.gui.table_sizing import fit_columns
from desktop_app.gui.thumbnails import Thumbnails
from desktop_app.gui.warnings_view import WarningsView
from desktop_app.services.growth import AttachmentInfo, GrowthRecordInfo
from desktop_app.services.members import RosterRow

THUMBNAIL_ROLE = Qt.ItemDataRole.UserRole + 3  # True when the icon is a picture of the file

THUMBNAIL_SIZE = 64
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")


# --- attendance: the words for a tally and for the rules ---


def fraction_text(value: Fraction) -> str:
    """1/3, 4/9, 0 or 1: a ratio reduced, as a person says it."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def explain_tally(t: Tally | None, rules: AttendanceRules) -> str:
    """One sentence on where a member stands against the absence line."""
    if t is None or not t.expected:
        return QCoreApplication.translate(
            "Attendance", "No sessions with attendance taken yet in the counted period."
        )
    if rules.line is None:
        return (
            QCoreApplication.translate(
                "Attendance", "Missed %1 of %2 sessions (%3). This studio has no absence line."
            )
            .replace("%1", str(t.missed))
            .replace("%2", str(t.expected))
            .replace("%3", t.ratio_text)
        )
    line = fraction_text(rules.line)
    if t.state == FlagState.NOT_JUDGED:
        text = QCoreApplication.translate(
            "Attendance", "Missed %1 of %2 sessions (%3): %5. The line is %4."
        ).replace("%5", not_judged_words(t))
    elif t.state == FlagState.OVER:
        if t.ratio == rules.line:
            text = QCoreApplication.translate(
                "Attendance",
                "Missed %1 of %2 sessions (%3): exactly the line of %4, which this studio counts "
                "as over (以上 includes the number itself).",
            )
        else:
            text = QCoreApplication.translate(
                "Attendance", "Missed %1 of %2 sessions (%3): over the line of %4."
            )
    elif t.state == FlagState.AT_RISK:
        text = QCoreApplication.translate(
            "Attendance",
            "Missed %1 of %2 sessions (%3). Missing the next one would cross the line of %4.",
        )
    else:
        text = QCoreApplication.translate(
            "Attendance", "Missed %1 of %2 sessions (%3). The line is %4."
        )
    return (
        text.replace("%1", str(t.missed))
        .replace("%2", str(t.expected))
        .replace("%3", t.ratio_text)
        .replace("%4", line)
    )


def describe_rules(rules: AttendanceRules) -> str:
    """How the ratio is counted, as this studio's settings say."""
    if rules.line is None:
        return messages.text("no_line")
    parts = [
        QCoreApplication.translate("Attendance", "Leave counts as absence")
        if rules.leave_counts_as_absence
        else QCoreApplication.translate("Attendance", "Leave does not count as absence"),
        QCoreApplication.translate("Attendance", "exactly %1 already counts as over")
        if rules.exact_line_counts
        else QCoreApplication.translate("Attendance", "only more than %1 counts as over"),
        QCoreApplication.translate("Attendance", "counted over this school year")
        if rules.window == WINDOW_SCHOOL_YEAR
        else QCoreApplication.translate("Attendance", "counted over the whole build cycle to date"),
    ]
    if rules.min_sessions > 1:
        parts.append(
            QCoreApplication.translate(
                "Attendance", "nobody is judged before being expected at %2 sessions"
            ).replace("%2", str(rules.min_sessions))
        )
    separator = "; " if messages.language() == "en" else "；"
    return separator.join(parts).replace("%1", fraction_text(rules.line)) + (
        "." if messages.language() == "en" else "。"
    )


def line_sentence(rules: AttendanceRules) -> str:
    """'Absence line 1/3 (source: …).', or that the studio has none."""
    if rules.line is None:
        return messages.text("no_line")
    return (
        QCoreApplication.translate("Attendance", "Absence line %1 (source: %2).")
        .replace("%1", fraction_text(rules.line))
        .replace("%2", rules.line_source)
    )


# --- the page ---


def _table(view: QTableView) -> QTableView:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setAlternatingRowColors(True)
    return view


class MemberDetailPage(Page):
    page_id = "member-detail"
    # attendance and settings move the member's attendance state
    # … and activities, whose 学时 the member is credited
    topics = frozenset(
        {
            topics.MEMBERS,
            topics.GROWTH,
            topics.STUDIO,
            topics.ATTENDANCE,
            topics.SETTINGS,
            topics.ACTIVITIES,
        }
    )
    back_requested = Signal()

    def __init__(self, services, bus, parent: QWidget | None = None):
        super().__init__(services, bus, parent)
        self.membership_id: int | None = None
        self.row: RosterRow | None = None
        self._records: list[GrowthRecordInfo] = []
        self._goals: dict[SchoolYear, str] = {}
        self._drafts: dict[SchoolYear, str] = {}  # unsaved goal texts, kept while switching
        self._goal_year: SchoolYear | None = None
        self._thumbnails = Thumbnails(self.services.growth.attachment_path, THUMBNAIL_SIZE, self)
        self.tally: Tally | None = None  # attendance, when it means something for the member

        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.empty_label = QLabel(self.tr("No member selected"))
        self.empty_label.setObjectName("noMemberLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        self.empty_back_button = QPushButton(self.tr("← Back to roster"))
        empty_top = QHBoxLayout()
        empty_top.addWidget(self.empty_back_button)
        empty_top.addStretch(1)
        empty_layout.addLayout(empty_top)
        empty_layout.addWidget(self.empty_label, 1)
        self.stack.addWidget(empty)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(self._build_header())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("memberTabs")
        self.tabs.addTab(self._build_records_tab(), self.tr("Growth records"))
        self.tabs.addTab(self._build_plan_tab(), self.tr("Development plan"))
        self.warnings_index = self.tabs.addTab(self._build_warnings_tab(), self.tr("Warnings"))
        self.attendance_index = self.tabs.addTab(
            self._build_attendance_tab(), self.tr("Attendance")
        )
        self.hours_view = TrainingHoursView()
        self.tabs.addTab(self.hours_view, self.tr("Training hours"))
        self.tabs.addTab(self._build_history_tab(), self.tr("History"))
        layout.addWidget(self.tabs, 1)
        self.stack.addWidget(content)
        self._guard()
        self.refresh()

    # --- building ---

    def _guard(self) -> None:
        """What the signed-in account's role may not do (gui/permissions.py)."""
        guard_all(
            self.services,
            Capability.MEMBERSHIPS,
            self.edit_button,
            self.end_button,
            self.absence_end_button,
        )
        guard_all(
            self.services,
            Capability.GROWTH_RECORDS,
            self.add_record_button,
            self.edit_record_button,
            self.attach_button,
            self.save_goals_button,
        )

    def _build_header(self) -> QVBoxLayout:
        header = QVBoxLayout()
        top = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← Back to roster"))
        self.name_label = QLabel()
        self.name_label.setObjectName("memberName")
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.name_label.setFont(font)
        self.status_label = QLabel()
        self.status_label.setObjectName("memberStatus")
        self.badge = Badge()
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.end_button = QPushButton(self.tr("End membership…"))
        top.addWidget(self.back_button)
        top.addSpacing(12)
        top.addWidget(self.name_label)
        top.addSpacing(8)
        top.addWidget(self.status_label)
        top.addSpacing(8)
        top.addWidget(self.badge)
        top.addStretch(1)
        top.addWidget(self.edit_button)
        top.addWidget(self.end_button)
        header.addLayout(top)
        self.details_label = QLabel()
        self.details_label.setObjectName("memberDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.addWidget(self.details_label)

        # over the attendance line: the program says so and offers the step; the host decides
        self.offer_frame = QFrame()
        self.offer_frame.setObjectName("absenceOffer")
        bg, fg = background(FlagState.OVER).name(), foreground(FlagState.OVER).name()
        self.offer_frame.setStyleSheet(
            f"#absenceOffer {{ background: {bg}; border: 1px solid {fg}; border-radius: 6px; }}"
            f" #absenceOffer QLabel {{ color: {fg}; }}"
        )
        offer = QHBoxLayout(self.offer_frame)
        offer.setContentsMargins(10, 6, 10, 6)
        self.offer_label = QLabel()
        self.offer_label.setObjectName("absenceOfferText")
        self.offer_label.setWordWrap(True)
        self.absence_end_button = QPushButton(
            self.tr("End membership — absent more than one third…")
        )
        self.absence_end_button.setObjectName("absenceEndButton")
        offer.addWidget(self.offer_label, 1)
        offer.addWidget(self.absence_end_button)
        self.offer_frame.setVisible(False)
        header.addWidget(self.offer_frame)

        self.back_button.clicked.connect(self.back_requested)
        self.empty_back_button.clicked.connect(self.back_requested)
        self.edit_button.clicked.connect(self.edit_member)
        self.end_button.clicked.connect(self.end_membership)
        self.absence_end_button.clicked.connect(self.end_for_absence)
        return header

    def _build_records_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        actions = QHBoxLayout()
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("All kinds"), "")
        for code, text in labels.choices(RecordKind, labels.record_kind):
            self.kind_combo.addItem(text, code)
        self.add_record_button = QPushButton(self.tr("Add record…"))
        self.edit_record_button = QPushButton(self.tr("Edit record…"))
        self.attach_button = QPushButton(self.tr("Attach files…"))
        self.records_count = QLabel()
        actions.addWidget(QLabel(self.tr("Kind:")))
        actions.addWidget(self.kind_combo)
        actions.addSpacing(12)
        actions.addWidget(self.records_count)
        actions.addStretch(1)
        actions.addWidget(self.add_record_button)
        actions.addWidget(self.edit_record_button)
        actions.addWidget(self.attach_button)
        layout.addLayout(actions)

        self.records_model = RecordsModel(self)
        self.records_proxy = RecordsFilter(self)
        self.records_proxy.setSourceModel(self.records_model)
        self.records_table = _table(QTableView())
        self.records_table.setObjectName("recordsTable")
        self.records_table.setModel(self.records_proxy)
        self.records_table.setSortingEnabled(True)
        self.records_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        fit_columns(self.records_table, self.records_model.column_of("title"))

        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        self.record_detail = QLabel()
        self.record_detail.setObjectName("recordDetail")
        self.record_detail.setWordWrap(True)
        self.record_detail.setTextFormat(Qt.TextFormat.RichText)
        self.record_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        below_layout.addWidget(self.record_detail)
        files_row = QHBoxLayout()
        self.files_list = QListWidget()
        self.files_list.setObjectName("evidenceFiles")
        self.files_list.setViewMode(QListView.ViewMode.IconMode)
        self.files_list.setIconSize(QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        self.files_list.setGridSize(QSize(THUMBNAIL_SIZE + 64, THUMBNAIL_SIZE + 40))
        self.files_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.files_list.setMovement(QListView.Movement.Static)
        self.files_list.setWordWrap(True)
        self.files_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.files_list.setMinimumHeight(THUMBNAIL_SIZE + 52)
        files_row.addWidget(self.files_list, 1)
        file_buttons = QVBoxLayout()
        self.open_file_button = QPushButton(self.tr("Open file"))
        file_buttons.addWidget(self.open_file_button)
        file_buttons.addStretch(1)
        files_row.addLayout(file_buttons)
        below_layout.addLayout(files_row)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.records_table)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        self.kind_combo.currentIndexChanged.connect(self._kind_filter_changed)
        self.records_table.selectionModel().selectionChanged.connect(
            lambda *_: self._record_selected()
        )
        self.records_table.doubleClicked.connect(lambda _index: self.edit_record_button.click())
        self.add_record_button.clicked.connect(self.add_record)
        self.edit_record_button.clicked.connect(self.edit_record)
        self.attach_button.clicked.connect(self.attach_files)
        self.files_list.itemDoubleClicked.connect(
            lambda item: self.open_attachment(item.data(ITEM_ROLE))
        )
        self.files_list.itemSelectionChanged.connect(self._update_buttons)
        self.open_file_button.clicked.connect(self.open_selected_file)
        return tab

    def _build_plan_tab(self) -> QWidget:
        tab = QWidget()
        layout = QHBoxLayout(tab)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("School years")))
        self.years_list = QListWidget()
        self.years_list.setObjectName("goalYears")
        self.years_list.setMaximumWidth(240)
        left.addWidget(self.years_list)
        layout.addLayout(left)

        right = QVBoxLayout()
        self.goals_heading = QLabel()
        self.goals_heading.setObjectName("goalsHeading")
        right.addWidget(self.goals_heading)
        hint = QLabel(
            self.tr(
                "Before each school year the member writes down what they aim for; "
                "the yearly summary looks back at these goals."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555555;")
        right.addWidget(hint)
        self.goals_edit = QPlainTextEdit()
        self.goals_edit.setObjectName("goalsEdit")
        self.goals_edit.setPlaceholderText(
            self.tr("For example: give one moral-education open lesson; write one paper …")
        )
        right.addWidget(self.goals_edit, 1)
        row = QHBoxLayout()
        self.save_goals_button = QPushButton(self.tr("Save goals"))
        self.goals_problems = QLabel()
        self.goals_problems.setObjectName("goalsProblems")
        self.goals_problems.setStyleSheet(ask.PROBLEM_STYLE)
        self.goals_problems.setWordWrap(True)
        self.goals_status = QLabel()
        row.addWidget(self.save_goals_button)
        row.addWidget(self.goals_problems, 1)
        row.addWidget(self.goals_status)
        right.addLayout(row)
        layout.addLayout(right, 1)

        self.years_list.currentItemChanged.connect(lambda *_: self._year_selected())
        self.save_goals_button.clicked.connect(self.save_goals)
        self.goals_edit.textChanged.connect(lambda: self.goals_status.setText(""))
        return tab

    def _build_warnings_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.warnings_view = WarningsView()
        layout.addWidget(self.warnings_view)
        return tab

    def _build_attendance_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.attendance_explanation = QLabel()
        self.attendance_explanation.setObjectName("attendanceExplanation")
        self.attendance_explanation.setWordWrap(True)
        font = QFont(self.attendance_explanation.font())
        font.setBold(True)
        self.attendance_explanation.setFont(font)
        layout.addWidget(self.attendance_explanation)
        self.attendance_rules = QLabel()
        self.attendance_rules.setObjectName("attendanceRules")
        self.attendance_rules.setWordWrap(True)
        self.attendance_rules.setStyleSheet("color: #555555;")
        layout.addWidget(self.attendance_rules)
        heading = QLabel(
            self.tr(
                "Changes of attendance state, newest first (recorded when attendance, "
                "membership or settings change):"
            )
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.flags_model = FlagEventsModel(self)
        self.flags_table = _table(QTableView())
        self.flags_table.setObjectName("flagHistory")
        self.flags_table.setModel(self.flags_model)
        self.flags_table.setWordWrap(True)
        fit_columns(self.flags_table, 3)  # the cause
        layout.addWidget(self.flags_table, 1)
        self.flags_empty = QLabel(self.tr("No change of attendance state recorded yet."))
        self.flags_empty.setObjectName("flagHistoryEmpty")
        self.flags_empty.setStyleSheet("color: #666666;")
        layout.addWidget(self.flags_empty)
        return tab

    def _build_history_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.stages_label = QLabel()
        self.stages_label.setObjectName("stagesLabel")
        self.stages_label.setWordWrap(True)
        layout.addWidget(self.stages_label)
        self.history_model = HistoryModel(self)
        self.history_table = _table(QTableView())
        self.history_table.setObjectName("historyTable")
        self.history_table.setModel(self.history_model)
        self.history_table.setWordWrap(True)
        fit_columns(self.history_table, self.history_model.column_of("changes"))
        # rows as high as their lines of changes, also after the columns change width
        self.history_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        layout.addWidget(self.history_table, 1)
        return tab

    # --- showing ---

    def show_member(self, membership_id: int) -> None:
        if membership_id != self.membership_id:
            self._drafts.clear()
            self._goal_year = None
            self.goals_problems.setText("")
            self.records_table.clearSelection()
        self.membership_id = membership_id
        self.refresh()

    # --- what File ▸ New record (Ctrl+N) and Edit ▸ Find (Ctrl+F) act on

    def new_record_button(self):
        return self.add_record_button

    def refresh(self) -> None:
        row = None
        if self.membership_id is not None:
            try:
                row = self.services.members.get(self.membership_id)
            except LookupError:
                row = None
        self.row = row
        if row is None:
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        self._show_header(row)
        self._show_records()
        self._show_goals()
        self._show_warnings()
        self._show_attendance()
        self._show_hours(row)
        self._show_history()
        self._update_buttons()

    def _show_header(self, row: RosterRow) -> None:
        self.name_label.setText(row.name)
        status = labels.status(row.status)
        self.status_label.setText(f"{labels.role(row.role)} · {status}")
        self.status_label.setStyleSheet("color: #888888;" if not row.is_current else "")
        parts = []
        if row.school:
            parts.append(self.tr("School: %1").replace("%1", row.school))
        if row.title:
            parts.append(self.tr("Title: %1").replace("%1", labels.title(row.title)))
        if row.honours:
            parts.append(self.tr("Honours: %1").replace("%1", row.honours))
        today = self.services.members.today()
        if row.head_teacher_since:
            years = school_years_served(row.head_teacher_since, today)
            parts.append(
                self.tr("%n year(s) as head teacher (since %1)", "", years).replace(
                    "%1", str(row.head_teacher_since)
                )
            )
        if row.teaching_since:
            years = school_years_served(row.teaching_since, today)
            parts.append(
                self.tr("%n year(s) of teaching (since %1)", "", years).replace(
                    "%1", str(row.teaching_since)
                )
            )
        if row.in_post is not None:
            parts.append(
                self.tr("Serving head teacher")
                if row.in_post
                else self.tr("No longer a head teacher")
            )
        if row.training_tier:
            parts.append(self.tr("Training tier: %1").replace("%1", labels.tier(row.training_tier)))
        if row.joined_on:
            parts.append(self.tr("Joined %1").replace("%1", row.joined_on.isoformat()))
        lines = ["  ·  ".join(parts)]
        more = []
        if row.left_on:
            left = self.tr("Left %1").replace("%1", row.left_on.isoformat())
            if row.leave_reason:
                left += self.tr(" (%1)").replace("%1", row.leave_reason)
            more.append(left)
        if row.chosen_on and row.is_current:
            more.append(
                self.tr("Age and years counted on %1 (chosen or joined)").replace(
                    "%1", row.chosen_on.isoformat()
                )
            )
        if row.replaces_name:
            more.append(self.tr("Replaces %1").replace("%1", row.replaces_name))
        if row.replaced_by_name:
            more.append(self.tr("Replaced by %1").replace("%1", row.replaced_by_name))
        if more:
            lines.append("  ·  ".join(more))
        self.details_label.setText("\n".join(line for line in lines if line))

    def _show_records(self) -> None:
        selected = self.selected_record()
        self._records = self.services.growth.records(self.membership_id)
        self.records_model.set_rows(self._records)
        if selected is not None:
            self.select_record(selected.id)
        self._update_records_count()
        self._record_selected()

    def _update_records_count(self) -> None:
        shown = [
            self.records_proxy.index(r, 0).data(ITEM_ROLE)
            for r in range(self.records_proxy.rowCount())
        ]
        tenths = sum(r.hours_tenths or 0 for r in shown)
        text = self.tr("%1 of %2 records").replace("%1", str(len(shown)))
        text = text.replace("%2", str(self.records_model.rowCount()))
        if tenths:
            text += "  ·  " + self.tr("%1 training hours").replace("%1", labels.hours_text(tenths))
        self.records_count.setText(text)

    def _kind_filter_changed(self) -> None:
        self.records_proxy.set_kind(self.kind_combo.currentData())
        self._update_records_count()
        self._record_selected()

    def selected_record(self) -> GrowthRecordInfo | None:
        model = self.records_table.selectionModel()
        indexes = model.selectedRows() if model else []
        if not indexes:
            return None
        return self.records_proxy.mapToSource(indexes[0]).data(ITEM_ROLE)

    def select_record(self, record_id: int) -> bool:
        for proxy_row in range(self.records_proxy.rowCount()):
            record = self.records_proxy.index(proxy_row, 0).data(ITEM_ROLE)
            if record.id == record_id:
                self.records_table.selectRow(proxy_row)
                return True
        return False

    def record_titles(self) -> list[str]:
        column = next(i for i, c in enumerate(RECORD_COLUMNS) if c.key == "title")
        return [
            self.records_proxy.index(r, column).data() for r in range(self.records_proxy.rowCount())
        ]

    def _record_selected(self) -> None:
        record = self.selected_record()
        self.files_list.clear()
        if record is None:
            self.record_detail.setText(
                self.tr("Select a record to see its detail and evidence files.")
                if self._records
                else self.tr("No growth records yet. Add the first one with “Add record…”.")
            )
            self._update_buttons()
            return
        detail = record.detail or self.tr("(no detail)")
        self.record_detail.setText(
            f"<b>{escape(record.title)}</b> — {escape(detail).replace(chr(10), '<br>')}"
        )
        for att in record.attachments:
            item = QListWidgetItem(self._icon_for(att), att.original_name)
            item.setData(ITEM_ROLE, att)
            item.setData(THUMBNAIL_ROLE, att.id in self._thumbnails)
            item.setToolTip(f"{att.original_name}\n{_size_text(att.size)}")
            self.files_list.addItem(item)
        if not record.attachments:
            item = QListWidgetItem(self.tr("No evidence files; add them with “Attach files…”."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.files_list.addItem(item)
        self._update_buttons()

    def _icon_for(self, att: AttachmentInfo) -> QIcon:
        return self._thumbnails.icon(att)

    def file_items(self) -> list[QListWidgetItem]:
        """The evidence files of the selected record as shown (not the hint line)."""
        items = [self.files_list.item(i) for i in range(self.files_list.count())]
        return [item for item in items if item.data(ITEM_ROLE) is not None]

    def _show_goals(self) -> None:
        if self._goal_year is not None:  # keep unsaved typing across a reload
            text = self.goals_edit.toPlainText()
            if text != self._goals.get(self._goal_year, ""):
                self._drafts[self._goal_year] = text
        goals = self.services.growth.goals(self.membership_id)
        self._goals = {g.school_year: g.goals for g in goals}
        years = set(self._goals)
        try:
            years.update(self.services.studio.get().cycle.school_years)
        except LookupError:
            pass
        current_year = SchoolYear.of(self.services.members.today())
        if not years:
            years.add(current_year)
        keep = self._goal_year
        if keep is None:
            keep = current_year if current_year in years else min(years)
        self.years_list.blockSignals(True)
        self.years_list.clear()
        for year in sorted(years):
            text = self.tr("%1 school year").replace("%1", year.label)
            if year == current_year:
                text += self.tr(" (this year)")
            if year in self._goals:
                text = "✓ " + text
            item = QListWidgetItem(text)
            item.setData(ITEM_ROLE, year)
            if year not in self._goals:
                item.setForeground(Qt.GlobalColor.darkGray)
            self.years_list.addItem(item)
            if year == keep:
                self.years_list.setCurrentItem(item)
        self.years_list.blockSignals(False)
        self._goal_year = None  # the text shown now is reloaded, not a draft to keep
        self._year_selected()

    def goal_years(self) -> list[SchoolYear]:
        return [self.years_list.item(i).data(ITEM_ROLE) for i in range(self.years_list.count())]

    def select_goal_year(self, year: SchoolYear) -> bool:
        for i in range(self.years_list.count()):
            if self.years_list.item(i).data(ITEM_ROLE) == year:
                self.years_list.setCurrentRow(i)
                return True
        return False

    def _year_selected(self) -> None:
        # keep what was typed for the year being left, so switching years loses nothing
        if self._goal_year is not None:
            text = self.goals_edit.toPlainText()
            if text != self._goals.get(self._goal_year, ""):
                self._drafts[self._goal_year] = text
            else:
                self._drafts.pop(self._goal_year, None)
        item = self.years_list.currentItem()
        year = item.data(ITEM_ROLE) if item else None
        self._goal_year = year
        self.goals_problems.setText("")
        self.goals_status.setText("")
        if year is None:
            self.goals_heading.setText("")
            self.goals_edit.clear()
            return
        self.goals_heading.setText(
            "<b>" + self.tr("Goals for the %1 school year").replace("%1", year.label) + "</b>"
        )
        self.goals_edit.setPlainText(self._drafts.get(year, self._goals.get(year, "")))

    def _show_warnings(self) -> None:
        mine = [
            w for w in self.services.members.warnings() if self.membership_id in w.membership_ids
        ]
        self.warnings_view.set_warnings(mine)
        title = self.tr("Warnings")
        if mine:
            title += f" ({len(mine)})"
        self.tabs.setTabText(self.warnings_index, title)

    def _show_attendance(self) -> None:
        rules = self.services.attendance.rules()
        t = self.services.attendance.tallies().get(self.membership_id)
        self.tally = t if shows_attendance(self.row, t) else None
        self.badge.set_tally(self.tally)
        self.badge.setVisible(self.tally is not None)
        self.attendance_explanation.setText(explain_tally(t, rules))
        if t is not None and t.state.flagged:
            bg, fg = background(t.state).name(), foreground(t.state).name()
            self.attendance_explanation.setStyleSheet(
                f"background: {bg}; color: {fg}; border-radius: 6px; padding: 6px;"
            )
        else:
            self.attendance_explanation.setStyleSheet("padding: 6px;")
        self.attendance_rules.setText(
            line_sentence(rules)
            if rules.line is None
            else labels.sentences(line_sentence(rules), describe_rules(rules))
        )
        over = self.tally is not None and self.tally.state == FlagState.OVER and self.row.is_current
        self.offer_frame.setVisible(over)
        if over:
            self.offer_label.setText(
                labels.sentences(
                    explain_tally(t, rules),
                    self.tr("Ending the membership stays the host's decision."),
                )
            )
        events = list(reversed(self.services.attendance.history(self.membership_id)))
        self.flags_model.set_rows(events)
        self.flags_table.resizeRowsToContents()
        self.flags_empty.setVisible(not events)
        title = self.tr("Attendance")
        if self.tally is not None and self.tally.state.flagged:
            title += " ⚠"
        self.tabs.setTabText(self.attendance_index, title)

    def _show_hours(self, row: RosterRow) -> None:
        hours = self.services.training_hours
        self.hours_view.set_hours(hours.years_of(row.person_id), hours.attended(row.person_id))

    def flag_history_lines(self) -> list[tuple[str, str, str, str]]:
        """The attendance tab's rows as shown: date, change, missed, cause."""
        return [
            tuple(self.flags_model.index(r, c).data() for c in range(4))
            for r in range(self.flags_model.rowCount())
        ]

    def _show_history(self) -> None:
        steps = self.services.members.stage_steps(self.membership_id)
        if steps:
            path = " → ".join(f"{labels.stage(s.stage)} {s.on.isoformat()}" for s in steps)
            self.stages_label.setText(self.tr("Selection steps: %1").replace("%1", path))
        else:
            self.stages_label.setText(self.tr("Selection steps: none recorded"))
        titles = {str(r.id): r.title for r in self._records}
        entries = self.services.members.history(self.membership_id)
        self.history_model.set_rows([history_line(e, titles) for e in reversed(entries)])

    def history_lines(self) -> list[HistoryLine]:
        return [self.history_model.row_at(r) for r in range(self.history_model.rowCount())]

    def _update_buttons(self) -> None:
        row = self.row
        self.edit_button.setEnabled(row is not None)
        self.end_button.setVisible(row is not None and row.is_current)
        record = self.selected_record()
        self.add_record_button.setEnabled(row is not None)
        self.edit_record_button.setEnabled(record is not None)
        self.attach_button.setEnabled(record is not None)
        self.open_file_button.setEnabled(
            any(item.data(ITEM_ROLE) is not None for item in self.files_list.selectedItems())
        )

    # --- acting on the member ---

    def edit_member(self) -> None:
        if self.row is None:
            return
        dialog = MemberDialog(self.services.members, existing=self.row, parent=self)
        dialog.exec()

    def end_membership(self) -> None:
        if self.row is None or not self.row.is_current:
            return
        self.make_end_dialog().exec()

    def end_for_absence(self) -> None:
        """The offer for a member over the attendance line: the same dialog, with the
        reason filled in. Nothing ends until the user confirms it there."""
        if self.row is None or not self.row.is_current:
            return
        self.make_end_dialog(ABSENCE_REASON).exec()

    def make_end_dialog(self, reason: str | None = None) -> EndMembershipDialog:
        return EndMembershipDialog(self.services.members, self.row, reason=reason, parent=self)

    # --- acting on records ---

    def make_record_dialog(self, existing: GrowthRecordInfo | None) -> RecordDialog:
        return RecordDialog(
            self.services.growth,
            self.membership_id,
            existing,
            parent=self,
            member_name=self.row.name if self.row else "",
        )

    def add_record(self) -> None:
        if self.row is None:
            return
        dialog = self.make_record_dialog(None)
        kind = self.kind_combo.currentData()
        if kind:  # filtered to one kind: a new record is most likely of that kind
            dialog.set_kind(kind)
        if dialog.exec():
            if not self.select_record(dialog.saved_id):
                self.kind_combo.setCurrentIndex(0)
                self.select_record(dialog.saved_id)

    def edit_record(self) -> None:
        record = self.selected_record()
        if record is None:
            return
        dialog = self.make_record_dialog(record)
        dialog.exec()

    def attach_files(self) -> None:
        record = self.selected_record()
        if record is None:
            return
        files = ask.evidence_files(self)
        if not files:
            return
        try:
            self.services.growth.attach(record.id, files)
        except (ValidationError, OSError) as error:
            ask.warn(self, self.tr("Attach files"), str(error))
            return

    def open_selected_file(self) -> None:
        for item in self.files_list.selectedItems():
            att = item.data(ITEM_ROLE)
            if att is not None:
                self.open_attachment(att)

    def open_attachment(self, att: AttachmentInfo) -> None:
        """Opens an evidence file with the system's viewer; tests replace this method."""
        if att is None:
            return
        try:
            path = self.services.growth.attachment_path(att)
        except OSError as error:
            ask.warn(self, self.tr("Open file"), str(error))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            ask.warn(
                self,
                self.tr("Open file"),
                self.tr("No program on this computer opens %1").replace("%1", str(path)),
            )

    # --- development plan ---

    def save_goals(self) -> None:
        year = self._goal_year
        if year is None or self.membership_id is None:
            return
        try:
            self.services.growth.set_goals(self.membership_id, year, self.goals_edit.toPlainText())
        except ValidationError as error:
            self.goals_problems.setText("\n".join(f"• {p.message}" for p in error.problems))
            self.goals_edit.setStyleSheet("border: 1px solid #b00020;")
            return
        self.goals_edit.setStyleSheet("")
        self._drafts.pop(year, None)
        self._goals[year] = self.goals_edit.toPlainText()  # saved: not a draft on reload
        self.goals_status.setText(self.tr("Saved"))


def _size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
