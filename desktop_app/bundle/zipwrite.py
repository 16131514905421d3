"""A deterministic, streaming zip writer: entries in the order given (the caller sorts),
one fixed timestamp and mode, files copied in blocks so that memory does not grow with
their size; written to a temporary name and renamed only when complete.

Each file's checksum (for the manifest) is computed on the way; the finished zip's is
read and computed on a thread of its own just behind the writer (hashlib lets go of the
interpreter while it hashes), so on a machine with two cores it costs no second pass."""

from __future__ import annotations

import hashlib
import os
import threading
import zipfile
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from desktop_app import leftovers
from desktop_app.bundle.format import ZIP_TIME

BLOCK = 1 << 20
SYNC_EVERY = 32 << 20  # bytes between the trailing thread's syncs
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
        self._stack = ExitStack()  # holds the temporary beside the target while writing
        self.temp = self.target  # on entering: that temporary
        self.check_cancel = check_cancel or (lambda: False)
        self._zip: zipfile.ZipFile | None = None
        self._trail: _TrailingHash | None = None
        self.sha256: str | None = None  # of the finished zip, once written

    def __enter__(self) -> DeterministicZip:
        self.temp = self._stack.enter_context(leftovers.temporary_beside(self.target, ".partial"))
        try:
            self._zip = zipfile.ZipFile(self.temp, "w", compresslevel=6, allowZip64=True)
            self._trail = _TrailingHash(self.temp)
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        assert self._zip is not None and self._trail is not None
        try:
            self._zip.close()
            if exc_type is None:
                self.sha256 = self._trail.finish(self.temp.stat().st_size)
                with open(self.temp, "rb+") as handle:
                    os.fsync(handle.fileno())
                os.replace(self.temp, self.target)
        finally:
            self._trail.stop(abandon=True)
            self._stack.close()  # the temporary removed unless renamed
        return False

    def _entry_done(self) -> None:
        """Everything before the end of the entry just written is final: zipfile only
        ever goes back to patch the local header of the entry it is writing."""
        assert self._zip is not None and self._trail is not None
        self._zip.fp.flush()
        self._trail.advance(self._zip.fp.tell())

    def add_bytes(self, name: str, data: bytes) -> str:
        """Add ``data`` as ``name``; returns its sha256."""
        if self.check_cancel():
            raise Cancelled
        self._zip.writestr(_info(name, compress=True), data)
        self._entry_done()
        return hashlib.sha256(data).hexdigest()

    def add_file(self, name: str, source: Path) -> str:
        """Copy ``source`` in blocks; returns its sha256 (computed on the bytes written).
        Hashed here, on this thread: the other core is the finished zip's hash's (two
        hashing threads on two cores would wait on each other)."""
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
        self._entry_done()
        return digest.hexdigest()


class _TrailingHash:
    """The SHA-256 of a file being written, read on a thread of its own behind the
    writer: ``advance(n)`` says the first n bytes are final, ``finish(size)`` waits for
    the whole file's digest."""

    def __init__(self, path: Path):
        self._path = path
        self._digest = hashlib.sha256()
        self._final = 0  # bytes the writer will not change any more
        self._closing = False
        self._abandon = False
        self._error: BaseException | None = None
        self._moved = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="zip-trail", daemon=True)
        self._thread.start()

    def advance(self, final: int) -> None:
        with self._moved:
            self._final = max(self._final, final)
            self._moved.notify()

    def finish(self, size: int) -> str:
        self.advance(size)
        self.stop()
        if self._error is not None:
            raise self._error
        return self._digest.hexdigest()

    def stop(self, abandon: bool = False) -> None:
        """End the thread: at once with ``abandon``, else once the final bytes are read."""
        with self._moved:
            self._closing = True
            self._abandon = self._abandon or abandon
            self._moved.notify()
        self._thread.join()

    def _run(self) -> None:
        done = synced = 0
        syncing = True
        try:
            # Unbuffered: a buffered reader reads ahead, past the final bytes, and would
            # keep bytes the writer has yet to patch.
            with open(self._path, "rb", buffering=0) as reader:
                while True:
                    with self._moved:
                        while self._final <= done and not self._closing:
                            self._moved.wait()
                        final, closing = self._final, self._closing
                    while done < final and not self._abandon:
                        block = reader.read(min(BLOCK, final - done))
                        if not block:
                            raise OSError(f"{self._path} ended before byte {final}")
                        self._digest.update(block)
                        done += len(block)
                    if syncing and done - synced >= SYNC_EVERY:
                        syncing = _sync(reader.fileno())
                        synced = done
                    if self._abandon or (closing and done >= self._final):
                        return
        except BaseException as error:  # told to the writer by finish()
            self._error = error


def _sync(fd: int) -> bool:
    """Put what is written so far on the disk while the writer goes on, so that the
    final fsync has only the end left (off the writer's thread: the disk works while it
    copies). False where a file open for reading cannot be synced (Windows): the final
    fsync then does it all, as it always does."""
    try:
        os.fsync(fd)
    except OSError:
        return False
    return True


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
