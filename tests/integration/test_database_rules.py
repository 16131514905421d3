"""The database protects itself (issue 16, items 1 and 12; migration 0006).

A row another tool writes is refused when it breaks a rule the program never breaks — a
code outside the vocabulary, a date that does not exist, money that is not whole fen above
zero, a count below zero, a boolean other than 0/1, a period ending before it starts — and
a voucher is held by one standing entry. An upgrade over a database that already holds such
a row stops, naming it, and leaves the database as it was; such a row read later (written
with the checks switched off) is a message naming the table and row, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.domain.problems import StorageError, ValidationError
from desktop_app.services.app import AppServices
from desktop_app.services.ledger import EntryInput
from desktop_app.store.migrate import current_revision
from desktop_app.store.models import LedgerEntry, Studio
from tests.conftest import TODAY, jiangyin_studio

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schema"

ENTRY = (
    "INSERT INTO ledger_entry (id, studio_id, date, direction, amount_fen, category, source,"
    " voucher_no, voucher_turn, purpose, reverses_id, created_at)"
    " VALUES (:id, 1, :date, :direction, :amount, NULL, 'grant', :voucher, :turn, '经费',"
    " :reverses, '2026-01-01 00:00:00.000000')"
)


def entry(**changes) -> dict:
    values = dict(
        id=None,
        date="2026-03-01",
        direction="income",
        amount=50000,
        voucher=None,
        turn=None,
        reverses=None,
    )
    values.update(changes)
    return values


@pytest.fixture
def db(services, tmp_path) -> Path:
    """The conftest's database (a studio, at head), to write to with plain SQL."""
    return tmp_path / "db.sqlite3"


