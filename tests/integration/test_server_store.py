"""The store on a school server (issue 18): what is PostgreSQL's own — the migrations on an
empty database, the rules as PostgreSQL's CHECKs and triggers (refused to any client, said
in words to the program), the faults of a server said as such (never "database file
damaged"), and the writers taking turns (store/db.py's advisory lock)."""

from __future__ import annotations

import datetime as dt
import threading
import time

import psycopg
import pytest
from sqlalchemy import select, text

from desktop_app.domain.problems import StorageError, ValidationError
from desktop_app.services.ledger import EntryInput
from desktop_app.store.db import open_database
from desktop_app.store.migrate import HEAD, current_revision
from desktop_app.store.models import LedgerEntry, Studio
from tests.conftest import TODAY, studio_on


@pytest.fixture
def server(postgres_cluster):
    with studio_on(postgres_cluster) as services:
        yield services


def plain(postgres_cluster, url: str) -> psycopg.Connection:
    """Another client of the same database (psql, a script): not the program."""
    return psycopg.connect(
        host="127.0.0.1",
        port=postgres_cluster.port,
        user="studiodesk",
        dbname=url.rsplit("/", 1)[1],
        autocommit=True,
    )


def test_an_empty_server_database_is_given_the_schema(postgres_cluster):
    postgres_cluster.execute("CREATE DATABASE empty_one")
    url = postgres_cluster.url("empty_one")
    try:
        db = open_database(url)
        try:
            assert db.server and current_revision(db.engine) == HEAD
            db.check()
            with db.engine.connect() as connection:
                triggers = connection.execute(
                    text("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal")
                ).scalar()
                checks = connection.execute(
                    text("SELECT count(*) FROM pg_constraint WHERE contype = 'c'")
                ).scalar()
        finally:
            db.close()
        assert triggers == 15
        assert checks > 25
        # opened again: at head, nothing to do
        open_database(url).close()
    finally:
        postgres_cluster.drop_database(url)


def test_the_ledger_is_append_only_for_every_client(server, postgres_cluster):
    server.ledger.add(EntryInput("收入", "2026-03-01", "100", "经费", voucher_no="A1"))
    url = str(server.db.engine.url.render_as_string(hide_password=False))
    with plain(postgres_cluster, url) as connection:
        for sql in ("UPDATE ledger_entry SET amount_fen = 1", "DELETE FROM ledger_entry"):
            with pytest.raises(psycopg.errors.IntegrityConstraintViolation) as caught:
                connection.execute(sql)
            assert caught.value.diag.message_primary == "ledger_append_only"
        with pytest.raises(psycopg.errors.CheckViolation):
            connection.execute(
                "INSERT INTO ledger_entry (studio_id, date, direction, amount_fen, source,"
                " purpose, created_at) VALUES (1, '2026-03-02', 'income', 0, 'grant', 'x',"
                " now())"
            )
    # past the ORM's guard (a plain statement): the database's refusal, in words
    with pytest.raises(ValidationError) as refused:
        with server.db.unit_of_work() as session:
            session.execute(text("DELETE FROM ledger_entry"))
    from desktop_app.domain.problems import problem

    assert refused.value.problems == [problem("", "refused_ledger_append_only")]


def test_a_closed_period_and_a_check_are_said_in_words(server):
    server.ledger.close_month(2026, 2)
    with pytest.raises(ValidationError) as refused:
        with server.db.unit_of_work() as session:
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
    assert [p.message for p in refused.value.problems] == [
        "日期：该日期属于已结账的期间，不能再记账。没有保存。"
    ]
    with pytest.raises(ValidationError) as refused:
        with server.db.unit_of_work() as session:
            session.add(
                LedgerEntry(
                    studio_id=session.scalar(select(Studio.id)),
                    date=TODAY,
                    direction="sideways",
                    amount_fen=100,
                    purpose="横着记",
                )
            )
    assert [p.message for p in refused.value.problems] == [
        "经费台账：收支“sideways”不是规定的取值，没有保存。"
    ]


def test_an_unreachable_server_is_not_a_damaged_file(postgres_cluster):
    from tests.postgres import _free_port

    url = f"postgresql+psycopg://studiodesk@127.0.0.1:{_free_port()}/nothing"
    with pytest.raises(StorageError) as caught:
        open_database(url)
    assert caught.value.kind == "server_unreachable"
    assert "损坏" not in caught.value.problems[0].message


def test_a_connection_lost_during_a_save_writes_nothing(server, postgres_cluster):
    with pytest.raises(StorageError) as caught:
        with server.db.unit_of_work() as session:
            session.add(LedgerEntry(
                studio_id=session.scalar(select(Studio.id)), date=TODAY, direction="income",
                amount_fen=100, source="grant", purpose="断线",
            ))  # fmt: skip
            session.flush()
            pid = session.execute(text("SELECT pg_backend_pid()")).scalar()
            postgres_cluster.execute(f"SELECT pg_terminate_backend({pid})")
    assert caught.value.kind == "server_lost"
    assert "损坏" not in caught.value.problems[0].message
    # the server is there again: the next save works, and the lost one left nothing
    server.ledger.add(EntryInput("收入", "2026-03-01", "100", "经费"))
    with server.db.reading() as session:
        assert session.scalars(select(LedgerEntry.purpose)).all() == ["经费"]


def test_writers_take_turns(server):
    """A second writer waits for the first's commit (the advisory lock), as on SQLite."""
    order: list[str] = []
    first_in = threading.Event()

    def first() -> None:
        with server.db.unit_of_work():
            first_in.set()
            time.sleep(0.5)
            order.append("first commits")

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with server.db.unit_of_work():
        order.append("second begins")
    thread.join()
    assert order == ["first commits", "second begins"]


def test_a_machine_without_postgresql_fails_saying_what_to_install(monkeypatch):
    """Not a skip: the tests on PostgreSQL fail, naming the package."""
    from tests import postgres

    monkeypatch.setattr(postgres.shutil, "which", lambda _name: None)
    monkeypatch.setattr(postgres.glob, "glob", lambda _pattern: [])
    with pytest.raises(postgres.NoPostgres, match="apt-get install postgresql"):
        postgres.Cluster()
