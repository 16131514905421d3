"""Who may read the files the program writes.

The studio's own data — the data folder, the database with its -wal/-shm files (the
evidence, the signing key and the document cache inside it), its backups, this PC's
cache folder beside it (copies of evidence files, thumbnails), and an older
installation's file store — holds phone and ID numbers in full: on POSIX it is the
user's alone (folders 0700, files 0600, copies of evidence files 0400). Set when the
file is made, and tightened when an older installation's database is opened.

On Windows ``os.chmod`` can only set the read-only flag: there the program relies on
the data folder being in the user's profile (AppData\\Local, whose permissions give the
user, SYSTEM and the administrators access, and nobody else); nothing is changed.

Exports (bundles, reports, rosters, workbooks) are documents the user hands on: they
get the user's normal permissions (0666 less the umask), as any program's files do.
"""

from __future__ import annotations

import os
from pathlib import Path

POSIX = os.name == "posix"
FOLDER = 0o700
FILE = 0o600
STORED = 0o400  # a file of the store or a backup pool: never changed once written


def _chmod(path: Path | str, mode: int) -> None:
    """On POSIX. A file system without permissions (a FAT USB stick) or a file of
    another user cannot be changed: it is left as it is, never a failed save."""
    if not POSIX:
        return
    try:
        os.chmod(path, mode)
    except OSError:
        pass


def private_folder(path: Path) -> Path:
    """``path`` made if needed and the user's alone, with the folders made for it."""
    path = Path(path)
    missing = []
    parent = path
    while not parent.exists() and parent != parent.parent:
        missing.append(parent)
        parent = parent.parent
    for folder in reversed(missing):
        folder.mkdir(mode=FOLDER, exist_ok=True)
        _chmod(folder, FOLDER)  # (mkdir's mode is cut by the umask)
    if not missing:
        path.mkdir(exist_ok=True)  # a file in its place: FileExistsError, as mkdir says
        _chmod(path, FOLDER)
    return path


def private_file(path: Path | str) -> None:
    _chmod(path, FILE)


def create_private(path: Path | str) -> None:
    """Make an empty file at ``path`` (none there yet) that only the user can read, so
    that what is written into it is never readable by others, not even for a moment."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE))
    _chmod(path, FILE)  # it may have been there already


def read_only(path: Path | str) -> None:
    """A stored file: read-only (on Windows the read-only flag), the user's alone."""
    os.chmod(path, STORED)


def writable(path: Path | str) -> None:
    """Writable again (Windows refuses to replace or delete a read-only file)."""
    os.chmod(path, FILE)


def is_private_folder(path: Path) -> bool:
    """True when ``path`` is a folder already the user's alone (or on Windows)."""
    if not POSIX:
        return True
    try:
        return Path(path).stat().st_mode & 0o777 == FOLDER
    except OSError:
        return True  # nothing there to tighten


def tighten_tree(root: Path) -> None:
    """Every folder and file under ``root`` (and ``root``) the user's alone; read-only
    files stay read-only. For the folders of an installation from before this was so:
    done once, when ``root`` itself is found readable by others."""
    root = Path(root)
    if is_private_folder(root):
        return
    for folder, _, files in os.walk(root):
        for name in files:
            path = Path(folder, name)
            try:
                writable_now = path.stat().st_mode & 0o200
            except OSError:
                continue
            _chmod(path, FILE if writable_now else STORED)
        if Path(folder) != root:
            _chmod(folder, FOLDER)
    _chmod(root, FOLDER)  # last: an interrupted walk is done again next time


def umask() -> int:
    """The process's umask. Learning it by setting it changes it for every thread for a
    moment: Linux's own record is read instead, and elsewhere the moment's umask is the
    strictest (a file another thread makes then is private, never open to all)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def export_file(path: Path | str) -> None:
    """An export: the user's normal permissions (for a file made with mkstemp's 0600)."""
    _chmod(path, 0o666 & ~umask())
