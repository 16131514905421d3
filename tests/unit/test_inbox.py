"""The bureau's inbox: every file in a folder read as a bundle without trusting it, the
figures recomputed from the records, the completeness view, the comparison workbook and
the ``inbox`` command. Bundles are built by tests/bundles.py, not by the exporter."""

from __future__ import annotations

import copy
import json
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from bundles import SAMPLE_FIGURES, build_bundle, dump_data, fingerprint_of, make_key, sample_data
from hostile_bundles import patch_entry
from openpyxl import Workbook, load_workbook

from desktop_app.bundle.safezip import Limits
from desktop_app.cli import main
from desktop_app.documents import inbox
from desktop_app.documents.inbox import (
    ExpectedList,
    ExpectedStudio,
    Figures,
    figures_from_data,
    read_expected,
    scan,
    write_workbook,
)
from desktop_app.domain import messages

JSON_KEYS = {
    "file",
    "valid",
    "reason",
    "studio",
    "period",
    "signer",
    "registered",
    "members",
    "activities",
    "attendance_rate",
    "flagged",
    "granted_fen",
    "spent_fen",
    "duties_done",
    "duties_total",
    "assessment_grade",
}


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    """Every path under ``folder`` with its size and mtime: what "unchanged" means."""
    found = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root, name)
            st = path.lstat()
            found[str(path.relative_to(folder))] = (st.st_size, st.st_mtime_ns)
    return found


@pytest.fixture
def quiet_temp(tmp_path, monkeypatch):
    """Point the temporary folder at an empty folder of our own, to see whether the
    scan writes anything there."""
    temp = tmp_path / "systemp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return temp


# --- the figures ---


def test_figures_are_recomputed_from_the_records():
    figures = figures_from_data(sample_data())
    assert figures.as_dict() == SAMPLE_FIGURES
    assert figures.attendance_rate == "2/4"
    assert figures.attendance_percent == "50.0%"
    assert figures.duties_text == "3/4"
    assert figures.grade_text == "优秀"


def test_empty_records_give_zero_figures():
    data = sample_data()
    for key in ("members", "activities", "attendance", "flags", "duties", "assessments"):
        data[key] = []
    data["ledger"] = {"entries": []}
    figures = figures_from_data(data)
    assert figures == Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, None)
    assert figures.attendance_percent is None
    assert figures.attendance_text == "0/0"


def test_figures_a_bundle_states_are_not_trusted(tmp_path):
    data = sample_data()
    data["figures"] = dict(SAMPLE_FIGURES, members=30, granted_fen=9_999_999)
    build_bundle(tmp_path / "a.zip", data)
    (row,) = scan(tmp_path).rows
    assert row.valid
    assert row.figures.as_dict() == SAMPLE_FIGURES
    (warning,) = row.warnings
    assert "成员数 30 ≠ 3" in warning and "到账经费（分） 9999999 ≠ 3000000" in warning


def test_ledger_totals_that_disagree_are_a_warning(tmp_path):
    data = sample_data()
    data["ledger"] = dict(data["ledger"], expense_fen=1)
    build_bundle(tmp_path / "a.zip", data)
    (row,) = scan(tmp_path).rows
    assert row.valid and "台账支出（分） 1 ≠ 123456" in row.warnings[0]


def test_studio_in_data_json_and_bag_info_must_agree(tmp_path):
    build_bundle(tmp_path / "a.zip", sample_data(), studio="别的工作室")
    (row,) = scan(tmp_path).rows
    assert row.valid
    assert row.studio == "别的工作室"  # bag-info's, which the signature covers as well
    assert any("工作室不一致" in w for w in row.warnings)


# --- one row per file, never a crash ---