def raw(db: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA foreign_keys=ON")
    return connection


def refused(db: Path, sql: str, params=(), rule: str = "") -> None:
    connection = raw(db)
    try:
        with pytest.raises(sqlite3.IntegrityError, match=rule):
            with connection:
                connection.execute(sql, params)
    finally:
        connection.close()


def accepted(db: Path, sql: str, params=()) -> None:
    connection = raw(db)
    try:
        with connection:
            connection.execute(sql, params)
    finally:
        connection.close()


# --- CHECK constraints, one family at a time ----------------------------------------


def test_money_is_whole_fen_above_zero(db):
    accepted(db, ENTRY, entry(amount=1))
    for amount in (-500, 0, "12.5元", 12.5):
        refused(db, ENTRY, entry(amount=amount), "ck_ledger_entry_amount_fen_money")


def test_dates_are_real_days_written_year_month_day(db):
    accepted(db, ENTRY, entry(date="2024-02-29"))
    for day in ("2025-02-30", "2025-13-01", "2025/03/01", "2025-3-1", "20250301", 45000):
        refused(db, ENTRY, entry(date=day), "ck_ledger_entry_date_date")
    refused(
        db,
        "INSERT INTO person (studio_id, name, birth_date, created_at)"
        " VALUES (1, '王芳', '1985-02-29', '2026-01-01 00:00:00')",
        rule="ck_person_birth_date_date",
    )


def test_codes_come_from_the_vocabulary(db):
    refused(db, ENTRY, entry(direction="sideways"), "ck_ledger_entry_direction_enum")
    refused(db, ENTRY, entry(direction="收入"), "ck_ledger_entry_direction_enum")
    accepted(
        db,
        "INSERT INTO person (id, studio_id, name, gender, created_at)"
        " VALUES (50, 1, '王芳', 'female', '2026-01-01 00:00:00')",
    )
    refused(
        db,
        "INSERT INTO membership (person_id, role, stage, created_at)"
        " VALUES (50, 'boss', 'confirmed', '2026-01-01 00:00:00')",
        rule="ck_membership_role_enum",
    )
    refused(db, "UPDATE person SET gender = '男' WHERE id = 50", rule="ck_person_gender_enum")
    refused(db, "UPDATE studio SET level = 'galaxy'", rule="ck_studio_level_enum")


def test_counts_are_whole_numbers_of_zero_or_more(db):
    activity = (
        "INSERT INTO activity (studio_id, date, kind, topic, hours_tenths, takes_attendance,"
        " created_at) VALUES (1, '2026-03-01', 'study', '读书会', ?, 1, '2026-03-01 00:00:00')"
    )
    accepted(db, activity, (0,))
    for hours in (-5, 1.5, "两小时"):
        refused(db, activity, (hours,), "ck_activity_hours_tenths_count")


def test_booleans_are_0_or_1(db):
    refused(db, "UPDATE studio SET is_demo = 2", rule="ck_studio_is_demo_flag")
    refused(
        db,
        "INSERT INTO person (studio_id, name, rural, created_at)"
        " VALUES (1, '李明', 'yes', '2026-01-01 00:00:00')",
        rule="ck_person_rural_flag",
    )


def test_a_period_does_not_end_before_it_starts(db):
    period = (
        "INSERT INTO ledger_closed_period (studio_id, first_day, last_day, label, closed_at)"
        " VALUES (1, ?, ?, '2025年3月', '2025-04-01 00:00:00')"
    )
    refused(db, period, ("2025-03-31", "2025-03-01"), "ck_ledger_closed_period_last_day_order")
    accepted(db, period, ("2025-03-01", "2025-03-31"))


# --- one voucher, one standing entry ------------------------------------------------


def test_the_database_holds_a_voucher_to_one_standing_entry(db):
    accepted(db, ENTRY, entry(id=1, voucher="JZ-1", turn=0))
    refused(db, ENTRY, entry(voucher="JZ-1", turn=0), "UNIQUE")
    refused(db, ENTRY, entry(voucher="JZ-1", turn=None), "ck_ledger_entry_voucher_turn_given")
    # a reversal repeats its original's voucher; the correction takes the next turn
    accepted(db, ENTRY, entry(id=2, voucher="JZ-1", reverses=1))
    accepted(db, ENTRY, entry(id=3, voucher="JZ-1", turn=1))
    # no voucher, or an empty one, as often as needed
    for _ in range(3):
        accepted(db, ENTRY, entry(voucher=None))
        accepted(db, ENTRY, entry(voucher=""))


def test_the_program_gives_each_holder_its_turn(services):
    ledger = services.ledger
    first = ledger.add(EntryInput("收入", "2026-03-01", "100", "经费", voucher_no="JZ-7"))
    reversal, second = ledger.correct(
        first, "金额录错", EntryInput("收入", "2026-03-02", "200", "经费", voucher_no="JZ-7")
    )
    with services.db.reading() as session:
        turns = dict(session.execute(select(LedgerEntry.id, LedgerEntry.voucher_turn)).all())
    assert turns == {first: 0, reversal: None, second: 1}


def test_a_voucher_the_index_refuses_is_named_as_the_check_names_it(services):
    services.ledger.add(EntryInput("收入", "2026-03-01", "100", "经费", voucher_no="JZ-9"))
    # a write past the ledger's own check (as another program racing it would make)
    with pytest.raises(ValidationError) as refused_write:
        with services.db.unit_of_work() as session:
            session.add(
                LedgerEntry(
                    studio_id=session.scalar(select(Studio.id)),
                    date=TODAY,
                    direction="income",
                    amount_fen=100,
                    source="grant",
                    voucher_no="JZ-9",
                    purpose="重复",
                )
            )
    assert [p.message for p in refused_write.value.problems] == [
        "凭证号：JZ-9 已用于 2026-03-01 的一笔账"
    ]
    assert len(services.ledger.entries()) == 1


def test_a_write_a_check_refuses_is_a_message(services):
    with pytest.raises(ValidationError) as refused_write:
        with services.db.unit_of_work() as session:
            session.add(
                LedgerEntry(
                    studio_id=session.scalar(select(Studio.id)),
                    date=TODAY,
                    direction="sideways",
                    amount_fen=100,
                    purpose="横着记",
                )
            )
    assert [p.message for p in refused_write.value.problems] == [
        "经费台账：收支“sideways”不是规定的取值，没有保存。"
    ]


# --- rows that break the rules already ----------------------------------------------


def _sql_dump(path: Path) -> tuple:
    connection = sqlite3.connect(path)
    try:
        schema = connection.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
        rows = connection.execute("SELECT * FROM ledger_entry ORDER BY id").fetchall()
        return schema, rows
    finally:
        connection.close()


def test_an_upgrade_over_a_bad_row_stops_naming_it_and_changes_nothing(tmp_path):
    db = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / "schema_0005.sqlite3", db)
    connection = sqlite3.connect(db)
    with connection:  # another tool's row: schema 0005 had no CHECKs
        connection.execute(
            "INSERT INTO ledger_entry (id, studio_id, date, direction, amount_fen, purpose,"
            " created_at) VALUES (9, 1, '2025-09-10', 'sideways', 500, '外部工具写入',"
            " '2025-09-10 00:00:00')"
        )
    connection.close()
    before = _sql_dump(db)
    with pytest.raises(StorageError) as stopped:
        AppServices.open(db, today=lambda: TODAY)
    message = stopped.value.problems[0].message
    assert "经费台账第 9 条记录的收支为“sideways”，不是规定的取值" in message
    assert "数据库保持原样" in message
    assert _sql_dump(db) == before
    from desktop_app.store.db import make_engine

    engine = make_engine(f"sqlite:///{db}")
    try:
        assert current_revision(engine) == "0005"
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("column", "value", "words", "unreadable"),
    [
        ("direction", "sideways", "收支为“sideways”，不是规定的取值", True),
        ("date", "2025-02-30", "日期为“2025-02-30”，不是真实存在", True),
        ("amount_fen", "12.5元", "金额为“12.5元”，不是大于零的整数金额", True),
        ("amount_fen", -500, "金额为“-500”，不是大于零的整数金额", False),
    ],
)
def test_reading_a_bad_row_names_it(db, capsys, column, value, words, unreadable):
    """Opening checks the file (SQLite's quick check sees a row past a CHECK): the command
    stops with the row named. A read of such a row on a connection opened without the
    check names it as well."""
    values = {"date": "2025-09-10", "direction": "expense", "amount_fen": 500}
    values[column] = value
    connection = raw(db)
    connection.execute("PRAGMA ignore_check_constraints=ON")  # past the rules, as a tool can
    with connection:
        connection.execute(
            "INSERT INTO ledger_entry (id, studio_id, date, direction, amount_fen, category,"
            " purpose, created_at) VALUES (7, 1, :date, :direction, :amount_fen, '培训研修',"
            " '外部工具写入', '2025-09-10 00:00:00')",
            values,
        )
    connection.close()
    code = main(["ledger", "--db", str(db), "--year", "2025"])
    captured = capsys.readouterr()
    assert code != 0
    assert "Traceback" not in captured.err
    assert f"经费台账第 7 条记录的{words}" in captured.err
    if unreadable:  # opened without the check (a second connection), the read names it
        services = AppServices.open(db, today=lambda: TODAY, check=False)
        try:
            with pytest.raises(StorageError, match=f"经费台账第 7 条记录的{words}"):
                services.ledger.summary(2025)
        finally:
            services.close()


