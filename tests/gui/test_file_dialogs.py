"""File dialogs: each kind of file opens where it was chosen last, else in Documents —
never in the program's folder or the current directory; and Qt's own dialog reads
Chinese in zh_CN (查找范围, 文件类型, 文件夹), not “Look in” and “Folder”."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from desktop_app.gui import ask
from desktop_app.gui.bus import ChangeBus
from desktop_app.gui.i18n import install_translators
from desktop_app.gui.pages.backups import BackupsPage
from desktop_app.gui.pages.funds import FundsPage
from desktop_app.gui.pages.members import MembersPage

PACKAGE = Path(__file__).resolve().parents[2] / "desktop_app"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A home of its own with a Documents folder, no folder remembered yet, and the
    program started from a folder of its own (the current directory)."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("STUDIODESK_CONFIG_DIR", str(tmp_path / "config"))
    program = tmp_path / "program"
    program.mkdir()
    monkeypatch.chdir(program)
    return home


class Dialogs:
    """Answers Qt's static dialogs and remembers where each one opened."""

    def __init__(self, monkeypatch):
        self.started: list[str] = []
        self.answer = ""
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self._file)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._file)
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", self._files)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", self._folder)

    def _file(self, parent, title, start, filters=""):
        self.started.append(start)
        return self.answer, filters

    def _files(self, parent, title, start, filters=""):
        self.started.append(start)
        return ([self.answer] if self.answer else []), filters

    def _folder(self, parent, title, start):
        self.started.append(start)
        return self.answer


@pytest.fixture
def dialogs(monkeypatch) -> Dialogs:
    return Dialogs(monkeypatch)


def test_first_in_documents_then_where_chosen_last_kinds_apart(qtbot, services, home, dialogs):
    members = MembersPage(services, ChangeBus(services))
    funds = FundsPage(services, ChangeBus(services))
    qtbot.addWidget(members)
    qtbot.addWidget(funds)
    documents = home / "Documents"
    exports = home / "exports"
    exports.mkdir()
    (exports / "名册.xlsx").write_bytes(b"")

    dialogs.answer = str(exports / "名册.xlsx")
    assert ask.open_workbook(members, ask.ROSTER, "Import roster") == exports / "名册.xlsx"
    assert Path(dialogs.started[-1]) == documents  # the first time: Documents
    assert Path.cwd() != documents

    dialogs.answer = ""  # cancelled: nothing remembered, nothing returned
    assert ask.save_document(members, ask.ROSTER, "Export roster", "成员名册.xlsx") is None
    assert Path(dialogs.started[-1]) == exports / "成员名册.xlsx"  # where the roster came from

    assert ask.open_workbook(funds, ask.LEDGER, "Import from Excel") is None
    assert Path(dialogs.started[-1]) == documents  # the ledger is a kind of its own

    dialogs.answer = str(home / "账目")  # typed without .xlsx
    assert ask.save_document(funds, ask.LEDGER, "Export", "经费.xlsx") == home / "账目.xlsx"
    dialogs.answer = ""
    assert ask.open_workbook(funds, ask.LEDGER, "Import from Excel") is None
    assert Path(dialogs.started[-1]) == home
    assert ask.open_workbook(members, ask.ROSTER, "Import roster") is None
    assert Path(dialogs.started[-1]) == exports


def test_a_folder_that_is_gone_opens_documents_again(qtbot, services, home, dialogs):
    members = MembersPage(services, ChangeBus(services))
    qtbot.addWidget(members)
    stick = home / "U盘"
    stick.mkdir()
    dialogs.answer = str(stick / "名册.xlsx")
    ask.save_document(members, ask.ROSTER, "Export roster", "成员名册.xlsx")
    stick.rmdir()  # the USB stick is out
    dialogs.answer = ""
    ask.open_workbook(members, ask.ROSTER, "Import roster")
    assert Path(dialogs.started[-1]) == home / "Documents"


def test_folders_and_evidence_too(qtbot, services, home, dialogs):
    backups = BackupsPage(services, ChangeBus(services))
    qtbot.addWidget(backups)
    # a restore first looks where the automatic backups are
    services.backups.directory.mkdir(parents=True)
    assert backups.ask_backup_file() is None
    assert Path(dialogs.started[-1]) == services.backups.directory
    target = home / "备份盘"
    target.mkdir()
    dialogs.answer = str(target)
    assert backups.ask_folder() == target
    assert Path(dialogs.started[-1]) == home / "Documents"
    dialogs.answer = ""
    backups.ask_backup_file()
    assert Path(dialogs.started[-1]) == target  # the backups' kind remembers the folder

    photos = home / "照片"
    photos.mkdir()
    (photos / "合影.jpg").write_bytes(b"\xff\xd8")
    dialogs.answer = str(photos / "合影.jpg")
    assert ask.evidence_files(None) == [photos / "合影.jpg"]
    dialogs.answer = ""
    ask.evidence_files(None)
    assert Path(dialogs.started[-1]) == photos


def test_no_documents_folder_means_home(home):
    (home / "Documents").rmdir()
    assert ask.documents_folder() == home


def test_every_dialog_of_the_program_goes_through_the_helper():
    """One place decides where dialogs open: no page calls Qt's static dialogs itself."""
    pattern = re.compile(r"QFileDialog\.get(OpenFileNames?|SaveFileName|ExistingDirectory)")
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.name != "ask.py" and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_qts_file_dialog_speaks_chinese(qtbot, tmp_path):
    install_translators(QApplication.instance(), "zh_CN")
    (tmp_path / "子文件夹").mkdir()
    (tmp_path / "名册.xlsx").write_bytes(b"")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own catalogue
    dialog = QFileDialog(None, "导入名册", str(tmp_path), "Excel (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)："} <= labels
    assert not [t for t in labels if re.search("[A-Za-z]{3,}", t)]

    from PySide6.QtWidgets import QTreeView

    view = next(v for v in dialog.findChildren(QTreeView) if v.objectName() == "treeView")
    model = view.model()
    root = view.rootIndex()
    deadline = time.monotonic() + 5
    while model.rowCount(root) < 2 and time.monotonic() < deadline:
        qtbot.wait(20)
    kinds = {
        model.index(row, 0, root).data(): model.index(row, 2, root).data()
        for row in range(model.rowCount(root))
    }
    assert kinds["子文件夹"] == "文件夹"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers[0] == "名称" and headers[2] == "类型"


def test_qts_catalogue_is_found_in_the_built_programs_folders(tmp_path, monkeypatch):
    """Where the built program's Qt looks elsewhere (its qt.conf), the catalogue is
    taken from the folders PyInstaller puts PySide6's translations in."""
    from PySide6.QtCore import QLibraryInfo

    from desktop_app.gui import i18n

    real = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    bundled = tmp_path / "bundle" / "PySide6" / "translations"  # the Windows wheel's layout
    bundled.mkdir(parents=True)
    (bundled / "qtbase_zh_CN.qm").write_bytes((real / "qtbase_zh_CN.qm").read_bytes())

    class Elsewhere:
        LibraryPath = QLibraryInfo.LibraryPath

        @staticmethod
        def path(_which):
            return str(tmp_path / "nowhere")

    monkeypatch.setattr(i18n, "QLibraryInfo", Elsewhere)
    assert i18n.load_qt_translator(QApplication.instance(), "zh_CN") is None
    monkeypatch.setattr(i18n.sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    translator = i18n.load_qt_translator(QApplication.instance(), "zh_CN")
    assert translator is not None and translator.translate("QPlatformTheme", "Cancel") == "取消"
