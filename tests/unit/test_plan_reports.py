"""The yearly reports: the annual plan, the summary, the duties grid and an assessment, as
PDFs and workbooks, each noted in the register of issued documents.

The PDFs are checked with poppler-utils the way a person looks at them: the text
(pdftotext), the fonts (pdffonts), the pages (pdfinfo). Without poppler-utils these tests
fail: they are never skipped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pytest

from desktop_app.documents.engine.pdf import ReportError
from desktop_app.documents.reports.assessment_report import (
    write_assessment_report,
    write_assessment_report_xlsx,
)
from desktop_app.documents.reports.duties_report import (
    marks,
    write_duties_report,
    write_duties_report_xlsx,
)
from desktop_app.documents.reports.plan_report import (
    TASK_HEADER,
    write_plan_report,
    write_plan_report_xlsx,
)
from desktop_app.documents.reports.summary_report import (
    FACTS_TITLE,
    fact_rows,
    write_summary_report,
    write_summary_report_xlsx,
)
from desktop_app.domain.member_input import parse_member
from desktop_app.domain.school_year import SchoolYear
from desktop_app.services.activities import ActivityInput
from desktop_app.services.assessments import ItemInput
from desktop_app.services.growth import RecordInput
from desktop_app.services.ledger import EntryInput
from desktop_app.services.plans import EvidenceRef, PlanInput, TaskInput
from tests.conftest import TODAY, jiangyin_studio
from tests.pdf_tools import has, pages, poppler
from tests.pdf_tools import text_of as pdf_text


def text_of(path: Path, page: int | None = None) -> str:
    """In drawing order (-raw): a wrapped table cell stays together."""
    return pdf_text(path, page, raw=True)


Y2025 = SchoolYear(2025)
TASKS = ("组织班级文化建设专题研讨", "撰写德育论文一篇", "完成年度工作总结")
BUILD_GOAL = "打造一支研究型、专家型的班主任队伍"
FEATURE = "以班级文化建设为特色"
ANNUAL_GOAL = "全年开展集中研修活动不少于六次"
MEASURE = "每月第二周周三下午集中研讨"
TOPIC = "班级文化建设专题研讨"


# --- poppler ------------------------------------------------------------------------------


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """Width × height in points of every page."""
    sizes = []
    out = poppler("pdfinfo", "-f", "1", "-l", str(pages(path)), str(path))
    for line in out.splitlines():
        if line.startswith("Page") and "size:" in line:
            words = line.split("size:")[1].split()
            sizes.append((float(words[0]), float(words[2])))
    return sizes


def assert_font_embedded(path: Path) -> None:
    rows = [line.split() for line in poppler("pdffonts", str(path)).splitlines()[2:]]
    assert rows, "no fonts listed"
    for row in rows:
        assert (row[-5], row[-4]) == ("yes", "yes"), row  # emb, sub


def recorded(services, kind: str) -> list[tuple[str, str]]:
    return [(d.period, d.file_name) for d in services.documents.list(kind)]


# --- data ---------------------------------------------------------------------------------


def add_member(services, name: str, role: str = "成员") -> int:
    return services.members.add(
        parse_member({"name": name, "role": role, "joined_on": "2024-09-01"}, today=TODAY)
    )


@pytest.fixture
def studio(services):
    """2025-2026: two members, the build plan, the annual plan with three items (one
    ticked off with an activity, one in progress past its date, one not started)."""
    wang = add_member(services, "王芳")
    add_member(services, "李明")
    plans = services.plans
    plans.save_build_plan(PlanInput("三年建设规划", goals=BUILD_GOAL, features=FEATURE))
    plans.save_annual_plan(
        Y2025,
        PlanInput(
            "2025-2026学年工作计划",
            goals=f"一、总体目标\n{ANNUAL_GOAL}。\n  1. 读书研讨\n  2. 专家讲座",
            measures=f"（一）集中研修\n{MEASURE}。",
        ),
    )
    activity = services.activities.create(
        ActivityInput(date="2025-10-15", kind="学习研讨", topic=TOPIC, place="行政楼会议室")
    )
    done = plans.add_task(Y2025, TaskInput(TASKS[0], owner_membership_id=wang, due_on="2025-10-31"))
    plans.tick_off(done, [EvidenceRef("activity", activity)], done_on="2025-10-15")
    plans.add_task(
        Y2025,
        TaskInput(
            TASKS[1], owner_membership_id=wang, due_on="2026-06-30", status="进行中", note="投稿"
        ),
    )
    plans.add_task(Y2025, TaskInput(TASKS[2], due_on="2026-12-31"))
    return services


def scored_assessment(services, submit: bool = False) -> int:
    """A 中期考核 on the jiangyin template: every indicator scored its maximum but half a
    point (two left unscored unless submitted)."""
    aid = services.assessments.create("jiangyin-review", "中期考核", Y2025)
    leaves = services.assessments.get(aid).template.leaves()
    upto = len(leaves) if submit else len(leaves) - 2
    services.assessments.save_items(
        aid,
        {
            leaf.code: ItemInput(str(leaf.max_points - 0.5), "按计划完成" if i == 0 else None)
            for i, leaf in enumerate(leaves[:upto])
        },
        comment="本学年工作室运行良好。",
    )
    if submit:
        services.assessments.submit(aid)
    return aid


# --- the annual plan ----------------------------------------------------------------------


def test_plan_pdf_has_the_plan_and_the_task_ledger(studio, tmp_path):
    out = write_plan_report(studio, Y2025, tmp_path / "计划.pdf")
    assert out == tmp_path / "计划.pdf" and out.read_bytes().startswith(b"%PDF")
    text = text_of(out)
    for expected in (
        "陈静名班主任工作室",
        "2025-2026学年工作计划",
        "学年：2025-2026学年（2025年9月1日至2026年8月31日）",
        "一、工作室建设规划",
        BUILD_GOAL,
        FEATURE,
        "二、年度工作目标",
        ANNUAL_GOAL,
        "三、主要举措与工作安排",
        MEASURE,
        "四、任务台账",
        "".join(TASK_HEADER),
        *TASKS,
        "本学年计划任务共3项：已完成（销账）1项，进行中1项，未开始1项；其中1项已过完成时限",
        f"活动：2025-10-15 {TOPIC}",
        "第 1 页 共 2 页",
    ):
        assert has(text, expected), expected
    assert has(text, "1组织班级文化建设专题研讨王芳2025-10-31已完成2025-10-15")
    assert has(text, "进行中（逾期）")
    assert_font_embedded(out)


def test_plan_text_is_portrait_and_the_task_ledger_landscape(studio, tmp_path):
    out = write_plan_report(studio, Y2025, tmp_path / "计划.pdf")
    (pw, ph), (lw, lh) = page_sizes(out)
    assert pw < ph and lw > lh
    assert not has(text_of(out, 1), "任务台账")
    assert has(text_of(out, 2), "四、任务台账")


def test_plan_pdf_is_noted_as_issued_and_the_same_data_gives_the_same_bytes(studio, tmp_path):
    first = write_plan_report(studio, Y2025, tmp_path / "a.pdf")
    second = write_plan_report(studio, Y2025, tmp_path / "b.pdf")
    assert first.read_bytes() == second.read_bytes()
    assert recorded(studio, "plan") == [("2025-2026", "a.pdf"), ("2025-2026", "b.pdf")]
    digest = hashlib.sha256(first.read_bytes()).hexdigest()
    assert [d.sha256 for d in studio.documents.list("plan")] == [digest, digest]
    assert not list(tmp_path.glob(".*.tmp"))


def test_plan_workbook(studio, tmp_path):
    out = write_plan_report_xlsx(studio, Y2025, tmp_path / "计划.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["年度计划", "任务台账"]
    ws = wb["年度计划"]
    assert [ws.cell(row=2, column=c).value for c in (1, 2)] == ["项目", "内容"]
    labels = [ws.cell(row=r, column=1).value for r in range(3, ws.max_row + 1)]
    for label in ("学年", "建设目标", "工作室特色", "年度工作目标", "主要举措与工作安排"):
        assert label in labels
    values = [ws.cell(row=r, column=2).value for r in range(3, ws.max_row + 1)]
    assert BUILD_GOAL in values and f"{ANNUAL_GOAL}。" in values
    ws = wb["任务台账"]
    assert ws.freeze_panes == "A3"
    assert ws.page_setup.orientation == "landscape"
    assert [c.value for c in ws[2]] == [*TASK_HEADER, "备注"]
    row = [c.value for c in ws[3]]
    assert row[:3] == [1, TASKS[0], "王芳"]
    assert row[3].date() == dt.date(2025, 10, 31) and row[5].date() == dt.date(2025, 10, 15)
    assert row[4] == "已完成" and row[6] == f"活动：2025-10-15 {TOPIC}"
    assert [c.value for c in ws[4]][4] == "进行中（逾期）"
    assert [c.value for c in ws[4]][7] == "投稿"
    assert [c.value for c in ws[5]][1:3] == [TASKS[2], None]
    assert ws.cell(row=5, column=5).value == "未开始"
    assert ws.column_dimensions["B"].width == 40
    wb.close()
    assert recorded(studio, "plan") == [("2025-2026", "计划.xlsx")]


def test_no_annual_plan_is_a_report_error_and_nothing_is_written(services, tmp_path):
    with pytest.raises(ReportError, match="2025-2026学年还没有年度计划"):
        write_plan_report(services, Y2025, tmp_path / "计划.pdf")
    with pytest.raises(ReportError):
        write_plan_report_xlsx(services, Y2025, tmp_path / "计划.xlsx")
    assert list(tmp_path.glob("计划*")) == []
    assert services.documents.list() == []


# --- the annual summary -------------------------------------------------------------------


def test_summary_draft_pdf_says_it_is_a_draft(studio, tmp_path):
    out = write_summary_report(studio, Y2025, tmp_path / "总结.pdf")
    text = text_of(out)
    assert has(text, "2025-2026学年工作总结")
    assert has(text, "本总结尚未保存")
    assert has(text, "年度计划任务 3 项，已销账 1 项，未完成 2 项")  # the pre-filled text
    assert_font_embedded(out)


def test_summary_pdf_has_the_text_and_the_facts(studio, tmp_path):
    body = studio.summaries.draft(Y2025).replace(
        "（请填写）", "本学年工作室聚焦班级文化建设，形成校本经验。", 1
    )
    studio.summaries.save(Y2025, body)
    out = write_summary_report(studio, Y2025, tmp_path / "总结.pdf")
    text = text_of(out)
    for expected in (
        "一、基本情况",
        "本学年工作室在册成员 2 人。",
        "六、主要成效与特色",
        "本学年工作室聚焦班级文化建设，形成校本经验。",
        FACTS_TITLE,
        "项目数据",
        "在册成员2人",
        "开展活动1次",
        "其中：学习研讨1次",
        "任务台账计划任务3项，已销账1项，未完成2项（其中逾期1项）",
        "数据截至2026年11月21日",
    ):
        assert has(text, expected), expected
    assert not has(text, "本总结尚未保存")
    assert recorded(studio, "summary") == [("2025-2026", "总结.pdf")]


def test_summary_workbook(studio, tmp_path):
    out = write_summary_report_xlsx(studio, Y2025, tmp_path / "总结.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["年度总结", "主要数据"]
    ws = wb["年度总结"]
    assert ws.cell(row=2, column=1).value == "内容" and ws.freeze_panes == "A3"
    lines = [ws.cell(row=r, column=1).value for r in range(3, ws.max_row + 1)]
    assert "一、基本情况" in lines and "本学年工作室在册成员 2 人。" in lines
    ws = wb["主要数据"]
    assert [c.value for c in ws[2]] == ["项目", "数据"]
    facts = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(3, 30)}
    assert facts["在册成员"] == "2 人"
    assert facts["其中：学习研讨"] == "1 次"
    wb.close()
    assert recorded(studio, "summary") == [("2025-2026", "总结.xlsx")]


def test_fact_rows_of_an_older_save_leave_out_what_is_missing():
    assert fact_rows({"members": 3}) == [("在册成员", "3 人")]
    rows = dict(fact_rows({"expected": 8, "attended": 6, "members": 1}))
    assert rows["考勤"] == "应到 8 人次，实到 6 人次，出勤率 75%"


# --- the duties grid ----------------------------------------------------------------------


@pytest.fixture
def wujin(empty_services):
    empty_services.studio.create(jiangyin_studio(preset_id="wujin"))
    return empty_services


def test_duties_pdf_shows_every_member_and_duty_with_the_records(wujin, tmp_path):
    wang = add_member(wujin, "王芳")
    add_member(wujin, "张老师", role="导师")
    record = wujin.growth.add_record
    record(wang, RecordInput(kind="public_lesson", date="2026-08-31", title="德育公开课《诚信》"))
    record(wang, RecordInput(kind="paper", date="2026-09-01", title="下一学年的论文"))
    out = write_duties_report(wujin, Y2025, tmp_path / "年度职责.pdf")
    done, missing = marks()
    text = text_of(out)
    for expected in (
        "年度职责完成情况",
        "学年：2025-2026学年",
        "依据：《武进区中小学名班主任工作室管理办法（试行）》",
        "序号姓名角色公开课讲座课题研究论文完成情况",
        f"1王芳成员{done}德育公开课《诚信》{missing}未完成{missing}未完成{missing}未完成1/4",
        "2张老师导师—————",  # a mentor has no yearly duties
        "合计1/10/10/10/11/4",
        "应完成年度职责 4 项，已完成 1 项，未完成 3 项",
    ):
        assert has(text, expected), expected
    assert not has(text, "下一学年的论文")
    assert all(w > h for w, h in page_sizes(out))
    assert_font_embedded(out)
    assert recorded(wujin, "duties") == [("2025-2026", "年度职责.pdf")]


def test_duties_pdf_credits_the_talk_a_member_presented(wujin, tmp_path):
    wang = add_member(wujin, "王芳")
    wujin.activities.create(
        ActivityInput(date="2025-10-10", kind="经验交流", topic="家校沟通", presenter="王芳")
    )
    out = write_duties_report(wujin, Y2025, tmp_path / "年度职责.pdf")
    done, missing = marks()
    text = text_of(out)
    assert has(text, f"{done}2025-10-10经验交流《家校沟通》（主讲）"), text
    assert has(text, "本人主讲的工作室活动")
    assert wang


def test_xinbei_duties_pdf_says_the_five_are_encouraged(empty_services, tmp_path):
    """Seed 000 四(五): 鼓励 … 每学年开设一节德育公开课 …: a duty not done is 未开展（鼓励）,
    no ✗ 未完成, and the document's words are quoted."""
    services = empty_services
    services.studio.create(jiangyin_studio(preset_id="xinbei-room"))
    add_member(services, "王芳")
    out = write_duties_report(services, Y2025, tmp_path / "年度职责.pdf")
    done, missing = marks()
    text = text_of(out)
    assert has(text, "鼓励名班主任和名班主任成长团队成员每学年开设一节德育公开课")
    assert has(text, "文件用语为“鼓励”")
    assert has(text, "未开展（鼓励）") and missing not in text and "应完成" not in text


