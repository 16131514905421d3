"""Every question the program puts to the user, in one place: the open, save and folder
dialogs, yes or no, a warning, the problems of a form. Pages and dialogs call them through
this module (``ask.warn(self, …)``), so that a test answers them all with one monkeypatch.

Each kind of file opens where that kind was chosen last (kept in this computer's settings), else in the user's Documents
folder — never in the program's folder or the current directory, where a secretary
would not look for her files nor find them again."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QWidget

from desktop_app.app_settings import load_app_settings, save_app_settings
from desktop_app.domain.problems import ValidationError

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

XLSX_FILTER = "Excel (*.xlsx)"
# The documents the program writes, by their suffix.
DOCUMENT_FILTERS = {".pdf": "PDF (*.pdf)", ".xlsx": XLSX_FILTER, ".docx": "Word (*.docx)"}
BAD_STYLE = "border: 1px solid #b00020;"  # a field a problem names
PROBLEM_STYLE = "color: #b00020;"  # the problems' text


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


# --- the files a page reads and writes


def open_workbook(parent: QWidget | None, kind: str, title: str) -> Path | None:
    """An Excel workbook to import."""
    return open_file(parent, kind, title, XLSX_FILTER)


def save_document(
    parent: QWidget | None, kind: str, title: str, suggested: str, default: Path | None = None
) -> Path | None:
    """Where to write a document: a PDF, an Excel workbook or a Word file, as
    ``suggested`` ends."""
    suffix = Path(suggested).suffix.lower() or ".xlsx"
    filters = DOCUMENT_FILTERS.get(suffix, XLSX_FILTER)
    return save_file(parent, kind, title, suggested, filters, suffix, default=default)


def evidence_filter() -> str:
    return ";;".join(
        (
            QCoreApplication.translate("RecordDialog", "Photos, scans and documents")
            + " (*.png *.jpg *.jpeg *.pdf *.doc *.docx *.xls *.xlsx *.ppt *.pptx)",
            QCoreApplication.translate("RecordDialog", "All files") + " (*)",
        )
    )


def evidence_files(parent: QWidget | None) -> list[Path]:
    """Photos, scans and documents to attach as evidence."""
    return open_files(
        parent,
        EVIDENCE,
        QCoreApplication.translate("RecordDialog", "Choose evidence files"),
        evidence_filter(),
    )


def safe_name(name: str) -> str:
    """A file name without the characters Windows refuses."""
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in name)


# --- notices and questions


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """A problem the user must read."""
    QMessageBox.warning(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question; No is the default answer."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


# --- the problems of a form


def show_problems(
    widgets: Mapping[str, QWidget],
    label: QLabel,
    error: ValidationError,
    visible_in: QWidget | None = None,
    focus: bool = True,
) -> None:
    """Outlines the fields the problems name (those shown in ``visible_in``, where
    given), lists every message in ``label`` and puts the focus in the first field
    outlined. No problems: no outline, no message left."""
    for widget in widgets.values():
        widget.setStyleSheet("")
    first: QWidget | None = None
    for p in error.problems:
        widget = widgets.get(p.field)
        if widget is not None and (visible_in is None or widget.isVisibleTo(visible_in)):
            widget.setStyleSheet(BAD_STYLE)
            first = first or widget
    label.setText("\n".join(f"• {p.message}" for p in error.problems))
    if focus and first is not None:
        first.setFocus()


def bad_fields(widgets: Mapping[str, QWidget]) -> list[str]:
    """The fields outlined as wrong (for tests and screen readers alike)."""
    return [key for key, w in widgets.items() if w.styleSheet() == BAD_STYLE]
