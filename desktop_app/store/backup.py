"""Backups of a database and its managed files, at the SQLite level.

A backup is one zip file:

    studiodesk-backup.json   what it is: when, which kind, schema revision, checksums
    database.sqlite3         a copy made with SQLite's online backup API (consistent while
                             another connection writes), switched to rollback-journal mode
                             so that it is one self-contained file
    files/ab/ab12…           every file of the store that this copy references

— or, for a backup written into the database's backups folder, no files inside but the
list of them in the manifest: they are held once for all those backups in the folder's
pool (desktop_app/store/backup_pool.py).

It is written under a temporary name in the target folder, read back and checked
(``integrity_check`` is ok, ``foreign_key_check`` is empty, the database matches its
checksum, every file matches its hash, every referenced file is there) and only then
renamed to its final name: a backup that exists under its final name has passed its check.

A restore checks the backup again, keeps a copy of what it replaces, adds the backup's
files to the store (the store only ever gains files, so nothing there is replaced), and
renames the checked database copy over the database. The database must be closed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from desktop_app import file_modes, leftovers
from desktop_app.domain import messages
from desktop_app.domain.messages import N_
from desktop_app.paths import cache_dir_for, files_dir_for
from desktop_app.store import backup_pool, row_checks
from desktop_app.store.models import CACHE_TABLES

FORMAT = 2  # the newest this program reads; 2: the files in the backups folder's pool
SELF_CONTAINED_FORMAT = 1  # what a backup holding its own files is written as
MANIFEST = "studiodesk-backup.json"
DB_MEMBER = "database.sqlite3"
FILES_DIR = "files/"
SUFFIX = ".zip"
TMP_PREFIX = ".tmp-"
KINDS = ("auto", "manual", "before-upgrade", "before-restore")
CHUNK = 1 << 20
# Free space left on the database's own disk after a backup: a backup must never be the
# thing that fills the disk the database needs to save into.
MARGIN_BYTES = 100 * 1024 * 1024
# Columns that name a file of the managed store by its sha256. Any new one must be added
# here, or backups would leave its files out (and the check would not miss them).
FILE_COLUMNS = (("attachment", "sha256"),)

_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<kind>" + "|".join(KINDS) + r")(?:-\d+)?\.zip$"
)
_SHA = re.compile(r"^[0-9a-f]{64}$")

# English, marked for the text catalogue (its Chinese is in the .po).
_TEXT: dict[str, str] = {
    "not_found": N_("no backup at {path}"),
    "no_database": N_("no database at {path}"),
    "not_zip": N_("{path} is not a readable StudioDesk backup ({reason})"),
    "no_manifest": N_("{path} is not a StudioDesk backup (it has no {manifest})"),
    "newer_format": N_(
        "the backup was made by a newer StudioDesk (backup format {format}); update the program"
    ),
    "marked_bad": N_("this copy was kept although it failed its check: {reason}"),
    "damaged_member": N_("{name} in the backup is damaged ({reason})"),
    "db_missing": N_("the backup holds no database"),
    "db_checksum": N_(
        "the database in the backup does not match its checksum (the file is damaged)"
    ),
    "not_database": N_("the database cannot be read: {reason}"),
    "integrity": N_("integrity check failed: {detail}"),
    "foreign_keys": N_(
        "{count} broken references between records (first: table {table}, row {row})"
    ),
    "not_studiodesk": N_("it is not a StudioDesk database"),
    "newer_schema": N_(
        "the database was written by a newer StudioDesk (schema {revision}); update the program"
    ),
    "file_damaged": N_("file {sha} in the backup is damaged"),
    "pool_missing": N_(
        "{count} file(s) this backup keeps in the backups folder's pool ({pool}) are missing "
        "or damaged (first: {sha}); a backup copied elsewhere by hand does not take them "
        'along — use "Back up to a folder or USB stick" for one that holds its files'
    ),
    "files_missing": N_(
        "{count} file(s) the records refer to are missing from the backup (first: {sha})"
    ),
    "no_space": N_("not enough free disk space in {folder}: {need} MB needed, {free} MB free"),
    "in_use": N_(
        "the database is open (in StudioDesk or another program); close it before restoring"
    ),
    "write_failed": N_("the backup could not be written: {reason}"),
    "upgrade_backup_failed": N_(
        "the database was not upgraded, because the backup made before every upgrade failed: "
        "{reason}"
    ),
    "restore_failed": N_("the restore did not finish: {reason}"),
}


def text(code: str, **params: object) -> str:
    return messages.translate(_TEXT[code]).format(**params)


class BackupError(Exception):
    """A backup or restore that was not done; ``problems`` are sentences for the user.
    Nothing was changed when this is raised."""

    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__("；".join(self.problems))


class BackupRefused(BackupError):
    """The backup failed its check, so it is not restored."""


class DatabaseInUse(BackupError):
    """The database is open somewhere; a restore needs it closed."""


@dataclass(frozen=True)
class Manifest:
    created: dt.datetime
    kind: str
    revision: str | None
    db_sha256: str
    db_size: int
    files: int = 0
    files_bytes: int = 0
    missing: tuple[str, ...] = ()  # referenced files that were not in the store (or damaged)
    ok: bool = True  # False only for a damaged database kept as it was before a restore
    problems: tuple[str, ...] = ()
    source: str = ""
    app_version: str = ""
    format: int = SELF_CONTAINED_FORMAT
    pool: str | None = None  # the pool folder beside the backup holding its files
    pooled: tuple[str, ...] = ()  # the sha256 of every file it keeps there

    def as_json(self) -> dict:
        pool = {"pool": {"folder": self.pool, "files": list(self.pooled)}} if self.pool else {}
        return {
            "format": self.format,
            "app": "StudioDesk",
            "app_version": self.app_version,
            "created": self.created.isoformat(timespec="microseconds"),
            "kind": self.kind,
            "source": self.source,
            "revision": self.revision,
            "database": {"member": DB_MEMBER, "sha256": self.db_sha256, "size": self.db_size},
            "files": {"count": self.files, "bytes": self.files_bytes},
            "missing": list(self.missing),
            "ok": self.ok,
            "problems": list(self.problems),
            **pool,
        }

    @classmethod
    def from_json(cls, data: dict) -> Manifest:
        database = data.get("database") or {}
        files = data.get("files") or {}
        pool = data.get("pool") or {}
        return cls(
            created=dt.datetime.fromisoformat(data["created"]),
            kind=str(data["kind"]),
            revision=data.get("revision"),
            db_sha256=str(database.get("sha256", "")),
            db_size=int(database.get("size", 0)),
            files=int(files.get("count", 0)),
            files_bytes=int(files.get("bytes", 0)),
            missing=tuple(data.get("missing") or ()),
            ok=bool(data.get("ok", True)),
            problems=tuple(data.get("problems") or ()),
            source=str(data.get("source", "")),
            app_version=str(data.get("app_version", "")),
            format=int(data["format"]),
            pool=str(pool["folder"]) if pool.get("folder") else None,
            pooled=tuple(str(sha) for sha in pool.get("files") or ()),
        )


# ---------------------------------------------------------------------------- names


def backups_dir_for(db_path: Path) -> Path:
    """Automatic backups sit beside their database, like its file store (one folder per
    database, so that two databases in one folder never mix their backups)."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.stem + "-backups")


