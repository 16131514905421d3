"""The overview's tiles for the current school year (2026-2027: today is 2026-11-21):
the figures agree with the records saved through the services, every tile opens the page
behind it, and an empty studio says "none yet" where there is nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

from desktop_app.domain.changes import ACTIVITIES, ASSESSMENTS, GROWTH, LEDGER, PLANS
from desktop_app.domain.ledger import Direction, IncomeSource
from desktop_app.domain.member_input import parse_member
from desktop_app.domain.school_year import SchoolYear
from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.charts import BarListChart, MeterBar, RingChart
from desktop_app.gui.pages.overview import NameLink, OverviewPage
from desktop_app.services.activities import ActivityInput
from desktop_app.services.attendance import MarkInput
from desktop_app.services.growth import RecordInput
from desktop_app.services.ledger import EntryInput
from desktop_app.services.plans import EvidenceRef, PlanInput, TaskInput

YEAR = SchoolYear(2026)
PRESENT, ABSENT, LATE = "出勤", "缺勤", "迟到"
# three sessions held this school year; 甲 never misses (late is no absence), 乙 misses
# one (one more would cross the one-third line: at risk), 丙 misses two (over the line)
MARKS = {
    "甲": [PRESENT, LATE, PRESENT],
    "乙": [PRESENT, ABSENT, PRESENT],
    "丙": [ABSENT, PRESENT, ABSENT],
}
HELD = [("2026-09-20", "study"), ("2026-10-12", "seminar"), ("2026-11-05", "study")]
TILE_PAGES = {
    "activities": "activities",
    "attendance": "activities",
    "duties": "plans",
    "funds": "funds",
    "tasks": "plans",
    "assessment": "assessment",
}


class Year:
    """A studio's records in and around the school year 2026-2027. It judges attendance
    from the first session and reads 以上 as 'more than' (its own settings): three
    sessions show every state."""

    def __init__(self, services):
        self.services = services
        services.studio.set_setting("attendance.min_sessions", 1)
        services.studio.set_setting("attendance.exact_third_counts", False)
        self.ids: dict[str, int] = {}
        self.ids["陈静"] = services.members.add(
            parse_member({"name": "陈静", "role": "主持人", "joined_on": "2024-09-01"})
        )
        for name in MARKS:
            self.ids[name] = services.members.add(
                parse_member({"name": name, "role": "成员", "joined_on": "2024-09-01"})
            )
        activities = services.activities
        # last school year: not counted
        activities.create(
            ActivityInput("2026-05-10", "seminar", "上学年的研讨", takes_attendance=False)
        )
        self.activities = []
        for i, (date, kind) in enumerate(HELD):
            activity = activities.create(ActivityInput(date, kind, f"第{i + 1}次活动"))
            self.activities.append(activity)
            services.attendance.save_marks(
                activity, [MarkInput(self.ids[name], marks[i]) for name, marks in MARKS.items()]
            )
        # planned, still to come
        activities.create(ActivityInput("2026-12-10", "expert_lecture", "专家讲座"))

        ledger = services.ledger
        ledger.add(
            EntryInput(
                Direction.INCOME,
                "2026-09-10",
                "2000",
                "2026学年专项经费",
                source=IncomeSource.GRANT.value,
            )
        )
        ledger.add(
            EntryInput(Direction.EXPENSE, "2026-10-01", "500", "专家费", category="专家指导")
        )
        ledger.add(
            EntryInput(Direction.EXPENSE, "2026-11-02", "250.50", "读书会用书", category="培训研修")
        )
        # last school year: not counted
        ledger.add(EntryInput(Direction.EXPENSE, "2026-06-01", "100", "打印", category="课题研究"))

        plans = services.plans
        plans.save_annual_plan(YEAR, PlanInput("2026-2027学年工作计划"))
        done = plans.add_task(YEAR, TaskInput("制订学年计划", due_on="2026-09-30"))
        plans.tick_off(done, [EvidenceRef("activity", self.activities[0])])
        plans.add_task(
            YEAR,
            TaskInput("市级公开课展示", owner_membership_id=self.ids["乙"], due_on="2026-11-10"),
        )
        plans.add_task(YEAR, TaskInput("课题中期汇报", due_on="2026-12-01"))
        plans.add_task(YEAR, TaskInput("整理活动照片"))


@pytest.fixture
def bus(services):
    return ChangeBus(services)


@pytest.fixture
def year(services) -> Year:
    return Year(services)


def make_page(qtbot, services, bus) -> OverviewPage:
    page = OverviewPage(services, bus)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def page(qtbot, services, bus, year) -> OverviewPage:
    return make_page(qtbot, services, bus)


def test_the_title_names_the_current_school_year(page):
    assert page.year_title.text() == "2026-2027 school year"
    assert "陈静名班主任工作室" in page.heading.text()
    assert "江阴中专名班主任工作室" in page.profile.text()


def test_the_activities_tile_counts_held_against_planned(page, services):
    facts = services.year_facts.facts(YEAR)
    assert (facts.activities_held, facts.activities_planned) == (3, 4)
    text = page.tile_text("activities")
    assert "3 held of 4 planned" in text
    assert "1 still to come." in text
    chart = page.findChild(BarListChart, "activityKindChart")
    assert [(b.label, b.value) for b in chart.bars()] == [
        ("Study and discussion", 2),
        ("Seminar", 1),
    ]


def test_the_attendance_tile_gives_the_rate_and_the_flagged_names(page, services, year):
    # 9 marks at the three held sessions, 3 of them absences
    assert page.attendance_ring.text() == "66.7%"
    assert page.attendance_ring.share() == pytest.approx(6 / 9)
    text = page.tile_text("attendance")
    assert "6 attended of 9 expected at held sessions" in text
    assert "Over the line: 1 · At risk: 1" in text
    assert page.flagged() == [
        ("丙", "Over the line · missed 2/3"),
        ("乙", "At risk · missed 1/3"),
    ]
    facts = services.year_facts.facts(YEAR)
    assert facts.flagged == ("丙",) and facts.at_risk == ("乙",)


def test_a_name_in_the_attendance_tile_opens_the_member_not_the_page(qtbot, page, year):
    opened_pages: list[str] = []
    page.open_page.connect(opened_pages.append)
    name = next(n for n in page.findChildren(NameLink, "flaggedName") if "丙" in n.text())
    with qtbot.waitSignal(page.open_member, timeout=1000) as blocker:
        qtbot.mouseClick(name, Qt.MouseButton.LeftButton, pos=QPoint(4, name.height() // 2))
    assert blocker.args == [year.ids["丙"]]
    assert opened_pages == []


def test_the_funds_tile_sets_spending_against_the_grant(page, services):
    # the jiangyin preset grants 3,000.00 a year; 750.50 spent in this school year
    text = page.tile_text("funds")
    assert "750.50 spent of 3,000.00 granted (25%)" in text
    assert "Received in this school year: 2,000.00" in text
    meter = page.findChild(MeterBar, "fundsMeter")
    assert meter.values() == (75050, 300000)
    chart = page.findChild(BarListChart, "fundsCategoryChart")
    assert [(b.label, b.figure) for b in chart.bars()] == [
        ("专家指导", "500.00"),
        ("培训研修", "250.50"),
    ]
    # the ledger's own year (calendar 2026) includes June's expense too
    summary = services.ledger.summary(2026)
    assert page.funds_spent.text() == "850.50" == f"{summary.expense_fen / 100:,.2f}"
    assert page.funds_balance.text() == "1,149.50"


def test_the_tasks_tile_shows_done_open_overdue_and_next_due(page):
    text = page.tile_text("tasks")
    assert "1 of 4 done, 3 open" in text
    assert "1 overdue" in text
    assert "#b00020" in page.tasks_overdue.styleSheet()  # in red
    assert page.next_due() == [("2026-11-10", "市级公开课展示"), ("2026-12-01", "课题中期汇报")]
    assert "乙" in text  # the owner of the overdue one
    assert page.findChild(MeterBar, "tasksMeter").values() == (1, 4)


def test_the_duties_tile_says_when_the_preset_has_none(page):
    assert "sets no yearly duties" in page.tile_text("duties")
    assert not page.duties_ring.isVisibleTo(page)


def test_the_duties_tile_counts_done_of_all(qtbot, services, bus, year):
    services.studio.set_override(
        "yearly_duties",
        {"host": ["public_lesson", "paper"], "member": ["public_lesson"]},
        "测试",
    )
    services.growth.add_record(
        year.ids["甲"], RecordInput("public_lesson", "2026-10-20", "主题班会公开课")
    )
    services.growth.add_record(  # last school year: does not count
        year.ids["乙"], RecordInput("public_lesson", "2026-05-20", "上学年公开课")
    )
    page = make_page(qtbot, services, bus)
    facts = services.year_facts.facts(YEAR)
    assert (facts.duties_done, facts.duties_total) == (1, 5)
    text = page.tile_text("duties")
    assert "1 of 5 duties done" in text
    assert "4 still missing" in text
    assert page.duties_ring.text() == "20%"
    chart = page.findChild(BarListChart, "dutiesChart")
    assert [(b.label, b.value, b.total) for b in chart.bars()] == [
        ("Public lesson", 1, 4),
        ("Paper", 0, 1),
    ]


def test_the_assessment_tile_shows_the_latest(page, services, bus):
    assert "None yet" in page.tile_text("assessment")
    first = services.assessments.create("jiangyin-review", "midterm", SchoolYear(2025))
    latest = services.assessments.create("wujin-final", "annual", YEAR, title="本学年年度考核")
    info = services.assessments.get(latest)
    leaves = [s.indicator for s in info.items.values() if s.indicator.is_leaf]
    services.assessments.set_score(latest, leaves[0].code, str(leaves[0].max_points))
    bus.changed.emit(frozenset({ASSESSMENTS}))
    header = next(h for h in services.assessments.list() if h.id == latest)
    assert services.assessments.list()[0].id == latest != first
    text = page.tile_text("assessment")
    assert "本学年年度考核" in text
    assert "Draft" in text and "Annual assessment" in text
    assert f"{header.total_text} of {header.max_points} points" in text
    # one indicator scored: no grade yet (an empty or half-filled sheet is not 不合格)
    assert header.grade is None and "Fail" not in text
    assert f"Not fully scored (1 / {header.leaves})" in text
    assert "2 assessment(s) in all." in text


@pytest.mark.parametrize("key", list(TILE_PAGES))
def test_clicking_a_tile_opens_its_page(qtbot, page, key):
    tile = page.tiles[key]
    assert tile.cursor().shape() == Qt.CursorShape.PointingHandCursor
    corner = QPoint(tile.width() - 4, tile.height() - 4)  # the margin: no child there
    assert tile.childAt(corner) is None
    with qtbot.waitSignal(page.open_page, timeout=1000) as blocker:
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton, pos=corner)
    assert blocker.args == [TILE_PAGES[key]]


@pytest.mark.parametrize("key", list(TILE_PAGES))
def test_each_tile_has_an_open_button_for_the_keyboard(qtbot, page, key):
    button = page.tiles[key].open_button
    assert button.text().startswith("Open")
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    with qtbot.waitSignal(page.open_page, timeout=1000) as blocker:
        button.click()
    assert blocker.args == [TILE_PAGES[key]]


def test_a_click_on_a_chart_opens_the_page_too(qtbot, page):
    chart = page.findChild(BarListChart, "activityKindChart")
    with qtbot.waitSignal(page.open_page, timeout=1000) as blocker:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert blocker.args == ["activities"]


def test_the_tiles_follow_changes(page, services, bus, year):
    services.activities.create(ActivityInput("2026-11-18", "forum", "现场会"))
    bus.changed.emit(frozenset({ACTIVITIES}))
    assert "4 held of 5 planned" in page.tile_text("activities")

    services.ledger.add(
        EntryInput(Direction.EXPENSE, "2026-11-20", "49.50", "展板", category="专家指导")
    )
    bus.changed.emit(frozenset({LEDGER}))
    assert "800.00 spent of 3,000.00 granted" in page.tile_text("funds")

    task = services.plans.add_task(YEAR, TaskInput("补交材料", due_on="2026-11-01"))
    bus.changed.emit(frozenset({PLANS}))
    assert "1 of 5 done, 4 open" in page.tile_text("tasks")
    assert "2 overdue" in page.tile_text("tasks")
    assert page.next_due()[0] == ("2026-11-01", "补交材料")
    services.plans.tick_off(task, [EvidenceRef("activity", year.activities[1])])
    bus.changed.emit(frozenset({PLANS}))
    assert "1 overdue" in page.tile_text("tasks")

    services.growth.add_record(year.ids["甲"], RecordInput("public_lesson", "2026-10-20", "公开课"))
    bus.changed.emit(frozenset({GROWTH}))  # no duties under this preset: still says so
    assert "sets no yearly duties" in page.tile_text("duties")


def test_an_empty_studio_says_none_yet(qtbot, services, bus):
    page = make_page(qtbot, services, bus)
    assert page.year_title.text() == "2026-2027 school year"
    for key in ("activities", "funds", "tasks", "assessment"):
        assert "None yet" in page.tile_text(key), key
    assert "None yet" in page.tile_text("attendance")
    assert page.attendance_ring.text() == "—" and page.attendance_ring.share() is None
    assert "0 held of 0 planned" in page.tile_text("activities")
    assert "no annual plan" in page.tile_text("tasks")
    assert page.flagged() == [] and page.next_due() == []
    assert not page.findChild(BarListChart, "activityKindChart").isVisibleTo(page)
    assert not page.findChild(BarListChart, "fundsCategoryChart").isVisibleTo(page)
    image = page.grab()
    assert not image.isNull()


def test_an_annual_plan_without_tasks_says_so(qtbot, services, bus):
    services.plans.save_annual_plan(YEAR, PlanInput("2026-2027学年工作计划"))
    page = make_page(qtbot, services, bus)
    assert "None yet: the annual plan has no tasks." in page.tile_text("tasks")


def test_the_rings_and_meters_paint(page):
    for chart_type in (RingChart, MeterBar, BarListChart):
        for chart in page.findChildren(chart_type):
            if chart.isVisibleTo(page):
                assert not chart.grab().isNull()


def test_a_long_task_title_ends_in_an_ellipsis_and_is_whole_in_its_tooltip(
    qtbot, services, bus, year
):
    long_title = "开设主题班会公开课《网络素养与信息安全：职业学校学生的数字生活》并组织全员评课"
    services.plans.add_task(YEAR, TaskInput(long_title, due_on="2026-11-30"))
    page = make_page(qtbot, services, bus)
    page.resize(1093, 582)  # a 1366×768 screen at 125 %
    [label] = [w for w in page.findChildren(QLabel, "dueTitle") if w.toolTip() == long_title]
    qtbot.waitUntil(lambda: label.text().endswith("…"))
    shown = label.text().removesuffix("…")
    assert shown and long_title.startswith(shown)  # cut between characters, not through one
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    assert ("2026-11-30", long_title) in page.next_due()
