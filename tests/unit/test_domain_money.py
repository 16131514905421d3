"""Money is integer fen: what people type and what spreadsheet cells hold becomes fen
exactly, anything unclear is refused with a message that names the field, and amounts
are shown as 3,000.00."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from desktop_app.domain import messages
from desktop_app.domain.money import MAX_FEN, format_fen, parse_money
from desktop_app.domain.problems import ValidationError

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "studiodesk-hypothesis")
quick = settings(database=None, deadline=None, max_examples=300)


# --- accepted ---


@pytest.mark.parametrize(
    ("typed", "fen"),
    [
        ("3000", 300000),
        ("3000.5", 300050),
        ("3000.50", 300050),
        ("3,000.50", 300050),
        ("3,000", 300000),
        ("1,234,567.89", 123456789),
        ("3000元", 300000),
        ("¥3000", 300000),
        ("￥3,000.00", 300000),  # full-width yen sign
        ("¥3,000.00元", 300000),
        ("人民币3000元", 300000),
        ("３０００．５", 300050),  # full-width digits and point
        ("３，０００", 300000),  # full-width comma
        ("  3000  ", 300000),
        ("3000 元", 300000),  # spaces are removed: a space before 元 is still clear
        ("¥ 3 000", 300000),  # … and so is a space as a thousands separator
        ("0.05", 5),
        ("0.5", 50),
        ("0.01", 1),
        ("007", 700),
        ("0", 0),  # zero parses; an entry refuses it (zero_amount)
    ],
)
def test_typed_amounts(typed, fen):
    assert parse_money(typed) == fen


@pytest.mark.parametrize(
    ("cell", "fen"),
    [
        (3000, 300000),
        (0, 0),
        (3000.5, 300050),
        (3000.0, 300000),
        (356.5, 35650),
        (0.1 + 0.2, 30),  # 0.30000000000000004: binary noise, not fen
        (1.1 * 3, 330),  # 3.3000000000000003
        (19.99, 1999),
        (1234567.89, 123456789),
        (Decimal("3000.50"), 300050),  # a number: trailing zeros say nothing
        (Decimal("3000.500"), 300050),
        (Decimal("3E+3"), 300000),
        (Decimal("0.01"), 1),
    ],
)
def test_spreadsheet_cells(cell, fen):
    assert parse_money(cell) == fen


@pytest.mark.parametrize("empty", [None, "", "   ", "\u3000"])
def test_empty_is_none(empty):
    assert parse_money(empty) is None


def test_the_largest_amount():
    assert parse_money(MAX_FEN // 100) == MAX_FEN
    with pytest.raises(ValidationError):
        parse_money(MAX_FEN // 100 + 1)
    with pytest.raises(ValidationError):
        parse_money(f"{MAX_FEN // 100}.01")


# --- refused ---


def refusal(value) -> str:
    with pytest.raises(ValidationError) as caught:
        parse_money(value)
    [problem] = caught.value.problems
    assert problem.field == "amount"
    return problem.message


@pytest.mark.parametrize(
    "negative",
    ["-1", "-0.01", "-3,000.00", "−5", "－5", "-3000元", "¥-3000", "￥-3000", "人民币-5元", -1],
)
def test_negatives_are_refused(negative):
    message = refusal(negative)
    assert message.startswith("金额：")
    assert "负数" in message


@pytest.mark.parametrize("negative", [-0.01, Decimal("-3000"), -3000.5])
def test_negative_cells_are_refused(negative):
    assert "负数" in refusal(negative)


@pytest.mark.parametrize("value", ["3000.505", "0.001", "3,000.505", "1.234元", 3000.505])
def test_more_than_two_decimals_is_refused(value):
    message = refusal(value)
    assert message.startswith("金额：") and "两位小数" in message


@pytest.mark.parametrize(
    "value",
    [
        "3,00",  # a comma that does not group thousands
        "30,00,000",
        "3,0000",
        ",300",
        "abc",
        "三千",
        "1e3",  # typed, an exponent is not an amount
        "3000.",
        ".5",
        "3.000.50",
        "+3000",
        "3000$",
        "USD 3000",
        "3000元整",
        "¥",
        "元",
        "5-",
        True,
        False,
        float("nan"),
        float("inf"),
        Decimal("NaN"),
        1e20,
    ],
)
def test_anything_else_is_refused(value):
    message = refusal(value)
    assert message.startswith("金额：")
    assert "3000" in message  # the message shows what an amount looks like
    assert "3,000.50" in message


def test_the_message_quotes_what_was_typed():
    assert "“3,00”" in refusal("3,00")
    assert "“abc”" in refusal("abc")


def test_the_field_named_in_the_message():
    with pytest.raises(ValidationError) as caught:
        parse_money("abc", field="budget")
    [problem] = caught.value.problems
    assert problem.field == "budget"


def test_messages_in_english():
    messages.set_language("en")
    assert refusal("abc").startswith("amount: “abc” is not an amount")
    assert "negative" in refusal("-1")
    assert "two decimals" in refusal("1.234")


# --- shown ---


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (0, "0.00"),
        (5, "0.05"),
        (50, "0.50"),
        (100, "1.00"),
        (35650, "356.50"),
        (300000, "3,000.00"),
        (300050, "3,000.50"),
        (123456789, "1,234,567.89"),
        (-5, "-0.05"),
        (-39910, "-399.10"),
        (-300050, "-3,000.50"),
    ],
)
def test_format_fen(fen, text):
    assert format_fen(fen) == text


@quick
@given(st.integers(min_value=0, max_value=MAX_FEN))
def test_what_is_shown_reads_back(fen):
    assert parse_money(format_fen(fen)) == fen
    assert parse_money(format_fen(fen).replace(",", "")) == fen
    assert parse_money(f"¥{format_fen(fen)}元") == fen


@quick
@given(st.integers(min_value=1, max_value=MAX_FEN))
def test_a_negative_never_reads_back(fen):
    with pytest.raises(ValidationError):
        parse_money(format_fen(-fen))


@quick
@given(st.integers(min_value=0, max_value=10**11))
def test_cells_with_at_most_two_decimals_are_exact(fen):
    # A cell holding a whole number of fen as a float (as Excel stores 3000.5) gives
    # exactly those fen, however the binary fraction falls.
    assert parse_money(fen / 100) == fen
    assert parse_money(Decimal(fen) / 100) == fen
