"""What lived beside the database file lives in the database (issue 18): the evidence
files (content-addressed, in chunks, streamed), the studio's signing key and the document
cache — on SQLite and on PostgreSQL, so that every PC of a studio on a school server
reaches the same receipts and signs with the same key. An older installation's files
folder and key file are taken in on opening."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import queue
import shutil
import sqlite3
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop_app.bundle import signing
from desktop_app.bundle.verify import verify
from desktop_app.documents.bundle.export import BundleExport
from desktop_app.paths import files_dir_for
from desktop_app.services.app import AppServices
from desktop_app.services.attachments import incoming_files, new_attachments
from desktop_app.store import backup, chunks
from desktop_app.store.files_move import MOVED_SUFFIX
from tests import stored_workers
from tests.conftest import BOTH, TODAY, jiangyin_studio
from tests.integration.test_bundle_export import activity, member

BACKENDS = BOTH
MB = 1 << 20
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schema"


def scalar(services, sql: str, **params):
    with services.db.engine.connect() as connection:
        return connection.execute(text(sql), params).scalar()


def random_file(path: Path, size: int) -> Path:
    with open(path, "wb") as handle:
        for _ in range(size // MB):
            handle.write(os.urandom(MB))
        handle.write(os.urandom(size % MB))
    return path


def sha_of(path: Path) -> str:
    return chunks.sha256_of(path)[0]


def local_folder(services) -> Path:
    """Where an older installation (or this database before issue 18) kept its files:
    beside the file, or beside a server database's local stand-in."""
    return files_dir_for(services.db.path)


# --- evidence files --------------------------------------------------------------------


def test_a_20_mb_file_goes_in_and_out_in_chunks_never_whole_in_memory(services, tmp_path):
    big = random_file(tmp_path / "课堂实录.mp4", 20 * MB + 123)
    tracemalloc.start()
    try:
        made = activity(services, files=[big])
        _, peak_in = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        [attachment] = services.activities.get(made).attachments
        digest, size = hashlib.sha256(), 0
        for block in services.db.files.stream(attachment.sha256):
            digest.update(block)
            size += len(block)
        _, peak_out = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (digest.hexdigest(), size) == (sha_of(big), big.stat().st_size)
    assert scalar(services, "SELECT count(*) FROM evidence_chunk") == 21  # 1 MiB each
    assert scalar(services, "SELECT max(length(data)) FROM evidence_chunk") == MB
    # a few chunks at a time, never the 20 MB
    assert peak_in < 6 * MB, peak_in
    assert peak_out < 6 * MB, peak_out
    # opened in the viewer: a copy under its own name, the same bytes
    copy = services.activities.attachment_path(attachment)
    assert copy.name == "课堂实录.mp4" and sha_of(copy) == attachment.sha256
    assert not any(p.name.startswith(".incoming-") for p in copy.parent.iterdir())
    assert services.db.files.verify(attachment.sha256)


def test_the_same_bytes_twice_are_kept_once(services, tmp_path):
    one = random_file(tmp_path / "a.jpg", 3 * MB)
    two = tmp_path / "b.jpg"
    shutil.copyfile(one, two)
    activity(services, files=[one, two])
    activity(services, files=[two])
    assert scalar(services, "SELECT count(*) FROM attachment") == 3
    assert scalar(services, "SELECT count(*) FROM evidence_file") == 1
    assert scalar(services, "SELECT count(*) FROM evidence_chunk") == 3


def test_a_failed_save_leaves_no_bytes_behind(services, tmp_path):
    photo = random_file(tmp_path / "receipt.jpg", 2 * MB + 5)
    with pytest.raises(RuntimeError):
        with services.db.unit_of_work() as session:
            new_attachments(session, incoming_files(services.db, [photo]))
            assert scalar(services, "SELECT count(*) FROM attachment") == 0  # not committed
            raise RuntimeError("the save fails after the file went in")
    assert scalar(services, "SELECT count(*) FROM evidence_file") == 0
    assert scalar(services, "SELECT count(*) FROM evidence_chunk") == 0
    # and through a use case: a date outside the studio's cycle is refused in the transaction
    import datetime as dt

    from desktop_app.domain.problems import ValidationError

    with pytest.raises(ValidationError):
        activity(services, files=[photo], day=dt.date(2001, 1, 1))
    assert scalar(services, "SELECT count(*) FROM evidence_chunk") == 0


