"""Update and compile the translations: the widgets' (Qt) and the text catalogue's (gettext).

    python packaging/translations.py update   # pyside6-lupdate over desktop_app/ and ui/;
                                              # Babel: studiodesk.pot from the code, the .po
    python packaging/translations.py compile  # pyside6-lrelease → resources/i18n/*.qm;
                                              # Babel: .po → resources/locale/*/LC_MESSAGES/*.mo

The .ts and .po files are the source of truth (English source strings, zh_CN translations);
the .qm and .mo files are committed so that a fresh install runs without Qt's tools or
Babel. Tests fail when a zh_CN entry is unfinished or when a committed compiled file does
not match its source. The gettext half is in text_catalogue.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# qt_tools lies beside this script (also when a test loads this file by its path)
sys.path.insert(0, str(Path(__file__).resolve().parent))
import text_catalogue  # noqa: E402
from qt_tools import qt_tool  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)


def sources() -> list[Path]:
    files = sorted((ROOT / "desktop_app").rglob("*.py")) + sorted((ROOT / "ui").glob("*.ui"))
    # Compiled forms repeat their .ui's strings; the .ui is the source.
    return [f for f in files if "forms" not in f.parts]


def ts_path(language: str) -> Path:
    return I18N / f"studiodesk_{language}.ts"


def update(ts_files: list[Path] | None = None, extra: tuple[str, ...] = ()) -> None:
    I18N.mkdir(parents=True, exist_ok=True)
    targets = ts_files or [ts_path(lang) for lang in LANGUAGES]
    relative = [str(p.relative_to(ROOT)) for p in sources()]
    for target in targets:
        subprocess.run(
            [*qt_tool("lupdate"), *extra, *relative, "-ts", str(target)],
            check=True,
            cwd=ROOT,
            capture_output=True,
        )


def compile_all() -> None:
    for language in LANGUAGES:
        subprocess.run(
            [
                *qt_tool("lrelease"),
                str(ts_path(language)),
                "-qm",
                str(I18N / f"studiodesk_{language}.qm"),
            ],
            check=True,
            capture_output=True,
        )


def main(argv: list[str]) -> int:
    action = argv[1] if len(argv) > 1 else "update"
    if action == "update":
        update(extra=("-no-obsolete", "-locations", "none"))
        text_catalogue.update()
    elif action == "compile":
        compile_all()
        text_catalogue.compile_all()
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
