"""The annual report (documents/reports/annual_report.py), its parts, and the growth files
(documents/reports/growth_file.py), read back with poppler-utils the way a person would look at
them. Without poppler-utils these tests fail: they are never skipped."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from desktop_app.demo.builder import build_demo
from desktop_app.documents.reports.annual_report import (
    ANNUAL_FILE_NAME,
    PARTS,
    write_annual_report,
    write_part,
    write_period_reports,
)
from desktop_app.documents.reports.growth_file import (
    MemberNotFound,
    find_member,
    write_growth_file,
    write_growth_files,
)
from desktop_app.documents.reports.sections import PeriodData, numbered
from desktop_app.domain.attendance import FlagState
from desktop_app.domain.member_input import parse_member
from desktop_app.domain.period import FINAL, MIDTERM, cycle_period, parse_period, school_year_period
from desktop_app.domain.school_year import SchoolYear
from desktop_app.services.app import AppServices
from tests.conftest import TODAY
from tests.pdf_tools import pages, poppler, text_of

FINGERPRINT = " ".join(f"{i:x}a{i:x}b" for i in range(16))  # 16 groups of four
Y2025 = SchoolYear(2025)


# --- poppler ------------------------------------------------------------------------------


def lines_of(path: Path, page: int | None = None) -> list[str]:
    """The page's lines as laid out (-layout): a table row stays on one line."""
    span = ["-f", str(page), "-l", str(page)] if page else []
    return poppler("pdftotext", "-layout", *span, str(path), "-").splitlines()


def squeeze(text: str) -> str:
    return "".join(text.split())


def fonts(path: Path) -> list[list[str]]:
    return [line.split() for line in poppler("pdffonts", str(path)).splitlines()[2:]]


def page_with(path: Path, text: str, first: int = 1) -> int:
    for page in range(first, pages(path) + 1):
        if squeeze(text) in text_of(path, page):
            return page
    raise AssertionError(f"{text} is on no page")


# --- the demo -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("annual") / "demo.sqlite3"
    build_demo(path, seed=1, today=TODAY)
    services = AppServices.open(path, today=lambda: TODAY)
    yield services
    services.close()


@pytest.fixture(scope="module")
def year_data(demo):
    return PeriodData(demo, school_year_period(Y2025))


@pytest.fixture(scope="module")
def annual(demo, year_data, tmp_path_factory):
    out = tmp_path_factory.mktemp("annual_out") / "年度报告.pdf"
    return write_annual_report(demo, year_data.period, out, fingerprint=FINGERPRINT, data=year_data)


# --- periods ------------------------------------------------------------------------------


def test_periods_of_a_three_year_cycle(demo):
    cycle = demo.studio.get().cycle
    assert cycle.label == "2024-2027"
    mid = cycle_period(cycle, MIDTERM)
    assert mid.school_years == (SchoolYear(2024), SchoolYear(2025))
    assert (mid.first_day, mid.last_day) == (dt.date(2024, 9, 1), dt.date(2026, 8, 31))
    assert mid.report_title == "中期报告" and mid.label == "2024-2027中期"
    final = cycle_period(cycle, FINAL)
    assert final.school_years == tuple(cycle.school_years) and final.report_title == "终期报告"
    year = parse_period("2025-2026", cycle)
    assert year == school_year_period(Y2025)
    assert year.text == "2025-2026学年（2025年9月1日至2026年8月31日）"
    assert parse_period("midterm", cycle) == mid
    assert parse_period("终期", cycle) == final


def test_the_bundle_and_the_documents_share_one_period(demo):
    """One Period (domain/period.py): the bundle's label and slug, the documents' words."""
    mid = parse_period("midterm", demo.studio.get().cycle)
    assert (mid.kind, mid.label, mid.slug) == ("midterm", "2024-2027中期", "midterm-2024-2027")
    assert mid.school_years == (SchoolYear(2024), SchoolYear(2025))
    assert mid.name == "2024-2027建设周期中期" and mid.short == "2024-2027建设周期"
    assert school_year_period(Y2025).school_years == (Y2025,)


