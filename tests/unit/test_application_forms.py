"""The application forms (seed 004 附件3 申报表, 附件4 申报汇总表) and the annual summary
in Word: filled from the records, each saying its layout is the program's."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest
from docx import Document

from desktop_app.documents.reports.application_data import NoApplicationForm, read_application
from desktop_app.documents.reports.application_form import (
    MEMBER_HEADER,
    write_application_docx,
    write_application_pdf,
)
from desktop_app.documents.reports.application_summary import (
    HEADER,
    SHEET,
    write_application_summary,
    write_studio_application_summary,
)
from desktop_app.documents.reports.summary_report import write_summary_docx
from desktop_app.documents.sheets.cells import put
from desktop_app.domain.application import (
    CONDITIONS,
    FORM_TITLE,
    LAYOUT_NOTE,
    SUMMARY_LAYOUT_NOTE,
    SUMMARY_TITLE,
    in_post_text,
)
from desktop_app.domain.member_input import MemberData
from desktop_app.domain.school_year import SchoolYear
from desktop_app.services.activities import ActivityInput
from desktop_app.services.growth import RecordInput
from desktop_app.services.plans import PlanInput
from tests.conftest import jiangyin_studio
from tests.pdf_tools import has, text_of

Y2025 = SchoolYear(2025)


def _host(services) -> int:
    return services.members.add(_host_data())


def _host_data(**extra) -> MemberData:
    return MemberData(
        name="陈静",
        role="host",
        gender="female",
        birth_date=dt.date(1982, 5, 1),
        school="江阴中专学工处",
        title="senior",
        honours="无锡市优秀班主任",
        head_teacher_since=2010,
        joined_on=dt.date(2024, 9, 1),
        phone="13812345678",
        id_number="320281198205011234",
        **extra,
    )


@pytest.fixture
def studio(services):
    host = _host(services)
    for name in ("=1+1", "李强"):  # a name Excel would compute, first in the list
        services.members.add(
            MemberData(
                name=name,
                role="member",
                school="华士实验学校",
                title="intermediate",
                head_teacher_since=2016,
                joined_on=dt.date(2024, 9, 1),
            )
        )
    g = services.growth
    g.add_record(
        host, RecordInput("class_honour", "2025-05-10", "所带班级获评江阴市先进班集体", "district")
    )
    g.add_record(host, RecordInput("research", "2025-03-01", "课题《班级文化育人》", "city"))
    g.add_record(host, RecordInput("research", "2019-03-01", "课题《很早的研究》", "city"))
    g.add_record(
        host, RecordInput("competition", "2024-11-20", "无锡市班主任能力比赛一等奖", "city")
    )
    services.activities.create(
        ActivityInput("2025-10-15", "经验交流", "带班经验分享", presenter="陈静")
    )
    services.plans.save_build_plan(
        PlanInput("三年建设规划", "培养骨干班主任三名", "职业生涯教育融入班级管理")
    )
    return services


def test_the_application_reads_the_host_the_conditions_and_the_members(studio):
    app = read_application(studio)
    assert app.host.name == "陈静"
    assert app.host.phone == "138****5678"  # masked: the export setting's default
    assert app.head_teacher_years == 16  # whole school years 2010-2011 … 2025-2026
    assert in_post_text(app.host) == "□是　□否"  # not recorded: boxes to tick
    assert [m.name for m in app.members] == ["=1+1", "李强"]
    lines = {e.condition.number: e.lines for e in app.evidence}
    assert [c.number for c in CONDITIONS] == list("一二三四五六")
    assert any("16年（2010年起）" in line for line in lines["一"])
    assert any("无锡市班主任能力比赛一等奖" in line for line in lines["二"])
    assert any("江阴市先进班集体" in line for line in lines["三"])
    assert any("无锡市优秀班主任" in line for line in lines["三"])  # the roster's honours
    # 四 asks for the last five years (近5年来): 2019 is older than 2021-11-21
    assert any("班级文化育人" in line for line in lines["四"])
    assert not any("很早的研究" in line for line in lines["四"])
    assert lines["五"] == ()  # nothing recorded: the form leaves room to write
    assert any("带班经验分享" in line for line in lines["六"])  # the host presented it
    assert app.goals == "培养骨干班主任三名"
    assert app.features == "职业生涯教育融入班级管理"


def test_the_form_says_in_post_as_the_member_record_does(studio):
    host = next(r for r in studio.members.roster() if r.name == "陈静")
    studio.members.update(host.membership_id, _host_data(in_post=True))
    assert in_post_text(read_application(studio).host) == "是"


def test_the_full_numbers_only_when_asked(studio):
    app = read_application(studio, masked=False)
    assert app.host.phone == "13812345678"
    assert app.host.id_number == "320281198205011234"


def test_a_studio_of_another_document_has_no_such_form(empty_services):
    empty_services.studio.create(jiangyin_studio(preset_id="wujin", name="武进工作室"))
    with pytest.raises(NoApplicationForm, match="没有规定申报表"):
        read_application(empty_services)


def test_the_word_form_holds_the_host_the_conditions_the_members_and_room_to_sign(studio, tmp_path):
    path = write_application_docx(studio, read_application(studio), tmp_path / "申报表")
    assert path.suffix == ".docx"
    doc = Document(str(path))
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert FORM_TITLE in paragraphs
    assert LAYOUT_NOTE in paragraphs
    assert "原方案附件3仅给出表名" in paragraphs
    assert "陈静" in cells
    assert "138****5678" in cells
    assert "13812345678" not in "".join(cells)
    for condition in CONDITIONS:
        assert condition.text in cells, condition.number
    member_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "序号")
    assert [c.text for c in member_table.rows[0].cells] == list(MEMBER_HEADER)
    assert [r.cells[1].text for r in member_table.rows[1:]] == ["=1+1", "李强"]
    joined = "\n".join(cells)
    for words in ("所在系部（推荐单位）意见", "学校评审意见", "（盖章）", "年　　月　　日"):
        assert words in joined, words
    assert "培养骨干班主任三名" in paragraphs
    assert "职业生涯教育融入班级管理" in paragraphs
    assert [d.kind for d in studio.documents.list()] == ["application"]


def test_the_word_form_is_the_same_file_from_the_same_records(studio, tmp_path):
    app = read_application(studio)
    a = write_application_docx(studio, app, tmp_path / "a.docx")
    b = write_application_docx(studio, app, tmp_path / "b.docx")
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as archive:
        assert "word/document.xml" in archive.namelist()
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_the_pdf_form_reads_as_the_word_form(studio, tmp_path):
    path = write_application_pdf(studio, read_application(studio), tmp_path / "申报表.pdf")
    text = text_of(path)
    for words in (
        FORM_TITLE,
        LAYOUT_NOTE,
        "陈静",
        "138****5678",
        "一、主持人基本情况",
        "三、拟吸收的工作室成员",
        "李强",
        "=1+1",
        "培养骨干班主任三名",
        "所在系部（推荐单位）意见",
        "（盖章）",
    ):
        assert has(text, words), words
    assert not has(text, "13812345678")
    raw = text_of(path, raw=True)
    for condition in CONDITIONS:
        assert has(raw, condition.text[:40]), condition.number


def test_the_summary_sheet_is_one_row_per_application_and_never_a_formula(studio, tmp_path):
    app = read_application(studio)
    other = read_application(studio, masked=False)
    path = write_application_summary([app, other], tmp_path / "汇总")
    ws = openpyxl.load_workbook(path)[SHEET]
    assert ws.cell(row=1, column=1).value == SUMMARY_TITLE
    assert [c.value for c in ws[2]] == list(HEADER)
    rows = [[c.value for c in ws[r]] for r in (3, 4)]
    assert [r[0] for r in rows] == [1, 2]
    assert rows[0][HEADER.index("主持人")] == "陈静"
    assert rows[0][HEADER.index("成员名单")] == "=1+1、李强"
    assert rows[0][HEADER.index("拟吸收成员（人）")] == 2
    formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    notes = [ws.cell(row=r, column=1).value for r in range(5, ws.max_row + 1)]
    assert f"说明：{SUMMARY_LAYOUT_NOTE}" in notes
    assert "原方案附件4仅给出表名" in SUMMARY_LAYOUT_NOTE


def test_the_studio_summary_sheet_is_noted_as_issued(studio, tmp_path):
    write_studio_application_summary(studio, read_application(studio), tmp_path / "x.xlsx")
    assert [d.kind for d in studio.documents.list()] == ["application_summary"]


def test_report_sheets_keep_text_that_looks_like_a_formula_as_text():
    ws = openpyxl.Workbook().active
    assert put(ws, 1, 1, "=1+1").data_type == "s"
    assert put(ws, 2, 1, 3).value == 3


def test_the_summary_in_word_has_the_summary_text_and_its_figures(studio, tmp_path):
    studio.summaries.save(
        Y2025, "陈静名班主任工作室2025-2026学年工作总结\n一、基本情况\n本学年开展活动一次。"
    )
    path = write_summary_docx(studio, Y2025, tmp_path / "总结.docx")
    doc = Document(str(path))
    paragraphs = [p.text for p in doc.paragraphs]
    assert "2025-2026学年工作总结" in paragraphs
    assert "一、基本情况" in paragraphs
    assert "本学年开展活动一次。" in paragraphs
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "开展活动" in cells
    assert [d.kind for d in studio.documents.list()] == ["summary"]
