"""Evidence rules: what the records already show for an assessment indicator.

The facts of a school year are gathered by a service (services/year_facts.py) into the
plain dataclasses below, so that every rule is a pure function and tested on crafted data.
A rule proposes evidence (the rows that show it) and says whether its threshold is met;
the user accepts or removes each proposal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from desktop_app.domain import messages
from desktop_app.domain.assessment import EvidenceRule
from desktop_app.domain.duties import PRESENTER_DUTY
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import ActivityKind, EvidenceKind, RecordKind


@dataclass(frozen=True)
class Evidence:
    kind: str  # EvidenceKind code
    target_id: int | None  # the row's id; None for a computed figure
    label: str

    @property
    def key(self) -> tuple[str, int | None, str]:
        return (self.kind, self.target_id, self.label if self.target_id is None else "")


@dataclass(frozen=True)
class ActivityFact:
    id: int
    kind: str
    date: dt.date
    topic: str

    @property
    def evidence(self) -> Evidence:
        return Evidence(
            EvidenceKind.ACTIVITY.code, self.id, f"{self.date.isoformat()} {self.topic}"
        )


@dataclass(frozen=True)
class RecordFact:
    id: int
    person: str
    kind: str
    date: dt.date
    title: str

    @property
    def evidence(self) -> Evidence:
        return Evidence(
            EvidenceKind.GROWTH_RECORD.code,
            self.id,
            f"{self.person}：{self.title}（{self.date.isoformat()}）",
        )


@dataclass(frozen=True)
class TalkFact:
    """A studio activity a member presented, which does the duty ``duty`` (a RecordKind
    code) as a record of that kind would (domain/duties.py: a talk given counts)."""

    activity_id: int
    person: str
    duty: str
    date: dt.date
    topic: str

    @property
    def evidence(self) -> Evidence:
        return Evidence(
            EvidenceKind.ACTIVITY.code,
            self.activity_id,
            f"{self.person}：{self.date.isoformat()} {self.topic}（主讲）",
        )


def _done(records: tuple[RecordFact, ...], talks: tuple[TalkFact, ...], kind: str | None):
    """The records of ``kind`` (any kind when None) and the talks that do that duty."""
    rows = [r.evidence for r in records if kind is None or r.kind == kind]
    return rows + [t.evidence for t in talks if kind is not None and t.duty == kind]


def _by_talk(code: str, kind: str | None) -> str:
    """The message that names talks too, for a duty a talk given can do."""
    return f"{code}_or_talks" if kind in PRESENTER_DUTY.values() else code


@dataclass(frozen=True)
class StudioYearFacts:
    school_year: SchoolYear
    build_plan: Evidence | None = None
    annual_plan: Evidence | None = None
    tasks_total: int = 0
    tasks_done: int = 0
    summary: Evidence | None = None
    activities: tuple[ActivityFact, ...] = ()
    attended: int = 0  # marks 出勤/迟到/早退
    expected: int = 0  # all marks
    spending_reports: tuple[Evidence, ...] = ()
    members: tuple[str, ...] = ()  # confirmed members during the year
    goals: tuple[Evidence, ...] = ()  # development plans of the year
    members_without_goals: tuple[str, ...] = ()
    duties_done: int = 0
    duties_total: int = 0
    records: tuple[RecordFact, ...] = ()
    talks: tuple[TalkFact, ...] = ()  # activities presented by members that year
    roster_warnings: tuple[str, ...] = ()

    @property
    def attendance_rate(self) -> Fraction | None:
        return Fraction(self.attended, self.expected) if self.expected else None


@dataclass(frozen=True)
class MemberYearFacts:
    name: str
    attended: int = 0  # sessions not missed under the studio's attendance settings
    expected: int = 0
    flagged: bool = False
    flag_text: str = ""
    records: tuple[RecordFact, ...] = field(default_factory=tuple)
    talks: tuple[TalkFact, ...] = field(default_factory=tuple)

    @property
    def attendance_rate(self) -> Fraction | None:
        return Fraction(self.attended, self.expected) if self.expected else None


@dataclass(frozen=True)
class Outcome:
    met: bool
    explanation: str  # what the records show, in the user's language
    evidence: tuple[Evidence, ...] = ()


def percent(value: Fraction | None) -> str:
    """Exact fractions shown as a percentage with one decimal, for people."""
    if value is None:
        return "—"
    tenths = int(value * 1000 + Fraction(1, 2))  # 四舍五入 (round() would round half to even)
    return f"{tenths // 10}.{tenths % 10}%" if tenths % 10 else f"{tenths // 10}%"


def _t(code: str, **params: object) -> str:
    return messages.text(code, **params)


def _fact(label: str) -> Evidence:
    return Evidence(EvidenceKind.FACT.code, None, label)


def evaluate(
    rule: EvidenceRule, studio: StudioYearFacts, member: MemberYearFacts | None = None
) -> Outcome:
    kind = rule.kind
    if kind == "build_plan_exists":
        found = studio.build_plan
        return Outcome(
            found is not None,
            _t("rule_build_plan_found" if found else "rule_build_plan_missing"),
            (found,) if found else (),
        )
    if kind == "annual_plan_exists":
        found = studio.annual_plan
        met = found is not None and studio.tasks_total > 0
        return Outcome(
            met,
            _t(
                "rule_annual_plan_found" if found else "rule_annual_plan_missing",
                tasks=studio.tasks_total,
            ),
            (found,) if found else (),
        )
    if kind == "tasks_done":
        share = Fraction(studio.tasks_done, studio.tasks_total) if studio.tasks_total else None
        met = share is not None and share >= (rule.minimum or 0)
        text = _t(
            "rule_tasks_done",
            done=studio.tasks_done,
            total=studio.tasks_total,
            need=percent(Fraction(rule.minimum or 0)),
        )
        evidence = (studio.annual_plan,) if studio.annual_plan else ()
        return Outcome(met, text, evidence)
    if kind == "annual_summary_exists":
        found = studio.summary
        return Outcome(
            found is not None,
            _t("rule_summary_found" if found else "rule_summary_missing"),
            (found,) if found else (),
        )
    if kind == "activities":
        rows = [
            a
            for a in studio.activities
            if rule.activity_kind is None or a.kind == rule.activity_kind
        ]
        need = int(rule.minimum or 1)
        what = (
            ActivityKind.from_code(rule.activity_kind).zh
            if rule.activity_kind
            else _t("rule_any_activity")
        )
        return Outcome(
            len(rows) >= need,
            _t("rule_activities", count=len(rows), need=need, what=what),
            tuple(a.evidence for a in rows),
        )
    if kind == "attendance_rate":
        rate = studio.attendance_rate
        need = Fraction(rule.minimum or 0)
        text = _t(
            "rule_attendance",
            rate=percent(rate),
            attended=studio.attended,
            expected=studio.expected,
            need=percent(need),
        )
        return Outcome(rate is not None and rate >= need, text, (_fact(text),) if rate else ())
    if kind == "spending_report_exists":
        reports = studio.spending_reports
        return Outcome(bool(reports), _t("rule_spending_report", count=len(reports)), reports)
    if kind == "growth_plans":
        missing = studio.members_without_goals
        met = bool(studio.members) and not missing
        text = _t(
            "rule_growth_plans",
            have=len(studio.members) - len(missing),
            total=len(studio.members),
            missing="、".join(missing) or "—",
        )
        return Outcome(met, text, studio.goals)
    if kind == "duties_completion":
        share = Fraction(studio.duties_done, studio.duties_total) if studio.duties_total else None
        need = Fraction(rule.minimum or 0)
        text = _t(
            "rule_duties", done=studio.duties_done, total=studio.duties_total, need=percent(need)
        )
        return Outcome(share is not None and share >= need, text, (_fact(text),) if share else ())
    if kind == "growth_records":
        rows = _done(studio.records, studio.talks, rule.record_kind)
        need = int(rule.minimum or 1)
        what = (
            RecordKind.from_code(rule.record_kind).zh if rule.record_kind else _t("rule_any_record")
        )
        return Outcome(
            len(rows) >= need,
            _t(_by_talk("rule_records", rule.record_kind), count=len(rows), need=need, what=what),
            tuple(rows),
        )
    if kind == "roster_ok":
        warnings = studio.roster_warnings
        text = _t("rule_roster", count=len(warnings))
        return Outcome(not warnings, text, tuple(_fact(w) for w in warnings))
    if member is None:
        return Outcome(False, _t("rule_needs_member"))
    if kind == "member_attendance":
        rate = member.attendance_rate
        need = Fraction(rule.minimum or 0)
        text = _t(
            "rule_member_attendance",
            name=member.name,
            rate=percent(rate),
            attended=member.attended,
            expected=member.expected,
            need=percent(need),
        )
        return Outcome(rate is not None and rate >= need, text, (_fact(text),) if rate else ())
    if kind == "member_duty":
        rows = _done(member.records, member.talks, rule.record_kind)
        what = RecordKind.from_code(rule.record_kind or "").zh
        return Outcome(
            bool(rows),
            _t(
                _by_talk("rule_member_duty", rule.record_kind),
                name=member.name,
                what=what,
                count=len(rows),
            ),
            tuple(rows),
        )
    if kind == "member_flag_clear":
        text = member.flag_text or _t("rule_flag_clear", name=member.name)
        return Outcome(not member.flagged, text, (_fact(text),))
    raise ValueError(f"unknown rule kind {kind!r}")
