"""The submission bundle: export, prepare and verify; and the bureau's inbox."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from desktop_app.cli.arguments import JSON, UNMASKED
from desktop_app.cli.common import fail, opened, print_written, say
from desktop_app.cli.registry import arg, command
from desktop_app.domain.roles import Capability


@command(
    "export",
    "write the submission bundle of a period (zip)",
    arg("--period", required=True, help="a school year (2025-2026), midterm or final"),
    arg("--out", required=True, help="the zip file to write"),
    UNMASKED,
    capability=Capability.EXPORT,
)
def cmd_export(args: argparse.Namespace) -> int:
    """export: the submission bundle of a period (a signed BagIt zip)."""
    from desktop_app.bundle.zipwrite import Cancelled
    from desktop_app.documents.bundle.export import BundleExport

    with opened(args, check=False) as services:
        bundle = BundleExport(services)
        period = services.bundle.parse_period(args.period)
        try:
            result = bundle.export(period, Path(args.out), unmasked=args.unmasked)
        except (OSError, Cancelled) as error:
            raise fail(str(error) or type(error).__name__) from error
        except Exception as error:
            # Imported only here: an export of kept documents never loads ReportLab.
            from desktop_app.documents.engine.pdf import ReportError

            if not isinstance(error, ReportError):
                raise
            raise fail(str(error) or type(error).__name__) from error
    print_written(result.path, args.unmasked)
    print(f"sha256: {result.sha256}")
    print(say("signer: ") + result.fingerprint)
    return 0


def _lower_priority() -> None:
    """Yield the processor to the program's window and to other work (prepare runs in
    the background)."""
    try:
        if sys.platform == "win32":
            import ctypes

            below_normal = 0x00004000
            kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel.SetPriorityClass(kernel.GetCurrentProcess(), below_normal)
        else:
            os.nice(10)
    except (OSError, AttributeError):
        pass  # at normal priority: slower for the window, never wrong


@command(
    "prepare",
    "make ahead the documents of the bundles to export",
    arg(
        "--period",
        action="append",
        help="a period to prepare (repeatable); default: those likely to be exported",
    ),
    arg("--unmasked", action="store_true", help="with phone and ID numbers in full"),
    arg("--background", action="store_true", help="at a low priority (as the program runs it)"),
    capability=Capability.EXPORT,
)
def cmd_prepare(args: argparse.Namespace) -> int:
    """prepare: make ahead the documents of the bundles likely to be exported, so that the
    export only copies (the program runs this in the background after changes)."""
    if args.background:
        _lower_priority()
    from desktop_app.documents.bundle.export import BundleExport

    with opened(args, check=False) as services:
        bundle = BundleExport(services)
        if args.period:
            wanted = [(services.bundle.parse_period(p), args.unmasked) for p in args.period]
        else:
            wanted = bundle.periods_to_prepare(services.today())
        for period, unmasked in wanted:
            made = bundle.prepare(period, unmasked=unmasked)
            if made:
                state = say("made")
            else:
                state = say("already made")
            print(f"{period.label}: {state}")
    return 0


@command(
    "verify",
    "check a submission bundle (exit 0 when valid)",
    arg("file", help="the bundle (zip)"),
    with_db=False,
)
def cmd_verify(args: argparse.Namespace) -> int:
    """verify: 0 for a complete, valid, signed bundle; 1 and the reason otherwise."""
    from desktop_app.bundle.verify import verify

    path = Path(args.file)
    if not path.is_file():
        raise fail(say("no file at {path}", path=path))
    verdict = verify(path)
    if not verdict.valid:
        raise fail(say("INVALID: ") + (verdict.reason or ""))
    print(say("valid bundle"))
    print(say("studio: ") + (verdict.studio or ""))
    print(say("period: ") + (verdict.period or ""))
    print(say("signer: ") + (verdict.signer or ""))
    return 0


@command(
    "inbox",
    "check every bundle in a folder (the bureau's inbox)",
    arg("dir", help="the folder of submission bundles"),
    arg("--out", required=True, help="the comparison workbook (.xlsx) to write"),
    arg("--expected", help="the studios expected: .xlsx, .csv or .txt"),
    arg("--period", help="the period to check completeness for (default: most common)"),
    JSON,
    with_db=False,
)
def cmd_inbox(args: argparse.Namespace) -> int:
    """The bureau's inbox: every bundle in DIR checked, one comparison workbook."""
    from desktop_app.documents.inbox import scan, write_workbook
    from desktop_app.domain.money import format_fen

    folder = Path(args.dir)
    if not folder.is_dir():
        raise fail(say("no folder at {folder}", folder=folder), 2)
    if args.expected and not Path(args.expected).is_file():
        raise fail(say("no file at {expected}", expected=args.expected), 2)
    try:
        report = scan(folder, expected=args.expected, period=args.period)
    except ValueError as error:  # the list of expected studios cannot be read
        raise fail(error, 2) from error
    out = write_workbook(report, Path(args.out))
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        print(say("written: {out}", out=out), file=sys.stderr)
        return 0
    for row in report.rows:
        f = row.figures
        if not row.valid:
            print(f"✗ {row.file}  {row.reason}")
        elif f is None:
            print(f"✓ {row.file}  {row.studio} · {row.period}")
        else:
            parts = [
                row.studio or "",
                row.period or "",
                say("members {members}", members=f.members),
                say("activities {activities}", activities=f.activities),
                say("attendance {attendance_text}", attendance_text=f.attendance_text),
                say("flagged {flagged}", flagged=f.flagged),
                say("granted {granted}", granted=format_fen(f.granted_fen)),
                say("spent {spent}", spent=format_fen(f.spent_fen)),
                say("duties {duties_text}", duties_text=f.duties_text),
                say("grade {grade}", grade=f.grade_text or say("-")),
                say("signer {signer}", signer=row.signer),
            ]
            print(f"✓ {row.file}  " + " · ".join(parts))
        for note in row.notes:
            print(f"    ! {note}")
    done = report.completeness
    if done is not None:
        missing = "、".join(s.name for s in done.studios if not s.submitted) or "—"
        print(
            say(
                "reporting rate {period}: {rate}; missing: {missing}",
                period=report.period or say("-"),
                rate=done.rate_text,
                missing=missing,
            )
        )
    else:
        print(
            say(
                "{valid_count} of {total} files are valid bundles",
                valid_count=report.valid_count,
                total=len(report.rows),
            )
        )
    print(say("written: {out}", out=out))
    return 0
