"""The message catalogue below the GUI, and the per-studio setting specs."""

from __future__ import annotations

import string

import pytest

from desktop_app.domain import messages
from desktop_app.domain.problems import ValidationError, problem
from desktop_app.domain.settings import SETTINGS, spec_for


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def in_both(words) -> tuple[str, str]:
    """(English, Chinese) of ``words()`` (a message or a field name)."""
    messages.set_language("en")
    try:
        en = words()
    finally:
        messages.set_language("zh_CN")
    return en, words()


@pytest.mark.parametrize("code", sorted(messages.MESSAGES))
def test_message_has_both_languages_with_the_same_placeholders(code):
    en, zh = in_both(lambda: messages.template(code))
    assert en.strip() and zh.strip()
    assert en != zh, code
    assert placeholders(en) == placeholders(zh), code


@pytest.mark.parametrize("key", sorted(messages.FIELDS))
def test_field_has_both_languages(key):
    en, zh = in_both(lambda: messages.field_name(key))
    assert en.strip() and zh.strip()
    assert en != zh, key
    assert not placeholders(en) and not placeholders(zh)


def test_every_message_formats_with_its_placeholders():
    for code in messages.MESSAGES:
        params = {name: "x" for name in placeholders(messages.template(code))}
        for language in ("en", "zh_CN"):
            messages.set_language(language)
            assert messages.text(code, **params)


def test_text_names_the_field_in_the_language():
    assert messages.text("required", field="birth_date") == "出生日期不能为空"
    messages.set_language("en_US")
    assert messages.language() == "en"
    assert messages.text("required", field="birth_date") == "birth date is required"
    assert messages.field_name("no_such_field") == "no_such_field"
    messages.set_language("zh_CN")
    assert messages.language() == "zh_CN"


def test_problem_and_validation_error():
    p = problem("phone", "bad_phone", value="abc")
    assert (p.field, p.message, str(p)) == ("phone", "联系电话：“abc”不是电话号码", p.message)
    error = ValidationError([p, problem("name", "required")])
    assert str(error) == "联系电话：“abc”不是电话号码; 姓名不能为空"


def test_settings_have_help_in_both_languages():
    assert "export.mask_personal_data" in SETTINGS
    for spec in SETTINGS.values():
        # English in the code, its Chinese from the text catalogue
        assert spec.help_message and messages.translate(spec.help_message, "zh_CN")
        assert messages.translate(spec.help_message, "zh_CN") != spec.help_message
        assert spec.parse(spec.format(spec.default)) == spec.default


@pytest.mark.parametrize(
    ("raw", "value"), [("true", True), ("否", False), ("OFF", False), (True, True)]
)
def test_boolean_setting_parses(raw, value):
    assert spec_for("export.mask_personal_data").parse(raw) is value


def test_setting_refusals_name_the_field():
    with pytest.raises(ValidationError) as caught:
        spec_for("export.mask_personal_data").parse("maybe")
    assert caught.value.problems[0].field == "value"
    assert "true, false" in caught.value.problems[0].message
    with pytest.raises(ValidationError) as caught:
        spec_for("no.such.key")
    assert caught.value.problems[0].field == "key"
    assert caught.value.problems[0].message == "未知的设置项“no.such.key”"
