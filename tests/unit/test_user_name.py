"""Who entered a record: the name of the person working (我的姓名), given to the database
when it is opened, is what the audit log and the ledger's 登记人 record; the computer's
login name only when no name was ever given."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY, jiangyin_studio
from sqlalchemy import select

from desktop_app.app_settings import load_app_settings, save_user_name
from desktop_app.cli import main
from desktop_app.domain.member_input import parse_member
from desktop_app.services.app import AppServices
from desktop_app.services.ledger import EntryInput
from desktop_app.store.audit import current_user
from desktop_app.store.models import AuditEntry, LedgerClosedPeriod, LedgerEntry


@pytest.fixture(autouse=True)
def own_settings(tmp_path, monkeypatch):
    """A settings file of this test's own: no name given yet."""
    monkeypatch.setenv("STUDIODESK_CONFIG_DIR", str(tmp_path / "config"))


def spend(services: AppServices, purpose: str, date: str = "2026-09-08") -> int:
    return services.ledger.add(
        EntryInput(
            date=date,
            direction="expense",
            amount="120.00",
            category="培训研修",
            purpose=purpose,
            handler="王会计",
            override_reason="先垫付，拨款未到",
        )
    )


def audit_users(services: AppServices) -> dict[tuple[str, str], str]:
    with services.db.reading() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        return {(r.table_name, r.record_id): r.user for r in rows if r.action == "insert"}


def test_the_name_given_is_the_audit_user_and_the_ledger_recorder(tmp_path):
    services = AppServices.open(tmp_path / "db.sqlite3", today=lambda: TODAY, user=" 李老师 ")
    try:
        services.studio.create(jiangyin_studio())
        member = services.members.add(parse_member({"name": "王芳", "role": "成员"}))
        first = spend(services, "资料费")
        services.ledger.close_month(2026, 9)
        with services.db.reading() as session:
            entry = session.get(LedgerEntry, first)
            closed = session.scalars(select(LedgerClosedPeriod)).one()
            assert (entry.created_by, closed.closed_by) == ("李老师", "李老师")
        users = audit_users(services)
        assert users[("studio", "1")] == "李老师"
        assert users[("membership", str(member))] == "李老师"
        assert set(users.values()) == {"李老师"}

        # another person at the same database from now on; what was recorded stays
        services.set_user("赵老师")
        second = spend(services, "印刷费", "2026-10-08")
        with services.db.reading() as session:
            assert session.get(LedgerEntry, second).created_by == "赵老师"
            assert session.get(LedgerEntry, first).created_by == "李老师"
        users = audit_users(services)
        assert users[("ledger_entry", str(second))] == "赵老师"
        assert users[("ledger_entry", str(first))] == "李老师"
    finally:
        services.close()


def test_without_a_name_the_computer_account_is_recorded(services):
    entry = spend(services, "资料费")
    with services.db.reading() as session:
        assert session.get(LedgerEntry, entry).created_by == current_user()
    assert audit_users(services)[("ledger_entry", str(entry))] == current_user()


def test_the_name_is_kept_in_this_computers_settings():
    assert load_app_settings().user_name == ""
    save_user_name("  周老师 ")
    assert load_app_settings().user_name == "周老师"


def test_the_command_line_takes_user_else_the_settings_name(tmp_path, capsys):
    db = str(tmp_path / "db.sqlite3")
    assert (
        main(["--db", db, "--user", "张老师", "init", "--name", "某工作室", "--preset", "wujin"])
        == 0
    )
    save_user_name("钱老师")
    assert main(["--db", db, "config", "export.mask_personal_data", "false"]) == 0
    assert (
        main(["config", "--db", db, "--user", "孙老师", "ledger.fiscal_year", "school_year"]) == 0
    )
    services = AppServices.open(tmp_path / "db.sqlite3")
    try:
        with services.db.reading() as session:
            rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
            by_table = [(r.table_name, r.user) for r in rows]
    finally:
        services.close()
    assert by_table[0] == ("studio", "张老师")
    assert [user for table, user in by_table if table == "studio_setting"] == ["钱老师", "孙老师"]
    capsys.readouterr()


def test_the_demo_is_entered_by_its_own_people_not_the_computer(tmp_path):
    from desktop_app.demo.builder import build_demo

    path = tmp_path / "demo.sqlite3"
    build_demo(path, today=dt.date(2026, 11, 21))
    services = AppServices.open(path)
    try:
        with services.db.reading() as session:
            recorders = set(session.scalars(select(LedgerEntry.created_by)))
            users = set(session.scalars(select(AuditEntry.user)))
        assert current_user() not in users and "" not in users
        # the secretary, who handles the money, entered the ledger
        assert recorders == {e.handler for e in services.ledger.entries()} - {None}
        assert len(recorders) == 1
    finally:
        services.close()
