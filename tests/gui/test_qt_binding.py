"""The Qt binding itself: PySide6 6.12.0 decremented None's reference count on every call
returning nothing, so a long session aborted ("none_dealloc"). pyproject pins below it;
this test fails if an installed release does it again."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_leave_none_alone(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")  # returns None
    # A little slack for unrelated references taken meanwhile; the bug lost 500.
    assert sys.getrefcount(None) - before > -100