def test_every_file_is_a_row_and_nothing_is_written(tmp_path, quiet_temp):
    inbox_dir = tmp_path / "inbox"
    inbox_dir.mkdir()
    build_bundle(inbox_dir / "a.zip")
    build_bundle(inbox_dir / "b.zip", sample_data(studio="李明班主任工作室"), key=make_key(2))
    build_bundle(
        inbox_dir / "changed.zip",
        changed_after_signing={"data/data.json": dump_data(sample_data(members=[]))},
    )
    (inbox_dir / "readme.txt").write_text("not a bundle", encoding="utf-8")
    (inbox_dir / "sub").mkdir()
    build_bundle(inbox_dir / "sub" / "hidden.zip")  # sub-folders are not looked into
    outside = tmp_path / "elsewhere.zip"
    build_bundle(outside)
    (inbox_dir / "link.zip").symlink_to(outside)
    os.mkfifo(inbox_dir / "pipe.zip")  # opening it would block: never opened
    before, temp_before = listing(tmp_path), listing(quiet_temp)

    report = scan(inbox_dir)

    assert listing(tmp_path) == before and listing(quiet_temp) == temp_before == {}
    rows = {r.file: r for r in report.rows}
    assert list(rows) == sorted(rows)
    assert set(rows) == {"a.zip", "b.zip", "changed.zip", "readme.txt", "link.zip", "pipe.zip"}
    assert rows["a.zip"].valid and rows["a.zip"].reason is None
    assert rows["a.zip"].signer == fingerprint_of(make_key())
    assert rows["a.zip"].registered is None  # no list of registered signers given
    assert rows["b.zip"].valid and rows["b.zip"].studio == "李明班主任工作室"
    changed = rows["changed.zip"]
    assert not changed.valid and changed.code == "changed"
    assert "data/data.json" in changed.reason and changed.figures is None
    assert changed.studio == "陈静名班主任工作室"  # as its bag-info claims
    assert rows["readme.txt"].code == "not_a_bundle"
    assert rows["readme.txt"].reason == "不是 StudioDesk 报送材料包（不是 zip 文件）"
    assert rows["link.zip"].code == "link" and "链接" in rows["link.zip"].reason
    assert rows["pipe.zip"].code == "not_regular"
    assert report.valid_count == 2
    assert report.period == "2025-2026"


def test_reasons_follow_the_language(tmp_path):
    (tmp_path / "x.zip").write_bytes(b"junk")
    messages.set_language("en")
    (row,) = scan(tmp_path).rows
    assert row.reason.startswith("not a StudioDesk submission bundle")


@pytest.mark.parametrize(
    ("data_bytes", "code", "words"),
    [
        (b"{not json", "data_malformed", "data/data.json 已损坏"),
        (b"[1, 2]", "data_malformed", "data/data.json 已损坏"),
        ("\ufeff{}".encode("utf-16"), "data_not_utf8", "不是文本"),
        (b"[" * 100_000 + b"]" * 100_000, "data_too_deep", "嵌套超过 16 层"),
        (
            json.dumps({"schema": "studiodesk-bundle-data", "schema_version": 2}).encode(),
            "data_schema",
            "版本 2 无法识别",
        ),
        (
            json.dumps({"schema": "studiodesk-bundle-data", "schema_version": True}).encode(),
            "data_schema",
            "版本 True",
        ),
        (
            json.dumps({"schema": "other", "schema_version": 1}).encode(),
            "data_schema",
            "“other”",
        ),
        (
            dump_data(sample_data(members={"not": "a list"})),
            "data_shape",
            "members",
        ),
        (
            dump_data(
                sample_data(
                    ledger={
                        "entries": [
                            {"date": "2025-10-01", "direction": "income", "signed_fen": "100"}
                        ]
                    }
                )
            ),
            "data_shape",
            "signed_fen",
        ),
    ],
    ids=["broken", "a list", "utf-16", "deep", "v2", "bool version", "schema", "shape", "money"],
)
def test_a_bad_data_json_makes_its_row_invalid(tmp_path, data_bytes, code, words):
    build_bundle(tmp_path / "bad.zip", data_bytes=data_bytes)
    build_bundle(tmp_path / "good.zip")
    bad, good = scan(tmp_path).rows
    assert not bad.valid and bad.code == code and words in bad.reason, bad.reason
    assert bad.signer == fingerprint_of(make_key())  # the signature itself held
    assert good.valid and good.figures.as_dict() == SAMPLE_FIGURES


