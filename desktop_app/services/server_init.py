"""``studiodesk server-init URL`` (issue 18): the school's IT person, connected as the
database's owner, prepares a server database — the schema brought to head, the three
group roles and their grants made afresh (store/server_roles.py), and the first host
account. Run again after an upgrade of the program, it upgrades the schema and grants a
new table; the accounts are left as they are."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from desktop_app.domain import messages
from desktop_app.domain.problems import Problem, ValidationError
from desktop_app.domain.roles import AccountRole, password_problem
from desktop_app.services.accounts import AccountInfo, AccountService
from desktop_app.store import server_roles
from desktop_app.store.db import open_database, write_transaction
from desktop_app.store.migrate import HEAD
from desktop_app.store.models import Account

INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE


@dataclass(frozen=True)
class ServerReady:
    revision: str  # the schema's, now head
    groups: tuple[str, ...]  # the PostgreSQL group roles
    host: AccountInfo | None  # the first host, when made now


def init_server(
    url: str, login: str = "", display_name: str = "", password: str = ""
) -> ServerReady:
    """Prepare the server database at ``url`` (as its owner). The first host (``login``,
    ``display_name``, ``password``) is made when no active host exists yet; without one
    then, nothing is granted to anyone who could sign in: ValidationError."""
    db = open_database(url)
    try:
        try:
            with db.engine.connect() as connection, write_transaction(connection).begin():
                server_roles.grant_all(connection)
                database = connection.exec_driver_sql("SELECT current_database()").scalar_one()
        except DBAPIError as error:
            # an owner made without CREATEROLE (createuser's default): the groups cannot
            # be made; nothing of them was (one transaction). Said with what to do.
            if getattr(error.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
                raise
            role = make_url(url).username or ""
            raise ValidationError(
                [Problem("url", messages.text("server_init_cannot_create_roles", role=role))]
            ) from None
        with db.reading() as session:
            hosts = session.scalar(
                select(func.count())
                .select_from(Account)
                .where(Account.active.is_(True), Account.role == AccountRole.HOST.code)
            )
        host = None
        if not hosts:
            if not login:
                raise ValidationError([Problem("login", messages.text("first_host_needed"))])
            secret = password()
            problem = password_problem(secret)
            if problem is not None:
                raise ValidationError([problem])
            db.accounts_required = True
            db.role = AccountRole.HOST  # the owner: no account, the host's rights
            host = AccountService(db).add(login, display_name, AccountRole.HOST, secret)
        groups = tuple(server_roles.group_name(database, role) for role in AccountRole)
        return ServerReady(HEAD, groups, host)
    finally:
        db.close()
