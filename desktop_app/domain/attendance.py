"""The absence ratio and the studio's absence line (seed 004 §四(二)3: one third).

A member's ratio is sessions missed over sessions expected, counting only sessions held
while they belonged, inside the studio's window. Arithmetic is exact: 3 of 9 is one third.
Seed 004 says "缺勤三分之一以上"; whether exactly one third already counts is a setting
(in Chinese legal usage "以上" includes the number itself; the jiangyin preset turns it on).
A studio whose document sets no line may have none: then nobody is judged. Nor is a
member expected at fewer sessions than the studio's minimum (one session says nothing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import Protocol

from desktop_app.domain import messages
from desktop_app.domain.messages import NC_
from desktop_app.domain.school_year import Cycle, SchoolYear, date_zh
from desktop_app.domain.vocab import AttendanceStatus


class FlagState(StrEnum):
    OK = "ok"
    AT_RISK = "at_risk"  # missing the next session would cross the line
    OVER = "over"  # crossed
    NOT_JUDGED = "not_judged"  # expected at fewer sessions than the studio's minimum
    NO_LINE = "no_line"  # the studio has no absence line

    @property
    def zh(self) -> str:
        """The state as the documents print it (they are Chinese in either language)."""
        return messages.translate(_FLAG_WORDS[self.value], "zh_CN")

    @property
    def words(self) -> str:
        """The state in the language set."""
        return messages.translate(_FLAG_WORDS[self.value])

    @property
    def severity(self) -> int:
        return {"at_risk": 1, "over": 2}.get(self.value, 0)

    @property
    def flagged(self) -> bool:
        """At risk or over: a state that warns."""
        return self.severity > 0

    @property
    def recorded(self) -> FlagState:
        """The state the flag history keeps: a member not judged (yet) is not flagged, and
        a change between 'normal' and 'not judged yet' is no event."""
        return self if self.flagged else FlagState.OK


# A flag's state in words, marked for the text catalogue (the Chinese is in the .po).
_FLAG_WORDS = {
    FlagState.OK.value: NC_("attendance flag", "ok"),
    FlagState.AT_RISK.value: NC_("attendance flag", "at risk"),
    FlagState.OVER.value: NC_("attendance flag", "over"),
    FlagState.NOT_JUDGED.value: NC_("attendance flag", "not judged"),
    FlagState.NO_LINE.value: NC_("attendance flag", "no line"),
}


WINDOW_CYCLE = "cycle"
WINDOW_SCHOOL_YEAR = "school_year"


class Span(Protocol):
    """A stretch of days (a school year, a report's period, a cycle)."""

    @property
    def first_day(self) -> dt.date: ...

    @property
    def last_day(self) -> dt.date: ...


@dataclass(frozen=True)
class CountWindow:
    """Which sessions a flag counts: those held from ``first`` to ``last``, ``last`` being
    the day the flag stands at. ``basis`` is the studio's attendance.window setting."""

    basis: str  # WINDOW_CYCLE | WINDOW_SCHOOL_YEAR
    first: dt.date
    last: dt.date

    def covers(self, period: Span) -> bool:
        """Counts exactly the period's sessions up to the window's last day."""
        return self.first == period.first_day

    @property
    def text(self) -> str:
        """As the documents state it: 建设周期累计（2024年9月1日至2026年8月31日） or
        2025-2026学年（2025年9月1日至2026年8月31日）."""
        days = f"（{date_zh(self.first)}至{date_zh(self.last)}）"
        if self.basis == WINDOW_SCHOOL_YEAR:
            return f"{SchoolYear.of(self.first).label}学年{days}"
        return f"建设周期累计{days}"


@dataclass(frozen=True)
class AttendanceRules:
    line: Fraction | None = Fraction(1, 3)  # None: the studio has no absence line
    leave_counts_as_absence: bool = True
    exact_line_counts: bool = False  # "以上" read as including the line itself
    window: str = WINDOW_CYCLE
    min_sessions: int = 0  # judged only once expected at this many sessions
    line_source: str = ""  # where the line comes from, as a reader knows it

    def is_missed(self, status: str) -> bool:
        if status == AttendanceStatus.ABSENT.code:
            return True
        if status == AttendanceStatus.LEAVE.code:
            return self.leave_counts_as_absence
        return False  # present, late and left early were there

    def crossed(self, missed: int, expected: int) -> bool:
        if expected <= 0 or self.line is None:
            return False
        ratio = Fraction(missed, expected)
        return ratio > self.line or (self.exact_line_counts and ratio == self.line)

    def state(self, missed: int, expected: int) -> FlagState:
        if self.line is None:
            return FlagState.NO_LINE
        if expected <= 0:
            return FlagState.OK
        if expected < self.min_sessions:
            return FlagState.NOT_JUDGED
        if self.crossed(missed, expected):
            return FlagState.OVER
        if self.crossed(missed + 1, expected + 1):
            return FlagState.AT_RISK
        return FlagState.OK

    @property
    def text_zh(self) -> str:
        """The rule as the documents print it, with where the line comes from."""
        leave = "请假计为缺勤" if self.leave_counts_as_absence else "请假不计为缺勤"
        if self.line is None:
            return (
                "本工作室未设缺勤比例红线（所依据的文件未作规定），不判定临界、超线；"
                + leave
                + "。"
            )
        words = {Fraction(1, 3): "三分之一", Fraction(1, 4): "四分之一", Fraction(1, 2): "二分之一"}
        name = words.get(self.line, f"{self.line.numerator}/{self.line.denominator}")
        reach = "达到或超过" if self.exact_line_counts else "超过"
        source = f"（依据：{self.line_source}）" if self.line_source else ""
        wait = f"应到未满 {self.min_sessions} 次的成员暂不判定；" if self.min_sessions > 1 else ""
        return (
            f"缺勤次数{reach}应到次数的{name}为“超线”{source}；再缺勤一次即超线为“临界”；"
            f"{wait}{leave}。"
        )

    def tally(self, missed: int, expected: int) -> Tally:
        """The counts with their state, and the minimum they are judged against."""
        return Tally(expected, missed, self.state(missed, expected), self.min_sessions)

    def counted(self, cycle: Cycle, as_of: dt.date, period: Span | None = None) -> CountWindow:
        """The sessions a flag counts when it stands at ``as_of``: the one definition the
        screens (as of today, over the cycle) and a period's documents (as of the period's
        last day, or the day of their data when earlier) share.

        The flag never counts a session after ``period``'s last day: a past year's report
        shows the flags as they stood at its end. Under the ``cycle`` window it counts from
        the cycle's first day (so a year's report may count the years before it, and says
        so); under ``school_year`` from the first day of the school year it stands in,
        never before the period's first day."""
        first = period.first_day if period else cycle.first_day
        last = period.last_day if period else cycle.last_day
        end = min(as_of, last, cycle.last_day)
        if self.window == WINDOW_SCHOOL_YEAR:
            start = max(SchoolYear.of(end).first_day, first)
        else:
            start = cycle.first_day
        return CountWindow(self.window, max(start, cycle.first_day), end)

    def window_range(self, cycle: Cycle, today: dt.date) -> tuple[dt.date, dt.date]:
        """The days whose sessions count now: the cycle so far, or this school year so far."""
        window = self.counted(cycle, today)
        return window.first, window.last


@dataclass(frozen=True)
class Session:
    """One held session a member was expected at: its date and the member's mark."""

    activity_id: int
    date: dt.date
    status: str


@dataclass(frozen=True)
class Tally:
    expected: int
    missed: int
    state: FlagState
    # for NOT_JUDGED: the number of sessions judging waits for (words, not counts)
    min_sessions: int = field(default=0, compare=False)

    @property
    def ratio(self) -> Fraction | None:
        return Fraction(self.missed, self.expected) if self.expected else None

    @property
    def zh(self) -> str:
        """The state as the documents print it; one not judged yet: 未满 4 次，暂不判定."""
        return self._words("zh_CN")

    @property
    def words(self) -> str:
        """The state in the language set."""
        return self._words(None)

    def _words(self, language: str | None) -> str:
        if self.state == FlagState.NOT_JUDGED and self.min_sessions:
            text = messages.translate(messages.MESSAGES["not_judged"], language)
            return messages.fill(text, n=self.min_sessions)
        return messages.translate(_FLAG_WORDS[self.state.value], language)

    @property
    def ratio_text(self) -> str:
        """'3/9', not reduced: the counts a person checks against the sheet."""
        return f"{self.missed}/{self.expected}"


def tally(
    sessions: list[Session],
    rules: AttendanceRules,
    joined_on: dt.date | None,
    left_on: dt.date | None,
    window: tuple[dt.date, dt.date],
) -> Tally:
    start, end = window
    expected = missed = 0
    for session in sessions:
        if not start <= session.date <= end:
            continue
        if joined_on and session.date < joined_on:
            continue
        if left_on and session.date > left_on:
            continue
        expected += 1
        if rules.is_missed(session.status):
            missed += 1
    return rules.tally(missed, expected)
