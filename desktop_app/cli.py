"""One program: the GUI by default, sub-commands for everything that needs no window."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app import __version__
from desktop_app.domain import messages
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


def _open(args: argparse.Namespace, must_exist: bool = True, check: bool = True):
    """``check`` False: without SQLite's whole-file quick check (for a command that only
    reads, where a damaged page fails the read itself)."""
    from desktop_app.services.app import AppServices

    path = _db_path(args)
    if must_exist and not path.exists():
        raise SystemExit(_say(f"no database at {path}", f"找不到数据库：{path}"))
    services = AppServices.open(path, check=check, user=_user(args))
    if must_exist and not services.studio.exists():
        services.close()
        raise SystemExit(_say(f"{path} holds no studio yet", f"{path} 中还没有工作室"))
    return services


def _user(args: argparse.Namespace) -> str:
    """Who is recorded as 登记人 and in the history: --user, else the name given in the
    program's Settings (我的姓名) on this computer; empty: the computer's account name."""
    if getattr(args, "user", None):
        return args.user.strip()
    from desktop_app.app_settings import load_app_settings

    return load_app_settings().user_name


def _say(en: str, zh: str) -> str:
    return en if messages.language() == "en" else zh


def _print_written(path: Path, full_numbers: bool = False) -> None:
    """The file written, on its own line (scripts read it); whether it holds phone and
    ID numbers in full is said on stderr."""
    print(path)
    if full_numbers:
        print(messages.text("export_holds_full_numbers", path=path), file=sys.stderr)


# --- one writer at a time: the window's lock --------------------------------------------
#
# A command that writes takes the lock the window takes (gui/single_instance.py) for as
# long as it runs, and is refused while the window (or another writing command) has the
# database. Refused rather than let through: the window keeps what it shows — pages,
# forms half filled in, the balance a new expense is checked against before it is typed
# — and learns of changes from its own saves only (gui/bus.py), so an import under it
# would leave it showing, and acting on, records that are no longer so. The secretary is
# told who has the database open and does the import in the window (which has the same
# imports, with their preview) or after closing it. Commands that only read (check,
# ledger, reports, export, backup, verify…) keep working beside the window.


def _writes(args: argparse.Namespace) -> bool:
    writes = getattr(args, "writes", False)
    return bool(writes(args) if callable(writes) else writes)


@contextmanager
def _holding_database(args: argparse.Namespace) -> Iterator[None]:
    """The database's lock for the whole command; SystemExit (1) when someone has it."""
    from desktop_app.gui.single_instance import DatabaseLock, LockUnavailable
    from desktop_app.store.audit import current_user

    lock = DatabaseLock(_db_path(args), user=_user(args) or current_user(), program=args.command)
    try:
        held = lock.acquire()
    except LockUnavailable:
        # no folder yet (init makes it), or one that cannot be written (the command
        # says so itself): nobody can hold a lock there either
        yield
        return
    if not held:
        print(_open_elsewhere(lock), file=sys.stderr)
        raise SystemExit(1)
    try:
        yield
    finally:
        lock.release()


def _open_elsewhere(lock) -> str:
    """Who has the database open, and that nothing was written."""
    from desktop_app.gui.single_instance import WINDOW

    holder = lock.holder()
    who: list[str] = []
    if holder is not None:
        if holder.user:
            who.append(holder.user)
        who.append(_say(f"computer {holder.host}", f"电脑 {holder.host}"))
        if holder.since is not None:
            since = holder.since.strftime("%Y-%m-%d %H:%M")
            who.append(_say(f"since {since}", f"自 {since} 起"))
        else:
            who.append(_say(f"process {holder.pid}", f"进程 {holder.pid}"))
    if holder is None or holder.program == WINDOW:
        head = _say(
            f"The database is open in the StudioDesk window ({', '.join(who)})",
            f"数据库正在 StudioDesk 窗口中打开（{'，'.join(who)}）",
        )
        then = _say(
            "Do this in the window, or close the window and run the command again.",
            "请在窗口中操作，或关闭窗口后再运行此命令。",
        )
    else:
        head = _say(
            f"The database is being changed by another command ({', '.join(who)})",
            f"数据库正被另一个命令修改（{'，'.join(who)}）",
        )
        then = _say(
            "Run this command again once that one has finished.", "请等它结束后再运行此命令。"
        )
    return (
        head
        + _say("; nothing was written. ", "，本次未写入任何内容。")
        + then
        + "\n"
        + str(lock.path)
    )


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
    # the rules the document leaves to the studio: given here, or none
    from desktop_app.domain.presets import RULE_SPECS, PresetError, format_value, parse_rule_value

    given = {"attendance_line": args.attendance_line, "expense_categories": args.categories}
    own_rules = {}
    for key in preset.asks():
        try:
            own_rules[key] = parse_rule_value(key, given[key] or "")
        except PresetError:
            print(messages.text(f"bad_own_{key}", value=given[key]), file=sys.stderr)
            return 2
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
                own_rules=own_rules,
            )
        )
    finally:
        services.close()
    print(f"{info.name} · {info.cycle.label} · {preset.title} → {_db_path(args)}")
    for key, value in own_rules.items():
        spec = RULE_SPECS[key]
        print(
            f"  {_say(spec.en, spec.zh)}: {format_value(key, value)}"
            f"  [{messages.text('source_studio')}]"
        )
    return 0


