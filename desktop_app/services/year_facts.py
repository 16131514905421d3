"""The facts of one school year gathered from every part of the records: for the annual
summary, the overview page and the assessment rules."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

from sqlalchemy import select

from desktop_app.domain.attendance import FlagState
from desktop_app.domain.evidence_rules import (
    ActivityFact,
    Evidence,
    MemberYearFacts,
    RecordFact,
    StudioYearFacts,
    TalkFact,
)
from desktop_app.domain.ledger import Direction
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import AttendanceStatus, EvidenceKind, Stage, role_order
from desktop_app.domain.year_summary import DueTask, YearFacts
from desktop_app.services.activities import ActivityService
from desktop_app.services.attendance import EXPECTED_ROLES, AttendanceService
from desktop_app.services.documents import LEDGER_REPORT, DocumentService
from desktop_app.services.duties import DutyService
from desktop_app.services.growth import GrowthService
from desktop_app.services.ledger import LedgerService
from desktop_app.services.members import MemberService
from desktop_app.services.plans import PlanService
from desktop_app.services.studio import StudioService
from desktop_app.store.db import Database
from desktop_app.store.models import AnnualSummary, AttendanceFlagEvent, DevelopmentGoal

_ATTENDED = {
    AttendanceStatus.PRESENT.code,
    AttendanceStatus.LATE.code,
    AttendanceStatus.LEFT_EARLY.code,
}


class YearFactsService:
    def __init__(
        self,
        db: Database,
        studio: StudioService,
        members: MemberService,
        growth: GrowthService,
        activities: ActivityService,
        attendance: AttendanceService,
        ledger: LedgerService,
        duties: DutyService,
        plans: PlanService,
        documents: DocumentService,
        today: Callable[[], dt.date] = dt.date.today,
    ):
        self.db = db
        self.studio = studio
        self.members = members
        self.growth = growth
        self.activities = activities
        self.attendance = attendance
        self.ledger = ledger
        self.duties = duties
        self.plans = plans
        self.documents = documents
        self.today = today

    def current_year(self) -> SchoolYear:
        return SchoolYear.of(self.today())

    def _members_of(self, year: SchoolYear):
        """The confirmed members who belonged during the year, in the reports' order."""
        found = [
            m
            for m in self.members.roster(include_left=True)
            if m.stage == Stage.CONFIRMED.code
            and (m.joined_on is None or m.joined_on <= year.last_day)
            and (m.left_on is None or m.left_on >= year.first_day)
        ]
        return sorted(found, key=lambda m: (role_order(m.role), m.membership_id))

    def facts(self, year: SchoolYear) -> YearFacts:
        today = self.today()
        activities = self.activities.list(school_year=year)
        held = [a for a in activities if a.date <= today]
        attended = expected = 0
        for a in held:
            if a.takes_attendance:
                expected += a.expected
                attended += a.present
        # The flags as they stood at the year's end (today, while it runs): a past year
        # never counts a later session; the window is the studio's, named in the summary.
        standing = self.attendance.facts(year, today)
        members = self._members_of(year)
        grid = self.duties.grid(year)
        by_kind: dict[str, tuple[int, int]] = {}
        for kind in grid.kinds:
            statuses = [r.statuses[kind] for r in grid.rows if r.statuses.get(kind)]
            by_kind[kind] = (sum(1 for s in statuses if s.done), len(statuses))
        income = expense = 0
        by_category: dict[str, int] = {}
        for entry in self.ledger.entries():
            if not year.contains(entry.date):
                continue
            if entry.direction == Direction.INCOME:
                income += entry.signed_fen
            else:
                expense -= entry.signed_fen
                key = entry.category or ""
                by_category[key] = by_category.get(key, 0) - entry.signed_fen
        plan = self.plans.annual_plan(year)
        tasks = list(plan.tasks) if plan else []
        due = self.plans.next_due(year) if plan else []
        with self.db.reading() as session:
            flag_events = len(
                list(
                    session.scalars(
                        select(AttendanceFlagEvent.id).where(
                            AttendanceFlagEvent.on.between(year.first_day, year.last_day)
                        )
                    )
                )
            )
        records = Counter(r.kind for r in self.growth.all_records() if year.contains(r.date))
        grant = self.studio.effective_preset().value("yearly_grant_fen")
        return YearFacts(
            school_year=year,
            today=today,
            members=len(members),
            activities_by_kind=dict(Counter(a.kind for a in held)),
            activities_held=len(held),
            activities_planned=len(activities),
            attended=attended,
            expected=expected,
            flagged=standing.names(members, FlagState.OVER),
            at_risk=standing.names(members, FlagState.AT_RISK),
            flag_window=standing.window.text,
            flag_events=flag_events,
            duties_done=grid.done_count,
            duties_total=grid.done_count + grid.missing_count,
            duties_by_kind=by_kind,
            grant_fen=int(grant) if grant is not None else None,
            income_fen=income,
            expense_fen=expense,
            expense_by_category=by_category,
            tasks_total=len(tasks),
            tasks_done=sum(1 for t in tasks if t.is_done),
            next_due=tuple(DueTask(t.id, t.title, t.due_on, t.owner_name) for t in due),
            overdue=sum(1 for t in tasks if t.overdue(today)),
            records_by_kind=dict(records),
        )

    # --- for the assessment rules ---

    def studio_facts(self, year: SchoolYear) -> StudioYearFacts:
        facts = self.facts(year)
        build = self.plans.build_plan()
        annual = self.plans.annual_plan(year)
        # Development plans are asked of those being trained, not of mentors or the host.
        members = [m for m in self._members_of(year) if m.role in EXPECTED_ROLES]
        person_ids = {m.person_id: m for m in members}
        with self.db.reading() as session:
            goals = list(
                session.scalars(
                    select(DevelopmentGoal).where(DevelopmentGoal.school_year == year.start)
                )
            )
            summary = session.scalar(
                select(AnnualSummary).where(AnnualSummary.school_year == year.start)
            )
        with_goals = {g.person_id for g in goals}
        names = {m.person_id: m.name for m in self.members.roster(include_left=True)}
        periods = {year.label, str(year.start), str(year.start + 1)}
        reports = self.documents.list(LEDGER_REPORT, periods)
        return StudioYearFacts(
            school_year=year,
            build_plan=(
                Evidence(EvidenceKind.PLAN.code, build.id, f"建设规划：{build.title}")
                if build
                else None
            ),
            annual_plan=(
                Evidence(EvidenceKind.PLAN.code, annual.id, f"年度计划：{annual.title}")
                if annual
                else None
            ),
            tasks_total=facts.tasks_total,
            tasks_done=facts.tasks_done,
            summary=(
                Evidence(EvidenceKind.SUMMARY.code, summary.id, f"{year.label}学年工作总结")
                if summary
                else None
            ),
            activities=tuple(
                ActivityFact(a.id, a.kind, a.date, a.topic)
                for a in sorted(self.activities.list(school_year=year), key=lambda a: a.date)
                if a.date <= self.today()
            ),
            attended=facts.attended,
            expected=facts.expected,
            spending_reports=tuple(
                Evidence(
                    EvidenceKind.DOCUMENT.code, d.id, f"{d.file_name}（{d.issued_at:%Y-%m-%d}）"
                )
                for d in reports
            ),
            members=tuple(m.name for m in members),
            goals=tuple(
                Evidence(
                    EvidenceKind.GOAL.code,
                    g.id,
                    f"{names.get(g.person_id, '')}：{year.label}学年个人发展规划",
                )
                for g in goals
                if g.person_id in person_ids
            ),
            members_without_goals=tuple(m.name for m in members if m.person_id not in with_goals),
            duties_done=facts.duties_done,
            duties_total=facts.duties_total,
            records=tuple(
                RecordFact(r.id, names.get(r.person_id, ""), r.kind, r.date, r.title)
                for r in self.growth.all_records()
                if year.contains(r.date)
            ),
            talks=self._talk_facts(
                year, {m.membership_id: m.name for m in self.members.roster(include_left=True)}
            ),
            roster_warnings=tuple(w.message for w in self.members.warnings()),
        )

    def _talk_facts(self, year: SchoolYear, names: dict[int, str]) -> tuple[TalkFact, ...]:
        """The activities the memberships in ``names`` presented that year, as the duties
        grid credits them."""
        return tuple(
            TalkFact(t.activity_id, names[membership_id], t.duty, t.date, t.topic)
            for membership_id, talks in sorted(self.duties.talks(year).items())
            if membership_id in names
            for t in talks
            if t.duty is not None
        )

    def member_facts(self, year: SchoolYear, membership_id: int) -> MemberYearFacts:
        member = next(
            m for m in self.members.roster(include_left=True) if m.membership_id == membership_id
        )
        tally = self.attendance.tallies_between(year.first_day, year.last_day).get(membership_id)
        expected = tally.expected if tally else 0
        missed = tally.missed if tally else 0
        # The flag as it stood at the year's end, as the year's other documents show it.
        standing = self.attendance.facts(year, self.today())
        flag = standing.tally(membership_id)
        flagged = flag.state == FlagState.OVER
        flag_text = (
            f"{member.name}：缺勤 {flag.ratio_text}，{flag.state.zh}（{standing.window.text}）"
        )
        return MemberYearFacts(
            name=member.name,
            attended=expected - missed,
            expected=expected,
            flagged=flagged,
            flag_text=flag_text,
            records=tuple(
                RecordFact(r.id, member.name, r.kind, r.date, r.title)
                for r in self.growth.all_records()
                if r.person_id == member.person_id and year.contains(r.date)
            ),
            talks=self._talk_facts(year, {membership_id: member.name}),
        )
