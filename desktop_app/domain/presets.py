"""Policy presets: the limits of one issuer's policy, as data with their sources.

A preset file (TOML, in resources/presets/) holds rules; every rule names the seed file
and section it comes from. A preset holds only what its document states. A studio may
override a rule's value; the effective rule set remembers the preset's value so that the
override can be shown. Where the document is silent on a rule every studio is asked about
(STUDIO_RULES: the absence line, the spending categories), the studio's answer is its own
rule (本工作室规定), or None: it has no such rule.

A preset may also give a studio setting its value, with the source that says so (the
jiangyin document's 以上 includes one third exactly); a studio's own setting still wins.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

from desktop_app.domain import messages
from desktop_app.domain.messages import N_
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.settings import SETTINGS
from desktop_app.domain.vocab import (
    RecordKind,
    RecordLevel,
    Role,
    StudioType,
    TeachingTitle,
    TrainingTier,
)

# The policy documents the presets are read from, by their file names among the seeds.
SEED_TITLES = {
    "000_905b77352012c72c.txt": "常州市新北区名班主任培育工作方案",
    "001_58995377e4ece472.txt": "松江区加强新时代中小学班主任队伍建设工作方案（草案）",
    "002_fa8c89463d21dd95.txt": "武进区中小学名班主任工作室管理办法（试行）",
    "003_5e8064883718465a.txt": "厦门市新时代中小学班主任培训培养指导意见",
    "004_cc67f720712294f0.txt": "江阴中专名班主任工作室建设方案",
}


@dataclass(frozen=True)
class Source:
    seed: str  # file name in shared/seeds, e.g. "004_cc67f720712294f0.txt"
    section: str  # e.g. "附件1 一"
    quote: str = ""  # the words of the seed the rule is read from

    def __str__(self) -> str:
        """The precise citation: seed file and section (for JSON and the command line)."""
        return f"{self.seed} {self.section}".strip()

    @property
    def label(self) -> str:
        """The citation as a reader knows it: the document's title and the section."""
        title = SEED_TITLES.get(self.seed)
        return f"《{title}》{self.section}" if title else str(self)


@dataclass(frozen=True)
class Rule:
    key: str
    value: Any
    source: Source | None  # None: a program default the seed does not state
    note: str = ""
    preset_value: Any = None  # set when a studio overrides the value
    overridden: bool = False
    override_reason: str = ""
    encouraged: bool = False  # the document encourages it (鼓励), it does not require it
    approximate: bool = False  # the document gives the value as about so much (左右)

    @property
    def by_studio(self) -> bool:
        """The studio's own rule: its value set by the studio where the document is silent."""
        return self.source is None and self.overridden

    @property
    def source_label(self) -> str:
        """Where the value comes from, as a reader knows it: the document's title and
        section, the studio itself (本工作室规定), or that the document leaves it to the
        usual value."""
        if self.source:
            return self.source.label
        return messages.text("source_studio" if self.overridden else "source_default")


@dataclass(frozen=True)
class PresetSetting:
    """A studio setting's value as the preset's document gives it."""

    key: str
    value: Any
    source: Source
    basis: str = ""  # the law or usage the reading rests on: 《title》article
    basis_quote: str = ""

    @property
    def label(self) -> str:
        """The document's title and section, and the basis, as a reader knows them."""
        if not self.basis:
            return self.source.label
        return f"{self.source.label}；{self.basis}"

    @property
    def cited(self) -> str:
        """The label with the quoted words (for a tooltip or a line of its own)."""
        parts = [
            self.source.label + (messages.quoted(self.source.quote) if self.source.quote else "")
        ]
        if self.basis:
            parts.append(
                self.basis + (messages.quoted(self.basis_quote) if self.basis_quote else "")
            )
        return "；".join(parts)


