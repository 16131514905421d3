"""One save of each kind the server benchmark makes (bench/server_pcs.py), alone on a
throwaway PostgreSQL cluster, taken apart: the statements it sends (and how many of
them while it holds the write lock), the connections it takes from the pool (each one
a ping and a BEGIN of its own), and its time inside and outside the lock.

    .venv/bin/python -m bench.save_profile [--repeat 20]

Printed only: what bench/RESULTS.md's server notes quote."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.machine import REPO, child_env
from bench.server_pcs import _prepare


class Probe:
    """The statements, checkouts and write-lock hold of what runs while it is on."""

    def __init__(self, engine) -> None:
        from sqlalchemy import event

        self.statements = self.locked = self.checkouts = 0
        self.held = 0.0
        self._since: float | None = None
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "after_cursor_execute", self._answered)
        event.listen(engine, "commit", self._ended)
        event.listen(engine, "rollback", self._ended)
        event.listen(engine.pool, "checkout", self._checkout)

    def reset(self) -> None:
        self.statements = self.locked = self.checkouts = 0
        self.held = 0.0

    def _statement(self, conn, _cursor, statement, *_args) -> None:
        self.statements += 1
        if "pg_advisory_xact_lock" in statement or conn.info.get("locked"):
            self.locked += 1

    def _answered(self, conn, _cursor, statement, *_args) -> None:
        if "pg_advisory_xact_lock" in statement:
            self._since = time.perf_counter()
            conn.info["locked"] = True

    def _ended(self, conn) -> None:
        # (another connection's end, a read beside the unit of work, is not the lock's)
        if conn.info.pop("locked", False) and self._since is not None:
            self.held += time.perf_counter() - self._since
            self._since = None

    def _checkout(self, *_args) -> None:
        self.checkouts += 1


def profile(repeat: int) -> None:
    sys.path.insert(0, str(REPO))
    from desktop_app.services.activities import ActivityInput
    from desktop_app.services.attendance import MarkInput
    from desktop_app.services.ledger import EntryInput
    from tests.postgres import Cluster

    cluster = Cluster()
    cluster.start()
    try:
        cluster.execute("CREATE DATABASE bench")
        services = _prepare(cluster.url("bench"))
        members = [r.membership_id for r in services.members.roster(include_left=False)]
        probe = Probe(services.db.engine)
        rows: dict[str, list[tuple[int, int, int, float, float]]] = {}

        def measure(kind: str, call, *args):
            probe.reset()
            start = time.perf_counter()
            result = call(*args)
            took = time.perf_counter() - start
            rows.setdefault(kind, []).append(
                (probe.statements, probe.locked, probe.checkouts, took, probe.held)
            )
            return result

        for i in range(repeat):
            day = f"2026-10-{i % 28 + 1:02d}"
            activity = measure(
                "activity",
                services.activities.create,
                ActivityInput(day, "seminar", f"研讨 {i}"),
            )
            statuses = ("出勤", "缺勤", "请假")
            marks = [MarkInput(m, statuses[(m + i) % 3]) for m in members]
            measure("attendance", services.attendance.save_marks, activity, marks)
            entry = EntryInput(
                "支出", day, "1.50", "资料费", category="培训研修", voucher_no=f"P-{i:04d}"
            )
            measure("expense", services.ledger.add, entry)
        print(
            "| save | statements | of them under the lock | connections taken "
            "| time, median (ms) | lock held, median (ms) |"
        )
        print("|---|---:|---:|---:|---:|---:|")
        for kind, measured in rows.items():
            last = measured[-1]
            took = statistics.median(r[3] for r in measured[1:]) * 1000
            held = statistics.median(r[4] for r in measured[1:]) * 1000
            print(f"| {kind} | {last[0]} | {last[1]} | {last[2]} | {took:.1f} | {held:.1f} |")
        services.close()
    finally:
        cluster.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    import os

    with tempfile.TemporaryDirectory(prefix="studiodesk-save-profile-") as work:
        os.environ.update(child_env(Path(work)))
        profile(args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
