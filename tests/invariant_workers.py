"""The other program of the two-process invariant tests (tests/integration/
test_two_pc_invariants.py): each function runs in a process of its own (multiprocessing,
spawn) and opens the database as another PC would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop_app.domain.school_year import SchoolYear
from desktop_app.services.app import AppServices
from desktop_app.services.attendance import MarkInput
from desktop_app.services.ledger import EntryInput
from desktop_app.store.address import is_server

TODAY = dt.date(2026, 11, 21)
YEAR = SchoolYear(2026)  # the school year TODAY is in
DAY = "2026-11-20"


def _open(db: str) -> AppServices:
    return AppServices.open(db if is_server(db) else Path(db), today=lambda: TODAY, check=False)


def sheet_saver(db: str, who: int, sheets, trials: int, barrier, results) -> None:
    """Each trial: save ``sheets[who]`` (activity id, [(membership id, status)]) when the
    barrier lets both writers go. Puts (who, trial, flag changes) for each trial."""
    services = _open(db)
    try:
        activity_id, marks = sheets[who]
        for trial in range(trials):
            barrier.wait(timeout=120)
            changed = services.attendance.save_marks(
                activity_id, [MarkInput(mid, status) for mid, status in marks]
            )
            results.put((who, trial, {m: (a.value, b.value) for m, (a, b) in changed.items()}))
            barrier.wait(timeout=120)
    finally:
        services.close()


def figures(services: AppServices, membership_id: int) -> tuple:
    """What every PC must show alike: the funds page's balance of the year, the member's
    absence count, and the overview's facts of the school year."""
    year = services.ledger.fiscal_year_of(TODAY).start_year
    summary = services.ledger.summary(year)
    tally = services.attendance.tallies()[membership_id]
    return (
        summary.balance_fen,
        summary.expense_fen,
        tally.missed,
        tally.expected,
        tally.state.value,
        repr(services.year_facts.facts(YEAR)),
    )


def figure_writer(db: str, plan, membership_id: int, trials: int, go, results) -> None:
    """Each trial (when ``go`` gives its number): one save — an expense, or the member's
    mark at one session — then the figures as this PC reads them after its save."""
    services = _open(db)
    try:
        results.put(("ready", None))
        for _ in range(trials):
            trial = go.get(timeout=120)
            kind, target, value = plan[trial]
            if kind == "expense":
                services.ledger.add(
                    EntryInput("支出", DAY, value, f"第 {trial} 轮支出", category="培训研修")
                )
            else:
                services.attendance.save_marks(target, [MarkInput(membership_id, value)])
            results.put((trial, figures(services, membership_id)))
    finally:
        services.close()
