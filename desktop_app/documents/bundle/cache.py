"""The documents of a bundle, kept between exports while the records stay the same.

Typesetting a school year's reports takes far longer than copying its photos; exporting
the same period again (after a check, for the unmasked copy a rule requires, to resend)
should cost the copying only. The documents are kept in the database (tables
cached_state, cached_document, cached_document_chunk: in chunks, store/chunks.py), so
every PC of a studio on a school server uses what another made, under a key of
everything they are made from:

* the records: the change counter (every committed unit of work, of any PC, moves it;
  store/changes.py) with the database's origin and the schema revision;
* the period, the masking, the day the data is as of;
* the program: its version, and in a source checkout the size and time of every module
  that writes documents (a code change is a new key while developing).

A kept document is used only when its bytes still have the checksum kept with it. It is
a cache: written in short transactions of its own (never inside a record's save),
nothing at all on a read-only database, left out of backups (store/backup.py), and
anything that goes wrong with it means the document is made again, never a failed or a
wrong export. The newest few states are kept.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, delete, insert, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from desktop_app import __version__
from desktop_app.domain.problems import StorageError
from desktop_app.store import chunks
from desktop_app.store.changes import state as commit_state
from desktop_app.store.db import write_transaction
from desktop_app.store.files import insert_new
from desktop_app.store.models import (
    CachedDocument,
    CachedDocumentChunk,
    CachedState,
    utcnow,
)

STATES = CachedState.__table__
DOCS = CachedDocument.__table__
CHUNKS = CachedDocumentChunk.__table__
KEEP = 6  # states kept: the newest exports (and bundles made ahead) of a few periods


@cache
def _code_stamp() -> str:
    """Size and time of the modules that make documents (empty in a frozen build, where
    the version says it all)."""
    package = Path(__file__).resolve().parents[1]
    parts = []
    for folder in ("reports", "services", "bundle", "domain"):
        for module in sorted((package / folder).glob("*.py")):
            try:
                stat = module.stat()
            except OSError:
                continue
            parts.append(f"{folder}/{module.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def records_state(session: Session) -> str:
    """A fingerprint of every record: where the database stands in its commit order (the
    change counter and the database's origin, store/changes.py: moved by every committed
    unit of work, of any PC, on both backends) and the schema revision."""
    value, origin = commit_state(session)
    revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return hashlib.sha256(f"{origin}:{value}:{revision}".encode()).hexdigest()


def state_key(session: Session, *facts: object) -> str:
    """The key of one export's documents: the records, the program and ``facts`` (the
    period, the masking, the as-of day)."""
    words = [__version__, _code_stamp(), records_state(session), *map(str, facts)]
    return hashlib.sha256("\n".join(words).encode("utf-8")).hexdigest()


class DocumentCache:
    """The documents of one state (``key``) of ``db``; a document fetched is written
    under ``folder`` (the export's scratch folder) at its path in the bag's data/."""

    def __init__(self, db, key: str, folder: Path, about: dict | None = None):
        self.db = db
        self.key = key
        self.folder = Path(folder)
        self.about = about or {}  # what the state is of (the period…), kept with it
        self._index: dict[str, tuple[str, str, int]] = {}  # name → (relative, sha, chunks)
        self._kept: dict = {}
        self._bundle: dict | None = None
        try:
            with db.engine.connect() as connection:
                bundle = connection.scalar(select(STATES.c.bundle).where(STATES.c.key == key))
                for row in connection.execute(
                    select(DOCS.c.name, DOCS.c.relative, DOCS.c.sha256, DOCS.c.chunks).where(
                        DOCS.c.state_key == key
                    )
                ):
                    self._index[row.name] = (row.relative, row.sha256, row.chunks)
            self._kept = _json(bundle)
        except DBAPIError:
            pass  # (no cache: everything is made)

    def kept_bundle(self) -> dict:
        """What ``keep_bundle`` recorded for this state ({} when nothing was): the caller
        checks it still holds (every document through ``fetch``)."""
        return self._kept

    def keep_bundle(self, record: dict) -> None:
        """Record the whole bundle of this state (written by ``commit``): the next export
        of the same state need not even plan its documents."""
        self._bundle = record

    def fetch(self, name: str) -> Path | None:
        """The kept document for ``name``, written under ``folder`` — or None when there
        is none or it is not the bytes it was."""
        entry = self._index.get(name)
        if entry is None:
            return None
        relative, digest, count = entry
        target = self.folder / relative
        try:
            blocks = chunks.read(
                self.db.engine, CHUNKS, {"state_key": self.key, "name": name}, count
            )
            if chunks.save(blocks, target) == digest:
                return target
        except (DBAPIError, OSError):
            pass
        return None

    def keep(self, name: str, made: Path, relative: str) -> None:
        """Keep the document just made (``relative``: its path in the bag's data/), in a
        transaction of its own."""
        try:
            digest, size = chunks.sha256_of(made)
            count = -(-size // chunks.CHUNK)
            key = {"state_key": self.key, "name": name}
            with self._writing() as connection:
                if connection is None:
                    return
                insert_new(connection, STATES, key=self.key, used_at=utcnow(), about="{}")
                connection.execute(
                    delete(DOCS).where(DOCS.c.state_key == self.key, DOCS.c.name == name)
                )
                connection.execute(
                    insert(DOCS).values(
                        **key, relative=relative, sha256=digest, size=size, chunks=count
                    )
                )
                with Path(made).open("rb") as handle:
                    chunks.write(connection, CHUNKS, key, handle)
            self._index[name] = (relative, digest, count)
        except (DBAPIError, OSError, StorageError):
            pass

    def commit(self) -> None:
        """Mark this state the newest (and record its bundle, ``keep_bundle``), and remove
        the states beyond the newest KEEP."""
        try:
            with self._writing() as connection:
                if connection is None:
                    return
                insert_new(connection, STATES, key=self.key, used_at=utcnow(), about="{}")
                values: dict = {"used_at": utcnow(), "about": _dump(self.about)}
                if self._bundle is not None:
                    values["bundle"] = _dump({**self._bundle, "about": self.about})
                connection.execute(update(STATES).where(STATES.c.key == self.key).values(**values))
                newest = connection.scalars(
                    select(STATES.c.key).order_by(STATES.c.used_at.desc(), STATES.c.key)
                ).all()
                old = newest[KEEP:]
                for start in range(0, len(old), 500):
                    connection.execute(
                        delete(STATES).where(STATES.c.key.in_(old[start : start + 500]))
                    )
        except (DBAPIError, StorageError):
            pass

    @contextmanager
    def _writing(self) -> Iterator[Connection | None]:
        """A short writing transaction of the cache's own (None: the database is read-only)."""
        if self.db.read_only is not None:
            yield None
            return
        with self.db.engine.connect() as connection, write_transaction(connection).begin():
            yield connection


def recent_exports(db) -> list[tuple[str, bool]]:
    """(period label, unmasked) of the states kept, newest first: what was exported (or
    made ahead) lately."""
    try:
        with db.engine.connect() as connection:
            rows = connection.execute(
                select(STATES.c.about).order_by(STATES.c.used_at.desc(), STATES.c.key)
            ).all()
    except DBAPIError:
        return []
    found: list[tuple[str, bool]] = []
    for (about,) in rows:
        try:
            data = json.loads(about)
            item = (str(data["period"]), bool(data["unmasked"]))
        except (ValueError, KeyError, TypeError):
            continue
        if item not in found:
            found.append(item)
    return found


def _json(text_value: str | None) -> dict:
    try:
        data = json.loads(text_value) if text_value else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)
