"""The studio: init, presets, demo and config."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop_app.cli.common import db_address, file_only, opened, say, shown
from desktop_app.cli.registry import arg, command
from desktop_app.domain import messages
from desktop_app.domain.roles import Capability
from desktop_app.domain.vocab import StudioLevel, StudioType
from desktop_app.paths import DB_ENV


@command(
    "init",
    "create a studio without the wizard",
    arg("--name", required=True),
    arg("--preset", required=True),
    arg("--cycle", help="e.g. 2024-2027 (default: this school year, preset's length)"),
    arg("--level", default=StudioLevel.SCHOOL.zh, help=StudioLevel.words("/")),
    arg("--type", help=f"{StudioType.words('/')} (default: the preset's)"),
    arg("--school", help="host school"),
    arg("--district"),
    arg(
        "--attendance-line",
        help="this studio's absence line where its document sets none, e.g. 1/3 "
        "(default: none; the jiangyin document sets one third)",
    ),
    arg(
        "--categories",
        help="this studio's spending categories where its document lists none, separated "
        "by 、 or commas (default: none; add them on the Funds page)",
    ),
    writes=True,
    capability=Capability.SETTINGS,
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
    with opened(args, must_exist=False) as services:
        if services.studio.exists():
            print(
                say("this database already holds a studio"),
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
    print(f"{info.name} · {info.cycle.label} · {preset.title} → {shown(db_address(args))}")
    for key, value in own_rules.items():
        spec = RULE_SPECS[key]
        print(f"  {spec.name}: {format_value(key, value)}  [{messages.text('source_studio')}]")
    return 0


@command("presets", "list the policy presets", with_db=False)
def cmd_presets(_args: argparse.Namespace) -> int:
    from desktop_app.domain.presets import RULE_SPECS, format_value
    from desktop_app.services.presets import all_presets

    # the id is what `init --preset` takes; everything else in the documents' own words
    for preset in all_presets().values():
        print(f"{preset.id}\t{preset.title}\t({preset.issuer})")
        for rule in preset.rules.values():
            spec = RULE_SPECS[rule.key]
            label = spec.name
            print(f"    {label}: {format_value(rule.key, rule.value)}  [{rule.source_label}]")
    return 0


@command(
    "demo",
    "a new database with a demo studio",
    arg("--seed", type=int, default=1),
    capability=Capability.SETTINGS,
)
def cmd_demo(args: argparse.Namespace) -> int:
    from desktop_app.demo.builder import build_demo

    if getattr(args, "db", None) or os.environ.get(DB_ENV):
        path = file_only(args)  # never a school server's database: it is no demo
    else:  # never the real database's place: the demo lives in a database of its own
        from desktop_app.app_settings import load_app_settings
        from desktop_app.paths import demo_db_path

        data_dir = load_app_settings().data_dir
        path = demo_db_path(Path(data_dir) if data_dir else None)
    if path.exists():
        print(
            say("{path} exists; the demo needs a new file", path=path),
            file=sys.stderr,
        )
        return 1
    summary = build_demo(path, seed=args.seed)
    print(summary)
    return 0


@command(
    "config",
    "read or set a studio setting",
    arg("key", nargs="?"),
    arg("value", nargs="?"),
    writes=lambda a: a.value is not None,
    capability=lambda a: Capability.READ if a.value is None else Capability.SETTINGS,
)
def cmd_config(args: argparse.Namespace) -> int:
    from desktop_app.domain.settings import SETTINGS, spec_for

    with opened(args) as services:
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
    return 0
