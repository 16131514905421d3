"""Hostile and odd workbooks handed to the imports (issue 16, items 6, 8 and 10): a lone
far cell, more rows than a studio ever has, formulas saved without their value, an XML
bomb — each read with bounded memory and time, each refused or read with a message
that says what is wrong."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from desktop_app.documents.sheets.attendance_io import AttendanceImportError, read_attendance
from desktop_app.documents.sheets.ledger_io import LedgerImportError, read_ledger_workbook
from desktop_app.documents.sheets.reader import MAX_ROWS
from desktop_app.documents.sheets.roster_io import (
    RosterImportError,
    apply_import,
    read_roster,
    write_template,
)
from desktop_app.domain.member_input import MemberData
from desktop_app.services.app import AppServices
from desktop_app.services.studio import StudioInput

TODAY = dt.date(2025, 10, 15)
RSS_LIMIT_KB = 200 * 1024  # ru_maxrss is in KiB on Linux


@pytest.fixture
def services(tmp_path):
    services = AppServices.open(tmp_path / "db.sqlite3", today=lambda: TODAY)
    services.studio.create(
        StudioInput(
            name="测试工作室",
            level="校级",
            studio_type="工作室",
            preset_id="jiangyin",
            cycle_start=2024,
            cycle_end=2027,
        )
    )
    yield services
    services.close()


# --- files ---


def lone_far_cell(path: Path) -> Path:
    """The roster template with one name at A1048576 (a 7 KB file that declares a sheet of
    a million rows)."""
    write_template(path)
    wb = openpyxl.load_workbook(path)
    wb["名册"]["A1048576"] = "张三"
    wb.save(path)
    return path


def many_ledger_rows(path: Path, rows: int) -> Path:
    """A ledger of ``rows`` plausible rows, written by openpyxl's streaming writer."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("经费台账")
    ws.append(["日期", "收支", "金额", "类别", "摘要", "凭证号"])
    for n in range(rows):
        ws.append(["2025-03-12", "支出", 10, "专家指导", f"第 {n} 笔", f"P{n:07d}"])
    wb.save(path)
    return path


def many_roster_rows(path: Path, rows: int) -> Path:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("名册")
    ws.append(["姓名", "角色", "出生日期"])
    for n in range(rows):
        ws.append([f"成员{n}", "成员", "1985-06-15"])
    wb.save(path)
    return path


BOMB_DTD = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)
    )
    + "]>"
)