def test_figures_agree_with_the_year_facts(demo, year_data):
    facts = demo.year_facts.facts(Y2025)
    f = year_data.figures
    assert f.members == facts.members
    assert (f.attended, f.expected) == (facts.attended, facts.expected)
    assert f.held == facts.activities_held
    assert (f.duties_done, f.duties_total) == (facts.duties_done, facts.duties_total)
    assert (f.granted_fen, f.spent_fen) == (facts.income_fen, facts.expense_fen)
    assert (f.tasks_done, f.tasks_total) == (facts.tasks_done, facts.tasks_total)
    # The flags as they stood at the year's end (today, while it runs), over the
    # studio's window: the same names, in the same order, as the summary's.
    assert (f.flagged, f.at_risk) == (facts.flagged, facts.at_risk)
    standing = demo.attendance.facts(Y2025)
    over = {
        m.name for m in year_data.members if standing.tally(m.membership_id).state == FlagState.OVER
    }
    assert set(f.flagged) == over


@pytest.mark.parametrize("text", ["2025-2026", "midterm", "final"])
def test_figures_agree_with_the_bundles_data(demo, text):
    from desktop_app.documents.bundle.data import build_data

    period = parse_period(text, demo.studio.get().cycle)
    theirs = build_data(demo, period, TODAY, {}, masked=True)["figures"]
    f = PeriodData(demo, period).figures
    grade = f.assessment_grade.code if f.assessment_grade else None
    ours = {
        "members": f.members,
        "activities": f.held,
        "attended": f.attended,
        "expected": f.expected,
        "flagged": len(f.flagged),
        "granted_fen": f.granted_fen,
        "spent_fen": f.spent_fen,
        "duties_done": f.duties_done,
        "duties_total": f.duties_total,
        "assessment_grade": grade,
    }
    assert ours == {key: theirs[key] for key in ours}


# --- the annual report --------------------------------------------------------------------


def test_cover_names_the_studio_the_period_and_the_signer(demo, annual):
    cover = text_of(annual, 1)
    studio = demo.studio.get()
    for expected in (
        studio.name,
        "年度报告",
        "2025-2026学年",
        studio.host_school,
        studio.district,
        "数据截至",
        "2026年11月21日",
        "数字签名指纹",
        squeeze(FINGERPRINT),
    ):
        assert squeeze(expected) in cover, expected


def test_every_part_has_its_heading_and_the_contents_give_its_page(annual):
    contents = lines_of(annual, 2)
    for i, part in enumerate(PARTS.values()):
        heading = numbered(i, part.title)
        line = next(line for line in contents if heading in squeeze(line))
        page = int(line.split()[-1])
        assert heading in text_of(annual, page), (heading, page)


def test_roster_and_attendance_name_the_members_and_the_flagged_state(annual, year_data):
    text = text_of(annual)
    for member in year_data.members:
        assert member.name in text
    flagged = year_data.figures.flagged
    assert flagged, "the demo has a member over the line"
    page = page_with(annual, "四、考勤情况", first=3)  # after the contents
    rows = [squeeze(line) for line in lines_of(annual, page)]
    for name in flagged:
        row = next(line for line in rows if name in line)
        assert "超线" in row, row
    for name in year_data.figures.at_risk:
        row = next(line for line in rows if name in line)
        assert "临界" in row, row


def test_personal_data_is_masked_unless_asked(demo, year_data, tmp_path):
    host = next(m for m in demo.members.roster() if m.role == "host")
    assert host.phone and host.id_number
    masked = text_of(write_part(demo, year_data.period, "roster", tmp_path / "m.pdf"))
    assert host.phone not in masked and host.id_number not in masked
    assert host.phone[-4:] in masked
    full = write_part(demo, year_data.period, "roster", tmp_path / "f.pdf", unmasked=True)
    assert host.phone in text_of(full) and host.id_number in text_of(full)


