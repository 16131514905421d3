"""The command line and the window's lock (issue 16, item 2): while the window has the
database, every command that writes is refused with who has it open, and nothing is
written; the commands that only read keep working. The window is played by a real second
process that takes the lock exactly as the window does (DatabaseLock.acquire)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop_app.cli import main
from desktop_app.documents.sheets.ledger_io import SHEET_NAME
from desktop_app.gui.single_instance import DatabaseLock
from desktop_app.services.app import AppServices
from desktop_app.store.models import AuditEntry

LEDGER_ROW = ["2025-03-01", "收入", "3000", "学校核拨专项经费", "年度专项经费", "S1", "学校", ""]
HEADERS = ["日期", "收支", "金额", "类别", "摘要", "凭证号", "收款方/来源", "经办人"]


@pytest.fixture
def db(services, tmp_path):
    services.close()
    return tmp_path / "db.sqlite3"


@pytest.fixture
def ledger_book(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    ws.append(HEADERS)
    ws.append(LEDGER_ROW)
    path = tmp_path / "ledger.xlsx"
    wb.save(path)
    return path


class Window:
    """A process holding the database's lock as the window does."""

    def __init__(self, db, user="王老师"):
        script = textwrap.dedent(
            f"""
            import time
            from desktop_app.gui.single_instance import DatabaseLock
            lock = DatabaseLock({str(db)!r}, user={user!r})
            assert lock.acquire()
            print("locked", flush=True)
            time.sleep(120)
            """
        )
        self.child = subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True
        )
        assert self.child.stdout.readline().strip() == "locked"

    def close(self):
        self.child.kill()
        self.child.wait(timeout=10)
        self.child.stdout.close()


@pytest.fixture
def window(db):
    held = Window(db)
    yield held
    held.close()


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_refused(capsys, *argv):
    with pytest.raises(SystemExit) as ended:
        main(list(argv))
    captured = capsys.readouterr()
    return ended.value.code, captured.out, captured.err


def history(db) -> int:
    services = AppServices.open(db)
    try:
        with services.db.reading() as session:
            return session.scalar(select(func.count()).select_from(AuditEntry))
    finally:
        services.close()


def test_every_writing_command_is_refused_naming_who_has_the_database(
    db, window, ledger_book, tmp_path, capsys
):
    before = history(db)
    backup = tmp_path / "backup.zip"
    assert run(capsys, "--db", str(db), "backup", "--out", str(backup))[0] == 0  # reads
    for argv in (
        ("import-ledger", str(ledger_book)),
        ("import-roster", str(ledger_book)),
        ("import-attendance", str(ledger_book)),
        ("config", "export.mask_personal_data", "false"),
        ("restore", str(backup)),
        ("init", "--name", "另一个", "--preset", "jiangyin"),
    ):
        code, out, err = run_refused(capsys, "--db", str(db), *argv)
        assert code == 1, argv
        assert "王老师" in err and "StudioDesk 窗口" in err, (argv, err)
        assert "未写入任何内容" in err and "起" in err, err  # since when
        assert "Traceback" not in err
    assert history(db) == before  # nothing written


def test_reading_commands_keep_working_beside_the_window(db, window, tmp_path, capsys):
    for argv in (
        ("config",),
        ("config", "export.mask_personal_data"),
        ("check",),
        ("ledger",),
        ("activities",),
        ("export-ledger", "--out", str(tmp_path / "out.xlsx")),
        ("export-roster", "--out", str(tmp_path / "roster.xlsx")),
    ):
        code, _out, err = run(capsys, "--db", str(db), *argv)
        assert code == 0, (argv, err)


def test_once_the_window_is_closed_the_import_goes_through(db, ledger_book, capsys):
    held = Window(db)
    held.close()  # killed, as a crash: the lock it left is taken over
    code, out, err = run(capsys, "--db", str(db), "import-ledger", str(ledger_book))
    assert code == 0, err
    services = AppServices.open(db)
    try:
        assert len(services.ledger.entries()) == 1
    finally:
        services.close()


def test_the_window_cannot_open_the_database_in_the_middle_of_an_import(
    db, ledger_book, capsys, monkeypatch
):
    from desktop_app.documents.sheets import ledger_io

    seen = []
    apply = ledger_io.apply_ledger_import

    def while_importing(preview, services):
        window = DatabaseLock(db)
        seen.append(window.acquire())  # the window starting now
        holder = window.holder()
        seen.append(holder.program if holder else None)
        return apply(preview, services)

    monkeypatch.setattr(ledger_io, "apply_ledger_import", while_importing)
    code, _out, err = run(
        capsys, "--db", str(db), "--user", "李会计", "import-ledger", str(ledger_book)
    )
    assert code == 0, err
    assert seen == [False, "import-ledger"]
    assert DatabaseLock(db).acquire()  # given back at the end


def test_a_second_writing_command_is_told_another_command_is_writing(db, capsys):
    other = DatabaseLock(db, user="李会计", program="import-ledger")
    assert other.acquire()
    try:
        code, _out, err = run_refused(
            capsys, "--db", str(db), "config", "ledger.fiscal_year", "school_year"
        )
    finally:
        other.release()
    assert code == 1
    assert "另一个命令" in err and "李会计" in err
