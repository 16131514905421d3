"""What a file in a bundle is by its bytes, not its name: an archive renamed ``.xlsx`` or
``.pdf`` is still an archive. Office documents (.xlsx, .docx, .pptx) are zips by design
(OOXML packages); one is accepted where the bundle may hold it, and only when its own
table of contents says it is that kind of document and carries no macros and no archive.

Where OOXML may stand (the rest of the bundle holds no zip at all):
- ``data/sheets/``: .xlsx — the program's own workbooks;
- ``data/attachments/``: .docx, .xlsx, .pptx — evidence files (the record dialog offers
  them: papers and lesson plans are Word files).
``data/reports/`` holds the program's PDFs: no OOXML there.

Everything is read from a file's first HEAD_BYTES, its last TAIL_BYTES and, for an Office
document, its [Content_Types].xml (at most 64 KB compressed, 1 MB unpacked) — never the
whole file into memory."""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath

HEAD_BYTES = 32_774  # the ISO 9660 signature ends at 32774
TAIL_BYTES = 256 << 10  # a document's zip directory: about 100 bytes per part

# (offset, magic, kind): the signatures of archive formats at the start of a file.
_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"PK\x03\x04", "zip"),
    (0, b"PK\x05\x06", "zip"),  # an empty zip
    (0, b"PK\x07\x08", "zip"),  # a split zip
    (0, b"7z\xbc\xaf\x27\x1c", "7z"),
    (0, b"Rar!\x1a\x07", "rar"),
    (0, b"\x1f\x8b", "gzip"),
    (0, b"\xfd7zXZ\x00", "xz"),
    (0, b"\x28\xb5\x2f\xfd", "zstd"),
    (0, b"MSCF\x00\x00\x00\x00", "cab"),
    (0, b"LZIP", "lzip"),
    (0, b"\x1f\x9d", "compress"),
    (257, b"ustar", "tar"),
    (32769, b"CD001", "iso"),
)
_BZIP2 = re.compile(rb"BZh[1-9](1AY&SY|\x17rE8P\x90)")

# The main part and its content type of each OOXML kind.
OOXML_MAIN: dict[str, tuple[str, str]] = {
    ".xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    ".docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    ".pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
}
# Bag folder → the Office documents it may hold.
OOXML_PLACES: dict[str, frozenset[str]] = {
    "data/sheets/": frozenset({".xlsx"}),
    "data/attachments/": frozenset({".docx", ".xlsx", ".pptx"}),
}
CONTENT_TYPES = "[Content_Types].xml"
# Parts and content types a plain document never has: macros, ActiveX, archives.
_FORBIDDEN_PART = re.compile(
    r"(?i)(vbaProject\.bin|activeX/|\.(zip|rar|7z|gz|tgz|tar|bz2|xz|cab|iso|jar))$"
)
_FORBIDDEN_TYPE = re.compile(
    r"(?i)(macroEnabled|vbaProject|activeX|application/(x-)?(zip|zip-compressed|rar|"
    r"rar-compressed|7z-compressed|gzip|tar|bzip2|xz|java-archive))"
)
_CONTENT_TYPE = re.compile(r"""ContentType\s*=\s*["']([^"']*)["']""")
_OVERRIDE = re.compile(r"<(?:\w+:)?Override\b([^>]*)>")
_PART_NAME = re.compile(r"""PartName\s*=\s*["']/?([^"']*)["']""")

ReadRange = Callable[[int, int], bytes]  # (offset, length) → at most length bytes there


def archive_kind(head: bytes) -> str | None:
    """The archive format a file's first bytes announce ("zip", "7z" …), or None."""
    for offset, magic, kind in _MAGIC:
        if head[offset : offset + len(magic)] == magic:
            return kind
    if _BZIP2.match(head):
        return "bzip2"
    return None


def hidden_archive(bag_path: str, size: int, head: bytes, tail: bytes, read: ReadRange) -> bool:
    """Whether the file at ``bag_path`` (inside the bag: "data/attachments/…") is an
    archive that the bundle may not hold: any archive, unless it is an Office document
    of a kind its folder may hold whose contents check out (see is_office_document)."""
    if archive_kind(head) is None:
        return False
    suffix = PurePosixPath(bag_path).suffix.lower()
    allowed = next(
        (kinds for place, kinds in OOXML_PLACES.items() if bag_path.startswith(place)), ()
    )
    if suffix not in allowed:
        return True
    return not is_office_document(suffix, size, head, tail, read)