def sweep_interrupted(db_path: Path) -> list[Path]:
    """What interrupted work on the database at ``db_path`` left (desktop_app/leftovers.py):
    restore copies and probes beside it, files coming into this PC's cache folder (a
    copy of an evidence file, a thumbnail) and into its backups' pool, and any temporary
    beside a user's file. Run
    when the database is opened for writing; the paths removed."""
    db_path = Path(db_path)
    removed = leftovers.sweep(db_path.parent, leftovers.RESTORE, leftovers.PROBE)
    for root in (cache_dir_for(db_path), backup_pool.pool_for(backups_dir_for(db_path))):
        for folder, _dirs, _files in os.walk(root):
            removed += leftovers.sweep(Path(folder), leftovers.INCOMING)
    return removed + leftovers.sweep_recorded()


def backup_file_name(created: dt.datetime, kind: str, stem: str = "studiodesk") -> str:
    return f"{stem}-{created:%Y%m%d-%H%M%S}-{kind}{SUFFIX}"


def unique_path(folder: Path, created: dt.datetime, kind: str, stem: str) -> Path:
    base = backup_file_name(created, kind, stem)[: -len(SUFFIX)]
    path, number = folder / (base + SUFFIX), 2
    while path.exists():
        path, number = folder / f"{base}-{number}{SUFFIX}", number + 1
    return path


