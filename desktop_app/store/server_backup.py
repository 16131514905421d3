"""Backups of a server database (PostgreSQL), made with pg_dump and checked by restoring.

A server backup is a zip, like an SQLite one (store/backup.py), so that listing, rotation
and the file dialogs treat both alike:

    studiodesk-backup.json   the manifest, with ``"engine": "postgresql"``, the row count of
                             every table at the dump's snapshot, and the dump's checksum
    database.pgdump          ``pg_dump --format=custom`` of the whole database (the
                             evidence files are rows of it): a school's IT person can
                             unzip it and use pg_restore by hand

Writing one: a REPEATABLE READ transaction exports its snapshot and counts every table's
rows in it; ``pg_dump --snapshot`` dumps exactly that state; the dump is restored into a
scratch database created on the same server and dropped afterwards, and its rows are
counted again: only a dump that gives back every row counts. It is written under a
temporary name beside its final one and renamed once checked.

The scratch database is on the same server rather than in a throwaway local cluster: it
is the same PostgreSQL (version, extensions, encoding), a PC of the school needs only the
client programs (pg_dump, pg_restore — no server programs, no local port), and the login
needs CREATEDB anyway to restore into a new database. A login without it is told so.

The password never reaches a command line or a log: it goes to pg_dump and pg_restore as
PGPASSWORD in the child's environment only.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo
from sqlalchemy.engine import URL, make_url

from desktop_app import file_modes, leftovers
from desktop_app.domain import messages
from desktop_app.domain.messages import N_
from desktop_app.store.backup import (
    MANIFEST,
    TMP_PREFIX,
    BackupError,
    BackupRefused,
    _fsync_dir,
    _sha256_file,
    backups_dir_for,
    now,
    unique_path,
)
from desktop_app.store.models import CACHE_TABLES

ENGINE = "postgresql"
FORMAT = 3  # a program that reads format 2 at most says "made by a newer StudioDesk"
DUMP_MEMBER = "database.pgdump"
SCRATCH_PREFIX = "studiodesk_check_"
STALE_SCRATCH = dt.timedelta(hours=24)  # an interrupted check's scratch database
# Where PostgreSQL's programs are when they are not on PATH: Debian/Ubuntu, Windows.
TOOL_FOLDERS = ("/usr/lib/postgresql/*/bin", r"C:\Program Files\PostgreSQL\*\bin")
LARGE_OBJECTS = "(large objects)"  # counted like a table
CHUNK = 1 << 20

_TEXT: dict[str, str] = {
    "no_tool": N_(
        "PostgreSQL's {tool} (version {major} or newer) was not found on this PC; install "
        "PostgreSQL's client programs — Debian/Ubuntu: apt-get install postgresql-client; "
        "Windows: the PostgreSQL {major} installer (its Command Line Tools)"
    ),
    "old_tool": N_(
        "PostgreSQL's {tool} on this PC is version {found}, older than the server ({major}); "
        "install PostgreSQL {major}'s client programs — Debian/Ubuntu: apt-get install "
        "postgresql-client-{major}; Windows: the PostgreSQL {major} installer (its Command "
        "Line Tools)"
    ),
    "tool_failed": N_("{tool} failed: {reason}"),
    "server": N_("the server could not be reached or refused: {reason}"),
    "no_createdb": N_(
        "the login {user} may not create databases, which checking a backup and restoring "
        "one need (a scratch database, a new database); the server's administrator can "
        'allow it: ALTER ROLE "{user}" CREATEDB'
    ),
    "rows_differ": N_(
        "the restored copy does not hold the same rows: table {table} has {restored} rows, "
        "the database had {expected}"
    ),
    "dump_missing": N_("the backup holds no database dump"),
    "dump_checksum": N_("the database dump in the backup does not match its checksum (damaged)"),
    "exists": N_("a database named {name} already exists on the server; choose another name"),
    "bad_name": N_(
        "{name} cannot be a database name: use letters, digits and _ (up to 63 characters, "
        "not starting with a digit)"
    ),
    "live": N_("a backup is never restored over the database in use; choose a new name"),
    "not_server": N_(
        "this is a backup of a server database; restore it into a new database on the server"
    ),
    "not_file": N_(
        "this is a backup of a database file (SQLite), not of a server database; open it "
        "on a PC that uses a database file"
    ),
    "into_new": N_(
        "a server database is restored into a new database on the server, never over the one in use"
    ),
}


def text(code: str, **params: object) -> str:
    return messages.translate(_TEXT[code]).format(**params)


# ---------------------------------------------------------------------------- the server


@dataclass(frozen=True)
class Server:
    """How to reach a server database: libpq's keywords (never the password) and the
    password apart, for the child's environment or psycopg's own argument."""

    params: dict[str, str]
    password: str | None = field(default=None, repr=False)

    @classmethod
    def from_url(cls, url: str | URL) -> Server:
        parsed = make_url(url) if isinstance(url, str) else url
        params = {k: str(v) for k, v in parsed.query.items() if k != "password"}
        if parsed.host:
            params["host"] = parsed.host
        if parsed.port:
            params["port"] = str(parsed.port)
        if parsed.username:
            params["user"] = parsed.username
        params["dbname"] = parsed.database or ""
        return cls(params, parsed.password or parsed.query.get("password"))

    @property
    def database(self) -> str:
        return self.params["dbname"]

    @property
    def user(self) -> str:
        return self.params.get("user") or os.environ.get("PGUSER") or ""

    def conninfo(self, database: str | None = None) -> str:
        """libpq's connection string, without the password (it may stand on a command line)."""
        return make_conninfo(**{**self.params, "dbname": database or self.database})

    def environment(self) -> dict[str, str]:
        """The child's environment: this process's, with the password as PGPASSWORD."""
        env = dict(os.environ)
        env.pop("PGPASSWORD", None)
        if self.password:
            env["PGPASSWORD"] = self.password
        return env

    def connect(self, database: str | None = None, autocommit: bool = False):
        return psycopg.connect(
            self.conninfo(database), password=self.password, autocommit=autocommit
        )

    def url_for(self, database: str) -> str:
        """The address of ``database`` on this server, to show and to connect to (no
        password: the program asks for it, or the keyring holds it)."""
        query = {k: v for k, v in self.params.items() if k not in ("host", "port", "user")}
        query.pop("dbname", None)
        host = self.params.get("host")
        on_socket = host is not None and host.startswith("/")
        if on_socket:
            query["host"] = host
        return URL.create(
            "postgresql+psycopg",
            username=self.params.get("user"),
            host=None if on_socket else host,
            port=int(self.params["port"]) if self.params.get("port") else None,
            database=database,
            query=query,
        ).render_as_string(hide_password=True)


