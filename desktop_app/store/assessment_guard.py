"""A submitted assessment is locked: neither it nor its scores and evidence change again.
Enforced below the services, like the ledger's guard, so that no code path can edit a
document that was handed in; a copy makes a new draft."""

from __future__ import annotations

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session

from desktop_app.domain.vocab import AssessmentStatus
from desktop_app.store.models import Assessment, AssessmentEvidence, AssessmentItem

SUBMITTED = AssessmentStatus.SUBMITTED.code
_CHILDREN = (AssessmentItem, AssessmentEvidence)
_TABLES = {m.__tablename__ for m in (Assessment, *_CHILDREN)}


class LockedError(RuntimeError):
    pass


def _stored_status(session: Session, assessment_id: int | None) -> str | None:
    if assessment_id is None:
        return None
    with session.no_autoflush:
        return session.execute(
            select(Assessment.status).where(Assessment.id == assessment_id)
        ).scalar_one_or_none()


def _before_flush(session: Session, _context, _instances) -> None:
    for obj in session.dirty | session.deleted:
        if isinstance(obj, Assessment):
            history = inspect(obj).attrs.status.history
            old = history.deleted[0] if history.deleted else obj.status
            # Collections count: appending a score row to a locked instance is a change.
            changed = obj in session.deleted or session.is_modified(obj)
            if old == SUBMITTED and changed:
                raise LockedError(f"assessment {obj.id} is submitted and locked")
    for obj in session.new | session.dirty | session.deleted:
        if isinstance(obj, _CHILDREN):
            if obj in session.dirty and not session.is_modified(obj, include_collections=False):
                continue
            # The row's instance now and before (a row moved off a locked one counts too).
            owners = {obj.assessment_id, *inspect(obj).attrs.assessment_id.history.deleted}
            for owner in owners:
                if _stored_status(session, owner) == SUBMITTED:
                    raise LockedError(f"assessment {owner} is submitted and locked")


def _do_orm_execute(state: ORMExecuteState) -> None:
    # The services never update or delete these in bulk; a bulk statement would pass
    # the per-row check above, so it is refused outright.
    if state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if getattr(table, "name", None) in _TABLES:
            raise LockedError(f"bulk changes to {table.name} are not allowed")


def install(session_factory) -> None:
    event.listen(session_factory, "before_flush", _before_flush)
    event.listen(session_factory, "do_orm_execute", _do_orm_execute)
