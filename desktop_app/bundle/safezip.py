"""Reading a zip that nobody vouches for (the bureau's inbox): every entry name, type
and size is checked against limits before a byte is read, and nothing is extracted —
entries are streamed from the archive, so nothing can be written anywhere."""

from __future__ import annotations

import stat
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# Archives inside the bundle are refused; office documents are zips too but are kept.
ARCHIVE_SUFFIXES = {
    ".zip",
    ".rar",
    ".7z",
    ".tar",
    ".gz",
    ".tgz",
    ".bz2",
    ".xz",
    ".zst",
    ".cab",
    ".iso",
    ".jar",
    ".arj",
    ".lz",
    ".lzma",
    ".z",
}


@dataclass(frozen=True)
class Limits:
    max_entries: int = 20_000
    max_total_bytes: int = 8 << 30  # uncompressed, all entries
    max_entry_bytes: int = 2 << 30
    max_ratio: int = 100  # uncompressed / compressed, for entries above ratio_floor
    ratio_floor: int = 1 << 20
    # data.json is read into memory: a studio's is at most a few MB (tens of members, a
    # few hundred activities, their attendance and ledger over a five-year cycle), so 16 MB
    # is several times any studio's while its parsed objects stay well inside 200 MB.
    max_json_bytes: int = 16 << 20


DEFAULT_LIMITS = Limits()  # frozen, so safe as a default argument


class UnsafeArchive(Exception):
    """The zip is refused; ``reason`` says why in the user's words."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        super().__init__(code, params)


def _name_problem(name: str) -> str | None:
    if "\x00" in name:
        return "nul_in_name"
    if name.startswith(("/", "\\")):
        return "absolute_path"
    if len(name) >= 2 and name[1] == ":" and name[0].isalpha():
        return "drive_letter"
    parts = name.replace("\\", "/").split("/")
    if any(part == ".." for part in parts):
        return "parent_path"
    if any(part in ("", ".") for part in parts[:-1]) or not parts[-1] and len(parts) == 1:
        return "odd_path"
    return None


def _is_link(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return info.create_system == 3 and stat.S_ISLNK(mode)


class SafeZip:
    """Open with ``SafeZip(path, limits)``; raises UnsafeArchive (or is "not a zip")."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS):
        self.path = Path(path)
        self.limits = limits
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            # NotImplementedError: a central directory asking for a newer zip version.
            raise UnsafeArchive("not_a_zip", detail=str(exc)) from None
        try:
            self.files = self._check()
        except UnsafeArchive:
            self._zip.close()
            raise

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def _check(self) -> dict[str, zipfile.ZipInfo]:
        infos = self._zip.infolist()
        limits = self.limits
        if len(infos) > limits.max_entries:
            raise UnsafeArchive("too_many_entries", count=len(infos), limit=limits.max_entries)
        files: dict[str, zipfile.ZipInfo] = {}
        seen: set[str] = set()
        total = 0
        for info in infos:
            name = info.filename
            problem = _name_problem(name)
            if problem:
                raise UnsafeArchive(problem, name=name)
            if _is_link(info):
                raise UnsafeArchive("link", name=name)
            if info.flag_bits & 0x1:
                raise UnsafeArchive("encrypted", name=name)
            # Two names a Windows or macOS disk would store as one are a duplicate too.
            folded = unicodedata.normalize("NFC", name.replace("\\", "/")).casefold()
            if folded in seen:
                raise UnsafeArchive("duplicate", name=name)
            seen.add(folded)
            if info.is_dir():
                continue
            if PurePosixPath(name).suffix.lower() in ARCHIVE_SUFFIXES:
                raise UnsafeArchive("nested_archive", name=name)
            if info.file_size > limits.max_entry_bytes:
                raise UnsafeArchive("entry_too_big", name=name, size=info.file_size)
            total += info.file_size
            if total > limits.max_total_bytes:
                raise UnsafeArchive("too_big", limit=limits.max_total_bytes)
            if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
                info.compress_size, 1
            ):
                raise UnsafeArchive("ratio", name=name)
            files[name] = info
        self._check_ranges(infos)
        return files

    def _check_ranges(self, infos: list[zipfile.ZipInfo]) -> None:
        """Every entry's compressed bytes lie in a stretch of the file of their own, before
        the central directory: entries that share one compressed stream (an "overlap"
        zip bomb) would each unpack to the declared size while the file stays small. Read
        from the central directory and the 30-byte local headers, before any data."""
        size = self.path.stat().st_size
        if sum(info.compress_size for info in infos) > size:
            raise UnsafeArchive("sizes_exceed_file")
        ranges = []
        with open(self.path, "rb") as handle:
            for info in infos:
                handle.seek(info.header_offset)
                header = handle.read(30)
                if len(header) < 30 or header[:4] != b"PK\x03\x04":
                    raise UnsafeArchive("damaged_entry", name=info.filename, detail="local header")
                name_len, extra_len = struct.unpack_from("<HH", header, 26)
                end = info.header_offset + 30 + name_len + extra_len + info.compress_size
                ranges.append((info.header_offset, end, info.filename))
        ranges.sort()
        directory = self._zip.start_dir  # where the central directory begins
        for index, (_start, end, name) in enumerate(ranges):
            following = ranges[index + 1] if index + 1 < len(ranges) else None
            if end > (following[0] if following else directory):
                raise UnsafeArchive("overlap", name=following[2] if following else name)

    def read(self, name: str, limit: int | None = None) -> bytes:
        """The whole entry, refused past ``limit`` bytes (the declared size is checked
        before and the actual bytes while reading: a header can lie)."""
        info = self.files[name]
        cap = limit if limit is not None else self.limits.max_json_bytes
        if info.file_size > cap:
            raise UnsafeArchive("entry_too_big", name=name, size=info.file_size)
        chunks = []
        size = 0
        for block in self.blocks(name):
            size += len(block)
            if size > cap:
                raise UnsafeArchive("entry_too_big", name=name, size=size)
            chunks.append(block)
        return b"".join(chunks)

    def blocks(self, name: str, size: int = 1 << 20):
        """The entry in blocks; zipfile stops at the declared size and checks the CRC."""
        info = self.files[name]
        read = 0
        try:
            with self._zip.open(info) as handle:
                while block := handle.read(size):
                    read += len(block)
                    if read > info.file_size:
                        raise UnsafeArchive("size_mismatch", name=name)
                    yield block
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            EOFError,
            ValueError,
            NotImplementedError,
        ) as exc:
            raise UnsafeArchive("damaged_entry", name=name, detail=str(exc)) from None
