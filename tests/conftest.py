"""Shared test setup.

At import time (before any test module imports Qt or the program's paths): Qt renders
offscreen, and the program's config and data folders point into a throw-away folder so
that no test ever touches the real user folders.
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SESSION_DIR = Path(tempfile.mkdtemp(prefix="studiodesk-tests-"))
atexit.register(shutil.rmtree, _SESSION_DIR, ignore_errors=True)
os.environ["STUDIODESK_CONFIG_DIR"] = str(_SESSION_DIR / "config")
os.environ["STUDIODESK_DATA_DIR"] = str(_SESSION_DIR / "data")
os.environ["STUDIODESK_LOG_DIR"] = str(_SESSION_DIR / "logs")
os.environ.pop("STUDIODESK_DB", None)

from desktop_app.domain import messages  # noqa: E402
from desktop_app.services.app import AppServices  # noqa: E402
from desktop_app.services.studio import StudioInput  # noqa: E402

TODAY = dt.date(2026, 11, 21)


def jiangyin_studio(**changes) -> StudioInput:
    values = dict(
        name="陈静名班主任工作室",
        level="校级",
        studio_type="工作室",
        preset_id="jiangyin",
        cycle_start=2024,
        cycle_end=2027,
        host_school="江苏省江阴中等专业学校",
        district="江阴市",
    )
    values.update(changes)
    return StudioInput(**values)


@pytest.fixture(autouse=True)
def _windows_open_as_new():
    """No window opens where an earlier test left it (gui/window_geometry remembers
    places in the session's settings file)."""
    from desktop_app.app_settings import load_app_settings, save_app_settings

    settings = load_app_settings()
    if settings.windows:
        settings.windows = {}
        save_app_settings(settings)


@pytest.fixture(autouse=True)
def _chinese_messages():
    messages.set_language("zh_CN")
    yield
    messages.set_language("zh_CN")


@pytest.fixture
def empty_services(tmp_path):
    services = AppServices.open(tmp_path / "db.sqlite3", today=lambda: TODAY)
    yield services
    services.close()


@pytest.fixture
def services(empty_services):
    empty_services.studio.create(jiangyin_studio())
    return empty_services


@pytest.fixture(autouse=True)
def _english_ui_after_each_test():
    """A test that starts the program (make_application) installs the zh_CN translator
    on the one QApplication of the session; take it away so that later tests see the
    English source strings they assert on, whatever the order."""
    yield
    import sys

    if "PySide6.QtCore" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    if app is not None:
        from desktop_app.gui.i18n import install_translators

        install_translators(app, "en")
