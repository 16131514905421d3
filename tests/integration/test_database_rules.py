"""The database protects itself (issue 16, items 1 and 12; migration 0006).

A row another tool writes is refused when it breaks a rule the program never breaks — a
code outside the vocabulary, a date that does not exist, money that is not whole fen above
zero, a count below zero, a boolean other than 0/1, a period ending before it starts — and
a voucher is held by one standing entry. An upgrade over a database that already holds such
a row stops, naming it, and leaves the database as it was; such a row read later (written
with the checks switched off) is a message naming the table and row, never a traceback.

On a school server (issue 18) the same rules are PostgreSQL's CHECKs and triggers, shown
refusing another client (psycopg, as psql or a script would write) the same rows. There
the column types refuse some values before any CHECK (a DATE holds real days only, a
BOOLEAN true/false, an INTEGER whole numbers), and what a type converts (12.5 to 12,
'yes' to true, 2025/03/01 to that day) still keeps the rule. The tests of an SQLite file's
own (its upgrade, its quick check, PRAGMA) stay on SQLite and say so.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from desktop_app.cli import main
from desktop_app.domain.problems import StorageError, ValidationError
from desktop_app.services.app import AppServices
from desktop_app.services.ledger import EntryInput
from desktop_app.store.address import is_server
from desktop_app.store.migrate import current_revision
from desktop_app.store.models import LedgerEntry, Studio
from tests.conftest import BOTH, TODAY, jiangyin_studio

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


# Each test that takes a database runs on an SQLite file and on PostgreSQL (conftest.py).
BACKENDS = BOTH

# What PostgreSQL calls a rule SQLite calls otherwise (the voucher's partial unique index)
ON_SERVER = {"UNIQUE": "ux_ledger_entry_voucher"}


@pytest.fixture
def db(services, database_at) -> Path | str:
    """The conftest's database (a studio, at head), to write to with plain SQL: the file,
    or the server database's URL."""
    return database_at("db")


@pytest.fixture
def file_db(tmp_path) -> Path:
    """An SQLite file with a studio at head (for what is a file's own: PRAGMA, its check)."""
    services = AppServices.open(tmp_path / "db.sqlite3", today=lambda: TODAY)
    services.studio.create(jiangyin_studio())
    services.close()
    return tmp_path / "db.sqlite3"


def raw(db: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA foreign_keys=ON")
    return connection


def other_client(url: str) -> psycopg.Connection:
    """Another client of the server database (psql, a script): psycopg, not the program."""
    return psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(False))


def _server_sql(sql: str) -> str:
    """SQLite's placeholders (?, :name) as psycopg's (%s, %(name)s)."""
    sql = re.sub(r"(?<![\w:]):([A-Za-z_]\w*)", r"%(\1)s", sql)
    return sql.replace("?", "%s")


def write(db: Path | str, sql: str, params=()) -> None:
    """One statement of another client, in a transaction of its own."""
    if is_server(db):
        if isinstance(params, dict) and "id" in params and params["id"] is None:
            sql = sql.replace(":id", "DEFAULT")  # NULL is no id on PostgreSQL: its sequence's
        with other_client(db) as connection:  # committed at the end, rolled back on error
            connection.execute(_server_sql(sql), params)
            table = re.match(r"INSERT INTO (\w+) \(id,", sql)
            if table:  # an id given: the sequence moves past it, as SQLite's rowid does
                connection.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table[1]}', 'id'), max(id))"
                    f" FROM {table[1]}"
                )
        return
    connection = raw(db)
    try:
        with connection:
            connection.execute(sql, params)
    finally:
        connection.close()


def refused(db: Path | str, sql: str, params=(), rule: str = "") -> None:
    """The database refuses the write, naming ``rule`` (a CHECK, an index, a trigger)."""
    error = psycopg.errors.IntegrityError if is_server(db) else sqlite3.IntegrityError
    with pytest.raises(error, match=ON_SERVER.get(rule, rule) if is_server(db) else rule):
        write(db, sql, params)


def refused_by_type(db: str, sql: str, params=()) -> None:
    """PostgreSQL's column type refuses the value before any CHECK is asked."""
    with pytest.raises((psycopg.errors.DataError, psycopg.errors.DatatypeMismatch)):
        write(db, sql, params)


def accepted(db: Path | str, sql: str, params=()) -> None:
    write(db, sql, params)


def stored(db: Path | str, sql: str) -> list[tuple]:
    if is_server(db):
        with other_client(db) as connection:
            return connection.execute(sql).fetchall()
    connection = raw(db)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


# --- CHECK constraints, one family at a time ----------------------------------------


