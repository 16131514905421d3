"""The funding ledger's pure rules: fiscal years (calendar or school year), what an entry
or a reversal does to the balance, the ring-fence, closed periods."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from desktop_app.domain.ledger import (
    FISCAL_CALENDAR,
    FISCAL_SCHOOL_YEAR,
    ClosedPeriod,
    Direction,
    FiscalYear,
    IncomeSource,
    Movement,
    balance,
    breaches_ring_fence,
    entry_kind_zh,
)

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "studiodesk-hypothesis")
quick = settings(database=None, deadline=None, max_examples=300)

D = dt.date
IN, OUT = Direction.INCOME, Direction.EXPENSE


# --- directions and sources ---


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("收入", IN),
        (" 收 入 ", IN),
        ("收", IN),
        ("income", IN),
        ("支出", OUT),
        ("支", OUT),
        ("expense", OUT),
        ("", None),
        (None, None),
        ("退款", None),
    ],
)
def test_direction_words(text, direction):
    assert Direction.parse(text) is direction


def test_direction_and_source_words():
    assert (IN.zh, OUT.zh) == ("收入", "支出")
    assert [s.zh for s in IncomeSource] == ["学校核拨专项经费", "教育局拨款", "其他收入"]


# --- fiscal years ---


def test_an_entrys_kind_in_words():
    # 收支 as the ledger documents write it and the import reads it back.
    assert entry_kind_zh(IN, reversal=False) == "收入"
    assert entry_kind_zh(OUT, reversal=False) == "支出"
    assert entry_kind_zh(IN, reversal=True) == "冲销收入"
    assert entry_kind_zh(OUT, reversal=True) == "冲销支出"


def test_calendar_year_is_the_default():
    year = FiscalYear.of(D(2025, 11, 3))
    assert year == FiscalYear(2025, FISCAL_CALENDAR)
    assert (year.first_day, year.last_day) == (D(2025, 1, 1), D(2025, 12, 31))
    assert year.label == "2025年"
    assert FiscalYear.of(D(2025, 1, 1)) == FiscalYear.of(D(2025, 12, 31)) == year
    assert FiscalYear.of(D(2026, 1, 1)) != year


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (D(2025, 9, 1), 2025),
        (D(2025, 12, 31), 2025),
        (D(2026, 1, 1), 2025),
        (D(2026, 8, 31), 2025),
        (D(2026, 9, 1), 2026),
        (D(2025, 8, 31), 2024),
    ],
)
def test_school_year_bounds(day, start):
    year = FiscalYear.of(day, FISCAL_SCHOOL_YEAR)
    assert year == FiscalYear(start, FISCAL_SCHOOL_YEAR)
    assert year.first_day == D(start, 9, 1)
    assert year.last_day == D(start + 1, 8, 31)
    assert year.contains(day)


def test_school_year_label_and_contains():
    year = FiscalYear(2025, FISCAL_SCHOOL_YEAR)
    assert year.label == "2025-2026学年"
    assert year.contains(D(2025, 9, 1)) and year.contains(D(2026, 8, 31))
    assert not year.contains(D(2025, 8, 31)) and not year.contains(D(2026, 9, 1))
    # Same number, another kind: another year.
    assert year != FiscalYear(2025)


def test_months_of_a_calendar_year():
    assert FiscalYear(2025).months() == [(2025, m) for m in range(1, 13)]


def test_months_of_a_school_year():
    assert FiscalYear(2025, FISCAL_SCHOOL_YEAR).months() == [
        (2025, 9),
        (2025, 10),
        (2025, 11),
        (2025, 12),
        (2026, 1),
        (2026, 2),
        (2026, 3),
        (2026, 4),
        (2026, 5),
        (2026, 6),
        (2026, 7),
        (2026, 8),
    ]


@quick
@given(
    st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)),
    st.sampled_from([FISCAL_CALENDAR, FISCAL_SCHOOL_YEAR]),
)
def test_every_day_lies_in_exactly_its_fiscal_year(day, kind):
    year = FiscalYear.of(day, kind)
    assert year.contains(day)
    assert year.first_day <= day <= year.last_day
    assert (day.year, day.month) in year.months()
    before, after = FiscalYear(year.start_year - 1, kind), FiscalYear(year.start_year + 1, kind)
    assert not before.contains(day) and not after.contains(day)
    assert before.last_day + dt.timedelta(days=1) == year.first_day
    assert year.last_day + dt.timedelta(days=1) == after.first_day
    assert len(set(year.months())) == 12


# --- movements and the balance ---


@pytest.mark.parametrize(
    ("direction", "reverses", "signed"),
    [
        (IN, False, 300000),  # an income brings money in
        (OUT, False, -300000),  # an expense takes it out
        (IN, True, -300000),  # reversing an income takes it back out
        (OUT, True, 300000),  # reversing an expense gives it back
    ],
)
def test_signed_fen(direction, reverses, signed):
    assert Movement(D(2025, 3, 1), direction, 300000, reverses).signed_fen == signed


def test_balance_is_the_sum_of_the_signed_amounts():
    moves = [
        Movement(D(2025, 1, 6), IN, 300000),
        Movement(D(2025, 3, 1), OUT, 36500),
        Movement(D(2025, 3, 8), OUT, 36500, reverses=True),
        Movement(D(2025, 3, 8), OUT, 35650),
        Movement(D(2025, 6, 1), IN, 150000),
    ]
    assert balance(moves) == 300000 + 150000 - 35650
    assert balance([]) == 0


@quick
@given(
    st.lists(
        st.tuples(st.sampled_from([IN, OUT]), st.integers(min_value=1, max_value=10**9)),
        max_size=20,
    )
)
def test_an_entry_and_its_reversal_cancel_out(entries):
    moves = [Movement(D(2025, 5, 1), d, fen) for d, fen in entries]
    reversals = [Movement(D(2025, 6, 1), d, fen, reverses=True) for d, fen in entries]
    assert balance(moves + reversals) == 0
    assert balance(moves) == sum(fen if d is IN else -fen for d, fen in entries)


# --- the ring-fence ---

GRANT = Movement(D(2025, 1, 6), IN, 300000)


@pytest.mark.parametrize(
    ("year", "new", "breaches"),
    [
        ([GRANT], Movement(D(2025, 5, 1), OUT, 300000), False),  # down to exactly zero
        ([GRANT], Movement(D(2025, 5, 1), OUT, 300001), True),  # one fen below
        ([], Movement(D(2025, 5, 1), OUT, 1), True),  # nothing in yet
        ([], Movement(D(2025, 5, 1), IN, 1), False),  # incomes never breach
        ([GRANT], Movement(D(2025, 5, 1), IN, 300000, reverses=True), False),  # back to zero
        (
            [GRANT, Movement(D(2025, 2, 1), OUT, 100000)],
            Movement(D(2025, 5, 1), IN, 300000, reverses=True),  # taking the grant back
            True,
        ),
        (
            [GRANT, Movement(D(2025, 2, 1), OUT, 400000)],  # already overdrawn
            Movement(D(2025, 5, 1), OUT, 400000, reverses=True),  # a reversal gives back
            False,
        ),
        (
            [GRANT, Movement(D(2025, 2, 1), OUT, 400000)],  # already overdrawn
            Movement(D(2025, 5, 1), OUT, 1),  # any further expense breaches
            True,
        ),
    ],
)
def test_breaches_ring_fence(year, new, breaches):
    assert breaches_ring_fence(year, new) is breaches


@quick
@given(
    st.lists(
        st.tuples(
            st.sampled_from([IN, OUT]), st.integers(min_value=1, max_value=10**6), st.booleans()
        ),
        max_size=12,
    ),
    st.sampled_from([IN, OUT]),
    st.integers(min_value=1, max_value=10**6),
    st.booleans(),
)
def test_breach_means_the_balance_falls_below_zero(entries, direction, fen, reverses):
    year = [Movement(D(2025, 5, 1), d, f, r) for d, f, r in entries]
    new = Movement(D(2025, 6, 1), direction, fen, reverses)
    after = balance(year) + new.signed_fen
    assert breaches_ring_fence(year, new) is (new.signed_fen < 0 and after < 0)


# --- closed periods ---


def test_closed_month():
    march = ClosedPeriod(2025, 3)
    assert march.covers(D(2025, 3, 1)) and march.covers(D(2025, 3, 31))
    assert not march.covers(D(2025, 2, 28)) and not march.covers(D(2025, 4, 1))
    assert not march.covers(D(2024, 3, 15))
    assert march.label == "2025年3月"


def test_closed_calendar_year():
    year = ClosedPeriod(2025, None)
    assert year.covers(D(2025, 1, 1)) and year.covers(D(2025, 12, 31))
    assert not year.covers(D(2024, 12, 31)) and not year.covers(D(2026, 1, 1))
    assert year.label == "2025年"


def test_closed_school_year():
    fiscal = FiscalYear(2025, FISCAL_SCHOOL_YEAR)
    period = ClosedPeriod(2025, None, fiscal)
    assert period.covers(D(2025, 9, 1)) and period.covers(D(2026, 8, 31))
    assert not period.covers(D(2025, 8, 31)) and not period.covers(D(2026, 9, 1))
    assert period.label == "2025-2026学年"
