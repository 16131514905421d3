"""A corpus of hostile zips, each built here with zipfile (and a few patched bytes), put in
the inbox beside a valid bundle: each is refused with its own reason, nothing is written
anywhere (not beside the zips, not in the temporary folder, not where a careless
extractor would put ``../evil.txt``), and the valid bundle is still read."""

from __future__ import annotations

import io
import os
import stat
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from bundles import SAMPLE_FIGURES, build_bundle
from hostile_bundles import (
    RAR,
    SEVEN_Z,
    XLSM_TYPE,
    content_types,
    document_bytes,
    gzip_bytes,
    overlapping_zip,
    patch_entry,
    tar_bytes,
    workbook_bytes,
    zip_bytes,
)

from desktop_app.bundle.safezip import Limits, SafeZip, UnsafeArchive
from desktop_app.bundle.verify import verify
from desktop_app.documents.inbox import scan

ROOT = "studiodesk-test-2025-2026"


def bag_zip(path: Path, *hostile: tuple[str | zipfile.ZipInfo, bytes]) -> Path:
    """A bag-like zip: a few ordinary entries, then the hostile ones."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{ROOT}/bagit.txt", "BagIt-Version: 1.0\n")
        z.writestr(f"{ROOT}/data/data.json", "{}")
        for name, data in hostile:
            z.writestr(name, data)
    return path


def link_entry() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(f"{ROOT}/data/attachments/passwd")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def zip_bomb(path: Path) -> Path:
    """200 MB of zeros in about 200 KB, written in blocks (never 200 MB in memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(f"{ROOT}/bagit.txt", "BagIt-Version: 1.0\n")
        with z.open(f"{ROOT}/data/attachments/zeros.txt", "w") as writer:
            block = bytes(1 << 20)
            for _ in range(200):
                writer.write(block)
    assert path.stat().st_size < 1 << 20
    return path


def many_entries(path: Path, count: int = 30_000) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for i in range(count):
            z.writestr(f"{ROOT}/data/attachments/{i:05d}.txt", b"x")
    return path


def encrypted(path: Path) -> Path:
    name = f"{ROOT}/data/secret.txt"
    bag_zip(path, (name, b"secret"))
    patch_entry(path, name, flag_bits=0x1)
    return path


def lying_size(path: Path) -> Path:
    """A valid, signed bundle whose data.json header says 100 bytes: the entry is longer."""
    build_bundle(path)
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith("data/data.json"))
    patch_entry(path, name, file_size=100)
    return path


def huge_claim(path: Path) -> Path:
    """An entry whose header claims 3 GB (an entry limit of 2 GB): refused unread."""
    name = f"{ROOT}/data/big.txt"
    bag_zip(path, (name, b"small"))
    patch_entry(path, name, file_size=3 << 30)
    return path


def newer_zip_version(path: Path) -> Path:
    name = f"{ROOT}/data/x.txt"
    bag_zip(path, (name, b"x"))
    patch_entry(path, name, extract_version=99)
    return path


def header_names_another_file(path: Path) -> Path:
    """The local header's name differs from the central directory's (same length)."""
    build_bundle(path)
    data = bytearray(path.read_bytes())
    at = data.find(b"data/data.json")  # the first occurrence is in a local header
    data[at : at + 14] = b"data/evil.jsn\x00"[:14]
    path.write_bytes(bytes(data))
    return path


def extra_file(path: Path) -> Path:
    build_bundle(path)
    with zipfile.ZipFile(path, "a") as z:
        root = z.namelist()[0].split("/")[0]
        z.writestr(f"{root}/data/unlisted.exe", b"MZ")
    return path


def truncated(path: Path) -> Path:
    build_bundle(path)
    path.write_bytes(path.read_bytes()[:-300])
    return path


def case_twins(path: Path) -> Path:
    return bag_zip(path, (f"{ROOT}/data/Report.pdf", b"a"), (f"{ROOT}/data/report.PDF", b"b"))


def unicode_twins(path: Path) -> Path:
    name = f"{ROOT}/data/报告é.pdf"
    return bag_zip(
        path,
        (unicodedata.normalize("NFC", name), b"a"),
        (unicodedata.normalize("NFD", name), b"b"),
    )


def duplicate(path: Path) -> Path:
    with pytest.warns(UserWarning, match="Duplicate name"):
        bag_zip(path, (f"{ROOT}/data/a.txt", b"one"), (f"{ROOT}/data/a.txt", b"two"))
    return path


def nested(path: Path) -> Path:
    inner = path.with_suffix(".inner")
    bag_zip(inner)
    data = inner.read_bytes()
    inner.unlink()
    return bag_zip(path, (f"{ROOT}/data/attachments/more.zip", data))


