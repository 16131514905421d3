"""Accounts on the command line (issue 18): ``accounts enable|add|list|role|password|
deactivate|disable`` by the host, --user signing in wherever accounts are on, every
command checking its capability; ``server-init URL`` on a server, twice."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.services.app import AppServices
from desktop_app.store.models import AuditEntry
from tests.conftest import TODAY


@pytest.fixture
def db(tmp_path, capsys, monkeypatch):
    """A studio whose host chen turned accounts on and made the secretary li."""
    path = tmp_path / "studio.sqlite3"
    assert main(["init", "--db", str(path), "--name", "陈静名班主任工作室", "--preset", "jiangyin",
                 "--cycle", "2024-2027"]) == 0  # fmt: skip
    monkeypatch.setenv("STUDIODESK_NEW_PASSWORD", "host-pass-1")
    assert main(["accounts", "enable", "--db", str(path), "--login", "Chen", "--name", "陈静"]) == 0
    monkeypatch.setenv("STUDIODESK_PASSWORD", "host-pass-1")
    monkeypatch.setenv("STUDIODESK_NEW_PASSWORD", "secretary-pass-2")
    assert main(["accounts", "add", "li", "--name", "李秘书", "--role", "秘书",
                 "--db", str(path), "--user", "chen"]) == 0  # fmt: skip
    monkeypatch.delenv("STUDIODESK_PASSWORD")
    monkeypatch.delenv("STUDIODESK_NEW_PASSWORD")
    capsys.readouterr()
    return path


def test_a_command_without_user_is_told_to_sign_in(db, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["ledger", "--db", str(db)])
    assert "--user" in str(stopped.value)


def test_a_wrong_password_is_refused_in_words(db, capsys, monkeypatch):
    monkeypatch.setenv("STUDIODESK_PASSWORD", "not-the-password")
    assert main(["ledger", "--db", str(db), "--user", "li"]) == 2
    assert capsys.readouterr().err.strip() == "登录名或密码不正确。"


def test_the_password_is_asked_when_not_in_the_environment(db, capsys, monkeypatch):
    asked = []
    monkeypatch.setattr(
        "getpass.getpass", lambda prompt: asked.append(prompt) or "secretary-pass-2"
    )
    assert main(["activities", "--db", str(db), "--user", "li"]) == 0
    assert asked == ["li 的密码："]


def test_each_command_checks_its_capability(db, capsys, monkeypatch):
    monkeypatch.setenv("STUDIODESK_PASSWORD", "secretary-pass-2")
    assert (
        main(["config", "--db", str(db), "--user", "li", "ledger.fiscal_year", "school_year"]) == 2
    )
    assert capsys.readouterr().err.strip() == "秘书账号不能修改工作室设置，请主持人操作。"
    assert main(["accounts", "list", "--db", str(db), "--user", "li"]) == 2
    assert capsys.readouterr().err.strip() == "秘书账号不能管理账号，请主持人操作。"
    assert main(["config", "--db", str(db), "--user", "li"]) == 0  # reading: everyone's
    monkeypatch.setenv("STUDIODESK_PASSWORD", "host-pass-1")
    assert (
        main(["config", "--db", str(db), "--user", "chen", "ledger.fiscal_year", "school_year"])
        == 0
    )


def test_the_host_manages_accounts(db, capsys, monkeypatch):
    monkeypatch.setenv("STUDIODESK_PASSWORD", "host-pass-1")
    user = ["--db", str(db), "--user", "chen"]
    assert main(["accounts", "role", "li", "查看", *user]) == 0
    monkeypatch.setenv("STUDIODESK_NEW_PASSWORD", "fresh-pass-9")
    assert main(["accounts", "password", "li", *user]) == 0
    assert main(["accounts", "list", *user]) == 0
    listing = capsys.readouterr().out
    rows = [line.split() for line in listing.splitlines()]
    assert ["li", "李秘书", "查看", "是"] in rows and ["chen", "陈静", "主持人", "是"] in rows
    assert main(["accounts", "deactivate", "li", *user]) == 0
    monkeypatch.setenv("STUDIODESK_PASSWORD", "fresh-pass-9")
    assert main(["ledger", "--db", str(db), "--user", "li"]) == 2  # no longer signs in
    services = AppServices.open(db, today=lambda: TODAY, login="chen", password="host-pass-1")
    try:
        with services.db.reading() as session:
            who = set(
                session.scalars(select(AuditEntry.user).where(AuditEntry.table_name == "account"))
            )
    finally:
        services.close()
    assert who == {"陈静 (chen)"}


def test_accounts_off_again_and_commands_need_no_user(db, capsys, monkeypatch):
    monkeypatch.setenv("STUDIODESK_PASSWORD", "host-pass-1")
    assert main(["accounts", "disable", "--db", str(db), "--user", "chen"]) == 0
    monkeypatch.delenv("STUDIODESK_PASSWORD")
    assert main(["config", "--db", str(db), "ledger.fiscal_year", "school_year"]) == 0


def test_a_new_password_asked_twice_must_match(db, capsys, monkeypatch):
    monkeypatch.setenv("STUDIODESK_PASSWORD", "host-pass-1")
    answers = iter(["first-pass-1", "other-pass-2"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    code = main(["accounts", "add", "wang", "--name", "王老师", "--role", "viewer",
                 "--db", str(db), "--user", "chen"])  # fmt: skip
    assert code == 2
    assert capsys.readouterr().err.strip() == "两次输入的密码不一致"


def test_server_init_twice(postgres_cluster, capsys, monkeypatch):
    url = postgres_cluster.new_database()
    try:
        monkeypatch.setenv("STUDIODESK_PASSWORD", "host-pass-1")
        assert main(["server-init", url, "--login", "chen", "--name", "陈静"]) == 0
        first = capsys.readouterr().out
        assert "第一个主持人：chen" in first
        database = url.rsplit("/", 1)[1]
        assert f"{database}/host, {database}/secretary, {database}/viewer" in first
        assert main(["server-init", url]) == 0  # after an upgrade: harmless
        assert "主持人" not in capsys.readouterr().out
        services = AppServices.open(url, login="chen", password="host-pass-1")
        try:
            assert [a.login for a in services.accounts.list()] == ["chen"]
        finally:
            services.close()
    finally:
        postgres_cluster.drop_database(url)


def test_only_the_host_restores(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("STUDIODESK_PASSWORD", "host-pass-1")
    zip_path = tmp_path / "b.zip"
    assert main(["backup", "--db", str(db), "--out", str(zip_path)]) == 0
    monkeypatch.setenv("STUDIODESK_PASSWORD", "secretary-pass-2")
    assert main(["restore", str(zip_path), "--db", str(db), "--user", "li"]) == 2
    assert capsys.readouterr().err.strip().endswith("秘书账号不能恢复备份，请主持人操作。")
    monkeypatch.setenv("STUDIODESK_PASSWORD", "host-pass-1")
    assert main(["restore", str(zip_path), "--db", str(db), "--user", "chen"]) == 0


def test_the_cli_signs_in_on_a_server_by_connecting(postgres_cluster, capsys, monkeypatch):
    from desktop_app.domain.roles import AccountRole
    from desktop_app.services.server_init import init_server
    from tests.conftest import jiangyin_studio

    url = postgres_cluster.new_database()
    try:
        init_server(url, "chen", "陈静", lambda: "host-pass-1")
        host = AppServices.open(url, login="chen", password="host-pass-1")
        host.studio.create(jiangyin_studio())
        host.accounts.add("li", "李秘书", AccountRole.SECRETARY, "secretary-pass-2")
        host.close()
        monkeypatch.setenv("STUDIODESK_PASSWORD", "secretary-pass-2")
        assert main(["activities", "--db", url, "--user", "li"]) == 0
        assert (
            main(["config", "--db", url, "--user", "li", "ledger.fiscal_year", "school_year"]) == 2
        )
        assert capsys.readouterr().err.strip() == "秘书账号不能修改工作室设置，请主持人操作。"
        monkeypatch.setenv("STUDIODESK_PASSWORD", "not-the-password")
        assert main(["activities", "--db", url, "--user", "li"]) != 0
        assert "登录名或密码不正确" in capsys.readouterr().err
    finally:
        postgres_cluster.drop_database(url)
