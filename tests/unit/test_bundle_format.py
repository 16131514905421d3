"""The bundle's text formats (bag-info.txt, the manifests), the periods a bundle covers and
the names evidence files get inside the bag."""

from __future__ import annotations

import datetime as dt
import string
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.bundle import format as fmt
from desktop_app.documents.bundle.data import encode, is_archive, sanitise_name
from desktop_app.domain.period import FINAL, MIDTERM, SCHOOL_YEAR, all_periods, parse_period
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.school_year import Cycle, SchoolYear

# A loaded CI machine is slow, not wrong; and no example database left in the clone.
relaxed = settings(deadline=None, database=None)

CYCLE = Cycle(SchoolYear(2024), SchoolYear(2026))  # 2024-2027, three school years
HEX = "0123456789abcdef"

# --- bag-info.txt ----------------------------------------------------------------------


def test_bag_info_round_trip_keeps_order_and_values():
    pairs = [
        (fmt.KEY_AGENT, "StudioDesk 0.1.0"),
        (fmt.KEY_DATE, "2026-11-21"),
        (fmt.KEY_OXUM, "1234.5"),
        (fmt.KEY_STUDIO, "陈静名班主任工作室"),
        (fmt.KEY_PERIOD, "2024-2027中期"),
        (fmt.KEY_SIGNER, "28c5 a200 a3eb c93e"),
    ]
    text = fmt.format_bag_info(pairs)
    assert text.endswith("\n") and text.count("\n") == len(pairs)
    assert list(fmt.parse_bag_info(text).items()) == pairs


def test_bag_info_values_are_one_line():
    text = fmt.format_bag_info([("Key", "two\nlines  and\ttabs")])
    assert text == "Key: two lines and tabs\n"


def test_bag_info_continuation_lines_and_first_value_wins():
    text = "A: one\n  two\nB: x\nA: later\nno colon here\n"
    assert fmt.parse_bag_info(text) == {"A": "one two", "B": "x"}


@relaxed
@given(
    st.lists(
        st.tuples(
            st.text(string.ascii_letters + "-", min_size=1, max_size=20),
            st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40),
        ),
        max_size=8,
        unique_by=lambda pair: pair[0],
    )
)
def test_bag_info_round_trip_any_text(pairs):
    parsed = fmt.parse_bag_info(fmt.format_bag_info(pairs))
    assert parsed == {key: " ".join(value.split()) for key, value in pairs}


# --- manifests -------------------------------------------------------------------------


def test_manifest_round_trip_sorted():
    entries = {"data/b.pdf": "b" * 64, "data/a.txt": "a" * 64, "data/报告.pdf": "c" * 64}
    text = fmt.format_manifest(entries)
    assert text.splitlines()[0] == f"{'a' * 64}  data/a.txt"
    assert [line.split("  ", 1)[1] for line in text.splitlines()] == sorted(entries)
    assert fmt.parse_manifest(text) == entries


def test_manifest_encodes_percent_and_line_breaks():
    entries = {"data/100%.txt": "0" * 64, "data/a\nb.txt": "1" * 64, "data/c\rd.txt": "2" * 64}
    text = fmt.format_manifest(entries)
    assert "data/100%25.txt" in text and "data/a%0Ab.txt" in text and "data/c%0Dd.txt" in text
    assert len(text.splitlines()) == 3
    assert fmt.parse_manifest(text) == entries


@relaxed
@given(
    st.dictionaries(
        st.text(
            st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")) | st.sampled_from("\n\r%"),
            min_size=1,
            max_size=30,
        ).map(lambda s: "data/" + s),
        st.text(HEX, min_size=64, max_size=64),
        max_size=10,
    )
)
def test_manifest_round_trip_any_path(entries):
    entries = {path: checksum for path, checksum in entries.items() if path != "data/"}
    assert fmt.parse_manifest(fmt.format_manifest(entries)) == entries


def test_manifest_checksums_read_in_lower_case():
    assert fmt.parse_manifest(f"{'AB' * 32}  x\n") == {"x": "ab" * 32}


@pytest.mark.parametrize(
    "text",
    [
        "nothex" + "0" * 58 + "  data/a\n",
        "0" * 63 + "  data/a\n",
        "0" * 64 + "\n",
        "0" * 64 + "  data/a\n" + "1" * 64 + "  data/a\n",
    ],
)
def test_manifest_malformed_refused(text):
    with pytest.raises(ValueError):
        fmt.parse_manifest(text)


