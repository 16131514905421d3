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
