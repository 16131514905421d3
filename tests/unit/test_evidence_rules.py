"""Evidence rules: what the records show for an indicator, evaluated on crafted facts.

Every rule kind of the template schema is met and not met at its threshold, and proposes
exactly the rows that show it."""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from pathlib import Path

import pytest

from desktop_app.domain.assessment import RULE_KINDS, EvidenceRule
from desktop_app.domain.evidence_rules import (
    ActivityFact,
    Evidence,
    MemberYearFacts,
    RecordFact,
    StudioYearFacts,
    TalkFact,
    evaluate,
    percent,
)
from desktop_app.domain.school_year import SchoolYear

Y2025 = SchoolYear(2025)
BUILD = Evidence("plan", 1, "建设规划：三年建设规划")
ANNUAL = Evidence("plan", 2, "年度计划：2025-2026学年工作计划")
SUMMARY = Evidence("summary", 7, "2025-2026学年工作总结")
REPORT = Evidence("document", 3, "经费使用情况报告-2025.pdf（2026-01-10）")
LESSON = ActivityFact(11, "open_lesson", dt.date(2025, 12, 3), "主题班会《诚信》")
STUDY = ActivityFact(12, "study", dt.date(2025, 10, 15), "读书研讨")
PAPER = RecordFact(21, "王芳", "paper", dt.date(2026, 5, 1), "浅谈班级文化")
TALK = RecordFact(22, "李静", "lecture", dt.date(2025, 11, 5), "工作室交流")


def rule(kind: str, minimum=None, activity_kind=None, record_kind=None) -> EvidenceRule:
    if isinstance(minimum, str):
        minimum = Fraction(minimum)
    return EvidenceRule(kind, minimum, activity_kind, record_kind)


def facts(**values) -> StudioYearFacts:
    return StudioYearFacts(school_year=Y2025, **values)


# --- plans, tasks, summary ---


def test_build_plan_exists():
    missing = evaluate(rule("build_plan_exists"), facts())
    assert (missing.met, missing.explanation, missing.evidence) == (False, "尚无建设规划", ())
    found = evaluate(rule("build_plan_exists"), facts(build_plan=BUILD))
    assert (found.met, found.explanation, found.evidence) == (True, "已有本周期建设规划", (BUILD,))


def test_annual_plan_exists_needs_task_items():
    missing = evaluate(rule("annual_plan_exists"), facts())
    assert (missing.met, missing.explanation, missing.evidence) == (False, "本学年尚无年度计划", ())
    empty = evaluate(rule("annual_plan_exists"), facts(annual_plan=ANNUAL, tasks_total=0))
    assert not empty.met and empty.evidence == (ANNUAL,)
    assert empty.explanation == "已有年度计划，任务台账 0 项"
    full = evaluate(rule("annual_plan_exists"), facts(annual_plan=ANNUAL, tasks_total=1))
    assert full.met and full.explanation == "已有年度计划，任务台账 1 项"


@pytest.mark.parametrize(
    ("done", "total", "met"),
    [(3, 6, True), (4, 6, True), (2, 5, False), (0, 0, False), (6, 6, True)],
)
def test_tasks_done_at_the_line(done, total, met):
    outcome = evaluate(
        rule("tasks_done", "1/2"), facts(annual_plan=ANNUAL, tasks_total=total, tasks_done=done)
    )
    assert outcome.met is met
    assert outcome.explanation == f"任务台账已销账 {done}/{total} 项（要求 50%）"
    assert outcome.evidence == (ANNUAL,)


def test_tasks_done_without_a_plan_proposes_nothing():
    outcome = evaluate(rule("tasks_done", "1/2"), facts())
    assert not outcome.met and outcome.evidence == ()


def test_annual_summary_exists():
    assert evaluate(rule("annual_summary_exists"), facts()).met is False
    found = evaluate(rule("annual_summary_exists"), facts(summary=SUMMARY))
    assert (found.met, found.explanation, found.evidence) == (True, "已有年度总结", (SUMMARY,))


# --- activities and attendance ---


def test_activities_at_the_minimum():
    six = tuple(
        ActivityFact(100 + i, "study", dt.date(2025, 10, 1 + i), f"第{i + 1}次") for i in range(6)
    )
    met = evaluate(rule("activities", 6), facts(activities=six))
    assert met.met and met.explanation == "本学年开展活动 6 次（要求至少 6 次）"
    assert met.evidence == tuple(a.evidence for a in six)
    assert met.evidence[0] == Evidence("activity", 100, "2025-10-01 第1次")
    short = evaluate(rule("activities", 6), facts(activities=six[:5]))
    assert not short.met and len(short.evidence) == 5
    assert short.explanation == "本学年开展活动 5 次（要求至少 6 次）"