def parse_name(name: str) -> tuple[dt.datetime, str] | None:
    """(created, kind) from a backup's file name, when it follows the pattern."""
    match = _NAME.match(name)
    if match is None:
        return None
    created = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S").astimezone()
    return created, match["kind"]


def now() -> dt.datetime:
    return dt.datetime.now().astimezone()


# ---------------------------------------------------------------------------- SQLite


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)


def snapshot(db_path: Path, target: Path) -> None:
    """A consistent copy of a live database with SQLite's online backup API: one step,
    one read transaction, so writers elsewhere never make it half of two states."""
    source = sqlite3.connect(str(db_path), timeout=30)
    try:
        source.execute("PRAGMA busy_timeout=30000")
        copy = sqlite3.connect(str(target))
        try:
            source.backup(copy)  # pages=-1: everything in one step
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            copy.commit()
            _drop_cache(copy)
        finally:
            copy.close()
    finally:
        source.close()


def _drop_cache(copy: sqlite3.Connection) -> None:
    """Empty the document cache in a backup's copy (and VACUUM, so that its pages go
    too): a backup holds the records and the evidence, not what is made from them."""
    try:
        if not copy.execute(f"SELECT 1 FROM {CACHE_TABLES[-1]} LIMIT 1").fetchone():
            return
    except sqlite3.OperationalError:  # an older schema, without the cache's tables
        return
    for table in CACHE_TABLES:
        copy.execute(f"DELETE FROM {table}")  # noqa: S608 - the names above
    copy.commit()
    copy.execute("VACUUM")


