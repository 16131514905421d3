"""学时 on the roster (a column for the current school year) and in the member's growth
file (per school year, apart and in total; each activity credited)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain import changes as topics
from desktop_app.domain.member_input import parse_member
from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.pages.member_detail import MemberDetailPage
from desktop_app.gui.pages.members import MembersPage
from desktop_app.services.activities import ActivityInput
from desktop_app.services.attendance import MarkInput
from desktop_app.services.growth import RecordInput
from tests.conftest import TODAY


def add_member(services, name: str) -> int:
    data = parse_member(
        {"name": name, "role": "成员", "joined_on": "2024-09-01", "head_teacher_since": "2015"},
        today=TODAY,
    )
    return services.members.add(data)


def held(services, day: dt.date, hours: str | None, marks: dict[int, str]) -> int:
    aid = services.activities.create(
        ActivityInput(date=day, kind="学习研讨", topic=f"研讨 {day}", hours=hours)
    )
    services.attendance.save_marks(aid, [MarkInput(m, s) for m, s in marks.items()])
    return aid


@pytest.fixture
def people(services):
    wang, li = add_member(services, "王芳"), add_member(services, "李强")
    held(services, dt.date(2026, 8, 31), "5", {wang: "出勤", li: "出勤"})  # 2025-2026
    held(services, dt.date(2026, 9, 9), "0.1", {wang: "迟到", li: "请假"})
    held(services, dt.date(2026, 9, 16), "0.1", {wang: "早退", li: "缺勤"})
    held(services, dt.date(2026, 9, 23), "0.1", {wang: "出勤", li: "出勤"})
    held(services, dt.date(2026, 10, 14), None, {wang: "出勤", li: "出勤"})
    services.growth.add_record(
        wang, RecordInput(kind="培训学时", date="2026-10-20", title="区级班主任培训", hours="2")
    )
    return wang, li


def roster_cell(page: MembersPage, name: str, role=Qt.ItemDataRole.DisplayRole):
    column = page.model.column_of("hours")
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).name == name)
    return page.model.index(row, column).data(role)


def test_roster_shows_this_school_years_hours(qtbot, services, people):
    page = MembersPage(services, ChangeBus(services))
    qtbot.addWidget(page)
    assert page.model.headerData(page.model.column_of("hours"), Qt.Orientation.Horizontal) == (
        "Hours this year"
    )
    # 2026-2027: 0.1 × 3 (present, late, left early) + 0 (no 学时 set) + 2 of her own
    assert roster_cell(page, "王芳") == "2.3"
    assert roster_cell(page, "李强") == "0.1"  # on leave and absent: nothing
    tip = roster_cell(page, "王芳", Qt.ItemDataRole.ToolTipRole)
    assert "2026-2027 school year: 0.3 hours from studio activities" in tip
    assert "2 hours from own training records; 2.3 hours in all" in tip
    assert "1 activity(ies) attended had no training hours set and count 0." in tip


def test_roster_follows_saved_attendance(qtbot, services, people):
    wang, li = people
    bus = ChangeBus(services)
    page = MembersPage(services, bus)
    qtbot.addWidget(page)
    held(services, dt.date(2026, 11, 4), "1.5", {wang: "请假", li: "迟到"})
    bus.changed.emit(frozenset({topics.ATTENDANCE}))
    assert (roster_cell(page, "王芳"), roster_cell(page, "李强")) == ("2.3", "1.6")


def test_growth_file_tab_lists_years_and_activities(qtbot, services, people):
    wang, _ = people
    page = MemberDetailPage(services, ChangeBus(services))
    qtbot.addWidget(page)
    page.show_member(wang)
    view = page.hours_view
    tab = next(i for i in range(page.tabs.count()) if page.tabs.widget(i) is view)
    assert page.tabs.tabText(tab) == "Training hours"
    assert view.year_lines() == [
        ["2025-2026", "5", "1", "", "0", "5"],
        ["2026-2027", "0.3", "4", "1", "2", "2.3"],
    ]
    sessions = view.session_lines()
    assert [s[0] for s in sessions] == [
        "2026-08-31",
        "2026-09-09",
        "2026-09-16",
        "2026-09-23",
        "2026-10-14",
    ]
    assert sessions[-1][-1] == "not set (counts 0)"
    assert sessions[1][3] == "Late"
