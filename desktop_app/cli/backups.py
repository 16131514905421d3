"""Backups of the database: backup, restore and backups."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop_app.cli.arguments import JSON
from desktop_app.cli.common import db_path, fail, print_problems, say, when
from desktop_app.cli.registry import arg, command
from desktop_app.domain.roles import Capability


@command(
    "backup",
    "write a checked backup (zip) of the database",
    arg("--out", help="the zip to write, or a folder (default: the backups folder)"),
    JSON,
    capability=Capability.REPORTS,
)
def cmd_backup(args: argparse.Namespace) -> int:
    """backup: a checked copy of the database and its files (zip), never migrated first."""
    from desktop_app.services.backup import BackupError, BackupService

    path = db_path(args)
    if not path.is_file():
        raise fail(say("no database at {path}", path=path))
    service = BackupService(path)
    out = Path(args.out) if args.out else None
    try:
        if out is None:
            info = service.backup_now("manual")
        elif out.is_dir() or out.suffix.lower() != ".zip":  # a folder (made if need be)
            info = service.backup_now("manual", target_dir=out)
        elif out.exists():
            raise fail(say("{out} exists", out=out))
        else:
            info = service.backup_to(out)
    except BackupError as error:
        print_problems(say("backup failed:"), error.problems)
        return 1
    if args.json:
        print(json.dumps(info.as_json(), ensure_ascii=False, indent=2))
    else:
        print(info.path)
        print(say("checked: ok · {size} bytes · {files} files", size=info.size, files=info.files))
    if info.missing:
        print(
            say(
                "warning: {count} referenced files were not in the file store",
                count=len(info.missing),
            ),
            file=sys.stderr,
        )
    return 0


@command(
    "restore",
    "put a backup in the database's place",
    arg("file", help="the backup (zip)"),
    writes=True,
    capability=Capability.RESTORE,
)
def cmd_restore(args: argparse.Namespace) -> int:
    """restore: check the backup, keep the database it replaces, put the backup in place."""
    from desktop_app.services.backup import BackupError, BackupRefused, BackupService

    path = db_path(args)
    try:
        result = BackupService(path).restore(Path(args.file))
    except BackupRefused as error:
        print_problems(say("not restored, the backup is bad:"), error.problems)
        return 1
    except BackupError as error:
        print_problems(say("not restored:"), error.problems)
        return 1
    print(say("restored {restored_from} → {path}", restored_from=result.restored_from, path=path))
    if result.kept is not None:
        print(say("the replaced database is kept in {kept}", kept=result.kept))
    return 0


@command("backups", "list the backups of the database", JSON)
def cmd_backups(args: argparse.Namespace) -> int:
    """backups: the backups folder of a database, newest first."""
    from desktop_app.services.backup import BackupService

    backups = BackupService(db_path(args)).list()
    if args.json:
        print(json.dumps([b.as_json() for b in backups], ensure_ascii=False, indent=2))
        return 0
    for b in backups:
        state = "ok" if b.ok else say("DAMAGED")
        print(f"{when(b.created, seconds=True)}  {b.kind:<14} {state:<6} {b.size:>12,}  {b.path}")
        for problem in b.problems:
            print(f"    ! {problem}")
    if not backups:
        print(say("no backups yet"))
    return 0
