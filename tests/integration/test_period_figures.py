"""One definition of the attendance flags, on screen and on paper (issue 15, item 7).

A studio whose flags differ between a school year and the cycle, and between today and the
year's end: 周敏 missed 1 of 9 sessions in 2025-2026 (正常 for the year alone) but 5 of 13
over the cycle to its end (超线), and 7 of 16 by today (超线); 钱丽 missed 4 of 9 in 2025-2026
(超线 for the year alone) but 4 of 13 over the cycle to its end (临界), and 4 of 16 by today
(正常). None of the ratios sits on a line, so the exact-third setting does not move them.

Every document of 2025-2026 — the annual report (its figures, part 四 and the summary in
part 八), the summary PDF, the growth file, the period workbook, data.json and the facts an
assessment is scored from — shows the flags as they stood on 2026-08-31 over the window the
studio counts, names that window, and agrees with the plans page's summary of that year;
the screens of today show today's.
"""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from desktop_app.documents.bundle.data import build_data
from desktop_app.documents.reports.annual_report import write_annual_report
from desktop_app.documents.reports.growth_file import write_growth_file
from desktop_app.documents.reports.summary_report import write_summary_report
from desktop_app.documents.sheets.period_workbook import write_period_workbook
from desktop_app.domain.member_input import parse_member
from desktop_app.domain.period import school_year_period
from desktop_app.domain.school_year import SchoolYear
from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.pages.plans import PlansPage
from desktop_app.services.activities import ActivityInput
from desktop_app.services.attendance import MarkInput
from tests.conftest import TODAY, jiangyin_studio
from tests.pdf_tools import has, poppler, text_of

Y2024, Y2025, Y2026 = SchoolYear(2024), SchoolYear(2025), SchoolYear(2026)
CYCLE_TO_YEAR_END = "建设周期累计（2024年9月1日至2026年8月31日）"
YEAR_ONLY = "2025-2026学年（2025年9月1日至2026年8月31日）"


def _sessions(services, first: dt.date, count: int) -> list[int]:
    return [
        services.activities.create(
            ActivityInput(
                date=first + dt.timedelta(days=14 * i),
                kind="学习研讨",
                topic=f"研讨{first:%Y%m}{i}",
            )
        )
        for i in range(count)
    ]


def _marks(services, ids: list[int], missed: dict[int, int]) -> None:
    """Each member in ``missed`` absent from the first n of ``ids``, present at the rest."""
    batches = [
        (aid, [MarkInput(m, "缺勤" if i < n else "出勤") for m, n in missed.items()])
        for i, aid in enumerate(ids)
    ]
    services.attendance.save_many(batches, cause="测试")


@pytest.fixture
def studio(empty_services):
    s = empty_services
    s.studio.create(jiangyin_studio())

    def add(name: str, role: str = "成员") -> int:
        raw = {"name": name, "role": role, "gender": "女", "joined_on": "2024-09-01"}
        return s.members.add(parse_member(raw, today=TODAY))

    add("陈静", "主持人")
    zhou, qian = add("周敏"), add("钱丽")
    _marks(s, _sessions(s, dt.date(2024, 9, 18), 4), {zhou: 4, qian: 0})
    _marks(s, _sessions(s, dt.date(2025, 9, 17), 9), {zhou: 1, qian: 4})
    _marks(s, _sessions(s, dt.date(2026, 9, 16), 3), {zhou: 2, qian: 0})
    return s, zhou, qian


def _report_text(services, tmp_path) -> str:
    period = school_year_period(Y2025)
    return text_of(write_annual_report(services, period, tmp_path / "annual.pdf"))


def _rows(path) -> list[str]:
    """The PDF's lines as laid out (a table row stays on one line), spaces removed."""
    return [
        "".join(line.split())
        for line in poppler("pdftotext", "-layout", str(path), "-").splitlines()
    ]


def test_the_screens_show_todays_flags(studio):
    s, zhou, qian = studio
    tallies = s.attendance.tallies()
    assert (tallies[zhou].ratio_text, tallies[zhou].state.zh) == ("7/16", "超线")
    assert (tallies[qian].ratio_text, tallies[qian].state.zh) == ("4/16", "正常")


