"""data/data.json of the submission bundle: every record of the period in the documented,
versioned schema "studiodesk-bundle-data" (desktop_app/bundle/SCHEMA.md), and the
period's evidence files with their names inside the bag.

Everything here reads; nothing is written to the database. The services passed in are
the export's own (their "today" is the bundle's date, so the same records always give
the same bytes)."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from desktop_app import __version__
from desktop_app.bundle import content
from desktop_app.bundle import format as fmt
from desktop_app.bundle.safezip import ARCHIVE_SUFFIXES
from desktop_app.domain import messages
from desktop_app.domain.assessment import format_tenths
from desktop_app.domain.ledger import Direction
from desktop_app.domain.parsing import mask_id_number, mask_phone
from desktop_app.domain.vocab import AttendanceStatus, EvidenceKind, Stage
from desktop_app.store.models import Attachment, AttendanceMark

if TYPE_CHECKING:
    import datetime as dt

    from desktop_app.domain.period import Period
    from desktop_app.services.app import AppServices
    from desktop_app.services.members import RosterRow

ATTACHMENTS_DIR = "data/attachments"
ATTENDED = frozenset(
    {AttendanceStatus.PRESENT.code, AttendanceStatus.LATE.code, AttendanceStatus.LEFT_EARLY.code}
)
LEFT_OUT_ARCHIVE = "archive"
LEFT_OUT_ABSENT = "absent"
_NAME_LIMIT = 120
_BAD_CHARS = set('<>:"/\\|?*')
# control, format, unassigned, private and line/paragraph separators (a manifest is lines)
_BAD_CATEGORIES = {"Cc", "Cf", "Cn", "Co", "Cs", "Zl", "Zp"}


# --- small conversions ----------------------------------------------------------------


def iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def tenths_text(tenths: int | None) -> str | None:
    """Hours or points kept as tenths → "1.5" (exact, a string: no float rounding)."""
    return format_tenths(tenths) if tenths is not None else None


def encode(data: dict) -> bytes:
    """The file's bytes: sorted keys, UTF-8, one space of indent, a final newline."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


def write(data: dict, path: Path) -> None:
    """``encode(data)`` written to ``path`` piece by piece (a whole cycle's data.json as
    one string and then as bytes would be two more copies of it in memory)."""
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        json.dump(data, out, sort_keys=True, ensure_ascii=False, indent=1)
        out.write("\n")


def overlaps(first: dt.date | None, last: dt.date | None, period: Period) -> bool:
    """A span (None: open) that touches the period."""
    return (first is None or first <= period.last_day) and (
        last is None or last >= period.first_day
    )


def sanitise_name(name: str) -> str:
    """A file name every system accepts: no separators, no characters Windows refuses, no
    control characters, no leading or trailing dots and spaces; at most _NAME_LIMIT
    characters with the suffix kept."""
    name = unicodedata.normalize("NFC", name)
    name = "".join(
        "_" if c in _BAD_CHARS or unicodedata.category(c) in _BAD_CATEGORIES else c for c in name
    )
    name = name.strip(" .") or "file"
    if len(name) > _NAME_LIMIT:
        suffix = PurePosixPath(name).suffix[:16]
        name = name[: _NAME_LIMIT - len(suffix)].rstrip(" .") + suffix
    return name


def is_archive(name: str) -> bool:
    return PurePosixPath(name.lower()).suffix in ARCHIVE_SUFFIXES


# --- what belongs to the period --------------------------------------------------------


def held_until(period: Period, as_of: dt.date) -> dt.date:
    """The last day whose records count: the period's end, or the bundle's date when the
    period is still running."""
    return min(period.last_day, as_of)


def period_members(services: AppServices, period: Period) -> list[RosterRow]:
    """Every membership (any stage) that overlaps the period, in membership order."""
    return sorted(
        (
            r
            for r in services.members.roster(include_left=True)
            if overlaps(r.joined_on, r.left_on, period)
        ),
        key=lambda r: r.membership_id,
    )