def _server_error(error: psycopg.Error) -> BackupError:
    reason = getattr(getattr(error, "diag", None), "message_primary", None) or str(error)
    return BackupError([text("server", reason=reason.strip())])


def server_major(server: Server) -> int:
    try:
        with server.connect(autocommit=True) as connection:
            number = connection.execute("SHOW server_version_num").fetchone()[0]
    except psycopg.Error as error:
        raise _server_error(error) from error
    return int(number) // 10000


# ---------------------------------------------------------------------------- the programs


def _tool_version(path: str) -> int | None:
    try:
        done = subprocess.run(
            [path, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\)\s*(\d+)", done.stdout) or re.search(r"(\d+)\.\d+", done.stdout)
    return int(match[1]) if match else None


def find_tool(name: str, major: int) -> str:
    """PostgreSQL's program ``name`` (pg_dump, pg_restore) of version ``major`` or newer:
    the one on PATH when it is new enough, else the newest in the usual folders.
    BackupError naming what to install when there is none."""
    exe = name + (".exe" if os.name == "nt" else "")
    found: list[tuple[int, str]] = []
    on_path = shutil.which(name)
    candidates = [on_path] if on_path else []
    for folder in TOOL_FOLDERS:
        candidates += sorted(glob.glob(os.path.join(folder, exe)))
    for path in dict.fromkeys(candidates):
        version = _tool_version(path)
        if version is None:
            continue
        if path == on_path and version >= major:
            return path
        found.append((version, path))
    usable = [item for item in found if item[0] >= major]
    if usable:
        return max(usable)[1]
    if found:
        raise BackupError([text("old_tool", tool=name, found=max(found)[0], major=major)])
    raise BackupError([text("no_tool", tool=name, major=major)])


def _run(command: list[str], server: Server, tool: str) -> None:
    """A program of PostgreSQL's, the password in its environment only. Its complaint
    (stderr) is the reason given; libpq never prints the password."""
    try:
        done = subprocess.run(
            command,
            env=server.environment(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:
        raise BackupError([text("tool_failed", tool=tool, reason=error)]) from error
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        reason = "；".join(lines[-3:]) or f"exit {done.returncode}"
        raise BackupError([text("tool_failed", tool=tool, reason=reason)])


def dump_command(pg_dump: str, server: Server, snapshot: str, out: Path) -> list[str]:
    return [
        pg_dump,
        "--format=custom",
        f"--snapshot={snapshot}",
        "--no-password",
        # the document cache is made again from the records: its rows stay out
        *(f"--exclude-table-data=public.{table}" for table in CACHE_TABLES),
        f"--file={out}",
        f"--dbname={server.conninfo()}",
    ]


def restore_command(pg_restore: str, server: Server, database: str, dump: Path) -> list[str]:
    # --no-owner: the restoring login owns what it makes (the dump's owner may not exist
    # on another server); one transaction: a failure leaves the new database empty
    return [
        pg_restore,
        "--no-owner",
        "--exit-on-error",
        "--single-transaction",
        "--no-password",
        f"--dbname={server.conninfo(database)}",
        str(dump),
    ]


# ---------------------------------------------------------------------------- row counts


def table_rows(connection) -> dict[str, int]:
    """The rows of every table of the database (and its large objects), as this
    connection's transaction sees them."""
    tables = connection.execute(
        "SELECT n.nspname, c.relname FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', "
        "'information_schema') AND n.nspname NOT LIKE 'pg_toast%' "
        "AND n.nspname NOT LIKE 'pg_temp%' ORDER BY 1, 2"
    ).fetchall()
    counts: dict[str, int] = {}
    for schema, table in tables:
        query = sql.SQL("SELECT count(*) FROM {}.{}").format(
            sql.Identifier(schema), sql.Identifier(table)
        )
        name = table if schema == "public" else f"{schema}.{table}"
        # (the document cache's rows are left out of the dump: none to give back)
        left_out = schema == "public" and table in CACHE_TABLES
        counts[name] = 0 if left_out else int(connection.execute(query).fetchone()[0])
    counts[LARGE_OBJECTS] = int(
        connection.execute("SELECT count(*) FROM pg_largeobject_metadata").fetchone()[0]
    )
    return counts


def _revision(connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except psycopg.errors.UndefinedTable:
        return None
    return row[0] if row else None


def _rows_problems(expected: dict[str, int], restored: dict[str, int]) -> list[str]:
    for table in sorted(set(expected) | set(restored)):
        if expected.get(table, 0) != restored.get(table, 0):
            return [
                text(
                    "rows_differ",
                    table=table,
                    restored=restored.get(table, 0),
                    expected=expected.get(table, 0),
                )
            ]
    return []


# ---------------------------------------------------------------------------- databases


_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def _scratch_name() -> str:
    return f"{SCRATCH_PREFIX}{now():%Y%m%d%H%M%S}_{secrets.token_hex(4)}"


def _create_database(server: Server, name: str) -> None:
    try:
        with server.connect(autocommit=True) as connection:
            encoding = connection.execute(
                "SELECT pg_encoding_to_char(encoding) FROM pg_database "
                "WHERE datname = current_database()"
            ).fetchone()[0]
            connection.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING {}").format(
                    sql.Identifier(name), sql.Literal(encoding)
                )
            )
    except psycopg.errors.InsufficientPrivilege as error:
        raise BackupError([text("no_createdb", user=server.user)]) from error
    except psycopg.errors.DuplicateDatabase as error:
        raise BackupError([text("exists", name=name)]) from error
    except psycopg.Error as error:
        raise _server_error(error) from error


def drop_database(server: Server, name: str) -> None:
    """Best effort (a scratch database left behind is swept by a later backup)."""
    try:
        with server.connect(autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
    except psycopg.Error:
        pass


def sweep_scratch(server: Server) -> list[str]:
    """Scratch databases of checks interrupted more than a day ago (their name says when
    they were made: another PC's check under way is never touched)."""
    try:
        with server.connect(autocommit=True) as connection:
            names = [
                row[0]
                for row in connection.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE %s",
                    (SCRATCH_PREFIX.replace("_", r"\_") + "%",),
                )
            ]
    except psycopg.Error:
        return []
    limit = now() - STALE_SCRATCH
    removed = []
    for name in names:
        match = re.match(re.escape(SCRATCH_PREFIX) + r"(\d{14})_", name)
        if match is None:
            continue
        made = dt.datetime.strptime(match[1], "%Y%m%d%H%M%S").astimezone()
        if made < limit:
            drop_database(server, name)
            removed.append(name)
    return removed


def restore_into(server: Server, dump: Path, database: str, expected: dict[str, int]) -> None:
    """Restore ``dump`` into the new database ``database`` of ``server`` and compare its
    rows with ``expected``; on any failure the new database is dropped (BackupError)."""
    pg_restore = find_tool("pg_restore", server_major(server))
    _create_database(server, database)
    try:
        _run(restore_command(pg_restore, server, database, dump), server, "pg_restore")
        try:
            with server.connect(database) as connection:
                restored = table_rows(connection)
        except psycopg.Error as error:
            raise _server_error(error) from error
        problems = _rows_problems(expected, restored)
        if problems:
            raise BackupRefused(problems)
    except BaseException:
        drop_database(server, database)
        raise


# ---------------------------------------------------------------------------- manifests


@dataclass(frozen=True)
class ServerManifest:
    created: dt.datetime
    kind: str
    revision: str | None
    dump_sha256: str
    dump_size: int
    tables: dict[str, int]
    server_major: int
    source: str = ""
    app_version: str = ""

    def as_json(self) -> dict:
        return {
            "format": FORMAT,
            "app": "StudioDesk",
            "app_version": self.app_version,
            "engine": ENGINE,
            "created": self.created.isoformat(timespec="microseconds"),
            "kind": self.kind,
            "source": self.source,
            "revision": self.revision,
            "server_major": self.server_major,
            "database": {
                "member": DUMP_MEMBER,
                "sha256": self.dump_sha256,
                "size": self.dump_size,
            },
            "tables": self.tables,
            "ok": True,
            "problems": [],
        }

    @classmethod
    def from_json(cls, data: dict) -> ServerManifest:
        database = data.get("database") or {}
        return cls(
            created=dt.datetime.fromisoformat(data["created"]),
            kind=str(data["kind"]),
            revision=data.get("revision"),
            dump_sha256=str(database.get("sha256", "")),
            dump_size=int(database.get("size", 0)),
            tables={str(k): int(v) for k, v in (data.get("tables") or {}).items()},
            server_major=int(data.get("server_major", 0)),
            source=str(data.get("source", "")),
            app_version=str(data.get("app_version", "")),
        )

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def read_manifest(path: Path) -> ServerManifest | None:
    """The manifest of a server backup; None when ``path`` is not one (an SQLite backup,
    or a file store/backup.py reports as unreadable)."""
    try:
        with zipfile.ZipFile(path) as archive:
            data = json.loads(archive.read(MANIFEST).decode("utf-8"))
        if not isinstance(data, dict) or data.get("engine") != ENGINE:
            return None
        return ServerManifest.from_json(data)
    except (OSError, KeyError, ValueError, TypeError, zipfile.BadZipFile, zlib.error, EOFError):
        return None


def _extract_dump(path: Path, manifest: ServerManifest, out: Path) -> list[str]:
    """Take the dump out of the backup into ``out``; [] when it matches its checksum."""
    try:
        with zipfile.ZipFile(path) as archive:
            if DUMP_MEMBER not in archive.namelist():
                return [text("dump_missing")]
            digest = hashlib.sha256()
            file_modes.create_private(out)
            with archive.open(DUMP_MEMBER) as source, out.open("wb") as target:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    target.write(chunk)
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
        return [text("tool_failed", tool="unzip", reason=error)]
    if digest.hexdigest() != manifest.dump_sha256:
        return [text("dump_checksum")]
    return []


def check_file(path: Path) -> list[str]:
    """The backup read whole: its dump matches its checksum and pg_restore reads its
    table of contents ([] when sound). Needs no server."""
    manifest = read_manifest(path)
    if manifest is None:
        return [text("dump_missing")]
    with leftovers.scratch("studiodesk-check-") as folder:
        dump = Path(folder) / DUMP_MEMBER
        problems = _extract_dump(Path(path), manifest, dump)
        if problems:
            return problems
        pg_restore = find_tool("pg_restore", manifest.server_major)
        try:
            done = subprocess.run(
                [pg_restore, "--list", str(dump)],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                check=False,
            )
        except OSError as error:
            return [text("tool_failed", tool="pg_restore", reason=error)]
        if done.returncode != 0:
            reason = "；".join(line for line in done.stderr.splitlines() if line.strip())
            return [text("tool_failed", tool="pg_restore", reason=reason)]
    return []


# ---------------------------------------------------------------------------- writing


def write_backup(
    url: str | URL, dest: Path, *, kind: str, created: dt.datetime | None = None
) -> ServerManifest:
    """A checked backup of the server database at ``url`` into the zip ``dest``: dumped
    at one snapshot, restored into a scratch database with the same rows in every table,
    then renamed to ``dest``. BackupError (nothing left behind) otherwise."""
    from desktop_app import __version__

    server = Server.from_url(url)
    dest = Path(dest)
    created = created or now()
    major = server_major(server)
    pg_dump = find_tool("pg_dump", major)
    find_tool("pg_restore", major)  # before the dump: missing, said at once
    sweep_scratch(server)
    try:
        file_modes.private_folder(dest.parent)
        leftovers.sweep(dest.parent, TMP_PREFIX)  # what an interrupted backup left there
        work = Path(tempfile.mkdtemp(prefix=leftovers.tagged(TMP_PREFIX), dir=dest.parent))
    except OSError as error:
        raise BackupError([text("tool_failed", tool="pg_dump", reason=error)]) from error
    try:
        dump = work / DUMP_MEMBER
        try:
            with server.connect() as connection:
                connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
                connection.read_only = True
                snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
                tables = table_rows(connection)
                revision = _revision(connection)
                file_modes.create_private(dump)
                _run(dump_command(pg_dump, server, snapshot, dump), server, "pg_dump")
                connection.rollback()
        except psycopg.Error as error:
            raise _server_error(error) from error
        scratch = _scratch_name()
        restore_into(server, dump, scratch, tables)
        drop_database(server, scratch)
        manifest = ServerManifest(
            created=created,
            kind=kind,
            revision=revision,
            dump_sha256=_sha256_file(dump),
            dump_size=dump.stat().st_size,
            tables=tables,
            server_major=major,
            source=server.url_for(server.database),
            app_version=__version__,
        )
        partial = work / "backup.zip"
        file_modes.create_private(partial)
        with partial.open("wb") as handle:
            with zipfile.ZipFile(handle, "w", allowZip64=True) as archive:
                archive.write(dump, DUMP_MEMBER, zipfile.ZIP_STORED)  # -Fc is compressed
                archive.writestr(
                    MANIFEST,
                    json.dumps(manifest.as_json(), ensure_ascii=False, indent=2),
                    zipfile.ZIP_DEFLATED,
                )
            handle.flush()
            os.fsync(handle.fileno())
        problems = _extract_dump(partial, manifest, work / "verify.pgdump")  # read back
        if problems:
            raise BackupError(problems)
        os.replace(partial, dest)
        _fsync_dir(dest.parent)
        return manifest
    except OSError as error:
        raise BackupError([text("tool_failed", tool="pg_dump", reason=error)]) from error
    finally:
        leftovers.remove(work)


def backup_before_upgrade(url: str | URL, stand_in: Path, revision: str | None = None) -> Path:
    """The checked backup every schema upgrade of a server database makes first, into
    the backups folder of its stand-in on this PC. BackupError: no upgrade."""
    from desktop_app.store.backup import text as sqlite_text

    created = now()
    dest = unique_path(backups_dir_for(stand_in), created, "before-upgrade", Path(stand_in).stem)
    try:
        write_backup(url, dest, kind="before-upgrade", created=created)
    except BackupError as error:
        reason = "；".join(error.problems)
        raise BackupError([sqlite_text("upgrade_backup_failed", reason=reason)]) from error
    return dest


# ---------------------------------------------------------------------------- restoring


@dataclass(frozen=True)
class ServerRestore:
    manifest: ServerManifest
    database: str  # the new database's name
    url: str  # where to connect afterwards (no password)


def restore_backup(url: str | URL, backup: Path, new_database: str) -> ServerRestore:
    """Restore the server backup ``backup`` into the NEW database ``new_database`` on the
    server of ``url`` (never over a database that exists, the one in use included),
    checked row for row against the backup's manifest."""
    server = Server.from_url(url)
    if new_database == server.database:
        raise BackupError([text("live")])
    if not _NAME.match(new_database):
        raise BackupError([text("bad_name", name=new_database)])
    manifest = read_manifest(Path(backup))
    if manifest is None:
        from desktop_app.store.backup import read_manifest as sqlite_manifest

        sqlite_manifest(Path(backup))  # says why it cannot be read
        raise BackupRefused([text("dump_missing")])
    with leftovers.scratch("studiodesk-restore-") as folder:
        dump = Path(folder) / DUMP_MEMBER
        problems = _extract_dump(Path(backup), manifest, dump)
        if problems:
            raise BackupRefused(problems)
        restore_into(server, dump, new_database, manifest.tables)
    return ServerRestore(manifest, new_database, server.url_for(new_database))