def test_every_document_of_a_past_year_shows_the_flags_at_its_end(studio, tmp_path, qtbot):
    s, zhou, qian = studio
    # The screen of that year: the plans page's annual summary of 2025-2026.
    page = PlansPage(s, ChangeBus(s))
    qtbot.addWidget(page)
    page.show_tab("summary")
    assert page.select_year(Y2025)
    screen = page.summary_tab.text()
    for line in (
        "缺勤超过规定比例的成员：周敏。",
        "缺勤临界、需提醒的成员：钱丽。",
        f"缺勤统计范围：{CYCLE_TO_YEAR_END}。",
    ):
        assert line in screen

    text = _report_text(s, tmp_path)
    for expected in (
        f"缺勤统计范围{CYCLE_TO_YEAR_END}",  # part 一's figures
        "缺勤超线成员周敏",
        "缺勤临界成员钱丽",
        f"缺勤比例和状态按本工作室的考勤统计范围计算：{CYCLE_TO_YEAR_END}",  # part 四
        "截至2026年8月31日，缺勤超线1人（周敏），临界1人（钱丽）",
        "累计缺勤比例",
        "缺勤超过规定比例的成员：周敏",  # part 八, the summary
        "缺勤临界、需提醒的成员：钱丽",
    ):
        assert has(text, expected), expected
    assert not has(text, "缺勤超过规定比例的成员：钱丽")
    # Part 四's rows: 应到 实到 请假 缺勤 of the year, then the flag at its end.
    rows = _rows(tmp_path / "annual.pdf")
    assert "1周敏成员98015/13超线" in rows
    assert "2钱丽成员95044/13临界" in rows

    summary = text_of(write_summary_report(s, Y2025, tmp_path / "summary.pdf"))
    for expected in (f"缺勤统计范围{CYCLE_TO_YEAR_END}", "缺勤超过规定比例的成员周敏"):
        assert has(summary, expected), expected

    growth = write_growth_file(s, zhou, tmp_path / "growth.pdf", period=school_year_period(Y2025))
    assert "2025-2026学年98015/13超线" in _rows(growth)
    assert has(text_of(growth), CYCLE_TO_YEAR_END)

    book = openpyxl.load_workbook(
        write_period_workbook(s, school_year_period(Y2025), tmp_path / "book.xlsx")
    )
    sheet = book["考勤"]
    header = [c.value for c in sheet[2]]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=3, values_only=True) if r[1]}
    ratio, state = header.index("累计缺勤比例"), header.index("状态")
    assert (rows["周敏"][ratio], rows["周敏"][state]) == ("5/13", "超线")
    assert (rows["钱丽"][ratio], rows["钱丽"][state]) == ("4/13", "临界")
    summary_sheet = book["申报汇总表"]
    flagged = [c.value for c in summary_sheet[2]].index("缺勤超线人数")
    assert summary_sheet.cell(row=3, column=flagged + 1).value == 1

    data = build_data(s, school_year_period(Y2025), TODAY, {}, masked=True)
    flags = {f["name"]: (f["state"], f["missed"], f["expected"]) for f in data["flags"]}
    assert flags["周敏"] == ("over", 5, 13)
    assert flags["钱丽"] == ("at_risk", 4, 13)
    assert data["figures"]["flagged"] == 1
    rules = data["attendance_rules"]
    assert (rules["window"], rules["counted_from"], rules["counted_to"]) == (
        "cycle",
        "2024-09-01",
        "2026-08-31",
    )

    # What a member's assessment of that year is scored from.
    facts = s.year_facts.member_facts(Y2025, zhou)
    assert facts.flagged
    assert facts.flag_text == f"周敏：缺勤 5/13，超线（{CYCLE_TO_YEAR_END}）"
    assert not s.year_facts.member_facts(Y2025, qian).flagged


def test_the_first_year_under_the_cycle_window_counts_that_year_alone(studio, tmp_path):
    s, zhou, qian = studio
    facts = s.year_facts.facts(Y2024)
    assert (facts.flagged, facts.at_risk) == (("周敏",), ())  # 4 of 4
    assert facts.flag_window == "建设周期累计（2024年9月1日至2025年8月31日）"
    text = text_of(write_annual_report(s, school_year_period(Y2024), tmp_path / "a.pdf"))
    assert has(text, "截至2025年8月31日，缺勤超线1人（周敏），临界0人")
    assert not has(text, "累计缺勤比例")  # the window is the year itself


def test_under_the_school_year_window_a_years_documents_count_that_year(studio, tmp_path):
    s, zhou, qian = studio
    s.studio.set_setting("attendance.window", "school_year")
    facts = s.year_facts.facts(Y2025)
    assert (facts.flagged, facts.at_risk) == (("钱丽",), ())
    assert facts.flag_window == YEAR_ONLY
    text = _report_text(s, tmp_path)
    for expected in (
        f"缺勤统计范围{YEAR_ONLY}",
        "截至2026年8月31日，缺勤超线1人（钱丽），临界0人",
        "缺勤超过规定比例的成员：钱丽",
    ):
        assert has(text, expected), expected
    rows = _rows(tmp_path / "annual.pdf")
    assert "1周敏成员98011/9正常" in rows
    assert "2钱丽成员95044/9超线" in rows
    assert not has(text, "累计缺勤比例")
    data = build_data(s, school_year_period(Y2025), TODAY, {}, masked=True)
    assert {f["name"]: f["state"] for f in data["flags"]} == {"周敏": "ok", "钱丽": "over"}
    assert data["attendance_rules"]["counted_from"] == "2025-09-01"


def test_the_current_years_documents_agree_with_todays_screens(studio, tmp_path):
    s, zhou, qian = studio
    facts = s.year_facts.facts(Y2026)
    assert (facts.flagged, facts.at_risk) == (("周敏",), ())
    assert facts.flag_window == "建设周期累计（2024年9月1日至2026年11月21日）"
    over = [f.name for f in s.attendance.flags() if f.state.zh == "超线"]
    assert over == list(facts.flagged)
    text = text_of(write_annual_report(s, school_year_period(Y2026), tmp_path / "a.pdf"))
    assert has(text, "截至2026年11月21日，缺勤超线1人（周敏），临界0人")


def test_a_years_attendance_workbook_shows_the_same_flags(studio, tmp_path):
    """The attendance matrix of one year (export-attendance --year) lists that year's
    sessions, and its tally columns are the flags the year's documents show, with the
    sessions they count named under the table."""
    from desktop_app.documents.sheets.attendance_io import write_attendance

    s, zhou, qian = studio
    sheet = openpyxl.load_workbook(write_attendance(s, tmp_path / "a.xlsx", Y2025)).active
    header = [c.value for c in sheet[2]]
    assert sum(1 for h in header if h and str(h)[:5] in ("2025-", "2026-")) == 9  # that year's
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0]}
    ratio, state = header.index("缺勤比例"), header.index("状态")
    assert (rows["周敏"][ratio], rows["周敏"][state]) == ("5/13", "超线")
    assert (rows["钱丽"][ratio], rows["钱丽"][state]) == ("4/13", "临界")
    assert f"按{CYCLE_TO_YEAR_END}的活动统计" in sheet.oddFooter.left.text
