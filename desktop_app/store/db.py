"""Opening a database: engine, pragmas, migrations to head, and units of work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.paths import files_dir_for
from desktop_app.store import assessment_guard, audit, ledger_guard
from desktop_app.store.files import FileStore


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    files: FileStore
    # Run at the end of every unit of work, inside its transaction, after a flush:
    # derived records (attendance flags) are kept in step with what changed.
    before_commit: list[Callable[[Session], None]] = field(default_factory=list)

    @contextmanager
    def unit_of_work(self, cause: str = "") -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error.
        ``cause`` says in words why the change is made (kept with derived records)."""
        with self.sessions.begin() as session:
            session.info["cause"] = cause
            yield session
            session.flush()
            for hook in self.before_commit:
                hook(session)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database at ``path`` and bring it to the newest schema."""
    path = Path(path).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{path}")
    if migrate:
        from desktop_app.store.backup import backup_before_upgrade
        from desktop_app.store.migrate import upgrade_to_head

        try:  # every schema upgrade makes a checked backup first (BackupError: no upgrade)
            upgrade_to_head(engine, lambda revision: backup_before_upgrade(path, revision))
        except BaseException:
            engine.dispose()
            raise
    sessions = sessionmaker(engine, expire_on_commit=False)
    audit.install(sessions)
    ledger_guard.install(sessions)
    assessment_guard.install(sessions)
    return Database(
        path=path, engine=engine, sessions=sessions, files=FileStore(files_dir_for(path))
    )
