"""One program: the GUI by default, sub-commands for everything that needs no window."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from desktop_app import __version__
from desktop_app.domain import messages
from desktop_app.domain.presets import RULE_SPECS, format_value
from desktop_app.domain.problems import ValidationError
from desktop_app.paths import DB_ENV, default_db_path


def _db_path(args: argparse.Namespace) -> Path:
    if getattr(args, "db", None):
        return Path(args.db)
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    from desktop_app.app_settings import load_app_settings

    data_dir = load_app_settings().data_dir
    return default_db_path(Path(data_dir) if data_dir else None)


def _open(args: argparse.Namespace, must_exist: bool = True):
    from desktop_app.services.app import AppServices

    path = _db_path(args)
    if must_exist and not path.exists():
        raise SystemExit(_say(f"no database at {path}", f"找不到数据库：{path}"))
    services = AppServices.open(path)
    if must_exist and not services.studio.exists():
        services.close()
        raise SystemExit(_say(f"{path} holds no studio yet", f"{path} 中还没有工作室"))
    return services


def _say(en: str, zh: str) -> str:
    return en if messages.language() == "en" else zh


def cmd_init(args: argparse.Namespace) -> int:
    from desktop_app.services.presets import get_preset
    from desktop_app.services.studio import StudioInput, default_cycle, parse_cycle

    preset = get_preset(args.preset)
    if preset is None:
        print(messages.text("unknown_preset", value=args.preset), file=sys.stderr)
        return 2
    if args.cycle:
        start, end = parse_cycle(args.cycle)
    else:
        import datetime as dt

        start, end = default_cycle(dt.date.today(), preset.value("cycle_years", 3))
    services = _open(args, must_exist=False)
    try:
        if services.studio.exists():
            print(
                _say("this database already holds a studio", "该数据库中已有工作室"),
                file=sys.stderr,
            )
            return 1
        info = services.studio.create(
            StudioInput(
                name=args.name,
                level=args.level,
                studio_type=args.type or preset.studio_type.code,
                preset_id=preset.id,
                cycle_start=start,
                cycle_end=end,
                host_school=args.school or "",
                district=args.district or "",
            )
        )
    finally:
        services.close()
    print(f"{info.name} · {info.cycle.label} · {preset.id} → {_db_path(args)}")
    return 0


def cmd_presets(_args: argparse.Namespace) -> int:
    from desktop_app.services.presets import all_presets

    for preset in all_presets().values():
        print(f"{preset.id}\t{preset.name}\t({preset.issuer}; {preset.seed})")
        for rule in preset.rules.values():
            spec = RULE_SPECS[rule.key]
            label = spec.en if messages.language() == "en" else spec.zh
            source = str(rule.source) if rule.source else _say("program default", "程序默认值")
            print(f"    {label}: {format_value(rule.key, rule.value)}  [{source}]")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        warnings = services.members.warnings()
    finally:
        services.close()
    if args.json:
        print(json.dumps([w.as_json() for w in warnings], ensure_ascii=False, indent=2))
    else:
        for w in warnings:
            people = "、".join(w.people)
            print(
                f"[{w.rule}] {w.message}" + (f" — {people}" if people else "") + f"  ({w.source})"
            )
        if not warnings:
            print(_say("no warnings", "没有提醒"))
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from desktop_app.domain.settings import SETTINGS, spec_for

    services = _open(args)
    try:
        if args.key is None:
            for key, spec in SETTINGS.items():
                print(f"{key} = {spec.format(services.studio.setting(key))}    # {spec.help}")
            return 0
        spec = spec_for(args.key)
        if args.value is not None:
            services.studio.set_setting(args.key, args.value)
        print(f"{args.key} = {spec.format(services.studio.setting(args.key))}")
    finally:
        services.close()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop_app.services.demo import build_demo

    if getattr(args, "db", None) or os.environ.get(DB_ENV):
        path = _db_path(args)
    else:  # never the real database's place: the demo lives in a database of its own
        from desktop_app.app_settings import load_app_settings
        from desktop_app.paths import demo_db_path

        data_dir = load_app_settings().data_dir
        path = demo_db_path(Path(data_dir) if data_dir else None)
    if path.exists():
        print(
            _say(f"{path} exists; the demo needs a new file", f"{path} 已存在，演示数据需要新文件"),
            file=sys.stderr,
        )
        return 1
    summary = build_demo(path, seed=args.seed)
    print(summary)
    return 0


def cmd_import_roster(args: argparse.Namespace) -> int:
    from desktop_app.services.roster_io import RosterImportError, apply_import, read_roster

    services = _open(args)
    try:
        try:
            preview = read_roster(Path(args.file), services.members)
        except RosterImportError as error:
            print(str(error), file=sys.stderr)
            return 1
        if preview.problems:
            for line in preview.problem_lines():
                print(line, file=sys.stderr)
            return 1
        counts = apply_import(preview, services.members)
        print(counts)
    finally:
        services.close()
    return 0


def cmd_export_roster(args: argparse.Namespace) -> int:
    from desktop_app.services.roster_io import write_roster

    services = _open(args)
    try:
        mask = services.studio.setting("export.mask_personal_data") and not args.unmasked
        out = write_roster(Path(args.out), services.members.roster(), mask=mask)
    finally:
        services.close()
    print(out)
    return 0


def cmd_import_attendance(args: argparse.Namespace) -> int:
    from desktop_app.services.attendance_io import (
        AttendanceImportError,
        apply_attendance,
        read_attendance,
    )

    services = _open(args)
    try:
        try:
            preview = read_attendance(Path(args.file), services)
            if preview.problems:
                for line in preview.problem_lines():
                    print(line, file=sys.stderr)
                return 1
            for change in preview.changes:
                print(change.text)
            summary = apply_attendance(preview, services)
        except AttendanceImportError as error:
            print(error.message, file=sys.stderr)
            return 1
    finally:
        services.close()
    print(summary)
    return 0


def _school_year(text: str):
    from desktop_app.domain.school_year import SchoolYear

    try:
        return SchoolYear.parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _say(f"not a school year: {text} (e.g. 2025)", f"不是学年：{text}（如 2025）")
        ) from None


def cmd_export_attendance(args: argparse.Namespace) -> int:
    from desktop_app.services.attendance_io import write_attendance

    services = _open(args)
    try:
        out = write_attendance(services, Path(args.out), args.school_year)
    finally:
        services.close()
    print(out)
    return 0


def cmd_screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop_app.gui.screenshots import take_screenshots

    services = _open(args)
    try:
        for path in take_screenshots(services, Path(args.out)):
            print(path)
    finally:
        services.close()
    return 0


def cmd_activities(args: argparse.Namespace) -> int:
    from desktop_app.domain.vocab import ActivityKind

    services = _open(args)
    try:
        activities = sorted(services.activities.list(), key=lambda a: (a.date, a.id))
    finally:
        services.close()

    def kind_zh(code: str) -> str:
        try:
            return ActivityKind.from_code(code).zh
        except ValueError:
            return code

    if args.json:
        rows = [
            {
                "id": a.id,
                "date": a.date.isoformat(),
                "start_time": f"{a.start_time:%H:%M}" if a.start_time else None,
                "end_time": f"{a.end_time:%H:%M}" if a.end_time else None,
                "kind": a.kind,
                "kind_zh": kind_zh(a.kind),
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
                    kind_zh(a.kind),
                    a.topic,
                    a.place or "-",
                    counts,
                )
            )
        )
    if not activities:
        print(_say("no activities yet", "还没有活动"))
    return 0


def cmd_flags(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        flags = services.attendance.flags()
    finally:
        services.close()
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
        state = _say(f.state.value.replace("_", " "), f.state.zh)
        t = f.tally
        print(f"{f.name}\t{t.expected}\t{t.missed}\t{t.ratio_text}\t{state}")
    return 0


def cmd_report_signin(args: argparse.Namespace) -> int:
    from desktop_app.reports.pdf import ReportError
    from desktop_app.reports.signin import write_signin_sheet

    services = _open(args)
    try:
        try:
            services.activities.get(args.activity)
        except LookupError:
            print(messages.text("unknown_activity", value=args.activity), file=sys.stderr)
            return 1
        try:
            out = write_signin_sheet(services, args.activity, Path(args.out))
        except ReportError as error:
            print(str(error), file=sys.stderr)
            return 1
    finally:
        services.close()
    print(out)
    return 0


def _fiscal_year(text: str) -> int:
    """--year: the fiscal year named by the year it starts (2025; 2025 for 2025-2026 when
    the studio keeps its books by school year)."""
    word = text.strip().removesuffix("年")
    if word.isdigit() and 2000 <= int(word) <= 2100:
        return int(word)
    raise argparse.ArgumentTypeError(
        _say(f"not a year: {text} (e.g. 2025)", f"不是年份：{text}（如 2025）")
    )


def _ledger_year(services, args: argparse.Namespace) -> int:
    if getattr(args, "year", None) is not None:
        return args.year
    ledger = services.ledger
    return ledger.fiscal_year_of(ledger.today()).start_year


def cmd_ledger(args: argparse.Namespace) -> int:
    from desktop_app.domain.money import format_fen

    services = _open(args)
    try:
        year = _ledger_year(services, args)
        summary = services.ledger.summary(year)
    finally:
        services.close()
    if args.json:
        data = {
            "year": year,
            "income_fen": summary.income_fen,
            "expense_fen": summary.expense_fen,
            "balance_fen": summary.balance_fen,
            "by_category": dict(summary.by_category),
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(summary.year.label + _say(" funds", " 经费收支"))
    print(_say("category\texpense\tbudget", "类别\t支出\t预算"))
    for category, fen in summary.by_category.items():
        budget = summary.budgets.get(category)
        line = f"{category or '-'}\t{format_fen(fen)}\t{format_fen(budget) if budget is not None else '-'}"
        remaining = summary.remaining(category)
        if remaining is not None and remaining < 0:
            line += "\t" + _say(
                f"over budget by {format_fen(-remaining)}", f"超预算 {format_fen(-remaining)}"
            )
        print(line)
    print(_say("income", "收入合计") + f"\t{format_fen(summary.income_fen)}")
    print(_say("expense", "支出合计") + f"\t{format_fen(summary.expense_fen)}")
    print(_say("balance", "结余") + f"\t{format_fen(summary.balance_fen)}")
    return 0


def cmd_export_ledger(args: argparse.Namespace) -> int:
    from desktop_app.services.ledger_io import write_ledger_workbook

    services = _open(args)
    try:
        out = write_ledger_workbook(services, args.year, Path(args.out))
    finally:
        services.close()
    print(out)
    return 0


def cmd_import_ledger(args: argparse.Namespace) -> int:
    from desktop_app.services.ledger_io import (
        LedgerImportError,
        apply_ledger_import,
        read_ledger_workbook,
    )

    services = _open(args)
    try:
        try:
            preview = read_ledger_workbook(Path(args.file), services)
            if preview.problems:
                for line in preview.problem_lines():
                    print(line, file=sys.stderr)
                return 1
            summary = apply_ledger_import(preview, services)
        except LedgerImportError as error:
            print(error.message, file=sys.stderr)
            return 1
    finally:
        services.close()
    print(summary)
    return 0


def cmd_report_ledger(args: argparse.Namespace) -> int:
    from desktop_app.reports.ledger_report import write_ledger_report, write_ledger_report_xlsx
    from desktop_app.reports.pdf import ReportError

    services = _open(args)
    try:
        year = _ledger_year(services, args)
        try:
            out = write_ledger_report(services, year, Path(args.out))
        except ReportError as error:
            print(str(error), file=sys.stderr)
            return 1
        print(out)
        if args.xlsx:
            print(write_ledger_report_xlsx(services, year, Path(args.xlsx)))
    finally:
        services.close()
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop_app.gui.app import run_gui

    return run_gui(_db_path(args) if (args.db or os.environ.get(DB_ENV)) else None)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="studiodesk", description="StudioDesk 工作室台账")
    parser.add_argument("--version", action="version", version=f"StudioDesk {__version__}")
    parser.add_argument("--db", help=f"database file (default: ${DB_ENV} or the user data folder)")
    sub = parser.add_subparsers(dest="command")

    def with_db(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--db", default=argparse.SUPPRESS, help="database file")
        return p

    p = with_db(sub.add_parser("init", help="create a studio without the wizard"))
    p.add_argument("--name", required=True)
    p.add_argument("--preset", required=True)
    p.add_argument("--cycle", help="e.g. 2024-2027 (default: this school year, preset's length)")
    p.add_argument("--level", default="校级", help="校级/区级/市级")
    p.add_argument("--type", help="工作室/成长营/培育室/工作坊 (default: the preset's)")
    p.add_argument("--school", help="host school")
    p.add_argument("--district")
    p.set_defaults(func=cmd_init)

    sub.add_parser("presets", help="list the policy presets").set_defaults(func=cmd_presets)

    p = with_db(sub.add_parser("demo", help="a new database with a demo studio"))
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(func=cmd_demo)

    p = with_db(sub.add_parser("import-roster", help="import members from an Excel roster"))
    p.add_argument("file")
    p.set_defaults(func=cmd_import_roster)

    p = with_db(sub.add_parser("export-roster", help="export the roster to Excel"))
    p.add_argument("--out", required=True)
    p.add_argument("--unmasked", action="store_true", help="write phone and ID numbers in full")
    p.set_defaults(func=cmd_export_roster)

    p = with_db(sub.add_parser("import-attendance", help="import attendance from Excel"))
    p.add_argument("file")
    p.set_defaults(func=cmd_import_attendance)

    p = with_db(sub.add_parser("export-attendance", help="export the attendance matrix to Excel"))
    p.add_argument("--out", required=True)
    p.add_argument(
        "--school-year", type=_school_year, help="e.g. 2025 for 2025-2026 (default: the window)"
    )
    p.set_defaults(func=cmd_export_attendance)

    p = with_db(sub.add_parser("ledger", help="income, spending and balance of a year"))
    p.add_argument(
        "--year", type=_fiscal_year, help="fiscal year, e.g. 2025 (default: the current one)"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ledger)

    p = with_db(sub.add_parser("import-ledger", help="import ledger entries from Excel"))
    p.add_argument("file")
    p.set_defaults(func=cmd_import_ledger)

    p = with_db(sub.add_parser("export-ledger", help="export the ledger entries to Excel"))
    p.add_argument("--year", type=_fiscal_year, help="fiscal year, e.g. 2025 (default: all)")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_export_ledger)

    p = with_db(sub.add_parser("check", help="composition and eligibility warnings"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)

    p = with_db(sub.add_parser("config", help="read or set a studio setting"))
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
    p.set_defaults(func=cmd_config)

    p = with_db(sub.add_parser("screenshot", help="render every page to PNG"))
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_screenshot)
    p = with_db(sub.add_parser("activities", help="list the activities with their ids"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_activities)

    p = with_db(sub.add_parser("flags", help="every member's absences and attendance flag"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_flags)

    report = with_db(sub.add_parser("report", help="write a PDF report"))
    kinds = report.add_subparsers(dest="kind", required=True, metavar="KIND")
    p = with_db(kinds.add_parser("signin", help="sign-in sheet (签到表) of one activity"))
    p.add_argument("--activity", type=int, required=True, help="activity id (see: activities)")
    p.add_argument("--out", required=True, help="the PDF file to write")
    p.set_defaults(func=cmd_report_signin)
    p = with_db(kinds.add_parser("ledger", help="spending report (经费使用情况报告) of a year"))
    p.add_argument(
        "--year", type=_fiscal_year, help="fiscal year, e.g. 2025 (default: the current one)"
    )
    p.add_argument("--out", required=True, help="the PDF file to write")
    p.add_argument("--xlsx", help="also write the report as an Excel workbook here")
    p.set_defaults(func=cmd_report_ledger)
    return parser


def main(argv: list[str] | None = None) -> int:
    from desktop_app.app_settings import load_app_settings

    messages.set_language(load_app_settings().language)
    args = build_parser().parse_args(argv)
    func = getattr(args, "func", None)
    try:
        if func is None:
            return cmd_gui(args)
        return func(args)
    except ValidationError as error:
        for p in error.problems:
            print(p.message, file=sys.stderr)
        return 2
