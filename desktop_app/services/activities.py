"""Activities (活动): the log by school year and term, each with its evidence files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain import messages
from desktop_app.domain.parsing import (
    activity_date_problem,
    parse_choice,
    parse_date,
    parse_tenths,
    parse_text,
    parse_time,
    parse_yes_no,
)
from desktop_app.domain.problems import Problem, ValidationError, problem
from desktop_app.domain.roles import Capability
from desktop_app.domain.school_year import SchoolYear, term_of
from desktop_app.domain.vocab import ActivityKind, AttendanceStatus, EvidenceKind
from desktop_app.services.attachments import (
    AttachmentInfo,
    StoredFile,
    new_attachments,
    readable_copy,
    store_files,
)
from desktop_app.services.attachments import info as attachment_info
from desktop_app.services.guard import requires
from desktop_app.store.db import Database
from desktop_app.store.models import (
    Activity,
    ActivityAttachment,
    AttendanceMark,
    LedgerEntry,
    PlanTask,
    PlanTaskEvidence,
    Studio,
)


@dataclass(frozen=True)
class ActivityInput:
    date: Any
    kind: Any
    topic: Any
    start_time: Any = None
    end_time: Any = None
    place: Any = None
    content: Any = None
    presenter: Any = None
    hours: Any = None  # 学时, e.g. "2" or "1.5"
    takes_attendance: Any = True
    summary: Any = None


@dataclass(frozen=True)
class ActivityInfo:
    id: int
    date: dt.date
    school_year: SchoolYear
    term: int  # 1 上学期, 2 下学期
    start_time: dt.time | None
    end_time: dt.time | None
    place: str | None
    kind: str
    topic: str
    content: str | None
    presenter: str | None
    hours_tenths: int | None
    takes_attendance: bool
    summary: str | None
    attachments: tuple[AttachmentInfo, ...] = ()
    expected: int = 0  # marks recorded
    present: int = 0  # present, late or left early
    absent: int = 0  # 缺勤
    on_leave: int = 0  # 请假

    @property
    def attendance_taken(self) -> bool:
        return self.expected > 0

    @property
    def time_text(self) -> str:
        if self.start_time and self.end_time:
            return f"{self.start_time:%H:%M}–{self.end_time:%H:%M}"
        if self.start_time:
            return f"{self.start_time:%H:%M}"
        return ""

    @property
    def photos(self) -> tuple[AttachmentInfo, ...]:
        return tuple(a for a in self.attachments if a.is_image)


def cycle_days(session: Session) -> tuple[dt.date, dt.date] | None:
    """The studio's build cycle, first and last day; None before the studio exists."""
    studio = session.scalar(select(Studio).limit(1))
    if studio is None:
        return None
    return (
        SchoolYear(studio.cycle_first_year).first_day,
        SchoolYear(studio.cycle_last_year).last_day,
    )


def date_problem(session: Session, day: dt.date) -> Problem | None:
    """An activity's date against the studio's cycle (read in the write transaction):
    a date far outside it is a typing slip (2205, 1925, Excel's day 1)."""
    cycle = cycle_days(session)
    return None if cycle is None else activity_date_problem(day, "date", *cycle)


def parse_activity(data: ActivityInput) -> dict[str, Any]:
    problems: list[Problem] = []
    out: dict[str, Any] = {}
    parsers = (
        ("date", "date", lambda v: parse_date(v, "date")),
        (
            "kind",
            "activity_kind",
            lambda v: (k := parse_choice(v, ActivityKind, "activity_kind")) and k.code,
        ),
        ("topic", "topic", lambda v: parse_text(v, "topic", 200)),
        ("start_time", "start_time", lambda v: parse_time(v, "start_time")),
        ("end_time", "end_time", lambda v: parse_time(v, "end_time")),
        ("place", "place", lambda v: parse_text(v, "place", 200)),
        ("content", "content", lambda v: parse_text(v, "content", 4000)),
        ("presenter", "presenter", lambda v: parse_text(v, "presenter", 100)),
        ("hours", "hours", lambda v: parse_tenths(v, "hours")),
        ("takes_attendance", "attendance", lambda v: parse_yes_no(v, "attendance")),
        ("summary", "summary", lambda v: parse_text(v, "summary", 8000)),
    )
    for attr, _field, parse in parsers:
        try:
            out[attr] = parse(getattr(data, attr))
        except ValidationError as error:
            problems.extend(error.problems)
    for attr, field in (("date", "date"), ("kind", "activity_kind"), ("topic", "topic")):
        if out.get(attr) is None and not any(p.field == field for p in problems):
            problems.append(problem(field, "required"))
    start, end = out.get("start_time"), out.get("end_time")
    if start and end and end < start:
        problems.append(
            problem("end_time", "end_before_start", start=f"{start:%H:%M}", end=f"{end:%H:%M}")
        )
    if problems:
        raise ValidationError(problems)
    out["hours_tenths"] = out.pop("hours")
    if out["takes_attendance"] is None:
        out["takes_attendance"] = True
    return out


