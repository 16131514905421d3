"""Opening a database: engine, pragmas, migrations to head, and units of work.

What a committed unit of work changed (domain/changes.py: the subjects of the tables it
wrote, store/changes.py) goes to the observers given to ``Database.on_committed`` — one
hook rather than a second return value of every write use case: the services keep their
plain results, a new use case cannot forget to say what it changed, and the window,
which subscribes once (gui/bus.py), hears every commit made through this Database."""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from desktop_app import file_modes
from desktop_app.app_settings import is_data_folder
from desktop_app.domain import messages
from desktop_app.domain.changes import Changes
from desktop_app.domain.problems import StorageError
from desktop_app.domain.roles import AccountRole
from desktop_app.paths import default_data_dir, files_dir_for
from desktop_app.store import (
    assessment_guard,
    audit,
    changes,
    faults,
    ledger_guard,
    row_checks,
    server_roles,
)
from desktop_app.store.address import connect_args, is_server, server_where
from desktop_app.store.files import FileStore

# The databases this process has open (resolved path → how many times). Such a file is
# never opened here with plain file I/O: closing any handle of it drops every POSIX lock
# the process holds on it (sqlite.org/howtocorrupt.html §2.2), and another program that
# then closes its last connection deletes the write-ahead log and its shared memory under
# this one's feet — "disk I/O error" for the next connection, and commits written into a
# deleted log. (An export opened a second set of services and read the header again.)
_OPEN_HERE: Counter[Path] = Counter()
_OPEN_LOCK = threading.Lock()


def open_in_this_process(path: Path) -> bool:
    with _OPEN_LOCK:
        return _OPEN_HERE[Path(path).resolve()] > 0


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
    # pysqlite would BEGIN (deferred) only before the first INSERT/UPDATE/DELETE, after
    # the reads a check makes; _begin below says BEGIN itself instead (SQLAlchemy's
    # documented recipe for pysqlite transactions).
    dbapi_connection.isolation_level = None


# The execution option that makes a transaction a writing one (``write_transaction``).
WRITE = "studiodesk_write"


def _begin(connection) -> None:
    """Every transaction of a writable engine begins here. A writing one takes SQLite's
    write lock at once (BEGIN IMMEDIATE), before the reads its checks make: another
    program's write waits for this one's commit (busy_timeout) instead of slipping in
    between a check and the write it allows (two equal vouchers, two expenses that each
    fit the balance). A reading one begins deferred and sees one snapshot."""
    write = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _read_only_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


# The key of the advisory lock every writing transaction on PostgreSQL takes (any fixed
# number; "SD18" in ASCII).
WRITE_LOCK_KEY = 0x53443138


def _begin_server(connection) -> None:
    """On PostgreSQL a writing transaction first takes one transaction-level advisory lock
    (released by its commit or rollback): the writers of a database take turns, as on
    SQLite with BEGIN IMMEDIATE, so every check a service makes inside its unit of work
    (the ring-fence's balance, a voucher not yet held, a closed period, the attendance
    flags recomputed before the commit) still holds when it commits, under PostgreSQL's
    default READ COMMITTED. Chosen over SERIALIZABLE with retry because a retry would
    re-run the caller's whole block (file copies, the hooks), which no use case is
    written for; over a lock per studio because a unit of work does not know its studio
    when it begins, and a school's saves (a few a second at most) do not need writers
    side by side. The writers' ids (audit_log.id included) are then taken in commit
    order, which the caches keyed on them rely on. Readers never wait."""
    if connection.get_execution_options().get(WRITE, False):
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def make_engine(url: str) -> Engine:
    if not is_server(url):
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin)
        return engine
    # A short connect timeout (address.py): the server away is said within seconds. The
    # pool tries each connection before handing it out: one the server dropped while
    # idle (a restart, a network cut) is replaced, so the first save after the server
    # is back works instead of failing on a dead connection.
    engine = create_engine(url, connect_args=connect_args(url), pool_pre_ping=True)
    event.listen(engine, "begin", _begin_server)
    return engine


def write_transaction(connection: Connection) -> Connection:
    """``connection``, whose next transaction is a writing one (BEGIN IMMEDIATE): the one
    way a write begins — units of work and the schema upgrade both come through here."""
    return connection.execution_options(**{WRITE: True})


