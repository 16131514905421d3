"""Assessment instances (中期、终期、年度、成员考核) filled in against a template: per
indicator a self-score, evidence proposed by the indicator's rule (accepted or removed by
the user, or added by hand) and a comment; totals and the grade. Submitting locks the
instance (store/assessment_guard.py); a copy of it is a new draft."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.assessment import (
    Consequence,
    Indicator,
    ScoreSheet,
    Template,
    format_tenths,
    load_templates,
)
from desktop_app.domain.evidence_rules import Evidence, Outcome, evaluate
from desktop_app.domain.parsing import parse_long_text, parse_tenths, parse_text
from desktop_app.domain.problems import Problem, ValidationError, problem
from desktop_app.domain.roles import Capability
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import AssessmentKind, AssessmentStatus, Grade
from desktop_app.paths import resource
from desktop_app.services.guard import requires
from desktop_app.services.members import MemberService
from desktop_app.services.studio import StudioService
from desktop_app.services.year_facts import YearFactsService
from desktop_app.store.db import Database
from desktop_app.store.models import (
    Assessment,
    AssessmentEvidence,
    AssessmentItem,
    Studio,
    utcnow,
)

DRAFT = AssessmentStatus.DRAFT.code
SUBMITTED = AssessmentStatus.SUBMITTED.code
ACCEPTED = "accepted"
REMOVED = "removed"
PROPOSED = "proposed"  # shown, not decided yet; taken as accepted on submission


@cache
def all_templates() -> dict[str, Template]:
    return load_templates(resource("assessments"))


@dataclass(frozen=True)
class EvidenceState:
    evidence: Evidence
    decision: str  # proposed | accepted | removed
    from_rule: bool  # proposed by the indicator's rule (else added by hand)


@dataclass(frozen=True)
class IndicatorState:
    indicator: Indicator
    score_tenths: int | None = None
    comment: str | None = None
    outcome: Outcome | None = None  # the rule's finding now (drafts only)
    evidence: tuple[EvidenceState, ...] = ()

    @property
    def kept_evidence(self) -> list[Evidence]:
        return [e.evidence for e in self.evidence if e.decision != REMOVED]


@dataclass(frozen=True)
class AssessmentHeader:
    id: int
    template_id: str
    template_title: str
    kind: str
    school_year: SchoolYear
    membership_id: int | None
    member_name: str | None
    title: str
    status: str
    total_tenths: int
    max_points: int
    grade: Grade | None  # None until every indicator is scored (未完成评分)
    complete: bool
    scored: int  # indicators (leaves) scored
    leaves: int  # indicators (leaves) to score
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    copied_from_id: int | None

    @property
    def locked(self) -> bool:
        return self.status == SUBMITTED

    @property
    def total_text(self) -> str:
        return format_tenths(self.total_tenths)

    @property
    def consequences(self) -> list[Consequence]:
        """What the template's document attaches to this grade in this kind of review."""
        return all_templates()[self.template_id].consequences_for(self.kind, self.grade)


@dataclass(frozen=True)
class AssessmentInfo:
    header: AssessmentHeader
    template: Template
    comment: str | None
    items: dict[str, IndicatorState] = field(default_factory=dict)  # every indicator code

    @property
    def sheet(self) -> ScoreSheet:
        return ScoreSheet(
            self.template,
            {code: s.score_tenths for code, s in self.items.items() if s.indicator.is_leaf},
        )

    @property
    def locked(self) -> bool:
        return self.header.locked


@dataclass(frozen=True)
class ItemInput:
    score: Any = None  # "4.5", 4, or None to clear
    comment: Any = None


