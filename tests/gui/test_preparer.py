"""Bundles made ahead: after a quiet spell the program typesets, in a process of its own,
the documents of the bundles likely to be exported; a change stops a run (its work is
stale) and starts the wait again; a read-only database is left alone."""

from __future__ import annotations

import pytest

from desktop_app.documents.bundle.export import BundleExport
from desktop_app.domain.changes import ACTIVITIES
from desktop_app.gui import session as session_module
from desktop_app.gui.preparer import Preparer, prepare_command
from desktop_app.services.app import AppServices
from tests.conftest import TODAY, jiangyin_studio
from tests.integration.test_bundle_export import activity, member


@pytest.fixture
def studio(tmp_path):
    services = AppServices.open(tmp_path / "studio.sqlite3", today=lambda: TODAY)
    services.studio.create(jiangyin_studio())
    member(services, "王芳")
    activity(services)
    yield services
    services.close()


def test_the_command_is_the_program_itself(tmp_path):
    program, args = prepare_command(tmp_path / "a b.sqlite3")
    assert args[-4:] == ["prepare", "--background", "--db", str(tmp_path / "a b.sqlite3")]
    assert program


def test_what_was_exported_is_made_again_after_a_change(qtbot, studio, tmp_path):
    bundle = BundleExport(studio)
    period = studio.bundle.parse_period("2025-2026")
    bundle.export(period, tmp_path / "1.zip")  # exported lately: worth making ahead
    member(studio, "李明", phone="13900001111")  # the records change
    preparer = Preparer(studio.db.path, quiet_ms=10)
    with qtbot.waitSignal(preparer.finished, timeout=180_000) as run:
        preparer.schedule()
    assert run.args == [True]
    assert bundle.prepare(period) is False  # the background process made it all


def test_a_change_while_it_runs_stops_it_and_waits_again(qtbot, studio):
    preparer = Preparer(studio.db.path, quiet_ms=10)
    preparer.schedule()
    qtbot.waitUntil(lambda: preparer.running, timeout=10_000)
    preparer.timer.setInterval(60_000)
    with qtbot.assertNotEmitted(preparer.finished):
        preparer.schedule()  # a change
    assert not preparer.running and preparer.timer.isActive()
    preparer.stop()
    assert not preparer.timer.isActive()


def test_the_session_prepares_after_changes_not_on_a_read_only_database(qtbot, studio, tmp_path):
    session = session_module.StudioSession(studio.db.path, studio)
    window = session.start()
    qtbot.addWidget(window)
    try:
        assert session.preparer.timer.isActive()  # after the start, a quiet spell
        session.preparer.timer.stop()
        window.bus.changed.emit(frozenset({ACTIVITIES}))
        assert session.preparer.timer.isActive()
    finally:
        session.close()
    assert not session.preparer.timer.isActive()

    read_only = AppServices.open(studio.db.path, today=lambda: TODAY)
    read_only.db.read_only = "test"
    other = session_module.StudioSession(studio.db.path, read_only)
    window = other.start()
    qtbot.addWidget(window)
    try:
        window.bus.changed.emit(frozenset({ACTIVITIES}))
        assert not other.preparer.timer.isActive()
    finally:
        other.close()


def test_no_bundles_are_made_ahead_where_accounts_are_on(qtbot, studio):
    # (the command that prepares them runs without the account's password; on a server
    # accounts are always on)
    studio.accounts.enable_accounts("chenjing", "陈静", "pass-word-1")
    signed_in = AppServices.open(studio.db.path, today=lambda: TODAY)
    signed_in.sign_in("chenjing", "pass-word-1")
    session = session_module.StudioSession(studio.db.path, signed_in)
    window = session.start()
    qtbot.addWidget(window)
    try:
        window.bus.changed.emit(frozenset({ACTIVITIES}))
        assert not session.preparer.timer.isActive()
    finally:
        session.close()
