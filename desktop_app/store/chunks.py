"""Bytes kept in the database in chunks: written from a file and read back as a stream,
never whole in memory (an evidence video, a year's report with its photos).

A table of chunks has the key columns of what it holds, ``n`` (0, 1, …) and ``data``
(CHUNK bytes, the last one shorter). Used by the evidence store (store/files.py) and
the document cache (documents/bundle/cache.py)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import Connection, Engine, Table, insert, select

CHUNK = 1 << 20


def sha256_of(path: Path) -> tuple[str, int]:
    """(sha256, size) of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with Path(path).open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def write(
    connection: Connection, table: Table, key: dict, source: BinaryIO
) -> tuple[str, int, int]:
    """Insert ``source``'s bytes as chunks of ``key`` on ``connection`` (inside the
    caller's transaction); returns (sha256, size, chunks)."""
    digest = hashlib.sha256()
    size = n = 0
    while block := source.read(CHUNK):
        digest.update(block)
        size += len(block)
        connection.execute(insert(table).values(**key, n=n, data=block))
        n += 1
    return digest.hexdigest(), size, n


def read(engine: Engine, table: Table, key: dict, chunks: int) -> Iterator[bytes]:
    """The chunks of ``key``, one query each (a driver would fetch a whole result at once),
    on one connection held while the stream is read."""
    where = [table.c[name] == value for name, value in key.items()]
    with engine.connect() as connection:
        for n in range(chunks):
            block = connection.execute(select(table.c.data).where(*where, table.c.n == n)).scalar()
            if block is None:
                raise FileNotFoundError(f"chunk {n} of {key} is missing from the database")
            yield bytes(block)


def save(blocks: Iterator[bytes], target: Path) -> str:
    """Write ``blocks`` to ``target`` under a temporary name, synced, then renamed (a
    reader never sees half a file); returns the sha256 of what was written."""
    from desktop_app import file_modes, leftovers

    target = Path(target)
    file_modes.private_folder(target.parent)
    temp = target.with_name(leftovers.tagged(leftovers.INCOMING) + target.name)
    digest = hashlib.sha256()
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            for block in blocks:
                digest.update(block)
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    finally:
        leftovers.remove(temp)
    return digest.hexdigest()
