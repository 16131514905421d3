"""学时 on paper: the annual report's roster part, the growth file, the period workbook and
data.json list each member's 学时 per school year — activities and own training apart, and
their total — the same figures as the roster (one computation)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from desktop_app.documents.bundle.data import build_data
from desktop_app.documents.reports.annual_report import write_part
from desktop_app.documents.reports.growth_file import write_growth_file
from desktop_app.documents.sheets.period_workbook import write_period_workbook
from desktop_app.domain.member_input import parse_member
from desktop_app.domain.period import school_year_period
from desktop_app.domain.school_year import SchoolYear
from desktop_app.services.activities import ActivityInput
from desktop_app.services.attendance import MarkInput
from desktop_app.services.growth import RecordInput
from tests.pdf_tools import has, text_of

Y2025 = SchoolYear(2025)


def add(services, name: str, joined: str = "2024-09-01") -> int:
    data = parse_member(
        {"name": name, "role": "成员", "joined_on": joined, "head_teacher_since": "2015"},
        today=services.today(),
    )
    return services.members.add(data)


def held(services, day: dt.date, hours: str | None, marks: dict[int, str]) -> None:
    aid = services.activities.create(
        ActivityInput(date=day, kind="学习研讨", topic=f"研讨{day:%m%d}", hours=hours)
    )
    services.attendance.save_marks(aid, [MarkInput(m, s) for m, s in marks.items()])


@pytest.fixture
def studio(services):
    wang, li = add(services, "王芳"), add(services, "李强", joined="2026-01-05")
    held(services, dt.date(2025, 8, 31), "9", {wang: "出勤"})  # the year before
    for day in (dt.date(2025, 9, 1), dt.date(2025, 9, 8), dt.date(2025, 9, 15)):
        held(services, day, "0.1", {wang: "出勤"})  # before 李强 joined
    held(services, dt.date(2026, 3, 4), "2", {wang: "请假", li: "迟到"})
    held(services, dt.date(2026, 3, 11), None, {wang: "早退", li: "缺勤"})
    services.growth.add_record(
        wang, RecordInput(kind="培训学时", date="2026-04-02", title="市级班主任培训", hours="1.5")
    )
    return services, wang, li


# 王芳 2025-2026: 0.3 from three sessions (0.1 each), one without 学时, 1.5 of her own.
WANG = ["2025-2026学年", "0.3", "4", "1", "1.5", "1.8"]
LI = ["2025-2026学年", "2", "1", "", "0", "2"]


def test_annual_report_roster_part_lists_hours(studio, tmp_path):
    services, _, _ = studio
    text = text_of(
        write_part(services, school_year_period(Y2025), "roster", tmp_path / "r.pdf"), raw=True
    )
    assert has(text, "成员学时")
    assert has(text, "王芳成员" + "".join(WANG))
    assert has(text, "李强成员" + "".join(LI))
    assert has(text, "请假、缺勤不计")


def test_growth_file_has_a_part_of_training_hours(studio, tmp_path):
    services, wang, _ = studio
    out = write_growth_file(services, wang, tmp_path / "g.pdf")
    text = text_of(out, raw=True)
    assert has(text, "六、培训学时")
    assert has(text, "2024-2025学年9") and has(text, "".join(WANG))
    assert has(text, "计入学时的工作室活动")
    assert has(text, "2026-03-11研讨0311早退未定学时（计0）")
    assert not has(text, "2026-03-04研讨0304")  # on leave: not credited


def test_workbook_sheet_of_hours(studio, tmp_path):
    services, _, _ = studio
    out = write_period_workbook(services, school_year_period(Y2025), tmp_path / "w.xlsx")
    sheet = openpyxl.load_workbook(out)["学时"]
    rows = [
        [c.value for c in row]
        for row in sheet.iter_rows(min_row=3, max_col=9)
        if row[1].value in ("王芳", "李强")
    ]
    assert rows == [
        [1, "王芳", "成员", "2025-2026学年", 0.3, 4, 1, 1.5, 1.8],
        [2, "李强", "成员", "2025-2026学年", 2, 1, 0, 0, 2],
    ]


def test_data_json_lists_the_same_figures(studio):
    services, wang, li = studio
    data = build_data(services, school_year_period(Y2025), services.today(), {}, masked=True)
    got = {h["member_id"]: h for h in data["training_hours"]}
    assert got[wang] == {
        "member_id": wang,
        "name": "王芳",
        "school_year": "2025-2026",
        "activity_hours": "0.3",
        "activities": 4,
        "activities_without_hours": 1,
        "own_hours": "1.5",
        "total_hours": "1.8",
    }
    assert (got[li]["activity_hours"], got[li]["total_hours"]) == ("2", "2")
    # the roster's figure is the same computation
    person = {r.membership_id: r.person_id for r in services.members.roster()}
    assert services.training_hours.of_year(Y2025)[person[wang]].total_tenths == 18
