"""The ledger is append-only: an entry, its receipts and a closed period, once flushed,
are never updated or deleted. Enforced here, below every service, so that no code path
(nor a future one) can edit money away."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from desktop_app.store.models import LedgerClosedPeriod, LedgerEntry, LedgerEntryAttachment

_APPEND_ONLY = (LedgerEntry, LedgerEntryAttachment, LedgerClosedPeriod)


class AppendOnlyError(RuntimeError):
    pass


def _before_flush(session: Session, _context, _instances) -> None:
    for obj in session.deleted:
        if isinstance(obj, _APPEND_ONLY):
            raise AppendOnlyError(f"{obj.__tablename__} rows are never deleted")
    for obj in session.dirty:
        if isinstance(obj, _APPEND_ONLY) and session.is_modified(obj, include_collections=False):
            raise AppendOnlyError(f"{obj.__tablename__} rows are never changed")


def install(session_factory) -> None:
    event.listen(session_factory, "before_flush", _before_flush)
