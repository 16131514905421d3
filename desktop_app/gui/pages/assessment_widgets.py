"""The small widgets of the assessment editor: one line of evidence with its buttons,
the total and grade with their sources, and the lock mark."""

from __future__ import annotations

import datetime as dt
from functools import cache
from html import escape

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QIcon,
    QPainter,
    QPainterPath,
    QPixmap,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.assessment import Template, format_tenths
from desktop_app.domain.vocab import Grade
from desktop_app.gui import labels
from desktop_app.gui.dialogs.assessment_dialogs import (
    assessment_kind,
    evidence_decision,
    evidence_kind,
    grade,
    grade_or_unscored,
    thresholds_text,
)
from desktop_app.gui.elided_label import ElidedLabel
from desktop_app.services.assessments import ACCEPTED, PROPOSED, REMOVED, EvidenceState

MET_COLOUR = "#1e6b35"
NOT_MET_COLOUR = "#8a5300"
REMOVED_COLOUR = "#999999"
FAIL_COLOUR = "#b00020"


class EvidenceRow(QWidget):
    """One piece of evidence of an indicator: what it is, its state, and the buttons that
    accept, remove or restore it."""

    decided = Signal(object, str)  # the EvidenceState, the new decision

    def __init__(self, state: EvidenceState, locked: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 1, 0, 1)
        self.status_label = QLabel(evidence_decision(state.decision))
        self.status_label.setMinimumWidth(56)
        text = f"{evidence_kind(state.evidence.kind)}{labels.colon()}{state.evidence.label}"
        if not state.from_rule and not locked:  # a submitted one no longer tells them apart
            text += " " + self.tr("(added by hand)")
        self.text_label = ElidedLabel(text)
        layout.addWidget(self.status_label)
        layout.addWidget(self.text_label, 1)
        self.accept_button = QToolButton()
        self.accept_button.setText(self.tr("Accept"))
        self.remove_button = QToolButton()
        self.remove_button.setText(self.tr("Remove"))
        self.restore_button = QToolButton()
        self.restore_button.setText(self.tr("Restore"))
        for button, decision in (
            (self.accept_button, ACCEPTED),
            (self.remove_button, REMOVED),
            (self.restore_button, ACCEPTED),
        ):
            button.clicked.connect(lambda _checked=False, d=decision: self.decided.emit(state, d))
            layout.addWidget(button)
        self.accept_button.setVisible(state.decision == PROPOSED and not locked)
        self.remove_button.setVisible(state.decision != REMOVED and not locked)
        self.restore_button.setVisible(state.decision == REMOVED and not locked)
        if state.decision == REMOVED:
            colour = REMOVED_COLOUR
            font = self.text_label.font()
            font.setStrikeOut(True)
            self.text_label.setFont(font)
        elif state.decision == PROPOSED:
            colour = NOT_MET_COLOUR
            self.status_label.setToolTip(
                self.tr("Proposed by the indicator's rule; taken as accepted on submission")
            )
        else:
            colour = MET_COLOUR
        self.status_label.setStyleSheet(f"color: {colour};")
        if state.decision == REMOVED:
            self.text_label.setStyleSheet(f"color: {REMOVED_COLOUR};")


