"""verify() on bundles written by the exporter from the demo studio: a valid bundle passes;
any single changed byte of any file, a missing file, an extra file, an unknown format
version, a file that is not a zip and a zip that is not a bag each fail with a reason
that names what is wrong."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.bundle import format as fmt
from desktop_app.bundle import signing
from desktop_app.bundle.verify import verify
from desktop_app.demo.builder import build_demo
from desktop_app.documents.bundle.export import BundleExport
from desktop_app.services.app import AppServices

SIGNED = (fmt.TAGMANIFEST, fmt.SIGNATURE, fmt.PUBLIC_KEY)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The demo's bundle of the mid-term (built once for the module)."""
    folder = tmp_path_factory.mktemp("bundle")
    build_demo(folder / "demo.sqlite3", seed=1)
    services = AppServices.open(folder / "demo.sqlite3")
    try:
        period = services.bundle.parse_period("midterm")
        BundleExport(services).export(period, folder / "midterm.zip")
    finally:
        services.close()
    return folder / "midterm.zip"


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def root_of(files: dict[str, bytes]) -> str:
    return next(iter(files)).split("/", 1)[0]


def flipped(data: bytes) -> bytes:
    """One byte changed, in the middle of the file."""
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :]


def test_the_exported_bundle_is_valid(bundle):
    verdict = verify(bundle)
    assert verdict.valid, verdict.reason
    assert verdict.reason is None
    assert verdict.studio and verdict.period == "2024-2027中期"
    assert verdict.period_kind == "midterm" and verdict.format_version == "1"
    assert verdict.signer and len(verdict.signer.split()) == 16
    assert verdict.root.startswith("studiodesk-") and verdict.root.endswith("-midterm-2024-2027")


def test_every_file_of_the_bag_is_covered(bundle):
    files = entries(bundle)
    root = root_of(files)
    inside = {name[len(root) + 1 :] for name in files}
    assert {fmt.BAGIT_TXT, fmt.BAG_INFO, fmt.MANIFEST, *SIGNED, fmt.DATA_JSON} <= inside
    assert any(n.startswith("data/reports/") and n.endswith(".pdf") for n in inside)
    assert any(n.startswith("data/sheets/") and n.endswith(".xlsx") for n in inside)
    assert any(n.startswith("data/attachments/") for n in inside)


def test_one_changed_byte_in_any_file_names_that_file(bundle, tmp_path):
    files = entries(bundle)
    root = root_of(files)
    checked = 0
    for name, data in files.items():
        if not data:
            continue
        inside = name[len(root) + 1 :]
        target = write_zip(tmp_path / "changed.zip", {**files, name: flipped(data)})
        verdict = verify(target)
        assert not verdict.valid, inside
        assert inside in verdict.files, (inside, verdict.code, verdict.files)
        assert inside in verdict.reason, (inside, verdict.reason)
        if inside in (fmt.SIGNATURE, fmt.PUBLIC_KEY):
            assert verdict.code == "bad_signature", inside
        elif inside == fmt.TAGMANIFEST:
            assert verdict.code in ("bad_signature", "changed"), verdict.code
        else:
            assert verdict.code == "changed", (inside, verdict.code)
        checked += 1
    assert checked == len(files) > 20


@pytest.mark.parametrize("inside", [fmt.DATA_JSON, fmt.MANIFEST, fmt.SIGNATURE, "report"])
def test_a_missing_file_is_named(bundle, tmp_path, inside):
    files = entries(bundle)
    root = root_of(files)
    if inside == "report":
        inside = next(n[len(root) + 1 :] for n in files if "/data/reports/" in n)
    del files[f"{root}/{inside}"]
    verdict = verify(write_zip(tmp_path / "missing.zip", files))
    assert not verdict.valid and verdict.code == "missing"
    assert inside in verdict.files and inside in verdict.reason


