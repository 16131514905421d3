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
from contextlib import contextmanager
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
def _own_config_folder(tmp_path_factory, monkeypatch):
    """Each test its own installation settings (language, data folder, my name…): a test
    that saves them must not change what a later one starts with."""
    monkeypatch.setenv("STUDIODESK_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(autouse=True)
def _chinese_messages():
    messages.set_language("zh_CN")
    yield
    messages.set_language("zh_CN")


# ------------------------------------------------------------------ both backends
# A test module that sets ``BACKENDS = BOTH`` runs each of its tests (those that take a
# database through ``database_at``, ``empty_services`` or ``services``) on an SQLite file
# and on a PostgreSQL database of a throwaway cluster (tests/postgres.py); every other
# module runs on SQLite only. PostgreSQL missing is a failure, never a skip.
BOTH = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc):
    backends = getattr(metafunc.module, "BACKENDS", None)
    if backends and "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", backends, indirect=True)


@contextmanager
def running_cluster():
    """A throwaway cluster with its migrated template, stopped and removed at the end."""
    from tests.postgres import Cluster

    cluster = Cluster()
    try:
        cluster.start()
        cluster.make_template()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def postgres_cluster():
    with running_cluster() as cluster:
        yield cluster


@pytest.fixture(scope="module")
def lone_cluster():
    """A cluster of the module's own, which its tests may switch off and on (``halt``,
    ``resume``) without disturbing the session's: the school server going away."""
    with running_cluster() as cluster:
        yield cluster


@contextmanager
def studio_on(cluster):
    """The services of a fresh database of ``cluster`` holding the Jiangyin studio; the
    database is dropped at the end."""
    url = cluster.new_database()
    services = AppServices.open(url, today=lambda: TODAY)
    try:
        services.studio.create(jiangyin_studio())
        yield services
    finally:
        services.close()
        cluster.drop_database(url)


@pytest.fixture
def backend(request) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def database_at(backend, tmp_path, request):
    """``database_at(name)``: the address of this test's database ``name`` — a file in
    ``tmp_path``, or the URL of a fresh PostgreSQL database (the same one for the same
    name: a test can open it again)."""
    made: dict[str, str] = {}

    def at(name: str = "db"):
        if backend == "sqlite":
            return tmp_path / f"{name}.sqlite3"
        if name not in made:
            made[name] = request.getfixturevalue("postgres_cluster").new_database()
        return made[name]

    yield at
    if made:  # a few MB each: dropped, not left for the cluster's end
        cluster = request.getfixturevalue("postgres_cluster")
        for url in made.values():
            cluster.drop_database(url)


@pytest.fixture
def empty_services(database_at):
    services = AppServices.open(database_at("db"), today=lambda: TODAY)
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
