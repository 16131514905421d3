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
from typing import NoReturn

CANCELLED = 130  # the exit status of a program stopped by Ctrl-C (128 + SIGINT)


def main(argv: list[str] | None = None) -> int:
    begin()
    watch_ctrl_c()
    try:
        from desktop_app.cli import main as cli_main

        return cli_main(argv, ready=started)
    except BaseException:
        # A library may turn the KeyboardInterrupt into an error of its own (openpyxl's
        # descriptors catch everything and raise TypeError): what was pressed decides.
        if _ctrl_c_pressed:
            cancelled()
        raise
    finally:
        started()


_ctrl_c_pressed = False


def watch_ctrl_c() -> None:
    """Ctrl-C raises KeyboardInterrupt as usual, and is remembered: see ``main``."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return  # only the main thread may set a handler (a test calling main)

    def pressed(signum, frame):
        global _ctrl_c_pressed
        _ctrl_c_pressed = True
        signal.default_int_handler(signum, frame)

    signal.signal(signal.SIGINT, pressed)


def cancelled() -> NoReturn:
    """Ctrl-C: by the time it arrives here every ``finally`` on the way has rolled back
    the transaction and removed the half-written file; say so in a word, not a
    traceback, and end at once. At once: a Ctrl-C that fell while Qt's bindings ran
    Python code of their own (their modules are imported halfway through a report) has
    marked the interpreter as stopped by Ctrl-C, and its normal exit would kill the
    process with SIGINT after the message (exit -2, not 130)."""
    import os
    import signal
    import sys

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C changes nothing
    from desktop_app.domain import messages

    print(messages.text("cancelled"), file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(CANCELLED)


def begin() -> None:
    """Start-up begins: no collection until ``started``."""
    gc.disable()


def started() -> None:
    """Start-up is over: collect as usual from now on (a no-op when collecting already)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
