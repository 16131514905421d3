"""The zip writer: the checksums it computes on its hashing threads are those of the
bytes written, and a failure or a cancel leaves nothing behind."""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

import pytest

from desktop_app.bundle import zipwrite
from desktop_app.bundle.zipwrite import Cancelled, DeterministicZip, sha256_file


def make_files(folder: Path) -> list[Path]:
    """A stored photo spanning many blocks, a deflated text, an empty file."""
    photo = folder / "photo.jpg"
    photo.write_bytes(os.urandom(5 * zipwrite.BLOCK + 12345))
    text = folder / "notes.txt"
    text.write_bytes("工作室活动记录\n".encode() * 50_000)
    empty = folder / "empty.bin"
    empty.write_bytes(b"")
    return [photo, text, empty]


def test_checksums_are_those_of_the_bytes_written(tmp_path):
    sources = make_files(tmp_path)
    out = tmp_path / "out.zip"
    with DeterministicZip(out) as bag:
        got = {p.name: bag.add_file(f"root/{p.name}", p) for p in sources}
        got["tag"] = bag.add_bytes("root/tag.txt", b"tag")
    assert got == {
        **{p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sources},
        "tag": hashlib.sha256(b"tag").hexdigest(),
    }
    assert bag.sha256 == sha256_file(out)
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
        assert archive.read("root/photo.jpg") == sources[0].read_bytes()
        assert archive.getinfo("root/photo.jpg").compress_type == zipfile.ZIP_STORED
        assert archive.getinfo("root/notes.txt").compress_type == zipfile.ZIP_DEFLATED


def test_the_same_files_give_the_same_bytes(tmp_path):
    sources = make_files(tmp_path)
    digests = []
    for name in ("a.zip", "b.zip"):
        with DeterministicZip(tmp_path / name) as bag:
            for p in sources:
                bag.add_file(f"root/{p.name}", p)
        digests.append(bag.sha256)
    assert digests[0] == digests[1]
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_a_cancel_half_way_leaves_the_earlier_file(tmp_path):
    sources = make_files(tmp_path)
    out = tmp_path / "out.zip"
    out.write_bytes(b"the earlier bundle")
    asked = 0

    def cancel() -> bool:
        nonlocal asked
        asked += 1
        return asked > 3  # inside the photo's blocks

    with pytest.raises(Cancelled), DeterministicZip(out, cancel) as bag:
        for p in sources:
            bag.add_file(f"root/{p.name}", p)
    assert out.read_bytes() == b"the earlier bundle"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_error_while_finishing_leaves_nothing(tmp_path, monkeypatch):
    sources = make_files(tmp_path)
    out = tmp_path / "out.zip"

    def full_disk(self):
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        with DeterministicZip(out) as bag:
            bag.add_file("root/photo.jpg", sources[0])
            monkeypatch.setattr(zipfile.ZipFile, "close", full_disk)
    monkeypatch.undo()
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_many_small_entries_hash_the_final_bytes(tmp_path):
    """Entries smaller than a read-ahead buffer: the trailing hash must never keep bytes
    read before zipfile patched an entry's header (this failed with a buffered reader)."""
    for attempt in range(20):
        out = tmp_path / f"{attempt}.zip"
        with DeterministicZip(out) as bag:
            for n in range(200):
                bag.add_bytes(f"root/{n}.txt", f"entry {n} {attempt}".encode() * (n % 7 + 1))
        assert bag.sha256 == sha256_file(out)