def database_problems(path: Path) -> list[str]:
    """[] when ``integrity_check`` says ok and ``foreign_key_check`` finds nothing."""
    try:
        connection = _connect_read_only(path)
        try:
            rows = [r[0] for r in connection.execute("PRAGMA integrity_check").fetchall()]
            # (a row another tool wrote past a CHECK is a faithful copy, not damage)
            rows = row_checks.damage(rows)
            if rows:
                return [text("integrity", detail="；".join(str(r) for r in rows[:3]))]
            broken = connection.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                table, row = broken[0][0], broken[0][1]
                return [text("foreign_keys", count=len(broken), table=table, row=row)]
            tables = {
                r[0]
                for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" not in tables:
                return [text("not_studiodesk")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return [text("not_database", reason=error)]
    return []


def schema_revision(path: Path) -> str | None:
    connection = _connect_read_only(path)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        connection.close()
    return row[0] if row else None


def revision_problems(revision: str | None) -> list[str]:
    """A database from a newer program cannot be opened by this one."""
    from desktop_app.store.migrate import known_revision

    if revision is None or known_revision(revision):
        return []
    return [text("newer_schema", revision=revision)]


def referenced_files(db_path: Path) -> set[str]:
    """The files a backup of ``db_path`` must carry beside it: those its rows name and
    it does not hold itself (since schema 0007 the evidence is inside the database,
    table evidence_file; an older database's files are in the folder beside it)."""
    connection = _connect_read_only(db_path)
    found: set[str] = set()
    try:
        for table, column in FILE_COLUMNS:
            try:
                rows = connection.execute(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall()
            except sqlite3.OperationalError:  # not in this (older) schema
                continue
            found.update(r[0] for r in rows if r[0])
        try:
            held = connection.execute("SELECT sha256 FROM evidence_file").fetchall()
        except sqlite3.OperationalError:  # older than 0007: every file is beside it
            held = []
        found -= {r[0] for r in held}
    finally:
        connection.close()
    return found


def ensure_closed(db_path: Path) -> None:
    """Raise DatabaseInUse when another connection has the database open.

    The program keeps its databases in WAL mode, and leaving WAL mode needs the only
    connection there is: it fails with SQLITE_BUSY while any other connection (an idle
    pooled one included, in any process) is open. A damaged file is not in use."""
    try:
        connection = sqlite3.connect(str(db_path), timeout=0.5)
        try:
            connection.execute("PRAGMA journal_mode=DELETE").fetchone()
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        busy = (getattr(sqlite3, "SQLITE_BUSY", 5), getattr(sqlite3, "SQLITE_LOCKED", 6))
        if getattr(error, "sqlite_errorcode", None) in busy or "locked" in str(error):
            raise DatabaseInUse([text("in_use")]) from error
    except sqlite3.DatabaseError:
        pass


# ---------------------------------------------------------------------------- files


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its renames are durable enough
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _ensure_space(folder: Path, need: int, db_path: Path) -> None:
    free = shutil.disk_usage(folder).free
    margin = 0
    try:
        if os.stat(folder).st_dev == os.stat(db_path.parent).st_dev:
            margin = MARGIN_BYTES
    except OSError:
        margin = MARGIN_BYTES
    if free < need + margin:
        mb = 1024 * 1024
        raise BackupError(
            [text("no_space", folder=folder, need=(need + margin) // mb + 1, free=free // mb)]
        )


def _store_size(root: Path) -> int:
    total = 0
    if root.is_dir():
        for sub in root.iterdir():
            if sub.is_dir() and len(sub.name) == 2:
                total += sum(f.stat().st_size for f in sub.iterdir() if f.is_file())
    return total


# ---------------------------------------------------------------------------- writing


def write_backup(
    db_path: Path,
    dest: Path,
    *,
    kind: str,
    created: dt.datetime | None = None,
    files_root: Path | None = None,
    keep_damaged: bool = False,
    unless_db_sha256: str | None = None,
    pooled: bool = False,
) -> Manifest | None:
    """Write the backup of ``db_path`` (and its files) to the zip ``dest``; return its
    manifest once it has passed its check. Raises BackupError (nothing left behind).

    ``keep_damaged``: a database that fails its check is still kept, as its raw files
    (only safe when it is closed, as before a restore), with ``ok`` false.
    ``unless_db_sha256``: return None, writing nothing, when the copy of the database
    is identical to the one with this checksum (nothing changed since that backup).
    ``pooled``: the files go to the pool beside ``dest`` (backup_pool), not into it."""
    from desktop_app import __version__

    db_path = Path(db_path).resolve()
    dest = Path(dest)
    if kind not in KINDS:
        raise ValueError(f"unknown kind of backup: {kind}")
    if not db_path.is_file():
        raise BackupError([text("no_database", path=db_path)])
    created = created or now()
    files_root = Path(files_root) if files_root else files_dir_for(db_path)
    pool = backup_pool.pool_for(dest.parent) if pooled else None
    try:
        # A backup holds the phone and ID numbers in full: the file is the user's alone
        # wherever it goes (file_modes); so is a folder made for it, and the database's
        # backups folder. A folder the user chose keeps its own permissions.
        if not dest.parent.is_dir() or dest.parent == backups_dir_for(db_path):
            file_modes.private_folder(dest.parent)
        db_bytes = sum(
            p.stat().st_size
            for p in (db_path, db_path.with_name(db_path.name + "-wal"))
            if p.exists()
        )
        store_bytes = 0 if pooled else _store_size(files_root)  # pooled: counted below
        _ensure_space(dest.parent, 2 * db_bytes + store_bytes, db_path)
        leftovers.sweep(dest.parent, TMP_PREFIX)  # what an interrupted backup left there
        work = Path(tempfile.mkdtemp(prefix=leftovers.tagged(TMP_PREFIX), dir=dest.parent))
    except OSError as error:
        raise BackupError([text("write_failed", reason=error)]) from error
    try:
        copy = work / DB_MEMBER
        try:
            snapshot(db_path, copy)
            problems = database_problems(copy)
        except sqlite3.DatabaseError as error:
            problems = [text("not_database", reason=error)]
        if problems and not keep_damaged:
            raise BackupError(problems)
        raw = bool(problems)
        if raw:  # the damaged database as it is, with its write-ahead log
            copy.unlink(missing_ok=True)
            members = [(db_path, DB_MEMBER)]
            wal = db_path.with_name(db_path.name + "-wal")
            if wal.exists():
                members.append((wal, DB_MEMBER + "-wal"))
            revision, refs = None, set()
        else:
            members = [(copy, DB_MEMBER)]
            revision, refs = schema_revision(copy), referenced_files(copy)
        db_sha = _sha256_file(members[0][0])
        if unless_db_sha256 is not None and db_sha == unless_db_sha256:
            return None
        included: list[tuple[Path, str, int]] = []  # files inside the zip
        missing: list[str] = []
        in_pool: list[tuple[str, int]] = []
        deep = False
        if pool is not None:
            _ensure_space(dest.parent, backup_pool.new_bytes(pool, files_root, refs), db_path)
            deep = backup_pool.deep_check_due(pool)
            added = backup_pool.add_to_pool(pool, files_root, refs, deep)
            in_pool, missing = added.files, added.missing
        else:
            for sha in sorted(refs):
                source = files_root / sha[:2] / sha
                if source.is_file() and _sha256_file(source) == sha:
                    included.append((source, sha, source.stat().st_size))
                else:
                    missing.append(sha)
        held = [(sha, size) for _, sha, size in included] + in_pool
        manifest = Manifest(
            created=created,
            kind=kind,
            revision=revision,
            db_sha256=db_sha,
            db_size=members[0][0].stat().st_size,
            files=len(held),
            files_bytes=sum(size for _, size in held),
            missing=tuple(missing),
            ok=not raw,
            problems=tuple(problems),
            source=str(db_path),
            app_version=__version__,
            format=FORMAT if pool is not None else SELF_CONTAINED_FORMAT,
            pool=backup_pool.POOL_DIR if pool is not None else None,
            pooled=tuple(sha for sha, _ in in_pool),
        )
        partial = work / ("backup" + SUFFIX)
        file_modes.create_private(partial)
        with partial.open("wb") as handle:
            with zipfile.ZipFile(handle, "w", allowZip64=True) as archive:
                for path, name in members:
                    archive.write(path, name, compress_type=zipfile.ZIP_DEFLATED)
                for path, sha, _ in included:
                    archive.write(path, f"{FILES_DIR}{sha[:2]}/{sha}", zipfile.ZIP_STORED)
                archive.writestr(
                    MANIFEST,
                    json.dumps(manifest.as_json(), ensure_ascii=False, indent=2),
                    zipfile.ZIP_DEFLATED,
                )
            handle.flush()
            os.fsync(handle.fileno())
        if not raw:  # read back what was written: only a checked backup counts
            problems, _ = _check_zip(
                partial, work / "verify.sqlite3", restorable=False, pool=pool, deep_pool=False
            )
            if problems:
                raise BackupError(problems)
        os.replace(partial, dest)
        _fsync_dir(dest.parent)
        if deep and pool is not None:
            backup_pool.mark_verified(pool)
        return manifest
    except OSError as error:
        raise BackupError([text("write_failed", reason=error)]) from error
    finally:
        leftovers.remove(work)


def backup_before_upgrade(db_path: Path, revision: str | None = None) -> Path:
    """The backup every schema upgrade makes first (into the database's backups folder).
    Raises BackupError, and then the upgrade must not happen."""
    db_path = Path(db_path).resolve()
    created = now()
    dest = unique_path(backups_dir_for(db_path), created, "before-upgrade", db_path.stem)
    try:
        write_backup(db_path, dest, kind="before-upgrade", created=created, pooled=True)
    except BackupError as error:
        raise BackupError([text("upgrade_backup_failed", reason="；".join(error.problems))]) from (
            error
        )
    return dest


# ---------------------------------------------------------------------------- reading


def read_manifest(path: Path) -> Manifest:
    """The manifest of a backup (its zip's directory and one small member: cheap)."""
    path = Path(path)
    if not path.is_file():
        raise BackupError([text("not_found", path=path)])
    try:
        with zipfile.ZipFile(path) as archive:
            return _manifest_of(archive, path)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise BackupError([text("not_zip", path=path.name, reason=error)]) from error


def _manifest_of(archive: zipfile.ZipFile, path: Path) -> Manifest:
    try:
        data = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except KeyError:
        raise BackupError([text("no_manifest", path=path.name, manifest=MANIFEST)]) from None
    except ValueError as error:
        raise BackupError([text("not_zip", path=path.name, reason=error)]) from error
    try:
        if int(data.get("format", 0)) > FORMAT:
            raise BackupError([text("newer_format", format=data.get("format"))])
        return Manifest.from_json(data)
    except (KeyError, TypeError, ValueError) as error:
        raise BackupError([text("not_zip", path=path.name, reason=error)]) from error


def check_backup(
    path: Path, *, restorable: bool = True, store_root: Path | None = None
) -> tuple[list[str], Manifest | None]:
    """(problems, manifest): the whole backup read and checked. ``restorable`` also asks
    that this program can open the database (it is not from a newer version).
    ``store_root``: the file store a restore would fill; a pooled file damaged in the
    pool is no problem while the store holds it intact."""
    with leftovers.scratch("studiodesk-check-") as folder:
        return _check_zip(
            Path(path), Path(folder) / DB_MEMBER, restorable=restorable, store_root=store_root
        )


def _extract(archive: zipfile.ZipFile, name: str, target: Path) -> str:
    digest = hashlib.sha256()
    file_modes.create_private(target)  # a database or a stored file: the user's alone
    with archive.open(name) as source, target.open("wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest()


def _member_sha256(archive: zipfile.ZipFile, name: str) -> str:
    digest = hashlib.sha256()
    with archive.open(name) as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, ValueError)


def _check_zip(
    path: Path,
    db_out: Path,
    *,
    restorable: bool,
    pool: Path | None = None,
    deep_pool: bool = True,
    store_root: Path | None = None,
) -> tuple[list[str], Manifest | None]:
    """Check the backup at ``path``, leaving its database copy at ``db_out``. A pooled
    backup's files are looked for in ``pool`` (default: its folder's pool) and hashed
    (``deep_pool`` False: only their presence, as right after they were copied)."""
    if not path.is_file():
        return [text("not_found", path=path)], None
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                manifest = _manifest_of(archive, path)
            except BackupError as error:
                return list(error.problems), None
            if not manifest.ok:
                reason = "；".join(manifest.problems) or "?"
                return [text("marked_bad", reason=reason)], manifest
            names = archive.namelist()
            if DB_MEMBER not in names:
                return [text("db_missing")], manifest
            try:
                sha = _extract(archive, DB_MEMBER, db_out)
            except _DAMAGED as error:
                return [text("damaged_member", name=DB_MEMBER, reason=error)], manifest
            if sha != manifest.db_sha256:
                return [text("db_checksum")], manifest
            problems = database_problems(db_out)
            if problems:
                return problems, manifest
            if restorable:
                problems += revision_problems(schema_revision(db_out))
            present: set[str] = set()
            for name in names:
                if not name.startswith(FILES_DIR) or name.endswith("/"):
                    continue
                sha = name.rsplit("/", 1)[-1]
                try:
                    good = _SHA.match(sha) is not None and _member_sha256(archive, name) == sha
                except _DAMAGED:
                    good = False
                if good:
                    present.add(sha)
                else:
                    problems.append(text("file_damaged", sha=sha[:12]))
            if manifest.pool is not None:
                problems += _pool_problems(path, manifest, pool, deep_pool, store_root)
                present.update(manifest.pooled)
            lacking = sorted(referenced_files(db_out) - present - set(manifest.missing))
            if lacking:
                problems.append(text("files_missing", count=len(lacking), sha=lacking[0][:12]))
            return problems, manifest
    except (*_DAMAGED, OSError) as error:
        return [text("not_zip", path=path.name, reason=error)], None


def _pool_of(path: Path, manifest: Manifest) -> Path:
    return Path(path).parent / (manifest.pool or backup_pool.POOL_DIR)


def _pool_problems(
    path: Path, manifest: Manifest, pool: Path | None, deep: bool, store_root: Path | None
) -> list[str]:
    folder = pool if pool is not None else _pool_of(path, manifest)
    if deep:
        lacking = backup_pool.pool_problems(folder, list(manifest.pooled), store_root)
    else:
        lacking = [
            sha for sha in manifest.pooled if not backup_pool.pooled_path(folder, sha).is_file()
        ]
    if not lacking:
        return []
    return [text("pool_missing", count=len(lacking), pool=folder, sha=lacking[0][:12])]


# ---------------------------------------------------------------------------- restoring


def _restore_files(archive: zipfile.ZipFile, root: Path) -> int:
    """Add the backup's files to the store (an older layout's folder beside the database,
    moved into it when it is next opened); a present file with the right hash stays."""
    added = 0
    for name in archive.namelist():
        if not name.startswith(FILES_DIR) or name.endswith("/"):
            continue
        sha = name.rsplit("/", 1)[-1]
        if _SHA.match(sha) is None:
            continue
        target = root / sha[:2] / sha
        if target.is_file() and _sha256_file(target) == sha:
            continue
        file_modes.private_folder(root)  # (made anew: the last one was moved in)
        file_modes.private_folder(target.parent)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=leftovers.tagged(leftovers.INCOMING))
        os.close(fd)
        try:
            if _extract(archive, name, Path(tmp)) != sha:
                raise BackupRefused([text("file_damaged", sha=sha[:12])])
            if target.exists():  # a damaged copy, read-only like every stored file
                file_modes.writable(target)
            os.replace(tmp, target)
            file_modes.read_only(target)
            added += 1
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return added


@dataclass(frozen=True)
class RestoreOutcome:
    manifest: Manifest
    kept: Path | None  # the copy of the database that was replaced
    files_added: int


def restore_backup(backup: Path, db_path: Path, keep_dir: Path) -> RestoreOutcome:
    """Put the backup in the database's place. The database must be closed.

    Order, so that an interruption at any point loses nothing: check the backup (its
    database copy is extracted beside the database); keep a copy of the database being
    replaced in ``keep_dir``; add the backup's files to the store; remove the old
    database's journal files; rename the checked copy over the database."""
    backup = Path(backup)
    db_path = Path(db_path).resolve()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    leftovers.sweep(db_path.parent, leftovers.RESTORE)  # an interrupted restore's copy
    incoming = db_path.with_name(leftovers.tagged(leftovers.RESTORE) + db_path.name)
    try:
        store_root = files_dir_for(db_path)
        problems, manifest = _check_zip(backup, incoming, restorable=True, store_root=store_root)
        if problems or manifest is None:
            raise BackupRefused(problems)
        kept = None
        if db_path.exists():
            ensure_closed(db_path)
            created = now()
            kept = unique_path(Path(keep_dir), created, "before-restore", db_path.stem)
            write_backup(
                db_path,
                kept,
                kind="before-restore",
                created=created,
                keep_damaged=True,
                pooled=kept.parent == backups_dir_for(db_path),
            )
        try:
            with zipfile.ZipFile(backup) as archive:
                added = _restore_files(archive, store_root)
            if manifest.pool is not None:
                pool = _pool_of(backup, manifest)
                added += backup_pool.restore_from_pool(pool, list(manifest.pooled), store_root)
            for suffix in ("-wal", "-shm", "-journal"):
                db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
            os.replace(incoming, db_path)
            _fsync_dir(db_path.parent)
        except (*_DAMAGED, OSError) as error:
            raise BackupError([text("restore_failed", reason=error)]) from error
        return RestoreOutcome(manifest=manifest, kept=kept, files_added=added)
    finally:
        incoming.unlink(missing_ok=True)
