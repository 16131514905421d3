"""Attendance in and out of Excel: the matrix export and its numbers, the round trip,
edited matrices, plain lists that create activities, bad cells named by row and column
with nothing written, files that are not workbooks, one transaction for the whole import
and the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop_app import cli
from desktop_app.documents.sheets.attendance_io import (
    HEADER_ROW,
    SHEET_NAME,
    AttendanceImportCounts,
    AttendanceImportError,
    apply_attendance,
    read_attendance,
    write_attendance,
)
from desktop_app.domain import messages
from desktop_app.domain.attendance import FlagState
from desktop_app.domain.member_input import parse_member
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.school_year import SchoolYear
from desktop_app.services.activities import ActivityInput
from desktop_app.services.attendance import MarkInput
from desktop_app.store.models import Activity, AttendanceMark
from tests.conftest import BOTH

# Each test on SQLite and on PostgreSQL (tests/conftest.py)
BACKENDS = BOTH

FIRST_DAY = dt.date(2024, 10, 9)
SESSIONS = 9
# Li Ming misses the first three of nine (3/9: one more would cross the line), Wang Fang
# is on leave once (1/9), Zhang Wei leaves after five sessions having missed two (2/5, over).
LI = ["缺勤"] * 3 + ["出勤"] * 5 + ["迟到"]
WANG = ["出勤"] * 4 + ["请假"] + ["出勤"] * 4
ZHANG = ["缺勤", "出勤", "缺勤", "出勤", "早退"]
ZHANG_LEFT = dt.date(2024, 12, 10)


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    # The CLI reads the installation's settings (language): keep them out of the test.
    monkeypatch.setenv("STUDIODESK_CONFIG_DIR", str(tmp_path / "config"))
    messages.set_language("zh_CN")


def day(i: int) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=14 * i)


def topic(i: int) -> str:
    return "班会课设计" if i == 0 else f"第{i + 1}次研讨"


def add_member(services, name: str, role: str = "成员", **fields) -> int:
    raw = {
        "name": name,
        "role": role,
        "birth_date": "1990-05-04",
        "joined_on": "2024-09-01",
        "school": "江阴中专",
        **fields,
    }
    return services.members.add(parse_member(raw, today=services.attendance.today()))


@pytest.fixture
def studio(services) -> dict:
    ids = {
        "陈静": add_member(services, "陈静", "主持人"),  # not expected, never marked
        "李明": add_member(services, "李明", school="江阴市第一中学"),
        "王芳": add_member(services, "王芳"),
        "张伟": add_member(services, "张伟"),
    }
    activities = []
    for i in range(SESSIONS):
        activity = services.activities.create(ActivityInput(day(i), "学习研讨", topic(i)))
        activities.append(activity)
        marks = [MarkInput(ids["李明"], LI[i]), MarkInput(ids["王芳"], WANG[i])]
        if i < len(ZHANG):
            marks.append(MarkInput(ids["张伟"], ZHANG[i]))
        services.attendance.save_marks(activity, marks)
    services.members.end(ids["张伟"], ZHANG_LEFT, "工作调动")
    return {"ids": ids, "activities": activities}


def counts(services) -> tuple[int, int, list]:
    with services.db.reading() as session:
        marks = sorted(
            session.execute(
                select(
                    AttendanceMark.activity_id,
                    AttendanceMark.membership_id,
                    AttendanceMark.status,
                    AttendanceMark.note,
                )
            ).all()
        )
        return (
            session.scalar(select(func.count()).select_from(Activity)),
            len(marks),
            marks,
        )


def header(i: int) -> str:
    return f"{day(i).isoformat()}\n{topic(i)}"


def export(services, tmp_path, name="考勤.xlsx", **kwargs) -> Path:
    return write_attendance(services, tmp_path / name, **kwargs)


def sheet_rows(path: Path) -> list[tuple]:
    wb = openpyxl.load_workbook(path)
    try:
        return list(wb[SHEET_NAME].iter_rows(values_only=True))
    finally:
        wb.close()


def write_list(path: Path, rows: list[list], headers=("日期", "活动", "姓名", "考勤")) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2026年10月考勤登记"])
    ws.append(list(headers))
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


# --- export ---


def test_export_matrix_cells_and_numbers(services, studio, tmp_path):
    out = export(services, tmp_path)
    rows = sheet_rows(out)
    assert rows[0][0] == "陈静名班主任工作室 考勤统计（建设周期 2024-2027，截至 2026-11-21）"
    assert list(rows[1]) == [
        "姓名",
        "单位",
        *(header(i) for i in range(SESSIONS)),
        "应到",
        "缺勤",
        "缺勤比例",
        "状态",
    ]
    by_name = {r[0]: r for r in rows[2:]}
    assert list(by_name) == ["李明", "王芳", "张伟"]  # the host is not expected; left last
    li, wang, zhang = by_name["李明"], by_name["王芳"], by_name["张伟"]
    assert li[1] == "江阴市第一中学"
    assert list(li[2 : 2 + SESSIONS]) == LI
    # exactly one third is over under the jiangyin preset (以上 includes the number)
    assert list(li[-4:]) == [9, 3, "3/9", "超线"]
    assert list(wang[-4:]) == [9, 1, "1/9", "正常"]
    # Zhang's cells during his membership, empty after; over the line, and marked as left.
    assert list(zhang[2 : 2 + SESSIONS]) == ZHANG + [None] * (SESSIONS - len(ZHANG))
    assert list(zhang[-4:]) == [5, 2, "2/5", "超线（已退出）"]
    flags = {f.name: f.tally for f in services.attendance.flags(include_left=True)}
    assert flags["李明"].ratio_text == "3/9" and flags["李明"].state == FlagState.OVER


def test_export_layout_and_print_setup(services, studio, tmp_path):
    out = export(services, tmp_path, name="sub/考勤")  # suffix added, folder created
    assert out == tmp_path / "sub" / "考勤.xlsx"
    wb = openpyxl.load_workbook(out)
    ws = wb[SHEET_NAME]
    assert wb.sheetnames == [SHEET_NAME, "说明"]
    assert ws.freeze_panes == "C3"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert int(ws.page_setup.fitToWidth) == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["A"].width == 10 and ws.column_dimensions["C"].width == 11
    assert ws["C2"].alignment.wrap_text
    assert ws["A5"].comment is not None and "2024-12-10" in ws["A5"].comment.text
    # Outside Zhang's membership the cell is empty and greyed.
    assert ws.cell(row=5, column=2 + SESSIONS).value is None
    assert ws.cell(row=5, column=2 + SESSIONS).fill.fgColor.rgb.endswith("EDEDED")
    wb.close()


def test_export_one_school_year(services, studio, tmp_path):
    services.activities.create(ActivityInput("2025-10-15", "专家讲座", "家校沟通"))
    rows = sheet_rows(export(services, tmp_path, school_year=SchoolYear(2025)))
    # The studio counts the cycle: the tallies are the flags the year's documents show.
    assert rows[0][0] == (
        "陈静名班主任工作室 考勤统计（2025-2026 学年；缺勤比例按建设周期累计"
        "（2024年9月1日至2026年8月31日））"
    )
    assert list(rows[1]) == [
        "姓名",
        "单位",
        "2025-10-15\n家校沟通",
        "应到",
        "缺勤",
        "缺勤比例",
        "状态",
    ]
    # Zhang left before this year and has no marks in it: not listed.
    assert [(r[0], *r[-4:]) for r in rows[2:]] == [
        ("李明", 9, 3, "3/9", "超线"),  # 以上 includes one third under jiangyin
        ("王芳", 9, 1, "1/9", "正常"),
    ]


# --- round trip and edits ---


def test_export_then_import_changes_nothing(services, studio, tmp_path):
    preview = read_attendance(export(services, tmp_path), services)
    assert preview.ok and preview.problem_lines() == []
    assert preview.layout == "matrix" and preview.header_row == HEADER_ROW
    assert preview.changes == []
    assert preview.counts == {
        "new_activities": 0,
        "added": 0,
        "changed": 0,
        "unchanged": 2 * SESSIONS + len(ZHANG),
        "problems": 0,
    }
    before = counts(services)
    written = apply_attendance(preview, services)
    assert (written.new_activities, written.added, written.changed) == (0, 0, 0)
    assert str(written) == "新建活动 0 个，新增考勤 0 条，变更 0 条，未变 23 条"
    assert counts(services) == before


def test_edited_matrix_gives_one_change_and_moves_the_flag(services, studio, tmp_path):
    out = export(services, tmp_path)
    wb = openpyxl.load_workbook(out)
    ws = wb[SHEET_NAME]
    assert (ws["A3"].value, ws["C3"].value) == ("李明", "缺勤")
    ws["C3"] = "出勤"
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)

    preview = read_attendance(edited, services)
    assert preview.ok
    assert [c.text for c in preview.changes] == ["2024-10-09《班会课设计》 李明：缺勤 → 出勤"]
    [changed] = [m for m in preview.rows if m.action == "change"]
    assert (changed.row, changed.column) == (3, "C")

    li = studio["ids"]["李明"]
    assert services.attendance.tallies()[li].state == FlagState.OVER
    summary = apply_attendance(preview, services)
    assert summary == AttendanceImportCounts(new_activities=0, added=0, changed=1, unchanged=22)
    assert str(summary) == "新建活动 0 个，新增考勤 0 条，变更 1 条，未变 22 条"
    tally = services.attendance.tallies()[li]
    assert (tally.ratio_text, tally.state) == ("2/9", FlagState.OK)
    last = services.attendance.history(li)[-1]
    assert (last.old_state, last.new_state) == (FlagState.OVER, FlagState.OK)
    assert last.cause == "考勤导入：edited.xlsx"
    # The same file again changes nothing.
    assert read_attendance(edited, services).changes == []


def test_matrix_merges_and_leaves_empty_cells_alone(services, studio, tmp_path):
    out = export(services, tmp_path)
    wb = openpyxl.load_workbook(out)
    ws = wb[SHEET_NAME]
    ws["D3"] = None  # Li's second session: left as stored
    ws["E4"] = "病假"  # Wang's third: an alias of 请假
    ws.delete_rows(5)  # Zhang's row gone: his marks stay
    wb.save(out)
    before = counts(services)[2]
    preview = read_attendance(out, services)
    assert [c.text for c in preview.changes] == ["2024-11-06《第3次研讨》 王芳：出勤 → 请假"]
    apply_attendance(preview, services)
    after = counts(services)[2]
    assert len(after) == len(before)
    assert sum(a != b for a, b in zip(before, after, strict=True)) == 1


def test_two_row_header_and_date_cells(services, studio, tmp_path):
    """Dates as Excel dates in one row, topics in the row below it."""
    path = tmp_path / "two.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", day(0), day(1), "2026-10-14"])
    ws.append([None, "班会课设计", " 第2次 研讨 ", "家校沟通"])
    ws.append(["李明", "出勤", "缺勤", "出勤"])
    wb.save(path)
    preview = read_attendance(path, services)
    assert preview.ok, preview.problem_lines()
    assert [c.text for c in preview.changes] == [
        "新建活动 2026-10-14《家校沟通》",
        "2024-10-09《班会课设计》 李明：缺勤 → 出勤",
        "2026-10-14《家校沟通》 李明：新增 出勤",
    ]


# --- the plain list ---


def test_plain_list_creates_activities_and_marks(services, studio, tmp_path):
    path = write_list(
        tmp_path / "清单.xlsx",
        [
            [dt.datetime(2026, 10, 14), "家校沟通案例研讨", "李明", "出勤", None],
            ["2026/10/14", "家校沟通 案例研讨", "王芳", "请假", "病假"],
            ["2026年10月28日", "《班级文化建设》", "李明", "迟到", None],
            [20261028, "班级文化建设", "王芳", "√", None],
            [None, None, None, None, None],  # blank rows are skipped
            ["2024-10-09", "班会课设计", "王芳", "缺勤", "忘了签到"],
        ],
        headers=("日期", "活动", "姓名", "考勤", "备注"),
    )
    activities_before, marks_before, _ = counts(services)
    preview = read_attendance(path, services)
    assert preview.ok, preview.problem_lines()
    assert preview.layout == "list"
    assert [c.text for c in preview.changes] == [
        "新建活动 2026-10-14《家校沟通案例研讨》",
        "新建活动 2026-10-28《班级文化建设》",
        "2024-10-09《班会课设计》 王芳：出勤 → 缺勤，备注“” → “忘了签到”",
        "2026-10-14《家校沟通案例研讨》 李明：新增 出勤",
        "2026-10-14《家校沟通案例研讨》 王芳：新增 请假",
        "2026-10-28《班级文化建设》 李明：新增 迟到",
        "2026-10-28《班级文化建设》 王芳：新增 出勤",
    ]
    summary = apply_attendance(preview, services)
    assert summary == AttendanceImportCounts(new_activities=2, added=4, changed=1, unchanged=0)
    assert str(summary) == "新建活动 2 个，新增考勤 4 条，变更 1 条，未变 0 条"
    activities_after, marks_after, marks = counts(services)
    assert (activities_after, marks_after) == (activities_before + 2, marks_before + 4)
    new = [a for a in services.activities.list() if a.date >= dt.date(2026, 10, 1)]
    assert sorted((a.topic, a.kind, a.takes_attendance, a.expected) for a in new) == [
        ("家校沟通案例研讨", "other", True, 2),
        ("班级文化建设", "other", True, 2),
    ]
    wang = studio["ids"]["王芳"]
    assert (studio["activities"][0], wang, "absent", "忘了签到") in marks
    assert read_attendance(path, services).changes == []


def test_list_with_kind_column(services, studio, tmp_path):
    path = write_list(
        tmp_path / "k.xlsx",
        [["2026-10-14", "专家报告", "李明", "出勤", "专家讲座"]],
        headers=("日期", "活动", "姓名", "考勤", "活动类型"),
    )
    apply_attendance(read_attendance(path, services), services)
    [new] = [a for a in services.activities.list() if a.topic == "专家报告"]
    assert new.kind == "expert_lecture"


# --- bad cells ---


def test_bad_list_cells_are_named_and_nothing_is_written(services, studio, tmp_path):
    path = write_list(
        tmp_path / "bad.xlsx",
        [
            ["2026-10-14", "家校沟通", "赵六", "出勤"],  # row 3: unknown member
            ["2026-10-14", "家校沟通", "李明", "到了吗"],  # row 4: unknown status
            ["2025-02-30", "家校沟通", "王芳", "出勤"],  # row 5: impossible date
            [day(6).isoformat(), topic(6), "张伟", "出勤"],  # row 6: left before the date
            ["2027-01-05", "家校沟通", "王芳", "出勤"],  # row 7: in the future
            ["2026-10-14", "家校沟通", "王芳", None],  # row 8: empty required cell
            ["2026-10-14", "家校沟通", "王芳", "出勤"],  # row 9: fine
            ["2026-10-14", " 家校沟通", "王芳", "缺勤"],  # row 10: Wang twice
            ["1925-10-14", "家校沟通", "王芳", "出勤"],  # row 11: far before the cycle
        ],
    )
    before = counts(services)
    preview = read_attendance(path, services)
    assert not preview.ok
    assert preview.problem_lines() == [
        "第 3 行，C 列（姓名）：未找到成员“赵六”",
        "第 4 行，D 列（考勤）：考勤：“到了吗”不是 出勤、迟到、早退、请假、缺勤 之一",
        "第 5 行，A 列（日期）：日期：“2025-02-30”不是有效日期（请写成 2025-09-01 或 2025/9/1）",
        "第 6 行，D 列（考勤）：2025-01-01 时 张伟 不在工作室中",
        "第 7 行，A 列（日期）：日期：2027-01-05 晚于今天",
        "第 8 行，D 列（考勤）：考勤不能为空",
        "第 10 行，D 列（考勤）：王芳 在文件中重复出现（另见第 9 行）",
        "第 11 行，A 列（日期）：日期：1925-10-14 应在 2023-09-01 至 2028-08-31 之间"
        "（自建设周期开始前一年起，至周期结束后一年为止）",
    ]
    assert counts(services) == before


def test_bad_matrix_cells_are_named_and_nothing_is_written(services, studio, tmp_path):
    out = export(services, tmp_path)
    wb = openpyxl.load_workbook(out)
    ws = wb[SHEET_NAME]
    ws["C2"] = "2025-02-30\n班会课设计"  # impossible date in a header
    ws["E3"] = "到了吗"
    ws["A4"] = "赵六"
    last = get_session_letter(SESSIONS - 1)
    ws[f"{last}5"] = "出勤"  # Zhang, after he left
    wb.save(out)
    before = counts(services)
    preview = read_attendance(out, services)
    assert preview.problem_lines() == [
        "第 2 行，C 列（2025-02-30 班会课设计）："
        "日期：“2025-02-30”不是有效日期（请写成 2025-09-01 或 2025/9/1）",
        "第 3 行，E 列（2024-11-06 第3次研讨）：考勤：“到了吗”不是 出勤、迟到、早退、请假、缺勤 之一",
        "第 4 行，A 列（姓名）：未找到成员“赵六”",
        f"第 5 行，{last} 列（2025-01-29 第9次研讨）：2025-01-29 时 张伟 不在工作室中",
    ]
    with pytest.raises(AttendanceImportError):
        apply_attendance(preview, services)
    assert counts(services) == before


def get_session_letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(3 + i)


def test_namesakes_need_the_school_column(services, studio, tmp_path):
    add_member(services, "李明", school="江阴市第二中学", birth_date="1988-01-02")
    rows = [[day(1).isoformat(), topic(1), "李明", "出勤"]]
    preview = read_attendance(write_list(tmp_path / "a.xlsx", rows), services)
    assert preview.problem_lines() == [
        "第 3 行，D 列（考勤）：“李明”对应多名成员："
        "李明（江阴市第一中学）、李明（江阴市第二中学），请用“单位”列加以区分"
    ]
    rows = [[day(1).isoformat(), topic(1), "李明", "江阴市第一中学", "出勤"]]
    path = write_list(tmp_path / "b.xlsx", rows, headers=("日期", "活动", "姓名", "单位", "考勤"))
    preview = read_attendance(path, services)
    assert [c.text for c in preview.changes] == [
        "2024-10-23《第2次研讨》 李明（江阴市第一中学）：缺勤 → 出勤"
    ]
    # The export carries 单位, so its namesakes import back unchanged.
    assert read_attendance(export(services, tmp_path), services).changes == []


def test_activity_without_attendance_is_a_problem(services, studio, tmp_path):
    services.activities.create(
        ActivityInput("2026-10-14", "成果展示", "成果展", takes_attendance="否")
    )
    path = write_list(tmp_path / "x.xlsx", [["2026-10-14", "成果展", "李明", "出勤"]])
    assert read_attendance(path, services).problem_lines() == [
        "第 3 行，B 列（活动）：2026-10-14《成果展》 登记为不记考勤的活动"
    ]


# --- files that cannot be read ---


def test_text_file_renamed_xlsx_is_refused(services, tmp_path):
    path = tmp_path / "考勤.xlsx"
    path.write_text("姓名,考勤\n李明,出勤\n", encoding="utf-8")
    with pytest.raises(AttendanceImportError) as caught:
        read_attendance(path, services)
    assert caught.value.message == "“考勤.xlsx”不是 Excel 工作簿（.xlsx）"


def test_workbook_with_neither_layout(services, tmp_path):
    path = tmp_path / "名册.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "性别", "工作单位"])
    wb.active.append(["李明", "男", "江阴中专"])
    wb.save(path)
    with pytest.raises(AttendanceImportError) as caught:
        read_attendance(path, services)
    assert caught.value.message.startswith("前 5 行中找不到考勤表")


def test_list_missing_a_column(services, tmp_path):
    path = write_list(
        tmp_path / "m.xlsx", [["2026-10-14", "李明", "出勤"]], ("日期", "姓名", "考勤")
    )
    with pytest.raises(AttendanceImportError) as caught:
        read_attendance(path, services)
    assert caught.value.message == "缺少列：活动"


# --- one transaction ---


def test_save_many_is_all_or_nothing(services, studio):
    li, zhang = studio["ids"]["李明"], studio["ids"]["张伟"]
    before = counts(services)
    with pytest.raises(ValidationError):
        services.attendance.save_many(
            [
                (ActivityInput("2026-10-14", "其他", "新活动"), [MarkInput(li, "出勤")]),
                (studio["activities"][8], [MarkInput(zhang, "出勤")]),  # he had left
            ],
            cause="考勤导入：x.xlsx",
        )
    assert counts(services) == before


def test_save_marks_still_replaces(services, studio):
    """save_marks keeps its meaning: the list given is the activity's whole list."""
    activity = studio["activities"][0]
    services.attendance.save_marks(activity, [MarkInput(studio["ids"]["王芳"], "出勤")])
    sheet = services.attendance.sheet(activity)
    assert [r.name for r in sheet.rows] == ["王芳"]


