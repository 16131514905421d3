"""Yearly duties ("五个一", seeds 000 §四(五) and 002 §六): each duty of a school year is
done because a growth record of its kind is dated in that year; nobody ticks it by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.domain.school_year import SchoolYear


@dataclass(frozen=True)
class DutyStatus:
    kind: str  # RecordKind code
    done: bool
    record_ids: tuple[int, ...]  # the records that fulfil it, oldest first
    record_titles: tuple[str, ...]


@dataclass(frozen=True)
class Record:
    id: int
    kind: str
    date: dt.date
    title: str


def duty_checklist(duties: list[str], records: list[Record], year: SchoolYear) -> list[DutyStatus]:
    """One status per duty kind, in the given (preset) order."""
    in_year = sorted((r for r in records if year.contains(r.date)), key=lambda r: (r.date, r.id))
    statuses = []
    for kind in dict.fromkeys(duties):
        matching = [r for r in in_year if r.kind == kind]
        statuses.append(
            DutyStatus(
                kind=kind,
                done=bool(matching),
                record_ids=tuple(r.id for r in matching),
                record_titles=tuple(r.title for r in matching),
            )
        )
    return statuses
