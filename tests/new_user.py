"""The real program started in a process of its own as a new user starts it: an empty
HOME, none of the test session's folders (no STUDIODESK_* or XDG_* variables), and, when
asked, on an offscreen screen of a given size and Windows scaling.

    from tests.new_user import SCREENS, new_user_env, run_as_new_user
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Screen:
    """An office screen: its pixels less a 40-pixel taskbar, and Windows' scaling."""

    name: str
    width: int
    height: int
    scale: str  # QT_SCALE_FACTOR

    @property
    def slug(self) -> str:
        return f"{self.width}x{self.height + 40}-{round(float(self.scale) * 100)}"


# The screens issue 14 names: 1366×768 at 100 % and 125 %, 1920×1080 at 150 %.
SCREENS = (
    Screen("1366×768 at 100 %", 1366, 728, "1"),
    Screen("1366×768 at 125 %", 1366, 728, "1.25"),
    Screen("1920×1080 at 150 %", 1920, 1040, "1.5"),
)


def new_user_env(home: Path, screen: Screen | None = None) -> dict[str, str]:
    """A new user's environment: an empty HOME and nothing else of ours; on ``screen``
    (its description is written beside HOME) if given."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("STUDIODESK_", "XDG_"))
        and key not in ("HOME", "USERPROFILE", "QT_SCALE_FACTOR")
    }
    env.update(HOME=str(home), USERPROFILE=str(home), PYTHONPATH=str(ROOT))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if screen is not None:
        config = home.parent / f"screen-{screen.slug}.json"
        screens = [
            {"name": "office", "x": 0, "y": 0, "width": screen.width, "height": screen.height}
        ]
        config.write_text(json.dumps({"screens": screens}), encoding="utf-8")
        env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
        env["QT_SCALE_FACTOR"] = screen.scale
    return env


def run_as_new_user(
    args: list[str], home: Path, screen: Screen | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """``python args…`` as a new user whose (empty) home is ``home``."""
    home.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [sys.executable, *args],
        env=new_user_env(home, screen),
        cwd=home.parent,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
