"""One database, several connections: this program's own (the window's, an export's second
set of services) and another program's (the background preparer, the command line).

Closing any file handle of the database drops every POSIX lock the process holds on it
(sqlite.org/howtocorrupt.html §2.2). The program once read the database's header with plain
file I/O each time it opened the database again — every export did — so when another program
then closed its connection it believed itself the last, and deleted the write-ahead log and
its shared memory under the window: "disk I/O error" for the next connection (the backup made
on closing failed so, once in five closes), and commits written into a deleted log.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop_app.domain.member_input import parse_member
from desktop_app.services.app import AppServices
from desktop_app.store.db import open_in_this_process
from tests.conftest import TODAY, jiangyin_studio

OTHER_PROGRAM = (
    "import sqlite3, sys\n"
    "c = sqlite3.connect(sys.argv[1])\n"
    "c.execute('SELECT count(*) FROM studio').fetchone()\n"
    "c.close()\n"
)


def _another_program_reads_and_closes(db: Path) -> None:
    subprocess.run([sys.executable, "-c", OTHER_PROGRAM, str(db)], check=True, timeout=60)


def test_opening_the_database_again_keeps_this_process_s_locks(tmp_path):
    db = tmp_path / "db.sqlite3"
    window = AppServices.open(db, today=lambda: TODAY)
    window.studio.create(jiangyin_studio())
    window.members.roster()  # the window's connection stays open in its pool
    export = AppServices.open(db, today=lambda: TODAY, check=False)  # as an export does
    export.members.roster()
    _another_program_reads_and_closes(db)
    # the log is still there: the other program knew it was not the last
    assert Path(f"{db}-wal").exists() and Path(f"{db}-shm").exists()
    window.members.add(parse_member({"name": "王芳", "role": "主持人"}))
    assert window.backups.backup_now("manual").ok  # a new connection reads it fine
    export.close()
    window.close()
    reopened = AppServices.open(db, today=lambda: TODAY)
    try:
        assert [m.name for m in reopened.members.roster()] == ["王芳"]  # nothing lost
    finally:
        reopened.close()


def test_the_process_knows_which_databases_it_has_open(tmp_path):
    db = tmp_path / "db.sqlite3"
    first = AppServices.open(db, today=lambda: TODAY)
    second = AppServices.open(db, today=lambda: TODAY, check=False)
    assert open_in_this_process(db)
    first.close()
    assert open_in_this_process(db)
    second.close()
    second.close()  # closing twice counts once
    assert not open_in_this_process(db)
