"""Writers for the two-process race tests (tests/integration/test_write_races.py): each
runs in a process of its own (multiprocessing, spawn), opens the database as a second
copy of the program would, and makes its write when the barrier lets every writer go at
once, trial after trial."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop_app.domain.problems import ValidationError
from desktop_app.services.app import AppServices
from desktop_app.services.ledger import EntryInput
from desktop_app.store.db import is_server

TODAY = dt.date(2026, 11, 21)
DAY = "2026-11-20"
VOUCHERS_PER_TRIAL = 3
CATEGORY = "培训研修"


def voucher(trial: int, row: int) -> str:
    return f"JZ-{trial:03d}-{row}"


def income(purpose: str, amount: str, voucher_no: str | None = None) -> EntryInput:
    return EntryInput(
        direction="收入",
        date=DAY,
        amount=amount,
        purpose=purpose,
        source="grant",
        payee="江阴中专财务处",
        voucher_no=voucher_no,
    )


def expense(amount: str) -> EntryInput:
    return EntryInput(
        direction="支出",
        date=DAY,
        amount=amount,
        purpose="专家讲座劳务费",
        category=CATEGORY,
        payee="刘海峰",
    )


def writer(db: str, kind: str, who: int, trials: int, barrier, results) -> None:
    """``kind`` "voucher": the trial's vouchers, each as an income; "ring_fence": one
    expense of 60 元. Puts (who, trial, ["ok" | "refused", …]) for each trial."""
    address = db if is_server(db) else Path(db)  # a file, or a server's URL
    services = AppServices.open(address, today=lambda: TODAY, check=False)
    try:
        for trial in range(trials):
            barrier.wait(timeout=120)
            outcome = []
            inputs = (
                [
                    income(f"第 {trial} 轮 {who} 号", "1", voucher(trial, row))
                    for row in range(VOUCHERS_PER_TRIAL)
                ]
                if kind == "voucher"
                else [expense("60")]
            )
            for data in inputs:
                try:
                    services.ledger.add(data)
                    outcome.append("ok")
                except ValidationError:  # RingFenceError, a voucher already used
                    outcome.append("refused")
            results.put((who, trial, outcome))
            barrier.wait(timeout=120)
    finally:
        services.close()
