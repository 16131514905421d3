"""The arguments several commands take, and the types that check them as argparse reads."""

from __future__ import annotations

import argparse

from desktop_app.cli.common import say
from desktop_app.cli.registry import arg

USER_HELP = (
    "your name, recorded as 登记人 and in the history of changes (default: 我的姓名 in "
    "the program's Settings, else this computer's account name); where accounts are on, "
    "your login (the password from $STUDIODESK_PASSWORD, or asked)"
)
UNMASKED = arg("--unmasked", action="store_true", help="write phone and ID numbers in full")
JSON = arg("--json", action="store_true")
PDF_OUT = arg("--out", required=True, help="the PDF file to write")
XLSX_TOO = arg("--xlsx", help="also write the report as an Excel workbook here")


def record_id(text: str) -> int:
    """--activity, --id: a record's number as the listing shows it (SQLite keeps numbers
    below 2⁶³; a longer one was an OverflowError)."""
    word = text.strip()
    if word.isdigit() and 0 < int(word) < 2**63:
        return int(word)
    raise argparse.ArgumentTypeError(say("not a number from the listing: {text}", text=text))


def fiscal_year(text: str) -> int:
    """--year: the fiscal year named by the year it starts (2025; 2025 for 2025-2026 when
    the studio keeps its books by school year)."""
    word = text.strip().removesuffix("年")
    if word.isdigit() and 2000 <= int(word) <= 2100:
        return int(word)
    raise argparse.ArgumentTypeError(say("not a year: {text} (e.g. 2025)", text=text))


def school_year(text: str):
    from desktop_app.domain.school_year import SchoolYear

    try:
        return SchoolYear.parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            say("not a school year: {text} (e.g. 2025)", text=text)
        ) from None
