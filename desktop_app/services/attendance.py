"""Attendance: who was expected at an activity and how they came; each member's absence
ratio and flag (ok / at_risk / over), recomputed inside every transaction that could
change it, and every change of flag recorded with its date and cause."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from sqlalchemy import event, func, or_, select
from sqlalchemy.orm import Session

from desktop_app.domain.attendance import AttendanceRules, CountWindow, FlagState, Span, Tally
from desktop_app.domain.parsing import parse_text
from desktop_app.domain.problems import Problem, ValidationError, problem
from desktop_app.domain.roles import Capability
from desktop_app.domain.school_year import Cycle, SchoolYear
from desktop_app.domain.vocab import AttendanceStatus, Role, Stage
from desktop_app.services.activities import (
    ActivityInfo,
    ActivityInput,
    ActivityService,
    describe,
    parse_activity,
)
from desktop_app.services.activities import date_problem as activity_date_problem_in
from desktop_app.services.guard import requires
from desktop_app.services.studio import StudioService, studio_preset, studio_settings
from desktop_app.store import changes as store_changes
from desktop_app.store.db import Database
from desktop_app.store.models import (
    Activity,
    AttendanceFlagEvent,
    AttendanceMark,
    Membership,
    Person,
    Studio,
)

# Roles expected at sessions unless the secretary edits the list: those being trained.
EXPECTED_ROLES = (Role.CORE.code, Role.MEMBER.code, Role.OBSERVER.code)
# Changes to these tables can move a flag.
_RELEVANT = {
    "attendance_mark",
    "activity",
    "membership",
    "studio_setting",
    "preset_override",
    "studio",
}
_DEFAULT_CAUSE = "数据变更"
# session.info key: the facts a unit of work computed, kept once it commits
_PENDING_FACTS = "attendance_facts"
# What facts were counted from: the state of the records (the newest audit entry: every
# change of a record writes one, in its own transaction), the day they stand at and the
# period asked for (its first and last day; None: the cycle).
_FactsKey = tuple[tuple[int, str], dt.date, dt.date | None, dt.date | None]


@dataclass(frozen=True)
class MarkInput:
    membership_id: int
    status: str  # AttendanceStatus code or word
    note: str | None = None


@dataclass(frozen=True)
class SheetRow:
    membership_id: int
    name: str
    role: str
    school: str | None
    status: str | None  # None: not marked yet
    note: str | None
    tally: Tally


@dataclass(frozen=True)
class AttendanceSheet:
    activity: ActivityInfo
    rows: list[SheetRow]
    saved: bool  # attendance has been saved for this activity before


@dataclass(frozen=True)
class AttendanceFacts:
    """Where every membership stands against the absence line on one day: the tallies
    over ``window`` (the sessions the studio's attendance.window counts, up to that day)
    under ``rules``. The one source of every flag the program shows or prints: the
    screens ask for today's, a period's documents for those at the period's end."""

    rules: AttendanceRules
    window: CountWindow
    tallies: Mapping[int, Tally]  # membership id → tally

    def tally(self, membership_id: int) -> Tally:
        found = self.tallies.get(membership_id)
        return found if found is not None else self.rules.tally(0, 0)

    def names(self, members: Iterable, state: FlagState) -> tuple[str, ...]:
        """The names of ``members`` (rows with ``membership_id`` and ``name``, in the
        order to print) whose flag is ``state``."""
        return tuple(m.name for m in members if self.tally(m.membership_id).state == state)


@dataclass(frozen=True)
class MemberFlag:
    membership_id: int
    name: str
    role: str
    school: str | None
    is_current: bool
    tally: Tally

    @property
    def state(self) -> FlagState:
        return self.tally.state


@dataclass(frozen=True)
class FlagEvent:
    membership_id: int
    name: str
    on: dt.date
    old_state: FlagState
    new_state: FlagState
    missed: int
    expected: int
    cause: str


@dataclass(frozen=True)
class _Member:
    id: int
    name: str
    role: str
    school: str | None
    stage: str
    joined_on: dt.date | None
    left_on: dt.date | None

    def belongs_on(self, day: dt.date) -> bool:
        return (self.joined_on is None or self.joined_on <= day) and (
            self.left_on is None or day <= self.left_on
        )


class AttendanceService:
    def __init__(
        self,
        db: Database,
        studio: StudioService,
        activities: ActivityService,
        today: Callable[[], dt.date] = dt.date.today,
    ):
        self.db = db
        self.studio = studio
        self.activities = activities
        self.today = today
        # The facts counted from the latest state of the records: a save counts today's
        # anyway (the flags), and the pages and reports that show them read these.
        self._cached: dict[_FactsKey, AttendanceFacts] = {}
        db.before_commit.append(self._after_change)
        event.listen(db.sessions, "after_commit", self._committed)
        event.listen(db.sessions, "after_rollback", self._rolled_back)

    # --- the rules and the numbers ---

    def rules(self) -> AttendanceRules:
        with self.db.reading() as session:
            return self._rules_in(session)

    def _members(self, session: Session) -> dict[int, _Member]:
        rows = session.execute(
            select(
                Membership.id,
                Person.name,
                Membership.role,
                Person.school,
                Membership.stage,
                Membership.joined_on,
                Membership.left_on,
            ).join(Person, Membership.person_id == Person.id)
        )
        return {r[0]: _Member(*r) for r in rows}

    def _facts_in(
        self, session: Session, as_of: dt.date, period: Span | None, studio: Studio | None = None
    ) -> AttendanceFacts:
        """``studio``: its row, when the caller has read it already (one query fewer)."""
        studio = studio or session.scalar(select(Studio).order_by(Studio.id).limit(1))
        rules = self._rules_in(session, studio)
        cycle = Cycle(SchoolYear(studio.cycle_first_year), SchoolYear(studio.cycle_last_year))
        window = rules.counted(cycle, as_of, period)
        tallies = MappingProxyType(self._counted(session, rules, window))  # shared: read only
        return AttendanceFacts(rules, window, tallies)

    def _counted(
        self,
        session: Session,
        rules: AttendanceRules,
        window: CountWindow | tuple[dt.date, dt.date],
    ) -> dict[int, Tally]:
        """Every membership's tally over the sessions in ``window``, counted by SQLite:
        what ``domain.attendance.tally`` does for one member's marks (a test holds the
        two to the same answers), without loading every mark of every year into Python."""
        first, last = (window.first, window.last) if isinstance(window, CountWindow) else window
        missed_codes = [AttendanceStatus.ABSENT.code]
        if rules.leave_counts_as_absence:
            missed_codes.append(AttendanceStatus.LEAVE.code)
        # From the sessions in the window (the date index) to their marks: a few
        # milliseconds for ten years of marks, where starting from the members is slower.
        # count(*), not count(id): SQLite need not read the id (10% of the query).
        query = (
            select(
                AttendanceMark.membership_id,
                func.count(),
                func.count().filter(AttendanceMark.status.in_(missed_codes)),
            )
            .select_from(Activity)
            .join(AttendanceMark, AttendanceMark.activity_id == Activity.id)
            .join(Membership, Membership.id == AttendanceMark.membership_id)
            .where(
                Activity.takes_attendance.is_(True),
                Activity.date.between(first, last),
                or_(Membership.joined_on.is_(None), Activity.date >= Membership.joined_on),
                or_(Membership.left_on.is_(None), Activity.date <= Membership.left_on),
            )
            .group_by(AttendanceMark.membership_id)
        )
        counted = {mid: (expected, missed) for mid, expected, missed in session.execute(query)}
        result = {}
        for mid in session.scalars(select(Membership.id)):
            expected, missed = counted.get(mid, (0, 0))
            result[mid] = rules.tally(missed, expected)
        return result

    @staticmethod
    def _key(session: Session, as_of: dt.date, period: Span | None) -> _FactsKey:
        # the change counter (commit order, both backends): one primary-key read
        newest = store_changes.state(session)
        if period is None:
            return newest, as_of, None, None
        return newest, as_of, period.first_day, period.last_day

    def _keep(self, key: _FactsKey, facts: AttendanceFacts) -> None:
        # only the facts of the latest state are of use
        self._cached = {k: v for k, v in self._cached.items() if k[0] == key[0]}
        self._cached[key] = facts

    def facts(self, period: Span | None = None, as_of: dt.date | None = None) -> AttendanceFacts:
        """Every membership's standing as of ``as_of`` (default today) for ``period`` (a
        school year, a report's period; default the cycle): the sessions the studio's
        window counts up to that day, never after the period's last day (see
        ``AttendanceRules.counted``). Counted again only when a record changed since."""
        as_of = as_of or self.today()
        with self.db.reading() as session:
            key = self._key(session, as_of, period)
            found = self._cached.get(key)
            if found is not None:
                return found
            facts = self._facts_in(session, as_of, period)
            # Kept only when nothing was committed meanwhile (reads here do not hold one
            # snapshot): the facts are then surely those of ``key``'s state.
            if self._key(session, as_of, period) == key:
                self._keep(key, facts)
        return facts

    def flags(
        self,
        include_left: bool = False,
        period: Span | None = None,
        as_of: dt.date | None = None,
    ) -> list[MemberFlag]:
        """Each membership's flag, from ``facts(period, as_of)``: today's by default."""
        facts = self.facts(period, as_of)
        with self.db.reading() as session:
            members = self._members(session)
        return [
            MemberFlag(m.id, m.name, m.role, m.school, m.left_on is None, facts.tally(m.id))
            for m in sorted(members.values(), key=lambda m: m.id)
            if include_left or m.left_on is None
        ]

    def tallies(self) -> dict[int, Tally]:
        """Every membership's tally now (``facts()``): what the screens show."""
        return dict(self.facts().tallies)

    def tallies_between(self, first: dt.date, last: dt.date) -> dict[int, Tally]:
        """Each member's sessions and absences inside [first, last] (e.g. one school
        year's), under the studio's counting rules. These are counts of those days: a
        member's flag is ``facts()``'s, which counts the studio's window."""
        rules = self.rules()
        with self.db.reading() as session:
            return self._counted(session, rules, (first, last))

    def marks_of(self, activity_ids) -> dict[int, dict[int, tuple[str, str | None]]]:
        """activity id → membership id → (status code, note): the marks of many sessions
        in one query (a period's documents list hundreds of sessions)."""
        wanted = list(activity_ids)
        marks: dict[int, dict[int, tuple[str, str | None]]] = {}
        with self.db.reading() as session:
            for start in range(0, len(wanted), 500):  # SQLite's limit on parameters
                chunk = wanted[start : start + 500]
                for aid, mid, status, note in session.execute(
                    select(
                        AttendanceMark.activity_id,
                        AttendanceMark.membership_id,
                        AttendanceMark.status,
                        AttendanceMark.note,
                    ).where(AttendanceMark.activity_id.in_(chunk))
                ):
                    if status:
                        marks.setdefault(aid, {})[mid] = (status, note)
        return marks

    def history(self, membership_id: int | None = None) -> list[FlagEvent]:
        with self.db.reading() as session:
            query = (
                select(AttendanceFlagEvent, Person.name)
                .join(Membership, AttendanceFlagEvent.membership_id == Membership.id)
                .join(Person, Membership.person_id == Person.id)
                .order_by(AttendanceFlagEvent.id)
            )
            if membership_id is not None:
                query = query.where(AttendanceFlagEvent.membership_id == membership_id)
            return [
                FlagEvent(
                    e.membership_id,
                    name,
                    e.on,
                    FlagState(e.old_state),
                    FlagState(e.new_state),
                    e.missed,
                    e.expected,
                    e.cause,
                )
                for e, name in session.execute(query)
            ]

    # --- the sheet for one activity ---

    def candidates(self, activity_id: int) -> list[SheetRow]:
        """Everyone on the list (确定名单) who belonged to the studio on the activity's day:
        the people the secretary may add to the expected list."""
        activity = self.activities.get(activity_id)
        tallies = self.tallies()
        with self.db.reading() as session:
            members = self._members(session)
        return [
            SheetRow(m.id, m.name, m.role, m.school, None, None, tallies[m.id])
            for m in members.values()
            if m.stage == Stage.CONFIRMED.code and m.belongs_on(activity.date)
        ]

    def sheet(self, activity_id: int) -> AttendanceSheet:
        activity = self.activities.get(activity_id)
        tallies = self.tallies()
        with self.db.reading() as session:
            members = self._members(session)
            marks = list(
                session.scalars(
                    select(AttendanceMark).where(AttendanceMark.activity_id == activity_id)
                )
            )
        if marks:
            rows = [
                SheetRow(
                    m.membership_id,
                    members[m.membership_id].name,
                    members[m.membership_id].role,
                    members[m.membership_id].school,
                    m.status,
                    m.note,
                    tallies[m.membership_id],
                )
                for m in marks
            ]
        else:
            rows = [r for r in self.candidates(activity_id) if r.role in EXPECTED_ROLES]
        order = {code: i for i, code in enumerate(r.code for r in Role)}
        rows.sort(key=lambda r: (order.get(r.role, 99), r.membership_id))
        return AttendanceSheet(activity, rows, saved=bool(marks))

    @requires(Capability.ATTENDANCE)
    def save_marks(
        self, activity_id: int, marks: list[MarkInput]
    ) -> dict[int, tuple[FlagState, FlagState]]:
        """Replace the activity's marks with these, in one transaction. Returns the flag
        changes it caused: membership id → (old state, new state)."""
        # (checked inside the unit of work, which holds the write lock: a membership that
        # another program ends meanwhile is seen)
        with self.db.unit_of_work() as session:
            activity = session.get(Activity, activity_id)
            if activity is None:
                raise LookupError(f"no activity {activity_id}")
            members = self._members(session)
            day, topic = activity.date, activity.topic
            clean, problems = self._clean_marks(marks, members, day)
            if problems:
                raise ValidationError(problems)
            session.info["cause"] = "考勤 " + describe(day, topic)
            existing = {
                m.membership_id: m
                for m in session.scalars(
                    select(AttendanceMark).where(AttendanceMark.activity_id == activity_id)
                )
            }
            for membership_id, mark in existing.items():
                if membership_id not in clean:
                    session.delete(mark)
            self._write_marks(session, activity_id, existing, clean)
            session.flush()
            changes = self._recompute(session, session.info.get("cause") or _DEFAULT_CAUSE)
            session.info["flags_done"] = True
            return changes

    @requires(Capability.ATTENDANCE)
    def save_many(
        self, batches: list[tuple[int | ActivityInput, list[MarkInput]]], cause: str
    ) -> dict[int, tuple[FlagState, FlagState]]:
        """Several activities' marks (an attendance import) in ONE transaction: new
        activities (an ``ActivityInput`` in place of the id) are created and every mark
        is written, or nothing is. Unlike ``save_marks`` the marks are merged: a member
        given here gets this mark (and note); marks of members not given are left as they
        are. The flags are recomputed inside the transaction with ``cause``. Returns the
        flag changes: membership id → (old state, new state)."""
        problems: list[Problem] = []
        planned: list[tuple[int | dict, dict[int, tuple[str, str | None]]]] = []
        with self.db.unit_of_work(cause=cause) as session:  # checked inside (save_marks)
            members = self._members(session)
            for target, marks in batches:
                if isinstance(target, ActivityInput):
                    try:
                        values = parse_activity(target)
                    except ValidationError as error:
                        problems.extend(error.problems)
                        continue
                    if found := activity_date_problem_in(session, values["date"]):
                        problems.append(found)
                        continue
                    ref: int | dict = values
                    day = values["date"]
                else:
                    activity = session.get(Activity, target)
                    if activity is None:
                        raise LookupError(f"no activity {target}")
                    ref, day = activity.id, activity.date
                clean, found = self._clean_marks(marks, members, day)
                problems.extend(found)
                planned.append((ref, clean))
            if problems:
                raise ValidationError(problems)
            studio_id = session.scalar(select(Studio.id).order_by(Studio.id).limit(1))
            if studio_id is None:
                raise LookupError("no studio in this database")
            for ref, clean in planned:
                if isinstance(ref, dict):
                    activity = Activity(studio_id=studio_id, **ref)
                    session.add(activity)
                    session.flush()
                    activity_id = activity.id
                    existing: dict[int, AttendanceMark] = {}
                else:
                    activity_id = ref
                    existing = {
                        m.membership_id: m
                        for m in session.scalars(
                            select(AttendanceMark).where(AttendanceMark.activity_id == activity_id)
                        )
                    }
                self._write_marks(session, activity_id, existing, clean)
            session.flush()
            changes = self._recompute(session, cause or _DEFAULT_CAUSE)
            session.info["flags_done"] = True
            return changes

    def _clean_marks(
        self, marks: list[MarkInput], members: dict[int, _Member], day: dt.date
    ) -> tuple[dict[int, tuple[str, str | None]], list[Problem]]:
        """The marks checked against the activity's day: membership id → (status code,
        note), and the problems found."""
        problems: list[Problem] = []
        clean: dict[int, tuple[str, str | None]] = {}
        for mark in marks:
            member = members.get(mark.membership_id)
            status = AttendanceStatus.parse(mark.status or "")
            if member is None:
                raise LookupError(f"no membership {mark.membership_id}")
            if status is None:
                problems.append(
                    problem(
                        "attendance",
                        "bad_status",
                        value=mark.status,
                        choices=AttendanceStatus.words(),
                    )
                )
                continue
            if not member.belongs_on(day):
                problems.append(
                    problem(
                        "attendance", "not_expected_member", name=member.name, date=day.isoformat()
                    )
                )
                continue
            try:
                note = parse_text(mark.note, "note", 200)
            except ValidationError as error:
                problems.extend(error.problems)
                continue
            clean[mark.membership_id] = (status.code, note)
        return clean, problems

    @staticmethod
    def _write_marks(
        session: Session,
        activity_id: int,
        existing: dict[int, AttendanceMark],
        clean: dict[int, tuple[str, str | None]],
    ) -> None:
        for membership_id, (status, note) in clean.items():
            mark = existing.get(membership_id)
            if mark is None:
                session.add(
                    AttendanceMark(
                        activity_id=activity_id,
                        membership_id=membership_id,
                        status=status,
                        note=note,
                    )
                )
            else:
                if mark.status != status:
                    mark.status = status
                if mark.note != note:
                    mark.note = note

    # --- keeping the flags in step ---

    def _committed(self, session: Session) -> None:
        pending = session.info.pop(_PENDING_FACTS, None)
        committed = store_changes.counted(session)
        if pending is not None and committed is not None:
            flushes, today, facts = pending
            if flushes == store_changes.flushes(session):
                self._keep((committed, today, None, None), facts)

    @staticmethod
    def _rolled_back(session: Session) -> None:
        session.info.pop(_PENDING_FACTS, None)

    def _after_change(self, session: Session) -> None:
        if session.info.get("flags_done"):
            return
        touched = session.info.get("touched", set())
        if touched & _RELEVANT:
            self._recompute(session, session.info.get("cause") or _DEFAULT_CAUSE)

    def _rules_in(self, session: Session, studio: Studio | None = None) -> AttendanceRules:
        """The rules as this transaction sees them (a setting may be changing in it).
        ``studio``: its row, when the caller has read it already."""
        if studio is None:
            studio = session.scalar(select(Studio).order_by(Studio.id).limit(1))
        if studio is None:
            return AttendanceRules()
        preset = studio_preset(session, studio)
        stored = studio_settings(session, studio)

        def setting(key: str):
            return preset.setting(key, stored).value

        line = preset.rule("attendance_line")
        return AttendanceRules(
            line=Fraction(line.value) if line and line.value is not None else None,
            leave_counts_as_absence=bool(setting("attendance.leave_counts_as_absence")),
            exact_line_counts=bool(setting("attendance.exact_third_counts")),
            window=str(setting("attendance.window")),
            min_sessions=int(setting("attendance.min_sessions")),
            line_source=line.source_label if line else "",
        )

    def _recompute(self, session: Session, cause: str) -> dict[int, tuple[FlagState, FlagState]]:
        studio = session.scalar(select(Studio).order_by(Studio.id).limit(1))
        if studio is None:
            return {}
        today = self.today()
        facts = self._facts_in(session, today, None, studio)
        # each member's newest flag event (the highest id, as the whole history read in
        # id order gave), not every event ever recorded
        newest = select(func.max(AttendanceFlagEvent.id)).group_by(
            AttendanceFlagEvent.membership_id
        )
        last: dict[int, str] = {
            membership_id: state
            for membership_id, state in session.execute(
                select(AttendanceFlagEvent.membership_id, AttendanceFlagEvent.new_state).where(
                    AttendanceFlagEvent.id.in_(newest)
                )
            )
        }
        changes: dict[int, tuple[FlagState, FlagState]] = {}
        for membership_id, t in facts.tallies.items():
            # only flags are history: a member not judged (yet) is recorded as normal
            old = FlagState(last.get(membership_id, FlagState.OK.value))
            new = t.state.recorded
            if new != old:
                session.add(
                    AttendanceFlagEvent(
                        membership_id=membership_id,
                        on=today,
                        old_state=old.value,
                        new_state=new.value,
                        missed=t.missed,
                        expected=t.expected,
                        cause=cause,
                    )
                )
                changes[membership_id] = (old, new)
        session.flush()
        # The state after this flush, inside the transaction (which holds the write lock:
        # no one else commits before it): kept under the number its commit is counted
        # with, unless anything was written after this (another hook).
        session.info[_PENDING_FACTS] = (store_changes.flushes(session), today, facts)
        return changes
