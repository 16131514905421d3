"""Accounts as PostgreSQL roles (issue 18, item 4): the database refuses what a role may
not do, whatever the client — the program, psql, a script.

* Three group roles per database, NOLOGIN: ``<database>/host``, ``<database>/secretary``,
  ``<database>/viewer``. PostgreSQL's roles belong to the whole cluster, so the database's
  name is in theirs: several studios' databases on one server do not share a role.
* One LOGIN role per account, ``<database>.<login>``, in exactly one group. A login is
  letters, digits, _ and - (domain/roles.py), so neither name can be another's.
* Grants: the viewer SELECTs the tables, but not the hidden ones (HIDDEN: the signing
  key) nor the accounts' password hashes; the secretary also writes SECRETARY_WRITES; the
  host has every table and sequence. CONNECT to the database is the groups' alone.
* Account changes (a new account, its role, its password, NOLOGIN for an inactive one) are
  role DDL, which is transactional in PostgreSQL: they run inside the host's unit of work
  with the account row, and commit or roll back together. PostgreSQL 15 lets only a role
  with CREATEROLE do that, and role attributes are never inherited from a group: the
  host group alone has CREATEROLE, and the program takes it for one transaction with
  SET LOCAL ROLE. (In PostgreSQL 15 CREATEROLE reaches every non-superuser role of the
  cluster; 16 narrows it to the roles one administers. A host is trusted with that.)
* Passwords reach the server as SCRAM-SHA-256 verifiers computed by libpq on this PC
  (PQencryptPasswordConn): the plain password is never in a statement or a server log.

``studiodesk server-init`` (as the database's owner) makes the groups and grants
(``grant_all``, idempotent: run again after an upgrade, for a new table)."""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from desktop_app.domain import messages
from desktop_app.domain.problems import Problem, ValidationError
from desktop_app.domain.roles import AccountRole

# The tables a secretary writes (activities, attendance and its flags, receipts and
# expenses, growth records, task evidence, their files, and the history of every
# change). A new table a secretary writes is added here; server-init grants it.
SECRETARY_WRITES = (
    "activity",
    "activity_attachment",
    "attendance_mark",
    "attendance_flag_event",
    "ledger_entry",
    "ledger_entry_attachment",
    "attachment",
    "growth_record",
    "growth_record_attachment",
    "development_goal",
    "plan_task_evidence",
    "audit_log",
)
# What neither viewer nor secretary may read (helper "stored": the studio's signing key).
HIDDEN = ("signing_key",)
# account's columns the viewer and the secretary read (not password_hash)
ACCOUNT_COLUMNS = ("id", "login", "display_name", "role", "active", "created_at", "changed_at")
MAX_NAME = 63  # PostgreSQL's identifiers (NAMEDATALEN - 1 bytes)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def database_name(url: str) -> str:
    return make_url(url).database or ""


def group_name(database: str, role: AccountRole) -> str:
    return f"{database}/{role.code}"


def login_role(database: str, login: str) -> str:
    """The PostgreSQL role of the account ``login`` (what psql's -U takes)."""
    name = f"{database}.{login}"
    if len(name.encode()) > MAX_NAME:
        raise ValidationError([Problem("login", messages.text("server_name_too_long", value=name))])
    return name


def signed_in_url(url: str, login: str, password: str) -> str:
    """``url`` connecting as the account ``login``: on a server, signing in IS
    connecting, and PostgreSQL checks the password (SCRAM)."""
    parsed = make_url(url)
    return parsed.set(
        username=login_role(parsed.database or "", login), password=password
    ).render_as_string(hide_password=False)


def login_of(connection: Connection) -> str | None:
    """The account login this connection is signed in as; None: a role that is no
    account's (the database's owner, the IT person)."""
    database, user = connection.execute(text("SELECT current_database(), current_user")).one()
    prefix = f"{database}."
    return user[len(prefix) :] if user.startswith(prefix) else None


def _role_exists(connection: Connection, name: str) -> bool:
    return bool(
        connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
    )


def _tables(connection: Connection) -> list[str]:
    return list(
        connection.execute(
            text(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "ORDER BY tablename"
            )
        ).scalars()
    )