@pytest.mark.parametrize("inside", ["data/extra.txt", "data/reports/另一份.pdf", "notes.txt"])
def test_an_extra_file_is_named(bundle, tmp_path, inside):
    files = entries(bundle)
    root = root_of(files)
    files[f"{root}/{inside}"] = b"not in the manifest\n"
    verdict = verify(write_zip(tmp_path / "extra.zip", files))
    assert not verdict.valid and verdict.code == "extra"
    assert verdict.files == (inside,) and inside in verdict.reason


def test_unknown_format_version(bundle, tmp_path):
    """A newer program's bundle, consistently signed (here by a test key)."""
    files = entries(bundle)
    root = root_of(files)
    info = files[f"{root}/{fmt.BAG_INFO}"].decode()
    assert f"{fmt.KEY_FORMAT}: 1\n" in info
    files[f"{root}/{fmt.BAG_INFO}"] = info.replace(
        f"{fmt.KEY_FORMAT}: 1\n", f"{fmt.KEY_FORMAT}: 2\n"
    ).encode()
    key = Ed25519PrivateKey.generate()
    files[f"{root}/{fmt.PUBLIC_KEY}"] = signing.encode_public(signing.public_bytes(key))
    tags = {name: hashlib.sha256(files[f"{root}/{name}"]).hexdigest() for name in fmt.TAG_FILES}
    tagmanifest = fmt.format_manifest(tags).encode()
    files[f"{root}/{fmt.TAGMANIFEST}"] = tagmanifest
    files[f"{root}/{fmt.SIGNATURE}"] = signing.sign(key, tagmanifest)
    verdict = verify(write_zip(tmp_path / "v2.zip", files))
    assert not verdict.valid and verdict.code == "unknown_version"
    assert verdict.format_version == "2" and "2" in verdict.reason


def test_bag_info_claiming_another_version_without_resigning_is_a_change(bundle, tmp_path):
    files = entries(bundle)
    root = root_of(files)
    name = f"{root}/{fmt.BAG_INFO}"
    files[name] = files[name].replace(
        f"{fmt.KEY_FORMAT}: 1".encode(), f"{fmt.KEY_FORMAT}: 2".encode()
    )
    verdict = verify(write_zip(tmp_path / "v2.zip", files))
    assert verdict.code == "changed" and verdict.files == (fmt.BAG_INFO,)


def test_a_bundle_signed_by_another_key_is_a_bad_signature(bundle, tmp_path):
    files = entries(bundle)
    root = root_of(files)
    other = Ed25519PrivateKey.generate()
    files[f"{root}/{fmt.SIGNATURE}"] = signing.sign(other, files[f"{root}/{fmt.TAGMANIFEST}"])
    verdict = verify(write_zip(tmp_path / "other.zip", files))
    assert verdict.code == "bad_signature" and fmt.SIGNATURE in verdict.files


def test_not_a_zip(tmp_path):
    path = tmp_path / "bundle.zip"
    path.write_bytes(b"PK\x03\x04 but not really a zip" * 10)
    verdict = verify(path)
    assert not verdict.valid and verdict.code == "not_a_bundle"
    # in the user's words, not the zip library's English
    assert verdict.reason == "不是 StudioDesk 报送材料包（不是 zip 文件）"


def test_a_zip_that_is_not_a_bag(tmp_path):
    flat = write_zip(tmp_path / "flat.zip", {"report.pdf": b"%PDF", "sheet.xlsx.txt": b"x"})
    folder = write_zip(tmp_path / "folder.zip", {"材料/report.txt": b"hello"})
    for path in (flat, folder):
        verdict = verify(path)
        assert not verdict.valid and verdict.code == "not_a_bundle", path
    assert verify(flat).reason == "不是 StudioDesk 报送材料包（其中的文件不在同一个根文件夹里）"
    assert verify(folder).reason == "不是 StudioDesk 报送材料包（缺少 bagit.txt 或无法读取）"


def test_an_empty_zip_is_not_a_bag(tmp_path):
    verdict = verify(write_zip(tmp_path / "empty.zip", {}))
    assert not verdict.valid and verdict.code == "not_a_bundle"
