"""The one way a workbook is saved: through a temporary file beside the target, renamed
over it when complete (a crash or a full disk never leaves half a workbook under the
real name), with no formulas (cells.no_formulas) and the version that wrote it."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

from openpyxl.workbook.workbook import Workbook
from openpyxl.writer.excel import ExcelWriter

from desktop_app import __version__, leftovers
from desktop_app.bundle.zipwrite import normalise_ooxml
from desktop_app.documents.sheets.cells import no_formulas


def save_workbook(wb: Workbook, path: Path, when: dt.datetime | None = None) -> Path:
    """Write ``wb`` to ``path`` (``.xlsx`` appended when it has another suffix); returns
    the file written. ``when``: a fixed time for the document's created and modified
    properties, with the zip's entry times fixed too — the same records give the same
    bytes (the period workbook); without it the file is stamped now."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    no_formulas(wb)
    wb.properties.creator = f"StudioDesk {__version__}"  # the version that wrote the file
    if when is None:
        with leftovers.temporary_beside(path, ".xlsx") as tmp:
            with open(tmp, "wb") as handle:
                wb.save(handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        return path
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.lastModifiedBy = None
    with (
        leftovers.temporary_beside(path, ".raw") as raw,
        leftovers.temporary_beside(path, ".xlsx") as tmp,
    ):
        with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            ExcelWriter(wb, archive).save()
        normalise_ooxml(raw, tmp)
        os.replace(tmp, path)
    return path
