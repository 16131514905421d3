"""The evidence files of the backups in a database's backups folder, held once.

A studio's photos never change once stored (the store is named by content), yet every
backup used to carry all of them: with 2 GB of photos, each daily backup was 2 GB and the
retention kept 23 of them. The backups written into the backups folder now keep their
files in one pool beside them, ``<backups folder>/files/ab/ab12…`` (named by sha256, as
in the store), and list in their manifest the files they need:

* a backup copies into the pool only the files it does not hold yet (a real copy, never
  a link: a backup must not share the disk blocks of the file it guards), hashing each
  on the way;
* a file already pooled is taken as it is (same size); once a week every pooled file is
  hashed again and a damaged one replaced from the store;
* a restore takes each file from the pool, or from the store when the store still has
  it intact — one damaged pooled file does not make every backup useless;
* pruning old backups removes the pooled files no remaining backup lists (never when a
  backup in the folder cannot be read, and never a file touched within the last hour,
  which another backup may be about to list).

A backup written elsewhere (a USB stick, a chosen file) still holds its files itself.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from desktop_app import file_modes, leftovers

POOL_DIR = "files"
VERIFIED_MARK = ".verified"  # touched after every pooled file was hashed
DEEP_EVERY_SECONDS = 7 * 24 * 3600
GRACE_SECONDS = 3600  # a pooled file younger than this is never collected
CHUNK = 1 << 20


def pool_for(folder: Path) -> Path:
    return Path(folder) / POOL_DIR


def pooled_path(pool: Path, sha: str) -> Path:
    return pool / sha[:2] / sha


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def deep_check_due(pool: Path) -> bool:
    """True when the pooled files were last all hashed more than a week ago (or never)."""
    try:
        return time.time() - (pool / VERIFIED_MARK).stat().st_mtime > DEEP_EVERY_SECONDS
    except OSError:
        return True


def mark_verified(pool: Path) -> None:
    try:
        (pool / VERIFIED_MARK).touch(mode=file_modes.FILE)
    except OSError:
        pass


def _intact(path: Path, sha: str, size: int | None, deep: bool) -> bool:
    try:
        if not path.is_file():
            return False
        if deep:
            return sha256_file(path) == sha
        return size is None or path.stat().st_size == size
    except OSError:
        return False


def _touch(path: Path) -> None:
    try:
        os.utime(path)  # in use again: not collected while a backup is being written
    except OSError:
        pass


@dataclass(frozen=True)
class Pooled:
    files: list[tuple[str, int]]  # (sha256, size) held in the pool for this backup
    missing: list[str]  # neither in the store intact nor in the pool


def new_bytes(pool: Path, store_root: Path, shas: set[str]) -> int:
    """Bytes the pool lacks of ``shas`` (for the free-space check before copying)."""
    total = 0
    for sha in shas:
        if not pooled_path(pool, sha).is_file():
            try:
                total += (store_root / sha[:2] / sha).stat().st_size
            except OSError:
                pass
    return total


def add_to_pool(pool: Path, store_root: Path, shas: set[str], deep: bool) -> Pooled:
    """Make the pool hold every file of ``shas`` it can: pooled ones are kept (hashed
    again with ``deep``; a damaged one copied again from the store), the others copied
    from the store, hashed on the way. Raises OSError when the pool cannot be written."""
    files: list[tuple[str, int]] = []
    missing: list[str] = []
    for sha in sorted(shas):
        target = pooled_path(pool, sha)
        source = store_root / sha[:2] / sha
        try:
            size = source.stat().st_size
        except OSError:
            size = None
        if _intact(target, sha, size, deep):
            _touch(target)
            files.append((sha, target.stat().st_size))
            continue
        if size is None or not _copy_checked(source, target, sha):
            missing.append(sha)  # the store lost it (or holds a damaged copy)
            continue
        files.append((sha, size))
    return Pooled(files, missing)


def _copy_checked(source: Path, target: Path, sha: str) -> bool:
    """Copy ``source`` to ``target`` when its bytes hash to ``sha`` (False otherwise:
    nothing is left). The copy is written under a temporary name and renamed."""
    file_modes.private_folder(target.parent)  # the pool too: it is the evidence
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=leftovers.tagged(leftovers.INCOMING))
    digest = hashlib.sha256()
    try:
        with os.fdopen(handle, "wb") as out, source.open("rb") as reader:
            while chunk := reader.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != sha:
            return False
        if target.exists():  # a damaged copy, read-only like every pooled file
            file_modes.writable(target)
        os.replace(tmp, target)
        file_modes.read_only(target)
        return True
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def pool_problems(pool: Path, shas: list[str], store_root: Path | None) -> list[str]:
    """The files of ``shas`` neither pooled intact nor (when ``store_root`` is given)
    intact in the store: every pooled file is hashed."""
    lacking = []
    for sha in shas:
        if _intact(pooled_path(pool, sha), sha, None, deep=True):
            continue
        if store_root is not None and _intact(store_root / sha[:2] / sha, sha, None, deep=True):
            continue
        lacking.append(sha)
    return lacking


def restore_from_pool(pool: Path, shas: list[str], store_root: Path) -> int:
    """Add to the store the pooled files it lacks (or holds damaged). Returns how many
    were added; raises OSError when one cannot be."""
    added = 0
    for sha in shas:
        target = store_root / sha[:2] / sha
        if _intact(target, sha, None, deep=True):
            continue
        if not _copy_checked(pooled_path(pool, sha), target, sha):
            raise OSError(f"pooled file {sha[:12]} is damaged")
        added += 1
    return added


def collect_garbage(pool: Path, referenced: set[str]) -> int:
    """Remove the pooled files no backup lists (older than GRACE_SECONDS), and the
    leftovers of interrupted copies. Returns how many files were removed."""
    if not pool.is_dir():
        return 0
    limit = time.time() - GRACE_SECONDS
    removed = 0
    for sub in pool.iterdir():
        if not (sub.is_dir() and len(sub.name) == 2):
            continue
        for path in sub.iterdir():
            try:
                if path.name in referenced or path.stat().st_mtime >= limit:
                    continue
                file_modes.writable(path)  # Windows refuses to delete a read-only file
                path.unlink()
                removed += 1
            except OSError:
                pass
        try:
            sub.rmdir()  # only when empty
        except OSError:
            pass
    return removed
