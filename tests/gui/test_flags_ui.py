"""Attendance flags in the GUI: the roster's attendance column, the member page's badge,
attendance tab and end-membership offer, the overview's attendance box and the attendance
settings, all driven with data saved through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop_app.cli import main
from desktop_app.domain.attendance import FlagState
from desktop_app.domain.changes import ATTENDANCE, MEMBERS, SETTINGS
from desktop_app.domain.member_input import parse_member
from desktop_app.gui import badges
from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.dialogs.end_membership_dialog import ABSENCE_REASON, EndMembershipDialog
from desktop_app.gui.models.roster import COLUMNS, FLAGGED
from desktop_app.gui.pages.member_detail import MemberDetailPage
from desktop_app.gui.pages.members import MembersPage
from desktop_app.gui.pages.overview import OverviewPage
from desktop_app.gui.pages.settings import SettingsPage
from desktop_app.services.activities import ActivityInput
from desktop_app.services.attendance import MarkInput

PRESENT, ABSENT, LEAVE, LATE = "出勤", "缺勤", "请假", "迟到"
FIRST_DAY = dt.date(2025, 10, 8)
# name → the marks of the nine sessions: 甲 never misses, 丁 misses 2/9 (fine: 3/10 is
# still not more than a third), 乙 3/9 (missing the next would make 4/10: at risk),
# 丙 4/9 (over). Late and left early are no absence.
PATTERNS = {
    "甲": [PRESENT] * 8 + [LATE],
    "乙": [ABSENT, PRESENT, LEAVE, PRESENT, PRESENT, ABSENT, PRESENT, PRESENT, PRESENT],
    "丙": [ABSENT, ABSENT, PRESENT, ABSENT, PRESENT, PRESENT, ABSENT, PRESENT, PRESENT],
    "丁": [PRESENT, ABSENT, PRESENT, PRESENT, LEAVE, PRESENT, PRESENT, PRESENT, PRESENT],
}


def column(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.key == key)


class Studio:
    """Four members, a host, nine sessions with attendance saved. The studio reads
    以上 as 'more than' (its own setting, against its preset's): 3 of 9 is at risk, so that
    every state shows; the preset's reading has tests of its own."""

    def __init__(self, services):
        self.services = services
        services.studio.set_setting("attendance.exact_third_counts", False)
        self.ids: dict[str, int] = {}
        self.host = services.members.add(
            parse_member({"name": "陈静", "role": "主持人", "joined_on": "2024-09-01"})
        )
        for name in PATTERNS:
            self.ids[name] = services.members.add(
                parse_member({"name": name, "role": "成员", "joined_on": "2024-09-01"})
            )
        self.activities: list[int] = []
        for i in range(9):
            self.session({name: marks[i] for name, marks in PATTERNS.items()})

    def session(self, marks: dict[str, str], topic: str | None = None) -> int:
        number = len(self.activities)
        day = FIRST_DAY + dt.timedelta(days=14 * number)
        activity = self.services.activities.create(
            ActivityInput(day, "学习研讨", topic or f"第{number + 1}次研讨")
        )
        self.activities.append(activity)
        self.mark(activity, marks)
        return activity

    def mark(self, activity: int, marks: dict[str, str]) -> None:
        self.services.attendance.save_marks(
            activity, [MarkInput(self.ids[name], status) for name, status in marks.items()]
        )

    def state(self, name: str) -> FlagState:
        return self.services.attendance.tallies()[self.ids[name]].state


@pytest.fixture
def studio(services) -> Studio:
    return Studio(services)


@pytest.fixture
def bus(services):
    return ChangeBus(services)


@pytest.fixture
def announced(bus):
    seen: list[frozenset[str]] = []
    bus.changed.connect(seen.append)
    return seen


@pytest.fixture
def roster(qtbot, services, bus, studio):
    page = MembersPage(services, bus)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    return page


@pytest.fixture
def detail(qtbot, services, bus, studio):
    page = MemberDetailPage(services, bus)
    qtbot.addWidget(page)
    page.resize(1186, 768)
    return page


@pytest.fixture
def overview(qtbot, services, bus, studio):
    page = OverviewPage(services, bus)
    qtbot.addWidget(page)
    page.resize(1186, 768)
    return page


def roster_cell(page: MembersPage, name: str, role=Qt.ItemDataRole.DisplayRole):
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, column("name")).data() == name:
            return page.proxy.index(row, column("attendance")).data(role)
    raise AssertionError(f"{name} is not on the roster")


# --- the roster ---


