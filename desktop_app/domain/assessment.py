"""Assessment templates (考核细则 as data) and the arithmetic of an assessment.

A template file in resources/assessments/ holds an indicator tree (一级/二级/三级指标);
leaves carry a maximum score and optionally an evidence rule that the records can show.
Scores are kept in tenths (exact: 4.5 points is 45); the grade comes from the template's
thresholds on the total, and only once every leaf is scored (a sheet with an unscored leaf
has no grade: an empty draft is not 不合格). A template states what its document attaches
to a grade per kind of review (a consequence of the three-year review is not one of the
yearly assessment), as its seed does.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from desktop_app.domain.presets import Source
from desktop_app.domain.vocab import ActivityKind, AssessmentKind, Grade, RecordKind

# The rule kinds a template may use, and the parameters each takes.
RULE_KINDS: dict[str, frozenset[str]] = {
    "build_plan_exists": frozenset(),
    "annual_plan_exists": frozenset(),
    "tasks_done": frozenset({"min"}),
    "annual_summary_exists": frozenset(),
    "activities": frozenset({"min", "activity_kind"}),
    "attendance_rate": frozenset({"min"}),
    "spending_report_exists": frozenset(),
    "growth_plans": frozenset(),
    "duties_completion": frozenset({"min"}),
    "growth_records": frozenset({"min", "record_kind"}),
    "roster_ok": frozenset(),
    "member_attendance": frozenset({"min"}),
    "member_duty": frozenset({"record_kind"}),
    "member_flag_clear": frozenset(),
}
MEMBER_RULES = frozenset({"member_attendance", "member_duty", "member_flag_clear"})
FRACTION_MINIMUM = frozenset(
    {"tasks_done", "attendance_rate", "duties_completion", "member_attendance"}
)


class TemplateError(ValueError):
    """A template file that does not follow the schema (a programming error in resources)."""


@dataclass(frozen=True)
class EvidenceRule:
    kind: str
    minimum: int | Fraction | None = None
    activity_kind: str | None = None
    record_kind: str | None = None

    @property
    def for_member(self) -> bool:
        return self.kind in MEMBER_RULES


@dataclass(frozen=True)
class Indicator:
    code: str
    text: str
    level: int
    max_points: int  # a leaf's own maximum; an inner node's is the sum of its leaves
    rule: EvidenceRule | None = None
    children: tuple[Indicator, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def walk(self) -> Iterator[Indicator]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Consequence:
    """What the document attaches to these grades of these kinds of review."""

    grades: tuple[str, ...]  # Grade codes
    kinds: tuple[str, ...]  # AssessmentKind codes
    source: Source


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    source: Source
    kinds: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    grades: tuple[tuple[str, int], ...]  # (grade code, minimum points), highest first
    consequences: tuple[Consequence, ...] = ()
    scores_note: str = ""
    grades_note: str = ""

    def walk(self) -> Iterator[Indicator]:
        for top in self.indicators:
            yield from top.walk()

    def leaves(self) -> list[Indicator]:
        return [i for i in self.walk() if i.is_leaf]

    def indicator(self, code: str) -> Indicator:
        for item in self.walk():
            if item.code == code:
                return item
        raise KeyError(code)

    @property
    def max_points(self) -> int:
        return sum(i.max_points for i in self.indicators)

    @property
    def for_member(self) -> bool:
        return AssessmentKind.MEMBER.code in self.kinds

    def grade_for(self, total_tenths: int) -> Grade:
        for code, minimum in self.grades:
            if total_tenths >= minimum * 10:
                return Grade.from_code(code)
        return Grade.FAIL

    def consequences_for(self, kind: str, grade: Grade | None) -> list[Consequence]:
        """What the document attaches to ``grade`` in a review of ``kind``, in the
        template's order; none without a grade (a sheet not fully scored)."""
        if grade is None:
            return []
        return [c for c in self.consequences if kind in c.kinds and grade.code in c.grades]


@dataclass(frozen=True)
class ScoreSheet:
    """The totals of one instance: scores per leaf code in tenths (None: not scored yet)."""

    template: Template
    scores: dict[str, int | None] = field(default_factory=dict)

    def node_total(self, indicator: Indicator) -> int:
        if indicator.is_leaf:
            return self.scores.get(indicator.code) or 0
        return sum(self.node_total(c) for c in indicator.children)

    @property
    def total_tenths(self) -> int:
        return sum(self.node_total(i) for i in self.template.indicators)

    @property
    def unscored(self) -> list[Indicator]:
        return [i for i in self.template.leaves() if self.scores.get(i.code) is None]

    @property
    def complete(self) -> bool:
        return not self.unscored

    @property
    def scored_count(self) -> int:
        return len(self.template.leaves()) - len(self.unscored)

    @property
    def grade(self) -> Grade | None:
        """The grade at the template's thresholds; None until every leaf is scored."""
        return self.template.grade_for(self.total_tenths) if self.complete else None