class GradeFooter(QWidget):
    """The total against the maximum, the grade by the template's thresholds, the
    consequence the policy attaches to that grade, and where thresholds and points come
    from (the long note on the points opens on request)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._template: Template | None = None
        self._scores_note_open = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.total_label = QLabel()
        self.total_label.setObjectName("totalLabel")
        self.total_label.setWordWrap(True)
        # one line (whole in the tooltip): the grade is named in the line above, and the
        # editor must fit a small screen (1366×768 at 125 %) with its Save button
        self.consequence_label = ElidedLabel("")
        self.consequence_label.setObjectName("consequenceLabel")
        self.notes_label = QLabel()
        self.notes_label.setObjectName("gradeNotes")
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet("color: #555555;")
        self.notes_label.setTextFormat(Qt.TextFormat.RichText)
        small = self.notes_label.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.notes_label.setFont(small)
        self.notes_label.linkActivated.connect(lambda _link: self.toggle_scores_note())
        for label in (self.total_label, self.consequence_label, self.notes_label):
            layout.addWidget(label)

    def clear(self) -> None:
        self._template = None
        for label in (self.total_label, self.notes_label):
            label.clear()
        self.consequence_label.set_full_text("")

    def show_total(
        self,
        template: Template,
        kind: str,
        total_tenths: int,
        grade_now: Grade | None,
        scored: tuple[int, int],  # (indicators scored, indicators)
        bad: int = 0,
    ) -> None:
        """The total and the grade — or, until every indicator is scored, how many are
        (未完成评分 n / N) — and what the document attaches to that grade in a review of
        ``kind`` (AssessmentKind code)."""
        self._template = template
        if grade_now is None:
            pattern, state = self.tr("Total %1 / %2 · %3"), grade_or_unscored(None, *scored)
        else:
            pattern, state = self.tr("Total %1 / %2 · grade: %3"), grade(grade_now.code)
        text = (
            pattern.replace("%1", format_tenths(total_tenths))
            .replace("%2", str(template.max_points))
            .replace("%3", state)
        )
        if bad:
            text += " " + self.tr("— %n score(s) not valid", "", bad)
        self.total_label.setText(f"<b>{escape(text)}</b>")
        consequences = template.consequences_for(kind, grade_now)
        self.consequence_label.setVisible(bool(consequences))
        if not consequences or grade_now is None:
            self.consequence_label.set_full_text("")
        else:
            colour = FAIL_COLOUR if grade_now == Grade.FAIL else MET_COLOUR
            words = labels.fill(
                self.tr("If the grade of this %1 is %2: “%3” — %4"),
                assessment_kind(kind),
                grade(grade_now.code),
                "；".join(c.source.quote for c in consequences),  # may quote itself
                "；".join(dict.fromkeys(c.source.label for c in consequences)),
            )
            self.consequence_label.setStyleSheet(f"color: {colour};")
            self.consequence_label.set_full_text(words)
        self._show_notes()

    def _show_notes(self) -> None:
        template = self._template
        if template is None:
            return
        source = self.tr("Grades: %1.").replace("%1", thresholds_text(template))
        text = escape(source)
        # Where the thresholds and the points come from is read once, not at every
        # score: folded, so the footer keeps to two lines and the editor fits a small
        # screen (1366×768 at 125 %).
        notes = [n for n in (template.grades_note, template.scores_note) if n]
        if notes:
            if self._scores_note_open:
                text += "<br>" + "<br>".join(escape(n) for n in notes)
                link = self.tr("Hide where they come from")
            else:
                link = self.tr("Where the grades and points come from…")
            text += f" <a href='scores'>{escape(link)}</a>"
        self.notes_label.setText(text)
        self._fit()

    def toggle_scores_note(self) -> None:
        self._scores_note_open = not self._scores_note_open
        self._show_notes()

    def _fit(self) -> None:
        """Claims the height the wrapped lines need (the layout would squeeze them)."""
        height = self.layout().heightForWidth(self.width()) if self.width() > 0 else -1
        if height > 0 and height != self.minimumHeight():
            self.setMinimumHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()


def local_date(utc: dt.datetime | None) -> str:
    """A stored UTC time as the local calendar date."""
    if utc is None:
        return ""
    return utc.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d")


@cache
def lock_icon() -> QIcon:
    """A small padlock, drawn (no emoji font is needed)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor("#5f6368")
    pen = painter.pen()
    pen.setColor(colour)
    pen.setWidthF(1.8)
    painter.setPen(pen)
    shackle = QPainterPath()
    shackle.moveTo(QPointF(5, 8))
    shackle.lineTo(QPointF(5, 5))
    shackle.arcTo(QRectF(5, 1.5, 6, 7), 180, -180)
    shackle.lineTo(QPointF(11, 8))
    painter.drawPath(shackle)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(QRectF(3, 7.5, 10, 7.5), 1.5, 1.5)
    painter.end()
    return QIcon(pixmap)
