"""How long an import keeps the window from saving (issue 16, item 3).

A 20,000-row ledger workbook (or attendance list: 40 members × 500 sessions) is
imported with the real command (`studiodesk import-ledger`, `import-attendance`, a
process of its own) while this process plays the window: every 5 ms
it tries to take SQLite's write lock without waiting (BEGIN IMMEDIATE, busy_timeout 0)
and lets it go at once. The longest stretch in which that failed is how long a save in
the window would have waited; with the window's 5 s busy timeout, anything longer is a
save that failed "busy".

    .venv/bin/python -m bench.import_lock            # 20,000 rows
    .venv/bin/python -m bench.import_lock --rows 2000
    .venv/bin/python -m bench.import_lock --kind attendance
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import openpyxl

from desktop_app.documents.sheets.ledger_io import SHEET_NAME
from desktop_app.services.app import AppServices
from desktop_app.services.studio import StudioInput

HEADERS = ("日期", "收支", "金额", "类别", "摘要", "凭证号", "收款方/来源", "经办人")


def make_database(path: Path) -> None:
    services = AppServices.open(path)
    try:
        services.studio.create(
            StudioInput(
                name="基准测试工作室",
                level="校级",
                studio_type="工作室",
                preset_id="jiangyin",
                cycle_start=2024,
                cycle_end=2027,
            )
        )
    finally:
        services.close()


MEMBERS = 40


def add_members(db: Path) -> None:
    from desktop_app.domain.member_input import parse_member

    services = AppServices.open(db)
    try:
        for i in range(MEMBERS):
            role = "主持人" if i == 0 else "成员"
            services.members.add(
                parse_member({"name": f"成员{i:02d}", "role": role, "joined_on": "2024-09-01"})
            )
    finally:
        services.close()


def make_attendance(path: Path, rows: int) -> None:
    """The plain list: one mark a row, ``rows`` // 40 new sessions of 2025."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("考勤")
    ws.append(["日期", "活动", "姓名", "考勤"])
    sessions = rows // MEMBERS
    for s in range(sessions):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=(s * 300) // sessions)
        for i in range(MEMBERS):
            ws.append([day, f"研讨 {s}", f"成员{i:02d}", "缺勤" if (s + i) % 7 == 0 else "出勤"])
    wb.save(path)


def make_workbook(path: Path, rows: int) -> None:
    """One grant a month, then expenses that each fit: every row passes."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(SHEET_NAME)
    ws.append(list(HEADERS))
    start = dt.date(2025, 1, 1)
    for i in range(rows):
        day = start + dt.timedelta(days=(i * 300) // rows)
        if i % 10 == 0:
            ws.append([day, "收入", 1000, "学校核拨专项经费", f"拨款 {i}", f"S{i}", "学校", ""])
        else:
            ws.append([day, "支出", 10, "培训研修", f"资料 {i}", f"Z{i}", "书店", "王芳"])
    wb.save(path)


class Probe(threading.Thread):
    """The window: tries the write lock every ``every`` seconds; records the longest
    stretch it could not have it."""

    def __init__(self, db: Path, every: float = 0.005):
        super().__init__(daemon=True)
        self.db = db
        self.every = every
        self.stop = threading.Event()
        self.longest = 0.0
        self.busy_since: float | None = None
        self.tries = 0
        self.refused = 0

    def run(self) -> None:
        con = sqlite3.connect(self.db, timeout=0, isolation_level=None)
        con.execute("PRAGMA busy_timeout=0")
        while not self.stop.is_set():
            now = time.perf_counter()
            self.tries += 1
            try:
                con.execute("BEGIN IMMEDIATE")
                con.execute("ROLLBACK")
                if self.busy_since is not None:
                    self.longest = max(self.longest, now - self.busy_since)
                    self.busy_since = None
            except sqlite3.OperationalError:
                self.refused += 1
                if self.busy_since is None:
                    self.busy_since = now
            time.sleep(self.every)
        if self.busy_since is not None:
            self.longest = max(self.longest, time.perf_counter() - self.busy_since)
        con.close()


def measure(rows: int, work: Path, kind: str = "ledger") -> dict[str, float]:
    db = work / "db.sqlite3"
    book = work / f"{kind}.xlsx"
    make_database(db)
    if kind == "attendance":
        add_members(db)
        make_attendance(book, rows)
    else:
        make_workbook(book, rows)
    probe = Probe(db)
    probe.start()
    env = dict(os.environ, STUDIODESK_CONFIG_DIR=str(work / "config"))
    begun = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--db", str(db), f"import-{kind}", str(book)],
        capture_output=True,
        text=True,
        env=env,
    )
    wall = time.perf_counter() - begun
    probe.stop.set()
    probe.join()
    if done.returncode != 0:
        raise SystemExit(f"import-{kind} failed ({done.returncode}): {done.stderr[-2000:]}")
    return {"rows": rows, "wall_s": wall, "lock_held_s": probe.longest}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--kind", choices=("ledger", "attendance"), default="ledger")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="studiodesk-bench-lock-") as folder:
        result = measure(args.rows, Path(folder), args.kind)
    print(
        f"{args.kind}, {result['rows']:,} rows: import {result['wall_s']:.1f} s, "
        f"the write lock held at most {result['lock_held_s']:.2f} s at a stretch"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
