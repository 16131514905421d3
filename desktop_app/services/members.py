"""The studio's people: roster, add/edit, the selection lifecycle, leaving, replacing,
the composition warnings and each member's change history."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.composition import MemberFacts, Warning, check_roster, chosen_on
from desktop_app.domain.member_input import MemberData
from desktop_app.domain.parsing import is_masked, mask_id_number, mask_phone, parse_date, parse_text
from desktop_app.domain.problems import Problem, ValidationError, problem
from desktop_app.domain.roles import Capability
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.studio_checks import StudioFacts, check_studio
from desktop_app.domain.training_hours import (
    NewTeacherFacts,
    check_new_head_teachers,
    is_new_head_teacher,
)
from desktop_app.domain.vocab import ActivityKind, RecordKind, Role, Stage
from desktop_app.services.guard import requires
from desktop_app.services.studio import StudioService
from desktop_app.services.training_hours import TrainingHoursService
from desktop_app.store.db import Database
from desktop_app.store.models import (
    Activity,
    AuditEntry,
    DevelopmentGoal,
    GrowthRecord,
    Membership,
    MembershipStage,
    Person,
    Plan,
    Studio,
)

STATUS_LEFT = "left"


@dataclass(frozen=True)
class RosterRow:
    membership_id: int
    person_id: int
    name: str
    role: str
    stage: str
    status: str  # the stage code, or "left"
    gender: str | None
    birth_date: dt.date | None
    school: str | None
    rural: bool | None
    title: str | None
    honours: str | None
    head_teacher_since: int | None
    agreement_signed_on: dt.date | None
    joined_on: dt.date | None
    left_on: dt.date | None
    leave_reason: str | None
    phone: str | None
    id_number: str | None
    note: str | None
    replaces_id: int | None
    replaces_name: str | None
    replaced_by_name: str | None = None
    teaching_since: int | None = None
    in_post: bool | None = None
    training_tier: str | None = None  # TrainingTier code
    chosen_on: dt.date | None = None  # when chosen: age and years are measured then
    warnings: tuple[str, ...] = ()  # messages of warnings that name this member

    @property
    def is_current(self) -> bool:
        return self.left_on is None

    def as_member_data(self) -> MemberData:
        return MemberData(
            name=self.name,
            role=self.role,
            stage=self.stage,
            gender=self.gender,
            birth_date=self.birth_date,
            school=self.school,
            rural=self.rural,
            title=self.title,
            honours=self.honours,
            head_teacher_since=self.head_teacher_since,
            teaching_since=self.teaching_since,
            in_post=self.in_post,
            training_tier=self.training_tier,
            agreement_signed_on=self.agreement_signed_on,
            joined_on=self.joined_on,
            left_on=self.left_on,
            leave_reason=self.leave_reason,
            phone=self.phone,
            id_number=self.id_number,
            note=self.note,
        )

    def masked(self) -> RosterRow:
        from dataclasses import replace

        return replace(self, phone=mask_phone(self.phone), id_number=mask_id_number(self.id_number))


@dataclass(frozen=True)
class StageStep:
    stage: str
    on: dt.date


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    user: str
    action: str
    table: str
    record_id: str
    changes: dict[str, list] = field(default_factory=dict)


_PERSON_FIELDS = (
    "name",
    "gender",
    "birth_date",
    "school",
    "rural",
    "title",
    "honours",
    "head_teacher_since",
    "teaching_since",
    "in_post",
    "training_tier",
    "phone",
    "id_number",
    "note",
)
_MEMBERSHIP_FIELDS = (
    "role",
    "stage",
    "agreement_signed_on",
    "joined_on",
    "left_on",
    "leave_reason",
)


class MemberService:
    def __init__(
        self, db: Database, studio: StudioService, today: Callable[[], dt.date] = dt.date.today
    ):
        self.db = db
        self.studio = studio
        self.today = today

    # --- reading ---

    def roster(self, include_left: bool = True) -> list[RosterRow]:
        with self.db.reading() as session:
            rows = self._rows(session, include_left)
        warnings = self.warnings(rows)
        by_member: dict[int, list[str]] = {}
        for warning in warnings:
            for mid in warning.membership_ids:
                by_member.setdefault(mid, []).append(warning.message)
        from dataclasses import replace

        return [replace(r, warnings=tuple(by_member.get(r.membership_id, ()))) for r in rows]

    def _rows(self, session: Session, include_left: bool) -> list[RosterRow]:
        query = (
            select(Membership)
            .join(Person, Membership.person_id == Person.id)
            .options(selectinload(Membership.person), selectinload(Membership.stages))
            .order_by(Membership.left_on.is_not(None), Membership.id)
        )
        if not include_left:
            query = query.where(Membership.left_on.is_(None))
        memberships = list(session.scalars(query))
        names = {m.id: m.person.name for m in memberships}
        missing = {
            m.replaces_id for m in memberships if m.replaces_id and m.replaces_id not in names
        }
        if missing:
            for m in session.scalars(
                select(Membership)
                .options(selectinload(Membership.person))
                .where(Membership.id.in_(missing))
            ):
                names[m.id] = m.person.name
        replaced_by = {m.replaces_id: m.person.name for m in memberships if m.replaces_id}
        return [
            _row(m, names.get(m.replaces_id) if m.replaces_id else None, replaced_by.get(m.id))
            for m in memberships
        ]

    def get(self, membership_id: int) -> RosterRow:
        for row in self.roster():
            if row.membership_id == membership_id:
                return row
        raise LookupError(f"no membership {membership_id}")

    def stage_steps(self, membership_id: int) -> list[StageStep]:
        with self.db.reading() as session:
            steps = session.scalars(
                select(MembershipStage)
                .where(MembershipStage.membership_id == membership_id)
                .order_by(MembershipStage.on, MembershipStage.id)
            )
            return [StageStep(s.stage, s.on) for s in steps]

    def facts(self, rows: list[RosterRow]) -> list[MemberFacts]:
        current = [r for r in rows if r.is_current]
        merits = self._merit_records({r.person_id for r in current})
        return [
            MemberFacts(
                membership_id=r.membership_id,
                name=r.name,
                role=r.role,
                school=r.school,
                rural=r.rural,
                birth_date=r.birth_date,
                head_teacher_since=r.head_teacher_since,
                title=r.title,
                honours=r.honours,
                teaching_since=r.teaching_since,
                in_post=r.in_post,
                chosen_on=r.chosen_on,
                stage=r.stage,
                agreement_signed_on=r.agreement_signed_on,
                class_honours=merits.get((r.person_id, RecordKind.CLASS_HONOUR.code), ()),
                prizes=merits.get((r.person_id, RecordKind.COMPETITION.code), ()),
            )
            for r in current
        ]

    def _merit_records(
        self, person_ids: set[int]
    ) -> dict[tuple[int, str], tuple[tuple[str, str | None], ...]]:
        """(person, kind) → (words, level) of the growth file's class honours and prizes."""
        kinds = (RecordKind.CLASS_HONOUR.code, RecordKind.COMPETITION.code)
        out: dict[tuple[int, str], list[tuple[str, str | None]]] = {}
        with self.db.reading() as session:
            for record in session.scalars(
                select(GrowthRecord)
                .where(GrowthRecord.person_id.in_(person_ids), GrowthRecord.kind.in_(kinds))
                .order_by(GrowthRecord.id)
            ):
                words = f"{record.title} {record.detail or ''}"
                out.setdefault((record.person_id, record.kind), []).append((words, record.level))
        return {key: tuple(value) for key, value in out.items()}

    def warnings(self, rows: list[RosterRow] | None = None) -> list[Warning]:
        """The roster's warnings, then those about the studio's own records."""
        if rows is None:
            with self.db.reading() as session:
                rows = self._rows(session, include_left=False)
        preset, today = self.studio.effective_preset(), self.today()
        warnings = check_roster(preset, self.facts(rows), today)
        warnings += self._new_teacher_warnings(preset, rows)
        studio = self._studio_facts(rows)
        if studio is not None:
            warnings += check_studio(preset, studio, today)
        return warnings

    def _studio_facts(self, rows: list[RosterRow]) -> StudioFacts | None:
        with self.db.reading() as session:
            studio = session.scalar(select(Studio).order_by(Studio.id).limit(1))
            if studio is None:
                return None
            plans = {
                year: _local_day(created)
                for year, created in session.execute(
                    select(Plan.school_year, Plan.created_at).where(
                        Plan.studio_id == studio.id, Plan.kind == "annual"
                    )
                )
            }
            showcases = {
                SchoolYear.of(day).start
                for day in session.scalars(
                    select(Activity.date).where(
                        Activity.studio_id == studio.id,
                        Activity.kind == ActivityKind.SHOWCASE.code,
                    )
                )
            }
            return StudioFacts(
                name=studio.name,
                cycle_first_year=studio.cycle_first_year,
                cycle_last_year=studio.cycle_last_year,
                host_names=tuple(r.name for r in rows if r.is_current and r.role == Role.HOST.code),
                plans_made_on=plans,
                showcase_years=frozenset(showcases),
            )

    def _new_teacher_warnings(self, preset, rows: list[RosterRow]) -> list[Warning]:
        """Seed 001's 初任班主任 rules (学时 of 上岗培训, the 见习 year), where the preset has them."""
        if not (
            preset.rule("new_head_teacher_hours") or preset.rule("new_head_teacher_probation_years")
        ):
            return []
        today = self.today()
        new = [r for r in rows if r.is_current and is_new_head_teacher(r.head_teacher_since, today)]
        if not new:
            return []
        hours = TrainingHoursService(self.db, self.today)
        people = {r.person_id for r in new}
        totals, probation = hours.totals(people), hours.with_probation(people)
        facts = [
            NewTeacherFacts(
                r.membership_id,
                r.name,
                r.head_teacher_since,
                totals.get(r.person_id, 0),
                r.person_id in probation,
            )
            for r in new
        ]
        return check_new_head_teachers(preset, facts, today)

    def history(self, membership_id: int) -> list[HistoryEntry]:
        """Every audited change to this membership, its person and the person's growth file."""
        with self.db.reading() as session:
            membership = session.get(Membership, membership_id)
            if membership is None:
                raise LookupError(f"no membership {membership_id}")
            person_id = membership.person_id
            record_ids = [
                str(i)
                for i in session.scalars(
                    select(GrowthRecord.id).where(GrowthRecord.person_id == person_id)
                )
            ]
            goal_ids = [
                str(i)
                for i in session.scalars(
                    select(DevelopmentGoal.id).where(DevelopmentGoal.person_id == person_id)
                )
            ]
            membership_ids = [
                str(i)
                for i in session.scalars(
                    select(Membership.id).where(Membership.person_id == person_id)
                )
            ]
            entries = session.scalars(
                select(AuditEntry)
                .where(
                    or_(
                        (AuditEntry.table_name == "person")
                        & (AuditEntry.record_id == str(person_id)),
                        (AuditEntry.table_name == "membership")
                        & AuditEntry.record_id.in_(membership_ids),
                        (AuditEntry.table_name == "growth_record")
                        & AuditEntry.record_id.in_(record_ids),
                        (AuditEntry.table_name == "development_goal")
                        & AuditEntry.record_id.in_(goal_ids),
                    )
                )
                .order_by(AuditEntry.id)
            )
            return [
                HistoryEntry(
                    e.at, e.user, e.action, e.table_name, e.record_id, json.loads(e.changes_json)
                )
                for e in entries
            ]

    # --- writing ---

    @requires(Capability.MEMBERSHIPS)
    def add(self, data: MemberData, replaces_id: int | None = None) -> int:
        """A new membership (and the person, unless they were here before and left)."""
        with self.db.unit_of_work(cause=f"成员加入：{data.name}") as session:
            return self._add_in(session, data, replaces_id)

    @requires(Capability.MEMBERSHIPS)
    def update(self, membership_id: int, data: MemberData) -> None:
        with self.db.unit_of_work(cause=f"成员信息修改：{data.name}") as session:
            self._update_in(session, membership_id, data)

    @requires(Capability.MEMBERSHIPS)
    def apply_rows(self, adds: list[MemberData], updates: list[tuple[int, MemberData]]) -> None:
        """Several adds and updates (a roster import) in ONE transaction: if any of them
        fails, nothing is written. Updates run first so that a row recording someone's
        leaving is in place before a row that brings the same person back."""
        with self.db.unit_of_work(cause="名册导入") as session:
            for membership_id, data in updates:
                self._update_in(session, membership_id, data)
            session.flush()
            for data in adds:
                self._add_in(session, data, None)

    def _add_in(self, session: Session, data: MemberData, replaces_id: int | None) -> int:
        studio_id = session.scalar(select(Studio.id).order_by(Studio.id).limit(1))
        if studio_id is None:
            raise LookupError("no studio in this database")
        self._check_new_personal_data(data)
        self._check_duplicate(session, data, exclude_person=None)
        person = self._find_returning(session, data)
        if person is None:
            person = Person(studio_id=studio_id)
            session.add(person)
        _apply_person(person, data, keep_masked=False)
        if replaces_id is not None:
            replaced = session.get(Membership, replaces_id)
            if replaced is None:
                raise ValidationError([problem("replaces", "required")])
        membership = Membership(person=person, replaces_id=replaces_id)
        _apply_membership(membership, data)
        session.add(membership)
        session.flush()
        session.add(MembershipStage(membership_id=membership.id, stage=data.stage, on=self.today()))
        return membership.id

    def _update_in(self, session: Session, membership_id: int, data: MemberData) -> None:
        membership = session.get(Membership, membership_id)
        if membership is None:
            raise LookupError(f"no membership {membership_id}")
        self._check_duplicate(session, data, exclude_person=membership.person_id)
        if is_masked(data.phone) and mask_phone(membership.person.phone) != data.phone:
            raise ValidationError([problem("phone", "masked_value_new", value=data.phone)])
        if (
            is_masked(data.id_number)
            and mask_id_number(membership.person.id_number) != data.id_number
        ):
            raise ValidationError([problem("id_number", "masked_value_new", value=data.id_number)])
        old_stage = membership.stage
        _apply_person(membership.person, data, keep_masked=True)
        _apply_membership(membership, data)
        if data.stage != old_stage:
            session.add(
                MembershipStage(membership_id=membership.id, stage=data.stage, on=self.today())
            )

    @requires(Capability.MEMBERSHIPS)
    def set_stage(self, membership_id: int, stage: str, on: dt.date | None = None) -> None:
        Stage.from_code(stage)
        with self.db.unit_of_work() as session:
            membership = session.get(Membership, membership_id)
            if membership is None:
                raise LookupError(f"no membership {membership_id}")
            if membership.stage != stage:
                membership.stage = stage
                session.add(
                    MembershipStage(membership_id=membership_id, stage=stage, on=on or self.today())
                )

    @requires(Capability.MEMBERSHIPS)
    def end(self, membership_id: int, left_on: object, reason: object) -> None:
        """Leaving: the membership gets a date and a reason; nothing is deleted."""
        problems: list[Problem] = []
        try:
            day = parse_date(left_on, "left_on")
            if day is None:
                problems.append(problem("left_on", "required"))
        except ValidationError as error:
            problems.extend(error.problems)
            day = None
        try:
            why = parse_text(reason, "leave_reason", 200)
            if not why:
                problems.append(problem("leave_reason", "leave_reason_needed"))
        except ValidationError as error:
            problems.extend(error.problems)
            why = None
        with self.db.unit_of_work(cause=f"退出工作室：{why or ''}") as session:
            membership = session.get(Membership, membership_id)
            if membership is None:
                raise LookupError(f"no membership {membership_id}")
            if day and membership.joined_on and day < membership.joined_on:
                problems.append(
                    problem(
                        "left_on",
                        "left_before_joined",
                        left=day.isoformat(),
                        joined=membership.joined_on.isoformat(),
                    )
                )
            if problems:
                raise ValidationError(problems)
            membership.left_on = day
            membership.leave_reason = why

    # --- checks ---

    def _check_new_personal_data(self, data: MemberData) -> None:
        problems = [
            problem(f, "masked_value_new", value=getattr(data, f))
            for f in ("phone", "id_number")
            if is_masked(getattr(data, f))
        ]
        if problems:
            raise ValidationError(problems)

    def _check_duplicate(
        self, session: Session, data: MemberData, exclude_person: int | None
    ) -> None:
        """The same person twice on the current roster: same name and birth date (or same
        name where either birth date is unknown)."""
        query = (
            select(Person)
            .join(Membership, Membership.person_id == Person.id)
            .where(Person.name == data.name, Membership.left_on.is_(None))
        )
        for person in session.scalars(query):
            if person.id == exclude_person:
                continue
            if (
                person.birth_date is None
                or data.birth_date is None
                or person.birth_date == data.birth_date
            ):
                raise ValidationError([problem("name", "duplicate_person", name=data.name)])

    def _find_returning(self, session: Session, data: MemberData) -> Person | None:
        """A person whose earlier memberships all ended comes back as the same person."""
        for person in session.scalars(select(Person).where(Person.name == data.name)):
            if person.birth_date == data.birth_date and all(m.left_on for m in person.memberships):
                return person
        return None