def period_activities(services: AppServices, period: Period, as_of: dt.date):
    last = held_until(period, as_of)
    if last < period.first_day:
        return []
    return sorted(
        services.activities.list(between=(period.first_day, last)), key=lambda a: (a.date, a.id)
    )


def period_records(services: AppServices, period: Period):
    return [r for r in services.growth.all_records() if period.contains(r.date)]


def period_entries(services: AppServices, period: Period):
    return [e for e in services.ledger.entries() if period.contains(e.date)]


def period_plans(services: AppServices, period: Period):
    years = set(period.school_years)
    return [p for p in services.plans.annual_plans() if p.school_year in years]


def period_assessments(services: AppServices, period: Period, drafts: bool = False):
    """The submitted assessments of the period's school years, oldest first (with
    ``drafts``: the drafts instead). A draft is work in progress — its grade is that of
    an incomplete score sheet — and is not sent to the bureau."""
    years = set(period.school_years)
    return sorted(
        (h for h in services.assessments.list() if h.school_year in years and h.locked != drafts),
        key=lambda h: (h.school_year.start, h.id),
    )


# --- evidence files ---------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceFile:
    attachment_id: int
    sha256: str
    size: int
    original_name: str
    owner: str  # the record it belongs to, in the user's language (for the notes)
    bag_path: str | None  # "data/attachments/<sha256[:12]>-<name>", None when left out
    left_out: str | None = None  # LEFT_OUT_ARCHIVE | LEFT_OUT_ABSENT


def evidence_files(services: AppServices, period: Period, as_of: dt.date) -> list[EvidenceFile]:
    """The period's evidence files — of its activities, growth records, ledger entries and
    task-ledger items — one per attachment, sorted by their name in the bag. The same
    bytes under the same name (two records sharing a photo) are one file in the bag.
    Archives are left out (the bureau's inbox refuses an archive inside the bundle), and
    so are files missing from the store."""
    owners: dict[int, tuple[str, Any]] = {}  # attachment id → (owner text, AttachmentInfo)

    def add(attachments, owner: str) -> None:
        for a in attachments:
            owners.setdefault(a.id, (owner, a))

    for a in period_activities(services, period, as_of):
        add(a.attachments, messages.text("export_owner_activity", date=a.date, topic=a.topic))
    names = {r.person_id: r.name for r in services.members.roster(include_left=True)}
    for r in period_records(services, period):
        owner = messages.text(
            "export_owner_record", name=names.get(r.person_id, ""), date=r.date, title=r.title
        )
        add(r.attachments, owner)
    for e in period_entries(services, period):
        add(e.attachments, messages.text("export_owner_entry", date=e.date, purpose=e.purpose))
    task_files: dict[int, str] = {}
    for plan in period_plans(services, period):
        for task in plan.tasks:
            for ev in task.evidence:
                if ev.kind == EvidenceKind.ATTACHMENT.code:
                    task_files.setdefault(
                        ev.target_id, messages.text("export_owner_task", title=task.title)
                    )
    missing_ids = sorted(set(task_files) - set(owners))
    if missing_ids:
        with services.db.reading() as session:
            rows = session.scalars(select(Attachment).where(Attachment.id.in_(missing_ids)))
            from desktop_app.services.attachments import info

            for row in rows:
                owners.setdefault(row.id, (task_files[row.id], info(row)))

    files: list[EvidenceFile] = []
    taken: dict[str, str] = {}  # folded bag name → the sha256 it holds
    for attachment_id, (owner, a) in sorted(
        owners.items(), key=lambda item: (item[1][1].sha256, item[1][1].original_name, item[0])
    ):
        common = dict(
            attachment_id=attachment_id,
            sha256=a.sha256,
            size=a.size,
            original_name=a.original_name,
            owner=owner,
        )
        if is_archive(a.original_name):
            files.append(EvidenceFile(**common, bag_path=None, left_out=LEFT_OUT_ARCHIVE))
            continue
        stored = services.db.files.local_copy(a.sha256)
        if stored is None:
            files.append(EvidenceFile(**common, bag_path=None, left_out=LEFT_OUT_ABSENT))
            continue
        path = f"{ATTACHMENTS_DIR}/{a.sha256[:12]}-{sanitise_name(a.original_name)}"
        if content.hidden_archive_file(path, stored):  # an archive by its bytes, any name
            files.append(EvidenceFile(**common, bag_path=None, left_out=LEFT_OUT_ARCHIVE))
            continue
        folded = unicodedata.normalize("NFC", path).casefold()
        if folded in taken and taken[folded] != a.sha256:  # a 12-digit prefix shared
            path = f"{ATTACHMENTS_DIR}/{a.sha256}-{sanitise_name(a.original_name)}"
            folded = path.casefold()
        if folded in taken:  # the same bytes under a name differing only in case
            path = next(f.bag_path for f in files if f.bag_path and f.bag_path.casefold() == folded)
        taken[folded] = a.sha256
        files.append(EvidenceFile(**common, bag_path=path))
    return sorted(files, key=lambda f: (f.bag_path or "", f.attachment_id))