def test_odd_records_never_stop_the_scan(tmp_path):
    not_an_object = sample_data()
    not_an_object["studio"] = "某工作室"
    build_bundle(tmp_path / "a.zip", not_an_object, studio="某工作室")
    unhashable = sample_data()
    unhashable["activities"][0]["id"] = [10]
    build_bundle(tmp_path / "b.zip", unhashable)
    build_bundle(tmp_path / "c.zip")
    a, b, c = scan(tmp_path).rows
    assert a.code == "data_shape" and "studio" in a.reason
    assert b.code == "unreadable" and "TypeError" in b.reason
    assert c.valid


def test_a_bundle_without_data_json(tmp_path):
    build_bundle(tmp_path / "a.zip", with_data=False)
    (row,) = scan(tmp_path).rows
    assert not row.valid and row.code == "no_data" and "data/data.json" in row.reason
    assert row.studio == "陈静名班主任工作室" and row.signer


def test_data_json_is_read_within_a_limit(tmp_path):
    build_bundle(tmp_path / "a.zip")
    (row,) = scan(tmp_path, limits=Limits(max_json_bytes=1000)).rows
    assert not row.valid and row.code == "data_too_big"
    assert "data/data.json" in row.reason


def test_data_json_is_refused_above_16_mb_as_declared(tmp_path):
    """The central directory's size decides, before anything is read: data.json's
    header says 17 MB (its bytes are the sample's and 200 KB of noise, so that its
    compression ratio is not what gives it away)."""
    path = build_bundle(tmp_path / "a.zip", sample_data(noise=os.urandom(200_000).hex()))
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith("/data/data.json"))
    patch_entry(path, name, file_size=17 << 20)
    (row,) = scan(tmp_path).rows
    assert not row.valid and row.code == "data_too_big"
    assert (
        row.reason == "data/data.json 有 17 MB，工作室的数据最多几 MB（上限 16 MB），材料包无法读取"
    )


def _data_with(**records) -> bytes:
    return dump_data(sample_data(**records))


@pytest.mark.parametrize(
    ("data_bytes", "code", "words"),
    [
        # The bundle in small: a member list of empty records.
        (
            _data_with(members=[{}] * 2_001),
            "data_too_many_records",
            "成员有 2,001 条，超过上限 2,000 条",
        ),
        (
            _data_with(ledger={"entries": [{}] * 20_001}),
            "data_too_many_records",
            "经费记录有 20,001 条，超过上限 20,000 条",
        ),
        # 310,000 empty objects in 0.9 MB: refused counted, before json makes them.
        (
            b'{"schema": "studiodesk-bundle-data", "schema_version": 1, "x": ['
            + b"{}," * 310_000
            + b"{}]}",
            "data_too_many_values",
            "数据项超过 300,000 个",
        ),
        (
            _data_with(summaries=[{"body": [[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]}]),
            "data_too_deep",
            "嵌套超过 16 层",
        ),
    ],
    ids=["members", "ledger", "values", "depth"],
)
def test_data_json_beyond_any_studio_is_refused(tmp_path, data_bytes, code, words):
    build_bundle(tmp_path / "bad.zip", data_bytes=data_bytes)
    (row,) = scan(tmp_path).rows
    assert not row.valid and row.code == code and words in row.reason, row.reason
    assert row.figures is None


def test_an_unknown_format_version(tmp_path):
    build_bundle(tmp_path / "a.zip", format_version="9")
    (row,) = scan(tmp_path).rows
    assert row.code == "unknown_version" and "9" in row.reason


def test_any_exception_in_one_bundle_becomes_its_reason(tmp_path, monkeypatch):
    build_bundle(tmp_path / "a.zip", sample_data(studio="甲工作室"))
    build_bundle(tmp_path / "b.zip", sample_data(studio="乙工作室"))
    real = inbox.figures_from_data

    def boom(data):
        if data["studio"]["name"] == "甲工作室":
            raise KeyError("boom")
        return real(data)

    monkeypatch.setattr(inbox, "figures_from_data", boom)
    a, b = scan(tmp_path).rows
    assert not a.valid and a.code == "unreadable" and "boom" in a.reason
    assert b.valid


def test_an_exception_while_opening_becomes_its_reason(tmp_path, monkeypatch):
    build_bundle(tmp_path / "a.zip")
    build_bundle(tmp_path / "b.zip")
    real = inbox.SafeZip

    def fussy(path, limits):
        if Path(path).name == "a.zip":
            raise MemoryError
        return real(path, limits)

    monkeypatch.setattr(inbox, "SafeZip", fussy)
    a, b = scan(tmp_path).rows
    assert a.code == "unreadable" and "MemoryError" in a.reason
    assert b.valid


def test_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError):
        scan(tmp_path / "nope")
    (tmp_path / "f").write_text("x")
    with pytest.raises(NotADirectoryError):
        scan(tmp_path / "f")