@dataclass(frozen=True)
class Preset:
    id: str
    name: str
    issuer: str
    seed: str
    studio_type: StudioType
    rules: dict[str, Rule] = field(default_factory=dict)
    part: str = ""  # the kind of team, where the document sets up more than one
    settings: dict[str, PresetSetting] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """The preset as its users know it: the policy document's title (and the kind of
        team it describes, where it describes several), never its id."""
        document = SEED_TITLES.get(self.seed)
        return f"《{document}》{self.part}" if document else self.name

    def rule(self, key: str) -> Rule | None:
        return self.rules.get(key)

    def value(self, key: str, default: Any = None) -> Any:
        rule = self.rules.get(key)
        return default if rule is None or rule.value is None else rule.value

    def for_studio(self, overrides: dict[str, tuple[Any, str]]) -> Preset:
        """The studio's rules: the preset with the studio's overrides and its own rules.
        A studio rule the studio was never asked about (a database made before they were
        asked) is the usual value it has always used, kept as its own rule."""
        overrides = dict(overrides)
        for key in self.asks():
            overrides.setdefault(key, (STUDIO_RULES[key], REASON_KEPT))
        return self.with_overrides(overrides)

    def setting(self, key: str, stored: dict[str, Any]) -> SettingValue:
        """A studio setting's value and where it comes from: ``stored`` holds the values
        the studio set itself (key → value), which win over the preset's document."""
        spec = SETTINGS[key]
        own = stored.get(key)
        given = self.settings.get(key)
        value = own if own is not None else given.value if given else spec.default
        return SettingValue(key, value, own, given)

    def asks(self) -> list[str]:
        """The studio rules its document does not state: the studio sets them itself."""
        return [key for key in STUDIO_RULES if key not in self.rules]

    def with_overrides(self, overrides: dict[str, tuple[Any, str]]) -> Preset:
        """overrides: key -> (value, reason). Unknown keys are refused. A studio rule
        (one of ``asks()``) may be None: the studio has no such rule."""
        rules = dict(self.rules)
        for key, (value, reason) in overrides.items():
            spec = RULE_SPECS.get(key)
            if spec is None:
                raise PresetError(f"unknown rule {key!r}")
            base = rules.get(key)
            if value is not None or key not in self.asks():
                value = spec.check(value)
            rules[key] = Rule(
                key=key,
                value=value,
                source=base.source if base else None,
                note=base.note if base else "",
                preset_value=base.value if base else None,
                overridden=True,
                override_reason=reason,
                encouraged=base.encouraged if base else False,
            )
        return replace(self, rules=rules)


class PresetError(ValueError):
    pass


@dataclass(frozen=True)
class SettingValue:
    key: str
    value: Any
    studio_value: Any  # None: the studio has not set it itself
    preset: PresetSetting | None  # the preset's document gives it a value

    @property
    def origin(self) -> str:
        """ "studio", "preset" or "default"."""
        if self.studio_value is not None:
            return "studio"
        return "preset" if self.preset else "default"

    @property
    def origin_text(self) -> str:
        """Where the value comes from, in words (the document's, where it gives one)."""
        spec = SETTINGS[self.key]
        if self.origin == "preset":
            return messages.text("setting_from_preset", source=self.preset.label)
        if self.origin == "default":
            return messages.text("setting_from_default")
        text = messages.text("setting_from_studio")
        if self.preset and self.preset.value != self.value:
            text += messages.text("setting_and") + messages.text(
                "setting_preset_differs",
                source=self.preset.label,
                value=spec.words(self.preset.value),
            )
        return text


# --- rule specifications: the keys a preset may hold and the shape of their values ---


@dataclass(frozen=True)
class RuleSpec:
    key: str
    en: str  # the rule's name, marked for the text catalogue (its Chinese is in the .po)
    kind: str  # int | range | role_int | title | fen | fraction | duties | honours | hours

    @property
    def zh(self) -> str:
        """The rule's name in Chinese, as the documents and the studio's messages give it."""
        return messages.translate(self.en, "zh_CN")

    @property
    def name(self) -> str:
        """The rule's name in the language set."""
        return messages.translate(self.en)

    def check(self, value: Any) -> Any:
        try:
            return _CHECKS[self.kind](value)
        except (TypeError, ValueError, KeyError) as exc:
            raise PresetError(f"rule {self.key}: {exc}") from None


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a whole number ≥ 0, got {value!r}")
    return value


