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


@command(
    "export",
    "write the submission bundle of a period (zip)",
    arg("--period", required=True, help="a school year (2025-2026), midterm or final"),
    arg("--out", required=True, help="the zip file to write"),
    UNMASKED,
)
def cmd_export(args: argparse.Namespace) -> int:
    """export: the submission bundle of a period (a signed BagIt zip)."""
    from desktop_app.bundle.zipwrite import Cancelled

    with opened(args, check=False) as services:
        bundle = services.bundle
        period = bundle.parse_period(args.period)
        try:
            result = bundle.export(period, Path(args.out), unmasked=args.unmasked)
        except (OSError, Cancelled) as error:
            raise fail(str(error) or type(error).__name__) from error
        except Exception as error:
            # Imported only here: an export of kept documents never loads ReportLab.
            from desktop_app.reports.pdf import ReportError

            if not isinstance(error, ReportError):
                raise
            raise fail(str(error) or type(error).__name__) from error
    print_written(result.path, args.unmasked)
    print(f"sha256: {result.sha256}")
    print(say("signer: ", "签名者指纹：") + result.fingerprint)
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
)
def cmd_prepare(args: argparse.Namespace) -> int:
    """prepare: make ahead the documents of the bundles likely to be exported, so that the
    export only copies (the program runs this in the background after changes)."""
    if args.background:
        _lower_priority()
    with opened(args, check=False) as services:
        bundle = services.bundle
        if args.period:
            wanted = [(bundle.parse_period(p), args.unmasked) for p in args.period]
        else:
            wanted = bundle.periods_to_prepare(services.today())
        for period, unmasked in wanted:
            made = bundle.prepare(period, unmasked=unmasked)
            if made:
                state = say("made", "已生成")
            else:
                state = say("already made", "已是最新")
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
        raise fail(say(f"no file at {path}", f"找不到文件：{path}"))
    verdict = verify(path)
    if not verdict.valid:
        raise fail(say("INVALID: ", "校验未通过：") + (verdict.reason or ""))
    print(say("valid bundle", "材料包校验通过"))
    print(say("studio: ", "工作室：") + (verdict.studio or ""))
    print(say("period: ", "报送期间：") + (verdict.period or ""))
    print(say("signer: ", "签名者指纹：") + (verdict.signer or ""))
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
    from desktop_app.domain.money import format_fen
    from desktop_app.services.inbox import scan, write_workbook

    folder = Path(args.dir)
    if not folder.is_dir():
        raise fail(say(f"no folder at {folder}", f"找不到文件夹：{folder}"), 2)
    if args.expected and not Path(args.expected).is_file():
        raise fail(say(f"no file at {args.expected}", f"找不到文件：{args.expected}"), 2)
    try:
        report = scan(folder, expected=args.expected, period=args.period)
    except ValueError as error:  # the list of expected studios cannot be read
        raise fail(error, 2) from error
    out = write_workbook(report, Path(args.out))
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        print(say(f"written: {out}", f"已写入：{out}"), file=sys.stderr)
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
                say(f"members {f.members}", f"成员 {f.members}"),
                say(f"activities {f.activities}", f"活动 {f.activities}"),
                say(f"attendance {f.attendance_text}", f"出勤 {f.attendance_text}"),
                say(f"flagged {f.flagged}", f"缺勤超线 {f.flagged}"),
                say(f"granted {format_fen(f.granted_fen)}", f"到账 {format_fen(f.granted_fen)}"),
                say(f"spent {format_fen(f.spent_fen)}", f"支出 {format_fen(f.spent_fen)}"),
                say(f"duties {f.duties_text}", f"职责 {f.duties_text}"),
                say(f"grade {f.grade_text or '-'}", f"考核 {f.grade_text or '—'}"),
                say(f"signer {row.signer}", f"签名 {row.signer}"),
            ]
            print(f"✓ {row.file}  " + " · ".join(parts))
        for note in row.notes:
            print(f"    ! {note}")
    done = report.completeness
    if done is not None:
        missing = "、".join(s.name for s in done.studios if not s.submitted) or "—"
        print(
            say(
                f"reporting rate {report.period or '-'}: {done.rate_text}; missing: {missing}",
                f"报送率（{report.period or '—'}）：{done.rate_text}；未报送：{missing}",
            )
        )
    else:
        print(
            say(
                f"{report.valid_count} of {len(report.rows)} files are valid bundles",
                f"共 {len(report.rows)} 个文件，有效材料包 {report.valid_count} 个",
            )
        )
    print(say(f"written: {out}", f"已写入：{out}"))
    return 0
