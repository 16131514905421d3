"""Plans and the task ledger (计划、任务台账): the cycle's build plan, each school year's
annual plan and its items — owner, due date, status — ticked off (销账) only with
evidence: an activity, a growth record, a ledger entry or a stored file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.money import format_fen
from desktop_app.domain.parsing import parse_date, parse_long_text, parse_text
from desktop_app.domain.problems import Problem, ValidationError, problem
from desktop_app.domain.roles import Capability
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import EvidenceKind, TaskStatus
from desktop_app.services.attachments import new_attachments, store_files
from desktop_app.services.guard import requires
from desktop_app.store.db import Database
from desktop_app.store.models import (
    Activity,
    Attachment,
    GrowthRecord,
    LedgerEntry,
    Membership,
    Person,
    Plan,
    PlanTask,
    PlanTaskEvidence,
    Studio,
)

BUILD = "build"
ANNUAL = "annual"
# What a task item can link to as evidence.
LINKABLE = (
    EvidenceKind.ACTIVITY.code,
    EvidenceKind.GROWTH_RECORD.code,
    EvidenceKind.LEDGER_ENTRY.code,
    EvidenceKind.ATTACHMENT.code,
)
_MODELS = {
    EvidenceKind.ACTIVITY.code: Activity,
    EvidenceKind.GROWTH_RECORD.code: GrowthRecord,
    EvidenceKind.LEDGER_ENTRY.code: LedgerEntry,
    EvidenceKind.ATTACHMENT.code: Attachment,
}


@dataclass(frozen=True)
class PlanInput:
    title: Any
    goals: Any = None
    features: Any = None  # 特色
    measures: Any = None  # 主要举措 / 工作安排


@dataclass(frozen=True)
class TaskInput:
    title: Any
    owner_membership_id: int | None = None
    due_on: Any = None
    status: Any = TaskStatus.NOT_STARTED.code
    note: Any = None


@dataclass(frozen=True)
class EvidenceRef:
    kind: str  # one of LINKABLE
    target_id: int


@dataclass(frozen=True)
class EvidenceInfo:
    id: int | None  # the link's id (None for a candidate not linked yet)
    kind: str
    target_id: int
    label: str
    date: dt.date | None = None

    @property
    def ref(self) -> EvidenceRef:
        return EvidenceRef(self.kind, self.target_id)


@dataclass(frozen=True)
class TaskInfo:
    id: int
    plan_id: int
    school_year: SchoolYear
    position: int
    title: str
    owner_membership_id: int | None
    owner_name: str | None
    due_on: dt.date | None
    status: str
    done_on: dt.date | None
    note: str | None
    evidence: tuple[EvidenceInfo, ...]

    @property
    def is_done(self) -> bool:
        return self.status == TaskStatus.DONE.code

    def overdue(self, today: dt.date) -> bool:
        return not self.is_done and self.due_on is not None and self.due_on < today


@dataclass(frozen=True)
class PlanInfo:
    id: int
    kind: str
    school_year: SchoolYear
    title: str
    goals: str | None
    features: str | None
    measures: str | None
    tasks: tuple[TaskInfo, ...] = ()

    @property
    def done_count(self) -> int:
        return sum(1 for t in self.tasks if t.is_done)

    @property
    def open_tasks(self) -> list[TaskInfo]:
        return [t for t in self.tasks if not t.is_done]


def parse_plan(data: PlanInput) -> dict[str, Any]:
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for key, field, limit in (
        ("title", "plan_title", 200),
        ("goals", "goals", 20000),
        ("features", "features", 20000),
        ("measures", "measures", 20000),
    ):
        parse = parse_text if key == "title" else parse_long_text
        try:
            values[key] = parse(getattr(data, key), field, limit)
        except ValidationError as error:
            problems.extend(error.problems)
    if not problems and not values["title"]:
        problems.append(problem("plan_title", "required"))
    if problems:
        raise ValidationError(problems)
    return values


def parse_task(data: TaskInput) -> dict[str, Any]:
    problems: list[Problem] = []
    values: dict[str, Any] = {"owner_membership_id": data.owner_membership_id}
    try:
        values["title"] = parse_text(data.title, "task_title", 300)
        if not values["title"]:
            problems.append(problem("task_title", "required"))
    except ValidationError as error:
        problems.extend(error.problems)
    try:
        values["due_on"] = parse_date(data.due_on, "due_on")
    except ValidationError as error:
        problems.extend(error.problems)
    status = data.status if isinstance(data.status, TaskStatus) else None
    if status is None:
        status = TaskStatus.parse(str(data.status or TaskStatus.NOT_STARTED.code))
    if status is None:
        problems.append(
            problem("task_status", "bad_choice", value=data.status, choices=TaskStatus.words())
        )
    else:
        values["status"] = status.code
    try:
        values["note"] = parse_long_text(data.note, "note", 2000)
    except ValidationError as error:
        problems.extend(error.problems)
    if problems:
        raise ValidationError(problems)
    return values


def _label(session: Session, kind: str, target_id: int) -> tuple[str, dt.date | None] | None:
    """Words for a linked row, or None when the row does not exist."""
    if kind == EvidenceKind.ACTIVITY.code:
        row = session.get(Activity, target_id)
        return (f"{row.date.isoformat()} {row.topic}", row.date) if row else None
    if kind == EvidenceKind.GROWTH_RECORD.code:
        row = session.get(GrowthRecord, target_id)
        if row is None:
            return None
        person = session.get(Person, row.person_id)
        return f"{person.name if person else ''}：{row.title}（{row.date.isoformat()}）", row.date
    if kind == EvidenceKind.LEDGER_ENTRY.code:
        row = session.get(LedgerEntry, target_id)
        if row is None:
            return None
        voucher = f" {row.voucher_no}" if row.voucher_no else ""
        return (
            f"{row.date.isoformat()} {row.purpose} {format_fen(row.amount_fen)}元{voucher}",
            row.date,
        )
    if kind == EvidenceKind.ATTACHMENT.code:
        row = session.get(Attachment, target_id)
        return (row.original_name, None) if row else None
    return None


class PlanService:
    def __init__(self, db: Database, today: Callable[[], dt.date] = dt.date.today):
        self.db = db
        self.today = today

    # --- reading ---

    def _studio_id(self, session: Session) -> int:
        return session.scalar(select(Studio.id).order_by(Studio.id).limit(1))

    def _plans(self, session: Session, kind: str, year: int | None = None) -> list[Plan]:
        query = (
            select(Plan)
            .where(Plan.kind == kind)
            .options(selectinload(Plan.tasks).selectinload(PlanTask.evidence))
            .order_by(Plan.school_year)
        )
        if year is not None:
            query = query.where(Plan.school_year == year)
        return list(session.scalars(query))

    def _info(self, session: Session, plan: Plan) -> PlanInfo:
        names = dict(
            session.execute(
                select(Membership.id, Person.name).join(Person, Membership.person_id == Person.id)
            ).all()
        )
        year = SchoolYear(plan.school_year)
        tasks = []
        for task in plan.tasks:
            evidence = []
            for link in task.evidence:
                found = _label(session, link.kind, link.target_id)
                label, date = found if found else ("（已不存在）", None)
                evidence.append(EvidenceInfo(link.id, link.kind, link.target_id, label, date))
            tasks.append(
                TaskInfo(
                    id=task.id,
                    plan_id=plan.id,
                    school_year=year,
                    position=task.position,
                    title=task.title,
                    owner_membership_id=task.owner_membership_id,
                    owner_name=names.get(task.owner_membership_id),
                    due_on=task.due_on,
                    status=task.status,
                    done_on=task.done_on,
                    note=task.note,
                    evidence=tuple(evidence),
                )
            )
        return PlanInfo(
            id=plan.id,
            kind=plan.kind,
            school_year=year,
            title=plan.title,
            goals=plan.goals,
            features=plan.features,
            measures=plan.measures,
            tasks=tuple(tasks),
        )

    def build_plan(self) -> PlanInfo | None:
        with self.db.reading() as session:
            plans = self._plans(session, BUILD)
            return self._info(session, plans[0]) if plans else None

    def annual_plan(self, year: SchoolYear) -> PlanInfo | None:
        with self.db.reading() as session:
            plans = self._plans(session, ANNUAL, year.start)
            return self._info(session, plans[0]) if plans else None

    def annual_plans(self) -> list[PlanInfo]:
        with self.db.reading() as session:
            return [self._info(session, p) for p in self._plans(session, ANNUAL)]

    def task(self, task_id: int) -> TaskInfo:
        with self.db.reading() as session:
            task = session.get(PlanTask, task_id)
            if task is None:
                raise KeyError(task_id)
            info = self._info(session, task.plan)
        return next(t for t in info.tasks if t.id == task_id)

    def tasks(self, year: SchoolYear) -> list[TaskInfo]:
        plan = self.annual_plan(year)
        return list(plan.tasks) if plan else []

    def next_due(self, year: SchoolYear, count: int = 5) -> list[TaskInfo]:
        """Open items with a due date, soonest first (overdue ones lead)."""
        open_tasks = [t for t in self.tasks(year) if not t.is_done and t.due_on is not None]
        return sorted(open_tasks, key=lambda t: (t.due_on, t.position, t.id))[:count]

    def candidates(self, year: SchoolYear) -> list[EvidenceInfo]:
        """What a task item of the year can be ticked off with: the year's activities,
        growth records and ledger entries, newest first within each kind."""
        first, last = year.first_day, year.last_day
        found: list[EvidenceInfo] = []
        with self.db.reading() as session:
            for model, kind in (
                (Activity, EvidenceKind.ACTIVITY.code),
                (GrowthRecord, EvidenceKind.GROWTH_RECORD.code),
                (LedgerEntry, EvidenceKind.LEDGER_ENTRY.code),
            ):
                ids = session.scalars(
                    select(model.id)
                    .where(model.date >= first, model.date <= last)
                    .order_by(model.date.desc(), model.id.desc())
                )
                for target_id in ids:
                    label, date = _label(session, kind, target_id)
                    found.append(EvidenceInfo(None, kind, target_id, label, date))
        return found

    # --- writing ---

    @requires(Capability.PLANS)
    def save_build_plan(self, data: PlanInput) -> int:
        values = parse_plan(data)
        with self.db.unit_of_work(cause=f"建设规划：{values['title']}") as session:
            existing = self._plans(session, BUILD)
            if existing:
                plan = existing[0]
                for key, value in values.items():
                    setattr(plan, key, value)
            else:
                studio = session.get(Studio, self._studio_id(session))
                plan = Plan(
                    studio_id=studio.id, kind=BUILD, school_year=studio.cycle_first_year, **values
                )
                session.add(plan)
            session.flush()
            return plan.id

    @requires(Capability.PLANS)
    def save_annual_plan(self, year: SchoolYear, data: PlanInput) -> int:
        values = parse_plan(data)
        with self.db.unit_of_work(cause=f"年度计划：{year.label}") as session:
            existing = self._plans(session, ANNUAL, year.start)
            if existing:
                plan = existing[0]
                for key, value in values.items():
                    setattr(plan, key, value)
            else:
                plan = Plan(
                    studio_id=self._studio_id(session),
                    kind=ANNUAL,
                    school_year=year.start,
                    **values,
                )
                session.add(plan)
            session.flush()
            return plan.id

    def _check_owner(self, session: Session, owner_id: int | None) -> None:
        if owner_id is not None and session.get(Membership, owner_id) is None:
            raise ValidationError.single("owner", "unknown_member_id", id=owner_id)

    def _check_refs(self, session: Session, refs: list[EvidenceRef]) -> None:
        problems = []
        for ref in refs:
            if ref.kind not in LINKABLE:
                problems.append(
                    problem("evidence", "bad_choice", value=ref.kind, choices="、".join(LINKABLE))
                )
            elif session.get(_MODELS[ref.kind], ref.target_id) is None:
                problems.append(
                    problem(
                        "evidence",
                        "evidence_not_found",
                        kind=EvidenceKind.from_code(ref.kind).zh,
                        id=ref.target_id,
                    )
                )
        if problems:
            raise ValidationError(problems)

    def _link(
        self, session: Session, task: PlanTask, refs: list[EvidenceRef], files: list[Path]
    ) -> None:
        have = {(e.kind, e.target_id) for e in task.evidence}
        stored = store_files(self.db, files) if files else []
        for attachment in new_attachments(session, stored):
            refs = [*refs, EvidenceRef(EvidenceKind.ATTACHMENT.code, attachment.id)]
        for ref in refs:
            if (ref.kind, ref.target_id) not in have:
                have.add((ref.kind, ref.target_id))
                link = PlanTaskEvidence(kind=ref.kind, target_id=ref.target_id)
                task.evidence.append(link)

    @requires(Capability.PLANS)
    def add_task(
        self,
        year: SchoolYear,
        data: TaskInput,
        evidence: list[EvidenceRef] = (),
        files: list[Path] = (),
    ) -> int:
        values = parse_task(data)
        evidence, files = list(evidence), list(files)
        done = values["status"] == TaskStatus.DONE.code
        if done and not (evidence or files):
            raise ValidationError.single("evidence", "done_needs_evidence", task=values["title"])
        with self.db.unit_of_work(cause=f"任务台账：{values['title']}") as session:
            plans = self._plans(session, ANNUAL, year.start)
            if not plans:
                raise ValidationError.single("school_year", "no_annual_plan", year=year.label)
            self._check_owner(session, values["owner_membership_id"])
            self._check_refs(session, evidence)
            plan = plans[0]
            task = PlanTask(
                plan_id=plan.id,
                position=max((t.position for t in plan.tasks), default=0) + 1,
                done_on=self.today() if done else None,
                **values,
            )
            session.add(task)
            self._link(session, task, evidence, files)
            session.flush()
            return task.id

    @requires(Capability.PLANS)
    def update_task(self, task_id: int, data: TaskInput) -> None:
        values = parse_task(data)
        with self.db.unit_of_work(cause=f"任务台账：{values['title']}") as session:
            task = self._get(session, task_id)
            self._check_owner(session, values["owner_membership_id"])
            done = values["status"] == TaskStatus.DONE.code
            if done and not task.evidence:
                raise ValidationError.single("evidence", "done_needs_evidence", task=task.title)
            if done and task.status != TaskStatus.DONE.code:
                task.done_on = self.today()
            elif not done:
                task.done_on = None
            for key, value in values.items():
                setattr(task, key, value)

    @requires(Capability.TICK_TASKS)
    def tick_off(
        self,
        task_id: int,
        evidence: list[EvidenceRef] = (),
        files: list[Path] = (),
        done_on: Any = None,
    ) -> None:
        """销账: the item is done, shown by the evidence given (added to any it has)."""
        evidence, files = list(evidence), list(files)
        when = parse_date(done_on, "date") if done_on not in (None, "") else self.today()
        with self.db.unit_of_work() as session:
            task = self._get(session, task_id)
            session.info["cause"] = f"销账：{task.title}"
            self._check_refs(session, evidence)
            if not (evidence or files or task.evidence):
                raise ValidationError.single("evidence", "done_needs_evidence", task=task.title)
            self._link(session, task, evidence, files)
            task.status = TaskStatus.DONE.code
            task.done_on = when

    @requires(Capability.TASK_EVIDENCE)
    def add_evidence(
        self, task_id: int, evidence: list[EvidenceRef] = (), files: list[Path] = ()
    ) -> None:
        with self.db.unit_of_work() as session:
            task = self._get(session, task_id)
            session.info["cause"] = f"佐证材料：{task.title}"
            self._check_refs(session, list(evidence))
            self._link(session, task, list(evidence), list(files))

    @requires(Capability.TASK_EVIDENCE)
    def remove_evidence(self, task_id: int, link_id: int) -> None:
        with self.db.unit_of_work() as session:
            task = self._get(session, task_id)
            session.info["cause"] = f"移除佐证材料：{task.title}"
            link = next((e for e in task.evidence if e.id == link_id), None)
            if link is None:
                raise KeyError(link_id)
            if task.status == TaskStatus.DONE.code and len(task.evidence) == 1:
                raise ValidationError.single("evidence", "done_needs_evidence", task=task.title)
            task.evidence.remove(link)
            session.delete(link)

    @requires(Capability.PLANS)
    def delete_task(self, task_id: int) -> None:
        """An item not ticked off can be struck from the plan (the audit log keeps it);
        a ticked-off one stays as the record of work done."""
        with self.db.unit_of_work() as session:
            task = self._get(session, task_id)
            session.info["cause"] = f"删除任务：{task.title}"
            if task.status == TaskStatus.DONE.code:
                raise ValidationError.single("task_status", "done_task_stays", task=task.title)
            for link in list(task.evidence):
                session.delete(link)
            session.delete(task)

    def _get(self, session: Session, task_id: int) -> PlanTask:
        task = session.get(PlanTask, task_id)
        if task is None:
            raise KeyError(task_id)
        return task
