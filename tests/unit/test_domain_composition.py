"""Composition and eligibility warnings: each rule kind, exact messages and people."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop_app.domain import messages
from desktop_app.domain.composition import MemberFacts, check_roster
from desktop_app.domain.presets import Preset, Rule, Source
from desktop_app.domain.vocab import StudioType

TODAY = dt.date(2026, 11, 21)
SEED = "000_905b77352012c72c.txt"


def preset(**values: Any) -> Preset:
    rules = {key: Rule(key, value, Source(SEED, "四、(一)", "…")) for key, value in values.items()}
    return Preset("t", "测试", "测试局", SEED, StudioType.STUDIO, rules)


_ids = iter(range(1, 10_000))


def person(name: str, role: str = "member", **facts: Any) -> MemberFacts:
    return MemberFacts(membership_id=next(_ids), name=name, role=role, **facts)


def check(p: Preset, people: list[MemberFacts]) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(w.rule, w.message, w.people) for w in check_roster(p, people, TODAY)]


HOST = person("主持人甲", "host", head_teacher_since=2000, title="senior", honours="市特级班主任")


def test_no_rules_no_warnings():
    assert check(preset(), [HOST, person("甲"), person("乙", "core")]) == []


def test_member_cap_counts_members_and_core_only():
    people = [
        HOST,
        person("导师甲", "mentor"),
        person("研修甲", "observer"),
        person("甲"),
        person("乙"),
        person("丙", "core"),
    ]
    assert check(preset(member_cap=3), people) == []
    assert check(preset(member_cap=2), people) == [
        ("member_cap", "成员 3 人，超过上限 2 人", ("甲", "乙", "丙"))
    ]


def test_member_min():
    assert check(preset(member_min=8), [HOST, person("甲")]) == [
        ("member_min", "成员 1 人，少于要求的 8 人", ())
    ]
    assert check(preset(member_min=1), [HOST, person("甲")]) == []


def test_hosts_range():
    assert check(preset(hosts=(1, 2)), [person("甲")]) == [
        ("hosts", "主持人/领衔人 0 名，规定为 1–2 名", ())
    ]
    three = [person(n, "host") for n in ("甲", "乙", "丙")]
    assert check(preset(hosts=(1, 2)), three) == [
        ("hosts", "主持人/领衔人 3 名，规定为 1–2 名", ("甲", "乙", "丙"))
    ]
    assert check(preset(hosts=(1, 2)), three[:2]) == []


def test_mentors_range():
    mentors = [person(n, "mentor") for n in ("甲", "乙", "丙")]
    assert check(preset(mentors=(0, 2)), [HOST]) == []
    assert check(preset(mentors=(0, 2)), [HOST, *mentors]) == [
        ("mentors", "导师 3 名，规定为 0–2 名", ("甲", "乙", "丙"))
    ]


def test_core_range():
    assert check(preset(core_members=(2, 4)), [HOST, person("甲", "core"), person("乙")]) == [
        ("core_members", "核心成员 1 名，规定为 2–4 名", ("甲",))
    ]


def test_same_school_counts_members_per_school():
    people = [
        person("主持人", "host", school="A校"),
        person("甲", school="A校"),
        person("乙", school="A校"),
        person("丙", "core", school="A校"),
        person("丁", school="B校"),
        person("戊", school="B校"),
        person("己", "observer", school="B校"),
        person("庚", school=None),
        person("辛", school=None),
        person("壬", school=None),
    ]
    assert check(preset(same_school_max=2), people) == [
        ("same_school_max", "A校 有 3 名成员，超过同一单位 2 人的上限", ("甲", "乙", "丙"))
    ]


def test_same_school_warns_per_school_in_order():
    people = [person(f"B{i}", school="B校") for i in range(2)]
    people += [person(f"A{i}", school="A校") for i in range(2)]
    warnings = check(preset(same_school_max=1), people)
    assert [w[2] for w in warnings] == [("A0", "A1"), ("B0", "B1")]


def test_rural_minimum():
    people = [
        person("甲", rural=True),
        person("乙", "core", rural=True),
        person("丙", rural=False),
        person("丁", rural=None),
        person("主持人", "host", rural=True),
    ]
    assert check(preset(rural_min=5), people) == [
        ("rural_min", "农村学校成员 2 人，少于要求的 5 人", ("甲", "乙"))
    ]
    assert check(preset(rural_min=2), people) == []


def test_service_years_including_unknown():
    people = [
        person("主持人", "host", head_teacher_since=2020),  # 6 years in 2026
        person("甲", head_teacher_since=2023),  # 3 years: exactly the limit
        person("乙", head_teacher_since=2024),  # 2 years
        person("丙"),  # not recorded
        person("导师", "mentor", head_teacher_since=2025),  # no rule for mentors
    ]
    assert check(preset(service_years_min={"host": 10, "member": 3}), people) == [
        ("service_years_min", "主持人担任班主任 6 年，少于 10 年", ("主持人",)),
        ("service_years_min", "成员担任班主任 2 年，少于 3 年", ("乙",)),
        ("service_years_min", "成员未填写担任班主任起始年份（要求不少于 3 年）", ("丙",)),
    ]


def test_age_under():
    people = [
        person("甲", birth_date=dt.date(1986, 11, 22)),  # 39 today
        person("乙", birth_date=dt.date(1986, 11, 21)),  # 40 today
        person("丙"),
        person("主持人", "host", birth_date=dt.date(1960, 1, 1)),
    ]
    assert check(preset(age_under={"member": 40}), people) == [
        ("age_under", "成员年龄 40 周岁，未满足“40 周岁以下”", ("乙",)),
        ("age_under", "成员未填写出生日期（要求 40 周岁以下）", ("丙",)),
    ]


def test_host_title_including_unknown():
    rule = {"host_title_min": "intermediate"}
    assert check(preset(**rule), [person("甲", "host", title="intermediate")]) == []
    assert check(preset(**rule), [person("甲", "host", title="full_senior")]) == []
    assert check(preset(**rule), [person("甲", "host", title="junior")]) == [
        ("host_title_min", "主持人职称为初级，低于要求的中级", ("甲",))
    ]
    assert check(preset(**rule), [person("甲", "host")]) == [
        ("host_title_min", "主持人未填写职称（要求中级及以上）", ("甲",))
    ]
    # members' titles are not the host's
    assert check(preset(**rule), [person("甲", "host", title="senior"), person("乙")]) == []


def test_host_honours():
    rule = {"host_honours_any": ["市特级班主任", "市高级班主任"]}
    assert check(preset(**rule), [person("甲", "host", honours="常州市特级班主任；骨干")]) == []
    expected = ("host_honours_any", "领衔人未记录所要求的称号（市特级班主任、市高级班主任 之一）")
    assert check(preset(**rule), [person("甲", "host", honours="骨干班主任")]) == [
        (*expected, ("甲",))
    ]
    assert check(preset(**rule), [person("乙", "host")]) == [(*expected, ("乙",))]


def test_warning_carries_source_and_json():
    [warning] = check_roster(preset(member_cap=0), [person("甲")], TODAY)
    assert warning.source == f"{SEED} 四、(一)"
    assert warning.as_json() == {
        "rule": "member_cap",
        "source": f"{SEED} 四、(一)",
        "message": "成员 1 人，超过上限 0 人",
        "people": ["甲"],
    }
    assert len(warning.membership_ids) == 1


def test_override_changes_the_limit_and_the_source_gives_the_reason():
    base = preset(member_cap=15)
    people = [person(n) for n in "甲乙丙"]
    assert check(base, people) == []
    [warning] = check_roster(base.with_overrides({"member_cap": (2, "学校要求")}), people, TODAY)
    assert warning.message == "成员 3 人，超过上限 2 人"
    assert warning.source == f"{SEED} 四、(一)；本工作室调整了取值：学校要求"
    [warning] = check_roster(preset().with_overrides({"member_cap": (2, "名额")}), people, TODAY)
    assert warning.source == "本工作室规定：名额"
    [warning] = check_roster(preset().with_overrides({"member_cap": (2, "")}), people, TODAY)
    assert warning.source == "本工作室规定：—"


def test_messages_follow_the_language():
    messages.set_language("en")
    assert check(
        preset(member_cap=0, service_years_min={"host": 10}),
        [
            person("甲"),
            person("主持人", "host", head_teacher_since=2020),
        ],
    ) == [
        ("member_cap", "1 members, more than the 0 allowed", ("甲",)),
        ("service_years_min", "host with 6 years as head teacher, fewer than 10", ("主持人",)),
    ]