def test_the_data_gives_each_state(studio):
    assert studio.state("甲") == FlagState.OK
    assert studio.state("丁") == FlagState.OK
    assert studio.state("乙") == FlagState.AT_RISK
    assert studio.state("丙") == FlagState.OVER


def test_roster_attendance_column_text_and_colours(roster, studio):
    assert roster.model.headerData(column("attendance"), Qt.Orientation.Horizontal) == (
        "Attendance"
    )
    expected = {
        "甲": ("OK · missed 0/9", FlagState.OK),
        "丁": ("OK · missed 2/9", FlagState.OK),
        "乙": ("At risk · missed 3/9", FlagState.AT_RISK),
        "丙": ("Over the line · missed 4/9", FlagState.OVER),
    }
    for name, (text, state) in expected.items():
        assert roster_cell(roster, name) == text
        bg = roster_cell(roster, name, Qt.ItemDataRole.BackgroundRole)
        fg = roster_cell(roster, name, Qt.ItemDataRole.ForegroundRole)
        assert bg.color() == badges.background(state)
        assert fg.color() == badges.foreground(state)
    assert "cross the absence line" in roster_cell(roster, "乙", Qt.ItemDataRole.ToolTipRole)
    # the host is not expected at sessions and has no marks: nothing to show
    assert roster_cell(roster, "陈静") == ""
    assert roster_cell(roster, "陈静", Qt.ItemDataRole.BackgroundRole) is None


def test_a_new_member_without_sessions_says_so(roster, services, bus):
    services.members.add(parse_member({"name": "新人", "role": "成员", "joined_on": "2026-11-01"}))
    bus.changed.emit(frozenset({"members"}))
    assert roster_cell(roster, "新人") == "No sessions yet"


def test_roster_sorts_by_severity_then_ratio(roster):
    roster.table.sortByColumn(column("attendance"), Qt.SortOrder.DescendingOrder)
    assert roster.visible_names() == ["丙", "乙", "丁", "甲", "陈静"]
    roster.table.sortByColumn(column("attendance"), Qt.SortOrder.AscendingOrder)
    assert roster.visible_names() == ["陈静", "甲", "丁", "乙", "丙"]


def test_roster_filter_at_risk_or_over(roster):
    roster.status_combo.setCurrentIndex(roster.status_combo.findData(FLAGGED))
    assert sorted(roster.visible_names()) == ["丙", "乙"]
    assert roster.status_combo.currentText() == "At risk or over the attendance line"


def test_one_more_absence_changes_the_badge_everywhere(
    roster, detail, overview, services, bus, studio
):
    detail.show_member(studio.ids["乙"])
    assert detail.badge.state == FlagState.AT_RISK
    assert detail.badge.text() == "At risk · missed 3/9"
    assert dict(overview.flagged()) == {
        "丙": "Over the line · missed 4/9",
        "乙": "At risk · missed 3/9",
    }
    assert "Over the line: 1 · At risk: 1" in overview.attendance_summary.text()

    studio.session({"甲": PRESENT, "乙": ABSENT, "丙": PRESENT, "丁": PRESENT})
    bus.changed.emit(frozenset({ATTENDANCE}))

    assert roster_cell(roster, "乙") == "Over the line · missed 4/10"
    assert roster_cell(roster, "乙", Qt.ItemDataRole.BackgroundRole).color() == (
        badges.background(FlagState.OVER)
    )
    assert detail.badge.state == FlagState.OVER
    assert detail.badge.text() == "Over the line · missed 4/10"
    assert sorted(overview.flagged()) == [
        ("丙", "Over the line · missed 4/10"),
        ("乙", "Over the line · missed 4/10"),
    ]
    # 丁 missed 2 of 10 now: 3/11 would still be under the line
    assert "Over the line: 2 · At risk: 0" in overview.attendance_summary.text()


def test_overview_says_when_nobody_is_at_risk(qtbot, services, bus):
    page = OverviewPage(services, bus)
    qtbot.addWidget(page)
    assert page.flagged() == []
    assert page.attendance_summary.text().startswith("No member is at risk.")
    services.members.add(parse_member({"name": "甲", "role": "成员", "joined_on": "2024-09-01"}))
    studio = Studio.__new__(Studio)
    studio.services, studio.ids, studio.activities = services, {}, []
    studio.ids["甲"] = services.members.roster()[0].membership_id
    for _ in range(3):  # fewer than four sessions: 甲 is not judged yet
        studio.session({"甲": PRESENT})
    bus.changed.emit(frozenset({ATTENDANCE}))
    assert page.attendance_summary.text().startswith("No member is at risk.")
    assert page.attendance_summary.text().endswith("Not judged yet (fewer than 4 sessions): 1.")
    studio.session({"甲": PRESENT})
    bus.changed.emit(frozenset({ATTENDANCE}))
    assert page.attendance_summary.text() == "No member is at risk."


