"""The ledger under any sequence of incomes, expenses, reversals, corrections and closings
(Hypothesis stateful testing against a plain Python model):

- every operation succeeds or is refused exactly when the model says so (a closed
  period, a reused voucher, a second reversal, the ring-fence without a reason);
- the balance of each fiscal year equals the sum of the model's signed amounts;
- no stored row ever changes or disappears, only new rows appear;
- closed periods never change, and no entry is dated inside a closed period unless it
  was written before the period was closed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import select

from desktop_app.domain.ledger import FISCAL_CALENDAR, FISCAL_SCHOOL_YEAR, FiscalYear
from desktop_app.domain.problems import ValidationError
from desktop_app.services.app import AppServices
from desktop_app.services.ledger import EntryInput, RingFenceError
from desktop_app.store.models import LedgerClosedPeriod, LedgerEntry
from tests.conftest import jiangyin_studio

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "studiodesk-hypothesis")

TODAY = dt.date(2026, 11, 21)
CATEGORIES = ("培训研修", "课程资源开发", "专家指导", "课题研究")
NOT_A_CATEGORY = "招待费"
REASON = "学校同意超支"
# Two fiscal years up to today: 2025 and 2026, or the school years 2024 and 2025.
FIRST_YEAR = {FISCAL_CALENDAR: 2025, FISCAL_SCHOOL_YEAR: 2024}

amounts = st.integers(min_value=1, max_value=400_000)  # fen: up to 4,000.00
month_indexes = st.integers(min_value=0, max_value=23)
days_of_month = st.sampled_from([1, 15, 28])
vouchers = st.sampled_from([None, None, None, "JZ-1", "JZ-2"])
reasons = st.sampled_from([None, REASON])


def typed(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


@dataclasses.dataclass
class Entry:
    """The model's idea of one stored entry."""

    id: int
    date: dt.date
    direction: str
    amount_fen: int
    step: int  # when it was written
    voucher: str | None = None
    reverses: int | None = None

    @property
    def signed_fen(self) -> int:
        sign = 1 if self.direction == "income" else -1
        return -sign * self.amount_fen if self.reverses is not None else sign * self.amount_fen


