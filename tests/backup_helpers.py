"""Helpers of the backup, live-backup and crash tests, and the writer child they start.

Run as a script, this is a child process that commits through the program's services in
a loop and prints one line after each commit has returned (stdout flushed):

    python tests/backup_helpers.py DB WORK TAG [COUNT]

    A <activity id> <tag>     an activity and its evidence file (one transaction)
    M <activity id> <count>   that activity's attendance marks (a second one; the
                              attendance flags are recomputed inside it)

so the parent knows exactly which transactions had committed when it killed the child.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STATUSES = ("出勤", "出勤", "迟到", "请假", "缺勤")


def body(tag: str) -> str:
    return f"活动内容 {tag} " + "研讨记录。" * 40


def file_bytes(tag: str) -> bytes:
    return (f"evidence of {tag}\n" * 200).encode()


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def start_writer(db: Path, work: Path, tag: str, count: int = 0) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), str(db), str(work), tag, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(),
        cwd=ROOT,
    )


def committed(output: bytes) -> list[tuple[str, int, str]]:
    """The complete lines the child printed: (A|M, activity id, tag or count). A line
    cut by the kill (no newline yet) is not a commit the child reported."""
    text = output.decode()
    lines = text.split("\n")[:-1]  # the last piece has no newline: incomplete or empty
    out = []
    for line in lines:
        kind, activity_id, rest = line.split(" ", 2)
        out.append((kind, int(activity_id), rest))
    return out


def dump_tables(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows (sorted), to compare two databases' content."""
    connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in sorted(names)
        }
    finally:
        connection.close()


def sqlite_checks(path: Path) -> tuple[list[str], list[tuple]]:
    connection = sqlite3.connect(str(path))
    try:
        integrity = [r[0] for r in connection.execute("PRAGMA integrity_check")]
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()
    return integrity, broken


def written_activities(db: Path, prefix: str) -> dict[str, int]:
    """tag → activity id of every activity the writer made (tags start with ``prefix``),
    each checked complete: its content, one attachment, the file in the database with the
    right bytes, and marks all or none. Fails the test on anything half-written."""
    connection = sqlite3.connect(str(db))
    try:
        rows = connection.execute(
            "SELECT id, topic, content FROM activity WHERE topic LIKE ?", (prefix + "%",)
        ).fetchall()
        found = {}
        for activity_id, topic, content in rows:
            assert content == body(topic), topic
            files = connection.execute(
                "SELECT a.sha256, a.original_name, a.size FROM attachment a JOIN "
                "activity_attachment l ON l.attachment_id = a.id WHERE l.activity_id = ?",
                (activity_id,),
            ).fetchall()
            expected = file_bytes(topic)
            assert files == [
                (hashlib.sha256(expected).hexdigest(), f"{topic}.txt", len(expected))
            ], topic
            stored = connection.execute(
                "SELECT data FROM evidence_chunk WHERE sha256 = ? ORDER BY n", (files[0][0],)
            ).fetchall()
            assert b"".join(row[0] for row in stored) == expected, topic
            found[topic] = activity_id
        return found
    finally:
        connection.close()


def mark_counts(db: Path) -> dict[int, int]:
    connection = sqlite3.connect(str(db))
    try:
        return dict(
            connection.execute(
                "SELECT activity_id, count(*) FROM attendance_mark GROUP BY activity_id"
            ).fetchall()
        )
    finally:
        connection.close()


def copy_database(source: Path, target: Path) -> Path:
    """A closed database and its file store, copied (test set-up only)."""
    from desktop_app.paths import files_dir_for

    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    if files_dir_for(source).exists():
        shutil.copytree(files_dir_for(source), files_dir_for(target))
    return target


_TEMPLATE: list[Path] = []


@pytest.fixture(scope="session", name="demo_template")
def demo_template_fixture(tmp_path_factory) -> Path:
    """The demo studio (members, activities with photos, ledger, plans, assessments),
    built once per test run (the first module to ask builds it; a module-level cache,
    since a fixture imported into several modules is several fixtures to pytest); tests
    copy it with ``copy_database``. A test module imports ``demo_template_fixture`` and
    asks for ``demo_template``."""
    from desktop_app.demo.builder import build_demo

    if not _TEMPLATE:
        path = tmp_path_factory.mktemp("demo-template") / "studio.sqlite3"
        build_demo(path, seed=3, today=dt.date(2026, 11, 21))
        _TEMPLATE.append(path)
    return _TEMPLATE[0]


def _write_loop(db: Path, work: Path, tag: str, count: int) -> None:
    from desktop_app.services.activities import ActivityInput
    from desktop_app.services.app import AppServices
    from desktop_app.services.attendance import MarkInput

    today = dt.date(2026, 11, 21)
    services = AppServices.open(db, today=lambda: today)
    work.mkdir(parents=True, exist_ok=True)
    n = 0
    while count <= 0 or n < count:
        name = f"{tag}-{n:05d}"
        evidence = work / f"{name}.txt"
        evidence.write_bytes(file_bytes(name))
        activity_id = services.activities.create(
            ActivityInput(
                date=today - dt.timedelta(days=1 + n % 50),
                kind="学习研讨",
                topic=name,
                content=body(name),
                place="302 会议室",
            ),
            [evidence],
        )
        print(f"A {activity_id} {name}", flush=True)
        rows = services.attendance.sheet(activity_id).rows
        marks = [
            MarkInput(r.membership_id, STATUSES[(n + i) % len(STATUSES)])
            for i, r in enumerate(rows)
        ]
        services.attendance.save_marks(activity_id, marks)
        print(f"M {activity_id} {len(marks)}", flush=True)
        n += 1
    services.close()


if __name__ == "__main__":
    _write_loop(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))


def files_beside(db: Path) -> Path:
    """The layout of an installation from before the evidence moved into the database
    (store/files_move.py): every evidence file of the closed database ``db`` written out
    to the folder beside it, and taken out of the database (test set-up only)."""
    from desktop_app.paths import files_dir_for

    connection = sqlite3.connect(str(db))
    try:
        for (sha,) in connection.execute("SELECT sha256 FROM evidence_file").fetchall():
            target = files_dir_for(db) / sha[:2] / sha
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as out:
                for (data,) in connection.execute(
                    "SELECT data FROM evidence_chunk WHERE sha256 = ? ORDER BY n", (sha,)
                ):
                    out.write(data)
        connection.execute("DELETE FROM evidence_chunk")
        connection.execute("DELETE FROM evidence_file")
        connection.commit()
        connection.execute("VACUUM")
    finally:
        connection.close()
    return db