class AssessmentService:
    def __init__(
        self,
        db: Database,
        studio: StudioService,
        members: MemberService,
        facts: YearFactsService,
        today: Callable[[], dt.date] = dt.date.today,
    ):
        self.db = db
        self.studio = studio
        self.members = members
        self.year_facts = facts
        self.today = today

    # --- templates ---

    def templates(self) -> list[Template]:
        """All templates; those from the studio's own policy document first."""
        seed = self.studio.effective_preset().seed
        return sorted(all_templates().values(), key=lambda t: (t.source.seed != seed, t.id))

    def template(self, template_id: str) -> Template:
        try:
            return all_templates()[template_id]
        except KeyError:
            raise ValidationError.single(
                "template", "unknown_template", value=template_id
            ) from None

    # --- reading ---

    def _names(self) -> dict[int, str]:
        return {m.membership_id: m.name for m in self.members.roster(include_left=True)}

    def _header(self, row: Assessment, names: dict[int, str]) -> AssessmentHeader:
        template = self.template(row.template_id)
        sheet = ScoreSheet(
            template, {i.code: i.score_tenths for i in row.items if i.code in _leaf_codes(template)}
        )
        locked = row.status == SUBMITTED
        return AssessmentHeader(
            id=row.id,
            template_id=row.template_id,
            template_title=template.title,
            kind=row.kind,
            school_year=SchoolYear(row.school_year),
            membership_id=row.membership_id,
            member_name=names.get(row.membership_id) if row.membership_id else None,
            title=row.title,
            status=row.status,
            total_tenths=row.total_tenths if locked else sheet.total_tenths,
            max_points=template.max_points,
            grade=Grade.from_code(row.grade) if locked and row.grade else sheet.grade,
            complete=sheet.complete,
            scored=sheet.scored_count,
            leaves=len(template.leaves()),
            created_at=row.created_at,
            submitted_at=row.submitted_at,
            copied_from_id=row.copied_from_id,
        )

    def _rows(self, session: Session) -> list[Assessment]:
        return list(
            session.scalars(
                select(Assessment)
                .options(selectinload(Assessment.items), selectinload(Assessment.evidence))
                .order_by(Assessment.school_year.desc(), Assessment.id.desc())
            )
        )

    def list(self) -> list[AssessmentHeader]:
        names = self._names()
        with self.db.reading() as session:
            return [self._header(r, names) for r in self._rows(session)]

    def get(self, assessment_id: int) -> AssessmentInfo:
        names = self._names()
        with self.db.reading() as session:
            row = self._get(session, assessment_id)
            header = self._header(row, names)
            items = {i.code: i for i in row.items}
            stored = [(e.code, e.kind, e.target_id, e.label, e.decision) for e in row.evidence]
            comment = row.comment
        template = self.template(header.template_id)
        outcomes = {} if header.locked else self._outcomes(template, header)
        states = {}
        for indicator in template.walk():
            item = items.get(indicator.code)
            outcome = outcomes.get(indicator.code)
            states[indicator.code] = IndicatorState(
                indicator=indicator,
                score_tenths=item.score_tenths if item else None,
                comment=item.comment if item else None,
                outcome=outcome,
                evidence=_merge(
                    outcome.evidence if outcome else (),
                    [s for s in stored if s[0] == indicator.code],
                ),
            )
        return AssessmentInfo(header, template, comment, states)

    def _outcomes(self, template: Template, header: AssessmentHeader) -> dict[str, Outcome]:
        rules = [i for i in template.leaves() if i.rule is not None]
        if not rules:
            return {}
        studio = self.year_facts.studio_facts(header.school_year)
        member = (
            self.year_facts.member_facts(header.school_year, header.membership_id)
            if header.membership_id
            else None
        )
        return {i.code: evaluate(i.rule, studio, member) for i in rules}

    # --- writing ---

    @requires(Capability.ASSESSMENTS)
    def create(
        self,
        template_id: str,
        kind: str,
        school_year: SchoolYear,
        membership_id: int | None = None,
        title: Any = None,
    ) -> int:
        template = self.template(template_id)
        problems: list[Problem] = []
        assessment_kind = AssessmentKind.parse(str(kind))
        if assessment_kind is None:
            problems.append(
                problem("assessment_kind", "bad_choice", value=kind, choices=AssessmentKind.words())
            )
        elif assessment_kind.code not in template.kinds:
            problems.append(
                problem(
                    "template", "template_kind", template=template.title, kind=assessment_kind.zh
                )
            )
        if template.for_member and membership_id is None:
            problems.append(problem("member", "member_needed"))
        try:
            text = parse_text(title, "plan_title", 200)
        except ValidationError as error:
            problems.extend(error.problems)
            text = None
        if problems:
            raise ValidationError(problems)
        names = self._names()
        if membership_id is not None and membership_id not in names:
            raise ValidationError.single("member", "unknown_member_id", id=membership_id)
        if not text:
            who = f"{names[membership_id]} " if membership_id else ""
            text = f"{school_year.label}学年 {who}{assessment_kind.zh}"
        with self.db.unit_of_work(cause=f"新建考核：{text}") as session:
            studio_id = session.scalar(select(Studio.id).order_by(Studio.id).limit(1))
            row = Assessment(
                studio_id=studio_id,
                template_id=template.id,
                kind=assessment_kind.code,
                school_year=school_year.start,
                membership_id=membership_id,
                title=text,
                status=DRAFT,
            )
            session.add(row)
            session.flush()
            return row.id

    def _draft(self, session: Session, assessment_id: int) -> Assessment:
        row = self._get(session, assessment_id)
        if row.status == SUBMITTED:
            raise ValidationError.single(
                "", "assessment_locked", date=f"{row.submitted_at:%Y-%m-%d}"
            )
        return row

    @requires(Capability.ASSESSMENTS)
    def save_items(
        self, assessment_id: int, items: dict[str, ItemInput], comment: Any = ...
    ) -> None:
        """Scores and comments of several indicators in one transaction; every bad
        score is named before anything is written."""
        with self.db.reading() as session:
            template = self.template(self._get(session, assessment_id).template_id)
        values: dict[str, tuple[int | None, str | None]] = {}
        problems: list[Problem] = []
        for code, data in items.items():
            try:
                indicator = template.indicator(code)
            except KeyError:
                problems.append(problem("", "unknown_indicator", value=code))
                continue
            if not indicator.is_leaf:
                problems.append(problem("", "unknown_indicator", value=code))
                continue
            try:
                score = _score(data.score, indicator)
                note = parse_long_text(data.comment, "comment", 4000)
            except ValidationError as error:
                problems.extend(error.problems)
                continue
            values[code] = (score, note)
        overall = None
        if comment is not ...:
            try:
                overall = parse_long_text(comment, "comment", 8000)
            except ValidationError as error:
                problems.extend(error.problems)
        if problems:
            raise ValidationError(problems)
        with self.db.unit_of_work() as session:
            row = self._draft(session, assessment_id)
            session.info["cause"] = f"考核自评：{row.title}"
            existing = {i.code: i for i in row.items}
            for code, (score, note) in values.items():
                item = existing.get(code)
                if item is None:
                    row.items.append(AssessmentItem(code=code, score_tenths=score, comment=note))
                else:
                    item.score_tenths, item.comment = score, note
            if comment is not ...:
                row.comment = overall

    def set_score(self, assessment_id: int, code: str, score: Any, comment: Any = None) -> None:
        self.save_items(assessment_id, {code: ItemInput(score, comment)})

    @requires(Capability.ASSESSMENTS)
    def decide(self, assessment_id: int, code: str, evidence: Evidence, decision: str) -> None:
        """Accept or remove one piece of evidence of an indicator (a proposal of its rule
        or one added by hand: ``accepted`` for a new one adds it)."""
        if decision not in (ACCEPTED, REMOVED):
            raise ValueError(decision)
        with self.db.unit_of_work() as session:
            row = self._draft(session, assessment_id)
            template = self.template(row.template_id)
            try:
                template.indicator(code)
            except KeyError:
                raise ValidationError.single("", "unknown_indicator", value=code) from None
            session.info["cause"] = f"考核佐证：{row.title} {code}"
            found = next(
                (
                    e
                    for e in row.evidence
                    if e.code == code and _key(e.kind, e.target_id, e.label) == evidence.key
                ),
                None,
            )
            if found is None:
                row.evidence.append(
                    AssessmentEvidence(
                        code=code,
                        kind=evidence.kind,
                        target_id=evidence.target_id,
                        label=evidence.label,
                        decision=decision,
                    )
                )
            else:
                found.decision = decision
                found.label = evidence.label

    @requires(Capability.ASSESSMENTS)
    def submit(self, assessment_id: int) -> None:
        """Lock the instance: every score given, undecided proposals taken as accepted,
        evidence labels, total and grade frozen as they stand."""
        with self.db.unit_of_work() as session:
            # Read inside the unit of work, which holds the write lock (store/db.py): the
            # scores frozen are those stored at the commit, not an earlier read's.
            info = self.get(assessment_id)
            if info.locked:
                raise ValidationError.single(
                    "", "assessment_locked", date=f"{info.header.submitted_at:%Y-%m-%d}"
                )
            sheet = info.sheet
            if not sheet.complete:
                codes = "、".join(i.code for i in sheet.unscored[:8])
                if len(sheet.unscored) > 8:
                    codes += "…"
                raise ValidationError.single(
                    "score", "assessment_incomplete", count=len(sheet.unscored), codes=codes
                )
            row = self._draft(session, assessment_id)
            session.info["cause"] = f"提交考核：{row.title}"
            stored = {(e.code, _key(e.kind, e.target_id, e.label)): e for e in row.evidence}
            for code, state in info.items.items():
                for item in state.evidence:
                    key = (code, item.evidence.key)
                    if item.decision == PROPOSED and key not in stored:
                        row.evidence.append(
                            AssessmentEvidence(
                                code=code,
                                kind=item.evidence.kind,
                                target_id=item.evidence.target_id,
                                label=item.evidence.label,
                                decision=ACCEPTED,
                            )
                        )
                    elif key in stored:
                        stored[key].label = item.evidence.label
            # the evidence written while the instance is still a draft: the database
            # refuses a locked instance's evidence (migration 0006's triggers)
            session.flush()
            row.total_tenths = sheet.total_tenths
            row.grade = sheet.grade.code if sheet.grade else None
            row.submitted_at = utcnow()
            row.status = SUBMITTED

    @requires(Capability.ASSESSMENTS)
    def copy(self, assessment_id: int, title: Any = None) -> int:
        """A new draft with the same scores, comments and evidence decisions."""
        with self.db.unit_of_work() as session:
            source = self._get(session, assessment_id)
            text = parse_text(title, "plan_title", 200) or f"{source.title}（副本）"
            session.info["cause"] = f"复制考核：{source.title}"
            row = Assessment(
                studio_id=source.studio_id,
                template_id=source.template_id,
                kind=source.kind,
                school_year=source.school_year,
                membership_id=source.membership_id,
                title=text,
                status=DRAFT,
                comment=source.comment,
                copied_from_id=source.id,
            )
            row.items = [
                AssessmentItem(code=i.code, score_tenths=i.score_tenths, comment=i.comment)
                for i in source.items
            ]
            row.evidence = [
                AssessmentEvidence(
                    code=e.code,
                    kind=e.kind,
                    target_id=e.target_id,
                    label=e.label,
                    decision=e.decision,
                )
                for e in source.evidence
            ]
            session.add(row)
            session.flush()
            return row.id

    @requires(Capability.ASSESSMENTS)
    def delete_draft(self, assessment_id: int) -> None:
        with self.db.unit_of_work() as session:
            row = self._draft(session, assessment_id)
            session.info["cause"] = f"删除考核草稿：{row.title}"
            for child in [*row.items, *row.evidence]:
                session.delete(child)
            session.delete(row)

    def _get(self, session: Session, assessment_id: int) -> Assessment:
        row = session.get(Assessment, assessment_id)
        if row is None:
            raise KeyError(assessment_id)
        return row