def holding(name: str, make: Callable[[], bytes]) -> Callable[[Path], Path]:
    """A valid, signed bundle that also holds the file ``name`` (a bag path)."""
    return lambda path: build_bundle(path, files={name: make()})


def macro_workbook() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": content_types("xl/workbook.xml", XLSM_TYPE),
            "xl/workbook.xml": "<workbook/>",
            "xl/vbaProject.bin": b"macro",
        }
    )


def workbook_holding_a_zip() -> bytes:
    buffer = io.BytesIO(workbook_bytes())
    with zipfile.ZipFile(buffer, "a") as z:
        z.writestr("xl/embeddings/more.zip", zip_bytes({"evil.exe": b"MZ"}))
    return buffer.getvalue()


def raw(data: bytes) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return build


def entries(*names: str) -> Callable[[Path], Path]:
    return lambda path: bag_zip(path, *((n, b"x") for n in names))


# name → (builder, the row's code, limits (None: the defaults))
CASES: dict[str, tuple[Callable[[Path], Path], str, Limits | None]] = {
    "parent": (entries("../evil.txt"), "unsafe_parent_path", None),
    "parent-inside": (entries(f"{ROOT}/../../x"), "unsafe_parent_path", None),
    "parent-backslash": (entries(f"{ROOT}\\..\\..\\x.txt"), "unsafe_parent_path", None),
    "absolute": (entries("/etc/passwd"), "unsafe_absolute_path", None),
    "absolute-backslash": (entries("\\Windows\\evil.dll"), "unsafe_absolute_path", None),
    "drive": (entries("C:/x.txt"), "unsafe_drive_letter", None),
    "drive-relative": (entries("C:x.txt"), "unsafe_drive_letter", None),
    "odd": (entries(f"{ROOT}/./data/x.txt"), "unsafe_odd_path", None),
    "empty-part": (entries(f"{ROOT}//x.txt"), "unsafe_odd_path", None),
    "link": (lambda p: bag_zip(p, (link_entry(), b"/etc/passwd")), "unsafe_link", None),
    "duplicate": (duplicate, "unsafe_duplicate", None),
    "case": (case_twins, "unsafe_duplicate", None),
    "unicode": (unicode_twins, "unsafe_duplicate", None),
    "bomb": (zip_bomb, "unsafe_ratio", None),
    "bomb-total": (zip_bomb, "unsafe_too_big", Limits(max_total_bytes=100 << 20)),
    "bomb-entry": (zip_bomb, "unsafe_entry_too_big", Limits(max_entry_bytes=100 << 20)),
    "nested": (nested, "unsafe_nested_archive", None),
    "many": (many_entries, "unsafe_too_many_entries", None),
    "many-low-limit": (
        lambda p: many_entries(p, 101),
        "unsafe_too_many_entries",
        Limits(max_entries=100),
    ),
    "encrypted": (encrypted, "unsafe_encrypted", None),
    "lying-size": (lying_size, "unsafe_damaged_entry", None),
    "huge-claim": (huge_claim, "unsafe_entry_too_big", None),
    "newer-zip": (newer_zip_version, "not_a_bundle", None),
    "header-name": (header_names_another_file, "unsafe_damaged_entry", None),
    "outside-manifest": (extra_file, "extra", None),
    "truncated": (truncated, "not_a_bundle", None),
    "not-a-zip": (raw(os.urandom(5000)), "not_a_bundle", None),
    "empty": (raw(b""), "not_a_bundle", None),
    # Archives under another name in a signed bundle, and Office documents that are not
    # what their folder may hold or carry macros or an archive.
    "hidden-zip-as-xlsx": (
        holding("data/attachments/名单.xlsx", lambda: zip_bytes({"evil.exe": b"MZ"})),
        "unsafe_nested_archive_content",
        None,
    ),
    "hidden-zip-as-sheet": (
        holding("data/sheets/成员名册.xlsx", lambda: zip_bytes({"a.txt": "x"})),
        "unsafe_nested_archive_content",
        None,
    ),
    "hidden-7z-as-pdf": (
        holding("data/reports/报告.pdf", lambda: SEVEN_Z),
        "unsafe_nested_archive_content",
        None,
    ),
    "hidden-rar-as-jpg": (
        holding("data/attachments/照片.jpg", lambda: RAR),
        "unsafe_nested_archive_content",
        None,
    ),
    "hidden-gzip-as-txt": (
        holding("data/attachments/说明.txt", gzip_bytes),
        "unsafe_nested_archive_content",
        None,
    ),
    "hidden-tar-as-doc": (
        holding("data/attachments/教案.doc", tar_bytes),
        "unsafe_nested_archive_content",
        None,
    ),
    "office-macros": (
        holding("data/attachments/表.xlsx", macro_workbook),
        "unsafe_nested_archive_content",
        None,
    ),
    "office-holding-zip": (
        holding("data/attachments/表.xlsx", workbook_holding_a_zip),
        "unsafe_nested_archive_content",
        None,
    ),
    "office-docx-as-sheet": (
        holding("data/sheets/名册.docx", document_bytes),
        "unsafe_nested_archive_content",
        None,
    ),
    "office-xlsx-in-reports": (
        holding("data/reports/汇总.xlsx", workbook_bytes),
        "unsafe_nested_archive_content",
        None,
    ),
    # Four entries of 16 MB sharing one compressed stream: in a file as large as their
    # compressed sizes added up (noise pads it), and as it comes (smaller than that).
    "overlap": (
        lambda p: overlapping_zip(p, size=16 << 20, padding=2 << 20),
        "unsafe_overlap",
        None,
    ),
    "overlap-compact": (
        lambda p: overlapping_zip(p, size=16 << 20),
        "unsafe_sizes_exceed_file",
        None,
    ),
}

