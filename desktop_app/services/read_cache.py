"""A read kept between calls while nothing was written.

Every committed unit of work counts itself (store/changes.py: the change counter, in
its transaction, in commit order on both backends), so the counter tells whether a list
read earlier is still what the database holds — whichever PC or program wrote. (Not the
newest id: on PostgreSQL a write of another client that does not take the program's
write lock takes ids out of commit order.) Pages and documents ask for the same list several times in a row;
reading it once is the difference between milliseconds and a second on ten years of
records.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from desktop_app.store import changes

T = TypeVar("T")


def generation(session: Session, *extra: Hashable) -> tuple:
    """What a cached read depends on: where the database stands in its commit order,
    and ``extra`` (a setting that shapes the result)."""
    return (*changes.state(session), *extra)


class ReadCache(Generic[T]):
    def __init__(self) -> None:
        self._key: tuple | None = None
        self._value: T | None = None

    def get(self, session: Session, key: tuple, compute: Callable[[Session], T]) -> T:
        if self._key != key or self._value is None:
            self._value = compute(session)
            self._key = key
        return self._value
