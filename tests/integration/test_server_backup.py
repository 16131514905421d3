"""Backups of a server database (issue 18, item 7), on the throwaway cluster: a pg_dump
checked by restoring it into a scratch database; a damaged one said so; a restore into a
NEW database with every table's rows; the programs missing said in words; the password
never on a command line or in the log; the schema upgrade's backup; the command line and
the Backups page. (SQLite's backups keep their own tests: tests/unit/test_backup.py.)"""

from __future__ import annotations

import datetime as dt
import json
import logging
import subprocess
import zipfile
from pathlib import Path

import psycopg
import pytest

from desktop_app.cli import main
from desktop_app.domain.member_input import parse_member
from desktop_app.services.app import AppServices
from desktop_app.services.backup import BackupError
from desktop_app.services.ledger import EntryInput
from desktop_app.services.server_backup import ServerBackupService
from desktop_app.store import files, server_backup
from desktop_app.store.db import open_database, server_stand_in
from desktop_app.store.migrate import HEAD, current_revision
from tests.conftest import TODAY, jiangyin_studio


def _database(url: str) -> str:
    return url.rsplit("/", 1)[1]


def rows_of(postgres_cluster, database: str) -> dict[str, int]:
    with psycopg.connect(
        host="127.0.0.1", port=postgres_cluster.port, user="studiodesk", dbname=database
    ) as connection:
        return server_backup.table_rows(connection)


def databases(postgres_cluster) -> set[str]:
    with psycopg.connect(
        host="127.0.0.1", port=postgres_cluster.port, user="studiodesk", dbname="postgres"
    ) as connection:
        return {r[0] for r in connection.execute("SELECT datname FROM pg_database")}


@pytest.fixture
def server(postgres_cluster):
    url = postgres_cluster.new_database()
    services = AppServices.open(url, today=lambda: TODAY)
    services.studio.create(jiangyin_studio())
    for name, role in (("王芳", "主持人"), ("李明", "成员"), ("张丽", "成员")):
        services.members.add(parse_member({"name": name, "role": role}))
    services.ledger.add(EntryInput("收入", "2026-03-01", "1200", "经费", voucher_no="A1"))
    yield services
    services.close()
    postgres_cluster.drop_database(url)


def own_database(postgres_cluster, role: str, name: str, password: str = "") -> str:
    """A database of its own for the login ``role`` (which then owns every table)."""
    secret = f" PASSWORD '{password}'" if password else ""
    postgres_cluster.execute(f"CREATE ROLE {role} LOGIN{secret}")
    postgres_cluster.execute(f"CREATE DATABASE {name} OWNER {role}")
    login = f"{role}:{password}" if password else role
    url = f"postgresql+psycopg://{login}@127.0.0.1:{postgres_cluster.port}/{name}"
    open_database(url).close()
    return url


@pytest.fixture
def made(postgres_cluster):
    """Databases a test restores into: dropped at its end."""
    names: list[str] = []
    yield names
    for name in names:
        postgres_cluster.drop_database(postgres_cluster.url(name))


def test_a_backup_is_dumped_at_one_snapshot_and_checked(server, postgres_cluster):
    assert isinstance(server.backups, ServerBackupService)
    info = server.backups.backup_now("manual")
    url = str(server.db.engine.url)
    assert info.ok and info.server and info.kind == "manual" and info.revision == HEAD
    # on this PC, in the backups folder of the database's stand-in
    assert info.path.parent == server_stand_in(url).with_name("studiodesk-backups")
    manifest = server_backup.read_manifest(info.path)
    assert manifest is not None
    live = rows_of(postgres_cluster, _database(url))
    assert manifest.tables == live  # every table, counted at the dump's snapshot
    assert manifest.tables["membership"] == 3 and manifest.tables["ledger_entry"] == 1
    assert manifest.rows == info.rows == sum(live.values())
    assert server.backups.check(info.path).ok
    # the scratch database is gone, and nothing temporary is left in the folder
    assert not {d for d in databases(postgres_cluster) if d.startswith("studiodesk_check_")}
    assert [p.name for p in info.path.parent.iterdir()] == [info.path.name]
    assert [b.path for b in server.backups.list()] == [info.path]
    with zipfile.ZipFile(info.path) as archive:  # pg_restore reads it as it is
        archive.extract(server_backup.DUMP_MEMBER, info.path.parent / "out")
    listed = subprocess.run(
        [
            server_backup.find_tool("pg_restore", 15),
            "--list",
            str(info.path.parent / "out" / server_backup.DUMP_MEMBER),
        ],
        capture_output=True,
        text=True,
    )
    assert listed.returncode == 0 and "TABLE DATA public member" in listed.stdout


def test_a_dump_that_does_not_give_back_every_row_is_not_kept(server, monkeypatch):
    real = server_backup.dump_command

    def loses_the_members(*args):
        return [*real(*args)[:-1], "--exclude-table-data=audit_log", real(*args)[-1]]

    monkeypatch.setattr(server_backup, "dump_command", loses_the_members)
    with pytest.raises(BackupError) as refused:
        server.backups.backup_now("manual")
    [said] = refused.value.problems
    assert said.startswith("恢复出的副本与原库的记录不一致：表 audit_log 有 0 条记录，原库有 ")
    assert server.backups.list() == []
    assert not [p for p in server.backups.directory.iterdir() if p.suffix == ".zip"]