def test_activities_of_one_kind_only():
    outcome = evaluate(
        rule("activities", 1, activity_kind="open_lesson"), facts(activities=(STUDY, LESSON))
    )
    assert outcome.met
    assert outcome.evidence == (Evidence("activity", 11, "2025-12-03 主题班会《诚信》"),)
    assert outcome.explanation == "本学年开展公开课 1 次（要求至少 1 次）"
    none = evaluate(rule("activities", 1, activity_kind="open_lesson"), facts(activities=(STUDY,)))
    assert not none.met and none.evidence == ()


def test_activities_without_a_minimum_need_one():
    assert not evaluate(rule("activities"), facts()).met
    assert evaluate(rule("activities"), facts(activities=(STUDY,))).met


@pytest.mark.parametrize(
    ("attended", "expected", "met", "rate"),
    [
        (4, 5, True, "80%"),  # exactly the line
        (80, 100, True, "80%"),
        (79, 100, False, "79%"),
        (799, 1000, False, "79.9%"),
        (5, 5, True, "100%"),
        (0, 3, False, "0%"),
    ],
)
def test_attendance_rate_at_the_line(attended, expected, met, rate):
    outcome = evaluate(rule("attendance_rate", "4/5"), facts(attended=attended, expected=expected))
    assert outcome.met is met
    text = f"出勤率 {rate}（应到 {expected} 人次，实到 {attended} 人次；要求 80%）"
    assert outcome.explanation == text
    if attended:
        assert outcome.evidence == (Evidence("fact", None, text),)


def test_attendance_rate_without_marks_is_not_met():
    outcome = evaluate(rule("attendance_rate", "4/5"), facts())
    assert not outcome.met and outcome.evidence == ()
    assert outcome.explanation.startswith("出勤率 —")


# --- money, growth plans, duties, records, roster ---


def test_spending_report_exists():
    none = evaluate(rule("spending_report_exists"), facts())
    assert (none.met, none.explanation) == (False, "本年度已出具经费使用报告 0 份")
    one = evaluate(rule("spending_report_exists"), facts(spending_reports=(REPORT,)))
    assert (one.met, one.explanation, one.evidence) == (
        True,
        "本年度已出具经费使用报告 1 份",
        (REPORT,),
    )


def test_growth_plans_for_every_member():
    goals = (Evidence("goal", 5, "王芳：2025-2026学年个人发展规划"),)
    missing = evaluate(
        rule("growth_plans"),
        facts(members=("王芳", "李静"), goals=goals, members_without_goals=("李静",)),
    )
    assert not missing.met and missing.evidence == goals
    assert missing.explanation == "2 名成员中 1 人有本学年个人发展规划（缺：李静）"
    everyone = evaluate(rule("growth_plans"), facts(members=("王芳",), goals=goals))
    assert everyone.met
    assert everyone.explanation == "1 名成员中 1 人有本学年个人发展规划（缺：—）"
    assert not evaluate(rule("growth_plans"), facts()).met  # no members: nothing to show


@pytest.mark.parametrize(
    ("done", "total", "met"), [(4, 5, True), (8, 10, True), (3, 4, False), (0, 0, False)]
)
def test_duties_completion_at_the_line(done, total, met):
    outcome = evaluate(
        rule("duties_completion", "4/5"), facts(duties_done=done, duties_total=total)
    )
    assert outcome.met is met
    assert outcome.explanation == f"年度职责完成 {done}/{total} 项（要求 80%）"


def test_growth_records_of_one_kind_at_the_minimum():
    other = RecordFact(23, "王芳", "paper", dt.date(2025, 9, 20), "班级公约的共同制定")
    one = evaluate(rule("growth_records", 2, record_kind="paper"), facts(records=(PAPER, TALK)))
    assert not one.met and one.evidence == (PAPER.evidence,)
    assert one.explanation == "本学年成长档案中有论文 1 项（要求至少 2 项）"
    two = evaluate(
        rule("growth_records", 2, record_kind="paper"), facts(records=(PAPER, TALK, other))
    )
    assert two.met and two.evidence == (PAPER.evidence, other.evidence)
    assert PAPER.evidence == Evidence("growth_record", 21, "王芳：浅谈班级文化（2026-05-01）")


def test_growth_records_of_any_kind():
    outcome = evaluate(rule("growth_records"), facts(records=(TALK,)))
    assert outcome.met and outcome.explanation == "本学年成长档案中有成长记录 1 项（要求至少 1 项）"
    assert not evaluate(rule("growth_records"), facts()).met


def test_roster_ok():
    clean = evaluate(rule("roster_ok"), facts())
    assert (clean.met, clean.explanation, clean.evidence) == (True, "成员构成提示 0 条", ())
    warned = evaluate(rule("roster_ok"), facts(roster_warnings=("成员 11 人，超过上限 10 人",)))
    assert not warned.met
    assert warned.evidence == (Evidence("fact", None, "成员 11 人，超过上限 10 人"),)