# --- data.json --------------------------------------------------------------------------


def _paths(attachments, paths: dict[int, str]) -> list[str]:
    return sorted({paths[a.id] for a in attachments if a.id in paths})


def _member_of(period_rows: list[RosterRow]):
    """person id and a day → the membership id to file a growth record under: the spell
    that covers the day, else the person's latest spell in the period."""
    spells: dict[int, list[RosterRow]] = {}
    for r in period_rows:
        spells.setdefault(r.person_id, []).append(r)

    def member_id(person_id: int, day: dt.date) -> int | None:
        rows = spells.get(person_id)
        if not rows:
            return None
        for r in rows:
            if (r.joined_on is None or r.joined_on <= day) and (
                r.left_on is None or day <= r.left_on
            ):
                return r.membership_id
        return rows[-1].membership_id

    return member_id


def build_data(
    services: AppServices,
    period: Period,
    as_of: dt.date,
    paths: dict[int, str],
    masked: bool = True,
) -> dict:
    """The content of data/data.json. ``paths``: attachment id → its path in the bag (the
    files left out are not listed)."""
    studio = services.studio.get()
    preset = services.studio.effective_preset()
    rows = period_members(services, period)

    members = [
        {
            "id": r.membership_id,
            "name": r.name,
            "role": r.role,
            "stage": r.stage,
            "gender": r.gender,
            "birth_date": iso(r.birth_date),
            "school": r.school,
            "rural": r.rural,
            "title": r.title,
            "joined_on": iso(r.joined_on),
            "left_on": iso(r.left_on),
            "leave_reason": r.leave_reason,
            "phone": mask_phone(r.phone) if masked else r.phone,
            "id_number": mask_id_number(r.id_number) if masked else r.id_number,
        }
        for r in rows
    ]

    activities_info = period_activities(services, period, as_of)
    activities = [
        {
            "id": a.id,
            "date": iso(a.date),
            "start_time": f"{a.start_time:%H:%M}" if a.start_time else None,
            "end_time": f"{a.end_time:%H:%M}" if a.end_time else None,
            "place": a.place,
            "kind": a.kind,
            "topic": a.topic,
            "presenter": a.presenter,
            "hours": tenths_text(a.hours_tenths),
            "takes_attendance": a.takes_attendance,
            "summary": a.summary,
            "attachments": _paths(a.attachments, paths),
        }
        for a in activities_info
    ]
    activity_ids = [a.id for a in activities_info]
    attendance: list[dict] = []
    if activity_ids:
        with services.db.reading() as session:
            marks = session.execute(
                select(
                    AttendanceMark.activity_id,
                    AttendanceMark.membership_id,
                    AttendanceMark.status,
                    AttendanceMark.note,
                )
                .where(AttendanceMark.activity_id.in_(activity_ids))
                .order_by(AttendanceMark.activity_id, AttendanceMark.membership_id)
            )
            attendance = [
                {"activity_id": a, "member_id": m, "status": s, "note": n} for a, m, s, n in marks
            ]
    taking = {a.id for a in activities_info if a.takes_attendance}
    counted = [m for m in attendance if m["activity_id"] in taking]

    # The flags as the period's documents show them: at its end (or as_of), over the
    # studio's window, which may start before the period (attendance_rules.counted_*).
    standing = services.attendance.facts(period, as_of)
    rules, window = standing.rules, standing.window
    flags = [
        {
            "member_id": r.membership_id,
            "name": r.name,
            "state": t.state.value,
            "missed": t.missed,
            "expected": t.expected,
        }
        for r in rows
        if (t := standing.tally(r.membership_id)).expected > 0
    ]

    training_hours = [
        {
            "member_id": m.membership_id,
            "name": m.name,
            "school_year": h.school_year.label,
            "activity_hours": tenths_text(h.activity_tenths),
            "activities": h.activities,
            "activities_without_hours": h.without_hours,
            "own_hours": tenths_text(h.own_tenths),
            "total_hours": tenths_text(h.total_tenths),
        }
        for m, h in services.training_hours.table(rows, period.school_years)
    ]

    member_of = _member_of(rows)
    growth_records = [
        {
            "id": g.id,
            "member_id": member_of(g.person_id, g.date),
            "kind": g.kind,
            "date": iso(g.date),
            "level": g.level,
            "title": g.title,
            "hours": tenths_text(g.hours_tenths),
            "attachments": _paths(g.attachments, paths),
        }
        for g in sorted(period_records(services, period), key=lambda g: (g.date, g.id))
    ]

    duties = []
    for year in period.school_years:
        grid = services.duties.grid(year)
        for row in grid.rows:
            for kind in grid.kinds:
                status = row.statuses.get(kind)
                if status is None:
                    continue
                duties.append(
                    {
                        "school_year": year.label,
                        "member_id": row.membership_id,
                        "name": row.name,
                        "duty": kind,
                        "done": status.done,
                        "evidence": list(status.evidence),
                    }
                )

    entries = [
        {
            "id": e.id,
            "date": iso(e.date),
            "direction": e.direction.value,
            "amount_fen": e.amount_fen,
            "signed_fen": e.signed_fen,
            "category": e.category,
            "source": e.source,
            "payee": e.payee,
            "voucher_no": e.voucher_no,
            "purpose": e.purpose,
            "reverses_id": e.reverses_id,
            "attachments": _paths(e.attachments, paths),
        }
        for e in sorted(period_entries(services, period), key=lambda e: (e.date, e.id))
    ]
    income = sum(e["signed_fen"] for e in entries if e["direction"] == Direction.INCOME.value)
    expense = -sum(e["signed_fen"] for e in entries if e["direction"] == Direction.EXPENSE.value)

    build = services.plans.build_plan()
    plans = {
        "build": (
            {
                "school_year": build.school_year.label,
                "title": build.title,
                "goals": build.goals,
                "features": build.features,
                "measures": build.measures,
            }
            if build is not None
            else None
        ),
        "annual": [
            {
                "school_year": p.school_year.label,
                "title": p.title,
                "goals": p.goals,
                "features": p.features,
                "measures": p.measures,
                "tasks": [
                    {
                        "title": t.title,
                        "owner": t.owner_name,
                        "due_on": iso(t.due_on),
                        "status": t.status,
                        "done_on": iso(t.done_on),
                        "evidence": [e.label for e in t.evidence],
                    }
                    for t in p.tasks
                ],
            }
            for p in sorted(period_plans(services, period), key=lambda p: p.school_year.start)
        ],
    }

    summaries = []
    for year in period.school_years:
        saved = services.summaries.get(year)
        if saved is not None:
            summaries.append({"school_year": year.label, "body": saved.body})

    assessments = []
    for header in period_assessments(services, period):
        info = services.assessments.get(header.id)
        assessments.append(
            {
                "id": header.id,
                "title": header.title,
                "kind": header.kind,
                "school_year": header.school_year.label,
                "member_id": header.membership_id,
                "template": header.template_id,
                "status": header.status,
                "total": format_tenths(header.total_tenths),
                "max": header.max_points,
                "grade": header.grade.code if header.grade else None,
                "consequences": [
                    {"seed": c.source.seed, "section": c.source.section, "quote": c.source.quote}
                    for c in header.consequences
                ],
                "submitted_at": iso(header.submitted_at),
                "items": [
                    {
                        "code": code,
                        "score": tenths_text(state.score_tenths),
                        "comment": state.comment,
                        "evidence": [e.label for e in state.kept_evidence],
                    }
                    for code, state in info.items.items()
                    if state.indicator.is_leaf
                ],
            }
        )

    figures = {
        "members": sum(1 for r in rows if r.stage == Stage.CONFIRMED.code),
        "activities": len(activities),
        "attended": sum(1 for m in counted if m["status"] in ATTENDED),
        "expected": len(counted),
        "flagged": sum(1 for f in flags if f["state"] == "over"),
        "granted_fen": income,
        "spent_fen": expense,
        "duties_done": sum(1 for d in duties if d["done"]),
        "duties_total": len(duties),
        "assessment_grade": grade_of(assessments, period),
    }
    return {
        "schema": fmt.DATA_SCHEMA,
        "schema_version": fmt.DATA_SCHEMA_VERSION,
        "generator": {"name": "StudioDesk", "version": __version__},
        "personal_data": "masked" if masked else "full",
        "studio": {
            "name": studio.name,
            "level": studio.level,
            "type": studio.studio_type,
            "host_school": studio.host_school,
            "district": studio.district,
            "cycle": {"first": studio.cycle.first.label, "last": studio.cycle.last.label},
            "preset": {"id": preset.id, "name": preset.name, "seed": preset.seed},
        },
        "period": {
            "kind": period.kind,
            "label": period.label,
            "first_day": iso(period.first_day),
            "last_day": iso(period.last_day),
            "school_years": [y.label for y in period.school_years],
            "as_of": iso(as_of),
        },
        "attendance_rules": {
            # null: the studio has no line (its document sets none, nor did the studio)
            "line": None
            if rules.line is None
            else f"{rules.line.numerator}/{rules.line.denominator}",
            "line_source": rules.line_source or None,
            "leave_counts_as_absence": rules.leave_counts_as_absence,
            "exact_line_counts": rules.exact_line_counts,
            "window": window.basis,
            "counted_from": iso(window.first),
            "counted_to": iso(window.last),
            "min_sessions": rules.min_sessions,
        },
        "members": members,
        "activities": activities,
        "attendance": attendance,
        "flags": flags,
        "training_hours": training_hours,
        "growth_records": growth_records,
        "duties": duties,
        "ledger": {"entries": entries, "income_fen": income, "expense_fen": expense},
        "plans": plans,
        "summaries": summaries,
        "assessments": assessments,
        "figures": figures,
    }


def grade_of(assessments: list[dict], period: Period) -> str | None:
    """The grade the figures report: of the latest submitted assessment of the studio
    itself (not of one member) in the period — of the period's own kind (midterm, final)
    when there is one — latest by submission time, then id."""
    studio_wide = [a for a in assessments if a["status"] == "submitted" and a["member_id"] is None]
    own_kind = [a for a in studio_wide if a["kind"] == period.kind]
    pool = own_kind or studio_wide
    if not pool:
        return None
    latest = max(pool, key=lambda a: (a["submitted_at"] or "", a["id"]))
    return latest["grade"]
