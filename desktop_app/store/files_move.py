"""An older installation's evidence files, moved from the folder beside its database
into the database (issue 18), once, after the schema upgrade that made room for them.

Each file goes in in a transaction of its own, checked by its digest (a file whose bytes
no longer match its name is left where it is and counted): an interrupted move goes on
where it stopped at the next opening, and a file already inside is not read again. When
every file is in, the folder is renamed ``…-files.moved-in``, not deleted: the move runs
unattended at a start, and a folder kept costs only disk space, while one deleted could
not be had back if anything went wrong after its commit. The user may delete it (the
Backups page's copies carry the evidence inside the database from then on). A folder
with a file that could not move in keeps its name, and the move is tried again at the
next opening."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from desktop_app.store import chunks, files

MOVED_SUFFIX = ".moved-in"
_SHA = re.compile(r"^[0-9a-f]{64}$")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MoveOutcome:
    moved: int  # files put into the database now
    already: int  # files the database held already
    left: list[Path]  # files that could not move in (damaged, unreadable)
    renamed_to: Path | None  # the folder's new name once everything is in


def stored_files(folder: Path) -> list[Path]:
    """The evidence files of an older store: ``ab/ab12…`` (its dot-folders are caches)."""
    found = []
    for sub in sorted(folder.iterdir()):
        if sub.is_dir() and len(sub.name) == 2 and not sub.name.startswith("."):
            found += [p for p in sorted(sub.iterdir()) if _SHA.match(p.name) and p.is_file()]
    return found


def move_in(engine: Engine, folder: Path) -> MoveOutcome:
    """Move the files of ``folder`` into the database of ``engine`` (see the module)."""
    from desktop_app.store.db import write_transaction

    moved = already = 0
    left: list[Path] = []
    store = files.FileStore(engine, folder)
    held = store.held(p.name for p in stored_files(folder))
    for path in stored_files(folder):
        if path.name in held:
            already += 1
            continue
        try:
            sha, _ = chunks.sha256_of(path)
            if sha != path.name:
                left.append(path)
                continue
            with engine.connect() as connection, write_transaction(connection).begin():
                if files.add(connection, path)[0] != sha:
                    raise OSError(f"{path} changed while it was moved")
            moved += 1
        except OSError as error:
            log.warning("evidence file %s not moved into the database: %s", path, error)
            left.append(path)
    renamed = None
    if not left:
        renamed = _free_name(folder.with_name(folder.name + MOVED_SUFFIX))
        os.replace(folder, renamed)
    return MoveOutcome(moved, already, left, renamed)


def _free_name(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate
