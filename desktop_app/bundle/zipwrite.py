"""A deterministic, streaming zip writer: entries in the order given (the caller sorts),
one fixed timestamp and mode, files copied in blocks so that memory does not grow with
their size; written to a temporary name and renamed only when complete."""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

from desktop_app.bundle.format import ZIP_TIME

BLOCK = 1 << 20
FILE_MODE = 0o644 << 16


class Cancelled(Exception):
    """The user stopped the export; nothing was left behind."""


def _info(name: str, compress: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.external_attr = FILE_MODE
    info.create_system = 3  # unix: the mode above means the same everywhere
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    return info


# Already compressed: deflating them again costs time and gains nothing.
_STORED_SUFFIXES = {
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".mp4",
    ".mov",
    ".mp3",
    ".zip",
    ".xlsx",
    ".docx",
    ".pptx",
    ".pdf",
    ".heic",
}


class DeterministicZip:
    """``with DeterministicZip(target) as z: z.add_bytes(...); z.add_file(...)``.
    On an exception (or Cancelled) the temporary file is removed and the target is left
    as it was."""

    def __init__(self, target: Path, check_cancel: Callable[[], bool] | None = None):
        self.target = Path(target)
        self.temp = self.target.with_name(f".{self.target.name}.partial")
        self.check_cancel = check_cancel or (lambda: False)
        self._zip: zipfile.ZipFile | None = None

    def __enter__(self) -> DeterministicZip:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._zip = zipfile.ZipFile(self.temp, "w", compresslevel=6, allowZip64=True)
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        assert self._zip is not None
        try:
            self._zip.close()
        finally:
            if exc_type is None:
                with open(self.temp, "rb+") as handle:
                    os.fsync(handle.fileno())
                os.replace(self.temp, self.target)
            else:
                self.temp.unlink(missing_ok=True)
        return False

    def add_bytes(self, name: str, data: bytes) -> str:
        """Add ``data`` as ``name``; returns its sha256."""
        if self.check_cancel():
            raise Cancelled
        self._zip.writestr(_info(name, compress=True), data)
        return hashlib.sha256(data).hexdigest()

    def add_file(self, name: str, source: Path) -> str:
        """Copy ``source`` in blocks; returns its sha256 (computed on the bytes written)."""
        digest = hashlib.sha256()
        compress = Path(name).suffix.lower() not in _STORED_SUFFIXES
        info = _info(name, compress)
        info.file_size = Path(source).stat().st_size  # lets zipfile choose zip64 itself
        with open(source, "rb") as reader, self._zip.open(info, "w") as writer:
            while block := reader.read(BLOCK):
                if self.check_cancel():
                    raise Cancelled
                digest.update(block)
                writer.write(block)
        return digest.hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(BLOCK):
            digest.update(block)
    return digest.hexdigest()


def normalise_ooxml(source: Path, target: Path) -> None:
    """Rewrite an .xlsx/.docx (itself a zip) with fixed entry times, so that a workbook
    written twice from the same data has the same bytes. Entry order and contents are
    kept; the caller fixes the document's own created/modified properties."""
    with zipfile.ZipFile(source) as reader, zipfile.ZipFile(target, "w") as writer:
        for entry in reader.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_TIME)
            info.external_attr = FILE_MODE
            info.create_system = 3
            info.compress_type = zipfile.ZIP_DEFLATED
            writer.writestr(info, reader.read(entry.filename), compresslevel=6)
