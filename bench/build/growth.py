"""Growth-file records of every member but the mentor, dated inside their membership,
with the evidence files the activities did not take."""

from __future__ import annotations

import datetime as dt

from bench.build.context import Context, spread
from bench.build.members import TOPICS
from desktop_app.domain.vocab import RecordKind, RecordLevel
from desktop_app.services.growth import RecordInput

TITLES = {
    "public_lesson": "主题班会公开课《{topic}》",
    "lecture": "工作室交流：{topic}",
    "paper": "浅谈{topic}",
    "research": "课题《中职学校{topic}的实践研究》",
    "competition": "江阴市中职班主任基本功大赛二等奖",
    "honour": "江阴市优秀班主任",
    "mentoring": "师徒结对：指导青年班主任",
    "class_honour": "所带班级获评江阴市先进班集体",
    "training": "江阴市班主任专业能力提升培训（{topic}）",
}


def add_records(ctx: Context) -> int:
    """Returns the number of records written."""
    rng = ctx.rng("growth")
    people = [m for m in ctx.members if m.role != "mentor"]
    kinds = [k.code for k in RecordKind]
    levels = [lv.code for lv in RecordLevel]
    planned = []
    for _ in range(ctx.sizes.growth):
        member = rng.choice(people)
        first = max(member.joined_on, ctx.first_day)
        last = min(member.left_on or ctx.as_of, ctx.as_of)
        day = first + dt.timedelta(days=rng.randint(0, max((last - first).days, 0)))
        kind = rng.choice(kinds)
        topic = rng.choice(TOPICS)
        planned.append(
            (
                day,
                member.id,
                RecordInput(
                    kind=kind,
                    date=day,
                    title=TITLES[kind].format(topic=topic),
                    level=rng.choice(levels),
                    detail=f"{member.name}：{topic}",
                    hours=rng.choice(("2", "4.5", "8", "16")) if kind == "training" else None,
                ),
            )
        )
    planned.sort(key=lambda p: (p[0], p[1]))
    counts = spread(ctx.files.left, len(planned))
    for (_day, member_id, data), n in zip(planned, counts, strict=True):
        paths = ctx.files.take(n) if n else []
        ctx.services.growth.add_record(member_id, data, paths)
        ctx.files.done(paths)
    return len(planned)