def test_duties_marks_are_glyphs_of_the_embedded_font():
    from reportlab.pdfbase import pdfmetrics

    from desktop_app.documents.engine.pdf import register_cjk_font

    face = pdfmetrics.getFont(register_cjk_font()).face
    assert all(ord(mark) in face.charToGlyph for mark in marks())


def test_duties_without_duties_in_the_policy(services, tmp_path):
    out = write_duties_report(services, Y2025, tmp_path / "年度职责.pdf")
    assert has(text_of(out), "本工作室的政策预设未规定年度职责")


def test_duties_workbook_is_the_grid_export_noted_as_issued(wujin, tmp_path):
    add_member(wujin, "王芳")
    out = write_duties_report_xlsx(wujin, Y2025, tmp_path / "年度职责.xlsx")
    wb = openpyxl.load_workbook(out)
    ws = wb["年度职责"]
    assert [c.value for c in ws[3]][:3] == ["姓名", "角色", "公开课"]
    assert [c.value for c in ws[4]][:3] == ["王芳", "成员", "缺"]
    wb.close()
    assert recorded(wujin, "duties") == [("2025-2026", "年度职责.xlsx")]


# --- an assessment ------------------------------------------------------------------------


def test_submitted_assessment_pdf(studio, tmp_path):
    aid = scored_assessment(studio, submit=True)
    header = studio.assessments.get(aid).header
    out = write_assessment_report(studio, aid, tmp_path / "考核.pdf")
    text = text_of(out)
    for expected in (
        "2025-2026学年 中期考核",
        "考核细则：江阴中专名班主任工作室考核细则",
        "依据：《江阴中专名班主任工作室建设方案》附件2",
        "考核类型：中期考核",
        "一级指标二级指标三级指标分值自评分佐证材料说明",
        "1总体要求",
        "1.1领导有力",
        "按计划完成",
        "小计：1总体要求10",
        f"合计100{header.total_text}等第：{header.grade.zh}",
        f"总分：{header.total_text} 分（满分 100 分），等第：{header.grade.zh}",
        "建设规划：三年建设规划",  # the evidence the rule proposed, accepted on submission
        "工作室主持人（签字）",
    ):
        assert has(text, expected), expected
    submitted = header.submitted_at.replace(tzinfo=dt.UTC).astimezone().date()
    assert has(text, f"状态：已提交（{submitted.year}年{submitted.month}月{submitted.day}日提交）")
    assert "草稿" not in text
    assert all(w > h for w, h in page_sizes(out))
    assert_font_embedded(out)
    assert recorded(studio, "assessment") == [("2025-2026", "考核.pdf")]


