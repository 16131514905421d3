"""Several runs of one measurement: the median and the spread."""

from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    values: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)


def summary(values: list[float]) -> Summary:
    if not values:
        raise ValueError("no values")
    return Summary(tuple(values))
