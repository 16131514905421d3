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
  with CREATEROLE run such DDL, and there CREATEROLE reaches every non-superuser role of
  the cluster — another studio's, and the predefined ones (pg_read_server_files, …): a
  host with psql could make themselves nearly a superuser. So no account and no group
  has CREATEROLE. The host group may EXECUTE four SECURITY DEFINER functions instead
  (ACCOUNT_FUNCTIONS), owned by the database's owner (who made the groups, so has
  CREATEROLE), that do exactly the account changes and nothing more: a login role of
  this database, in one of its three groups, with a SCRAM verifier for a password.
* Passwords reach the server as SCRAM-SHA-256 verifiers computed by libpq on this PC
  (PQencryptPasswordConn): the plain password is never in a statement or a server log.

``studiodesk server-init`` (as the database's owner) makes the groups and grants
(``grant_all``, idempotent: run again after an upgrade, for a new table)."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text
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
    "evidence_file",
    "evidence_chunk",
    "audit_log",
    "change_counter",
    "change_log",
)
# What neither viewer nor secretary may read: the studio's signing key.
HIDDEN = ("signing_key",)
SIGNING_KEY_SHOWN = ("id", "fingerprint", "created_at")  # every role reads these columns
# The document cache (documents/bundle/cache.py) is written by the host alone, though
# every role reads it: a document another role put there would be signed at the host's
# next export. Another role's PC makes its documents afresh (a cache that cannot be
# written is no error).
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


def may_change_schema(engine: Engine) -> bool:
    """Whether the connection's role may upgrade the schema: the database's owner (or a
    member of its role, or a superuser), as server-init connects — never an account."""
    with engine.connect() as connection:
        return bool(
            connection.execute(
                text(
                    "SELECT pg_has_role(current_user, d.datdba, 'USAGE') FROM pg_database AS d "
                    "WHERE d.datname = current_database()"
                )
            ).scalar()
        )


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
    connection.exec_driver_sql(f"ALTER ROLE {groups[AccountRole.HOST]} NOCREATEROLE")
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
            # the key's fingerprint and date (Settings shows them), never the key
            columns = ", ".join(quote(c) for c in SIGNING_KEY_SHOWN)
            connection.exec_driver_sql(f"GRANT SELECT ({columns}) ON {name} TO {readers}")
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
    for name, (arguments, body) in ACCOUNT_FUNCTIONS.items():
        connection.exec_driver_sql(  # (%% : psycopg reads a lone % as a placeholder)
            f"CREATE OR REPLACE FUNCTION {name}({arguments}) RETURNS void LANGUAGE plpgsql "
            f"SECURITY DEFINER SET search_path = pg_catalog AS $fn$ {_DECLARE} BEGIN {body} END $fn$".replace(
                "%", "%%"
            )
        )
        signature = ", ".join(a.split()[1] for a in arguments.split(", "))
        connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {name}({signature}) FROM PUBLIC")
        connection.exec_driver_sql(
            f"GRANT EXECUTE ON FUNCTION {name}({signature}) TO {groups[AccountRole.HOST]}"
        )


# The account changes the host group may make (SECURITY DEFINER: as the database's owner),
# each limited to this database's login roles and groups. ``login`` is checked as
# domain/roles.py checks it; a password arrives as a SCRAM verifier only (never plain).
_ROLE = "current_database() || '.' || login"
_GROUP = "current_database() || '/' || {0}"
_DECLARE = "DECLARE who text; "  # the login role's name
_VALID = (
    "IF login !~ '^[a-z][a-z0-9_-]{0,31}$' THEN RAISE EXCEPTION 'not a login: %', login; "
    "END IF; who := " + _ROLE + "; "
)


def _group_valid(argument: str) -> str:
    return (
        f"IF {argument} NOT IN ('host', 'secretary', 'viewer') THEN "
        f"RAISE EXCEPTION 'not a group: %', {argument}; END IF; "
    )


_SCRAM = (
    "IF verifier NOT LIKE 'SCRAM-SHA-256$%' THEN RAISE EXCEPTION 'a SCRAM verifier only'; END IF; "
)
ACCOUNT_FUNCTIONS: dict[str, tuple[str, str]] = {
    "studiodesk_account_create": (
        "login text, grp text, verifier text",
        _VALID
        + _group_valid("grp")
        + _SCRAM
        + "IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who) THEN "
        "EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', who, verifier); "
        "EXECUTE format('REVOKE %I, %I, %I FROM %I', current_database() || '/host', "
        "current_database() || '/secretary', current_database() || '/viewer', who); "
        "EXECUTE format('GRANT %I TO %I', " + _GROUP.format("grp") + ", who); "
        "ELSE EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', who, verifier, "
        + _GROUP.format("grp")
        + "); END IF;",
    ),
    "studiodesk_account_group": (
        "login text, old text, grp text",
        _VALID
        + _group_valid("old")
        + _group_valid("grp")
        + "EXECUTE format('REVOKE %I FROM %I', "
        + _GROUP.format("old")
        + ", who); "
        "EXECUTE format('GRANT %I TO %I', " + _GROUP.format("grp") + ", who);",
    ),
    "studiodesk_account_password": (
        "login text, verifier text",
        _VALID + _SCRAM + "EXECUTE format('ALTER ROLE %I PASSWORD %L', who, verifier);",
    ),
    "studiodesk_account_login": (
        "login text, can boolean",
        _VALID + "IF can THEN EXECUTE format('ALTER ROLE %I LOGIN', who); "
        "ELSE EXECUTE format('ALTER ROLE %I NOLOGIN', who); END IF;",
    ),
}


def _verifier(connection: Connection, role: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of ``password`` for ``role``, made by libpq here."""
    pgconn = connection.connection.dbapi_connection.pgconn
    return pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256").decode()


def create_login(connection: Connection, login: str, role: AccountRole, password: str) -> None:
    """The login role of a new account (an earlier account's role of that name, left
    behind, is taken over), in ``role``'s group."""
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    verifier = _verifier(connection, login_role(database, login), password)
    connection.execute(
        text("SELECT studiodesk_account_create(:login, :grp, :verifier)"),
        {"login": login, "grp": role.code, "verifier": verifier},
    )


def set_group(connection: Connection, login: str, old: AccountRole, new: AccountRole) -> None:
    connection.execute(
        text("SELECT studiodesk_account_group(:login, :old, :new)"),
        {"login": login, "old": old.code, "new": new.code},
    )


def set_password(connection: Connection, login: str, password: str, own: bool = False) -> None:
    """A new password for ``login``'s role; ``own``: the signed-in account's own (any
    role may change its own password, with no function of the host's)."""
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    name = login_role(database, login)
    verifier = _verifier(connection, name, password)
    if own:
        connection.exec_driver_sql(f"ALTER ROLE {quote(name)} PASSWORD {literal(verifier)}")
        return
    connection.execute(
        text("SELECT studiodesk_account_password(:login, :verifier)"),
        {"login": login, "verifier": verifier},
    )


def set_can_login(connection: Connection, login: str, active: bool) -> None:
    connection.execute(
        text("SELECT studiodesk_account_login(:login, :can)"), {"login": login, "can": active}
    )


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