def _apply_person(person: Person, data: MemberData, keep_masked: bool) -> None:
    for name in _PERSON_FIELDS:
        value = getattr(data, name)
        if keep_masked and name in ("phone", "id_number") and is_masked(value):
            continue  # an exported, masked value stands for the number already stored
        if getattr(person, name) != value:
            setattr(person, name, value)


def _apply_membership(membership: Membership, data: MemberData) -> None:
    for name in _MEMBERSHIP_FIELDS:
        value = getattr(data, name)
        if getattr(membership, name) != value:
            setattr(membership, name, value)


def _row(m: Membership, replaces_name: str | None, replaced_by_name: str | None) -> RosterRow:
    p = m.person
    return RosterRow(
        membership_id=m.id,
        person_id=p.id,
        name=p.name,
        role=m.role,
        stage=m.stage,
        status=STATUS_LEFT if m.left_on else m.stage,
        gender=p.gender,
        birth_date=p.birth_date,
        school=p.school,
        rural=p.rural,
        title=p.title,
        honours=p.honours,
        head_teacher_since=p.head_teacher_since,
        agreement_signed_on=m.agreement_signed_on,
        joined_on=m.joined_on,
        left_on=m.left_on,
        leave_reason=m.leave_reason,
        phone=p.phone,
        id_number=p.id_number,
        note=p.note,
        replaces_id=m.replaces_id,
        replaces_name=replaces_name,
        replaced_by_name=replaced_by_name,
        teaching_since=p.teaching_since,
        in_post=p.in_post,
        training_tier=p.training_tier,
        chosen_on=chosen_on([(s.stage, s.on) for s in m.stages], m.joined_on),
    )


def _local_day(at: dt.datetime) -> dt.date:
    """The local calendar day of a stored (UTC) time: the day a plan was made."""
    return at.replace(tzinfo=dt.UTC).astimezone().date()
