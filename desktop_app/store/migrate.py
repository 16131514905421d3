"""Alembic, driven from code: the program migrates its own database on open."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine


def migrations_dir() -> Path:
    """The Alembic scripts (env.py, versions/), which Alembic loads by path: beside this
    module in a checkout or an installed copy; in the PyInstaller build, the spec ships them
    as files at the same place under ``sys._MEIPASS``."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "desktop_app" / "store" / "migrations"
    return Path(__file__).resolve().parent / "migrations"


MIGRATIONS = migrations_dir()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine, before_upgrade: Callable[[str], None] | None = None) -> None:
    """Bring the database to the newest schema. ``before_upgrade(revision)`` runs first
    when an existing database is behind head (a new, empty one needs nothing); if it
    raises, nothing is upgraded."""
    current = current_revision(engine)
    if current == head_revision():
        return
    if current is not None and before_upgrade is not None:
        before_upgrade(current)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