# --- the command line ---


def test_cli_export_and_import(services, studio, db_path_of, tmp_path, capsys):
    out = tmp_path / "导出.xlsx"
    assert cli.main(["export-attendance", "--db", db_path_of, "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    wb = openpyxl.load_workbook(out)
    wb[SHEET_NAME]["C3"] = "出勤"
    wb.save(out)
    assert cli.main(["import-attendance", "--db", db_path_of, str(out)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [
        "2024-10-09《班会课设计》 李明：缺勤 → 出勤",
        "新建活动 0 个，新增考勤 0 条，变更 1 条，未变 22 条",
    ]
    assert services.attendance.history(studio["ids"]["李明"])[-1].cause == "考勤导入：导出.xlsx"


def test_cli_import_with_problems_writes_nothing(services, studio, db_path_of, tmp_path, capsys):
    path = write_list(
        tmp_path / "bad.xlsx",
        [["2025-01-15", "新活动", "赵六", "出勤"], ["2025-01-15", "新活动", "李明", "到了吗"]],
    )
    before = counts(services)
    assert cli.main(["import-attendance", "--db", db_path_of, str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "第 3 行，C 列（姓名）：未找到成员“赵六”",
        "第 4 行，D 列（考勤）：考勤：“到了吗”不是 出勤、迟到、早退、请假、缺勤 之一",
    ]
    assert counts(services) == before


def test_cli_import_not_a_workbook(services, db_path_of, tmp_path, capsys):
    path = tmp_path / "x.xlsx"
    path.write_text("hello", encoding="utf-8")
    assert cli.main(["import-attendance", "--db", db_path_of, str(path)]) == 1
    assert capsys.readouterr().err.strip() == "“x.xlsx”不是 Excel 工作簿（.xlsx）"


def test_cli_export_school_year(services, studio, db_path_of, tmp_path, capsys):
    out = tmp_path / "y.xlsx"
    code = cli.main(
        ["export-attendance", "--db", db_path_of, "--out", str(out), "--school-year", "2024"]
    )
    assert code == 0
    assert sheet_rows(out)[0][0] == "陈静名班主任工作室 考勤统计（2024-2025 学年）"
    with pytest.raises(SystemExit):
        cli.main(["export-attendance", "--db", db_path_of, "--out", str(out), "--school-year", "x"])
    assert "不是学年" in capsys.readouterr().err


@pytest.fixture
def db_path_of(services, database_at) -> str:
    """What --db is given: the file's path, or the server database's URL."""
    return str(database_at("db"))
