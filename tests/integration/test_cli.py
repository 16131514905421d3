"""The command line: init, presets, check, config, demo."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from desktop_app.cli import main
from desktop_app.domain.school_year import SchoolYear
from desktop_app.services.app import AppServices
from desktop_app.services.presets import all_presets

PRESET_IDS = [
    "jiangyin",
    "songjiang-school",
    "wujin",
    "xiamen-workshop",
    "xinbei-camp",
    "xinbei-room",
]
KEY = "export.mask_personal_data"


def init(db, *extra) -> int:
    return main(
        [
            "init",
            "--db",
            str(db),
            "--name",
            "陈静名班主任工作室",
            "--preset",
            "jiangyin",
            *extra,
        ]
    )


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "studio.sqlite3"
    assert init(path, "--cycle", "2024-2027", "--school", "江阴中专", "--district", "江阴市") == 0
    capsys.readouterr()
    return path


def test_init_then_again_refused(tmp_path, capsys):
    path = tmp_path / "s.sqlite3"
    assert init(path, "--cycle", "2024-2027") == 0
    out = capsys.readouterr().out
    assert (
        out.strip()
        == f"陈静名班主任工作室 · 2024-2027 · 《江阴中专名班主任工作室建设方案》 → {path}"
    )
    services = AppServices.open(path)
    try:
        info = services.studio.get()
    finally:
        services.close()
    assert (info.level, info.studio_type, info.preset_id) == ("school", "studio", "jiangyin")
    assert init(path, "--cycle", "2025-2028") == 1
    assert "该数据库中已有工作室" in capsys.readouterr().err


def test_init_default_cycle_is_this_school_year_for_the_preset_length(tmp_path, capsys):
    assert init(tmp_path / "s.sqlite3") == 0
    start = SchoolYear.of(dt.date.today()).start
    assert f" · {start}-{start + 3} · " in capsys.readouterr().out


def test_init_bad_cycle(tmp_path, capsys):
    assert init(tmp_path / "s.sqlite3", "--cycle", "2027-2024") == 2
    assert "建设周期" in capsys.readouterr().err


def test_unknown_preset(tmp_path, capsys):
    path = tmp_path / "s.sqlite3"
    code = main(["init", "--db", str(path), "--name", "x", "--preset", "nowhere"])
    assert code != 0
    assert "未知的政策预设“nowhere”" in capsys.readouterr().err
    assert not path.exists()


def test_presets_lists_every_preset_with_sources(capsys):
    assert main(["presets"]) == 0
    out = capsys.readouterr().out
    headers = [line.split("\t")[0] for line in out.splitlines() if not line.startswith(" ")]
    assert sorted(headers) == PRESET_IDS
    for preset in all_presets().values():
        assert f"{preset.id}\t{preset.title}\t({preset.issuer})" in out
        for rule in preset.rules.values():
            if rule.source:
                assert f"[{rule.source.label}]" in out
    # songjiang's document does not set the cycle's length
    assert "[文件未作规定，按通常做法]" in out
    assert ".txt" not in out and "seed" not in out.lower()


def test_python_m_presets():
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "presets"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    for preset_id in PRESET_IDS:
        assert f"\n{preset_id}\t" in "\n" + done.stdout


def test_check_json_on_an_empty_roster(db, capsys):
    assert main(["check", "--db", str(db), "--json"]) == 0
    warnings = json.loads(capsys.readouterr().out)
    assert warnings[0] == {
        "rule": "hosts",
        "source": "004_cc67f720712294f0.txt 二、工作目标",
        "message": "主持人/领衔人 0 名，规定为 1–1 名",
        "people": [],
    }
    # the studio's own records: no annual plan yet for the years begun (seed 004 附件2)
    assert [w["rule"] for w in warnings[1:]] == ["annual_plan_before_year"]
    assert warnings[1]["source"] == "004_cc67f720712294f0.txt 附件2 三、(三)1"


def test_check_text(db, capsys):
    assert main(["check", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("[主持人/领衔人人数] 主持人/领衔人 0 名")
    assert "（《江阴中专名班主任工作室建设方案》二、工作目标）" not in out  # ASCII brackets
    assert "(《江阴中专名班主任工作室建设方案》二、工作目标)" in out
    assert "hosts" not in out and ".txt" not in out


def test_check_without_a_database(tmp_path):
    with pytest.raises(SystemExit) as caught:
        main(["check", "--db", str(tmp_path / "none.sqlite3")])
    assert "找不到数据库" in str(caught.value.code)
    assert not (tmp_path / "none.sqlite3").exists()


def test_config(db, capsys):
    assert main(["config", "--db", str(db), KEY]) == 0
    assert capsys.readouterr().out.strip() == f"{KEY} = true"
    assert main(["config", "--db", str(db), KEY, "false"]) == 0
    assert capsys.readouterr().out.strip() == f"{KEY} = false"
    assert main(["config", "--db", str(db), KEY]) == 0
    assert capsys.readouterr().out.strip() == f"{KEY} = false"
    assert main(["config", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith(f"{KEY} = false    # 导出文件中")


def test_config_refusals(db, capsys):
    assert main(["config", "--db", str(db), "no.such.key"]) != 0
    assert "未知的设置项“no.such.key”" in capsys.readouterr().err
    assert main(["config", "--db", str(db), "no.such.key", "1"]) != 0
    capsys.readouterr()
    assert main(["config", "--db", str(db), KEY, "maybe"]) != 0
    err = capsys.readouterr().err
    assert "maybe" in err and KEY in err
    assert main(["config", "--db", str(db), KEY]) == 0
    assert capsys.readouterr().out.strip() == f"{KEY} = true"


def _content(path):
    services = AppServices.open(path)
    try:
        roster = services.members.roster()
        return (
            services.studio.get(),
            roster,
            [services.members.stage_steps(r.membership_id) for r in roster],
            [services.growth.goals(r.membership_id) for r in roster],
            services.growth.all_records(),
        )
    finally:
        services.close()


def test_demo(tmp_path, capsys):
    first = tmp_path / "a.sqlite3"
    assert main(["demo", "--db", str(first), "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("演示工作室“") and out.rstrip().endswith(str(first))
    assert first.exists()

    assert main(["demo", "--db", str(first)]) == 1
    assert "已存在" in capsys.readouterr().err

    second = tmp_path / "b.sqlite3"
    assert main(["--db", str(second), "demo", "--seed", "3"]) == 0
    capsys.readouterr()
    assert _content(first) == _content(second)

    assert main(["check", "--db", str(first), "--json"]) == 0
    warnings = json.loads(capsys.readouterr().out)
    assert len(warnings) >= 1
    for warning in warnings:
        assert set(warning) == {"rule", "source", "message", "people"}
        # the roster's warnings name people; the studio's records name none
        assert bool(warning["people"]) == (warning["rule"] != "annual_plan_before_year")
    assert {w["rule"] for w in warnings} == {
        "member_cap",
        "same_school_max",
        "annual_plan_before_year",
    }


def test_demo_without_db_goes_to_its_own_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STUDIODESK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("STUDIODESK_DB", raising=False)
    assert main(["demo"]) == 0
    capsys.readouterr()
    assert (tmp_path / "demo" / "studiodesk-demo.sqlite3").exists()
    assert not (tmp_path / "studiodesk.sqlite3").exists()


def test_config_lists_where_each_value_comes_from(db, capsys):
    """exactly one third: the jiangyin document's reading of 以上 (with the Civil Code's
    article); the minimum of sessions: the usual setting, explained."""
    assert main(["config", "--db", str(db)]) == 0
    lines = {line.split(" = ")[0]: line for line in capsys.readouterr().out.splitlines()}
    exact = lines["attendance.exact_third_counts"]
    assert exact.startswith("attendance.exact_third_counts = true    # ")
    assert exact.endswith(
        "[按《江阴中专名班主任工作室建设方案》四、(二)3；《中华人民共和国民法典》第一千二百五十九条]"
    )
    minimum = lines["attendance.min_sessions"]
    assert minimum.startswith("attendance.min_sessions = 4    # 成员应到满这么多次活动后")
    assert minimum.endswith("[按通常做法]")
    assert main(["config", "--db", str(db), "attendance.exact_third_counts", "false"]) == 0
    assert main(["config", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "[本工作室设置；《江阴中专名班主任工作室建设方案》四、(二)3；" in out
    assert "规定为开启]" in out
    assert main(["config", "--db", str(db), "attendance.min_sessions", "0"]) != 0
    assert "attendance.min_sessions" in capsys.readouterr().err


def test_init_of_a_preset_without_a_line_records_the_studios_own(tmp_path, capsys):
    path = tmp_path / "wujin.sqlite3"
    argv = ["init", "--db", str(path), "--name", "王芳名班主任工作室", "--preset", "wujin"]
    assert main([*argv, "--attendance-line", "一半"]) == 2
    assert "缺勤比例红线：“一半”不是 0 与 1 之间的分数" in capsys.readouterr().err
    assert not path.exists()
    assert main([*argv, "--attendance-line", "1/4"]) == 0
    out = capsys.readouterr().out
    assert "缺勤比例红线: 1/4  [本工作室规定]" in out
    assert "经费开支类别: 不设  [本工作室规定]" in out
    services = AppServices.open(path)
    try:
        preset = services.studio.effective_preset()
        assert str(preset.value("attendance_line")) == "1/4"
        assert preset.rule("attendance_line").source_label == "本工作室规定"
        assert preset.rule("expense_categories").value is None
    finally:
        services.close()
