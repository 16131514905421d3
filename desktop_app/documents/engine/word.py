"""The one Word (.docx) engine of the documents a school finishes by hand: the
application form (申报表) and the annual summary (年度总结) are filled in, signed and
stamped in Word or WPS, so they are written as editable documents too (python-docx).

- A4 portrait, 宋体 五号 (10.5 pt) body text, 黑体 headings, a header with the studio's
  name left and the document's title right, and a footer "第 X 页 共 Y 页" (Word's page
  fields, so it stays right after the school edits the text).
- Tables are ruled (Table Grid), their header rows repeat on every page.
- Free text follows the PDFs' rules (documents/reports/plan_report.text_blocks): "一、…" a heading,
  "（一）…" a subheading, a line indented by spaces an item, any other line a paragraph
  with its first line indented two characters.
- The file is written to a temporary name beside the target and renamed; its document
  times are the data's day and its zip entries have fixed times, so the same records give
  the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from desktop_app import __version__, leftovers
from desktop_app.bundle.zipwrite import normalise_ooxml
from desktop_app.documents.engine.pdf import ReportError
from desktop_app.documents.reports.plan_report import _HEADING, _SUBHEADING
from desktop_app.domain import messages

BODY_FONT = "宋体"  # SimSun: on every Windows office PC, and WPS maps it
HEADING_FONT = "黑体"  # SimHei
BODY_SIZE = Pt(10.5)  # 五号
HEADER_FILL = "E6E6E6"
A4 = (Cm(21.0), Cm(29.7))


def _fonts(element, name: str) -> None:
    """Set the Latin and the East Asian font of a run or a style (python-docx sets only
    the Latin one, and Word then shows Chinese in its default font)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) in ``paragraph``; Word and WPS compute it."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _shade(cell, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    props.append(shading)


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _keep_row_whole(row) -> None:
    props = row._tr.get_or_add_trPr()
    props.append(OxmlElement("w:cantSplit"))