# What a careless extractor would have written, relative to a folder two levels down.
ESCAPES = ("evil.txt", "x", "x.txt", "passwd", "evil.dll")


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root, name)
            st = path.lstat()
            found[str(path.relative_to(folder))] = (st.st_size, st.st_mtime_ns)
    return found


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """The inbox at tmp_path/a/inbox, the working folder tmp_path/a/b/cwd (so that any
    ``..`` lands inside tmp_path), the temporary folder redirected to one we watch."""
    real_temp = Path(tempfile.gettempdir())
    inbox = tmp_path / "a" / "inbox"
    inbox.mkdir(parents=True)
    cwd = tmp_path / "a" / "b" / "cwd"
    cwd.mkdir(parents=True)
    monkeypatch.chdir(cwd)
    temp = tmp_path / "systemp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return inbox, temp, real_temp


def assert_nothing_written(tmp_path, before, temp, real_temp, real_before):
    assert listing(tmp_path) == before
    assert listing(temp) == {}
    # The real temporary folder is shared with other programs: only look for our names.
    new = {p.name for p in real_temp.iterdir()} - real_before
    assert not new & set(ESCAPES), new


@pytest.mark.parametrize("case", list(CASES))
def test_each_hostile_zip_is_refused_with_its_reason(case, sandbox, tmp_path):
    inbox, temp, real_temp = sandbox
    build, code, limits = CASES[case]
    build(inbox / f"{case}.zip")
    build_bundle(inbox / "valid.zip")
    before = listing(tmp_path)
    real_before = {p.name for p in real_temp.iterdir()}

    report = scan(inbox, limits=limits or Limits())

    assert_nothing_written(tmp_path, before, temp, real_temp, real_before)
    hostile, valid = report.rows
    assert hostile.file == f"{case}.zip"
    assert not hostile.valid and hostile.code == code, (hostile.code, hostile.reason)
    assert hostile.reason and hostile.figures is None
    assert valid.valid and valid.figures.as_dict() == SAMPLE_FIGURES
    # verify (the command) agrees, and does not crash either.
    assert verify(inbox / f"{case}.zip", limits or Limits()).code == code


def test_the_whole_corpus_in_one_folder(sandbox, tmp_path):
    inbox, temp, real_temp = sandbox
    for case, (build, _code, limits) in CASES.items():
        if limits is None:
            build(inbox / f"{case}.zip")
    build_bundle(inbox / "valid.zip")
    before = listing(tmp_path)
    real_before = {p.name for p in real_temp.iterdir()}

    rows = {r.file: r for r in scan(inbox).rows}

    assert_nothing_written(tmp_path, before, temp, real_temp, real_before)
    assert rows.pop("valid.zip").valid
    assert {name: r.code for name, r in rows.items()} == {
        f"{case}.zip": code for case, (_b, code, limits) in CASES.items() if limits is None
    }
    assert all(r.reason for r in rows.values())


def test_reasons_name_the_entry(sandbox):
    inbox, _temp, _real = sandbox
    entries("../evil.txt")(inbox / "a.zip")
    (row,) = scan(inbox).rows
    assert row.reason == "有条目路径含“..”，指向包外：../evil.txt"


def test_safezip_reads_nothing_it_refuses(tmp_path):
    """SafeZip refuses at open: no entry is read, so a bomb costs nothing."""
    path = zip_bomb(tmp_path / "bomb.zip")
    with pytest.raises(UnsafeArchive) as caught:
        SafeZip(path)
    assert caught.value.code == "ratio"
