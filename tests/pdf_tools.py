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
