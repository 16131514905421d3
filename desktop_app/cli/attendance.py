"""Activities and attendance: import-attendance, export-attendance, activities and flags."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desktop_app.cli.arguments import JSON, school_year
from desktop_app.cli.common import clock, import_file, opened, print_written, say
from desktop_app.cli.registry import arg, command
from desktop_app.domain.roles import Capability


@command(
    "import-attendance",
    "import attendance from Excel",
    arg("file"),
    writes=True,
    capability=Capability.ATTENDANCE,
)
def cmd_import_attendance(args: argparse.Namespace) -> int:
    from desktop_app.documents.sheets.attendance_io import (
        AttendanceImportError,
        apply_attendance,
        read_attendance,
    )

    def show(preview) -> None:
        for change in preview.changes:
            print(change.text)

    return import_file(args, read_attendance, apply_attendance, AttendanceImportError, show=show)


@command(
    "export-attendance",
    "export the attendance matrix to Excel",
    arg("--out", required=True),
    arg("--school-year", type=school_year, help="e.g. 2025 for 2025-2026 (default: the window)"),
    capability=Capability.EXPORT,
)
def cmd_export_attendance(args: argparse.Namespace) -> int:
    from desktop_app.documents.sheets.attendance_io import write_attendance

    with opened(args) as services:
        out = write_attendance(services, Path(args.out), args.school_year)
    print_written(out)
    return 0


@command("activities", "list the activities with their ids", JSON)
def cmd_activities(args: argparse.Namespace) -> int:
    from desktop_app.domain.vocab import ActivityKind

    with opened(args) as services:
        activities = sorted(services.activities.list(), key=lambda a: (a.date, a.id))
    if args.json:
        rows = [
            {
                "id": a.id,
                "date": a.date.isoformat(),
                "start_time": clock(a.start_time),
                "end_time": clock(a.end_time),
                "kind": a.kind,
                "kind_zh": ActivityKind.zh_of(a.kind),
                "topic": a.topic,
                "place": a.place,
                "takes_attendance": a.takes_attendance,
                "expected": a.expected,
                "present": a.present,
                "absent": a.absent,
                "on_leave": a.on_leave,
            }
            for a in activities
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for a in activities:
        counts = f"{a.present}/{a.expected}" if a.expected else "-"
        print(
            "\t".join(
                (
                    str(a.id),
                    a.date.isoformat(),
                    a.time_text or "-",
                    ActivityKind.zh_of(a.kind),
                    a.topic,
                    a.place or "-",
                    counts,
                )
            )
        )
    if not activities:
        print(say("no activities yet"))
    return 0


@command("flags", "every member's absences and attendance flag", JSON)
def cmd_flags(args: argparse.Namespace) -> int:
    with opened(args) as services:
        flags = services.attendance.flags()
    if args.json:
        rows = [
            {
                "membership_id": f.membership_id,
                "name": f.name,
                "expected": f.tally.expected,
                "missed": f.tally.missed,
                "ratio": f.tally.ratio_text,
                "state": f.state.value,
            }
            for f in flags
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for f in flags:
        t = f.tally
        print(f"{f.name}\t{t.expected}\t{t.missed}\t{t.ratio_text}\t{t.words}")
    return 0
