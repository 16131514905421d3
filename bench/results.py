"""The Markdown written to bench/RESULTS.md: one table row per measurement."""

from __future__ import annotations

from dataclasses import dataclass

from bench.stats import Summary


@dataclass(frozen=True)
class Row:
    what: str
    value: Summary
    unit: str  # "s", "ms", "×", "MB", "pages/s"
    target: float | None = None  # the value must be at most this; None: reported only
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "reported"
        return "met" if self.value.median <= self.target else "**missed**"


def number(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "s":
        return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"
    return f"{value:.1f} {unit}"


def _cells(row: Row) -> list[str]:
    v = row.value
    spread = "—" if len(v.values) < 2 else f"{number(v.low, row.unit)} – {number(v.high, row.unit)}"
    target = "—" if row.target is None else f"≤ {number(row.target, row.unit)}"
    return [row.what, number(v.median, row.unit), spread, target, row.verdict, row.note]


def table(rows: list[Row]) -> str:
    lines = [
        "| Measurement | Median | Spread (min – max) | Target | Met? | Notes |",
        "|---|---:|---:|---:|---|---|",
    ]
    lines += ["| " + " | ".join(_cells(r)) + " |" for r in rows]
    return "\n".join(lines)


def pairs(rows: list[tuple[str, str]], head: tuple[str, str]) -> str:
    lines = [f"| {head[0]} | {head[1]} |", "|---|---|"]
    lines += [f"| {a} | {b} |" for a, b in rows]
    return "\n".join(lines)
