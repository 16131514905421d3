"""Presets and sources in the user's words: named by their documents' titles, never by
a preset id, a seed file or "seed 004"; a studio never reads of another preset's
document; a value the document does not set is said to be the usual one, not the
program's."""

from __future__ import annotations

import re

import pytest
from conftest import jiangyin_studio
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QListWidget,
    QTableWidget,
    QWidget,
)

from desktop_app.domain import messages
from desktop_app.domain.presets import SEED_TITLES
from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.wizard import SetupWizard
from desktop_app.services.presets import all_presets

PRESET_IDS = sorted(all_presets())
JARGON = re.compile(r"seed|\.txt|program default|程序默认|StudioDesk 的默认", re.IGNORECASE)


def widget_texts(root: QWidget) -> list[str]:
    """Every text a user can read in ``root``: labels, buttons, tooltips, combo items,
    table and list cells."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTableWidget):
            for row in range(widget.rowCount()):
                for column in range(widget.columnCount()):
                    item = widget.item(row, column)
                    if item is not None:
                        texts += [item.text(), item.toolTip()]
        if isinstance(widget, QListWidget):
            for row in range(widget.count()):
                texts += [widget.item(row).text(), widget.item(row).toolTip()]
    return [t for t in texts if t]


def ids_in(text: str) -> list[str]:
    return [i for i in PRESET_IDS if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]


def test_every_preset_is_named_by_its_documents_title():
    for preset in all_presets().values():
        assert preset.title.startswith(f"《{SEED_TITLES[preset.seed]}》")
        assert not ids_in(preset.title)
    titles = [p.title for p in all_presets().values()]
    assert len(set(titles)) == len(titles)  # the two of one document are told apart


def test_the_wizard_lists_presets_by_title_without_ids(qtbot, empty_services):
    wizard = SetupWizard(empty_services.studio)
    qtbot.addWidget(wizard)
    combo = wizard.studio_page.preset_combo
    items = [combo.itemText(i) for i in range(combo.count())]
    assert sorted(combo.itemData(i) for i in range(combo.count())) == PRESET_IDS
    assert all(text.startswith("《") for text in items)
    for preset_id in PRESET_IDS:
        combo.setCurrentIndex(combo.findData(preset_id))
        texts = widget_texts(wizard.studio_page)
        assert not [t for t in texts if ids_in(t) or JARGON.search(t)], preset_id


@pytest.mark.parametrize("preset_id", [p for p in PRESET_IDS if p != "jiangyin"])
def test_a_studio_never_reads_of_another_presets_document(qtbot, empty_services, preset_id):
    empty_services.studio.create(jiangyin_studio(preset_id=preset_id, name="某某工作室"))
    window = MainWindow(empty_services, ChangeBus(empty_services))
    qtbot.addWidget(window)
    own = all_presets()[preset_id].seed
    others = {title for seed, title in SEED_TITLES.items() if seed != own}
    others |= {"江阴中专方案", "江阴中专"}
    for page_id in ("overview", "members", "settings"):
        window.show_page(page_id)
        texts = widget_texts(window.pages[page_id])
        for language in ("zh_CN", "en"):
            messages.set_language(language)
            window.pages[page_id].refresh()
            texts += widget_texts(window.pages[page_id])
        messages.set_language("zh_CN")
        found = [t for t in texts if any(o in t for o in others)]
        assert not found, (page_id, found)
        assert not [t for t in texts if ids_in(t) or JARGON.search(t)], page_id
    settings = window.pages["settings"]
    assert all_presets()[preset_id].title in settings.preset_label.text()


def test_a_value_the_document_leaves_open_is_the_usual_one(qtbot, empty_services):
    empty_services.studio.create(jiangyin_studio(preset_id="songjiang-school"))
    window = MainWindow(empty_services, ChangeBus(empty_services))
    qtbot.addWidget(window)
    window.show_page("settings")
    page = window.pages["settings"]
    cycle = page.rules_model.keys().index("cycle_years")
    assert page.rules_model.index(cycle, 2).data() == "文件未作规定，按通常做法"
    # the absence line is no usual value borrowed from another document: the studio's own
    # rule, here none (created without one)
    assert page.line_label.text().startswith("本工作室未设缺勤比例红线（所依据的文件未作规定）")
    line = page.rules_model.keys().index("attendance_line")
    assert page.rules_model.index(line, 2).data() == "本工作室规定"
