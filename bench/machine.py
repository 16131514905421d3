"""The environment children run in, and a description of this machine for the results."""

from __future__ import annotations

import os
import platform
import sys
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def child_env(work: Path) -> dict[str, str]:
    """Offscreen Qt, and the program's settings, logs and data kept inside ``work`` (the
    user's own are never read or written)."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        STUDIODESK_CONFIG_DIR=str(work / "config"),
        STUDIODESK_LOG_DIR=str(work / "log"),
        STUDIODESK_DATA_DIR=str(work / "data"),
    )
    env.pop("STUDIODESK_DB", None)
    return env


def _first_line(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip() if ":" in line else line.split("=", 1)[1]
    except OSError:
        pass
    return ""


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def describe() -> list[tuple[str, str]]:
    mem_kb = _first_line("/proc/meminfo", "MemTotal").split()
    ram = f"{int(mem_kb[0]) / 1024 / 1024:.1f} GiB" if mem_kb else "?"
    os_name = _first_line("/etc/os-release", "PRETTY_NAME=").strip('"') or platform.platform()
    from PySide6 import QtCore

    return [
        ("CPU", _first_line("/proc/cpuinfo", "model name") or platform.processor() or "?"),
        ("Cores (logical)", str(os.cpu_count())),
        ("RAM", ram),
        ("OS", f"{os_name} ({platform.system()} {platform.release()}, {platform.machine()})"),
        ("Python", sys.version.split()[0]),
        ("PySide6 / Qt", f"{_version('PySide6-Essentials')} / {QtCore.qVersion()}"),
        (
            "SQLAlchemy, Pillow, reportlab, openpyxl",
            ", ".join(_version(n) for n in ("SQLAlchemy", "pillow", "reportlab", "openpyxl")),
        ),
    ]
