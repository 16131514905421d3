"""Checks of the studio's own records that its document asks for: the annual plan made
before its school year, the cycle's length, the studio named after its host, one
成果展示 a year. Like the roster's, they are warnings with their source, never blocks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desktop_app.domain import messages
from desktop_app.domain.composition import Warning, rule_source
from desktop_app.domain.presets import Preset, Rule
from desktop_app.domain.school_year import SchoolYear


@dataclass(frozen=True)
class StudioFacts:
    name: str
    cycle_first_year: int  # the first school year's start
    cycle_last_year: int  # the last school year's start
    host_names: tuple[str, ...] = ()
    # school year start → the local day its annual plan was first saved (made)
    plans_made_on: dict[int, dt.date] = field(default_factory=dict)
    showcase_years: frozenset[int] = frozenset()  # school years with a 成果展示 activity


def _warn(rule: Rule, code: str, **params) -> Warning:
    return Warning(
        rule=rule.key,
        source=rule_source(rule),
        source_label=rule_source(rule, readable=True),
        message=messages.text(code, **params),
    )


def check_studio(preset: Preset, facts: StudioFacts, today: dt.date) -> list[Warning]:
    warnings: list[Warning] = []
    years = [SchoolYear(y) for y in range(facts.cycle_first_year, facts.cycle_last_year + 1)]

    rule = preset.rule("cycle_years")
    # only a length a document (or the studio) states: the usual value is no rule to check
    if rule and rule.value and (rule.source is not None or rule.overridden):
        # "三年左右" (about three years): a year more or less is still about three
        slack = 1 if rule.approximate and not rule.overridden else 0
        if abs(len(years) - rule.value) > slack:
            code = "w_cycle_length_about" if slack else "w_cycle_length"
            warnings.append(_warn(rule, code, years=len(years), limit=rule.value))

    if (rule := preset.rule("annual_plan_before_year")) and rule.value:
        begun = [y for y in years if y.first_day <= today]  # a later plan is not late yet
        missing = [y.label for y in begun if y.start not in facts.plans_made_on]
        if missing:
            warnings.append(_warn(rule, "w_plan_missing", year="、".join(missing)))
        for year in begun:
            made = facts.plans_made_on.get(year.start)
            if made is not None and made >= year.first_day:
                warnings.append(
                    _warn(
                        rule,
                        "w_plan_late",
                        year=year.label,
                        made=made.isoformat(),
                        start=year.first_day.isoformat(),
                    )
                )

    if (rule := preset.rule("host_in_studio_name")) and rule.value and facts.host_names:
        if not any(name and name in facts.name for name in facts.host_names):
            warnings.append(
                _warn(rule, "w_name_not_host", name=facts.name, hosts="、".join(facts.host_names))
            )

    if (rule := preset.rule("yearly_showcase")) and rule.value:
        for year in years:
            if year.last_day < today and year.start not in facts.showcase_years:
                warnings.append(_warn(rule, "w_showcase_missing", year=year.label))
    return warnings
