"""Accounts and roles (issue 18), on an SQLite file and on a school server: signing in,
each capability refused to the wrong role and allowed to the right one, the audit log and
登记人 naming the account, and on PostgreSQL the grants refusing a viewer's write whatever
the client, server-init run twice."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select, text

from desktop_app.domain.problems import StorageError, ValidationError
from desktop_app.domain.roles import AccountRole, Capability, Refused, can, refusal
from desktop_app.services import accounts
from desktop_app.services.accounts import SignInFailed
from desktop_app.services.activities import ActivityInput
from desktop_app.services.app import AppServices
from desktop_app.services.ledger import EntryInput
from desktop_app.services.server_init import init_server
from desktop_app.store.migrate import HEAD
from desktop_app.store.models import Account, AuditEntry, LedgerEntry
from tests.conftest import BOTH, TODAY, jiangyin_studio

BACKENDS = BOTH

PASSWORDS = {"chen": "host-pass-1", "li": "secretary-pass-2", "wang": "viewer-pass-3"}
# argon2id with small parameters: the tests hash dozens of passwords (the program's own,
# RFC 9106's, take 64 MiB and a tenth of a second each); test_a_hash_made_with_older_
# parameters_is_made_again checks that a sign-in brings them up to the program's.
LIGHT = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def _light_hashes(monkeypatch):
    monkeypatch.setattr(accounts, "HASHER", LIGHT)


@pytest.fixture
def studio_with_accounts(backend, database_at):
    """A studio whose host chen made a secretary li and a viewer wang; the address."""
    address = database_at("db")
    if backend == "sqlite":
        services = AppServices.open(address, today=lambda: TODAY)
        services.studio.create(jiangyin_studio())
        services.accounts.enable_accounts("Chen", "陈静", PASSWORDS["chen"])
    else:
        ready = init_server(address, "chen", "陈静", lambda: PASSWORDS["chen"])
        assert ready.host is not None and ready.host.role is AccountRole.HOST
        services = AppServices.open(
            address, today=lambda: TODAY, login="chen", password=PASSWORDS["chen"]
        )
        services.studio.create(jiangyin_studio())
    services.accounts.add("li", "李秘书", AccountRole.SECRETARY, PASSWORDS["li"])
    services.accounts.add("wang", "王老师", AccountRole.VIEWER, PASSWORDS["wang"])
    services.close()
    return address


def signed_in(address, login: str) -> AppServices:
    services = AppServices.open(
        address, today=lambda: TODAY, login=login, password=PASSWORDS[login]
    )
    assert services.account is not None and services.account.login == login
    return services


def test_signing_in_with_the_right_password_and_not_with_a_wrong_one(studio_with_accounts):
    services = signed_in(studio_with_accounts, "li")
    try:
        assert services.role is AccountRole.SECRETARY
        assert services.user == "李秘书 (li)"
    finally:
        services.close()
    with pytest.raises(SignInFailed) as wrong_password:
        AppServices.open(studio_with_accounts, login="li", password="not-it-at-all")
    with pytest.raises(SignInFailed) as unknown_login:
        AppServices.open(studio_with_accounts, login="nobody", password=PASSWORDS["li"])
    # one message, which does not say which of the two was wrong
    assert str(wrong_password.value) == str(unknown_login.value) == "登录名或密码不正确。"


def test_a_deactivated_account_cannot_sign_in(studio_with_accounts):
    host = signed_in(studio_with_accounts, "chen")
    try:
        host.accounts.deactivate("li")
        with pytest.raises(Exception, match="最后"):  # the last active host stays
            host.accounts.deactivate("chen")
    finally:
        host.close()
    with pytest.raises(SignInFailed):
        AppServices.open(studio_with_accounts, login="li", password=PASSWORDS["li"])


def _activity(services: AppServices) -> int:
    return services.activities.create(
        ActivityInput(date=TODAY - dt.timedelta(days=3), kind="study", topic="读书研讨")
    )


# One use case for each capability a use case checks: who may, and the call.
USE_CASES = {
    Capability.PLANS: lambda s: s.plans.delete_task(10**6),
    Capability.TICK_TASKS: lambda s: s.plans.tick_off(10**6),
    Capability.SUMMARIES: lambda s: s.summaries.save(s.year_facts.current_year(), "年度总结"),
    Capability.ASSESSMENTS: lambda s: s.assessments.delete_draft(10**6),
    Capability.CLOSE_PERIODS: lambda s: s.ledger.close_month(2026, 9),
    Capability.BUDGETS: lambda s: s.ledger.add_category("茶歇费"),
    Capability.REVERSALS: lambda s: s.ledger.reverse(10**6, "录错了"),
    Capability.SETTINGS: lambda s: s.studio.set_setting("attendance_line", "1/2"),
    Capability.MEMBERSHIPS: lambda s: s.members.end(10**6, TODAY, "调离"),
    Capability.EXPORT: lambda s: s.require(Capability.EXPORT),
    Capability.RESTORE: lambda s: s.require(Capability.RESTORE),
    Capability.ACCOUNTS: lambda s: s.accounts.list(),
    Capability.ACTIVITIES: _activity,
    Capability.ATTENDANCE: lambda s: s.attendance.save_marks(10**6, {}),
    Capability.LEDGER_ENTRIES: lambda s: s.ledger.add(
        EntryInput("收入", "2026-10-08", "3000", "年度专项经费", source="grant", voucher_no="S1")
    ),
    Capability.GROWTH_RECORDS: lambda s: s.growth.update_record(10**6, None),
    Capability.TASK_EVIDENCE: lambda s: s.plans.remove_evidence(10**6, 10**6),
    Capability.REPORTS: lambda s: s.require(Capability.REPORTS),
    Capability.READ: lambda s: s.require(Capability.READ),
}


def test_every_capability_has_a_use_case_here():
    assert set(USE_CASES) == set(Capability)


@pytest.mark.parametrize("capability", list(Capability), ids=lambda c: c.value)
def test_each_capability_refused_to_the_wrong_role_and_allowed_to_the_right(
    studio_with_accounts, capability
):
    for login, role in (
        ("wang", AccountRole.VIEWER),
        ("li", AccountRole.SECRETARY),
        ("chen", AccountRole.HOST),
    ):
        services = signed_in(studio_with_accounts, login)
        try:
            with services.db.reading() as session:
                history = session.scalar(select(func.count()).select_from(AuditEntry))
            if can(role, capability):
                assert services.can(capability) and services.why_not(capability) is None
                try:
                    USE_CASES[capability](services)
                except Refused:  # pragma: no cover - the failure itself
                    pytest.fail(f"{login} ({role.code}) was refused {capability.value}")
                except Exception:
                    pass  # past the check: the use case's own answer to a made-up record
            else:
                assert not services.can(capability)
                with pytest.raises(Refused) as refused:
                    USE_CASES[capability](services)
                assert str(refused.value) == refusal(role, capability)
                assert role.zh in str(refused.value)  # names the role…
                with services.db.reading() as session:  # …and nothing was written
                    assert session.scalar(select(func.count()).select_from(AuditEntry)) == history
        finally:
            services.close()


def test_the_refusal_names_the_role_and_the_action():
    assert (
        refusal(AccountRole.SECRETARY, Capability.CLOSE_PERIODS)
        == "秘书账号不能关闭期间，请主持人操作。"
    )
    assert "请秘书或主持人操作" in refusal(AccountRole.VIEWER, Capability.ATTENDANCE)


def test_the_audit_log_and_the_ledger_name_the_account(studio_with_accounts):
    services = signed_in(studio_with_accounts, "li")
    try:
        services.set_user("别人")  # a name typed in Settings changes nothing when signed in
        activity_id = _activity(services)
        entry_id = services.ledger.add(
            EntryInput(
                "收入", "2026-10-08", "3000", "年度专项经费", source="grant", voucher_no="S1"
            )
        )
        with services.db.reading() as session:
            users = set(
                session.scalars(
                    select(AuditEntry.user).where(
                        AuditEntry.table_name.in_(("activity", "ledger_entry")),
                        AuditEntry.record_id.in_((str(activity_id), str(entry_id))),
                    )
                )
            )
            created_by = session.get(LedgerEntry, entry_id).created_by
    finally:
        services.close()
    assert users == {"李秘书 (li)"}
    assert created_by == "李秘书 (li)"


def test_account_changes_are_in_the_history_without_the_hash(studio_with_accounts):
    host = signed_in(studio_with_accounts, "chen")
    try:
        host.accounts.set_role("wang", AccountRole.SECRETARY)
        host.accounts.reset_password("wang", "another-pass-4")
        with host.db.reading() as session:
            rows = list(
                session.scalars(select(AuditEntry).where(AuditEntry.table_name == "account"))
            )
    finally:
        host.close()
    assert any('"role": ["viewer", "secretary"]' in row.changes_json for row in rows)
    assert all(row.user == "陈静 (chen)" for row in rows if row.action == "update")
    assert not any("argon2" in row.changes_json for row in rows)
    wang = AppServices.open(studio_with_accounts, login="wang", password="another-pass-4")
    try:
        assert wang.role is AccountRole.SECRETARY
    finally:
        wang.close()


def test_changing_ones_own_password(studio_with_accounts):
    services = signed_in(studio_with_accounts, "wang")
    try:
        with pytest.raises(SignInFailed):
            services.accounts.change_own_password("wang", "not-the-old-one", "brand-new-pass")
        services.accounts.change_own_password("wang", PASSWORDS["wang"], "brand-new-pass")
    finally:
        services.close()
    AppServices.open(studio_with_accounts, login="wang", password="brand-new-pass").close()
    with pytest.raises(SignInFailed):
        AppServices.open(studio_with_accounts, login="wang", password=PASSWORDS["wang"])


# ------------------------------------------------------------------ the server's own


@pytest.fixture
def server_with_accounts(postgres_cluster):
    url = postgres_cluster.new_database()
    init_server(url, "chen", "陈静", lambda: PASSWORDS["chen"])
    host = AppServices.open(url, today=lambda: TODAY, login="chen", password=PASSWORDS["chen"])
    host.studio.create(jiangyin_studio())
    host.accounts.add("li", "李秘书", AccountRole.SECRETARY, PASSWORDS["li"])
    host.accounts.add("wang", "王老师", AccountRole.VIEWER, PASSWORDS["wang"])
    host.close()
    yield url
    postgres_cluster.drop_database(url)


def as_login(postgres_cluster, url: str, login: str) -> psycopg.Connection:
    """Another client (psql, a script) signed in as the account ``login``."""
    database = url.rsplit("/", 1)[1]
    return psycopg.connect(
        host="127.0.0.1",
        port=postgres_cluster.port,
        user=f"{database}.{login}",
        password=PASSWORDS[login],
        dbname=database,
        autocommit=True,
    )


def test_a_viewers_login_is_refused_a_write_by_postgresql_itself(
    postgres_cluster, server_with_accounts
):
    with as_login(postgres_cluster, server_with_accounts, "wang") as viewer:
        assert viewer.execute("SELECT count(*) FROM studio").fetchone() == (1,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            viewer.execute(
                "INSERT INTO activity (studio_id, date, kind, topic, takes_attendance) "
                "VALUES (1, '2026-11-01', 'study', '读书', true)"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            viewer.execute("UPDATE studio SET name = '改名'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            viewer.execute("SELECT password_hash FROM account")
        assert viewer.execute("SELECT login FROM account ORDER BY login").fetchall() == [
            ("chen",),
            ("li",),
            ("wang",),
        ]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            viewer.execute("CREATE TABLE mine (x int)")


def test_a_secretarys_login_writes_its_tables_and_no_others(postgres_cluster, server_with_accounts):
    with as_login(postgres_cluster, server_with_accounts, "li") as secretary:
        secretary.execute(
            "INSERT INTO activity (studio_id, date, kind, topic, takes_attendance, created_at) "
            "VALUES (1, '2026-11-01', 'study', '读书', true, now())"
        )
        assert secretary.execute("SELECT count(*) FROM activity").fetchone() == (1,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            secretary.execute(
                "INSERT INTO ledger_closed_period (studio_id, first_day, last_day, label) "
                "VALUES (1, '2026-09-01', '2026-09-30', '2026年9月')"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            secretary.execute("UPDATE account SET role = 'host' WHERE login = 'li'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            secretary.execute('CREATE ROLE "sneaky" LOGIN')
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # the host's alone
            secretary.execute("SELECT studiodesk_account_group('li', 'secretary', 'host')")


def test_a_hosts_login_changes_accounts_of_its_database_only(
    postgres_cluster, server_with_accounts
):
    """No CREATEROLE for anyone (in PostgreSQL 15 it reaches every role of the cluster):
    the host's account changes go through the functions, which touch this database's
    account roles only, and take a password as a SCRAM verifier only."""
    with as_login(postgres_cluster, server_with_accounts, "chen") as host:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            host.execute('CREATE ROLE "sneaky" LOGIN')
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            host.execute("GRANT pg_read_server_files TO CURRENT_USER")
        for call in (
            "SELECT studiodesk_account_create('x.y', 'host', 'SCRAM-SHA-256$1')",  # not a login
            "SELECT studiodesk_account_create('eve', 'superuser', 'SCRAM-SHA-256$1')",
            "SELECT studiodesk_account_password('li', 'plain-text-password')",
        ):
            with pytest.raises(psycopg.errors.RaiseException):
                host.execute(call)
        host.execute("SELECT studiodesk_account_login('li', false)")  # what it is for
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        as_login(postgres_cluster, server_with_accounts, "li").close()


def test_an_account_change_is_a_role_change_in_the_same_transaction(
    postgres_cluster, server_with_accounts
):
    database = server_with_accounts.rsplit("/", 1)[1]
    host = AppServices.open(server_with_accounts, login="chen", password=PASSWORDS["chen"])
    try:
        host.accounts.set_role("wang", AccountRole.SECRETARY)
        with host.db.reading() as session:
            groups = session.execute(
                text(
                    "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                    "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :u"
                ),
                {"u": f"{database}.wang"},
            ).scalars()
            assert list(groups) == [f"{database}/secretary"]
        host.accounts.deactivate("wang")
        # a role change that fails rolls the account row back with it
        with pytest.raises(ValidationError):
            host.accounts.set_role("chen", AccountRole.VIEWER)  # the last host
    finally:
        host.close()
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        with as_login(postgres_cluster, server_with_accounts, "wang"):
            pass


def test_server_init_twice_is_harmless(postgres_cluster, server_with_accounts):
    again = init_server(server_with_accounts, "", "", lambda: pytest.fail("asked a password"))
    assert again.host is None and again.revision == HEAD
    host = AppServices.open(server_with_accounts, login="chen", password=PASSWORDS["chen"])
    try:
        assert [a.login for a in host.accounts.list()] == ["chen", "li", "wang"]
    finally:
        host.close()
    with as_login(postgres_cluster, server_with_accounts, "wang") as viewer:
        assert viewer.execute("SELECT count(*) FROM studio").fetchone() == (1,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            viewer.execute("DELETE FROM activity")


def test_a_login_that_cannot_upgrade_the_schema_is_told_to_ask_for_server_init(
    postgres_cluster, server_with_accounts
):
    database = server_with_accounts.rsplit("/", 1)[1]
    postgres_cluster.execute("SELECT 1")  # the cluster is up
    with psycopg.connect(
        host="127.0.0.1", port=postgres_cluster.port, user="studiodesk", dbname=database,
        autocommit=True,
    ) as owner:  # fmt: skip
        owner.execute("UPDATE alembic_version SET version_num = '0006'")  # an older program's
    with pytest.raises(StorageError) as old:
        AppServices.open(server_with_accounts, login="li", password=PASSWORDS["li"])
    assert old.value.kind == "needs_init" and "server-init" in str(old.value)


def test_the_program_on_a_server_without_a_host_needs_a_login(postgres_cluster):
    url = postgres_cluster.new_database()
    try:
        with pytest.raises(ValidationError, match="--login"):
            init_server(url)
        # the schema and the groups are there all the same; a second run makes the host
        ready = init_server(url, "Chen", "陈静", lambda: PASSWORDS["chen"])
        assert ready.host is not None and ready.host.login == "chen"
    finally:
        postgres_cluster.drop_database(url)


def test_a_hash_made_with_older_parameters_is_made_again(tmp_path, monkeypatch):
    """(An SQLite file's: on a server PostgreSQL keeps the password, SCRAM, and no
    argon2id hash is kept.)"""
    path = tmp_path / "db.sqlite3"
    services = AppServices.open(path, today=lambda: TODAY)
    services.studio.create(jiangyin_studio())
    services.accounts.enable_accounts("chen", "陈静", PASSWORDS["chen"])
    services.close()

    def stored() -> str:
        services = AppServices.open(path, today=lambda: TODAY)
        try:
            with services.db.reading() as session:
                return session.scalar(select(Account.password_hash))
        finally:
            services.close()

    program = PasswordHasher()  # the program's parameters (RFC 9106)
    assert program.check_needs_rehash(stored())  # made with the light ones
    monkeypatch.setattr(accounts, "HASHER", program)
    signed_in(path, "chen").close()
    after = stored()
    assert after.startswith("$argon2id$") and not program.check_needs_rehash(after)
    assert program.verify(after, PASSWORDS["chen"])


def test_the_bundle_is_the_hosts_to_export(tmp_path, monkeypatch):
    """(The bundle of a server database is helper "stored"'s: on an SQLite file here.)"""
    from desktop_app.documents.bundle.export import BundleExport

    path = tmp_path / "db.sqlite3"
    host = AppServices.open(path, today=lambda: TODAY)
    host.studio.create(jiangyin_studio())
    host.accounts.enable_accounts("chen", "陈静", PASSWORDS["chen"])
    host.accounts.add("li", "李秘书", AccountRole.SECRETARY, PASSWORDS["li"])
    try:
        period = host.bundle.periods()[0]
        with BundleExport(host)._snapshot(TODAY) as snapshot:  # signed in as the host too
            assert snapshot.account == host.account and snapshot.role is AccountRole.HOST
    finally:
        host.close()
    secretary = signed_in(path, "li")
    try:
        export = BundleExport(secretary)
        for attempt in (
            lambda: export.export(period, tmp_path / "out.zip"),
            lambda: export.prepare(period),
        ):
            with pytest.raises(Refused, match="秘书账号不能导出材料"):
                attempt()
        assert not (tmp_path / "out.zip").exists()
    finally:
        secretary.close()


def test_a_secretarys_day_on_either_backend(studio_with_accounts, tmp_path):
    """What a secretary does daily works under their role — on a server, with only the
    grants of the secretary group: activities with files, attendance (and the flags it
    keeps in step), an expense, a growth record."""
    from desktop_app.domain.member_input import parse_member
    from desktop_app.services.attendance import MarkInput
    from desktop_app.services.growth import RecordInput

    host = signed_in(studio_with_accounts, "chen")
    try:
        member = host.members.add(
            parse_member(
                {
                    "name": "周敏",
                    "role": "成员",
                    "gender": "女",
                    "birth_date": "1990-05-04",
                    "school": "江阴中专",
                    "head_teacher_since": "2015",
                    "joined_on": "2024-09-01",
                },
                today=TODAY,
            )  # fmt: skip
        )
        host.ledger.add(
            EntryInput(
                "收入", "2026-10-08", "3000", "年度专项经费", source="grant", voucher_no="S1"
            )
        )
    finally:
        host.close()
    receipt = tmp_path / "发票.pdf"
    receipt.write_bytes(b"%PDF-1.4 a receipt")
    secretary = signed_in(studio_with_accounts, "li")
    try:
        activity_id = secretary.activities.create(
            ActivityInput(date=TODAY - dt.timedelta(days=3), kind="study", topic="读书研讨"),
            files=[receipt],
        )
        secretary.attendance.save_marks(activity_id, [MarkInput(member, "缺勤")])
        secretary.ledger.add(
            EntryInput("支出", "2026-11-02", "120", "茶歇", category="培训研修", voucher_no="Z1"),
            files=[receipt],
        )
        secretary.growth.add_record(
            member, RecordInput(date="2026-11-03", kind="paper", level="校级", title="班会课设计")
        )
        with secretary.db.reading() as session:
            written = {
                table: session.scalar(
                    select(func.count())
                    .select_from(AuditEntry)
                    .where(AuditEntry.table_name == table, AuditEntry.user == "李秘书 (li)")
                )
                for table in ("activity_attachment", "attendance_mark", "ledger_entry",
                              "ledger_entry_attachment", "growth_record")
            }  # fmt: skip
    finally:
        secretary.close()
    assert all(written.values()), written
