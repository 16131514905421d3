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

from desktop_app.domain.school_year import Cycle, SchoolYear
from desktop_app.domain.vocab import AttendanceStatus


class FlagState(StrEnum):
    OK = "ok"
    AT_RISK = "at_risk"  # missing the next session would cross the line
    OVER = "over"  # crossed
    NOT_JUDGED = "not_judged"  # expected at fewer sessions than the studio's minimum
    NO_LINE = "no_line"  # the studio has no absence line

    @property
    def zh(self) -> str:
        return {
            "ok": "正常",
            "at_risk": "临界",
            "over": "超线",
            "not_judged": "暂不判定",
            "no_line": "未设红线",
        }[self.value]

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


WINDOW_CYCLE = "cycle"
WINDOW_SCHOOL_YEAR = "school_year"


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

    def window_range(self, cycle: Cycle, today: dt.date) -> tuple[dt.date, dt.date]:
        """The days whose sessions count: the cycle so far, or this school year so far."""
        end = min(today, cycle.last_day)
        if self.window == WINDOW_SCHOOL_YEAR:
            start = SchoolYear.of(end).first_day
        else:
            start = cycle.first_day
        return max(start, cycle.first_day), end


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
        if self.state == FlagState.NOT_JUDGED and self.min_sessions:
            return f"未满 {self.min_sessions} 次，{self.state.zh}"
        return self.state.zh

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
