"""Every open, save and folder dialog of the program. Each kind of file opens where that
kind was chosen last (kept in this computer's settings), else in the user's Documents
folder — never in the program's folder or the current directory, where a secretary
would not look for her files nor find them again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.app_settings import load_app_settings, save_app_settings

# The kinds of file the dialogs remember a folder for.
ROSTER = "roster"  # the roster's Excel (import and export)
ATTENDANCE = "attendance"  # attendance Excel and the sign-in sheets
LEDGER = "ledger"  # the ledger's Excel and its spending report
PLANS = "plans"  # the yearly duties' Excel
EVIDENCE = "evidence"  # photos, scans and documents attached as evidence
BUNDLE = "bundle"  # the submission bundles written
BACKUP = "backup"  # backups made to a folder, backups restored
INBOX = "inbox"  # the bureau's folder of bundles, its list of studios, its workbook
DATA = "data"  # the folder of the studio's database


def documents_folder() -> Path:
    """The user's Documents folder (我的文档); their home folder where there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def start_folder(kind: str, default: Path | None = None) -> Path:
    """Where a dialog for ``kind`` opens: the folder chosen last for it if it still
    exists, else ``default`` (a place the caller knows better, if it exists), else
    Documents."""
    last = load_app_settings().last_folders.get(kind)
    for folder in (Path(last) if last else None, default):
        if folder is not None and folder.is_dir():
            return folder
    return documents_folder()


def remember(kind: str, chosen: Path) -> None:
    """The folder of ``chosen`` (a file, or a folder itself) is where ``kind`` opens next."""
    folder = chosen if chosen.is_dir() else chosen.parent
    settings = load_app_settings()
    if settings.last_folders.get(kind) != str(folder):
        settings.last_folders[kind] = str(folder)
        save_app_settings(settings)


def open_file(
    parent: QWidget | None, kind: str, title: str, filters: str, default: Path | None = None
) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(kind, default)), filters)
    return _chosen(kind, name)


def open_files(parent: QWidget | None, kind: str, title: str, filters: str) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder(kind)), filters)
    paths = [Path(n) for n in names if n]
    if paths:
        remember(kind, paths[0])
    return paths


def save_file(
    parent: QWidget | None,
    kind: str,
    title: str,
    suggested: str,
    filters: str,
    suffix: str,
    default: Path | None = None,
) -> Path | None:
    """Where to write a file: the dialog offers ``suggested`` (a file name) in the kind's
    folder; a name typed without ``suffix`` gets it."""
    start = start_folder(kind, default) / suggested
    name, _ = QFileDialog.getSaveFileName(parent, title, str(start), filters)
    path = _chosen(kind, name)
    if path is None or path.suffix.lower() == suffix:
        return path
    return path.with_name(path.name + suffix)


def choose_folder(
    parent: QWidget | None, kind: str, title: str, default: Path | None = None
) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, str(start_folder(kind, default)))
    return _chosen(kind, name)


def _chosen(kind: str, name: str) -> Path | None:
    if not name:
        return None
    path = Path(name)
    remember(kind, path)
    return path