def test_the_cjk_font_is_embedded_as_a_subset(annual):
    rows = fonts(annual)
    assert rows
    for row in rows:
        emb, sub = row[-5], row[-4]
        assert (emb, sub) == ("yes", "yes"), row
    assert not any(row[0] == "Helvetica" for row in rows)


def test_activity_photos_become_thumbnails(demo, year_data, tmp_path):
    out = write_part(demo, year_data.period, "activities", tmp_path / "活动.pdf")
    with_photos = [a for a in year_data.activities if a.photos]
    assert with_photos
    images = poppler("pdfimages", "-list", str(out)).splitlines()[2:]
    assert len(images) >= 1
    for line in images:
        width, height = int(line.split()[3]), int(line.split()[4])
        assert max(width, height) <= 400, line  # downscaled, not the original
    assert "活动照片" in text_of(out)


def test_a_long_table_repeats_its_header_on_the_next_page(services, tmp_path):
    schools = ("江苏省江阴中等专业学校", "江阴市华士实验中学", "江阴市第一中学")
    for i in range(45):
        services.members.add(
            parse_member(
                {
                    "name": f"成员{i:02d}",
                    "role": "成员",
                    "school": schools[i % 3],
                    "joined_on": "2024-09-01",
                    "phone": f"139{i:08d}",
                },
                today=TODAY,
            )
        )
    out = write_part(services, school_year_period(Y2025), "roster", tmp_path / "名册.pdf")
    assert pages(out) >= 2
    second = text_of(out, 2)
    assert "序号" in second and "身份证号" in second and "联系电话" in second
    assert "成员44" in text_of(out)


def test_an_empty_studio_still_gets_every_part(services, tmp_path):
    period = school_year_period(Y2025)
    out = write_annual_report(services, period, tmp_path / "空.pdf")
    text = text_of(out)
    for i, part in enumerate(PARTS.values()):
        assert numbered(i, part.title) in text
    assert "（未提供）" in text_of(out, 1)  # no fingerprint given


def test_the_same_records_give_the_same_bytes(demo, year_data, annual, tmp_path):
    again = write_annual_report(
        demo, year_data.period, tmp_path / "again.pdf", fingerprint=FINGERPRINT
    )
    assert again.read_bytes() == annual.read_bytes()


def test_a_midterm_report_spans_two_school_years(demo, tmp_path):
    period = parse_period("midterm", demo.studio.get().cycle)
    out = write_annual_report(demo, period, tmp_path / "中期.pdf", as_of=dt.date(2026, 11, 1))
    cover = text_of(out, 1)
    assert "中期报告" in cover and "2024年9月1日至2026年8月31日" in cover
    assert "2026年11月1日" in cover
    text = text_of(out)
    assert "（一）2024-2025学年" in text and "（二）2025-2026学年" in text


def test_each_part_on_its_own_and_the_folder_of_reports(demo, year_data, tmp_path):
    written = write_period_reports(demo, year_data.period, tmp_path, fingerprint=FINGERPRINT)
    assert [p.name for p in written] == [ANNUAL_FILE_NAME, *(p.file_name for p in PARTS.values())]
    for part, path in zip(PARTS.values(), written[1:], strict=True):
        first = text_of(path, 1)
        assert part.title in first and "2025-2026学年" in first, part.key
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files


def test_the_spending_part_reuses_the_spending_reports(demo, year_data, tmp_path):
    out = write_part(demo, year_data.period, "spending", tmp_path / "经费.pdf")
    text = text_of(out)
    for word in (
        "本期到账经费",
        "本期支出经费",
        "一、收支概况",
        "四、收支明细",
        "2025年",
        "2026年",
    ):
        assert word in text, word
    granted = year_data.figures.granted_fen
    assert f"{granted // 100:,}.{granted % 100:02d}" in text


# --- the growth file ----------------------------------------------------------------------


