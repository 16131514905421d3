"""Money is integer fen. Parsing accepts what people type and refuses what is unclear."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from desktop_app.domain.parsing import normalise_text
from desktop_app.domain.problems import ValidationError

# 3000 · 3000.5 · 3,000.50 · 3000元 · ¥3000 · ￥3,000.00 (full-width forms are folded by NFKC)
_AMOUNT_RE = re.compile(r"^(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?$")
MAX_FEN = 10**13  # a hundred billion yuan: more is a typing slip


def parse_money(value: object, field: str = "amount") -> int | None:
    """Fen from a typed amount or a spreadsheet cell; None for an empty one."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValidationError.single(field, "bad_amount", value=value)
    if isinstance(value, float):
        # Excel keeps 15 significant digits; what lies beyond is binary noise, not fen.
        value = Decimal(format(value, ".15g"))
    if isinstance(value, (int, Decimal)):
        try:
            text = format(Decimal(value), "f")
        except InvalidOperation:
            raise ValidationError.single(field, "bad_amount", value=value) from None
    else:
        text = normalise_text(value)
    text = text.replace(" ", "")
    if not text:
        return None
    core = text.lstrip("¥").removesuffix("元").removeprefix("人民币")
    if text.startswith(("-", "−")) or core.startswith(("-", "−")):  # -3000 · ¥-3000
        raise ValidationError.single(field, "negative_amount", value=text)
    match = _AMOUNT_RE.match(core)
    if not match:
        raise ValidationError.single(field, "bad_amount", value=text)
    frac = match.group("frac") or ""
    if isinstance(value, (int, Decimal)):
        frac = frac.rstrip("0")  # 3000.50 stored as a number is 3000.5
    if len(frac) > 2:
        raise ValidationError.single(field, "too_many_decimals", value=text)
    fen = int(match.group("int").replace(",", "")) * 100 + int(frac.ljust(2, "0") or 0)
    if fen > MAX_FEN:
        raise ValidationError.single(field, "bad_amount", value=text)
    return fen


def format_fen(fen: int) -> str:
    """3,000.00 — and -3,000.00 for a negative balance."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100:,}.{fen % 100:02d}"