def test_overview_names_open_the_member(overview, studio):
    seen: list[int] = []
    overview.open_member.connect(seen.append)
    name_label = next(
        w for w in overview.findChildren(type(overview.attendance_summary), "flaggedName")
    )
    name_label.linkActivated.emit(name_label.text().split('"')[1])
    assert seen and seen[0] in (studio.ids["丙"], studio.ids["乙"])


# --- the member page ---


def test_member_page_attendance_tab_explains_the_state(detail, studio):
    detail.show_member(studio.ids["乙"])
    assert detail.attendance_explanation.text() == (
        "Missed 3 of 9 sessions (3/9). Missing the next one would cross the line of 1/3."
    )
    assert "Attendance ⚠" == detail.tabs.tabText(detail.attendance_index)
    assert "《江阴中专名班主任工作室建设方案》四、(二)3" in detail.attendance_rules.text()
    assert "Leave counts as absence" in detail.attendance_rules.text()
    lines = detail.flag_history_lines()  # newest first; the current state is the last change
    assert lines[0][1].endswith("→ At risk")
    assert lines[0][2] == "3/9" and lines[0][3].startswith("考勤 ")
    # nothing before the fourth session (attendance.min_sessions); there 2 of 4
    assert lines[-1] == ("2026-11-21", "OK → Over the line", "2/4", "考勤 2025-11-19《第4次研讨》")

    detail.show_member(studio.ids["甲"])
    assert detail.attendance_explanation.text() == "Missed 0 of 9 sessions (0/9). The line is 1/3."
    # never missed: no 临界 0/1 after the first session, nothing recorded at all
    assert detail.flag_history_lines() == []
    assert not detail.flags_empty.isHidden()

    detail.show_member(studio.host)
    assert detail.flag_history_lines() == []
    assert not detail.flags_empty.isHidden()

    detail.show_member(studio.ids["丙"])
    assert detail.attendance_explanation.text() == (
        "Missed 4 of 9 sessions (4/9): over the line of 1/3."
    )


def test_host_has_no_badge(detail, studio):
    detail.show_member(studio.host)
    assert not detail.badge.isVisibleTo(detail)
    assert detail.offer_frame.isHidden()


def test_end_membership_offer_only_for_a_current_member_over_the_line(
    detail, services, studio, monkeypatch, announced
):
    for name in ("甲", "丁", "乙"):
        detail.show_member(studio.ids[name])
        assert detail.offer_frame.isHidden(), name
    detail.show_member(studio.ids["丙"])
    assert not detail.offer_frame.isHidden()
    assert detail.absence_end_button.text() == "End membership — absent more than one third…"
    assert "over the line of 1/3" in detail.offer_label.text()

    # the dialog comes with the reason filled in; cancelling it changes nothing
    shown: list[EndMembershipDialog] = []

    def cancel(self):
        shown.append(self)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(EndMembershipDialog, "exec", cancel)
    detail.absence_end_button.click()
    assert shown[0].reason_combo.currentText() == ABSENCE_REASON == "缺勤超过规定比例"
    assert services.members.get(studio.ids["丙"]).is_current
    assert announced == []

    # confirming it ends the membership; the offer goes away
    def confirm(self):
        self.date_edit.setText("2026-11-21")
        self.save()
        return self.result()

    monkeypatch.setattr(EndMembershipDialog, "exec", confirm)
    detail.absence_end_button.click()
    row = services.members.get(studio.ids["丙"])
    assert not row.is_current and row.leave_reason == "缺勤超过规定比例"
    # what the ending wrote: the membership (every page showing flags follows the members)
    assert announced and MEMBERS in announced[-1]
    assert detail.offer_frame.isHidden()
    assert detail.badge.state == FlagState.OVER  # the record stays as it was


def test_the_plain_end_button_keeps_an_empty_reason(detail, studio, monkeypatch):
    shown: list[EndMembershipDialog] = []
    monkeypatch.setattr(
        EndMembershipDialog, "exec", lambda self: shown.append(self) or QDialog.DialogCode.Rejected
    )
    detail.show_member(studio.ids["丙"])
    detail.end_button.click()
    assert shown[-1].reason_combo.currentText() == ""


