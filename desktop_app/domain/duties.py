"""Yearly duties ("五个一", seeds 000 §四(五) and 002 §六): each duty of a school year is
done because a growth record of its kind is dated in that year, or because the member
presented a studio activity that is that duty (a talk given is the 讲座/交流 done); nobody
ticks it by hand.

Who presented an activity is free text (Activity.presenter). It credits a member when one
of its names is exactly the member's name: the names are the text split at 、，,;；/ and
line breaks, each without a bracketed note (张华（市教科院）is 张华) and without spaces
(a two-character name is often typed 王　芳). A name shared by two
members on the year's roster credits neither (the record cannot say which one spoke); a
guest's name credits nobody. Only activities held by the day of counting credit anyone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import ActivityKind, RecordKind

# The duty an activity's presenter has done by giving it: an open lesson is the 公开课, a
# talk — a lecture, an exchange of experience (seed 002 §六(二)1 承担一次工作室现场交流), a
# 现场会/论坛 — is the 讲座/交流. Study, discussion, research or field-trip sessions are
# led, not given, and fulfil no duty.
PRESENTER_DUTY: dict[str, str] = {
    ActivityKind.OPEN_LESSON.code: RecordKind.PUBLIC_LESSON.code,
    ActivityKind.EXPERT_LECTURE.code: RecordKind.LECTURE.code,
    ActivityKind.EXCHANGE.code: RecordKind.LECTURE.code,
    ActivityKind.FORUM.code: RecordKind.LECTURE.code,
}

_SEPARATORS = re.compile(r"[、，,;；/／\n]+")
_NOTE = re.compile(r"[（(][^（）()]*[）)]")


@dataclass(frozen=True)
class Record:
    id: int
    kind: str
    date: dt.date
    title: str


@dataclass(frozen=True)
class Talk:
    """A studio activity a member presented, which is one of their duties."""

    activity_id: int
    kind: str  # ActivityKind code
    date: dt.date
    topic: str

    @property
    def duty(self) -> str | None:
        return PRESENTER_DUTY.get(self.kind)

    @property
    def label(self) -> str:
        """As the documents name it: 2025-10-10 专家讲座《班级文化建设》（主讲）."""
        kind = ActivityKind.parse(self.kind)
        word = kind.zh if kind is not None else self.kind
        return f"{self.date.isoformat()} {word}《{self.topic}》（主讲）"


@dataclass(frozen=True)
class DutyStatus:
    kind: str  # RecordKind code
    done: bool
    record_ids: tuple[int, ...]  # the records that fulfil it, oldest first
    record_titles: tuple[str, ...]
    talks: tuple[Talk, ...] = ()  # the activities the member presented that fulfil it

    @property
    def evidence(self) -> tuple[str, ...]:
        """What shows it done, in the documents' words: the records' titles, then the
        activities presented."""
        return (*self.record_titles, *(t.label for t in self.talks))


def presenter_names(text: str | None) -> list[str]:
    """The names written in an activity's presenter field, in order, without notes."""
    if not text:
        return []
    bare = _NOTE.sub("", text)
    return [name for part in _SEPARATORS.split(bare) if (name := _squeeze(part))]


def _squeeze(text: str) -> str:
    return "".join(text.split())


def talks_by_member(
    activities: Iterable[tuple[Talk, str | None]], names: dict[int, str]
) -> dict[int, list[Talk]]:
    """The talks each member gave: ``activities`` are (talk, presenter text) of the
    activities held; ``names`` the member's name by key (membership id). A talk of a kind
    that is no duty, or naming nobody — or a name two members share — credits no one."""
    holders: dict[str, list[int]] = {}
    for key, name in names.items():
        holders.setdefault(_squeeze(name), []).append(key)
    given: dict[int, list[Talk]] = {}
    for talk, presenter in activities:
        if talk.duty is None:
            continue
        for name in dict.fromkeys(presenter_names(presenter)):
            keys = holders.get(name, [])
            if len(keys) == 1:
                given.setdefault(keys[0], []).append(talk)
    return given


def duty_checklist(
    duties: list[str], records: list[Record], year: SchoolYear, talks: Iterable[Talk] = ()
) -> list[DutyStatus]:
    """One status per duty kind, in the given (preset) order."""
    in_year = sorted((r for r in records if year.contains(r.date)), key=lambda r: (r.date, r.id))
    given = sorted(
        (t for t in talks if year.contains(t.date)), key=lambda t: (t.date, t.activity_id)
    )
    statuses = []
    for kind in dict.fromkeys(duties):
        matching = [r for r in in_year if r.kind == kind]
        presented = tuple(t for t in given if t.duty == kind)
        statuses.append(
            DutyStatus(
                kind=kind,
                done=bool(matching or presented),
                record_ids=tuple(r.id for r in matching),
                record_titles=tuple(r.title for r in matching),
                talks=presented,
            )
        )
    return statuses
