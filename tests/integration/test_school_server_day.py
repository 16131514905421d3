"""Issue 18's "done when", end to end on a throwaway PostgreSQL cluster: the school's IT
person prepares the database with the real command line (``server-init`` as the
database's owner), the host adds a secretary and a viewer, a host and a secretary sign in
on two PCs (two processes) and each does their daily work, each sees the other's within
seconds, the viewer cannot write (refused by the program and by PostgreSQL itself), and
the bundle exported from the server verifies and is byte for byte the one the same
records give on SQLite (the same service calls, the same clock)."""

from __future__ import annotations

import multiprocessing
import os
import queue
import subprocess
import sys
import zipfile
from pathlib import Path

import psycopg
import pytest
import time_machine
from sqlalchemy import select

from desktop_app.bundle.verify import verify
from desktop_app.documents.bundle.export import BundleExport
from desktop_app.domain.roles import Refused
from desktop_app.services.app import AppServices
from desktop_app.services.ledger import EntryInput
from desktop_app.store.models import AuditEntry
from tests import school_day
from tests.golden_outputs import _fixed_key
from tests.postgres import DRIVER

ROOT = Path(__file__).resolve().parents[2]
OWNER, OWNER_PASSWORD = "e2e_owner", "owner-pass-0"
DATABASE = "school_e2e"
STUDIO = ["--name", "陈静名班主任工作室", "--preset", "jiangyin", "--cycle", "2024-2027"]
SPAWN = multiprocessing.get_context("spawn")


# The console entry (what ``studiodesk`` and ``python -m desktop_app`` run) with the
# clock stopped at the day's moment: the records' times, hence the bundle's date (the
# latest change's day), are the same whichever day the test runs.
AT_NOW = (
    "import sys, time_machine\n"
    "from tests.school_day import NOW\n"
    "from desktop_app.launch import main\n"
    "with time_machine.travel(NOW, tick=False):\n"
    "    code = main()\n"
    "sys.exit(code)\n"
)


