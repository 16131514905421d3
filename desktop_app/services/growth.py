"""Growth files (成长档案): a person's development goals per school year and their
records, each with evidence files copied into the managed store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.parsing import parse_choice, parse_date, parse_tenths, parse_text
from desktop_app.domain.problems import Problem, ValidationError, problem
from desktop_app.domain.roles import Capability
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import RecordKind, RecordLevel
from desktop_app.services.attachments import (
    AttachmentInfo,
    StoredFile,
    new_attachments,
    readable_copy,
    store_files,
)
from desktop_app.services.attachments import info as attachment_info
from desktop_app.services.guard import requires
from desktop_app.services.read_cache import ReadCache, generation
from desktop_app.store.db import Database
from desktop_app.store.models import (
    DevelopmentGoal,
    GrowthRecord,
    GrowthRecordAttachment,
    Membership,
)


@dataclass(frozen=True)
class RecordInput:
    kind: Any  # RecordKind code or word
    date: Any
    title: Any
    level: Any = None
    detail: Any = None
    hours: Any = None  # training hours, e.g. "2" or "1.5"


@dataclass(frozen=True)
class GrowthRecordInfo:
    id: int
    person_id: int
    kind: str
    date: dt.date
    school_year: SchoolYear
    level: str | None
    title: str
    detail: str | None
    hours_tenths: int | None
    attachments: tuple[AttachmentInfo, ...]


@dataclass(frozen=True)
class Goal:
    school_year: SchoolYear
    goals: str


def parse_hours(value: Any) -> int | None:
    """Training hours as tenths, exactly: '1.5' → 15. At most one decimal."""
    return parse_tenths(value, "hours")


def parse_record(data: RecordInput, today: dt.date) -> dict[str, Any]:
    problems: list[Problem] = []
    out: dict[str, Any] = {}
    for field, parse in (
        ("kind", lambda v: (k := parse_choice(v, RecordKind, "kind")) and k.code),
        ("date", lambda v: parse_date(v, "date")),
        ("title", lambda v: parse_text(v, "record_title", 200)),
        ("level", lambda v: (lv := parse_choice(v, RecordLevel, "record_level")) and lv.code),
        ("detail", lambda v: parse_text(v, "detail", 2000)),
        ("hours_tenths", lambda v: parse_hours(v)),
    ):
        raw = getattr(data, "hours" if field == "hours_tenths" else field)
        try:
            out[field] = parse(raw)
        except ValidationError as error:
            problems.extend(error.problems)
    for field, label in (("kind", "kind"), ("date", "date"), ("title", "record_title")):
        if out.get(field) is None and not any(p.field == label for p in problems):
            problems.append(problem(label, "required"))
    if out.get("date") and out["date"] > today:
        problems.append(problem("date", "date_in_future", value=out["date"].isoformat()))
    if out.get("kind") == RecordKind.TRAINING.code and not out.get("hours_tenths"):
        if not any(p.field == "hours" for p in problems):
            problems.append(problem("hours", "required"))
    if problems:
        raise ValidationError(problems)
    return out


def _info(record: GrowthRecord) -> GrowthRecordInfo:
    return GrowthRecordInfo(
        id=record.id,
        person_id=record.person_id,
        kind=record.kind,
        date=record.date,
        school_year=SchoolYear.of(record.date),
        level=record.level,
        title=record.title,
        detail=record.detail,
        hours_tenths=record.hours_tenths,
        attachments=tuple(attachment_info(a) for a in record.attachments),
    )


class GrowthService:
    def __init__(self, db: Database, today=dt.date.today):
        self.db = db
        self.today = today
        self._all: ReadCache[list[GrowthRecordInfo]] = ReadCache()

    def _person_id(self, session, membership_id: int) -> int:
        membership = session.get(Membership, membership_id)
        if membership is None:
            raise LookupError(f"no membership {membership_id}")
        return membership.person_id

    # --- development plan ---

    def goals(self, membership_id: int) -> list[Goal]:
        with self.db.reading() as session:
            person_id = self._person_id(session, membership_id)
            rows = session.scalars(
                select(DevelopmentGoal)
                .where(DevelopmentGoal.person_id == person_id)
                .order_by(DevelopmentGoal.school_year)
            )
            return [Goal(SchoolYear(r.school_year), r.goals) for r in rows]

    @requires(Capability.GROWTH_RECORDS)
    def set_goals(self, membership_id: int, school_year: SchoolYear, goals: str) -> None:
        text = parse_text(goals, "goals", 4000)
        if not text:
            raise ValidationError([problem("goals", "required")])
        with self.db.unit_of_work() as session:
            person_id = self._person_id(session, membership_id)
            row = session.scalar(
                select(DevelopmentGoal).where(
                    DevelopmentGoal.person_id == person_id,
                    DevelopmentGoal.school_year == school_year.start,
                )
            )
            if row is None:
                session.add(
                    DevelopmentGoal(person_id=person_id, school_year=school_year.start, goals=text)
                )
            elif row.goals != text:
                row.goals = text  # the audit log keeps the earlier wording

    # --- records ---

    def records(self, membership_id: int) -> list[GrowthRecordInfo]:
        with self.db.reading() as session:
            person_id = self._person_id(session, membership_id)
            rows = session.scalars(
                select(GrowthRecord)
                .options(selectinload(GrowthRecord.attachments))
                .where(GrowthRecord.person_id == person_id)
                .order_by(GrowthRecord.date.desc(), GrowthRecord.id.desc())
            )
            return [_info(r) for r in rows]

    def all_records(self) -> list[GrowthRecordInfo]:
        """Every record, oldest first (read once while nothing is written: the duties
        grid, the year's figures and the documents each ask for it)."""

        def read(session: Session) -> list[GrowthRecordInfo]:
            rows = session.scalars(
                select(GrowthRecord)
                .options(selectinload(GrowthRecord.attachments))
                .order_by(GrowthRecord.date, GrowthRecord.id)
            )
            return [_info(r) for r in rows]

        with self.db.reading() as session:
            return list(self._all.get(session, generation(session, GrowthRecord), read))

    @requires(Capability.GROWTH_RECORDS)
    def add_record(self, membership_id: int, data: RecordInput, files: list[Path] = ()) -> int:
        values = parse_record(data, self.today())
        stored = self._store_files(files)
        with self.db.unit_of_work() as session:
            person_id = self._person_id(session, membership_id)
            record = GrowthRecord(person_id=person_id, **values)
            session.add(record)
            session.flush()
            self._link(session, record.id, stored)
            return record.id

    @requires(Capability.GROWTH_RECORDS)
    def update_record(self, record_id: int, data: RecordInput) -> None:
        values = parse_record(data, self.today())
        with self.db.unit_of_work() as session:
            record = session.get(GrowthRecord, record_id)
            if record is None:
                raise LookupError(f"no growth record {record_id}")
            for key, value in values.items():
                if getattr(record, key) != value:
                    setattr(record, key, value)

    @requires(Capability.GROWTH_RECORDS)
    def attach(self, record_id: int, files: list[Path]) -> None:
        stored = self._store_files(files)
        with self.db.unit_of_work() as session:
            if session.get(GrowthRecord, record_id) is None:
                raise LookupError(f"no growth record {record_id}")
            self._link(session, record_id, stored)

    def attachment_path(self, attachment: AttachmentInfo) -> Path:
        return readable_copy(self.db, attachment)

    def _store_files(self, files) -> list[StoredFile]:
        return store_files(self.db, files)

    def _link(self, session, record_id: int, stored: list[StoredFile]) -> None:
        for attachment in new_attachments(session, stored):
            session.add(
                GrowthRecordAttachment(growth_record_id=record_id, attachment_id=attachment.id)
            )
