"""Opening a workbook someone hands the program (a roster, a ledger, attendance): the one
place the imports read .xlsx files, with memory and time bounded whatever the file.

* Before openpyxl sees the file, its parts are checked from the zip's central directory
  (no part larger than a studio's workbook could need) and every XML part is scanned as a
  stream with expat: no DTD (an XML bomb needs one; no program writes one into a
  workbook), no row with more cells than Excel allows. The scan of a worksheet also notes
  the formula cells saved without a value (a program wrote the formula and never
  computed it) and the far cells that hold something.
* openpyxl then reads in read-only mode (streaming, the cached values of formulas), with
  the sheet's declared size ignored, so a lone cell at A1048576 is one row, not a million.
* Only rows with something in them are kept, at most ``MAX_ROWS``, and ``MAX_COLUMNS``
  columns: more is refused with a message saying the limit.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar
from xml.parsers import expat

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from desktop_app.domain import messages

MAX_ROWS = 5000  # rows with something in them, per sheet: a studio's tables hold far fewer
MAX_COLUMNS = 256  # columns read (IV, the old Excel's last): a studio uses a few dozen
HEADER_SEARCH_ROWS = 5
EXCEL_COLUMNS = 16384  # cells a row can hold in Excel (XFD)
MAX_ROW_ELEMENTS = 100_000  # rows the sheet's XML may list, empty or formatted ones too
MAX_SHEET_BYTES = 64 << 20  # one worksheet's XML, uncompressed
MAX_PART_BYTES = 16 << 20  # any other XML part (shared strings, styles …), uncompressed
_CHUNK = 1 << 16
_SHOWN_CELLS = 5  # cells named in one message


class _Refused(Exception):
    """A message for the user, raised inside the scan."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class _SheetScan:
    no_value: list[tuple[int, int]] = field(default_factory=list)  # formula cells: (row, col)


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, worksheet: bool) -> _SheetScan:
    """Stream one XML part through expat; refuse a DTD, and in a worksheet rows with more
    cells than Excel allows, too many rows, or values beyond ``MAX_COLUMNS``."""
    scan = _SheetScan()
    parser = expat.ParserCreate(namespace_separator=" ")
    state: dict[str, Any] = {"row": 0, "rows": 0, "cells": 0, "col": 0, "cell": None, "in_v": False}

    def refuse_dtd(*_args: Any) -> None:
        raise _Refused("dtd")

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd

    if worksheet:

        def start(tag: str, attrs: dict[str, str]) -> None:
            name = tag.rpartition(" ")[2]
            if name == "c":
                state["cells"] += 1
                if state["cells"] > EXCEL_COLUMNS:
                    raise _Refused("cells")
                ref = attrs.get("r")
                if ref:
                    try:
                        letters, number = coordinate_from_string(ref)
                        state["col"] = column_index_from_string(letters)
                        state["row"] = number
                    except ValueError:
                        raise _Refused("cells") from None
                else:
                    state["col"] += 1
                # [has a formula, has a value, a string result (an empty one is a value)]
                state["cell"] = [False, False, attrs.get("t") in ("str", "inlineStr")]
            elif name == "row":
                state["rows"] += 1
                if state["rows"] > MAX_ROW_ELEMENTS:
                    raise _Refused("rows")
                number = attrs.get("r")
                state["row"] = int(number) if number and number.isdigit() else state["row"] + 1
                state["cells"] = state["col"] = 0
            elif state["cell"] is not None:
                if name == "f":
                    state["cell"][0] = True
                elif name == "is":
                    state["cell"][1] = True
                elif name == "v":
                    state["in_v"] = True
                    state["cell"][1] = state["cell"][1] or state["cell"][2]

        def text(data: str) -> None:
            if state["in_v"] and data.strip():
                state["cell"][1] = True

        def end(tag: str) -> None:
            name = tag.rpartition(" ")[2]
            if name == "v":
                state["in_v"] = False
            if name != "c" or state["cell"] is None:
                return
            formula, value, _string = state["cell"]
            state["cell"] = None
            if formula and not value:
                if len(scan.no_value) < 1000:
                    scan.no_value.append((state["row"], state["col"]))
            elif value and state["col"] > MAX_COLUMNS:
                raise _Refused(f"far:{state['row']}:{state['col']}")

        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = text
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    return scan