def test_a_draft_says_so_on_every_page(studio, tmp_path):
    aid = scored_assessment(studio)
    out = write_assessment_report(studio, aid, tmp_path / "草稿.pdf")
    count = pages(out)
    assert count > 1
    for page in range(1, count + 1):
        text = text_of(out, page)
        assert "【草稿】" in text, page
        assert "一级指标二级指标三级指标" in text or page == count, page  # header repeated
    first = text_of(out, 1)
    assert has(first, "状态：草稿")
    leaves = len(studio.assessments.get(aid).template.leaves())
    assert has(first, f"未完成评分（{leaves - 2} / {leaves}）")
    assert "等第：不合格" not in text_of(out)  # a half-scored draft has no grade


def submitted_at(services, template: str, kind: str, full_marks: bool) -> int:
    """An assessment of ``kind`` on ``template`` with every indicator scored at its
    maximum (优秀) or 0 (不合格), submitted."""
    aid = services.assessments.create(template, kind, Y2025)
    leaves = services.assessments.get(aid).template.leaves()
    services.assessments.save_items(
        aid, {leaf.code: ItemInput(str(leaf.max_points if full_marks else 0)) for leaf in leaves}
    )
    services.assessments.submit(aid)
    return aid


def test_dissolution_is_printed_on_the_wujin_final_review_only(services, tmp_path):
    """Seed 002 §七: “不合格”将撤销工作室建制 follows the review after three years, not the
    yearly assessment — which states no consequence at all."""
    annual = submitted_at(services, "wujin-final", "annual", full_marks=False)
    text = text_of(write_assessment_report(services, annual, tmp_path / "年度.pdf"))
    assert has(text, "等第：不合格") and "撤销" not in text
    final = submitted_at(services, "wujin-final", "final", full_marks=False)
    text = text_of(write_assessment_report(services, final, tmp_path / "终期.pdf"))
    assert has(
        text,
        "按《武进区中小学名班主任工作室管理办法（试行）》七、考核评价：“不合格”将撤销工作室建制。",
    )


