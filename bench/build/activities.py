"""The activity log and its attendance: activities spread over the weekdays of the
cycle (no July or August), each with marks for the members expected that day, saved
month by month with the attendance service's batch (``save_many``: the activities and
their marks in one transaction, the flags recomputed once), then the photos."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from bench.build.context import Context, Member, spread
from bench.build.members import TOPICS
from desktop_app.domain.vocab import ActivityKind, AttendanceStatus
from desktop_app.services.activities import ActivityInput
from desktop_app.services.attendance import MarkInput

PLACES = ("行政楼三楼会议室", "图书馆报告厅", "名班主任工作室活动室", "实训楼204录播教室")
TIMES = (("14:00", "16:00", "2"), ("14:00", "16:30", "2.5"), ("13:30", "16:30", "3"))
LEAVE_NOTES = ("病假", "事假", "公假：带学生参加技能大赛", "公假：参加市教研活动")
# How often each member is away: most seldom, a few often enough to near or cross the line.
PROFILES = ((0.70, 0.04), (0.20, 0.15), (0.07, 0.30), (0.03, 0.45))


def _days(ctx: Context) -> list[dt.date]:
    days, day = [], ctx.first_day
    while day <= ctx.as_of:
        if day.weekday() < 5 and day.month not in (7, 8):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _away_chance(rng: random.Random) -> float:
    roll, total = rng.random(), 0.0
    for share, chance in PROFILES:
        total += share
        if roll < total:
            return chance
    return PROFILES[-1][1]


def _mark(rng: random.Random, member_id: int, away: float) -> MarkInput:
    roll = rng.random()
    if roll < away:
        if rng.random() < 0.6:
            return MarkInput(member_id, AttendanceStatus.LEAVE.code, rng.choice(LEAVE_NOTES))
        return MarkInput(member_id, AttendanceStatus.ABSENT.code)
    if roll < away + 0.05:
        return MarkInput(member_id, AttendanceStatus.LATE.code, "处理学生事务")
    if roll < away + 0.07:
        return MarkInput(member_id, AttendanceStatus.LEFT_EARLY.code, "学生突发情况处理")
    return MarkInput(member_id, AttendanceStatus.PRESENT.code)


def _planned(ctx: Context, rng: random.Random) -> list[ActivityInput]:
    days = _days(ctx)
    n = ctx.sizes.activities
    kinds = [k.code for k in ActivityKind if k.code not in ("forum", "other")]
    host = next((m.name for m in ctx.members if m.role == "host"), "主持人")
    out = []
    for i in range(n):
        day = days[i * len(days) // n]
        forum = rng.random() < 0.01  # open to all: no attendance taken
        start, end, hours = rng.choice(TIMES)
        topic = rng.choice(TOPICS)
        out.append(
            ActivityInput(
                date=day,
                kind="forum" if forum else rng.choice(kinds),
                topic=f"{topic}（第{i + 1}次）",
                start_time=start,
                end_time=end,
                place=rng.choice(PLACES),
                content=f"围绕“{topic}”开展研讨，学员交流带班案例，导师点评。",
                presenter=host,
                hours=hours,
                takes_attendance=not forum,
                summary=f"形成“{topic}”研讨纪要一份，存入工作室资源库。",
            )
        )
    return out


def _marks(ctx: Context, rng: random.Random, planned: list[ActivityInput]) -> list[list[MarkInput]]:
    """Each activity's marks: the target split in proportion to who is expected."""
    trainees = ctx.trainees()
    away = {m.id: _away_chance(rng) for m in trainees}
    expected: list[list[Member]] = [
        [m for m in trainees if m.belongs_on(a.date)] if a.takes_attendance else [] for a in planned
    ]
    capacity = sum(len(e) for e in expected)
    target = min(ctx.sizes.marks, capacity)
    out, before = [], 0
    for people in expected:
        quota = (before + len(people)) * target // max(capacity, 1) - before * target // max(
            capacity, 1
        )
        before += len(people)
        chosen = sorted(rng.sample(people, quota), key=lambda m: m.id)
        out.append([_mark(rng, m.id, away[m.id]) for m in chosen])
    return out


def add_activities(ctx: Context) -> int:
    """Returns the number of marks written."""
    rng = ctx.rng("activities")
    planned = _planned(ctx, rng)
    marks = _marks(ctx, rng, planned)
    by_month: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, a in enumerate(planned):
        by_month[(a.date.year, a.date.month)].append(i)
    for (year, month), items in sorted(by_month.items()):
        last = max(planned[i].date for i in items)
        ctx.clock.day = min(last + dt.timedelta(days=1), ctx.as_of)
        ctx.services.attendance.save_many(
            [(planned[i], marks[i]) for i in items], cause=f"考勤录入：{year}年{month}月"
        )
    ctx.clock.day = ctx.as_of
    ids = {a.topic: a.id for a in ctx.services.activities.list()}
    ctx.activities = [(a.date, ids[a.topic]) for a in planned]
    return sum(len(m) for m in marks)


def add_photos(ctx: Context, share: float = 0.6) -> int:
    """About ``share`` of the evidence files, spread over the activities."""
    count = round(ctx.sizes.files * share)
    for (_day, activity_id), n in zip(
        ctx.activities, spread(count, len(ctx.activities)), strict=True
    ):
        if n:
            paths = ctx.files.take(n)
            ctx.services.activities.attach(activity_id, paths)
            ctx.files.done(paths)
    ctx.photo_files = count
    return count
