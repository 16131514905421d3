"""The command line for activities, attendance flags and the sign-in sheet PDF."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from desktop_app.cli import main
from desktop_app.documents.engine import pdf
from desktop_app.domain.member_input import parse_member
from desktop_app.services.activities import ActivityInput
from desktop_app.services.attendance import MarkInput

NAMES = ("王晓燕", "李明", "张丽华")


@pytest.fixture
def db(services, tmp_path):
    """The conftest studio with three members, three held sessions and one to come:
    王晓燕 missed two of three (over the line), 李明 one (at risk), 张丽华 none. The studio
    judges from the first session and reads 以上 as 'more than' (its own settings)."""
    services.studio.set_setting("attendance.min_sessions", 1)
    services.studio.set_setting("attendance.exact_third_counts", False)
    ids = [
        services.members.add(
            parse_member(
                {"name": n, "role": "成员", "school": "江阴中专", "joined_on": "2024-09-01"}
            )
        )
        for n in NAMES
    ]
    services.members.add(parse_member({"name": "陈静", "role": "主持人"}))
    marks = {
        "2025-03-12": ("缺勤", "出勤", "出勤"),
        "2025-04-09": ("请假", "缺勤", "出勤"),
        "2025-05-14": ("出勤", "迟到", "出勤"),
    }
    for day, statuses in marks.items():
        activity_id = services.activities.create(
            ActivityInput(
                date=day,
                kind="学习研讨",
                topic=f"{day} 研讨",
                place="江阴中专会议室",
                start_time="14:00",
                end_time="16:00",
            )
        )
        services.attendance.save_marks(
            activity_id, [MarkInput(i, s) for i, s in zip(ids, statuses, strict=True)]
        )
    services.activities.create(
        ActivityInput(date="2026-12-02", kind="专家讲座", topic="家校沟通的艺术", place="报告厅")
    )
    path = tmp_path / "db.sqlite3"  # where the conftest fixture keeps its database
    assert path.exists()
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_activities_json(db, capsys):
    code, out, _ = run(capsys, "activities", "--db", str(db), "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["date"] for r in rows] == ["2025-03-12", "2025-04-09", "2025-05-14", "2026-12-02"]
    assert set(rows[0]) >= {
        "id",
        "date",
        "kind",
        "kind_zh",
        "topic",
        "place",
        "takes_attendance",
        "expected",
        "present",
        "absent",
        "on_leave",
    }
    first = rows[0]
    assert (first["kind"], first["kind_zh"], first["topic"]) == (
        "study",
        "学习研讨",
        "2025-03-12 研讨",
    )
    assert (first["expected"], first["present"], first["absent"], first["on_leave"]) == (3, 2, 1, 0)
    assert rows[1]["on_leave"] == 1
    assert rows[2]["present"] == 3  # late still counts as there
    last = rows[-1]
    assert (last["kind"], last["kind_zh"], last["expected"]) == ("expert_lecture", "专家讲座", 0)
    assert last["takes_attendance"] is True


def test_activities_text_lists_ids(db, capsys):
    code, out, _ = run(capsys, "activities", "--db", str(db))
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 4
    fields = lines[0].split("\t")
    assert fields[1:5] == ["2025-03-12", "14:00–16:00", "学习研讨", "2025-03-12 研讨"]
    assert fields[-1] == "2/3"
    assert "家校沟通的艺术" in lines[-1]


def test_flags_json(db, capsys):
    code, out, _ = run(capsys, "flags", "--db", str(db), "--json")
    assert code == 0
    rows = {r["name"]: r for r in json.loads(out)}
    assert set(rows) == {*NAMES, "陈静"}
    for row in rows.values():
        assert set(row) == {"membership_id", "name", "expected", "missed", "ratio", "state"}
        assert row["state"] in {"ok", "at_risk", "over", "not_judged", "no_line"}
    # leave counts as absence by default: 2 of 3 missed
    assert rows["王晓燕"] | {"membership_id": 0} == {
        "membership_id": 0,
        "name": "王晓燕",
        "expected": 3,
        "missed": 2,
        "ratio": "2/3",
        "state": "over",
    }
    assert (rows["李明"]["ratio"], rows["李明"]["state"]) == ("1/3", "at_risk")
    assert (rows["张丽华"]["ratio"], rows["张丽华"]["state"]) == ("0/3", "ok")
    assert (rows["陈静"]["expected"], rows["陈静"]["state"]) == (0, "ok")


def test_flags_text(db, capsys):
    code, out, _ = run(capsys, "flags", "--db", str(db))
    assert code == 0
    lines = dict(line.split("\t", 1) for line in out.strip().splitlines())
    assert lines["王晓燕"] == "3\t2\t2/3\t超线"
    assert lines["李明"] == "3\t1\t1/3\t临界"
    assert lines["张丽华"] == "3\t0\t0/3\t正常"


def test_flags_before_the_minimum_of_sessions(db, capsys):
    """With the usual minimum of four sessions, three say nothing yet."""
    assert run(capsys, "config", "--db", str(db), "attendance.min_sessions", "4")[0] == 0
    code, out, _ = run(capsys, "flags", "--db", str(db))
    lines = dict(line.split("\t", 1) for line in out.strip().splitlines())
    assert lines["王晓燕"] == "3\t2\t2/3\t未满 4 次，暂不判定"
    code, out, _ = run(capsys, "flags", "--db", str(db), "--json")
    assert {r["name"]: r["state"] for r in json.loads(out)}["王晓燕"] == "not_judged"


def test_report_signin_writes_the_pdf(db, tmp_path, capsys):
    code, out, _ = run(capsys, "activities", "--db", str(db), "--json")
    upcoming = json.loads(out)[-1]["id"]
    target = tmp_path / "签到表.pdf"
    code, out, err = run(
        capsys,
        "report",
        "signin",
        "--db",
        str(db),
        "--activity",
        str(upcoming),
        "--out",
        str(target),
    )
    assert (code, err) == (0, "")
    assert out.strip() == str(target)
    assert target.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: install poppler-utils (see packaging/dev.sh)")
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())
    assert "家校沟通的艺术" in flat and "2026年12月2日星期三" in flat
    assert all(n in flat for n in NAMES) and "陈静名班主任工作室" in flat
    assert "应到3人" in flat


def test_report_signin_unknown_activity(db, tmp_path, capsys):
    target = tmp_path / "x.pdf"
    code, out, err = run(
        capsys, "report", "signin", "--db", str(db), "--activity", "999", "--out", str(target)
    )
    assert code == 1
    assert out == ""
    assert "找不到编号为 999 的活动" in err
    assert not target.exists()


def test_report_signin_without_a_cjk_font(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(pdf, "_font_name", None)
    monkeypatch.setattr(pdf, "find_cjk_font", lambda: None)
    target = tmp_path / "x.pdf"
    code, _, err = run(
        capsys, "report", "signin", "--db", str(db), "--activity", "1", "--out", str(target)
    )
    assert code == 1
    assert "未找到中文 TrueType 字体" in err and "fonts-wqy-microhei" in err
    assert not target.exists()


def test_report_needs_a_kind(db, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["report", "--db", str(db)])
    assert caught.value.code == 2


def test_commands_refuse_a_missing_database(tmp_path, capsys):
    for argv in (["flags"], ["activities"]):
        with pytest.raises(SystemExit) as caught:
            main([*argv, "--db", str(tmp_path / "none.sqlite3")])
        assert "找不到数据库" in str(caught.value.code)