def test_a_passed_jiangyin_final_review_prints_its_outcomes_not_the_midterm_clause(
    services, tmp_path
):
    """Seed 004 五、(一)3: passing the final review brings 名班主任, 骨干班主任, the
    certificate and 校级培训学分; 对中期考核不到标的… is the mid-term review's."""
    final = submitted_at(services, "jiangyin-review", "final", full_marks=True)
    text = text_of(write_assessment_report(services, final, tmp_path / "终期.pdf"))
    for words in (
        "其主持人授予“名班主任”称号",
        "工作室合格学员为学校骨干班主任",
        "培训合格证书",
        "认定校级培训学分",
    ):
        assert has(text, words), words
    assert "中期考核不到标" not in text
    midterm = submitted_at(services, "jiangyin-review", "midterm", full_marks=False)
    text = text_of(write_assessment_report(services, midterm, tmp_path / "中期.pdf"))
    assert has(text, "对中期考核不到标的取消资格和经费支持") and "名班主任”称号" not in text


def test_an_empty_draft_has_no_grade_and_no_consequence(services, tmp_path):
    aid = services.assessments.create("wujin-final", "final", Y2025)
    leaves = len(services.assessments.get(aid).template.leaves())
    text = text_of(write_assessment_report(services, aid, tmp_path / "草稿.pdf"))
    assert has(text, f"未完成评分（0 / {leaves}）")
    assert "等第：不合格" not in text and "撤销" not in text


