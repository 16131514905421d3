"""The evidence files, kept in the database: content-addressed by sha256, in chunks
(store/chunks.py), so that every PC of a studio on a school server reaches the same
receipts, and one transaction, one backup and one permission model cover them.

A file goes in inside the unit of work of the attachment row that names it
(``add``): a save that fails leaves no bytes behind. Adding the same bytes twice keeps
one copy; two PCs adding the same bytes at once do not collide: the file's row is
claimed with INSERT … ON CONFLICT DO NOTHING, which waits for the other transaction and
then does nothing if it committed.

What stays on this PC is derived and can always be made again from the database: the
copies under the original name opened in the system viewer (``export_copy``), the
copies the documents read by path (``local_copy``), the photo thumbnails. They live in
the PC's cache folder (``cache_root``, paths.cache_dir_for), the user's alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.dialects import postgresql, sqlite

from desktop_app import file_modes
from desktop_app.store import chunks
from desktop_app.store.models import EvidenceChunk, EvidenceFile

FILES = EvidenceFile.__table__
CHUNKS = EvidenceChunk.__table__
LOCAL_FOLDER = "evidence"  # in the cache folder: copies the documents read by path


def insert_new(connection: Connection, table, **values) -> bool:
    """Insert a row unless one with its primary key is there (committed by another PC,
    or waited for until it commits): whether this call inserted it."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    # (RETURNING rather than rowcount, which a driver may leave at -1)
    key = list(table.primary_key.columns)
    statement = dialect.insert(table).values(**values).on_conflict_do_nothing().returning(*key)
    return connection.execute(statement).first() is not None


def add(connection: Connection, source: Path) -> tuple[str, int]:
    """Put ``source`` in, on ``connection`` (the caller's unit of work); returns
    (sha256, size). The file is read twice, in chunks: for its digest (the key), then into
    the chunks — checked against the digest, so a file changed meanwhile is refused (an
    OSError, as for a file that cannot be read)."""
    sha, size = chunks.sha256_of(source)
    count = -(-size // chunks.CHUNK)
    if insert_new(connection, FILES, sha256=sha, size=size, chunks=count):
        with Path(source).open("rb") as handle:
            written, _, _ = chunks.write(connection, CHUNKS, {"sha256": sha}, handle)
        if written != sha:
            raise OSError(f"{source} changed while it was read")
    return sha, size


class FileStore:
    """Reading the evidence files of one database; ``cache_root``: this PC's copies."""

    def __init__(self, engine: Engine, cache_root: Path):
        self.engine = engine
        self.cache_root = Path(cache_root)

    def _row(self, sha256: str):
        with self.engine.connect() as connection:
            return connection.execute(
                select(FILES.c.size, FILES.c.chunks).where(FILES.c.sha256 == sha256)
            ).first()

    def has(self, sha256: str) -> bool:
        return self._row(sha256) is not None

    def held(self, shas: Iterable[str]) -> set[str]:
        """Which of ``shas`` the database holds."""
        wanted = sorted(set(shas))
        found: set[str] = set()
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), 500):
                part = wanted[start : start + 500]
                found.update(
                    connection.scalars(select(FILES.c.sha256).where(FILES.c.sha256.in_(part)))
                )
        return found

    def all(self) -> list[str]:
        with self.engine.connect() as connection:
            return list(connection.scalars(select(FILES.c.sha256).order_by(FILES.c.sha256)))

    def stream(self, sha256: str) -> Iterator[bytes]:
        """The file's bytes, chunk by chunk (FileNotFoundError: not in the database)."""
        row = self._row(sha256)
        if row is None:
            raise FileNotFoundError(f"no evidence file {sha256} in the database")
        return chunks.read(self.engine, CHUNKS, {"sha256": sha256}, row.chunks)

    def verify(self, sha256: str) -> bool:
        """Whether the chunks still hash to the file's digest and size."""

        row = self._row(sha256)
        if row is None:
            return False
        digest, size = hashlib.sha256(), 0
        try:
            for block in chunks.read(self.engine, CHUNKS, {"sha256": sha256}, row.chunks):
                digest.update(block)
                size += len(block)
            with self.engine.connect() as connection:
                extra = connection.scalar(
                    select(func.count()).where(CHUNKS.c.sha256 == sha256, CHUNKS.c.n >= row.chunks)
                )
        except FileNotFoundError:
            return False
        return digest.hexdigest() == sha256 and size == row.size and not extra

    def export_copy(self, sha256: str, target: Path) -> Path:
        """A copy at ``target`` (for opening in the system viewer under the original name):
        written under a temporary name and renamed, the user's alone."""
        if chunks.save(self.stream(sha256), target) != sha256:
            Path(target).unlink(missing_ok=True)
            raise OSError(f"the evidence file {sha256[:12]} in the database is damaged")
        file_modes.private_file(target)
        return Path(target)

    def local_copy(self, sha256: str) -> Path | None:
        """A read-only copy on this PC, for what reads a file by path (the bundle's zip,
        the photos of a report); made once (the bytes of a digest never change). None:
        the database does not hold the file."""
        if not self.has(sha256):  # the database says what there is, not this PC's copies
            return None
        target = self.cache_root / LOCAL_FOLDER / sha256[:2] / sha256
        if target.is_file():
            return target
        self.export_copy(sha256, target)
        file_modes.read_only(target)
        return target
