"""How the reports are laid out (documents/engine/pdf.py, documents/reports/annual_report.py): a long table
a page at a time (LongTable), the contents page filled in without a first pass
(LaterText), photos put in as they are (Picture). A long table is checked against
ReportLab's own layout of the same rows as one Table (the same bytes); the rest with
poppler-utils, which these tests need (they are never skipped)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image as PILImage
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from desktop_app.demo.builder import build_demo
from desktop_app.documents.engine import pdf
from desktop_app.documents.engine.pdf import LaterText, LongTable, Picture, Report, para
from desktop_app.documents.reports.annual_report import PARTS, write_annual_report
from desktop_app.documents.reports.sections import PeriodReport, numbered
from desktop_app.domain.period import FINAL, cycle_period
from desktop_app.services.app import AppServices
from tests.conftest import TODAY
from tests.pdf_tools import pages, poppler, text_of

# --- long tables --------------------------------------------------------------------------

TOPICS = (
    "班会",
    "班级文化建设与主题班会设计研讨",
    "家校沟通的策略与案例分享：从一次家长会谈起，谈谈班主任如何倾听、回应与跟进",
)


def rows_of(count: int) -> list[list[object]]:
    """A header and ``count`` rows of one, two or three lines."""
    rows: list[list[object]] = [["序号", "日期", "地点", "主题", "备注"]]
    for i in range(1, count + 1):
        day = dt.date(2025, 9, 1) + dt.timedelta(days=i)
        rows.append([str(i), day.isoformat(), "会议室", TOPICS[i % 3], "" if i % 4 else "补记"])
    return rows


def styled(rows: list[list[object]]) -> list[tuple]:
    """Every kind of command the reports give a long table."""
    last = len(rows) - 1
    rows[last] = ["合计", None, None, f"{last - 1} 次", None]
    extra: list[tuple] = [
        ("SPAN", (0, -1), (2, -1)),
        ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2")),
        ("LINEABOVE", (0, -1), (-1, -1), 1.2, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ]
    for r in range(1, last):
        if r % 7 == 0:
            extra.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#FDECEA")))
        if r % 5 == 0:
            extra.append(("SPAN", (1, r), (2, r)))
        if r % 11 == 0:
            extra.append(("NOSPLIT", (0, r), (-1, r + 1)))
        if r % 13 == 0:
            extra.append(("TEXTCOLOR", (4, r), (4, r), colors.HexColor("#B00000")))
        if r % 20 == 1 and r + 2 < last:
            extra.append(("SPAN", (4, r), (4, r + 2)))  # a cell over three rows
    return extra


def story_of(report: Report, case: str) -> list[Flowable]:
    widths = [14 * mm, 26 * mm, 24 * mm, None, 24 * mm]
    widths[3] = report.frame_width - sum(w for w in widths if w is not None)
    rows = rows_of(260)
    lead: list[Flowable] = [para("活动一览", report.styles.heading)]
    if case == "styled":
        return [*lead, report.table(rows, widths, extra_style=styled(rows))]
    if case == "tall spans":  # a cell over three rows taller than the three
        extra = []
        for r in range(1, len(rows) - 2, 3):
            rows[r][4] = "补记：" + TOPICS[2] * 2
            extra.append(("SPAN", (4, r), (4, r + 2)))
        return [*lead, report.table(rows, widths, extra_style=extra)]
    if case == "fixed heights":
        return [*lead, report.table(rows, widths, row_heights=9 * mm)]
    if case == "no header":
        return [*lead, report.table(rows[1:], widths, header_rows=0)]
    if case == "kept with its heading, mid-page":
        heading = para("收支明细", report.styles.heading)
        heading.keepWithNext = 1
        return [*lead, Spacer(1, 150 * mm), heading, report.table(rows, widths)]
    if case == "two in a row":
        return [*lead, report.table(rows, widths), report.table(rows_of(90), widths)]
    return [*lead, report.table(rows, widths)]


CASES = (
    "plain",
    "styled",
    "tall spans",
    "fixed heights",
    "no header",
    "kept with its heading, mid-page",
)


@pytest.mark.parametrize("case", [*CASES, "two in a row"])
def test_a_long_table_is_laid_out_exactly_as_one_reportlab_table(tmp_path, monkeypatch, case):
    def build(name: str) -> Path:
        report = Report(tmp_path / name, "活动台账", "陈静名班主任工作室")
        story = story_of(report, case)
        return report.build(story)

    laid = build("pieces.pdf")
    monkeypatch.setattr(pdf, "LONG_TABLE_ROWS", 10**9)  # table() gives one Table again
    whole = build("whole.pdf")
    assert pages(laid) >= 5
    assert laid.read_bytes() == whole.read_bytes()


def test_table_gives_a_long_table_only_for_many_rows():
    report = Report(Path("unused.pdf"), "标题", "工作室")
    widths = [20 * mm] * 5
    assert isinstance(report.table(rows_of(pdf.LONG_TABLE_ROWS), widths), Table)
    assert isinstance(report.table(rows_of(pdf.LONG_TABLE_ROWS + 1), widths), LongTable)


def test_a_long_table_costs_in_proportion_to_its_rows(tmp_path, monkeypatch):
    """ReportLab remakes a long Table of all the rows left at every page end (work that
    grows with the square of the rows); the pieces of a LongTable hold about a page
    each."""
    made: list[int] = []
    init = Table.__init__

    def counting(self, data, *args, **kw):
        made.append(len(data))
        init(self, data, *args, **kw)

    monkeypatch.setattr(Table, "__init__", counting)

    def rows_made(count: int) -> int:
        made.clear()
        report = Report(tmp_path / f"{count}.pdf", "活动台账", "工作室")
        widths = [14 * mm, 26 * mm, 24 * mm, 90 * mm, 20 * mm]
        report.build([report.table(rows_of(count), widths)])
        return sum(made)

    small, large = rows_made(300), rows_made(1200)
    assert large < 5 * small  # four times the rows: about four times the work
    assert large < 6 * 1200


def test_a_long_table_lets_go_of_the_rows_it_has_placed(tmp_path):
    report = Report(tmp_path / "long.pdf", "活动台账", "工作室")
    long = report.table(rows_of(400), [14 * mm, 26 * mm, 24 * mm, 90 * mm, 20 * mm])
    assert isinstance(long, LongTable)
    report.build([long])
    rows = long._shared.rows
    assert rows[0] is not None  # the header, on every page
    assert sum(row is None for row in rows) > 0.8 * len(rows)


# --- the contents page --------------------------------------------------------------------


class _Reveal(Flowable):
    """Sets the text a LaterText shows, when it is drawn (after the LaterText)."""

    def __init__(self, known: dict[str, str]):
        super().__init__()
        self.known = known

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self) -> None:
        self.known["page"] = str(self.canv.getPageNumber())


def test_later_text_shows_what_is_known_only_when_the_document_is_saved(tmp_path):
    report = Report(tmp_path / "later.pdf", "标题", "工作室")
    known: dict[str, str] = {}
    style = report.styles.body
    story = [
        para("见第", style),
        LaterText("where", lambda: known.get("page", "？") + "页", style),
        PageBreak(),
        para("这里", style),
        _Reveal(known),
    ]
    out = report.build(story)
    assert pages(out) == 2
    assert "见第2页" in text_of(out, 1)


@pytest.fixture(scope="module")
def final_report(tmp_path_factory):
    """The demo's final report: the whole cycle, each part over several pages."""
    folder = tmp_path_factory.mktemp("final")
    build_demo(folder / "demo.sqlite3", seed=1, today=TODAY)
    services = AppServices.open(folder / "demo.sqlite3", today=lambda: TODAY)
    builds: list[Path] = []
    real = PeriodReport.build

    def counted(self, story):
        builds.append(self.out)
        return real(self, story)

    PeriodReport.build = counted
    try:
        period = cycle_period(services.studio.get().cycle, FINAL)
        out = write_annual_report(services, period, folder / "终期报告.pdf", fingerprint="ab cd")
    finally:
        PeriodReport.build = real
        services.close()
    return out, builds


