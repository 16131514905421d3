"""The managed file store beside the database.

Files are content-addressed (sha256), written once to a temporary name and renamed,
and never modified; the original name lives in the ``attachment`` row. The store is the
user's alone (desktop_app/file_modes.py): evidence shows people, and the caches inside
it (documents, thumbnails) hold the same personal data as the database.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from desktop_app import file_modes, leftovers

CHUNK = 1 << 20


class FileStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def add(self, source: Path) -> tuple[str, int]:
        """Copy ``source`` in; returns (sha256, size). Adding the same bytes twice stores one copy."""
        source = Path(source)
        file_modes.private_folder(self.root)
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=self.root, prefix=leftovers.tagged(leftovers.INCOMING))
        try:
            with os.fdopen(fd, "wb") as out, source.open("rb") as src:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            target = self.path_for(sha)
            if target.exists():
                os.unlink(tmp_name)
            else:
                file_modes.private_folder(target.parent)
                os.replace(tmp_name, target)
                file_modes.read_only(target)
            return sha, size
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise

    def verify(self, sha256: str) -> bool:
        path = self.path_for(sha256)
        if not path.exists():
            return False
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        return digest.hexdigest() == sha256

    def export_copy(self, sha256: str, target: Path) -> Path:
        """A copy under its original name (for opening in the system viewer)."""
        file_modes.private_folder(target.parent)
        shutil.copyfile(self.path_for(sha256), target)
        file_modes.private_file(target)
        return target
