"""The roster and its members: import-roster, export-roster, check and duties."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desktop_app.cli.arguments import JSON, UNMASKED
from desktop_app.cli.common import (
    fail,
    opened,
    print_table,
    print_written,
    refuse_problems,
    say,
    year_arg,
)
from desktop_app.cli.registry import arg, command
from desktop_app.domain.messages import NC_
from desktop_app.domain.roles import Capability


@command(
    "import-roster",
    "import members from an Excel roster",
    arg("file"),
    writes=True,
    capability=Capability.MEMBERSHIPS,
)
def cmd_import_roster(args: argparse.Namespace) -> int:
    from desktop_app.documents.sheets.roster_io import RosterImportError, apply_import, read_roster

    with opened(args) as services:
        try:
            preview = read_roster(Path(args.file), services.members)
        except RosterImportError as error:
            raise fail(str(error)) from error
        refuse_problems(preview)
        counts = apply_import(preview, services.members)
        print(counts)
    return 0


@command(
    "export-roster",
    "export the roster to Excel",
    arg("--out", required=True),
    UNMASKED,
    capability=Capability.EXPORT,
)
def cmd_export_roster(args: argparse.Namespace) -> int:
    from desktop_app.documents.sheets.roster_io import write_roster

    with opened(args) as services:
        mask = services.studio.setting("export.mask_personal_data") and not args.unmasked
        out = write_roster(Path(args.out), services.members.roster(), mask=mask)
    print_written(out, full_numbers=not mask)
    return 0


@command("check", "composition and eligibility warnings", JSON)
def cmd_check(args: argparse.Namespace) -> int:
    with opened(args) as services:
        warnings = services.members.warnings()
    if args.json:
        print(json.dumps([w.as_json() for w in warnings], ensure_ascii=False, indent=2))
    else:
        from desktop_app.domain.presets import RULE_SPECS

        for w in warnings:  # the rule by its name, its source by the document's title
            spec = RULE_SPECS[w.rule]
            people = "、".join(w.people)
            print(
                f"[{spec.name}] {w.message}"
                + (f" — {people}" if people else "")
                + f"  ({w.source_label or w.source})"
            )
        if not warnings:
            print(say("no warnings"))
    return 0


@command(
    "duties",
    "every member's yearly duties (年度职责)",
    arg("--year", help="school year, e.g. 2025-2026 or 2025 (default: the current one)"),
    JSON,
)
def cmd_duties(args: argparse.Namespace) -> int:
    from desktop_app.domain.vocab import RecordKind, Role

    with opened(args) as services:
        year = year_arg(services, args.year)
        grid = services.duties.grid(year)
    items = [
        {
            "name": row.name,
            "duty": RecordKind.zh_of(kind),
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
    print(f"{year.label}" + say(" yearly duties"))
    if not grid.applies:
        print(say("the studio's policy sets no yearly duties"))
        return 0
    if not items:
        print(say("nobody on the roster in that school year"))
        return 0
    header = [
        say("name"),
        say("role"),
        say("duty"),
        say("done"),
        say(NC_("duties table", "evidence")),
    ]
    not_done = say("encouraged") if grid.encouraged else "✗"
    rows = [header] + [
        [
            i["name"],
            Role.zh_of(i["role"]),
            i["duty"],
            "✓" if i["done"] else not_done,
            "；".join(i["titles"]) or "-",
        ]
        for i in items
    ]
    print_table(rows)
    done = sum(1 for i in items if i["done"])
    print(say("done {done} of {total}", done=done, total=len(items)))
    return 0
