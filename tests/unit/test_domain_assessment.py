"""Assessment templates as the program reads them, and the arithmetic of a score sheet:
totals in tenths, subtotals per indicator, the grade at its thresholds, and the schema
errors a malformed template raises."""

from __future__ import annotations

import copy
from fractions import Fraction

import pytest

from desktop_app.domain.assessment import (
    ScoreSheet,
    TemplateError,
    format_tenths,
    load_templates,
    parse_template,
)
from desktop_app.domain.vocab import Grade
from desktop_app.paths import resource

TEMPLATES = load_templates(resource("assessments"))
JIANGYIN = TEMPLATES["jiangyin-review"]


def full_marks(template) -> dict[str, int]:
    return {leaf.code: leaf.max_points * 10 for leaf in template.leaves()}


def sheet_totalling(tenths: int) -> ScoreSheet:
    """Full marks on the jiangyin template less the difference, taken from the leaves
    in order."""
    scores = full_marks(JIANGYIN)
    missing = 1000 - tenths
    for code in scores:
        take = min(scores[code], missing)
        scores[code] -= take
        missing -= take
    assert missing == 0
    return ScoreSheet(JIANGYIN, scores)


# --- the real templates ---


def test_the_three_templates_load():
    assert set(TEMPLATES) >= {"jiangyin-review", "wujin-final", "xinbei-member"}
    for template in TEMPLATES.values():
        assert template.max_points == 100
        assert template.grades == (("excellent", 90), ("pass", 60))
    assert [t.id for t in TEMPLATES.values() if t.for_member] == ["xinbei-member"]
    assert JIANGYIN.kinds == ("midterm", "final")
    assert JIANGYIN.source.seed.startswith("004_")


def test_inner_nodes_sum_their_leaves():
    for indicator in JIANGYIN.walk():
        if not indicator.is_leaf:
            assert indicator.max_points == sum(c.max_points for c in indicator.children)
            assert indicator.rule is None
    top = {i.code: i.max_points for i in JIANGYIN.indicators}
    assert top == {"1": 10, "2": 15, "3": 35, "4": 35, "5": 5}
    assert JIANGYIN.indicator("1.3.1").level == 3
    assert JIANGYIN.indicator("5.1").level == 2 and JIANGYIN.indicator("5.1").is_leaf
    with pytest.raises(KeyError):
        JIANGYIN.indicator("9.9")


def test_rules_read_from_the_file():
    tasks = JIANGYIN.indicator("3.3.1").rule
    assert (tasks.kind, tasks.minimum) == ("tasks_done", Fraction(1, 2))
    lessons = JIANGYIN.indicator("4.2.3").rule
    assert (lessons.kind, lessons.minimum, lessons.activity_kind) == (
        "activities",
        1,
        "open_lesson",
    )
    assert isinstance(JIANGYIN.indicator("3.2.1").rule.minimum, int)
    member = TEMPLATES["xinbei-member"].indicator("1.1").rule
    assert member.for_member and member.minimum == Fraction(2, 3)
    assert not tasks.for_member


# --- grades at the thresholds ---


@pytest.mark.parametrize(
    ("tenths", "grade"),
    [
        (1000, Grade.EXCELLENT),
        (900, Grade.EXCELLENT),
        (899, Grade.PASS),
        (600, Grade.PASS),
        (599, Grade.FAIL),
        (0, Grade.FAIL),
    ],
)
def test_grade_for_the_total(tenths, grade):
    assert JIANGYIN.grade_for(tenths) is grade
    sheet = sheet_totalling(tenths)
    assert sheet.total_tenths == tenths
    assert sheet.grade is grade
    assert sheet.complete


def test_grade_words():
    assert sheet_totalling(899).grade.zh == "合格"
    assert sheet_totalling(900).grade.zh == "优秀"
    assert sheet_totalling(599).grade.zh == "不合格"
    assert format_tenths(899) == "89.9" and format_tenths(599) == "59.9"


