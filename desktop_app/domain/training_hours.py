"""Training hours (学时): what a member is credited per school year.

Two sources, kept apart and added once:
  - studio activities: a member marked 出勤, 迟到 or 早退 at an activity is credited the
    activity's 学时 (请假 and 缺勤 are not). An activity without 学时 credits nothing and
    is counted as such ("未定学时"), so that the secretary sees what is missing. Each
    activity counts once for a person, even where two spells of membership both carry a
    mark for it; only sessions held while the person belonged count, as for attendance.
  - the member's own training records (成长档案, kind 培训学时, with their 学时).
A member who joined during the year has the sessions attended since joining and their own
records of the whole year; nothing is pro-rated. Hours are tenths of an hour, exact
integers: 0.1 + 0.1 + 0.1 is 0.3.

Seed 001 二(一)2 (松江): "初任班主任原则上需经过不少于32学时的上岗培训，并具备1年见习班主任
经历" — the check of new head teachers is here too (warns, never blocks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.domain import messages
from desktop_app.domain.composition import Warning, rule_source
from desktop_app.domain.presets import Preset, Rule
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import AttendanceStatus

# Marks that were there: credited the activity's 学时.
CREDITED = frozenset(
    s.code for s in (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY)
)
# A growth record naming the 见习 year (a record titled e.g. "见习班主任（2024-2025学年）").
PROBATION_WORD = "见习"


def credits(status: str) -> bool:
    return status in CREDITED


@dataclass(frozen=True)
class Attended:
    """One activity a person was credited for: marked present, late or left early."""

    activity_id: int
    date: dt.date
    topic: str
    status: str
    hours_tenths: int | None  # the activity's 学时; None or 0: not set


@dataclass(frozen=True)
class OwnTraining:
    """One of the person's own training records (成长档案, 培训学时)."""

    record_id: int
    date: dt.date
    title: str
    hours_tenths: int


@dataclass(frozen=True)
class YearHours:
    """A person's 学时 of one school year."""

    school_year: SchoolYear
    activity_tenths: int = 0  # from studio activities attended
    own_tenths: int = 0  # from their own training records
    activities: int = 0  # activities credited
    without_hours: int = 0  # of them, activities without 学时 (credited nothing)

    @property
    def total_tenths(self) -> int:
        return self.activity_tenths + self.own_tenths


def year_hours(
    year: SchoolYear, attended: Iterable[Attended], own: Iterable[OwnTraining]
) -> YearHours:
    """The one computation of a person's 学时 in ``year``; every screen and document
    shows what this returns. ``attended`` may repeat an activity (two spells of
    membership): it counts once."""
    seen: set[int] = set()
    activity = count = without = 0
    for a in attended:
        if not year.contains(a.date) or not credits(a.status) or a.activity_id in seen:
            continue
        seen.add(a.activity_id)
        count += 1
        if a.hours_tenths:
            activity += a.hours_tenths
        else:
            without += 1
    own_tenths = sum(r.hours_tenths for r in own if year.contains(r.date))
    return YearHours(year, activity, own_tenths, count, without)


def total_tenths(attended: Iterable[Attended], own: Iterable[OwnTraining]) -> int:
    """All 学时 on record for a person (every year): each activity once, plus own records."""
    seen: dict[int, int] = {}
    for a in attended:
        if credits(a.status):
            seen[a.activity_id] = a.hours_tenths or 0
    return sum(seen.values()) + sum(r.hours_tenths for r in own)


def format_hours(tenths: int) -> str:
    """12 → '1.2', 320 → '32', 0 → '0': exact, no float."""
    whole, part = divmod(tenths, 10)
    return f"{whole}.{part}" if part else str(whole)


# --- seed 001 二(一)2: new head teachers ---


@dataclass(frozen=True)
class NewTeacherFacts:
    """What the check needs of one current member."""

    membership_id: int
    name: str
    head_teacher_since: int | None
    hours_tenths: int  # every 学时 on record (total_tenths)
    probation_recorded: bool  # a growth record names the 见习 year


def is_new_head_teacher(head_teacher_since: int | None, today: dt.date) -> bool:
    """初任班主任: in the first school year as head teacher — the year first served (the
    roster's 担任班主任起始年份) is the current school year's starting year or later.
    Unknown: not judged."""
    return head_teacher_since is not None and head_teacher_since >= SchoolYear.of(today).start


def _warn(rule: Rule, code: str, person: NewTeacherFacts, **params) -> Warning:
    return Warning(
        rule=rule.key,
        source=rule_source(rule),
        source_label=rule_source(rule, readable=True),
        message=messages.text(code, name=person.name, **params),
        people=(person.name,),
        membership_ids=(person.membership_id,),
    )


def check_new_head_teachers(
    preset: Preset, people: Iterable[NewTeacherFacts], today: dt.date
) -> list[Warning]:
    """Warnings (never blocks) for 初任班主任 with fewer 学时 recorded than the preset's
    上岗培训 asks, or no 见习 year recorded. The program cannot tell 上岗培训 from other
    training: every 学时 on record counts toward it."""
    hours = preset.rule("new_head_teacher_hours")
    probation = preset.rule("new_head_teacher_probation_years")
    if (hours is None or hours.value is None) and (probation is None or not probation.value):
        return []
    warnings: list[Warning] = []
    for person in people:
        if not is_new_head_teacher(person.head_teacher_since, today):
            continue
        if hours is not None and hours.value is not None:
            if person.hours_tenths < hours.value * 10:
                warnings.append(
                    _warn(
                        hours,
                        "w_new_teacher_hours",
                        person,
                        hours=format_hours(person.hours_tenths),
                        limit=hours.value,
                    )
                )
        if probation is not None and probation.value and not person.probation_recorded:
            warnings.append(
                _warn(probation, "w_new_teacher_probation", person, years=probation.value)
            )
    return warnings
