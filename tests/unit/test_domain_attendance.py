"""The absence ratio and the one-third line (seed 004 §四(二)3): exact arithmetic, the
boundaries, the window, who counts, and properties that hold for any counts."""

from __future__ import annotations

import datetime as dt
import tempfile
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from desktop_app.domain.attendance import (
    WINDOW_CYCLE,
    WINDOW_SCHOOL_YEAR,
    AttendanceRules,
    FlagState,
    Session,
    Tally,
    tally,
)
from desktop_app.domain.school_year import Cycle, SchoolYear, term_of

DEFAULT = AttendanceRules()
EXACT = AttendanceRules(exact_line_counts=True)
CYCLE = Cycle.from_years(2024, 2027)
WHOLE_CYCLE = (CYCLE.first_day, CYCLE.last_day)
# Hypothesis keeps its files out of the working tree, and no example database.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "studiodesk-hypothesis")
quick = settings(database=None, deadline=None, max_examples=300)


def sessions(*statuses: str, start: dt.date = dt.date(2024, 9, 18)) -> list[Session]:
    """One session a fortnight from ``start``, with these marks."""
    return [
        Session(i + 1, start + dt.timedelta(days=14 * i), status)
        for i, status in enumerate(statuses)
    ]


# --- the boundaries ---


@pytest.mark.parametrize(
    ("missed", "expected", "by_default", "with_exact_third"),
    [
        (3, 9, FlagState.AT_RISK, FlagState.OVER),  # exactly 1/3; 4 of 10 would cross
        (4, 12, FlagState.AT_RISK, FlagState.OVER),  # exactly 1/3; 5 of 13 would cross
        (4, 11, FlagState.OVER, FlagState.OVER),  # more than 1/3
        (2, 9, FlagState.OK, FlagState.OK),  # 3 of 10 would still be under
        (0, 0, FlagState.OK, FlagState.OK),  # no expected sessions
        (3, 10, FlagState.AT_RISK, FlagState.AT_RISK),  # 4 of 11 would cross
        (3, 11, FlagState.OK, FlagState.AT_RISK),  # 4 of 12 is exactly 1/3
        (9, 9, FlagState.OVER, FlagState.OVER),
    ],
)
def test_states_at_the_boundaries(missed, expected, by_default, with_exact_third):
    assert DEFAULT.state(missed, expected) == by_default
    assert EXACT.state(missed, expected) == with_exact_third


def test_crossed_is_exact_not_floating_point():
    assert not DEFAULT.crossed(3, 9)
    assert EXACT.crossed(3, 9)
    assert DEFAULT.crossed(333_334, 1_000_000)  # 0.333334 > 1/3
    assert not DEFAULT.crossed(333_333, 1_000_000)
    assert not EXACT.crossed(333_333, 999_999 + 1)
    assert EXACT.crossed(333_333, 999_999)  # exactly 1/3
    assert not DEFAULT.crossed(0, 0) and not EXACT.crossed(0, 0)


def test_another_line():
    quarter = AttendanceRules(line=Fraction(1, 4))
    assert quarter.state(2, 8) == FlagState.AT_RISK  # 3 of 9 would cross 1/4
    assert quarter.state(3, 9) == FlagState.OVER
    assert quarter.state(2, 10) == FlagState.AT_RISK  # 3 of 11 is over 1/4
    assert quarter.state(2, 12) == FlagState.OK  # 3 of 13 is under 1/4
    assert AttendanceRules(line=Fraction(1, 4), exact_line_counts=True).state(2, 8) == (
        FlagState.OVER
    )


def test_state_words_and_severity():
    assert [s.zh for s in FlagState] == ["正常", "临界", "超线", "暂不判定", "未设红线"]
    assert [s.severity for s in FlagState] == [0, 1, 2, 0, 0]
    assert [s.flagged for s in FlagState] == [False, True, True, False, False]
    # the history keeps flags only: not judged (yet) is recorded as normal
    assert [s.recorded for s in FlagState] == [
        FlagState.OK,
        FlagState.AT_RISK,
        FlagState.OVER,
        FlagState.OK,
        FlagState.OK,
    ]


# --- the minimum number of sessions, and no line at all ---

JIANGYIN = AttendanceRules(exact_line_counts=True, min_sessions=4)


