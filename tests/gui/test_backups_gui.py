"""Backups in the GUI: the Backups page (now, to a USB stick, restore), the automatic
backups of the session, a damaged database at start, a read-only database, a network
share, and a storage fault inside a dialog."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import event

from desktop_app.domain.member_input import parse_member
from desktop_app.gui import ask
from desktop_app.gui import session as session_module
from desktop_app.gui.dialogs.member_dialog import MemberDialog
from desktop_app.services.app import AppServices
from desktop_app.services.backup import BackupError
from desktop_app.store import faults
from tests.conftest import TODAY, jiangyin_studio


@pytest.fixture
def db_path(tmp_path) -> Path:
    path = tmp_path / "studio" / "db.sqlite3"
    services = AppServices.open(path, today=lambda: TODAY)
    services.studio.create(jiangyin_studio())
    services.members.add(parse_member({"name": "王芳", "role": "主持人"}))
    services.close()
    return path


@pytest.fixture
def told(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(session_module, "tell", lambda text, error=False: said.append(text))
    monkeypatch.setattr(
        session_module.StudioSession, "inform", lambda self, text, error=False: said.append(text)
    )
    return said


@pytest.fixture
def running(qtbot, db_path, told):
    """A started session on the database; closed (with its exit backup) at the end."""
    services = AppServices.open(db_path, today=lambda: TODAY)
    session = session_module.StudioSession(db_path, services)
    window = session.start()
    qtbot.addWidget(window)
    yield session
    session.close()


def names(services: AppServices) -> list[str]:
    return sorted(m.name for m in services.members.roster())


def wait_page(qtbot, page) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=20000)


def test_back_up_now_and_to_a_usb_stick(qtbot, running, tmp_path, monkeypatch):
    window = running.window
    window.show_page("backups")
    page = window.pages["backups"]
    assert page.table.model().rowCount() == 0
    page.backup_button.click()
    wait_page(qtbot, page)
    assert page.table.model().rowCount() == 1
    assert page.table.model().index(0, 1).data() == "made by hand"
    assert page.table.model().index(0, 4).data() == "checked, sound"
    assert "Backup written and checked" in page.result_label.text()

    usb = tmp_path / "U盘"
    usb.mkdir()
    monkeypatch.setattr(page, "ask_folder", lambda: usb)
    page.usb_button.click()
    wait_page(qtbot, page)
    written = list(usb.glob("*.zip"))
    assert len(written) == 1
    assert running.services.backups.check(written[0]).ok
    assert page.table.model().rowCount() == 1  # the stick's copy is not in the backups folder


def test_a_failed_backup_is_told_and_nothing_is_listed(qtbot, running, monkeypatch):
    page = running.window.pages["backups"]
    warned: list[str] = []
    monkeypatch.setattr(ask, "warn", lambda parent, title, text: warned.append(text))

    def full(*_args, **_kwargs):
        raise BackupError(["磁盘空间不足：需要 2 GB"])

    monkeypatch.setattr(running.services.backups, "backup_now", full)
    page.backup_button.click()
    wait_page(qtbot, page)
    assert warned and "磁盘空间不足" in warned[0]
    assert "No backup was made" in page.result_label.text()
    assert page.table.model().rowCount() == 0
    assert page.backup_button.isEnabled()  # the program goes on


def test_restore_from_the_page_brings_back_the_records_and_keeps_what_it_replaced(
    qtbot, running, monkeypatch, told
):
    services = running.services
    backup = services.backups.backup_now("manual")
    services.members.add(parse_member({"name": "李明", "role": "成员"}))
    assert names(services) == ["李明", "王芳"]
    old_window = running.window
    page = old_window.pages["backups"]
    page.refresh()
    asked: list[str] = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: asked.append(text) or True)
    page.select_row(0)
    assert page.restore_button.isEnabled()
    page.restore_button.click()

    assert asked and backup.created.strftime("%Y-%m-%d %H:%M") in asked[0]
    new_window = running.window
    qtbot.addWidget(new_window)
    assert new_window is not old_window and new_window.isVisible()
    assert names(running.services) == ["王芳"]
    assert new_window.current_page_id() == "backups"
    assert told and "Restored the backup" in told[-1]
    kept = [b for b in running.services.backups.list() if b.kind == "before-restore"]
    assert len(kept) == 1 and str(kept[0].path) in told[-1]
    # what was replaced can itself be restored: nothing was lost
    running.restore(kept[0].path)
    qtbot.addWidget(running.window)
    assert names(running.services) == ["李明", "王芳"]


def test_a_damaged_backup_file_is_not_restored(qtbot, running, tmp_path, monkeypatch):
    page = running.window.pages["backups"]
    junk = tmp_path / "备份.zip"
    junk.write_bytes(b"not a zip at all")
    warned: list[str] = []
    monkeypatch.setattr(ask, "warn", lambda parent, title, text: warned.append(text))
    monkeypatch.setattr(page, "ask_backup_file", lambda: junk)
    monkeypatch.setattr(
        ask, "confirm", lambda parent, title, text: pytest.fail("asked to restore junk")
    )
    page.restore_file_button.click()
    assert warned and "cannot be restored" in warned[0]
    assert names(running.services) == ["王芳"]


def test_the_daily_backup_is_made_once_and_the_exit_backup_after_a_change(running):
    backups = running.services.backups
    assert backups.due_daily()
    running.backup_if_due(wait=True)
    auto = [b for b in backups.list() if b.kind == "auto"]
    assert len(auto) == 1 and auto[0].ok
    running.backup_if_due(wait=True)
    assert len([b for b in backups.list() if b.kind == "auto"]) == 1
    running.services.members.add(parse_member({"name": "李明", "role": "成员"}))
    made = running.on_exit()
    assert made is not None and made.path != auto[0].path
    # one a day is kept: today's newest replaces the earlier one of today
    assert [b.path for b in backups.list() if b.kind == "auto"] == [made.path]


def test_a_failed_automatic_backup_shows_a_banner(running, monkeypatch):
    def broken(*_args, **_kwargs):
        raise BackupError(["备份文件夹不可写"])

    monkeypatch.setattr(running.services.backups, "backup_now", broken)
    running.backup_if_due(wait=True)
    text = running.window.banner_text("backup")
    assert "备份文件夹不可写" in text and "Backups page" in text


def _failing_snapshots(monkeypatch, times: int) -> list[bool]:
    """The first ``times`` copies fail as SQLite does on a failing read ("disk I/O
    error"); the list records, for every copy, whether the live database still had a
    write-ahead log beside it (someone in this process still had it open)."""
    from desktop_app.store import backup as store_backup

    real = store_backup.snapshot
    wal_seen: list[bool] = []

    def snapshot(db_path, target):
        wal_seen.append(Path(str(db_path) + "-wal").exists())
        if len(wal_seen) <= times:
            raise sqlite3.OperationalError("disk I/O error")
        return real(db_path, target)

    monkeypatch.setattr(store_backup, "snapshot", snapshot)
    monkeypatch.setattr(session_module, "EXIT_RETRY_S", 0.01)
    return wal_seen


def test_the_exit_backup_reads_a_database_this_process_has_closed(running, monkeypatch):
    wal_seen = _failing_snapshots(monkeypatch, times=0)
    running.services.members.add(parse_member({"name": "李明", "role": "成员"}))
    assert running.on_exit() is not None
    assert wal_seen == [False]  # the window's connections were closed (and checkpointed)


def test_a_passing_fault_on_closing_is_tried_once_more(running, monkeypatch):
    wal_seen = _failing_snapshots(monkeypatch, times=1)
    running.services.members.add(parse_member({"name": "李明", "role": "成员"}))
    made = running.on_exit()
    assert made is not None and made.ok and len(wal_seen) == 2
    assert running.services.backups.last_failure() is None


def test_a_failed_exit_backup_is_shown_at_the_next_start_and_on_the_backups_page(
    qtbot, running, db_path, monkeypatch
):
    _failing_snapshots(monkeypatch, times=2)
    running.services.members.add(parse_member({"name": "李明", "role": "成员"}))
    assert running.on_exit() is None
    running.close()
    # the next start
    services = AppServices.open(db_path, today=lambda: TODAY)
    session = session_module.StudioSession(db_path, services)
    window = session.start()
    qtbot.addWidget(window)
    try:
        banner = window.banner_text("backup")
        assert "did not succeed" in banner and "disk I/O error" in banner
        window.show_page("backups")
        page = window.pages["backups"]
        assert page.failure_label.isVisibleTo(page)
        assert "disk I/O error" in page.failure_label.text()
        # a good backup puts it right: the page and the record forget the failure
        monkeypatch.undo()
        services.backups.backup_now("manual")
        page.refresh()
        assert not page.failure_label.isVisibleTo(page)
        assert services.backups.last_failure() is None
    finally:
        session.close()


def test_closing_says_what_it_waits_for(qtbot, running, monkeypatch):
    """A backup on closing that takes a while: a small window says so meanwhile."""
    import time

    from PySide6.QtWidgets import QApplication

    seen: list[str] = []

    def slow_exit():
        time.sleep(1.0)
        return None

    def look():
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "waitNotice" and widget.isVisible():
                seen.append(widget.labelText())

    monkeypatch.setattr(running.services.backups, "on_exit", slow_exit)
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(50)
    running.on_exit()
    timer.stop()
    assert seen and "backup before closing" in seen[0]
    assert not any(
        w.objectName() == "waitNotice" and w.isVisible() for w in QApplication.topLevelWidgets()
    )


# ------------------------------------------------------------------ at start


def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:16] = b"this is garbage!"
    path.write_bytes(bytes(data))


def test_a_damaged_database_is_one_click_from_its_latest_good_backup(db_path, monkeypatch, told):
    services = AppServices.open(db_path, today=lambda: TODAY)
    services.backups.backup_now("auto")
    services.close()
    damage(db_path)
    offered = []

    def choose_latest(path, error, latest):
        offered.append((path, error.kind, latest))
        return latest.path

    monkeypatch.setattr(session_module, "ask_about_damage", choose_latest)
    opened = session_module.open_services(db_path)
    try:
        assert opened is not None and names(opened) == ["王芳"]
        assert offered[0][1] == "corrupt" and offered[0][2] is not None
        kept = [b for b in opened.backups.list() if b.kind == "before-restore"]
        assert len(kept) == 1 and not kept[0].ok  # the damaged file, kept as it was
        assert "Restored the backup" in told[-1]
    finally:
        opened.close()


def test_declining_leaves_the_damaged_file_alone(db_path, monkeypatch, told):
    damage(db_path)
    before = db_path.read_bytes()
    monkeypatch.setattr(session_module, "ask_about_damage", lambda *args: None)
    assert session_module.open_services(db_path) is None
    assert db_path.read_bytes() == before


def test_a_refused_backup_asks_again(db_path, tmp_path, monkeypatch, told):
    damage(db_path)
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"junk")
    answers = [junk, None]
    monkeypatch.setattr(session_module, "ask_about_damage", lambda *args: answers.pop(0))
    assert session_module.open_services(db_path) is None
    assert answers == [] and "not restored" in told[0]


# -------------------------------------------------------------- read-only, network


def test_a_read_only_database_shows_a_banner_and_a_dialog_keeps_the_input(
    qtbot, db_path, monkeypatch, told
):
    monkeypatch.setattr(faults, "read_only_reason", lambda _path: "所在文件夹不可写")
    services = session_module.open_services(db_path)
    session = session_module.StudioSession(db_path, services)
    window = session.start()
    qtbot.addWidget(window)
    try:
        assert "所在文件夹不可写" in window.banner_text("read-only")
        page = window.pages["backups"]
        assert not page.backup_button.isEnabled() and not page.restore_file_button.isEnabled()
        assert page.read_only_label.isVisibleTo(page)
        dialog = MemberDialog(services.members)
        qtbot.addWidget(dialog)
        dialog.ui.nameEdit.insert("李明")
        dialog.save()
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert "只读" in dialog.ui.problemsLabel.text()
        assert dialog.ui.nameEdit.text() == "李明"
        assert session.on_exit() is None  # no backup of a database it cannot write
        assert names(services) == ["王芳"]
    finally:
        session.close()


def test_a_database_on_a_network_share_gets_a_warning(qtbot, db_path, monkeypatch):
    monkeypatch.setattr(faults, "on_network_share", lambda path, mounts=None: True)
    services = AppServices.open(db_path, today=lambda: TODAY)
    session = session_module.StudioSession(db_path, services)
    window = session.start()
    qtbot.addWidget(window)
    try:
        assert "network share" in window.banner_text("network")
        assert window.banner_text("read-only") == ""
    finally:
        session.close()


def test_a_full_disk_during_a_save_keeps_the_dialog_and_saves_once_freed(qtbot, db_path):
    services = AppServices.open(db_path, today=lambda: TODAY)
    try:
        armed = ["on"]

        def fail(_conn, _cursor, statement, *_args) -> None:
            if armed and statement.lstrip().upper().startswith("INSERT"):
                error = sqlite3.OperationalError("database or disk is full")
                error.sqlite_errorcode = 13
                raise error

        event.listen(services.db.engine, "before_cursor_execute", fail)
        dialog = MemberDialog(services.members)
        qtbot.addWidget(dialog)
        dialog.ui.nameEdit.insert("李明")
        dialog.ui.schoolEdit.insert("江阴市实验小学")
        dialog.save()
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert "磁盘已满" in dialog.ui.problemsLabel.text()
        assert dialog.ui.nameEdit.text() == "李明"
        assert dialog.ui.schoolEdit.text() == "江阴市实验小学"
        assert names(services) == ["王芳"]
        armed.clear()  # space freed: Save again
        dialog.save()
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert names(services) == ["李明", "王芳"]
    finally:
        services.close()


def test_a_storage_fault_outside_a_dialog_is_told_plainly(qtbot, monkeypatch):
    import sys

    from PySide6.QtWidgets import QPushButton

    from desktop_app.domain.problems import StorageError
    from desktop_app.gui import crash

    plain: list[str] = []
    reports: list[str] = []
    monkeypatch.setattr(crash, "show_storage_error", plain.append)
    monkeypatch.setattr(crash, "show_dialog", lambda report, path: reports.append(report))
    previous = sys.excepthook
    crash.install()
    try:
        button = QPushButton()
        qtbot.addWidget(button)

        def save() -> None:
            raise StorageError("full", "未能保存：磁盘已满。")

        button.clicked.connect(save)
        button.click()
        qtbot.waitUntil(lambda: plain == ["未能保存：磁盘已满。"], timeout=2000)
        assert reports == []
    finally:
        sys.excepthook = previous


def damage_a_page(path: Path) -> None:
    damage_a_table(path, "person")


def damage_a_table(path: Path, table: str) -> None:
    """Overwrite a table's root page: the header is fine, the file is not."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()[0]
    connection.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page_size : root * page_size] = b"\xff" * page_size
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("restore", [True, False])
def test_damage_found_just_after_the_window_shows(qtbot, db_path, monkeypatch, told, restore):
    services = AppServices.open(db_path, today=lambda: TODAY)
    services.backups.backup_now("auto")
    services.close()
    damage_a_page(db_path)
    offered = []

    def answer(path, error, latest):
        offered.append(error.kind)
        return latest.path if restore else None

    monkeypatch.setattr(session_module, "ask_about_damage", answer)
    services = session_module.open_services(db_path, check=False)  # the header is fine
    assert services is not None
    session = session_module.StudioSession(db_path, services)
    window = session.start(check_soon=True)  # the first page cannot be read
    try:
        assert offered == ["corrupt"]
        if restore:
            qtbot.addWidget(window)
            assert window is session.window and window.isVisible()
            assert names(session.services) == ["王芳"]
            assert session.services.db.check() is None
        else:
            assert window is None  # the program says so and ends
    finally:
        session.close()