def test_data_json_lists_the_consequences_of_the_assessments_kind(services):
    from desktop_app.documents.bundle.data import build_data
    from desktop_app.domain.period import school_year_period

    annual = submitted_at(services, "wujin-final", "annual", full_marks=False)
    final = submitted_at(services, "wujin-final", "final", full_marks=False)
    data = build_data(services, school_year_period(Y2025), TODAY, {})
    by_id = {a["id"]: a for a in data["assessments"]}
    assert by_id[annual]["grade"] == "fail" and by_id[annual]["consequences"] == []
    assert by_id[final]["consequences"] == [
        {
            "seed": "002_fa8c89463d21dd95.txt",
            "section": "七、考核评价",
            "quote": "“不合格”将撤销工作室建制",
        }
    ]


def test_a_tall_indicator_group_goes_on_over_pages_with_its_label_continued(studio, tmp_path):
    aid = scored_assessment(studio)
    out = write_assessment_report(studio, aid, tmp_path / "草稿.pdf")
    text = text_of(out)
    assert "（续）" in text
    # every leaf indicator is in the table, once
    for leaf in studio.assessments.get(aid).template.leaves():
        assert text.count(f"{leaf.code}{leaf.text[:6]}") >= 1, leaf.code


def test_assessment_workbook(studio, tmp_path):
    aid = scored_assessment(studio)
    info = studio.assessments.get(aid)
    out = write_assessment_report_xlsx(studio, aid, tmp_path / "考核.xlsx")
    wb = openpyxl.load_workbook(out)
    ws = wb["考核表"]
    assert ws.cell(row=1, column=1).value.endswith("（草稿）")
    assert [c.value for c in ws[2]] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        "自评分",
        "佐证材料",
        "说明",
    ]
    assert ws.freeze_panes == "A3" and ws.page_setup.orientation == "landscape"
    assert ws.oddHeader.center.text == "草稿"
    first = [c.value for c in ws[3]]
    assert first[:3] == [
        "1 总体要求",
        "1.1 领导有力",
        "1.1.1 " + info.template.indicator("1.1.1").text,
    ]
    assert first[3:5] == [3, 2.5] and first[6] == "按计划完成"
    subtotal = next(r for r in ws.iter_rows(values_only=True) if r[0] == "小计：1 总体要求")
    assert subtotal[3:5] == (10, 8.5)
    total = next(r for r in ws.iter_rows(values_only=True) if r[0] == "合计")
    assert total[3] == 100 and total[4] == info.header.total_tenths / 10
    facts = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0] in ("状态", "等第")}
    leaves = len(info.template.leaves())
    assert facts == {"状态": "草稿", "等第": f"未完成评分（{leaves - 2} / {leaves}）"}
    wb.close()
    assert recorded(studio, "assessment") == [("2025-2026", "考核.xlsx")]