def make_read_only_engine(path: Path, immutable: bool = False) -> Engine:
    """An engine that can only read ``path``: SQLite refuses every write itself.
    ``immutable`` also works where the WAL's shared-memory file cannot be created (a
    read-only folder), at the price of not seeing other writers."""
    uri = path.as_uri() + ("?immutable=1" if immutable else "?mode=ro")

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)
    event.listen(engine, "connect", _read_only_pragmas)
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
    # Why the database could only be opened for reading (None: it can be written).
    read_only: str | None = None
    # Who works on it: recorded in the audit log and as 登记人 (store/audit.py); empty:
    # the computer's login name. One name per open database, set by whoever opens it
    # (a later login with real accounts sets it the same way).
    user: str = ""
    # Accounts (issue 18): whether this database needs a signed-in account (always on a
    # server; on a file once the host turned them on), and the signed-in account's role
    # (None: nobody yet). services/guard.py checks every use case against these.
    accounts_required: bool = False
    role: AccountRole | None = None
    _counted: bool = field(default=False, repr=False)  # in _OPEN_HERE until closed
    _observers: list[Callable[[Changes], None]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        with _OPEN_LOCK:
            _OPEN_HERE[self.path] += 1
            self._counted = True

    def on_committed(self, observer: Callable[[Changes], None]) -> Callable[[], None]:
        """Call ``observer`` with what each unit of work changed, after its commit (in the
        thread that committed); a unit of work that wrote nothing is not told. Returns
        the call that stops it."""
        self._observers.append(observer)
        return lambda: self._observers.remove(observer) if observer in self._observers else None

    @contextmanager
    def unit_of_work(self, cause: str = "") -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error. It
        holds the database's write lock from its start, so a check made inside it (a
        voucher not yet used, the balance, a closed period) still holds at the commit:
        a service checks inside its unit of work, never in a read before it.
        ``cause`` says in words why the change is made (kept with derived records).
        A fault of the storage (disk full, I/O error, read-only, busy, damaged) comes out
        as a StorageError after the rollback: nothing of the transaction is written.
        After the commit, the observers (``on_committed``) are told what it changed."""
        if self.read_only is not None:
            raise StorageError(
                "read_only", messages.text("storage_read_only", detail=self.read_only)
            )
        try:
            with self.sessions.begin() as session:
                # the write lock first: everything read below is what the write sees
                session.connection(execution_options={WRITE: True})
                session.info["cause"] = cause
                session.info["user"] = self.user
                yield session
                session.flush()
                for hook in self.before_commit:
                    hook(session)
                session.flush()  # what the hooks added is among the changes
                changed = changes.changed(session)
        except IntegrityError as error:
            # one of the database's own rules (store/row_checks.py): said in words
            words = row_checks.refused(error, self.engine)
            if words is None:
                raise
            raise words from error
        except (ValueError, TypeError) as error:
            broken = self._broken_row()
            if broken is None:
                raise
            raise broken from error
        except (DBAPIError, sqlite3.Error) as error:
            # (an OSError here comes from the caller's own file work, e.g. reading a file
            # it records: it is theirs to handle; copying into the store is handled where
            # it happens, in services/attachments.py)
            fault = faults.storage_error(error, where=self.where)
            if fault is None:
                raise
            raise fault from error
        if changed:
            for observer in list(self._observers):
                observer(changed)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading. A damaged file or a failing disk comes out as a
        StorageError, as in a unit of work."""
        try:
            with self.sessions() as session:
                yield session
        except (ValueError, TypeError) as error:
            broken = self._broken_row()
            if broken is None:
                raise
            raise broken from error
        except (DBAPIError, sqlite3.Error) as error:
            fault = faults.storage_error(error, where=self.where)
            if fault is None:
                raise
            raise fault from error

    def _broken_row(self) -> StorageError | None:
        """A value that cannot be read (a date 2025-02-30, a direction 'sideways') is a
        row another tool wrote past the database's rules: the message names it. None:
        every row keeps the rules, and the error is the program's own."""
        if self.server:
            return None  # PostgreSQL's own types refuse such a value (a DATE, a BOOLEAN)
        try:
            with self.engine.connect() as connection:
                broken = row_checks.first_broken(connection)
        except DBAPIError:
            return None
        return None if broken is None else row_checks.broken_row_error(broken)

    @property
    def server(self) -> bool:
        """Whether this is a server database (PostgreSQL) rather than an SQLite file."""
        return self.engine.dialect.name != "sqlite"

    @property
    def where(self) -> str:
        """The server's ``host:port`` as messages name it ("" for a file)."""
        return server_where(self.engine.url) if self.server else ""

    def check(self) -> None:
        """SQLite's quick check of the whole file: StorageError ("corrupt") when it finds
        damage. (The GUI runs it just after its window shows; the CLI when opening.) A
        server database has no file to damage: the check asks it for a row, and what
        fails is said as what it is (faults.py), never as a damaged file."""
        if self.server:
            try:
                with self.engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
            except DBAPIError as error:
                raise (faults.storage_error(error, where=self.where) or error) from error
            return
        try:
            _quick_check(self.engine)
        except DBAPIError as error:
            raise faults.storage_error(error) or _corrupt(error) from error

    def close(self) -> None:
        self.engine.dispose()
        with _OPEN_LOCK:
            if self._counted:
                self._counted = False
                _OPEN_HERE[self.path] -= 1
                if _OPEN_HERE[self.path] <= 0:
                    del _OPEN_HERE[self.path]