def _range(value: Any) -> tuple[int, int]:
    low, high = value
    low, high = _int(low), _int(high)
    if low > high:
        raise ValueError(f"range {low}–{high} is upside down")
    return (low, high)


def _role_int(value: Any) -> dict[str, int]:
    return {Role.from_code(role).code: _int(n) for role, n in dict(value).items()}


def _title(value: Any) -> str:
    return TeachingTitle.from_code(value).code


def _fraction(value: Any) -> Fraction:
    fraction = Fraction(str(value))
    if not 0 < fraction < 1:
        raise ValueError(f"expected a fraction between 0 and 1, got {value!r}")
    return fraction


def _duties(value: Any) -> dict[str, list[str]]:
    return {
        Role.from_code(role).code: [RecordKind.from_code(k).code for k in kinds]
        for role, kinds in dict(value).items()
    }


def _categories(value: Any) -> list[str]:
    items = [str(v).strip() for v in value if str(v).strip()]
    if not items or len(set(items)) != len(items):
        raise ValueError("expected distinct category names")
    return items


def _honours(value: Any) -> list[str]:
    items = [str(v) for v in value]
    if not items:
        raise ValueError("expected at least one honour")
    return items


def _roles(value: Any) -> list[str]:
    roles = [Role.from_code(r).code for r in value]
    if not roles:
        raise ValueError("expected at least one role")
    return roles


def _flag(value: Any) -> bool:
    if value is not True:
        raise ValueError(f"expected true, got {value!r}")
    return True


def _words(value: Any) -> list[str]:
    return _honours(value) if value else []


def _recognition(value: Any) -> dict[str, Any]:
    """A title the seed lets a person be recognised as (认定) once the conditions hold:
    years as head teacher, years of teaching (任教), still a head teacher; ``roles`` are the
    roles it is checked for (none: shown with its source, checked for nobody)."""
    value = dict(value)
    out = {
        "title": str(value["title"]),
        "service": _int(value["service"]),
        "teaching": _int(value.get("teaching", 0)),
        "roles": [Role.from_code(r).code for r in value.get("roles", [])],
        "also": str(value.get("also", "")),
    }
    if not out["title"]:
        raise ValueError("a recognition needs its title")
    return out


def _merits(value: Any) -> dict[str, Any]:
    """Honours (words of the 称号 field) or a competition prize of at least a level, one of
    which a member must hold."""
    value = dict(value)
    out = {
        "honours": _honours(value["honours"]),
        "prize_level": RecordLevel.from_code(value["prize_level"]).code
        if value.get("prize_level")
        else None,
        "prize_words": _words(value.get("prize_words", [])),
        "label": str(value.get("label", "")),
    }
    if out["prize_level"] and not out["prize_words"]:
        raise ValueError("a prize level needs the prize's words")
    return out


def _class_honour(value: Any) -> dict[str, Any]:
    """A class honour (a 班级荣誉 record of the growth file) named by one of ``words`` and
    of at least ``level``; ``label`` says the level in the seed's words."""
    value = dict(value)
    return {
        "words": _honours(value["words"]),
        "level": RecordLevel.from_code(value["level"]).code,
        "label": str(value.get("label", "")),
    }


def _tiers(value: Any) -> list[str]:
    tiers = [TrainingTier.from_code(t).code for t in value]
    if not tiers:
        raise ValueError("expected at least one tier")
    return tiers


