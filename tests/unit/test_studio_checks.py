"""Checks of the studio's own records (issue 15 item 10): each a warning with its source."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop_app.domain.presets import load_presets
from desktop_app.domain.studio_checks import StudioFacts, check_studio

PRESETS = load_presets(Path(__file__).resolve().parents[2] / "resources" / "presets")
TODAY = dt.date(2026, 11, 21)  # in the third school year of a 2024-2026 cycle


def facts(**changes) -> StudioFacts:
    values = dict(
        name="陈静名班主任工作室",
        cycle_first_year=2024,
        cycle_last_year=2026,
        host_names=("陈静",),
        plans_made_on={
            2024: dt.date(2024, 8, 20),
            2025: dt.date(2025, 8, 31),
            2026: dt.date(2026, 6, 1),
        },
        showcase_years=frozenset({2024, 2025}),
    )
    values.update(changes)
    return StudioFacts(**values)


def found(preset_id: str, studio: StudioFacts, today: dt.date = TODAY):
    return [(w.rule, w.message) for w in check_studio(PRESETS[preset_id], studio, today)]


def test_records_in_order_give_no_warning():
    for preset_id in PRESETS:
        assert found(preset_id, facts()) == []


def test_annual_plan_made_on_the_first_day_of_its_year_is_late():
    plans = {2024: dt.date(2024, 8, 20), 2025: dt.date(2025, 9, 1), 2026: dt.date(2026, 6, 1)}
    assert found("wujin", facts(plans_made_on=plans)) == [
        (
            "annual_plan_before_year",
            "2025-2026 学年的年度工作计划于 2025-09-01 录入，晚于学年开始（2025-09-01）",
        )
    ]
    [warning] = check_studio(PRESETS["wujin"], facts(plans_made_on=plans), TODAY)
    assert warning.source == "002_fa8c89463d21dd95.txt 七、考核评价"
    assert "每学年开始前" in PRESETS["wujin"].rule("annual_plan_before_year").source.quote


def test_annual_plan_missing_only_for_years_begun():
    plans = {2024: dt.date(2024, 8, 20)}
    assert found("jiangyin", facts(plans_made_on=plans)) == [
        ("annual_plan_before_year", "2025-2026、2026-2027 学年没有年度工作计划")
    ]
    # the day before 2026-2027 begins its plan is not missing yet
    assert found("jiangyin", facts(plans_made_on=plans), dt.date(2026, 8, 31)) == [
        ("annual_plan_before_year", "2025-2026 学年没有年度工作计划")
    ]
    assert found("xinbei-room", facts(plans_made_on={})) == []  # 新北 sets no such date


def test_cycle_length_against_the_document():
    four = facts(cycle_last_year=2027, plans_made_on={})
    assert ("cycle_years", "建设周期为 4 学年，文件规定为 3 年") in found("wujin", four)
    # a preset whose document states no length is not checked against the usual value
    assert [w for w in found("xiamen-workshop", four) if w[0] == "cycle_years"] == []


def test_about_three_years_allows_a_year_more_or_less():
    """新北's "通过三年左右的努力": a cycle of two or four school years is still about
    three; five is not."""
    cycle = [
        (
            last,
            [w for w in found("xinbei-room", facts(cycle_last_year=last)) if w[0] == "cycle_years"],
        )
        for last in (2025, 2027, 2028)
    ]
    assert cycle == [
        (2025, []),
        (2027, []),
        (2028, [("cycle_years", "建设周期为 5 学年，文件规定为 3 年左右")]),
    ]
    assert PRESETS["xinbei-camp"].rule("cycle_years").approximate


def test_studio_named_after_its_host():
    assert found("jiangyin", facts(name="班级文化育人工作室")) == [
        ("host_in_studio_name", "工作室名称“班级文化育人工作室”中没有主持人姓名（陈静）")
    ]
    assert found("wujin", facts(name="班级文化育人工作室")) == []


def test_one_showcase_each_ended_school_year():
    assert found("xinbei-camp", facts(showcase_years=frozenset({2024}))) == [
        ("yearly_showcase", "2025-2026 学年没有成果展示活动")
    ]
    # the current school year is judged once it has ended
    assert found("xinbei-camp", facts(showcase_years=frozenset({2024, 2025}))) == []
    assert found("xinbei-camp", facts(showcase_years=frozenset({2024})), dt.date(2025, 8, 31)) == []
