"""One program: the GUI by default, sub-commands for everything that needs no window.

Each group of commands is a module of this package that registers its sub-commands
(registry.py); the parser and the dispatcher below are built from that registry, and
every command opens, fails and prints through common.py."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from desktop_app import __version__
from desktop_app.cli import (
    accounts,
    attendance,
    backups,
    bundle,
    ledger,
    registry,
    reports,
    roster,
    studio,
    window,
)
from desktop_app.cli.arguments import USER_HELP
from desktop_app.cli.common import Failed, holding_database
from desktop_app.domain import messages
from desktop_app.domain.problems import ValidationError
from desktop_app.paths import DB_ENV

DB_HELP = (
    "database file, or a school server's database: postgresql+psycopg://user@host/database "
    "(the password from ~/.pgpass or PGPASSWORD, or in the URL)"
)

GROUPS = (studio, roster, attendance, ledger, reports, bundle, backups, accounts, window)

# The order ``studiodesk --help`` lists the commands in (the groups' commands interleave).
ORDER = (
    "init",
    "presets",
    "demo",
    "import-roster",
    "export-roster",
    "import-attendance",
    "export-attendance",
    "ledger",
    "import-ledger",
    "export-ledger",
    "check",
    "config",
    "screenshot",
    "activities",
    "duties",
    "flags",
    "report",
    "export",
    "prepare",
    "verify",
    "backup",
    "restore",
    "backups",
    "inbox",
    "accounts",
    "server-init",
)


def _with_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=argparse.SUPPRESS, help=DB_HELP)
    p.add_argument("--user", default=argparse.SUPPRESS, help=USER_HELP)


def _add_commands(sub, commands: list[registry.Command]) -> None:
    for command in commands:
        p = sub.add_parser(command.name, help=command.help)
        if command.with_db:
            _with_db(p)
        for argument in command.args:
            if isinstance(argument, registry.OneOf):
                group = p.add_mutually_exclusive_group()
                for a in argument.args:
                    group.add_argument(*a.flags, **a.options)
            else:
                p.add_argument(*argument.flags, **argument.options)
        if command.subcommands:
            kinds = p.add_subparsers(
                dest=command.subcommands, required=True, metavar=command.subcommands.upper()
            )
            _add_commands(kinds, registry.children(command.name))
        else:
            p.set_defaults(run=command)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="studiodesk", description="StudioDesk 工作室台账")
    parser.add_argument("--version", action="version", version=f"StudioDesk {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this copy of the program in a temporary folder (exit 0 when it works)",
    )
    parser.add_argument(
        "--db", help=f"{DB_HELP}; default: ${DB_ENV}, else the user data folder's file"
    )
    parser.add_argument("--user", help=USER_HELP)
    sub = parser.add_subparsers(dest="command")
    _add_commands(sub, sorted(registry.children(None), key=lambda c: ORDER.index(c.name)))
    return parser


def _nothing() -> None:
    pass


def main(argv: list[str] | None = None, ready: Callable[[], None] = _nothing) -> int:
    """``ready``: called once start-up is over (the entry point's, launch.started)."""
    from desktop_app.app_settings import load_app_settings

    messages.set_language(load_app_settings().language)
    args = build_parser().parse_args(argv)
    if args.self_test:
        return window.self_test(ready)
    command: registry.Command | None = getattr(args, "run", None)
    try:
        if command is None:
            return window.start_window(args, ready)  # start-up ends at the first paint
        ready()  # a command: start-up is over
        if command.writes_for(args):
            with holding_database(args):
                return command.handler(args)
        return command.handler(args)
    except Failed as failure:  # its reason said on stderr already
        return failure.code
    except ValidationError as error:
        for p in error.problems:
            print(p.message, file=sys.stderr)
        return 2
