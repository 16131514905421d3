"""The window's side of the program: starting it (no command given), the screenshots of
its pages, and the self-test of this copy of the program."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

from desktop_app.cli.common import db_address, opened
from desktop_app.cli.registry import arg, command
from desktop_app.paths import DB_ENV


def start_window(args: argparse.Namespace, ready: Callable[[], None]) -> int:
    """The window on --db (or $STUDIODESK_DB: a file or a school server's URL), else on
    the database the settings name; ``ready`` runs once it has painted (start-up is over)."""
    from desktop_app.gui.app import run_gui

    address = db_address(args) if (args.db or os.environ.get(DB_ENV)) else None
    return run_gui(address, ready)


def self_test(ready: Callable[[], None]) -> int:
    """Never the user's database or settings: see desktop_app/selftest.py."""
    from desktop_app.selftest import run_self_test

    ready()
    return run_self_test()


@command("screenshot", "render every page to PNG", arg("--out", required=True))
def cmd_screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop_app.gui.screenshots import take_screenshots

    with opened(args) as services:
        for path in take_screenshots(services, Path(args.out)):
            print(path)
    return 0
