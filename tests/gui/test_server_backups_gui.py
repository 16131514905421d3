"""The Backups page on a server database (issue 18, item 7): it lists the server's
backups (pg_dump), makes one, and restores one into a NEW database on the server, then
says which address to connect to. (The page on a file: tests/gui/test_backups_gui.py.)"""

from __future__ import annotations

import psycopg
import pytest

from desktop_app.gui import ask
from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.pages.backups import BackupsPage
from desktop_app.services.app import AppServices
from tests.conftest import TODAY, jiangyin_studio


@pytest.fixture
def server(postgres_cluster):
    url = postgres_cluster.new_database()
    services = AppServices.open(url, today=lambda: TODAY)
    services.studio.create(jiangyin_studio())
    yield services
    services.close()
    postgres_cluster.drop_database(url)
    postgres_cluster.drop_database(postgres_cluster.url("from_page"))


def test_the_page_lists_makes_and_restores_server_backups(qtbot, server, postgres_cluster):
    made = server.backups.backup_now("auto")
    page = BackupsPage(server, ChangeBus(server))
    qtbot.addWidget(page)
    assert "pg_dump" in page.policy_label.text() and "new database" in page.policy_label.text()
    assert page.folder_label.text() == str(server.backups.directory)
    assert [b.path for b in page.backups] == [made.path]
    assert page.model.rowCount() == 1
    assert page.model.index(0, 3).data() == "in the dump"
    assert page.model.index(0, 4).data() == "checked, sound"

    page.back_up(None)  # "Back up now"
    qtbot.waitUntil(lambda: not page.busy, timeout=60000)
    assert len(page.backups) == 2 and all(b.server and b.ok for b in page.backups)
    assert "Backup written and checked" in page.result_label.text()

    page.select_row(page.backups.index(next(b for b in page.backups if b.path == made.path)))
    page.ask_new_database = lambda suggestion: "from_page"
    page.restore_selected()
    qtbot.waitUntil(lambda: not page.busy, timeout=60000)
    assert page.restored_url == postgres_cluster.url("from_page")
    assert postgres_cluster.url("from_page") in page.result_label.text()
    with psycopg.connect(
        host="127.0.0.1", port=postgres_cluster.port, user="studiodesk", dbname="from_page"
    ) as connection:
        assert connection.execute("SELECT name FROM studio").fetchone()[0] == "陈静名班主任工作室"


def test_a_name_in_use_is_refused_and_said(qtbot, server, monkeypatch):
    made = server.backups.backup_now("manual")
    page = BackupsPage(server, ChangeBus(server))
    qtbot.addWidget(page)
    warned: list[str] = []
    monkeypatch.setattr(ask, "warn", lambda parent, title, text: warned.append(text))
    page.ask_new_database = lambda suggestion: server.db.engine.url.database
    page.restore(made.path)
    qtbot.waitUntil(lambda: not page.busy, timeout=60000)
    assert len(warned) == 1 and "备份从不恢复到正在使用的数据库上" in warned[0]
    assert page.restored_url is None
