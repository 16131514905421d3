"""A field shows a value only when it has one: an empty field's grey hint never looks like
a value (a grey 14:00 was taken for a time, and the activity was saved with none)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLineEdit

from desktop_app.domain.ledger import Direction
from desktop_app.domain.member_input import parse_member
from desktop_app.gui.dialogs.activity_dialog import ActivityDialog
from desktop_app.gui.dialogs.end_membership_dialog import EndMembershipDialog
from desktop_app.gui.dialogs.ledger_dialogs import EntryDialog
from desktop_app.gui.dialogs.record_dialog import RecordDialog
from tests.backup_helpers import demo_template_fixture  # noqa: F401
from tests.gui.test_window_geometry import demo  # noqa: F401 - the demo studio fixture

# what a typed value looks like: a date, a time, a number
VALUE_LIKE = re.compile(r"^[\d\s:.,\-/–]+$")


def test_no_hint_in_the_record_dialogs_looks_like_a_value(qtbot, services):
    mid = services.members.add(parse_member({"name": "李明", "role": "成员"}))
    [row] = services.members.roster()
    dialogs = [
        ActivityDialog(services.activities),
        RecordDialog(services.growth, mid),
        EndMembershipDialog(services.members, row),
        EntryDialog(services, Direction.EXPENSE),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        for edit in dialog.findChildren(QLineEdit):
            hint = edit.placeholderText()
            assert not VALUE_LIKE.match(hint), (
                f"{type(dialog).__name__}.{edit.objectName()}: the hint {hint!r} looks like a value"
            )
    # the hints say "e.g." (例如) before the example
    hours = dialogs[1].hours_edit.placeholderText()
    assert hours.startswith("e.g. ") and hours.endswith("1.5")


def test_no_hint_in_any_dialog_of_the_program_looks_like_a_value(qtbot, demo):  # noqa: F811
    """Every window and dialog the program makes (as the window-size test lists them)."""
    from desktop_app.gui.main_window import NAV_PAGES, MainWindow
    from tests.gui.test_window_geometry import every_dialog

    window = MainWindow(demo)
    qtbot.addWidget(window)
    for page_id in NAV_PAGES:
        window.show_page(page_id)
    window.show_member(demo.members.roster()[0].membership_id)
    windows = {"main window": window, **every_dialog(window, demo)}
    looks_like_values = []
    for name, widget in windows.items():
        qtbot.addWidget(widget)
        for edit in widget.findChildren(QLineEdit):
            if VALUE_LIKE.match(edit.placeholderText()):
                looks_like_values.append(f"{name}: {edit.objectName()} {edit.placeholderText()!r}")
    assert not looks_like_values
