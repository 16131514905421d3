"""Alembic environment, as in Alembic's own template: the migrations run on what they
are given in ``config.attributes["connection"]`` — a Connection (the program's own
path: migrate.py hands over one with foreign keys off, inside its BEGIN IMMEDIATE) or an
Engine (pytest-alembic, a script) — or on the database at ``sqlalchemy.url`` (the
``alembic`` command); offline (``--sql``) they print the SQL for that URL."""

from alembic import context
from sqlalchemy import Connection, Engine, create_engine, pool

from desktop_app.store.models import Base

config = context.config
target_metadata = Base.metadata
OPTIONS = {"target_metadata": target_metadata, "render_as_batch": True, "compare_type": True}


def _migrate(connection: Connection) -> None:
    context.configure(connection=connection, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


def _migrate_engine(engine: Engine) -> None:
    """On a connection of its own, following SQLite's procedure for changing tables as
    migrate.py does: foreign keys off while a table is rebuilt (batch mode), on again."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # no effect inside BEGIN
            connection.commit()
        try:
            _migrate(connection)
            connection.commit()
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError(
            'no database: set "sqlalchemy.url", or pass a Connection or Engine in '
            'config.attributes["connection"] (the program does so in store/migrate.py)'
        )
    return url


def run() -> None:
    if context.is_offline_mode():
        context.configure(url=_url(), literal_binds=True, **OPTIONS)
        with context.begin_transaction():
            context.run_migrations()
        return
    given = config.attributes.get("connection")
    if isinstance(given, Connection):
        _migrate(given)
    elif isinstance(given, Engine):
        _migrate_engine(given)
    elif given is None:
        engine = create_engine(_url(), poolclass=pool.NullPool)
        try:
            _migrate_engine(engine)
        finally:
            engine.dispose()
    else:
        raise TypeError(f"cannot run migrations on {type(given).__name__}")


run()
