"""What every command shares: its words, the database it opens (and closes), the lock
a writing command takes, the known failures with their messages and exit codes, and
how a written file is printed."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain import messages
from desktop_app.paths import DB_ENV, default_db_path
from desktop_app.store.address import as_address, is_server, shown

if TYPE_CHECKING:
    from desktop_app.services.app import AppServices


def say(message: messages.Message, /, **params: object) -> str:
    """``message`` (English, marked for the catalogue: Babel extracts say's first argument;
    ``NC_(context, message)`` where the English needs a Chinese of its own) in the language
    set, its {names} filled from ``params`` as messages.text fills them."""
    return messages.fill(messages.translate(message), **params)


def when(moment: dt.datetime, seconds: bool = False) -> str:
    """2025-09-01 14:30 (with :05 when ``seconds``): a moment as the commands print it."""
    return moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def clock(time: dt.time | None) -> str | None:
    """14:30; None for no time."""
    return f"{time:%H:%M}" if time else None


# --- the database a command opens --------------------------------------------------------


def db_address(args: argparse.Namespace) -> Path | str:
    """The database a command works on: --db, else $STUDIODESK_DB, else the data
    folder's. A file's path, or a school server's URL (``postgresql+psycopg://…``, kept as
    text); show it with ``shown`` (a URL's password is never printed)."""
    if getattr(args, "db", None):
        return as_address(args.db)
    if os.environ.get(DB_ENV):
        return as_address(os.environ[DB_ENV])
    from desktop_app.app_settings import load_app_settings

    data_dir = load_app_settings().data_dir
    return default_db_path(Path(data_dir) if data_dir else None)


def file_only(args: argparse.Namespace) -> Path:
    """The database file of a command that works on the file itself (backups, the demo);
    Failed (1, after saying so) when the database is a school server's."""
    address = db_address(args)
    if is_server(address):
        raise fail(
            say(
                "{command} works on a database file; {address} is a school server's database",
                command=args.command,
                address=shown(address),
            )
        )
    return Path(address)


def user(args: argparse.Namespace) -> str:
    """Who is recorded as 登记人 and in the history: --user, else the name given in the
    program's Settings (我的姓名) on this computer; empty: the computer's account name."""
    if getattr(args, "user", None):
        return args.user.strip()
    from desktop_app.app_settings import load_app_settings

    return load_app_settings().user_name


def open_services(args: argparse.Namespace, must_exist: bool = True, check: bool = True):
    """``check`` False: without SQLite's whole-file quick check (for a command that only
    reads, where a damaged page fails the read itself). ``must_exist`` False: a new file,
    or an empty server database, is given the schema (init). Signed in (``signed_in``)
    and checked for the command's capability (Refused, a ValidationError: exit 2)."""
    from desktop_app.domain.problems import StorageError
    from desktop_app.services.accounts import SignInFailed
    from desktop_app.services.app import AppServices
    from desktop_app.store import server_roles

    address = db_address(args)
    # on a server, signing in is connecting as the account (--user LOGIN)
    login = getattr(args, "user", None) if is_server(address) else None
    password = account_password(login) if login else ""
    if must_exist:
        try:
            _must_be_a_database(
                server_roles.signed_in_url(str(address), login, password) if login else address
            )
        except StorageError as error:
            if login and error.kind == "server_auth":  # the account's words, not the URL's
                raise SignInFailed() from None
            raise
    services = AppServices.open(
        address, check=check, user=user(args), login=login or "", password=password
    )
    try:
        signed_in(services, args)
        command = getattr(args, "run", None)
        if command is not None:
            services.require(command.capability_for(args))
    except BaseException:
        services.close()
        raise
    if must_exist and not services.studio.exists():
        services.close()
        raise SystemExit(say("{path} holds no studio yet", path=shown(address)))
    return services


PASSWORD_ENV = "STUDIODESK_PASSWORD"


def account_password(login: str) -> str:
    """The password of ``login``: $STUDIODESK_PASSWORD (scripts), else asked on the
    terminal, not echoed."""
    if os.environ.get(PASSWORD_ENV) is not None:
        return os.environ[PASSWORD_ENV]
    import getpass

    return getpass.getpass(say("Password of {login}: ", login=login))


def signed_in(services, args: argparse.Namespace) -> None:
    """With accounts on (issue 18), sign in as --user LOGIN; SystemExit when no login was
    given, SignInFailed (exit 2) when the login or the password is wrong."""
    if not services.needs_sign_in:
        return
    login = getattr(args, "user", None)
    if not login:
        raise SystemExit(
            say(
                "Accounts are on for this database: sign in with --user LOGIN (the password "
                "from ${env} or asked)",
                env=PASSWORD_ENV,
            )
        )
    services.sign_in(login, account_password(login))


def _must_be_a_database(address: Path | str) -> None:
    """SystemExit naming what is missing: the file, or (the server answering) the
    schema — a command other than init never makes a database by opening it."""
    if not is_server(address):
        if not Path(address).exists():
            raise SystemExit(say("no database at {path}", path=address))
        return
    from desktop_app.store.db import server_revision

    if server_revision(str(address)) is None:  # StorageError: unreachable, refused…
        raise SystemExit(
            say(
                "no StudioDesk database at {address}: the server answers, but this database "
                "holds no StudioDesk tables. Make it with: studiodesk init --db URL --name … "
                "--preset … (or studiodesk server-init URL)",
                address=shown(address),
            )
        )


@contextmanager
def opened(
    args: argparse.Namespace, must_exist: bool = True, check: bool = True
) -> Iterator[AppServices]:
    """The command's services, closed when it is done (or fails)."""
    services = open_services(args, must_exist=must_exist, check=check)
    try:
        yield services
    finally:
        services.close()


# --- failures: the message on stderr, the exit code ----------------------------------------


class Failed(Exception):
    """The command stops with ``code`` (its reason already said on stderr)."""

    def __init__(self, code: int = 1) -> None:
        super().__init__(code)
        self.code = code


def fail(message: object, code: int = 1) -> Failed:
    """Says ``message`` on stderr; ``raise fail(...)`` ends the command with ``code``."""
    print(message, file=sys.stderr)
    return Failed(code)


@contextmanager
def failing_on(*errors: type[BaseException], code: int = 1) -> Iterator[None]:
    """One of ``errors`` ends the command with its text on stderr and ``code``."""
    try:
        yield
    except errors as error:
        raise fail(str(error), code) from error


def refuse_problems(preview) -> None:
    """An import's preview with problems: each on stderr, and the command ends (1)."""
    if preview.problems:
        for line in preview.problem_lines():
            print(line, file=sys.stderr)
        raise Failed(1)


def import_file(args: argparse.Namespace, read, apply, error: type[Exception], show=None) -> int:
    """import-attendance, import-ledger: ``read`` the workbook at ``args.file`` into a
    preview (its problems end the command), ``show`` it, ``apply`` it and print what was
    done; ``error`` (with its ``message``) when the file cannot be read or applied."""
    with opened(args) as services:
        try:
            preview = read(Path(args.file), services)
            refuse_problems(preview)
            if show is not None:
                show(preview)
            summary = apply(preview, services)
        except error as failure:
            raise fail(failure.message) from failure
    print(summary)
    return 0


def print_problems(headline: str, problems) -> None:
    print(headline, file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)


# --- what a command prints ---------------------------------------------------------------


def print_written(path: Path, full_numbers: bool = False) -> None:
    """The file written, on its own line (scripts read it); whether it holds phone and
    ID numbers in full is said on stderr."""
    print(path)
    if full_numbers:
        print(messages.text("export_holds_full_numbers", path=path), file=sys.stderr)


def _text_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(rows: list[list[str]]) -> None:
    """Columns padded to their widest cell (a Chinese character counts twice)."""
    widths = [max(_text_width(row[c]) for row in rows) for c in range(len(rows[0]))]
    for row in rows:
        cells = [cell + " " * (widths[c] - _text_width(cell)) for c, cell in enumerate(row)]
        print("  ".join(cells).rstrip())


# --- years --------------------------------------------------------------------------------


def year_arg(services, text: str | None):
    """--year of the yearly reports and duties: a school year (2025, 2025-2026,
    2025-2026学年); the current one by default. Failed (2, after saying why) when bad."""
    from desktop_app.domain.school_year import SchoolYear

    if text is None:
        return services.year_facts.current_year()
    try:
        return SchoolYear.parse(text)
    except ValueError:
        raise fail(
            say("not a school year: {text} (e.g. 2025-2026 or 2025)", text=text),
            2,
        ) from None


def ledger_year(services, args: argparse.Namespace) -> int:
    if getattr(args, "year", None) is not None:
        return args.year
    ledger = services.ledger
    return ledger.fiscal_year_of(ledger.today()).start_year


# --- one writer at a time: the window's lock --------------------------------------------
#
# A command that writes takes the lock the window takes (gui/single_instance.py) for as
# long as it runs, and is refused while the window (or another writing command) has the
# database. Refused rather than let through: the window keeps what it shows — pages,
# forms half filled in, the balance a new expense is checked against before it is typed
# — and learns of changes from its own saves only (gui/bus.py), so an import under it
# would leave it showing, and acting on, records that are no longer so. The secretary is
# told who has the database open and does the import in the window (which has the same
# imports, with their preview) or after closing it. Commands that only read (check,
# ledger, reports, export, backup, verify…) keep working beside the window.


@contextmanager
def holding_database(args: argparse.Namespace) -> Iterator[None]:
    """The database file's lock for the whole command; SystemExit (1) when someone has
    it. None on a school server: there several PCs write at once by design."""
    from desktop_app.gui.single_instance import DatabaseLock, LockUnavailable
    from desktop_app.store.audit import current_user

    address = db_address(args)
    if is_server(address):
        # a school server's database is shared by design: its writers take turns inside
        # the database (store/db.py's advisory lock), and no file sits beside it
        yield
        return
    lock = DatabaseLock(address, user=user(args) or current_user(), program=args.command)
    try:
        held = lock.acquire()
    except LockUnavailable:
        # no folder yet (init makes it), or one that cannot be written (the command
        # says so itself): nobody can hold a lock there either
        yield
        return
    if not held:
        print(_open_elsewhere(lock), file=sys.stderr)
        raise SystemExit(1)
    try:
        yield
    finally:
        lock.release()


def _open_elsewhere(lock) -> str:
    """Who has the database open, and that nothing was written."""
    from desktop_app.gui.single_instance import WINDOW

    holder = lock.holder()
    who: list[str] = []
    if holder is not None:
        if holder.user:
            who.append(holder.user)
        who.append(say("computer {host}", host=holder.host))
        if holder.since is not None:
            since = when(holder.since)
            who.append(say("since {since}", since=since))
        else:
            who.append(say("process {pid}", pid=holder.pid))
    if holder is None or holder.program == WINDOW:
        head = say("The database is open in the StudioDesk window ({who})", who=say(", ").join(who))
        then = say("Do this in the window, or close the window and run the command again.")
    else:
        head = say(
            "The database is being changed by another command ({who})", who=say(", ").join(who)
        )
        then = say("Run this command again once that one has finished.")
    return head + say("; nothing was written. ") + then + "\n" + str(lock.path)
