"""The attendance badge: one look, the same everywhere a member appears."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.domain.attendance import FlagState, Tally

# background, text
COLOURS = {
    FlagState.OK: ("#e6f4ea", "#1e6b35"),
    FlagState.AT_RISK: ("#fff4e0", "#8a5300"),
    FlagState.OVER: ("#fde7e9", "#a50e1f"),
    FlagState.NOT_JUDGED: ("#eef1f5", "#44505c"),
    FlagState.NO_LINE: ("#eef1f5", "#44505c"),
}


def state_word(state: FlagState) -> str:
    return {
        FlagState.OK: QCoreApplication.translate("Badge", "OK"),
        FlagState.AT_RISK: QCoreApplication.translate("Badge", "At risk"),
        FlagState.OVER: QCoreApplication.translate("Badge", "Over the line"),
        FlagState.NOT_JUDGED: QCoreApplication.translate("Badge", "Not judged yet"),
        FlagState.NO_LINE: QCoreApplication.translate("Badge", "No absence line"),
    }[state]


def not_judged_words(t: Tally) -> str:
    """'fewer than 4 sessions, not judged yet' (未满 4 次，暂不判定)."""
    return QCoreApplication.translate("Badge", "fewer than %1 sessions, not judged yet").replace(
        "%1", str(t.min_sessions)
    )


def badge_text(t: Tally) -> str:
    """'At risk · missed 3/9'; a member with no sessions yet shows just that; one not
    judged yet shows the count and why: 'missed 1/2 · fewer than 4 sessions, not judged
    yet'; under no line, just the count."""
    if not t.expected:
        return QCoreApplication.translate("Badge", "No sessions yet")
    if t.state == FlagState.NO_LINE:
        return QCoreApplication.translate("Badge", "missed %1").replace("%1", t.ratio_text)
    if t.state == FlagState.NOT_JUDGED:
        return (
            QCoreApplication.translate("Badge", "missed %1 · %2")
            .replace("%1", t.ratio_text)
            .replace("%2", not_judged_words(t))
        )
    return (
        QCoreApplication.translate("Badge", "%1 · missed %2")
        .replace("%1", state_word(t.state))
        .replace("%2", t.ratio_text)
    )


def badge_tooltip(t: Tally) -> str:
    if t.state == FlagState.NOT_JUDGED:
        return QCoreApplication.translate(
            "Badge",
            "Nobody is judged against the absence line before being expected at %1 "
            "sessions (Settings, attendance).",
        ).replace("%1", str(t.min_sessions))
    if t.state == FlagState.NO_LINE:
        return QCoreApplication.translate(
            "Badge", "This studio has no absence line: nobody is at risk or over the line."
        )
    if t.state == FlagState.AT_RISK:
        return QCoreApplication.translate(
            "Badge", "Missing the next session would cross the absence line."
        )
    if t.state == FlagState.OVER:
        return QCoreApplication.translate(
            "Badge",
            "Absent from more than the allowed share of sessions; ending the membership is the host's decision.",
        )
    return ""


def background(state: FlagState) -> QColor:
    return QColor(COLOURS[state][0])


def foreground(state: FlagState) -> QColor:
    return QColor(COLOURS[state][1])


class Badge(QLabel):
    """A rounded label showing a member's attendance state and missed/expected."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("attendanceBadge")
        self.state: FlagState | None = None

    def set_tally(self, t: Tally | None) -> None:
        if t is None:
            self.clear()
            self.setStyleSheet("")
            self.state = None
            return
        self.state = t.state
        bg, fg = COLOURS[t.state]
        self.setText(badge_text(t))
        self.setToolTip(badge_tooltip(t))
        self.setStyleSheet(f"background: {bg}; color: {fg}; border-radius: 8px; padding: 2px 8px;")
