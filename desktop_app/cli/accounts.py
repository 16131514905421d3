"""Accounts on the command line (issue 18): ``accounts list|add|role|password|deactivate|
enable|disable`` for the host, and ``server-init URL`` for the school's IT person."""

from __future__ import annotations

import argparse
import getpass
import os

from desktop_app.cli.common import PASSWORD_ENV, fail, opened, print_table, say
from desktop_app.cli.registry import Command, arg, command, register
from desktop_app.domain import messages
from desktop_app.domain.roles import AccountRole, Capability, role_name

# A new password for scripts (accounts add, password, enable); asked twice otherwise.
NEW_PASSWORD_ENV = "STUDIODESK_NEW_PASSWORD"


def _role(text: str) -> AccountRole:
    role = AccountRole.parse(text)
    if role is None:
        raise argparse.ArgumentTypeError(
            say("not an account role: {text} ({roles})", text=text, roles=AccountRole.words("/"))
        )
    return role


def new_password(env: str, login: str) -> str:
    """A new password: from ``env`` (scripts), else asked twice on the terminal."""
    if os.environ.get(env) is not None:
        return os.environ[env]
    first = getpass.getpass(say("New password of {login}: ", login=login))
    again = getpass.getpass(say("The same password again: "))
    if first != again:
        raise fail(messages.text("passwords_differ"), 2)
    return first


register(Command("accounts", "accounts and their roles (the host's)", None, subcommands="action"))


@command(
    "list", "the accounts, with their roles", parent="accounts", capability=Capability.ACCOUNTS
)
def cmd_accounts_list(args: argparse.Namespace) -> int:
    with opened(args) as services:
        rows = [[say("login"), say("name"), say("role"), say("active")]]
        for account in services.accounts.list():
            rows.append(
                [
                    account.login,
                    account.display_name,
                    role_name(account.role),
                    say("yes") if account.active else say("no"),
                ]
            )
    print_table(rows)
    return 0


@command(
    "add",
    "a new account (its password from $STUDIODESK_NEW_PASSWORD or asked twice)",
    arg("login"),
    arg("--name", required=True, help="the name recorded in the history"),
    arg("--role", type=_role, required=True, help=AccountRole.words("/")),
    parent="accounts",
    writes=True,
    capability=Capability.ACCOUNTS,
)
def cmd_accounts_add(args: argparse.Namespace) -> int:
    with opened(args) as services:
        password = new_password(NEW_PASSWORD_ENV, args.login)
        account = services.accounts.add(args.login, args.name, args.role, password)
    print(say("account {login} added ({role})", login=account.login, role=role_name(account.role)))
    return 0


@command(
    "role",
    "give an account another role",
    arg("login"),
    arg("role", type=_role, help=AccountRole.words("/")),
    parent="accounts",
    writes=True,
    capability=Capability.ACCOUNTS,
)
def cmd_accounts_role(args: argparse.Namespace) -> int:
    with opened(args) as services:
        account = services.accounts.set_role(args.login, args.role)
    print(say("account {login} is now {role}", login=account.login, role=role_name(account.role)))
    return 0


def _own(args: argparse.Namespace) -> bool:
    return not args.login or args.login.strip().lower() == (getattr(args, "user", "") or "").lower()


@command(
    "password",
    "a new password: your own (without LOGIN), or another account's (the host's)",
    arg("login", nargs="?"),
    parent="accounts",
    writes=True,
    capability=lambda a: Capability.READ if _own(a) else Capability.ACCOUNTS,
)
def cmd_accounts_password(args: argparse.Namespace) -> int:
    with opened(args) as services:
        if _own(args):
            if services.account is None:
                raise fail(say("Sign in with --user LOGIN to change your own password."), 2)
            old = os.environ.get(PASSWORD_ENV) or getpass.getpass(say("Current password: "))
            login = services.account.login
            services.accounts.change_own_password(login, old, new_password(NEW_PASSWORD_ENV, login))
        else:
            login = args.login
            services.accounts.reset_password(login, new_password(NEW_PASSWORD_ENV, login))
    print(say("the password of {login} is changed", login=login.strip().lower()))
    return 0


@command(
    "deactivate",
    "an account that can no longer sign in (kept, with its history)",
    arg("login"),
    parent="accounts",
    writes=True,
    capability=Capability.ACCOUNTS,
)
def cmd_accounts_deactivate(args: argparse.Namespace) -> int:
    with opened(args) as services:
        account = services.accounts.deactivate(args.login)
    print(say("account {login} can no longer sign in", login=account.login))
    return 0


@command(
    "enable",
    "turn accounts on for this database file, with its first host",
    arg("--login", required=True),
    arg("--name", required=True),
    parent="accounts",
    writes=True,
    capability=Capability.ACCOUNTS,
)
def cmd_accounts_enable(args: argparse.Namespace) -> int:
    with opened(args) as services:
        password = new_password(NEW_PASSWORD_ENV, args.login)
        account = services.accounts.enable_accounts(args.login, args.name, password)
    print(say("accounts are on; {login} is the host", login=account.login))
    return 0


@command(
    "disable",
    "turn accounts off for this database file (one PC again; the accounts are kept)",
    parent="accounts",
    writes=True,
    capability=Capability.ACCOUNTS,
)
def cmd_accounts_disable(args: argparse.Namespace) -> int:
    with opened(args) as services:
        services.accounts.disable_accounts()
    print(say("accounts are off"))
    return 0


@command(
    "server-init",
    "prepare a school server's database: schema, roles, the first host (as its owner)",
    arg("url", help="postgresql+psycopg://OWNER@HOST/DATABASE"),
    arg("--login", help="the first host's login (when the database has no host yet)"),
    arg("--name", default="", help="the first host's name"),
    with_db=False,
)
def cmd_server_init(args: argparse.Namespace) -> int:
    from desktop_app.services.server_init import init_server

    ready = init_server(
        args.url, args.login or "", args.name, lambda: new_password(PASSWORD_ENV, args.login)
    )
    print(
        say(
            "schema at {revision}; roles {groups}",
            revision=ready.revision,
            groups=", ".join(ready.groups),
        )
    )
    if ready.host is not None:
        print(say("first host: {login}", login=ready.host.login))
    return 0
