"""The domain's words on the widgets are the vocabulary's own in Chinese (defined once,
in domain/vocab.py, as the documents print them) and English otherwise."""

from __future__ import annotations

import pytest

from desktop_app.domain import vocab
from desktop_app.gui import labels
from desktop_app.gui.i18n import install_translators

WORDS = [
    (labels.role, vocab.Role),
    (labels.stage, vocab.Stage),
    (labels.gender, vocab.Gender),
    (labels.title, vocab.TeachingTitle),
    (labels.tier, vocab.TrainingTier),
    (labels.studio_level, vocab.StudioLevel),
    (labels.studio_type, vocab.StudioType),
    (labels.record_kind, vocab.RecordKind),
    (labels.record_level, vocab.RecordLevel),
    (labels.activity_kind, vocab.ActivityKind),
    (labels.attendance_status, vocab.AttendanceStatus),
]


@pytest.fixture
def chinese(qapp):
    assert install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


@pytest.mark.parametrize(("label", "words"), WORDS)
def test_chinese_is_the_vocabularys_word(chinese, label, words):
    for item in words:
        if item is vocab.RecordKind.LECTURE:
            assert label(item.code) == "讲座/交流"  # the widgets' wider word
        else:
            assert label(item.code) == item.zh
    assert label("no-such-code") == "no-such-code"
    assert labels.status("left") == vocab.LEFT_STATUS_ZH


@pytest.mark.parametrize(("label", "words"), WORDS)
def test_english_has_a_word_for_every_code(qapp, label, words):
    for item in words:
        word = label(item.code)
        assert word and word != item.code and word.isascii()
    assert labels.status("left") == "Left"
