"""Accounts (issue 18): who signs in, with which role, and the host's changes to them.

On an SQLite file accounts are off until the host turns them on (``enable_accounts``):
then every program and command that opens the file signs in, and the password is checked
here against its argon2id hash. On a school server they are always on, and signing in is
connecting as the account's PostgreSQL role (store/server_roles.py): PostgreSQL checks the
password (SCRAM), so no argon2id hash is kept there — one secret per account, the one the
server checks, rather than a second copy to keep in step and to hide.

argon2-cffi's PasswordHasher: argon2id with RFC 9106's parameters, a salt per hash, and
``check_needs_rehash`` — a hash made with older parameters is made again at the next
sign-in. Accounts are never deleted (``deactivate``); every change is in the audit log
(the hash itself is not: store/audit.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session, undefer

from desktop_app.domain import messages
from desktop_app.domain.problems import Problem, ValidationError
from desktop_app.domain.roles import (
    AccountRole,
    Capability,
    Refused,
    login_problem,
    normal_login,
    password_problem,
)
from desktop_app.services.guard import requires
from desktop_app.store import server_roles
from desktop_app.store.db import Database
from desktop_app.store.models import Account

# One hasher for the program; tests may swap it for one with other parameters (rehash).
HASHER = PasswordHasher()
# Verified when a login is unknown, so that a wrong login takes as long as a wrong password
_DUMMY_HASH = HASHER.hash("not a password of anyone")


@dataclass(frozen=True)
class AccountInfo:
    id: int
    login: str
    display_name: str
    role: AccountRole
    active: bool
    created_at: dt.datetime
    changed_at: dt.datetime

    @property
    def recorded_as(self) -> str:
        return recorded_name(self.display_name, self.login)


def recorded_name(display_name: str, login: str) -> str:
    """How an account is recorded in the history, as 登记人 and 经办人: 陈静 (chenjing)."""
    return f"{display_name} ({login})"


def _info(row: Account) -> AccountInfo:
    return AccountInfo(
        id=row.id,
        login=row.login,
        display_name=row.display_name,
        role=AccountRole.from_code(row.role),
        active=bool(row.active),
        created_at=row.created_at,
        changed_at=row.changed_at,
    )


class SignInFailed(ValidationError):
    """The login or the password is wrong (one message: it does not say which)."""

    def __init__(self) -> None:
        super().__init__([Problem("", messages.text("sign_in_failed"))])


def _check_new(login: str, display_name: str, password: str) -> None:
    problems = [
        p
        for p in (
            login_problem(login),
            password_problem(password),
            None
            if display_name.strip()
            else Problem("display_name", messages.text("required", field="display_name")),
        )
        if p is not None
    ]
    if problems:
        raise ValidationError(problems)


class AccountService:
    def __init__(self, db: Database):
        self.db = db

    # --- whether accounts are on -------------------------------------------------------

    def accounts_required(self) -> bool:
        """Always on a server; on a file once the host has turned them on (an active
        account exists)."""
        if self.db.server:
            return True
        with self.db.reading() as session:
            return _active_count(session) > 0

    def enable_accounts(self, login: str, display_name: str, password: str) -> AccountInfo:
        """Accounts on for this file, with its first host (or the host ``login`` of an
        earlier time made active again with this password). Only while they are off."""
        if self.db.server:
            raise ValidationError([Problem("", messages.text("accounts_already_on"))])
        _check_new(login, display_name, password)
        login = normal_login(login)
        with self.db.unit_of_work(cause="启用账号") as session:
            if _active_count(session) > 0:
                raise ValidationError([Problem("", messages.text("accounts_already_on"))])
            row = session.scalar(select(Account).where(Account.login == login))
            if row is None:
                row = Account(login=login, display_name="", role="", active=True)
                session.add(row)
            row.display_name = display_name.strip()
            # the first host turns accounts on: the history names them from this change on
            session.info["user"] = recorded_name(row.display_name, login)
            row.role = AccountRole.HOST.code
            row.active = True
            row.password_hash = HASHER.hash(password)
            session.flush()
            info = _info(row)
        self.db.accounts_required = True
        self.db.role = AccountRole.HOST
        self.db.user = info.recorded_as
        return info

    @requires(Capability.ACCOUNTS)
    def disable_accounts(self) -> None:
        """Accounts off for this file (one PC again): every account is made inactive,
        kept with its history; ``enable_accounts`` turns them on again."""
        if self.db.server:
            raise ValidationError([Problem("", messages.text("accounts_on_server"))])
        with self.db.unit_of_work(cause="停用账号") as session:
            for row in session.scalars(select(Account).where(Account.active.is_(True))):
                row.active = False
        self.db.accounts_required = False
        self.db.role = None

    # --- signing in ---------------------------------------------------------------------

    def sign_in(self, login: str, password: str) -> AccountInfo:
        """The active account ``login`` when ``password`` is its own (on a file);
        SignInFailed otherwise, whichever was wrong. A hash made with older parameters is
        made again. (On a server, AppServices.open signs in by connecting.)"""
        row, stored = self._checked(login, password)
        info = _info(row)
        self.db.role = info.role
        self.db.user = info.recorded_as
        if HASHER.check_needs_rehash(stored):
            with self.db.unit_of_work(cause="密码参数更新") as session:
                session.get(Account, info.id).password_hash = HASHER.hash(password)
        return info

    def _checked(self, login: str, password: str) -> tuple[Account, str]:
        """The active account ``login`` and its hash, when ``password`` is its own (on a
        file); SignInFailed otherwise — as slow for an unknown login as for a wrong
        password, and with the same words."""
        with self.db.reading() as session:
            row = session.scalar(
                select(Account)
                .where(Account.login == normal_login(login), Account.active.is_(True))
                .options(undefer(Account.password_hash))
            )
            stored = row.password_hash if row is not None else None
        try:
            HASHER.verify(stored or _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            raise SignInFailed() from None
        if row is None or stored is None:
            raise SignInFailed()
        return row, stored

    def signed_in_on_server(self, login: str | None) -> AccountInfo | None:
        """The account this server connection is signed in as (``login``, from the
        connection's role); None for the database's owner (the IT person), who is no
        account and may do what the host may. SignInFailed for an inactive or unknown
        account (PostgreSQL let it connect: a role left behind)."""
        if login is None:
            self.db.role = AccountRole.HOST
            return None
        with self.db.reading() as session:
            row = session.scalar(
                select(Account).where(Account.login == login, Account.active.is_(True))
            )
            if row is None:
                raise SignInFailed()
            info = _info(row)
        self.db.role = info.role
        self.db.user = info.recorded_as
        return info

    # --- the host's changes ------------------------------------------------------------

    @requires(Capability.ACCOUNTS)
    def list(self) -> list[AccountInfo]:
        with self.db.reading() as session:
            rows = session.scalars(select(Account).order_by(Account.login))
            return [_info(row) for row in rows]

    @requires(Capability.ACCOUNTS)
    def add(self, login: str, display_name: str, role: AccountRole, password: str) -> AccountInfo:
        _check_new(login, display_name, password)
        login = normal_login(login)
        with self.db.unit_of_work(cause="新建账号") as session:
            if session.scalar(select(Account.id).where(Account.login == login)) is not None:
                raise ValidationError([Problem("login", messages.text("login_taken", value=login))])
            row = Account(
                login=login,
                display_name=display_name.strip(),
                role=role.code,
                active=True,
                password_hash=None if self.db.server else HASHER.hash(password),
            )
            session.add(row)
            session.flush()
            if self.db.server:
                server_roles.create_login(session.connection(), login, role, password)
            return _info(row)

    @requires(Capability.ACCOUNTS)
    def set_role(self, login: str, role: AccountRole) -> AccountInfo:
        with self.db.unit_of_work(cause="更改账号角色") as session:
            row = _account(session, login)
            old = AccountRole.from_code(row.role)
            if old is role:
                return _info(row)
            if old is AccountRole.HOST and row.active:
                _keep_a_host(session, row)
            row.role = role.code
            session.flush()
            if self.db.server:
                server_roles.set_group(session.connection(), row.login, old, role)
            return _info(row)

    @requires(Capability.ACCOUNTS)
    def reset_password(self, login: str, password: str) -> None:
        problem = password_problem(password)
        if problem is not None:
            raise ValidationError([problem])
        with self.db.unit_of_work(cause="重设密码") as session:
            row = _account(session, login)
            row.changed_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            if self.db.server:
                server_roles.set_password(session.connection(), row.login, password)
            else:
                row.password_hash = HASHER.hash(password)

    @requires(Capability.ACCOUNTS)
    def deactivate(self, login: str) -> AccountInfo:
        """``login`` can no longer sign in (kept, with its history). Never the last
        active host."""
        with self.db.unit_of_work(cause="停用账号") as session:
            row = _account(session, login)
            if row.active and row.role == AccountRole.HOST.code:
                _keep_a_host(session, row)
            row.active = False
            session.flush()
            if self.db.server:
                server_roles.set_can_login(session.connection(), row.login, False)
            return _info(row)

    @requires(Capability.ACCOUNTS)
    def activate(self, login: str) -> AccountInfo:
        with self.db.unit_of_work(cause="启用账号") as session:
            row = _account(session, login)
            row.active = True
            session.flush()
            if self.db.server:
                server_roles.set_can_login(session.connection(), row.login, True)
            return _info(row)

    def change_own_password(self, login: str, old: str, new: str) -> None:
        """The signed-in account's own password (any role). ``old`` is checked first."""
        problem = password_problem(new)
        if problem is not None:
            raise ValidationError([problem])
        login = normal_login(login)
        if self.db.server:
            self._check_server_password(login, old)
            with self.db.engine.begin() as connection:
                server_roles.set_password(connection, login, new, own=True)
            return
        row, _stored = self._checked(login, old)
        with self.db.unit_of_work(cause="修改密码") as session:
            session.get(Account, row.id).password_hash = HASHER.hash(new)

    def _check_server_password(self, login: str, password: str) -> None:
        from sqlalchemy.exc import DBAPIError

        from desktop_app.store.db import make_engine

        url = server_roles.signed_in_url(
            self.db.engine.url.render_as_string(hide_password=False), login, password
        )
        engine = make_engine(url)
        try:
            with engine.connect():
                pass
        except DBAPIError as error:
            if server_roles.is_sign_in_refusal(error):
                raise SignInFailed() from None
            raise
        finally:
            engine.dispose()


def _active_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Account).where(Account.active.is_(True)))


def _account(session: Session, login: str) -> Account:
    row = session.scalar(select(Account).where(Account.login == normal_login(login)))
    if row is None:
        raise ValidationError(
            [Problem("login", messages.text("no_such_account", value=login.strip()))]
        )
    return row


def _keep_a_host(session: Session, leaving: Account) -> None:
    others = session.scalar(
        select(func.count())
        .select_from(Account)
        .where(
            Account.active.is_(True),
            Account.role == AccountRole.HOST.code,
            Account.id != leaving.id,
        )
    )
    if not others:
        raise ValidationError([Problem("", messages.text("last_host", value=leaving.login))])


__all__ = ["AccountInfo", "AccountService", "Refused", "SignInFailed"]