def test_data_json_encoding_is_sorted_and_readable():
    data = encode({"b": 1, "a": {"z": "工作室", "y": None}})
    assert data == '{\n "a": {\n  "y": null,\n  "z": "工作室"\n },\n "b": 1\n}\n'.encode()


# --- periods ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2025-2026", "2025", "2025—2026学年", " 2025-2026 "])
def test_school_year_period(text):
    period = parse_period(text, CYCLE)
    assert period.kind == SCHOOL_YEAR
    assert period.label == period.slug == "2025-2026"
    assert (period.first_day, period.last_day) == (dt.date(2025, 9, 1), dt.date(2026, 8, 31))
    assert period.school_years == (SchoolYear(2025),)


@pytest.mark.parametrize("text", ["midterm", "MIDTERM", "中期", "mid-term"])
def test_midterm_runs_to_the_end_of_the_middle_school_year(text):
    period = parse_period(text, CYCLE)
    assert period.kind == MIDTERM
    assert period.label == "2024-2027中期"
    assert period.slug == "midterm-2024-2027"
    assert (period.first_day, period.last_day) == (dt.date(2024, 9, 1), dt.date(2026, 8, 31))
    assert period.school_years == (SchoolYear(2024), SchoolYear(2025))


@pytest.mark.parametrize("text", ["final", "终期"])
def test_final_is_the_whole_cycle(text):
    period = parse_period(text, CYCLE)
    assert (period.kind, period.label, period.slug) == (FINAL, "2024-2027终期", "final-2024-2027")
    assert (period.first_day, period.last_day) == (CYCLE.first_day, CYCLE.last_day)
    assert period.school_years == tuple(CYCLE.school_years)


@pytest.mark.parametrize("length, middle", [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3)])
def test_midterm_of_cycles_of_any_length(length, middle):
    cycle = Cycle(SchoolYear(2020), SchoolYear(2020 + length - 1))
    assert len(parse_period("midterm", cycle).school_years) == middle


@pytest.mark.parametrize("text", ["2025-2027", "spring", "", "2025-2026-2027", "mid term x"])
def test_bad_period_says_what_is_accepted(text):
    with pytest.raises(ValidationError) as caught:
        parse_period(text, CYCLE)
    message = str(caught.value)
    assert text.strip() in message or not text.strip()
    assert "2024-2027" in message and "midterm" in message and "final" in message


def test_school_year_outside_the_cycle():
    with pytest.raises(ValidationError) as caught:
        parse_period("2030-2031", CYCLE)
    assert "2030-2031" in str(caught.value) and "2024-2027" in str(caught.value)
    assert caught.value.problems[0].field == "period"


def test_all_periods_of_the_cycle():
    periods = all_periods(CYCLE)
    assert [p.slug for p in periods] == [
        "2024-2025",
        "2025-2026",
        "2026-2027",
        "midterm-2024-2027",
        "final-2024-2027",
    ]
    assert all(
        parse_period(p.label if p.kind == SCHOOL_YEAR else p.kind, CYCLE) == p for p in periods
    )


# --- names in the bag ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [
        ("班会照片.jpg", "班会照片.jpg"),
        ('a<b>c:d"e/f\\g|h?i*j.png', "a_b_c_d_e_f_g_h_i_j.png"),
        ("line\nbreak\t.txt", "line_break_.txt"),
        ("  .hidden. ", "hidden"),
        ("...", "file"),
        ("e\u0301.txt", "é.txt"),  # NFC: one code point
    ],
)
def test_sanitise_name(name, expected):
    assert sanitise_name(name) == expected


def test_sanitise_long_name_keeps_suffix():
    name = sanitise_name("很长的名字" * 40 + ".pdf")
    assert len(name) <= 120 and name.endswith(".pdf")


@relaxed
@given(st.text(max_size=300))
def test_sanitised_names_are_safe(name):
    clean = sanitise_name(name)
    assert clean and len(clean) <= 120
    assert not set(clean) & set('<>:"/\\|?*')
    assert not any(
        unicodedata.category(c)[0] == "C" or unicodedata.category(c) in ("Zl", "Zp") for c in clean
    )
    assert clean == clean.strip(" .")
    assert "/" not in clean and ".." != clean


@pytest.mark.parametrize(
    "name, archive",
    [
        ("a.zip", True),
        ("a.RAR", True),
        ("a.tar.gz", True),
        ("a.7z", True),
        ("a.docx", False),
        ("a.xlsx", False),
        ("zip", False),
        ("a.pdf", False),
    ],
)
def test_archives_are_recognised_by_suffix(name, archive):
    assert is_archive(name) is archive