def test_progress_and_cancel(tmp_path):
    build_bundle(tmp_path / "a.zip")
    build_bundle(tmp_path / "b.zip")
    seen = []
    scan(tmp_path, progress=lambda done, total, name: seen.append((done, total, name)))
    assert seen == [(0, 2, "a.zip"), (1, 2, "b.zip"), (2, 2, "")]
    with pytest.raises(inbox.Cancelled):
        scan(tmp_path, check_cancel=lambda: True)


# --- resubmissions, registered signers, completeness ---


def test_a_resubmission_is_the_later_one(tmp_path):
    build_bundle(tmp_path / "z-first.zip", bagging_date="2026-07-01")
    build_bundle(tmp_path / "a-second.zip", bagging_date="2026-07-09")
    build_bundle(tmp_path / "b-second-too.zip", bagging_date="2026-07-09")
    build_bundle(tmp_path / "other-year.zip", sample_data(period="2024-2025"))
    rows = {r.file: r for r in scan(tmp_path).rows}
    assert rows["z-first.zip"].resubmission_of is None
    assert rows["a-second.zip"].resubmission_of == "z-first.zip"
    assert rows["b-second-too.zip"].resubmission_of == "z-first.zip"
    assert rows["other-year.zip"].resubmission_of is None
    assert rows["a-second.zip"].notes[0] == "重复报送（此前已有：z-first.zip）"


def write_expected_xlsx(path: Path, rows: list[tuple]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["2025-2026学年班主任工作室应报名单"])  # a title row above the header
    ws.append(["序号", "工作室名称", "公钥指纹（可选）", "备注"])
    for row in rows:
        ws.append(list(row))
    wb.create_sheet("其他").append(["工作室", "不读这张表"])
    wb.save(path)
    return path


def test_read_expected_from_a_workbook(tmp_path):
    fp1 = fingerprint_of(make_key(1))
    path = write_expected_xlsx(
        tmp_path / "list.xlsx",
        [
            (1, "陈静名班主任工作室", fp1.upper().replace(" ", ":")),
            (2, " 李明班主任工作室 ", None),
            (None, None, None),
            (3, "陈静名班主任工作室", fingerprint_of(make_key(5))),  # a second key
        ],
    )
    expected = read_expected(path)
    assert [s.name for s in expected.studios] == ["陈静名班主任工作室", "李明班主任工作室"]
    assert expected.studios[0].fingerprints == (fp1, fingerprint_of(make_key(5)))
    assert expected.registered == {fp1, fingerprint_of(make_key(5))}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_read_expected_from_text(tmp_path, encoding):
    fp = fingerprint_of(make_key(3))
    text = f"工作室,公钥指纹\n# 注释\n甲工作室，{fp}\n\n乙工作室\n"
    (tmp_path / "list.csv").write_bytes(text.encode(encoding))
    (tmp_path / "list.txt").write_bytes("甲工作室\n乙工作室\n".encode(encoding))
    csv_list = read_expected(tmp_path / "list.csv")
    assert csv_list == ExpectedList((ExpectedStudio("甲工作室", (fp,)), ExpectedStudio("乙工作室")))
    assert [s.name for s in read_expected(tmp_path / "list.txt").studios] == [
        "甲工作室",
        "乙工作室",
    ]