def two_pcs(target, db, *args, answers: int) -> list:
    """Run ``target(db, *args, barrier, results)`` in two processes at once (spawn: as
    two PCs' programs) and collect ``answers`` results."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    workers = [
        context.Process(target=target, args=(str(db), *args, barrier, results)) for _ in range(2)
    ]
    for process in workers:
        process.start()
    try:
        return [results.get(timeout=180) for _ in range(answers)]
    except queue.Empty as error:
        pytest.fail(f"a worker stopped answering: {error!r}")
    finally:
        for process in workers:
            process.join(timeout=60)
            if process.is_alive():
                process.kill()


def test_two_pcs_adding_the_same_file_at_once_both_succeed_with_one_copy(database_at, tmp_path):
    db = database_at("shared")
    services = AppServices.open(db, today=lambda: TODAY)
    services.studio.create(jiangyin_studio())
    trials = 10
    paths = [str(random_file(tmp_path / f"{n}.jpg", MB + 7 * n)) for n in range(trials)]
    outcomes = two_pcs(stored_workers.add_same_file, db, paths, answers=2 * trials)
    try:
        assert outcomes == ["ok"] * (2 * trials)
        assert scalar(services, "SELECT count(*) FROM attachment") == 2 * trials
        assert scalar(services, "SELECT count(*) FROM evidence_file") == trials
        assert all(services.db.files.verify(sha_of(Path(p))) for p in paths)
    finally:
        services.close()


def test_the_same_bytes_claimed_by_two_transactions_wait_and_do_not_collide(
    postgres_cluster, tmp_path
):
    """Server only: the claim itself, without the write lock the program's units of work
    take (another client, a later change to the lock): the second INSERT waits for the
    first transaction and then does nothing, instead of failing on the unique key."""
    import threading

    from desktop_app.store import files
    from desktop_app.store.db import make_engine, open_database

    url = postgres_cluster.new_database()
    open_database(url).close()
    engine = make_engine(url)
    photo = random_file(tmp_path / "p.jpg", MB + 1)
    second: list = []
    try:
        with engine.connect() as first, first.begin():
            files.add(first, photo)

            def other() -> None:
                with engine.connect() as connection, connection.begin():
                    second.append(files.add(connection, photo))

            thread = threading.Thread(target=other)
            thread.start()
            thread.join(timeout=1.0)
            assert thread.is_alive()  # waiting for the first transaction
        thread.join(timeout=30)
        assert second == [(sha_of(photo), photo.stat().st_size)]
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM evidence_chunk")).scalar() == 2
    finally:
        engine.dispose()
        postgres_cluster.drop_database(url)


# --- an older installation: its files folder moved in ---------------------------------


def _old_installation(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """schema_0006.sqlite3 with the files its attachments name in the folder beside it,
    as a user's database sat on disk before issue 18 (and a thumbnail cache inside)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    made = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(made)
    db = tmp_path / "studiodesk.sqlite3"
    shutil.copyfile(FIXTURES / "schema_0006.sqlite3", db)
    connection = sqlite3.connect(db)
    rows = connection.execute("SELECT id, original_name, sha256 FROM attachment").fetchall()
    connection.close()
    contents = {}
    for row_id, name, sha in rows:
        content = made.attachment_bytes(row_id, name)
        assert hashlib.sha256(content).hexdigest() == sha
        target = files_dir_for(db) / sha[:2] / sha
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        contents[sha] = content
    (files_dir_for(db) / ".thumbs" / "ab").mkdir(parents=True)
    (files_dir_for(db) / ".thumbs" / "ab" / "x.jpg").write_bytes(b"a thumbnail")
    return db, contents


def test_an_old_files_folder_moves_in_checked_and_is_kept_renamed(tmp_path):
    """SQLite only: the layout an older installation left is a file and a folder."""
    db, contents = _old_installation(tmp_path)
    assert contents
    services = AppServices.open(db, today=lambda: TODAY)
    try:
        held = services.db.files.all()
        assert sorted(held) == sorted(contents)
        for sha, content in contents.items():
            assert b"".join(services.db.files.stream(sha)) == content
            assert services.db.files.verify(sha)
        assert not files_dir_for(db).exists()
        kept = files_dir_for(db).with_name(files_dir_for(db).name + MOVED_SUFFIX)
        assert (kept / next(iter(contents))[:2] / next(iter(contents))).is_file()
        assert services.db.integrity_problems() == []
    finally:
        services.close()
    # opened again: nothing to move, nothing moved twice
    services = AppServices.open(db, today=lambda: TODAY)
    try:
        assert sorted(services.db.files.all()) == sorted(contents)
    finally:
        services.close()


