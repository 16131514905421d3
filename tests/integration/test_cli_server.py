"""The command line on a school server's database (issue 18): ``--db URL`` and
``STUDIODESK_DB`` in every command, ``init`` giving an empty PostgreSQL database the schema
and the studio (never an SQLite file named like the URL), no lock file, a database without
StudioDesk's schema said as such, and a URL's password never printed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from desktop_app import cli
from desktop_app.store.address import shown
from desktop_app.store.migrate import HEAD, current_revision
from tests.postgres import SUPERUSER, _free_port

PASSWORD = "Pa55-secret-word"
KEY = "export.mask_personal_data"
INIT = ["--name", "实验学校名班主任工作室", "--preset", "jiangyin", "--cycle", "2024-2027"]


@pytest.fixture
def empty_url(postgres_cluster):
    """An existing, empty database (what the school's IT person created), its URL."""
    postgres_cluster.execute("CREATE DATABASE cli_empty")
    url = postgres_cluster.url("cli_empty")
    yield url
    postgres_cluster.drop_database(url)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> Path:
    """The command runs in an empty folder: nothing may appear in it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def tables(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return inspect(connection).get_table_names()
    finally:
        engine.dispose()


def revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_init_on_a_url_gives_the_server_database_the_schema_and_the_studio(
    empty_url, in_tmp, capsys
):
    assert cli.main(["init", "--db", empty_url, *INIT]) == 0
    out = capsys.readouterr().out
    assert "实验学校名班主任工作室" in out and shown(empty_url) in out
    assert revision(empty_url) == HEAD
    # the studio is in PostgreSQL, and no file was made for the URL
    assert files_under(in_tmp) == []
    assert not Path(empty_url).exists()
    assert cli.main(["config", "--db", empty_url, KEY]) == 0
    assert capsys.readouterr().out.strip() == f"{KEY} = true"
    # a second init is refused, and leaves the studio as it was
    assert cli.main(["init", "--db", empty_url, "--name", "另一个", "--preset", "jiangyin"]) == 1
    assert capsys.readouterr().err.strip() == "该数据库中已有工作室"


def test_a_read_and_a_write_command_on_a_url(empty_url, in_tmp, capsys, monkeypatch):
    assert cli.main(["init", "--db", empty_url, *INIT]) == 0
    capsys.readouterr()
    # a write (no lock file: nothing appears beside anything, the data folder included)
    data = Path(os.environ["STUDIODESK_DATA_DIR"])
    before = files_under(data) if data.exists() else []
    assert cli.main(["config", "--db", empty_url, KEY, "false"]) == 0
    assert capsys.readouterr().out.strip() == f"{KEY} = false"
    assert (files_under(data) if data.exists() else []) == before
    assert files_under(in_tmp) == []
    # a read, through STUDIODESK_DB this time
    monkeypatch.setenv("STUDIODESK_DB", empty_url)
    assert cli.main(["config", KEY]) == 0
    assert capsys.readouterr().out.strip() == f"{KEY} = false"
    assert cli.main(["ledger", "--json"]) == 0
    assert capsys.readouterr().err == ""


def test_a_command_on_a_database_without_the_schema_says_so_and_makes_nothing(
    empty_url, in_tmp, capsys
):
    with pytest.raises(SystemExit) as stopped:
        cli.main(["ledger", "--db", empty_url])
    said = str(stopped.value.code)
    assert said.startswith(f"{shown(empty_url)} 上没有 StudioDesk 数据库")
    assert "studiodesk init" in said and "server-init" in said
    assert tables(empty_url) == []  # not migrated by a command that only reads
    assert files_under(in_tmp) == []


def test_an_unreachable_server_is_said_in_words_at_once(in_tmp, capsys):
    port = _free_port()
    url = f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/studio"
    assert cli.main(["config", "--db", url, KEY]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"无法连接学校服务器 127.0.0.1:{port}（")
    assert "损坏" not in err and "Traceback" not in err


def test_a_password_is_never_printed(empty_url, in_tmp, capsys, monkeypatch, postgres_cluster):
    # the throwaway cluster trusts localhost: the password is carried, not checked
    url = empty_url.replace(f"{SUPERUSER}@", f"{SUPERUSER}:{PASSWORD}@")
    said: list[str] = []

    def run(*argv: str) -> None:
        try:
            cli.main(list(argv))
        except SystemExit as stop:  # a check that stops the command says why
            said.append(str(stop.code))
        captured = capsys.readouterr()
        said.extend((captured.out, captured.err))

    run("ledger", "--db", url)  # no schema yet: the message names the database
    run("init", "--db", url, *INIT)
    run("init", "--db", url, *INIT)  # refused
    run("backups", "--db", url)
    monkeypatch.setenv("STUDIODESK_DB", url)
    run("demo")
    run("config", "--db", url.replace(f":{postgres_cluster.port}/", f":{_free_port()}/"))
    everything = "\n".join(said)
    assert PASSWORD not in everything
    assert f"{SUPERUSER}:***@" in everything
    assert revision(empty_url) == HEAD


def test_shown_masks_every_form_of_password():
    assert shown("postgresql+psycopg://u:pw@h:5433/d") == "postgresql+psycopg://u:***@h:5433/d"
    assert shown("postgresql+psycopg://u@h/d?password=pw") == (
        "postgresql+psycopg://u@h/d?password=***"
    )
    assert "pw" not in shown("postgresql+psycopg://u:pw@h:port-not-a-number/d")
    assert shown(Path("/data/studio.sqlite3")) == str(Path("/data/studio.sqlite3"))


def test_the_demo_on_a_url_says_it_needs_a_file(empty_url, in_tmp, capsys):
    """The demo lives in a database file of its own, never on a school's server."""
    assert cli.main(["demo", "--db", empty_url]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"demo 只能用于数据库文件；{shown(empty_url)} 是学校服务器上的数据库"
    assert tables(empty_url) == []
    assert files_under(in_tmp) == []


def test_the_window_on_a_url_asks_to_sign_in_and_quitting_writes_nothing(
    empty_url, in_tmp, monkeypatch
):
    """The window on a server's URL signs in first (no lock file, no file named like the
    URL); quitting the sign-in ends the program cleanly, having written nothing."""
    from desktop_app.gui import sign_in

    asked = []

    def quit_signing_in(dialog) -> bool:
        asked.append(dialog.windowTitle())
        return False

    monkeypatch.setattr(sign_in, "ask_sign_in", quit_signing_in)
    assert cli.main(["--db", empty_url]) == 0
    assert len(asked) == 1
    assert tables(empty_url) == [] and files_under(in_tmp) == []
