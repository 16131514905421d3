"""The periods a studio reports on: a school year of its cycle, the cycle's mid-term review
(its first school years up to the middle one) or its final review (the whole cycle).

One ``Period`` serves the submission bundle (its label is written in bag-info.txt and
data.json, its slug names files) and the period documents (the annual report, the
growth files, the period workbook: their titles and date ranges).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.domain import messages
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.school_year import Cycle, SchoolYear, date_zh
from desktop_app.domain.vocab import AssessmentKind

SCHOOL_YEAR = "school_year"
MIDTERM = "midterm"
FINAL = "final"
PERIOD_KINDS = (SCHOOL_YEAR, MIDTERM, FINAL)
REPORT_TITLES = {SCHOOL_YEAR: "年度报告", MIDTERM: "中期报告", FINAL: "终期报告"}


@dataclass(frozen=True)
class Period:
    kind: str  # school_year | midterm | final
    label: str  # as written in bag-info.txt and data.json: 2025-2026, 2024-2027中期
    first_day: dt.date
    last_day: dt.date
    school_years: tuple[SchoolYear, ...]
    cycle: str = ""  # the cycle's label (2024-2027), for the mid-term and the final

    @property
    def slug(self) -> str:
        """ASCII, for folder and file names: 2025-2026, midterm-2024-2027."""
        return self.label if self.kind == SCHOOL_YEAR else f"{self.kind}-{self.cycle}"

    def contains(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def title(self) -> str:
        """The period in the user's language, for the export page."""
        if self.kind == SCHOOL_YEAR:
            return messages.text("export_period_school_year", label=self.label)
        return messages.text(
            f"export_period_{self.kind}",
            cycle=self.cycle,
            first=self.first_day.isoformat(),
            last=self.last_day.isoformat(),
        )

    # --- the words of the documents (Chinese) ---

    @property
    def report_title(self) -> str:
        """年度报告 / 中期报告 / 终期报告."""
        return REPORT_TITLES.get(self.kind, REPORT_TITLES[SCHOOL_YEAR])

    @property
    def name(self) -> str:
        """2025-2026学年 / 2024-2027建设周期中期 / 2024-2027建设周期终期."""
        if self.kind in (MIDTERM, FINAL):
            cycle = self.cycle or self.label.removesuffix("中期").removesuffix("终期")
            return f"{cycle}建设周期{'中期' if self.kind == MIDTERM else '终期'}"
        if len(self.school_years) == 1:
            return f"{self.school_years[0].label}学年"
        return self.label

    @property
    def short(self) -> str:
        """For page headers: 2025-2026学年, 2024-2027建设周期."""
        if self.kind in (MIDTERM, FINAL):
            return self.name.removesuffix("中期").removesuffix("终期")
        return self.name

    @property
    def text(self) -> str:
        """2025-2026学年（2025年9月1日至2026年8月31日）."""
        return f"{self.name}（{date_zh(self.first_day)}至{date_zh(self.last_day)}）"


def school_year_period(year: SchoolYear) -> Period:
    return Period(SCHOOL_YEAR, year.label, year.first_day, year.last_day, (year,))


def cycle_period(cycle: Cycle, kind: str) -> Period:
    """The mid-term review covers the cycle's first school years up to its middle one
    (2024-2025 and 2025-2026 of a three-year cycle); the final review the whole cycle."""
    years = cycle.school_years
    if kind == MIDTERM:
        years = years[: (len(years) + 1) // 2]
    elif kind != FINAL:
        raise ValueError(f"not a review period: {kind!r}")
    word = "中期" if kind == MIDTERM else "终期"
    return Period(
        kind,
        f"{cycle.label}{word}",
        years[0].first_day,
        years[-1].last_day,
        tuple(years),
        cycle.label,
    )


_KIND_WORDS = {
    MIDTERM: (MIDTERM, "mid-term", "mid", "中期", AssessmentKind.MIDTERM.zh),
    FINAL: (FINAL, "end", "终期", AssessmentKind.FINAL.zh),
}


def parse_period(text: str, cycle: Cycle) -> Period:
    """ "2025-2026" (or 2025, 2025-2026学年): a school year of the cycle; "midterm" / "中期";
    "final" / "终期". Raises ValidationError (field "period") with a sentence saying what
    is accepted."""
    word = " ".join(str(text).split()).lower()
    for kind, words in _KIND_WORDS.items():
        if word in words:
            return cycle_period(cycle, kind)
    try:
        year = SchoolYear.parse(word)
    except ValueError:
        raise ValidationError.single(
            "period",
            "export_bad_period",
            value=text,
            cycle=cycle.label,
            example=cycle.first.label,
        ) from None
    if not cycle.first.start <= year.start <= cycle.last.start:
        raise ValidationError.single(
            "period", "export_year_outside_cycle", value=year.label, cycle=cycle.label
        )
    return school_year_period(year)


def all_periods(cycle: Cycle) -> list[Period]:
    """Every period of the cycle: its school years, then the mid-term and the final."""
    return [
        *(school_year_period(y) for y in cycle.school_years),
        cycle_period(cycle, MIDTERM),
        cycle_period(cycle, FINAL),
    ]