@pytest.mark.parametrize(
    ("missed", "expected", "state"),
    [
        (1, 1, FlagState.NOT_JUDGED),  # the first session, on leave: no 超线
        (0, 1, FlagState.NOT_JUDGED),  # the first session, present: no 临界 0/1
        (3, 3, FlagState.NOT_JUDGED),  # missed all three, still 未满 4 次
        (2, 3, FlagState.NOT_JUDGED),
        (2, 4, FlagState.OVER),  # judged from the fourth session
        (1, 4, FlagState.AT_RISK),  # 2 of 5 would be over
        (3, 9, FlagState.OVER),  # exactly one third is over under jiangyin
        (2, 9, FlagState.OK),  # 3 of 10 is still under a third
        (0, 0, FlagState.OK),  # no sessions: nothing to count
    ],
)
def test_nobody_is_judged_before_the_minimum(missed, expected, state):
    assert JIANGYIN.state(missed, expected) == state
    assert JIANGYIN.tally(missed, expected) == Tally(expected, missed, state, 4)


def test_without_a_line_nobody_is_judged():
    rules = AttendanceRules(line=None, min_sessions=4)
    for missed, expected in ((0, 0), (1, 1), (3, 9), (9, 9), (5, 12)):
        assert rules.state(missed, expected) == FlagState.NO_LINE
        assert not rules.crossed(missed, expected)


# --- what counts as missed ---


def test_leave_counts_unless_the_setting_says_otherwise():
    without_leave = AttendanceRules(leave_counts_as_absence=False)
    assert DEFAULT.is_missed("absent") and without_leave.is_missed("absent")
    assert DEFAULT.is_missed("leave")
    assert not without_leave.is_missed("leave")
    for status in ("present", "late", "left_early"):
        assert not DEFAULT.is_missed(status) and not without_leave.is_missed(status)

    marks = sessions("present", "leave", "leave", "absent", "late", "left_early")
    assert tally(marks, DEFAULT, None, None, WHOLE_CYCLE) == Tally(6, 3, FlagState.OVER)
    assert tally(marks, without_leave, None, None, WHOLE_CYCLE) == Tally(6, 1, FlagState.OK)


# --- the window ---


def test_window_cycle_runs_from_the_cycle_start_to_today():
    today = dt.date(2026, 11, 21)
    assert DEFAULT.window_range(CYCLE, today) == (dt.date(2024, 9, 1), today)


def test_window_school_year_runs_from_this_september():
    rules = AttendanceRules(window=WINDOW_SCHOOL_YEAR)
    assert rules.window_range(CYCLE, dt.date(2026, 11, 21)) == (
        dt.date(2026, 9, 1),
        dt.date(2026, 11, 21),
    )
    assert rules.window_range(CYCLE, dt.date(2026, 8, 31)) == (
        dt.date(2025, 9, 1),
        dt.date(2026, 8, 31),
    )
    assert rules.window_range(CYCLE, dt.date(2024, 9, 1)) == (
        dt.date(2024, 9, 1),
        dt.date(2024, 9, 1),
    )


def test_window_after_the_cycle_ended_stops_at_its_last_day():
    later = dt.date(2028, 3, 1)
    assert DEFAULT.window == WINDOW_CYCLE
    assert DEFAULT.window_range(CYCLE, later) == (dt.date(2024, 9, 1), dt.date(2027, 8, 31))
    rules = AttendanceRules(window=WINDOW_SCHOOL_YEAR)
    assert rules.window_range(CYCLE, later) == (dt.date(2026, 9, 1), dt.date(2027, 8, 31))


def test_tally_counts_only_sessions_inside_the_window():
    marks = [
        Session(1, dt.date(2024, 8, 30), "absent"),  # before the cycle
        Session(2, dt.date(2025, 10, 15), "absent"),
        Session(3, dt.date(2026, 9, 16), "present"),
        Session(4, dt.date(2026, 10, 21), "absent"),
        Session(5, dt.date(2026, 11, 22), "absent"),  # after today
    ]
    today = dt.date(2026, 11, 21)
    whole = DEFAULT.window_range(CYCLE, today)
    assert tally(marks, DEFAULT, None, None, whole) == Tally(3, 2, FlagState.OVER)
    this_year = AttendanceRules(window=WINDOW_SCHOOL_YEAR)
    assert tally(marks, this_year, None, None, this_year.window_range(CYCLE, today)) == Tally(
        2, 1, FlagState.OVER
    )


# --- who was expected: only while they belonged ---


def test_a_member_who_joined_mid_cycle_is_counted_from_joining():
    marks = sessions(*["absent"] * 4, *["present"] * 6)  # 2024-09-18 … 2025-01-22
    joined = marks[4].date  # the first four were before they came
    assert tally(marks, DEFAULT, joined, None, WHOLE_CYCLE) == Tally(6, 0, FlagState.OK)
    assert tally(marks, DEFAULT, joined + dt.timedelta(days=1), None, WHOLE_CYCLE) == Tally(
        5, 0, FlagState.OK
    )


