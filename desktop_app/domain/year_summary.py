"""The facts of one school year, as the annual summary (年度总结) and the overview show
them, and the summary's pre-filled Chinese text (a document for the bureau)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from fractions import Fraction

from desktop_app.domain.evidence_rules import percent
from desktop_app.domain.money import format_fen
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import ActivityKind, RecordKind


@dataclass(frozen=True)
class DueTask:
    id: int
    title: str
    due_on: dt.date
    owner: str | None


@dataclass(frozen=True)
class YearFacts:
    school_year: SchoolYear
    today: dt.date
    members: int = 0  # confirmed members who belonged during the year
    activities_by_kind: dict[str, int] = field(default_factory=dict)  # held, by kind code
    activities_held: int = 0  # dated up to today
    activities_planned: int = 0  # all dated in the year, past and coming
    attended: int = 0  # marks 出勤/迟到/早退 at held sessions
    expected: int = 0  # all marks
    flagged: tuple[str, ...] = ()  # members over the line at the year's end (or today)
    at_risk: tuple[str, ...] = ()  # one absence from the line
    flag_window: str = ""  # the sessions those flags count (CountWindow.text)
    flag_events: int = 0  # flag changes recorded during the year
    duties_done: int = 0
    duties_total: int = 0
    duties_by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind: (done, all)
    grant_fen: int | None = None  # the preset's yearly grant
    income_fen: int = 0  # dated in the school year, net of reversals
    expense_fen: int = 0
    expense_by_category: dict[str, int] = field(default_factory=dict)
    tasks_total: int = 0
    tasks_done: int = 0
    next_due: tuple[DueTask, ...] = ()
    overdue: int = 0
    records_by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def attendance_rate(self) -> Fraction | None:
        return Fraction(self.attended, self.expected) if self.expected else None

    @property
    def tasks_open(self) -> int:
        return self.tasks_total - self.tasks_done

    def as_json(self) -> dict:
        data = asdict(self)
        data["school_year"] = self.school_year.label
        data["today"] = self.today.isoformat()
        data["next_due"] = [{**asdict(t), "due_on": t.due_on.isoformat()} for t in self.next_due]
        data["duties_by_kind"] = {k: list(v) for k, v in self.duties_by_kind.items()}
        rate = self.attendance_rate
        data["attendance_rate"] = None if rate is None else f"{rate.numerator}/{rate.denominator}"
        return data


def _kinds(counts: dict[str, int], vocab) -> str:
    parts = []
    for item in vocab:
        if counts.get(item.code):
            parts.append(f"{item.zh} {counts[item.code]} 次")
    return "，".join(parts)


def prefill(facts: YearFacts, studio_name: str) -> str:
    """The summary's first draft: every figure from the records, headed sections for the
    host to write into. Chinese, because the summary goes to the bureau."""
    year = facts.school_year
    lines = [f"{studio_name}{year.label}学年工作总结", ""]
    lines.append("一、基本情况")
    lines.append(f"本学年工作室在册成员 {facts.members} 人。")
    lines.append("")
    lines.append("二、活动开展")
    held = f"本学年开展活动 {facts.activities_held} 次"
    if facts.activities_planned > facts.activities_held:
        held += f"（全年计划 {facts.activities_planned} 次）"
    kinds = _kinds(facts.activities_by_kind, ActivityKind)
    lines.append(held + (f"，其中{kinds}。" if kinds else "。"))
    if facts.expected:
        lines.append(
            f"考勤：应到 {facts.expected} 人次，实到 {facts.attended} 人次，"
            f"出勤率 {percent(facts.attendance_rate)}。"
        )
    if facts.flag_window and (facts.flagged or facts.at_risk):
        lines.append(f"缺勤统计范围：{facts.flag_window}。")
    if facts.flagged:
        lines.append(f"缺勤超过规定比例的成员：{'、'.join(facts.flagged)}。")
    if facts.at_risk:
        lines.append(f"缺勤临界、需提醒的成员：{'、'.join(facts.at_risk)}。")
    lines.append("")
    lines.append("三、成员成长与年度职责")
    if facts.duties_total:
        lines.append(f"年度职责完成 {facts.duties_done} 项，共 {facts.duties_total} 项。")
        for kind, (done, total) in facts.duties_by_kind.items():
            lines.append(f"  {RecordKind.from_code(kind).zh}：{done}/{total}")
    records = _kinds(facts.records_by_kind, RecordKind).replace(" 次", " 项")
    if records:
        lines.append(f"成长档案新增记录：{records}。")
    lines.append("")
    lines.append("四、经费使用")
    if facts.grant_fen is not None:
        lines.append(f"年度专项经费标准 {format_fen(facts.grant_fen)} 元。")
    lines.append(
        f"本学年到账 {format_fen(facts.income_fen)} 元，支出 {format_fen(facts.expense_fen)} 元。"
    )
    spent = "，".join(
        f"{name} {format_fen(fen)} 元" for name, fen in facts.expense_by_category.items() if fen
    )
    if spent:
        lines.append(f"支出构成：{spent}。")
    lines.append("")
    lines.append("五、任务台账")
    lines.append(
        f"年度计划任务 {facts.tasks_total} 项，已销账 {facts.tasks_done} 项，"
        f"未完成 {facts.tasks_open} 项。"
    )
    lines.append("")
    lines.append("六、主要成效与特色")
    lines.append("（请填写）")
    lines.append("")
    lines.append("七、存在问题与下一步打算")
    lines.append("（请填写）")
    return "\n".join(lines)
