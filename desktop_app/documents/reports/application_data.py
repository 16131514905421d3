"""The studio's application (申报) as its forms show it, read from the records: the host's
details, what the growth file and the activities hold for each condition of seed 004's
附件1 in words, the proposed members (the roster) and the build plan's goals and 特色 —
what the 申报表 and the 申报汇总表 are written from (application_form.py,
application_summary.py). Here, not among the services: it words the records for a
document, as sections.PeriodData does for the period reports.

Only a studio whose preset comes from seed 004 has these forms: the other documents name
no 申报表, and their conditions for a host are not 附件1's (``offered``).
"""

from __future__ import annotations

import datetime as dt

from desktop_app.domain import messages
from desktop_app.domain.application import (
    CONDITIONS,
    SEED,
    Application,
    Condition,
    Evidence,
    Person,
    host_fact_lines,
    recent_since,
)
from desktop_app.domain.parsing import mask_id_number, mask_phone
from desktop_app.domain.vocab import (
    ActivityKind,
    Gender,
    RecordKind,
    RecordLevel,
    Role,
    TeachingTitle,
)
from desktop_app.services.presets import all_presets


class NoApplicationForm(LookupError):
    """The studio's policy document names no application form; the message says so."""


def offered(services) -> bool:
    """The studio's preset is read from seed 004, whose 附件3/附件4 are these forms."""
    preset = all_presets().get(services.studio.get().preset_id)
    return preset is not None and preset.seed == SEED


def check_offered(services) -> None:
    """Raises NoApplicationForm (its message in the user's language) unless ``offered``."""
    if not offered(services):
        raise NoApplicationForm(messages.text("application_not_offered"))


def masked_by_default(services) -> bool:
    """Whether phone and ID numbers are masked unless asked for (the export setting)."""
    return bool(services.studio.setting("export.mask_personal_data"))


def _person(row, masked: bool) -> Person:
    return Person(
        name=row.name,
        gender=Gender.zh_of(row.gender),
        birth=f"{row.birth_date.year}年{row.birth_date.month}月" if row.birth_date else "",
        school=row.school or "",
        title=TeachingTitle.zh_of(row.title),
        head_teacher_since=row.head_teacher_since,
        honours=row.honours or "",
        role=Role.zh_of(row.role),
        phone=(mask_phone(row.phone) if masked else row.phone) or "",
        id_number=(mask_id_number(row.id_number) if masked else row.id_number) or "",
        # 在岗班主任 is not on the roster yet: a later Person column fills it here.
        in_post=row.in_post,
    )


def _record_line(record) -> str:
    level = RecordLevel.zh_of(record.level)
    kind = RecordKind.zh_of(record.kind)
    head = f"{record.date.year}年{record.date.month}月　" + (f"{level}" if level else "")
    return f"{head}{kind}：{record.title}".replace("　：", "：")


def _presented(activity, host_name: str) -> bool:
    """The host is named among the activity's presenters (主讲人)."""
    text = activity.presenter or ""
    for sep in "、，,;；/／ ":
        text = text.replace(sep, "\n")
    return host_name in {part.strip() for part in text.splitlines()}


def _evidence(condition: Condition, app_host, records, activities, as_of: dt.date) -> list[str]:
    since = recent_since(as_of) if condition.recent_only else None
    lines = [
        _record_line(r)
        for r in sorted(records, key=lambda r: (r.date, r.id))
        if RecordKind.from_code(r.kind) in condition.record_kinds
        and r.date <= as_of
        and (since is None or r.date >= since)
    ]
    if condition.number == "三" and app_host is not None and app_host.honours:
        lines.append(f"名册所记荣誉称号：{app_host.honours}")
    if condition.presented and app_host is not None:
        lines += [
            f"{a.date.year}年{a.date.month}月　工作室活动（{ActivityKind.zh_of(a.kind)}）主讲："
            f"{a.topic}"
            for a in sorted(activities, key=lambda a: (a.date, a.id))
            if a.date <= as_of and _presented(a, app_host.name)
        ]
    return lines


def read_application(
    services, *, masked: bool | None = None, as_of: dt.date | None = None
) -> Application:
    """The studio's application as its records stand on ``as_of`` (default: today).
    ``masked``: phone and ID numbers masked (default: the export setting). Raises
    NoApplicationForm for a studio whose document names no such form."""
    check_offered(services)
    studio = services.studio.get()
    as_of = as_of or services.today()
    masked = masked_by_default(services) if masked is None else masked
    roster = [
        r
        for r in services.members.roster(include_left=False)
        if r.joined_on is None or r.joined_on <= as_of
    ]
    hosts = [r for r in roster if r.role == Role.HOST.code]
    host_row = hosts[0] if hosts else None
    host = _person(host_row, masked) if host_row else None
    notes = []
    if host_row is None:
        notes.append("名册中没有主持人，主持人情况请填写。")
    elif len(hosts) > 1:
        others = "、".join(h.name for h in hosts[1:])
        notes.append(f"名册中另有主持人{others}；本表按{host_row.name}填写。")
    records = services.growth.records(host_row.membership_id) if host_row else []
    activities = services.activities.list() if host_row else []
    build = services.plans.build_plan()
    app = Application(
        studio_name=studio.name,
        host_school=studio.host_school,
        cycle=studio.cycle.label,
        as_of=as_of,
        host=host,
        evidence=(),
        members=tuple(_person(r, masked) for r in roster if host_row is None or r is not host_row),
        goals=(build.goals if build else "") or "",
        features=(build.features if build else "") or studio.feature or "",
        masked=masked,
        notes=tuple(notes),
    )
    evidence = []
    for condition in CONDITIONS:
        if condition.host_facts:
            lines = list(host_fact_lines(app))
        else:
            lines = _evidence(condition, host, records, activities, as_of)
        evidence.append(Evidence(condition, tuple(lines)))
    from dataclasses import replace

    return replace(app, evidence=tuple(evidence))


__all__ = [
    "NoApplicationForm",
    "check_offered",
    "masked_by_default",
    "offered",
    "read_application",
]
