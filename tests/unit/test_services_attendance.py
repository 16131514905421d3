"""Attendance: the sheet of one activity, marks saved in one transaction, and the flags
(ok / at_risk / over) recomputed inside every change that can move them, each change
recorded with its day and cause."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from fractions import Fraction

import pytest
from sqlalchemy import func, select

from desktop_app.domain.attendance import FlagState, Tally
from desktop_app.domain.member_input import parse_member
from desktop_app.domain.problems import ValidationError
from desktop_app.services.activities import ActivityInput
from desktop_app.services.app import AppServices
from desktop_app.services.attendance import MarkInput
from desktop_app.services.studio import StudioInput
from desktop_app.store.models import AttendanceFlagEvent, AttendanceMark, AuditEntry
from tests.conftest import BOTH

# Each test on SQLite and on PostgreSQL (tests/conftest.py)
BACKENDS = BOTH

TODAY = dt.date(2026, 11, 21)
OK, AT_RISK, OVER = FlagState.OK, FlagState.AT_RISK, FlagState.OVER


class Clock:
    def __init__(self, day: dt.date):
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture
def clock():
    return Clock(TODAY)


def open_studio(path, clock, preset_id: str = "jiangyin", **own_rules) -> AppServices:
    services = AppServices.open(path, today=clock)
    services.studio.create(
        StudioInput(
            name="陈静名班主任工作室",
            level="校级",
            studio_type="工作室",
            preset_id=preset_id,
            cycle_start=2024,
            cycle_end=2027,
            own_rules=own_rules,
        )
    )
    return services


@pytest.fixture
def s(tmp_path, clock, database_at):
    """Services of a studio with the 2024-2027 cycle whose today can be moved. Its members
    are judged from their first session and exactly one third is not yet over: these tests
    pin the counting and the flags' history; the jiangyin preset's own settings (exactly
    one third is over, judged from the fourth session) have tests of their own below."""
    services = open_studio(database_at("db"), clock)
    services.studio.set_setting("attendance.min_sessions", 1)
    services.studio.set_setting("attendance.exact_third_counts", False)
    yield services
    services.close()


@pytest.fixture
def fresh(tmp_path, clock, database_at):
    """A new jiangyin studio as the wizard makes it, with no setting changed."""
    services = open_studio(database_at("fresh"), clock)
    yield services
    services.close()


def add(s, name: str, role: str = "成员", joined: str | None = "2024-09-01", **fields) -> int:
    raw = {
        "name": name,
        "role": role,
        "gender": "女",
        "birth_date": "1990-05-04",
        "school": "江阴中专信息技术系",
        "head_teacher_since": "2015",
        "joined_on": joined,
        **fields,
    }
    data = parse_member({k: v for k, v in raw.items() if v is not None}, today=TODAY)
    return s.members.add(data)


def activity(s, day: dt.date, topic: str = "主题班会课设计研讨", **fields) -> int:
    return s.activities.create(ActivityInput(date=day, kind="学习研讨", topic=topic, **fields))


def sessions(s, count: int, start: dt.date = dt.date(2025, 9, 17)) -> list[int]:
    """``count`` activities a week apart."""
    return [activity(s, start + dt.timedelta(days=7 * i), f"第{i + 1}次活动") for i in range(count)]


def save(s, activity_id: int, **marks: str) -> dict:
    """save(s, aid, **{str(mid): status}) – keyword names are membership ids."""
    return s.attendance.save_marks(
        activity_id, [MarkInput(int(mid), status) for mid, status in marks.items()]
    )


def mark_all(s, ids: list[int], member: int, pattern: str, clock: Clock | None = None) -> None:
    """pattern: one letter per activity, P present, A absent, L leave, T late, E left early."""
    words = {"P": "出勤", "A": "缺勤", "L": "请假", "T": "迟到", "E": "早退"}
    for activity_id, letter in zip(ids, pattern, strict=True):
        if clock is not None:
            clock.day = s.activities.get(activity_id).date
        save(s, activity_id, **{str(member): words[letter]})
    if clock is not None:
        clock.day = TODAY


def tally_of(s, membership_id: int) -> Tally:
    return s.attendance.tallies()[membership_id]


def count(s, model) -> int:
    with s.db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


# --- saving marks ---


def test_save_marks_writes_every_mark(s):
    a, b = add(s, "王芳"), add(s, "李静")
    aid = activity(s, dt.date(2025, 10, 15))
    save(s, aid, **{str(a): "出勤", str(b): "请假"})
    sheet = s.attendance.sheet(aid)
    assert sheet.saved
    assert {(r.membership_id, r.status) for r in sheet.rows} == {(a, "present"), (b, "leave")}
    info = s.activities.get(aid)
    assert (info.expected, info.present, info.on_leave, info.absent) == (2, 1, 1, 0)


def test_a_bad_status_in_the_batch_writes_nothing(s):
    a, b = add(s, "王芳"), add(s, "李静")
    aid = activity(s, dt.date(2025, 10, 15))
    with pytest.raises(ValidationError) as error:
        s.attendance.save_marks(aid, [MarkInput(a, "缺勤"), MarkInput(b, "旷课一半")])
    assert "旷课一半" in str(error.value)
    assert count(s, AttendanceMark) == 0
    assert count(s, AttendanceFlagEvent) == 0
    assert not s.attendance.sheet(aid).saved


def test_a_member_not_in_the_studio_that_day_writes_nothing(s):
    a = add(s, "王芳")
    late = add(s, "李静", joined="2025-11-01")
    aid = activity(s, dt.date(2025, 10, 15))
    with pytest.raises(ValidationError) as error:
        s.attendance.save_marks(aid, [MarkInput(a, "缺勤"), MarkInput(late, "出勤")])
    assert str(error.value) == "2025-10-15 时 李静 不在工作室中"
    assert count(s, AttendanceMark) == 0
    assert count(s, AttendanceFlagEvent) == 0


def test_an_unknown_membership_is_a_lookup_error(s):
    aid = activity(s, dt.date(2025, 10, 15))
    with pytest.raises(LookupError):
        s.attendance.save_marks(aid, [MarkInput(999, "出勤")])
    with pytest.raises(LookupError):
        s.attendance.save_marks(999, [])


def test_resaving_replaces_the_marks(s):
    a, b, c = add(s, "王芳"), add(s, "李静"), add(s, "张敏")
    aid = activity(s, dt.date(2025, 10, 15))
    save(s, aid, **{str(a): "出勤", str(b): "缺勤", str(c): "迟到"})
    s.attendance.save_marks(aid, [MarkInput(a, "早退", "学生突发情况"), MarkInput(b, "出勤")])
    rows = {r.membership_id: (r.status, r.note) for r in s.attendance.sheet(aid).rows}
    assert rows == {a: ("left_early", "学生突发情况"), b: ("present", None)}
    assert count(s, AttendanceMark) == 2
    assert tally_of(s, c) == Tally(0, 0, OK)  # c's mark is gone, and so is the session


# --- the sheet and the candidates ---


def test_sheet_expects_confirmed_members_core_and_observers_who_belonged(s):
    host = add(s, "陈静", "主持人")
    mentor = add(s, "周敏", "导师")
    core = add(s, "王芳", "核心成员")
    member = add(s, "李静")
    observer = add(s, "张倩", "研修人员")
    add(s, "刘洁", joined=None, stage="申报")  # not on the list yet
    add(s, "孙燕", joined="2025-11-01")  # came later
    gone = add(s, "吴婷")
    s.members.end(gone, "2025-09-30", "工作调动")
    aid = activity(s, dt.date(2025, 10, 15))

    sheet = s.attendance.sheet(aid)
    assert not sheet.saved
    assert [r.membership_id for r in sheet.rows] == [core, member, observer]
    assert all(r.status is None for r in sheet.rows)
    assert [r.name for r in sheet.rows] == ["王芳", "李静", "张倩"]

    candidates = {r.membership_id for r in s.attendance.candidates(aid)}
    assert candidates == {host, mentor, core, member, observer}

    # Once saved, the sheet is what was saved: the host can be on it too.
    save(s, aid, **{str(host): "出勤", str(member): "缺勤"})
    sheet = s.attendance.sheet(aid)
    assert sheet.saved
    assert [(r.membership_id, r.status) for r in sheet.rows] == [
        (host, "present"),
        (member, "absent"),
    ]


def test_sheet_rows_carry_the_tally(s):
    a = add(s, "王芳")
    ids = sessions(s, 3)
    mark_all(s, ids[:2], a, "AP")
    [row] = s.attendance.sheet(ids[2]).rows
    assert row.tally == Tally(2, 1, OVER)


# --- flags ---


def test_flags_follow_the_marks_and_save_returns_the_changes(s):
    a = add(s, "王芳")
    ids = sessions(s, 9)
    mark_all(s, ids[:8], a, "PPPPPPAA")
    assert tally_of(s, a) == Tally(8, 2, OK)  # 3 of 9 would be exactly 1/3: not past it
    changes = save(s, ids[8], **{str(a): "缺勤"})
    assert changes == {a: (OK, AT_RISK)}
    [flag] = [f for f in s.attendance.flags() if f.membership_id == a]
    assert (flag.state, flag.tally.ratio, flag.tally.ratio_text) == (AT_RISK, Fraction(1, 3), "3/9")


def test_a_member_who_joined_mid_cycle_counts_from_joining(s):
    early = add(s, "王芳")
    ids = sessions(s, 6, start=dt.date(2025, 9, 17))  # to 2025-10-22
    late = add(s, "李静", joined="2025-10-01")
    for aid in ids:
        rows = s.attendance.sheet(aid).rows
        save(s, aid, **{str(r.membership_id): "缺勤" for r in rows})
    assert [len(s.attendance.sheet(aid).rows) for aid in ids] == [1, 1, 2, 2, 2, 2]
    assert tally_of(s, early) == Tally(6, 6, OVER)
    assert tally_of(s, late) == Tally(4, 4, OVER)
    flags = {f.membership_id: f for f in s.attendance.flags()}
    assert flags[late].tally.ratio_text == "4/4"


def test_ending_a_membership_stops_counting_later_sessions(s, clock):
    a = add(s, "王芳")
    ids = sessions(s, 6)  # 2025-09-17 … 2025-10-22
    mark_all(s, ids, a, "PPPPAA")
    assert tally_of(s, a) == Tally(6, 2, AT_RISK)
    clock.day = dt.date(2025, 10, 10)
    s.members.end(a, "2025-10-10", "工作调动")
    assert tally_of(s, a) == Tally(4, 0, OK)
    assert [f.membership_id for f in s.attendance.flags()] == []
    assert [f.membership_id for f in s.attendance.flags(include_left=True)] == [a]
    last = s.attendance.history(a)[-1]
    assert (last.on, last.old_state, last.new_state) == (dt.date(2025, 10, 10), AT_RISK, OK)
    assert last.cause == "退出工作室：工作调动"


def test_leave_counts_by_the_setting(s):
    a = add(s, "王芳")
    ids = sessions(s, 6)
    mark_all(s, ids, a, "PLLPTE")
    assert s.studio.setting("attendance.leave_counts_as_absence") is True
    assert tally_of(s, a) == Tally(6, 2, AT_RISK)
    s.studio.set_setting("attendance.leave_counts_as_absence", "false")
    assert tally_of(s, a) == Tally(6, 0, OK)
    last = s.attendance.history(a)[-1]
    assert (last.old_state, last.new_state, last.missed, last.expected) == (AT_RISK, OK, 0, 6)
    assert last.cause == "设置更改：attendance.leave_counts_as_absence = false"


def test_exact_third_setting_records_a_flag_event(s, clock):
    a = add(s, "王芳")
    ids = sessions(s, 9)
    mark_all(s, ids, a, "AAAPPPPPP")
    assert tally_of(s, a).state == AT_RISK
    clock.day = dt.date(2026, 11, 20)
    s.studio.set_setting("attendance.exact_third_counts", True)
    assert tally_of(s, a) == Tally(9, 3, OVER)
    event = s.attendance.history(a)[-1]
    assert event.cause == "设置更改：attendance.exact_third_counts = true"
    assert (event.on, event.old_state, event.new_state) == (dt.date(2026, 11, 20), AT_RISK, OVER)
    assert (event.missed, event.expected) == (3, 9)


def test_a_correction_back_under_the_line_is_recorded(s, clock):
    a = add(s, "王芳")
    ids = sessions(s, 5)
    mark_all(s, ids[:4], a, "PPPA", clock)
    assert tally_of(s, a).state == AT_RISK  # 1 of 4
    clock.day = s.activities.get(ids[4]).date
    assert save(s, ids[4], **{str(a): "缺勤"}) == {a: (AT_RISK, OVER)}  # 2 of 5
    # The secretary finds the sign-in sheet: present after all.
    clock.day = dt.date(2025, 11, 3)
    assert save(s, ids[4], **{str(a): "出勤"}) == {a: (OVER, OK)}  # 1 of 5
    events = s.attendance.history(a)
    assert [(e.old_state, e.new_state) for e in events][-2:] == [(AT_RISK, OVER), (OVER, OK)]
    over, back = events[-2:]
    assert (over.on, over.missed, over.expected) == (dt.date(2025, 10, 15), 2, 5)
    assert (back.on, back.missed, back.expected) == (dt.date(2025, 11, 3), 1, 5)
    assert back.cause == "考勤 2025-10-15《第5次活动》"


def test_deleting_an_activity_recomputes_the_flags(s):
    a = add(s, "王芳")
    ids = sessions(s, 3)
    mark_all(s, ids, a, "PPA")
    assert tally_of(s, a).state == AT_RISK  # 1 of 3
    s.activities.delete(ids[2])
    assert tally_of(s, a) == Tally(2, 0, OK)
    assert count(s, AttendanceMark) == 2
    event = s.attendance.history(a)[-1]
    assert event.cause.startswith("删除活动")
    assert event.cause == "删除活动 2025-10-01《第3次活动》"
    assert (event.old_state, event.new_state) == (AT_RISK, OK)


def test_window_school_year_counts_only_this_school_year(s):
    a = add(s, "王芳")
    last_year = sessions(s, 3, start=dt.date(2025, 11, 5))
    this_year = sessions(s, 3, start=dt.date(2026, 9, 16))
    mark_all(s, last_year, a, "AAA")
    mark_all(s, this_year, a, "PPP")
    assert tally_of(s, a) == Tally(6, 3, OVER)
    s.studio.set_setting("attendance.window", "school_year")
    assert tally_of(s, a) == Tally(3, 0, OK)
    event = s.attendance.history(a)[-1]
    assert (event.old_state, event.new_state) == (OVER, OK)
    assert event.cause == "设置更改：attendance.window = school_year"


def test_window_leaves_out_sessions_after_today(s, clock):
    a = add(s, "王芳")
    [aid] = sessions(s, 1, start=dt.date(2026, 11, 25))  # planned ahead
    save(s, aid, **{str(a): "缺勤"})
    assert tally_of(s, a) == Tally(0, 0, OK)
    clock.day = dt.date(2026, 11, 25)
    assert tally_of(s, a) == Tally(1, 1, OVER)


def test_an_activity_without_attendance_never_counts(s):
    a = add(s, "王芳")
    ids = sessions(s, 2)
    forum = activity(s, dt.date(2025, 10, 29), "德育论坛", takes_attendance="否")
    mark_all(s, ids, a, "PP")
    save(s, forum, **{str(a): "缺勤"})
    assert tally_of(s, a) == Tally(2, 0, OK)
    # Changing its mind: the activity now takes attendance, and the mark counts.
    s.activities.update(
        forum,
        ActivityInput(date=dt.date(2025, 10, 29), kind="学习研讨", topic="德育论坛"),
    )
    assert tally_of(s, a) == Tally(3, 1, AT_RISK)
    assert s.attendance.history(a)[-1].cause == "2025-10-29《德育论坛》"


def test_the_line_of_the_preset_is_honoured_when_overridden(s):
    a = add(s, "王芳")
    ids = sessions(s, 8)
    mark_all(s, ids, a, "PPPPPPAA")  # 2 of 8: a quarter
    assert s.attendance.rules().line == Fraction(1, 3)
    assert tally_of(s, a).state == OK
    s.studio.set_override("attendance_line", "1/4", "学校考勤制度：缺勤超过四分之一")
    assert s.attendance.rules().line == Fraction(1, 4)
    assert tally_of(s, a).state == AT_RISK  # 3 of 9 would be past 1/4
    event = s.attendance.history(a)[-1]
    assert event.cause == "规则调整：attendance_line（学校考勤制度：缺勤超过四分之一）"
    s.studio.set_setting("attendance.exact_third_counts", True)  # "exactly the line"
    assert tally_of(s, a).state == OVER
    s.studio.clear_override("attendance_line")
    assert tally_of(s, a).state == AT_RISK  # 3 of 9 would be exactly 1/3, which now counts
    assert s.attendance.history(a)[-1].cause == "规则恢复预设值：attendance_line"


def test_unrelated_changes_record_no_flag_events(s):
    a = add(s, "王芳")
    ids = sessions(s, 3)
    mark_all(s, ids, a, "PPA")
    before = s.attendance.history()
    s.studio.set_setting("export.mask_personal_data", False)  # recomputed, nothing moved
    s.activities.update(
        ids[0], ActivityInput(date=dt.date(2025, 9, 17), kind="专家讲座", topic="讲座")
    )
    assert s.attendance.history() == before


# --- history ---


def test_history_in_order_with_days_and_causes(s, clock):
    a, b = add(s, "王芳"), add(s, "李静")
    ids = sessions(s, 5)  # 2025-09-17, -24, 10-01, 10-08, 10-15
    words = {"P": "出勤", "A": "缺勤"}
    for aid, (mark_a, mark_b) in zip(ids, ("PP", "PA", "AP", "PP", "PP"), strict=True):
        clock.day = s.activities.get(aid).date
        save(s, aid, **{str(a): words[mark_a], str(b): words[mark_b]})
    history = s.attendance.history()
    assert [(e.name, e.on, e.old_state, e.new_state, e.missed, e.expected) for e in history] == [
        # 0 of 1: missing the next would be 1 of 2, past the line
        ("王芳", dt.date(2025, 9, 17), OK, AT_RISK, 0, 1),
        ("李静", dt.date(2025, 9, 17), OK, AT_RISK, 0, 1),
        ("王芳", dt.date(2025, 9, 24), AT_RISK, OK, 0, 2),
        ("李静", dt.date(2025, 9, 24), AT_RISK, OVER, 1, 2),
        ("王芳", dt.date(2025, 10, 1), OK, AT_RISK, 1, 3),
        ("李静", dt.date(2025, 10, 1), OVER, AT_RISK, 1, 3),
        # 1 of 4 stays at risk (2 of 5 would be past the line): no event
        ("王芳", dt.date(2025, 10, 15), AT_RISK, OK, 1, 5),
        ("李静", dt.date(2025, 10, 15), AT_RISK, OK, 1, 5),
    ]
    assert history[3].cause == "考勤 2025-09-24《第2次活动》"
    assert [e.membership_id for e in s.attendance.history(b)] == [b] * 4
    assert s.attendance.history(b) == [e for e in history if e.membership_id == b]
    # Each event starts where the one before it ended.
    for membership_id in (a, b):
        events = s.attendance.history(membership_id)
        assert events[0].old_state == OK
        for before, after in zip(events, events[1:], strict=False):
            assert after.old_state == before.new_state
        assert events[-1].new_state == tally_of(s, membership_id).state


def test_an_activity_with_times_is_saved_and_audited(s):
    """Regression: the audit log could not write a time of day (start_time/end_time)."""
    aid = activity(s, dt.date(2025, 10, 15), start_time="14:00", end_time="16:30", hours="2.5")
    info = s.activities.get(aid)
    assert (info.time_text, info.hours_tenths) == ("14:00–16:30", 25)
    with s.db.reading() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.table_name == "activity"))
    changes = json.loads(entry.changes_json)
    assert changes["start_time"] == [None, "14:00:00"]
    assert changes["end_time"] == [None, "16:30:00"]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("leave_counts", [True, False])
def test_the_counts_in_sqlite_agree_with_the_domain_tally(s, clock, seed, leave_counts):
    """The service counts every member's sessions in one SQL query; the domain's
    ``tally`` is the rule. Random members (joined and left on all sides of the window
    and of their sessions), activities (some without attendance, some after today) and
    marks of every kind: the two agree for every member, window and setting."""
    import random

    from desktop_app.domain.attendance import Session as Held
    from desktop_app.domain.attendance import tally
    from desktop_app.domain.vocab import AttendanceStatus

    rng = random.Random(seed)
    s.studio.set_setting("attendance.leave_counts_as_absence", leave_counts)
    # sessions on the windows' edges and on the days members join and leave, too
    edges = [
        dt.date(2024, 9, 1),
        dt.date(2025, 8, 31),
        dt.date(2025, 9, 1),
        dt.date(2026, 8, 31),
        dt.date(2026, 9, 1),
    ]
    days = edges + [
        dt.date(2024, 8, 25) + dt.timedelta(days=rng.randrange(0, 1200)) for _ in range(36)
    ]
    past = sorted({d for d in days if dt.date(2024, 9, 1) < d < TODAY})
    members = []
    for i in range(8):
        if i % 2:
            joined = rng.choice(past)
        else:
            joined = dt.date(2024, 9, 1) + dt.timedelta(days=rng.randrange(-30, 500))
        members.append(add(s, f"成员{i}", joined=joined.isoformat()))
    for mid in rng.sample(members, 3):
        joined = s.members.get(mid).joined_on
        leave_day = rng.choice([d for d in past if d >= joined] or [TODAY])
        s.members.end(mid, leave_day.isoformat(), "调离")
    statuses = [st.zh for st in AttendanceStatus]
    for day in sorted(set(days)):
        takes = day in edges or rng.random() > 0.15
        aid = activity(s, day, f"活动{day}", takes_attendance=takes)
        if not takes or day > TODAY:
            continue
        rows = {r.membership_id for r in s.attendance.sheet(aid).rows}
        chosen = [m for m in members if m in rows and rng.random() < 0.9]
        if chosen:
            save(s, aid, **{str(m): rng.choice(statuses) for m in chosen})

    rules = s.attendance.rules()
    with s.db.reading() as session:
        marks = session.execute(
            select(AttendanceMark.membership_id, AttendanceMark.activity_id, AttendanceMark.status)
        ).all()
    info = {a.id: a for a in s.activities.list()}
    roster = {r.membership_id: r for r in s.members.roster(include_left=True)}
    windows = [(dt.date(2024, 9, 1), TODAY), (dt.date(2025, 9, 1), dt.date(2026, 8, 31))]
    seen_counts = 0
    for window in windows:
        counted = s.attendance.tallies_between(*window)
        for mid in members:
            held = [
                Held(aid, info[aid].date, status)
                for m, aid, status in marks
                if m == mid and info[aid].takes_attendance
            ]
            member = roster[mid]
            expected = tally(held, rules, member.joined_on, member.left_on, window)
            assert counted[mid] == expected, (mid, window)
            seen_counts += expected.missed
    assert seen_counts > 0  # the data did exercise the counting


# --- the tallies kept between reads ---


@pytest.fixture
def counting(s, monkeypatch):
    """How many times the tallies are counted in SQL."""
    calls: list[int] = []
    original = s.attendance._counted

    def spy(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(s.attendance, "_counted", spy)
    return calls


def counts(t: Tally) -> tuple[int, int]:
    return t.expected, t.missed


def fresh_tallies(s) -> dict[int, Tally]:
    s.attendance._cached = {}
    return s.attendance.tallies()


def test_the_tallies_a_save_counted_are_read_back_without_counting_again(s, counting):
    member = add(s, "王芳")
    ids = sessions(s, 3)
    save(s, ids[0], **{str(member): "缺勤"})
    assert counts(s.attendance.tallies()[member]) == (1, 1)
    counting.clear()

    save(s, ids[1], **{str(member): "出勤"})  # counted once, inside the save (the flags)
    assert len(counting) == 1
    kept = s.attendance.tallies()
    assert len(counting) == 1  # the page reading them right after: no second count
    assert counts(kept[member]) == (2, 1)
    assert kept == fresh_tallies(s)


def test_a_change_made_by_another_program_is_counted(s, tmp_path, database_at):
    member = add(s, "王芳")
    ids = sessions(s, 2)
    save(s, ids[0], **{str(member): "出勤"})
    assert counts(s.attendance.tallies()[member]) == (1, 0)

    other = AppServices.open(database_at("db"), today=lambda: TODAY, check=False)
    try:
        other.attendance.save_marks(ids[1], [MarkInput(member, "缺勤")])
    finally:
        other.close()
    assert counts(s.attendance.tallies()[member]) == (2, 1)


def test_any_other_committed_change_counts_again(s, counting):
    """Kept only for the state they were counted in: a change that does not count the
    flags (a person's phone number) still moves that state on."""
    member = add(s, "王芳")
    ids = sessions(s, 1)
    save(s, ids[0], **{str(member): "出勤"})
    s.attendance.tallies()
    counting.clear()
    row = s.members.get(member)
    s.members.update(member, dataclasses.replace(row.as_member_data(), phone="13800000000"))
    assert counting == []  # the person table moves no flag: nothing counted in the save
    assert counts(s.attendance.tallies()[member]) == (1, 0)
    assert len(counting) == 1
    s.attendance.tallies()
    assert len(counting) == 1  # and kept from then on


def test_a_save_rolled_back_keeps_the_tallies_of_what_was_committed(s):
    member = add(s, "王芳")
    ids = sessions(s, 2)
    save(s, ids[0], **{str(member): "出勤"})
    before = s.attendance.tallies()

    def refuse(_session):
        raise RuntimeError("the disk is full")

    s.db.before_commit.append(refuse)  # after the flags were counted in the transaction
    with pytest.raises(RuntimeError):
        save(s, ids[1], **{str(member): "缺勤"})
    s.db.before_commit.remove(refuse)

    assert s.attendance.tallies() == before
    assert counts(s.attendance.tallies()[member]) == (1, 0)


def test_the_day_moving_on_counts_again(s, clock):
    member = add(s, "王芳")
    ids = sessions(s, 3)  # 2025-09-17, -24, 10-01
    for aid in ids:
        save(s, aid, **{str(member): "缺勤"})
    assert s.attendance.tallies()[member].expected == 3
    clock.day = dt.date(2025, 9, 25)  # the window ends today: the last session not yet
    assert s.attendance.tallies()[member].expected == 2


# --- a new jiangyin studio: exactly one third is over, judged from the fourth session ---

NOT_JUDGED, NO_LINE = FlagState.NOT_JUDGED, FlagState.NO_LINE


def test_a_new_studios_first_session_raises_nothing(fresh, clock):
    """One member on leave, one present at the first session: neither 超线 nor 临界 0/1,
    no flag change returned (the sheet's dialog about ending memberships asks none) and
    no flag event recorded."""
    on_leave, present = add(fresh, "王芳"), add(fresh, "李静")
    [first] = sessions(fresh, 1)
    clock.day = fresh.activities.get(first).date
    changes = save(fresh, first, **{str(on_leave): "请假", str(present): "出勤"})
    assert changes == {}
    assert fresh.attendance.history() == []
    assert tally_of(fresh, on_leave) == Tally(1, 1, NOT_JUDGED)
    assert tally_of(fresh, on_leave).min_sessions == 4
    assert tally_of(fresh, present) == Tally(1, 0, NOT_JUDGED)
    assert not any(f.state.flagged for f in fresh.attendance.flags())


def test_jiangyin_three_of_nine_is_over_two_of_nine_is_not(fresh, clock):
    three, two = add(fresh, "王芳"), add(fresh, "李静")
    words = {"P": "出勤", "A": "缺勤"}
    for aid, a, b in zip(sessions(fresh, 9), "AAAPPPPPP", "AAPPPPPPP", strict=True):
        clock.day = fresh.activities.get(aid).date
        save(fresh, aid, **{str(three): words[a], str(two): words[b]})
    assert tally_of(fresh, three) == Tally(9, 3, OVER)
    assert tally_of(fresh, two) == Tally(9, 2, OK)
    # the history: nothing while fewer than four; 2 of 6 is exactly a third (over),
    # 2 of 8 at risk (3 of 9 would be a third), 2 of 9 normal (3 of 10 is under)
    assert [(e.name, e.new_state, e.missed, e.expected) for e in fresh.attendance.history()] == [
        ("王芳", OVER, 3, 4),
        ("李静", OVER, 2, 4),
        ("李静", AT_RISK, 2, 7),
        ("李静", OK, 2, 9),
    ]


def test_three_missed_of_three_is_still_not_judged(fresh, clock):
    member = add(fresh, "王芳")
    ids = sessions(fresh, 3)
    mark_all(fresh, ids, member, "AAA", clock)
    assert tally_of(fresh, member) == Tally(3, 3, NOT_JUDGED)
    assert fresh.attendance.history() == []
    # the fourth session decides
    [fourth] = sessions(fresh, 1, start=dt.date(2025, 10, 8))
    clock.day = dt.date(2025, 10, 8)
    assert save(fresh, fourth, **{str(member): "出勤"}) == {member: (OK, OVER)}


def test_the_minimum_is_a_studio_setting(fresh, clock):
    member = add(fresh, "王芳")
    ids = sessions(fresh, 2)
    mark_all(fresh, ids, member, "AP", clock)
    assert tally_of(fresh, member).state == NOT_JUDGED
    fresh.studio.set_setting("attendance.min_sessions", "2")
    assert fresh.studio.setting("attendance.min_sessions") == 2
    assert tally_of(fresh, member) == Tally(2, 1, OVER)  # exactly a half ≥ a third
    assert [e.new_state for e in fresh.attendance.history()] == [OVER]
    for bad in ("0", "abc", "51", "-1", "2.5"):
        with pytest.raises(ValidationError) as caught:
            fresh.studio.set_setting("attendance.min_sessions", bad)
        assert "attendance.min_sessions" in str(caught.value)


def test_exactly_one_third_comes_from_the_preset_and_the_studio_may_change_it(fresh, clock):
    member = add(fresh, "王芳")
    ids = sessions(fresh, 9)
    mark_all(fresh, ids, member, "AAAPPPPPP", clock)
    value = fresh.studio.setting_value("attendance.exact_third_counts")
    assert (value.value, value.origin) == (True, "preset")
    assert fresh.attendance.rules().exact_line_counts
    fresh.studio.set_setting("attendance.exact_third_counts", False)
    assert fresh.studio.setting_value("attendance.exact_third_counts").origin == "studio"
    assert tally_of(fresh, member) == Tally(9, 3, AT_RISK)


# --- a studio whose document sets no line ---


def test_a_studio_without_a_line_judges_nobody(tmp_path, clock, database_at):
    s = open_studio(database_at("wujin"), clock, "wujin", attendance_line=None)
    try:
        member = add(s, "王芳")
        ids = sessions(s, 6)
        mark_all(s, ids, member, "AAAAAA", clock)
        rules = s.attendance.rules()
        assert rules.line is None and rules.line_source == "本工作室规定"
        assert tally_of(s, member) == Tally(6, 6, NO_LINE)
        assert s.attendance.history() == []
    finally:
        s.close()


def test_a_studio_without_a_line_has_no_counts_of_flags_on_paper(tmp_path, clock, database_at):
    """The year's documents of a studio without a line say so, never "超线 0 人"."""
    import openpyxl

    from desktop_app.documents.reports.annual_report import write_annual_report
    from desktop_app.documents.sheets.period_workbook import write_period_workbook
    from desktop_app.domain.period import school_year_period
    from desktop_app.domain.school_year import SchoolYear
    from tests.pdf_tools import has, text_of

    s = open_studio(database_at("wujin"), clock, "wujin", attendance_line=None)
    try:
        member = add(s, "王芳")
        mark_all(s, sessions(s, 6), member, "AAAAAA", clock)
        year = SchoolYear.of(s.attendance.today())
        text = text_of(write_annual_report(s, school_year_period(year), tmp_path / "a.pdf"))
        assert has(text, "缺勤红线") and has(text, "未设红线")
        assert has(text, "本工作室未设缺勤比例红线")
        assert not has(text, "缺勤超线0人") and not has(text, "缺勤超线成员")
        book = openpyxl.load_workbook(
            write_period_workbook(s, school_year_period(year), tmp_path / "b.xlsx")
        )
        sheet = book["申报汇总表"]
        column = [c.value for c in sheet[2]].index("缺勤超线人数") + 1
        assert sheet.cell(row=3, column=column).value == "未设红线"
    finally:
        s.close()


def test_a_line_the_studio_set_itself_is_its_own_rule(tmp_path, clock, database_at):
    s = open_studio(database_at("wujin"), clock, "wujin", attendance_line=Fraction(1, 4))
    try:
        member = add(s, "王芳")
        ids = sessions(s, 8)
        mark_all(s, ids, member, "AAPPPPPP", clock)
        rules = s.attendance.rules()
        assert rules.line == Fraction(1, 4) and rules.line_source == "本工作室规定"
        assert not rules.exact_line_counts  # wujin's document does not say 以上
        assert tally_of(s, member) == Tally(8, 2, AT_RISK)
        line = s.studio.effective_preset().rule("attendance_line")
        assert line.by_studio and line.override_reason == "建立工作室时确定"
    finally:
        s.close()


def test_an_older_studio_keeps_its_line_as_its_own_rule(tmp_path, clock, database_at):
    """A database made before studios were asked: its non-jiangyin studio had the line
    and categories as program defaults. On opening it keeps them, recorded once as its
    own rules (with the reason and in the history); nothing about its flags changes."""
    from desktop_app.store.models import PresetOverride

    path = database_at("old")
    s = open_studio(path, clock, "xinbei-room", attendance_line=Fraction(1, 3))
    member = add(s, "王芳")
    ids = sessions(s, 6)
    mark_all(s, ids, member, "AAAPPP", clock)
    with s.db.unit_of_work() as session:  # as the older program left it: no rows
        for row in session.scalars(select(PresetOverride)):
            session.delete(row)
    before = tally_of(s, member)
    s.close()

    s = AppServices.open(path, today=clock)
    try:
        preset = s.studio.effective_preset()
        for key in ("attendance_line", "expense_categories"):
            rule = preset.rule(key)
            assert rule.by_studio and rule.source_label == "本工作室规定"
            assert rule.override_reason.startswith("升级前")
        assert preset.value("attendance_line") == Fraction(1, 3)
        assert s.ledger.categories() == ["培训研修", "课程资源开发", "专家指导", "课题研究"]
        assert tally_of(s, member) == before
        assert kept(s) == 2  # the line and the categories, in the history of changes
    finally:
        s.close()
    s = AppServices.open(path, today=clock)  # recorded once
    try:
        assert kept(s) == 2
    finally:
        s.close()


def kept(s) -> int:
    """The history's entries recording a kept studio rule."""
    with s.db.reading() as session:
        return session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(
                AuditEntry.table_name == "preset_override",
                AuditEntry.action == "insert",
                AuditEntry.changes_json.contains("升级时保留"),
            )
        )
