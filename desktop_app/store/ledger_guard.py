"""The ledger is append-only: an entry, its receipts and a closed period, once flushed,
are never updated or deleted. Enforced here, below every service, so that no code path
(nor a future one) can edit money away."""

from __future__ import annotations

from sqlalchemy import event, func, select
from sqlalchemy.orm import ORMExecuteState, Session

from desktop_app.store.models import LedgerClosedPeriod, LedgerEntry, LedgerEntryAttachment

_APPEND_ONLY = (LedgerEntry, LedgerEntryAttachment, LedgerClosedPeriod)
_APPEND_ONLY_TABLES = {model.__tablename__ for model in _APPEND_ONLY}


class AppendOnlyError(RuntimeError):
    pass


def _before_flush(session: Session, _context, _instances) -> None:
    for obj in session.deleted:
        if isinstance(obj, _APPEND_ONLY):
            raise AppendOnlyError(f"{obj.__tablename__} rows are never deleted")
    for obj in session.dirty:
        if isinstance(obj, _APPEND_ONLY) and session.is_modified(obj, include_collections=False):
            raise AppendOnlyError(f"{obj.__tablename__} rows are never changed")


def _do_orm_execute(state: ORMExecuteState) -> None:
    """Bulk statements (``session.execute(update(LedgerEntry)…)``) never flush: refuse
    them here, ORM entity or plain table alike."""
    if state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if getattr(table, "name", None) in _APPEND_ONLY_TABLES:
            verb = "changed" if state.is_update else "deleted"
            raise AppendOnlyError(f"{table.name} rows are never {verb}")


def install(session_factory) -> None:
    event.listen(session_factory, "before_flush", _before_flush)
    event.listen(session_factory, "do_orm_execute", _do_orm_execute)


@event.listens_for(LedgerEntry, "before_insert")
def _voucher_turn(_mapper, connection, entry: LedgerEntry) -> None:
    """A held voucher's turn: how many times it was given up before, i.e. how many
    reversals carry it (a reversal repeats its original's voucher). A standing holder has
    the turn of its time and nothing has given it up since, so a second entry with the
    voucher — from a code path that skipped the check, or a program racing this one — takes
    the same turn, and LedgerEntry's unique index refuses it. (A reversal must therefore
    be inserted before the entry that replaces the one it reverses.)"""
    if not entry.voucher_no or entry.reverses_id is not None:
        entry.voucher_turn = None
        return
    if entry.voucher_turn is not None:  # counted by the caller (a batch: add_many)
        return
    entry.voucher_turn = connection.scalar(
        select(func.count())
        .select_from(LedgerEntry)
        .where(
            LedgerEntry.studio_id == entry.studio_id,
            LedgerEntry.voucher_no == entry.voucher_no,
            LedgerEntry.reverses_id.is_not(None),
        )
    )
