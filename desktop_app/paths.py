"""Where things live: bundled resources, the user's data folder, the default database.

One place resolves these so that nothing reads from the current directory and the
frozen (PyInstaller) build finds its resources under ``sys._MEIPASS``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "StudioDesk"
DB_ENV = "STUDIODESK_DB"
DATA_DIR_ENV = "STUDIODESK_DATA_DIR"


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def app_config_dir() -> Path:
    """Per-user settings that are not part of any database (language, data folder)."""
    override = os.environ.get("STUDIODESK_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """Where the program's log file goes (platformdirs' log folder)."""
    override = os.environ.get("STUDIODESK_LOG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def default_data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path(data_dir: Path | None = None) -> Path:
    return (data_dir or default_data_dir()) / "studiodesk.sqlite3"


def demo_db_path(data_dir: Path | None = None) -> Path:
    """The demo studio lives in a database of its own, never mixed with real records."""
    return (data_dir or default_data_dir()) / "demo" / "studiodesk-demo.sqlite3"


def files_dir_for(db_path: Path) -> Path:
    """Where an older installation kept its evidence files, beside its database (they
    move into the database on opening: store/files_move.py)."""
    return db_path.with_name(db_path.stem + "-files")


def cache_dir_for(db_path: Path) -> Path:
    """This PC's copies of what the database holds (an evidence file opened in the viewer,
    photo thumbnails): derived, made again whenever they are missing, beside the database
    (for a server database, beside its local stand-in path)."""
    return db_path.with_name(db_path.stem + "-cache")
