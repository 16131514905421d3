"""Impossible dates are refused with the rule said (issue 16, item 9): a ledger date far
before the studio's cycle (0001-01-01, Excel's day 1 and day −5), a birth date that
makes no adult, a joining date before 2000 — typed, imported or given to the CLI."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from desktop_app.documents.sheets.ledger_io import read_ledger_workbook
from desktop_app.documents.sheets.roster_io import read_roster
from desktop_app.domain.member_input import parse_member
from desktop_app.domain.parsing import parse_date
from desktop_app.domain.problems import ValidationError
from desktop_app.services.ledger import EntryInput

TODAY = dt.date(2026, 11, 21)  # conftest's today; the cycle is 2024-2027


def _income(day) -> EntryInput:
    return EntryInput(direction="收入", date=day, amount="1000", purpose="拨款")


@pytest.mark.parametrize(
    "day", ["0001-01-01", dt.date(1900, 1, 1), dt.date(1899, 12, 25), "2023-08-31"]
)
def test_a_ledger_date_long_before_the_cycle_is_refused_with_the_rule(services, day):
    with pytest.raises(ValidationError) as caught:
        services.ledger.add(_income(day))
    message = caught.value.problems[0].message
    assert "日期" in message and "应在" in message
    assert services.ledger.entries() == []


def test_a_ledger_date_a_year_before_the_cycle_is_accepted(services):
    services.ledger.add(_income("2023-09-01"))  # the cycle starts 2024-09-01
    assert len(services.ledger.entries()) == 1


def test_the_near_cycle_rule_is_said(services):
    with pytest.raises(ValidationError) as caught:
        services.ledger.add(_income("2020-01-01"))
    message = caught.value.problems[0].message
    assert "2023-09-01" in message and "建设周期开始前一年" in message


def test_parse_date_refuses_a_date_no_record_can_have():
    for value in ("0001-01-01", dt.date(1899, 12, 25), dt.datetime(1900, 1, 1)):
        with pytest.raises(ValidationError) as caught:
            parse_date(value, "date")
        assert "1900-01-02" in caught.value.problems[0].message


def _ledger_with_date_cells(path, *days):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["日期", "收支", "金额", "摘要"])
    for n, day in enumerate(days):
        ws.append([day, "收入", 100, f"拨款 {n}"])
        ws.cell(row=n + 2, column=1).number_format = "yyyy-mm-dd"
    wb.save(path)
    return path


def test_a_ledger_import_names_excel_day_one_and_minus_five(services, tmp_path):
    # Excel's day 1 and day −5, as openpyxl reads such cells
    path = _ledger_with_date_cells(
        tmp_path / "ledger.xlsx", dt.datetime(1900, 1, 1), dt.datetime(2025, 3, 1)
    )
    preview = read_ledger_workbook(path, services)
    lines = preview.problem_lines()
    assert len(lines) == 1 and lines[0].startswith("第 2 行，日期 列")


@pytest.mark.parametrize(
    ("birth", "ok"),
    [
        (dt.date(1899, 12, 25), False),
        (dt.date(1940, 1, 1), False),  # 86
        (dt.date(2015, 6, 1), False),  # 11
        (dt.date(2008, 11, 22), False),  # one day short of 18
        (dt.date(2008, 11, 21), True),
        (dt.date(1985, 6, 15), True),
    ],
)
def test_a_birth_date_gives_an_adults_age(birth, ok):
    raw = {"name": "张三", "role": "成员", "birth_date": birth}
    if ok:
        assert parse_member(raw, today=TODAY).birth_date == birth
        return
    with pytest.raises(ValidationError) as caught:
        parse_member(raw, today=TODAY)
    assert any(p.field == "birth_date" for p in caught.value.problems)


def test_the_age_rule_is_said(services):
    with pytest.raises(ValidationError) as caught:
        parse_member({"name": "张三", "role": "成员", "birth_date": "2015-06-01"}, today=TODAY)
    assert "18 至 80 周岁" in caught.value.problems[0].message


@pytest.mark.parametrize(
    ("joined", "ok"),
    [("1999-12-31", False), ("2028-01-01", False), ("2000-01-01", True), ("2027-09-01", True)],
)
def test_a_joining_date_lies_between_2000_and_a_year_ahead(joined, ok):
    raw = {"name": "张三", "role": "成员", "joined_on": joined}
    if ok:
        assert parse_member(raw, today=TODAY).joined_on.isoformat() == joined
        return
    with pytest.raises(ValidationError) as caught:
        parse_member(raw, today=TODAY)
    assert "2000 年起" in caught.value.problems[0].message


def test_a_roster_import_names_an_impossible_birth_date(services, tmp_path):
    path = tmp_path / "名册.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "角色", "出生日期"])
    ws.append(["张三", "成员", dt.datetime(1930, 1, 1)])
    ws["C2"].number_format = "yyyy-mm-dd"
    wb.save(path)
    lines = read_roster(path, services.members).problem_lines()
    assert len(lines) == 1 and "出生日期" in lines[0] and "周岁" in lines[0]


@pytest.mark.parametrize(
    ("day", "ok"),
    [
        ("1925-10-10", False),  # a slip for 2025
        ("2023-08-31", False),
        ("2023-09-01", True),  # a year before the cycle (2024-09-01)
        ("2027-05-20", True),  # planned, inside the cycle
        ("2029-09-01", False),  # more than a year after it ends (2027-08-31)
    ],
)
def test_an_activity_lies_within_a_year_of_the_cycle(services, day, ok):
    from desktop_app.services.activities import ActivityInput

    data = ActivityInput(day, "学习研讨", "读书会")
    if ok:
        services.activities.create(data)
        assert len(services.activities.list()) == 1
        return
    with pytest.raises(ValidationError) as caught:
        services.activities.create(data)
    assert "自建设周期开始前一年起，至周期结束后一年为止" in caught.value.problems[0].message
    assert services.activities.list() == []


def test_an_imported_session_far_from_the_cycle_is_named_and_nothing_written(services):
    from desktop_app.services.activities import ActivityInput

    with pytest.raises(ValidationError) as caught:
        services.attendance.save_many(
            [(ActivityInput("1925-10-10", "学习研讨", "读书会"), [])], cause="导入"
        )
    assert "1925-10-10" in caught.value.problems[0].message
    assert services.activities.list() == []
