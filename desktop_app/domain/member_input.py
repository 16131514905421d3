"""One person's roster entry, parsed from what a dialog or a spreadsheet row holds.

Both the add/edit dialog and the roster import go through ``parse_member`` so that the
same words are accepted and the same messages given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from desktop_app.domain.parsing import (
    birth_date_problem,
    is_masked,
    joining_problem,
    parse_choice,
    parse_date,
    parse_id_number,
    parse_name,
    parse_phone,
    parse_text,
    parse_year,
    parse_yes_no,
)
from desktop_app.domain.problems import Problem, ValidationError, problem
from desktop_app.domain.vocab import (
    LEFT_STATUS_ALIASES,
    Gender,
    Role,
    Stage,
    TeachingTitle,
    TrainingTier,
    normalise_word,
)


@dataclass(frozen=True)
class MemberData:
    name: str
    role: str  # Role code
    stage: str = Stage.CONFIRMED.code
    gender: str | None = None
    birth_date: dt.date | None = None
    school: str | None = None
    rural: bool | None = None
    title: str | None = None
    honours: str | None = None
    head_teacher_since: int | None = None
    teaching_since: int | None = None
    in_post: bool | None = None
    training_tier: str | None = None  # TrainingTier code
    agreement_signed_on: dt.date | None = None
    joined_on: dt.date | None = None
    left_on: dt.date | None = None
    leave_reason: str | None = None
    phone: str | None = None  # may be masked (138****5678) when it came from an export
    id_number: str | None = None
    note: str | None = None

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


def _status(value: Any) -> tuple[str | None, bool]:
    """状态: a lifecycle stage, or 已退出. Returns (stage code, has left)."""
    word = normalise_word(value or "")
    if not word:
        return None, False
    if word in {normalise_word(a) for a in LEFT_STATUS_ALIASES}:
        return None, True
    item = parse_choice(value, Stage, "status")
    return item.code, False


def parse_member(raw: dict[str, Any], today: dt.date | None = None) -> MemberData:
    """raw: field name → text (or a cell value). Collects every problem before raising."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    out: dict[str, Any] = {}

    def take(field: str, parse) -> None:
        try:
            out[field] = parse(raw.get(field))
        except ValidationError as error:
            problems.extend(error.problems)

    take("name", lambda v: parse_name(v, "name"))
    take("gender", lambda v: (g := parse_choice(v, Gender, "gender")) and g.code)
    take("birth_date", lambda v: parse_date(v, "birth_date"))
    take("school", lambda v: parse_text(v, "school", 100))
    take("rural", lambda v: parse_yes_no(v, "rural"))
    take("title", lambda v: (t := parse_choice(v, TeachingTitle, "title")) and t.code)
    take("honours", lambda v: parse_text(v, "honours", 200))
    take("head_teacher_since", lambda v: parse_year(v, "head_teacher_since", 1950, today.year))
    take("teaching_since", lambda v: parse_year(v, "teaching_since", 1950, today.year))
    take("in_post", lambda v: parse_yes_no(v, "in_post"))
    take(
        "training_tier", lambda v: (t := parse_choice(v, TrainingTier, "training_tier")) and t.code
    )
    take("role", lambda v: (r := parse_choice(v, Role, "role")) and r.code)
    take("agreement_signed_on", lambda v: parse_date(v, "agreement_signed_on"))
    take("joined_on", lambda v: parse_date(v, "joined_on"))
    take("left_on", lambda v: parse_date(v, "left_on"))
    take("leave_reason", lambda v: parse_text(v, "leave_reason", 200))
    take("phone", lambda v: v if is_masked(str(v or "")) else parse_phone(v, "phone"))
    take("id_number", lambda v: v if is_masked(str(v or "")) else parse_id_number(v, "id_number"))
    take("note", lambda v: parse_text(v, "note", 500))

    stage = raw.get("stage")
    status = raw.get("status")
    try:
        if status not in (None, ""):
            code, has_left = _status(status)
            out["stage"] = code or Stage.CONFIRMED.code
            if has_left and not out.get("left_on") and "left_on" not in problems_fields(problems):
                problems.append(problem("left_on", "required"))
        else:
            item = (
                parse_choice(stage, Stage, "stage") if stage not in (None, "") else Stage.CONFIRMED
            )
            out["stage"] = item.code
    except ValidationError as error:
        problems.extend(error.problems)

    if not out.get("name") and "name" not in problems_fields(problems):
        problems.append(problem("name", "required"))
    if not out.get("role") and "role" not in problems_fields(problems):
        problems.append(problem("role", "required"))
    birth = out.get("birth_date")
    if birth and birth > today:
        problems.append(problem("birth_date", "date_in_future", value=birth.isoformat()))
    elif found := birth_date_problem(birth, today):
        problems.append(found)
    for name in ("joined_on", "agreement_signed_on"):
        if found := joining_problem(out.get(name), name, today):
            problems.append(found)
    joined, left = out.get("joined_on"), out.get("left_on")
    if joined and left and left < joined:
        problems.append(
            problem(
                "left_on", "left_before_joined", left=left.isoformat(), joined=joined.isoformat()
            )
        )
    if left and not out.get("leave_reason"):
        problems.append(problem("leave_reason", "leave_reason_needed"))
    if problems:
        raise ValidationError(problems)
    return MemberData(**{k: v for k, v in out.items() if v is not None or k in ("name", "role")})


def problems_fields(problems: list[Problem]) -> set[str]:
    return {p.field for p in problems}