def test_damage_elsewhere_is_found_just_after_the_window_shows(qtbot, db_path, monkeypatch, told):
    """A damaged table the first page does not read: the window shows, the quick check
    right after it finds the damage and offers the backup; declined, a banner stays."""
    damage_a_table(db_path, "ledger_entry")  # the roster does not read it
    offered = []
    monkeypatch.setattr(
        session_module, "ask_about_damage", lambda *args: offered.append(args[1].kind)
    )
    services = session_module.open_services(db_path, check=False)
    session = session_module.StudioSession(db_path, services)
    window = session.start(check_soon=True)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: offered == ["corrupt"], timeout=5000)
        assert "已损坏" in window.banner_text("damaged")
    finally:
        session.close()


BAD_ROWS = {
    "ledger": (
        "INSERT INTO ledger_entry (id, studio_id, date, direction, amount_fen, category,"
        " purpose, created_at) VALUES (7, 1, '2025-09-10', 'sideways', 500, '培训研修',"
        " '外部工具写入', '2025-09-10 00:00:00')",
        "经费台账第 7 条记录",
    ),
    # the roster, which the first page reads: the window cannot show it
    "roster": ("UPDATE membership SET joined_on = '2025-02-30'", "成员名册第 1 条记录"),
}


@pytest.mark.parametrize("where", sorted(BAD_ROWS))
def test_a_row_past_the_database_rules_is_named_not_a_traceback(
    qtbot, db_path, monkeypatch, told, where
):
    """Another tool wrote a row with the database's checks off (issue 16, item 12): the
    row is named (table and record) and an earlier backup offered, whether the first page
    reads it or the check just after the window shows finds it; declined, a banner keeps
    saying it (or the program ends, as for damage)."""
    sql, named = BAD_ROWS[where]
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA ignore_check_constraints=ON")
    with connection:
        connection.execute(sql)
    connection.close()
    offered = []
    monkeypatch.setattr(
        session_module, "ask_about_damage", lambda *args: offered.append(args[1]) and None
    )
    services = session_module.open_services(db_path, check=False)
    session = session_module.StudioSession(db_path, services)
    window = session.start(check_soon=True)
    try:
        qtbot.waitUntil(lambda: len(offered) == 1, timeout=5000)
        assert offered[0].kind == "invalid_row"
        assert named in str(offered[0])
        if window is not None:  # the first page did not read the row: a banner stays
            qtbot.addWidget(window)
            assert named in window.banner_text("damaged")
    finally:
        session.close()
