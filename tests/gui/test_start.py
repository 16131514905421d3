"""What the program does before its first paint, and what it leaves until after."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel

from desktop_app.gui.app import after_first_paint
from desktop_app.services.app import AppServices

# Imported when first used, never for the first window (the roster): the start is sooner.
NOT_AT_START = (
    "desktop_app.gui.dialogs.member_dialog",
    "desktop_app.gui.dialogs.end_membership_dialog",
    "desktop_app.gui.dialogs.import_dialog",
    "desktop_app.gui.wizard",
    "desktop_app.services.ledger",
    "desktop_app.services.plans",
    "desktop_app.services.growth",
    "desktop_app.services.duties",
    "desktop_app.services.documents",
    "desktop_app.services.year_facts",
    "PySide6.QtNetwork",
)

FIRST_WINDOW = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from desktop_app.gui.app import make_application
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.session import StudioSession
    from desktop_app.services.app import AppServices

    app = make_application([])
    services = AppServices.open(Path(sys.argv[1]))
    session = StudioSession(services.db.path, services)
    window = session.start()
    app.processEvents()
    print(json.dumps({"modules": sorted(sys.modules), "rows": window.members_page.model.rowCount()}))
    session.close()
    """
)


def test_the_first_window_imports_no_dialog_and_no_service_it_does_not_show(tmp_path, services):
    from desktop_app.domain.member_input import parse_member

    services.members.add(parse_member({"name": "李明", "role": "成员"}))
    path = services.db.path
    services.close()
    done = subprocess.run(
        [sys.executable, "-c", FIRST_WINDOW, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["rows"] == 1  # the roster did load
    assert sorted(set(NOT_AT_START) & set(shown["modules"])) == []


def test_the_services_the_first_window_does_not_need_are_built_on_first_use(tmp_path):
    services = AppServices.open(tmp_path / "db.sqlite3")
    try:
        assert "ledger" not in vars(services)
        ledger = services.ledger
        assert services.ledger is ledger  # one of each, as before
        assert services.year_facts.ledger is ledger
        assert services.duties.growth is services.growth
        assert services.plans is services.plans and services.documents is services.documents
    finally:
        services.close()


class PaintSeen(QObject):
    def __init__(self, widget, log: list[str]):
        super().__init__(widget)
        self.log = log
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.log.append("paint")
        return False


def test_after_first_paint_waits_for_the_paint_and_runs_once(qtbot):
    holder = QObject()
    label = QLabel("工作室")
    qtbot.addWidget(label)
    log: list[str] = []
    PaintSeen(label, log)
    after_first_paint(label, lambda: log.append("action"), parent=holder, limit_ms=60_000)
    qtbot.wait(50)
    assert log == []  # not shown: nothing painted, nothing run
    label.show()
    qtbot.waitUntil(lambda: "action" in log)
    assert log[0] == "paint"
    label.update()
    qtbot.waitUntil(lambda: log.count("paint") >= 2)
    qtbot.wait(20)
    assert log.count("action") == 1


def test_after_first_paint_runs_anyway_when_nothing_paints(qtbot):
    holder = QObject()
    label = QLabel()  # never shown (a window started minimised)
    qtbot.addWidget(label)
    log: list[str] = []
    after_first_paint(label, lambda: log.append("action"), parent=holder, limit_ms=30)
    qtbot.waitUntil(lambda: log == ["action"], timeout=2000)
    qtbot.wait(50)
    assert log == ["action"]


def test_after_first_paint_is_dropped_with_its_parent(qtbot):
    holder = QObject()
    label = QLabel()
    qtbot.addWidget(label)
    log: list[str] = []
    after_first_paint(label, lambda: log.append("action"), parent=holder, limit_ms=30)
    holder.deleteLater()
    qtbot.wait(100)
    assert log == []
