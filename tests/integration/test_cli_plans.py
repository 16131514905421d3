"""The command line for the yearly duties and the yearly reports: duties, report plan,
report summary, report duties, report assessment; and report ledger noting the spending
report as issued."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import openpyxl
import pytest

from desktop_app.cli import main
from desktop_app.domain.member_input import parse_member
from desktop_app.domain.school_year import SchoolYear
from desktop_app.services.app import AppServices
from desktop_app.services.growth import RecordInput
from desktop_app.services.ledger import EntryInput
from desktop_app.services.plans import PlanInput, TaskInput
from tests.conftest import TODAY, jiangyin_studio

Y2025 = SchoolYear(2025)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def pdf_text(path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: install poppler-utils (see packaging/dev.sh)")
    out = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return "".join(out.split())


def documents(path, kind: str | None = None) -> list[tuple[str, str, str]]:
    services = AppServices.open(path)
    try:
        return [(d.kind, d.period, d.file_name) for d in services.documents.list(kind)]
    finally:
        services.close()


def add_member(services, name: str, role: str = "学员") -> int:
    return services.members.add(
        parse_member({"name": name, "role": role, "joined_on": "2024-09-01"}, today=TODAY)
    )


@pytest.fixture
def wujin_db(empty_services, tmp_path):
    """Wujin's yearly duties; 王芳 has a public lesson on 2026-08-31 (school year
    2025-2026) and a paper on 2026-09-01 (the next one); 张老师 is a mentor."""
    services = empty_services
    services.studio.create(jiangyin_studio(preset_id="wujin"))
    wang = add_member(services, "王芳")
    add_member(services, "张老师", role="导师")
    services.growth.add_record(
        wang, RecordInput(kind="public_lesson", date="2026-08-31", title="德育公开课《诚信》")
    )
    services.growth.add_record(
        wang, RecordInput(kind="paper", date="2026-09-01", title="班级文化建设的实践与思考")
    )
    return tmp_path / "db.sqlite3"


@pytest.fixture
def plan_db(services, tmp_path):
    """Jiangyin with the annual plan of 2025-2026 (two items) and one draft assessment."""
    services.plans.save_annual_plan(
        Y2025, PlanInput("2025-2026学年工作计划", goals="全年开展研修活动六次")
    )
    services.plans.add_task(Y2025, TaskInput("组织专题研讨", due_on="2025-10-31"))
    services.plans.add_task(Y2025, TaskInput("撰写德育论文", due_on="2026-06-30"))
    services.assessments.create("jiangyin-review", "中期考核", Y2025)
    return tmp_path / "db.sqlite3"


# --- duties -------------------------------------------------------------------------------


def test_duties_json_counts_records_by_school_year(wujin_db, capsys):
    code, out, err = run(capsys, "duties", "--db", str(wujin_db), "--year", "2025-2026", "--json")
    assert code == 0, err
    assert json.loads(out) == [
        {"name": "王芳", "duty": "公开课", "done": True, "evidence": "德育公开课《诚信》"},
        {"name": "王芳", "duty": "讲座", "done": False, "evidence": None},
        {"name": "王芳", "duty": "课题研究", "done": False, "evidence": None},
        {"name": "王芳", "duty": "论文", "done": False, "evidence": None},
    ]  # the mentor has no duties; the paper of 2026-09-01 counts for 2026-2027

    code, out, _ = run(capsys, "duties", "--db", str(wujin_db), "--year", "2026", "--json")
    assert code == 0
    items = json.loads(out)
    assert all(set(i) == {"name", "duty", "done", "evidence"} for i in items)
    paper = next(i for i in items if i["duty"] == "论文")
    assert paper == {
        "name": "王芳",
        "duty": "论文",
        "done": True,
        "evidence": "班级文化建设的实践与思考",
    }
    assert next(i for i in items if i["duty"] == "公开课")["done"] is False


def test_duties_text_is_a_table(wujin_db, capsys):
    code, out, _ = run(capsys, "duties", "--db", str(wujin_db), "--year", "2025")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "2025-2026学年 年度职责完成情况"
    assert lines[1].split() == ["姓名", "角色", "年度职责", "完成", "佐证"]
    assert lines[2].split() == ["王芳", "成员", "公开课", "✓", "德育公开课《诚信》"]
    assert lines[3].split() == ["王芳", "成员", "讲座", "✗", "-"]
    assert lines[-1] == "已完成 1 项，共 4 项"
    assert "张老师" not in out


def test_duties_without_duties_in_the_policy(services, tmp_path, capsys):
    db = tmp_path / "db.sqlite3"
    code, out, _ = run(capsys, "duties", "--db", str(db), "--year", "2025", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, "duties", "--db", str(db), "--year", "2025")
    assert code == 0 and "未规定年度职责" in out


def test_duties_bad_year(wujin_db, capsys):
    code, out, err = run(capsys, "duties", "--db", str(wujin_db), "--year", "2025-2027")
    assert code != 0 and out == ""
    assert "不是学年：2025-2027" in err


# --- report plan / summary / duties -------------------------------------------------------


def test_report_plan_writes_the_pdf_and_the_workbook(plan_db, tmp_path, capsys):
    pdf, xlsx = tmp_path / "计划.pdf", tmp_path / "计划.xlsx"
    code, out, err = run(
        capsys,
        "report",
        "plan",
        "--db",
        str(plan_db),
        "--year",
        "2025-2026",
        "--out",
        str(pdf),
        "--xlsx",
        str(xlsx),
    )
    assert code == 0, err
    assert out.splitlines() == [str(pdf), str(xlsx)]
    text = pdf_text(pdf)
    assert "2025-2026学年工作计划" in text and "组织专题研讨" in text and "撰写德育论文" in text
    assert "序号任务事项负责人完成时限状态完成日期佐证材料" in text
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["年度计划", "任务台账"]
    assert wb["任务台账"]["B3"].value == "组织专题研讨"
    wb.close()
    assert documents(plan_db) == [
        ("plan", "2025-2026", "计划.pdf"),
        ("plan", "2025-2026", "计划.xlsx"),
    ]


def test_report_plan_without_a_plan_for_the_year_writes_nothing(plan_db, tmp_path, capsys):
    pdf = tmp_path / "计划.pdf"
    code, out, err = run(
        capsys, "report", "plan", "--db", str(plan_db), "--year", "2024", "--out", str(pdf)
    )
    assert code != 0 and out == ""
    assert "2024-2025学年还没有年度计划" in err
    assert not pdf.exists() and documents(plan_db) == []


def test_report_with_a_bad_year_writes_nothing(plan_db, tmp_path, capsys):
    for kind in ("plan", "summary", "duties"):
        pdf = tmp_path / f"{kind}.pdf"
        code, out, err = run(
            capsys, "report", kind, "--db", str(plan_db), "--year", "2025-2027", "--out", str(pdf)
        )
        assert code != 0 and out == "", kind
        assert "不是学年：2025-2027" in err
        assert not pdf.exists()
    assert documents(plan_db) == []


def test_report_summary_and_duties(wujin_db, tmp_path, capsys):
    summary = tmp_path / "总结.pdf"
    code, out, err = run(
        capsys, "report", "summary", "--db", str(wujin_db), "--year", "2025", "--out", str(summary)
    )
    assert code == 0, err
    assert "2025-2026学年工作总结" in pdf_text(summary)
    duties, grid = tmp_path / "年度职责.pdf", tmp_path / "年度职责.xlsx"
    code, out, err = run(
        capsys,
        "report",
        "duties",
        "--db",
        str(wujin_db),
        "--year",
        "2025",
        "--out",
        str(duties),
        "--xlsx",
        str(grid),
    )
    assert code == 0, err
    text = pdf_text(duties)
    assert "德育公开课《诚信》" in text and "班级文化建设的实践与思考" not in text
    assert openpyxl.load_workbook(grid).sheetnames == ["年度职责"]
    assert [d[:2] for d in documents(wujin_db)] == [
        ("summary", "2025-2026"),
        ("duties", "2025-2026"),
        ("duties", "2025-2026"),
    ]


def test_report_year_defaults_to_the_current_school_year(plan_db, tmp_path, capsys):
    pdf = tmp_path / "总结.pdf"
    code, _, err = run(capsys, "report", "summary", "--db", str(plan_db), "--out", str(pdf))
    assert code == 0, err
    current = SchoolYear.of(dt.date.today())  # the command line runs on the real date
    assert documents(plan_db) == [("summary", current.label, "总结.pdf")]


# --- report assessment --------------------------------------------------------------------


def test_report_assessment(plan_db, tmp_path, capsys):
    services = AppServices.open(plan_db)
    try:
        [header] = services.assessments.list()
    finally:
        services.close()
    pdf, xlsx = tmp_path / "考核.pdf", tmp_path / "考核.xlsx"
    code, out, err = run(
        capsys,
        "report",
        "assessment",
        "--db",
        str(plan_db),
        "--id",
        str(header.id),
        "--out",
        str(pdf),
        "--xlsx",
        str(xlsx),
    )
    assert code == 0, err
    text = pdf_text(pdf)
    assert "【草稿】" in text and "江阴中专名班主任工作室考核细则" in text
    assert "一级指标二级指标三级指标分值自评分佐证材料说明" in text
    assert documents(plan_db, "assessment") == [
        ("assessment", "2025-2026", "考核.pdf"),
        ("assessment", "2025-2026", "考核.xlsx"),
    ]


def test_report_assessment_unknown_or_missing_id_lists_the_ids(plan_db, tmp_path, capsys):
    services = AppServices.open(plan_db)
    try:
        [header] = services.assessments.list()
    finally:
        services.close()
    pdf = tmp_path / "考核.pdf"
    code, out, err = run(
        capsys, "report", "assessment", "--db", str(plan_db), "--id", "999", "--out", str(pdf)
    )
    assert code != 0 and out == ""
    assert "找不到编号为 999 的考核" in err
    assert f"{header.id}\t2025-2026\t{header.title}\t草稿" in err
    code, out, err = run(capsys, "report", "assessment", "--db", str(plan_db), "--out", str(pdf))
    assert code != 0 and "请用 --id 指定考核编号" in err and header.title in err
    assert not pdf.exists() and documents(plan_db) == []


# --- report ledger: the spending report is noted as issued --------------------------------


def test_report_ledger_is_noted_for_the_assessment_rule(services, tmp_path, capsys):
    services.ledger.add(EntryInput("收入", "2025-03-01", "3000", "年度专项经费", source="grant"))
    db = tmp_path / "db.sqlite3"
    pdf, xlsx = tmp_path / "经费.pdf", tmp_path / "经费.xlsx"
    code, _, err = run(
        capsys,
        "report",
        "ledger",
        "--db",
        str(db),
        "--year",
        "2025",
        "--out",
        str(pdf),
        "--xlsx",
        str(xlsx),
    )
    assert code == 0, err
    assert documents(db) == [
        ("ledger_report", "2025", "经费.pdf"),
        ("ledger_report", "2025", "经费.xlsx"),
    ]
    facts = services.year_facts.studio_facts(SchoolYear(2024))  # 2024-2025 holds 2025
    assert [e.label.split("（")[0] for e in facts.spending_reports] == ["经费.pdf", "经费.xlsx"]
