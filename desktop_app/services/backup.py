"""Backups of a studio's database and files: when to make them, which to keep, restoring.

The SQLite-level work (online backup API, checks, the zip, the atomic rename) is in
``desktop_app.store.backup``; this is the policy the GUI and the command line use.

For the GUI:

* a timer (say every 30 minutes) calls ``due_daily()`` and, when it says so,
  ``backup_now()`` (off the GUI thread if it likes: each call opens its own SQLite
  connection and nothing is shared);
* closing the main window calls ``on_exit()`` before ``AppServices.close()``;
* "back up to …" (a USB stick) calls ``backup_now("manual", target_dir=folder)``;
* "restore" shows ``list()`` (or a file chosen by the user), calls ``check(path)`` to
  show what the backup holds, then: close every page and ``AppServices.close()``
  (the database must have no connection open: ``restore`` raises ``DatabaseInUse``
  otherwise), ``restore(path)``, and ``AppServices.open(path)`` again with a new main
  window. ``RestoreResult.kept`` is where the replaced database was kept.

Every call raises ``BackupError`` (``.problems`` are sentences in the user's language)
when it could not do its work; nothing is changed then.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from desktop_app import file_modes, leftovers
from desktop_app.paths import files_dir_for
from desktop_app.store import backup as store
from desktop_app.store import backup_pool
from desktop_app.store.backup import (  # noqa: F401  (re-exported for the GUI and the CLI)
    BackupError,
    BackupRefused,
    DatabaseInUse,
)

DAILY, WEEKLY, MONTHLY = 7, 4, 12
T = TypeVar("T")
STALE_TEMP_SECONDS = 24 * 3600
# An automatic backup that failed, kept in the backups folder until a backup succeeds: the
# one made on closing fails after the window has gone, so the next start tells it.
FAILURE_FILE = ".automatic-backup-failed.json"


@dataclass(frozen=True)
class BackupFailure:
    when: dt.datetime
    reason: str


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime
    kind: str  # auto | manual | before-upgrade | before-restore
    ok: bool  # written, read back and checked (False: unreadable, or a damaged copy kept)
    size: int  # bytes of the zip
    revision: str | None = None
    files: int = 0
    missing: tuple[str, ...] = ()  # files the records refer to that were not in the store
    problems: tuple[str, ...] = ()
    server: bool = False  # a pg_dump of a server database (store/server_backup.py)
    rows: int = 0  # a server backup: the rows of all its tables (its files are rows)

    def as_json(self) -> dict:
        return {
            "path": str(self.path),
            "created": self.created.isoformat(timespec="seconds"),
            "kind": self.kind,
            "ok": self.ok,
            "size": self.size,
            "revision": self.revision,
            "files": self.files,
            "missing": list(self.missing),
            "problems": list(self.problems),
            "engine": "postgresql" if self.server else "sqlite",
            **({"rows": self.rows} if self.server else {}),
        }


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    problems: tuple[str, ...]
    info: BackupInfo | None = None


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    restored_from: Path
    backup_created: dt.datetime
    kept: Path | None  # the replaced database (and its files), as a "before-restore" backup
    files_added: int


def retained(
    backups: Sequence[T],
    created: Callable[[T], dt.datetime] = lambda b: b,
    *,
    daily: int = DAILY,
    weekly: int = WEEKLY,
    monthly: int = MONTHLY,
) -> list[T]:
    """The backups to keep, newest first: the newest of each of the last ``daily`` days
    that have one, then of ``weekly`` more ISO weeks, then of ``monthly`` more months.

    A backup kept by one rule is not counted again by the next (as in borg and restic):
    with a backup every day, 7 + 4 + 12 are kept, the oldest about a year old. The
    newest backup is always kept."""
    order = sorted(backups, key=created, reverse=True)
    kept: list[T] = []
    kept_ids: set[int] = set()
    rules: tuple[tuple[int, Callable[[dt.datetime], object]], ...] = (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    )
    for count, period in rules:
        last: object = None
        taken = 0
        for backup in order:
            if taken >= count:
                break
            key = period(created(backup))
            if key == last:
                continue
            last = key
            if id(backup) in kept_ids:
                continue
            kept.append(backup)
            kept_ids.add(id(backup))
            taken += 1
    if order and id(order[0]) not in kept_ids:
        kept.append(order[0])
    return sorted(kept, key=created, reverse=True)


def info_for(path: Path) -> BackupInfo:
    """What a backup file is, from its manifest (cheap: the whole file is not read)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    from desktop_app.store import server_backup

    on_server = server_backup.read_manifest(path)
    if on_server is not None:
        return BackupInfo(
            path=path,
            created=on_server.created,
            kind=on_server.kind,
            ok=True,
            size=size,
            revision=on_server.revision,
            server=True,
            rows=on_server.rows,
        )
    try:
        manifest = store.read_manifest(path)
    except BackupError as error:
        parsed = store.parse_name(path.name)
        if parsed is not None:
            created, kind = parsed
        else:
            created, kind = _mtime(path), "unknown"
        return BackupInfo(path, created, kind, False, size, problems=error.problems)
    return BackupInfo(
        path=path,
        created=manifest.created,
        kind=manifest.kind,
        ok=manifest.ok,
        size=size,
        revision=manifest.revision,
        files=manifest.files,
        missing=manifest.missing,
        problems=manifest.problems,
    )


