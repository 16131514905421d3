"""Forgiving parsers: what people type in dialogs and what Excel cells hold."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain import messages
from desktop_app.domain.member_input import MemberData, parse_member
from desktop_app.domain.parsing import (
    is_masked,
    mask_id_number,
    mask_phone,
    parse_choice,
    parse_date,
    parse_id_number,
    parse_name,
    parse_phone,
    parse_text,
    parse_year,
    parse_yes_no,
)
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.vocab import Gender, TeachingTitle

TODAY = dt.date(2026, 11, 21)


# --- dates ---


@pytest.mark.parametrize(
    "text",
    [
        "2025-09-01",
        "2025/9/1",
        "2025.9.1",
        "2025年9月1日",
        "2025 年 9 月 1 日",
        " 2025-9-1 ",
        "２０２５－０９－０１",  # full-width digits and hyphens (NFKC)
        "２０２５/９/１",
    ],
)
def test_parse_date_accepts_what_people_type(text):
    assert parse_date(text, "joined_on") == dt.date(2025, 9, 1)


def test_parse_date_takes_excel_cells():
    assert parse_date(dt.datetime(2025, 9, 1, 0, 0), "joined_on") == dt.date(2025, 9, 1)
    assert type(parse_date(dt.datetime(2025, 9, 1, 13, 5), "joined_on")) is dt.date
    assert parse_date(dt.date(2025, 9, 1), "joined_on") == dt.date(2025, 9, 1)


@pytest.mark.parametrize("empty", [None, "", "   ", "\u3000"])
def test_parse_date_empty_is_none(empty):
    assert parse_date(empty, "joined_on") is None


def test_impossible_date_is_refused_with_the_field_named():
    with pytest.raises(ValidationError) as caught:
        parse_date("2025-02-30", "birth_date")
    [problem] = caught.value.problems
    assert problem.field == "birth_date"
    assert problem.message == "出生日期：“2025-02-30”不是有效日期（请写成 2025-09-01 或 2025/9/1）"


def test_date_message_in_english():
    messages.set_language("en")
    with pytest.raises(ValidationError) as caught:
        parse_date("2025-02-30", "birth_date")
    assert caught.value.problems[0].message.startswith(
        "birth date: “2025-02-30” is not a valid date"
    )


@pytest.mark.parametrize("text", ["2025-13-01", "25-9-1", "2025年9月", "next monday", "2025-9-1-1"])
def test_parse_date_refuses_nonsense(text):
    with pytest.raises(ValidationError) as caught:
        parse_date(text, "date")
    assert caught.value.problems[0].field == "date"


# --- yes / no ---


@pytest.mark.parametrize("text", ["是", "Y", "y", "yes", "YES", "true", "1", "√", " 是 "])
def test_yes(text):
    assert parse_yes_no(text, "rural") is True


@pytest.mark.parametrize("text", ["否", "N", "n", "no", "False", "0", "×", "不是"])
def test_no(text):
    assert parse_yes_no(text, "rural") is False


def test_yes_no_bools_and_empty():
    assert parse_yes_no(True, "rural") is True
    assert parse_yes_no(False, "rural") is False
    assert parse_yes_no(None, "rural") is None
    assert parse_yes_no("", "rural") is None


def test_yes_no_refuses_maybe():
    with pytest.raises(ValidationError) as caught:
        parse_yes_no("也许", "rural")
    assert caught.value.problems[0].field == "rural"
    assert "农村学校" in caught.value.problems[0].message


# --- names and text ---


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("张 三", "张三"),
        ("张　三", "张三"),  # ideographic space
        (" 欧阳 娜娜 ", "欧阳娜娜"),
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("Li Ming", "Li Ming"),
        ("  Li   Ming ", "Li Ming"),
        ("Ｌｉ Ｍｉｎｇ", "Li Ming"),
    ],
)
def test_parse_name(typed, stored):
    assert parse_name(typed) == stored


def test_parse_name_empty_and_too_long():
    assert parse_name("  ") is None
    with pytest.raises(ValidationError) as caught:
        parse_name("张" * 51)
    assert caught.value.problems[0].field == "name"


def test_parse_text_keeps_chinese_punctuation_and_folds_fullwidth_digits():
    assert parse_text("工作调动（调入华士实验中学），２０２６年", "leave_reason") == (
        "工作调动（调入华士实验中学），2026年"
    )
    assert parse_text("  a \n b  ", "note") == "a b"
    with pytest.raises(ValidationError) as caught:
        parse_text("x" * 101, "school", 100)
    assert caught.value.problems[0].message == "工作单位超过 100 个字符"


# --- numbers: years, phones, ID numbers ---


@pytest.mark.parametrize("value", ["2015", "2015年", "２０１５", 2015, 2015.0, dt.date(2015, 9, 1)])
def test_parse_year(value):
    assert parse_year(value, "head_teacher_since", 1950, 2026) == 2015


def test_parse_year_range_and_shape():
    with pytest.raises(ValidationError) as caught:
        parse_year("1949", "head_teacher_since", 1950, 2026)
    assert caught.value.problems[0].message == "担任班主任起始年份：1949 应在 1950 与 2026 之间"
    with pytest.raises(ValidationError):
        parse_year("2027", "head_teacher_since", 1950, 2026)
    with pytest.raises(ValidationError):
        parse_year("15", "head_teacher_since", 1950, 2026)
    with pytest.raises(ValidationError):
        parse_year(2015.5, "head_teacher_since", 1950, 2026)


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        (13800138000.0, "13800138000"),  # Excel made the typed number a float
        (13800138000, "13800138000"),
        ("１３８００１３８０００", "13800138000"),
        ("138-0013-8000", "138-0013-8000"),
        ("0510-86123456", "0510-86123456"),
        ("+86 138 0013 8000", "+86 138 0013 8000"),
    ],
)
def test_parse_phone(value, stored):
    assert parse_phone(value) == stored


@pytest.mark.parametrize("value", ["abc", "123", "138001380001234567890123", "138O0138000"])
def test_parse_phone_refuses(value):
    with pytest.raises(ValidationError) as caught:
        parse_phone(value)
    assert caught.value.problems[0].field == "phone"


def test_parse_id_number():
    assert parse_id_number("32028119900101123x") == "32028119900101123X"
    assert parse_id_number("320281 19900101 1234") == "320281199001011234"
    assert parse_id_number("３２０２８１１９９００１０１１２３４") == "320281199001011234"
    assert parse_id_number("") is None
    for bad in ("32028119900101123", "3202811990010112345", "32028119900101123Y"):
        with pytest.raises(ValidationError) as caught:
            parse_id_number(bad)
        assert caught.value.problems[0].field == "id_number"


def test_masks():
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("138-0013-8000") == "138****8000"
    assert mask_phone("1234567") == "*******"
    assert mask_phone(None) is None
    assert mask_id_number("320281199001011234") == "3202**********1234"
    assert is_masked("138****8000")
    assert not is_masked("13800138000")
    assert not is_masked(None)
    assert not is_masked("")


def test_parse_choice_lists_the_accepted_words():
    assert parse_choice("一级教师", TeachingTitle, "title") is TeachingTitle.INTERMEDIATE
    assert parse_choice("女", Gender, "gender") is Gender.FEMALE
    assert parse_choice("", Gender, "gender") is None
    with pytest.raises(ValidationError) as caught:
        parse_choice("特级", TeachingTitle, "title")
    assert caught.value.problems[0].message == (
        "职称：“特级”不在可选值（未定级、初级、中级、高级、正高级）之中"
    )


# --- a whole roster entry ---


def test_parse_member_from_a_spreadsheet_row():
    data = parse_member(
        {
            "name": "张 三",
            "gender": "男",
            "birth_date": dt.datetime(1990, 5, 4),
            "school": "江阴中专信息技术系",
            "rural": "N",
            "title": "二级教师",
            "head_teacher_since": 2015.0,
            "role": "学员",
            "phone": 13800138000.0,
            "id_number": "32028119900504123x",
            "joined_on": "2024/9/1",
            "status": "确定",
        },
        today=TODAY,
    )
    assert data == MemberData(
        name="张三",
        role="member",
        stage="confirmed",
        gender="male",
        birth_date=dt.date(1990, 5, 4),
        school="江阴中专信息技术系",
        rural=False,
        title="junior",
        head_teacher_since=2015,
        joined_on=dt.date(2024, 9, 1),
        phone="13800138000",
        id_number="32028119900504123X",
    )


def test_parse_member_collects_every_problem():
    with pytest.raises(ValidationError) as caught:
        parse_member(
            {"name": "", "role": "校长", "birth_date": "2025-02-30", "rural": "也许"}, today=TODAY
        )
    fields = [p.field for p in caught.value.problems]
    assert sorted(fields) == ["birth_date", "name", "role", "rural"]


def test_parse_member_dates_that_do_not_fit():
    with pytest.raises(ValidationError) as caught:
        parse_member(
            {
                "name": "李四",
                "role": "成员",
                "birth_date": "2027-01-01",
                "joined_on": "2025-09-01",
                "left_on": "2025-03-01",
            },
            today=TODAY,
        )
    by_field = {p.field: p.message for p in caught.value.problems}
    assert by_field["birth_date"] == "出生日期：2027-01-01 晚于今天"
    assert by_field["left_on"] == "退出日期 2025-03-01 早于加入日期 2025-09-01"
    assert by_field["leave_reason"] == "请填写退出原因"


def test_parse_member_status_left_needs_a_date():
    with pytest.raises(ValidationError) as caught:
        parse_member({"name": "李四", "role": "成员", "status": "已退出"}, today=TODAY)
    assert [p.field for p in caught.value.problems] == ["left_on"]
    data = parse_member(
        {
            "name": "李四",
            "role": "成员",
            "status": "已退出",
            "left_on": "2026-02-20",
            "leave_reason": "工作调动",
        },
        today=TODAY,
    )
    assert data.left_on == dt.date(2026, 2, 20)
    assert data.stage == "confirmed"


def test_parse_member_keeps_masked_values_for_the_service_to_judge():
    data = parse_member(
        {"name": "李四", "role": "成员", "phone": "138****8000", "id_number": "3202**********1234"},
        today=TODAY,
    )
    assert data.phone == "138****8000"
    assert data.id_number == "3202**********1234"


def test_parse_member_stage_words():
    assert parse_member({"name": "李四", "role": "成员"}, today=TODAY).stage == "confirmed"
    assert parse_member({"name": "李四", "role": "成员", "stage": "推荐"}, TODAY).stage == (
        "recommended"
    )
    with pytest.raises(ValidationError) as caught:
        parse_member({"name": "李四", "role": "成员", "stage": "候补"}, today=TODAY)
    assert caught.value.problems[0].field == "stage"