def billion_laughs(path: Path, part: str) -> Path:
    """The roster template with ``part`` replaced by a billion-laughs document."""
    write_template(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    text = parts[part].decode("utf-8")
    body = text[text.index("?>") + 2 :] if text.startswith("<?xml") else text
    body = body.replace("姓名", "&lol9;", 1) if "姓名" in body else body
    parts[part] = (BOMB_DTD + body).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


# --- in a subprocess: peak memory ---

_WORKER = textwrap.dedent(
    """
    import datetime as dt, json, sys, time
    from desktop_app.services.app import AppServices
    from desktop_app.services.studio import StudioInput
    kind, workbook, db = sys.argv[1:4]
    services = AppServices.open(db, today=lambda: dt.date(2025, 10, 15))
    services.studio.create(StudioInput(name="测试工作室", level="校级", studio_type="工作室",
                                       preset_id="jiangyin", cycle_start=2024, cycle_end=2027))
    start = time.monotonic()
    try:
        if kind == "roster":
            from desktop_app.documents.sheets.roster_io import read_roster
            preview = read_roster(workbook, services.members)
            outcome = {"rows": [r.row_number for r in preview.rows]}
        elif kind == "ledger":
            from desktop_app.documents.sheets.ledger_io import read_ledger_workbook
            preview = read_ledger_workbook(workbook, services)
            outcome = {"rows": [r.row_number for r in preview.rows]}
        else:
            from desktop_app.documents.sheets.attendance_io import read_attendance
            preview = read_attendance(workbook, services)
            outcome = {"problems": preview.problem_lines()}
    except Exception as error:
        outcome = {"error": type(error).__name__, "message": getattr(error, "message", str(error))}
    outcome["seconds"] = time.monotonic() - start
    print(json.dumps(outcome, ensure_ascii=False))
    """
)

_DRIVER = textwrap.dedent(
    """
    import resource, subprocess, sys
    done = subprocess.run([sys.executable, "-c", sys.argv[1], *sys.argv[2:]],
                          capture_output=True, text=True)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    """
)


def import_in_subprocess(kind: str, workbook: Path, tmp_path: Path) -> tuple[dict, int]:
    """(the outcome, peak RSS in KiB) of reading ``workbook`` in a fresh process; the
    driver in between measures only its one child."""
    done = subprocess.run(
        [sys.executable, "-c", _DRIVER, _WORKER, kind, str(workbook), str(tmp_path / "w.db")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 2, done.stdout + done.stderr
    return json.loads(lines[0]), int(lines[1])


def test_lone_cell_at_the_last_row_is_one_row_read_quickly_in_little_memory(tmp_path):
    path = lone_far_cell(tmp_path / "名册.xlsx")
    assert path.stat().st_size < 20_000
    outcome, peak = import_in_subprocess("roster", path, tmp_path)
    assert outcome.get("rows") == [1_048_576], outcome
    assert outcome["seconds"] < 20
    assert peak <= RSS_LIMIT_KB, f"peak RSS {peak / 1024:.0f} MB"


def test_lone_cell_is_one_row_with_its_problems_named(tmp_path, services):
    preview = read_roster(lone_far_cell(tmp_path / "名册.xlsx"), services.members)
    assert [r.row_number for r in preview.rows] == [1_048_576]
    assert any("第 1048576 行" in line and "角色" in line for line in preview.problem_lines())


@pytest.mark.parametrize("kind", ["ledger", "roster"])
def test_more_rows_than_a_studio_has_are_refused_in_bounded_memory(tmp_path, kind):
    rows = 4 * MAX_ROWS
    path = (many_ledger_rows if kind == "ledger" else many_roster_rows)(
        tmp_path / f"{kind}.xlsx", rows
    )
    outcome, peak = import_in_subprocess(kind, path, tmp_path)
    assert outcome.get("error") in ("LedgerImportError", "RosterImportError"), outcome
    assert f"最多 {MAX_ROWS} 行" in outcome["message"]
    assert f"第 {MAX_ROWS + 2} 行" in outcome["message"]  # the header is row 1
    assert peak <= RSS_LIMIT_KB, f"peak RSS {peak / 1024:.0f} MB"


def test_a_full_sheet_of_rows_up_to_the_cap_is_read(tmp_path, services):
    path = many_ledger_rows(tmp_path / "ledger.xlsx", MAX_ROWS)
    preview = read_ledger_workbook(path, services)
    assert len(preview.rows) == MAX_ROWS


def test_the_declared_size_of_a_sheet_is_not_believed(tmp_path, services):
    """A sheet that declares A1:XFD1048576 but holds two rows reads as two rows."""
    path = tmp_path / "名册.xlsx"
    write_template(path)
    wb = openpyxl.load_workbook(path)
    wb["名册"].append(["张三", None, "1985-06-15"])
    wb.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    start = sheet.index("<dimension ref=")
    end = sheet.index("/>", start) + 2
    parts["xl/worksheets/sheet1.xml"] = (
        sheet[:start] + '<dimension ref="A1:XFD1048576"/>' + sheet[end:]
    ).encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    started = time.monotonic()
    preview = read_roster(path, services.members)
    assert time.monotonic() - started < 10
    assert [r.row_number for r in preview.rows] == [2]


def test_a_value_far_to_the_right_is_named(tmp_path, services):
    path = tmp_path / "名册.xlsx"
    write_template(path)
    wb = openpyxl.load_workbook(path)
    wb["名册"]["XFD2"] = "张三"
    wb.save(path)
    with pytest.raises(RosterImportError) as caught:
        read_roster(path, services.members)
    assert "第 2 行 XFD 列" in caught.value.message
    assert "最多 256 列" in caught.value.message


# --- formulas without a value (item 8) ---


def _member(services) -> None:
    services.members.add(
        MemberData(
            name="王芳",
            role="member",
            birth_date=dt.date(1978, 3, 12),
            head_teacher_since=2006,
            joined_on=dt.date(2024, 9, 1),
        )
    )


def _set_cached_value(path: Path, formula: str, value: str) -> None:
    """Give the formula the cached value a spreadsheet program would have saved."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    empty = f"<f>{formula}</f><v></v>"
    assert empty in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        empty, f"<f>{formula}</f><v>{value}</v>"
    ).encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def _roster_with_formula(tmp_path: Path) -> Path:
    path = tmp_path / "名册.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名册"
    ws.append(["姓名", "出生日期", "角色", "担任班主任起始年份"])
    ws.append(["王芳", dt.date(1978, 3, 12), "成员", "=2000+6"])
    wb.save(path)  # openpyxl saves a formula without its value
    return path


def test_a_formula_without_value_is_named_never_read_as_empty(tmp_path, services):
    _member(services)
    path = _roster_with_formula(tmp_path)
    with pytest.raises(RosterImportError) as caught:
        read_roster(path, services.members)
    message = caught.value.message
    assert "第 2 行 D 列（担任班主任起始年份）" in message
    assert "没有保存计算结果" in message
    assert services.members.roster()[0].head_teacher_since == 2006


def test_a_formula_with_its_value_imports_the_value(tmp_path, services):
    _member(services)
    path = _roster_with_formula(tmp_path)
    _set_cached_value(path, "2000+6", "2007")
    preview = read_roster(path, services.members)
    assert preview.ok, preview.problem_lines()
    apply_import(preview, services.members)
    assert services.members.roster()[0].head_teacher_since == 2007


def test_a_formula_in_a_column_the_import_ignores_is_no_problem(tmp_path, services):
    path = tmp_path / "名册.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "角色", "合计"])
    ws.append(["王芳", "成员", "=1+1"])
    wb.save(path)
    assert read_roster(path, services.members).ok


def test_ledger_and_attendance_name_formulas_without_value(tmp_path, services):
    ledger = tmp_path / "ledger.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["日期", "收支", "金额", "摘要"])
    ws.append(["2025-03-12", "收入", "=1000*2", "拨款"])
    wb.save(ledger)
    with pytest.raises(LedgerImportError) as caught:
        read_ledger_workbook(ledger, services)
    assert "第 2 行 C 列（金额）" in caught.value.message

    attendance = tmp_path / "attendance.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["日期", "活动", "姓名", "考勤"])
    ws.append(["2025-03-12", "班会课", "王芳", '=IF(1,"出勤","缺勤")'])
    wb.save(attendance)
    with pytest.raises(AttendanceImportError) as caught:
        read_attendance(attendance, services)
    assert "第 2 行 D 列（考勤）" in caught.value.message


# --- XML bombs (item 10) ---


def test_openpyxl_uses_defusedxml():
    import openpyxl as lib

    assert lib.DEFUSEDXML is True


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
def test_a_billion_laughs_workbook_is_refused_with_a_clear_message(tmp_path, services, part):
    path = tmp_path / "名册.xlsx"
    write_template(path)
    with zipfile.ZipFile(path) as source:
        names = source.namelist()
    if part not in names:
        part = "xl/worksheets/sheet1.xml"
    billion_laughs(path, part)
    with pytest.raises(RosterImportError) as caught:
        read_roster(path, services.members)
    assert "文档类型声明" in caught.value.message
    assert "名册.xlsx" in caught.value.message


def test_a_billion_laughs_workbook_is_refused_in_bounded_memory(tmp_path):
    path = billion_laughs(tmp_path / "名册.xlsx", "xl/worksheets/sheet1.xml")
    outcome, peak = import_in_subprocess("roster", path, tmp_path)
    assert outcome.get("error") == "RosterImportError", outcome
    assert peak <= RSS_LIMIT_KB


def test_a_header_row_is_matched_once_per_field():
    from dataclasses import dataclass

    from desktop_app.documents.sheets.reader import header_key, match_columns

    @dataclass(frozen=True)
    class Col:
        field: str

    name, phone = Col("name"), Col("phone")
    lookup = {"姓名": name, "联系电话": phone, "手机": phone}
    columns, ignored = match_columns(["*姓名", "手机（必填）", "联系电话", "备注", None], lookup)
    assert columns == {0: name, 1: phone}
    assert ignored == ["联系电话", "备注"]  # a field's second column, an unknown header
    assert header_key(" 姓 名：") == "姓名" and header_key("金额【元】") == "金额"
