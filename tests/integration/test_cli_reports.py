"""The command line for the period documents: report annual (the annual, mid-term or
final report and the period's workbook) and report growth (a member's growth file),
with good and bad inputs. A refused command writes nothing."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest

from desktop_app.cli import main
from desktop_app.demo.builder import build_demo
from desktop_app.domain.member_input import parse_member
from desktop_app.services.app import AppServices
from tests.conftest import TODAY, jiangyin_studio


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def pdf_text(path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: install poppler-utils (see packaging/dev.sh)")
    out = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return "".join(out.split())


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli_reports") / "demo.sqlite3"
    build_demo(path, seed=1, today=TODAY)
    return path


def test_report_annual_writes_the_report_and_the_workbook(demo_db, tmp_path, capsys):
    pdf, xlsx = tmp_path / "年度报告.pdf", tmp_path / "年度报告.xlsx"
    code, out, err = run(
        capsys,
        "report",
        "annual",
        "--db",
        str(demo_db),
        "--year",
        "2025-2026",
        "--out",
        str(pdf),
        "--xlsx",
        str(xlsx),
    )
    assert code == 0, err
    assert out.split() == [str(pdf), str(xlsx)]
    services = AppServices.open(demo_db)
    fingerprint = services.bundle.fingerprint()  # the key the report was signed with
    services.close()
    text = pdf_text(pdf)
    for expected in ("年度报告", "2025-2026学年", "数字签名指纹", "".join(fingerprint.split())):
        assert expected in text
    assert openpyxl.load_workbook(xlsx).sheetnames[:2] == ["名册", "申报汇总表"]


def test_report_annual_for_the_midterm_review(demo_db, tmp_path, capsys):
    pdf = tmp_path / "中期.pdf"
    code, _, err = run(
        capsys, "report", "annual", "--db", str(demo_db), "--period", "midterm", "--out", str(pdf)
    )
    assert code == 0, err
    text = pdf_text(pdf)
    assert "中期报告" in text and "2024年9月1日至2026年8月31日" in text


@pytest.mark.parametrize(
    "args",
    [
        ("--period", "someday"),
        ("--year", "2019-2020"),  # outside the cycle
        ("--year", "2025-2027"),
    ],
)
def test_report_annual_refuses_a_bad_period(demo_db, tmp_path, capsys, args):
    pdf = tmp_path / "x.pdf"
    code, out, err = run(capsys, "report", "annual", "--db", str(demo_db), *args, "--out", str(pdf))
    assert code == 2
    assert err.strip() and not out
    assert not pdf.exists()
    assert list(tmp_path.iterdir()) == []


def test_report_annual_takes_a_year_or_a_period_not_both(demo_db, tmp_path, capsys):
    with pytest.raises(SystemExit) as done:
        main(
            [
                "report",
                "annual",
                "--db",
                str(demo_db),
                "--year",
                "2025-2026",
                "--period",
                "final",
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
    assert done.value.code == 2
    assert "not allowed with" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_report_annual_without_a_database(tmp_path, capsys):
    with pytest.raises(SystemExit) as done:
        main(["report", "annual", "--db", str(tmp_path / "none.sqlite3"), "--out", "x.pdf"])
    assert done.value.code
    assert not (tmp_path / "none.sqlite3").exists()


def test_report_growth_of_a_demo_member(demo_db, tmp_path, capsys):
    services = AppServices.open(demo_db, today=lambda: TODAY)
    try:
        member = next(m for m in services.members.roster() if m.role == "member")
        titles = [r.title for r in services.growth.records(member.membership_id)]
    finally:
        services.close()
    pdf = tmp_path / "成长档案.pdf"
    code, out, err = run(
        capsys, "report", "growth", "--db", str(demo_db), "--member", member.name, "--out", str(pdf)
    )
    assert code == 0, err
    assert out.strip() == str(pdf)
    text = pdf_text(pdf)
    assert f"{member.name}成长档案" in text
    assert all("".join(t.split())[:10] in text for t in titles)


def test_report_growth_of_nobody(demo_db, tmp_path, capsys):
    pdf = tmp_path / "g.pdf"
    code, out, err = run(
        capsys, "report", "growth", "--db", str(demo_db), "--member", "无此人", "--out", str(pdf)
    )
    assert code == 1
    assert "无此人" in err and not out
    assert not pdf.exists()


def test_report_growth_of_a_name_two_people_share(tmp_path, capsys):
    db = tmp_path / "db.sqlite3"
    services = AppServices.open(db, today=lambda: TODAY)
    try:
        services.studio.create(jiangyin_studio())
        for school, born in (
            ("江阴市第一中学", "1990-03-01"),
            ("江阴市华士实验中学", "1986-05-20"),
        ):
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
    finally:
        services.close()
    pdf = tmp_path / "g.pdf"
    code, out, err = run(
        capsys, "report", "growth", "--db", str(db), "--member", "王芳", "--out", str(pdf)
    )
    assert code == 1 and not out
    assert "江阴市第一中学" in err and "江阴市华士实验中学" in err
    assert "2" in err
    assert not pdf.exists()


def test_report_growth_needs_a_member(demo_db, tmp_path, capsys):
    with pytest.raises(SystemExit) as done:
        main(["report", "growth", "--db", str(demo_db), "--out", str(tmp_path / "g.pdf")])
    assert done.value.code == 2
    assert not (tmp_path / "g.pdf").exists()


def test_report_application_writes_the_form_in_pdf_and_word_and_the_summary_sheet(
    demo_db, tmp_path, capsys
):
    pdf, docx, xlsx = tmp_path / "申报表.pdf", tmp_path / "申报表.docx", tmp_path / "汇总.xlsx"
    code, out, err = run(
        capsys,
        *("report", "application", "--db", str(demo_db), "--out", str(pdf)),
        *("--docx", str(docx), "--xlsx", str(xlsx)),
    )
    assert code == 0, err
    assert out.split() == [str(pdf), str(docx), str(xlsx)]
    assert "江苏省江阴中等专业学校名班主任工作室申报表" in pdf_text(pdf)
    from docx import Document

    assert "本表格式由本程序" in "".join(p.text for p in Document(str(docx)).paragraphs)
    assert openpyxl.load_workbook(xlsx).sheetnames == ["申报汇总表"]


def test_report_application_for_a_studio_of_another_document(tmp_path, capsys):
    db = tmp_path / "wujin.sqlite3"
    services = AppServices.open(db, today=lambda: TODAY)
    services.studio.create(jiangyin_studio(preset_id="wujin", name="武进工作室"))
    services.close()
    pdf = tmp_path / "申报表.pdf"
    code, _, err = run(capsys, "report", "application", "--db", str(db), "--out", str(pdf))
    assert code == 1
    assert "没有规定申报表" in err
    assert not pdf.exists()


def test_report_summary_also_in_word(demo_db, tmp_path, capsys):
    pdf, docx = tmp_path / "总结.pdf", tmp_path / "总结.docx"
    code, out, err = run(
        capsys,
        *("report", "summary", "--db", str(demo_db), "--year", "2025-2026"),
        *("--out", str(pdf), "--docx", str(docx)),
    )
    assert code == 0, err
    assert out.split() == [str(pdf), str(docx)]
    from docx import Document

    assert any("工作总结" in p.text for p in Document(str(docx)).paragraphs)
