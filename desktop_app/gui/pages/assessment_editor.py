"""The editor of one assessment instance: the indicator tree (一级/二级/三级指标) with
each leaf's maximum, self-score and what the records show; the selected indicator's
evidence (proposals of its rule accepted or removed, records added by hand) and comment;
the overall comment; the total, the grade by the template's thresholds and the
consequence the policy attaches to it. Scores and comments are saved in one transaction;
evidence decisions are written at once. A submitted instance is read-only."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.assessment import format_tenths
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.roles import Capability
from desktop_app.gui import ask, labels
from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.dialogs.assessment_dialogs import (
    EvidencePickerDialog,
    assessment_kind,
)
from desktop_app.gui.elided_label import ElidedLabel
from desktop_app.gui.pages.assessment_tree import CODE_ROLE, COL_TEXT, IndicatorTree, ScoreEdit
from desktop_app.gui.pages.assessment_widgets import (
    MET_COLOUR,
    NOT_MET_COLOUR,
    EvidenceRow,
    GradeFooter,
    local_date,
)
from desktop_app.gui.permissions import guard_all
from desktop_app.services.app import AppServices
from desktop_app.services.assessments import (
    ACCEPTED,
    AssessmentInfo,
    EvidenceState,
    ItemInput,
)

HELP_STYLE = "color: #555555;"
BANNER_STYLE = "background: #eceff1; border: 1px solid #b0bec5; padding: 6px; color: #37474f;"
READ_ONLY_STYLE = "background: #f3f3f3;"


def _title(text: str) -> QLabel:
    return QLabel("<b>" + escape(text) + "</b>")


class AssessmentEditor(QWidget):
    def __init__(self, services: AppServices, bus: ChangeBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.info: AssessmentInfo | None = None
        self._edits: dict[str, ScoreEdit] = {}
        self._items: dict[str, QTreeWidgetItem] = {}
        self._comments: dict[str, str] = {}  # leaf code → the comment as now written
        self._current: str | None = None  # the indicator whose detail is shown
        self.evidence_rows: list[EvidenceRow] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header_label = QLabel()
        self.header_label.setObjectName("assessmentHeader")
        self.header_label.setWordWrap(True)
        self.header_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.header_label)
        # the template and the document it comes from: one line, whole in the tooltip
        self.source_label = ElidedLabel("")
        self.source_label.setObjectName("assessmentSource")
        self.source_label.setStyleSheet(HELP_STYLE)
        layout.addWidget(self.source_label)
        self.lock_banner = QLabel()
        self.lock_banner.setObjectName("lockBanner")
        self.lock_banner.setWordWrap(True)
        self.lock_banner.setStyleSheet(BANNER_STYLE)
        self.lock_banner.setVisible(False)
        layout.addWidget(self.lock_banner)

        # --- the indicator tree ---
        self.tree = IndicatorTree()
        self.tree.setMinimumHeight(120)
        self._edits = self.tree.edits
        self._items = self.tree.items

        # --- the selected indicator ---
        # One line each, the whole text in the tooltip (and wrapped in the tree above):
        # wrapped, a small screen squeezed their lines into each other.
        self.detail_title = ElidedLabel("")
        self.detail_title.setObjectName("indicatorTitle")
        self.rule_label = ElidedLabel("")
        self.rule_label.setObjectName("ruleLabel")
        evidence_head = QHBoxLayout()
        evidence_head.setContentsMargins(0, 0, 0, 0)
        self.evidence_title = _title(self.tr("Evidence"))
        self.add_evidence_button = QPushButton(self.tr("Add evidence…"))
        self.add_evidence_button.setAutoDefault(False)
        evidence_head.addWidget(self.evidence_title, 1)
        evidence_head.addWidget(self.add_evidence_button)
        self.evidence_box = QWidget()
        self.evidence_layout = QVBoxLayout(self.evidence_box)
        self.evidence_layout.setContentsMargins(4, 2, 4, 2)
        self.evidence_layout.setSpacing(2)
        self.evidence_layout.addStretch(1)
        self.evidence_scroll = QScrollArea()
        self.evidence_scroll.setObjectName("evidenceList")
        self.evidence_scroll.setWidgetResizable(True)
        self.evidence_scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.evidence_scroll.setWidget(self.evidence_box)
        self.evidence_scroll.setMinimumHeight(56)
        self.evidence_empty = QLabel()
        self.evidence_empty.setStyleSheet(HELP_STYLE)
        self.evidence_empty.setWordWrap(True)
        self.evidence_layout.insertWidget(0, self.evidence_empty)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.detail_title)
        left_layout.addWidget(self.rule_label)
        left_layout.addLayout(evidence_head)
        left_layout.addWidget(self.evidence_scroll, 1)
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setObjectName("indicatorComment")
        self.comment_edit.setPlaceholderText(self.tr("What was done for this indicator"))
        self.comment_edit.setMinimumHeight(44)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(_title(self.tr("Comment on this indicator")))
        right_layout.addWidget(self.comment_edit, 1)
        right_layout.addWidget(_title(self.tr("Overall comment")))
        self.overall_edit = QPlainTextEdit()
        self.overall_edit.setObjectName("overallComment")
        self.overall_edit.setPlaceholderText(self.tr("The assessment as a whole"))
        self.overall_edit.setMinimumHeight(44)
        right_layout.addWidget(self.overall_edit, 1)
        detail = QSplitter(Qt.Orientation.Horizontal)
        detail.addWidget(left)
        detail.addWidget(right)
        detail.setStretchFactor(0, 2)
        detail.setStretchFactor(1, 1)
        detail.setSizes([500, 260])
        detail.setChildrenCollapsible(False)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([330, 190])
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        # --- totals, grade and saving ---
        self.footer = GradeFooter()
        self.problems_label = QLabel()
        self.problems_label.setObjectName("scoreProblems")
        self.problems_label.setStyleSheet(ask.PROBLEM_STYLE)
        self.problems_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setStyleSheet(HELP_STYLE)
        self.undo_button = QPushButton(self.tr("Undo changes"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveScores")
        layout.addWidget(self.footer)
        layout.addWidget(self.problems_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

        self.tree.currentItemChanged.connect(lambda *_: self._show_current())
        self.comment_edit.textChanged.connect(self._comment_changed)
        self.overall_edit.textChanged.connect(self._changed)
        self.add_evidence_button.clicked.connect(self.add_evidence)
        self.save_button.clicked.connect(self.save)
        self.undo_button.clicked.connect(self.undo)
        guard_all(
            services,
            Capability.ASSESSMENTS,
            self.add_evidence_button,
            self.save_button,
            self.undo_button,
        )
        self.load(None)

    # --- loading ---

    @property
    def assessment_id(self) -> int | None:
        return self.info.header.id if self.info else None

    @property
    def locked(self) -> bool:
        return self.info is not None and self.info.locked

    def load(self, assessment_id: int | None) -> None:
        """Shows an instance; reloading the one shown keeps the edits not saved yet."""
        keep = self.pending() if assessment_id == self.assessment_id else ({}, None)
        current = self._current if assessment_id == self.assessment_id else None
        info = None
        if assessment_id is not None:
            try:
                info = self.services.assessments.get(assessment_id)
            except KeyError:
                info = None
        if info is None or info.header.id != self.assessment_id:
            self.problems_label.clear()
            self.status_label.clear()
        self.info = info
        self._build(keep, current)

    def _build(self, keep: tuple[dict[str, tuple[str, str]], str | None], current) -> None:
        edits, overall = keep
        info = self.info
        self.tree.fill(info)
        self._comments.clear()
        self._current = None
        self.setEnabled(info is not None)
        if info is None:
            self.header_label.setText(
                "<span style='color:#555555'>"
                + escape(self.tr("Select an assessment, or start one with “New…”."))
                + "</span>"
            )
            self.source_label.set_full_text("")
            self.lock_banner.setVisible(False)
            self.footer.clear()
            self.overall_edit.blockSignals(True)
            self.overall_edit.clear()
            self.overall_edit.blockSignals(False)
            self._show_current()
            return
        self._show_header()
        locked = info.locked
        for code, edit in self._edits.items():
            edit.textEdited.connect(lambda _text: self._changed())
            edit.focused.connect(self._score_focused)
            edit.returnPressed.connect(lambda code=code: self._focus_next(code))
            state = info.items[code]
            edit.stored = (
                format_tenths(state.score_tenths) if state.score_tenths is not None else ""
            )
            edit.setText(edits[code][0] if code in edits else edit.stored)
            edit.setEnabled(not locked)
            self._comments[code] = edits[code][1] if code in edits else (state.comment or "")
        self.overall_edit.blockSignals(True)
        self.overall_edit.setPlainText(overall if overall is not None else (info.comment or ""))
        self.overall_edit.blockSignals(False)
        for box in (self.overall_edit, self.comment_edit):
            box.setReadOnly(locked)
            box.setStyleSheet(READ_ONLY_STYLE if locked else "")
        self.add_evidence_button.setEnabled(not locked)
        target = self._items.get(current) if current else None
        target = target or next(iter(self._items.values()), None)
        if target is not None:
            self.tree.setCurrentItem(target)
        self._show_current()
        self._recount()  # after the place is restored: it may park the focus there

    def _show_header(self) -> None:
        info = self.info
        h = info.header
        facts = [
            assessment_kind(h.kind),
            self.tr("school year %1").replace("%1", h.school_year.label),
        ]
        if h.member_name:
            facts.append(self.tr("member: %1").replace("%1", h.member_name))
        self.header_label.setText(f"<b style='font-size:large'>{escape(h.title)}</b>")
        self.source_label.set_full_text(
            " · ".join(facts) + f" · {info.template.title} — {info.template.source.label}"
        )
        self.lock_banner.setVisible(h.locked)
        if h.locked:
            self.lock_banner.setText(
                self.tr("Submitted on %1 — locked; copy it into a new draft to change it.").replace(
                    "%1", local_date(h.submitted_at)
                )
            )

    def _score_focused(self, code: str) -> None:
        if self._current != code:
            self.tree.setCurrentItem(self._items[code])

    def _focus_next(self, code: str) -> None:
        """Enter in a score box moves on to the next indicator's."""
        codes = list(self._edits)
        index = codes.index(code)
        if index + 1 < len(codes):
            following = self._edits[codes[index + 1]]
            self.tree.scrollToItem(self._items[following.code])
            following.setFocus()
            following.selectAll()

    def score_edit(self, code: str) -> ScoreEdit:
        return self._edits[code]

    def item(self, code: str) -> QTreeWidgetItem:
        return self._items[code]

    def row_texts(self, code: str) -> dict[str, str]:
        return self.tree.row_texts(code)

    def select_indicator(self, code: str) -> None:
        self.tree.setCurrentItem(self._items[code])

    # --- what changed and the totals ---

    def pending(self) -> tuple[dict[str, tuple[str, str]], str | None]:
        """The edits not saved yet: leaf code → (score text, comment); the overall comment
        when changed."""
        if self.info is None:
            return {}, None
        edits = {}
        for code, edit in self._edits.items():
            comment = self._comments.get(code, "")
            if edit.dirty or comment != (self.info.items[code].comment or ""):
                edits[code] = (edit.text().strip(), comment)
        overall = self.overall_edit.toPlainText()
        return edits, (overall if overall != (self.info.comment or "") else None)

    def is_dirty(self) -> bool:
        edits, overall = self.pending()
        return bool(edits) or overall is not None

    def _comment_changed(self) -> None:
        if self._current in self._edits:
            self._comments[self._current] = self.comment_edit.toPlainText()
            self._changed()

    def _changed(self) -> None:
        self.status_label.clear()
        self._recount()

    def _recount(self) -> None:
        info = self.info
        if info is None:
            return
        scores: dict[str, int] = {}
        bad = 0
        for code, edit in self._edits.items():
            try:
                value = edit.tenths()
            except ValueError:
                edit.mark(True)
                bad += 1
                continue
            edit.mark(False)
            if value is not None:
                scores[code] = value
        self.tree.show_subtotals(info, scores)
        h = info.header
        if info.locked:
            self.footer.show_total(
                info.template, h.kind, h.total_tenths, h.grade, (h.scored, h.leaves)
            )
        else:
            total = sum(scores.values())
            complete = bad == 0 and len(scores) == len(self._edits)
            self.footer.show_total(
                info.template,
                h.kind,
                total,
                info.template.grade_for(total) if complete else None,
                scored=(len(scores), len(self._edits)),
                bad=bad,
            )
        can = not info.locked and self.is_dirty()
        if not can and (self.save_button.hasFocus() or self.undo_button.hasFocus()):
            self._park_focus()
        self.save_button.setEnabled(can)
        self.undo_button.setEnabled(can)

    def _park_focus(self) -> None:
        """A focused button about to be disabled hands the focus to the current
        indicator's score box (or the tree): Qt would pass it down the focus chain to the
        first box, and selecting that box's indicator lost the user's place at each Save."""
        edit = self._edits.get(self._current) if self._current else None
        (edit if edit is not None and edit.isEnabled() else self.tree).setFocus()

    # --- the selected indicator ---

    def current_code(self) -> str | None:
        return self._current

    def _level_word(self, level: int) -> str:
        """一级/二级/三级指标, as the templates and the bureau's forms name them."""
        words = {
            1: self.tr("Level 1 indicator"),
            2: self.tr("Level 2 indicator"),
            3: self.tr("Level 3 indicator"),
        }
        return words.get(level) or self.tr("Level %1 indicator").replace("%1", str(level))

    def _show_current(self) -> None:
        item = self.tree.currentItem()
        info = self.info
        code = item.data(COL_TEXT, CODE_ROLE) if item is not None and info else None
        self._current = code
        for row in self.evidence_rows:  # kept parented: a row may be mid-click
            row.hide()
            self.evidence_layout.removeWidget(row)
            row.deleteLater()
        self.evidence_rows = []
        self.comment_edit.blockSignals(True)
        self.comment_edit.setPlainText(self._comments.get(code, "") if code else "")
        self.comment_edit.blockSignals(False)
        self.evidence_empty.setVisible(True)
        if code is None:
            self.detail_title.set_full_text("")
            self.rule_label.set_full_text("")
            self.evidence_empty.setText("")
            self.comment_edit.setEnabled(False)
            self.add_evidence_button.setEnabled(False)
            return
        state = info.items[code]
        indicator = state.indicator
        level = self._level_word(indicator.level)
        points = self.tr("%1 points").replace("%1", str(indicator.max_points))
        self.detail_title.set_full_text(
            f"{indicator.code} ({level}{labels.comma()}{points}) {indicator.text}"
        )
        leaf = indicator.is_leaf
        self.comment_edit.setEnabled(leaf)
        self.add_evidence_button.setEnabled(leaf and not info.locked)
        if state.outcome is not None:
            colour = MET_COLOUR if state.outcome.met else NOT_MET_COLOUR
            head = self.tr("The records show:")
            self.rule_label.setStyleSheet(f"color: {colour};")
            self.rule_label.set_full_text(f"{head} {state.outcome.explanation}")
        elif leaf and indicator.rule is None:
            self.rule_label.setStyleSheet(HELP_STYLE)
            self.rule_label.set_full_text(
                self.tr("No rule reads this indicator from the records: judge it.")
            )
        else:
            self.rule_label.set_full_text("")
        if not leaf:
            self.evidence_empty.setText(self.tr("Select a lowest-level indicator to score it."))
            return
        for evidence in state.evidence:
            row = EvidenceRow(evidence, info.locked)
            row.decided.connect(self.decide)
            self.evidence_layout.insertWidget(self.evidence_layout.count() - 1, row)
            self.evidence_rows.append(row)
        self.evidence_empty.setText(
            ""
            if state.evidence
            else self.tr("No evidence yet. Records found by the rule, or added, appear here.")
        )
        self.evidence_empty.setVisible(not state.evidence)

    # --- acting ---

    def decide(self, state: EvidenceState, decision: str) -> None:
        if self.info is None or self._current is None:
            return
        try:
            self.services.assessments.decide(
                self.info.header.id, self._current, state.evidence, decision
            )
        except (ValidationError, KeyError) as error:
            self.problems_label.setText(str(error))
            return

    def make_picker(self, candidates, indicator: str) -> EvidencePickerDialog:
        """The dialog that picks records; tests replace this method."""
        return EvidencePickerDialog(candidates, indicator, parent=self)

    def add_evidence(self) -> None:
        info, code = self.info, self._current
        if info is None or code is None or info.locked:
            return
        have = {e.evidence.key for e in info.items[code].evidence}
        candidates = [
            c
            for c in self.services.plans.candidates(info.header.school_year)
            if (c.kind, c.target_id, "") not in have
        ]
        picker = self.make_picker(candidates, f"{code} {info.items[code].indicator.text[:30]}")
        if not picker.exec():
            return
        try:
            for evidence in picker.chosen():
                self.services.assessments.decide(info.header.id, code, evidence, ACCEPTED)
        except (ValidationError, KeyError) as error:
            self.problems_label.setText(str(error))

    def save(self) -> bool:
        """Writes every changed score and comment in one transaction; with any bad score
        the problems are shown and nothing is written."""
        if self.info is None or self.info.locked:
            return False
        edits, overall = self.pending()
        if not edits and overall is None:
            return True
        items = {code: ItemInput(score, comment) for code, (score, comment) in edits.items()}
        try:
            if overall is None:
                self.services.assessments.save_items(self.info.header.id, items)
            else:
                self.services.assessments.save_items(self.info.header.id, items, comment=overall)
        except ValidationError as error:
            self.problems_label.setText("\n".join(f"• {p.message}" for p in error.problems))
            self.status_label.setText(self.tr("Nothing was saved."))
            return False
        self.problems_label.clear()
        assessment_id = self.info.header.id
        self.load(assessment_id)
        self.status_label.setText(self.tr("Saved."))
        return True

    def undo(self) -> None:
        if self.info is None:
            return
        current = self._current
        self.problems_label.clear()
        self._build(({}, None), current)
        self.status_label.setText(self.tr("Changes undone."))