def _corrupt(detail: object) -> StorageError:
    return StorageError("corrupt", messages.text("storage_corrupt", detail=detail))


def _quick_check(engine: Engine) -> None:
    """A damaged file is found now, at the start, not in the middle of a save."""
    with engine.connect() as connection:
        rows = [r[0] for r in connection.execute(text("PRAGMA quick_check"))]
        damage = row_checks.damage(rows)
        if damage:
            raise _corrupt("；".join(str(r) for r in damage[:3]))
        if rows != ["ok"]:
            # Only rows that break the database's rules (another tool wrote them with the
            # checks off): not damage to the file, but the program would show them wrong.
            broken = row_checks.first_broken(connection)
            if broken is not None:
                raise row_checks.broken_row_error(broken)


def _open_read_only(path: Path, reason: str, check: bool) -> Engine:
    from desktop_app.store.migrate import HEAD, current_revision

    last: BaseException | None = None
    for immutable in (False, True):  # mode=ro needs the WAL's -shm, which may not exist
        engine = make_read_only_engine(path, immutable=immutable)
        try:
            if check:
                _quick_check(engine)
            revision = current_revision(engine)
        except DBAPIError as error:
            engine.dispose()
            last = error
            continue
        except BaseException:
            engine.dispose()
            raise
        if revision != HEAD:
            engine.dispose()
            from desktop_app.store.migrate import known_revision

            if revision is not None and not known_revision(revision):
                raise StorageError("newer", messages.text("storage_newer"))
            raise StorageError(
                "read_only",
                messages.text("storage_read_only", detail=messages.text("storage_old_read_only")),
            )
        return engine
    assert last is not None
    raise faults.storage_error(last, reason) or last


def _keep_private(path: Path) -> None:
    """The database (phone and ID numbers in full), its backups folder and file store:
    the user's alone (desktop_app/file_modes.py). A new database is made so before
    SQLite writes into it (its -wal and -shm files take its permissions); an older
    installation's are tightened here."""
    from desktop_app.store.backup import backups_dir_for

    try:
        if not path.exists():
            file_modes.create_private(path)  # an empty file is an empty database
    except OSError:
        pass  # SQLite says what is wrong with the folder, in its words
    for suffix in ("", "-wal", "-shm", "-journal"):
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            file_modes.private_file(sidecar)
    for folder in (backups_dir_for(path), files_dir_for(path)):
        if folder.is_dir():
            file_modes.tighten_tree(folder)