def test_a_studio_created_today_keeps_every_rule(tmp_path):
    services = AppServices.open(tmp_path / "new.sqlite3", today=lambda: TODAY)
    try:
        services.studio.create(jiangyin_studio())
        services.ledger.add(EntryInput("收入", "2026-03-01", "100", "经费", voucher_no="A1"))
        connection = raw(tmp_path / "new.sqlite3")
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        connection.close()
    finally:
        services.close()


def test_every_rule_of_the_models_is_in_a_new_database(tmp_path):
    """The models' CHECKs (which row_checks words) are those the migrations create."""
    from desktop_app.store import row_checks

    services = AppServices.open(tmp_path / "fresh.sqlite3", today=lambda: TODAY)
    services.close()
    connection = raw(tmp_path / "fresh.sqlite3")
    try:
        schema = {
            name: sql
            for name, sql in connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
            )
        }
        index = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'ux_ledger_entry_voucher'"
        ).fetchone()
    finally:
        connection.close()
    rules = row_checks.rules()
    assert len(rules) > 40
    for rule in rules:
        assert f"CONSTRAINT {rule.name} CHECK ({rule.sql})" in schema[rule.table], rule.name
    made = {
        name for sql in schema.values() for name in re.findall(r"CONSTRAINT (ck_\w+) CHECK", sql)
    }
    assert made == {rule.name for rule in rules}
    assert index is not None and "WHERE voucher_no IS NOT NULL" in index[0]