def format_tenths(tenths: int) -> str:
    whole, part = divmod(tenths, 10)
    return f"{whole}.{part}" if part else str(whole)


# ---------------------------------------------------------------- loading


def load_templates(folder: Path) -> dict[str, Template]:
    templates = {}
    for path in sorted(folder.glob("*.toml")):
        template = parse_template(tomllib.loads(path.read_text(encoding="utf-8")))
        if template.id != path.stem:
            raise TemplateError(f"{path.name}: id {template.id!r} differs from the file name")
        templates[template.id] = template
    return templates


def parse_template(data: dict) -> Template:
    try:
        template_id = str(data["id"])
        kinds = tuple(str(k) for k in data["kinds"])
        for kind in kinds:
            AssessmentKind.from_code(kind)
        seen: set[str] = set()
        indicators = tuple(_indicator(item, 1, seen) for item in data["indicators"])
        grades = tuple((str(g["grade"]), int(g["min"])) for g in data["grades"])
        for code, _minimum in grades:
            Grade.from_code(code)
        if [m for _c, m in grades] != sorted((m for _c, m in grades), reverse=True):
            raise TemplateError("grades must be listed highest first")
        consequences = tuple(_consequence(c, data, kinds) for c in data.get("consequences", []))
        template = Template(
            id=template_id,
            title=str(data["title"]),
            source=Source(str(data["seed"]), str(data.get("section", ""))),
            kinds=kinds,
            indicators=indicators,
            grades=grades,
            consequences=consequences,
            scores_note=str(data.get("scores_note", "")),
            grades_note=str(data.get("grades_note", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise TemplateError(f"template {data.get('id', '?')}: {exc}") from exc
    member_rules = [i.code for i in template.leaves() if i.rule and i.rule.for_member]
    if member_rules and not template.for_member:
        raise TemplateError(f"{template.id}: member rules {member_rules} in a studio template")
    return template


def _consequence(data: dict, template: dict, kinds: tuple[str, ...]) -> Consequence:
    grades = tuple(Grade.from_code(str(g)).code for g in data["grades"])
    own_kinds = tuple(AssessmentKind.from_code(str(k)).code for k in data["kinds"])
    if not grades or not own_kinds:
        raise TemplateError("a consequence names its grades and kinds of review")
    strange = [k for k in own_kinds if k not in kinds]
    if strange:
        raise TemplateError(f"consequence for kinds {strange} the template is not used for")
    source = Source(str(template["seed"]), str(data["section"]), str(data["quote"]))
    return Consequence(grades, own_kinds, source)


def _indicator(data: dict, level: int, seen: set[str]) -> Indicator:
    code = str(data["code"])
    if code in seen:
        raise TemplateError(f"indicator code {code} twice")
    seen.add(code)
    children = tuple(_indicator(c, level + 1, seen) for c in data.get("children", []))
    if children:
        if "max" in data or "rule" in data:
            raise TemplateError(f"{code}: only leaves carry max and rule")
        return Indicator(
            code, str(data["text"]), level, sum(c.max_points for c in children), None, children
        )
    max_points = int(data["max"])
    if max_points <= 0:
        raise TemplateError(f"{code}: max must be positive")
    rule = _rule(data["rule"], code) if "rule" in data else None
    return Indicator(code, str(data["text"]), level, max_points, rule)


def _rule(data: dict, code: str) -> EvidenceRule:
    kind = str(data.get("kind", ""))
    if kind not in RULE_KINDS:
        raise TemplateError(f"{code}: unknown rule kind {kind!r}")
    extra = set(data) - {"kind"} - RULE_KINDS[kind]
    if extra:
        raise TemplateError(f"{code}: rule {kind} takes no {sorted(extra)}")
    minimum: int | Fraction | None = None
    if "min" in data:
        minimum = Fraction(str(data["min"])) if kind in FRACTION_MINIMUM else int(data["min"])
    activity_kind = data.get("activity_kind")
    if activity_kind is not None:
        activity_kind = ActivityKind.from_code(str(activity_kind)).code
    record_kind = data.get("record_kind")
    if record_kind is not None:
        record_kind = RecordKind.from_code(str(record_kind)).code
    if kind == "member_duty" and record_kind is None:
        raise TemplateError(f"{code}: member_duty needs record_kind")
    return EvidenceRule(kind, minimum, activity_kind, record_kind)
