"""Roster in and out of Excel: round trip, forgiving headers and cells, row problems,
files that are not workbooks, the all-or-nothing import and the CLI."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from desktop_app import cli
from desktop_app.documents.sheets.roster_io import (
    HEADERS,
    RosterImportError,
    apply_import,
    read_roster,
    write_roster,
    write_template,
)
from desktop_app.domain import messages
from desktop_app.domain.member_input import MemberData
from desktop_app.services.app import AppServices
from desktop_app.services.studio import StudioInput
from tests.conftest import BOTH

# Each test on SQLite and on PostgreSQL (tests/conftest.py)
BACKENDS = BOTH

TODAY = dt.date(2025, 10, 15)


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    # The CLI reads the installation's settings (language): keep them out of the test.
    monkeypatch.setenv("STUDIODESK_CONFIG_DIR", str(tmp_path / "config"))
    previous = messages.language()
    messages.set_language("zh_CN")
    yield
    messages.set_language(previous)


@pytest.fixture
def db_path(tmp_path, database_at) -> Path:
    return database_at("db")


@pytest.fixture
def services(db_path):
    services = AppServices.open(db_path, today=lambda: TODAY)
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


def _populate(services: AppServices) -> None:
    m = services.members
    m.add(
        MemberData(
            name="王芳",
            role="host",
            gender="female",
            birth_date=dt.date(1978, 3, 12),
            school="江阴中等专业学校",
            rural=False,
            title="senior",
            honours="市特级班主任",
            head_teacher_since=2003,
            teaching_since=2000,
            in_post=True,
            agreement_signed_on=dt.date(2024, 9, 5),
            joined_on=dt.date(2024, 9, 1),
            phone="13812345678",
            id_number="320281197803121234",
            note="领衔人",
        )
    )
    m.add(
        MemberData(
            name="李强",
            role="member",
            gender="male",
            birth_date=dt.date(1990, 7, 1),
            school="华士实验学校",
            rural=True,
            title="intermediate",
            head_teacher_since=2015,
            teaching_since=2012,
            in_post=False,
            training_tier="compass",
            joined_on=dt.date(2024, 9, 1),
            phone="13900001111",
        )
    )
    m.add(MemberData(name="赵敏", role="observer", stage="applied"))
    left = m.add(
        MemberData(
            name="陈晨",
            role="core",
            birth_date=dt.date(1988, 1, 20),
            joined_on=dt.date(2024, 9, 1),
            phone="13711112222",
        )
    )
    m.end(left, "2025-06-30", "工作调动")


def _snapshot(services: AppServices) -> list[tuple[int, MemberData]]:
    return [(r.membership_id, r.as_member_data()) for r in services.members.roster()]


def _workbook(path: Path, rows: list[list], title: str = "名册") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


# --- round trip ---


@pytest.mark.parametrize("mask", [True, False])
def test_export_then_import_is_unchanged(services, tmp_path, mask):
    _populate(services)
    before = _snapshot(services)
    out = write_roster(tmp_path / "roster.xlsx", services.members.roster(), mask=mask)

    preview = read_roster(out, services.members)

    assert preview.problems == []
    assert [r.action for r in preview.rows] == ["unchanged"] * 4
    assert [r.row_number for r in preview.rows] == [2, 3, 4, 5]
    assert {r.membership_id for r in preview.rows} == {mid for mid, _ in before}
    counts = apply_import(preview, services.members)
    assert (counts.added, counts.updated, counts.unchanged) == (0, 0, 4)
    assert str(counts) == "新增 0 人，更新 0 人，未变 4 人"
    assert _snapshot(services) == before


def test_teaching_years_in_post_and_tier_columns(services, tmp_path):
    """任教起始年份, 仍在班主任岗位 and 培养梯队 are written in Chinese and read back,
    under their other names too."""
    _populate(services)
    out = write_roster(tmp_path / "roster.xlsx", services.members.roster(), mask=False)
    ws = openpyxl.load_workbook(out)["名册"]
    header = [c.value for c in ws[1]]
    cells = {h: [row[i].value for row in ws.iter_rows(min_row=2)] for i, h in enumerate(header)}
    assert cells["任教起始年份"][:2] == [2000, 2012]
    assert cells["仍在班主任岗位"][:3] == ["是", "否", None]
    assert cells["培养梯队"][:3] == [None, "指南针", None]

    path = _workbook(
        tmp_path / "in.xlsx",
        [
            ["姓名", "角色", "开始任教年份", "是否仍从事班主任工作", "梯队"],
            ["孙丽", "成员", 2010, "是", "满天星项目"],
            ["周凯", "成员", 2031, "也许", "北斗"],
        ],
    )
    preview = read_roster(path, services.members)
    added, bad = preview.rows
    assert (added.data.teaching_since, added.data.in_post, added.data.training_tier) == (
        2010,
        True,
        "stars",
    )
    assert bad.action == "error"
    assert {p.column for p in bad.problems} == {"任教起始年份", "仍在班主任岗位", "培养梯队"}
    assert any("满天星" in p.message for p in bad.problems)


def test_left_and_returned_person_round_trips(services, tmp_path):
    m = services.members
    first = m.add(MemberData(name="孙丽", role="member", birth_date=dt.date(1991, 2, 3)))
    m.end(first, "2025-01-15", "外出进修")
    m.add(MemberData(name="孙丽", role="member", birth_date=dt.date(1991, 2, 3), note="回归"))
    before = _snapshot(services)
    out = write_roster(tmp_path / "r.xlsx", m.roster(), mask=True)

    preview = read_roster(out, m)

    assert [r.action for r in preview.rows] == ["unchanged", "unchanged"]
    assert apply_import(preview, m).unchanged == 2
    assert _snapshot(services) == before


def test_export_cells(services, tmp_path):
    _populate(services)
    out = write_roster(tmp_path / "sub" / "名册", services.members.roster(), mask=True)

    assert out == tmp_path / "sub" / "名册.xlsx"
    assert [p.name for p in out.parent.iterdir()] == ["名册.xlsx"]  # no temporary file left
    wb = openpyxl.load_workbook(out)
    ws = wb["名册"]
    assert wb.sheetnames == ["名册"]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert tuple(header) == HEADERS
    col = {h: i for i, h in enumerate(header)}
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    host = rows["王芳"]
    assert host[col["性别"]].value == "女"
    assert host[col["出生日期"]].value == dt.datetime(1978, 3, 12)
    assert host[col["出生日期"]].number_format == "yyyy-mm-dd"
    assert host[col["农村学校"]].value == "否"
    assert host[col["职称"]].value == "高级"
    assert host[col["担任班主任起始年份"]].value == 2003
    assert host[col["角色"]].value == "主持人"
    assert host[col["状态"]].value == "确定名单"
    assert host[col["联系电话"]].value == "138****5678"
    assert host[col["联系电话"]].data_type == "s"
    assert host[col["身份证号"]].value == "3202**********1234"
    assert host[col["称号"]].value == "市特级班主任"
    assert rows["李强"][col["农村学校"]].value == "是"
    assert rows["赵敏"][col["状态"]].value == "申报"
    assert rows["赵敏"][col["角色"]].value == "研修人员"
    left = rows["陈晨"]
    assert left[col["状态"]].value == "已退出"
    assert left[col["退出日期"]].value == dt.datetime(2025, 6, 30)
    assert left[col["退出原因"]].value == "工作调动"
    assert left[col["角色"]].value == "核心成员"


def test_template_has_header_and_help(services, tmp_path):
    out = write_template(tmp_path / "模板.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["名册", "说明"]
    assert tuple(c.value for c in wb["名册"][1]) == HEADERS
    assert wb["名册"].max_row == 1
    explained = [r[0] for r in wb["说明"].iter_rows(min_row=2, values_only=True)]
    for header in HEADERS:
        assert header in explained
    with pytest.raises(RosterImportError, match="表头下没有数据行"):
        read_roster(out, services.members)


# --- forgiving input ---


def test_header_in_row_three_with_title_and_shuffled_columns(services, tmp_path):
    path = _workbook(
        tmp_path / "in.xlsx",
        [
            ["江阴中专名班主任工作室成员名册"],
            [],
            [
                "序号",
                " 角 色 ",
                "联系电话",
                "姓名",
                "农村学校（是/否）",
                "出生日期(yyyy-mm-dd)",
                "*工作单位",
                "不认识的列",
            ],
            [1, "成员", "13812345678", "周 杰", "是", "1990-05-06", "华士中学", "x"],
            [],
            [2, "主持人", None, "吴静", "否", None, "江阴中专", None],
            [3],  # only the 序号 of an empty line
        ],
    )

    preview = read_roster(path, services.members)

    assert preview.problems == []
    assert preview.header_row == 3
    assert preview.ignored_columns == ["序号", "不认识的列"]
    assert [(r.row_number, r.action) for r in preview.rows] == [(4, "add"), (6, "add")]
    zhou = preview.rows[0].data
    assert (zhou.name, zhou.role, zhou.rural, zhou.birth_date, zhou.school, zhou.phone) == (
        "周杰",
        "member",
        True,
        dt.date(1990, 5, 6),
        "华士中学",
        "13812345678",
    )
    assert str(apply_import(preview, services.members)) == "新增 2 人，更新 0 人，未变 0 人"
    names = {r.name: r for r in services.members.roster()}
    assert set(names) == {"周杰", "吴静"}
    assert names["吴静"].role == "host"
    assert names["吴静"].stage == "confirmed"


def test_aliases_and_excel_cell_types(services, tmp_path):
    path = _workbook(
        tmp_path / "in.xlsx",
        [
            [
                "姓名",
                "角色",
                "农村学校",
                "出生日期",
                "加入日期",
                "担任班主任起始年份",
                "手机",
                "身份证号",
            ],
            ["甲", "学员", "Y", "1985/6/15", dt.datetime(2025, 9, 1), 2010.0, 13812345678, None],
            [
                "乙",
                "领衔人",
                "N",
                dt.datetime(1979, 1, 2),
                "2025/9/1",
                "2008年",
                None,
                "32028119790102123x",
            ],
            ["丙", "成员", "是", 19880808, 45901, "2019", 13900001111.0, None],
        ],
    )

    preview = read_roster(path, services.members)

    assert preview.problem_lines() == []
    a, b, c = (r.data for r in preview.rows)
    assert (a.role, a.rural, a.birth_date, a.joined_on, a.head_teacher_since, a.phone) == (
        "member",
        True,
        dt.date(1985, 6, 15),
        dt.date(2025, 9, 1),
        2010,
        "13812345678",
    )
    assert (b.role, b.rural, b.birth_date, b.joined_on, b.head_teacher_since) == (
        "host",
        False,
        dt.date(1979, 1, 2),
        dt.date(2025, 9, 1),
        2008,
    )
    assert b.id_number == "32028119790102123X"
    assert (c.birth_date, c.joined_on, c.phone) == (
        dt.date(1988, 8, 8),
        dt.date(2025, 9, 1),
        "13900001111",
    )


# --- problems ---


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_written(services, tmp_path):
    _populate(services)
    before = _snapshot(services)
    path = _workbook(
        tmp_path / "bad.xlsx",
        [
            ["姓名", "角色", "出生日期", "备注"],
            ["好人", "成员", "1990-01-01", "本行没有问题"],
            ["错日期", "成员", "2025-02-30", None],
            [None, "成员", "1990-01-01", "没有姓名"],
            ["校长先生", "校长", None, None],
            ["重复", "成员", "1992-03-04", None],
            ["重复", "学员", "1992-03-04", "第二次"],
        ],
    )

    preview = read_roster(path, services.members)

    lines = preview.problem_lines()
    assert len(lines) == 4
    assert lines[0].startswith("第 3 行，出生日期 列：")
    assert "2025-02-30" in lines[0]
    assert lines[1] == "第 4 行，姓名 列：姓名不能为空"
    assert lines[2].startswith("第 5 行，角色 列：")
    assert "校长" in lines[2]
    assert lines[3] == "第 7 行，姓名 列：重复 在文件中重复出现（另见第 6 行）"
    assert [r.action for r in preview.rows] == ["add", "error", "error", "error", "add", "error"]
    assert preview.counts == {"add": 2, "update": 0, "unchanged": 0, "error": 4}
    with pytest.raises(RosterImportError, match="4 处问题"):
        apply_import(preview, services.members)
    assert _snapshot(services) == before


def test_one_id_number_for_two_people_in_the_file_names_both_rows(services, tmp_path):
    _populate(services)
    before = _snapshot(services)
    path = _workbook(
        tmp_path / "in.xlsx",
        [
            ["姓名", "角色", "出生日期", "身份证号", "退出日期", "退出原因"],
            ["张三", "成员", "1985-04-01", "32028119850401123x", None, None],
            ["李四", "成员", "1986-05-02", "320281198504011234", None, None],
            ["张三", "成员", "1985-04-01", "32028119850401123X", "2025-06-30", "调动"],
            ["王五", "成员", "1987-06-03", "32028119850401123X", None, None],
        ],
    )
    preview = read_roster(path, services.members)
    assert [r.action for r in preview.rows] == ["error", "add", "error", "error"]
    # 张三's two spells share his number; 王五 has it too: each row names the other person.
    assert preview.problem_lines() == [
        "第 2 行，身份证号 列：3202**********123X 与第 5 行（王五）相同，一个身份证号只能属于一人",
        "第 4 行，身份证号 列：3202**********123X 与第 5 行（王五）相同，一个身份证号只能属于一人",
        "第 5 行，身份证号 列：3202**********123X 与第 2、4 行（张三）相同，"
        "一个身份证号只能属于一人",
    ]
    with pytest.raises(RosterImportError):
        apply_import(preview, services.members)
    assert _snapshot(services) == before


def test_an_id_number_already_anothers_on_the_roster_is_an_error(services, tmp_path):
    _populate(services)  # 王芳: 320281197803121234
    path = _workbook(
        tmp_path / "in.xlsx",
        [["姓名", "角色", "身份证号"], ["新人", "成员", "320281197803121234"]],
    )
    preview = read_roster(path, services.members)
    assert preview.problem_lines() == [
        "第 2 行，身份证号 列：3202**********1234 已是名册中王芳的身份证号"
    ]


def test_masked_number_for_a_new_person_is_an_error(services, tmp_path):
    path = _workbook(
        tmp_path / "in.xlsx", [["姓名", "角色", "联系电话"], ["新人", "成员", "138****5678"]]
    )
    preview = read_roster(path, services.members)
    assert preview.rows[0].action == "error"
    assert preview.problem_lines() == [
        "第 2 行，联系电话 列：联系电话：“138****5678”是打码后的值，请填写完整号码或留空"
    ]


def test_masked_number_that_does_not_fit_the_stored_one_is_an_error(services, tmp_path):
    _populate(services)
    out = write_roster(tmp_path / "r.xlsx", services.members.roster(), mask=True)
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    phone_col = HEADERS.index("联系电话") + 1
    assert ws.cell(row=2, column=phone_col).value == "138****5678"
    ws.cell(row=2, column=phone_col, value="139****5678")
    wb.save(out)

    preview = read_roster(out, services.members)

    assert [r.action for r in preview.rows] == ["error", "unchanged", "unchanged", "unchanged"]
    assert "第 2 行，联系电话 列" in preview.problem_lines()[0]


def test_edited_export_gives_updates(services, tmp_path):
    _populate(services)
    out = write_roster(tmp_path / "r.xlsx", services.members.roster(), mask=True)
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    col = {h: i + 1 for i, h in enumerate(HEADERS)}
    # 李强 (row 3) leaves; 赵敏 (row 4) gets a note; a new person is appended.
    ws.cell(row=3, column=col["状态"], value="已退出")
    ws.cell(row=3, column=col["退出日期"], value="2025/10/1")
    ws.cell(row=3, column=col["退出原因"], value="考核不合格")
    ws.cell(row=4, column=col["备注"], value="新备注")
    ws.cell(row=6, column=col["姓名"], value="新成员")
    ws.cell(row=6, column=col["角色"], value="学员")
    wb.save(out)

    preview = read_roster(out, services.members)

    assert [r.action for r in preview.rows] == ["unchanged", "update", "update", "unchanged", "add"]
    assert preview.rows[1].changed_fields == ("left_on", "leave_reason")
    assert preview.rows[2].changed_fields == ("note",)
    counts = apply_import(preview, services.members)
    assert str(counts) == "新增 1 人，更新 2 人，未变 2 人"
    rows = {r.name: r for r in services.members.roster()}
    assert rows["李强"].status == "left"
    assert rows["李强"].left_on == dt.date(2025, 10, 1)
    assert rows["李强"].phone == "13900001111"  # the masked cell kept the stored number
    assert rows["赵敏"].note == "新备注"
    assert rows["赵敏"].stage == "applied"
    assert rows["新成员"].role == "member"


def test_columns_missing_from_the_sheet_keep_stored_values(services, tmp_path):
    _populate(services)
    path = _workbook(
        tmp_path / "in.xlsx",
        [["姓名", "出生日期", "角色", "备注"], ["王芳", "1978-03-12", "主持人", "只改备注"]],
    )

    preview = read_roster(path, services.members)

    assert preview.rows[0].action == "update"
    assert preview.rows[0].changed_fields == ("note",)
    apply_import(preview, services.members)
    host = next(r for r in services.members.roster() if r.name == "王芳")
    assert host.note == "只改备注"
    assert host.phone == "13812345678"
    assert host.id_number == "320281197803121234"
    assert host.honours == "市特级班主任"


def test_apply_rows_is_all_or_nothing(services):
    m = services.members
    kept = m.add(MemberData(name="甲", role="member"))
    before = _snapshot(services)
    with pytest.raises(LookupError):
        m.apply_rows(
            [MemberData(name="乙", role="member")],
            [
                (kept, MemberData(name="甲", role="member", note="改")),
                (999, MemberData(name="丙", role="member")),
            ],
        )
    assert _snapshot(services) == before


# --- files that cannot be imported ---


def _text_as_xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "名单.xlsx"
    path.write_text("姓名,角色\n张三,成员\n", encoding="utf-8")
    return path


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "名单.csv"
    path.write_text("姓名,角色\n张三,成员\n", encoding="utf-8")
    return path


def _zip(tmp_path: Path) -> Path:
    path = tmp_path / "打包.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return path


@pytest.mark.parametrize("make", [_text_as_xlsx, _csv, _zip])
def test_not_a_workbook(services, tmp_path, make):
    path = make(tmp_path)
    with pytest.raises(RosterImportError) as caught:
        read_roster(path, services.members)
    assert str(caught.value) == f"“{path.name}”不是 Excel 工作簿（.xlsx）"


def test_missing_file(services, tmp_path):
    with pytest.raises(RosterImportError, match="找不到文件"):
        read_roster(tmp_path / "nowhere.xlsx", services.members)


def test_old_xls(services, tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    with pytest.raises(RosterImportError, match="另存为"):
        read_roster(path, services.members)


def test_missing_required_column(services, tmp_path):
    path = _workbook(tmp_path / "in.xlsx", [["姓名", "性别"], ["张三", "男"]])
    with pytest.raises(RosterImportError) as caught:
        read_roster(path, services.members)
    assert str(caught.value) == "缺少列：角色"


def test_no_header_row(services, tmp_path):
    path = _workbook(
        tmp_path / "in.xlsx", [["标题"], [], [], [], [], ["姓名", "角色"], ["张三", "成员"]]
    )
    with pytest.raises(RosterImportError, match="前 5 行中找不到"):
        read_roster(path, services.members)


def test_roster_on_a_later_sheet(services, tmp_path):
    path = tmp_path / "in.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "封面"
    wb.active.append(["工作室名册"])
    ws = wb.create_sheet("成员")
    ws.append(["姓名", "角色"])
    ws.append(["张三", "成员"])
    wb.save(path)
    preview = read_roster(path, services.members)
    assert preview.sheet == "成员"
    assert [r.action for r in preview.rows] == ["add"]


# --- CLI ---


def test_cli_import_with_problems_writes_nothing(services, db_path, tmp_path, capsys):
    _populate(services)
    before = _snapshot(services)
    path = _workbook(
        tmp_path / "bad.xlsx",
        [
            ["姓名", "角色", "出生日期"],
            ["新人", "成员", "1990-01-01"],
            ["错日期", "成员", "2025-02-30"],
            ["校长先生", "校长", None],
        ],
    )

    code = cli.main(["import-roster", "--db", str(db_path), str(path)])

    captured = capsys.readouterr()
    assert code != 0
    lines = captured.err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("第 3 行，出生日期 列：")
    assert lines[1].startswith("第 4 行，角色 列：")
    assert _snapshot(services) == before


def test_cli_import_not_a_workbook(services, db_path, tmp_path, capsys):
    path = _text_as_xlsx(tmp_path)
    assert cli.main(["import-roster", "--db", str(db_path), str(path)]) != 0
    assert "不是 Excel 工作簿" in capsys.readouterr().err


def test_cli_import_adds(services, db_path, tmp_path, capsys):
    path = _workbook(tmp_path / "in.xlsx", [["姓名", "角色"], ["张三", "成员"], ["李四", "学员"]])
    assert cli.main(["import-roster", "--db", str(db_path), str(path)]) == 0
    assert "新增 2 人，更新 0 人，未变 0 人" in capsys.readouterr().out
    assert sorted(r.name for r in services.members.roster()) == ["张三", "李四"]


@pytest.mark.parametrize("unmasked", [False, True])
def test_cli_export(services, db_path, tmp_path, capsys, unmasked):
    _populate(services)
    out = tmp_path / "导出.xlsx"
    argv = ["export-roster", "--db", str(db_path), "--out", str(out)]
    if unmasked:
        argv.append("--unmasked")

    assert cli.main(argv) == 0

    assert capsys.readouterr().out.strip() == str(out)
    ws = openpyxl.load_workbook(out)["名册"]
    assert ws["A1"].value == "姓名"
    col = {c.value: c.column for c in ws[1]}
    assert ws.cell(row=2, column=col["姓名"]).value == "王芳"
    phone = ws.cell(row=2, column=col["联系电话"]).value
    assert phone == ("13812345678" if unmasked else "138****5678")
    assert ws.cell(row=2, column=col["出生日期"]).value == dt.datetime(1978, 3, 12)
    assert ws.cell(row=2, column=col["出生日期"]).is_date
    assert ws.cell(row=5, column=col["状态"]).value == "已退出"
    assert ws.cell(row=5, column=col["退出日期"]).value == dt.datetime(2025, 6, 30)
    # and it re-imports unchanged through the CLI
    assert cli.main(["import-roster", "--db", str(db_path), str(out)]) == 0
    assert "未变 4 人" in capsys.readouterr().out