def server_stand_in(url: str) -> Path:
    """The local path that stands for a server database's own files (evidence store,
    document cache, signing key, backups sit beside it) until those move into the
    database itself (issue 18's next steps): one folder per server and database in the
    data folder. Never a file."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    host = parsed.host or str(parsed.query.get("host", "local")).strip("/").replace("/", "_")
    name = f"{host}_{parsed.port or 5432}_{parsed.database or ''}"
    return default_data_dir() / "servers" / name / "studiodesk.server"


def _open_server(url: str, migrate: bool) -> Database:
    """A server database (PostgreSQL): migrated to head like a file, after a checked
    pg_dump backup into its stand-in's backups folder on this PC (BackupError: no
    upgrade); no header, permissions or read-only probes."""
    engine = make_engine(url)
    try:
        if migrate:
            from desktop_app.store.migrate import upgrade_to_head
            from desktop_app.store.server_backup import backup_before_upgrade

            stand_in = server_stand_in(url)

            def before_upgrade(revision: str) -> None:
                # an account's login may not change the schema (store/server_roles.py),
                # nor dump every table: the database's owner upgrades it, with server-init
                if not server_roles.may_change_schema(engine):
                    raise StorageError("needs_init", messages.text("server_needs_init"))
                backup_before_upgrade(engine.url, stand_in, revision)

            upgrade_to_head(engine, before_upgrade)
    except DBAPIError as error:
        engine.dispose()
        raise faults.storage_error(error, where=server_where(url)) or error from error
    except BaseException:
        engine.dispose()
        raise
    return _database(server_stand_in(url), engine, None)


def server_revision(url: str) -> str | None:
    """The schema revision of the server database at ``url``; None when the server
    answers but the database holds no StudioDesk schema (an empty one). StorageError
    when the server cannot be reached, refuses the login or has no such database.
    Nothing is written."""
    from desktop_app.store.migrate import current_revision

    engine = make_engine(url)
    try:
        return current_revision(engine)
    except DBAPIError as error:
        raise faults.storage_error(error, where=server_where(url)) or error from error
    finally:
        engine.dispose()


def _database(path: Path, engine: Engine, read_only: str | None) -> Database:
    sessions = sessionmaker(engine, expire_on_commit=False)
    audit.install(sessions)
    changes.install(sessions)
    ledger_guard.install(sessions)
    assessment_guard.install(sessions)
    return Database(
        path=path,
        engine=engine,
        sessions=sessions,
        files=FileStore(files_dir_for(path)),
        read_only=read_only,
    )


def open_database(
    path: Path | str, *, migrate: bool = True, allow_read_only: bool = True, check: bool = True
) -> Database:
    """Open (creating if needed) the database at ``path`` and bring it to the newest schema.
    ``path`` is an SQLite file, or a PostgreSQL URL (``postgresql+psycopg://…``): a school
    server's database, which must exist (an empty one is given the schema).

    A file that is not a database or fails SQLite's quick check raises StorageError
    (kind "corrupt"). When the database or its folder cannot be written it is opened
    read-only (``Database.read_only`` says why; with ``allow_read_only`` False that is a
    StorageError instead). ``check`` False skips the quick check (a second connection
    to a database this program has already opened and checked)."""
    if is_server(path):
        return _open_server(str(path), migrate)
    path = Path(path).expanduser().resolve()
    if not path.parent.exists() or is_data_folder(path.parent):
        file_modes.private_folder(path.parent)  # the data folder: the user's alone
    # (A file this process has open was read when first opened, and must not be again.)
    problem = None if open_in_this_process(path) else faults.header_problem(path)
    if problem:
        raise _corrupt(problem)
    reason = faults.read_only_reason(path) if path.exists() else None
    if reason is not None and not allow_read_only:
        raise StorageError("read_only", messages.text("storage_read_only", detail=reason))
    if reason is not None:
        engine = _open_read_only(path, reason, check)
    else:
        _keep_private(path)
        engine = make_engine(f"sqlite:///{path}")
        try:
            if check and path.exists() and path.stat().st_size > 0:
                _quick_check(engine)
            if migrate:
                from desktop_app.store.backup import backup_before_upgrade
                from desktop_app.store.migrate import upgrade_to_head

                # every schema upgrade makes a checked backup first (BackupError: no upgrade)
                upgrade_to_head(engine, lambda revision: backup_before_upgrade(path, revision))
        except DBAPIError as error:
            engine.dispose()
            fault = faults.storage_error(error)
            if fault is None:
                raise
            raise fault from error
        except BaseException:
            engine.dispose()
            raise
    return _database(path, engine, reason)
