"""School years run September to August; a school year is named by its starting year."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

FIRST_MONTH = 9


def date_zh(day: dt.date) -> str:
    """2025年9月1日: a day as the documents write it."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True, order=True)
class SchoolYear:
    start: int  # 2025 means 2025-09-01 .. 2026-08-31

    @classmethod
    def of(cls, day: dt.date) -> SchoolYear:
        return cls(day.year if day.month >= FIRST_MONTH else day.year - 1)

    @classmethod
    def parse(cls, text: str) -> SchoolYear:
        """'2025', '2025-2026' or '2025—2026学年'."""
        match = re.fullmatch(r"\s*(\d{4})(?:\s*[-–—~/至]\s*(\d{4}))?\s*(?:学年)?\s*", text)
        if not match:
            raise ValueError(f"not a school year: {text!r}")
        start = int(match.group(1))
        if match.group(2) and int(match.group(2)) != start + 1:
            raise ValueError(f"not a school year: {text!r}")
        return cls(start)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.start, FIRST_MONTH, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.start + 1, FIRST_MONTH, 1) - dt.timedelta(days=1)

    def contains(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def next(self) -> SchoolYear:
        return SchoolYear(self.start + 1)

    @property
    def label(self) -> str:
        return f"{self.start}-{self.start + 1}"

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Cycle:
    """A build cycle of whole school years: first..last inclusive (2024, 2026 is three
    years, written 2024-2027 after the calendar years it spans)."""

    first: SchoolYear
    last: SchoolYear

    @classmethod
    def from_years(cls, start_year: int, end_year: int) -> Cycle:
        """start_year=2024, end_year=2027 (as written "2024-2027") = three school years."""
        if end_year <= start_year:
            raise ValueError("cycle must end after it starts")
        return cls(SchoolYear(start_year), SchoolYear(end_year - 1))

    @property
    def school_years(self) -> list[SchoolYear]:
        return [SchoolYear(y) for y in range(self.first.start, self.last.start + 1)]

    @property
    def length(self) -> int:
        return self.last.start - self.first.start + 1

    @property
    def first_day(self) -> dt.date:
        return self.first.first_day

    @property
    def last_day(self) -> dt.date:
        return self.last.last_day

    @property
    def label(self) -> str:
        return f"{self.first.start}-{self.last.start + 1}"


def term_of(day: dt.date) -> tuple[SchoolYear, int]:
    """Term 1 (上学期) runs September to January, term 2 (下学期) February to August."""
    return SchoolYear.of(day), 1 if day.month >= FIRST_MONTH or day.month == 1 else 2


def age_on(birth: dt.date, day: dt.date) -> int:
    """Full years of age (周岁) on a day."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def school_years_served(since: int, day: dt.date) -> int:
    """Whole school years served by ``day`` counting from the school year that started in
    September of ``since``: a head teacher is appointed for a school year, and "具备3年
    …班主任工作经验" asks for years already served, so a year counts once it has ended."""
    return max(SchoolYear.of(day + dt.timedelta(days=1)).start - since, 0)
