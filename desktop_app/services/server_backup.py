"""Backups of a server database (PostgreSQL): the same policy as a file's (the backups
folder, automatic ones once a day, the same retention, failures kept until the next good
backup), with pg_dump underneath (store/server_backup.py) and a restore that makes a NEW
database on the server — the one in use is never replaced, so nothing has to be closed
and every other PC keeps working until it is pointed at the new one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from desktop_app.services.backup import BackupError, BackupService, CheckResult, check
from desktop_app.store import server_backup


@dataclass(frozen=True)
class ServerRestoreResult:
    restored_from: Path
    backup_created: dt.datetime
    database: str  # the new database
    url: str  # where to connect to it (no password)
    rows: int


class ServerBackupService(BackupService):
    """Backups of the server database at ``url``, kept on this PC in the backups folder
    of the database's stand-in (store/db.py ``server_stand_in``)."""

    def __init__(self, url: str | URL, stand_in: Path, **options):
        super().__init__(stand_in, **options)
        self.url = url

    def _write(
        self, dest: Path, kind: str, created: dt.datetime, unless: str | None, pooled: bool
    ) -> object:
        # (a dump differs byte for byte every time: ``unless`` cannot tell "unchanged";
        # the files are rows of the dump, so there is no pool)
        return server_backup.write_backup(self.url, dest, kind=kind, created=created)

    def on_exit(self) -> None:
        """No backup on closing: every PC of the school would dump the whole database
        each time it closes. The daily one (``due_daily``) is made while it runs."""
        return None

    def check(self, path: Path) -> CheckResult:
        result = check(path)
        if result.info is not None and not result.info.server:
            return CheckResult(False, (server_backup.text("not_file"),), result.info)
        return result

    def restore(self, path: Path):
        raise BackupError([server_backup.text("into_new")])

    def restore_into(self, path: Path, new_database: str) -> ServerRestoreResult:
        """Restore the backup at ``path`` into the new database ``new_database`` on the
        same server, checked row for row; BackupError (nothing made) otherwise."""
        done = server_backup.restore_backup(self.url, Path(path), new_database.strip())
        return ServerRestoreResult(
            restored_from=Path(path),
            backup_created=done.manifest.created,
            database=done.database,
            url=done.url,
            rows=done.manifest.rows,
        )
