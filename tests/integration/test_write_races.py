"""Two programs writing to one database at once (issue 16, item 1).

Each check a write depends on — a voucher not yet used, the year's balance that an expense
may not take below zero without a reason — is made inside the write transaction, which
takes SQLite's write lock before it reads (BEGIN IMMEDIATE, store/db.py; on PostgreSQL an
advisory lock). Checked in a read
before the write, two processes stored the same vouchers in 8 of 8 trials and overdrew the
balance in 5 of 5. Here two real processes start each trial at the same moment (a barrier),
fifty trials each; nothing may come out broken.
"""

from __future__ import annotations

import multiprocessing
import queue

import pytest
from sqlalchemy import text

from desktop_app.services.app import AppServices
from tests import race_workers
from tests.conftest import BOTH, jiangyin_studio

# Two programs on one SQLite file, and two PCs on one PostgreSQL database (the advisory
# lock of store/db.py where SQLite has BEGIN IMMEDIATE)
BACKENDS = BOTH

TRIALS = 50
WRITERS = 2


def _race(db, kind: str, between) -> dict[int, list[list[str]]]:
    """Run TRIALS trials of ``kind`` with WRITERS processes; ``between(trial)`` runs in
    this process before each trial. Returns trial → each writer's outcomes."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WRITERS + 1)
    results = context.Queue()
    writers = [
        context.Process(
            target=race_workers.writer, args=(str(db), kind, who, TRIALS, barrier, results)
        )
        for who in range(WRITERS)
    ]
    for process in writers:
        process.start()
    outcomes: dict[int, list[list[str]]] = {t: [] for t in range(TRIALS)}
    try:
        for trial in range(TRIALS):
            between(trial)
            barrier.wait(timeout=120)  # go
            barrier.wait(timeout=120)  # every writer done
            for _ in range(WRITERS):
                _who, done, outcome = results.get(timeout=60)
                outcomes[done].append(outcome)
    except queue.Empty as error:  # a hang
        pytest.fail(f"a writer stopped answering: {error!r}")
    finally:
        for process in writers:
            process.join(timeout=60)
            if process.is_alive():
                process.kill()
    assert all(p.exitcode == 0 for p in writers), [p.exitcode for p in writers]
    return outcomes


@pytest.fixture
def shared(database_at):
    db = database_at("shared")
    services = AppServices.open(db, today=lambda: race_workers.TODAY)
    services.studio.create(jiangyin_studio())
    yield db, services
    services.close()


def test_two_programs_never_store_one_voucher_twice(shared):
    db, services = shared
    outcomes = _race(db, "voucher", lambda trial: None)
    with services.db.reading() as session:
        held = session.execute(
            text(
                "SELECT voucher_no, count(*) FROM ledger_entry WHERE voucher_no IS NOT NULL "
                "GROUP BY voucher_no"
            )
        ).all()
    twice = {voucher: n for voucher, n in held if n > 1}
    assert twice == {}, f"{len(twice)} vouchers stored more than once: {sorted(twice)[:5]}"
    # every voucher of every trial was stored once: one writer's add, the other refused
    assert len(held) == TRIALS * race_workers.VOUCHERS_PER_TRIAL
    for trial, (first, second) in outcomes.items():
        for a, b in zip(first, second, strict=True):
            assert sorted((a, b)) == ["ok", "refused"], (trial, first, second)


def test_two_expenses_that_each_fit_never_overdraw_together(shared):
    db, services = shared

    def top_up(trial: int) -> None:
        # the balance back to 100 元: each expense of 60 fits, both together do not
        balance = _balance(services)
        assert balance >= 0, f"trial {trial - 1} overdrew the year: {balance} fen"
        if balance < 10000:
            services.ledger.add(
                race_workers.income(f"第 {trial} 轮补足", f"{(10000 - balance) / 100:.2f}")
            )

    outcomes = _race(db, "ring_fence", top_up)
    assert _balance(services) >= 0
    for trial, (first, second) in outcomes.items():
        assert sorted(first + second) == ["ok", "refused"], (trial, first, second)
    with services.db.reading() as session:
        overrides = session.execute(
            text("SELECT count(*) FROM ledger_entry WHERE override_reason IS NOT NULL")
        ).scalar()
    assert overrides == 0


def _balance(services) -> int:
    with services.db.reading() as session:
        return session.execute(
            text(
                "SELECT coalesce(sum(CASE direction WHEN 'income' THEN amount_fen "
                "ELSE -amount_fen END), 0) FROM ledger_entry"
            )
        ).scalar()
