"""Policy presets: data with sources, loaded from resources/presets, overridable."""

from __future__ import annotations

import re
import textwrap
import unicodedata
from fractions import Fraction
from pathlib import Path

import pytest

from desktop_app.domain.presets import (
    DEFAULTS,
    REASON_KEPT,
    RULE_SPECS,
    PresetError,
    format_value,
    load_presets,
    parse_preset,
    parse_rule_value,
)
from desktop_app.domain.vocab import StudioType
from desktop_app.paths import resource

PRESET_IDS = {
    "jiangyin",
    "wujin",
    "xinbei-camp",
    "xinbei-room",
    "xiamen-workshop",
    "songjiang-school",
}
# The five seeds of shared/DOMAIN.md.
KNOWN_SEEDS = {
    "000_905b77352012c72c.txt",
    "001_58995377e4ece472.txt",
    "002_fa8c89463d21dd95.txt",
    "003_5e8064883718465a.txt",
    "004_cc67f720712294f0.txt",
}
# shared/ sits beside the repository (in CI as in the workspace).
SEEDS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def presets():
    return load_presets(resource("presets"))


def test_all_six_presets_load(presets):
    assert set(presets) == PRESET_IDS
    assert presets["xinbei-camp"].studio_type is StudioType.CAMP
    assert presets["xinbei-room"].studio_type is StudioType.ROOM
    assert presets["xiamen-workshop"].studio_type is StudioType.WORKSHOP
    for preset in presets.values():
        assert preset.name and preset.issuer
        assert preset.seed in KNOWN_SEEDS


def test_every_rule_names_a_known_seed_or_is_a_program_default(presets):
    for preset in presets.values():
        for key, rule in preset.rules.items():
            assert key in RULE_SPECS
            if rule.source is None:
                assert rule.note, f"{preset.id}.{key}: a program default explains itself"
                continue
            assert rule.source.seed in KNOWN_SEEDS, f"{preset.id}.{key}"
            assert rule.source.section.strip(), f"{preset.id}.{key} has no section"
            assert str(rule.source).startswith(rule.source.seed)


def test_every_rule_in_a_file_has_a_source(presets):
    """Defaults (attendance line, cycle length) are the only rules without a source."""
    for preset in presets.values():
        unsourced = {k for k, r in preset.rules.items() if r.source is None}
        assert unsourced <= set(DEFAULTS)
    assert presets["songjiang-school"].rule("cycle_years").source is None
    assert presets["jiangyin"].rule("cycle_years").source is not None


