"""An unexpected exception in a slot is logged and shown; the program goes on."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from desktop_app.gui import crash
from desktop_app.paths import log_dir


def test_an_exception_in_a_slot_is_logged_and_shown_and_the_program_goes_on(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(crash, "show_dialog", lambda report, path: shown.append((report, path)))
    previous = sys.excepthook
    crash.install()
    try:
        button = QPushButton()
        qtbot.addWidget(button)

        def broken() -> None:
            raise RuntimeError("boom in a slot")

        button.clicked.connect(broken)
        button.click()
        qtbot.waitUntil(lambda: len(shown) == 1, timeout=2000)
        report, path = shown[0]
        assert "RuntimeError: boom in a slot" in report and "StudioDesk" in report
        assert path.parent == log_dir()
        for handler in crash.LOG.handlers:
            handler.flush()
        assert "boom in a slot" in path.read_text(encoding="utf-8")
        # Still working: a timer fires, a second failure is reported too.
        fired = []
        QTimer.singleShot(0, lambda: fired.append(True))
        qtbot.waitUntil(lambda: fired == [True], timeout=2000)
        button.click()
        qtbot.waitUntil(lambda: len(shown) == 2, timeout=2000)
    finally:
        sys.excepthook = previous


def test_the_dialog_holds_a_copyable_report(qtbot, tmp_path):
    dialog = crash.CrashDialog("Traceback …\nValueError: x", tmp_path / "studiodesk.log")
    qtbot.addWidget(dialog)
    assert dialog.report.toPlainText().endswith("ValueError: x")
    assert dialog.report.isReadOnly()
