"""The registry and the parser agree: every registered command is in the parser with its
help line and a handler (or sub-commands), every parser command is registered, and no
``cmd_*`` handler is left without its command."""

from __future__ import annotations

import argparse
import inspect

import pytest

from desktop_app import cli
from desktop_app.cli import registry


def subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return found[0] if found else None


def parser_commands(
    parser: argparse.ArgumentParser, parent: str | None = None
) -> dict[tuple[str, ...], tuple[str, argparse.ArgumentParser]]:
    """(parent, name) → (help line, parser) for every command the parser knows."""
    action = subcommands(parser)
    if action is None:
        return {}
    helps = {choice.dest: choice.help for choice in action._choices_actions}
    found = {}
    for name, sub in action.choices.items():
        key = (parent, name) if parent else (name,)
        found[key] = (helps.get(name), sub)
        found.update(parser_commands(sub, name))
    return found


def test_the_parser_has_every_registered_command_and_no_other():
    assert set(parser_commands(cli.build_parser())) == set(registry.COMMANDS)


@pytest.mark.parametrize("key", sorted(registry.COMMANDS), ids=" ".join)
def test_each_command_has_its_help_line_and_a_handler_or_sub_commands(key):
    command = registry.COMMANDS[key]
    help_line, parser = parser_commands(cli.build_parser())[key]
    assert help_line and help_line == command.help
    if command.subcommands:
        assert command.handler is None and registry.children(command.name)
        assert subcommands(parser) is not None
    else:
        assert callable(command.handler)
        assert parser.get_default("run") is command
    if command.parent:
        assert registry.COMMANDS[(command.parent,)].subcommands


def test_the_help_order_names_each_top_level_command_once():
    assert len(set(cli.ORDER)) == len(cli.ORDER)
    assert set(cli.ORDER) == {c.name for c in registry.children(None)}


def test_no_handler_without_a_command():
    registered = {c.handler for c in registry.COMMANDS.values() if c.handler}
    handlers = {
        function
        for group in cli.GROUPS
        for name, function in inspect.getmembers(group, inspect.isfunction)
        if name.startswith("cmd_") and function.__module__ == group.__name__
    }
    assert handlers == registered


def test_a_command_is_registered_once():
    command = registry.COMMANDS[("presets",)]
    with pytest.raises(ValueError):
        registry.register(command)
