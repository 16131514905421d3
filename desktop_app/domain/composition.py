"""Composition and eligibility checks of a roster against a studio's preset.

Warnings inform, they never block: each names the rule, the people concerned and the
seed the rule comes from, and the host decides.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from desktop_app.domain import messages
from desktop_app.domain.presets import Preset, Rule
from desktop_app.domain.school_year import age_on
from desktop_app.domain.vocab import Role, TeachingTitle

# Roles counted against a member cap: the host(s), mentors and observers stand apart.
COUNTED_ROLES = (Role.MEMBER.code, Role.CORE.code)


@dataclass(frozen=True)
class MemberFacts:
    """What the checks need to know about one current membership."""

    membership_id: int
    name: str
    role: str  # Role code
    school: str | None = None
    rural: bool | None = None
    birth_date: dt.date | None = None
    head_teacher_since: int | None = None
    title: str | None = None  # TeachingTitle code
    honours: str | None = None


@dataclass(frozen=True)
class Warning:
    rule: str  # RULE_SPECS key
    source: str  # "seed section", or "" for a program default
    message: str
    people: tuple[str, ...] = ()
    membership_ids: tuple[int, ...] = ()
    source_label: str = ""  # the same citation with the document's title, for people

    def as_json(self) -> dict:
        return {
            "rule": self.rule,
            "source": self.source,
            "message": self.message,
            "people": list(self.people),
        }


def _warn(rule: Rule, code: str, people: list[MemberFacts] = (), **params) -> Warning:
    return Warning(
        rule=rule.key,
        source=rule_source(rule),
        source_label=rule_source(rule, readable=True),
        message=messages.text(code, **params),
        people=tuple(p.name for p in people),
        membership_ids=tuple(p.membership_id for p in people),
    )


def rule_source(rule: Rule, readable: bool = False) -> str:
    """Where a rule comes from: the seed and section (the document's title when
    ``readable``), and the studio's reason when it changed the value; for a value the
    document does not set, "" (or, ``readable``, words saying so)."""
    if rule.source is None:
        source = rule.source_label if readable and not rule.overridden else ""
    else:
        source = rule.source.label if readable else str(rule.source)
    if not rule.overridden:
        return source
    reason = rule.override_reason or "—"
    if source:
        return messages.text("source_overridden", source=source, reason=reason)
    return messages.text("source_studio_rule", reason=reason)


def _role_word(role: str) -> str:
    item = Role.from_code(role)
    return item.code if messages.language() == "en" else item.zh


def check_roster(preset: Preset, members: list[MemberFacts], today: dt.date) -> list[Warning]:
    """members: the current memberships (confirmed or on their way; not those who left)."""
    warnings: list[Warning] = []
    by_role: dict[str, list[MemberFacts]] = defaultdict(list)
    for m in members:
        by_role[m.role].append(m)
    counted = [m for m in members if m.role in COUNTED_ROLES]

    if rule := preset.rule("member_cap"):
        if rule.value is not None and len(counted) > rule.value:
            warnings.append(
                _warn(rule, "w_member_cap", counted, count=len(counted), limit=rule.value)
            )
    if rule := preset.rule("member_min"):
        if rule.value is not None and len(counted) < rule.value:
            warnings.append(_warn(rule, "w_member_min", [], count=len(counted), limit=rule.value))

    for key, role, code in (
        ("hosts", Role.HOST.code, "w_hosts_range"),
        ("mentors", Role.MENTOR.code, "w_mentors_range"),
        ("core_members", Role.CORE.code, "w_core_range"),
    ):
        rule = preset.rule(key)
        if rule is None or rule.value is None:
            continue
        low, high = rule.value
        people = by_role.get(role, [])
        if not low <= len(people) <= high:
            warnings.append(_warn(rule, code, people, count=len(people), low=low, high=high))

    if (rule := preset.rule("same_school_max")) and rule.value is not None:
        by_school: dict[str, list[MemberFacts]] = defaultdict(list)
        for m in counted:
            if m.school:
                by_school[m.school].append(m)
        for school, people in sorted(by_school.items()):
            if len(people) > rule.value:
                warnings.append(
                    _warn(
                        rule,
                        "w_same_school",
                        people,
                        count=len(people),
                        school=school,
                        limit=rule.value,
                    )
                )

    if (rule := preset.rule("rural_min")) and rule.value is not None:
        rural = [m for m in counted if m.rural]
        if len(rural) < rule.value:
            warnings.append(_warn(rule, "w_rural_min", rural, count=len(rural), limit=rule.value))

    if (rule := preset.rule("service_years_min")) and rule.value:
        for role, limit in rule.value.items():
            for m in by_role.get(role, []):
                if m.head_teacher_since is None:
                    warnings.append(
                        _warn(rule, "w_service_unknown", [m], role=_role_word(role), limit=limit)
                    )
                    continue
                years = today.year - m.head_teacher_since
                if years < limit:
                    warnings.append(
                        _warn(
                            rule,
                            "w_service_years",
                            [m],
                            role=_role_word(role),
                            years=years,
                            limit=limit,
                        )
                    )

    if (rule := preset.rule("age_under")) and rule.value:
        for role, limit in rule.value.items():
            for m in by_role.get(role, []):
                if m.birth_date is None:
                    warnings.append(
                        _warn(rule, "w_age_unknown", [m], role=_role_word(role), limit=limit)
                    )
                    continue
                age = age_on(m.birth_date, today)
                if age >= limit:
                    warnings.append(
                        _warn(rule, "w_age_max", [m], role=_role_word(role), age=age, limit=limit)
                    )

    if (rule := preset.rule("host_title_min")) and rule.value:
        required = TeachingTitle.from_code(rule.value)
        for m in by_role.get(Role.HOST.code, []):
            if not m.title:
                warnings.append(
                    _warn(rule, "w_host_title_unknown", [m], limit=_title_word(required))
                )
            elif TeachingTitle.from_code(m.title).rank < required.rank:
                warnings.append(
                    _warn(
                        rule,
                        "w_host_title",
                        [m],
                        title=_title_word(TeachingTitle.from_code(m.title)),
                        limit=_title_word(required),
                    )
                )

    if (rule := preset.rule("host_honours_any")) and rule.value:
        for m in by_role.get(Role.HOST.code, []):
            honours = m.honours or ""
            if not any(h in honours for h in rule.value):
                warnings.append(_warn(rule, "w_host_honours", [m], honours="、".join(rule.value)))
    return warnings


def _title_word(title: TeachingTitle) -> str:
    return title.code if messages.language() == "en" else title.zh
