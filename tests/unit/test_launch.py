"""The entry point pauses garbage collection while the program starts and resumes it
(with start-up's objects frozen out of later collections) once it is ready."""

from __future__ import annotations

import dataclasses
import gc
import subprocess
import sys
import textwrap

import pytest

from desktop_app import cli, launch
from desktop_app.cli import registry


@pytest.fixture
def collecting():
    """Whatever a test does, the test session goes on collecting, nothing frozen."""
    yield
    gc.enable()
    gc.unfreeze()


def test_a_command_runs_with_collection_resumed(monkeypatch, collecting, capsys):
    seen = {}

    def command(args) -> int:
        seen["collecting"] = gc.isenabled()
        return 0

    real = cli.build_parser

    def parser():
        seen["at_parse"] = gc.isenabled()
        return real()

    monkeypatch.setattr(cli, "build_parser", parser)
    presets = registry.COMMANDS[("presets",)]
    monkeypatch.setitem(
        registry.COMMANDS, ("presets",), dataclasses.replace(presets, handler=command)
    )
    assert launch.main(["presets"]) == 0
    assert seen == {"at_parse": False, "collecting": True}
    assert gc.isenabled() and gc.get_freeze_count() > 0


def test_started_twice_or_without_begin_changes_nothing(collecting):
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    launch.started()
    assert gc.isenabled() and gc.get_freeze_count() == frozen


WINDOW = textwrap.dedent(
    """
    import gc, json, sys
    from desktop_app import launch
    from desktop_app.gui import app as gui_app

    seen = {}
    real = gui_app.after_first_paint

    def watching(widget, action, parent, limit_ms=1000):
        def run():
            action()
            if action is launch.started:
                seen["after_paint"] = gc.isenabled()
                gui_app.QApplication.quit()
        real(widget, run, parent, limit_ms)

    gui_app.after_first_paint = watching
    gui_app.QMessageBox = None  # no dialog may come up
    launch.main(["--db", sys.argv[1]])
    print(json.dumps(seen))
    """
)


def test_the_window_resumes_collection_after_its_first_paint(services, tmp_path):
    path = services.db.path
    services.close()
    done = subprocess.run(
        [sys.executable, "-c", WINDOW, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == '{"after_paint": true}'


_SWALLOWED = """
import os, signal, sys
import desktop_app.cli as cli
from desktop_app import launch

def command(argv, ready):
    ready()
    try:  # as openpyxl's descriptors do: every error, Ctrl-C included, made a TypeError
        os.kill(os.getpid(), signal.SIGINT)
        signal.pause()
    except:  # noqa: E722
        raise TypeError("expected <class 'float'>")

cli.main = command
sys.exit(launch.main([]))
"""


def test_ctrl_c_that_a_library_turned_into_another_error_still_says_cancelled():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _SWALLOWED], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] in ("已取消", "Cancelled.")