@dataclasses.dataclass
class Closed:
    first: dt.date
    last: dt.date
    step: int

    def covers(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


class LedgerMachine(RuleBasedStateMachine):
    # A PostgreSQL cluster (tests/postgres.py): each example then runs on a database of
    # its own there instead of an SQLite file (ServerLedgerMachine below).
    cluster = None

    def __init__(self):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="studiodesk-ledger-"))
        self.address = self.cluster.new_database() if self.cluster else self.folder / "db.sqlite3"
        self.services = AppServices.open(self.address, today=lambda: TODAY)
        self.services.studio.create(jiangyin_studio())
        self.ledger = self.services.ledger
        self.kind = FISCAL_CALENDAR
        self.entries: dict[int, Entry] = {}
        self.closed: list[Closed] = []
        self.step = 0
        self.seen_rows: dict[int, tuple] = {}
        self.seen_closed: list[tuple] = []

    def teardown(self):
        self.services.close()
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.cluster:
            self.cluster.drop_database(self.address)

    # --- the model ---

    def fiscal(self, day: dt.date) -> FiscalYear:
        return FiscalYear.of(day, self.kind)

    def day(self, month_index: int, day: int) -> dt.date:
        first = FiscalYear(FIRST_YEAR[self.kind], self.kind).first_day
        month = first.month - 1 + month_index
        return min(dt.date(first.year + month // 12, month % 12 + 1, day), TODAY)

    def year_balance(self, year: FiscalYear) -> int:
        return sum(e.signed_fen for e in self.entries.values() if year.contains(e.date))

    def is_closed(self, day: dt.date) -> bool:
        return any(c.covers(day) for c in self.closed)

    def reversed_ids(self) -> set[int]:
        return {e.reverses for e in self.entries.values() if e.reverses is not None}

    def voucher_taken(self, voucher: str | None, replacing: int | None = None) -> bool:
        """A voucher belongs to one standing entry: not a reversal, not reversed."""
        if not voucher:
            return False
        reversed_ids = self.reversed_ids()
        return any(
            e.voucher == voucher
            and e.reverses is None
            and e.id not in reversed_ids
            and e.id != replacing
            for e in self.entries.values()
        )

    def breaches(self, moves: list[tuple[dt.date, int]]) -> bool:
        """The service's rule: the new movements together leave a fiscal year below zero
        and lower than before."""
        for year in {self.fiscal(day) for day, _ in moves}:
            before = self.year_balance(year)
            after = before + sum(fen for day, fen in moves if year.contains(day))
            if after < 0 and after < before:
                return True
        return False

    def expect(self, call, refused: bool, ring_fenced: bool):
        """Run ``call``; it must be refused by validation, by the ring-fence, or succeed,
        as the model says. Returns its result when it succeeds."""
        self.step += 1
        if refused:
            try:
                call()
            except RingFenceError as error:
                raise AssertionError(f"ring-fence, not a validation problem: {error}") from error
            except ValidationError:
                return None
            raise AssertionError("accepted what the model refuses")
        if ring_fenced:
            try:
                call()
            except RingFenceError:
                return None
            raise AssertionError("the ring-fence let through what the model refuses")
        return call()

    def record(self, entry_id: int, entry: Entry) -> None:
        assert entry_id not in self.entries
        entry.id = entry_id
        self.entries[entry_id] = entry

    # --- the rules ---

    @initialize(kind=st.sampled_from([FISCAL_CALENDAR, FISCAL_SCHOOL_YEAR]))
    def fiscal_year_kind(self, kind):
        if kind != FISCAL_CALENDAR:
            self.services.studio.set_setting("ledger.fiscal_year", kind)
        self.kind = kind

    @rule(month=month_indexes, day=days_of_month, fen=amounts, voucher=vouchers)
    def income(self, month, day, fen, voucher):
        date = self.day(month, day)
        refused = self.is_closed(date) or self.voucher_taken(voucher)
        data = EntryInput("收入", date, typed(fen), "拨款", source="grant", voucher_no=voucher)
        entry_id = self.expect(lambda: self.ledger.add(data), refused, False)
        if entry_id is not None:
            self.record(entry_id, Entry(0, date, "income", fen, self.step, voucher))

    @rule(
        month=month_indexes,
        day=days_of_month,
        fen=amounts,
        category=st.sampled_from((*CATEGORIES, NOT_A_CATEGORY)),
        reason=reasons,
        voucher=vouchers,
    )
    def expense(self, month, day, fen, category, reason, voucher):
        date = self.day(month, day)
        refused = self.is_closed(date) or category == NOT_A_CATEGORY or self.voucher_taken(voucher)
        ring_fenced = not reason and self.breaches([(date, -fen)])
        data = EntryInput(
            "支出",
            date,
            typed(fen),
            "支出",
            category=category,
            voucher_no=voucher,
            override_reason=reason,
        )
        entry_id = self.expect(lambda: self.ledger.add(data), refused, ring_fenced)
        if entry_id is not None:
            self.record(entry_id, Entry(0, date, "expense", fen, self.step, voucher))
            assert self.ledger.get(entry_id).override_reason == reason

    def reversal_problems(self, original: Entry, date: dt.date) -> bool:
        return (
            original.reverses is not None
            or original.id in self.reversed_ids()
            or self.is_closed(date)
            or date < original.date  # a reversal never precedes what it undoes
        )

    @precondition(lambda self: self.entries)
    @rule(data=st.data(), month=month_indexes, day=days_of_month, reason=reasons)
    def reverse(self, data, month, day, reason):
        original = self.entries[data.draw(st.sampled_from(sorted(self.entries)))]
        date = self.day(month, day)
        refused = self.reversal_problems(original, date)
        reversal_fen = (
            original.amount_fen if original.direction == "expense" else -original.amount_fen
        )
        ring_fenced = not reason and self.breaches([(date, reversal_fen)])
        entry_id = self.expect(
            lambda: self.ledger.reverse(original.id, "误录", on=date, override_reason=reason),
            refused,
            ring_fenced,
        )
        if entry_id is not None:
            self.record(
                entry_id,
                Entry(
                    0,
                    date,
                    original.direction,
                    original.amount_fen,
                    self.step,
                    original.voucher,
                    reverses=original.id,
                ),
            )
            info = self.ledger.get(entry_id)
            assert (info.reverses_id, info.reversal_reason) == (original.id, "误录")
            assert self.ledger.get(original.id).reversed_by_id == entry_id

    @precondition(lambda self: self.entries)
    @rule(
        data=st.data(),
        month=month_indexes,
        day=days_of_month,
        fen=amounts,
        reason=reasons,
        same_voucher=st.booleans(),
    )
    def correct(self, data, month, day, fen, reason, same_voucher):
        """A correction: the reversal and the right expense, both or neither."""
        original = self.entries[data.draw(st.sampled_from(sorted(self.entries)))]
        date = self.day(month, day)
        voucher = original.voucher if same_voucher else None
        refused = self.reversal_problems(original, date) or self.voucher_taken(
            voucher, replacing=original.id
        )
        reversal_fen = (
            original.amount_fen if original.direction == "expense" else -original.amount_fen
        )
        ring_fenced = not reason and self.breaches([(date, reversal_fen), (date, -fen)])
        replacement = EntryInput(
            "支出",
            date,
            typed(fen),
            "更正",
            category=CATEGORIES[0],
            voucher_no=voucher,
            override_reason=reason,
        )
        ids = self.expect(
            lambda: self.ledger.correct(original.id, "金额录错", replacement),
            refused,
            ring_fenced,
        )
        if ids is not None:
            reversal_id, new_id = ids
            self.record(
                reversal_id,
                Entry(
                    0,
                    date,
                    original.direction,
                    original.amount_fen,
                    self.step,
                    original.voucher,
                    reverses=original.id,
                ),
            )
            self.record(new_id, Entry(0, date, "expense", fen, self.step, voucher))

    @rule(month=month_indexes)
    def close_month(self, month):
        first = self.day(month, 1).replace(day=1)
        next_month = (first + dt.timedelta(days=31)).replace(day=1)
        last = next_month - dt.timedelta(days=1)
        refused = any(c.first <= first and last <= c.last for c in self.closed)
        self.expect(lambda: self.ledger.close_month(first.year, first.month), refused, False)
        if not refused:
            self.closed.append(Closed(first, last, self.step))

    @precondition(lambda self: len(self.entries) >= 3)  # a year closed at once stops all
    @rule(offset=st.sampled_from([-1, 0, 1]))  # -1: the year before, with nothing in it
    def close_year(self, offset):
        year = FiscalYear(FIRST_YEAR[self.kind] + offset, self.kind)
        first, last = year.first_day, year.last_day
        refused = any(c.first <= first and last <= c.last for c in self.closed)
        self.expect(lambda: self.ledger.close_year(year.start_year), refused, False)
        if not refused:
            self.closed.append(Closed(first, last, self.step))

    # --- what always holds ---

    @invariant()
    def balances_are_the_sums_of_the_entries(self):
        years = {self.fiscal(e.date) for e in self.entries.values()}
        years |= {FiscalYear(FIRST_YEAR[self.kind] + i, self.kind) for i in (0, 1)}
        for year in years:
            summary = self.ledger.summary(year.start_year)
            assert summary.balance_fen == self.year_balance(year)
            assert summary.balance_fen == summary.income_fen - summary.expense_fen
            assert summary.balance_fen == sum(e.signed_fen for e in summary.entries)
            if summary.entries:
                assert summary.entries[-1].running_balance_fen == summary.balance_fen
            assert sum(m.income_fen for m in summary.by_month) == summary.income_fen
            assert sum(m.expense_fen for m in summary.by_month) == summary.expense_fen
            assert sum(summary.by_category.values()) == summary.expense_fen

    @invariant()
    def stored_rows_never_change_or_disappear(self):
        with self.services.db.reading() as session:
            columns = LedgerEntry.__table__.columns
            stored = {row.id: tuple(row) for row in session.execute(select(*columns))}
            closed = [
                tuple(row)
                for row in session.execute(
                    select(*LedgerClosedPeriod.__table__.columns).order_by(LedgerClosedPeriod.id)
                )
            ]
        assert set(stored) == set(self.entries)  # only what the model wrote, nothing else
        for entry_id, row in self.seen_rows.items():
            assert stored[entry_id] == row
        for entry_id, entry in self.entries.items():
            row = dict(zip(columns.keys(), stored[entry_id], strict=True))
            assert (row["date"], row["direction"], row["amount_fen"]) == (
                entry.date,
                entry.direction,
                entry.amount_fen,
            )
            assert (row["reverses_id"], row["voucher_no"]) == (entry.reverses, entry.voucher)
        self.seen_rows = stored
        assert closed[: len(self.seen_closed)] == self.seen_closed
        assert [(r[2], r[3]) for r in closed] == [(c.first, c.last) for c in self.closed]
        self.seen_closed = closed

    @invariant()
    def nothing_is_dated_inside_a_period_closed_before_it(self):
        for entry in self.entries.values():
            for period in self.closed:
                if period.covers(entry.date):
                    assert entry.step < period.step
        for first, last, _label in self.ledger.closed_periods():
            assert all(
                e.step < c.step
                for e in self.entries.values()
                for c in self.closed
                if (c.first, c.last) == (first, last) and first <= e.date <= last
            )


class ServerLedgerMachine(LedgerMachine):
    """The same machine on PostgreSQL: the rules the database backs (the append-only
    ledger, closed periods, unique vouchers) are its triggers and constraints there."""


SETTINGS = settings(max_examples=30, stateful_step_count=20, deadline=None, database=None)
LedgerMachine.TestCase.settings = SETTINGS
ServerLedgerMachine.TestCase.settings = SETTINGS
TestLedgerStateful = LedgerMachine.TestCase
TestLedgerStatefulOnServer = ServerLedgerMachine.TestCase


@pytest.fixture(autouse=True)
def _on_server(request):
    """The server's machine gets the session's cluster (a unittest-style case takes no
    fixture as an argument)."""
    if request.cls is not TestLedgerStatefulOnServer:
        yield
        return
    cluster = request.getfixturevalue("postgres_cluster")
    ServerLedgerMachine.cluster = cluster
    before = next(cluster._names)  # the count of databases made in the cluster
    yield
    ServerLedgerMachine.cluster = None
    assert next(cluster._names) > before + 20  # each example had one of its own there