_CHECKS = {
    "int": _int,
    "range": _range,
    "role_int": _role_int,
    "title": _title,
    "fen": _int,
    "fraction": _fraction,
    "duties": _duties,
    "honours": _honours,
    "categories": _categories,
    "roles": _roles,
    "flag": _flag,
    "recognition": _recognition,
    "merits": _merits,
    "class_honour": _class_honour,
    "tiers": _tiers,
    "hours": _int,  # whole 学时
}

RULE_SPECS: dict[str, RuleSpec] = {
    spec.key: spec
    for spec in (
        RuleSpec("member_cap", N_("Member cap"), "int"),
        RuleSpec("member_min", N_("Minimum members"), "int"),
        RuleSpec("hosts", N_("Hosts/leaders"), "range"),
        RuleSpec("mentors", N_("Mentors"), "range"),
        RuleSpec("core_members", N_("Core members"), "range"),
        RuleSpec("same_school_max", N_("At most from one school"), "int"),
        RuleSpec("rural_min", N_("At least from rural schools"), "int"),
        RuleSpec("service_years_min", N_("Years as head teacher, by role"), "role_int"),
        RuleSpec("age_under", N_("Age limit (under), by role"), "role_int"),
        RuleSpec("host_title_min", N_("Host's teaching title"), "title"),
        RuleSpec("host_honours_any", N_("Host's honours (one of)"), "honours"),
        RuleSpec("yearly_grant_fen", N_("Yearly grant"), "fen"),
        RuleSpec("expense_categories", N_("Spending categories"), "categories"),
        RuleSpec("attendance_line", N_("Attendance line"), "fraction"),
        RuleSpec("yearly_duties", N_("Yearly duties"), "duties"),
        RuleSpec("cycle_years", N_("Build cycle (years)"), "int"),
        # eligibility, recognition and the records the documents ask for (issue 15, elig)
        RuleSpec("in_post_roles", N_("Serving head teachers"), "roles"),
        RuleSpec("member_honours_any", N_("Members' honours (one of)"), "merits"),
        RuleSpec("host_class_honour", N_("Host's class honour"), "class_honour"),
        RuleSpec("recognise_leader", N_("Recognised as leader"), "recognition"),
        RuleSpec("recognise_backbone", N_("Recognised as backbone"), "recognition"),
        RuleSpec("recognise_expert", N_("Recognised as expert"), "recognition"),
        RuleSpec("agreement_roles", N_("Signed agreement"), "roles"),
        RuleSpec("annual_plan_before_year", N_("Annual plan before the year"), "flag"),
        RuleSpec("host_in_studio_name", N_("Named after its host"), "flag"),
        RuleSpec("yearly_showcase", N_("A showcase each year"), "flag"),
        RuleSpec("training_tiers", N_("Training tiers"), "tiers"),
    )
}

# 学时 (issue 15, items 14–15): seed 001 二(一)2, new head teachers' induction training and
# their 见习 year; checked by domain/training_hours.py.
RULE_SPECS.update(
    {
        spec.key: spec
        for spec in (
            RuleSpec(
                "new_head_teacher_hours",
                N_("New head teachers: induction training (hours)"),
                "hours",
            ),
            RuleSpec(
                "new_head_teacher_probation_years",
                N_("New head teachers: probation as head teacher (years)"),
                "int",
            ),
        )
    }
)

# Rules every studio has even where its seed is silent; shown as the usual value.
DEFAULTS: dict[str, Any] = {
    "cycle_years": 3,
}
DEFAULT_NOTES = {
    "cycle_years": "program default: three school years",
}
# Rules a studio decides itself where its document is silent (asked by the first-start
# wizard and Settings, stored as the studio's own rule), with the usual value offered as
# a suggestion the user accepts, changes or declines (then the studio has none).
STUDIO_RULES: dict[str, Any] = {
    "attendance_line": Fraction(1, 3),
    "expense_categories": ["培训研修", "课程资源开发", "专家指导", "课题研究"],
}
# Why a studio rule has its value, as the studio's record keeps it (stored words).
REASON_SET_UP = "建立工作室时确定"
REASON_SETTINGS = "在设置中确定"
# Databases made before studio rules were asked had the usual values as program defaults:
# such a studio keeps them as its own rules (recorded on the first opening after upgrade).
REASON_KEPT = "升级前一直按通常做法使用，升级时保留为本工作室规定"


