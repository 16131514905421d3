"""Yearly duties: each duty of a school year is done because a growth record says so."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.duties import Record, duty_checklist
from desktop_app.domain.member_input import parse_member
from desktop_app.domain.school_year import SchoolYear
from desktop_app.services.growth import RecordInput
from tests.conftest import BOTH, TODAY, jiangyin_studio

# Each test on SQLite and on PostgreSQL (tests/conftest.py)
BACKENDS = BOTH

Y2025 = SchoolYear(2025)


@pytest.fixture
def wujin(empty_services):
    empty_services.studio.create(jiangyin_studio(preset_id="wujin"))
    return empty_services


def add_member(services, name, role="学员", joined_on="2024-09-01"):
    return services.members.add(
        parse_member({"name": name, "role": role, "joined_on": joined_on}, today=TODAY)
    )


def add_record(services, mid, kind, date, title):
    return services.growth.add_record(mid, RecordInput(kind=kind, date=date, title=title))


def test_duties_computed_from_records_of_the_school_year(wujin):
    mid = add_member(wujin, "王芳")
    lesson = add_record(wujin, mid, "public_lesson", "2025-10-15", "德育公开课《诚信》")
    paper = add_record(wujin, mid, "paper", "2026-05-01", "德育论文")
    add_record(wujin, mid, "research", "2025-08-31", "上一学年的课题")

    grid = wujin.duties.grid(Y2025)
    assert grid.applies
    assert grid.source
    assert grid.kinds == ["public_lesson", "lecture", "research", "paper"]
    (row,) = grid.rows
    assert row.membership_id == mid and row.name == "王芳" and row.role == "member"
    statuses = row.statuses
    assert statuses["public_lesson"].done and statuses["public_lesson"].record_ids == (lesson,)
    assert statuses["public_lesson"].record_titles == ("德育公开课《诚信》",)
    assert statuses["paper"].done and statuses["paper"].record_ids == (paper,)
    assert not statuses["research"].done and statuses["research"].record_ids == ()
    assert not statuses["lecture"].done
    assert grid.done_count == 2 and grid.missing_count == 2

    # the research record counts in its own school year
    earlier = wujin.duties.grid(SchoolYear(2024)).rows[0].statuses
    assert earlier["research"].done and not earlier["paper"].done


def test_host_list_differs_from_member_list(wujin):
    assert wujin.duties.duties_for_role("host") == ["public_lesson", "lecture", "research", "paper"]
    assert wujin.duties.duties_for_role("member") == [
        "lecture",
        "public_lesson",
        "research",
        "paper",
    ]
    assert wujin.duties.duties_for_role("mentor") == []


def test_role_without_duties_has_none_statuses(wujin):
    add_member(wujin, "李老师", role="导师")
    (row,) = wujin.duties.grid(Y2025).rows
    assert row.statuses == dict.fromkeys(["public_lesson", "lecture", "research", "paper"])


def test_only_members_of_that_school_year(wujin):
    add_member(wujin, "早来", joined_on="2024-09-01")
    add_member(wujin, "新来", joined_on="2026-03-01")
    left = add_member(wujin, "已走", joined_on="2023-09-01")
    wujin.members.end(left, "2024-06-30", "调动")
    assert [r.name for r in wujin.duties.grid(SchoolYear(2024)).rows] == ["早来"]
    assert [r.name for r in wujin.duties.grid(Y2025).rows] == ["早来", "新来"]


def test_xinbei_asks_for_mentoring(empty_services):
    empty_services.studio.create(jiangyin_studio(preset_id="xinbei-room"))
    assert "mentoring" in empty_services.duties.duties_for_role("member")
    assert empty_services.duties.applies()


def test_jiangyin_has_no_duties(services):
    add_member(services, "王芳")
    grid = services.duties.grid(Y2025)
    assert not grid.applies and not services.duties.applies()
    assert grid.kinds == [] and grid.rows == [] and grid.source == ""
    assert services.duties.duties_for_role("member") == []


# --- the pure checklist ---

KINDS = ["public_lesson", "lecture", "mentoring", "research", "paper", "honour"]
records_st = st.lists(
    st.builds(
        Record,
        id=st.integers(1, 10_000),
        kind=st.sampled_from(KINDS),
        date=st.dates(dt.date(2023, 1, 1), dt.date(2028, 12, 31)),
        title=st.text(max_size=5),
    ),
    max_size=12,
)
duties_st = st.lists(st.sampled_from(KINDS[:5]), min_size=1, max_size=5, unique=True)
years_st = st.integers(2023, 2027).map(SchoolYear)


@given(duties_st, records_st, records_st, years_st)
def test_adding_records_never_undoes_a_duty(duties, records, more, year):
    before = duty_checklist(duties, records, year)
    after = duty_checklist(duties, records + more, year)
    assert [s.kind for s in before] == [s.kind for s in after] == duties
    for b, a in zip(before, after, strict=True):
        assert a.done or not b.done


@given(duties_st, records_st, records_st, years_st)
def test_records_outside_the_year_never_count(duties, records, outside, year):
    outside = [r for r in outside if not year.contains(r.date)]
    assert duty_checklist(duties, records + outside, year) == duty_checklist(duties, records, year)


@given(duties_st, records_st, years_st)
def test_done_means_a_record_of_that_kind_in_the_year(duties, records, year):
    for status in duty_checklist(duties, records, year):
        fulfilling = [r for r in records if r.kind == status.kind and year.contains(r.date)]
        assert status.done == bool(fulfilling)
        assert len(status.record_ids) == len(fulfilling)


# --- a talk given is a duty done (the presenter of an activity) ---


def add_activity(services, date, kind, topic, presenter):
    from desktop_app.services.activities import ActivityInput

    return services.activities.create(
        ActivityInput(date=date, kind=kind, topic=topic, presenter=presenter)
    )


def test_a_host_who_gave_a_talk_has_done_the_lecture_of_that_school_year(wujin):
    """The host presenting a 讲座 on 2025-10-10: 讲座/交流 done for 2025-2026, derived from
    the activity (no record, no tick), and not for 2024-2025."""
    host = add_member(wujin, "陈静", role="主持人")
    talk = add_activity(wujin, "2025-10-10", "专家讲座", "班级文化建设", "陈静（江阴中专）")
    (row,) = wujin.duties.grid(Y2025).rows
    assert row.membership_id == host
    lecture = row.statuses["lecture"]
    assert lecture.done and lecture.record_ids == ()
    assert [t.activity_id for t in lecture.talks] == [talk]
    assert lecture.evidence == ("2025-10-10 专家讲座《班级文化建设》（主讲）",)
    assert not row.statuses["public_lesson"].done  # a talk is no open lesson
    (earlier,) = wujin.duties.grid(SchoolYear(2024)).rows
    assert not earlier.statuses["lecture"].done


def test_an_open_lesson_and_an_exchange_count_for_each_presenter_named(wujin):
    wang = add_member(wujin, "王芳")
    li = add_member(wujin, "李明")
    add_activity(wujin, "2026-03-04", "公开课", "诚信教育", "王芳、李明")
    add_activity(wujin, "2026-04-08", "经验交流", "家校沟通", "李明，特邀嘉宾张华")
    rows = {r.membership_id: r.statuses for r in wujin.duties.grid(Y2025).rows}
    assert rows[wang]["public_lesson"].done and not rows[wang]["lecture"].done
    assert rows[li]["public_lesson"].done and rows[li]["lecture"].done


def test_the_assessment_facts_credit_talks_as_the_grid_does(wujin):
    """What an assessment's indicators read (member_duty, growth_records) counts the talks
    the duties grid credits: the grid and the assessment never disagree about a duty."""
    wang = add_member(wujin, "王芳")
    add_activity(wujin, "2026-03-04", "公开课", "诚信教育", "王芳")
    member = wujin.year_facts.member_facts(Y2025, wang)
    assert [(t.person, t.duty, t.topic) for t in member.talks] == [
        ("王芳", "public_lesson", "诚信教育")
    ]
    studio = wujin.year_facts.studio_facts(Y2025)
    assert [t.activity_id for t in studio.talks] == [t.activity_id for t in member.talks]
    assert wujin.year_facts.member_facts(SchoolYear(2024), wang).talks == ()


def test_what_credits_nobody(wujin):
    """A kind of activity that is no duty, a guest's name, a name two members share, a
    name within other words, and an activity not yet held credit no one."""
    add_member(wujin, "王芳")
    for born in ("1985-03-01", "1990-07-12"):  # two members of one name
        wujin.members.add(
            parse_member(
                {"name": "张华", "birth_date": born, "role": "学员", "joined_on": "2024-09-01"},
                today=TODAY,
            )
        )
    add_activity(wujin, "2025-11-05", "学习研讨", "研读专著", "王芳")
    add_activity(wujin, "2025-11-12", "专家讲座", "心理健康", "市教科院李教授")
    add_activity(wujin, "2025-11-19", "专家讲座", "班会设计", "张华")
    add_activity(wujin, "2025-11-26", "专家讲座", "带班方略", "王芳老师")
    add_activity(wujin, "2026-12-01", "公开课", "将来的课", "王芳")  # after TODAY
    for row in wujin.duties.grid(Y2025).rows + wujin.duties.grid(SchoolYear(2026)).rows:
        assert not any(s.talks for s in row.statuses.values() if s is not None), row.name


def test_presenter_names():
    from desktop_app.domain.duties import presenter_names

    assert presenter_names("陈静（江阴中专）、张华，李明; 王五 / 赵六\n王　芳") == [
        "陈静",
        "张华",
        "李明",
        "王五",
        "赵六",
        "王芳",
    ]
    assert presenter_names(None) == presenter_names("  ") == []


@pytest.mark.parametrize(
    ("preset", "encouraged"), [("xinbei-room", True), ("xinbei-camp", True), ("wujin", False)]
)
def test_the_xinbei_duties_are_encouraged_as_seed_000_says(empty_services, preset, encouraged):
    """Seed 000 四(五): 推行…“五个一”工作，即：鼓励…每学年开设一节德育公开课…; 武进's §六
    sets them as duties (应履行以下职责)."""
    empty_services.studio.create(jiangyin_studio(preset_id=preset))
    add_member(empty_services, "王芳")
    grid = empty_services.duties.grid(Y2025)
    assert grid.encouraged is encouraged
    assert (
        "鼓励名班主任和名班主任成长团队成员每学年开设一节德育公开课" in grid.quote
    ) is encouraged