def test_read_expected_refuses_what_it_cannot_read(tmp_path):
    (tmp_path / "list.doc").write_text("x")
    with pytest.raises(ValueError, match=r"\.xlsx、\.csv 或 \.txt"):
        read_expected(tmp_path / "list.doc")
    (tmp_path / "bad.csv").write_text("甲工作室,1234 abcd\n", encoding="utf-8")
    with pytest.raises(ValueError, match="第 1 行"):
        read_expected(tmp_path / "bad.csv")
    wb = Workbook()
    wb.active.append(["名称", "指纹"])
    wb.save(tmp_path / "nohead.xlsx")
    with pytest.raises(ValueError, match="工作室"):
        read_expected(tmp_path / "nohead.xlsx")
    (tmp_path / "broken.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(ValueError, match="无法读取应报名单"):
        read_expected(tmp_path / "broken.xlsx")


def test_the_expected_list_is_read_as_every_imported_workbook_is(tmp_path):
    """Streaming and capped (issue 16 item 6): a list longer than any bureau's is
    refused with the limit said, and a lone far cell makes one row, not a million."""
    from desktop_app.documents.sheets.reader import MAX_ROWS

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["工作室", "指纹"])
    for i in range(MAX_ROWS + 1):
        sheet.append([f"第{i}工作室", None])
    book.save(tmp_path / "long.xlsx")
    with pytest.raises(ValueError, match=f"无法读取应报名单.*{MAX_ROWS}"):
        read_expected(tmp_path / "long.xlsx")
    far = Workbook()
    far.active.append(["工作室", "指纹"])
    far.active.append(["甲工作室", None])
    far.active["A1048576"] = "乙工作室"
    far.save(tmp_path / "far.xlsx")
    assert [s.name for s in read_expected(tmp_path / "far.xlsx").studios] == [
        "甲工作室",
        "乙工作室",
    ]


@pytest.fixture
def bureau(tmp_path):
    """Four expected studios: 甲 (registered key 1) submitted; 乙 (key 2 registered)
    submitted with key 3; 丙 sent a changed bundle; 丁 sent nothing; 戊 is not on the list
    and signs with key 1 (甲's). 甲 also sent a bundle for last year."""
    inbox_dir = tmp_path / "inbox"
    inbox_dir.mkdir()
    build_bundle(inbox_dir / "jia.zip", sample_data(studio="甲工作室"), key=make_key(1))
    build_bundle(inbox_dir / "jia-old.zip", sample_data(studio="甲工作室", period="2024-2025"))
    build_bundle(inbox_dir / "yi.zip", sample_data(studio="乙工作室"), key=make_key(3))
    build_bundle(
        inbox_dir / "bing.zip",
        sample_data(studio="丙工作室"),
        key=make_key(4),
        changed_after_signing={"data/reports/annual-report.pdf": b"%PDF changed"},
    )
    build_bundle(inbox_dir / "wu.zip", sample_data(studio="戊工作室"), key=make_key(1))
    listed = tmp_path / "list.csv"
    listed.write_text(
        "\n".join(
            [
                f"甲工作室,{fingerprint_of(make_key(1))}",
                f"乙 工作室,{fingerprint_of(make_key(2))}",
                f"丙工作室,{fingerprint_of(make_key(4))}",
                "丁工作室",
            ]
        ),
        encoding="utf-8",
    )
    return inbox_dir, listed


def test_completeness_and_registered_signers(bureau):
    inbox_dir, listed = bureau
    report = scan(inbox_dir, expected=listed)
    rows = {r.file: r for r in report.rows}
    assert report.period == "2025-2026"  # the most common among the valid bundles
    assert rows["jia.zip"].registered is True and rows["jia.zip"].warnings == ()
    assert rows["yi.zip"].valid and rows["yi.zip"].registered is False
    assert rows["yi.zip"].notes == ("签名人未登记",)
    assert rows["wu.zip"].registered is True  # a registered key, but 甲's
    assert rows["wu.zip"].warnings == ("签名密钥登记在其他工作室名下：甲工作室",)
    assert not rows["bing.zip"].valid and rows["bing.zip"].registered is None

    done = report.completeness
    by_name = {s.name: s for s in done.studios}
    assert [s.name for s in done.studios] == ["甲工作室", "乙 工作室", "丙工作室", "丁工作室"]
    assert by_name["甲工作室"].submitted and by_name["甲工作室"].files == ("jia.zip",)
    assert by_name["乙 工作室"].submitted  # names compare without spaces
    assert "签名人未登记" in by_name["乙 工作室"].notes
    assert not by_name["丙工作室"].submitted
    assert by_name["丙工作室"].notes == ("文件夹中有该工作室的无效材料包：bing.zip",)
    assert not by_name["丁工作室"].submitted and by_name["丁工作室"].notes == ()
    assert [s.name for s in done.unexpected] == ["戊工作室"]
    assert done.rate == "2/4" and done.rate_percent == "50.0%"
    assert done.rate_text == "2/4（50.0%）"