def _source(raw: dict[str, Any], seed: str, what: str) -> Source:
    """A rule's or setting's source: the preset's seed unless it names another."""
    src = raw.get("source")
    if not src:
        raise PresetError(f"{what} has no source")
    return Source(seed=src.get("seed", seed), section=src["section"], quote=src.get("quote", ""))


def parse_preset(data: dict[str, Any], origin: str) -> Preset:
    try:
        preset_id = str(data["id"])
        seed = str(data["seed"])
        rules: dict[str, Rule] = {}
        for key, raw in dict(data.get("rules", {})).items():
            spec = RULE_SPECS.get(key)
            if spec is None:
                raise PresetError(f"{origin}: unknown rule {key!r}")
            raw = dict(raw)
            source = _source(raw, seed, f"{origin}: rule {key!r}")
            flags = {name: raw.get(name, False) for name in ("encouraged", "approximate")}
            for name, flag in flags.items():
                if not isinstance(flag, bool):
                    raise PresetError(f"{origin}: rule {key!r}: {name} is true or false")
            rules[key] = Rule(
                key, spec.check(raw["value"]), source, str(raw.get("note", "")), **flags
            )
        for key, value in DEFAULTS.items():
            rules.setdefault(key, Rule(key, value, None, DEFAULT_NOTES[key]))
        settings: dict[str, PresetSetting] = {}
        for key, raw in dict(data.get("settings", {})).items():
            spec = SETTINGS.get(key)
            if spec is None:
                raise PresetError(f"{origin}: unknown setting {key!r}")
            raw = dict(raw)
            source = _source(raw, seed, f"{origin}: setting {key!r}")
            try:
                value = spec.parse(raw["value"])
            except ValidationError as error:
                raise PresetError(f"{origin}: {error}") from None
            settings[key] = PresetSetting(
                key,
                value,
                source,
                str(raw.get("basis", "")),
                str(raw.get("basis_quote", "")),
            )
        return Preset(
            id=preset_id,
            name=str(data["name"]),
            issuer=str(data["issuer"]),
            seed=seed,
            studio_type=StudioType.from_code(data["studio_type"]),
            rules=rules,
            part=str(data.get("part", "")),
            settings=settings,
        )
    except KeyError as exc:
        raise PresetError(f"{origin}: missing {exc}") from None
    except ValueError as exc:
        if isinstance(exc, PresetError):
            raise
        raise PresetError(f"{origin}: {exc}") from None


def load_presets(folder: Path) -> dict[str, Preset]:
    presets: dict[str, Preset] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            preset = parse_preset(tomllib.load(handle), path.name)
        if preset.id in presets:
            raise PresetError(f"{path.name}: duplicate preset id {preset.id!r}")
        presets[preset.id] = preset
    return presets


