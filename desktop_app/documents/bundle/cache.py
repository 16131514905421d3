"""The documents of a bundle, kept between exports while the records stay the same.

Typesetting a school year's reports takes far longer than copying its photos; exporting
the same period again (after a check, for the unmasked copy a rule requires, to resend)
should cost the copying only. The documents are kept in the file store's ``.documents``
folder, under a key of everything they are made from:

* the records: the change counter (every committed unit of work, of any PC, moves it;
  store/changes.py) with the database's origin and the schema revision;
* the period, the masking, the day the data is as of;
* the program: its version, and in a source checkout the size and time of every module
  that writes documents (a code change is a new key while developing).

A kept document is used only when its bytes still have the checksum written beside it.
Anything that goes wrong with the cache (a read-only folder, a damaged file) means the
document is made again, never a failed or a wrong export. The newest few keys are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop_app import __version__, file_modes, leftovers
from desktop_app.bundle.zipwrite import sha256_file as sha256_of
from desktop_app.leftovers import INCOMING
from desktop_app.store.changes import state as commit_state

FOLDER = ".documents"
INDEX = "index.json"
BUNDLE = "bundle.json"  # the whole bundle of the state: which documents, which evidence
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
    """The documents of one state (``key``) under ``root``."""

    def __init__(self, root: Path, key: str, about: dict | None = None):
        self.root = Path(root)
        self.key = key
        self.folder = self.root / key
        self.about = about or {}  # what the state is of (the period…), kept in bundle.json
        try:
            if self.folder.is_dir():
                os.utime(self.folder)  # in use: the newest, not pruned by another export
        except OSError:
            pass
        self._index = self._read_json(INDEX)
        self._added: dict[str, list[str]] = {}
        self._bundle: dict | None = None

    def _read_json(self, name: str) -> dict:
        try:
            data = json.loads((self.folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def kept_bundle(self) -> dict:
        """What ``keep_bundle`` recorded for this state ({} when nothing was): the caller
        checks it still holds (every document through ``fetch``)."""
        return self._read_json(BUNDLE)

    def keep_bundle(self, record: dict) -> None:
        """Record the whole bundle of this state (written by ``commit``): the next export
        of the same state need not even plan its documents."""
        self._bundle = record

    def fetch(self, name: str) -> Path | None:
        """The kept document for ``name`` (its path inside the cache), or None when there
        is none or it is not the bytes it was."""
        entry = self._index.get(name)
        if not (isinstance(entry, list) and len(entry) == 2):
            return None
        relative, digest = entry
        path = self.folder / relative
        try:
            if sha256_of(path) != digest:
                return None
        except OSError:
            return None
        return path

    def keep(self, name: str, made: Path, relative: str) -> None:
        """Keep a copy of the document just made (``relative``: its path in the bag)."""
        target = self.folder / relative
        try:
            file_modes.private_folder(target.parent)  # in the store: the user's alone
            handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=leftovers.tagged(INCOMING))
            os.close(handle)
            try:
                shutil.copyfile(made, tmp)
                os.replace(tmp, target)
            finally:
                leftovers.remove(Path(tmp))
            self._added[name] = [relative, sha256_of(target)]
        except OSError:
            pass

    def commit(self) -> None:
        """Write the index (the documents kept are usable from now on) and remove the
        states beyond the newest KEEP (this one counts as the newest)."""
        if not self._added and self._bundle is None:
            try:
                if self.folder.is_dir():
                    os.utime(self.folder)  # used again: the newest
            except OSError:
                pass
            self._prune(keep=KEEP)
            return
        index = {**self._index, **self._added}
        try:
            file_modes.private_folder(self.folder)
            self._write_json(INDEX, index)
            if self._bundle is not None:  # after the index: it names documents indexed
                self._write_json(BUNDLE, {**self._bundle, "about": self.about})
        except OSError:
            return
        self._prune(keep=KEEP)

    def _write_json(self, name: str, data: dict) -> None:
        handle, tmp = tempfile.mkstemp(dir=self.folder, prefix=leftovers.tagged(INCOMING))
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, sort_keys=True)
            os.replace(tmp, self.folder / name)
        finally:
            leftovers.remove(Path(tmp))

    def _prune(self, keep: int) -> None:
        try:
            states = [p for p in self.root.iterdir() if p.is_dir()]
            states.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        except OSError:
            return
        for old in _beyond(states, keep, self.folder):
            shutil.rmtree(old, ignore_errors=True)


def recent_exports(root: Path) -> list[tuple[str, bool]]:
    """(period label, unmasked) of the states kept under ``root``, newest first: what
    was exported (or made ahead) lately."""
    try:
        states = sorted(
            (p for p in Path(root).iterdir() if p.is_dir()),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
    except OSError:
        return []
    found: list[tuple[str, bool]] = []
    for state in states:
        try:
            about = json.loads((state / BUNDLE).read_text(encoding="utf-8"))["about"]
            item = (str(about["period"]), bool(about["unmasked"]))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if item not in found:
            found.append(item)
    return found


def _beyond(states: Iterable[Path], keep: int, current: Path) -> list[Path]:
    kept, drop = 0, []
    for state in states:
        if state == current:
            continue
        kept += 1
        if kept >= keep:
            drop.append(state)
    return drop
