"""Run in a child process (QT_QPA_PLATFORM=offscreen) by bench.measure_gui; prints one
line ``BENCH-JSON {...}``.

- ``startup DB``: the program's own start (``desktop_app.cli.main(["--db", DB])``, i.e.
  run_gui), seconds from BENCH_T0 (the parent's clock just before it started this
  process) to the first paint event of the main window, with a breakdown.
- ``empty``: an empty QMainWindow of the same size, the same way (the floor).
- ``pages DB``: in one program: switching to the members, activities and funds pages,
  building each afresh, opening an activity's attendance sheet, saving one changed mark
  (the flags recomputed) and the window catching up, typing a letter into the roster
  filter — milliseconds each, until painted.
"""

from __future__ import annotations

import json
import os
import sys
import time

T0 = float(os.environ.get("BENCH_T0") or time.time())
MARKS: dict[str, float] = {"python_ready": time.time() - T0}


def emit(data: dict) -> None:
    print("BENCH-JSON " + json.dumps(data), flush=True)


def _since_t0(name: str) -> None:
    MARKS.setdefault(name, time.time() - T0)


def startup(db: str) -> int:
    from desktop_app import launch

    launch.begin()  # as the program's entry point does, before everything else it imports
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from bench.paint import PaintWatch
    from desktop_app import cli
    from desktop_app.gui import app as gui_app
    from desktop_app.gui import main_window
    from desktop_app.services.app import AppServices

    _since_t0("imports_done")

    def first_paint() -> None:
        MARKS["first_paint"] = time.time() - T0
        QTimer.singleShot(0, QApplication.quit)

    watch = PaintWatch(on_paint=first_paint)
    original_make = gui_app.make_application
    original_open = AppServices.open.__func__
    original_init = main_window.MainWindow.__init__

    def make_application(argv=None):
        _since_t0("make_application_start")
        app = original_make(argv)
        _since_t0("make_application_done")
        return app

    def open_services(cls, *args, **kwargs):
        _since_t0("open_database_start")
        services = original_open(cls, *args, **kwargs)
        _since_t0("open_database_done")
        return services

    def init(self, *args, **kwargs):
        _since_t0("main_window_start")
        original_init(self, *args, **kwargs)
        _since_t0("main_window_done")
        watch.watch(self, descendants=False)

    gui_app.make_application = make_application
    AppServices.open = classmethod(open_services)  # type: ignore[method-assign]
    main_window.MainWindow.__init__ = init  # type: ignore[method-assign]
    code = cli.main(["--db", db], ready=launch.started)
    emit(MARKS)
    return code


def empty() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from bench.paint import PaintWatch

    _since_t0("imports_done")
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1366, 768)

    def first_paint() -> None:
        MARKS["first_paint"] = time.time() - T0
        QTimer.singleShot(0, app.quit)

    watch = PaintWatch(on_paint=first_paint)
    watch.watch(window, descendants=False)
    window.show()
    app.exec()
    emit(MARKS)
    return 0


def main(argv: list[str]) -> int:
    mode = argv[0]
    if mode == "startup":
        return startup(argv[1])
    if mode == "empty":
        return empty()
    if mode == "pages":
        from bench.gui_pages import measure_pages

        emit(measure_pages(argv[1]))
        return 0
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