def test_consequences_of_a_grade():
    fail = JIANGYIN.consequences_for("midterm", Grade.FAIL)
    assert len(fail) == 1 and "取消资格" in fail[0].source.quote
    assert fail[0].source.section == "五、(一)3"
    assert JIANGYIN.consequences_for("midterm", Grade.EXCELLENT) == []
    assert TEMPLATES["wujin-final"].consequences_for("final", Grade.EXCELLENT)


def test_wujin_dissolution_belongs_to_the_final_review_only():
    """Seed 002 §七: 撤销工作室建制 follows the review after three years of running,
    not the yearly plan and summary."""
    wujin = TEMPLATES["wujin-final"]
    final = wujin.consequences_for("final", Grade.FAIL)
    assert ["“不合格”将撤销工作室建制"] == [c.source.quote for c in final]
    assert wujin.consequences_for("annual", Grade.FAIL) == []
    assert wujin.consequences_for("annual", Grade.EXCELLENT) == []


def test_jiangyin_final_review_has_its_outcomes_and_not_the_midterm_clause():
    """Seed 004 五、(一)3: 不到标 costs the place at the mid-term review; passing the final
    review brings 名班主任, 骨干班主任, the certificate and 校级学分."""
    for grade in (Grade.PASS, Grade.EXCELLENT):
        quotes = " ".join(c.source.quote for c in JIANGYIN.consequences_for("final", grade))
        for words in ("“名班主任”称号", "骨干班主任", "培训合格证书", "校级培训学分"):
            assert words in quotes, (grade, words)
        assert "中期考核" not in quotes
    assert JIANGYIN.consequences_for("final", Grade.FAIL) == []
    assert JIANGYIN.consequences_for("midterm", Grade.PASS) == []


def test_no_consequence_without_a_grade():
    assert TEMPLATES["wujin-final"].consequences_for("final", None) == []


# --- score sheets ---


def test_subtotals_and_unscored_leaves():
    sheet = ScoreSheet(JIANGYIN, {"1.1.1": 25, "1.2.1": 30, "1.3.1": None, "2.1.1": 15})
    assert sheet.node_total(JIANGYIN.indicator("1.1")) == 25
    assert sheet.node_total(JIANGYIN.indicator("1")) == 55  # the unscored leaf counts 0
    assert sheet.node_total(JIANGYIN.indicator("2")) == 15
    assert sheet.node_total(JIANGYIN.indicator("3")) == 0
    assert sheet.total_tenths == 70
    assert format_tenths(sheet.total_tenths) == "7"
    unscored = [i.code for i in sheet.unscored]
    assert "1.3.1" in unscored and "1.1.1" not in unscored
    assert len(unscored) == len(JIANGYIN.leaves()) - 3
    assert not sheet.complete and sheet.scored_count == 3


def test_no_grade_until_every_leaf_is_scored():
    """An empty sheet is not 不合格: it has no grade; nor has one with a leaf left."""
    assert ScoreSheet(JIANGYIN, {}).grade is None
    scores = full_marks(JIANGYIN)
    scores[next(iter(scores))] = None
    assert ScoreSheet(JIANGYIN, scores).grade is None
    scores[next(iter(scores))] = 0
    assert ScoreSheet(JIANGYIN, scores).grade is Grade.EXCELLENT


def test_a_zero_is_a_score():
    scores = dict.fromkeys(full_marks(JIANGYIN), 0)
    sheet = ScoreSheet(JIANGYIN, scores)
    assert sheet.complete and sheet.total_tenths == 0


def test_full_marks():
    sheet = ScoreSheet(JIANGYIN, full_marks(JIANGYIN))
    assert sheet.total_tenths == 1000
    assert [sheet.node_total(i) for i in JIANGYIN.indicators] == [100, 150, 350, 350, 50]


@pytest.mark.parametrize(("tenths", "text"), [(0, "0"), (45, "4.5"), (40, "4"), (1000, "100")])
def test_format_tenths(tenths, text):
    assert format_tenths(tenths) == text


# --- parsing ---

