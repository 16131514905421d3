"""About StudioDesk: the version (pyproject's, see desktop_app.__init__), the Python and
Qt it runs on, whether it is the installed build, the database and the Chinese font.

Opened from the version line at the foot of the sidebar. The lines are names, numbers and
paths, the same in every language, so the box needs no translation."""

from __future__ import annotations

import platform
import sys
from html import escape

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app import __version__
from desktop_app.fonts import find_cjk_font

ABOUT_LINK = "about"


def about_lines(database: object | None = None) -> list[str]:
    build = "PyInstaller" if getattr(sys, "frozen", False) else "Python source"
    lines = [
        f"StudioDesk 工作室台账 {__version__}",
        f"Python {platform.python_version()} · Qt {qVersion()} · PySide6 {pyside_version}",
        f"{platform.system()} {platform.release()} · {build}",
    ]
    if database is not None:
        lines.append(str(database))
    font = find_cjk_font()
    if font is not None:
        lines.append(str(font))
    return lines


def about_html(database: object | None = None) -> str:
    first, *rest = about_lines(database)
    return f"<b>{escape(first)}</b><br>" + "<br>".join(escape(line) for line in rest)


def show_about(parent: QWidget | None = None, database: object | None = None) -> None:
    QMessageBox.about(parent, "StudioDesk", about_html(database))
