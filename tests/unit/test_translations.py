"""The zh_CN catalogue is complete, current, compiled, and actually used.

A failure here usually means: run ``python packaging/translations.py update``, translate the
new entries in resources/i18n/studiodesk_zh_CN.ts, then ``python packaging/translations.py
compile`` and commit both files.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "studiodesk_zh_CN.ts"
QM = ROOT / "resources" / "i18n" / "studiodesk_zh_CN.qm"
PLACEHOLDER = re.compile(r"%(?:n|\d+)")
HINT = "run `python packaging/translations.py update`, translate, then `... compile`"


def _load_translations_module():
    spec = importlib.util.spec_from_file_location(
        "studiodesk_packaging_translations", ROOT / "packaging" / "translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


translations = _load_translations_module()


def _messages(ts_file: Path):
    """(context, source, message element) for every message of a .ts file."""
    root = ET.parse(ts_file).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            yield name, message.findtext("source", ""), message


def _texts(message: ET.Element) -> list[str]:
    """The translation text(s): one per numerusform for a numerus message."""
    translation = message.find("translation")
    if translation is None:
        return []
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def _unfinished(ts_file: Path) -> list[str]:
    return [
        f"{context}: {source!r}"
        for context, source, message in _messages(ts_file)
        if (message.find("translation") is not None)
        and message.find("translation").get("type") == "unfinished"
    ]


def test_ts_file_has_messages():
    assert len(list(_messages(TS))) > 100


def test_every_message_is_translated():
    problems = []
    for context, source, message in _messages(TS):
        translation = message.find("translation")
        kind = translation.get("type") if translation is not None else None
        texts = _texts(message)
        if kind in ("obsolete", "vanished"):
            problems.append(f"{context}: {source!r} is {kind} (the .ts needs `update`)")
        elif kind == "unfinished":
            problems.append(f"{context}: {source!r} is unfinished")
        elif not texts or not all(t.strip() for t in texts):
            what = "numerusforms" if message.get("numerus") == "yes" else "translation"
            problems.append(f"{context}: {source!r} has an empty {what}")
    assert not problems, f"{HINT}:\n" + "\n".join(problems)


def test_translations_keep_the_placeholders():
    problems = []
    for context, source, message in _messages(TS):
        wanted = set(PLACEHOLDER.findall(source))
        for text in _texts(message):
            if text and set(PLACEHOLDER.findall(text)) != wanted:
                problems.append(f"{context}: {source!r} → {text!r}")
    assert not problems, "placeholders differ:\n" + "\n".join(problems)


def test_ts_file_knows_every_source_string(tmp_path):
    copy = tmp_path / TS.name
    shutil.copyfile(TS, copy)
    translations.update([copy], extra=("-no-obsolete", "-locations", "none"))
    missing = _unfinished(copy)
    assert not missing, (
        f"source strings in the code that the committed .ts lacks ({HINT}):\n" + "\n".join(missing)
    )


def test_committed_qm_matches_the_ts(tmp_path):
    # lrelease output is byte-stable for the same .ts (checked when this test was
    # written), so the committed .qm must equal a fresh compile byte for byte.
    fresh = tmp_path / QM.name
    subprocess.run(
        [*translations.qt_tool("lrelease"), str(TS), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert QM.exists(), "no .qm: run `python packaging/translations.py compile`"
    assert fresh.read_bytes() == QM.read_bytes(), (
        "resources/i18n/studiodesk_zh_CN.qm is stale: "
        "run `python packaging/translations.py compile`"
    )


@pytest.fixture
def restore_language(qapp):
    locale = QLocale()
    yield
    # The GUI tests expect the English source strings: leave no translator installed.
    from desktop_app.gui.i18n import install_translators

    install_translators(qapp, "en")
    QLocale.setDefault(locale)


def test_install_translators_switches_language(qapp, restore_language):
    from desktop_app.gui import labels
    from desktop_app.gui.i18n import install_translators

    assert install_translators(qapp, "zh_CN")
    assert QCoreApplication.translate("MainWindow", "Members") == "成员管理"
    assert labels.role("host") == "主持人"  # the domain's own word (domain/vocab.py)
    assert QCoreApplication.translate("RosterModel", "%n warning(s)", "", 3) == "3 条提示"

    assert install_translators(qapp, "en")
    assert QCoreApplication.translate("MainWindow", "Members") == "Members"
    assert labels.role("host") == "Host/leader"
    assert QCoreApplication.translate("RosterModel", "%n warning(s)", "", 3) == "3 warning(s)"

    assert install_translators(qapp, "zh_CN")
    assert QCoreApplication.translate("MainWindow", "Members") == "成员管理"
