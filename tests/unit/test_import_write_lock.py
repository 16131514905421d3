"""A long import must not keep the window from saving (issue 16, item 3).

SQLite lets one writer at a time; the window waits 5 s for its turn (busy_timeout) and
then says "busy". A 20,000-row ledger import once held the write lock 7 s at a stretch,
because every row was flushed on its own and every row's check read the categories, the
closed periods and its voucher again (bench/import_lock.py measures the lock itself).
Here the work is counted in statements, which does not depend on the machine's speed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event, func, select

from desktop_app.services.ledger import EntryInput, ReversalInput
from desktop_app.store.models import LedgerEntry

ROWS = 1_000


def _batch(rows: int) -> list[EntryInput]:
    items = [EntryInput("收入", "2025-01-02", "100000", "年度专项经费", source="grant")]
    for i in range(rows - 1):
        day = dt.date(2025, 1, 3) + dt.timedelta(days=i % 300)
        items.append(
            EntryInput(
                "支出", day.isoformat(), "10", f"资料 {i}", category="培训研修", voucher_no=f"Z{i}"
            )
        )
    return items


class Statements:
    """Counts the statements sent to SQLite while it is on."""

    def __init__(self, engine):
        self.count = 0
        self.engine = engine

    def _seen(self, *_args) -> None:
        self.count += 1

    def __enter__(self) -> Statements:
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)


def test_a_thousand_row_batch_is_checked_in_a_few_reads_and_written_in_one_flush(services):
    ledger = services.ledger
    ledger.add(
        EntryInput(
            "支出",
            "2024-12-01",
            "1",
            "旧账",
            category="培训研修",
            voucher_no="Z5",
            override_reason="学校同意垫付",
        )
    )
    items = _batch(ROWS)
    with Statements(services.db.engine) as checking:
        problems = ledger.check_many(items)
    assert problems[6] and problems[6][0].field == "voucher_no"  # Z5 is taken: still found
    del items[6]
    with Statements(services.db.engine) as writing:
        ids = ledger.add_many(items, cause="导入")
    assert len(ids) == ROWS - 1
    # before: three reads a row to check (6,000 with the preview's), and a flush a row,
    # each with its own insert into the history (2,000 statements)
    assert checking.count < 50, checking.count
    assert writing.count < ROWS + 50, writing.count  # an insert a row, one history insert
    with services.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(LedgerEntry)) == ROWS


def test_a_batch_reversing_its_own_entry_still_links_them(services):
    ledger = services.ledger
    items = [
        EntryInput("收入", "2025-01-02", "1000", "年度专项经费", source="grant"),
        EntryInput("支出", "2025-01-03", "10", "资料", category="培训研修", voucher_no="Z1"),
        ReversalInput(reverses_item=1, reason="录错了", date="2025-01-04"),
    ]
    first, spent, reversal = ledger.add_many(items)
    by_id = {e.id: e for e in ledger.entries()}
    assert by_id[reversal].reverses_id == spent
    assert by_id[reversal].voucher_no == "Z1"
