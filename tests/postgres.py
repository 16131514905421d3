"""A throwaway PostgreSQL cluster for the tests (issue 18): made with ``initdb`` in a
temporary folder, started with ``pg_ctl`` on a free port of localhost (its unix socket in
that folder too), stopped and removed at the end of the session. Each test gets a database
of its own, copied from a template the migrations have brought to head (CREATE DATABASE …
TEMPLATE takes a few milliseconds; migrating takes seconds).

PostgreSQL refuses to run as root: as root the cluster belongs to an unprivileged user
(``postgres`` when the distribution's package made it, else ``nobody``). A machine without
PostgreSQL's programs fails with a message naming the package — the tests on PostgreSQL
are never skipped (``bash packaging/dev.sh test`` installs it when run as root)."""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DRIVER = "postgresql+psycopg"
SUPERUSER = "studiodesk"
TEMPLATE = "studiodesk_template"


class NoPostgres(RuntimeError):
    pass


def _bin(name: str) -> str:
    """``name`` on PATH, or in the newest /usr/lib/postgresql/*/bin (Debian keeps the
    server's programs there, off PATH)."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if versions:
        return versions[-1]
    raise NoPostgres(
        f"PostgreSQL's {name} was not found (on PATH or in /usr/lib/postgresql/*/bin): "
        "the tests on PostgreSQL need the server's programs. Install them — Debian/Ubuntu: "
        "apt-get install postgresql (bash packaging/dev.sh test does so when run as root)."
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    def __init__(self) -> None:
        self.initdb, self.pg_ctl = _bin("initdb"), _bin("pg_ctl")
        self.folder = Path(tempfile.mkdtemp(prefix="studiodesk-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.owner: str | None = None
        if os.geteuid() == 0:  # initdb and postgres refuse root
            self.owner = _unprivileged_user()
            entry = pwd.getpwnam(self.owner)
            os.chmod(self.folder, 0o700)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        self._names = itertools.count(1)

    def _run(self, *args: str) -> None:
        command = list(args)
        if self.owner is not None:
            command = ["runuser", "-u", self.owner, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if done.returncode != 0:
            raise NoPostgres(f"{' '.join(args[:2])} failed:\n{done.stdout}\n{done.stderr}")

    def start(self) -> None:
        self._run(
            self.initdb, "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        # The superuser (the tests' own connections) without a password; every other
        # role — the accounts' logins (store/server_roles.py) — with its SCRAM password,
        # as on a school's server.
        (self.data / "pg_hba.conf").write_text(
            "local all all trust\n"
            f"host all {SUPERUSER} 127.0.0.1/32 trust\n"
            "host all all 127.0.0.1/32 scram-sha-256\n"
        )
        self.resume()

    def resume(self) -> None:
        """Start the server of the cluster (again, after ``halt``): the same port."""
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.folder} "
            # a throwaway cluster: durability is not what is tested
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        self._run(
            self.pg_ctl, "-D", str(self.data), "-l", str(self.folder / "log"), "-w",
            "-o", options, "start",
        )  # fmt: skip

    def halt(self) -> None:
        """Stop the server, keeping the cluster (the school server switched off): every
        connection is cut; ``resume`` starts it again."""
        self._run(self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop")

    def require_password(self, role: str, password: str) -> None:
        """A login ``role`` (a superuser) the server lets in with its ``password`` only
        (SCRAM, as every login but the cluster's own superuser, SUPERUSER)."""
        from psycopg import sql

        self.execute(
            sql.SQL("CREATE ROLE {} LOGIN SUPERUSER PASSWORD {}")
            .format(sql.Identifier(role), sql.Literal(password))
            .as_string()
        )
        hba = self.data / "pg_hba.conf"
        line = f"host all {role} 127.0.0.1/32 scram-sha-256\n"
        self._run(
            "sh", "-c", f"printf '%s' '{line}' | cat - {hba} > {hba}.new && mv {hba}.new {hba}"
        )
        self._run(self.pg_ctl, "-D", str(self.data), "reload")
        import psycopg

        for _ in range(50):  # the postmaster reads the file again on its next turn
            try:
                psycopg.connect(
                    host="127.0.0.1", port=self.port, user=role, dbname="postgres", password="-"
                ).close()
            except psycopg.OperationalError:
                return
            time.sleep(0.1)
        raise NoPostgres(f"the server kept trusting {role} after pg_hba.conf was reloaded")

    def stop(self) -> None:
        try:
            self._run(self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"{DRIVER}://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        """One statement outside a transaction (CREATE/DROP DATABASE), on ``postgres``."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(sql)

    def make_template(self) -> None:
        """The template every test's database is copied from: migrated to head."""
        from desktop_app.store.db import open_database

        self.execute(f"CREATE DATABASE {TEMPLATE}")
        open_database(self.url(TEMPLATE)).close()

    def new_database(self) -> str:
        """A fresh database at head; its URL."""
        name = f"test_{next(self._names)}"
        self.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a test's database (WITH (FORCE): a connection the test left open is ended)."""
        self.execute(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")


def _unprivileged_user() -> str:
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise NoPostgres("running as root, and neither user postgres nor nobody exists")
