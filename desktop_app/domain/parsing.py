"""Forgiving parsers for what people actually type, strict about what they mean.

Each returns the parsed value or raises ValidationError naming the field. Empty input
gives ``None`` (the caller decides whether the field is required).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from desktop_app.domain import messages
from desktop_app.domain.problems import Problem, ValidationError, problem
from desktop_app.domain.vocab import Vocab

_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_YES = {"是", "y", "yes", "true", "1", "√", "✓", "对"}
_NO = {"否", "n", "no", "false", "0", "×", "不是", "非"}
_PHONE_RE = re.compile(r"^\+?[\d\-\s()]{5,20}$")
_ID_RE = re.compile(r"^\d{17}[\dXx]$")


def normalise_text(value: object) -> str:
    """NFKC (full-width digits and letters to half-width), trimmed, inner runs of
    whitespace collapsed to one space."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return " ".join(text.split())


# Full-width Latin letters and digits (Ａ, ０ …) fold to half-width in free text; Chinese
# punctuation (，：；（）) is part of the text and stays as typed.
_FULLWIDTH_ALNUM = {
    code: code - 0xFEE0
    for low, high in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for code in range(low, high + 1)
}


def normalise_prose(value: object) -> str:
    """Free text (a school, a title, a reason): full-width letters and digits to
    half-width, trimmed, inner runs of whitespace collapsed; punctuation untouched."""
    if value is None:
        return ""
    return " ".join(str(value).translate(_FULLWIDTH_ALNUM).split())


def parse_name(value: object, field: str = "name", max_len: int = 50) -> str | None:
    """A person's name. Chinese names often arrive with a space inside ("张 三") to
    align them with two-character names: that space is dropped. Latin names keep
    their single spaces."""
    text = normalise_text(value)
    if not text:
        return None
    if re.fullmatch(r"[\u3400-\u9fff·\s]+", text):
        text = text.replace(" ", "")
    if len(text) > max_len:
        raise ValidationError.single(field, "too_long", max=max_len)
    return text


def parse_text(value: object, field: str, max_len: int = 200) -> str | None:
    text = normalise_prose(value)
    if not text:
        return None
    if len(text) > max_len:
        raise ValidationError.single(field, "too_long", max=max_len)
    return text


def parse_long_text(value: object, field: str, max_len: int = 20000) -> str | None:
    """Text of several paragraphs (a plan, a summary): line breaks and indentation are
    the writer's and stay; only trailing spaces and surrounding blank lines go."""
    if value is None:
        return None
    lines = [line.rstrip() for line in str(value).replace("\r\n", "\n").split("\n")]
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        return None
    if len(text) > max_len:
        raise ValidationError.single(field, "too_long", max=max_len)
    return text


# What a date may be (issue 16, item 9), each rule in one place and said in its message.
EARLIEST_DATE = dt.date(1900, 1, 2)  # after Excel's day 1 and 0: no date the program keeps
LATEST_DATE = dt.date(2100, 12, 31)
CYCLE_LEAD_DAYS = 366  # money and activities may come up to a year before the cycle starts
ADULT_AGES = (18, 80)  # a member's age, from the birth date, at today
EARLIEST_JOINING = dt.date(2000, 1, 1)
JOINING_AHEAD_DAYS = 366  # a joining date planned up to a year ahead


def _in_calendar(day: dt.date, field: str) -> dt.date:
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError.single(
            field,
            "date_range",
            value=day.isoformat(),
            low=EARLIEST_DATE.isoformat(),
            high=LATEST_DATE.isoformat(),
            rule=messages.text("rule_calendar"),
        )
    return day


def date_range_problem(
    day: dt.date | None, field: str, low: dt.date, high: dt.date, rule: str
) -> Problem | None:
    """The problem of a date outside [low, high], the rule said; None inside."""
    if day is None or low <= day <= high:
        return None
    return problem(
        field,
        "date_range",
        value=day.isoformat(),
        low=low.isoformat(),
        high=high.isoformat(),
        rule=rule,
    )


def near_cycle_problem(
    day: dt.date | None, field: str, cycle_first_day: dt.date, today: dt.date
) -> Problem | None:
    """A ledger entry or an activity: from a year before the cycle's first day to today."""
    low = cycle_first_day - dt.timedelta(days=CYCLE_LEAD_DAYS)
    return date_range_problem(day, field, low, today, messages.text("rule_near_cycle"))


def activity_date_problem(
    day: dt.date | None, field: str, cycle_first_day: dt.date, cycle_last_day: dt.date
) -> Problem | None:
    """An activity (held or planned): from a year before the cycle's first day to a year
    after its last day."""
    lead = dt.timedelta(days=CYCLE_LEAD_DAYS)
    return date_range_problem(
        day,
        field,
        cycle_first_day - lead,
        cycle_last_day + lead,
        messages.text("rule_activity_cycle"),
    )