def _leaf_codes(template: Template) -> set[str]:
    return {i.code for i in template.leaves()}


def _key(kind: str, target_id: int | None, label: str) -> tuple[str, int | None, str]:
    return Evidence(kind, target_id, label).key


def _merge(
    proposed: tuple[Evidence, ...], stored: list[tuple[str, str, int | None, str, str]]
) -> tuple[EvidenceState, ...]:
    decided = {
        _key(kind, tid, label): (label, decision) for _c, kind, tid, label, decision in stored
    }
    states = []
    seen = set()
    for evidence in proposed:
        seen.add(evidence.key)
        decision = decided.get(evidence.key, (None, PROPOSED))[1]
        states.append(EvidenceState(evidence, decision, True))
    for _code, kind, tid, label, decision in stored:
        key = _key(kind, tid, label)
        if key not in seen:
            seen.add(key)
            states.append(EvidenceState(Evidence(kind, tid, label), decision, False))
    return tuple(states)


def _score(value: Any, indicator: Indicator) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    label = f"{indicator.code} {indicator.text[:20]}"
    try:
        tenths = parse_tenths(value, "score")
    except ValidationError:
        raise ValidationError.single(
            "score", "score_range", indicator=label, value=value, max=indicator.max_points
        ) from None
    if tenths is None:
        return None
    if tenths > indicator.max_points * 10:
        raise ValidationError.single(
            "score", "score_range", indicator=label, value=value, max=indicator.max_points
        )
    return tenths
