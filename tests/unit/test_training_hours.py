"""Training hours (学时): credited from the activities a member attended (出勤, 迟到, 早退;
not 请假 or 缺勤), per school year (September–August), beside their own training records,
exact in tenths; and seed 001's new head teachers (32 学时 of 上岗培训, one 见习 year)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop_app.domain.member_input import parse_member
from desktop_app.domain.presets import format_value, load_presets, parse_rule_value
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.training_hours import (
    Attended,
    NewTeacherFacts,
    OwnTraining,
    YearHours,
    check_new_head_teachers,
    format_hours,
    is_new_head_teacher,
    year_hours,
)
from desktop_app.services.activities import ActivityInput
from desktop_app.services.app import AppServices
from desktop_app.services.attendance import MarkInput
from desktop_app.services.growth import RecordInput
from tests.conftest import BOTH, jiangyin_studio

# Each test on SQLite and on PostgreSQL (tests/conftest.py)
BACKENDS = BOTH

TODAY = dt.date(2026, 11, 21)
Y2024, Y2025 = SchoolYear(2024), SchoolYear(2025)
PRESETS = Path(__file__).resolve().parents[2] / "resources" / "presets"


def test_credited_marks_and_exact_tenths():
    day = dt.date(2025, 10, 1)
    marks = [
        Attended(1, day, "a", "present", 1),
        Attended(2, day, "b", "late", 1),
        Attended(3, day, "c", "left_early", 1),
        Attended(4, day, "d", "leave", 20),
        Attended(5, day, "e", "absent", 20),
        Attended(6, day, "f", "present", None),  # no 学时: credits nothing, counted
        Attended(1, day, "a", "present", 1),  # the same activity under a second spell
    ]
    own = [OwnTraining(9, day, "区级培训", 25)]
    got = year_hours(Y2025, marks, own)
    assert got == YearHours(Y2025, 3, 25, 4, 1)
    assert format_hours(got.activity_tenths) == "0.3"  # 0.1 × 3, not 0.30000000000000004
    assert format_hours(got.total_tenths) == "2.8"
    assert format_hours(320) == "32"


def test_school_year_boundary():
    marks = [
        Attended(1, dt.date(2025, 8, 31), "last day", "present", 20),
        Attended(2, dt.date(2025, 9, 1), "first day", "present", 30),
    ]
    assert year_hours(Y2024, marks, ()).activity_tenths == 20
    assert year_hours(Y2025, marks, ()).activity_tenths == 30


# --- through the records ---


@pytest.fixture
def s(tmp_path, database_at):
    services = AppServices.open(database_at("db"), today=lambda: TODAY)
    services.studio.create(jiangyin_studio())
    yield services
    services.close()


def member(s, name: str, joined: str = "2024-09-01", since: str = "2015") -> int:
    data = parse_member(
        {"name": name, "role": "成员", "joined_on": joined, "head_teacher_since": since},
        today=TODAY,
    )
    return s.members.add(data)


def person_of(s, mid: int) -> int:
    return next(r.person_id for r in s.members.roster() if r.membership_id == mid)


def session(s, day: dt.date, hours: str | None, marks: dict[int, str]) -> int:
    aid = s.activities.create(ActivityInput(date=day, kind="学习研讨", topic="研讨", hours=hours))
    s.attendance.save_marks(aid, [MarkInput(mid, status) for mid, status in marks.items()])
    return aid


def test_each_mark_credited_or_not(s):
    marks = {
        (present := member(s, "出勤者")): "出勤",
        (late := member(s, "迟到者")): "迟到",
        (early := member(s, "早退者")): "早退",
        (leave := member(s, "请假者")): "请假",
        (absent := member(s, "缺勤者")): "缺勤",
    }
    session(s, dt.date(2025, 10, 8), "2", marks)
    hours = s.training_hours.of_year(Y2025)
    got = {mid: hours.get(person_of(s, mid), YearHours(Y2025)).activity_tenths for mid in marks}
    assert got == {present: 20, late: 20, early: 20, leave: 0, absent: 0}


def test_year_boundary_and_tenths_through_the_records(s):
    mid = member(s, "王芳")
    session(s, dt.date(2025, 8, 31), "1.5", {mid: "出勤"})
    for day in (dt.date(2025, 9, 1), dt.date(2025, 9, 8), dt.date(2025, 9, 15)):
        session(s, day, "0.1", {mid: "出勤"})
    pid = person_of(s, mid)
    assert s.training_hours.of_year(Y2024)[pid].activity_tenths == 15
    y2025 = s.training_hours.of_year(Y2025)[pid]
    assert (y2025.activity_tenths, format_hours(y2025.activity_tenths)) == (3, "0.3")


def test_own_records_beside_activities_never_twice(s):
    mid = member(s, "王芳")
    session(s, dt.date(2025, 10, 8), "3", {mid: "出勤"})
    session(s, dt.date(2025, 10, 15), None, {mid: "出勤"})  # no 学时 set
    s.growth.add_record(
        mid, RecordInput(kind="培训学时", date="2025-11-02", title="区班主任培训", hours="4.5")
    )
    [year] = s.training_hours.years_of(person_of(s, mid))
    assert (year.activity_tenths, year.own_tenths, year.total_tenths) == (30, 45, 75)
    assert (year.activities, year.without_hours) == (2, 1)


def test_joined_mid_year_gets_sessions_since_joining(s):
    early = member(s, "早到者")
    late = member(s, "新成员", joined="2025-11-01")
    session(s, dt.date(2025, 10, 8), "2", {early: "出勤"})
    session(s, dt.date(2025, 11, 12), "2", {early: "出勤", late: "出勤"})
    hours = s.training_hours.of_year(Y2025)
    assert hours[person_of(s, early)].activity_tenths == 40
    assert hours[person_of(s, late)].activity_tenths == 20


# --- seed 001: new head teachers ---


def songjiang():
    return load_presets(PRESETS)["songjiang-school"]


def test_songjiang_rules_cite_the_seed():
    preset = songjiang()
    hours = preset.rule("new_head_teacher_hours")
    probation = preset.rule("new_head_teacher_probation_years")
    assert hours.value == 32 and probation.value == 1
    assert hours.source.section == "二、(一)2" and "不少于32学时的上岗培训" in hours.source.quote
    assert "具备1年见习班主任经历" in probation.source.quote
    assert format_value("new_head_teacher_hours", 32) == "不少于 32 学时"
    assert parse_rule_value("new_head_teacher_hours", "不少于 40 学时") == 40
    assert format_value("new_head_teacher_probation_years", 1) == "1 年"
    # no preset of another seed carries them, and no 学分 rule is invented
    for other in load_presets(PRESETS).values():
        if other.id != "songjiang-school":
            assert other.rule("new_head_teacher_hours") is None
        assert not any("credit" in key for key in other.rules)


def test_new_head_teacher_is_in_the_first_school_year():
    assert is_new_head_teacher(2026, TODAY)  # 2026-11: school year 2026-2027
    assert not is_new_head_teacher(2025, TODAY)
    assert is_new_head_teacher(2026, dt.date(2026, 9, 1))
    assert not is_new_head_teacher(None, TODAY)


@pytest.mark.parametrize(("tenths", "warned"), [(319, True), (320, False)])
def test_32_hours_boundary(tenths, warned):
    person = NewTeacherFacts(1, "李新", 2026, tenths, probation_recorded=True)
    found = check_new_head_teachers(songjiang(), [person], TODAY)
    assert bool(found) is warned
    if warned:
        assert found[0].message == (
            "李新为初任班主任，已记录培训 31.9 学时，原则上需经过不少于 32 学时的上岗培训"
        )
        assert found[0].rule == "new_head_teacher_hours"


def test_probation_year_and_other_presets():
    person = NewTeacherFacts(1, "李新", 2026, 400, probation_recorded=False)
    [warning] = check_new_head_teachers(songjiang(), [person], TODAY)
    assert warning.rule == "new_head_teacher_probation_years" and "原则上需具备" in warning.message
    assert "松江区" in warning.source_label and "二、(一)2" in warning.source_label
    jiangyin = load_presets(PRESETS)["jiangyin"]
    assert check_new_head_teachers(jiangyin, [person], TODAY) == []
    seasoned = NewTeacherFacts(1, "李新", 2025, 0, probation_recorded=False)
    assert check_new_head_teachers(songjiang(), [seasoned], TODAY) == []


def test_roster_warns_a_songjiang_new_head_teacher(tmp_path, database_at):
    s = AppServices.open(database_at("db"), today=lambda: TODAY)
    try:
        s.studio.create(jiangyin_studio(preset_id="songjiang-school"))
        mid = member(s, "李新", joined="2026-09-01", since="2026")
        session(s, dt.date(2026, 10, 8), "31.9", {mid: "出勤"})
        messages_of = lambda: [w.rule for w in s.members.warnings() if mid in w.membership_ids]  # noqa: E731
        assert messages_of() == ["new_head_teacher_hours", "new_head_teacher_probation_years"]
        s.growth.add_record(
            mid,
            RecordInput(kind="培训学时", date="2026-10-20", title="见习班主任培训", hours="0.1"),
        )
        assert messages_of() == []  # 32 学时 now, and the 见习 year on record
        row = s.members.get(mid)
        assert row.warnings == ()
    finally:
        s.close()
