"""Yearly duties per member and school year, computed from the growth records and from
the activities each member presented (domain/duties.py says how a presenter is matched)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop_app.domain.duties import (
    PRESENTER_DUTY,
    DutyStatus,
    Record,
    Talk,
    duty_checklist,
    talks_by_member,
)
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import Role, Stage
from desktop_app.services.activities import ActivityService
from desktop_app.services.growth import GrowthService
from desktop_app.services.members import MemberService
from desktop_app.services.studio import StudioService

RULE_KEY = "yearly_duties"


@dataclass(frozen=True)
class DutyRow:
    membership_id: int
    name: str
    role: str
    statuses: dict[str, DutyStatus | None]  # None: the role has no such duty


@dataclass(frozen=True)
class DutyGrid:
    school_year: SchoolYear
    kinds: list[str]
    rows: list[DutyRow] = field(default_factory=list)
    source: str = ""
    # The document encourages the duties (鼓励, seed 000 §四(五)) rather than requiring
    # them: one not done is "not yet done", never a failure. ``quote``: its words.
    encouraged: bool = False
    quote: str = ""

    @property
    def applies(self) -> bool:
        return bool(self.kinds)

    @property
    def done_count(self) -> int:
        return sum(1 for r in self.rows for s in r.statuses.values() if s is not None and s.done)

    @property
    def missing_count(self) -> int:
        return sum(
            1 for r in self.rows for s in r.statuses.values() if s is not None and not s.done
        )


class DutyService:
    def __init__(
        self,
        members: MemberService,
        growth: GrowthService,
        studio: StudioService,
        activities: ActivityService,
        today: Callable[[], dt.date] = dt.date.today,
    ):
        self.members = members
        self.growth = growth
        self.studio = studio
        self.activities = activities
        self.today = today

    def _rule(self) -> dict[str, list[str]]:
        return dict(self.studio.effective_preset().value(RULE_KEY, {}) or {})

    def applies(self) -> bool:
        """Whether the studio's rules set yearly duties at all (without reading records)."""
        return any(self._rule().values())

    def duties_for_role(self, role: str) -> list[str]:
        return list(self._rule().get(Role.from_code(role).code, []))

    def grid(self, school_year: SchoolYear) -> DutyGrid:
        preset = self.studio.effective_preset()
        rule = dict(preset.value(RULE_KEY, {}) or {})
        kinds = list(dict.fromkeys(k for duties in rule.values() for k in duties))
        if not kinds:
            return DutyGrid(school_year=school_year, kinds=[])
        spec = preset.rule(RULE_KEY)
        source = spec.source
        records: dict[int, list[Record]] = defaultdict(list)
        for r in self.growth.all_records():
            records[r.person_id].append(Record(r.id, r.kind, r.date, r.title))
        members = [m for m in self.members.roster(include_left=True) if _belongs(m, school_year)]
        talks = self.talks(school_year)
        rows = []
        for member in members:
            duties = rule.get(member.role, [])
            checklist = {
                s.kind: s
                for s in duty_checklist(
                    duties,
                    records[member.person_id],
                    school_year,
                    talks.get(member.membership_id, []),
                )
            }
            rows.append(
                DutyRow(
                    membership_id=member.membership_id,
                    name=member.name,
                    role=member.role,
                    statuses={k: checklist.get(k) for k in kinds},
                )
            )
        return DutyGrid(
            school_year=school_year,
            kinds=kinds,
            rows=rows,
            source=source.label if source is not None else "",
            encouraged=spec.encouraged,
            quote=source.quote if source is not None else "",
        )

    def talks(self, school_year: SchoolYear) -> dict[int, list[Talk]]:
        """The talks each membership on the year's roster gave that year, by membership id:
        what the grid credits, for studios whose document sets no yearly duties too."""
        members = [m for m in self.members.roster(include_left=True) if _belongs(m, school_year)]
        return talks_by_member(self._talks(school_year), {m.membership_id: m.name for m in members})

    def _talks(self, school_year: SchoolYear) -> list[tuple[Talk, str | None]]:
        """The activities of the year held by today whose presenter did a duty."""
        today = self.today()
        return [
            (Talk(a.id, a.kind, a.date, a.topic), a.presenter)
            for a in self.activities.list(school_year=school_year)
            if a.kind in PRESENTER_DUTY and a.presenter and a.date <= today
        ]


def _belongs(member, year: SchoolYear) -> bool:
    """On the confirmed roster during any part of the school year (an unknown joining
    date counts as before it)."""
    if member.stage != Stage.CONFIRMED.code:
        return False
    if member.joined_on is not None and member.joined_on > year.last_day:
        return False
    return member.left_on is None or member.left_on >= year.first_day
