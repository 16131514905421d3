"""School years run September to August; a build cycle is whole school years."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain.school_year import Cycle, SchoolYear, age_on


def test_september_starts_a_school_year():
    assert SchoolYear.of(dt.date(2025, 8, 31)) == SchoolYear(2024)
    assert SchoolYear.of(dt.date(2025, 9, 1)) == SchoolYear(2025)
    assert SchoolYear.of(dt.date(2026, 1, 1)) == SchoolYear(2025)
    assert SchoolYear.of(dt.date(2025, 12, 31)) == SchoolYear(2025)


def test_school_year_days_and_label():
    year = SchoolYear(2025)
    assert year.first_day == dt.date(2025, 9, 1)
    assert year.last_day == dt.date(2026, 8, 31)
    assert year.contains(dt.date(2026, 8, 31))
    assert not year.contains(dt.date(2026, 9, 1))
    assert not year.contains(dt.date(2025, 8, 31))
    assert year.label == "2025-2026" == str(year)
    assert year.next() == SchoolYear(2026)
    assert SchoolYear(2024) < SchoolYear(2025)


@pytest.mark.parametrize(
    "text", ["2025", "2025-2026", "2025—2026学年", " 2025 至 2026 ", "2025/2026"]
)
def test_school_year_parse(text):
    assert SchoolYear.parse(text) == SchoolYear(2025)


@pytest.mark.parametrize("text", ["2025-2027", "25-26", "二〇二五", ""])
def test_school_year_parse_refuses(text):
    with pytest.raises(ValueError):
        SchoolYear.parse(text)


def test_cycle_from_years_is_three_school_years():
    cycle = Cycle.from_years(2024, 2027)
    assert cycle.school_years == [SchoolYear(2024), SchoolYear(2025), SchoolYear(2026)]
    assert cycle.length == 3
    assert cycle.first_day == dt.date(2024, 9, 1)
    assert cycle.last_day == dt.date(2027, 8, 31)
    assert cycle.label == "2024-2027"


def test_cycle_must_end_after_it_starts():
    with pytest.raises(ValueError):
        Cycle.from_years(2027, 2024)
    with pytest.raises(ValueError):
        Cycle.from_years(2024, 2024)
    assert Cycle.from_years(2024, 2025).length == 1


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (dt.date(1986, 11, 21), dt.date(2026, 11, 21), 40),  # the birthday itself
        (dt.date(1986, 11, 22), dt.date(2026, 11, 21), 39),  # the day before
        (dt.date(1986, 12, 1), dt.date(2026, 11, 21), 39),
        (dt.date(2000, 2, 29), dt.date(2025, 2, 28), 24),  # leap-day birth
        (dt.date(2000, 2, 29), dt.date(2025, 3, 1), 25),
        (dt.date(2000, 1, 1), dt.date(2000, 1, 1), 0),
    ],
)
def test_age_on(birth, day, age):
    assert age_on(birth, day) == age