# --- one member ---


def test_member_rules_need_a_member():
    for kind in ("member_attendance", "member_duty", "member_flag_clear"):
        outcome = evaluate(rule(kind, record_kind="paper"), facts())
        assert (outcome.met, outcome.explanation) == (False, "此指标须针对某一成员")


@pytest.mark.parametrize(
    ("attended", "expected", "met"), [(2, 3, True), (8, 12, True), (66, 100, False), (0, 0, False)]
)
def test_member_attendance_at_the_line(attended, expected, met):
    member = MemberYearFacts("王芳", attended=attended, expected=expected)
    outcome = evaluate(rule("member_attendance", "2/3"), facts(), member)
    assert outcome.met is met
    assert outcome.explanation.startswith("王芳：出勤率 ")
    assert outcome.explanation.endswith(f"（应到 {expected} 次，实到 {attended} 次；要求 66.7%）")


def test_member_duty_shows_the_records_of_that_kind():
    member = MemberYearFacts("王芳", records=(PAPER,))
    done = evaluate(rule("member_duty", record_kind="paper"), facts(), member)
    assert done.met and done.evidence == (PAPER.evidence,)
    assert done.explanation == "王芳：本学年成长档案中有论文 1 项"
    missing = evaluate(rule("member_duty", record_kind="public_lesson"), facts(), member)
    assert not missing.met and missing.evidence == ()
    # a public lesson may be given at a studio activity too (a talk given does the duty)
    assert missing.explanation == "王芳：本学年成长档案中的公开课和主讲的工作室活动共 0 项"


def test_a_talk_given_does_the_duty_as_a_record_would():
    """Issue 15 item 12: a member who presented a studio activity of a duty's kind has
    done that duty, for the indicators as for the duties grid."""
    given = TalkFact(31, "王芳", "public_lesson", dt.date(2025, 12, 3), "主题班会《诚信》")
    member = MemberYearFacts("王芳", talks=(given,))
    done = evaluate(rule("member_duty", record_kind="public_lesson"), facts(), member)
    assert done.met and done.evidence == (
        Evidence("activity", 31, "王芳：2025-12-03 主题班会《诚信》（主讲）"),
    )
    assert done.explanation == "王芳：本学年成长档案中的公开课和主讲的工作室活动共 1 项"
    assert not evaluate(rule("member_duty", record_kind="paper"), facts(), member).met
    lecture = TalkFact(32, "李静", "lecture", dt.date(2026, 3, 1), "班级文化交流")
    studio = evaluate(
        rule("growth_records", 2, record_kind="lecture"), facts(records=(TALK,), talks=(lecture,))
    )
    assert studio.met and studio.evidence == (TALK.evidence, lecture.evidence)
    assert studio.explanation == (
        "本学年成长档案中的讲座和主讲的工作室活动共 2 项（要求至少 2 项）"
    )


def test_member_flag_clear():
    clear = evaluate(rule("member_flag_clear"), facts(), MemberYearFacts("王芳"))
    assert clear.met and clear.explanation == "王芳 无缺勤预警"
    assert clear.evidence == (Evidence("fact", None, "王芳 无缺勤预警"),)
    flagged = MemberYearFacts("李静", flagged=True, flag_text="李静：缺勤 5/12，超过红线")
    outcome = evaluate(rule("member_flag_clear"), facts(), flagged)
    assert not outcome.met and outcome.explanation == "李静：缺勤 5/12，超过红线"


def test_an_unknown_rule_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="no_such_rule"):
        evaluate(EvidenceRule("no_such_rule"), facts(), MemberYearFacts("王芳"))


def test_every_rule_kind_of_the_schema_is_tested():
    source = Path(__file__).read_text(encoding="utf-8")
    covered = set(re.findall(r'rule\("(\w+)"', source))
    covered |= set(re.findall(r'"(member_\w+)"', source))  # the loop over the member rules
    assert covered == set(RULE_KINDS)


# --- figures for people ---


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "—"),
        (Fraction(4, 5), "80%"),
        (Fraction(2, 3), "66.7%"),
        (Fraction(1, 3), "33.3%"),
        (Fraction(1, 16), "6.3%"),  # 6.25: rounded half up (四舍五入), as the ledger report
        (Fraction(3, 16), "18.8%"),
        (Fraction(1), "100%"),
    ],
)
def test_percent(value, text):
    assert percent(value) == text


def test_evidence_key_ignores_the_label_of_a_row_but_not_of_a_figure():
    assert Evidence("activity", 3, "旧主题").key == Evidence("activity", 3, "新主题").key
    assert Evidence("fact", None, "出勤率 80%").key != Evidence("fact", None, "出勤率 90%").key
