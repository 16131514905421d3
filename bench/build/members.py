"""The studio and its people: a host, a mentor, core members, members and observers,
all on the list from the cycle's first day; a few members leave half-way and are
replaced. Each person's development goals for every school year they belong to."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from bench.build.context import Context, Member
from desktop_app.domain.member_input import parse_member
from desktop_app.domain.vocab import Stage
from desktop_app.services.studio import StudioInput

SURNAMES = (
    "陈 王 张 李 刘 周 吴 徐 孙 朱 胡 钱 缪 顾 沈 陆 蒋 黄 杨 夏 许 邵 季 葛 承 龚 薛 华".split()
)
GIVEN = (
    "静 敏 丽 燕 娟 霞 婷 雯 洁 芳 倩 颖 晓燕 丽华 雪梅 婷婷 佳怡 晓雯 梦琪 文娟 海燕 艳红 "
    "伟 强 磊 军 勇 杰 涛 斌 超 鹏 浩 俊 建华 志强 晓东 海峰 国栋 文博 宇航 明辉"
).split()
SCHOOLS = (
    "江阴中专信息技术系",
    "江阴中专机电工程系",
    "江阴中专经济管理系",
    "江阴中专艺术设计系",
    "江阴中专基础部",
    "江阴市青阳中学",
    "江阴市璜土中学",
    "江阴市祝塘中学",
    "江阴市月城中学",
)
RURAL = {"江阴市青阳中学", "江阴市璜土中学", "江阴市祝塘中学", "江阴市月城中学"}
ROLE_WORDS = {"host": "主持人", "mentor": "导师", "core": "核心成员", "member": "学员",
              "observer": "研修人员"}  # fmt: skip
TOPICS = (
    "职业生涯规划与班级目标管理",
    "中职生手机使用习惯的引导",
    "实习前的职业素养教育",
    "家校共育中的沟通艺术",
    "中职生心理韧性的培养",
    "劳动教育融入班级日常",
    "班干部队伍的培养与轮换",
    "学困生的转化与激励",
    "工匠精神主题教育",
    "网络素养与信息安全教育",
)


def roles(count: int) -> list[str]:
    """Host, mentor, then about a tenth core, a twentieth observers, the rest members."""
    rest = max(count - 2, 0)
    core = max(1, rest // 10)
    observers = max(1, rest // 20)
    return (
        ["host", "mentor"]
        + ["core"] * core
        + ["observer"] * observers
        + ["member"] * max(rest - core - observers, 0)
    )


def _names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if name not in names:
            names.append(name)
    return names


def _raw(rng: random.Random, name: str, role: str, first: dt.date) -> dict[str, str]:
    age = rng.randint(45, 55) if role in ("host", "mentor") else rng.randint(26, 42)
    birth = dt.date(first.year - age, rng.randint(1, 12), rng.randint(1, 28))
    school = "江阴市教师发展中心" if role == "mentor" else rng.choice(SCHOOLS)
    return {
        "name": name,
        "gender": rng.choice(("女", "女", "男")),
        "birth_date": birth.isoformat(),
        "school": school,
        "rural": "是" if school in RURAL else "否",
        "title": "senior" if role in ("host", "mentor") else rng.choice(("junior", "intermediate")),
        "head_teacher_since": str(max(birth.year + 23, first.year - rng.randint(2, 15))),
        "role": ROLE_WORDS[role],
        "phone": rng.choice(("139", "138", "151", "180")) + f"{rng.randrange(10**8):08d}",
        "stage": Stage.CONFIRMED.zh,
    }


def create_studio(ctx: Context) -> None:
    s = ctx.services
    s.studio.create(
        StudioInput(
            name="基准测试名班主任工作室",
            level="school",
            studio_type="studio",
            preset_id="jiangyin",
            cycle_start=ctx.cycle.first.start,
            cycle_end=ctx.cycle.last.start + 1,
            host_school="江苏省江阴中等专业学校",
            district="江阴市",
            feature="以职业生涯教育为主线，研究中职班级文化育人",
        )
    )
    s.studio.set_override("member_cap", ctx.sizes.members, "基准测试：成员规模")
    s.studio.set_override("cycle_years", ctx.sizes.years, "基准测试：建设周期")
    duties = ["public_lesson", "lecture", "mentoring", "research", "paper"]
    s.studio.set_override(
        "yearly_duties", {r: duties for r in ("host", "core", "member")}, "基准测试：五个一"
    )


def add_members(ctx: Context) -> None:
    rng = ctx.rng("members")
    leavers = ctx.sizes.members // 20
    plan = roles(ctx.sizes.members - leavers)
    names = _names(rng, len(plan) + leavers)
    first = ctx.first_day
    span = (ctx.as_of - first).days
    members: dict[int, Member] = {}
    for name, role in zip(names, plan, strict=False):
        members[_add(ctx, rng, name, role, first)] = Member(0, name, role, first)
    ids = list(members)
    members = {mid: dataclasses.replace(m, id=mid) for mid, m in members.items()}
    leaving = [mid for mid in ids if members[mid].role == "member"][:leavers]
    for n, mid in enumerate(leaving):
        left_on = first + dt.timedelta(days=span * (n + 2) // (leavers + 3))
        ctx.clock.day = left_on
        ctx.services.members.end(mid, left_on, "工作调动")
        members[mid] = dataclasses.replace(members[mid], left_on=left_on)
        joined = left_on + dt.timedelta(days=14)
        name = names[len(plan) + n]
        new_id = _add(ctx, rng, name, "member", joined, replaces=mid)
        members[new_id] = Member(new_id, name, "member", joined)
    ctx.clock.day = ctx.as_of
    ctx.members = sorted(members.values(), key=lambda m: m.id)


def _add(
    ctx: Context,
    rng: random.Random,
    name: str,
    role: str,
    joined: dt.date,
    replaces: int | None = None,
) -> int:
    data = parse_member(_raw(rng, name, role, ctx.first_day), today=ctx.as_of)
    data = dataclasses.replace(
        data, agreement_signed_on=joined - dt.timedelta(days=7), joined_on=joined
    )
    ctx.clock.day = joined - dt.timedelta(days=7)
    return ctx.services.members.add(data, replaces_id=replaces)


def set_goals(ctx: Context) -> int:
    rng = ctx.rng("goals")
    count = 0
    for member in ctx.members:
        if member.role == "mentor":
            continue
        for year in ctx.started_years():
            if member.joined_on > min(year.last_day, ctx.as_of):
                continue
            if member.left_on is not None and member.left_on < year.first_day:
                continue
            topic = rng.choice(TOPICS)
            ctx.services.growth.set_goals(
                member.id,
                year,
                f"{year.label}学年：开设一节主题班会公开课；围绕{topic}撰写一篇德育论文；"
                "参与工作室课题研究；完成不少于 24 学时的培训。",
            )
            count += 1
    return count