class Sheet:
    """One worksheet, read in read-only mode."""

    def __init__(self, book: Book, ws: Any, scan: _SheetScan):
        self._book = book
        self._ws = ws
        self._scan = scan
        self.title: str = ws.title
        ws.reset_dimensions()  # the size the file declares is not believed

    def _values(self, min_row: int, max_row: int | None) -> Iterator[tuple[int, tuple]]:
        """(row number, values without trailing blanks) of the rows with something in
        them."""
        rows = self._ws.iter_rows(
            min_row=min_row, max_row=max_row, max_col=MAX_COLUMNS, values_only=True
        )
        missing = None  # openpyxl hands one tuple for every row the file leaves out
        for number, values in enumerate(rows, start=min_row):
            if values is missing or values.count(None) == len(values):
                missing = values
                continue
            end = len(values)
            while end and _blank(values[end - 1]):
                end -= 1
            if end:
                yield number, tuple(values[:end])

    def head(self, count: int = HEADER_SEARCH_ROWS) -> list[tuple]:
        """The values of the first ``count`` rows (a blank row as ())."""
        found = dict(self._values(1, count))
        return [found.get(n, ()) for n in range(1, count + 1)]

    def rows(self, after: int) -> list[tuple[int, tuple]]:
        """(row number, values) of every row below row ``after`` with something in it;
        more than ``MAX_ROWS`` of them is refused."""
        out: list[tuple[int, tuple]] = []
        for number, values in self._values(after + 1, None):
            if len(out) == MAX_ROWS:
                raise self._book.error(
                    messages.text("too_many_rows", sheet=self.title, max=MAX_ROWS, row=number)
                )
            out.append((number, values))
        return out

    def refuse_formulas_without_value(self, first_row: int, columns: dict[int, str]) -> None:
        """Refuse the file when a cell the import reads (row ``first_row`` on, the 0-based
        ``columns`` with their headers) is a formula saved without its value: read as
        empty it would clear what it should set."""
        cells = [
            (row, col)
            for row, col in self._scan.no_value
            if row >= first_row and (col - 1) in columns
        ]
        if not cells:
            return
        named = [
            messages.text(
                "formula_cell",
                row=row,
                column=get_column_letter(col),
                header=columns[col - 1] or get_column_letter(col),
            )
            for row, col in cells[:_SHOWN_CELLS]
        ]
        more = len(cells) - len(named)
        listed = "；".join(named) + (messages.text("and_more", count=more) if more > 0 else "")
        raise self._book.error(messages.text("formula_without_value", cells=listed))


class Book:
    """An open workbook: its worksheets in workbook order."""

    def __init__(self, wb: Any, scans: dict[str, _SheetScan], error: type[Exception]):
        self._wb = wb
        self.error = error
        self.sheets = [
            Sheet(self, ws, scans.get(_part_name(ws), _SheetScan()))
            for ws in wb.worksheets
            if hasattr(ws, "iter_rows")  # not a chart sheet
        ]


def _part_name(ws: Any) -> str:
    # openpyxl keeps the worksheet's part as an attribute only; without it the scan's
    # notes cannot be matched, and formulas without a value would read as empty.
    return str(getattr(ws, "_worksheet_path", "")).lstrip("/")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def _is_worksheet(name: str) -> bool:
    return name.lower().startswith("xl/worksheets/") and name.lower().endswith(".xml")


