"""The studio itself: creating it, its profile, its preset with overrides, its settings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain import messages
from desktop_app.domain.parsing import parse_name, parse_text
from desktop_app.domain.presets import (
    REASON_KEPT,
    REASON_SET_UP,
    RULE_SPECS,
    STUDIO_RULES,
    Preset,
    PresetError,
    SettingValue,
)
from desktop_app.domain.problems import Problem, ValidationError, problem
from desktop_app.domain.roles import Capability
from desktop_app.domain.school_year import Cycle, SchoolYear
from desktop_app.domain.settings import spec_for
from desktop_app.domain.vocab import StudioLevel, StudioType
from desktop_app.services.guard import requires
from desktop_app.services.presets import all_presets
from desktop_app.store.db import Database
from desktop_app.store.models import PresetOverride, Studio, StudioSetting


@dataclass(frozen=True)
class StudioInput:
    name: str
    level: str  # StudioLevel code or word
    studio_type: str  # StudioType code or word
    preset_id: str
    cycle_start: int  # calendar year the cycle starts (September), e.g. 2024
    cycle_end: int  # calendar year it ends (summer), e.g. 2027
    host_school: str = ""
    district: str = ""
    feature: str = ""
    is_demo: bool = False
    # The studio's own rules where its preset's document is silent (preset.asks()): key →
    # value, or None for none. A rule not given here: the studio has none.
    own_rules: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class StudioInfo:
    id: int
    name: str
    level: str
    studio_type: str
    host_school: str
    district: str
    cycle: Cycle
    preset_id: str
    feature: str
    is_demo: bool


def parse_cycle(text: str) -> tuple[int, int]:
    """'2024-2027' → (2024, 2027)."""
    parts = text.replace("—", "-").replace("–", "-").split("-")
    try:
        start, end = (int(p) for p in parts)
    except ValueError:
        raise ValidationError.single("cycle", "bad_cycle", value=text) from None
    problems = cycle_problems(start, end)
    if problems:
        raise ValidationError(problems)
    return start, end


# A studio's build cycle: a few school years of this century (3 in every document seen).
CYCLE_YEARS = (2000, 2101)  # as the set-up wizard offers them
CYCLE_LONGEST = 10


def cycle_problems(start: int, end: int) -> list[Problem]:
    if end <= start:
        return [problem("cycle", "cycle_order", start=start, end=end)]
    first, last = CYCLE_YEARS
    if start < first or end > last or end - start > CYCLE_LONGEST:
        return [
            problem(
                "cycle",
                "cycle_out_of_range",
                start=start,
                end=end,
                first=first,
                last=last,
                years=CYCLE_LONGEST,
            )
        ]
    return []


def default_cycle(today: dt.date, years: int = 3) -> tuple[int, int]:
    start = SchoolYear.of(today).start
    return start, start + years


def validate_studio(data: StudioInput) -> list[Problem]:
    problems: list[Problem] = []
    try:
        if not parse_name(data.name, "studio_name", 100):
            problems.append(problem("studio_name", "required"))
    except ValidationError as error:
        problems.extend(error.problems)
    if StudioLevel.parse(data.level) is None:
        problems.append(
            problem("level", "bad_choice", value=data.level, choices=StudioLevel.words())
        )
    if StudioType.parse(data.studio_type) is None:
        problems.append(
            problem("studio_type", "bad_choice", value=data.studio_type, choices=StudioType.words())
        )
    if data.preset_id not in all_presets():
        problems.append(problem("preset", "unknown_preset", value=data.preset_id))
    problems.extend(cycle_problems(data.cycle_start, data.cycle_end))
    for field, value in (("host_school", data.host_school), ("district", data.district)):
        try:
            parse_text(value, field, 100)
        except ValidationError as error:
            problems.extend(error.problems)
    return problems


def _info(studio: Studio) -> StudioInfo:
    return StudioInfo(
        id=studio.id,
        name=studio.name,
        level=studio.level,
        studio_type=studio.studio_type,
        host_school=studio.host_school or "",
        district=studio.district or "",
        cycle=Cycle(SchoolYear(studio.cycle_first_year), SchoolYear(studio.cycle_last_year)),
        preset_id=studio.preset_id,
        feature=studio.feature or "",
        is_demo=studio.is_demo,
    )


def studio_preset(session: Session, studio: Studio) -> Preset:
    """The studio's rules as this transaction sees them: its preset, its overrides and its
    own rules (see ``Preset.for_studio``)."""
    overrides = {
        row.rule_key: (json.loads(row.value_json), row.reason)
        for row in session.scalars(
            select(PresetOverride).where(PresetOverride.studio_id == studio.id)
        )
    }
    return all_presets()[studio.preset_id].for_studio(overrides)


def studio_settings(session: Session, studio: Studio) -> dict[str, Any]:
    """The settings the studio set itself: key → value."""
    return {
        row.key: json.loads(row.value_json)
        for row in session.scalars(
            select(StudioSetting).where(StudioSetting.studio_id == studio.id)
        )
    }


def _encode(value: Any) -> str:
    if isinstance(value, Fraction):
        value = f"{value.numerator}/{value.denominator}"
    elif isinstance(value, tuple):
        value = list(value)
    return json.dumps(value, ensure_ascii=False)


class StudioService:
    def __init__(self, db: Database):
        self.db = db

    # --- the studio ---

    def exists(self) -> bool:
        with self.db.reading() as session:
            return session.scalar(select(Studio.id).limit(1)) is not None

    @requires(Capability.SETTINGS)
    def create(self, data: StudioInput) -> StudioInfo:
        problems = validate_studio(data)
        if problems:
            raise ValidationError(problems)
        with self.db.unit_of_work() as session:
            if session.scalar(select(Studio.id).limit(1)) is not None:
                raise ValidationError([Problem("", "this database already holds a studio")])
            studio = Studio(
                name=parse_name(data.name, "studio_name", 100),
                level=StudioLevel.parse(data.level).code,
                studio_type=StudioType.parse(data.studio_type).code,
                host_school=parse_text(data.host_school, "host_school", 100),
                district=parse_text(data.district, "district", 100),
                cycle_first_year=data.cycle_start,
                cycle_last_year=data.cycle_end - 1,
                preset_id=data.preset_id,
                feature=data.feature or None,
                is_demo=data.is_demo,
            )
            session.add(studio)
            session.flush()
            # The rules its document does not state are the studio's own (or none): stored
            # whatever the answer, so that they are never taken for an older database's.
            preset = all_presets()[data.preset_id]
            for key in preset.asks():
                value = data.own_rules.get(key)
                if value is not None:
                    value = RULE_SPECS[key].check(value)
                session.add(
                    PresetOverride(
                        studio_id=studio.id,
                        rule_key=key,
                        value_json=_encode(value),
                        reason=REASON_SET_UP,
                    )
                )
            return _info(studio)

    def get(self) -> StudioInfo:
        with self.db.reading() as session:
            studio = session.scalar(select(Studio).order_by(Studio.id).limit(1))
            if studio is None:
                raise LookupError("no studio in this database")
            return _info(studio)

    # --- the preset and its overrides ---

    def overrides(self) -> dict[str, tuple[Any, str]]:
        studio = self.get()
        with self.db.reading() as session:
            rows = session.scalars(
                select(PresetOverride).where(PresetOverride.studio_id == studio.id)
            )
            return {row.rule_key: (json.loads(row.value_json), row.reason) for row in rows}

    def effective_preset(self) -> Preset:
        studio = self.get()
        return all_presets()[studio.preset_id].for_studio(self.overrides())

    def keep_studio_rules(self) -> list[str]:
        """Once, on the first opening after the upgrade that made these rules the studio's
        own: a studio made before, whose document is silent on a rule, keeps the usual
        value it has always used, now recorded as its own rule (with the reason and in the
        history). Returns the keys recorded; nothing to do (or read-only): []."""
        if self.db.read_only is not None or not self.exists():
            return []
        studio = self.get()
        missing = [
            key for key in all_presets()[studio.preset_id].asks() if key not in self.overrides()
        ]
        if not missing:
            return []
        names = "、".join(RULE_SPECS[key].zh for key in missing)
        with self.db.unit_of_work(cause=messages.text("studio_rule_kept", rule=names)) as session:
            # again inside the write lock: two copies of the program opened at once must
            # not both record the same rule (the unique key would refuse the second)
            missing = [key for key in missing if key not in self.overrides()]
            for key in missing:
                session.add(
                    PresetOverride(
                        studio_id=studio.id,
                        rule_key=key,
                        value_json=_encode(STUDIO_RULES[key]),
                        reason=REASON_KEPT,
                    )
                )
        return missing

    @requires(Capability.SETTINGS)
    def set_override(self, key: str, value: Any, reason: str) -> None:
        if key not in RULE_SPECS:
            raise ValidationError([Problem("key", f"unknown rule {key}")])
        studio = self.get()
        asked = all_presets()[studio.preset_id].asks()
        if value is None and key not in asked:
            raise ValidationError(
                [Problem("value", messages.text("no_studio_rule_here", rule=RULE_SPECS[key].zh))]
            )
        try:
            if value is not None:
                RULE_SPECS[key].check(value)
        except PresetError as error:
            raise ValidationError([Problem("value", str(error))]) from None
        with self.db.unit_of_work(cause=f"规则调整：{key}（{reason}）") as session:
            row = session.scalar(
                select(PresetOverride).where(
                    PresetOverride.studio_id == studio.id, PresetOverride.rule_key == key
                )
            )
            if row is None:
                session.add(
                    PresetOverride(
                        studio_id=studio.id, rule_key=key, value_json=_encode(value), reason=reason
                    )
                )
            else:
                row.value_json = _encode(value)
                row.reason = reason

    @requires(Capability.SETTINGS)
    def clear_override(self, key: str) -> None:
        """Back to the preset's value. A studio's own rule has none to go back to: it
        stays the studio's (Settings changes it, or sets none)."""
        studio = self.get()
        if key in all_presets()[studio.preset_id].asks():
            return
        with self.db.unit_of_work(cause=f"规则恢复预设值：{key}") as session:
            row = session.scalar(
                select(PresetOverride).where(
                    PresetOverride.studio_id == studio.id, PresetOverride.rule_key == key
                )
            )
            if row is not None:
                session.delete(row)  # the audit log keeps what it was

    # --- settings ---

    def setting(self, key: str) -> Any:
        return self.setting_value(key).value

    def setting_value(self, key: str) -> SettingValue:
        """The setting's value and where it comes from: the studio's own setting, else
        the value its preset's document gives, else the program's default."""
        spec_for(key)
        with self.db.reading() as session:
            studio = session.scalar(select(Studio).order_by(Studio.id).limit(1))
            if studio is None:
                raise LookupError("no studio in this database")
            stored = studio_settings(session, studio)
            return all_presets()[studio.preset_id].setting(key, stored)

    @requires(Capability.SETTINGS)
    def set_setting(self, key: str, raw: Any) -> Any:
        spec = spec_for(key)
        value = spec.parse(raw)
        studio = self.get()
        with self.db.unit_of_work(cause=f"设置更改：{key} = {spec.format(value)}") as session:
            row = session.get(StudioSetting, (studio.id, key))
            if row is None:
                session.add(
                    StudioSetting(studio_id=studio.id, key=key, value_json=json.dumps(value))
                )
            else:
                row.value_json = json.dumps(value)
        return value
