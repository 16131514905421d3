"""The one PDF engine every report uses (reportlab platypus).

- A4 (portrait or landscape), a header on every page (studio name left, document title
  right) and a footer "第 X 页 共 Y 页" whose Y is known only after the last page: the
  canvas keeps each page's state and draws the numbers when the document is saved.
- The CJK font is a TrueType font (reportlab cannot embed PostScript-outline fonts such
  as Noto CJK), registered once per process and embedded as a subset.
- Tables split across pages with their header rows repeated; a long one is laid out a
  page at a time (LongTable), in time and memory that grow with its length only.
- A text known only once the document is laid out (the page a part starts on, in a
  contents page) is a form filled in when the document is saved (LaterText): one pass.
- Photos become thumbnails: turned upright, scaled down, aspect kept, put in the PDF as
  JPEG bytes never decoded again (Picture); a file that is not a readable image becomes a
  line of text instead of breaking the report.
- Output is written to a temporary file beside the target and moved into place, so a
  failed report never leaves a partial file; the canvas is invariant (no timestamps, no
  random document id), so the same data gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import io
import os
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as to_landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc, pdfmetrics, pdfutils
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tables import LINECOMMANDS

from desktop_app import __version__, leftovers
from desktop_app.domain import messages
from desktop_app.fonts import find_cjk_font

FONT_NAME = "StudioDeskCJK"
CREATOR = "StudioDesk 工作室台账"
PRODUCER = f"StudioDesk {__version__}"  # the version that wrote the file
GRID_COLOR = colors.black
HEADER_FILL = colors.HexColor("#E6E6E6")
RULE_COLOR = colors.HexColor("#808080")


class ReportError(Exception):
    """A report cannot be written; the message is in the user's language."""


# --- the font -----------------------------------------------------------------------

_font_name: str | None = None


def register_cjk_font(path: Path | None = None) -> str:
    """Register the CJK TrueType font with reportlab (once per process); its name.

    Raises ReportError naming what to install when there is no usable font."""
    global _font_name
    if _font_name is not None and path is None:
        return _font_name
    path = path or find_cjk_font()
    if path is None:
        raise ReportError(messages.text("no_cjk_font"))
    try:
        # A .ttc holds several faces; the first is the regular one of the fonts we look for.
        font = TTFont(FONT_NAME, str(path), subfontIndex=0)
    except (TTFError, OSError, ValueError) as error:
        raise ReportError(
            messages.text("cjk_font_unusable", value=str(path), reason=str(error))
        ) from error
    pdfmetrics.registerFont(font)
    _font_name = FONT_NAME
    return _font_name


# --- styles -------------------------------------------------------------------------


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_header: ParagraphStyle


