"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, create_engine, inspect, text

from desktop_app.store.db import make_engine, open_database
from desktop_app.store.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    upgrade_to_head,
)
from desktop_app.store.models import Base


def _engine(tmp_path):
    return make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")


def test_upgrade_builds_every_table(tmp_path):
    engine = _engine(tmp_path)
    try:
        assert current_revision(engine) is None
        upgrade_to_head(engine)
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        assert tables - set(Base.metadata.tables) == {"alembic_version"}
        assert current_revision(engine) == head_revision()
        with engine.connect() as connection:
            assert connection.execute(text("select version_num from alembic_version")).all() == [
                (head_revision(),)
            ]
    finally:
        engine.dispose()


def test_upgrading_twice_changes_nothing(tmp_path):
    engine = _engine(tmp_path)
    try:
        upgrade_to_head(engine)

        def snapshot():
            with engine.connect() as connection:
                return connection.execute(
                    text("select type, name, sql from sqlite_master order by name")
                ).all()

        before = snapshot()
        upgrade_to_head(engine)  # the program's own short cut
        config = alembic_config()  # and alembic itself, without the short cut
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        assert snapshot() == before
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_models_and_migrations_agree(tmp_path):
    """Autogenerate against the migrated schema finds nothing to do. Nothing is filtered:
    a difference here means a model changed without a migration (or the reverse)."""
    engine = _engine(tmp_path)
    try:
        upgrade_to_head(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={"compare_type": True, "compare_server_default": True},
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_the_comparison_sees_a_difference(tmp_path):
    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["person"].append_column(Column("shoe_size", Integer))
    engine = _engine(tmp_path)
    try:
        upgrade_to_head(engine)
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), changed)
        assert [(d[0], d[2], d[3].name) for d in diff] == [("add_column", "person", "shoe_size")]
    finally:
        engine.dispose()


def test_downgrade_to_base_and_back(tmp_path):
    engine = _engine(tmp_path)
    try:
        upgrade_to_head(engine)
        config = alembic_config()
        # a plain engine, foreign keys off: 0006's downgrade rebuilds referenced tables
        plain = create_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
        try:
            with plain.begin() as connection:
                config.attributes["connection"] = connection
                command.downgrade(config, "base")
        finally:
            plain.dispose()
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        upgrade_to_head(engine)
        assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_open_database_migrates_and_enforces_foreign_keys(tmp_path):
    db = open_database(tmp_path / "sub" / "db.sqlite3")
    try:
        assert current_revision(db.engine) == head_revision()
        with db.engine.connect() as connection:
            assert connection.execute(text("pragma foreign_keys")).scalar() == 1
            assert connection.execute(text("pragma journal_mode")).scalar() == "wal"
        assert db.files.cache_root == (tmp_path / "sub" / "db-cache").resolve()
    finally:
        db.close()


def test_the_head_constant_names_the_newest_script():
    """Opening a database at head skips Alembic entirely by comparing with HEAD."""
    from desktop_app.store.migrate import HEAD

    assert HEAD == head_revision()


def test_opening_a_database_at_head_does_not_import_alembic(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "db.sqlite3"
    open_database(path).close()  # created and migrated here
    code = (
        "import sys; from pathlib import Path; from desktop_app.store.db import open_database;"
        f"open_database(Path({str(path)!r})).close();"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
