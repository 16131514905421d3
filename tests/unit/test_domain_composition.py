"""Composition and eligibility warnings: each rule kind, exact messages and people."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from desktop_app.domain import messages
from desktop_app.domain.composition import MemberFacts, check_roster, chosen_on
from desktop_app.domain.presets import Preset, Rule, Source, load_presets
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
        (
            "service_years_min",
            "主持人担任班主任满 6 学年（截至 2026-11-21，尚未遴选），少于 10 年",
            ("主持人",),
        ),
        (
            "service_years_min",
            "成员担任班主任满 2 学年（截至 2026-11-21，尚未遴选），少于 3 年",
            ("乙",),
        ),
        ("service_years_min", "成员未填写担任班主任起始年份（要求不少于 3 年）", ("丙",)),
    ]


def test_age_under_includes_the_limit_in_full_years():
    """ "40周岁以下" includes 40 (以下 includes the number); 周岁 are full years."""
    people = [
        person("甲", birth_date=dt.date(1986, 11, 21)),  # 40 today: eligible
        person("乙", birth_date=dt.date(1985, 11, 22)),  # 40, 41 tomorrow: eligible
        person("丙", birth_date=dt.date(1985, 11, 21)),  # 41 today
        person("丁"),
        person("主持人", "host", birth_date=dt.date(1960, 1, 1)),
    ]
    assert check(preset(age_under={"member": 40}), people) == [
        ("age_under", "成员 41 周岁（截至 2026-11-21，尚未遴选），超过“40 周岁以下”", ("丙",)),
        ("age_under", "成员未填写出生日期（要求 40 周岁以下）", ("丁",)),
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
        (
            "service_years_min",
            "host with 6 whole school years as head teacher (as of 2026-11-21, not yet chosen), fewer than 10",
            ("主持人",),
        ),
    ]


# --- issue 15: measured at selection, recognition, in post, honours of the named level ---

PRESETS = load_presets(Path(__file__).resolve().parents[2] / "resources" / "presets")
CHOSEN = dt.date(2024, 6, 10)


def test_chosen_on_is_the_selection_step_else_joining_else_a_later_step():
    steps = [
        ("applied", dt.date(2024, 5, 1)),
        ("selected", dt.date(2024, 6, 10)),
        ("confirmed", dt.date(2024, 8, 20)),
    ]
    assert chosen_on(steps, dt.date(2024, 9, 1)) == dt.date(2024, 6, 10)
    assert chosen_on([("confirmed", dt.date(2025, 3, 1))], dt.date(2024, 9, 1)) == dt.date(
        2024, 9, 1
    )
    assert chosen_on([("confirmed", dt.date(2025, 3, 1))], None) == dt.date(2025, 3, 1)
    assert chosen_on([("applied", dt.date(2025, 3, 1))], None) is None


def test_wujin_exactly_forty_when_chosen_is_eligible_and_stays_so():
    wujin = PRESETS["wujin"]
    forty = person("甲", birth_date=dt.date(1984, 6, 10), chosen_on=CHOSEN)  # 40 that day
    forty_one = person("乙", birth_date=dt.date(1983, 6, 10), chosen_on=CHOSEN)  # 41 that day
    # 甲 is 42 on TODAY, 2026-11-21: measured when chosen, still eligible
    ages = [w for w in check_roster(wujin, [forty, forty_one], TODAY) if w.rule == "age_under"]
    assert [(w.message, w.people) for w in ages] == [
        ("成员 41 周岁（遴选时 2024-06-10），超过“40 周岁以下”", ("乙",))
    ]


def test_service_years_are_whole_school_years_at_the_selection_date():
    rule = {"service_years_min": {"member": 3}}
    # since 2021: the school years 2021-22, 2022-23, 2023-24 end on 2024-08-31
    on_last_day = person("甲", head_teacher_since=2021, chosen_on=dt.date(2024, 8, 31))
    day_before = person("乙", head_teacher_since=2021, chosen_on=dt.date(2024, 8, 30))
    assert check(preset(**rule), [on_last_day, day_before]) == [
        ("service_years_min", "成员担任班主任满 2 学年（遴选时 2024-08-30），少于 3 年", ("乙",))
    ]


def test_xiamen_years_are_for_recognition_not_for_joining():
    xiamen = PRESETS["xiamen-workshop"]
    assert xiamen.rule("service_years_min") is None
    people = [
        person("坊主", "host", head_teacher_since=2022, in_post=True),  # 4 school years
        person("坊成员甲", "core", head_teacher_since=2024, teaching_since=2022),
        person("坊成员乙", "core", head_teacher_since=2020, teaching_since=2015, in_post=False),
        person("坊成员丙", "core", head_teacher_since=2020, teaching_since=2015),
    ]
    found = [
        (w.rule, w.message, w.people)
        for w in check_roster(xiamen, people, TODAY)
        if w.rule.startswith("recognise")
    ]
    assert found == [
        (
            "recognise_leader",
            "主持人担任班主任至今满 4 学年：满 5 年并仍从事班主任工作方可认定为班主任带头人",
            ("坊主",),
        ),
        (
            "recognise_backbone",
            "核心成员任教至今满 4 学年：任教满 5 年方可认定为厦门市骨干班主任",
            ("坊成员甲",),
        ),
        (
            "recognise_backbone",
            "核心成员已不在班主任岗位：仍从事班主任工作方可认定为厦门市骨干班主任",
            ("坊成员乙",),
        ),
    ]
    assert "认定为班主任带头人" in xiamen.rule("recognise_leader").source.quote
    assert xiamen.rule("recognise_expert").value["service"] == 8


def test_in_post_only_when_known_not_to_be():
    wujin = PRESETS["wujin"]
    people = [
        person("甲", in_post=False),
        person("乙", in_post=None),
        person("丙", in_post=True),
    ]
    found = [
        (w.message, w.people)
        for w in check_roster(wujin, people, TODAY)
        if w.rule == "in_post_roles"
    ]
    assert found == [("成员已不在班主任岗位（要求为在岗班主任）", ("甲",))]


def test_xinbei_camp_members_need_eight_years_and_one_honour_or_prize():
    camp = PRESETS["xinbei-camp"]

    def merits(**facts):
        m = person("甲", head_teacher_since=2010, **facts)
        return [w.rule for w in check_roster(camp, [m], TODAY) if w.rule in _MEMBER_RULES]

    assert merits(honours="新北区高级班主任") == []
    assert merits(honours="常州市优秀班主任") == []
    assert merits(prizes=(("新北区班主任基本功大赛一等奖", "district"),)) == []
    assert merits(honours="骨干班主任") == ["member_honours_any"]
    assert merits(honours="新北区优秀班主任") == ["member_honours_any"]
    assert merits(prizes=(("班主任基本功大赛一等奖", "school"),)) == ["member_honours_any"]
    assert merits(prizes=(("新北区班主任基本功大赛二等奖", "district"),)) == ["member_honours_any"]
    # both: eight years AND the honour
    young = person("乙", head_teacher_since=2020, honours="新北区高级班主任")
    assert [w.rule for w in check_roster(camp, [young], TODAY) if w.rule in _MEMBER_RULES] == [
        "service_years_min"
    ]


_MEMBER_RULES = ("member_honours_any", "service_years_min")


def test_wujin_host_honours_must_be_changzhou_ones():
    wujin = PRESETS["wujin"]

    def honours(text):
        host = person("领衔人", "host", head_teacher_since=2000, honours=text)
        return [w.rule for w in check_roster(wujin, [host], TODAY) if w.rule == "host_honours_any"]

    assert honours("常州市骨干班主任") == []
    assert honours("常州市特级班主任") == []
    assert honours("骨干班主任") == ["host_honours_any"]
    assert honours("无锡市骨干班主任") == ["host_honours_any"]


def test_jiangyin_host_class_honour_of_the_named_level():
    jiangyin = PRESETS["jiangyin"]

    def rules(*records):
        host = person("主持人", "host", class_honours=records)
        return [
            w.rule for w in check_roster(jiangyin, [host], TODAY) if w.rule == "host_class_honour"
        ]

    assert rules(("所带班级获评江阴市先进班集体", "district")) == []
    assert rules(("所带班级团支部获评无锡市优秀团支部", "city")) == []
    assert rules(("所带班级获评校先进班集体", "school")) == ["host_class_honour"]
    assert rules(("所带班级获评江阴市文明班级", "district")) == ["host_class_honour"]
    assert rules() == ["host_class_honour"]


def test_jiangyin_signed_agreement_for_each_confirmed_member():
    jiangyin = PRESETS["jiangyin"]
    people = [
        person("甲"),
        person("乙", "core", agreement_signed_on=dt.date(2024, 9, 1)),
        person("丙", stage="selected"),  # not on the list yet
        person("导师", "mentor"),
    ]
    found = [
        (w.message, w.people)
        for w in check_roster(jiangyin, people, TODAY)
        if w.rule == "agreement_roles"
    ]
    assert found == [("成员已确定名单，未记录协议签订日期", ("甲",))]
