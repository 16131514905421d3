"""Assessments filled in against a template: creating one, self-scores, the evidence the
rules propose (accepted or removed), submitting — which freezes total, grade and evidence
and locks the instance, in the services and below them — and copying into a new draft."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, update

from desktop_app.domain.evidence_rules import Evidence
from desktop_app.domain.member_input import parse_member
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import Grade
from desktop_app.services.activities import ActivityInput
from desktop_app.services.assessments import ItemInput
from desktop_app.services.attendance import MarkInput
from desktop_app.services.growth import RecordInput
from desktop_app.services.plans import EvidenceRef, PlanInput, TaskInput
from desktop_app.store.assessment_guard import LockedError
from desktop_app.store.models import Assessment, AssessmentEvidence, AssessmentItem
from tests.conftest import BOTH, TODAY

# Each test on SQLite and on PostgreSQL (tests/conftest.py)
BACKENDS = BOTH

Y2025 = SchoolYear(2025)
LOCKED = "此考核已于 {date} 提交并锁定：如需修改，请复制为新的草稿"


def count(services, model) -> int:
    with services.db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def problems_of(call, *args, **kwargs) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return [(p.field, p.message) for p in caught.value.problems]


def add_member(services, name: str) -> int:
    return services.members.add(
        parse_member({"name": name, "role": "学员", "joined_on": "2024-09-01"}, today=TODAY)
    )


def activity(services, day: str, topic: str, kind: str = "学习研讨") -> int:
    return services.activities.create(ActivityInput(date=day, kind=kind, topic=topic))


@pytest.fixture
def s(services):
    """A studio with two members, three activities (one open lesson) with attendance,
    a research record and the annual plan of 2025-2026 with one item ticked off."""
    wang, li = add_member(services, "王芳"), add_member(services, "李静")
    services.wang, services.li = wang, li
    services.lesson = activity(services, "2025-12-03", "主题班会《诚信》", "公开课")
    services.study = activity(services, "2025-10-15", "读书研讨")
    third = activity(services, "2026-03-11", "课题开题论证", "课题研究")
    for aid, marks in (
        (services.lesson, {wang: "出勤", li: "出勤"}),
        (services.study, {wang: "出勤", li: "缺勤"}),
        (third, {wang: "迟到", li: "出勤"}),
    ):
        services.attendance.save_marks(aid, [MarkInput(m, st) for m, st in marks.items()])
    services.research = services.growth.add_record(
        wang, RecordInput("课题研究", "2025-10-20", "课题《班级文化育人的实践研究》", "city")
    )
    services.plans.save_annual_plan(Y2025, PlanInput("2025-2026学年工作计划"))
    tid = services.plans.add_task(Y2025, TaskInput("开设一节公开课", wang, "2025-12-31"))
    services.plans.tick_off(tid, [EvidenceRef("activity", services.lesson)])
    return services


def scored(s, less: str = "0") -> int:
    """A mid-term assessment with every leaf scored: full marks less ``less`` points,
    taken off the leaves in order (1.1.1 first)."""
    aid = s.assessments.create("jiangyin-review", "中期考核", Y2025)
    missing = round(float(less) * 10)
    items = {}
    for leaf in s.assessments.template("jiangyin-review").leaves():
        take = min(leaf.max_points * 10, missing)
        missing -= take
        tenths = leaf.max_points * 10 - take
        items[leaf.code] = ItemInput(f"{tenths // 10}.{tenths % 10}")
    s.assessments.save_items(aid, items)
    return aid


# --- creating ---


def test_create_a_mid_term_assessment(s):
    aid = s.assessments.create("jiangyin-review", "中期", Y2025)
    header = s.assessments.get(aid).header
    assert (header.template_id, header.kind, header.school_year) == (
        "jiangyin-review",
        "midterm",
        Y2025,
    )
    assert (header.title, header.status, header.locked) == (
        "2025-2026学年 中期考核",
        "draft",
        False,
    )
    assert (header.total_tenths, header.max_points, header.complete) == (0, 100, False)
    assert header.copied_from_id is None and header.submitted_at is None
    assert [h.id for h in s.assessments.list()] == [aid]


def test_a_kind_the_template_is_not_meant_for_is_refused(s):
    assert problems_of(s.assessments.create, "jiangyin-review", "年度考核", Y2025) == [
        ("template", "考核模板“江阴中专名班主任工作室考核细则”不适用于年度考核")
    ]
    problems = problems_of(s.assessments.create, "jiangyin-review", "期末大考", Y2025)
    assert problems[0][0] == "assessment_kind" and "期末大考" in problems[0][1]
    assert count(s, Assessment) == 0


def test_a_member_template_needs_the_member(s):
    assert problems_of(s.assessments.create, "xinbei-member", "member", Y2025) == [
        ("member", "成员年度考核须选择被考核成员")
    ]
    assert problems_of(s.assessments.create, "xinbei-member", "member", Y2025, 99) == [
        ("member", "成员：没有编号为 99 的成员")
    ]
    assert count(s, Assessment) == 0
    aid = s.assessments.create("xinbei-member", "成员考核", Y2025, s.wang)
    header = s.assessments.get(aid).header
    assert (header.member_name, header.title) == ("王芳", "2025-2026学年 王芳 成员年度考核")


def test_an_unknown_template_is_refused(s):
    assert problems_of(s.assessments.create, "no-such", "midterm", Y2025) == [
        ("template", "没有名为“no-such”的考核模板")
    ]


def test_templates_of_the_studios_own_policy_first(s):
    assert [t.id for t in s.assessments.templates()][0] == "jiangyin-review"


# --- scoring ---


def test_save_items_scores_and_comments(s):
    aid = s.assessments.create("jiangyin-review", "midterm", Y2025)
    s.assessments.save_items(
        aid,
        {"1.1.1": ItemInput("2.5", "领导小组每学期听取汇报"), "1.3.1": ItemInput(4)},
        comment="第一段\n\n第二段",
    )
    info = s.assessments.get(aid)
    assert (info.items["1.1.1"].score_tenths, info.items["1.1.1"].comment) == (
        25,
        "领导小组每学期听取汇报",
    )
    assert info.items["1.3.1"].score_tenths == 40
    assert info.items["1.2.1"].score_tenths is None
    assert info.comment == "第一段\n\n第二段"
    assert info.header.total_tenths == 65 and info.header.total_text == "6.5"
    assert info.sheet.node_total(info.template.indicator("1")) == 65
    s.assessments.set_score(aid, "1.1.1", None)  # cleared
    assert s.assessments.get(aid).items["1.1.1"].score_tenths is None


def test_an_out_of_range_score_names_the_indicator_and_writes_nothing(s):
    aid = s.assessments.create("jiangyin-review", "midterm", Y2025)
    problems = problems_of(
        s.assessments.save_items,
        aid,
        {"1.2.1": ItemInput("2"), "1.1.1": ItemInput("3.5"), "1.3.1": ItemInput("-1")},
    )
    assert problems == [
        ("score", "1.1.1 工作室建设工作领导小组定期听取建设情况汇 的自评分：“3.5”应在 0 与 3 之间"),
        ("score", "1.3.1 工作室建设方案系统科学、目标合理,符合区 的自评分：“-1”应在 0 与 4 之间"),
    ]
    assert count(s, AssessmentItem) == 0  # not even the good score of 1.2.1
    assert problems_of(s.assessments.save_items, aid, {"1.1.1": ItemInput("2.55")})[0][0] == (
        "score"
    )


def test_only_leaves_of_the_template_are_scored(s):
    aid = s.assessments.create("jiangyin-review", "midterm", Y2025)
    assert problems_of(s.assessments.save_items, aid, {"1": ItemInput(10)}) == [("", "没有指标 1")]
    assert problems_of(s.assessments.save_items, aid, {"9.9": ItemInput(1)}) == [
        ("", "没有指标 9.9")
    ]
    assert count(s, AssessmentItem) == 0


@pytest.mark.parametrize(
    ("less", "total", "grade"),
    [("0", 1000, "优秀"), ("10", 900, "优秀"), ("10.1", 899, "合格"), ("40.1", 599, "不合格")],
)
def test_total_and_grade_at_the_thresholds(s, less, total, grade):
    header = s.assessments.get(scored(s, less)).header
    assert (header.total_tenths, header.grade.zh, header.complete) == (total, grade, True)


# --- evidence ---


def test_rules_propose_evidence_from_the_records(s):
    info = s.assessments.get(s.assessments.create("jiangyin-review", "midterm", Y2025))
    lessons = info.items["4.2.3"]
    assert lessons.outcome.met
    assert [(e.evidence.target_id, e.decision, e.from_rule) for e in lessons.evidence] == [
        (s.lesson, "proposed", True)
    ]
    research = info.items["4.3.1"]
    assert research.outcome.met
    assert (
        research.evidence[0].evidence.label == "王芳：课题《班级文化育人的实践研究》（2025-10-20）"
    )
    activities = info.items["3.2.1"]
    assert not activities.outcome.met  # 3 of at least 6
    assert len(activities.evidence) == 3
    assert info.items["3.3.1"].outcome.explanation == "任务台账已销账 1/1 项（要求 50%）"
    assert info.items["1.1.1"].outcome is None  # no rule: scored by hand


def test_decide_removes_and_accepts_evidence(s):
    aid = s.assessments.create("jiangyin-review", "midterm", Y2025)
    study = next(
        e.evidence
        for e in s.assessments.get(aid).items["3.2.1"].evidence
        if e.evidence.target_id == s.study
    )
    s.assessments.decide(aid, "3.2.1", study, "removed")
    extra = Evidence("fact", None, "工作室公众号全年推送 24 篇")
    s.assessments.decide(aid, "3.4.2", extra, "accepted")
    info = s.assessments.get(aid)
    decisions = {e.evidence.target_id: e.decision for e in info.items["3.2.1"].evidence}
    assert decisions[s.study] == "removed" and decisions[s.lesson] == "proposed"
    assert study not in info.items["3.2.1"].kept_evidence
    assert len(info.items["3.2.1"].kept_evidence) == 2
    [hand] = info.items["3.4.2"].evidence
    assert (hand.evidence, hand.decision, hand.from_rule) == (extra, "accepted", False)
    s.assessments.decide(aid, "3.2.1", study, "accepted")  # changed one's mind
    info = s.assessments.get(aid)
    assert {e.evidence.target_id: e.decision for e in info.items["3.2.1"].evidence}[
        s.study
    ] == "accepted"
    assert count(s, AssessmentEvidence) == 2
    with pytest.raises(ValueError):
        s.assessments.decide(aid, "3.2.1", study, "maybe")
    assert problems_of(s.assessments.decide, aid, "7.7", study, "accepted") == [
        ("", "没有指标 7.7")
    ]


# --- submitting ---


def test_submit_is_refused_while_indicators_are_unscored(s):
    aid = s.assessments.create("jiangyin-review", "midterm", Y2025)
    s.assessments.save_items(aid, {"1.1.1": ItemInput(3), "1.2.1": ItemInput(3)})
    leaves = len(s.assessments.template("jiangyin-review").leaves())
    [(field, message)] = problems_of(s.assessments.submit, aid)
    assert field == "score"
    assert message.startswith(f"无法提交：尚有 {leaves - 2} 项指标未自评（1.3.1、2.1.1、")
    assert message.endswith("…）")
    assert s.assessments.get(aid).header.status == "draft"


def test_submit_freezes_total_grade_and_evidence(s):
    aid = scored(s, "10.1")
    study = Evidence("activity", s.study, "2025-10-15 读书研讨")
    s.assessments.decide(aid, "3.2.1", study, "removed")
    s.assessments.submit(aid)
    before = s.assessments.get(aid)
    assert before.locked and before.header.status == "submitted"
    assert before.header.submitted_at is not None
    assert (before.header.total_tenths, before.header.grade) == (899, Grade.PASS)
    with s.db.reading() as session:
        row = session.get(Assessment, aid)
        assert (row.total_tenths, row.grade) == (899, "pass")
    # Undecided proposals were taken as accepted; nothing is evaluated any more.
    lessons = before.items["4.2.3"]
    assert [(e.evidence.target_id, e.decision) for e in lessons.evidence] == [
        (s.lesson, "accepted")
    ]
    assert all(state.outcome is None for state in before.items.values())
    kept = {code: state.kept_evidence for code, state in before.items.items()}

    # The records change afterwards: renamed, more activities, more records.
    s.activities.update(
        s.lesson, ActivityInput(date="2025-12-03", kind="公开课", topic="改过的主题")
    )
    for day in ("2026-04-08", "2026-05-13", "2026-06-10"):
        activity(s, day, "后来补记的活动", "公开课")
    s.growth.add_record(s.li, RecordInput("论文", "2026-05-01", "浅谈班级文化", "city"))
    s.plans.add_task(Y2025, TaskInput("后来加的任务"))

    after = s.assessments.get(aid)
    assert after.header == before.header
    assert {code: state.kept_evidence for code, state in after.items.items()} == kept
    assert after.items["4.2.3"].evidence[0].evidence.label == "2025-12-03 主题班会《诚信》"
    assert after.items["4.3.2"].evidence == ()  # the paper came after
    assert [e.decision for e in after.items["3.2.1"].evidence].count("removed") == 1


def test_a_submitted_assessment_is_locked_in_the_services(s):
    aid = scored(s)
    s.assessments.submit(aid)
    date = f"{s.assessments.get(aid).header.submitted_at:%Y-%m-%d}"
    locked = [("", LOCKED.format(date=date))]
    evidence = Evidence("fact", None, "补充说明")
    assert problems_of(s.assessments.save_items, aid, {"1.1.1": ItemInput(1)}) == locked
    assert problems_of(s.assessments.decide, aid, "1.1.1", evidence, "accepted") == locked
    assert problems_of(s.assessments.delete_draft, aid) == locked
    assert problems_of(s.assessments.submit, aid) == locked
    info = s.assessments.get(aid)
    assert info.items["1.1.1"].score_tenths == 30 and info.items["1.1.1"].evidence == ()


def test_the_store_guard_refuses_a_direct_change(s):
    aid = scored(s)
    s.assessments.submit(aid)
    with pytest.raises(LockedError):
        with s.db.unit_of_work() as session:
            item = session.scalar(
                select(AssessmentItem).where(
                    AssessmentItem.assessment_id == aid, AssessmentItem.code == "1.1.1"
                )
            )
            item.score_tenths = 0
    with pytest.raises(LockedError):
        with s.db.unit_of_work() as session:
            session.add(
                AssessmentEvidence(
                    assessment_id=aid, code="1.1.1", kind="fact", label="x", decision="accepted"
                )
            )
    with pytest.raises(LockedError):
        with s.db.unit_of_work() as session:
            row = session.get(Assessment, aid)
            row.status = "draft"
    with pytest.raises(LockedError):
        with s.db.unit_of_work() as session:
            session.delete(session.get(Assessment, aid))
    with pytest.raises(LockedError):
        with s.db.unit_of_work() as session:
            session.execute(update(AssessmentItem).values(score_tenths=0))
    with pytest.raises(LockedError):
        with s.db.unit_of_work() as session:
            session.execute(delete(AssessmentEvidence))
    info = s.assessments.get(aid)
    assert info.header.status == "submitted" and info.items["1.1.1"].score_tenths == 30
    assert info.header.total_tenths == 1000


def test_the_store_guard_refuses_a_child_appended_through_the_relationship(s):
    aid = scored(s)
    s.assessments.submit(aid)
    before = count(s, AssessmentEvidence)  # the proposals accepted on submission
    try:
        with s.db.unit_of_work() as session:
            row = session.get(Assessment, aid)
            row.evidence.append(
                AssessmentEvidence(code="1.1.1", kind="fact", label="事后补充", decision="accepted")
            )
    except LockedError:
        pass
    assert count(s, AssessmentEvidence) == before, "evidence added to a submitted assessment"


def test_the_store_guard_refuses_moving_a_score_to_a_draft(s):
    aid = scored(s)
    s.assessments.submit(aid)
    draft = s.assessments.create("jiangyin-review", "midterm", Y2025)
    try:
        with s.db.unit_of_work() as session:
            item = session.scalar(select(AssessmentItem).where(AssessmentItem.code == "1.1.1"))
            item.assessment_id = draft
    except LockedError:
        pass
    assert s.assessments.get(aid).items["1.1.1"].score_tenths == 30, "score taken away"


def test_the_store_guard_lets_a_draft_change(s):
    aid = s.assessments.create("jiangyin-review", "midterm", Y2025)
    s.assessments.save_items(aid, {"1.1.1": ItemInput(3)})
    with s.db.unit_of_work() as session:
        item = session.scalar(select(AssessmentItem).where(AssessmentItem.assessment_id == aid))
        item.score_tenths = 10
    assert s.assessments.get(aid).items["1.1.1"].score_tenths == 10


# --- copies and drafts ---


def test_copy_makes_an_editable_draft_with_the_same_scores(s):
    aid = scored(s, "5")
    s.assessments.save_items(aid, {"2.1.1": ItemInput(3, "成员结构合理")}, comment="总体良好")
    study = Evidence("activity", s.study, "2025-10-15 读书研讨")
    s.assessments.decide(aid, "3.2.1", study, "removed")
    s.assessments.submit(aid)
    copy_id = s.assessments.copy(aid)
    source, copy = s.assessments.get(aid), s.assessments.get(copy_id)
    assert copy.header.copied_from_id == aid
    assert (copy.header.status, copy.header.title) == ("draft", "2025-2026学年 中期考核（副本）")
    assert copy.header.total_tenths == source.header.total_tenths == 950
    assert {c: st.score_tenths for c, st in copy.items.items()} == {
        c: st.score_tenths for c, st in source.items.items()
    }
    assert (copy.items["2.1.1"].comment, copy.comment) == ("成员结构合理", "总体良好")
    decisions = {e.evidence.target_id: e.decision for e in copy.items["3.2.1"].evidence}
    assert decisions[s.study] == "removed"
    assert copy.items["3.2.1"].outcome is not None  # a draft is evaluated again

    assert copy.items["1.2.1"].score_tenths == 10  # 5 points off: 3 from 1.1.1, 2 here
    s.assessments.save_items(copy_id, {"1.2.1": ItemInput(0)})
    assert s.assessments.get(copy_id).header.total_tenths == 940
    assert s.assessments.get(aid).items["1.2.1"].score_tenths == 10  # the source untouched
    s.assessments.submit(copy_id)
    assert s.assessments.get(copy_id).header.grade is Grade.EXCELLENT  # 94
    named = s.assessments.copy(aid, "2025-2026学年 中期考核（第二稿）")
    assert s.assessments.get(named).header.title == "2025-2026学年 中期考核（第二稿）"


def test_delete_a_draft(s):
    aid = s.assessments.create("jiangyin-review", "midterm", Y2025)
    s.assessments.save_items(aid, {"1.1.1": ItemInput(3)})
    s.assessments.decide(aid, "1.1.1", Evidence("fact", None, "x"), "accepted")
    s.assessments.delete_draft(aid)
    assert s.assessments.list() == []
    assert count(s, AssessmentItem) == count(s, AssessmentEvidence) == 0
    with pytest.raises(KeyError):
        s.assessments.get(aid)


# --- a member ---


def test_member_rules_read_that_members_year(s):
    aid = s.assessments.create("xinbei-member", "member", Y2025, s.li)
    info = s.assessments.get(aid)
    attendance = info.items["1.1"].outcome
    assert attendance.met  # 2 of 3, the line is 2/3
    assert attendance.explanation == "李静：出勤率 66.7%（应到 3 次，实到 2 次；要求 66.7%）"
    assert not info.items["2.4"].outcome.met  # the research record is 王芳's
    wang = s.assessments.get(s.assessments.create("xinbei-member", "member", Y2025, s.wang))
    assert wang.items["2.4"].outcome.met
    assert wang.items["1.1"].outcome.explanation.startswith("王芳：出勤率 100%")
    assert wang.items["1.2"].outcome.met
    assert wang.items["3.1"].outcome is None