def test_a_damaged_old_file_stays_in_the_folder_and_the_rest_moves_in(tmp_path):
    db, contents = _old_installation(tmp_path)
    bad = sorted(contents)[0]
    victim = files_dir_for(db) / bad[:2] / bad
    victim.write_bytes(b"not what its name says")
    services = AppServices.open(db, today=lambda: TODAY)
    try:
        assert sorted(services.db.files.all()) == sorted(set(contents) - {bad})
        assert victim.is_file()  # the folder keeps its name: tried again next time
    finally:
        services.close()
    victim.write_bytes(contents[bad])  # put right (a copy found elsewhere)
    services = AppServices.open(db, today=lambda: TODAY)
    try:
        assert sorted(services.db.files.all()) == sorted(contents)
        assert not files_dir_for(db).exists()
    finally:
        services.close()


def test_a_server_database_takes_in_the_files_of_its_local_stand_in(database_at, tmp_path):
    """Before issue 18's move a server database's files sat beside a local stand-in path
    (on SQLite: beside the file); on opening they go into the database."""
    db = database_at("moved")
    services = AppServices.open(db, today=lambda: TODAY)
    folder = local_folder(services)
    services.close()
    content = b"a receipt kept locally before the move"
    sha = hashlib.sha256(content).hexdigest()
    (folder / sha[:2]).mkdir(parents=True)
    (folder / sha[:2] / sha).write_bytes(content)
    services = AppServices.open(db, today=lambda: TODAY)
    try:
        assert b"".join(services.db.files.stream(sha)) == content
        assert not folder.exists()
    finally:
        services.close()
        shutil.rmtree(folder.with_name(folder.name + MOVED_SUFFIX), ignore_errors=True)


# --- backups (SQLite files) -------------------------------------------------------------


def test_a_backup_carries_the_evidence_inside_its_database_copy(tmp_path):
    """SQLite only (its backups are of the file; a server's are pg_dump's)."""
    services = AppServices.open(tmp_path / "db.sqlite3", today=lambda: TODAY)
    services.studio.create(jiangyin_studio())
    photo = random_file(tmp_path / "a.jpg", MB + 1)
    activity(services, files=[photo])
    BundleExport(services).prepare(services.bundle.parse_period("2026-2027"))
    assert scalar(services, "SELECT count(*) FROM cached_state") == 1
    target = tmp_path / "backup.zip"
    manifest = backup.write_backup(services.db.path, target, kind="manual")
    assert manifest.files == 0 and manifest.missing == ()
    with zipfile.ZipFile(target) as archive:
        assert not [n for n in archive.namelist() if n.startswith(backup.FILES_DIR)]
        archive.extract(backup.DB_MEMBER, tmp_path / "x")
    copy = sqlite3.connect(tmp_path / "x" / backup.DB_MEMBER)
    try:
        assert copy.execute("SELECT count(*) FROM evidence_file").fetchone() == (1,)
        assert copy.execute("SELECT count(*) FROM cached_state").fetchone() == (0,)  # a cache
    finally:
        copy.close()
        services.close()


def test_a_backup_made_with_a_files_folder_still_restores(tmp_path):
    db, contents = _old_installation(tmp_path)
    old = tmp_path / "old-backup.zip"
    backup.write_backup(db, old, kind="manual")
    with zipfile.ZipFile(old) as archive:
        assert len([n for n in archive.namelist() if n.startswith(backup.FILES_DIR)]) == len(
            contents
        )
    services = AppServices.open(db, today=lambda: TODAY)  # upgraded, files moved in
    services.close()
    outcome = backup.restore_backup(old, db, tmp_path / "kept")
    assert outcome.files_added == len(contents)
    services = AppServices.open(db, today=lambda: TODAY)  # the old copy, upgraded again
    try:
        assert sorted(services.db.files.all()) == sorted(contents)
    finally:
        services.close()


# --- the signing key ----------------------------------------------------------------------