class WordDocument:
    """One editable document.

    >>> doc = WordDocument("申报表", studio.name)
    >>> doc.title("…"); doc.table([["姓名", "陈静"]], [3, 12]); doc.save(out, day)
    """

    def __init__(self, title: str, studio_name: str):
        self.doc_title = title
        self.studio_name = studio_name
        self.doc = Document()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = A4
        section.top_margin = Cm(2.5)
        section.bottom_margin = Cm(2.2)
        section.left_margin = section.right_margin = Cm(2.2)
        self._styles()
        self._header_footer()

    @property
    def width_cm(self) -> float:
        section = self.doc.sections[0]
        return (section.page_width - section.left_margin - section.right_margin) / 360000

    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.size = BODY_SIZE
        _fonts(normal.element, BODY_FONT)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.25
        for name, size in (("Title", 18), ("Heading 1", 14), ("Heading 2", 12)):
            style = styles[name]
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
            _fonts(style.element, HEADING_FONT)
            style.paragraph_format.space_before = Pt(10 if name != "Title" else 0)
            style.paragraph_format.space_after = Pt(4)
            style.paragraph_format.keep_with_next = True
        title = styles["Title"]
        title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # the template's Title has a blue rule under it
        for border in title.element.xpath(".//w:pBdr"):
            border.getparent().remove(border)

    def _header_footer(self) -> None:
        section = self.doc.sections[0]
        header = section.header.paragraphs[0]
        header.text = ""
        width = section.page_width - section.left_margin - section.right_margin
        # the template's Header style stops at its own centre and right: ours instead
        style_stops = self.doc.styles["Header"].paragraph_format.tab_stops
        for stop in list(style_stops):
            header.paragraph_format.tab_stops.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
        header.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        run = header.add_run(f"{self.studio_name}\t{self.doc_title}")
        run.font.size = Pt(9)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("第 ").font.size = Pt(9)
        _field(footer, "PAGE")
        footer.add_run(" 页 共 ").font.size = Pt(9)
        _field(footer, "NUMPAGES")
        footer.add_run(" 页").font.size = Pt(9)

    # --- text ---

    def title(self, text: str, subtitle: str = "") -> None:
        self.doc.add_paragraph(text, style="Title")
        if subtitle:
            p = self.doc.add_paragraph(subtitle)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.add_paragraph(text, style=f"Heading {level}")

    def paragraph(
        self,
        text: str = "",
        *,
        indent: bool = False,
        size: float | None = None,
        bold: bool = False,
        align: str | None = None,
        left_indent: bool = False,
    ):
        p = self.doc.add_paragraph()
        run = p.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
        if indent:
            p.paragraph_format.first_line_indent = Pt(2 * (size or BODY_SIZE.pt))
        if left_indent:
            p.paragraph_format.left_indent = Pt(2 * BODY_SIZE.pt)
        if align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return p

    def note(self, text: str) -> None:
        p = self.paragraph(text, size=9)
        p.runs[0].font.color.rgb = RGBColor(0x55, 0x55, 0x55)

    def text_blocks(self, text: str | None, empty: str, *, nested: bool = False) -> None:
        """Free text, line by line, as the PDFs set it (see the module's note)."""
        lines = [line for line in (text or "").splitlines() if line.strip()]
        if not lines:
            self.paragraph(empty, indent=True)
        for line in lines:
            stripped = line.strip()
            if line[:1] in (" ", "\u3000", "\t"):
                self.paragraph(stripped, left_indent=True)
            elif _HEADING.match(stripped):
                if nested:
                    self.paragraph(stripped, bold=True)
                else:
                    self.heading(stripped, 2)
            elif _SUBHEADING.match(stripped):
                self.paragraph(stripped, bold=True)
            else:
                self.paragraph(stripped, indent=True)

    # --- tables ---

    def table(
        self,
        rows: Sequence[Sequence[object]],
        widths_cm: Sequence[float],
        header_rows: int = 1,
        *,
        center_cols: Sequence[int] = (),
        size: float | None = None,
    ):
        """A ruled table; None or "" is an empty cell; a cell's text keeps its lines."""
        table = self.doc.add_table(rows=len(rows), cols=len(widths_cm))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for c, width in enumerate(widths_cm):  # the grid: LibreOffice and WPS read it
            table.columns[c].width = Cm(width)
        for r, values in enumerate(rows):
            row = table.rows[r]
            if r < header_rows:
                _repeat_header(row)
            for c, value in enumerate(values):
                cell = row.cells[c]
                cell.width = Cm(widths_cm[c])
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                self.set_cell(
                    cell,
                    "" if value is None else str(value),
                    bold=r < header_rows,
                    center=r < header_rows or c in center_cols,
                    size=size,
                )
                if r < header_rows:
                    _shade(cell, HEADER_FILL)
        return table

    @staticmethod
    def set_cell(
        cell,
        text: str,
        *,
        bold: bool = False,
        center: bool = False,
        size: float | None = None,
        align: str | None = None,
    ) -> None:
        """The cell's text, one paragraph a line."""
        lines = text.split("\n") if text else [""]
        first = cell.paragraphs[0]
        first.text = ""
        for extra in cell.paragraphs[1:]:  # a merged cell brings its parts' paragraphs
            extra._p.getparent().remove(extra._p)
        for i, line in enumerate(lines):
            p = first if i == 0 else cell.add_paragraph()
            run = p.add_run(line)
            run.bold = bold or None
            if size:
                run.font.size = Pt(size)
            if center or align == "center":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif align == "right":
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    @staticmethod
    def row_height(row, height_cm: float, *, whole: bool = True) -> None:
        """At least ``height_cm`` tall (room to write in); ``whole``: never split by a page."""
        row.height = Cm(height_cm)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        if whole:
            _keep_row_whole(row)

    @staticmethod
    def keep_together(table) -> None:
        """The table on one page where it fits: every row kept whole and with the next."""
        rows = list(table.rows)
        for i, row in enumerate(rows):
            _keep_row_whole(row)
            if i < len(rows) - 1:
                for cell in row.cells:
                    for p in cell.paragraphs:
                        p.paragraph_format.keep_with_next = True

    @staticmethod
    def shade(cell) -> None:
        _shade(cell, HEADER_FILL)

    # --- the file ---

    def save(self, out: Path, day: dt.date) -> Path:
        """Write the document to ``out`` (``.docx`` appended when it has another suffix)
        through a temporary file renamed into place; raises ReportError (in the user's
        language) when it cannot be written."""
        path = Path(out)
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        props = self.doc.core_properties
        when = dt.datetime.combine(day, dt.time())
        props.created = when
        props.modified = when
        props.last_printed = when
        props.author = self.studio_name
        props.last_modified_by = f"StudioDesk {__version__}"  # the version that wrote it
        props.title = self.doc_title
        props.revision = 1
        try:
            with (
                leftovers.temporary_beside(path, ".raw") as raw,
                leftovers.temporary_beside(path) as temp,
            ):
                self.doc.save(str(raw))
                normalise_ooxml(raw, temp)
                os.replace(temp, path)
        except OSError as error:
            raise ReportError(
                messages.text(
                    "report_write_failed", value=str(path), reason=error.strerror or error
                )
            ) from error
        return path


__all__ = ["WordDocument"]