def _rewrite_dump(path: Path, change) -> None:
    with zipfile.ZipFile(path) as archive:
        manifest = archive.read(server_backup.MANIFEST)
        dump = archive.read(server_backup.DUMP_MEMBER)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(server_backup.DUMP_MEMBER, change(dump))
        archive.writestr(server_backup.MANIFEST, manifest)


def test_a_damaged_or_truncated_backup_is_said_damaged(server, postgres_cluster, made):
    info = server.backups.backup_now("manual")
    flipped = info.path.with_name("flipped.zip")
    flipped.write_bytes(info.path.read_bytes())
    _rewrite_dump(flipped, lambda dump: dump[:500] + bytes([dump[500] ^ 0xFF]) + dump[501:])
    checked = server.backups.check(flipped)
    assert not checked.ok
    assert checked.problems == ("备份中的数据库转储与其校验和不符（已损坏）",)
    with pytest.raises(BackupError) as refused:
        server.backups.restore_into(flipped, "from_flipped")
    assert refused.value.problems == checked.problems
    assert "from_flipped" not in databases(postgres_cluster)

    truncated = info.path.with_name("studiodesk-20261121-120000-manual.zip")
    truncated.write_bytes(info.path.read_bytes()[: info.size // 2])
    listed = {b.path: b for b in server.backups.list()}
    assert not listed[truncated].ok and listed[truncated].problems
    assert not server.backups.check(truncated).ok


def test_a_restore_makes_a_new_database_with_every_row(server, postgres_cluster, made):
    info = server.backups.backup_now("manual")
    url = str(server.db.engine.url)
    server.members.add(parse_member({"name": "后来的人", "role": "成员"}))  # after the backup
    for name in (_database(url), "bad-name;", "template1"):
        with pytest.raises(BackupError):
            server.backups.restore_into(info.path, name)  # never over a database that exists
    made.append("restored")
    result = server.backups.restore_into(info.path, "restored")
    assert result.url == postgres_cluster.url("restored")
    assert rows_of(postgres_cluster, "restored") == server_backup.read_manifest(info.path).tables
    assert len(server.members.roster()) == 4  # the database in use is as it was
    again = AppServices.open(result.url, today=lambda: TODAY)  # the program opens it
    try:
        assert sorted(m.name for m in again.members.roster()) == ["张丽", "李明", "王芳"]
        assert [e.voucher_no for e in again.ledger.entries()] == ["A1"]
        assert current_revision(again.db.engine) == HEAD
    finally:
        again.close()


def test_missing_or_old_programs_are_named(server, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(server_backup, "TOOL_FOLDERS", ())
    with pytest.raises(BackupError) as missing:
        server.backups.backup_now("manual")
    [said] = missing.value.problems
    assert "pg_dump" in said and "apt-get install postgresql-client" in said and "15" in said
    old = tmp_path / "pg_dump"
    old.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 11.22'\n")
    old.chmod(0o755)
    with pytest.raises(BackupError) as too_old:
        server.backups.backup_now("manual")
    [said] = too_old.value.problems
    assert "11" in said and "postgresql-client-15" in said
    assert server.backups.list() == []


def test_the_password_is_never_on_a_command_line_or_in_the_log(
    postgres_cluster, monkeypatch, caplog
):
    secret = "s3cret-Pw_zz"
    url = own_database(postgres_cluster, "keeper", "kept", secret)
    postgres_cluster.execute("ALTER ROLE keeper CREATEDB")
    ran: list[tuple[list[str], dict | None]] = []
    real = subprocess.run

    def recorded(command, *args, **kwargs):
        ran.append((list(command), kwargs.get("env")))
        return real(command, *args, **kwargs)

    monkeypatch.setattr(server_backup.subprocess, "run", recorded)
    caplog.set_level(logging.DEBUG)
    try:
        service = ServerBackupService(url, server_stand_in(url))
        info = service.backup_now("manual")
        assert service.restore_into(info.path, "kept_again").url.endswith("/kept_again")
        dumps = [
            (c, env)
            for c, env in ran
            if Path(c[0]).name in ("pg_dump", "pg_restore") and "--version" not in c
        ]
        assert {Path(c[0]).name for c, _ in dumps} == {"pg_dump", "pg_restore"}
        for command, _env in ran:
            assert not any(secret in part for part in command)
        for command, env in dumps:
            assert env is not None and env["PGPASSWORD"] == secret
            assert any(part.startswith("--dbname=") and "keeper" in part for part in command)
        assert secret not in caplog.text
        assert secret not in info.path.read_bytes().decode("latin-1")
        assert secret not in json.dumps(info.as_json())
    finally:
        for name in ("kept_again", "kept"):
            postgres_cluster.drop_database(postgres_cluster.url(name))
        postgres_cluster.execute("DROP ROLE keeper")


def test_a_login_that_may_not_create_databases_is_told_what_to_grant(postgres_cluster):
    # (with a password: the test cluster trusts only its superuser, as a school's server
    # would — tests/postgres.py)
    url = own_database(postgres_cluster, "clerk", "clerks", "clerk-pass-1")
    try:
        service = ServerBackupService(url, server_stand_in(url))
        with pytest.raises(BackupError) as refused:
            service.backup_now("manual")
        [said] = refused.value.problems
        assert "clerk" in said and 'ALTER ROLE "clerk" CREATEDB' in said
        assert service.list() == []
    finally:
        postgres_cluster.drop_database(url)
        postgres_cluster.execute("DROP ROLE clerk")


def test_rotation_keeps_what_a_files_backups_keep(server):
    first = server.backups.backup_now("auto")
    with zipfile.ZipFile(first.path) as archive:
        manifest = json.loads(archive.read(server_backup.MANIFEST))
        dump = archive.read(server_backup.DUMP_MEMBER)
    start = dt.datetime(2026, 1, 1, 20, 0).astimezone()
    for day in range(40):  # forty older daily backups, as if made on those days
        created = start + dt.timedelta(days=day)
        path = server.backups.directory / f"studiodesk-{created:%Y%m%d-%H%M%S}-auto.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(server_backup.DUMP_MEMBER, dump)
            archive.writestr(
                server_backup.MANIFEST, json.dumps({**manifest, "created": created.isoformat()})
            )
    assert len(server.backups.list()) == 41
    removed = server.backups.prune()
    kept = server.backups.list()
    assert len(removed) == 41 - len(kept) > 0
    from desktop_app.services.backup import retained

    everything = [first.created] + [start + dt.timedelta(days=d) for d in range(40)]
    assert [b.created for b in kept] == retained(everything)
    assert first.path in {b.path for b in kept}


def test_a_server_database_behind_head_is_backed_up_before_its_upgrade(postgres_cluster):
    from alembic import command
    from sqlalchemy import create_engine

    from desktop_app.store.migrate import alembic_config

    url = postgres_cluster.new_database()
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "0005")
        db = open_database(url)
        try:
            assert current_revision(db.engine) == HEAD
        finally:
            db.close()
        [backup] = (server_stand_in(url).with_name("studiodesk-backups")).glob("*.zip")
        manifest = server_backup.read_manifest(backup)
        assert manifest is not None and manifest.kind == "before-upgrade"
        assert manifest.revision == "0005"
    finally:
        engine.dispose()
        postgres_cluster.drop_database(url)


def test_the_command_line_backs_up_lists_and_restores_a_server_database(
    server, postgres_cluster, made, capsys
):
    url = server.db.engine.url.render_as_string(hide_password=False)
    assert main(["backup", "--db", url]) == 0
    out = capsys.readouterr().out
    [path] = [Path(line) for line in out.splitlines() if line.endswith(".zip")]
    assert path.is_file() and "条记录" in out
    assert main(["backups", "--db", url, "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["engine"] == "postgresql" and listed["ok"] and listed["path"] == str(path)
    assert main(["restore", "--db", url, str(path)]) == 1  # no --into: never over the live one
    assert "--into" in capsys.readouterr().err
    made.append("from_cli")
    assert main(["restore", "--db", url, str(path), "--into", "from_cli"]) == 0
    out = capsys.readouterr().out
    assert postgres_cluster.url("from_cli") in out
    assert rows_of(postgres_cluster, "from_cli") == server_backup.read_manifest(path).tables


def test_the_command_line_names_a_missing_pg_dump(server, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(server_backup, "TOOL_FOLDERS", ())
    url = server.db.engine.url.render_as_string(hide_password=False)
    assert main(["backup", "--db", url]) == 1
    err = capsys.readouterr().err
    assert "pg_dump" in err and "postgresql-client" in err and "Traceback" not in err


def test_a_backup_carries_the_evidence_and_leaves_the_document_cache_out(
    server, postgres_cluster, made, tmp_path
):
    photo = tmp_path / "活动照片.jpg"
    photo.write_bytes(b"\xff\xd8" + bytes(range(256)) * 5000)  # 1.2 MB: two chunks
    with server.db.unit_of_work() as session:
        sha, _size = files.add(session.connection(), photo)
    with server.db.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO cached_state (key, used_at, about) VALUES ('k', now(), '{}')"
        )
    info = server.backups.backup_now("manual")
    assert server_backup.read_manifest(info.path).tables["cached_state"] == 0
    made.append("restored_cache")
    result = server.backups.restore_into(info.path, "restored_cache")
    with psycopg.connect(
        host="127.0.0.1", port=postgres_cluster.port, user="studiodesk", dbname="restored_cache"
    ) as connection:
        count = connection.execute("SELECT count(*) FROM cached_state").fetchone()[0]
        chunks = connection.execute(
            "SELECT count(*) FROM evidence_chunk WHERE sha256 = %s", (sha,)
        ).fetchone()[0]
    assert count == 0  # the cache is made again from the records, never restored
    assert chunks == 2
    again = AppServices.open(result.url, today=lambda: TODAY)
    try:
        assert again.db.files.verify(sha)  # the evidence came back whole
    finally:
        again.close()