def _info(activity: Activity, counts: dict[str, int] | None = None) -> ActivityInfo:
    counts = counts or {}
    school_year, term = term_of(activity.date)
    attended = sum(
        counts.get(s.code, 0)
        for s in (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY)
    )
    return ActivityInfo(
        id=activity.id,
        date=activity.date,
        school_year=school_year,
        term=term,
        start_time=activity.start_time,
        end_time=activity.end_time,
        place=activity.place,
        kind=activity.kind,
        topic=activity.topic,
        content=activity.content,
        presenter=activity.presenter,
        hours_tenths=activity.hours_tenths,
        takes_attendance=activity.takes_attendance,
        summary=activity.summary,
        attachments=tuple(attachment_info(a) for a in activity.attachments),
        expected=sum(counts.values()),
        present=attended,
        absent=counts.get(AttendanceStatus.ABSENT.code, 0),
        on_leave=counts.get(AttendanceStatus.LEAVE.code, 0),
    )


def describe(activity_date: dt.date, topic: str) -> str:
    """How an activity is named in causes and messages: 2025-03-02《班会课设计》."""
    return f"{activity_date.isoformat()}《{topic}》"


class ActivityService:
    def __init__(self, db: Database, today=dt.date.today):
        self.db = db
        self.today = today

    def _counts(self, session: Session, ids: list[int] | None = None) -> dict[int, dict[str, int]]:
        query = select(AttendanceMark.activity_id, AttendanceMark.status, func.count()).group_by(
            AttendanceMark.activity_id, AttendanceMark.status
        )
        if ids is not None:
            query = query.where(AttendanceMark.activity_id.in_(ids))
        counts: dict[int, dict[str, int]] = {}
        for activity_id, status, n in session.execute(query):
            counts.setdefault(activity_id, {})[status] = n
        return counts

    def list(
        self,
        school_year: SchoolYear | None = None,
        term: int | None = None,
        kind: str | None = None,
        text: str = "",
        between: tuple[dt.date, dt.date] | None = None,
    ) -> list[ActivityInfo]:
        """Newest first. ``between``: (first, last) day, both included."""
        with self.db.reading() as session:
            query = select(Activity).options(selectinload(Activity.attachments))
            if school_year is not None:
                query = query.where(
                    Activity.date.between(school_year.first_day, school_year.last_day)
                )
            if between is not None:
                query = query.where(Activity.date.between(*between))
            if kind:
                query = query.where(Activity.kind == kind)
            words = "".join(text.split())
            if words:
                pattern = f"%{words}%"
                query = query.where(
                    Activity.topic.like(pattern)
                    | Activity.content.like(pattern)
                    | Activity.place.like(pattern)
                    | Activity.presenter.like(pattern)
                )
            activities = list(
                session.scalars(query.order_by(Activity.date.desc(), Activity.id.desc()))
            )
            counts = self._counts(session, [a.id for a in activities])
            infos = [_info(a, counts.get(a.id)) for a in activities]
        if term is not None:
            infos = [a for a in infos if a.term == term]
        return infos

    def usual_times(self) -> tuple[dt.time | None, dt.time | None, int | None]:
        """The start, end and training hours (tenths) of the latest activity that has a
        start time — the studio's usual times, which a new activity most likely keeps;
        (None, None, None) when no activity has a time yet."""
        with self.db.reading() as session:
            found = session.execute(
                select(Activity.start_time, Activity.end_time, Activity.hours_tenths)
                .where(Activity.start_time.is_not(None))
                .order_by(Activity.date.desc(), Activity.id.desc())
                .limit(1)
            ).first()
        return tuple(found) if found else (None, None, None)

    def get(self, activity_id: int) -> ActivityInfo:
        with self.db.reading() as session:
            activity = session.get(
                Activity, activity_id, options=[selectinload(Activity.attachments)]
            )
            if activity is None:
                raise LookupError(f"no activity {activity_id}")
            return _info(activity, self._counts(session, [activity_id]).get(activity_id))

    def school_years(self) -> list[SchoolYear]:
        """The studio's cycle years and any year that holds an activity, newest first."""
        with self.db.reading() as session:
            studio = session.scalar(select(Studio).limit(1))
            years = {
                SchoolYear(y) for y in range(studio.cycle_first_year, studio.cycle_last_year + 1)
            }
            first, last = session.execute(
                select(func.min(Activity.date), func.max(Activity.date))
            ).one()
        if first and last:
            years |= {
                SchoolYear(y)
                for y in range(SchoolYear.of(first).start, SchoolYear.of(last).start + 1)
            }
        return sorted(years, reverse=True)

    @requires(Capability.ACTIVITIES)
    def create(self, data: ActivityInput, files: list[Path] = ()) -> int:
        values = parse_activity(data)
        stored = self._store_files(files)
        with self.db.unit_of_work(cause=describe(values["date"], values["topic"])) as session:
            studio = session.scalar(select(Studio).limit(1))
            if studio is None:
                raise LookupError("no studio in this database")
            if found := date_problem(session, values["date"]):
                raise ValidationError([found])
            activity = Activity(studio_id=studio.id, **values)
            session.add(activity)
            session.flush()
            self._link(session, activity.id, stored)
            return activity.id

    @requires(Capability.ACTIVITIES)
    def update(self, activity_id: int, data: ActivityInput) -> None:
        values = parse_activity(data)
        with self.db.unit_of_work(cause=describe(values["date"], values["topic"])) as session:
            activity = session.get(Activity, activity_id)
            if activity is None:
                raise LookupError(f"no activity {activity_id}")
            if found := date_problem(session, values["date"]):
                raise ValidationError([found])
            for key, value in values.items():
                if getattr(activity, key) != value:
                    setattr(activity, key, value)

    @requires(Capability.ACTIVITIES)
    def delete(self, activity_id: int) -> None:
        """An activity logged by mistake goes, with its marks; the audit log keeps both
        and the flags are recomputed with this as their cause."""
        # (checked inside the unit of work, which holds the write lock: a receipt or a
        # task's evidence that another program links meanwhile is seen)
        with self.db.unit_of_work() as session:
            activity = session.get(Activity, activity_id)
            if activity is None:
                raise LookupError(f"no activity {activity_id}")
            cause = "删除活动 " + describe(activity.date, activity.topic)
            paid = list(
                session.scalars(select(LedgerEntry).where(LedgerEntry.activity_id == activity_id))
            )
            if paid:
                vouchers = "、".join(e.voucher_no or e.date.isoformat() for e in paid[:5])
                raise ValidationError(
                    [problem("", "activity_has_ledger_entries", count=len(paid), vouchers=vouchers)]
                )
            # A task item shown done by this activity would be left citing nothing: the
            # user takes it out of the item's evidence first, knowingly.
            tasks = list(
                session.scalars(
                    select(PlanTask.title)
                    .join(PlanTaskEvidence, PlanTaskEvidence.task_id == PlanTask.id)
                    .where(
                        PlanTaskEvidence.kind == EvidenceKind.ACTIVITY.code,
                        PlanTaskEvidence.target_id == activity_id,
                    )
                    .order_by(PlanTask.id)
                )
            )
            if tasks:
                titles = "、".join(messages.quoted(t) for t in tasks[:5]) + (
                    "…" if len(tasks) > 5 else ""
                )
                raise ValidationError(
                    [problem("", "activity_is_task_evidence", count=len(tasks), titles=titles)]
                )
            session.info["cause"] = cause
            for link in session.scalars(
                select(ActivityAttachment).where(ActivityAttachment.activity_id == activity_id)
            ):
                session.delete(link)
            session.delete(activity)

    @requires(Capability.ACTIVITIES)
    def attach(self, activity_id: int, files: list[Path]) -> None:
        stored = self._store_files(files)
        with self.db.unit_of_work() as session:
            if session.get(Activity, activity_id) is None:
                raise LookupError(f"no activity {activity_id}")
            self._link(session, activity_id, stored)

    def attachment_path(self, attachment: AttachmentInfo) -> Path:
        return readable_copy(self.db, attachment)

    def _store_files(self, files) -> list[StoredFile]:
        return store_files(self.db, files)

    def _link(self, session: Session, activity_id: int, stored: list[StoredFile]) -> None:
        for attachment in new_attachments(session, stored):
            session.add(ActivityAttachment(activity_id=activity_id, attachment_id=attachment.id))
