"""The audit log: every insert, update and delete of a record, in the same transaction.

Hooked on the session's after_flush, when attribute history is still known; rows are
written through the flush's own connection so they commit or roll back with the change.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from desktop_app.store.models import AuditEntry, Base, utcnow

_SKIP_COLUMNS = {"created_at", "recorded_at", "added_at"}
# Recorded as changed, never with their value (an account's password hash).
_SECRET_COLUMNS = {"password_hash"}
_SECRET = "***"


def current_user() -> str:
    """The computer's login name: recorded only when the person at this computer has not
    given their name (the GUI asks for it; the command line takes it or --user) and no
    account is signed in (with accounts on, Database.user is the account's
    "display name (login)", set at sign-in: services/accounts.py)."""
    try:
        return getpass.getuser()
    except Exception:  # no login name (a service account): say so rather than fail a save
        return "unknown"


def user_of(session: Session) -> str:
    """Who makes the changes of ``session``: the name its database was given
    (Database.user), else the computer's login name."""
    return session.info.get("user") or current_user()


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return value


def _record_id(obj: Base) -> str:
    # After a flush, a new object has its key in its attributes but not yet an identity.
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return ",".join(str(part) for part in key)


def _changes(obj: Base, action: str) -> dict[str, list[Any]]:
    state = inspect(obj)
    changes: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in _SKIP_COLUMNS:
            continue
        history = state.attrs[key].history
        if action == "insert":
            value = getattr(obj, key)
            if value is not None:
                changes[key] = [None, _plain(value)]
        elif action == "delete":
            value = history.unchanged[0] if history.unchanged else (history.deleted or [None])[0]
            changes[key] = [_plain(value), None]
        elif history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                changes[key] = [_plain(old), _plain(new)]
    for key in _SECRET_COLUMNS & changes.keys():
        changes[key] = [None if v is None else _SECRET for v in changes[key]]
    return changes


def _after_flush(session: Session, _context) -> None:
    rows = []
    touched = session.info.setdefault("touched", set())
    user = user_of(session)
    now = utcnow()
    for action, objects in (
        ("insert", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            if isinstance(obj, AuditEntry) or not isinstance(obj, Base):
                continue
            touched.add(obj.__tablename__)
            changes = _changes(obj, action)
            if action == "update" and not changes:
                continue
            rows.append(
                {
                    "at": now,
                    "user": user,
                    "action": action,
                    "table_name": obj.__tablename__,
                    "record_id": _record_id(obj),
                    "changes_json": json.dumps(changes, ensure_ascii=False, sort_keys=True),
                }
            )
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def install(session_factory) -> None:
    event.listen(session_factory, "after_flush", _after_flush)
