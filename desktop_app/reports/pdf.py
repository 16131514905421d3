"""The one PDF engine every report uses (reportlab platypus).

- A4 (portrait or landscape), a header on every page (studio name left, document title
  right) and a footer "第 X 页 共 Y 页" whose Y is known only after the last page: the
  canvas keeps each page's state and draws the numbers when the document is saved.
- The CJK font is a TrueType font (reportlab cannot embed PostScript-outline fonts such
  as Noto CJK), registered once per process and embedded as a subset.
- Tables split across pages with their header rows repeated.
- Photos become thumbnails: turned upright, scaled down, aspect kept; a file that is not a
  readable image becomes a line of text instead of breaking the report.
- Output is written to a temporary file beside the target and moved into place, so a
  failed report never leaves a partial file; the canvas is invariant (no timestamps, no
  random document id), so the same data gives byte-identical files.
"""

from __future__ import annotations

import io
import os
import secrets
import zlib
from collections.abc import Iterable, Sequence
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
from reportlab.pdfbase import pdfdoc, pdfmetrics
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

from desktop_app import __version__
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
    result = Table(
        rows,
        colWidths=list(col_widths),
        rowHeights=row_heights,
        repeatRows=header_rows,
        hAlign="CENTER",
    )
    result.setStyle(TableStyle(commands))
    return result


THUMBNAIL_DPI = 200


def thumbnail(path: Path, max_w: float, max_h: float, *, styles: Styles | None = None) -> Flowable:
    """A photo scaled to fit max_w × max_h points, aspect kept, turned upright by its EXIF
    orientation and resampled to THUMBNAIL_DPI so a 12-megapixel photo stays small.
    A file that is not a readable image gives a short placeholder text instead."""
    from desktop_app.reports.thumbs import thumbnail_bytes

    made = thumbnail_bytes(path, max_w, max_h, dpi=THUMBNAIL_DPI, quality=85)
    if made is None:
        styles = styles or make_styles()
        return para(f"（图片无法读取：{Path(path).name}）", styles.small)
    (draw_w, draw_h), data = made
    image = Image(io.BytesIO(data), width=draw_w, height=draw_h)
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

    def showPage(self):  # noqa: N802 - reportlab's name
        # A page is kept until the total is known; its drawing operators, a long list
        # of small strings, are kept joined and compressed (a 500-page report would hold
        # hundreds of megabytes of them otherwise).
        state = dict(self.__dict__)
        state["_code"] = zlib.compress("\n".join(state["_code"]).encode("utf-8"), 1)
        self._pages.append(state)
        self._startPage()

    def save(self):
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
        temp = self.out.with_name(f".{self.out.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            # Created like any new file (the umask applies), unlike mkstemp's 0600.
            with open(temp, "xb"):
                pass
        except OSError as error:
            raise ReportError(
                messages.text(
                    "report_write_failed", value=str(self.out), reason=error.strerror or error
                )
            ) from error
        try:
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
            doc.addPageTemplates(
                [PageTemplate(id="page", frames=[frame], onPage=self._draw_header)]
            )
            canvasmaker = partial(
                _NumberedCanvas, footer_font=self.font, footer_y=self.bottom - 8 * mm
            )
            doc.build(list(story), canvasmaker=canvasmaker)
            os.replace(temp, self.out)
        except OSError as error:
            temp.unlink(missing_ok=True)
            raise ReportError(
                messages.text(
                    "report_write_failed", value=str(self.out), reason=error.strerror or error
                )
            ) from error
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return self.out


def make_document(out: Path, title: str, studio_name: str, landscape: bool = False) -> Report:
    return Report(out, title, studio_name, landscape=landscape)


__all__ = [
    "FONT_NAME",
    "Report",
    "ReportError",
    "Styles",
    "make_document",
    "make_styles",
    "para",
    "fit_para",
    "register_cjk_font",
    "spaced",
    "table",
    "thumbnail",
]
