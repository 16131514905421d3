"""A database saved by a newer StudioDesk is told at start in words, never a crash
dialog with a traceback (issue 16, item 13); the file is left as it was."""

from __future__ import annotations

import sqlite3

from desktop_app.gui import session as session_module
from desktop_app.services.app import AppServices
from tests.conftest import TODAY, jiangyin_studio


def test_a_newer_program_s_database_is_told_at_start_and_left_alone(tmp_path, monkeypatch):
    path = tmp_path / "db.sqlite3"
    services = AppServices.open(path, today=lambda: TODAY)
    services.studio.create(jiangyin_studio())
    services.close()
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.close()
    before = sorted(p.name for p in tmp_path.iterdir())
    said = []
    monkeypatch.setattr(
        session_module, "tell", lambda text, error=False: said.append((text, error))
    )
    assert session_module.open_services(path) is None
    assert said == [
        (
            "该数据库由更新版本的 StudioDesk 保存，本程序无法读取。请安装新版本后再打开；"
            "数据库未作任何改动。",
            True,
        )
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # not backed up, not upgraded