def hidden_archive_file(bag_path: str, path: Path) -> bool:
    """hidden_archive for a file on disk (the exporter's check of an evidence file)."""
    with open(path, "rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(0)
        head = handle.read(HEAD_BYTES)
        handle.seek(max(0, size - TAIL_BYTES))
        tail = handle.read(TAIL_BYTES)

        def read(offset: int, length: int) -> bytes:
            handle.seek(offset)
            return handle.read(length)

        return hidden_archive(bag_path, size, head, tail, read)


def is_office_document(suffix: str, size: int, head: bytes, tail: bytes, read: ReadRange) -> bool:
    """Whether a zip is a plain Office document of the kind ``suffix`` names: its zip
    directory (in ``tail``) lists [Content_Types].xml and the kind's main part, no macros
    and no archive; [Content_Types].xml gives the main part the kind's content type and
    declares no macros and no archive."""
    if head[:4] != b"PK\x03\x04" or suffix not in OOXML_MAIN:
        return False
    entries = _directory(size, tail)
    if entries is None or CONTENT_TYPES not in entries:
        return False
    main_part, main_type = OOXML_MAIN[suffix]
    if main_part not in entries or any(_FORBIDDEN_PART.search(n) for n in entries):
        return False
    types = _content_types(entries[CONTENT_TYPES], read)
    if types is None or any(_FORBIDDEN_TYPE.search(t) for t in _CONTENT_TYPE.findall(types)):
        return False
    overrides = {}
    for attributes in _OVERRIDE.findall(types):
        part, kind = _PART_NAME.search(attributes), _CONTENT_TYPE.search(attributes)
        if part and kind:
            overrides[part.group(1).lower()] = kind.group(1).strip()
    return overrides.get(main_part.lower()) == main_type


def _directory(size: int, tail: bytes) -> dict[str, tuple[int, int, int, int]] | None:
    """The zip directory from the file's last bytes: name → (method, compressed size,
    size, local header offset); None when it is not all there or is not a plain one."""
    end = tail.rfind(b"PK\x05\x06", max(0, len(tail) - 22 - 0xFFFF))
    if end < 0 or len(tail) - end < 22:
        return None
    count, cd_size, cd_offset = struct.unpack_from("<HII", tail, end + 10)
    tail_start = size - len(tail)
    start = cd_offset - tail_start
    if start < 0 or start + cd_size > end or count == 0xFFFF or cd_offset == 0xFFFFFFFF:
        return None  # a directory beyond the tail, or a zip64 one: not a plain document
    entries: dict[str, tuple[int, int, int, int]] = {}
    at = start
    for _ in range(count):
        if tail[at : at + 4] != b"PK\x01\x02" or at + 46 > end:
            return None
        method, _t, _d, _crc, csize, usize, n, m, k = struct.unpack_from(
            "<HHHIIIHHH", tail, at + 10
        )
        offset = struct.unpack_from("<I", tail, at + 42)[0]
        name = tail[at + 46 : at + 46 + n].decode("utf-8", "replace")
        entries[name] = (method, csize, usize, offset)
        at += 46 + n + m + k
    return entries


def _content_types(entry: tuple[int, int, int, int], read: ReadRange) -> str | None:
    method, csize, usize, offset = entry
    if csize > 64 << 10 or usize > 1 << 20 or method not in (0, 8):
        return None
    chunk = read(offset, 30 + 1024 + csize)  # its local header, name and extra, then it
    if len(chunk) < 30 or chunk[:4] != b"PK\x03\x04":
        return None
    n, m = struct.unpack_from("<HH", chunk, 26)
    if 30 + n + m + csize > len(chunk):
        chunk = read(offset, 30 + n + m + csize)
    data = chunk[30 + n + m : 30 + n + m + csize]
    if len(data) < csize:
        return None
    try:
        if method == 8:
            unpacker = zlib.decompressobj(-15)
            data = unpacker.decompress(data, 1 << 20)
        return data[: 1 << 20].decode("utf-8")
    except (zlib.error, UnicodeDecodeError):
        return None
