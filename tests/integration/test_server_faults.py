"""A school server's faults in words (issue 18), on a real throwaway cluster of this module's
own that the tests switch off and on: the server unreachable at start (refused, no such
host, silent past the connect timeout), a wrong or missing password, a database that does
not exist, and the connection lost during a save (the backend terminated, the server
stopped). Each: the message (never "数据库文件已损坏"), nothing half-written, and the next
save works once the server is back."""

from __future__ import annotations

import socket
import time

import pytest
from sqlalchemy import func, select

from desktop_app.domain.problems import StorageError
from desktop_app.services.ledger import EntryInput
from desktop_app.store.address import CONNECT_TIMEOUT_SECONDS
from desktop_app.store.db import open_database
from desktop_app.store.models import LedgerEntry
from tests.conftest import studio_on
from tests.postgres import DRIVER, SUPERUSER, _free_port

ROLE, PASSWORD = "teacher", "Right-pw-42"
LOST = (
    "没有保存：与学校服务器 127.0.0.1:{port} 的连接中断了（{detail}）。这次保存的内容一点也"
    "没有写入；请在服务器能连上后重试——您填写的内容都还在。"
)


@pytest.fixture(scope="module")
def cluster(lone_cluster):
    lone_cluster.require_password(ROLE, PASSWORD)
    return lone_cluster


@pytest.fixture
def server(cluster):
    with studio_on(cluster) as services:
        yield services
        if not cluster_up(cluster):  # a test that failed with the server off
            cluster.resume()


def cluster_up(cluster) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", cluster.port)) == 0


def refused(address: str) -> StorageError:
    with pytest.raises(StorageError) as caught:
        open_database(address).close()
    message = caught.value.problems[0].message
    assert "损坏" not in message and "磁盘" not in message
    return caught.value


def entries(services) -> list[str]:
    with services.db.reading() as session:
        return list(session.scalars(select(LedgerEntry.purpose).order_by(LedgerEntry.id)))


def income(purpose: str) -> EntryInput:
    return EntryInput("收入", "2026-03-01", "100", purpose)


def once(services, action) -> None:
    """``action`` runs inside the next save, just before its commit."""

    def hook(_session) -> None:
        services.db.before_commit.remove(hook)
        action()

    services.db.before_commit.append(hook)


# --- at start -------------------------------------------------------------------------


def test_a_server_that_refuses_the_connection(cluster):
    port = _free_port()
    fault = refused(f"{DRIVER}://{SUPERUSER}@127.0.0.1:{port}/studio")
    assert fault.kind == "server_unreachable"
    assert fault.problems[0].message == (
        f"无法连接学校服务器 127.0.0.1:{port}（Connection refused Is the server running on "
        "that host and accepting TCP/IP connections?）。没有写入任何内容。请确认服务器正在"
        "运行、本机已接入学校网络，然后重试。"
    )


def test_a_host_that_does_not_exist(cluster):
    fault = refused(f"{DRIVER}://{SUPERUSER}@no-such-host.invalid/studio")
    assert fault.kind == "server_unreachable"
    assert fault.problems[0].message.startswith("无法连接学校服务器 no-such-host.invalid:5432（")


def test_a_silent_server_is_given_up_after_the_connect_timeout(cluster):
    """A host that takes the connection and never answers (a firewall, a hung machine):
    the PC says so after the connect timeout instead of hanging."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(5)
        port = silent.getsockname()[1]
        started = time.monotonic()
        fault = refused(f"{DRIVER}://{SUPERUSER}@127.0.0.1:{port}/studio")
        waited = time.monotonic() - started
    assert fault.kind == "server_unreachable"
    assert fault.problems[0].message.startswith(f"无法连接学校服务器 127.0.0.1:{port}（")
    assert CONNECT_TIMEOUT_SECONDS - 1 <= waited < CONNECT_TIMEOUT_SECONDS + 3


def test_a_wrong_or_missing_password(cluster, monkeypatch, tmp_path):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    at = f"127.0.0.1:{cluster.port}/postgres"
    fault = refused(f"{DRIVER}://{ROLE}:wrong-one@{at}")
    assert fault.kind == "server_auth"
    assert fault.problems[0].message == (
        f"学校服务器 127.0.0.1:{cluster.port} 拒绝了登录（password authentication failed "
        f'for user "{ROLE}"）。没有写入任何内容。请检查数据库地址中的用户名和密码，或询问'
        "服务器管理员。"
    )
    assert "wrong-one" not in fault.problems[0].message
    fault = refused(f"{DRIVER}://{ROLE}@{at}")  # none given, none in the environment
    assert fault.kind == "server_auth"
    assert "no password supplied" in fault.problems[0].message
    # libpq's own ways of giving it: PGPASSWORD, a password file
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    open_database(f"{DRIVER}://{ROLE}@{at}", migrate=False).check()
    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{cluster.port}:*:{ROLE}:{PASSWORD}\n", encoding="utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    open_database(f"{DRIVER}://{ROLE}@{at}", migrate=False).check()


def test_a_database_that_does_not_exist(cluster):
    fault = refused(f"{DRIVER}://{SUPERUSER}@127.0.0.1:{cluster.port}/no_such_studio")
    assert fault.kind == "server_no_database"
    assert fault.problems[0].message.startswith(
        f'学校服务器 127.0.0.1:{cluster.port} 上没有这个数据库（database "no_such_studio" '
        "does not exist）。"
    )


# --- during a save ----------------------------------------------------------------------


def test_the_connection_ended_during_a_save(server, cluster):
    server.ledger.add(income("先记的一笔"))

    def end_my_connection() -> None:
        with server.db.engine.connect() as other:  # the save's own is busy: ask the server
            other.exec_driver_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND state = 'idle in transaction'"
            )

    once(server, end_my_connection)
    with pytest.raises(StorageError) as caught:
        server.ledger.add(income("断线时的一笔"))
    assert caught.value.kind == "server_lost"
    assert caught.value.problems[0].message == LOST.format(
        port=cluster.port, detail="terminating connection due to administrator command"
    )
    assert entries(server) == ["先记的一笔"]  # nothing of it written
    server.ledger.add(income("断线时的一笔"))  # the same save again: it works
    assert entries(server) == ["先记的一笔", "断线时的一笔"]


def test_the_server_stopped_during_a_save_and_back(server, cluster):
    server.ledger.add(income("先记的一笔"))
    # the server switched off while the save is under way (a fast shutdown ends its
    # connection, idle in its transaction, at once)
    once(server, cluster.halt)
    with pytest.raises(StorageError) as caught:
        server.ledger.add(income("停机时的一笔"))
    assert caught.value.kind == "server_lost"
    assert caught.value.problems[0].message.startswith(
        f"没有保存：与学校服务器 127.0.0.1:{cluster.port} 的连接中断了（"
    )
    # while it is off: said as unreachable, nothing written
    with pytest.raises(StorageError) as caught:
        server.ledger.add(income("停机时的一笔"))
    assert caught.value.kind == "server_unreachable"
    cluster.resume()
    # back: the pool's dead connections are replaced, the save works, the lost ones left
    # nothing
    assert entries(server) == ["先记的一笔"]
    server.ledger.add(income("停机时的一笔"))
    assert entries(server) == ["先记的一笔", "停机时的一笔"]
    with server.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(LedgerEntry)) == 2
