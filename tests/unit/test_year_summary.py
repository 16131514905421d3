"""The facts of a school year and the annual summary (年度总结) pre-filled from them: every
figure agrees with the records it comes from, built here through the services; saving
keeps the host's paragraphs and the audit log the earlier wording. And yearly duties at
the school-year boundary (31 August / 1 September)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from sqlalchemy import select

from desktop_app.domain.member_input import parse_member
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.year_summary import YearFacts, prefill
from desktop_app.services.activities import ActivityInput
from desktop_app.services.attendance import MarkInput
from desktop_app.services.growth import RecordInput
from desktop_app.services.ledger import EntryInput
from desktop_app.services.plans import EvidenceRef, PlanInput, TaskInput
from desktop_app.store.models import AuditEntry
from tests.conftest import BOTH, TODAY, jiangyin_studio

# Each test on SQLite and on PostgreSQL (tests/conftest.py)
BACKENDS = BOTH

Y2024, Y2025, Y2026 = SchoolYear(2024), SchoolYear(2025), SchoolYear(2026)
STUDIO = "陈静名班主任工作室"


def add_member(services, name: str, joined_on: str = "2024-09-01") -> int:
    return services.members.add(
        parse_member({"name": name, "role": "学员", "joined_on": joined_on}, today=TODAY)
    )


def activity(services, day: str, kind: str, topic: str, attendance: bool = True) -> int:
    return services.activities.create(
        ActivityInput(date=day, kind=kind, topic=topic, takes_attendance=attendance)
    )


def expense(day: str, amount: str, category: str = "培训研修", **fields) -> EntryInput:
    values = dict(
        direction="支出",
        date=day,
        amount=amount,
        purpose="资料印刷",
        category=category,
        payee="江阴市澄江印务有限公司",
        approver="陈静",
        handler="王敏",
    )
    values.update(fields)
    return EntryInput(**values)


def income(day: str, amount: str, source: str = "grant") -> EntryInput:
    return EntryInput("收入", day, amount, "专项经费", source=source, payee="江阴中专财务处")


@pytest.fixture
def year(services):
    """2025-2026 built through the services, with records on both sides of it. The studio
    judges attendance from the first session and reads 以上 as 'more than' (its own
    settings), so that its three sessions give one member over and one at risk."""
    s = services
    s.studio.set_setting("attendance.min_sessions", 1)
    s.studio.set_setting("attendance.exact_third_counts", False)
    wang, li, zhou = add_member(s, "王芳"), add_member(s, "李静"), add_member(s, "周敏")
    gone = add_member(s, "顾倩", joined_on="2023-09-01")
    s.members.end(gone, "2025-06-30", "工作调动")  # left before the year: not counted

    # Activities: three with attendance, one without, one the year before, two after.
    marks = {
        activity(s, "2025-10-15", "学习研讨", "读书研讨"): {wang: "出勤", li: "迟到", zhou: "缺勤"},
        activity(s, "2025-12-03", "公开课", "主题班会《诚信》"): {
            wang: "出勤",
            li: "早退",
            zhou: "请假",
        },
        activity(s, "2026-03-11", "学习研讨", "课题开题论证"): {
            wang: "出勤",
            li: "请假",
            zhou: "出勤",
        },
    }
    for aid, by_member in marks.items():
        s.attendance.save_marks(aid, [MarkInput(m, st) for m, st in by_member.items()])
    s.field_trip = activity(s, "2026-04-17", "外出考察", "南京考察", attendance=False)
    activity(s, "2025-08-31", "专家讲座", "上一学年最后一天", attendance=False)
    activity(s, "2026-09-01", "学习研讨", "下一学年第一天", attendance=False)

    # Growth records: two in the year, one on the last day of the year before.
    s.growth.add_record(wang, RecordInput("公开课", "2025-12-03", "主题班会《诚信》", "district"))
    s.growth.add_record(li, RecordInput("论文", "2026-08-31", "浅谈班级文化", "city"))
    s.growth.add_record(zhou, RecordInput("论文", "2025-08-31", "上一学年的论文", "school"))

    # Money: the calendar years 2025 and 2026 (the ledger's fiscal years), of which the
    # school year holds 2025-09-01 .. 2026-08-31; one mistyped expense corrected.
    s.ledger.add(income("2025-01-06", "3000"))  # the year before
    s.ledger.add(income("2025-09-10", "1500", "bureau"))
    wrong = s.ledger.add(expense("2025-10-20", "365"))
    s.ledger.correct(wrong, "录入错误：应为 356.50 元", expense("2025-11-04", "356.50"))
    s.ledger.add(income("2026-01-06", "3000"))
    s.ledger.add(expense("2026-03-24", "128", "课题研究"))
    s.ledger.add(expense("2026-08-31", "86.4", "课程资源开发"))
    s.ledger.add(expense("2026-09-01", "58", "培训研修"))  # the year after

    # The annual plan: three items, one ticked off, the other two overdue.
    s.plans.save_annual_plan(Y2025, PlanInput("2025-2026学年工作计划"))
    done = s.plans.add_task(Y2025, TaskInput("开设一节公开课", wang, "2025-12-31"))
    s.plans.add_task(Y2025, TaskInput("完成课题中期报告", li, "2026-06-30"))
    s.plans.add_task(Y2025, TaskInput("编印案例集", zhou, "2026-03-31"))
    s.plans.tick_off(done, [EvidenceRef("activity", s.field_trip)])
    s.names = {"wang": wang, "li": li, "zhou": zhou}
    return s


def test_year_facts_agree_with_the_records(year):
    facts = year.year_facts.facts(Y2025)
    assert (facts.school_year, facts.today) == (Y2025, TODAY)
    assert facts.members == 3
    assert facts.activities_by_kind == {"study": 2, "open_lesson": 1, "field_trip": 1}
    assert (facts.activities_held, facts.activities_planned) == (4, 4)
    # 3 sessions × 3 members; present, late and left early count as there.
    assert (facts.attended, facts.expected) == (6, 9)
    assert facts.attendance_rate == Fraction(2, 3)
    # 周敏 missed 2 of 3 (over the line of one third); 李静 1 of 3 (exactly at it).
    assert (facts.flagged, facts.at_risk) == (("周敏",), ("李静",))
    # The flag changes are dated the day the marks were saved (today, the next year).
    assert facts.flag_events == 0
    assert year.year_facts.facts(Y2026).flag_events >= 2
    assert facts.records_by_kind == {"public_lesson": 1, "paper": 1}
    assert facts.grant_fen == 300000
    assert facts.income_fen == 150000 + 300000  # September's subsidy, January's grant
    # 365.00 reversed, 356.50 + 128.00 + 86.40 spent; 58.00 on 1 September is next year's
    assert facts.expense_fen == 35650 + 12800 + 8640
    assert facts.expense_by_category == {"培训研修": 35650, "课题研究": 12800, "课程资源开发": 8640}
    assert (facts.tasks_total, facts.tasks_done, facts.tasks_open, facts.overdue) == (3, 1, 2, 2)
    assert [t.title for t in facts.next_due] == ["编印案例集", "完成课题中期报告"]
    assert [t.owner for t in facts.next_due] == ["周敏", "李静"]
    assert (facts.duties_total, facts.duties_by_kind) == (0, {})  # jiangyin: no yearly duties


def test_the_prefill_text_carries_the_same_figures(year):
    text = year.summaries.draft(Y2025)
    lines = text.split("\n")
    assert lines[0] == f"{STUDIO}2025-2026学年工作总结"
    assert "本学年工作室在册成员 3 人。" in lines
    assert "本学年开展活动 4 次，其中学习研讨 2 次，公开课 1 次，外出考察 1 次。" in lines
    assert "考勤：应到 9 人次，实到 6 人次，出勤率 66.7%。" in lines
    assert "缺勤超过规定比例的成员：周敏。" in lines
    assert "缺勤临界、需提醒的成员：李静。" in lines
    assert "成长档案新增记录：公开课 1 项，论文 1 项。" in lines
    assert "年度专项经费标准 3,000.00 元。" in lines
    assert "本学年到账 4,500.00 元，支出 570.90 元。" in lines
    assert "支出构成：培训研修 356.50 元，课题研究 128.00 元，课程资源开发 86.40 元。" in lines
    assert "年度计划任务 3 项，已销账 1 项，未完成 2 项。" in lines
    assert text.count("（请填写）") == 2
    assert "年度职责完成" not in text  # no duties in this preset


def test_a_year_still_running_counts_what_was_held(year):
    activity(year, "2026-10-14", "专题讨论", "手机使用习惯的引导")
    activity(year, "2026-12-09", "公开课", "送教下乡")  # after today
    facts = year.year_facts.facts(Y2026)
    assert (facts.activities_held, facts.activities_planned) == (2, 3)
    assert facts.activities_by_kind == {"study": 1, "seminar": 1}
    assert (facts.income_fen, facts.expense_fen) == (0, 5800)
    assert facts.tasks_total == 0 and facts.next_due == ()
    text = year.summaries.draft(Y2026)
    assert "本学年开展活动 2 次（全年计划 3 次），其中学习研讨 1 次，专题讨论 1 次。" in text
    assert "考勤" not in text  # no marks at held sessions this year


def test_facts_as_json(year):
    data = year.year_facts.facts(Y2025).as_json()
    assert data["school_year"] == "2025-2026" and data["today"] == "2026-11-21"
    assert data["attendance_rate"] == "2/3"
    assert data["next_due"][0] == {
        "id": data["next_due"][0]["id"],
        "title": "编印案例集",
        "due_on": "2026-03-31",
        "owner": "周敏",
    }
    json.dumps(data, ensure_ascii=False)  # plain data all through


def test_prefill_of_crafted_facts():
    facts = YearFacts(
        school_year=Y2025,
        today=TODAY,
        members=2,
        activities_by_kind={"study": 1},
        activities_held=1,
        activities_planned=1,
        duties_done=3,
        duties_total=4,
        duties_by_kind={"public_lesson": (2, 2), "paper": (1, 2)},
        income_fen=300000,
        expense_fen=12345,
        expense_by_category={"培训研修": 12345, "专家指导": 0},
    )
    lines = prefill(facts, "某工作室").split("\n")
    assert "年度职责完成 3 项，共 4 项。" in lines
    assert "  公开课：2/2" in lines and "  论文：1/2" in lines
    assert "支出构成：培训研修 123.45 元。" in lines  # categories without spending left out
    assert "年度专项经费标准" not in "\n".join(lines)  # no grant known
    assert not any(line.startswith("考勤") for line in lines)


# --- saving the summary ---


def test_open_gives_the_draft_until_saved(year):
    draft = year.summaries.open(Y2025)
    assert draft.id is None and draft.updated_at is None
    assert draft.body == year.summaries.draft(Y2025)
    assert draft.facts["activities_held"] == 4
    assert year.summaries.get(Y2025) is None and year.summaries.years() == []


def test_saving_keeps_paragraphs_and_the_log_keeps_the_earlier_wording(year):
    draft = year.summaries.draft(Y2025)
    first = draft.replace(
        "六、主要成效与特色\n（请填写）",
        "六、主要成效与特色\n  一是以课题为抓手。\n\n  二是送教下乡。",
    )
    sid = year.summaries.save(Y2025, first)
    saved = year.summaries.get(Y2025)
    assert (saved.id, saved.body) == (sid, first)
    assert "\n  一是以课题为抓手。\n\n  二是送教下乡。" in saved.body
    assert saved.facts["attended"] == 6 and saved.facts["income_fen"] == 450000
    assert year.summaries.open(Y2025) == saved
    assert year.summaries.years() == [Y2025]

    second = first.replace("二是送教下乡。", "二是送教下乡，辐射农村学校。")
    assert year.summaries.save(Y2025, second + "\n\n") == sid  # trailing blank lines go
    assert year.summaries.get(Y2025).body == second
    with year.db.reading() as session:
        updates = session.scalars(
            select(AuditEntry).where(
                AuditEntry.table_name == "annual_summary", AuditEntry.action == "update"
            )
        ).all()
    [update] = updates
    old, new = json.loads(update.changes_json)["body"]
    assert (old, new) == (first, second)


def test_the_saved_figures_are_those_of_the_last_save(year):
    year.summaries.save(Y2025, "总结")
    activity(year, "2026-05-13", "基本功训练", "带班方略")
    assert year.summaries.get(Y2025).facts["activities_held"] == 4
    year.summaries.save(Y2025, "总结（修订）")
    assert year.summaries.get(Y2025).facts["activities_held"] == 5


def test_an_empty_summary_is_refused(year):
    with pytest.raises(ValidationError) as caught:
        year.summaries.save(Y2025, " \n \n")
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("summary_body", "总结正文不能为空")
    ]
    assert year.summaries.get(Y2025) is None


def test_the_summary_and_spending_reports_show_in_the_studio_facts(year, tmp_path):
    facts = year.year_facts.studio_facts(Y2025)
    assert facts.summary is None and facts.spending_reports == ()
    assert facts.annual_plan.label == "年度计划：2025-2026学年工作计划"
    assert facts.build_plan is None
    year.summaries.save(Y2025, "总结")
    report = tmp_path / "经费使用情况报告-2026.pdf"
    report.write_bytes(b"%PDF-1.4")
    year.documents.record("ledger_report", "2026", report)
    facts = year.year_facts.studio_facts(Y2025)
    assert facts.summary.label == "2025-2026学年工作总结"
    [spent] = facts.spending_reports
    assert spent.label.startswith("经费使用情况报告-2026.pdf（")
    assert year.year_facts.studio_facts(Y2026).spending_reports  # 2026 spans both
    assert year.year_facts.studio_facts(Y2024).spending_reports == ()
    assert facts.tasks_total == 3 and facts.tasks_done == 1
    assert (facts.attended, facts.expected) == (6, 9)
    assert facts.members == ("王芳", "李静", "周敏")
    assert [a.topic for a in facts.activities] == [
        "读书研讨",
        "主题班会《诚信》",
        "课题开题论证",
        "南京考察",
    ]


# --- yearly duties at the school-year boundary ---


@pytest.fixture
def wujin(empty_services):
    empty_services.studio.create(jiangyin_studio(preset_id="wujin"))
    return empty_services


def test_duties_at_the_school_year_boundary(wujin):
    mid = add_member(wujin, "王芳")
    last_day = wujin.growth.add_record(
        mid, RecordInput("公开课", "2026-08-31", "德育公开课《诚信》", "district")
    )
    first_day = wujin.growth.add_record(
        mid, RecordInput("论文", "2026-09-01", "浅谈班级文化", "city")
    )

    [row] = wujin.duties.grid(Y2025).rows
    assert row.statuses["public_lesson"].done
    assert row.statuses["public_lesson"].record_ids == (last_day,)
    assert not row.statuses["paper"].done

    [row] = wujin.duties.grid(Y2026).rows
    assert not row.statuses["public_lesson"].done
    assert row.statuses["paper"].done and row.statuses["paper"].record_ids == (first_day,)

    earlier = wujin.year_facts.facts(Y2025)
    later = wujin.year_facts.facts(Y2026)
    assert (earlier.duties_done, earlier.duties_total) == (1, 4)
    assert (later.duties_done, later.duties_total) == (1, 4)
    assert earlier.duties_by_kind["public_lesson"] == (1, 1)
    assert earlier.duties_by_kind["paper"] == (0, 1)
    assert later.duties_by_kind["paper"] == (1, 1)
    assert earlier.records_by_kind == {"public_lesson": 1}
    assert later.records_by_kind == {"paper": 1}
    assert "年度职责完成 1 项，共 4 项。" in wujin.summaries.draft(Y2025)
    assert "  公开课：1/1" in wujin.summaries.draft(Y2025)
