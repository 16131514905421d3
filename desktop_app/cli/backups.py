"""Backups of the database: backup, restore and backups."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop_app.cli.arguments import JSON
from desktop_app.cli.common import (
    Failed,
    db_address,
    fail,
    open_services,
    print_problems,
    say,
    shown,
    when,
)
from desktop_app.cli.registry import arg, command
from desktop_app.domain.roles import Capability
from desktop_app.store.address import is_server


def _server_url(args: argparse.Namespace) -> str | None:
    """The PostgreSQL URL given with --db or STUDIODESK_DB (None: a database file)."""
    address = db_address(args)
    return address if is_server(address) else None


def _service(args: argparse.Namespace):
    """The backups of the database the command names: a file's, or a server's kept in
    its stand-in's backups folder on this PC."""
    from desktop_app.services.backup import BackupService

    url = _server_url(args)
    if url is None:
        return BackupService(db_address(args))
    from desktop_app.services.server_backup import ServerBackupService
    from desktop_app.store.db import server_stand_in

    return ServerBackupService(url, server_stand_in(url))


@command(
    "backup",
    "write a checked backup (zip) of the database",
    arg("--out", help="the zip to write, or a folder (default: the backups folder)"),
    JSON,
    capability=Capability.REPORTS,
)
def cmd_backup(args: argparse.Namespace) -> int:
    """backup: a checked copy of the database and its files (zip), never migrated first."""
    from desktop_app.services.backup import BackupError

    if _server_url(args) is None:
        path = db_address(args)
        if not path.is_file():
            raise fail(say("no database at {path}", path=path))
    service = _service(args)
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
        if info.server:
            print(say("checked: ok · {size} bytes · {rows} rows", size=info.size, rows=info.rows))
        else:
            print(
                say("checked: ok · {size} bytes · {files} files", size=info.size, files=info.files)
            )
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
    arg(
        "--into",
        metavar="NAME",
        help="a server database's backup: the new database to restore it into "
        "(the one in use is never replaced)",
    ),
    writes=lambda args: _server_url(args) is None,
    capability=Capability.RESTORE,
)
def cmd_restore(args: argparse.Namespace) -> int:
    """restore: check the backup, keep the database it replaces, put the backup in place;
    on a server, restore it into a new database and say where to connect."""
    _may_restore(args)
    if _server_url(args) is not None:
        return _restore_on_server(args)
    if args.into:
        raise fail(say("--into is for a server database; a file's backup replaces the file"))
    path = db_address(args)
    result = _restored(lambda: _service(args).restore(Path(args.file)))
    print(say("restored {restored_from} → {path}", restored_from=result.restored_from, path=path))
    if result.kept is not None:
        print(say("the replaced database is kept in {kept}", kept=result.kept))
    return 0


def _restored(restore):
    """What ``restore()`` gives; a refusal printed with its reasons ends the command."""
    from desktop_app.services.backup import BackupError, BackupRefused

    try:
        return restore()
    except BackupRefused as error:
        print_problems(say("not restored, the backup is bad:"), error.problems)
    except BackupError as error:
        print_problems(say("not restored:"), error.problems)
    raise Failed(1)


def _restore_on_server(args: argparse.Namespace) -> int:
    if not args.into:
        raise fail(
            say("a server database is restored into a new database: give its name with --into NAME")
        )
    result = _restored(lambda: _service(args).restore_into(Path(args.file), args.into))
    print(
        say(
            "restored {restored_from} into the new database {name} ({rows} rows, checked)",
            restored_from=result.restored_from,
            name=result.database,
            rows=result.rows,
        )
    )
    print(say("connect to it with: --db {url}", url=shown(result.url)))
    return 0


def _may_restore(args: argparse.Namespace) -> None:
    """With accounts on, only the host restores (issue 18): the database is opened to
    sign in and check (Refused: exit 2). One that cannot be opened — damaged, a newer
    program's — has no accounts to ask, and restoring it is what it needs."""
    from desktop_app.domain.problems import StorageError

    address = db_address(args)
    if not is_server(address) and not Path(address).is_file():
        return
    try:
        services = open_services(args, must_exist=False, check=False)
    except StorageError:
        return
    services.close()


@command("backups", "list the backups of the database", JSON)
def cmd_backups(args: argparse.Namespace) -> int:
    """backups: the backups folder of a database, newest first."""
    backups = _service(args).list()
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
