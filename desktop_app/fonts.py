"""Finding a TrueType CJK font, for the UI and (later) embedded in PDFs.

reportlab cannot use OpenType/CFF fonts such as Noto CJK, so only TrueType outlines
(.ttf, .ttc) are taken. The search order puts the fonts Chinese Windows ships first.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from desktop_app.paths import resource

_WINDOWS_NAMES = ("msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc", "simsun.ttf")
_LINUX_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
_MAC_PATHS = (
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)


def candidates() -> list[Path]:
    found: list[Path] = []
    override = os.environ.get("STUDIODESK_CJK_FONT")
    if override:
        found.append(Path(override))
    # A font bundled with a frozen build comes first after an explicit choice.
    found.extend(sorted(resource("fonts").glob("*.tt[cf]")))
    if sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        found.extend(windir / name for name in _WINDOWS_NAMES)
    elif sys.platform == "darwin":
        found.extend(Path(p) for p in _MAC_PATHS)
    else:
        found.extend(Path(p) for p in _LINUX_PATHS)
    return found


@cache
def find_cjk_font() -> Path | None:
    for path in candidates():
        if path.is_file():
            return path
    return None
