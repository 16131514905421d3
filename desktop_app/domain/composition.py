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
from desktop_app.domain.school_year import age_on, school_years_served
from desktop_app.domain.vocab import RecordLevel, Role, Stage, TeachingTitle

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
    teaching_since: int | None = None  # the school year the person began teaching (任教)
    in_post: bool | None = None  # still a serving head teacher; None: not recorded
    chosen_on: dt.date | None = None  # see chosen_on(); None: not yet chosen, so today
    stage: str = Stage.CONFIRMED.code
    agreement_signed_on: dt.date | None = None
    # (words, RecordLevel code) of the growth file's class honours and competition prizes
    class_honours: tuple[tuple[str, str | None], ...] = ()
    prizes: tuple[tuple[str, str | None], ...] = ()


def chosen_on(steps: list[tuple[str, dt.date]], joined_on: dt.date | None) -> dt.date | None:
    """The day a membership was chosen, at which age and years are measured (a member
    eligible when chosen stays eligible through the cycle): its first 组织遴选 step, else
    the joining date, else its first later step (行政审核, 确定名单: chosen by then);
    None while it is not yet chosen."""
    selected = sorted(on for stage, on in steps if stage == Stage.SELECTED.code)
    if selected:
        return selected[0]
    if joined_on is not None:
        return joined_on
    later = (Stage.APPROVED.code, Stage.CONFIRMED.code)
    return min((on for stage, on in steps if stage in later), default=None)


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
                day = m.chosen_on or today
                if m.head_teacher_since is None:
                    warnings.append(
                        _warn(rule, "w_service_unknown", [m], role=_role_word(role), limit=limit)
                    )
                    continue
                years = school_years_served(m.head_teacher_since, day)
                if years < limit:
                    warnings.append(
                        _warn(
                            rule,
                            "w_service_years",
                            [m],
                            role=_role_word(role),
                            years=years,
                            limit=limit,
                            day=_day_word(m, today),
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
                # "40周岁以下" includes 40 (以下 includes the number); 周岁 are full years
                age = age_on(m.birth_date, m.chosen_on or today)
                if age > limit:
                    warnings.append(
                        _warn(
                            rule,
                            "w_age_max",
                            [m],
                            role=_role_word(role),
                            age=age,
                            limit=limit,
                            day=_day_word(m, today),
                        )
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

    if (rule := preset.rule("in_post_roles")) and rule.value:
        for role in rule.value:
            for m in by_role.get(role, []):
                if m.in_post is False:  # not recorded: no warning, most people are in post
                    warnings.append(_warn(rule, "w_not_in_post", [m], role=_role_word(role)))

    if (rule := preset.rule("member_honours_any")) and rule.value:
        for m in counted:
            if not _has_merit(m, rule.value):
                warnings.append(
                    _warn(
                        rule,
                        "w_member_honours",
                        [m],
                        role=_role_word(m.role),
                        honours=rule.value["label"] or "、".join(rule.value["honours"]),
                    )
                )

    if (rule := preset.rule("host_class_honour")) and rule.value:
        value = rule.value
        for m in by_role.get(Role.HOST.code, []):
            if not any(
                _at_least(level, value["level"]) and any(w in text for w in value["words"])
                for text, level in m.class_honours
            ):
                warnings.append(
                    _warn(
                        rule,
                        "w_host_class_honour",
                        [m],
                        level=value["label"] or RecordLevel.from_code(value["level"]).zh,
                        honours="或".join(messages.quoted(w) for w in value["words"]),
                    )
                )

    for key in ("recognise_leader", "recognise_backbone", "recognise_expert"):
        if (rule := preset.rule(key)) and rule.value:
            for role in rule.value["roles"]:
                for m in by_role.get(role, []):
                    warnings.extend(_recognition(rule, m, today))

    if (rule := preset.rule("agreement_roles")) and rule.value:
        for m in members:
            if (
                m.role in rule.value
                and m.stage == Stage.CONFIRMED.code
                and m.agreement_signed_on is None
            ):
                warnings.append(_warn(rule, "w_agreement_missing", [m], role=_role_word(m.role)))
    return warnings


def _day_word(m: MemberFacts, today: dt.date) -> str:
    """The day a figure is measured at, as the warning says it."""
    if m.chosen_on is None:
        return messages.text("w_measured_today", day=today.isoformat())
    return messages.text("w_measured_chosen", day=m.chosen_on.isoformat())


def _at_least(level: str | None, minimum: str) -> bool:
    if not level:
        return False
    try:
        return RecordLevel.from_code(level).rank >= RecordLevel.from_code(minimum).rank
    except ValueError:
        return False


def _has_merit(m: MemberFacts, value: dict) -> bool:
    honours = m.honours or ""
    if any(h in honours for h in value["honours"]):
        return True
    if value["prize_level"]:
        return any(
            _at_least(level, value["prize_level"]) and any(w in text for w in value["prize_words"])
            for text, level in m.prizes
        )
    return False


def _recognition(rule: Rule, m: MemberFacts, today: dt.date) -> list[Warning]:
    """厦门 (seed 003): years are what it takes to be recognised (认定) after the
    assessment, not to join; each unmet condition says what the recognition needs."""
    value, role = rule.value, _role_word(m.role)
    day = today  # recognised after the assessment: what counts is the years by now
    params = {"role": role, "title": value["title"]}
    out: list[Warning] = []
    if m.head_teacher_since is None:
        out.append(_warn(rule, "w_recognise_unknown", [m], limit=value["service"], **params))
    else:
        years = school_years_served(m.head_teacher_since, day)
        if years < value["service"]:
            out.append(
                _warn(rule, "w_recognise_years", [m], years=years, limit=value["service"], **params)
            )
    if value["teaching"]:
        if m.teaching_since is None:
            out.append(
                _warn(rule, "w_recognise_teaching_unknown", [m], limit=value["teaching"], **params)
            )
        else:
            years = school_years_served(m.teaching_since, day)
            if years < value["teaching"]:
                out.append(
                    _warn(
                        rule,
                        "w_recognise_teaching",
                        [m],
                        years=years,
                        limit=value["teaching"],
                        **params,
                    )
                )
    if m.in_post is False:
        out.append(_warn(rule, "w_recognise_not_in_post", [m], **params))
    return out


def _title_word(title: TeachingTitle) -> str:
    return title.code if messages.language() == "en" else title.zh
