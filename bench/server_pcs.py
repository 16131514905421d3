"""Several PCs on one school server (issue 18): simulated PCs (processes), each taking
attendance and recording expenses against one PostgreSQL database of a throwaway cluster
on this machine (tests/postgres.py's), for a while; then the saves per second, the save
latency (p50/p95) and the invariants that several writers could break:

* no overdraft: the ledger's balance never below zero, no entry with an override reason
  (none of the simulated PCs gives one);
* no voucher held twice (the PCs draw their voucher numbers from one small pool, so they
  collide on purpose);
* each member's attendance flag history ends in the state the marks give now;
* the change counter moved by exactly the number of committed saves.

Each PC also watches for the others' changes (store/watch.py: LISTEN, the counter) and
says how many it heard, and how long after the commit.

    .venv/bin/python -m bench.server_pcs                # 20 PCs, 60 s → bench/RESULTS.md
    .venv/bin/python -m bench.server_pcs --small        # 4 PCs, 10 s, printed only
    .venv/bin/python -m bench.server_pcs --pcs 20 --seconds 60 --think 0.5

``--think`` is a PC's pause between two saves (a person typing; 0: saves back to back,
the server saturated). The results replace the section between the markers in ``--out``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from bench.machine import REPO, child_env

TODAY = dt.date(2026, 11, 21)
MEMBERS = 30
INCOME_YUAN = 4_000  # the year's grant: the busier runs spend past it, the ring-fence holds
VOUCHER_POOL = 400  # voucher numbers the PCs draw from: some collide, one is refused
BEGIN, END = "<!-- server_pcs: begin -->", "<!-- server_pcs: end -->"
NAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
GIVEN = "芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华"


def _day(rng: random.Random) -> str:
    return (dt.date(2026, 9, 1) + dt.timedelta(days=rng.randrange(80))).isoformat()


def pc(url: str, who: int, seconds: float, think: float, barrier, results) -> None:
    """One simulated PC: its saves, each timed from the call to the return."""
    from sqlalchemy import event

    from desktop_app.domain.problems import ValidationError
    from desktop_app.services.activities import ActivityInput
    from desktop_app.services.app import AppServices
    from desktop_app.services.attendance import MarkInput
    from desktop_app.services.ledger import EntryInput

    rng = random.Random(who)
    services = AppServices.open(url, today=lambda: TODAY, check=False)
    heard: list[float] = []  # when another PC's change was told here
    services.db.on_committed(lambda _what: heard.append(time.time()))
    services.db.watch_others()
    members = [r.membership_id for r in services.members.roster(include_left=False)]
    saves: list[tuple[str, float, str, float]] = []  # (kind, s, ok | refused, s waiting)
    mine = 0  # this PC's own commits (told at once, not by the watcher)
    waited = [0.0]  # seconds this save has waited for the write lock (store/db.py)

    @event.listens_for(services.db.engine, "before_cursor_execute")
    def _asked(conn, _cursor, statement, *_args) -> None:
        if "pg_advisory_xact_lock" in statement:
            conn.info["lock_asked"] = time.perf_counter()

    @event.listens_for(services.db.engine, "after_cursor_execute")
    def _got(conn, _cursor, statement, *_args) -> None:
        if "pg_advisory_xact_lock" in statement:
            waited[0] += time.perf_counter() - conn.info.pop("lock_asked")

    def timed(kind: str, call, *args):
        """``call(*args)``, timed; its result, None when refused."""
        nonlocal mine
        waited[0] = 0.0
        start = time.perf_counter()
        try:
            result = call(*args)
            outcome = "ok"
            mine += 1
        except ValidationError:  # the ring-fence, a voucher already held
            result, outcome = None, "refused"
        saves.append((kind, time.perf_counter() - start, outcome, waited[0]))
        return result

    barrier.wait(timeout=300)  # every PC open: the clock starts
    barrier.wait(timeout=300)
    deadline = time.monotonic() + seconds
    # people do not all press Save at the same instant: each PC starts at its own moment
    # of its first pause (a burst of 20 saves at once would queue for a second)
    time.sleep(rng.uniform(0, think))
    step = 0
    while time.monotonic() < deadline:
        if step % 3 == 0:  # a session held: the activity, then its attendance sheet
            topic = f"PC{who} 第{step}次研讨"
            held = ActivityInput(_day(rng), "seminar", topic)
            activity = timed("activity", services.activities.create, held)
            if activity is not None:
                marks = [
                    MarkInput(m, rng.choice(("出勤", "出勤", "出勤", "缺勤", "请假")))
                    for m in members
                ]
                timed("attendance", services.attendance.save_marks, activity, marks)
        else:
            amount = f"{rng.randint(5, 60)}.{rng.randint(0, 99):02d}"
            entry = EntryInput(
                "支出",
                _day(rng),
                amount,
                f"PC{who} 资料费",
                category="培训研修",
                payee="新华书店",
                voucher_no=f"BX-{rng.randrange(VOUCHER_POOL):04d}",
            )
            timed("expense", services.ledger.add, entry)
        step += 1
        if think:
            time.sleep(rng.uniform(0.5 * think, 1.5 * think))
    barrier.wait(timeout=300)  # everyone done: a last look for the others' changes
    time.sleep(3)
    services.close()
    results.put((who, saves, len(heard) - mine))


def _members(services) -> None:
    from desktop_app.domain.member_input import parse_member

    for i in range(MEMBERS):
        name = NAMES[i % len(NAMES)] + GIVEN[(i * 7) % len(GIVEN)] + GIVEN[i % len(GIVEN)]
        services.members.add(
            parse_member({"name": name, "role": "成员", "joined_on": "2025-09-01"})
        )


def _prepare(url: str):
    from desktop_app.services.app import AppServices
    from desktop_app.services.ledger import EntryInput
    from desktop_app.services.studio import StudioInput

    services = AppServices.open(url, today=lambda: TODAY)
    services.studio.create(
        StudioInput(
            name="陈静名班主任工作室",
            level="校级",
            studio_type="工作室",
            preset_id="jiangyin",
            cycle_start=2024,
            cycle_end=2027,
            host_school="江苏省江阴中等专业学校",
            district="江阴市",
        )
    )
    _members(services)
    services.ledger.add(
        EntryInput("收入", "2026-01-05", str(INCOME_YUAN), "年度经费", source="grant")
    )
    return services


def _invariants(services, committed: int, counted: int) -> dict[str, tuple[bool, str]]:
    from sqlalchemy import text

    from desktop_app.domain.attendance import FlagState

    with services.db.reading() as session:
        balance = session.execute(
            text(
                "SELECT coalesce(sum(CASE direction WHEN 'income' THEN amount_fen "
                "ELSE -amount_fen END), 0) FROM ledger_entry"
            )
        ).scalar()
        overrides = session.execute(
            text("SELECT count(*) FROM ledger_entry WHERE override_reason IS NOT NULL")
        ).scalar()
        twice = session.execute(
            text(
                "SELECT count(*) FROM (SELECT voucher_no FROM ledger_entry "
                "WHERE voucher_no IS NOT NULL AND reverses_id IS NULL "
                "GROUP BY studio_id, voucher_no HAVING count(*) > 1) AS t"
            )
        ).scalar()
        last_flag = dict(
            session.execute(
                text(
                    "SELECT membership_id, new_state FROM attendance_flag_event "
                    "WHERE id IN (SELECT max(id) FROM attendance_flag_event "
                    "GROUP BY membership_id)"
                )
            ).all()
        )
    services.attendance._cached = {}  # counted afresh from the marks
    facts = services.attendance.facts(as_of=TODAY)
    wrong = [
        m
        for m, tally in facts.tallies.items()
        if last_flag.get(m, FlagState.OK.value) != tally.state.recorded.value
    ]
    flagged = sum(1 for s in last_flag.values() if s != FlagState.OK.value)
    return {
        "No overdraft": (
            balance >= 0 and overrides == 0,
            f"balance {balance / 100:,.2f} 元, {overrides} entries with an override reason",
        ),
        "No voucher held twice": (twice == 0, f"{twice} vouchers held twice"),
        "Flag history = recomputed state": (
            not wrong,
            f"{len(facts.tallies)} members, {len(wrong)} differ, {flagged} flagged now",
        ),
        "Counter = committed saves": (
            counted == committed,
            f"counter moved {counted:,}, saves committed {committed:,}",
        ),
    }


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def run(pcs: int, seconds: float, think: float) -> dict:
    sys.path.insert(0, str(REPO))
    from desktop_app.store import changes
    from tests.postgres import Cluster

    cluster = Cluster()
    cluster.start()
    try:
        cluster.execute("CREATE DATABASE bench")
        url = cluster.url("bench")
        services = _prepare(url)
        context = multiprocessing.get_context("spawn")
        barrier = context.Barrier(pcs + 1)
        results = context.Queue()
        workers = [
            context.Process(target=pc, args=(url, who, seconds, think, barrier, results))
            for who in range(pcs)
        ]
        for worker in workers:
            worker.start()
        barrier.wait(timeout=300)  # all open (opening may write once: not counted)
        with services.db.engine.connect() as connection:
            before = changes.state(connection)[0]
        started = time.monotonic()
        barrier.wait(timeout=300)
        barrier.wait(timeout=seconds + 300)
        elapsed = time.monotonic() - started
        gathered = [results.get(timeout=120) for _ in workers]
        for worker in workers:
            worker.join(60)
        with services.db.engine.connect() as connection:
            after = changes.state(connection)[0]
        saves = [s for _who, done, _heard in gathered for s in done]
        committed = [s for s in saves if s[2] == "ok"]
        latencies = [s[1] for s in committed]
        waits = [s[3] for s in committed]
        by_kind = {
            kind: [s[1] for s in committed if s[0] == kind]
            for kind in ("activity", "attendance", "expense")
        }
        result = {
            "pcs": pcs,
            "seconds": seconds,
            "think": think,
            "elapsed": elapsed,
            "committed": len(committed),
            "refused": len(saves) - len(committed),
            "per_second": len(committed) / elapsed,
            "p50": _percentile(latencies, 0.50),
            "p95": _percentile(latencies, 0.95),
            "max": max(latencies, default=0.0),
            # of a save's time, how much it waited for the write lock, and held it
            "wait_p50": _percentile(waits, 0.50),
            "wait_p95": _percentile(waits, 0.95),
            "work_p50": _percentile([s[1] - s[3] for s in committed], 0.50),
            "kinds": {
                kind: (len(v), _percentile(v, 0.5), _percentile(v, 0.95))
                for kind, v in by_kind.items()
            },
            "heard": [h for _who, _done, h in gathered],
            "invariants": _invariants(services, len(committed), after - before),
            "exit_codes": [w.exitcode for w in workers],
        }
        services.close()
        return result
    finally:
        cluster.stop()


def report(results: list[dict], machine: str) -> str:
    lines = [
        BEGIN,
        "## Server: simulated PCs on one PostgreSQL database (issue 18)",
        "",
        f"`python -m bench.server_pcs` — {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC. "
        f"{machine}; PostgreSQL 15 in a throwaway cluster on the same machine (fsync off), "
        "every PC a process of its own on the same 2 cores. A save: one use case "
        "(an activity created, a session's attendance sheet of "
        f"{MEMBERS} members saved with the flags recomputed, or an expense with its "
        "voucher), timed from the call to its return. Writers take turns through one "
        "transaction-level advisory lock (store/db.py).",
        "",
        "| PCs | think (s) | run (s) | saves committed | refused | saves/s | p50 (ms) "
        "| p95 (ms) | max (ms) | p95 ≤ 100 ms? | lock wait p50 / p95 (ms) "
        "| save without the wait, p50 (ms) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['pcs']} | {r['think']:g} | {r['elapsed']:.0f} | {r['committed']:,} "
            f"| {r['refused']:,} | {r['per_second']:.1f} | {r['p50'] * 1000:.0f} "
            f"| {r['p95'] * 1000:.0f} | {r['max'] * 1000:.0f} "
            f"| {'met' if r['p95'] <= 0.1 else '**missed**'} "
            f"| {r['wait_p50'] * 1000:.0f} / {r['wait_p95'] * 1000:.0f} "
            f"| {r['work_p50'] * 1000:.0f} |"
        )
    lines += ["", "Per kind of save (count, p50 / p95 in ms):", ""]
    for r in results:
        kinds = "; ".join(
            f"{kind} {n:,}: {p50 * 1000:.0f} / {p95 * 1000:.0f}"
            for kind, (n, p50, p95) in r["kinds"].items()
        )
        heard = r["heard"]
        lines.append(
            f"- {r['pcs']} PCs, think {r['think']:g} s — {kinds}. Other PCs' changes "
            f"heard per PC: {min(heard)}–{max(heard)} broadcasts."
        )
    lines += ["", "Invariants at the end:", ""]
    lines += ["| PCs | think (s) | invariant | holds | |", "|---:|---:|---|---|---|"]
    for r in results:
        for name, (holds, detail) in r["invariants"].items():
            lines.append(
                f"| {r['pcs']} | {r['think']:g} | {name} | {'yes' if holds else '**NO**'} "
                f"| {detail} |"
            )
    lines.append(END)
    return "\n".join(lines) + "\n"


def _write(out: Path, section: str) -> None:
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        new = head + section.rstrip("\n") + rest.split(END, 1)[1]
    else:
        new = old.rstrip("\n") + ("\n\n" if old else "") + section
    out.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pcs", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--think",
        type=float,
        action="append",
        help="a PC's pause between saves, seconds (repeatable: one run each; default 1 and 0)",
    )
    parser.add_argument("--small", action="store_true", help="4 PCs for 10 s, printed only")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    args = parser.parse_args(argv)
    if args.small:
        args.pcs, args.seconds = 4, 10
    thinks = args.think or [1.0, 0.0]
    from bench.machine import describe

    with tempfile.TemporaryDirectory(prefix="studiodesk-server-bench-") as work:
        os.environ.update(child_env(Path(work)))  # the PCs' settings and files in here
        results = [run(args.pcs, args.seconds, think) for think in thinks]
    facts = dict(describe())
    machine = f"{facts['CPU']}, {facts['Cores (logical)']} cores, {facts['RAM']}, {facts['OS']}"
    section = report(results, machine)
    print(section)
    if not args.small:
        _write(args.out, section)
    broken = any(not holds for r in results for holds, _d in r["invariants"].values())
    return 1 if broken or any(code != 0 for r in results for code in r["exit_codes"]) else 0


if __name__ == "__main__":
    sys.exit(main())