def test_a_key_registered_for_another_studio(bureau):
    inbox_dir, listed = bureau
    build_bundle(inbox_dir / "ding.zip", sample_data(studio="丁工作室"), key=make_key(4))
    row = next(r for r in scan(inbox_dir, expected=listed).rows if r.file == "ding.zip")
    assert row.registered is True
    assert row.warnings[0] == "签名密钥登记在其他工作室名下：丙工作室"


def test_completeness_for_a_given_period(bureau):
    inbox_dir, listed = bureau
    report = scan(inbox_dir, expected=listed, period="2024-2025")
    assert report.completeness.rate == "1/4"
    assert report.completeness.studios[0].files == ("jia-old.zip",)


def test_a_key_other_than_the_studios_own(bureau):
    inbox_dir, listed = bureau
    build_bundle(inbox_dir / "jia-2.zip", sample_data(studio="甲工作室"), key=make_key(9))
    report = scan(inbox_dir, expected=listed, registered=[fingerprint_of(make_key(9))])
    row = next(r for r in report.rows if r.file == "jia-2.zip")
    assert row.registered is True
    assert row.warnings == ("签名密钥与本工作室登记的不一致",)


def test_registered_fingerprints_given_directly(tmp_path):
    build_bundle(tmp_path / "a.zip", key=make_key(1))
    build_bundle(tmp_path / "b.zip", sample_data(studio="乙工作室"), key=make_key(2))
    typed = fingerprint_of(make_key(1)).replace(" ", "").upper()
    report = scan(tmp_path, registered=[typed])
    assert [r.registered for r in report.rows] == [True, False]
    assert report.completeness is None and report.registered_known


# --- the workbook ---


def test_the_comparison_workbook(bureau, tmp_path, quiet_temp):
    inbox_dir, listed = bureau
    report = scan(inbox_dir, expected=listed)
    before = listing(inbox_dir)
    out = write_workbook(report, tmp_path / "out" / "summary.xlsx")
    assert out == tmp_path / "out" / "summary.xlsx"
    assert sorted(p.name for p in out.parent.iterdir()) == ["summary.xlsx"]  # no temp left
    assert listing(inbox_dir) == before and listing(quiet_temp) == {}

    wb = load_workbook(out)
    assert wb.sheetnames == ["比较汇总", "报送情况"]
    ws = wb["比较汇总"]
    header = [c.value for c in ws[1]]
    assert header[:15] == [
        "文件", "是否有效", "原因", "工作室", "期间", "签名指纹", "已登记", "成员数",
        "活动次数", "出勤率", "缺勤超线人数", "到账经费(元)", "支出(元)", "年度职责完成",
        "考核等级",
    ]  # fmt: skip
    assert ws.freeze_panes == "A2"
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.column_dimensions["A"].width > 20
    rows = {r[0].value: {h: c.value for h, c in zip(header, r, strict=True)}
            for r in ws.iter_rows(min_row=2)}  # fmt: skip
    jia = rows["jia.zip"]
    assert jia["是否有效"] == "有效" and jia["原因"] is None
    assert jia["工作室"] == "甲工作室" and jia["期间"] == "2025-2026"
    assert jia["已登记"] == "是" and jia["成员数"] == 3 and jia["活动次数"] == 3
    assert jia["出勤率"] == "2/4（50.0%）" and jia["缺勤超线人数"] == 1
    assert jia["到账经费(元)"] == 30000 and jia["支出(元)"] == pytest.approx(1234.56)
    assert jia["年度职责完成"] == "3/4" and jia["考核等级"] == "优秀"
    money = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "jia.zip")[11]
    assert money.number_format == "#,##0.00"
    bing = rows["bing.zip"]
    assert bing["是否有效"] == "无效" and "annual-report.pdf" in bing["原因"]
    assert bing["成员数"] is None
    assert rows["yi.zip"]["已登记"] == "否" and "签名人未登记" in rows["yi.zip"]["提示"]

    ws = wb["报送情况"]
    assert "报送率：2/4（50.0%）" in ws["A1"].value and "2025-2026" in ws["A1"].value
    assert ws.freeze_panes == "A4"
    assert ws.page_setup.orientation == "landscape"
    table = [[c.value for c in r] for r in ws.iter_rows(min_row=4, max_col=4)]
    assert table[:5] == [
        [1, "甲工作室", "是", "jia.zip"],
        [2, "乙 工作室", "是", "yi.zip"],
        [3, "丙工作室", "否", None],
        [4, "丁工作室", "否", None],
        [None, "戊工作室", "是", "wu.zip"],
    ]


