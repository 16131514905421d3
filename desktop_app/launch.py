"""The program's entry point: the ``studiodesk`` command, ``python -m desktop_app`` and
the PyInstaller build all start here.

Start-up makes some 120,000 objects (SQLAlchemy's and Qt's modules, the mappers, the
first page) and none of them is garbage, yet the cyclic garbage collector would walk
them again and again while they are made: about a tenth of the time to the first
window. Collection is paused until the program is ready (a command: before it runs; the
window: after its first paint), and what start-up made is then frozen out of every later
collection (gc.freeze), which keeps those cheaper too."""

from __future__ import annotations

import gc


def main(argv: list[str] | None = None) -> int:
    begin()
    from desktop_app.cli import main as cli_main

    try:
        return cli_main(argv)
    finally:
        started()


def begin() -> None:
    """Start-up begins: no collection until ``started``."""
    gc.disable()


def started() -> None:
    """Start-up is over: collect as usual from now on (a no-op when collecting already)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