def studiodesk(*argv: str, **env: str) -> subprocess.CompletedProcess:
    """The real command line, in a process of its own."""
    done = subprocess.run(
        [sys.executable, "-c", AT_NOW, *argv],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done


def ok(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, (done.args, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    return done.stdout


@pytest.fixture
def owner_url(postgres_cluster):
    """What the README's step 2 leaves: an owner role with its password, its empty
    database (the owner may make roles: server-init makes the groups)."""
    postgres_cluster.execute(f"CREATE ROLE {OWNER} LOGIN CREATEROLE PASSWORD '{OWNER_PASSWORD}'")
    postgres_cluster.execute(f"CREATE DATABASE {DATABASE} OWNER {OWNER}")
    yield f"{DRIVER}://{OWNER}@127.0.0.1:{postgres_cluster.port}/{DATABASE}"
    postgres_cluster.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    postgres_cluster.execute(
        "DO $$ DECLARE r record; BEGIN FOR r IN SELECT rolname FROM pg_roles "
        f"WHERE rolname LIKE '{DATABASE}%' LOOP EXECUTE format('DROP ROLE %I', r.rolname); "
        f"END LOOP; END $$"
    )
    postgres_cluster.execute(f"DROP ROLE IF EXISTS {OWNER}")


def prepare_server(url: str) -> None:
    """The IT person's and the host's commands."""
    said = ok(
        studiodesk(
            "server-init", url, "--login", "chen", "--name", "陈静",
            PGPASSWORD=OWNER_PASSWORD, STUDIODESK_PASSWORD=school_day.PASSWORDS["chen"],
        )
    )  # fmt: skip
    assert "第一个主持人：chen" in said
    host = {"STUDIODESK_PASSWORD": school_day.PASSWORDS["chen"]}
    ok(studiodesk("init", "--db", url, "--user", "chen", *STUDIO, **host))
    for login, name, role in (("li", "李秘书", "秘书"), ("wang", "王老师", "查看")):
        ok(
            studiodesk(
                "accounts", "add", login, "--name", name, "--role", role,
                "--db", url, "--user", "chen",
                STUDIODESK_NEW_PASSWORD=school_day.PASSWORDS[login], **host,
            )
        )  # fmt: skip
    listing = ok(studiodesk("accounts", "list", "--db", url, "--user", "chen", **host))
    rows = [line.split() for line in listing.splitlines()]
    assert ["li", "李秘书", "秘书", "是"] in rows and ["wang", "王老师", "查看", "是"] in rows


def prepare_file(path: Path) -> None:
    """The same studio and accounts on one office PC's SQLite file."""
    host = {"STUDIODESK_PASSWORD": school_day.PASSWORDS["chen"]}
    ok(studiodesk("init", "--db", str(path), *STUDIO))
    ok(
        studiodesk(
            "accounts", "enable", "--db", str(path), "--login", "chen", "--name", "陈静",
            STUDIODESK_NEW_PASSWORD=school_day.PASSWORDS["chen"],
        )
    )  # fmt: skip
    for login, name, role in (("li", "李秘书", "秘书"), ("wang", "王老师", "查看")):
        ok(
            studiodesk(
                "accounts", "add", login, "--name", name, "--role", role,
                "--db", str(path), "--user", "chen",
                STUDIODESK_NEW_PASSWORD=school_day.PASSWORDS[login], **host,
            )
        )  # fmt: skip


def signed_in(address, login: str) -> AppServices:
    return AppServices.open(
        address,
        today=lambda: school_day.TODAY,
        login=login,
        password=school_day.PASSWORDS[login],
    )


def export(address, out: Path) -> Path:
    """The host exports the school year's bundle (the studio's key: one fixed key, as
    the golden outputs use — see ``test_…_byte_for_byte``)."""
    _fixed_key(address)
    with time_machine.travel(school_day.NOW, tick=False):
        host = signed_in(address, "chen")
        try:
            period = host.bundle.parse_period(school_day.PERIOD)
            return BundleExport(host).export(period, out).path
        finally:
            host.close()


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_a_school_day_on_a_server_ends_in_the_bundle_a_file_gives(
    owner_url, postgres_cluster, tmp_path
):
    receipt = tmp_path / "发票.pdf"
    receipt.write_bytes(b"%PDF-1.4\n% a receipt scanned at the office\n%%EOF\n")
    prepare_server(owner_url)

    # two PCs, each signed in as its account, each watching the other's changes
    inboxes = {login: SPAWN.Queue() for login in ("chen", "li")}
    outbox = {login: SPAWN.Queue() for login in ("chen", "li")}
    pcs = {
        login: SPAWN.Process(
            target=school_day.pc,
            args=(owner_url, login, str(receipt), inboxes[login], outbox[login]),
        )
        for login in inboxes
    }
    for process in pcs.values():
        process.start()
    try:
        for login in pcs:
            assert outbox[login].get(timeout=120) == ("ready", login)
        for whose, step in school_day.STEPS:
            other = "li" if whose == "chen" else "chen"
            inboxes[whose].put(("do", step))
            said, theirs = outbox[whose].get(timeout=120)
            assert said == "done", step
            inboxes[other].put(("see", None))
            said, took, seen = outbox[other].get(timeout=120)
            assert took is not None and took < 5, f"{other} did not hear {whose}'s {step}"
            assert seen == theirs, step
    except queue.Empty as error:
        pytest.fail(f"a PC stopped answering: {error!r}")
    finally:
        for box in inboxes.values():
            box.put(None)
        for process in pcs.values():
            process.join(timeout=60)
            if process.is_alive():
                process.kill()
    assert [p.exitcode for p in pcs.values()] == [0, 0]

    # what the day left: the secretary's session, marks and expense with its receipt,
    # the host's plan, budget and closed month, each recorded under its account
    host = signed_in(owner_url, "chen")
    try:
        spent = [e for e in host.ledger.entries() if e.purpose == "专家讲座劳务费"]
        assert len(spent) == 1 and spent[0].amount_fen == 80000
        assert host.ledger.summary(2026).budgets == {"专家指导": 200000}
        assert [p.title for p in host.plans.annual_plans()] == ["2026-2027学年工作计划"]
        with host.db.reading() as session:
            who = dict(
                session.execute(
                    select(AuditEntry.table_name, AuditEntry.user).where(
                        AuditEntry.table_name.in_(("ledger_entry", "attendance_mark", "plan"))
                    )
                ).all()
            )
        assert who == {
            "ledger_entry": "李秘书 (li)",
            "attendance_mark": "李秘书 (li)",
            "plan": "陈静 (chen)",
        }
    finally:
        host.close()

    # the viewer: refused by the program, naming the role, and by PostgreSQL itself
    viewer = signed_in(owner_url, "wang")
    try:
        with pytest.raises(Refused) as refused:
            viewer.ledger.add(EntryInput("支出", "2026-11-20", "1", "笔", category="专家指导"))
        assert "查看账号" in str(refused.value)
        assert viewer.ledger.summary(2026).balance_fen == 300000 - 80000  # reads
    finally:
        viewer.close()
    wang = {"STUDIODESK_PASSWORD": school_day.PASSWORDS["wang"]}
    denied = studiodesk("config", "--db", owner_url, "--user", "wang",
                        "ledger.fiscal_year", "school_year", **wang)  # fmt: skip
    assert denied.returncode == 2 and denied.stderr.strip().startswith("查看账号不能")
    with psycopg.connect(
        host="127.0.0.1",
        port=postgres_cluster.port,
        dbname=DATABASE,
        user=f"{DATABASE}.wang",
        password=school_day.PASSWORDS["wang"],
    ) as connection:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("INSERT INTO ledger_entry SELECT * FROM ledger_entry")
        connection.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("DELETE FROM activity")

    # the same records on one office PC's file, the same calls in the same order
    path = tmp_path / "office.sqlite3"
    prepare_file(path)
    with time_machine.travel(school_day.NOW, tick=False):
        for whose, step in school_day.STEPS:
            services = signed_in(path, whose)
            try:
                school_day.do(services, step, receipt)
            finally:
                services.close()

    on_server = export(owner_url, tmp_path / "server.zip")
    on_file = export(path, tmp_path / "file.zip")
    verdict = verify(on_server)
    assert verdict.valid, verdict
    assert verify(on_file).valid
    differing = sorted(
        name
        for name in set(entries(on_server)) | set(entries(on_file))
        if entries(on_server).get(name) != entries(on_file).get(name)
    )
    assert differing == []
    held = entries(on_server)
    assert receipt.read_bytes() in held.values()  # the secretary's receipt, from the server
    data = next(v for k, v in held.items() if k.endswith("/data/data.json")).decode()
    assert "主题班会课设计研讨" in data and "2026-2027学年工作计划" in data
    assert '"as_of": "2026-11-21"' in data  # the day's clock, on the server too
    assert on_server.read_bytes() == on_file.read_bytes()