# --- rules across rows: triggers ------------------------------------------------------


def test_the_ledger_is_append_only_in_the_database_too(db):
    accepted(db, ENTRY, entry(id=1))
    refused(db, "UPDATE ledger_entry SET amount_fen = 1 WHERE id = 1", rule="ledger_append_only")
    refused(db, "DELETE FROM ledger_entry WHERE id = 1", rule="ledger_append_only")
    accepted(
        db,
        "INSERT INTO ledger_closed_period (id, studio_id, first_day, last_day, label, closed_at)"
        " VALUES (1, 1, '2026-02-01', '2026-02-28', '2026年2月', '2026-03-01 00:00:00')",
    )
    refused(db, "DELETE FROM ledger_closed_period", rule="ledger_append_only")


def test_nothing_is_dated_inside_a_closed_period(services, db):
    services.ledger.close_month(2026, 2)
    refused(db, ENTRY, entry(date="2026-02-28"), "ledger_closed_period")
    refused(db, ENTRY, entry(date="2026-02-01"), "ledger_closed_period")
    accepted(db, ENTRY, entry(date="2026-03-01"))
    # a write past the ledger's own check is told in words
    with pytest.raises(ValidationError) as refused_write:
        with services.db.unit_of_work() as session:
            session.add(
                LedgerEntry(
                    studio_id=session.scalar(select(Studio.id)),
                    date=dt.date(2026, 2, 10),
                    direction="income",
                    amount_fen=100,
                    source="grant",
                    purpose="补记",
                )
            )
    assert [p.message for p in refused_write.value.problems] == [
        "日期：该日期属于已结账的期间，不能再记账。没有保存。"
    ]


def test_a_submitted_assessment_is_locked_in_the_database_too(db):
    assessment = (
        "INSERT INTO assessment (id, studio_id, template_id, kind, school_year, title, status,"
        " created_at) VALUES (?, 1, 'jiangyin_midterm', 'midterm', 2025, '中期考核', ?,"
        " '2026-01-01 00:00:00')"
    )
    item = "INSERT INTO assessment_item (assessment_id, code, score_tenths) VALUES (?, ?, 50)"
    accepted(db, assessment, (1, "draft"))
    accepted(db, item, (1, "1.1"))
    accepted(db, "UPDATE assessment_item SET score_tenths = 60 WHERE assessment_id = 1")
    accepted(db, "UPDATE assessment SET status = 'submitted' WHERE id = 1")  # submitting
    refused(db, item, (1, "1.2"), "assessment_locked")
    refused(db, "UPDATE assessment_item SET score_tenths = 70", rule="assessment_locked")
    refused(db, "DELETE FROM assessment_item", rule="assessment_locked")
    refused(db, "UPDATE assessment SET status = 'draft'", rule="assessment_locked")
    refused(db, "DELETE FROM assessment", rule="assessment_locked")
    refused(
        db,
        "INSERT INTO assessment_evidence (assessment_id, code, kind, label, decision)"
        " VALUES (1, '1.1', 'fact', '出勤率', 'accepted')",
        rule="assessment_locked",
    )


def test_a_batch_gives_each_holder_its_turn(services):
    """An import (one flush) that reverses a stored entry and one of its own, and gives
    both vouchers to new entries: each new holder takes the next turn, none is refused."""
    from desktop_app.services.ledger import ReversalInput

    ledger = services.ledger
    stored = ledger.add(EntryInput("收入", "2026-03-01", "100", "经费", voucher_no="V"))
    ids = ledger.add_many(
        [
            EntryInput("收入", "2026-03-02", "100", "经费更正", voucher_no="V"),
            EntryInput("收入", "2026-03-02", "50", "资料", voucher_no="W"),
            ReversalInput("录错", date="2026-03-03", reverses=stored),
            ReversalInput("录错", date="2026-03-03", reverses_item=1),
            EntryInput("收入", "2026-03-03", "60", "资料更正", voucher_no="W"),
        ]
    )
    with services.db.reading() as session:
        turns = dict(session.execute(select(LedgerEntry.id, LedgerEntry.voucher_turn)).all())
    assert [turns[i] for i in (stored, *ids)] == [0, 1, 0, None, None, 1]
