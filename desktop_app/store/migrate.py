"""Alembic, driven from code: the program migrates its own database on open.

Opening a database that is already at the newest schema (every start but the first
after an update) must not pay for importing Alembic: ``HEAD`` names the newest revision
(a test checks it against the scripts), and the revision a database is at is read with
one query."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

# The newest revision in migrations/versions/ — change it with every new migration.
HEAD = "0009"


def migrations_dir() -> Path:
    """The Alembic scripts (env.py, versions/), which Alembic loads by path: beside this
    module in a checkout or an installed copy; in the PyInstaller build, the spec ships them
    as files at the same place under ``sys._MEIPASS``."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "desktop_app" / "store" / "migrations"
    return Path(__file__).resolve().parent / "migrations"


MIGRATIONS = migrations_dir()


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest revision, as Alembic reads it from the scripts."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revision(revision: str) -> bool:
    """Whether ``revision`` is one of this program's (False: a newer program's)."""
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown id
        return False


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: a new, empty database)."""
    with engine.connect() as connection:
        return _revision_of(connection)


def _revision_of(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(engine: Engine, before_upgrade: Callable[[str], None] | None = None) -> None:
    """Bring the database to the newest schema. ``before_upgrade(revision)`` runs first
    when an existing database is behind head (a new, empty one needs nothing); if it
    raises, nothing is upgraded.

    The upgrade follows SQLite's procedure for changing tables (sqlite.org/lang_altertable
    .html): foreign keys off, so that rebuilding a table (Alembic's batch mode) does not
    trip over the rows that point at it; every migration inside one explicit BEGIN
    IMMEDIATE, so that a failure leaves no half-made table behind (pysqlite would commit
    before DDL otherwise); ``foreign_key_check`` before the commit; foreign keys on again.
    On PostgreSQL, whose DDL is transactional and whose foreign keys hold throughout, the
    migrations run in one writing transaction (store/db.py's write lock: two PCs opening
    a database behind head upgrade it once, one after the other)."""
    current = current_revision(engine)
    if current == HEAD:
        return
    if current is not None and not known_revision(current):
        # a newer program's database: said in words, and neither backed up nor touched
        from desktop_app.domain import messages
        from desktop_app.domain.problems import StorageError

        raise StorageError("newer", messages.text("storage_newer"))
    from alembic import command

    if current is not None and before_upgrade is not None:
        before_upgrade(current)
    from desktop_app.store.db import write_transaction

    config = alembic_config()
    if engine.dialect.name != "sqlite":
        with engine.connect() as connection, write_transaction(connection).begin():
            config.attributes["connection"] = connection
            if _revision_of(connection) != HEAD:  # another PC's upgrade got there first
                command.upgrade(config, "head")
        return
    with engine.connect() as connection:
        # (the raw connection, outside any transaction: the pragma does nothing inside one)
        dbapi = connection.connection.dbapi_connection
        dbapi.execute("PRAGMA foreign_keys=OFF")
        try:
            # BEGIN IMMEDIATE, as every write begins (store/db.py): its commit or rollback
            # ends it, and pysqlite (isolation_level None) commits nothing before DDL
            with write_transaction(connection).begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    table, row = broken[0][0], broken[0][1]
                    raise RuntimeError(
                        f"the schema upgrade would break {len(broken)} references "
                        f"(first: {table} row {row}); nothing was changed"
                    )
        finally:
            dbapi.execute("PRAGMA foreign_keys=ON")
