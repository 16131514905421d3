"""Listing activities between two days (what a bundle of one period reads)."""

from __future__ import annotations

import datetime as dt

from desktop_app.services.activities import ActivityInput


def test_between_two_days_both_included(services):
    for day in ("2025-09-01", "2025-09-15", "2025-09-30", "2025-10-01"):
        services.activities.create(ActivityInput(day, "学习研讨", f"活动 {day}"))
    found = services.activities.list(between=(dt.date(2025, 9, 1), dt.date(2025, 9, 30)))
    assert [a.date.isoformat() for a in found] == ["2025-09-30", "2025-09-15", "2025-09-01"]
    assert services.activities.list(between=(dt.date(2025, 10, 2), dt.date(2026, 8, 31))) == []