def cmd_presets(_args: argparse.Namespace) -> int:
    from desktop_app.domain.presets import RULE_SPECS, format_value
    from desktop_app.services.presets import all_presets

    # the id is what `init --preset` takes; everything else in the documents' own words
    for preset in all_presets().values():
        print(f"{preset.id}\t{preset.title}\t({preset.issuer})")
        for rule in preset.rules.values():
            spec = RULE_SPECS[rule.key]
            label = spec.en if messages.language() == "en" else spec.zh
            print(f"    {label}: {format_value(rule.key, rule.value)}  [{rule.source_label}]")
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
        from desktop_app.domain.presets import RULE_SPECS

        for w in warnings:  # the rule by its name, its source by the document's title
            spec = RULE_SPECS[w.rule]
            people = "、".join(w.people)
            print(
                f"[{_say(spec.en, spec.zh)}] {w.message}"
                + (f" — {people}" if people else "")
                + f"  ({w.source_label or w.source})"
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
                # the value, what it does, and where it comes from (the studio's own
                # setting, the preset's document, or the program's default)
                value = services.studio.setting_value(key)
                print(f"{key} = {spec.format(value.value)}    # {spec.help}  [{value.origin_text}]")
            return 0
        spec = spec_for(args.key)
        if args.value is not None:
            services.studio.set_setting(args.key, args.value)
        print(f"{args.key} = {spec.format(services.studio.setting(args.key))}")
    finally:
        services.close()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop_app.demo.builder import build_demo

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
    from desktop_app.documents.sheets.roster_io import RosterImportError, apply_import, read_roster

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
    from desktop_app.documents.sheets.roster_io import write_roster

    services = _open(args)
    try:
        mask = services.studio.setting("export.mask_personal_data") and not args.unmasked
        out = write_roster(Path(args.out), services.members.roster(), mask=mask)
    finally:
        services.close()
    _print_written(out, full_numbers=not mask)
    return 0


def cmd_import_attendance(args: argparse.Namespace) -> int:
    from desktop_app.documents.sheets.attendance_io import (
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
    from desktop_app.documents.sheets.attendance_io import write_attendance

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
        t = f.tally
        state = f.state.value.replace("_", " ")
        if f.state.value == "not_judged":
            state = f"fewer than {t.min_sessions} sessions, not judged yet"
        state = _say(state, t.zh)
        print(f"{f.name}\t{t.expected}\t{t.missed}\t{t.ratio_text}\t{state}")
    return 0


def cmd_report_signin(args: argparse.Namespace) -> int:
    from desktop_app.documents.engine.pdf import ReportError
    from desktop_app.documents.reports.signin import write_signin_sheet

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


def _record_id(text: str) -> int:
    """--activity, --id: a record's number as the listing shows it (SQLite keeps numbers
    below 2⁶³; a longer one was an OverflowError)."""
    word = text.strip()
    if word.isdigit() and 0 < int(word) < 2**63:
        return int(word)
    raise argparse.ArgumentTypeError(
        _say(f"not a number from the listing: {text}", f"不是列表中的编号：{text}")
    )


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
    from desktop_app.documents.sheets.ledger_io import write_ledger_workbook

    services = _open(args)
    try:
        out = write_ledger_workbook(services, args.year, Path(args.out))
    finally:
        services.close()
    print(out)
    return 0


def cmd_import_ledger(args: argparse.Namespace) -> int:
    from desktop_app.documents.sheets.ledger_io import (
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
    from desktop_app.documents.engine.pdf import ReportError
    from desktop_app.documents.reports.ledger_report import (
        write_ledger_report,
        write_ledger_report_xlsx,
    )

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
            workbook = write_ledger_report_xlsx(services, year, Path(args.xlsx))
            print(workbook)
    finally:
        services.close()
    return 0


def _year_arg(services, text: str | None):
    """--year of the yearly reports and duties: a school year (2025, 2025-2026,
    2025-2026学年); the current one by default. None (after saying why) when bad."""
    from desktop_app.domain.school_year import SchoolYear

    if text is None:
        return services.year_facts.current_year()
    try:
        return SchoolYear.parse(text)
    except ValueError:
        print(
            _say(
                f"not a school year: {text} (e.g. 2025-2026 or 2025)",
                f"不是学年：{text}（如 2025-2026 或 2025）",
            ),
            file=sys.stderr,
        )
        return None


def _text_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _print_table(rows: list[list[str]]) -> None:
    """Columns padded to their widest cell (a Chinese character counts twice)."""
    widths = [max(_text_width(row[c]) for row in rows) for c in range(len(rows[0]))]
    for row in rows:
        cells = [cell + " " * (widths[c] - _text_width(cell)) for c, cell in enumerate(row)]
        print("  ".join(cells).rstrip())


def cmd_duties(args: argparse.Namespace) -> int:
    from desktop_app.documents.sheets.duties_io import NO_DUTIES
    from desktop_app.domain.vocab import RecordKind, Role

    services = _open(args)
    try:
        year = _year_arg(services, args.year)
        if year is None:
            return 2
        grid = services.duties.grid(year)
    finally:
        services.close()

    def kind_zh(code: str) -> str:
        try:
            return RecordKind.from_code(code).zh
        except ValueError:
            return code

    items = [
        {
            "name": row.name,
            "duty": kind_zh(kind),
            "done": status.done,
            "evidence": status.evidence[0] if status.evidence else None,
            "role": row.role,
            "titles": status.evidence,
        }
        for row in grid.rows
        for kind in grid.kinds
        if (status := row.statuses.get(kind)) is not None
    ]
    if args.json:
        keys = ("name", "duty", "done", "evidence")
        print(json.dumps([{k: i[k] for k in keys} for i in items], ensure_ascii=False, indent=2))
        return 0
    print(f"{year.label}" + _say(" yearly duties", "学年 年度职责完成情况"))
    if not grid.applies:
        print(_say("the studio's policy sets no yearly duties", NO_DUTIES))
        return 0
    if not items:
        print(_say("nobody on the roster in that school year", "该学年没有在册成员"))
        return 0

    def role_zh(code: str) -> str:
        try:
            return Role.from_code(code).zh
        except ValueError:
            return code

    header = [
        _say("name", "姓名"),
        _say("role", "角色"),
        _say("duty", "年度职责"),
        _say("done", "完成"),
        _say("evidence", "佐证"),
    ]
    not_done = _say("encouraged", "鼓励") if grid.encouraged else "✗"
    rows = [header] + [
        [
            i["name"],
            role_zh(i["role"]),
            i["duty"],
            "✓" if i["done"] else not_done,
            "；".join(i["titles"]) or "-",
        ]
        for i in items
    ]
    _print_table(rows)
    done = sum(1 for i in items if i["done"])
    print(_say(f"done {done} of {len(items)}", f"已完成 {done} 项，共 {len(items)} 项"))
    return 0


def _write_yearly_report(
    args: argparse.Namespace, write_pdf, write_xlsx, subject, write_docx=None
) -> int:
    """report plan|summary|duties: the PDF at --out (and the workbook at --xlsx, the Word
    document at --docx where the kind has one) of the school year --year;
    ``subject(services, year)`` says why there is nothing to write (None when there is)."""
    from desktop_app.documents.engine.pdf import ReportError

    services = _open(args)
    try:
        year = _year_arg(services, args.year)
        if year is None:
            return 2
        problem = subject(services, year) if subject else None
        if problem:
            print(problem, file=sys.stderr)
            return 1
        try:
            print(write_pdf(services, year, Path(args.out)))
            if args.xlsx:
                print(write_xlsx(services, year, Path(args.xlsx)))
            if write_docx is not None and args.docx:
                print(write_docx(services, year, Path(args.docx)))
        except (ReportError, OSError) as error:
            print(str(error), file=sys.stderr)
            return 1
    finally:
        services.close()
    return 0


def cmd_report_plan(args: argparse.Namespace) -> int:
    from desktop_app.documents.reports.plan_report import write_plan_report, write_plan_report_xlsx

    def no_plan(services, year) -> str | None:
        if services.plans.annual_plan(year) is not None:
            return None
        return messages.text("no_annual_plan", year=year.label)

    return _write_yearly_report(args, write_plan_report, write_plan_report_xlsx, no_plan)


def cmd_report_summary(args: argparse.Namespace) -> int:
    from desktop_app.documents.reports.summary_report import (
        write_summary_docx,
        write_summary_report,
        write_summary_report_xlsx,
    )

    return _write_yearly_report(
        args, write_summary_report, write_summary_report_xlsx, None, write_summary_docx
    )


def cmd_report_application(args: argparse.Namespace) -> int:
    """report application: the host's application form (申报表, seed 004 附件3) as a PDF
    at --out and a Word document at --docx, its 申报汇总表 at --xlsx."""
    from desktop_app.documents.engine.pdf import ReportError
    from desktop_app.documents.reports.application_form import (
        write_application_docx,
        write_application_pdf,
    )
    from desktop_app.documents.reports.application_summary import write_studio_application_summary
    from desktop_app.services.application import (
        NoApplicationForm,
        masked_by_default,
        read_application,
    )

    services = _open(args)
    try:
        try:
            masked = masked_by_default(services) and not args.unmasked
            app = read_application(services, masked=masked)
        except NoApplicationForm as error:
            print(str(error), file=sys.stderr)
            return 1
        try:
            full = not masked
            _print_written(write_application_pdf(services, app, Path(args.out)), full)
            if args.docx:
                _print_written(write_application_docx(services, app, Path(args.docx)), full)
            if args.xlsx:
                summary = write_studio_application_summary(services, app, Path(args.xlsx))
                _print_written(summary, full)
        except (ReportError, OSError) as error:
            print(str(error), file=sys.stderr)
            return 1
    finally:
        services.close()
    return 0


def cmd_report_duties(args: argparse.Namespace) -> int:
    from desktop_app.documents.reports.duties_report import (
        write_duties_report,
        write_duties_report_xlsx,
    )

    return _write_yearly_report(args, write_duties_report, write_duties_report_xlsx, None)


def cmd_report_assessment(args: argparse.Namespace) -> int:
    from desktop_app.documents.engine.pdf import ReportError
    from desktop_app.documents.reports.assessment_report import (
        write_assessment_report,
        write_assessment_report_xlsx,
    )

    services = _open(args)
    try:
        headers = services.assessments.list()
        if args.id is None or all(h.id != args.id for h in headers):
            if headers:
                listing = "\n".join(
                    f"  {h.id}\t{h.school_year.label}\t{h.title}\t{_status_zh(h.status)}"
                    for h in headers
                )
            else:
                listing = _say("  (there are no assessments yet)", "  （还没有考核）")
            if args.id is None:
                head = _say("give the assessment with --id:", "请用 --id 指定考核编号：")
            else:
                head = _say(
                    f"there is no assessment with the id {args.id}; the assessments are:",
                    f"找不到编号为 {args.id} 的考核；现有考核：",
                )
            print(head + "\n" + listing, file=sys.stderr)
            return 1
        try:
            print(write_assessment_report(services, args.id, Path(args.out)))
            if args.xlsx:
                print(write_assessment_report_xlsx(services, args.id, Path(args.xlsx)))
        except (ReportError, OSError) as error:
            print(str(error), file=sys.stderr)
            return 1
    finally:
        services.close()
    return 0


def _status_zh(code: str) -> str:
    from desktop_app.domain.vocab import AssessmentStatus

    try:
        return AssessmentStatus.from_code(code).zh
    except ValueError:
        return code


def cmd_report_annual(args: argparse.Namespace) -> int:
    """report annual: the annual (mid-term, final) report of a period, and its workbook."""
    from desktop_app.documents.engine.pdf import ReportError
    from desktop_app.documents.reports.annual_report import write_annual_report
    from desktop_app.documents.reports.sections import PeriodData
    from desktop_app.documents.sheets.period_workbook import write_period_workbook
    from desktop_app.domain.period import parse_period

    services = _open(args)
    try:
        text = args.period or args.year or services.year_facts.current_year().label
        # ValidationError: main() says why, exit 2
        period = parse_period(text, services.studio.get().cycle)
        try:
            fingerprint = services.bundle.fingerprint()
        except (AttributeError, OSError, ValueError):
            fingerprint = None
        data = PeriodData(services, period, unmasked=args.unmasked)
        try:
            _print_written(
                write_annual_report(
                    services, period, Path(args.out), fingerprint=fingerprint, data=data
                ),
                args.unmasked,
            )
            if args.xlsx:
                workbook = write_period_workbook(services, period, Path(args.xlsx), data=data)
                _print_written(workbook, args.unmasked)
        except (ReportError, OSError) as error:
            print(str(error), file=sys.stderr)
            return 1
    finally:
        services.close()
    return 0


def cmd_report_growth(args: argparse.Namespace) -> int:
    """report growth: one member's growth file (成长档案)."""
    from desktop_app.documents.engine.pdf import ReportError
    from desktop_app.documents.reports.growth_file import (
        MemberNotFound,
        find_member,
        write_growth_file,
    )

    services = _open(args)
    try:
        try:
            member = find_member(services, args.member)
        except MemberNotFound as error:
            if not error.matches:
                print(
                    _say(
                        f"nobody called {args.member} on the roster",
                        f"名册中没有名为{messages.quoted(args.member)}的成员",
                    ),
                    file=sys.stderr,
                )
            else:
                lines = [
                    f"  {m.name}\t{m.school or '-'}\t{_role_word(m.role)}"
                    + (f"\t{m.joined_on}" if m.joined_on else "")
                    for m in error.matches
                ]
                print(
                    _say(
                        f"{len(error.matches)} members are called {args.member}:",
                        f"名为{messages.quoted(args.member)}的成员有 {len(error.matches)} 位：",
                    )
                    + "\n"
                    + "\n".join(lines),
                    file=sys.stderr,
                )
            return 1
        try:
            _print_written(
                write_growth_file(
                    services, member.membership_id, Path(args.out), unmasked=args.unmasked
                ),
                args.unmasked,
            )
        except (ReportError, OSError) as error:
            print(str(error), file=sys.stderr)
            return 1
    finally:
        services.close()
    return 0


def _role_word(code: str) -> str:
    from desktop_app.domain.vocab import Role

    try:
        return Role.from_code(code).zh
    except ValueError:
        return code


def _add_period_report_commands(kinds, with_db) -> None:
    """report annual and report growth."""
    p = with_db(kinds.add_parser("annual", help="annual report (年度报告) of a period"))
    which = p.add_mutually_exclusive_group()
    which.add_argument("--year", help="school year, e.g. 2025-2026 (default: the current one)")
    which.add_argument("--period", help="midterm or final (the cycle's reviews), or a school year")
    p.add_argument("--out", required=True, help="the PDF file to write")
    p.add_argument("--xlsx", help="also write the period's workbook here")
    p.add_argument("--unmasked", action="store_true", help="write phone and ID numbers in full")
    p.set_defaults(func=cmd_report_annual)
    p = with_db(kinds.add_parser("growth", help="a member's growth file (成长档案)"))
    p.add_argument("--member", required=True, help="the member's name")
    p.add_argument("--out", required=True, help="the PDF file to write")
    p.add_argument("--unmasked", action="store_true", help="write phone and ID numbers in full")
    p.set_defaults(func=cmd_report_growth)


def cmd_inbox(args: argparse.Namespace) -> int:
    """The bureau's inbox: every bundle in DIR checked, one comparison workbook."""
    from desktop_app.documents.inbox import scan, write_workbook
    from desktop_app.domain.money import format_fen

    folder = Path(args.dir)
    if not folder.is_dir():
        print(_say(f"no folder at {folder}", f"找不到文件夹：{folder}"), file=sys.stderr)
        return 2
    if args.expected and not Path(args.expected).is_file():
        print(_say(f"no file at {args.expected}", f"找不到文件：{args.expected}"), file=sys.stderr)
        return 2
    try:
        report = scan(folder, expected=args.expected, period=args.period)
    except ValueError as error:  # the list of expected studios cannot be read
        print(error, file=sys.stderr)
        return 2
    out = write_workbook(report, Path(args.out))
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        print(_say(f"written: {out}", f"已写入：{out}"), file=sys.stderr)
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
                _say(f"members {f.members}", f"成员 {f.members}"),
                _say(f"activities {f.activities}", f"活动 {f.activities}"),
                _say(f"attendance {f.attendance_text}", f"出勤 {f.attendance_text}"),
                _say(f"flagged {f.flagged}", f"缺勤超线 {f.flagged}"),
                _say(f"granted {format_fen(f.granted_fen)}", f"到账 {format_fen(f.granted_fen)}"),
                _say(f"spent {format_fen(f.spent_fen)}", f"支出 {format_fen(f.spent_fen)}"),
                _say(f"duties {f.duties_text}", f"职责 {f.duties_text}"),
                _say(f"grade {f.grade_text or '-'}", f"考核 {f.grade_text or '—'}"),
                _say(f"signer {row.signer}", f"签名 {row.signer}"),
            ]
            print(f"✓ {row.file}  " + " · ".join(parts))
        for note in row.notes:
            print(f"    ! {note}")
    done = report.completeness
    if done is not None:
        missing = "、".join(s.name for s in done.studios if not s.submitted) or "—"
        print(
            _say(
                f"reporting rate {report.period or '-'}: {done.rate_text}; missing: {missing}",
                f"报送率（{report.period or '—'}）：{done.rate_text}；未报送：{missing}",
            )
        )
    else:
        print(
            _say(
                f"{report.valid_count} of {len(report.rows)} files are valid bundles",
                f"共 {len(report.rows)} 个文件，有效材料包 {report.valid_count} 个",
            )
        )
    print(_say(f"written: {out}", f"已写入：{out}"))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """export: the submission bundle of a period (a signed BagIt zip)."""
    from desktop_app.bundle.zipwrite import Cancelled
    from desktop_app.documents.bundle.export import BundleExport

    services = _open(args, check=False)
    try:
        bundle = BundleExport(services)
        period = services.bundle.parse_period(args.period)
        try:
            result = bundle.export(period, Path(args.out), unmasked=args.unmasked)
        except (OSError, Cancelled) as error:
            print(str(error) or type(error).__name__, file=sys.stderr)
            return 1
        except Exception as error:
            # Imported only here: an export of kept documents never loads ReportLab.
            from desktop_app.documents.engine.pdf import ReportError

            if not isinstance(error, ReportError):
                raise
            print(str(error) or type(error).__name__, file=sys.stderr)
            return 1
    finally:
        services.close()
    _print_written(result.path, args.unmasked)
    print(f"sha256: {result.sha256}")
    print(_say("signer: ", "签名者指纹：") + result.fingerprint)
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


def cmd_prepare(args: argparse.Namespace) -> int:
    """prepare: make ahead the documents of the bundles likely to be exported, so that the
    export only copies (the program runs this in the background after changes)."""
    from desktop_app.documents.bundle.export import BundleExport

    if args.background:
        _lower_priority()
    services = _open(args, check=False)
    try:
        bundle = BundleExport(services)
        if args.period:
            wanted = [(services.bundle.parse_period(p), args.unmasked) for p in args.period]
        else:
            wanted = bundle.periods_to_prepare(services.today())
        for period, unmasked in wanted:
            made = bundle.prepare(period, unmasked=unmasked)
            if made:
                state = _say("made", "已生成")
            else:
                state = _say("already made", "已是最新")
            print(f"{period.label}: {state}")
    finally:
        services.close()
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """verify: 0 for a complete, valid, signed bundle; 1 and the reason otherwise."""
    from desktop_app.bundle.verify import verify

    path = Path(args.file)
    if not path.is_file():
        print(_say(f"no file at {path}", f"找不到文件：{path}"), file=sys.stderr)
        return 1
    verdict = verify(path)
    if not verdict.valid:
        print(_say("INVALID: ", "校验未通过：") + (verdict.reason or ""), file=sys.stderr)
        return 1
    print(_say("valid bundle", "材料包校验通过"))
    print(_say("studio: ", "工作室：") + (verdict.studio or ""))
    print(_say("period: ", "报送期间：") + (verdict.period or ""))
    print(_say("signer: ", "签名者指纹：") + (verdict.signer or ""))
    return 0


def _add_bundle_commands(sub, with_db) -> None:
    """export and verify (the submission bundle)."""
    p = with_db(sub.add_parser("export", help="write the submission bundle of a period (zip)"))
    p.add_argument("--period", required=True, help="a school year (2025-2026), midterm or final")
    p.add_argument("--out", required=True, help="the zip file to write")
    p.add_argument("--unmasked", action="store_true", help="write phone and ID numbers in full")
    p.set_defaults(func=cmd_export)

    p = with_db(sub.add_parser("prepare", help="make ahead the documents of the bundles to export"))
    p.add_argument(
        "--period",
        action="append",
        help="a period to prepare (repeatable); default: those likely to be exported",
    )
    p.add_argument("--unmasked", action="store_true", help="with phone and ID numbers in full")
    p.add_argument(
        "--background", action="store_true", help="at a low priority (as the program runs it)"
    )
    p.set_defaults(func=cmd_prepare)

    p = sub.add_parser("verify", help="check a submission bundle (exit 0 when valid)")
    p.add_argument("file", help="the bundle (zip)")
    p.set_defaults(func=cmd_verify)


def _print_problems(headline: str, problems) -> None:
    print(headline, file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)


def cmd_backup(args: argparse.Namespace) -> int:
    """backup: a checked copy of the database and its files (zip), never migrated first."""
    from desktop_app.services.backup import BackupError, BackupService

    path = _db_path(args)
    if not path.is_file():
        print(_say(f"no database at {path}", f"找不到数据库：{path}"), file=sys.stderr)
        return 1
    service = BackupService(path)
    out = Path(args.out) if args.out else None
    try:
        if out is None:
            info = service.backup_now("manual")
        elif out.is_dir() or out.suffix.lower() != ".zip":  # a folder (made if need be)
            info = service.backup_now("manual", target_dir=out)
        elif out.exists():
            print(_say(f"{out} exists", f"{out} 已存在"), file=sys.stderr)
            return 1
        else:
            info = service.backup_to(out)
    except BackupError as error:
        _print_problems(_say("backup failed:", "备份失败："), error.problems)
        return 1
    if args.json:
        print(json.dumps(info.as_json(), ensure_ascii=False, indent=2))
    else:
        print(info.path)
        print(
            _say(
                f"checked: ok · {info.size} bytes · {info.files} files",
                f"已检查，完好 · {info.size} 字节 · {info.files} 个文件",
            )
        )
    if info.missing:
        print(
            _say(
                f"warning: {len(info.missing)} referenced files were not in the file store",
                f"注意：有 {len(info.missing)} 个被引用的文件不在文件库中",
            ),
            file=sys.stderr,
        )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """restore: check the backup, keep the database it replaces, put the backup in place."""
    from desktop_app.services.backup import BackupError, BackupRefused, BackupService

    path = _db_path(args)
    try:
        result = BackupService(path).restore(Path(args.file))
    except BackupRefused as error:
        _print_problems(
            _say("not restored, the backup is bad:", "备份未通过检查，未恢复："), error.problems
        )
        return 1
    except BackupError as error:
        _print_problems(_say("not restored:", "未恢复："), error.problems)
        return 1
    print(
        _say(
            f"restored {result.restored_from} → {path}", f"已恢复：{result.restored_from} → {path}"
        )
    )
    if result.kept is not None:
        print(
            _say(
                f"the replaced database is kept in {result.kept}",
                f"被替换的数据库已保存为：{result.kept}",
            )
        )
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    """backups: the backups folder of a database, newest first."""
    from desktop_app.services.backup import BackupService

    backups = BackupService(_db_path(args)).list()
    if args.json:
        print(json.dumps([b.as_json() for b in backups], ensure_ascii=False, indent=2))
        return 0
    for b in backups:
        state = "ok" if b.ok else _say("DAMAGED", "已损坏")
        when = b.created.strftime("%Y-%m-%d %H:%M:%S")
        print(f"{when}  {b.kind:<14} {state:<6} {b.size:>12,}  {b.path}")
        for problem in b.problems:
            print(f"    ! {problem}")
    if not backups:
        print(_say("no backups yet", "还没有备份"))
    return 0


def _add_backup_commands(sub, with_db) -> None:
    """backup, restore and backups."""
    p = with_db(sub.add_parser("backup", help="write a checked backup (zip) of the database"))
    p.add_argument("--out", help="the zip to write, or a folder (default: the backups folder)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_backup)
    p = with_db(sub.add_parser("restore", help="put a backup in the database's place"))
    p.add_argument("file", help="the backup (zip)")
    p.set_defaults(func=cmd_restore, writes=True)
    p = with_db(sub.add_parser("backups", help="list the backups of the database"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_backups)


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop_app.gui.app import run_gui

    return run_gui(_db_path(args) if (args.db or os.environ.get(DB_ENV)) else None)


USER_HELP = (
    "your name, recorded as 登记人 and in the history of changes (default: 我的姓名 in "
    "the program's Settings, else this computer's account name)"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="studiodesk", description="StudioDesk 工作室台账")
    parser.add_argument("--version", action="version", version=f"StudioDesk {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this copy of the program in a temporary folder (exit 0 when it works)",
    )
    parser.add_argument("--db", help=f"database file (default: ${DB_ENV} or the user data folder)")
    parser.add_argument("--user", help=USER_HELP)
    sub = parser.add_subparsers(dest="command")

    def with_db(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--db", default=argparse.SUPPRESS, help="database file")
        p.add_argument("--user", default=argparse.SUPPRESS, help=USER_HELP)
        return p

    p = with_db(sub.add_parser("init", help="create a studio without the wizard"))
    p.add_argument("--name", required=True)
    p.add_argument("--preset", required=True)
    p.add_argument("--cycle", help="e.g. 2024-2027 (default: this school year, preset's length)")
    p.add_argument("--level", default="校级", help="校级/区级/市级")
    p.add_argument("--type", help="工作室/成长营/培育室/工作坊 (default: the preset's)")
    p.add_argument("--school", help="host school")
    p.add_argument("--district")
    p.add_argument(
        "--attendance-line",
        help="this studio's absence line where its document sets none, e.g. 1/3 "
        "(default: none; the jiangyin document sets one third)",
    )
    p.add_argument(
        "--categories",
        help="this studio's spending categories where its document lists none, separated "
        "by 、 or commas (default: none; add them on the Funds page)",
    )
    p.set_defaults(func=cmd_init, writes=True)

    sub.add_parser("presets", help="list the policy presets").set_defaults(func=cmd_presets)

    p = with_db(sub.add_parser("demo", help="a new database with a demo studio"))
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(func=cmd_demo)

    p = with_db(sub.add_parser("import-roster", help="import members from an Excel roster"))
    p.add_argument("file")
    p.set_defaults(func=cmd_import_roster, writes=True)

    p = with_db(sub.add_parser("export-roster", help="export the roster to Excel"))
    p.add_argument("--out", required=True)
    p.add_argument("--unmasked", action="store_true", help="write phone and ID numbers in full")
    p.set_defaults(func=cmd_export_roster)

    p = with_db(sub.add_parser("import-attendance", help="import attendance from Excel"))
    p.add_argument("file")
    p.set_defaults(func=cmd_import_attendance, writes=True)

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
    p.set_defaults(func=cmd_import_ledger, writes=True)

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
    p.set_defaults(func=cmd_config, writes=lambda a: a.value is not None)

    p = with_db(sub.add_parser("screenshot", help="render every page to PNG"))
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_screenshot)
    p = with_db(sub.add_parser("activities", help="list the activities with their ids"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_activities)

    p = with_db(sub.add_parser("duties", help="every member's yearly duties (年度职责)"))
    p.add_argument("--year", help="school year, e.g. 2025-2026 or 2025 (default: the current one)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_duties)

    p = with_db(sub.add_parser("flags", help="every member's absences and attendance flag"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_flags)

    report = with_db(sub.add_parser("report", help="write a PDF report (and a workbook)"))
    kinds = report.add_subparsers(dest="kind", required=True, metavar="KIND")
    p = with_db(kinds.add_parser("signin", help="sign-in sheet (签到表) of one activity"))
    p.add_argument(
        "--activity", type=_record_id, required=True, help="activity id (see: activities)"
    )
    p.add_argument("--out", required=True, help="the PDF file to write")
    p.set_defaults(func=cmd_report_signin)
    p = with_db(kinds.add_parser("ledger", help="spending report (经费使用情况报告) of a year"))
    p.add_argument(
        "--year", type=_fiscal_year, help="fiscal year, e.g. 2025 (default: the current one)"
    )
    p.add_argument("--out", required=True, help="the PDF file to write")
    p.add_argument("--xlsx", help="also write the report as an Excel workbook here")
    p.set_defaults(func=cmd_report_ledger)
    year_help = "school year, e.g. 2025-2026 or 2025 (default: the current one)"
    for kind, help_text, func in (
        ("plan", "annual plan (年度工作计划) with its task ledger", cmd_report_plan),
        ("summary", "annual summary (年度工作总结) with its figures", cmd_report_summary),
        ("duties", "yearly duties of the members (年度职责完成情况)", cmd_report_duties),
    ):
        p = with_db(kinds.add_parser(kind, help=help_text))
        p.add_argument("--year", help=year_help)
        p.add_argument("--out", required=True, help="the PDF file to write")
        p.add_argument("--xlsx", help="also write the report as an Excel workbook here")
        if kind == "summary":
            p.add_argument("--docx", help="also write it as a Word document here, to finish")
        p.set_defaults(func=func)
    p = with_db(
        kinds.add_parser("application", help="the host's application form (申报表) and 申报汇总表")
    )
    p.add_argument("--out", required=True, help="the PDF file to write")
    p.add_argument("--docx", help="also write the form as a Word document here, to fill in")
    p.add_argument("--xlsx", help="also write the 申报汇总表 (Excel) here")
    p.add_argument("--unmasked", action="store_true", help="write phone and ID numbers in full")
    p.set_defaults(func=cmd_report_application)
    p = with_db(kinds.add_parser("assessment", help="one assessment (考核表)"))
    p.add_argument("--id", type=_record_id, help="assessment id (listed when missing or unknown)")
    p.add_argument("--out", required=True, help="the PDF file to write")
    p.add_argument("--xlsx", help="also write the report as an Excel workbook here")
    p.set_defaults(func=cmd_report_assessment)
    _add_period_report_commands(kinds, with_db)
    _add_bundle_commands(sub, with_db)
    _add_backup_commands(sub, with_db)

    p = sub.add_parser("inbox", help="check every bundle in a folder (the bureau's inbox)")
    p.add_argument("dir", help="the folder of submission bundles")
    p.add_argument("--out", required=True, help="the comparison workbook (.xlsx) to write")
    p.add_argument("--expected", help="the studios expected: .xlsx, .csv or .txt")
    p.add_argument("--period", help="the period to check completeness for (default: most common)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_inbox)
    return parser


def main(argv: list[str] | None = None) -> int:
    from desktop_app.app_settings import load_app_settings

    messages.set_language(load_app_settings().language)
    args = build_parser().parse_args(argv)
    if args.self_test:  # never the user's database or settings: see desktop_app/selftest.py
        from desktop_app.launch import started
        from desktop_app.selftest import run_self_test

        started()

        return run_self_test()
    func = getattr(args, "func", None)
    try:
        if func is None:
            return cmd_gui(args)  # start-up ends at the window's first paint
        from desktop_app.launch import started

        started()  # a command: start-up is over
        if _writes(args):
            with _holding_database(args):
                return func(args)
        return func(args)
    except ValidationError as error:
        for p in error.problems:
            print(p.message, file=sys.stderr)
        return 2
