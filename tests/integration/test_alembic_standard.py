"""pytest-alembic's standard tests on the program's migrations, run as Alembic's own
tooling runs them: on an Engine handed to env.py (not the program's Connection).

- single head: the history never branches;
- upgrade: every migration from nothing to head runs;
- model matches DDL: after the upgrade, autogenerate finds nothing between the models
  and the schema the migrations built;
- up/down consistency: every migration can be undone, down to nothing."""

from __future__ import annotations

import pytest
from pytest_alembic import Config
from pytest_alembic.plugin.fixtures import alembic_runner  # noqa: F401  (the plugin is off)
from pytest_alembic.tests import (  # noqa: F401  (collected from here)
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from sqlalchemy import create_engine

from desktop_app.store.migrate import MIGRATIONS


@pytest.fixture
def alembic_config() -> Config:
    return Config(config_options={"script_location": str(MIGRATIONS)})


@pytest.fixture
def alembic_engine(tmp_path):
    # A file, like the program's: an in-memory database is one per connection.
    engine = create_engine(f"sqlite:///{tmp_path / 'standard.sqlite3'}")
    try:
        yield engine
    finally:
        engine.dispose()


def test_the_alembic_command_migrates_the_database_at_a_url(tmp_path):
    """``alembic -x … upgrade head`` as Alembic's template runs it: env.py opens the
    database at ``sqlalchemy.url`` itself (and prints the SQL offline)."""
    from alembic import command
    from sqlalchemy import inspect

    from desktop_app.store.migrate import HEAD, alembic_config, current_revision
    from desktop_app.store.models import Base

    path = tmp_path / "by-url.sqlite3"
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(config, "head")
    engine = create_engine(f"sqlite:///{path}")
    try:
        assert current_revision(engine) == HEAD
        assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    command.upgrade(config, "head", sql=True)  # offline: the SQL only, nothing opened