def test_unknown_assessment_is_a_key_error_and_nothing_is_written(services, tmp_path):
    with pytest.raises(KeyError):
        write_assessment_report(services, 42, tmp_path / "考核.pdf")
    assert not (tmp_path / "考核.pdf").exists() and services.documents.list() == []


# --- the spending report from the Funds page ----------------------------------------------


def test_the_funds_page_notes_the_spending_report(qtbot, monkeypatch, services, tmp_path):
    from desktop_app.gui import ask
    from desktop_app.gui.bus import ChangeBus
    from desktop_app.gui.pages.funds import FundsPage

    services.ledger.add(EntryInput("收入", "2026-03-01", "3000", "年度专项经费", source="grant"))
    page = FundsPage(services, ChangeBus(services))
    qtbot.addWidget(page)
    monkeypatch.setattr(
        ask, "save_document", lambda parent, kind, title, name, **_: tmp_path / name
    )
    page.report_button.click()
    [pdf] = tmp_path.glob("*.pdf")
    [doc] = services.documents.list("ledger_report")
    assert (doc.period, doc.file_name) == ("2026", pdf.name)
    facts = services.year_facts.studio_facts(SchoolYear(2025))
    assert [e.label.split("（")[0] for e in facts.spending_reports] == [pdf.name]


# --- issuing: one way, and the export's way of writing without issuing --------------------


def test_a_written_document_is_issued_once_unless_told_not_to(services, tmp_path):
    from desktop_app.documents.issue import issue
    from desktop_app.documents.reports.ledger_report import (
        write_ledger_report,
        write_ledger_report_xlsx,
    )

    services.ledger.add(EntryInput("收入", "2026-03-01", "3000", "年度专项经费", source="grant"))
    write_ledger_report(services, 2026, tmp_path / "quiet.pdf", register=False)
    write_ledger_report_xlsx(services, 2026, tmp_path / "quiet.xlsx", register=False)
    assert services.documents.list() == []
    pdf = write_ledger_report(services, 2026, tmp_path / "经费.pdf")
    book = write_ledger_report_xlsx(services, 2026, tmp_path / "经费.xlsx")
    assert [(d.kind, d.period, d.file_name) for d in services.documents.list()] == [
        ("ledger_report", "2026", pdf.name),
        ("ledger_report", "2026", book.name),
    ]
    note = tmp_path / "说明.txt"
    note.write_text("x", encoding="utf-8")
    assert issue(services, "plan", "2025-2026", note, register=False) == note
    assert len(services.documents.list()) == 2
    assert issue(services, "plan", "2025-2026", note) == note
    assert [d.kind for d in services.documents.list()][-1] == "plan"