def grant_all(connection: Connection) -> None:
    """Make the three groups (if missing) and give each its grants, afresh: what a group
    was given before is revoked first, so that a run after an upgrade leaves exactly what
    this program's version says. As the database's owner (server-init)."""
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    groups = {role: quote(group_name(database, role)) for role in AccountRole}
    for role, group in groups.items():
        if not _role_exists(connection, group_name(database, role)):
            connection.exec_driver_sql(f"CREATE ROLE {group} NOLOGIN")
    connection.exec_driver_sql(f"ALTER ROLE {groups[AccountRole.HOST]} CREATEROLE")
    every = ", ".join(groups.values())
    db = quote(database)
    connection.exec_driver_sql(f"REVOKE ALL ON DATABASE {db} FROM PUBLIC")
    connection.exec_driver_sql(f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {every}")
    connection.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {every}")
    connection.exec_driver_sql(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {every}")
    connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {every}")
    readers = f"{groups[AccountRole.VIEWER]}, {groups[AccountRole.SECRETARY]}"
    secretary = groups[AccountRole.SECRETARY]
    for table in _tables(connection):
        name = quote(table)
        connection.exec_driver_sql(f"GRANT ALL ON {name} TO {groups[AccountRole.HOST]}")
        if table in HIDDEN:
            continue
        if table == "account":
            columns = ", ".join(quote(c) for c in ACCOUNT_COLUMNS)
            connection.exec_driver_sql(f"GRANT SELECT ({columns}) ON {name} TO {readers}")
            continue
        connection.exec_driver_sql(f"GRANT SELECT ON {name} TO {readers}")
        if table in SECRETARY_WRITES:
            connection.exec_driver_sql(f"GRANT INSERT, UPDATE, DELETE ON {name} TO {secretary}")
    connection.exec_driver_sql(
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO "
        f"{groups[AccountRole.HOST]}, {secretary}"
    )


def _verifier(connection: Connection, role: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of ``password`` for ``role``, made by libpq here."""
    pgconn = connection.connection.dbapi_connection.pgconn
    return pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256").decode()


def _as_host(connection: Connection) -> None:
    """The host group's CREATEROLE for the rest of this transaction (attributes are not
    inherited; SET LOCAL ends with the commit or rollback). The database's owner needs no
    such step."""
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    if login_of(connection) is not None:
        connection.exec_driver_sql(
            f"SET LOCAL ROLE {quote(group_name(database, AccountRole.HOST))}"
        )


def create_login(connection: Connection, login: str, role: AccountRole, password: str) -> None:
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    name = login_role(database, login)
    _as_host(connection)
    verifier = _verifier(connection, name, password)
    if _role_exists(connection, name):  # left by an account of an earlier try: taken over
        connection.exec_driver_sql(f"ALTER ROLE {quote(name)} LOGIN PASSWORD {literal(verifier)}")
        for other in AccountRole:
            connection.exec_driver_sql(
                f"REVOKE {quote(group_name(database, other))} FROM {quote(name)}"
            )
        connection.exec_driver_sql(f"GRANT {quote(group_name(database, role))} TO {quote(name)}")
        return
    connection.exec_driver_sql(
        f"CREATE ROLE {quote(name)} LOGIN PASSWORD {literal(verifier)} "
        f"IN ROLE {quote(group_name(database, role))}"
    )


def set_group(connection: Connection, login: str, old: AccountRole, new: AccountRole) -> None:
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    name = quote(login_role(database, login))
    _as_host(connection)
    connection.exec_driver_sql(f"REVOKE {quote(group_name(database, old))} FROM {name}")
    connection.exec_driver_sql(f"GRANT {quote(group_name(database, new))} TO {name}")


def set_password(connection: Connection, login: str, password: str, own: bool = False) -> None:
    """A new password for ``login``'s role; ``own``: the signed-in account's own (any
    role may change its own password; no CREATEROLE needed)."""
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    name = login_role(database, login)
    if not own:
        _as_host(connection)
    verifier = _verifier(connection, name, password)
    connection.exec_driver_sql(f"ALTER ROLE {quote(name)} PASSWORD {literal(verifier)}")


def set_can_login(connection: Connection, login: str, active: bool) -> None:
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    _as_host(connection)
    word = "LOGIN" if active else "NOLOGIN"
    connection.exec_driver_sql(f"ALTER ROLE {quote(login_role(database, login))} {word}")


def is_sign_in_refusal(error: BaseException | None) -> bool:
    """Whether a failed connection is the server refusing the login or the password: a
    wrong password, an unknown role, a NOLOGIN one. A connection refused at its start
    carries no SQLSTATE (libpq has no result to read it from), so the server's words
    are read (PostgreSQL's own, in the server's language: English by default)."""
    while error is not None:
        state = getattr(error, "sqlstate", None)
        if state:
            return str(state).startswith("28")
        words = str(error)
        if any(phrase in words for phrase in _REFUSED_SIGN_IN):
            return True
        error = getattr(error, "orig", None) or error.__cause__
    return False


_REFUSED_SIGN_IN = (
    "password authentication failed",
    "is not permitted to log in",
    "no password supplied",
)