VALID = {
    "id": "t",
    "title": "测试模板",
    "seed": "004_cc67f720712294f0.txt",
    "section": "附件2",
    "kinds": ["midterm"],
    "grades": [{"grade": "excellent", "min": 90}, {"grade": "pass", "min": 60}],
    "consequences": [
        {"grades": ["fail"], "kinds": ["midterm"], "section": "五", "quote": "取消资格"}
    ],
    "indicators": [
        {
            "code": "1",
            "text": "总体要求",
            "children": [
                {"code": "1.1", "text": "规划", "max": 40, "rule": {"kind": "build_plan_exists"}},
                {
                    "code": "1.2",
                    "text": "出勤",
                    "max": 60,
                    "rule": {"kind": "attendance_rate", "min": "4/5"},
                },
            ],
        }
    ],
}


def changed(edit) -> dict:
    data = copy.deepcopy(VALID)
    edit(data)
    return data


def leaf(data: dict, index: int) -> dict:
    return data["indicators"][0]["children"][index]


def test_a_valid_template_parses():
    template = parse_template(copy.deepcopy(VALID))
    assert template.max_points == 100
    assert [i.code for i in template.walk()] == ["1", "1.1", "1.2"]
    assert template.indicator("1.2").rule.minimum == Fraction(4, 5)
    assert template.consequences_for("midterm", Grade.FAIL)[0].source.quote == "取消资格"
    assert not template.for_member


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (lambda d: leaf(d, 0).update(rule={"kind": "no_such_rule"}), "unknown rule kind"),
        (lambda d: leaf(d, 1).update(code="1.1"), "indicator code 1.1 twice"),
        (lambda d: d["indicators"][0].update(max=10), "only leaves carry max and rule"),
        (
            lambda d: d["indicators"][0].update(rule={"kind": "roster_ok"}),
            "only leaves carry max and rule",
        ),
        (lambda d: leaf(d, 0).update(max=0), "max must be positive"),
        (
            lambda d: leaf(d, 0).update(rule={"kind": "build_plan_exists", "min": 1}),
            "takes no ['min']",
        ),
        (
            lambda d: leaf(d, 0).update(rule={"kind": "member_flag_clear"}),
            "member rules ['1.1'] in a studio template",
        ),
        (lambda d: d.update(kinds=["yearly_party"]), "yearly_party"),
        (lambda d: d["grades"].reverse(), "highest first"),
        (lambda d: d["grades"].append({"grade": "good", "min": 75}), "good"),
        (
            lambda d: leaf(d, 0).update(rule={"kind": "member_duty"}),
            "member_duty needs record_kind",
        ),
        (
            lambda d: leaf(d, 0).update(rule={"kind": "activities", "activity_kind": "party"}),
            "party",
        ),
        (lambda d: d.pop("title"), "title"),
        (lambda d: leaf(d, 1).pop("max"), "max"),
        (
            lambda d: d["consequences"][0].update(kinds=["final"]),
            "consequence for kinds ['final'] the template is not used for",
        ),
        (lambda d: d["consequences"][0].pop("kinds"), "kinds"),
        (lambda d: d["consequences"][0].update(grades=[]), "names its grades and kinds"),
    ],
)
def test_malformed_templates_are_refused(edit, words):
    with pytest.raises(TemplateError) as caught:
        parse_template(changed(edit))
    assert words in str(caught.value)


def test_a_member_template_may_use_member_rules():
    def member(d):
        d["kinds"] = ["member"]
        d["consequences"][0]["kinds"] = ["member"]
        leaf(d, 0)["rule"] = {"kind": "member_duty", "record_kind": "paper"}

    template = parse_template(changed(member))
    assert template.for_member
    assert template.indicator("1.1").rule.record_kind == "paper"


def test_the_file_name_is_the_id(tmp_path):
    (tmp_path / "other-name.toml").write_text(
        'id = "t"\ntitle = "x"\nseed = "s"\nkinds = ["midterm"]\n'
        'grades = [{grade = "pass", min = 60}]\n'
        'indicators = [{code = "1", text = "x", max = 100}]\n',
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match="differs from the file name"):
        load_templates(tmp_path)
    (tmp_path / "other-name.toml").rename(tmp_path / "t.toml")
    assert list(load_templates(tmp_path)) == ["t"]