def make_styles(font: str | None = None) -> Styles:
    """Paragraph styles in the CJK font, with Chinese line breaking (wordWrap='CJK')."""
    font = font or register_cjk_font()

    def style(name: str, size: float, leading: float, **kw) -> ParagraphStyle:
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw
        )

    return Styles(
        title=style("title", 18, 24, alignment=TA_CENTER, spaceAfter=2),
        subtitle=style(
            "subtitle", 12, 16, alignment=TA_CENTER, textColor=colors.HexColor("#333333")
        ),
        heading=style("heading", 13, 19, spaceBefore=8, spaceAfter=4),
        body=style("body", 10.5, 16),
        small=style("small", 8.5, 12),
        cell=style("cell", 10, 13),
        cell_center=style("cell_center", 10, 13, alignment=TA_CENTER),
        cell_header=style("cell_header", 10, 13, alignment=TA_CENTER),
    )


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: markup characters are escaped, newlines kept."""
    value = "" if text is None else str(text)
    return Paragraph(escape(value).replace("\n", "<br/>"), style)


def spaced(parts: Iterable[object], style: ParagraphStyle, gap: int = 6) -> Paragraph:
    """Plain-text parts on one line with a visible gap between them (a paragraph would
    collapse ordinary and ideographic spaces into one)."""
    joiner = "&nbsp;" * gap
    return Paragraph(joiner.join(escape(str(p)) for p in parts), style)


MIN_FIT_SIZE = 6.0


def fit_para(text: object, style: ParagraphStyle, width: float, height: float) -> Paragraph:
    """A paragraph whose font shrinks (down to MIN_FIT_SIZE) until it fits width × height:
    a long school name stays inside its fixed-height table row."""
    paragraph = para(text, style)
    if paragraph.wrap(width, height)[1] <= height:
        return paragraph
    size = style.fontSize
    while size > MIN_FIT_SIZE:
        size = max(MIN_FIT_SIZE, size - 0.5)
        smaller = ParagraphStyle(
            f"{style.name}@{size}", parent=style, fontSize=size, leading=round(size * 1.2, 2)
        )
        paragraph = para(text, smaller)
        if paragraph.wrap(width, height)[1] <= height:
            break
    return paragraph


# --- tables and thumbnails ----------------------------------------------------------

CELL_PAD_X = 4
CELL_PAD_Y = 2


def table(
    data: Sequence[Sequence[object]],
    col_widths: Sequence[float],
    header_rows: int = 1,
    *,
    row_heights: Sequence[float | None] | float | None = None,
    center_cols: Iterable[int] = (),
    styles: Styles | None = None,
    extra_style: Sequence[tuple] = (),
) -> Table:
    """A ruled table in the CJK font whose header rows repeat on every page it spans.

    Cells may be text (wrapped as paragraphs, markup escaped), None (empty) or any
    flowable (kept as it is). In rows of fixed height, text shrinks until it fits."""
    styles = styles or make_styles()
    centered = set(center_cols)
    if isinstance(row_heights, int | float):
        row_heights = [row_heights] * len(data)
    rows = []
    for r, row in enumerate(data):
        fixed = row_heights[r] if row_heights else None
        cells = []
        for c, value in enumerate(row):
            if isinstance(value, Flowable):
                cells.append(value)
            elif value is None or value == "":
                cells.append("")
            else:
                if r < header_rows:
                    cell_style = styles.cell_header
                elif c in centered:
                    cell_style = styles.cell_center
                else:
                    cell_style = styles.cell
                if fixed:  # text shrinks to stay inside a row of fixed height
                    inner_w = col_widths[c] - 2 * CELL_PAD_X
                    cells.append(fit_para(value, cell_style, inner_w, fixed - 2 * CELL_PAD_Y))
                else:
                    cells.append(para(value, cell_style))
        rows.append(cells)
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), styles.cell.fontName, styles.cell.fontSize),
        ("GRID", (0, 0), (-1, -1), 0.6, GRID_COLOR),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_Y),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 1.0, GRID_COLOR),
        ]
    commands += list(extra_style)
    if len(rows) - header_rows > LONG_TABLE_ROWS and LongTable.takes(commands):
        return LongTable(rows, col_widths, header_rows, commands, row_heights)
    result = Table(
        rows,
        colWidths=list(col_widths),
        rowHeights=row_heights,
        repeatRows=header_rows,
        hAlign="CENTER",
    )
    result.setStyle(TableStyle(commands))
    return result


# A table longer than this (body rows) is laid out a page at a time (LongTable).
LONG_TABLE_ROWS = 40
# Taller than any page of ours (A4 either way): a table measured this far cannot fit.
_TALLER_THAN_A_PAGE = 2 * max(A4)
_FUZZ = rl_config._FUZZ
_SPLIT_COMMANDS = ("SPAN", "NOSPLIT")  # a page never ends inside their rows
_FEW_ROWS = 32  # a command of fewer rows is looked up by its first row
_LINE_COMMANDS = frozenset(LINECOMMANDS)


def _split_lines(lines: list[tuple], n: int, rows: int, cols: int) -> list[tuple]:
    """The line commands of a table of ``rows`` rows split before row ``n``, as
    ReportLab's Table._splitLineCmds makes them (a box or grid across the split becomes
    lines, so that both parts are closed)."""
    out: list[tuple] = []
    for op, (sc, sr), (ec, er), *rest in lines:
        sc, ec = sc + cols if sc < 0 else sc, ec + cols if ec < 0 else ec
        sr, er = sr + rows if sr < 0 else sr, er + rows if er < 0 else er
        across = sr < n <= er
        if op in ("BOX", "OUTLINE", "GRID") and across:
            out += [
                ("LINEABOVE", (sc, sr), (ec, sr), *rest),
                ("LINEBEFORE", (sc, sr), (sc, er), *rest),
                ("LINEAFTER", (ec, sr), (ec, er), *rest),
                ("LINEBELOW", (sc, er), (ec, er), *rest),
            ]
            if op == "GRID":
                out += [
                    ("LINEBELOW", (sc, n - 1), (ec, n - 1), *rest),
                    ("LINEABOVE", (sc, n), (ec, n), *rest),
                    ("INNERGRID", (sc, sr), (ec, er), *rest),
                ]
            continue
        if op == "INNERGRID" and across:
            out += [
                ("LINEBELOW", (sc, n - 1), (ec, n - 1), *rest),
                ("LINEABOVE", (sc, n), (ec, n), *rest),
            ]
        elif op == "LINEBELOW" and sr < n and er >= n - 1:
            out.append(("LINEABOVE", (sc, n), (ec, n), *rest))
        elif op == "LINEABOVE" and sr <= n <= er:
            out.append(("LINEBELOW", (sc, n - 1), (ec, n - 1), *rest))
        out.append((op, (sc, sr), (ec, er), *rest))
    return out


def _rest_commands(commands: list[tuple], n: int, rows: int, header: int) -> list[tuple]:
    """The commands of what is left of a table of ``rows`` rows split before row ``n``:
    its header rows, then rows n… (ReportLab's Table._cr_1_1)."""
    out: list[tuple] = []
    for op, (sc, sr), (ec, er), *rest in commands:
        sr, er = sr + rows if sr < 0 else sr, er + rows if er < 0 else er
        if sr < header and sr <= er:
            out.append((op, (sc, sr), (ec, min(er, header - 1)), *rest))
        if er < n:
            continue
        out.append((op, (sc, max(sr - n, 0) + header), (ec, max(er - n, 0) + header), *rest))
    return out


class _Rows:
    """What the pieces of one LongTable share: the rows (a row is let go once it is
    placed), their heights once measured, and the style commands other than lines by
    the rows they touch."""

    def __init__(self, rows, col_widths, header_rows, commands, row_heights):
        n = len(rows)
        self.rows: list[list[object] | None] = list(rows)
        self.widths = list(col_widths)
        self.header = header_rows
        self.heights: list[float | None] = [None] * n if row_heights is None else list(row_heights)
        self.guess = 32  # rows tried at first; then a little more than a page has held
        # (order, command with absolute rows); a command of a few body rows is found by
        # its first row, any other is looked at for every piece
        self.wide: list[tuple[int, tuple]] = []
        self.by_row: dict[int, list[tuple[int, tuple]]] = {}
        self.blocked: set[int] = set()  # rows a page may not start with
        for order, command in enumerate(commands):
            if command[0] in _LINE_COMMANDS:
                continue
            (sc, sr), (ec, er) = command[1:3]
            sr, er = sr + n if sr < 0 else sr, er + n if er < 0 else er
            resolved = (command[0], (sc, sr), (ec, er), *command[3:])
            if sr >= header_rows and er - sr < _FEW_ROWS:
                self.by_row.setdefault(sr, []).append((order, resolved))
            else:
                self.wide.append((order, resolved))
            if command[0] in _SPLIT_COMMANDS:
                self.blocked.update(range(sr + 1, er + 1))

    def end_at_or_after(self, row: int) -> int:
        """The first row at or after ``row`` that may start a page."""
        while row < len(self.rows) and row in self.blocked:
            row += 1
        return row

    def commands(self, start: int, end: int) -> list[tuple]:
        """The commands other than lines of the table made of the header and rows
        [start, end), in their order, re-numbered as ReportLab re-numbers the rest of a
        table it splits (on the first piece, the rows as they are)."""
        h = self.header
        last = h + end - start - 1  # the piece's last row
        found = list(self.wide)
        for r in range(max(h, start - _FEW_ROWS + 1), end):
            found += self.by_row.get(r, ())
        found.sort(key=lambda item: item[0])
        resolved = [command for _order, command in found]
        if start > h:
            resolved = _rest_commands(resolved, start, len(self.rows), h)
        return [
            (op, (sc, sr), (ec, min(er, last)), *rest)
            for op, (sc, sr), (ec, er), *rest in resolved
            if sr <= last
        ]

    def piece(self, start: int, end: int, lines: list[tuple]) -> Table:
        """A Table of the header and rows [start, end), with the heights known so far;
        ``lines``: the line commands of the table of the header and rows start…"""
        h = self.header
        rows = self.rows[:h] + self.rows[start:end]
        last = len(rows) - 1
        left = h + len(self.rows) - start  # rows of the table the lines are of
        clipped = []
        for op, (sc, sr), (ec, er), *rest in lines:
            sr, er = sr + left if sr < 0 else sr, er + left if er < 0 else er
            if sr <= last:  # what lies below the piece is cut off by the split anyway
                clipped.append((op, (sc, sr), (ec, min(er, last)), *rest))
        result = Table(
            rows,
            colWidths=list(self.widths),
            rowHeights=self.heights[:h] + self.heights[start:end],
            repeatRows=h,
            hAlign="CENTER",
        )
        result.setStyle(TableStyle([*clipped, *self.commands(start, end)]))
        return result

    def measured(self, table: Table, start: int) -> None:
        h = self.header
        for i, height in enumerate(table._rowHeights):
            if height is not None:
                self.heights[i if i < h else start + i - h] = height


class LongTable(Flowable):
    """A table of many rows that looks and splits as one ReportLab Table (its header
    rows repeated on every page), laid out a page at a time.

    ReportLab splits a long Table at each page end by making a new Table of all the rows
    left and working out every span, no-split range and row position again: a
    5,000-row ledger costs time that grows with the square of its length. Here each page
    gets a Table of the header and only enough rows to fill it (each row measured once;
    the heights are kept), split by ReportLab itself with the style the rest of the
    long Table would have had, so the pages are drawn as before; the rows placed are let
    go. A piece is split once (as the document does)."""

    @staticmethod
    def takes(commands: Sequence[tuple]) -> bool:
        """Whether the commands are plain cell ranges (no 'splitfirst' and the like)."""
        return all(isinstance(c[1][1], int) and isinstance(c[2][1], int) for c in commands)

    def __init__(
        self,
        rows: Sequence[Sequence[object]],
        col_widths: Sequence[float],
        header_rows: int,
        commands: Sequence[tuple],
        row_heights: Sequence[float | None] | None = None,
        *,
        _shared: _Rows | None = None,
        _start: int | None = None,
        _lines: list[tuple] | None = None,
    ):
        super().__init__()
        if _shared is None:
            _shared = _Rows(rows, col_widths, header_rows, commands, row_heights)
            probe = Table([[""]], colWidths=[1])  # line commands as ReportLab keeps them
            probe.setStyle(TableStyle([c for c in commands if c[0] in _LINE_COMMANDS]))
            _lines = list(probe._linecmds)
        self._shared = _shared
        self._start = _shared.header if _start is None else _start
        self._lines: list[tuple] = _lines or []  # of the header and rows _start…
        self._table: Table | None = None  # the rows left, when they fit
        self._fitted: tuple[float, float, Table, bool] | None = None  # the last _fit
        self.hAlign = "CENTER"

    def _fit(self, available_width: float, available_height: float) -> tuple[Table, bool]:
        """A Table of the header and the next rows, enough to overflow
        ``available_height`` (capped at a page) unless they are all there are; and
        whether it holds all the rows left, all measured."""
        if self._fitted is not None and self._fitted[:2] == (available_width, available_height):
            return self._fitted[2], self._fitted[3]  # wrapped, then split: fitted once
        shared = self._shared
        total = len(shared.rows)
        limit = min(available_height, _TALLER_THAN_A_PAGE)
        count = shared.guess
        canv = getattr(self, "canv", None)
        while True:
            end = shared.end_at_or_after(min(total, self._start + count))
            table = shared.piece(self._start, end, self._lines)
            height = table.wrapOn(canv, available_width, limit)[1]
            shared.measured(table, self._start)
            if height > limit or end >= total:
                complete = end >= total and None not in table._rowHeights
                self._fitted = (available_width, available_height, table, complete)
                return table, complete
            count *= 2

    def wrap(self, available_width, available_height):
        table, complete = self._fit(available_width, available_height)
        width, height = table._width, table._height
        if complete:
            self._table = table
            return width, height
        # more rows than were measured: at least this tall, and never taken as fitting
        self._table = None
        return width, max(height, available_height + 2 * _FUZZ)

    def split(self, available_width, available_height):
        table, _complete = self._fit(available_width, available_height)
        # the rows measured keep their heights: the split measures no row again
        table._argH = list(table._rowHeights)
        pieces = table.split(available_width, available_height)
        if len(pieces) != 2:
            return pieces  # [] (not even a row fits) or [table] (the rest fits)
        first = pieces[0]
        shared = self._shared
        h = shared.header
        n = len(first._cellvalues)  # the rows on this page, header included
        left = h + len(shared.rows) - self._start
        lines = _split_lines(self._lines, n, left, len(shared.widths))
        lines = _rest_commands(lines, n, left, h)
        placed = n - h
        shared.rows[self._start : self._start + placed] = [None] * placed
        shared.guess = max(shared.guess, placed + placed // 4 + 4)
        rest = LongTable((), (), 0, (), _shared=shared, _start=self._start + placed, _lines=lines)
        return [first, rest]

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 - reportlab's name
        # drawn only when wrap found that the rest fits: exactly as that Table
        if self._table is None:
            raise ValueError("LongTable drawn without fitting")
        self._table.drawOn(canvas, x, y, _sW)


THUMBNAIL_DPI = 200


def thumbnail(path: Path, max_w: float, max_h: float, *, styles: Styles | None = None) -> Flowable:
    """A photo scaled to fit max_w × max_h points, aspect kept, turned upright by its EXIF
    orientation and resampled to THUMBNAIL_DPI so a 12-megapixel photo stays small.
    A file that is not a readable image gives a short placeholder text instead."""
    from desktop_app.documents.engine.thumbs import thumbnail_bytes

    made = thumbnail_bytes(path, max_w, max_h, dpi=THUMBNAIL_DPI, quality=85)
    if made is None:
        styles = styles or make_styles()
        return para(f"（图片无法读取：{Path(path).name}）", styles.small)
    (draw_w, draw_h), data = made
    return picture(data, draw_w, draw_h)


class _Jpeg:
    """A JPEG as canvas.drawImage takes it without decoding it. drawImage decodes an
    ImageReader to every pixel only to name the picture (and the reader keeps the
    pixels); this is no ImageReader, so it is named by str() (a digest of the bytes),
    and its jpeg_fh() makes the PDF picture the JPEG's own bytes."""

    def __init__(self, data: bytes):
        self._data = data
        self._name = "jpeg-" + hashlib.sha256(data).hexdigest()

    def jpeg_fh(self) -> io.BytesIO:
        return io.BytesIO(self._data)

    def __str__(self) -> str:
        return self._name


class Picture(Flowable):
    """A JPEG drawn at width × height points, put in the PDF as it is: never decoded,
    so a report of thousands of photos holds only their small compressed thumbnails."""

    def __init__(self, data: bytes, width: float, height: float):
        super().__init__()
        self._jpeg = _Jpeg(data)
        self.width = width
        self.height = height
        self.hAlign = "CENTER"

    @property
    def drawWidth(self) -> float:  # noqa: N802 - as reportlab's Image names it
        return self.width

    @property
    def drawHeight(self) -> float:  # noqa: N802 - as reportlab's Image names it
        return self.height

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self._jpeg, 0, 0, self.width, self.height)


def picture(data: bytes, width: float, height: float) -> Flowable:
    """A thumbnail's JPEG or PNG bytes drawn at width × height points."""
    if data[:3] == b"\xff\xd8\xff":  # a JPEG
        try:
            pdfutils.readJPEGInfo(io.BytesIO(data))
            return Picture(data, width, height)
        except Exception:  # noqa: BLE001 - reportlab raises plain Exceptions: one it can't take
            pass
    image = Image(io.BytesIO(data), width=width, height=height)
    image.hAlign = "CENTER"
    return image


# --- the document -------------------------------------------------------------------


def _seal(page: pdfdoc.PDFPage) -> None:
    """Encode a finished page's content now, exactly as the document would when it is
    saved (same filters, same order), so that it is held compressed, not as a long
    string: the memory of a report grows by kilobytes a page, not by most of a megabyte."""
    if page.Contents or not page.stream or not page.compression:
        return
    filters = (
        [pdfdoc.PDFBase85Encode, pdfdoc.PDFZCompress] if rl_config.useA85 else [pdfdoc.PDFZCompress]
    )
    content = page.stream
    names: list = []
    for f in reversed(filters):
        content = f.encode(content)
        names.insert(0, pdfdoc.PDFName(f.pdfname))
    stream = pdfdoc.PDFStream(content=content, filters=filters)
    stream.dictionary["Filter"] = pdfdoc.PDFArray(names)  # applied: not again at save
    stream.__Comment__ = "page stream"
    page.Contents = stream
    page.stream = None


class _NumberedCanvas(rl_canvas.Canvas):
    """Keeps every page until save(), then stamps "第 X 页 共 Y 页" on each."""

    def __init__(self, *args, footer_font: str, footer_y: float, **kwargs):
        super().__init__(*args, **kwargs)
        self._footer_font = footer_font
        self._footer_y = footer_y
        self._pages: list[dict] = []
        self._later: dict[str, tuple[float, float, Callable[[rl_canvas.Canvas], None]]] = {}

    def later(
        self, name: str, width: float, height: float, paint: Callable[[rl_canvas.Canvas], None]
    ) -> None:
        """Draw here the form ``name`` (width × height points) that ``paint`` draws when
        the document is saved: what it shows is known only then."""
        self.doForm(name)
        self._later[name] = (width, height, paint)

    def showPage(self):  # noqa: N802 - reportlab's name
        # A page is kept until the total is known; its drawing operators, a long list
        # of small strings, are kept joined and compressed (a 500-page report would hold
        # hundreds of megabytes of them otherwise).
        state = dict(self.__dict__)
        state["_code"] = zlib.compress("\n".join(state["_code"]).encode("utf-8"), 1)
        self._pages.append(state)
        self._startPage()

    def save(self):
        for name, (width, height, paint) in self._later.items():
            self.beginForm(name, 0, 0, width, height)
            paint(self)
            self.endForm()
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._code = [zlib.decompress(state["_code"]).decode("utf-8")]
            state.clear()  # this page goes to the document now: let its state go
            self.setFont(self._footer_font, 9)
            self.setFillColor(colors.black)
            width = self._pagesize[0]
            self.drawCentredString(width / 2, self._footer_y, f"第 {number} 页 共 {total} 页")
            super().showPage()
            _seal(self._doc.Pages.pages[-1])
        super().save()


class LaterText(Flowable):
    """A paragraph whose text is known only once the document is laid out (the page a
    part starts on, in the contents): drawn as a named form that the canvas defines when
    the document is saved, so a contents page needs no first pass. ``sample``: text as
    tall as the real one will be (one line)."""

    def __init__(
        self, name: str, text: Callable[[], str], style: ParagraphStyle, sample: str = "0"
    ):
        super().__init__()
        self.name = name
        self.text = text
        self.style = style
        self.sample = sample

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = para(self.sample, self.style).wrap(available_width, available_height)[1]
        return self.width, self.height

    def draw(self) -> None:
        self.canv.later(self.name, self.width, self.height, self._paint)

    def _paint(self, canvas: rl_canvas.Canvas) -> None:
        paragraph = para(self.text(), self.style)
        paragraph.wrapOn(canvas, self.width, self.height)
        paragraph.drawOn(canvas, 0, 0)


class Deferred(Flowable):
    """Flowables made only when the layout reaches them, and let go once drawn: a long
    report's parts are never all in memory at once (a ten-year activity log alone is
    hundreds of thousands of objects). It never fits, so the frame asks it to split, and
    the split is the flowables ``make()`` returns."""

    def __init__(self, make):
        super().__init__()
        self._make = make

    def wrap(self, available_width, available_height):
        return available_width, available_height + 1

    def split(self, available_width, available_height):
        made = list(self._make()) if self._make is not None else []
        self._make = None
        # ReportLab places the first piece where the split happened, without splitting
        # it again: make() must start with something small (a heading on a new page)
        return made or [Spacer(0, 0)]


class Report:
    """One PDF document: A4 with the studio's header and numbered footer.

    >>> report = Report(out, "签到表", studio.name)
    >>> report.build([para("…", report.styles.body), report.table(rows, widths)])
    """

    def __init__(
        self,
        out: Path,
        title: str,
        studio_name: str,
        *,
        landscape: bool = False,
        subject: str = "",
        pdf_title: str | None = None,
        margins: tuple[float, float, float, float] = (18 * mm, 18 * mm, 15 * mm, 18 * mm),
    ):
        """margins: top, right, bottom, left in points."""
        self.out = Path(out)
        self.title = title
        self.studio_name = studio_name
        self.subject = subject
        self.pdf_title = pdf_title or title
        self.font = register_cjk_font()
        self.styles = make_styles(self.font)
        self.pagesize = to_landscape(A4) if landscape else A4
        self.top, self.right, self.bottom, self.left = margins

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.pagesize[1] - self.top - self.bottom

    def table(self, data, col_widths, header_rows: int = 1, **kw) -> Table:
        return table(data, col_widths, header_rows, styles=self.styles, **kw)

    def thumbnail(self, path: Path, max_w: float, max_h: float) -> Flowable:
        return thumbnail(path, max_w, max_h, styles=self.styles)

    def _draw_header(self, canvas: rl_canvas.Canvas, _doc) -> None:
        width, height = self.pagesize
        baseline = height - self.top + 6 * mm
        canvas.saveState()
        canvas.setFont(self.font, 9)
        canvas.setFillColor(colors.HexColor("#333333"))
        canvas.drawString(self.left, baseline, self.studio_name)
        canvas.drawRightString(width - self.right, baseline, self.title)
        canvas.setStrokeColor(RULE_COLOR)
        canvas.setLineWidth(0.5)
        canvas.line(self.left, baseline - 2 * mm, width - self.right, baseline - 2 * mm)
        canvas.restoreState()

    def build(self, story: list[Flowable]) -> Path:
        """Write the document: to a temporary file beside the target, then moved over it."""
        try:
            with leftovers.temporary_beside(self.out) as temp:
                self._write(temp, story)
                os.replace(temp, self.out)
        except OSError as error:
            raise ReportError(
                messages.text(
                    "report_write_failed", value=str(self.out), reason=error.strerror or error
                )
            ) from error
        return self.out

    def _write(self, temp: Path, story: list[Flowable]) -> None:
        doc = BaseDocTemplate(
            str(temp),
            pagesize=self.pagesize,
            leftMargin=self.left,
            rightMargin=self.right,
            topMargin=self.top,
            bottomMargin=self.bottom,
            title=self.pdf_title,
            author=self.studio_name,
            subject=self.subject,
            creator=CREATOR,
            producer=PRODUCER,
            invariant=1,
            pageCompression=1,
            lang="zh-CN",
            initialFontName=self.font,
            initialFontSize=10,
            displayDocTitle=1,
        )
        frame = Frame(
            self.left,
            self.bottom,
            self.frame_width,
            self.frame_height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._draw_header)])
        canvasmaker = partial(_NumberedCanvas, footer_font=self.font, footer_y=self.bottom - 8 * mm)
        doc.build(list(story), canvasmaker=canvasmaker)


def make_document(out: Path, title: str, studio_name: str, landscape: bool = False) -> Report:
    return Report(out, title, studio_name, landscape=landscape)


__all__ = [
    "FONT_NAME",
    "LaterText",
    "LongTable",
    "Picture",
    "Report",
    "ReportError",
    "Styles",
    "make_document",
    "make_styles",
    "para",
    "picture",
    "fit_para",
    "register_cjk_font",
    "spaced",
    "table",
    "thumbnail",
]
