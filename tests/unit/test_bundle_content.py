"""Archives by their bytes, whatever their name, and the Office documents a bundle may
hold (desktop_app/bundle/content.py): what the program writes and what users attach
stays valid."""

from __future__ import annotations

import pytest
from bundles import build_bundle
from hostile_bundles import (
    PPTX_TYPE,
    RAR,
    SEVEN_Z,
    document_bytes,
    gzip_bytes,
    pptx_bytes,
    tar_bytes,
    workbook_bytes,
    zip_bytes,
)

from desktop_app.bundle import content
from desktop_app.bundle.verify import verify
from desktop_app.documents.inbox import scan


def _hidden(bag_path: str, data: bytes) -> bool:
    head, tail = data[: content.HEAD_BYTES], data[-content.TAIL_BYTES :]
    return content.hidden_archive(bag_path, len(data), head, tail, lambda o, n: data[o : o + n])


def test_office_documents_where_the_bundle_may_hold_them_are_valid(tmp_path):
    files = {
        "data/sheets/成员名册.xlsx": workbook_bytes(),
        "data/attachments/0123456789ab-论文.docx": document_bytes(),
        "data/attachments/0123456789ac-汇报.pptx": pptx_bytes(),
        "data/attachments/0123456789ad-统计.xlsx": workbook_bytes(),
        "data/attachments/0123456789ae-照片.jpg": b"\xff\xd8\xff\xe0" + bytes(100),
    }
    build_bundle(tmp_path / "a.zip", files=files)
    assert verify(tmp_path / "a.zip").valid
    (row,) = scan(tmp_path).rows
    assert row.valid, row.reason


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (zip_bytes({"a.txt": "x"}), "zip"),
        (SEVEN_Z, "7z"),
        (RAR, "rar"),
        (gzip_bytes(), "gzip"),
        (tar_bytes(), "tar"),
        (b"BZh91AY&SY" + bytes(20), "bzip2"),
        (b"\xfd7zXZ\x00" + bytes(20), "xz"),
        (b"%PDF-1.7\n", None),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", None),  # an old .doc / .xls
        (b"BZh is how this note starts", None),
    ],
)
def test_archive_kind_by_the_first_bytes(data, kind):
    assert content.archive_kind(data) == kind


def test_an_office_document_is_checked_by_its_content_types():
    # Attributes in either order, as XML allows.
    swapped = zip_bytes(
        {
            "[Content_Types].xml": (
                '<Types><Override ContentType="' + PPTX_TYPE + '" '
                'PartName="/ppt/presentation.xml"/></Types>'
            ),
            "ppt/presentation.xml": "<p/>",
        }
    )
    assert not _hidden("data/attachments/a.pptx", swapped)
    # The right parts, but its table of contents calls the main part something else.
    wrong_type = zip_bytes(
        {
            "[Content_Types].xml": (
                '<Types><Override PartName="/ppt/presentation.xml" '
                'ContentType="application/xml"/></Types>'
            ),
            "ppt/presentation.xml": "<p/>",
        }
    )
    assert _hidden("data/attachments/a.pptx", wrong_type)
    # A zip with the main part but no table of contents.
    assert _hidden("data/attachments/a.pptx", zip_bytes({"ppt/presentation.xml": "<p/>"}))
    # A Word document named .xlsx is not a workbook.
    assert _hidden("data/attachments/a.xlsx", document_bytes())
    assert not _hidden("data/attachments/a.docx", document_bytes())
