"""The absence ratio and the one-third line (seed 004 §四(二)3).

A member's ratio is sessions missed over sessions expected, counting only sessions held
while they belonged, inside the studio's window. Arithmetic is exact: 3 of 9 is one third.
Seed 004 says "缺勤三分之一以上"; whether exactly one third already counts is a setting
(in Chinese legal usage "以上" includes the number itself).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Protocol

from desktop_app.domain.school_year import Cycle, SchoolYear, date_zh
from desktop_app.domain.vocab import AttendanceStatus


class FlagState(StrEnum):
    OK = "ok"
    AT_RISK = "at_risk"  # missing the next session would cross the line
    OVER = "over"  # crossed

    @property
    def zh(self) -> str:
        return {"ok": "正常", "at_risk": "临界", "over": "超线"}[self.value]

    @property
    def severity(self) -> int:
        return {"ok": 0, "at_risk": 1, "over": 2}[self.value]


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
    line: Fraction = Fraction(1, 3)
    leave_counts_as_absence: bool = True
    exact_line_counts: bool = False  # "以上" read as including the line itself
    window: str = WINDOW_CYCLE

    def is_missed(self, status: str) -> bool:
        if status == AttendanceStatus.ABSENT.code:
            return True
        if status == AttendanceStatus.LEAVE.code:
            return self.leave_counts_as_absence
        return False  # present, late and left early were there

    def crossed(self, missed: int, expected: int) -> bool:
        if expected <= 0:
            return False
        ratio = Fraction(missed, expected)
        return ratio > self.line or (self.exact_line_counts and ratio == self.line)

    def state(self, missed: int, expected: int) -> FlagState:
        if expected <= 0:
            return FlagState.OK
        if self.crossed(missed, expected):
            return FlagState.OVER
        if self.crossed(missed + 1, expected + 1):
            return FlagState.AT_RISK
        return FlagState.OK

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

    @property
    def ratio(self) -> Fraction | None:
        return Fraction(self.missed, self.expected) if self.expected else None

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
    return Tally(expected, missed, rules.state(missed, expected))
