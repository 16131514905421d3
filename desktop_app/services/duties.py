"""Yearly duties per member and school year, computed from the growth records."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from desktop_app.domain.duties import DutyStatus, Record, duty_checklist
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import Role, Stage
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
    def __init__(self, members: MemberService, growth: GrowthService, studio: StudioService):
        self.members = members
        self.growth = growth
        self.studio = studio

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
        source = preset.rule(RULE_KEY).source
        records: dict[int, list[Record]] = defaultdict(list)
        for r in self.growth.all_records():
            records[r.person_id].append(Record(r.id, r.kind, r.date, r.title))
        rows = []
        for member in self.members.roster(include_left=True):
            if not _belongs(member, school_year):
                continue
            duties = rule.get(member.role, [])
            checklist = {
                s.kind: s for s in duty_checklist(duties, records[member.person_id], school_year)
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
        )


def _belongs(member, year: SchoolYear) -> bool:
    """On the confirmed roster during any part of the school year (an unknown joining
    date counts as before it)."""
    if member.stage != Stage.CONFIRMED.code:
        return False
    if member.joined_on is not None and member.joined_on > year.last_day:
        return False
    return member.left_on is None or member.left_on >= year.first_day
