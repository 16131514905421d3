"""Installing the translators: ours from resources/i18n, and Qt's own for its dialogs."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from desktop_app.paths import resource

_installed: list[QTranslator] = []
_chinese = False  # our Chinese catalogue is installed: the widgets read Chinese

# Words of Qt's own file dialog that Qt's zh_CN catalogue (qtbase_zh_CN) lacks: Qt 6
# renamed them (“&Look in:”) or added them. Marked here so that lupdate puts them in our
# catalogue, which Qt asks after its own: the dialog's labels and its Type column read
# 查找范围, 文件类型, 文件夹 instead of English.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Shortcut"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Alias"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown"),
)


def qt_translations_dirs() -> list[Path]:
    """Where Qt's own .qm files are: the folder QLibraryInfo names and, in the built
    program, the folders PyInstaller puts PySide6's translations in (its qt.conf may
    point elsewhere)."""
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        for relative in ("PySide6/Qt/translations", "PySide6/translations", "translations"):
            dirs.append(Path(bundle) / relative)
    return dirs


def load_qt_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Qt's own catalogue (qtbase_<language>.qm) for its dialogs and buttons, or None
    when it is nowhere to be found."""
    translator = QTranslator(app)
    for folder in qt_translations_dirs():
        if translator.load(f"qtbase_{language}", str(folder)):
            return translator
    return None


def chinese_ui() -> bool:
    """Whether the widgets read Chinese: the words of the domain are then the vocabulary's
    own (gui/labels.py)."""
    return _chinese


def install_translators(app: QCoreApplication, language: str) -> bool:
    """English is the source language: nothing to install. Returns True when ours loaded."""
    global _chinese
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _chinese = False
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    # Installed first, asked last: ours fills the words Qt's own catalogue lacks (QT_GAPS)
    ours = QTranslator(app)
    loaded = ours.load(str(resource("i18n", f"studiodesk_{language}.qm")))
    if loaded:
        app.installTranslator(ours)
        _installed.append(ours)
        _chinese = True
    qt_own = load_qt_translator(app, language)
    if qt_own is not None:
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return loaded