def test_an_old_key_file_is_taken_in_with_its_fingerprint(services):
    legacy = signing.key_path_for(services.db.path)
    legacy.parent.mkdir(parents=True, exist_ok=True)
    legacy.write_bytes(signing.new_key_pem())  # as an older program wrote it
    registered = signing.fingerprint(
        signing.public_bytes(signing.key_from_pem(legacy.read_bytes()))
    )
    assert services.bundle.fingerprint() == registered  # what the bureau registered
    assert scalar(services, "SELECT fingerprint FROM signing_key") == registered
    legacy.unlink()  # from now on the database's key is the one
    assert services.bundle.fingerprint() == registered


def test_without_a_key_file_one_key_is_made_and_kept(services):
    first = services.bundle.fingerprint()
    assert services.bundle.fingerprint() == first
    assert scalar(services, "SELECT count(*) FROM signing_key") == 1
    assert not signing.key_path_for(services.db.path).exists()  # nothing beside the database


def test_two_pcs_using_the_key_first_at_once_end_with_one_key(database_at):
    for trial in range(5):
        db = database_at(f"key{trial}")
        services = AppServices.open(db, today=lambda: TODAY)
        prints = two_pcs(stored_workers.first_fingerprint, db, answers=2)
        try:
            assert prints[0] == prints[1] == services.bundle.fingerprint(), prints
            assert scalar(services, "SELECT count(*) FROM signing_key") == 1
        finally:
            services.close()


def test_a_second_key_row_is_refused_by_the_database(services):
    from sqlalchemy.exc import IntegrityError

    services.bundle.fingerprint()
    with pytest.raises(IntegrityError):
        with services.db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO signing_key (id, private_pem, fingerprint, created_at) "
                    "VALUES (2, :pem, 'x', CURRENT_TIMESTAMP)"
                ),
                {"pem": signing.new_key_pem()},
            )


# --- the bundle and the check, on either backend ------------------------------------------


def test_the_bundle_of_a_database_verifies_with_its_evidence(services, tmp_path):
    member(services, "王芳")
    photo = random_file(tmp_path / "合影.jpg", MB + 3)
    activity(services, files=[photo])
    result = BundleExport(services).export(
        services.bundle.parse_period("2026-2027"), tmp_path / "b.zip"
    )
    verdict = verify(result.path)
    assert verdict.valid, verdict.reason
    assert verdict.signer == services.bundle.fingerprint()
    with zipfile.ZipFile(result.path) as archive:
        [name] = [n for n in archive.namelist() if "/data/attachments/" in n]
        assert hashlib.sha256(archive.read(name)).hexdigest() == sha_of(photo)


def test_the_integrity_check_rehashes_every_evidence_file(services, tmp_path):
    activity(services, files=[random_file(tmp_path / "a.jpg", MB + 9)])
    assert services.db.integrity_problems() == []
    with services.db.engine.begin() as connection:
        connection.execute(text("UPDATE evidence_chunk SET data = :d WHERE n = 1"), {"d": b"x"})
    [problem] = services.db.integrity_problems()
    assert "1 evidence files do not match" in problem


def test_the_check_of_a_server_database_says_a_newer_schema_in_words(postgres_cluster):
    """Server only (a file's revision is read when it is opened): another PC's newer
    program upgraded the school's database after this one opened it."""
    from desktop_app.domain.problems import StorageError
    from desktop_app.store.db import open_database

    url = postgres_cluster.new_database()
    db = open_database(url)
    try:
        db.check()
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(StorageError) as caught:
            db.check()
        assert caught.value.kind == "newer"
    finally:
        db.close()
        postgres_cluster.drop_database(url)


def test_documents_kept_meanwhile_do_not_make_a_new_automatic_backup(tmp_path):
    """SQLite only: the cache is left out of a backup, so an export (or the documents
    made ahead) with the records unchanged is no change worth a second backup today."""
    services = AppServices.open(tmp_path / "db.sqlite3", today=lambda: TODAY)
    try:
        services.studio.create(jiangyin_studio())
        activity(services, files=[random_file(tmp_path / "a.jpg", 1000)])
        bundle = BundleExport(services)
        bundle.prepare(services.bundle.parse_period("2026-2027"))
        first = services.backups.backup_now("auto")
        bundle.prepare(services.bundle.parse_period("2025-2026"))
        assert scalar(services, "SELECT count(*) FROM cached_state") == 2
        again = services.backups.backup_now("auto")
        assert again.path == first.path  # nothing changed: the same backup, none written
    finally:
        services.close()
