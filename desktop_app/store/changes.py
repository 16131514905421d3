"""Which subjects (domain/changes.py) a unit of work changed, from the tables it wrote.

Hooked on the session's after_flush, when the flush's new, dirty and deleted objects and
their attribute history are still known (as store/audit.py does): every row written
through the ORM is seen, and no service can forget to say what it changed. A bulk ORM
statement (``session.execute(update(Model)…)``) is seen through do_orm_execute. Core
statements on the session's connection are not; only the audit log is written so, and
it is the history of the other tables' changes, no subject of its own.

``SUBJECT_OF_TABLE`` names every table once (tests/unit/test_store_changes.py fails on a
table left out)."""

from __future__ import annotations

import uuid

from sqlalchemy import event, inspect, text
from sqlalchemy.orm import ORMExecuteState, Session

from desktop_app.domain import changes as subjects
from desktop_app.domain.changes import Changes
from desktop_app.store import models as m

# None: a table with no subject of its own — the table it goes with names it.
SUBJECT_OF_TABLE: dict[str, str | None] = {
    m.Studio.__tablename__: subjects.STUDIO,
    m.PresetOverride.__tablename__: subjects.STUDIO,
    m.StudioSetting.__tablename__: subjects.SETTINGS,
    m.Person.__tablename__: subjects.MEMBERS,
    m.Membership.__tablename__: subjects.MEMBERS,
    m.MembershipStage.__tablename__: subjects.MEMBERS,
    m.DevelopmentGoal.__tablename__: subjects.GROWTH,
    m.GrowthRecord.__tablename__: subjects.GROWTH,
    m.Attachment.__tablename__: None,  # a file: its link row (growth, activity, ledger) says
    m.GrowthRecordAttachment.__tablename__: subjects.GROWTH,
    m.Activity.__tablename__: subjects.ACTIVITIES,
    m.ActivityAttachment.__tablename__: subjects.ACTIVITIES,
    m.AttendanceMark.__tablename__: subjects.ATTENDANCE,
    m.AttendanceFlagEvent.__tablename__: subjects.ATTENDANCE,
    m.LedgerEntry.__tablename__: subjects.LEDGER,
    m.LedgerEntryAttachment.__tablename__: subjects.LEDGER,
    m.LedgerCategory.__tablename__: subjects.LEDGER,
    m.LedgerBudget.__tablename__: subjects.LEDGER,
    m.LedgerClosedPeriod.__tablename__: subjects.LEDGER,
    m.AuditEntry.__tablename__: None,  # the history of the changes of the tables above
    m.Plan.__tablename__: subjects.PLANS,
    m.PlanTask.__tablename__: subjects.PLANS,
    m.PlanTaskEvidence.__tablename__: subjects.PLANS,
    m.AnnualSummary.__tablename__: subjects.PLANS,
    m.Assessment.__tablename__: subjects.ASSESSMENTS,
    m.AssessmentItem.__tablename__: subjects.ASSESSMENTS,
    m.AssessmentEvidence.__tablename__: subjects.ASSESSMENTS,
    m.IssuedDocument.__tablename__: subjects.DOCUMENTS,
    m.Account.__tablename__: subjects.ACCOUNTS,
    # kept for the records, no records themselves (store/files.py, store/signing_key.py,
    # the document cache): the attachment row that names a file says what changed
    m.EvidenceFile.__tablename__: None,
    m.EvidenceChunk.__tablename__: None,
    m.SigningKey.__tablename__: None,
    m.CachedState.__tablename__: None,
    m.CachedDocument.__tablename__: None,
    m.CachedDocumentChunk.__tablename__: None,
    m.ChangeCounter.__tablename__: None,  # the count of the changes themselves
    m.ChangeLogEntry.__tablename__: None,
}

_WRITTEN = "tables_written"  # session.info: the names of the tables flushed so far
_FLUSHES = "flushes_written"  # session.info: how many flushes have written rows
_COUNTED = "change_counted"  # session.info: (number, origin) ``count`` gave it


