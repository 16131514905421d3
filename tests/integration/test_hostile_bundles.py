"""Issue 16's hostile bundles through the real commands, each in a process of its own:
refused quickly, with the reason named, at a peak resident memory of at most 200 MB, and
nothing written for them (the inbox writes only its comparison workbook)."""

from __future__ import annotations

import random
import time
from pathlib import Path

from bundles import build_bundle, sample_data
from hostile_bundles import overlapping_zip, run_measured, zip_bytes

MEMORY_LIMIT = 200 << 20


def files_in(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def check_refused(path: Path, tmp_path: Path, words: str) -> None:
    """``verify`` and ``inbox`` both refuse ``path`` naming ``words``, within the limits."""
    before = files_in(tmp_path)
    started = time.monotonic()
    code, peak, output = run_measured("verify", str(path))
    assert code == 1 and words in output, output
    assert peak <= MEMORY_LIMIT, peak
    assert time.monotonic() - started < 30
    assert files_in(tmp_path) == before

    out = tmp_path / "比较.xlsx"
    started = time.monotonic()
    code, peak, output = run_measured("inbox", str(path.parent), "--out", str(out))
    assert code == 0 and f"✗ {path.name}" in output and words in output, output
    assert peak <= MEMORY_LIMIT, peak
    assert time.monotonic() - started < 30
    assert files_in(tmp_path) == before | {out.name}


def check_refused_inbox(inbox: Path, tmp_path: Path, name: str, words: str) -> None:
    before = files_in(tmp_path)
    out = tmp_path / "比较.xlsx"
    code, peak, output = run_measured("inbox", str(inbox), "--out", str(out))
    assert code == 0 and f"✗ {name}" in output and words in output, output
    assert peak <= MEMORY_LIMIT, peak
    assert files_in(tmp_path) == before | {out.name}


def test_entries_sharing_one_compressed_stream_are_refused_unread(tmp_path):
    """4 entries of 64 MB unpacking the same 1.2 MB of compressed bytes, each a valid
    entry, in a file padded to more than their compressed sizes added up."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    path = overlapping_zip(inbox / "overlap.zip", count=4, padding=4 << 20)
    assert path.stat().st_size < 6 << 20
    check_refused(path, tmp_path, "共用压缩数据")


def test_compressed_sizes_beyond_the_file_are_refused_unread(tmp_path):
    """40 entries of 64 MB (2.5 GB declared) in a 1.2 MB file."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    path = overlapping_zip(inbox / "overlap.zip", count=40)
    check_refused(path, tmp_path, "压缩大小之和超过文件本身")


def test_a_data_json_of_three_million_values_is_refused_counted(tmp_path):
    """A signed bundle (a key of its own) whose data.json is 15 MB of two-letter strings:
    parsed, three million objects (the issue's 200 MB of ``{},`` took 9.4 GB). The file
    is 3.3 MB, its ratio an ordinary one."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    letters = "abcdefgh"
    pick = random.Random(16).choices
    words = ",".join(
        f'"{a}{b}"'
        for a, b in zip(pick(letters, k=3_000_000), pick(letters, k=3_000_000), strict=True)
    )
    data = (
        b'{"schema": "studiodesk-bundle-data", "schema_version": 1, "members": ['
        + words.encode()
        + b"]}"
    )
    path = build_bundle(inbox / "values.zip", data_bytes=data)
    assert path.stat().st_size < 4 << 20
    before = files_in(tmp_path)
    out = tmp_path / "比较.xlsx"
    code, peak, output = run_measured("inbox", str(inbox), "--out", str(out))
    assert code == 0 and "✗ values.zip" in output and "数据项超过 300,000 个" in output, output
    assert peak <= MEMORY_LIMIT, peak
    assert files_in(tmp_path) == before | {out.name}


def test_a_data_json_declared_larger_than_any_studio_is_refused_unread(tmp_path):
    """data.json of 40 MB of JSON white space and noise (500 KB on disk): its declared
    size alone refuses it."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    noise = random.Random(4).randbytes
    data = sample_data(noise=[noise(1 << 10).hex() + " " * (62 << 10) for _ in range(640)])
    path = build_bundle(inbox / "big.zip", data)
    assert path.stat().st_size < 1 << 20
    check_refused_inbox(inbox, tmp_path, "big.zip", "上限 16 MB")


def test_an_archive_renamed_xlsx_in_a_signed_bundle_is_refused(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    hidden = zip_bytes({"报名表.exe": b"MZ" + bytes(1000)})
    path = build_bundle(inbox / "renamed.zip", files={"data/attachments/名单.xlsx": hidden})
    check_refused(path, tmp_path, "材料包内含改名的压缩包：data/attachments/名单.xlsx")