def _years_before(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def birth_date_problem(day: dt.date | None, today: dt.date) -> Problem | None:
    """A member is an adult teacher: 18 to 80 years old today."""
    youngest, oldest = ADULT_AGES
    low = _years_before(today, oldest + 1) + dt.timedelta(days=1)
    high = _years_before(today, youngest)
    rule = messages.text("rule_adult", low=youngest, high=oldest)
    return date_range_problem(day, "birth_date", low, high, rule)


def joining_problem(day: dt.date | None, field: str, today: dt.date) -> Problem | None:
    """Joining the studio (or signing its agreement): from 2000 to a year ahead."""
    high = today + dt.timedelta(days=JOINING_AHEAD_DAYS)
    return date_range_problem(day, field, EARLIEST_JOINING, high, messages.text("rule_joining"))


def parse_date(value: object, field: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _in_calendar(value.date(), field)
    if isinstance(value, dt.date):
        return _in_calendar(value, field)
    text = normalise_text(value)
    if not text:
        return None
    match = _DATE_RE.match(text)
    if not match:
        raise ValidationError.single(field, "bad_date", value=text)
    year, month, day = (int(g) for g in match.groups())
    try:
        return _in_calendar(dt.date(year, month, day), field)
    except ValueError:
        raise ValidationError.single(field, "bad_date", value=text) from None


def parse_yes_no(value: object, field: str) -> bool | None:
    if isinstance(value, bool):
        return value
    text = normalise_text(value).lower()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValidationError.single(field, "bad_yes_no", value=text)


def parse_year(value: object, field: str, low: int = 1950, high: int | None = None) -> int | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.year
    text = normalise_text(value).rstrip("年")
    if not text:
        return None
    if not re.fullmatch(r"\d{4}", text):
        raise ValidationError.single(field, "bad_year", value=text)
    year = int(text)
    high = high if high is not None else dt.date.today().year
    if not low <= year <= high:
        raise ValidationError.single(field, "year_range", value=year, low=low, high=high)
    return year


def parse_choice(value: object, vocab: type[Vocab], field: str):
    text = normalise_text(value)
    if not text:
        return None
    item = vocab.parse(text)
    if item is None:
        raise ValidationError.single(field, "bad_choice", value=text, choices=vocab.words())
    return item


def parse_phone(value: object, field: str = "phone") -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value))  # Excel turns a typed phone number into a number
    text = normalise_text(value)
    if not text:
        return None
    if not _PHONE_RE.match(text) or sum(c.isdigit() for c in text) < 5:
        raise ValidationError.single(field, "bad_phone", value=text)
    return text


def parse_id_number(value: object, field: str = "id_number") -> str | None:
    text = normalise_text(value).replace(" ", "")
    if not text:
        return None
    if not _ID_RE.match(text):
        raise ValidationError.single(field, "bad_id_number", value=text)
    return text.upper()


def is_masked(text: str | None) -> bool:
    return bool(text) and "*" in text


def mask_phone(phone: str | None) -> str | None:
    """138****5678: keep the first three and last four digits."""
    if not phone:
        return phone
    digits = [c for c in phone if c.isdigit()]
    if len(digits) <= 7:
        return "*" * len(digits)
    return "".join(digits[:3]) + "*" * (len(digits) - 7) + "".join(digits[-4:])


def mask_id_number(number: str | None) -> str | None:
    """3202**********1234: the region of issue and the last four characters stay."""
    if not number:
        return number
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


_TIME_RE = re.compile(r"^(\d{1,2})\s*[:：.时点]\s*(\d{2})\s*分?$")


def parse_time(value: object, field: str) -> dt.time | None:
    """'14:00', '14：00', '9.30', '14点30', or a time cell from Excel."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    text = normalise_text(value)
    if not text:
        return None
    match = _TIME_RE.match(text) or re.fullmatch(r"(\d{1,2})()", text)
    if not match:
        raise ValidationError.single(field, "bad_time", value=text)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise ValidationError.single(field, "bad_time", value=text)
    return dt.time(hour, minute)


def parse_tenths(value: object, field: str) -> int | None:
    """A quantity with at most one decimal (training hours), as tenths: '1.5' → 15."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = f"{value:.10g}"
    text = normalise_prose(value).replace("．", ".").removesuffix("学时").strip()
    if not text:
        return None
    whole, _, frac = text.partition(".")
    if not whole.isdecimal() or (frac and (not frac.isdecimal() or len(frac) > 1)):
        raise ValidationError.single(field, "bad_number", value=text)
    return int(whole) * 10 + (int(frac) if frac else 0)
