"""The command line for the funding ledger: ledger, export-ledger, import-ledger and
report ledger."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import openpyxl
import pytest

from desktop_app.cli import main
from desktop_app.documents.sheets.ledger_io import SHEET_NAME
from desktop_app.services.app import AppServices
from desktop_app.services.ledger import EntryInput

BASE = ("日期", "收支", "金额", "类别", "摘要", "凭证号", "收款方/来源", "经办人", "超支原因")


@pytest.fixture
def db(services, tmp_path):
    """2025: 3,000.00 in, 1,280.50 out after a reversal, one override in 2024."""
    ledger = services.ledger
    ledger.add(
        EntryInput("收入", "2025-01-06", "3000", "年度专项经费", source="grant", voucher_no="S1")
    )
    ledger.add(
        EntryInput("支出", "2025-03-01", "800", "专家讲座", category="专家指导", voucher_no="Z1")
    )
    wrong = ledger.add(
        EntryInput("支出", "2025-04-01", "99", "茶歇", category="培训研修", voucher_no="Z2")
    )
    ledger.reverse(wrong, "活动取消", on="2025-04-02")
    ledger.add(EntryInput("支出", "2025-05-01", "480.50", "资料印刷", category="课程资源开发"))
    ledger.add(
        EntryInput(
            "支出",
            "2024-12-01",
            "10",
            "去年的一笔",
            category="培训研修",
            override_reason="去年无经费，学校同意垫付",
        )
    )
    path = tmp_path / "db.sqlite3"  # where the conftest fixture keeps its database
    assert path.exists()
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def entries(path) -> int:
    services = AppServices.open(path)
    try:
        return len(services.ledger.entries())
    finally:
        services.close()


def workbook(path, rows) -> str:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    ws.append(list(BASE))
    for row in rows:
        ws.append(row)
    wb.save(path)
    return str(path)


# --- ledger -------------------------------------------------------------------------


def test_ledger_json_to_the_fen(db, capsys):
    code, out, _ = run(capsys, "ledger", "--db", str(db), "--year", "2025", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"year", "income_fen", "expense_fen", "balance_fen", "by_category"}
    assert data["year"] == 2025
    assert data["income_fen"] == 300000
    assert data["expense_fen"] == 128050
    assert data["balance_fen"] == 171950
    assert data["by_category"] == {
        "培训研修": 0,  # 99.00 spent and reversed
        "课程资源开发": 48050,
        "专家指导": 80000,
        "课题研究": 0,
    }
    assert sum(data["by_category"].values()) == data["expense_fen"]


def test_ledger_text(db, capsys):
    code, out, _ = run(capsys, "ledger", "--db", str(db), "--year", "2025")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "2025年 经费收支"
    assert "专家指导\t800.00\t-" in lines
    assert "收入合计\t3,000.00" in lines
    assert "支出合计\t1,280.50" in lines
    assert "结余\t1,719.50" in lines


def test_ledger_default_year_is_the_current_one(db, capsys):
    code, out, _ = run(capsys, "ledger", "--db", str(db), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["year"] == dt.date.today().year
    code, out, _ = run(capsys, "ledger", "--db", str(db), "--year", "2024", "--json")
    assert json.loads(out)["balance_fen"] == -1000


def test_ledger_bad_year(db, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["ledger", "--db", str(db), "--year", "twenty"])
    assert exit_.value.code == 2
    assert "不是年份" in capsys.readouterr().err


# --- export and import --------------------------------------------------------------


def test_export_then_import_adds_nothing(db, tmp_path, capsys):
    out = tmp_path / "台账.xlsx"
    code, printed, _ = run(capsys, "export-ledger", "--db", str(db), "--out", str(out))
    assert code == 0 and printed.strip() == str(out)
    wb = openpyxl.load_workbook(out)
    assert wb[SHEET_NAME].max_row == 1 + 6  # every year when --year is left out
    wb.close()
    before = entries(db)
    code, printed, err = run(capsys, "import-ledger", "--db", str(db), str(out))
    assert code == 0, err
    assert printed.strip() == "新增 0 笔（其中冲销 0 笔），已在台账中 6 笔"
    assert entries(db) == before


def test_export_one_year(db, tmp_path, capsys):
    out = tmp_path / "2025"
    code, printed, _ = run(
        capsys, "export-ledger", "--db", str(db), "--year", "2025", "--out", str(out)
    )
    assert code == 0
    assert printed.strip() == str(out) + ".xlsx"
    wb = openpyxl.load_workbook(str(out) + ".xlsx")
    assert wb[SHEET_NAME].max_row == 1 + 5
    wb.close()


def test_import_good_rows(db, tmp_path, capsys):
    path = workbook(
        tmp_path / "new.xlsx",
        [
            [
                "2025-06-01",
                "支出",
                "100.25",
                "课题研究",
                "课题资料",
                "Z9",
                "新华书店",
                "李明",
                None,
            ],
            ["2025-06-02", "收入", "500", "教育局拨款", "配套经费", "S9", "教育局", None, None],
        ],
    )
    code, out, err = run(capsys, "import-ledger", "--db", str(db), path)
    assert code == 0, err
    assert out.strip() == "新增 2 笔（其中冲销 0 笔），已在台账中 0 笔"
    code, out, _ = run(capsys, "ledger", "--db", str(db), "--year", "2025", "--json")
    data = json.loads(out)
    assert data["balance_fen"] == 171950 - 10025 + 50000
    assert data["by_category"]["课题研究"] == 10025


def test_import_bad_rows_exit_1_one_line_each_nothing_written(db, tmp_path, capsys):
    before = entries(db)
    path = workbook(
        tmp_path / "bad.xlsx",
        [
            ["2025-02-30", "支出", "10", "培训研修", "日期错", "B1", None, None, None],
            ["2025-06-01", "支出", "-5", "培训研修", "负数", "B2", None, None, None],
            ["2025-06-01", "支出", "10", "培训研修", "这行没错", "B3", None, None, None],
        ],
    )
    code, out, err = run(capsys, "import-ledger", "--db", str(db), path)
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("第 2 行，日期 列：")
    assert lines[1].startswith("第 3 行，金额 列：")
    assert entries(db) == before


def test_import_breaching_the_ring_fence_is_refused_whole(db, tmp_path, capsys):
    before = entries(db)
    rows = [
        ["2025-06-01", "支出", "1000", "培训研修", "培训", "R1", None, None, None],
        ["2025-07-01", "支出", "1000", "培训研修", "考察", "R2", None, None, None],
    ]
    code, _, err = run(
        capsys, "import-ledger", "--db", str(db), workbook(tmp_path / "a.xlsx", rows)
    )
    assert code == 1
    (line,) = err.splitlines()
    assert line.startswith("第 3 行，超支原因 列：") and "余额 719.50" in line
    assert entries(db) == before
    rows[1][-1] = "经校长同意"
    code, out, err = run(
        capsys, "import-ledger", "--db", str(db), workbook(tmp_path / "b.xlsx", rows)
    )
    assert code == 0, err
    assert entries(db) == before + 2


def test_import_a_file_that_is_not_a_workbook(db, tmp_path, capsys):
    text = tmp_path / "x.xlsx"
    text.write_text("not excel", encoding="utf-8")
    code, out, err = run(capsys, "import-ledger", "--db", str(db), str(text))
    assert code == 1
    assert "不是 Excel 工作簿" in err


# --- report ledger ------------------------------------------------------------------


def test_report_ledger_pdf_and_xlsx(db, tmp_path, capsys):
    pdf_path = tmp_path / "报告.pdf"
    xlsx_path = tmp_path / "报告.xlsx"
    code, out, err = run(
        capsys,
        "report",
        "ledger",
        "--db",
        str(db),
        "--year",
        "2025",
        "--out",
        str(pdf_path),
        "--xlsx",
        str(xlsx_path),
    )
    assert code == 0, err
    assert out.splitlines() == [str(pdf_path), str(xlsx_path)]
    assert pdf_path.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: install poppler-utils (see packaging/dev.sh)")
    text = "".join(
        subprocess.run(
            ["pdftotext", "-raw", str(pdf_path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "核对：收入合计3,000.00－支出合计1,280.50＝结余1,719.50" in text
    assert "活动取消" in text
    wb = openpyxl.load_workbook(xlsx_path)
    assert wb.sheetnames == ["概况", "按类别", "按月", "明细", "冲销与超支"]
    wb.close()


def test_report_ledger_the_year_with_the_override(db, tmp_path, capsys):
    out = tmp_path / "2024.pdf"
    code, _, err = run(
        capsys, "report", "ledger", "--db", str(db), "--year", "2024", "--out", str(out)
    )
    assert code == 0, err
    text = "".join(
        subprocess.run(
            ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "去年无经费，学校同意垫付" in text
    assert not (tmp_path / "2024.xlsx").exists()  # only with --xlsx