def _mtime(path: Path) -> dt.datetime:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except OSError:
        return dt.datetime.fromtimestamp(0).astimezone()


def check(path: Path, store_root: Path | None = None) -> CheckResult:
    """Read the whole backup and check it as a restore would (a server backup: its
    dump's checksum and table of contents; its rows are compared when it is restored)."""
    from desktop_app.store import server_backup

    if server_backup.read_manifest(Path(path)) is not None:
        try:
            problems = server_backup.check_file(Path(path))
        except BackupError as error:  # pg_restore missing
            problems = list(error.problems)
        return CheckResult(ok=not problems, problems=tuple(problems), info=info_for(Path(path)))
    problems, manifest = store.check_backup(Path(path), store_root=store_root)
    info = info_for(Path(path)) if manifest is not None else None
    return CheckResult(ok=not problems, problems=tuple(problems), info=info)


class BackupService:
    """Backups of the database at ``db_path``; automatic ones go to ``directory``
    (default: ``<database name>-backups`` beside the database)."""

    def __init__(
        self,
        db_path: Path,
        *,
        directory: Path | None = None,
        clock: Callable[[], dt.datetime] = store.now,
    ):
        self.db_path = Path(db_path).expanduser().resolve()
        self.directory = Path(directory) if directory else store.backups_dir_for(self.db_path)
        self.clock = clock

    def _now(self) -> dt.datetime:
        moment = self.clock()
        return moment if moment.tzinfo is not None else moment.astimezone()

    # -- making backups

    def backup_now(self, kind: str = "auto", target_dir: Path | None = None) -> BackupInfo:
        """A checked backup. ``auto`` goes to the backups folder and is followed by
        ``prune()``; when nothing changed since today's last automatic backup, that one
        is returned and nothing is written. ``manual`` goes to ``target_dir`` (a USB
        stick) or the backups folder."""
        if kind not in ("auto", "manual"):
            raise ValueError(f"backup_now makes auto or manual backups, not {kind}")
        managed = target_dir is None
        folder = self.directory if managed else Path(target_dir)
        created = self._now()
        latest = None  # today's newest automatic backup: not repeated when nothing changed
        if kind == "auto" and managed:
            today = [b for b in self._auto() if b.created.date() == created.date()]
            latest = today[0] if today else None
        unless = None
        if latest is not None:
            try:
                unless = store.read_manifest(latest.path).db_sha256
            except BackupError:
                latest = None
        dest = store.unique_path(folder, created, kind, self.db_path.stem)
        try:
            manifest = self._write(dest, kind, created, unless, pooled=managed)
        except BackupError as error:
            if kind == "auto":
                self._record_failure(created, "；".join(error.problems))
            raise
        self._clear_failure()
        if manifest is None and latest is not None:
            return latest
        if kind == "auto" and managed:
            self.prune()
        return info_for(dest)

    def _write(
        self, dest: Path, kind: str, created: dt.datetime, unless: str | None, pooled: bool
    ) -> object | None:
        """Write one checked backup to ``dest`` (None: nothing changed since the backup
        whose database has the checksum ``unless``). ``pooled``: the backups folder
        holds the files once for all of its backups."""
        return store.write_backup(
            self.db_path, dest, kind=kind, created=created, unless_db_sha256=unless, pooled=pooled
        )

    # -- a failed automatic backup, until the next good one

    def last_failure(self) -> BackupFailure | None:
        """The automatic backup that failed since the last good backup, if any."""
        try:
            data = json.loads((self.directory / FAILURE_FILE).read_text(encoding="utf-8"))
            return BackupFailure(dt.datetime.fromisoformat(data["when"]), str(data["reason"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _record_failure(self, when: dt.datetime, reason: str) -> None:
        """Best effort (a disk too full for the backup may be too full for this too: the
        failure is in the log as well)."""
        tmp = None
        try:
            file_modes.private_folder(self.directory)
            handle, tmp = tempfile.mkstemp(
                dir=self.directory, prefix=leftovers.tagged(store.TMP_PREFIX)
            )
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"when": when.isoformat(), "reason": reason}, out, ensure_ascii=False)
            os.replace(tmp, self.directory / FAILURE_FILE)
        except OSError:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)

    def _clear_failure(self) -> None:
        try:
            (self.directory / FAILURE_FILE).unlink(missing_ok=True)
        except OSError:
            pass

    def backup_to(self, path: Path) -> BackupInfo:
        """A manual backup written to exactly ``path`` (replacing a file there only once
        the new backup has passed its check)."""
        path = Path(path)
        self._write(path, "manual", self._now(), None, pooled=False)
        self._clear_failure()
        return info_for(path)

    def due_daily(self) -> bool:
        """True when no automatic backup has been made today."""
        today = self._now().date()
        return not any(b.created.date() == today for b in self._auto())

    def on_exit(self) -> BackupInfo | None:
        """The backup made when the program closes (skipped when nothing changed since
        today's). None when there is no database file."""
        if not self.db_path.is_file():
            return None
        return self.backup_now("auto")

    # -- the backups folder

    def list(self) -> list[BackupInfo]:
        """Every backup in the backups folder, newest first (damaged ones with ok False)."""
        if not self.directory.is_dir():
            return []
        found = [
            info_for(path)
            for path in self.directory.iterdir()
            if path.is_file() and path.suffix == store.SUFFIX and not path.name.startswith(".")
        ]
        return sorted(found, key=lambda b: b.created, reverse=True)

    def _auto(self) -> list[BackupInfo]:
        return [b for b in self.list() if b.kind == "auto" and b.ok]

    def prune(self) -> list[Path]:
        """Delete the automatic backups the retention rule does not keep (7 daily,
        4 weekly, 12 monthly). Manual, before-upgrade and before-restore backups, and
        anything unreadable, are left for the user. Returns what was deleted."""
        auto = self._auto()
        keep = {b.path for b in retained(auto, lambda b: b.created)}
        removed = []
        for backup in auto:
            if backup.path not in keep:
                try:
                    backup.path.unlink()
                    removed.append(backup.path)
                except OSError:
                    pass
        self._remove_stale_temporaries()
        self._collect_pool()
        return removed

    def _collect_pool(self) -> None:
        """Remove the pooled files no backup in the folder lists any more — unless one of
        them cannot be read (its list is unknown: nothing is removed then)."""
        pool = backup_pool.pool_for(self.directory)
        if not pool.is_dir():
            return
        referenced: set[str] = set()
        for path in self.directory.iterdir():
            if not (path.is_file() and path.suffix == store.SUFFIX):
                continue
            if path.name.startswith("."):
                continue
            try:
                referenced.update(store.read_manifest(path).pooled)
            except BackupError:
                return
        backup_pool.collect_garbage(pool, referenced)

    def _remove_stale_temporaries(self) -> None:
        """Leftovers of a backup that was interrupted (a crash, a power cut)."""
        if not self.directory.is_dir():
            return
        limit = time.time() - STALE_TEMP_SECONDS
        for path in self.directory.iterdir():
            try:
                if path.name.startswith(store.TMP_PREFIX) and path.stat().st_mtime < limit:
                    if path.is_dir():
                        shutil.rmtree(path, ignore_errors=True)
                    else:
                        path.unlink()
            except OSError:
                pass

    # -- checking and restoring

    def check(self, path: Path) -> CheckResult:
        """As a restore here would check it (a file damaged in the pool but intact in
        this database's store is no problem). A server's backup is not restored over a
        file."""
        result = check(path, store_root=files_dir_for(self.db_path))
        if result.info is not None and result.info.server:
            from desktop_app.store.server_backup import text

            return CheckResult(False, (text("not_server"),), result.info)
        return result

    def restore(self, path: Path) -> RestoreResult:
        """Replace the database (closed: ``DatabaseInUse`` otherwise) with the backup at
        ``path`` after checking it (``BackupRefused`` with the reasons otherwise). The
        replaced database is kept first as a "before-restore" backup in the backups
        folder; the backup's files are added to the store."""
        outcome = store.restore_backup(Path(path), self.db_path, self.directory)
        return RestoreResult(
            database=self.db_path,
            restored_from=Path(path),
            backup_created=outcome.manifest.created,
            kept=outcome.kept,
            files_added=outcome.files_added,
        )