def test_the_annual_report_is_laid_out_once(final_report):
    out, builds = final_report
    assert builds == [out]


def test_each_part_is_on_the_page_the_contents_give_and_starts_there(final_report):
    out, _ = final_report
    lines = poppler("pdftotext", "-layout", "-f", "2", "-l", "2", str(out), "-").splitlines()
    total = pages(out)
    starts = []
    for i, part in enumerate(PARTS.values()):
        heading = numbered(i, part.title)
        line = next(line for line in lines if heading in "".join(line.split()))
        page = int(line.split()[-1])
        assert 3 <= page <= total
        assert heading in text_of(out, page), (heading, page)
        assert all(heading not in text_of(out, p) for p in range(3, page)), heading
        starts.append(page)
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert starts[-1] > 20  # the parts are long: the numbers are not the first few pages


# --- photos -------------------------------------------------------------------------------


def test_a_jpeg_thumbnail_is_put_in_as_it_is_never_decoded(tmp_path, monkeypatch):
    photo = tmp_path / "photo.jpg"
    PILImage.new("RGB", (1600, 1200), (30, 120, 200)).save(photo, quality=90)

    def decoded(self):
        raise AssertionError("the photo was decoded to pixels")

    monkeypatch.setattr(ImageReader, "getRGBData", decoded)
    report = Report(tmp_path / "photos.pdf", "活动照片", "工作室")
    picture = report.thumbnail(photo, 40 * mm, 30 * mm)
    assert isinstance(picture, Picture)
    out = report.build([picture, report.thumbnail(photo, 40 * mm, 30 * mm)])
    images = poppler("pdfimages", "-list", str(out)).splitlines()[2:]
    assert len(images) == 2
    fields = [line.split() for line in images]
    for field in fields:
        assert field[8] == "jpeg", field  # the JPEG's own bytes (DCTDecode)
        assert (int(field[3]), int(field[4])) == (315, 236)  # 40 × 30 mm at 200 dpi
    assert fields[0][10] == fields[1][10]  # the same photo twice: one image in the file
