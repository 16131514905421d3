"""A read kept between calls while nothing was written.

Every save through the services writes the audit log in its own transaction, so the
newest audit row (with the number of rows of the table read, for rows written without
the services, e.g. by an older program) tells whether a list read earlier is still what
the database holds. Pages and documents ask for the same list several times in a row;
reading it once is the difference between milliseconds and a second on ten years of
records.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.store.models import AuditEntry

T = TypeVar("T")


def generation(session: Session, model: type, *extra: Hashable) -> tuple:
    """What a cached read of ``model`` depends on: the newest audit row, the table's
    row count and highest id, and ``extra`` (a setting that shapes the result)."""
    newest = session.scalar(select(func.max(AuditEntry.id)))
    count, highest = session.execute(select(func.count(), func.max(model.id))).one()
    return (newest, count, highest, *extra)


class ReadCache(Generic[T]):
    def __init__(self) -> None:
        self._key: tuple | None = None
        self._value: T | None = None

    def get(self, session: Session, key: tuple, compute: Callable[[Session], T]) -> T:
        if self._key != key or self._value is None:
            self._value = compute(session)
            self._key = key
        return self._value
