"""The text catalogue below the GUI (gettext) is complete, current, compiled and used.

A failure here usually means: run ``python packaging/translations.py update``, translate
the new entries in resources/locale/zh_CN/LC_MESSAGES/studiodesk.po, then ``python
packaging/translations.py compile`` and commit the .pot, .po and .mo.
"""

from __future__ import annotations

import ast
import gettext
import importlib.util
import string
from pathlib import Path

import pytest

from desktop_app.domain import messages

ROOT = Path(__file__).resolve().parents[2]
HINT = "run `python packaging/translations.py update`, translate, then `... compile`"


def _load_text_catalogue():
    spec = importlib.util.spec_from_file_location(
        "studiodesk_packaging_text_catalogue", ROOT / "packaging" / "text_catalogue.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


catalogue = _load_text_catalogue()


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def entries(language: str = "zh_CN"):
    """The .po's messages, the header left out."""
    return [m for m in catalogue.read(catalogue.po_path(language), language) if m.id]


def where(message) -> str:
    return f"{message.context}: {message.id!r}" if message.context else repr(message.id)


def test_the_catalogue_has_the_messages():
    assert len(entries()) > 400


def test_every_entry_is_translated_and_not_fuzzy():
    untranslated = [where(m) for m in entries() if not m.string or not m.string.strip()]
    fuzzy = [where(m) for m in entries() if m.fuzzy]
    assert not untranslated, f"untranslated ({HINT}): {untranslated}"
    assert not fuzzy, f"fuzzy, check and clear the flag: {fuzzy}"


def test_translations_keep_the_placeholders():
    problems = [
        f"{where(m)} → {m.string!r}"
        for m in entries()
        if placeholders(m.id) != placeholders(m.string)
    ]
    assert not problems


def test_the_template_is_what_the_code_marks(capsys):
    # A text added to the code and not extracted would be shown in English to everyone.
    extracted = catalogue.po_text(catalogue.extract())
    assert not capsys.readouterr().err, "Babel skipped a text (an f-string in a marker?)"
    assert catalogue.POT.read_bytes() == extracted, f"studiodesk.pot is out of date: {HINT}"


def test_the_po_holds_exactly_the_templates_messages():
    template = {(m.context, m.id) for m in catalogue.read(catalogue.POT) if m.id}
    po = {(m.context, m.id) for m in entries()}
    assert template - po == set(), f"missing from the .po: {HINT}"
    assert po - template == set(), f"no longer in the code: {HINT}"


def test_committed_mo_matches_the_po():
    for language in catalogue.LANGUAGES:
        compiled = catalogue.mo_bytes(catalogue.read(catalogue.po_path(language), language))
        assert catalogue.mo_path(language).read_bytes() == compiled, (
            f"{language}: the .mo is not the compiled .po; run `translations.py compile`"
        )


def test_the_program_reads_the_compiled_catalogue():
    found = gettext.translation(
        catalogue.DOMAIN, localedir=ROOT / "resources" / "locale", languages=["zh_CN"]
    )
    assert isinstance(found, gettext.GNUTranslations)
    assert messages.DOMAIN == catalogue.DOMAIN


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_code_resolves_in_the_language(language):
    messages.set_language(language)
    try:
        for code, message in {**messages.MESSAGES, **messages.FIELDS}.items():
            english = message[1] if isinstance(message, tuple) else message
            shown = messages.translate(message)
            if language == "en":
                assert shown == english, code
            else:
                assert shown != english, f"{code} is shown in English: {HINT}"
    finally:
        messages.set_language("zh_CN")


def say_calls():
    for path in sorted((ROOT / "desktop_app" / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say":
                yield f"{path.name}:{node.lineno}", node


def test_say_is_given_a_marked_english_text():
    # Babel extracts say's first argument only when it is written out: a variable or an
    # f-string would reach the user untranslated.
    def marked(node: ast.Call) -> bool:
        if len(node.args) != 1:
            return False
        text = node.args[0]
        if isinstance(text, ast.Constant):
            return isinstance(text.value, str)
        return (
            isinstance(text, ast.Call)
            and getattr(text.func, "id", None) == "NC_"
            and all(isinstance(a, ast.Constant) for a in text.args)
        )

    calls = list(say_calls())
    assert len(calls) > 70
    assert [place for place, node in calls if not marked(node)] == []


def test_say_fills_in_the_language():
    from desktop_app.cli.common import say

    assert say("no database at {path}", path="x.db") == "找不到数据库：x.db"
    assert say("nobody called {member} on the roster", member="“王”") == (
        "名册中没有名为“‘王’”的成员"
    )
    messages.set_language("en")
    try:
        assert say("no database at {path}", path="x.db") == "no database at x.db"
    finally:
        messages.set_language("zh_CN")
