"""The demo studio: realistic, deterministic, built through the services."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from fractions import Fraction

import pytest
from sqlalchemy import select

from desktop_app.demo.builder import build_demo
from desktop_app.domain.attendance import FlagState
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import ActivityKind, RecordKind
from desktop_app.fonts import find_cjk_font
from desktop_app.services.app import AppServices
from desktop_app.store.models import Attachment, PlanTaskEvidence

TODAY = dt.date(2026, 11, 21)


def content(path, today=TODAY) -> dict:
    """Everything the services say about a database, ids included."""
    services = AppServices.open(path, today=lambda: today)
    try:
        roster = services.members.roster()
        activities = services.activities.list()
        ledger = services.ledger.entries()
        return {
            "studio": services.studio.get(),
            "overrides": services.studio.overrides(),
            "roster": roster,
            "steps": {
                r.membership_id: services.members.stage_steps(r.membership_id) for r in roster
            },
            "goals": {r.membership_id: services.growth.goals(r.membership_id) for r in roster},
            "records": services.growth.all_records(),
            "warnings": services.members.warnings(),
            "activities": activities,
            "sheets": {
                a.id: services.attendance.sheet(a.id) for a in activities if a.takes_attendance
            },
            "flags": services.attendance.flags(include_left=True),
            "flag_history": services.attendance.history(),
            "ledger": ledger,
            "ledger_years": {y: services.ledger.summary(y) for y in services.ledger.years()},
            "closed": services.ledger.closed_periods(),
            "categories": services.ledger.categories(),
            "yearly_grant": services.studio.effective_preset().value("yearly_grant_fen"),
            "files_ok": all(
                services.db.files.verify(a.sha256)
                for record in [*services.growth.all_records(), *activities, *ledger]
                for a in record.attachments
            ),
            "files_held": len(services.db.files.all()),
            # Bookkeeping timestamps (updated_at, issued_at, created_at, submitted_at) are
            # left out below: they are the only things that differ between two builds.
            "build_plan": services.plans.build_plan(),
            "annual_plans": services.plans.annual_plans(),
            "plan_files": plan_files(services),
            "summaries": {
                y: dataclasses.replace(services.summaries.get(y), updated_at=None)
                for y in services.summaries.years()
            },
            "year_facts": {
                y: services.year_facts.facts(y) for y in services.studio.get().cycle.school_years
            },
            "duties": {
                y: services.duties.grid(y) for y in services.studio.get().cycle.school_years
            },
            "documents": [
                (d.kind, d.period, d.file_name, d.sha256) for d in services.documents.list()
            ],
            "assessments": [
                assessment_content(services.assessments.get(h.id))
                for h in services.assessments.list()
            ],
        }
    finally:
        services.close()


def plan_files(services) -> list[tuple[str, str, bool]]:
    """(sha256, name, verifies) of the files that tick task items off."""
    with services.db.reading() as session:
        rows = session.execute(
            select(Attachment.sha256, Attachment.original_name)
            .join(PlanTaskEvidence, PlanTaskEvidence.target_id == Attachment.id)
            .where(PlanTaskEvidence.kind == "attachment")
            .order_by(Attachment.id)
        ).all()
    return [(sha, name, services.db.files.verify(sha)) for sha, name in rows]


def assessment_content(info) -> dict:
    header = info.header
    return {
        "template": header.template_id,
        "kind": header.kind,
        "school_year": header.school_year,
        "membership_id": header.membership_id,
        "member_name": header.member_name,
        "title": header.title,
        "status": header.status,
        "total": header.total_tenths,
        "grade": header.grade,
        "complete": header.complete,
        "submitted": header.submitted_at is not None,
        "comment": info.comment,
        "items": {
            code: (
                state.score_tenths,
                state.comment,
                [(e.evidence, e.decision, e.from_rule) for e in state.evidence],
            )
            for code, state in info.items.items()
        },
    }


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    summary = build_demo(path, seed=1, today=TODAY)
    return path, summary, content(path)


def test_summary_line(demo):
    path, summary, data = demo
    assert "\n" not in summary
    match = re.fullmatch(
        r"演示工作室“(.+)”：(\d+) 人（另有 1 人已退出），成长记录 (\d+) 条，活动 (\d+) 次，"
        r"经费记录 (\d+) 笔，任务台账 (\d+) 项（已销账 (\d+) 项），考核 (\d+) 份 → (.+)",
        summary,
    )
    assert match, summary
    assert match.group(1) == data["studio"].name
    assert int(match.group(2)) == sum(1 for r in data["roster"] if r.is_current)
    assert int(match.group(3)) == len(data["records"])
    assert int(match.group(4)) == len(data["activities"])
    assert int(match.group(5)) == len(data["ledger"]) == 33
    tasks = [t for plan in data["annual_plans"] for t in plan.tasks]
    assert int(match.group(6)) == len(tasks) == 15
    assert int(match.group(7)) == sum(1 for t in tasks if t.is_done) == 10
    assert int(match.group(8)) == len(data["assessments"]) == 2
    assert match.group(9) == str(path)


def test_existing_file_refused(demo, tmp_path):
    path = tmp_path / "taken.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(FileExistsError):
        build_demo(path)
    assert path.read_bytes() == b""
    with pytest.raises(FileExistsError):
        build_demo(demo[0])


def test_the_studio(demo):
    studio = demo[2]["studio"]
    [host] = [r for r in demo[2]["roster"] if r.role == "host"]
    assert studio.is_demo
    assert studio.preset_id == "jiangyin"
    assert studio.name == f"{host.name}名班主任工作室"
    assert (studio.host_school, studio.district) == ("江苏省江阴中等专业学校", "江阴市")
    assert studio.cycle.label == "2024-2027"
    assert set(demo[2]["overrides"]) == {"member_cap", "same_school_max", "yearly_duties"}
    assert all(reason for _, reason in demo[2]["overrides"].values())
    duties, reason = demo[2]["overrides"]["yearly_duties"]
    assert "五个一" in reason
    five = ["public_lesson", "lecture", "mentoring", "research", "paper"]
    assert duties == {"host": five, "core": five, "member": five}


def test_the_people(demo):
    roster = demo[2]["roster"]
    current = [r for r in roster if r.is_current]
    roles = Counter(r.role for r in current)
    assert roles["host"] == 1 and roles["mentor"] == 1 and roles["core"] == 2
    assert roles["observer"] == 1
    assert roles["member"] >= 8
    assert len({r.school for r in current}) >= 5
    assert any(r.rural for r in current) and any(r.rural is False for r in current)
    assert {r.title for r in current} >= {"junior", "intermediate", "senior"}
    assert len({r.name for r in roster}) == len(roster)
    for r in roster:
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,3}", r.name), r.name
        assert r.gender in ("male", "female")
        assert r.birth_date and r.head_teacher_since and r.phone
        assert r.head_teacher_since >= r.birth_date.year + 18
    confirmed = [r for r in current if r.stage == "confirmed"]
    assert len(confirmed) >= len(current) - 1
    for r in confirmed:
        assert r.joined_on is not None
        if r.role != "host":
            assert r.agreement_signed_on is not None
            assert r.agreement_signed_on <= r.joined_on


def test_stage_steps_walk_the_lifecycle(demo):
    roster, steps = demo[2]["roster"], demo[2]["steps"]
    members = [r for r in roster if r.role in ("member", "core") and r.replaces_id is None]
    for r in members:
        walked = steps[r.membership_id]
        assert [s.stage for s in walked] == [
            "applied",
            "recommended",
            "selected",
            "approved",
            "confirmed",
        ]
        days = [s.on for s in walked]
        assert days == sorted(days)
        assert days[-1] <= r.agreement_signed_on
    for r in roster:
        assert steps[r.membership_id][-1].stage == r.stage


def test_leaving_and_replacement(demo):
    roster = demo[2]["roster"]
    [left] = [r for r in roster if not r.is_current]
    [new] = [r for r in roster if r.replaces_id is not None]
    assert left.status == "left"
    assert "工作调动" in left.leave_reason
    assert new.replaces_id == left.membership_id
    assert (new.replaces_name, left.replaced_by_name) == (left.name, new.name)
    assert new.joined_on > left.left_on
    records = demo[2]["records"]
    assert all(r.date <= left.left_on for r in records if r.person_id == left.person_id)
    assert all(r.date >= new.joined_on for r in records if r.person_id == new.person_id)


def test_warnings_on_purpose(demo):
    warnings = {w.rule: w for w in demo[2]["warnings"]}
    assert set(warnings) == {"member_cap", "same_school_max", "annual_plan_before_year"}
    first = demo[2]["studio"].cycle.first
    assert warnings["annual_plan_before_year"].message == f"{first.label} 学年没有年度工作计划"
    assert warnings["member_cap"].message == "成员 11 人，超过上限 10 人"
    same = warnings["same_school_max"]
    schools = {r.school for r in demo[2]["roster"] if r.name in same.people}
    assert len(same.people) == 3 and len(schools) == 1


def test_growth_files(demo):
    data = demo[2]
    records = data["records"]
    cycle = data["studio"].cycle
    first, second, current = cycle.school_years
    assert {r.kind for r in records} == {k.code for k in RecordKind}
    assert all(r.date <= TODAY for r in records)
    assert {r.school_year for r in records} <= {first, second, current}
    by_year = Counter(r.school_year for r in records)
    assert by_year[first] >= 30 and by_year[second] >= 30
    for r in records:
        assert r.title
        assert (r.hours_tenths or 0) > 0 if r.kind == "training" else r.hours_tenths is None
    assert any(r.hours_tenths % 10 for r in records if r.kind == "training")
    counted = [x for x in data["roster"] if x.role in ("member", "core", "host") and x.is_current]
    people_with_records = {r.person_id for r in records}
    assert all(x.person_id in people_with_records for x in counted)


def test_goals_per_school_year(demo):
    data = demo[2]
    for r in data["roster"]:
        goals = data["goals"][r.membership_id]
        if r.role in ("member", "core", "host") and r.is_current and r.replaces_id is None:
            assert [g.school_year for g in goals] == data["studio"].cycle.school_years
        for goal in goals:
            assert goal.goals.startswith(goal.school_year.label)


def test_evidence_files_are_stored_once_and_verify(demo):
    data = demo[2]
    attachments = [a for r in data["records"] for a in r.attachments]
    assert len(attachments) >= 20
    assert {a.original_name.rsplit(".", 1)[1] for a in attachments} == {"png", "txt"}
    assert data["files_ok"]
    shas = Counter(a.sha256 for a in attachments)
    assert max(shas.values()) >= 3  # the group photo, in several growth files
    photos = [a for activity in data["activities"] for a in activity.attachments]
    assert shas.keys() & {a.sha256 for a in photos}  # … and with the visit itself
    receipts = {a.sha256 for e in data["ledger"] for a in e.attachments}
    task_files = {sha for sha, _, _ in data["plan_files"]}
    assert len(task_files) == 1  # the contents page of the case collection
    all_shas = shas.keys() | {a.sha256 for a in photos} | receipts | task_files
    assert data["files_held"] == len(all_shas)


def test_png_evidence_is_a_real_png(demo):
    path = demo[0]
    services = AppServices.open(path, today=lambda: TODAY)
    try:
        [attachment, *_] = [
            a
            for r in services.growth.all_records()
            for a in r.attachments
            if a.original_name.endswith(".png")
        ]
        data = b"".join(services.db.files.stream(attachment.sha256))
    finally:
        services.close()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert data[12:16] == b"IHDR"
    assert data.endswith(b"IEND\xaeB`\x82")


def test_activities_over_two_school_years_and_this_one(demo):
    data = demo[2]
    activities = data["activities"]
    first, second, current = data["studio"].cycle.school_years
    by_year = Counter(a.school_year for a in activities)
    assert set(by_year) == {first, second, current}
    assert by_year[first] + by_year[second] >= 18
    assert by_year[first] >= 9 and by_year[second] >= 9
    assert 1 <= by_year[current] and all(a.date <= TODAY for a in activities)
    for year in (first, second):
        months = {a.date.month for a in activities if a.school_year == year}
        assert months >= {9, 10, 11, 12, 1, 3, 4, 5, 6}  # about monthly, September to June
        assert not months & {2, 7, 8}  # holidays
        assert {a.term for a in activities if a.school_year == year} == {1, 2}
    kinds = {a.kind for a in activities}
    assert len(kinds) >= 8 and kinds <= {k.code for k in ActivityKind}
    assert {"expert_lecture", "field_trip", "open_lesson", "seminar"} <= kinds
    assert any(a.topic == "外出考察：南京市职业学校德育工作交流" for a in activities)
    for a in activities:
        assert re.search(r"[\u4e00-\u9fff]", a.topic) and a.place and a.presenter and a.content
        assert a.start_time and a.end_time and a.start_time < a.end_time
        assert a.hours_tenths and a.hours_tenths > 0
    assert sum(1 for a in activities if a.summary) >= len(activities) * 2 // 3
    with_photos = [a for a in activities if a.photos]
    assert len(with_photos) >= 5
    assert all(p.original_name.endswith(".png") for a in with_photos for p in a.photos)
    assert sum(1 for a in activities if not a.takes_attendance) == 1
    assert len(activities) == 23  # 10 + 10 + three so far this school year


def test_attendance_taken_for_those_who_belonged(demo):
    data = demo[2]
    roster = {r.membership_id: r for r in data["roster"]}
    statuses = Counter()
    for a in data["activities"]:
        if not a.takes_attendance:
            assert a.expected == 0 and a.id not in data["sheets"]
            continue
        sheet = data["sheets"][a.id]
        assert sheet.saved and a.expected == len(sheet.rows) >= 10
        for row in sheet.rows:
            member = roster[row.membership_id]
            assert member.role in ("core", "member", "observer")
            assert member.joined_on <= a.date
            assert member.left_on is None or a.date <= member.left_on
            statuses[row.status] += 1
    assert set(statuses) == {"present", "late", "left_early", "leave", "absent"}
    assert statuses["present"] > 0.75 * sum(statuses.values())
    [left] = [r for r in roster.values() if not r.is_current]
    [new] = [r for r in roster.values() if r.replaces_id is not None]
    marked = Counter(row.membership_id for sheet in data["sheets"].values() for row in sheet.rows)
    # 9 + 5 sessions until leaving in February; 5 + 3 since joining in March
    assert (marked[left.membership_id], marked[new.membership_id]) == (14, 8)
    flags = {f.membership_id: f for f in data["flags"]}
    assert flags[left.membership_id].tally.expected == 14
    assert flags[new.membership_id].tally.expected == 8


def test_flags_arranged_on_purpose(demo):
    flags = [f for f in demo[2]["flags"] if f.is_current]
    states = Counter(f.state for f in flags)
    assert states == {FlagState.OK: len(flags) - 2, FlagState.OVER: 1, FlagState.AT_RISK: 1}
    [over] = [f for f in flags if f.state == FlagState.OVER]
    [at_risk] = [f for f in flags if f.state == FlagState.AT_RISK]
    assert over.tally.ratio > Fraction(1, 3)
    assert at_risk.tally.ratio <= Fraction(1, 3)
    assert Fraction(at_risk.tally.missed + 1, at_risk.tally.expected + 1) > Fraction(1, 3)
    assert (over.tally.ratio_text, at_risk.tally.ratio_text) == ("8/22", "7/22")


def test_flag_history_shows_the_member_at_exactly_one_third(demo):
    data = demo[2]
    history = data["flag_history"]
    days = {a.date for a in data["activities"]}
    assert all(e.on in days and e.cause.startswith("考勤 ") for e in history)
    state_now = {f.membership_id: f.state for f in data["flags"]}
    # Someone reached the line at exactly one third: 3 of 9 is over under the jiangyin
    # preset ("以上" includes the number itself), and later came back under it.
    [at] = [
        e
        for e in history
        if (e.missed, e.expected) == (3, 9)
        and e.new_state == FlagState.OVER
        and state_now[e.membership_id] == FlagState.OK
    ]
    assert Fraction(at.missed, at.expected) == Fraction(1, 3)
    assert at.old_state == FlagState.AT_RISK  # 2 of 8: one more is exactly a third
    events = [e for e in history if e.membership_id == at.membership_id]
    after = events[events.index(at) + 1 :]
    assert [(e.old_state, e.new_state) for e in after] == [
        (FlagState.OVER, FlagState.AT_RISK),
        (FlagState.AT_RISK, FlagState.OK),
    ]
    back = after[-1]
    assert Fraction(back.missed + 1, back.expected + 1) < Fraction(1, 3)
    assert back.on > at.on
    # The member over the line got there through at risk, in the second school year.
    [over] = [mid for mid, state in state_now.items() if state == FlagState.OVER]
    crossing = [e for e in history if e.membership_id == over][-1]
    assert (crossing.old_state, crossing.new_state) == (FlagState.AT_RISK, FlagState.OVER)
    assert (crossing.missed, crossing.expected) == (4, 11)
    assert data["studio"].cycle.school_years[1].contains(crossing.on)
    # Every member's events follow on from each other and end in the state they are in.
    for mid, state in state_now.items():
        events = [e for e in history if e.membership_id == mid]
        for before, after in zip(events, events[1:], strict=False):
            assert after.old_state == before.new_state and after.on >= before.on
        assert (events[-1].new_state if events else FlagState.OK) == state


# --- the funding ledger ---

CATEGORIES = ("培训研修", "课程资源开发", "专家指导", "课题研究")


def standing(entries):
    """Entries that are neither reversals nor reversed."""
    return [e for e in entries if not e.is_reversal and e.reversed_by_id is None]


def test_ledger_years_and_grants(demo):
    data = demo[2]
    ledger = data["ledger"]
    assert {e.fiscal_year for e in ledger} == {2025, 2026}  # the calendar years (default)
    assert all(e.date <= TODAY for e in ledger)
    for year in (2025, 2026):
        [grant] = [e for e in ledger if e.source == "grant" and e.fiscal_year == year]
        assert grant.amount_fen == data["yearly_grant"] == 300000
        assert grant.date.month == 1 and grant.date.weekday() < 5
        assert grant.voucher_no == f"JZ-{year}-001"
        assert ledger[[e.id for e in ledger].index(grant.id)] == min(
            (e for e in ledger if e.fiscal_year == year), key=lambda e: (e.date, e.id)
        )
    [bureau] = [e for e in ledger if e.source == "bureau"]
    assert bureau.fiscal_year == 2025 and bureau.amount_fen == 150000
    assert sum(1 for e in ledger if e.direction == "income") == 3


def test_ledger_expenses(demo):
    data = demo[2]
    ledger = data["ledger"]
    [host] = [r for r in data["roster"] if r.role == "host"]
    core = {r.name for r in data["roster"] if r.role == "core"}
    expenses = [e for e in ledger if e.direction == "expense" and not e.is_reversal]
    assert len(expenses) == 29
    assert {e.category for e in expenses} == set(CATEGORIES) == set(data["categories"])
    for year in (2025, 2026):
        assert {e.category for e in expenses if e.fiscal_year == year} == set(CATEGORIES)
    for e in expenses:
        assert 4000 <= e.amount_fen <= 120000  # 40.00 to 1,200.00
        assert re.fullmatch(rf"JZ-{e.date.year}-\d{{3}}", e.voucher_no), e.voucher_no
        assert e.payee and e.purpose and e.approver == host.name
        assert e.handler in core
    assert sum(1 for e in expenses if e.amount_fen % 100) >= 5  # jiao and fen
    vouchers = [e.voucher_no for e in standing(ledger)]
    assert len(vouchers) == len(set(vouchers))  # one voucher, one standing entry


def test_ledger_linked_to_activities_and_receipts(demo):
    data = demo[2]
    ledger = data["ledger"]
    activities = {a.id: a for a in data["activities"]}
    linked = [e for e in ledger if e.activity_id]
    assert len(linked) >= 15
    for e in linked:
        activity = activities[e.activity_id]
        assert abs((e.date - activity.date).days) <= 3
        assert e.activity_label == f"{activity.date.isoformat()}《{activity.topic}》"
    fees = [e for e in ledger if e.purpose == "专家讲座劳务费"]
    assert len(fees) == 2
    for fee in fees:
        lecture = activities[fee.activity_id]
        assert fee.category == "专家指导" and lecture.kind == "expert_lecture"
        assert lecture.presenter.startswith(fee.payee)
    with_receipts = [e for e in ledger if e.attachments]
    assert len(with_receipts) >= 8
    assert {a.original_name.rsplit(".", 1)[1] for e in with_receipts for a in e.attachments} == {
        "png",
        "txt",
    }
    assert all(
        a.original_name.startswith(e.voucher_no) for e in with_receipts for a in e.attachments
    )
    assert data["files_ok"]


def test_ledger_one_correction(demo):
    ledger = demo[2]["ledger"]
    by_id = {e.id: e for e in ledger}
    [reversal] = [e for e in ledger if e.is_reversal]
    original = by_id[reversal.reverses_id]
    assert original.reversed_by_id == reversal.id
    assert reversal.reversal_reason and "356.50" in reversal.reversal_reason
    assert (original.amount_fen, reversal.amount_fen) == (36500, 36500)
    assert reversal.signed_fen == 36500 and reversal.date > original.date
    # … and the right entry, under the same voucher, on the same day.
    [new] = [
        e
        for e in ledger
        if e.voucher_no == original.voucher_no and e.id not in (original.id, reversal.id)
    ]
    assert (new.amount_fen, new.date, new.category) == (35650, reversal.date, original.category)
    # The same scan goes with the right entry: one more link, the bytes stored once.
    [scan], [again] = original.attachments, new.attachments
    assert (scan.sha256, scan.original_name) == (again.sha256, again.original_name)


def test_ledger_one_override(demo):
    ledger = demo[2]["ledger"]
    [override] = [e for e in ledger if e.override_reason]
    assert "冲抵" in override.override_reason
    assert override.fiscal_year == 2025
    year = [e for e in ledger if e.fiscal_year == 2025]
    before = year[year.index(override) - 1].running_balance_fen
    assert 0 <= before < override.amount_fen
    assert override.running_balance_fen < 0
    # Everywhere else the ring-fence held: no year below zero but for the override.
    for e in ledger:
        if e.running_balance_fen < 0:
            assert e.override_reason or e.signed_fen >= 0


def test_ledger_closed_periods(demo):
    data = demo[2]
    closed = data["closed"]
    assert closed[0] == (dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025年")
    months = [label for *_, label in closed[1:]]
    assert months == [f"2026年{m}月" for m in range(1, 10)]  # 月结 up to the month before last
    # October and November stay open: the correction of 4 November lies there.
    assert max(last for _, last, _ in closed) == dt.date(2026, 9, 30)


def test_ledger_balances_add_up(demo):
    data = demo[2]
    years = data["ledger_years"]
    assert set(years) == {2025, 2026}
    expected = {2025: (450000, 489910, -39910), 2026: (300000, 279150, 20850)}
    for year, summary in years.items():
        entries = [e for e in data["ledger"] if e.fiscal_year == year]
        assert summary.entries == entries
        assert (summary.income_fen, summary.expense_fen, summary.balance_fen) == expected[year]
        assert summary.balance_fen == sum(e.signed_fen for e in entries)
        assert summary.balance_fen == entries[-1].running_balance_fen
        assert sum(summary.by_category.values()) == summary.expense_fen
        assert sum(m.expense_fen for m in summary.by_month) == summary.expense_fen
        assert sum(m.income_fen for m in summary.by_month) == summary.income_fen
        assert sum(summary.by_source.values()) == summary.income_fen
        assert set(summary.budgets) == set(CATEGORIES)
        assert sum(summary.budgets.values()) == summary.income_fen
    # The mistyped 365.00 and its reversal cancel out in 课程资源开发.
    assert years[2026].by_category["课程资源开发"] == 18600 + 4500 + 19800 + 35650


def test_ledger_one_category_over_budget(demo):
    years = demo[2]["ledger_years"]
    over = [
        (year, c) for year, summary in years.items() for c in CATEGORIES if summary.remaining(c) < 0
    ]
    assert over == [(2025, "课程资源开发")]
    assert years[2025].remaining("课程资源开发") == 60000 - 126510


# --- plans, the task ledger, the summary, duties, documents, assessments ---


def test_the_build_plan(demo):
    data = demo[2]
    plan = data["build_plan"]
    assert plan.kind == "build" and plan.school_year == data["studio"].cycle.first
    assert plan.title == f"{data['studio'].name}三年建设规划（2024-2027）"
    for text in (plan.goals, plan.features, plan.measures):
        assert text and re.search(r"[\u4e00-\u9fff]{20}", text)
    assert "\n" in plan.goals and "\n" in plan.measures  # paragraphs, as written
    assert "建设目标" in plan.goals and "课题" in plan.goals
    assert plan.tasks == ()


def test_two_annual_plans_with_their_task_ledgers(demo):
    data = demo[2]
    first, second, current = data["studio"].cycle.school_years
    plans = {p.school_year: p for p in data["annual_plans"]}
    assert set(plans) == {second, current}
    members = {r.membership_id: r for r in data["roster"] if r.is_current}
    for year, plan in plans.items():
        assert plan.title == f"{year.label}学年工作计划" and plan.goals and plan.measures
        assert 6 <= len(plan.tasks) <= 8
        assert [t.position for t in plan.tasks] == list(range(1, len(plan.tasks) + 1))
        for task in plan.tasks:
            assert re.search(r"[\u4e00-\u9fff]{6}", task.title)
            assert task.owner_membership_id in members
            assert task.owner_name == members[task.owner_membership_id].name
            assert task.due_on is None or year.contains(task.due_on)
            if task.is_done:
                assert task.evidence, task.title  # never ticked off without evidence
                assert task.done_on <= TODAY
            else:
                assert task.done_on is None
    done = [t for t in plans[second].tasks if t.is_done]
    assert (len(done), len(plans[second].tasks)) == (7, 8)
    assert [t.status for t in plans[second].tasks if not t.is_done] == ["in_progress"]
    statuses = Counter(t.status for t in plans[current].tasks)
    assert statuses == {"done": 3, "in_progress": 2, "not_started": 2}
    # One item is overdue today; an item in progress may show evidence so far.
    [overdue] = [t for p in plans.values() for t in p.tasks if t.overdue(TODAY)]
    assert overdue.status == "in_progress" and overdue.evidence
    assert data["year_facts"][current].overdue == 1


def test_task_evidence_links_real_rows(demo):
    data = demo[2]
    activities = {a.id: a for a in data["activities"]}
    ledger = {e.id: e for e in data["ledger"]}
    records = {r.id: r for r in data["records"]}
    kinds = Counter()
    for plan in data["annual_plans"]:
        for task in plan.tasks:
            for e in task.evidence:
                kinds[e.kind] += 1
                if e.kind == "activity":
                    activity = activities[e.target_id]
                    assert e.label == f"{activity.date.isoformat()} {activity.topic}"
                    assert plan.school_year.contains(activity.date)
                elif e.kind == "ledger_entry":
                    entry = ledger[e.target_id]
                    assert entry.reversed_by_id is None and not entry.is_reversal
                    assert entry.voucher_no in e.label
                elif e.kind == "growth_record":
                    assert records[e.target_id].title in e.label
                else:
                    assert e.kind == "attachment" and e.label.endswith(".txt")
    assert set(kinds) == {"activity", "ledger_entry", "growth_record", "attachment"}
    assert kinds["activity"] >= 6 and kinds["ledger_entry"] >= 4
    [(sha, name, verifies)] = data["plan_files"]
    assert name == "家校沟通典型案例集（目录）.txt" and verifies


def test_the_summary_of_last_year(demo):
    data = demo[2]
    first, second, current = data["studio"].cycle.school_years
    assert set(data["summaries"]) == {second}
    summary = data["summaries"][second]
    body = summary.body
    assert "（请填写）" not in body
    assert body.startswith(f"{data['studio'].name}{second.label}学年工作总结\n")
    assert "六、主要成效与特色\n  一是课题引领" in body
    assert "七、存在问题与下一步打算\n  1. " in body
    facts = data["year_facts"][second]
    assert f"本学年开展活动 {facts.activities_held} 次" in body
    assert f"应到 {facts.expected} 人次，实到 {facts.attended} 人次" in body
    assert f"年度计划任务 {facts.tasks_total} 项，已销账 {facts.tasks_done} 项" in body
    assert (facts.tasks_total, facts.tasks_done) == (8, 7)
    assert summary.facts["activities_held"] == facts.activities_held == 10


def test_yearly_duties_partly_met(demo):
    data = demo[2]
    first, second, current = data["studio"].cycle.school_years
    for year in (first, second):
        grid = data["duties"][year]
        assert grid.kinds == ["public_lesson", "lecture", "mentoring", "research", "paper"]
        assert grid.done_count > 0 and grid.missing_count > 0
        assert data["year_facts"][year].duties_total == grid.done_count + grid.missing_count
    assert "年度职责完成" in data["summaries"][second].body


def test_the_spending_report_was_recorded(demo):
    documents = demo[2]["documents"]
    if find_cjk_font() is None:  # no font, no PDF: the demo records none
        assert documents == []
        return
    [(kind, period, name, sha)] = documents
    assert (kind, period, name) == ("ledger_report", "2025", "经费使用情况报告-2025.pdf")
    assert re.fullmatch(r"[0-9a-f]{64}", sha)


def test_a_submitted_mid_term_assessment(demo):
    data = demo[2]
    second = data["studio"].cycle.school_years[1]
    [midterm] = [a for a in data["assessments"] if a["status"] == "submitted"]
    assert (midterm["template"], midterm["kind"], midterm["school_year"]) == (
        "jiangyin-review",
        "midterm",
        second,
    )
    assert midterm["submitted"] and midterm["complete"] and midterm["membership_id"] is None
    assert 600 <= midterm["total"] <= 1000
    grade = "excellent" if midterm["total"] >= 900 else "pass"
    assert midterm["grade"].code == grade
    leaves = {c: v for c, v in midterm["items"].items() if v[0] is not None}
    assert len(leaves) == 29
    assert midterm["total"] == sum(score for score, _, _ in leaves.values())
    assert midterm["comment"]
    decisions = Counter(d for _, _, evidence in leaves.values() for _, d, _ in evidence)
    assert decisions["removed"] >= 1 and decisions["accepted"] >= 20
    assert "proposed" not in decisions  # taken as accepted on submission
    removed = [e for e, d, _ in midterm["items"]["3.2.1"][2] if d == "removed"]
    assert [e.label for e in removed] == ["2026-03-18 经验交流：家校共育中的沟通艺术"]
    assert sum(1 for _, comment, _ in leaves.values() if comment) >= 3


def test_a_draft_member_assessment(demo):
    data = demo[2]
    second = data["studio"].cycle.school_years[1]
    [draft] = [a for a in data["assessments"] if a["status"] == "draft"]
    assert (draft["template"], draft["kind"], draft["school_year"]) == (
        "xinbei-member",
        "member",
        second,
    )
    member = next(r for r in data["roster"] if r.membership_id == draft["membership_id"])
    assert member.is_current and member.role == "member"
    assert draft["member_name"] == member.name
    assert draft["title"] == f"{second.label}学年 {member.name} 成员年度考核"
    assert not draft["submitted"] and not draft["complete"]
    scores = {code: item[0] for code, item in draft["items"].items() if "." in code}
    assert {c for c, v in scores.items() if v is not None} == {"1.1", "1.2", "2.1", "2.2"}
    assert draft["total"] == sum(v for v in scores.values() if v is not None)
    # A draft is evaluated against the records: its rules propose evidence.
    assert any(item[2] for item in draft["items"].values())


def test_same_seed_and_day_same_content(demo, tmp_path):
    again = tmp_path / "again.sqlite3"
    build_demo(again, seed=1, today=TODAY)
    assert content(again) == demo[2]


def test_another_seed_another_studio(demo, tmp_path):
    other = tmp_path / "other.sqlite3"
    build_demo(other, seed=2, today=TODAY)
    data = content(other)
    assert [r.name for r in data["roster"]] != [r.name for r in demo[2]["roster"]]
    assert {w.rule for w in data["warnings"]} == {
        "member_cap",
        "same_school_max",
        "annual_plan_before_year",
    }


@pytest.mark.parametrize(
    "today", [dt.date(2025, 9, 1), dt.date(2026, 8, 31), dt.date(2028, 2, 29), dt.date(2030, 1, 15)]
)
def test_any_day_gives_a_consistent_demo(tmp_path, today):
    path = tmp_path / "d.sqlite3"
    build_demo(path, seed=5, today=today)
    data = content(path, today)
    this_year = SchoolYear.of(today)
    assert data["studio"].cycle.first == SchoolYear(this_year.start - 2)
    assert data["studio"].cycle.last == this_year
    assert all(r.date <= today for r in data["records"])
    assert all(s.on <= today for steps in data["steps"].values() for s in steps)
    assert {r.kind for r in data["records"]} == {k.code for k in RecordKind}
    assert data["warnings"]
    assert len(data["activities"]) >= 19 and all(a.date <= today for a in data["activities"])
    states = Counter(f.state for f in data["flags"] if f.is_current)
    assert (states[FlagState.OVER], states[FlagState.AT_RISK]) == (1, 1)
    # The ledger: the whole previous year, closed, with its override; this year so far.
    ledger = data["ledger"]
    assert all(e.date <= today for e in ledger)
    assert {e.fiscal_year for e in ledger} <= {today.year - 1, today.year}
    assert data["closed"][0][2] == f"{today.year - 1}年"
    previous = data["ledger_years"][today.year - 1]
    assert (previous.income_fen, previous.expense_fen) == (450000, 489910)
    assert len(previous.overrides) == 1 and not [e for e in ledger if e.override_reason][1:]
    for summary in data["ledger_years"].values():
        assert summary.balance_fen == sum(e.signed_fen for e in summary.entries)
    for e in ledger:
        if e.running_balance_fen < 0:
            assert e.override_reason or e.signed_fen >= 0
    # Plans and assessments: two annual plans, nothing ticked off without evidence, last
    # year's summary, one submitted assessment and one draft.
    plans = data["annual_plans"]
    assert [p.school_year for p in plans] == data["studio"].cycle.school_years[1:]
    assert all(t.evidence for p in plans for t in p.tasks if t.is_done)
    assert sum(1 for t in plans[0].tasks if t.is_done) == 7
    assert all(t.done_on <= today for p in plans for t in p.tasks if t.is_done)
    assert set(data["summaries"]) == {plans[0].school_year}
    assert sorted(a["status"] for a in data["assessments"]) == ["draft", "submitted"]


def test_a_failed_build_leaves_nothing_behind(tmp_path, monkeypatch):
    from desktop_app.demo import builder as demo_module
    from desktop_app.paths import files_dir_for

    real_record = demo_module._Builder.record
    calls = []

    def failing_record(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 20:  # some files stored and records written by now
            raise RuntimeError("disk full")
        return real_record(self, *args, **kwargs)

    monkeypatch.setattr(demo_module._Builder, "record", failing_record)
    path = tmp_path / "d.sqlite3"
    with pytest.raises(RuntimeError, match="disk full"):
        build_demo(path, today=TODAY)
    assert list(tmp_path.iterdir()) == []
    assert not files_dir_for(path).exists()