def _bare(text: str) -> str:
    """Letters and digits only: full-width/half-width punctuation and spaces differ between
    the quotes and the seeds' web text."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if unicodedata.category(c)[0] not in "PZSC")


def test_quotes_occur_in_their_seed(presets):
    if not SEEDS_DIR.is_dir():
        # A checkout without shared/: the names were checked above; quotes need the texts.
        for preset in presets.values():
            for rule in preset.rules.values():
                assert rule.source is None or rule.source.quote
        return
    assert {p.name for p in SEEDS_DIR.glob("*.txt")} >= KNOWN_SEEDS
    texts = {name: _bare((SEEDS_DIR / name).read_text(encoding="utf-8")) for name in KNOWN_SEEDS}
    checked = 0
    for preset in presets.values():
        for key, rule in preset.rules.items():
            if rule.source is None:
                continue
            assert rule.source.quote, f"{preset.id}.{key} has no quote"
            # "……" leaves words out; "；" joins passages of two sections (as in the section).
            for fragment in re.split(r"……|；", rule.source.quote):
                if _bare(fragment):
                    assert _bare(fragment) in texts[rule.source.seed], (
                        f"{preset.id}.{key}: {fragment!r} not in {rule.source.seed}"
                    )
                    checked += 1
    assert checked >= 30


def test_jiangyin_values(presets):
    jiangyin = presets["jiangyin"]
    assert jiangyin.value("hosts") == (1, 1)
    assert jiangyin.value("service_years_min") == {"host": 6}
    assert jiangyin.value("host_title_min") == "intermediate"
    assert jiangyin.value("yearly_grant_fen") == 300000
    assert jiangyin.value("attendance_line") == Fraction(1, 3)
    assert jiangyin.value("member_cap") is None
    assert jiangyin.value("member_cap", 99) == 99


def test_overrides_keep_the_preset_value(presets):
    wujin = presets["wujin"]
    changed = wujin.with_overrides({"member_cap": (10, "区里今年名额紧")})
    rule = changed.rule("member_cap")
    assert rule.value == 10
    assert rule.overridden
    assert rule.preset_value == 12
    assert rule.override_reason == "区里今年名额紧"
    assert rule.source == wujin.rule("member_cap").source
    # the preset itself is untouched
    assert wujin.rule("member_cap").value == 12
    assert not wujin.rule("member_cap").overridden


def test_override_of_a_rule_the_seed_does_not_have(presets):
    changed = presets["jiangyin"].with_overrides({"same_school_max": (2, "同一系部不超过2人")})
    rule = changed.rule("same_school_max")
    assert (rule.value, rule.preset_value, rule.source, rule.overridden) == (2, None, None, True)


def test_override_values_are_checked(presets):
    jiangyin = presets["jiangyin"]
    assert jiangyin.with_overrides({"hosts": ([1, 2], "")}).value("hosts") == (1, 2)
    assert jiangyin.with_overrides({"attendance_line": ("1/4", "")}).value(
        "attendance_line"
    ) == Fraction(1, 4)
    with pytest.raises(PresetError, match="unknown rule"):
        jiangyin.with_overrides({"no_such_rule": (1, "")})
    for key, bad in [
        ("member_cap", -1),
        ("member_cap", "10"),
        ("member_cap", True),
        ("hosts", [3, 1]),
        ("host_title_min", "特级"),
        ("attendance_line", "3/2"),
        ("service_years_min", {"principal": 3}),
        ("host_honours_any", []),
    ]:
        with pytest.raises(PresetError):
            jiangyin.with_overrides({key: (bad, "")})


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")


GOOD = """\
id = "test"
name = "测试"
issuer = "测试局"
seed = "004_cc67f720712294f0.txt"
studio_type = "studio"
"""


def test_a_rule_without_source_is_refused(tmp_path):
    _write(tmp_path, "a.toml", GOOD + "[rules.member_cap]\nvalue = 12\n")
    with pytest.raises(PresetError, match="no source"):
        load_presets(tmp_path)


def test_an_unknown_rule_is_refused(tmp_path):
    _write(
        tmp_path,
        "a.toml",
        GOOD + '[rules.member_limit]\nvalue = 12\nsource = { section = "一" }\n',
    )
    with pytest.raises(PresetError, match="unknown rule 'member_limit'"):
        load_presets(tmp_path)


@pytest.mark.parametrize(
    "text",
    [
        GOOD.replace('id = "test"\n', ""),
        GOOD.replace('studio_type = "studio"', 'studio_type = "school"'),
        GOOD + '[rules.hosts]\nvalue = [2, 1]\nsource = { section = "一" }\n',
        GOOD + '[rules.member_cap]\nvalue = "many"\nsource = { section = "一" }\n',
        GOOD + '[rules.member_cap]\nsource = { section = "一" }\n',
        GOOD + '[rules.member_cap]\nvalue = 3\nsource = { quote = "…" }\n',
    ],
)
def test_malformed_presets_raise_preset_error(tmp_path, text):
    _write(tmp_path, "a.toml", text)
    with pytest.raises(PresetError):
        load_presets(tmp_path)


def test_duplicate_ids_are_refused(tmp_path):
    _write(tmp_path, "a.toml", GOOD)
    _write(tmp_path, "b.toml", GOOD)
    with pytest.raises(PresetError, match="duplicate"):
        load_presets(tmp_path)


def test_a_minimal_preset_gets_the_defaults(tmp_path):
    _write(tmp_path, "a.toml", GOOD)
    preset = load_presets(tmp_path)["test"]
    assert preset.value("cycle_years") == 3
    assert preset.rule("cycle_years").source is None


def test_a_preset_carries_only_what_its_document_states(tmp_path):
    """No absence line or spending categories unless the document names them: the
    studio is asked (its own rule), never given seed 004's as if its document said so."""
    _write(tmp_path, "a.toml", GOOD)
    preset = load_presets(tmp_path)["test"]
    assert preset.rule("attendance_line") is None
    assert preset.rule("expense_categories") is None
    assert preset.asks() == ["attendance_line", "expense_categories"]
    presets = load_presets(resource("presets"))
    assert presets["jiangyin"].asks() == []
    for preset_id in ("wujin", "xinbei-camp", "xinbei-room", "xiamen-workshop", "songjiang-school"):
        assert presets[preset_id].asks() == ["attendance_line", "expense_categories"], preset_id
        assert presets[preset_id].rule("attendance_line") is None