def test_a_member_who_left_is_counted_until_leaving():
    marks = sessions(*["present"] * 6, *["absent"] * 4)
    left = marks[5].date
    assert tally(marks, DEFAULT, None, left, WHOLE_CYCLE) == Tally(6, 0, FlagState.OK)
    assert tally(marks, DEFAULT, None, left - dt.timedelta(days=1), WHOLE_CYCLE) == Tally(
        5, 0, FlagState.OK
    )
    both = tally(marks, DEFAULT, marks[2].date, marks[7].date, WHOLE_CYCLE)
    assert both == Tally(6, 2, FlagState.AT_RISK)  # 2 of 6 is exactly 1/3


# --- the tally itself ---


def test_tally_ratio_is_an_exact_fraction_and_its_text_is_not_reduced():
    t = tally(sessions(*["absent"] * 3, *["present"] * 6), DEFAULT, None, None, WHOLE_CYCLE)
    assert t == Tally(9, 3, FlagState.AT_RISK)
    assert t.ratio == Fraction(1, 3)
    assert isinstance(t.ratio, Fraction)
    assert t.ratio_text == "3/9"
    assert Tally(0, 0, FlagState.OK).ratio is None
    assert Tally(0, 0, FlagState.OK).ratio_text == "0/0"


# --- terms ---


@pytest.mark.parametrize(
    ("day", "year", "term"),
    [
        (dt.date(2025, 9, 1), 2025, 1),
        (dt.date(2025, 12, 31), 2025, 1),
        (dt.date(2026, 1, 31), 2025, 1),  # January is still the first term
        (dt.date(2026, 2, 1), 2025, 2),
        (dt.date(2026, 6, 30), 2025, 2),
        (dt.date(2026, 8, 31), 2025, 2),
        (dt.date(2026, 9, 1), 2026, 1),
    ],
)
def test_term_of(day, year, term):
    assert term_of(day) == (SchoolYear(year), term)


# --- properties ---

counts = st.integers(min_value=0, max_value=200).flatmap(
    lambda expected: st.tuples(st.integers(min_value=0, max_value=expected), st.just(expected))
)
rules = st.builds(
    AttendanceRules,
    line=st.fractions(min_value=Fraction(1, 20), max_value=Fraction(19, 20), max_denominator=20),
    leave_counts_as_absence=st.booleans(),
    exact_line_counts=st.booleans(),
)
statuses = st.lists(
    st.sampled_from(["present", "late", "left_early", "leave", "absent"]), max_size=60
)


@quick
@given(statuses, rules)
def test_ratio_never_exceeds_one(marks, r):
    t = tally(sessions(*marks), r, None, None, WHOLE_CYCLE)
    assert t.expected == len(marks)
    assert 0 <= t.missed <= t.expected
    if t.ratio is not None:
        assert 0 <= t.ratio <= 1


@quick
@given(statuses, rules, st.sampled_from(["present", "late", "left_early"]))
def test_a_session_attended_never_raises_the_ratio(marks, r, attended):
    before = tally(sessions(*marks), r, None, None, WHOLE_CYCLE)
    after = tally(sessions(*marks, attended), r, None, None, WHOLE_CYCLE)
    assert after.missed == before.missed
    if before.ratio is not None:
        assert after.ratio <= before.ratio
        if before.ratio > 0:
            assert after.ratio < before.ratio


@quick
@given(counts, rules)
def test_a_missed_session_never_improves_the_state(pair, r):
    missed, expected = pair
    assert r.state(missed + 1, expected + 1).severity >= r.state(missed, expected).severity


@quick
@given(statuses, rules, st.sampled_from(["leave", "absent"]))
def test_a_missed_session_never_improves_the_tallied_state(marks, r, away):
    before = tally(sessions(*marks), r, None, None, WHOLE_CYCLE)
    after = tally(sessions(*marks, away), r, None, None, WHOLE_CYCLE)
    if r.is_missed(away):
        assert after.state.severity >= before.state.severity


@quick
@given(counts, rules)
def test_counting_exactly_the_line_is_never_better(pair, r):
    missed, expected = pair
    strict = AttendanceRules(r.line, r.leave_counts_as_absence, False, r.window)
    inclusive = AttendanceRules(r.line, r.leave_counts_as_absence, True, r.window)
    assert inclusive.state(missed, expected).severity >= strict.state(missed, expected).severity


@quick
@given(counts, rules)
def test_at_risk_is_one_missed_session_from_the_line(pair, r):
    missed, expected = pair
    state = r.state(missed, expected)
    assert (state == FlagState.OVER) == r.crossed(missed, expected)
    if state == FlagState.AT_RISK:
        assert r.state(missed + 1, expected + 1) == FlagState.OVER