def _after_flush(session: Session, _context) -> None:
    if session.new or session.deleted or session.dirty:
        session.info[_FLUSHES] = session.info.get(_FLUSHES, 0) + 1
    written = session.info.setdefault(_WRITTEN, set())
    for obj in (*session.new, *session.deleted):
        written.update(table.name for table in inspect(obj).mapper.tables)
    for obj in session.dirty:
        state = inspect(obj)
        if session.is_modified(obj, include_collections=False):
            written.update(table.name for table in state.mapper.tables)
        # a many-to-many collection changed: rows of its link table
        for relation in state.mapper.relationships:
            if relation.secondary is not None and state.attrs[relation.key].history.has_changes():
                written.add(relation.secondary.name)


def _do_orm_execute(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        written = state.session.info.setdefault(_WRITTEN, set())
        written.add(state.statement.table.name)


def changed(session: Session) -> Changes:
    """The subjects of the tables ``session`` has written (flushed) so far."""
    written = session.info.get(_WRITTEN, ())
    found = (SUBJECT_OF_TABLE[name] for name in written)
    return frozenset(subject for subject in found if subject is not None)


def wrote(session: Session) -> bool:
    """Whether ``session`` has written (flushed) any table: a change to count."""
    return bool(session.info.get(_WRITTEN))


# The newest change_log entries kept: a PC that fell further behind (asleep, off the
# network) refreshes every page instead, which costs a second.
LOG_KEPT = 500
# The PostgreSQL channel of the notifications (store/watch.py listens on it).
CHANNEL = "studiodesk_changes"


def count(session: Session, what: Changes) -> int:
    """Count one committing unit of work, inside its transaction (its write lock held,
    so the number follows commit order), log ``what`` it changed, and on PostgreSQL
    notify the other PCs (delivered at the commit, never for a rollback). The number."""
    number, origin = session.execute(
        text(
            "INSERT INTO change_counter (id, value, origin) VALUES (1, 1, :origin) "
            "ON CONFLICT (id) DO UPDATE SET value = change_counter.value + 1 "
            "RETURNING value, origin"
        ),
        {"origin": uuid.uuid4().hex},  # the database's first change: who it is
    ).one()
    session.info[_COUNTED] = (number, origin)
    session.execute(
        text("INSERT INTO change_log (counter, subjects, at) VALUES (:n, :s, :at)"),
        {"n": number, "s": ",".join(sorted(what)), "at": m.utcnow()},
    )
    if number % 50 == 0:  # pruned now and then, not in every save
        session.execute(
            text("DELETE FROM change_log WHERE counter <= :n"), {"n": number - LOG_KEPT}
        )
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_notify(:channel, :n)"), {"channel": CHANNEL, "n": str(number)}
        )
    return number


def flushes(session: Session) -> int:
    """How many flushes of ``session`` have written rows: a result computed inside a unit
    of work is still the committed state's when no flush came after it."""
    return session.info.get(_FLUSHES, 0)


def counted(session: Session) -> tuple[int, str] | None:
    """The state (``state``) the unit of work of ``session`` committed, once counted."""
    return session.info.get(_COUNTED)


def state(connection) -> tuple[int, str]:
    """Where the database stands in its commit order: (the counter, this database's
    origin) — what a cache of anything read from it is keyed on."""
    row = connection.execute(text("SELECT value, origin FROM change_counter WHERE id = 1")).first()
    return (0, "") if row is None else (row[0], row[1])


def since(connection, seen: int) -> tuple[int, list[tuple[int, Changes]] | None]:
    """The counter now, and each change counted after ``seen`` with its subjects; None
    when the log no longer reaches back so far, or the counter went back (a restore):
    then anything may have changed."""
    now, _origin = state(connection)
    if now == seen:
        return now, []
    rows = connection.execute(
        text("SELECT counter, subjects FROM change_log WHERE counter > :seen ORDER BY counter"),
        {"seen": seen},
    ).all()
    if now < seen or not rows or rows[0][0] != seen + 1:
        return now, None
    return now, [(n, frozenset(s for s in words.split(",") if s)) for n, words in rows]


def install(session_factory) -> None:
    event.listen(session_factory, "after_flush", _after_flush)
    event.listen(session_factory, "do_orm_execute", _do_orm_execute)
