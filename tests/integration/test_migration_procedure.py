"""The upgrade procedure, tried with migrations a future release might bring: rebuilding a
table that other rows point at works on a full database, and a migration that fails
half-way leaves the database exactly as it was (revision, tables, rows)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop_app.store import migrate
from desktop_app.store.db import make_engine

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema" / "schema_0006.sqlite3"

REBUILD = '''
"""A future migration: a column added to person in batch mode (SQLite rebuilds the table)."""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "PROGRAM_HEAD"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("person", recreate="always") as batch:
        batch.add_column(sa.Column("nickname", sa.String(), nullable=True))


def downgrade():
    pass
'''

HALF_WAY = '''
"""A future migration that fails after it has made a table and changed a row."""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "PROGRAM_HEAD"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("newthing", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("UPDATE person SET name = name || '（改）'")
    raise RuntimeError("the migration broke half-way")


def downgrade():
    pass
'''


@pytest.fixture
def future(tmp_path, monkeypatch):
    """Point the program at a copy of its migrations with one more script; returns a
    function that writes that script and gives a copy of the 0006 fixture."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
    program_head = migrate.HEAD  # the future script follows whatever the newest is
    monkeypatch.setattr(migrate, "HEAD", "9999")

    def prepare(source: str) -> Path:
        script = source.replace("PROGRAM_HEAD", program_head)
        (scripts / "versions" / "9999_future.py").write_text(script, encoding="utf-8")
        db = tmp_path / "db.sqlite3"
        shutil.copyfile(FIXTURE, db)
        return db

    return prepare


def dump(db: Path) -> tuple[list, dict]:
    with sqlite3.connect(db) as connection:
        schema = connection.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        rows = {
            name: connection.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall()
            for (kind, name, _sql) in schema
            if kind == "table"
        }
    connection.close()
    return schema, rows


def test_rebuilding_a_referenced_table_keeps_every_row(future):
    db = future(REBUILD)
    _schema, before = dump(db)
    assert before["membership"], "the fixture has rows that point at person"
    engine = make_engine(f"sqlite:///{db}")
    try:
        migrate.upgrade_to_head(engine)
        assert migrate.current_revision(engine) == "9999"
    finally:
        engine.dispose()
    _schema, after = dump(db)
    assert [row[:-1] for row in after["person"]] == before["person"]  # nickname appended
    assert all(row[-1] is None for row in after["person"])
    for table in before:
        if table not in ("person", "alembic_version"):
            assert after[table] == before[table], table
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_keys").fetchone() == (0,)  # per connection
    connection.close()


def test_a_migration_failing_half_way_leaves_the_database_as_it_was(future):
    db = future(HALF_WAY)
    before = dump(db)
    engine = make_engine(f"sqlite:///{db}")
    try:
        with pytest.raises(RuntimeError, match="half-way"):
            migrate.upgrade_to_head(engine)
        assert migrate.current_revision(engine) == "0006"
        with engine.connect() as connection:  # the pooled connection has its keys back on
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()
    assert dump(db) == before