def test_a_studio_rule_is_the_studios_own_and_may_be_none():
    wujin = load_presets(resource("presets"))["wujin"]
    own = wujin.for_studio({"attendance_line": ("1/4", "建立工作室时确定")})
    line = own.rule("attendance_line")
    assert line.value == Fraction(1, 4) and line.by_studio
    assert line.source_label == "本工作室规定"
    assert format_value("attendance_line", line.value) == "1/4"
    # categories never asked (a database older than the question): the usual ones, kept
    # as the studio's own rule
    categories = own.rule("expense_categories")
    assert categories.value == ["培训研修", "课程资源开发", "专家指导", "课题研究"]
    assert categories.by_studio and categories.override_reason == REASON_KEPT
    none = wujin.for_studio({"attendance_line": (None, ""), "expense_categories": (None, "")})
    assert none.rule("attendance_line").value is None
    assert none.value("attendance_line") is None
    assert format_value("attendance_line", None) == "不设"
    assert parse_rule_value("attendance_line", "不设") is None
    # a rule the document states keeps a value
    with pytest.raises(PresetError):
        load_presets(resource("presets"))["jiangyin"].for_studio({"attendance_line": (None, "")})


def test_jiangyin_gives_exactly_one_third_with_its_sources():
    """以上 includes the number itself (《民法典》第一千二百五十九条): the jiangyin preset
    turns the setting on, citing the seed and the article; a studio's own setting wins."""
    jiangyin = load_presets(resource("presets"))["jiangyin"]
    given = jiangyin.settings["attendance.exact_third_counts"]
    assert given.value is True
    assert given.source.seed.startswith("004_") and given.source.section == "四、(二)3"
    assert "缺勤三分之一以上" in given.source.quote
    assert "第一千二百五十九条" in given.basis and "包括本数" in given.basis_quote
    seed = (SEEDS_DIR / given.source.seed).read_text(encoding="utf-8")
    assert _bare(given.source.quote) in _bare(seed)
    value = jiangyin.setting("attendance.exact_third_counts", {})
    assert (value.value, value.origin) == (True, "preset")
    assert "《江阴中专名班主任工作室建设方案》四、(二)3" in value.origin_text
    assert "第一千二百五十九条" in value.origin_text
    own = jiangyin.setting(
        "attendance.exact_third_counts", {"attendance.exact_third_counts": False}
    )
    assert (own.value, own.origin) == (False, "studio")
    assert "本工作室设置" in own.origin_text and "规定为开启" in own.origin_text
    other = load_presets(resource("presets"))["wujin"].setting("attendance.exact_third_counts", {})
    assert (other.value, other.origin, other.origin_text) == (False, "default", "按通常做法")


def test_rule_source_seed_defaults_to_the_preset_seed():
    preset = parse_preset(
        {
            "id": "x",
            "name": "x",
            "issuer": "x",
            "seed": "002_fa8c89463d21dd95.txt",
            "studio_type": "studio",
            "rules": {
                "member_cap": {"value": 12, "source": {"section": "四、(一)"}},
                "member_min": {
                    "value": 2,
                    "source": {"section": "二", "seed": "001_58995377e4ece472.txt"},
                },
            },
        },
        "inline",
    )
    assert str(preset.rule("member_cap").source) == "002_fa8c89463d21dd95.txt 四、(一)"
    assert preset.rule("member_min").source.seed == "001_58995377e4ece472.txt"


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("yearly_grant_fen", 300000, "3,000.00 元"),
        ("yearly_grant_fen", 123456, "1,234.56 元"),
        ("hosts", (1, 2), "1–2 名"),
        ("hosts", (1, 1), "1 名"),
        ("host_title_min", "intermediate", "中级及以上"),
        ("attendance_line", Fraction(1, 3), "1/3"),
        ("member_cap", 15, "15 人"),
        ("cycle_years", 3, "3 年"),
        ("service_years_min", {"host": 10, "member": 3}, "主持人 10 年；成员 3 年"),
        ("age_under", {"member": 40}, "成员 40 周岁以下"),
        ("host_honours_any", ["市特级班主任"], "市特级班主任（其一）"),
        ("member_cap", None, "—"),
    ],
)
def test_format_value(key, value, shown):
    assert format_value(key, value) == shown
