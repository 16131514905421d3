"""Plans and the task ledger (计划、任务台账): the build plan, the annual plans and their
items, ticked off (销账) only with evidence — an activity, a growth record, a ledger entry
or a file kept in the content-addressed store."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import func, select

from desktop_app.domain.member_input import parse_member
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.school_year import SchoolYear
from desktop_app.services.activities import ActivityInput
from desktop_app.services.growth import RecordInput
from desktop_app.services.ledger import EntryInput
from desktop_app.services.plans import EvidenceRef, PlanInput, TaskInput
from desktop_app.store.models import (
    Activity,
    Attachment,
    AuditEntry,
    Plan,
    PlanTask,
    PlanTaskEvidence,
)
from tests.conftest import BOTH, TODAY

# Each test on SQLite and on PostgreSQL (tests/conftest.py)
BACKENDS = BOTH

Y2025 = SchoolYear(2025)
Y2026 = SchoolYear(2026)
LESSON = "开设一节区级德育公开课"


def count(services, model) -> int:
    with services.db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def problems_of(call, *args, **kwargs) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return [(p.field, p.message) for p in caught.value.problems]


def add_member(services, name: str = "王芳") -> int:
    return services.members.add(
        parse_member({"name": name, "role": "学员", "joined_on": "2024-09-01"}, today=TODAY)
    )


@pytest.fixture
def s(services):
    """A studio with one member and the annual plan of 2025-2026."""
    services.member_id = add_member(services)
    services.plans.save_annual_plan(Y2025, PlanInput("2025-2026学年工作计划", goals="目标"))
    return services


def task(s, title: str = LESSON, due: str | None = "2026-05-20", **fields) -> int:
    return s.plans.add_task(Y2025, TaskInput(title, s.member_id, due, **fields))


def an_activity(s, day: str = "2025-12-03") -> int:
    return s.activities.create(
        ActivityInput(date=day, kind="公开课", topic="主题班会《诚信》", takes_attendance=False)
    )


def a_record(s, day: str = "2026-04-16") -> int:
    return s.growth.add_record(
        s.member_id, RecordInput("公开课", day, "区级德育公开课《工匠精神》", "district")
    )


def an_entry(s) -> int:
    s.ledger.add(
        EntryInput("收入", "2026-01-06", "3000", "专项经费", source="grant", payee="财务处")
    )
    return s.ledger.add(
        EntryInput(
            "支出",
            "2026-03-24",
            "128",
            "课题开题报告印刷",
            category="课题研究",
            payee="江阴市澄江印务有限公司",
            voucher_no="JZ-2026-004",
            approver="陈静",
            handler="王敏",
        )
    )


# --- plans ---


def test_build_plan_saved_and_updated(services):
    assert services.plans.build_plan() is None
    body = "一、建设目标\n\n1. 培养骨干班主任\n2. 形成特色"
    first = services.plans.save_build_plan(
        PlanInput("三年建设规划", goals=body, features="职业生涯教育", measures="每月一次活动")
    )
    plan = services.plans.build_plan()
    assert (plan.id, plan.kind, plan.title) == (first, "build", "三年建设规划")
    assert plan.goals == body  # paragraphs kept
    assert plan.school_year == SchoolYear(2024)  # the cycle's first year
    again = services.plans.save_build_plan(PlanInput("三年建设规划（修订）", goals="新目标"))
    assert again == first and count(services, Plan) == 1
    plan = services.plans.build_plan()
    assert (plan.title, plan.goals, plan.features) == ("三年建设规划（修订）", "新目标", None)


def test_a_plan_needs_a_title(services):
    assert problems_of(services.plans.save_build_plan, PlanInput("  ")) == [
        ("plan_title", "标题不能为空")
    ]
    assert count(services, Plan) == 0


def test_annual_plans_one_per_school_year(s):
    s.plans.save_annual_plan(Y2026, PlanInput("2026-2027学年工作计划"))
    same = s.plans.save_annual_plan(Y2025, PlanInput("2025-2026学年工作计划（修订）"))
    plans = s.plans.annual_plans()
    assert [(p.school_year, p.title) for p in plans] == [
        (Y2025, "2025-2026学年工作计划（修订）"),
        (Y2026, "2026-2027学年工作计划"),
    ]
    assert plans[0].id == same
    assert s.plans.annual_plan(SchoolYear(2024)) is None


# --- task items ---


def test_add_task_items_in_order(s):
    first = task(s)
    second = task(s, "完成课题中期报告", "2026-01-14", status="进行中", note="子课题分工")
    items = s.plans.tasks(Y2025)
    assert [(t.id, t.position) for t in items] == [(first, 1), (second, 2)]
    item = s.plans.task(second)
    assert (item.title, item.owner_name, item.due_on) == (
        "完成课题中期报告",
        "王芳",
        dt.date(2026, 1, 14),
    )
    assert (item.status, item.note, item.done_on, item.evidence) == (
        "in_progress",
        "子课题分工",
        None,
        (),
    )
    assert item.school_year == Y2025 and item.overdue(TODAY)
    with pytest.raises(KeyError):
        s.plans.task(999)


def test_a_task_for_a_year_without_an_annual_plan_is_refused(s):
    assert problems_of(s.plans.add_task, Y2026, TaskInput("组织送教下乡")) == [
        ("school_year", "2026-2027学年还没有年度计划：请先制订计划")
    ]
    assert count(s, PlanTask) == 0


def test_a_bad_due_date_names_the_field(s):
    problems = problems_of(s.plans.add_task, Y2025, TaskInput(LESSON, due_on="2025-02-30"))
    assert problems == [
        ("due_on", "完成时限：“2025-02-30”不是有效日期（请写成 2025-09-01 或 2025/9/1）")
    ]
    assert count(s, PlanTask) == 0


def test_task_input_problems_are_named_together(s):
    problems = problems_of(s.plans.add_task, Y2025, TaskInput("", due_on="下周", status="差不多了"))
    assert [field for field, _ in problems] == ["task_title", "due_on", "task_status"]
    assert "差不多了" in problems[2][1]


def test_an_unknown_owner_is_refused(s):
    problems = problems_of(s.plans.add_task, Y2025, TaskInput(LESSON, owner_membership_id=99))
    assert problems == [("owner", "负责人：没有编号为 99 的成员")]
    assert count(s, PlanTask) == 0


def test_a_task_added_as_done_needs_evidence(s):
    assert problems_of(s.plans.add_task, Y2025, TaskInput(LESSON, status="已完成")) == [
        ("evidence", f"“{LESSON}”需有佐证材料才能销账：请关联活动、成长记录、经费账目或文件")
    ]
    assert count(s, PlanTask) == 0
    aid = an_activity(s)
    done = s.plans.add_task(Y2025, TaskInput(LESSON, status="销账"), [EvidenceRef("activity", aid)])
    item = s.plans.task(done)
    assert item.is_done and item.done_on == TODAY
    assert [e.ref for e in item.evidence] == [EvidenceRef("activity", aid)]


# --- ticking off ---


def test_ticking_off_without_evidence_is_refused_and_writes_nothing(s):
    tid = task(s)
    audit_before = count(s, AuditEntry)
    assert problems_of(s.plans.tick_off, tid) == [
        ("evidence", f"“{LESSON}”需有佐证材料才能销账：请关联活动、成长记录、经费账目或文件")
    ]
    item = s.plans.task(tid)
    assert (item.status, item.done_on, item.evidence) == ("not_started", None, ())
    assert count(s, PlanTaskEvidence) == 0
    assert count(s, AuditEntry) == audit_before


def test_tick_off_with_an_activity(s):
    tid, aid = task(s), an_activity(s)
    s.plans.tick_off(tid, [EvidenceRef("activity", aid)], done_on="2025-12-05")
    item = s.plans.task(tid)
    assert item.is_done and item.done_on == dt.date(2025, 12, 5)
    [evidence] = item.evidence
    assert (evidence.kind, evidence.target_id, evidence.label, evidence.date) == (
        "activity",
        aid,
        "2025-12-03 主题班会《诚信》",
        dt.date(2025, 12, 3),
    )
    assert not item.overdue(TODAY)


def test_tick_off_with_a_growth_record(s):
    tid, rid = task(s), a_record(s)
    s.plans.tick_off(tid, [EvidenceRef("growth_record", rid)])
    item = s.plans.task(tid)
    assert item.is_done and item.done_on == TODAY
    assert [e.label for e in item.evidence] == ["王芳：区级德育公开课《工匠精神》（2026-04-16）"]


def test_tick_off_with_a_ledger_entry(s):
    tid, eid = task(s, "印制课题开题报告"), an_entry(s)
    s.plans.tick_off(tid, [EvidenceRef("ledger_entry", eid)])
    [evidence] = s.plans.task(tid).evidence
    assert evidence.label == "2026-03-24 课题开题报告印刷 128.00元 JZ-2026-004"
    assert evidence.date == dt.date(2026, 3, 24)


def test_tick_off_with_a_file_kept_in_the_store(s, tmp_path):
    tid = task(s, "编印家校沟通案例集")
    scan = tmp_path / "家校沟通案例集封面.pdf"
    scan.write_bytes(b"%PDF-1.4 case collection")
    s.plans.tick_off(tid, files=[scan])
    item = s.plans.task(tid)
    assert item.is_done
    [evidence] = item.evidence
    assert (evidence.kind, evidence.label) == ("attachment", "家校沟通案例集封面.pdf")
    with s.db.reading() as session:
        attachment = session.get(Attachment, evidence.target_id)
        sha = attachment.sha256
    assert sha == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert s.db.files.verify(sha)
    assert b"".join(s.db.files.stream(sha)) == scan.read_bytes()
    scan.unlink()  # the store keeps its own copy
    assert s.db.files.verify(sha)


def test_tick_off_with_a_missing_file_writes_nothing(s, tmp_path):
    tid = task(s)
    problems = problems_of(s.plans.tick_off, tid, files=[tmp_path / "没有这个文件.pdf"])
    assert problems[0][0] == "file" and "没有这个文件.pdf" in problems[0][1]
    assert s.plans.task(tid).status == "not_started"
    assert count(s, Attachment) == 0


def test_evidence_that_does_not_exist_is_refused(s):
    tid = task(s)
    assert problems_of(s.plans.tick_off, tid, [EvidenceRef("activity", 42)]) == [
        ("evidence", "找不到编号为 42 的活动")
    ]
    problems = problems_of(s.plans.tick_off, tid, [EvidenceRef("plan", 1)])
    assert problems[0][0] == "evidence" and "“plan”" in problems[0][1]
    assert s.plans.task(tid).status == "not_started"
    assert count(s, PlanTaskEvidence) == 0


def test_evidence_linked_once(s):
    tid, aid = task(s), an_activity(s)
    s.plans.add_evidence(tid, [EvidenceRef("activity", aid)])
    s.plans.add_evidence(tid, [EvidenceRef("activity", aid)])
    s.plans.tick_off(tid, [EvidenceRef("activity", aid)])
    assert count(s, PlanTaskEvidence) == 1
    assert s.plans.task(tid).is_done


def test_evidence_added_first_then_ticked_off_without_more(s):
    tid, rid = task(s), a_record(s)
    s.plans.add_evidence(tid, [EvidenceRef("growth_record", rid)])
    assert s.plans.task(tid).status == "not_started"  # evidence alone does not tick off
    s.plans.tick_off(tid)
    assert s.plans.task(tid).is_done


# --- updating, removing ---


def test_update_to_done_without_evidence_is_refused(s):
    tid = task(s)
    problems = problems_of(s.plans.update_task, tid, TaskInput(LESSON, status="已完成"))
    assert problems == [
        ("evidence", f"“{LESSON}”需有佐证材料才能销账：请关联活动、成长记录、经费账目或文件")
    ]
    assert s.plans.task(tid).status == "not_started"


def test_update_to_done_with_evidence_then_reopen(s):
    tid, aid = task(s), an_activity(s)
    s.plans.add_evidence(tid, [EvidenceRef("activity", aid)])
    s.plans.update_task(tid, TaskInput(LESSON + "（市级）", s.member_id, "2026-06-01", "已完成"))
    item = s.plans.task(tid)
    assert item.is_done and item.done_on == TODAY
    assert (item.title, item.due_on) == (LESSON + "（市级）", dt.date(2026, 6, 1))
    s.plans.update_task(tid, TaskInput(LESSON, s.member_id, "2026-06-01", "进行中"))
    item = s.plans.task(tid)
    assert (item.status, item.done_on) == ("in_progress", None)
    assert len(item.evidence) == 1  # reopening keeps the evidence


def test_a_ticked_off_item_cannot_be_deleted(s):
    tid, aid = task(s), an_activity(s)
    s.plans.tick_off(tid, [EvidenceRef("activity", aid)])
    assert problems_of(s.plans.delete_task, tid) == [
        ("task_status", f"“{LESSON}”已销账，作为工作记录保留；如要删除，请先改回未完成")
    ]
    assert s.plans.task(tid).is_done and count(s, PlanTaskEvidence) == 1


def test_an_open_item_is_deleted_with_its_links(s):
    keep, tid, aid = task(s, "保留"), task(s), an_activity(s)
    s.plans.add_evidence(tid, [EvidenceRef("activity", aid)])
    s.plans.delete_task(tid)
    assert [t.id for t in s.plans.tasks(Y2025)] == [keep]
    assert count(s, PlanTaskEvidence) == 0
    assert s.activities.get(aid).topic  # the activity itself stays
    with s.db.reading() as session:
        deleted = session.scalars(
            select(AuditEntry).where(
                AuditEntry.table_name == "plan_task", AuditEntry.action == "delete"
            )
        ).all()
    assert len(deleted) == 1 and LESSON in deleted[0].changes_json


def test_removing_the_last_evidence_of_a_done_item_is_refused(s):
    tid, aid, rid = task(s), an_activity(s), a_record(s)
    s.plans.tick_off(tid, [EvidenceRef("activity", aid), EvidenceRef("growth_record", rid)])
    first, second = s.plans.task(tid).evidence
    s.plans.remove_evidence(tid, first.id)
    assert problems_of(s.plans.remove_evidence, tid, second.id) == [
        ("evidence", f"“{LESSON}”需有佐证材料才能销账：请关联活动、成长记录、经费账目或文件")
    ]
    item = s.plans.task(tid)
    assert item.is_done and [e.id for e in item.evidence] == [second.id]
    with pytest.raises(KeyError):
        s.plans.remove_evidence(tid, first.id)


def test_an_open_item_may_lose_all_its_evidence(s):
    tid, aid = task(s), an_activity(s)
    s.plans.add_evidence(tid, [EvidenceRef("activity", aid)])
    [link] = s.plans.task(tid).evidence
    s.plans.remove_evidence(tid, link.id)
    assert s.plans.task(tid).evidence == ()


def test_evidence_whose_row_is_gone_says_so(s):
    # The services no longer delete a cited activity (the test below); a database from an
    # earlier version may still hold such a link.
    tid, aid = task(s), an_activity(s)
    s.plans.tick_off(tid, [EvidenceRef("activity", aid)])
    with s.db.unit_of_work() as session:
        session.delete(session.get(Activity, aid))
    [evidence] = s.plans.task(tid).evidence
    assert (evidence.label, evidence.date) == ("（已不存在）", None)


# --- what is due, what can be linked ---


def test_next_due_soonest_first_overdue_leading(s):
    late = task(s, "上交课题中期报告", "2026-01-14")
    later = task(s, "组织外出考察", "2026-04-17")
    done = task(s, "学期交流", "2025-12-31")
    task(s, "建立成长档案", None)  # no due date: not listed
    soon = task(s, "年度成果汇编", "2025-12-20")
    s.plans.tick_off(done, [EvidenceRef("activity", an_activity(s))])
    assert [t.id for t in s.plans.next_due(Y2025)] == [soon, late, later]
    assert [t.id for t in s.plans.next_due(Y2025, count=2)] == [soon, late]
    assert all(t.overdue(TODAY) for t in s.plans.next_due(Y2025))
    assert not s.plans.task(done).overdue(TODAY)
    assert s.plans.next_due(Y2026) == []


def test_next_due_on_the_same_day_keeps_the_plan_order(s):
    b = task(s, "乙", "2026-06-01")
    a = task(s, "甲", "2026-06-01")
    assert [t.id for t in s.plans.next_due(Y2025)] == [b, a]


def test_candidates_are_the_school_years_rows(s):
    inside = an_activity(s, "2025-12-03")
    outside = an_activity(s, "2025-08-31")  # the end of the school year before
    rid = a_record(s)
    eid = an_entry(s)
    found = s.plans.candidates(Y2025)
    refs = {(c.kind, c.target_id) for c in found}
    assert ("activity", inside) in refs and ("activity", outside) not in refs
    assert ("growth_record", rid) in refs and ("ledger_entry", eid) in refs
    assert all(c.id is None for c in found)
    assert [c.kind for c in found][:1] == ["activity"]
    assert ("activity", outside) in {
        (c.kind, c.target_id) for c in s.plans.candidates(SchoolYear(2024))
    }


def test_an_activity_cited_as_evidence_is_not_deleted_until_taken_out(s):
    tid, aid = task(s), an_activity(s)
    s.plans.tick_off(tid, [EvidenceRef("activity", aid)])
    assert problems_of(s.activities.delete, aid) == [
        (
            "",
            f"该活动是任务台账中 1 项任务（“{LESSON}”）的佐证；请先在“计划与任务台账”中移除该佐证，再删除活动",
        )
    ]
    assert s.activities.get(aid).topic  # nothing was deleted
    s.plans.update_task(tid, TaskInput(LESSON, status="进行中"))
    link = s.plans.task(tid).evidence[0]
    s.plans.remove_evidence(tid, link.id)
    s.activities.delete(aid)
    assert count(s, PlanTaskEvidence) == 0