def test_growth_file_holds_the_members_records(demo, tmp_path):
    member = next(m for m in demo.members.roster() if m.role == "member" and m.left_on is None)
    records = demo.growth.records(member.membership_id)
    assert records
    out = write_growth_file(demo, member.membership_id, tmp_path / "档案.pdf")
    text = text_of(out)
    assert f"{member.name}成长档案" in text
    for heading in (
        "一、基本情况",
        "二、个人发展规划",
        "三、成长记录",
        "四、考勤情况",
        "五、年度职责完成情况",
    ):
        assert heading in text
    for record in records:
        assert squeeze(record.title)[:12] in text, record.title
    for goal in demo.growth.goals(member.membership_id):
        assert f"{goal.school_year.label}学年" in text
    assert member.phone not in text  # masked
    assert any(r.attachments and any(a.is_image for a in r.attachments) for r in records)
    assert poppler("pdfimages", "-list", str(out)).splitlines()[2:]  # evidence thumbnails
    assert all(row[-5:-3] == ["yes", "yes"] for row in fonts(out))  # CJK, embedded subset


def test_growth_file_of_a_period_leaves_out_other_years(demo, tmp_path):
    member = next(m for m in demo.members.roster() if m.role == "member" and m.left_on is None)
    records = demo.growth.records(member.membership_id)
    period = school_year_period(Y2025)
    out = write_growth_file(demo, member.membership_id, tmp_path / "g.pdf", period=period)
    text = text_of(out)
    inside = [r for r in records if period.contains(r.date)]
    outside = [r for r in records if not period.contains(r.date)]
    assert re.search(rf"本期成长记录共{len(inside)}项", text)
    assert all(r.date.isoformat() in text for r in inside)
    assert not any(r.date.isoformat() in text for r in outside)


def test_growth_files_for_every_member_of_the_period(demo, year_data, tmp_path):
    written = write_growth_files(demo, year_data.period, tmp_path)
    assert len(written) == len(year_data.members)
    assert len({p.name for p in written}) == len(written)


def test_find_member_by_name(services):
    for school, born in (("江阴市第一中学", "1990-03-01"), ("江阴市华士实验中学", "1988-11-12")):
        services.members.add(
            parse_member(
                {
                    "name": "王芳",
                    "role": "成员",
                    "school": school,
                    "birth_date": born,
                    "joined_on": "2024-09-01",
                },
                today=TODAY,
            )
        )
    services.members.add(
        parse_member({"name": "李明", "role": "成员", "joined_on": "2024-09-01"}, today=TODAY)
    )
    assert find_member(services, " 李 明").name == "李明"
    with pytest.raises(MemberNotFound) as two:
        find_member(services, "王芳")
    assert {m.school for m in two.value.matches} == {"江阴市第一中学", "江阴市华士实验中学"}
    with pytest.raises(MemberNotFound) as none:
        find_member(services, "赵六")
    assert none.value.matches == []
    with pytest.raises(LookupError):
        write_growth_file(services, 999, Path("never.pdf"))


# --- for the submission bundle ------------------------------------------------------------


def test_bundle_part_files_write_the_period_documents(demo, tmp_path):
    from desktop_app.documents.bundle.export import PARTS, ExportContext

    period = parse_period("2025-2026", demo.studio.get().cycle)
    part = next(p for p in PARTS if p.name == "annual_report")
    files = part.files(ExportContext(demo, period, TODAY, masked=True))
    paths = [f.path for f in files]
    assert len(set(paths)) == len(paths)
    assert paths[:2] == [
        "reports/2025-2026学年年度报告.pdf",
        "sheets/2025-2026学年工作室数据汇总.xlsx",
    ]
    members = PeriodData(demo, period).members
    assert len(paths) == 2 + len(members)
    written = []
    for f in files:
        target = tmp_path / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        written.append(f.make(target))
    assert all(p.exists() and p.stat().st_size > 0 for p in written)
    cover = text_of(written[0], 1)
    assert squeeze(demo.bundle.fingerprint()) in cover
    assert f"{members[0].name}成长档案" in text_of(written[2])
