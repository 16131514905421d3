"""The command line's help stays what it was: every command's ``--help`` (and each
``report KIND --help``) against tests/fixtures/cli_help/, recorded from the one-module
cli.py before it became a package."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cli_help"


def argv_of(fixture: Path) -> list[str]:
    """studiodesk.txt: the program's own help; report-KIND.txt: ``report KIND``."""
    if fixture.stem == "studiodesk":
        return []
    command, _, kind = fixture.stem.partition("-")
    if command == "report" and kind:
        return ["report", kind]
    return [fixture.stem]


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_help_is_as_it_was(fixture, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "80")  # argparse wraps at the terminal's width
    with pytest.raises(SystemExit) as done:
        main([*argv_of(fixture), "--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out == fixture.read_text(encoding="utf-8")
