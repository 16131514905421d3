"""The funding ledger's rules (经费台账): ring-fenced money, never edited away.

Seed 004 五(二)3: 3000 yuan per studio per year, 单独列支、专款专用, for 培训研修、课程资源开发、
专家指导、课题研究. Entries are amounts in fen, always positive; an entry either brings money
in or takes it out, and a reversal undoes exactly one earlier entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.domain.school_year import SchoolYear

# The spending categories are a rule of the studio's preset (seed 004 五(二)3 lists them),
# or the studio's own where its document lists none (domain.presets.STUDIO_RULES).

FISCAL_CALENDAR = "calendar"
FISCAL_SCHOOL_YEAR = "school_year"


class Direction(StrEnum):
    INCOME = "income"
    EXPENSE = "expense"

    @property
    def zh(self) -> str:
        return "收入" if self is Direction.INCOME else "支出"

    @classmethod
    def parse(cls, text: str) -> Direction | None:
        word = "".join(str(text or "").split())
        if word in ("收入", "收", "income", "入"):
            return cls.INCOME
        if word in ("支出", "支", "expense", "出"):
            return cls.EXPENSE
        return None


# 收支 of a reversal is this word before the direction it undoes: 冲销支出, 冲销收入.
REVERSAL_PREFIX = "冲销"


def entry_kind_zh(direction: Direction, reversal: bool) -> str:
    """收入, 支出, 冲销收入 or 冲销支出: an entry's 收支 as the documents write it."""
    return (REVERSAL_PREFIX if reversal else "") + direction.zh


class IncomeSource(StrEnum):
    GRANT = "grant"  # the preset's yearly grant (学校核拨专项经费)
    BUREAU = "bureau"  # 教育局拨款
    OTHER = "other"

    @property
    def zh(self) -> str:
        return {"grant": "学校核拨专项经费", "bureau": "教育局拨款", "other": "其他收入"}[
            self.value
        ]


@dataclass(frozen=True)
class FiscalYear:
    """A calendar year (default) or a school year, named by the year it starts."""

    start_year: int
    kind: str = FISCAL_CALENDAR

    @classmethod
    def of(cls, day: dt.date, kind: str = FISCAL_CALENDAR) -> FiscalYear:
        if kind == FISCAL_SCHOOL_YEAR:
            return cls(SchoolYear.of(day).start, kind)
        return cls(day.year, kind)

    @property
    def first_day(self) -> dt.date:
        if self.kind == FISCAL_SCHOOL_YEAR:
            return SchoolYear(self.start_year).first_day
        return dt.date(self.start_year, 1, 1)

    @property
    def last_day(self) -> dt.date:
        if self.kind == FISCAL_SCHOOL_YEAR:
            return SchoolYear(self.start_year).last_day
        return dt.date(self.start_year, 12, 31)

    def contains(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    @property
    def label(self) -> str:
        if self.kind == FISCAL_SCHOOL_YEAR:
            return f"{self.start_year}-{self.start_year + 1}学年"
        return f"{self.start_year}年"

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of each month in order."""
        first = self.first_day
        return [
            ((first.month - 1 + i) // 12 + first.year, (first.month - 1 + i) % 12 + 1)
            for i in range(12)
        ]


@dataclass(frozen=True)
class Movement:
    """What an entry does to the balance, for the pure calculations."""

    date: dt.date
    direction: Direction
    amount_fen: int
    reverses: bool = False  # a reversal undoes an entry of this direction

    @property
    def signed_fen(self) -> int:
        sign = 1 if self.direction is Direction.INCOME else -1
        return -sign * self.amount_fen if self.reverses else sign * self.amount_fen


def balance(movements: list[Movement]) -> int:
    return sum(m.signed_fen for m in movements)


def breaches_ring_fence(year_movements: list[Movement], new: Movement) -> bool:
    """Would the year's balance go below zero with this entry? Only an entry that takes
    money out (an expense, or reversing an income) can breach it."""
    if new.signed_fen >= 0:
        return False
    return balance(year_movements) + new.signed_fen < 0


@dataclass(frozen=True)
class ClosedPeriod:
    year: int
    month: int | None  # None: the whole calendar year… or fiscal year, see ``covers``
    fiscal: FiscalYear | None = None  # set for a closed fiscal year

    def covers(self, day: dt.date) -> bool:
        if self.fiscal is not None:
            return self.fiscal.contains(day)
        if self.month is None:
            return day.year == self.year
        return (day.year, day.month) == (self.year, self.month)

    @property
    def label(self) -> str:
        if self.fiscal is not None:
            return self.fiscal.label
        if self.month is None:
            return f"{self.year}年"
        return f"{self.year}年{self.month}月"