def test_money_is_whole_fen_above_zero(db):
    accepted(db, ENTRY, entry(amount=1))
    for amount in (-500, 0):
        refused(db, ENTRY, entry(amount=amount), "ck_ledger_entry_amount_fen_money")
    if not is_server(db):
        for amount in ("12.5元", 12.5):
            refused(db, ENTRY, entry(amount=amount), "ck_ledger_entry_amount_fen_money")
        return
    refused_by_type(db, ENTRY, entry(amount="12.5元"))
    accepted(db, ENTRY, entry(id=99, amount=12.5))  # INTEGER rounds it (half to even)
    assert stored(db, "SELECT amount_fen FROM ledger_entry WHERE id = 99") == [(12,)]


def test_dates_are_real_days_written_year_month_day(db):
    accepted(db, ENTRY, entry(date="2024-02-29"))
    person = (
        "INSERT INTO person (studio_id, name, birth_date, created_at)"
        " VALUES (1, '王芳', '1985-02-29', '2026-01-01 00:00:00')"
    )
    if not is_server(db):
        for day in ("2025-02-30", "2025-13-01", "2025/03/01", "2025-3-1", "20250301", 45000):
            refused(db, ENTRY, entry(date=day), "ck_ledger_entry_date_date")
        refused(db, person, rule="ck_person_birth_date_date")
        return
    # a DATE column: no day that does not exist; another spelling of a day is that day
    for day in ("2025-02-30", "2025-13-01", 45000):
        refused_by_type(db, ENTRY, entry(date=day))
    refused_by_type(db, person)
    for n, day in enumerate(("2025/03/01", "2025-3-1", "20250301"), start=70):
        accepted(db, ENTRY, entry(id=n, date=day))
    dates = stored(db, "SELECT DISTINCT date FROM ledger_entry WHERE id >= 70")
    assert dates == [(dt.date(2025, 3, 1),)]


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
    if is_server(db):  # a BOOLEAN column
        activity = activity.replace(", 1, '2026-03-01 00:00:00')", ", true, '2026-03-01 00:00:00')")
    accepted(db, activity, (0,))
    if not is_server(db):
        for hours in (-5, 1.5, "两小时"):
            refused(db, activity, (hours,), "ck_activity_hours_tenths_count")
        return
    refused(db, activity, (-5,), "ck_activity_hours_tenths_count")
    refused_by_type(db, activity, ("两小时",))
    accepted(db, activity, (1.5,))  # INTEGER rounds it: a whole count still
    assert stored(db, "SELECT max(hours_tenths) FROM activity") == [(2,)]


def test_booleans_are_0_or_1(db):
    person = (
        "INSERT INTO person (studio_id, name, rural, created_at)"
        " VALUES (1, '李明', 'yes', '2026-01-01 00:00:00')"
    )
    if not is_server(db):
        refused(db, "UPDATE studio SET is_demo = 2", rule="ck_studio_is_demo_flag")
        refused(db, person, rule="ck_person_rural_flag")
        return
    # a BOOLEAN column: true or false only ('yes' is PostgreSQL's spelling of true)
    refused_by_type(db, "UPDATE studio SET is_demo = 2")
    refused_by_type(db, person.replace("'yes'", "'perhaps'"))
    accepted(db, person)
    assert stored(db, "SELECT rural FROM person WHERE name = '李明'") == [(True,)]


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
# (An SQLite file's own: an upgrade over an old file, PRAGMA, its quick and integrity
# checks. These tests take tmp_path, not a backend: SQLite only.)


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
def test_reading_a_bad_row_names_it(file_db, capsys, column, value, words, unreadable):
    """Opening checks the file (SQLite's quick check sees a row past a CHECK): the command
    stops with the row named. A read of such a row on a connection opened without the
    check names it as well. (SQLite only: PostgreSQL has no switch that lets a client
    write past its CHECKs, and its types hold no such value.)"""
    db = file_db
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


def test_every_rule_of_the_models_is_on_a_new_server_database(postgres_cluster):
    """On PostgreSQL the models' CHECKs are there too, but for those its column types hold
    already (a DATE, a BOOLEAN); and the voucher's index, and every trigger."""
    from desktop_app.store import row_checks

    url = postgres_cluster.new_database()
    try:
        with other_client(url) as connection:
            checks = {r[0] for r in connection.execute("SELECT conname FROM pg_constraint")}
            indexes = connection.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'ux_ledger_entry_voucher'"
            ).fetchall()
            triggers = {
                r[0]
                for r in connection.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
            }
    finally:
        postgres_cluster.drop_database(url)
    wanted = {r.name for r in row_checks.rules() if r.kind not in ("date", "flag")}
    assert len(wanted) > 20
    assert wanted == {name for name in checks if name.startswith("ck_")}
    assert indexes and "WHERE ((voucher_no IS NOT NULL)" in indexes[0][0]
    assert {
        "ledger_entry_no_update",
        "ledger_entry_no_delete",
        "ledger_entry_closed_period",
        "assessment_locked_update",
        "assessment_item_locked_insert",
    } <= triggers


def test_every_rule_of_the_models_is_in_a_new_database(tmp_path):
    """The models' CHECKs (which row_checks words) are those the migrations create
    (SQLite: read from the file's own schema; the server's form is above)."""
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
