"""Plans and summaries: the build plan, an annual plan with a task ledger for every
school year begun (the finished items ticked off with an activity as evidence), and the
summary of every finished school year."""

from __future__ import annotations

import datetime as dt

from bench.build.context import Context
from desktop_app.domain.vocab import TaskStatus
from desktop_app.services.plans import EvidenceRef, PlanInput, TaskInput

TASKS = (
    "召开新学年工作部署会，学员对照个人发展规划调整本学年目标",
    "送教下乡：到农村学校开设主题班会公开课并开展互动评课",
    "完成课题阶段报告，召开课题研讨会",
    "编印学员带班故事集",
    "组织外出考察，每位学员撰写一篇考察心得",
    "建设工作室微信公众号，每月推送活动简报",
)


def add_plans(ctx: Context) -> int:
    """Returns the number of task-ledger items written."""
    s = ctx.services
    rng = ctx.rng("plans")
    s.plans.save_build_plan(
        PlanInput(
            f"基准测试名班主任工作室建设规划（{ctx.cycle.label}）",
            "培养一支师德高尚、业务精湛、善于研究的中职班主任队伍。",
            "以职业生涯教育为主线，研究中职班级文化育人。",
            "每月集中研修；课题引领；以赛促训；成长档案管理。",
        )
    )
    owners = [m.id for m in ctx.members if m.role in ("host", "core")]
    tasks = 0
    for year in ctx.started_years():
        ctx.clock.day = year.first_day
        s.plans.save_annual_plan(
            year,
            PlanInput(f"{year.label}学年工作计划", "完成本学年各项建设任务。", None, "按月推进。"),
        )
        held = [(d, i) for d, i in ctx.activities if year.contains(d)]
        for n, title in enumerate(TASKS):
            due = min(year.first_day + dt.timedelta(days=45 * (n + 1)), year.last_day)
            done = [(d, i) for d, i in held if d <= due][-1:]
            status = (
                TaskStatus.DONE.code if done and due <= ctx.as_of else TaskStatus.IN_PROGRESS.code
            )
            ctx.clock.day = min(due, ctx.as_of)
            evidence = (
                [EvidenceRef("activity", done[0][1])] if status == TaskStatus.DONE.code else []
            )
            s.plans.add_task(year, TaskInput(title, rng.choice(owners), due, status), evidence)
            tasks += 1
    ctx.clock.day = ctx.as_of
    for year in ctx.started_years():
        if year.last_day < ctx.as_of:
            body = s.summaries.draft(year).replace("（请填写）", "各项任务按计划完成。")
            s.summaries.save(year, body)
    return tasks
