"""Messages, never tracebacks (issue 16, item 13): Ctrl-C during a command that writes a
file says "已取消", exits non-zero and leaves no file, whole or partial; a newer
program's database, an impossible cycle and an id too long for the database are told in
words."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.demo.builder import build_demo
from desktop_app.launch import CANCELLED
from desktop_app.services.app import AppServices

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo studio, with a 24 MB receipt: a backup that takes a moment to write."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.sqlite3"
    build_demo(path)
    receipt = folder / "扫描件.pdf"
    receipt.write_bytes(os.urandom(24 * 1024 * 1024))
    services = AppServices.open(path)
    try:
        services.ledger.attach(services.ledger.entries()[0].id, [receipt])
    finally:
        services.close()
    return path


def _start(db: Path, out: Path, argv: list[str], config: Path) -> subprocess.Popen:
    env = dict(os.environ, STUDIODESK_CONFIG_DIR=str(config), PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "--db", str(db), *argv],
        cwd=out,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


COMMANDS = {
    "export": ["export", "--period", "2025-2026", "--out", "bundle.zip"],
    "report": ["report", "annual", "--out", "annual.pdf", "--xlsx", "annual.xlsx"],
    "backup": ["backup", "--out", "backups"],
    "export-roster": ["export-roster", "--out", "roster.xlsx"],
}


def _complete(path: Path) -> bool:
    """A whole file, under its own name: no temporary name, nothing cut short."""
    if path.name.startswith((".", "~")):
        return False
    if path.suffix == ".pdf":
        return path.read_bytes().rstrip().endswith(b"%%EOF")
    try:
        with zipfile.ZipFile(path) as archive:  # .zip and .xlsx
            return archive.testzip() is None
    except zipfile.BadZipFile:
        return False


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_ctrl_c_says_cancelled_and_leaves_no_file(demo, tmp_path, command):
    """Ctrl-C at several moments of the command's run: each time the command
    either finished or says 已取消 and exits 130, and every file left is whole (a
    report's PDF written before the Ctrl-C stays; no half-written file, no temporary
    one)."""
    argv = COMMANDS[command]
    config = tmp_path / "config"
    timing = tmp_path / "timing"
    timing.mkdir()
    for _ in range(2):  # the second run as the trials run: the kept documents made
        begun = time.perf_counter()
        assert _start(demo, timing, argv, config).wait(timeout=120) == 0
        took = time.perf_counter() - begun
    cancelled = 0
    for trial, share in enumerate((0.3, 0.45, 0.6, 0.7, 0.8, 0.9)):
        delay = took * share
        out = tmp_path / f"{trial}"
        out.mkdir()
        child = _start(demo, out, argv, config)
        time.sleep(delay)
        child.send_signal(signal.SIGINT)
        stdout, stderr = child.communicate(timeout=120)
        assert "Traceback" not in stderr, stderr
        left = [p for p in out.rglob("*") if not p.is_dir()]
        assert [p.name for p in left if not _complete(p)] == [], (delay, took)
        if child.returncode in (0, -signal.SIGINT):
            # finished before the signal, or as Python was starting or ending (SIGINT
            # still or again at its default: the process is simply ended)
            assert stderr == "" or child.returncode == 0, stderr
            continue
        cancelled += 1
        assert child.returncode == CANCELLED, (delay, took, stderr)
        assert stderr.strip().endswith("已取消"), stderr
    assert cancelled >= 2  # the signal met the command at work, not only after it


def test_a_newer_program_s_database_is_told_in_words_and_left_alone(services, tmp_path, capsys):
    db = tmp_path / "db.sqlite3"
    services.close()
    with sqlite3.connect(db) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.close()
    before = sorted(p.name for p in tmp_path.iterdir())
    code = main(["--db", str(db), "check"])
    err = capsys.readouterr().err
    assert code == 2
    assert "更新版本的 StudioDesk" in err and "未作任何改动" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no backup, no upgrade
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999_future",)
    con.close()


def test_an_impossible_cycle_is_told_with_the_rule(tmp_path, capsys):
    code = main(
        ["--db", str(tmp_path / "db.sqlite3"), "init", "--name", "x", "--preset", "jiangyin"]
        + ["--cycle", "1-99999"]
    )
    assert code == 2
    assert "应在 2000 至 2101 学年之间" in capsys.readouterr().err
    assert not (tmp_path / "db.sqlite3").exists()


@pytest.mark.parametrize("kind", ["signin", "assessment"])
def test_an_id_too_long_for_the_database_is_told_as_not_an_id(services, tmp_path, capsys, kind):
    services.close()
    option = "--activity" if kind == "signin" else "--id"
    with pytest.raises(SystemExit) as ended:
        main(
            ["--db", str(tmp_path / "db.sqlite3"), "report", kind]
            + [option, "99999999999999999999999", "--out", str(tmp_path / "x.pdf")]
        )
    assert ended.value.code == 2
    assert "不是列表中的编号：99999999999999999999999" in capsys.readouterr().err