def test_roster_end_button_presets_the_reason_for_a_member_over_the_line(
    roster, studio, monkeypatch
):
    shown: list[EndMembershipDialog] = []
    monkeypatch.setattr(
        EndMembershipDialog, "exec", lambda self: shown.append(self) or QDialog.DialogCode.Rejected
    )
    roster.select_membership(studio.ids["丙"])
    roster.end_button.click()
    roster.select_membership(studio.ids["乙"])
    roster.end_button.click()
    assert [d.reason_combo.currentText() for d in shown] == [ABSENCE_REASON, ""]


def test_a_correction_back_under_the_line_shows_in_the_history(detail, bus, studio):
    detail.show_member(studio.ids["丙"])
    assert detail.badge.state == FlagState.OVER
    before = detail.flag_history_lines()
    # the first session: 丙 was in fact there
    first = studio.activities[0]
    marks = {name: marks[0] for name, marks in PATTERNS.items()}
    marks["丙"] = PRESENT
    studio.mark(first, marks)
    bus.changed.emit(frozenset({ATTENDANCE}))

    assert detail.badge.state == FlagState.AT_RISK
    lines = detail.flag_history_lines()
    date, change, missed, cause = lines[0]
    assert change == "Over the line → At risk"
    assert missed == "3/9"
    assert cause == "考勤 2025-10-08《第1次研讨》"
    assert date == "2026-11-21"  # the day the change was recorded
    assert lines[1:] == before  # nothing rewritten: the correction is one more line


# --- settings ---


def test_exact_third_setting_moves_a_three_of_nine_member_and_back(
    qtbot, services, bus, studio, detail, roster, announced
):
    settings = SettingsPage(services, bus)
    qtbot.addWidget(settings)
    assert not settings.exact_check.isChecked()
    assert settings.leave_check.isChecked()
    assert settings.window_combo.currentData() == "cycle"
    # the explanation of 以上 sits next to the setting (the domain text, in Chinese here)
    assert "“以上”包含本数" in settings.exact_help.text()
    assert settings.line_label.text().startswith("Absence line: 1/3")
    assert "《江阴中专名班主任工作室建设方案》四、(二)3" in settings.line_label.text()
    detail.show_member(studio.ids["乙"])
    assert detail.badge.state == FlagState.AT_RISK

    settings.exact_check.click()
    assert announced[-1] == frozenset({SETTINGS, ATTENDANCE})
    assert services.studio.setting("attendance.exact_third_counts") is True
    assert detail.badge.state == FlagState.OVER
    assert roster_cell(roster, "乙") == "Over the line · missed 3/9"
    assert "exactly the line of 1/3" in detail.attendance_explanation.text()
    assert not detail.offer_frame.isHidden()

    settings.exact_check.click()
    assert detail.badge.state == FlagState.AT_RISK
    assert roster_cell(roster, "乙") == "At risk · missed 3/9"

    lines = detail.flag_history_lines()
    assert [line[1] for line in lines[:2]] == ["Over the line → At risk", "At risk → Over the line"]
    assert lines[0][3] == "设置更改：attendance.exact_third_counts = false"
    assert lines[1][3] == "设置更改：attendance.exact_third_counts = true"
    assert lines[0][2] == lines[1][2] == "3/9"


def test_leave_and_window_settings(qtbot, services, bus, studio, roster):
    settings = SettingsPage(services, bus)
    qtbot.addWidget(settings)
    # 乙 missed one of the three by leave: without it 2/9
    settings.leave_check.click()
    assert services.studio.setting("attendance.leave_counts_as_absence") is False
    assert roster_cell(roster, "乙") == "OK · missed 2/9"
    settings.leave_check.click()
    assert roster_cell(roster, "乙") == "At risk · missed 3/9"
    # this school year (from 2026-09-01): none of the nine sessions
    settings.window_combo.setCurrentIndex(settings.window_combo.findData("school_year"))
    assert services.studio.setting("attendance.window") == "school_year"
    assert settings.window_combo.currentText() == "This school year"
    assert roster_cell(roster, "丙") == "No sessions yet"
    # the page shows what is stored when it is changed elsewhere
    services.studio.set_setting("attendance.window", "cycle")
    bus.changed.emit(frozenset({SETTINGS}))
    assert settings.window_combo.currentData() == "cycle"
    assert roster_cell(roster, "丙") == "Over the line · missed 4/9"