def test_a_workbook_without_an_expected_list(tmp_path):
    (tmp_path / "in").mkdir()
    build_bundle(tmp_path / "in" / "a.zip")
    out = write_workbook(scan(tmp_path / "in"), tmp_path / "s.xlsx")
    ws = load_workbook(out)["报送情况"]
    assert "未提供应报名单" in ws["A1"].value
    assert [c.value for c in ws[4]][:4] == [None, "陈静名班主任工作室", "是", "a.zip"]


def test_a_workbook_of_an_empty_folder(tmp_path):
    (tmp_path / "in").mkdir()
    report = scan(tmp_path / "in")
    assert report.rows == () and report.period is None
    out = write_workbook(report, tmp_path / "s.xlsx")
    assert load_workbook(out)["比较汇总"].max_row == 1


# --- the command ---


def test_cli_json(bureau, tmp_path, capsys):
    inbox_dir, listed = bureau
    (inbox_dir / "junk.bin").write_bytes(os.urandom(100))
    out = tmp_path / "summary.xlsx"
    code = main(["inbox", str(inbox_dir), "--out", str(out), "--expected", str(listed), "--json"])
    assert code == 0 and out.exists()
    found = json.loads(capsys.readouterr().out)
    assert [o["file"] for o in found] == sorted(p.name for p in inbox_dir.iterdir())
    assert all(set(o) == JSON_KEYS for o in found)
    jia = next(o for o in found if o["file"] == "jia.zip")
    assert jia == {
        "file": "jia.zip",
        "valid": True,
        "reason": None,
        "studio": "甲工作室",
        "period": "2025-2026",
        "signer": fingerprint_of(make_key(1)),
        "registered": True,
        "members": 3,
        "activities": 3,
        "attendance_rate": "2/4",
        "flagged": 1,
        "granted_fen": 3_000_000,
        "spent_fen": 123_456,
        "duties_done": 3,
        "duties_total": 4,
        "assessment_grade": "excellent",
    }
    junk = next(o for o in found if o["file"] == "junk.bin")
    assert junk["valid"] is False and junk["reason"] and junk["members"] is None


def test_cli_text(bureau, tmp_path, capsys):
    inbox_dir, listed = bureau
    out = tmp_path / "summary.xlsx"
    assert main(["inbox", str(inbox_dir), "--out", str(out), "--expected", str(listed)]) == 0
    text = capsys.readouterr().out
    lines = text.splitlines()
    assert any(line.startswith("✓ jia.zip") and "出勤 2/4（50.0%）" in line for line in lines)
    assert any(line.startswith("✗ bing.zip") for line in lines)
    assert "报送率（2025-2026）：2/4（50.0%）；未报送：丙工作室、丁工作室" in text


def test_cli_errors(tmp_path, capsys):
    out = tmp_path / "s.xlsx"
    assert main(["inbox", str(tmp_path / "nope"), "--out", str(out)]) == 2
    assert main(["inbox", str(tmp_path), "--out", str(out), "--expected", "nope.csv"]) == 2
    (tmp_path / "list.doc").write_text("x")
    assert main(["inbox", str(tmp_path), "--out", str(out), "--expected",
                 str(tmp_path / "list.doc")]) == 2  # fmt: skip
    assert not out.exists()
    assert "找不到文件夹" in capsys.readouterr().err


def test_figures_from_data_does_not_change_its_input():
    data = sample_data()
    kept = copy.deepcopy(data)
    figures_from_data(data)
    assert data == kept
