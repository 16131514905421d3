"""Reading the PDFs the tests write with poppler's tools (pdfinfo, pdftotext, pdffonts,
pdftoppm). A missing tool fails the test: PDF tests are never skipped."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.fail(
            f"{tool} is missing: install poppler-utils (Debian/Ubuntu: apt-get install "
            "poppler-utils; see packaging/dev.sh). PDF tests are not skipped."
        )
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


def pages(path: Path) -> int:
    for line in poppler("pdfinfo", str(path)).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo printed no page count")


def text_of(path: Path, page: int | None = None, raw: bool = False) -> str:
    """The text of the PDF (or one page) without any whitespace: pdftotext spaces CJK text
    as it pleases, so the expected strings are compared with theirs removed too. ``raw``:
    in drawing order (a wrapped table cell stays together)."""
    span = ["-f", str(page), "-l", str(page)] if page else []
    order = ["-raw"] if raw else []
    return "".join(poppler("pdftotext", *order, *span, str(path), "-").split())


def has(text: str, expected: str) -> bool:
    """``expected`` is in ``text`` (from text_of), whitespace aside."""
    return "".join(expected.split()) in text
