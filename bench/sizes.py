"""How big the benchmark database is: the default (issue 8) and the quick ``--small``."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Sizes:
    years: int  # school years in the cycle, the last one running on the as-of day
    members: int  # memberships, host and mentor included
    activities: int
    marks: int  # attendance marks (at most one per member and activity)
    ledger: int  # ledger entries (incomes, expenses, a few reversals)
    growth: int  # growth-file records
    files: int  # evidence files (photo-like JPEGs)
    file_bytes: int  # their total size, about

    def key(self, seed: int, as_of: str) -> str:
        """A short name for the cache folder: the sizes, the seed and the as-of day."""
        text = json.dumps(
            {**dataclasses.asdict(self), "seed": seed, "as_of": as_of}, sort_keys=True
        )
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    def describe(self) -> str:
        return (
            f"{self.years} school years, {self.members} members, {self.activities:,} activities, "
            f"{self.marks:,} attendance marks, {self.ledger:,} ledger entries, "
            f"{self.growth:,} growth records, {self.files:,} evidence files "
            f"(~{self.file_bytes / 1e9:.2f} GB)"
        )


DEFAULT = Sizes(
    years=10,
    members=40,
    activities=1500,
    marks=50_000,
    ledger=5000,
    growth=3000,
    files=2000,
    file_bytes=2_000_000_000,
)
# 170 activities (not 60): with 13 members expected per session, 2,000 marks need them.
SMALL = Sizes(
    years=2,
    members=15,
    activities=170,
    marks=2000,
    ledger=200,
    growth=100,
    files=40,
    file_bytes=40 * 200_000,
)