def _check_parts(path: Path, error: type[Exception]) -> dict[str, _SheetScan]:
    """Sizes from the central directory, then every XML part streamed through expat."""
    scans: dict[str, _SheetScan] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            for info in infos:
                limit = MAX_SHEET_BYTES if _is_worksheet(info.filename) else MAX_PART_BYTES
                if _is_xml(info.filename) and info.file_size > limit:
                    raise error(
                        messages.text("workbook_too_big", value=path.name, size=limit >> 20)
                    )
            for info in infos:
                if _is_xml(info.filename):
                    worksheet = _is_worksheet(info.filename)
                    scan = _scan_part(archive, info, worksheet)
                    if worksheet:
                        scans[info.filename] = scan
    except _Refused as refused:
        raise error(_refusal(refused.message, path)) from None
    except (zipfile.BadZipFile, expat.ExpatError, OSError, EOFError, ValueError) as exc:
        raise error(messages.text("not_a_workbook", value=path.name)) from exc
    return scans


def _refusal(code: str, path: Path) -> str:
    if code == "dtd":
        return messages.text("workbook_dtd", value=path.name)
    if code == "rows":
        return messages.text("workbook_too_many_row_marks", value=path.name, max=MAX_ROW_ELEMENTS)
    if code.startswith("far:"):
        _, row, col = code.split(":")
        return messages.text(
            "too_many_columns",
            row=row,
            column=get_column_letter(min(int(col), 18278)),
            max=MAX_COLUMNS,
            last=get_column_letter(MAX_COLUMNS),
        )
    return messages.text("not_a_workbook", value=path.name)


@contextmanager
def open_book(path: Path, error: type[Exception]) -> Iterator[Book]:
    """The workbook at ``path`` for reading; any problem raises ``error(message)`` with a
    message in the user's language."""
    path = Path(path)
    if not path.is_file():
        if path.exists():
            raise error(messages.text("not_a_workbook", value=path.name))
        raise error(messages.text("file_missing", value=str(path)))
    try:
        with path.open("rb") as handle:
            magic = handle.read(8)
    except OSError as exc:
        raise error(messages.text("not_a_workbook", value=path.name)) from exc
    if magic.startswith(b"\xd0\xcf\x11\xe0") or path.suffix.lower() in (".xls", ".et"):
        # An OLE compound file: an old .xls, or an .xlsx with a password.
        raise error(messages.text("old_xls", value=path.name))
    scans = _check_parts(path, error)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # InvalidFileException, BadZipFile, KeyError, XML errors …
        raise error(messages.text("not_a_workbook", value=path.name)) from exc
    try:
        yield Book(wb, scans, error)
    except error:
        raise
    except Exception as exc:  # XML that goes wrong past the part the scan could judge
        raise error(messages.text("not_a_workbook", value=path.name)) from exc
    finally:
        wb.close()


def table_sheets(book: Book, skip: str) -> Iterable[Sheet]:
    """The sheets an import looks at for its table: all but one named ``skip`` (the
    说明 sheet), unless that is the only one."""
    for sheet in book.sheets:
        if sheet.title == skip and len(book.sheets) > 1:
            continue
        yield sheet


__all__ = [
    "HEADER_SEARCH_ROWS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "Book",
    "Sheet",
    "open_book",
    "table_sheets",
]


def header_key(value: Any) -> str:
    """A header cell as it is matched: width-folded, without spaces, a required-mark
    (*※★), a trailing note in brackets or a colon."""
    if value is None:
        return ""
    text = "".join(unicodedata.normalize("NFKC", str(value)).split())
    text = text.strip("*※★")
    text = re.sub(r"(\([^()]*\)|【[^【】]*】|\[[^\[\]]*\])$", "", text)
    return text.strip("*※★:：")


class _Field(Protocol):
    field: str


ColumnT = TypeVar("ColumnT", bound=_Field)


def match_columns(
    values: Iterable[Any], lookup: dict[str, ColumnT]
) -> tuple[dict[int, ColumnT], list[str]]:
    """The columns of a header row: each known header's first column (index → column),
    and the headers not used (unknown, or a field's second column), as written."""
    columns: dict[int, ColumnT] = {}
    seen: set[str] = set()
    ignored: list[str] = []
    for index, value in enumerate(values):
        key = header_key(value)
        column = lookup.get(key)
        if column is None or column.field in seen:
            if key:
                ignored.append(str(value).strip())
            continue
        seen.add(column.field)
        columns[index] = column
    return columns, ignored