def format_value(key: str, value: Any) -> str:
    """A rule's value in Chinese, as shown beside its source."""
    if value is None:
        return "不设" if key in STUDIO_RULES else "—"
    kind = RULE_SPECS[key].kind
    if kind == "range":
        low, high = value
        return f"{low} 名" if low == high else f"{low}–{high} 名"
    if kind == "role_int":
        unit = "年" if key == "service_years_min" else "周岁以下"
        return "；".join(f"{Role.from_code(r).zh} {n} {unit}" for r, n in value.items())
    if kind == "title":
        return f"{TeachingTitle.from_code(value).zh}及以上"
    if kind == "fen":
        return f"{value // 100:,}.{value % 100:02d} 元"
    if kind == "fraction":
        return f"{value.numerator}/{value.denominator}"
    if kind == "duties":
        return "；".join(
            f"{Role.from_code(r).zh}：" + "、".join(RecordKind.from_code(k).zh for k in kinds)
            for r, kinds in value.items()
        )
    if kind == "honours":
        return "、".join(value) + "（其一）"
    if kind == "categories":
        return "、".join(value)
    if kind == "roles":
        return "、".join(Role.from_code(r).zh for r in value)
    if kind == "flag":
        return "是"
    if kind == "tiers":
        return "、".join(TrainingTier.from_code(t).zh for t in value)
    if kind == "recognition":
        parts = [f"担任班主任满 {value['service']} 年"]
        if value["teaching"]:
            parts.insert(0, f"任教满 {value['teaching']} 年")
        parts.append("仍从事班主任工作")
        if value["also"]:
            parts.append(value["also"])
        return "、".join(parts) + f"，方可认定为{value['title']}"
    if kind == "merits":
        return value["label"] or "、".join(value["honours"]) + "（其一）"
    if kind == "class_honour":
        return f"{value['label'] or RecordLevel.from_code(value['level']).zh + '及以上'}" + (
            "“" + "”或“".join(value["words"]) + "”"
        )
    if kind == "hours":
        return f"不少于 {value} 学时"
    if key.startswith("member") or key in ("same_school_max", "rural_min"):
        return f"{value} 人"
    if key in ("cycle_years", "new_head_teacher_probation_years"):
        return f"{value} 年"
    return str(value)


NO_RULE_WORDS = frozenset({"", "-", "不设", "无", "没有", "none", "no"})


def parse_rule_value(key: str, text: str) -> Any:
    """A value typed by the user for an override, in the form format_value shows:
    '12', '1-2', '1/3', '3000' (yuan, for the grant), 'host=6, member=3', '中级'."""
    spec = RULE_SPECS.get(key)
    if spec is None:
        raise PresetError(f"unknown rule {key!r}")
    raw = text.strip().replace("，", ",").replace("；", ",").replace("–", "-").replace("—", "-")
    if key in STUDIO_RULES and raw.lower() in NO_RULE_WORDS:
        return None  # the studio has no such rule (a preset's own rule keeps a value)
    try:
        if spec.kind == "int":
            value: Any = int(raw.rstrip("人年名 "))
        elif spec.kind == "hours":
            value = int(raw.removeprefix("不少于").rstrip("学时 ").strip())
        elif spec.kind == "fen":
            yuan = raw.replace(",", "").rstrip("元 ").lstrip("¥￥")
            whole, _, cents = yuan.partition(".")
            if not whole.isdigit() or (cents and (not cents.isdigit() or len(cents) > 2)):
                raise ValueError(f"not an amount of yuan: {text!r}")
            value = int(whole) * 100 + int((cents or "0").ljust(2, "0"))
        elif spec.kind == "range":
            low, _, high = raw.rstrip("名人 ").partition("-")
            value = (int(low), int(high or low))
        elif spec.kind == "fraction":
            value = raw
        elif spec.kind == "title":
            item = TeachingTitle.parse(raw.removesuffix("及以上"))
            if item is None:
                raise ValueError(f"not a teaching title: {text!r}")
            value = item.code
        elif spec.kind == "role_int":
            value = {}
            for part in filter(None, (p.strip() for p in raw.split(","))):
                role_text, _, number = part.replace(":", "=").replace("：", "=").partition("=")
                role = Role.parse(role_text)
                if role is None:
                    raise ValueError(f"not a role: {role_text!r}")
                value[role.code] = int(number.strip().rstrip("年周岁以下 "))
        elif spec.kind in ("honours", "categories"):
            value = [p.strip() for p in raw.replace("、", ",").split(",") if p.strip()]
        else:  # duties: edited in a later capability
            raise ValueError("this rule cannot be typed in")
    except ValueError as exc:
        raise PresetError(str(exc)) from None
    return spec.check(value)
