"""A change reaches the pages from the use case that made it: the database tells what
each commit changed, the bus broadcasts it, each page refreshes on the subjects it
follows (Page.topics). No page or dialog announces anything by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.domain import changes as subjects
from desktop_app.domain.attendance import FlagState
from desktop_app.gui.dialogs.attendance_dialog import AttendanceDialog
from desktop_app.gui.main_window import MainWindow
from desktop_app.services.activities import ActivityInput
from desktop_app.services.attendance import MarkInput
from tests.gui.test_funds_page import record_expense, record_grant
from tests.gui.test_members_page import run_dialog_with

GUI = Path(__file__).resolve().parents[2] / "desktop_app" / "gui"


@pytest.fixture
def window(qtbot, services, monkeypatch):
    for name in ("information", "warning", "question", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def told(window):
    seen: list[frozenset[str]] = []
    window.bus.changed.connect(seen.append)
    return seen


@pytest.fixture
def refreshes(window, monkeypatch):
    """How often each page has refreshed (a page built later is counted from then)."""
    counts: dict[str, int] = {}
    for page_id in ("overview", "members", "activities", "funds", "plans"):
        page = window.pages[page_id]
        counts[page_id] = 0

        def counted(page=page, original=page.refresh):
            counts[page.page_id] += 1
            original()

        monkeypatch.setattr(page, "refresh", counted)
    return counts


def test_no_page_or_dialog_announces_a_change_by_hand():
    found = [
        f"{path.relative_to(GUI)}:{number}"
        for path in sorted(GUI.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bannounce\(", line)
    ]
    assert found == []


def test_showing_the_pages_reads_and_tells_nothing(window, told):
    for page_id in ("overview", "members", "activities", "funds", "plans", "assessment"):
        window.show_page(page_id)
        window.pages[page_id].refresh()
    assert told == []


def test_a_member_added_reaches_the_pages_that_show_members(
    qtbot, monkeypatch, window, told, refreshes
):
    window.show_page("members")
    members = window.pages["members"]
    run_dialog_with(
        monkeypatch, qtbot, nameEdit="陈静", roleCombo="member", joinedEdit="2026-11-21"
    )
    members.add_button.click()
    assert told == [frozenset({subjects.MEMBERS})]
    assert members.visible_names() == ["陈静"]  # in front: refreshed at once
    assert refreshes["members"] == 1
    # behind it: refreshed when shown; the funds page does not follow members
    assert window.pages["overview"]._refresh_pending
    assert window.pages["activities"]._refresh_pending
    assert not window.pages["funds"]._refresh_pending
    window.show_page("overview")
    assert refreshes["overview"] == 1 and not window.pages["overview"]._refresh_pending


def test_an_expense_recorded_reaches_the_ledgers_pages(
    qtbot, monkeypatch, window, services, told, refreshes
):
    window.show_page("funds")
    funds = window.pages["funds"]
    record_grant(monkeypatch, qtbot, funds)
    record_expense(monkeypatch, qtbot, funds, "300", "培训研修", "班主任读本")
    funds.expense_button.click()
    assert told == [frozenset({subjects.LEDGER})] * 2
    [_grant, expense] = services.ledger.entries()
    assert funds.row_texts(expense.id)["purpose"] == "班主任读本"
    assert refreshes["funds"] == 2
    assert window.pages["overview"]._refresh_pending
    assert window.pages["plans"]._refresh_pending
    assert not window.pages["members"]._refresh_pending
    assert not window.pages["activities"]._refresh_pending


def test_attendance_saved_reaches_the_pages_and_the_flags_are_still_told(
    qtbot, monkeypatch, window, services, told, refreshes
):
    run_dialog_with(
        monkeypatch, qtbot, nameEdit="陈静", roleCombo="member", joinedEdit="2024-09-01"
    )
    window.pages["members"].add_button.click()
    # missed 3 of 9 (the studio reads 以上 as 'more than'): at risk; one more crosses
    services.studio.set_setting("attendance.exact_third_counts", False)
    [member] = [r.membership_id for r in services.members.roster()]
    for i in range(9):
        earlier = services.activities.create(
            ActivityInput(date=f"2025-{9 + i % 4:02d}-{10 + i:02d}", kind="study", topic=f"研讨{i}")
        )
        services.attendance.save_marks(
            earlier, [MarkInput(member, "absent" if i < 3 else "present")]
        )
    activity = services.activities.create(
        ActivityInput(date="2026-11-20", kind="study", topic="班会课设计研讨")
    )
    for page_id in ("members", "funds", "activities"):  # each caught up with those
        window.show_page(page_id)
    page = window.pages["activities"]
    assert page.select_activity(activity)
    told.clear()
    reported: list[dict] = []
    monkeypatch.setattr(AttendanceDialog, "report_changes", lambda self, c: reported.append(c))

    def mark_all_absent(self):
        qtbot.addWidget(self)
        self.show()
        qtbot.waitExposed(self)
        qtbot.keyClick(self.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(self.table, Qt.Key.Key_5)
        self.save_button.click()
        return self.result()

    monkeypatch.setattr(AttendanceDialog, "exec", mark_all_absent)
    before = refreshes["activities"]
    page.attendance_button.click()
    assert services.attendance.sheet(activity).saved
    assert told == [frozenset({subjects.ATTENDANCE})]
    assert refreshes["activities"] == before + 1
    assert page.row_texts(activity)["attendance"] == "0/1 present"
    assert window.pages["members"]._refresh_pending  # behind: refreshed when shown
    assert not window.pages["funds"]._refresh_pending
    # the flags this save moved are still told by the dialog, after the pages heard it
    assert reported == [{member: (FlagState.AT_RISK, FlagState.OVER)}]
