"""A save's round trips to the database, counted (issue 18's server benchmark).

On a school server every statement is a round trip over the network, and a save holds
the one write lock (store/db.py) from its first statement to its commit: 20 PCs queue
behind it. An attendance sheet once took ~19 round trips under the lock plus a read of
every flag event ever recorded; an expense opened seven reading connections inside its
unit of work and loaded every ledger entry for the ring-fence. Counted in statements,
which do not depend on the machine's speed; the count must not grow with the sheet's
size or the history's."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from desktop_app.domain.member_input import parse_member
from desktop_app.services.activities import ActivityInput
from desktop_app.services.attendance import MarkInput
from desktop_app.services.ledger import EntryInput
from tests.conftest import BOTH

BACKENDS = BOTH


class Statements:
    """The statements sent while it is on, and how many of them inside a writing
    transaction (from its first statement: on PostgreSQL the advisory lock, on SQLite
    BEGIN IMMEDIATE, to its commit), and the connections taken from the pool."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.total = self.locked = self.connections = 0
        self._writing = False

    def _statement(self, conn, _cursor, statement, *_args) -> None:
        self.total += 1
        if "pg_advisory_xact_lock" in statement or "BEGIN IMMEDIATE" in statement:
            self._writing = True
        if self._writing:
            self.locked += 1

    def _ended(self, _conn) -> None:
        self._writing = False

    def _checkout(self, *_args) -> None:
        self.connections += 1

    def __enter__(self) -> Statements:
        event.listen(self.engine, "before_cursor_execute", self._statement)
        event.listen(self.engine, "commit", self._ended)
        event.listen(self.engine, "rollback", self._ended)
        event.listen(self.engine.pool, "checkout", self._checkout)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._statement)
        event.remove(self.engine, "commit", self._ended)
        event.remove(self.engine, "rollback", self._ended)
        event.remove(self.engine.pool, "checkout", self._checkout)


@pytest.fixture
def studio(services):
    for i in range(30):
        services.members.add(
            parse_member({"name": f"成员{i:02d}", "role": "成员", "joined_on": "2024-09-01"})
        )
    services.ledger.add(EntryInput("收入", "2025-01-05", "4000", "年度经费", source="grant"))
    return services


def _sheet(services, day: dt.date, topic: str) -> None:
    """An activity and its attendance sheet of every member (a third absent)."""
    activity = services.activities.create(ActivityInput(day.isoformat(), "seminar", topic))
    members = [r.membership_id for r in services.members.roster(include_left=False)]
    statuses = ("出勤", "缺勤", "请假")
    marks = [MarkInput(m, statuses[(m + day.day) % 3]) for m in members]
    return activity, marks


def test_an_attendance_sheet_is_saved_in_a_few_statements_whatever_its_size(studio, backend):
    # history first: flags raised and lowered, so that reading it all would show
    for i in range(6):
        activity, marks = _sheet(studio, dt.date(2025, 3, 1) + dt.timedelta(days=i), f"研讨{i}")
        studio.attendance.save_marks(activity, marks)
    activity, marks = _sheet(studio, dt.date(2025, 4, 1), "主题班会")
    with Statements(studio.db.engine) as saving:
        studio.attendance.save_marks(activity, marks)
    # before: 17 statements on PostgreSQL, among them every flag event ever recorded read
    # under the lock. The 30 marks go in one INSERT there; SQLAlchemy inserts them one by
    # one on SQLite, which runs in this process (no round trip to pay).
    one_by_one = len(marks) - 1 if backend == "sqlite" else 0
    assert saving.connections == 1, saving.connections  # one unit of work, no side reads
    assert saving.locked <= 16 + one_by_one, saving.locked
    assert saving.total <= 16 + one_by_one, saving.total


def test_an_expense_is_checked_under_the_lock_in_a_few_statements(studio):
    for i in range(20):  # entries the ring-fence once loaded one by one, with attachments
        studio.ledger.add(
            EntryInput("支出", f"2025-02-{i + 1:02d}", "1", "资料", category="培训研修")
        )
    expense = EntryInput(
        "支出", "2025-03-02", "12.50", "资料费", category="培训研修", voucher_no="BX-0001"
    )
    with Statements(studio.db.engine) as saving:
        studio.ledger.add(expense)
    # before: 8 connections (the categories, the preset, the studio and the closed
    # periods each read on a connection of its own while the lock was held) and every
    # entry loaded for the balance; now the unchanging facts are read once before the
    # unit of work and the balance is summed by the database
    assert saving.connections == 2, saving.connections  # the facts, the unit of work
    assert saving.locked <= 12, saving.locked
    assert saving.total <= 16, saving.total
