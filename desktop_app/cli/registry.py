"""The commands in one list: each group module registers its sub-commands here (name,
help, arguments, handler, whether it writes), and the parser and the dispatcher are
built from this list alone."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.roles import Capability

Handler = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class Arg:
    """One ``add_argument`` call."""

    flags: tuple[str, ...]
    options: dict[str, Any]


def arg(*flags: str, **options: Any) -> Arg:
    return Arg(flags, options)


@dataclass(frozen=True)
class OneOf:
    """Arguments of which one at most is given (argparse's mutually exclusive group)."""

    args: tuple[Arg, ...]


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    handler: Handler | None  # None: a command of sub-commands (report KIND)
    args: tuple[Arg | OneOf, ...] = ()
    parent: str | None = None  # "report" for report KIND
    with_db: bool = True  # takes --db and --user
    # True, or a test of the arguments: the command takes the window's lock (see common)
    writes: bool | Callable[[argparse.Namespace], bool] = False
    subcommands: str | None = None  # the sub-commands' dest ("kind"); metavar: its upper case
    # What the signed-in account must be allowed (issue 18; domain/roles.py), checked when
    # the command opens the database (common.open_services); a test of the arguments
    # where it depends on them. Reading is everyone's.
    capability: Capability | Callable[[argparse.Namespace], Capability] = Capability.READ

    @property
    def key(self) -> tuple[str, ...]:
        return (self.parent, self.name) if self.parent else (self.name,)

    def capability_for(self, args: argparse.Namespace) -> Capability:
        return self.capability(args) if callable(self.capability) else self.capability

    def writes_for(self, args: argparse.Namespace) -> bool:
        return bool(self.writes(args) if callable(self.writes) else self.writes)


COMMANDS: dict[tuple[str, ...], Command] = {}


def register(command: Command) -> Command:
    if command.key in COMMANDS:
        raise ValueError(f"command registered twice: {' '.join(command.key)}")
    if (command.handler is None) == (command.subcommands is None):
        raise ValueError(f"a handler or sub-commands, one of them: {' '.join(command.key)}")
    COMMANDS[command.key] = command
    return command


def command(
    name: str,
    help: str,
    *args: Arg | OneOf,
    parent: str | None = None,
    with_db: bool = True,
    writes: bool | Callable[[argparse.Namespace], bool] = False,
    capability: Capability | Callable[[argparse.Namespace], Capability] = Capability.READ,
) -> Callable[[Handler], Handler]:
    """Registers the decorated handler as the command ``name`` (``parent name``)."""

    def registered(handler: Handler) -> Handler:
        register(Command(name, help, handler, args, parent, with_db, writes, capability=capability))
        return handler

    return registered


def children(parent: str | None) -> list[Command]:
    """The commands directly under ``parent`` (None: the program's), as registered."""
    return [c for c in COMMANDS.values() if c.parent == parent]
