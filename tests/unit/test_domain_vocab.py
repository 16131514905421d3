"""The closed vocabularies: codes, Chinese words and the aliases people type."""

from __future__ import annotations

import pytest

from desktop_app.domain import vocab
from desktop_app.domain.vocab import (
    Gender,
    RecordKind,
    RecordLevel,
    Role,
    Stage,
    StudioLevel,
    StudioType,
    TeachingTitle,
    Vocab,
    normalise_word,
)

ALL_VOCABS = [Role, Stage, Gender, TeachingTitle, StudioLevel, StudioType, RecordLevel, RecordKind]


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("成员", Role.MEMBER),
        ("学员", Role.MEMBER),
        ("成员/学员", Role.MEMBER),
        ("成员／学员", Role.MEMBER),
        (" 学 员 ", Role.MEMBER),
        ("坊成员", Role.CORE),
        ("核心成员（坊成员）", Role.CORE),
        ("领衔人", Role.HOST),
        ("主持人", Role.HOST),
        ("坊主", Role.HOST),
        ("HOST", Role.HOST),
        ("导师", Role.MENTOR),
        ("研修人员", Role.OBSERVER),
        ("研修员", Role.OBSERVER),
    ],
)
def test_role_aliases(word, role):
    assert Role.parse(word) is role


@pytest.mark.parametrize("word", ["校长", "", "   ", "成员学员助理"])
def test_unknown_words_give_none(word):
    assert Role.parse(word) is None


def test_other_aliases():
    assert TeachingTitle.parse("一级教师") is TeachingTitle.INTERMEDIATE
    assert TeachingTitle.parse("副高") is TeachingTitle.SENIOR
    assert StudioType.parse("优秀班主任培育室") is StudioType.ROOM
    assert RecordKind.parse("先进班集体") is RecordKind.CLASS_HONOUR
    assert RecordKind.parse("课题") is RecordKind.RESEARCH
    assert RecordLevel.parse("县级") is RecordLevel.DISTRICT
    assert Stage.parse("个人申报") is Stage.APPLIED
    assert Gender.parse("F") is Gender.FEMALE


@pytest.mark.parametrize("cls", ALL_VOCABS)
def test_every_word_means_one_thing(cls: type[Vocab]):
    """An alias shared by two items would make parsing depend on declaration order."""
    seen: dict[str, str] = {}
    for item in cls:
        for word in {normalise_word(w) for w in (item.code, item.zh, *item.value.aliases)}:
            assert word not in seen, f"{cls.__name__}: {word!r} is {seen[word]} and {item.code}"
            seen[word] = item.code


@pytest.mark.parametrize("cls", ALL_VOCABS)
def test_from_code_round_trip(cls: type[Vocab]):
    for item in cls:
        assert cls.from_code(item.code) is item
        assert cls.parse(item.zh) is item
    with pytest.raises(ValueError):
        cls.from_code("no-such-code")


def test_title_rank_is_ordered():
    ranks = [t.rank for t in TeachingTitle]
    assert ranks == sorted(ranks)
    assert TeachingTitle.INTERMEDIATE.rank < TeachingTitle.SENIOR.rank


def test_lifecycle_ends_with_the_list():
    assert list(Stage)[-1] is Stage.CONFIRMED
    assert [s.zh for s in Stage] == ["申报", "学校推荐", "组织遴选", "行政审核", "确定名单"]
    assert "已退出" in vocab.LEFT_STATUS_ALIASES


def test_words_lists_chinese():
    assert Gender.words() == "男、女"


def test_zh_of_a_code_or_the_code_itself():
    assert Role.zh_of("host") == "主持人"
    assert RecordKind.zh_of("no-such-code") == "no-such-code"  # an older record's word
