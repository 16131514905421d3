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

from sqlalchemy import event, inspect
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
}

_WRITTEN = "tables_written"  # session.info: the names of the tables flushed so far


def _after_flush(session: Session, _context) -> None:
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


def install(session_factory) -> None:
    event.listen(session_factory, "after_flush", _after_flush)
    event.listen(session_factory, "do_orm_execute", _do_orm_execute)
