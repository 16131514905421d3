"""Hostile files of issue 16 built small on disk with zipfile and struct: a zip whose
entries share one compressed stream, central directories that lie about sizes, signed
bundles whose data.json is hostile, archives under another name.

    from hostile_bundles import overlapping_zip, peak_rss_of

``tests/`` is on sys.path (it holds conftest.py), so any test folder can import this.
"""

from __future__ import annotations

import gzip
import io
import os
import struct
import subprocess
import sys
import tarfile
import zipfile
import zlib
from pathlib import Path

ROOT = "studiodesk-test-2025-2026"


def patch_entry(path: Path, name: str, **fields: int) -> None:
    """Rewrite header fields of entry ``name`` in both its central directory record and
    its local header: flag_bits, file_size (uncompressed), extract_version."""
    data = bytearray(path.read_bytes())
    encoded = name.encode("utf-8")
    at = data.find(b"PK\x01\x02")
    patched = False
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + name_len]) == encoded:
            local = struct.unpack_from("<I", data, at + 42)[0]
            if "flag_bits" in fields:
                struct.pack_into("<H", data, at + 8, fields["flag_bits"])
                struct.pack_into("<H", data, local + 6, fields["flag_bits"])
            if "file_size" in fields:
                struct.pack_into("<I", data, at + 24, fields["file_size"])
                struct.pack_into("<I", data, local + 22, fields["file_size"])
            if "extract_version" in fields:
                struct.pack_into("<H", data, at + 6, fields["extract_version"])
                struct.pack_into("<H", data, local + 4, fields["extract_version"])
            patched = True
        at = data.find(b"PK\x01\x02", at + 46)
    assert patched, name
    path.write_bytes(bytes(data))


def _kernel(size: int) -> bytes:
    """A raw deflate stream of ``size`` bytes (rounded down to 64 KB) compressed about
    56:1, under the ratio that SafeZip takes for a bomb. Built in blocks."""
    block = os.urandom(1024) + bytes(63 * 1024)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts = [packer.compress(block) for _ in range(size // len(block))]
    return b"".join([*parts, packer.flush()])


def _local_header(name: bytes, crc: int, csize: int, usize: int) -> bytes:
    return (
        struct.pack(
            "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0x800, 8, 0, 0x21, crc, csize, usize, len(name), 0
        )
        + name
    )


def _central(name: bytes, crc: int, csize: int, usize: int, offset: int) -> bytes:
    return (
        struct.pack(
            "<4sHHHHHHIIIHHHHHII",
            b"PK\x01\x02",
            20,
            20,
            0x800,
            8,
            0,
            0x21,
            crc,
            csize,
            usize,
            len(name),
            0,
            0,
            0,
            0,
            0o644 << 16,
            offset,
        )
        + name
    )


def overlapping_zip(path: Path, count: int = 4, size: int = 64 << 20, padding: int = 0) -> Path:
    """``count`` entries of about ``size`` bytes each that share one compressed stream
    (D. Fifield's overlapping zip bomb): each entry's deflate data starts with stored
    blocks quoting the later entries' local headers, then runs on into the shared
    stream. Every entry is a valid one on its own: names match, CRCs hold. ``padding``
    bytes of noise before the central directory make the file larger than the entries'
    compressed sizes added up."""
    kernel = _kernel(size)
    kernel_size = size // (64 * 1024) * 64 * 1024
    names = [f"{ROOT}/data/attachments/part{i}.txt".encode() for i in range(count)]
    headers: list[bytes] = [b""] * count
    central = [b""] * count
    offsets = []
    at = 0
    for name in names:
        offsets.append(at)
        at += 30 + len(name) + 5
    for i in reversed(range(count)):  # each entry quotes the headers after it
        quoted = b"".join(headers[i + 1 :])
        csize = 5 * (count - 1 - i) + len(quoted) + len(kernel)
        usize = len(quoted) + kernel_size
        crc = _crc_of(quoted, kernel)
        headers[i] = _local_header(names[i], crc, csize, usize)
        central[i] = _central(names[i], crc, csize, usize, offsets[i])
    body = b"".join(headers[i] + _stored_block_of(headers[i + 1]) for i in range(count - 1))
    body += headers[-1] + kernel
    body += os.urandom(padding)
    directory = b"".join(central)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, len(directory), len(body), 0)
    path.write_bytes(body + directory + end)
    return path


def _stored_block_of(data: bytes) -> bytes:
    """The 5-byte header of a deflate stored block (not the last) that holds ``data``."""
    return b"\x00" + struct.pack("<HH", len(data), len(data) ^ 0xFFFF)


def _crc_of(prefix: bytes, kernel: bytes) -> int:
    crc = zlib.crc32(prefix)
    unpacker = zlib.decompressobj(-15)
    for at in range(0, len(kernel), 1 << 16):
        crc = zlib.crc32(unpacker.decompress(kernel[at : at + (1 << 16)]), crc)
    return zlib.crc32(unpacker.flush(), crc)


# Runs the command as its own child and reports that child's peak resident memory: a
# fresh interpreter whose only child is the command, so RUSAGE_CHILDREN is its figure.
_MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True)
sys.stdout.buffer.write(done.stdout + done.stderr)
print()
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run_measured(*args: str, timeout: float = 120) -> tuple[int, int, str]:
    """``studiodesk ARGS`` in a process of its own: (exit code, peak resident memory in
    bytes, its output and messages). ru_maxrss is in KB on Linux."""
    command = [sys.executable, "-m", "desktop_app", *args]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, timeout=timeout
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    *output, last = done.stdout.decode(errors="replace").rstrip("\n").split("\n")
    code, peak = last.split()
    return int(code), int(peak) * 1024, "\n".join(output)


# --- archives under another name, and Office documents -----------------------------


def zip_bytes(files: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buffer.getvalue()


def content_types(main_part: str, main_type: str, *more: str) -> str:
    """A [Content_Types].xml giving ``main_part`` its type; ``more`` adds Override tags."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main_part}" ContentType="{main_type}"/>'
        + "".join(more)
        + "</Types>"
    )


PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
XLSM_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def pptx_bytes() -> bytes:
    """A slide deck as PowerPoint lays one out (no library here writes .pptx)."""
    return zip_bytes(
        {
            "[Content_Types].xml": content_types("ppt/presentation.xml", PPTX_TYPE),
            "_rels/.rels": "<Relationships/>",
            "ppt/presentation.xml": "<p:presentation/>",
        }
    )


def workbook_bytes() -> bytes:
    """An empty workbook as openpyxl writes it (as the program's own sheets)."""
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def document_bytes() -> bytes:
    """An empty Word document as python-docx writes it."""
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def tar_bytes() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        info = tarfile.TarInfo("evil.exe")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"MZ"))
    return buffer.getvalue()


# A few bytes of each archive format the bundle may not hold.
SEVEN_Z = b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(24)
RAR = b"Rar!\x1a\x07\x01\x00" + bytes(24)


def gzip_bytes() -> bytes:
    return gzip.compress(b"hidden", mtime=0)