def test_config_command_crosses_the_line_at_exactly_one_third(services, studio, capsys):
    """``studiodesk config`` changes the setting; the flag changes in the same transaction
    and its history names the setting."""
    mid = studio.ids["乙"]
    assert studio.state("乙") == FlagState.AT_RISK
    db = str(services.db.path)
    assert main(["config", "--db", db, "attendance.exact_third_counts", "true"]) == 0
    assert capsys.readouterr().out.strip() == "attendance.exact_third_counts = true"
    assert studio.state("乙") == FlagState.OVER
    last = services.attendance.history(mid)[-1]
    assert (last.old_state, last.new_state) == (FlagState.AT_RISK, FlagState.OVER)
    assert (last.missed, last.expected) == (3, 9)
    assert "attendance.exact_third_counts" in last.cause and last.cause.startswith("设置更改")
    # 丙 was over already: no new record for them
    assert "设置更改" not in services.attendance.history(studio.ids["丙"])[-1].cause


# --- the roster catching up with a save ---


def roster_cells(page: MembersPage) -> dict[str, list]:
    """Every cell shown, by name: display text, colours and tooltip."""
    roles = (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ToolTipRole,
    )
    cells = {}
    for row in range(page.proxy.rowCount()):
        values = []
        for col in range(page.proxy.columnCount()):
            for role in roles:
                value = page.proxy.index(row, col).data(role)
                values.append(value.color().name() if hasattr(value, "color") else value)
        cells[page.proxy.index(row, column("name")).data()] = values
    return cells


def test_a_save_changes_only_the_attendance_cells_that_moved(roster, studio, bus):
    before = roster_cells(roster)
    resets, changed = [], []
    roster.model.modelAboutToBeReset.connect(lambda: resets.append(1))
    roster.model.dataChanged.connect(
        lambda top, bottom, _roles: changed.append((top.row(), top.column(), bottom.column()))
    )
    # the first session again, 甲 marked absent this time
    first = {name: marks[0] for name, marks in PATTERNS.items()}
    studio.mark(studio.activities[0], {**first, "甲": ABSENT})
    bus.changed.emit(frozenset({ATTENDANCE}))

    after = roster_cells(roster)
    assert roster_cell(roster, "甲") == "OK · missed 1/9"
    assert after["甲"] != before["甲"]
    assert {name: cells for name, cells in after.items() if name != "甲"} == {
        name: cells for name, cells in before.items() if name != "甲"
    }
    assert resets == []  # the roster was not reloaded: one cell told it changed
    row_of_jia = next(i for i, r in enumerate(roster.model.rows()) if r.name == "甲")
    assert changed == [(row_of_jia, column("attendance"), column("attendance"))]


def test_the_flagged_filter_follows_a_save(roster, studio, bus):
    roster.status_combo.setCurrentIndex(roster.status_combo.findData(FLAGGED))
    assert sorted(roster.visible_names()) == ["丙", "乙"]
    # 乙's first absence corrected: 2/9, back under the line
    first = {name: marks[0] for name, marks in PATTERNS.items()}
    studio.mark(studio.activities[0], {**first, "乙": PRESENT})
    bus.changed.emit(frozenset({ATTENDANCE}))
    assert roster.visible_names() == ["丙"]
    assert roster.count_label.text() == "Showing 1 of 5"


def test_roster_columns_fit_their_contents_once_shown_and_after_a_save(roster, studio, bus, qtbot):
    roster.show()
    qtbot.waitExposed(roster)
    table, header = roster.table, roster.table.horizontalHeader()
    school = column("school")  # the free-text column: it takes what the others leave

    def fitted() -> bool:
        return all(
            header.sectionSize(c) == max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
            for c in range(header.count())
            if c != school
        ) and sum(header.sectionSize(c) for c in range(header.count())) == (
            table.viewport().width()
        )

    assert fitted()
    widths = [header.sectionSize(c) for c in range(header.count())]
    studio.session({"甲": ABSENT, "乙": ABSENT, "丙": ABSENT, "丁": ABSENT})
    for _ in range(5):  # 丙 from 4/9 to 10/15: the widest badge grows
        studio.session({"甲": PRESENT, "乙": PRESENT, "丙": ABSENT, "丁": PRESENT})
    bus.changed.emit(frozenset({ATTENDANCE}))
    assert roster_cell(roster, "丙") == "Over the line · missed 10/15"
    qtbot.waitUntil(fitted)  # measured once the changes are in
    assert header.sectionSize(column("attendance")) > widths[column("attendance")]
    roster.filter_edit.setText("甲")  # the shown rows only, as before
    qtbot.waitUntil(fitted)
