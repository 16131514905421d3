"""Compile ui/*.ui into desktop_app/gui/forms/ui_*.py with pyside6-uic.

Run after editing a form: ``python packaging/compile_forms.py``. A test regenerates the
forms and fails if the committed files differ.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# qt_tools lies beside this script (also when a test loads this file by its path)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from qt_tools import qt_tool  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HEADER = "# generated from ui/{name}; do not edit (python packaging/compile_forms.py)\n"


def uic_command() -> list[str]:
    return qt_tool("uic")


def compile_form(ui_file: Path) -> str:
    result = subprocess.run(
        [*uic_command(), str(ui_file)], check=True, capture_output=True, text=True
    )
    lines = [line for line in result.stdout.splitlines() if not line.startswith("## Created by")]
    return HEADER.format(name=ui_file.name) + "\n".join(lines) + "\n"


def target_for(ui_file: Path) -> Path:
    return ROOT / "desktop_app" / "gui" / "forms" / f"ui_{ui_file.stem}.py"


def main() -> int:
    for ui_file in sorted((ROOT / "ui").glob("*.ui")):
        target_for(ui_file).write_text(compile_form(ui_file), encoding="utf-8")
        print(target_for(ui_file).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
