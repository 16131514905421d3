"""Changes flow one way: a page calls a service, then announces what changed here;
every page decides for itself whether to refresh."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

MEMBERS = "members"
GROWTH = "growth"
STUDIO = "studio"
SETTINGS = "settings"
ACTIVITIES = "activities"
ATTENDANCE = "attendance"  # marks saved: flags may have changed
LEDGER = "ledger"  # funding ledger entries, categories, budgets or closed periods
PLANS = "plans"  # build plan, annual plans, task-ledger items and their evidence, summaries
ASSESSMENTS = "assessments"  # assessment instances, scores, evidence decisions


class ChangeBus(QObject):
    changed = Signal(object)  # a frozenset of topics

    def announce(self, *topics: str) -> None:
        self.changed.emit(frozenset(topics))
