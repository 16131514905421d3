"""The PDF engine (documents/engine/pdf.py) and the sign-in sheet (documents/reports/signin.py).

The PDFs are checked with poppler-utils the way a person would look at them: page count
(pdfinfo), embedded fonts (pdffonts), the text (pdftotext) and a rendered page (pdftoppm).
Without poppler-utils these tests fail: they are never skipped.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image as PILImage
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Paragraph

from desktop_app.documents.engine import pdf
from desktop_app.documents.engine.pdf import (
    Picture,
    Report,
    ReportError,
    fit_para,
    make_styles,
    para,
    thumbnail,
)
from desktop_app.documents.reports.signin import ROWS_PER_PAGE, day_with_weekday, write_signin_sheet
from desktop_app.domain.member_input import parse_member
from desktop_app.services.activities import ActivityInput
from desktop_app.services.attendance import MarkInput
from tests.pdf_tools import has, pages, poppler, text_of

TOPIC = "班级文化建设与主题班会设计研讨"
PLACE = "江阴中专行政楼三楼会议室"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗梁宋郑谢韩唐冯董程曹"
GIVEN = "晓燕明丽华洋志强帆敏磊婷昊静悦超琳军芳勇洁涛霞斌佳伟娜冰亮雪浩"


# --- poppler ------------------------------------------------------------------------


def fonts(path: Path) -> list[list[str]]:
    """pdffonts rows (below its two header lines), split on whitespace."""
    return [line.split() for line in poppler("pdffonts", str(path)).splitlines()[2:]]


def dark_share(png: Path, box: tuple[int, int, int, int] | None = None) -> float:
    with PILImage.open(png) as image:
        gray = image.convert("L")
        if box:
            gray = gray.crop(box)
        histogram = gray.histogram()
    return sum(histogram[:128]) / sum(histogram)


def render(path: Path, tmp_path: Path, page: int = 1) -> Path:
    prefix = tmp_path / f"page{page}"
    poppler("pdftoppm", "-r", "60", "-png", "-f", str(page), "-l", str(page), "-singlefile",
            str(path), str(prefix))  # fmt: skip
    return prefix.with_suffix(".png")


# --- data ---------------------------------------------------------------------------


def name(i: int) -> str:
    return (
        SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)] + GIVEN[(i * 3 + 1) % len(GIVEN)]
    )


def add_members(services, count: int, role: str = "成员") -> list[int]:
    schools = ("江苏省江阴中等专业学校", "江阴市华士实验中学", "江阴市第一中学")
    return [
        services.members.add(
            parse_member(
                {
                    "name": name(i),
                    "role": role,
                    "school": schools[i % len(schools)],
                    "joined_on": "2024-09-01",
                }
            )
        )
        for i in range(count)
    ]


def add_activity(services, day: str = "2025-03-12", topic: str = TOPIC) -> int:
    return services.activities.create(
        ActivityInput(
            date=day,
            kind="学习研讨",
            topic=topic,
            place=PLACE,
            start_time="14:00",
            end_time="16:00",
            presenter="陈静",
        )
    )


@pytest.fixture
def sheet_for(services, tmp_path):
    def make(count: int, out_name: str = "签到表.pdf") -> Path:
        add_members(services, count)
        activity_id = add_activity(services)
        return write_signin_sheet(services, activity_id, tmp_path / out_name)

    return make


# --- the sign-in sheet ----------------------------------------------------------------


def test_date_in_chinese_with_weekday():
    assert day_with_weekday(dt.date(2025, 3, 12)) == "2025年3月12日 星期三"
    assert day_with_weekday(dt.date(2026, 11, 22)) == "2026年11月22日 星期日"


def test_sheet_for_three_members_is_one_page_with_everything_on_it(sheet_for):
    out = sheet_for(3)
    assert out.read_bytes().startswith(b"%PDF")
    assert pages(out) == 1
    text = text_of(out)
    for expected in (
        "陈静名班主任工作室",
        "签到表",
        TOPIC,
        PLACE,
        "2025年3月12日 星期三",
        "14:00",
        "16:00",
        "学习研讨",
        "主讲人：陈静",
        "序号",
        "单位",
        "签到（签名）",
        "备注",
        "江苏省江阴中等专业学校",
        "应到 3 人",
        "实到",
        "第 1 页 共 1 页",
        *(name(i) for i in range(3)),
    ):
        assert has(text, expected), expected


def test_the_cjk_font_is_embedded_as_a_subset_and_no_font_is_left_out(sheet_for):
    rows = fonts(sheet_for(3))
    assert rows, "no fonts listed"
    assert any("WenQuanYi" in row[0] or "+" in row[0] for row in rows)
    for row in rows:
        # name type encoding emb sub uni object-id generation
        emb, sub = row[-5], row[-4]
        assert (emb, sub) == ("yes", "yes"), row
    assert not any(row[0] == "Helvetica" for row in rows)


def test_pdf_metadata(sheet_for):
    info = poppler("pdfinfo", str(sheet_for(3)))
    assert f"签到表：{TOPIC}（2025-03-12）" in info
    assert "陈静名班主任工作室" in info  # author
    assert "A4" in info


def test_twenty_five_names_fit_on_one_page(sheet_for):
    out = sheet_for(ROWS_PER_PAGE)
    assert pages(out) == 1
    text = text_of(out)
    assert has(text, name(ROWS_PER_PAGE - 1))
    assert has(text, f"应到 {ROWS_PER_PAGE} 人")


def test_the_twenty_sixth_name_goes_to_page_two_under_the_table_header(sheet_for):
    out = sheet_for(26)
    assert pages(out) == 2
    first, second = text_of(out, 1), text_of(out, 2)
    assert has(first, name(24)) and not has(first, name(25))
    assert has(second, name(25))
    for header in ("序号", "姓名", "单位", "角色", "签到（签名）", "备注"):
        assert has(second, header), header
    assert has(second, "签到表（续）") and has(second, TOPIC)
    assert has(second, "应到 26 人") and not has(first, "应到")
    assert has(first, "第 1 页 共 2 页") and has(second, "第 2 页 共 2 页")


def test_rendered_page_shows_ink_where_the_sheet_is(sheet_for, tmp_path):
    out = sheet_for(3)
    png = render(out, tmp_path)
    with PILImage.open(png) as image:
        width, height = image.size
    assert 480 <= width <= 500 and 690 <= height <= 710  # A4 at 60 dpi
    assert dark_share(png) > 0.005, "the page is blank"
    # The title and info block occupy the top sixth; the bottom fifth (below three
    # rows) is blank but for the page number.
    assert dark_share(png, (0, 0, width, height // 6)) > 0.01
    assert dark_share(png, (0, height * 4 // 5, width, height - 30)) < 0.001


def test_two_writes_give_identical_bytes(services, tmp_path):
    add_members(services, 4)
    activity_id = add_activity(services)
    first = write_signin_sheet(services, activity_id, tmp_path / "a.pdf").read_bytes()
    second = write_signin_sheet(services, activity_id, tmp_path / "b.pdf").read_bytes()
    assert first == second


def test_saved_marks_decide_the_rows_and_leave_shows_as_a_remark(services, tmp_path):
    ids = add_members(services, 3)
    activity_id = add_activity(services)
    services.attendance.save_marks(
        activity_id, [MarkInput(ids[0], "出勤"), MarkInput(ids[2], "请假", "外出培训")]
    )
    text = text_of(write_signin_sheet(services, activity_id, tmp_path / "s.pdf"))
    assert has(text, name(0)) and has(text, name(2)) and not has(text, name(1))
    assert has(text, "请假；外出培训")
    assert has(text, "应到 2 人")


def test_hosts_and_mentors_are_not_on_the_default_list(services, tmp_path):
    services.members.add(parse_member({"name": "陈静", "role": "主持人", "school": "江阴中专"}))
    add_members(services, 2)
    text = text_of(write_signin_sheet(services, add_activity(services), tmp_path / "s.pdf"))
    assert has(text, "应到 2 人")


def test_nobody_expected_gives_blank_rows_to_write_in(services, tmp_path):
    out = write_signin_sheet(services, add_activity(services), tmp_path / "s.pdf")
    assert pages(out) == 1
    text = text_of(out)
    assert has(text, "应到______人") and has(text, "25") and not has(text, "26")


def test_markup_in_user_text_is_printed_as_text(services, tmp_path):
    add_members(services, 1)
    activity_id = add_activity(services, topic="<b>班会</b> & 家校沟通")
    text = text_of(write_signin_sheet(services, activity_id, tmp_path / "s.pdf"))
    assert has(text, "<b>班会</b> & 家校沟通")


def test_unknown_activity_raises_lookup_error_and_writes_nothing(services, tmp_path):
    with pytest.raises(LookupError):
        write_signin_sheet(services, 999, tmp_path / "s.pdf")
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*.tmp"))


# --- the engine -----------------------------------------------------------------------


def test_no_cjk_font_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "_font_name", None)
    monkeypatch.setattr(pdf, "find_cjk_font", lambda: None)
    with pytest.raises(ReportError) as caught:
        Report(tmp_path / "x.pdf", "标题", "工作室")
    assert "fonts-wqy-microhei" in str(caught.value)
    assert "未找到中文 TrueType 字体" in str(caught.value)


def test_a_font_reportlab_cannot_embed_is_a_clear_error(monkeypatch, tmp_path):
    fake = tmp_path / "NotoSansCJK.otf"
    fake.write_bytes(b"OTTO" + b"\0" * 64)
    monkeypatch.setattr(pdf, "_font_name", None)
    with pytest.raises(ReportError) as caught:
        pdf.register_cjk_font(fake)
    assert "无法嵌入 PDF" in str(caught.value)


class Explode(Flowable):
    def wrap(self, *_):
        return (10, 10)

    def draw(self):
        raise RuntimeError("boom")


def test_a_failed_build_leaves_neither_a_partial_file_nor_a_temporary(tmp_path):
    out = tmp_path / "report.pdf"
    out.write_bytes(b"the previous report")
    report = Report(out, "标题", "工作室")
    with pytest.raises(RuntimeError, match="boom"):
        report.build([para("开始", report.styles.body), Explode()])
    assert out.read_bytes() == b"the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_a_folder_that_cannot_be_made_is_a_report_error(tmp_path):
    (tmp_path / "a-file").write_bytes(b"")
    report = Report(tmp_path / "a-file" / "x.pdf", "标题", "工作室")
    with pytest.raises(ReportError, match="无法写入"):
        report.build([para("内容", report.styles.body)])


def test_a_missing_folder_is_made_as_for_every_file_written(tmp_path):
    report = Report(tmp_path / "新文件夹" / "x.pdf", "标题", "工作室")
    assert report.build([para("内容", report.styles.body)]).read_bytes()[:5] == b"%PDF-"


def test_long_tables_repeat_their_header_on_every_page(tmp_path):
    out = tmp_path / "long.pdf"
    report = Report(out, "活动台账", "陈静名班主任工作室", landscape=True)
    rows = [["序号", "日期", "主题"]] + [
        [str(i), f"2025-03-{i % 28 + 1:02d}", f"第{i}次研讨"] for i in range(1, 81)
    ]
    widths = [20 * mm, 40 * mm, report.frame_width - 60 * mm]
    report.build([para("活动一览", report.styles.heading), report.table(rows, widths)])
    count = pages(out)
    assert count >= 3
    with PILImage.open(render(out, tmp_path)) as image:
        assert image.size[0] > image.size[1]  # landscape
    for page in range(1, count + 1):
        text = text_of(out, page)
        assert has(text, "序号") and has(text, "主题"), page
        assert has(text, "活动台账") and has(text, "陈静名班主任工作室"), page
        assert has(text, f"第 {page} 页 共 {count} 页")
    assert has(text_of(out, count), "第80次研讨")


def test_text_in_a_fixed_height_row_shrinks_to_fit():
    style = make_styles().cell
    long = "江阴市青阳镇农村学校与职业教育中心附属实验学校（东校区）"
    fitted = fit_para(long, style, 40 * mm, 7 * mm)
    assert fitted.wrap(40 * mm, 7 * mm)[1] <= 7 * mm
    assert fitted.style.fontSize < style.fontSize
    short = fit_para("江阴一中", style, 40 * mm, 7 * mm)
    assert short.style.fontSize == style.fontSize


def make_photo(path: Path, size=(400, 200), orientation: int | None = None) -> Path:
    image = PILImage.new("RGB", size, (200, 30, 30))
    if orientation:
        exif = PILImage.Exif()
        exif[0x0112] = orientation
        image.save(path, exif=exif)
    else:
        image.save(path)
    return path


def test_thumbnail_keeps_the_aspect_and_fits_the_box(tmp_path):
    image = thumbnail(make_photo(tmp_path / "p.png"), 100, 100)
    assert isinstance(image, Picture | Image)  # a JPEG thumbnail is put in as it is
    assert (image.drawWidth, image.drawHeight) == pytest.approx((100, 50))
    assert image.wrap(500, 500) == pytest.approx((100, 50))


def test_thumbnail_turns_a_photo_upright_by_its_exif_orientation(tmp_path):
    image = thumbnail(make_photo(tmp_path / "p.jpg", orientation=6), 100, 100)
    assert (image.drawWidth, image.drawHeight) == pytest.approx((50, 100))


def test_thumbnail_of_a_file_that_is_not_an_image_is_a_placeholder(tmp_path):
    bad = tmp_path / "scan.jpg"
    bad.write_bytes(b"not a picture")
    flowable = thumbnail(bad, 100, 100)
    assert isinstance(flowable, Paragraph)
    assert "图片无法读取" in flowable.getPlainText() and "scan.jpg" in flowable.getPlainText()
    missing = thumbnail(tmp_path / "gone.png", 100, 100)
    assert isinstance(missing, Paragraph)


def test_photos_in_a_report_render(tmp_path):
    out = tmp_path / "photos.pdf"
    report = Report(out, "活动照片", "工作室")
    photo = make_photo(tmp_path / "big.jpg", size=(3000, 2000))
    report.build(
        [report.thumbnail(photo, 60 * mm, 45 * mm), report.thumbnail(tmp_path / "x", 1, 1)]
    )
    assert pages(out) == 1
    assert out.stat().st_size < 200_000  # resampled, not the full 6-megapixel photo
    assert has(text_of(out), "图片无法读取")
