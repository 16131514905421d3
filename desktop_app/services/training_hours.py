"""Training hours (学时) read from the records: the activities each person was credited
for and their own training records, computed by domain/training_hours.py. The roster, the
growth file, the reports and data.json all ask here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.training_hours import (
    CREDITED,
    PROBATION_WORD,
    Attended,
    OwnTraining,
    YearHours,
    total_tenths,
    year_hours,
)
from desktop_app.domain.vocab import RecordKind
from desktop_app.store.db import Database
from desktop_app.store.models import Activity, AttendanceMark, GrowthRecord, Membership


class TrainingHoursService:
    def __init__(self, db: Database, today: Callable[[], dt.date] = dt.date.today):
        self.db = db
        self.today = today

    # --- what the computation reads ---

    def _attended(self, session: Session, people: Iterable[int] | None) -> dict[int, list]:
        """person id → the held activities they were credited for, while they belonged
        (the sessions attendance counts: taking attendance, between joining and leaving)."""
        query = (
            select(
                Membership.person_id,
                Activity.id,
                Activity.date,
                Activity.topic,
                AttendanceMark.status,
                Activity.hours_tenths,
            )
            .select_from(AttendanceMark)
            .join(Activity, Activity.id == AttendanceMark.activity_id)
            .join(Membership, Membership.id == AttendanceMark.membership_id)
            .where(
                Activity.takes_attendance.is_(True),
                Activity.date <= self.today(),
                AttendanceMark.status.in_(sorted(CREDITED)),
                or_(Membership.joined_on.is_(None), Activity.date >= Membership.joined_on),
                or_(Membership.left_on.is_(None), Activity.date <= Membership.left_on),
            )
            .order_by(Activity.date, Activity.id)
        )
        if people is not None:
            query = query.where(Membership.person_id.in_(list(people)))
        found: dict[int, list[Attended]] = {}
        for person_id, *fields in session.execute(query):
            found.setdefault(person_id, []).append(Attended(*fields))
        return found

    def _own(self, session: Session, people: Iterable[int] | None) -> dict[int, list]:
        """person id → their own training records with 学时."""
        query = (
            select(GrowthRecord.person_id, GrowthRecord.id, GrowthRecord.date, GrowthRecord.title)
            .add_columns(GrowthRecord.hours_tenths)
            .where(
                GrowthRecord.kind == RecordKind.TRAINING.code,
                GrowthRecord.hours_tenths.is_not(None),
            )
            .order_by(GrowthRecord.date, GrowthRecord.id)
        )
        if people is not None:
            query = query.where(GrowthRecord.person_id.in_(list(people)))
        found: dict[int, list[OwnTraining]] = {}
        for person_id, *fields in session.execute(query):
            found.setdefault(person_id, []).append(OwnTraining(*fields))
        return found

    # --- the figures ---

    def of_year(
        self, year: SchoolYear, people: Iterable[int] | None = None
    ) -> dict[int, YearHours]:
        """person id → their 学时 of ``year`` (everyone with a record or a mark; ``people``
        narrows it). A person missing from the answer has none: YearHours(year)."""
        with self.db.reading() as session:
            attended = self._attended(session, people)
            own = self._own(session, people)
        return {
            person: year_hours(year, attended.get(person, ()), own.get(person, ()))
            for person in set(attended) | set(own)
        }

    def years_of(self, person_id: int) -> list[YearHours]:
        """Each school year in which the person has 学时 or credited activities, oldest first."""
        with self.db.reading() as session:
            attended = self._attended(session, [person_id]).get(person_id, [])
            own = self._own(session, [person_id]).get(person_id, [])
        years = sorted(
            {SchoolYear.of(a.date) for a in attended} | {SchoolYear.of(r.date) for r in own}
        )
        return [year_hours(y, attended, own) for y in years]

    def attended(self, person_id: int) -> list[Attended]:
        """The activities the person was credited for, oldest first, each once."""
        with self.db.reading() as session:
            rows = self._attended(session, [person_id]).get(person_id, [])
        seen: set[int] = set()
        return [a for a in rows if not (a.activity_id in seen or seen.add(a.activity_id))]

    def totals(self, people: Iterable[int] | None = None) -> dict[int, int]:
        """person id → every 学时 on record (all years), for the new head teachers' check."""
        with self.db.reading() as session:
            attended = self._attended(session, people)
            own = self._own(session, people)
        return {
            person: total_tenths(attended.get(person, ()), own.get(person, ()))
            for person in set(attended) | set(own)
        }

    def with_probation(self, people: Iterable[int] | None = None) -> set[int]:
        """The people whose growth file holds a record naming their 见习 year."""
        query = select(GrowthRecord.person_id).where(GrowthRecord.title.contains(PROBATION_WORD))
        if people is not None:
            query = query.where(GrowthRecord.person_id.in_(list(people)))
        with self.db.reading() as session:
            return set(session.scalars(query))

    def table(
        self, members: Iterable, years: Iterable[SchoolYear]
    ) -> list[tuple[object, YearHours]]:
        """One row per person among ``members`` (roster rows, in their order; a person with
        two spells once, under the latest) and school year of ``years``: what the
        documents of a period list."""
        latest: dict[int, object] = {}
        for m in members:
            if m.person_id not in latest or m.membership_id > latest[m.person_id].membership_id:
                latest[m.person_id] = m
        years = list(years)
        with self.db.reading() as session:
            attended = self._attended(session, list(latest))
            own = self._own(session, list(latest))
        return [
            (m, year_hours(y, attended.get(pid, ()), own.get(pid, ())))
            for pid, m in latest.items()
            for y in years
        ]
