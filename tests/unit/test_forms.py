"""The compiled forms in desktop_app/gui/forms match their ui/*.ui sources.

On failure run ``python packaging/compile_forms.py`` and commit the result.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI_FILES = sorted((ROOT / "ui").glob("*.ui"))


def _load_compile_forms():
    spec = importlib.util.spec_from_file_location(
        "studiodesk_packaging_compile_forms", ROOT / "packaging" / "compile_forms.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


compile_forms = _load_compile_forms()


def test_there_are_forms():
    assert UI_FILES


@pytest.mark.parametrize("ui_file", UI_FILES, ids=lambda p: p.name)
def test_compiled_form_is_current(ui_file):
    target = ROOT / "desktop_app" / "gui" / "forms" / f"ui_{ui_file.stem}.py"
    assert target.exists(), f"{target.name} missing: run `python packaging/compile_forms.py`"
    assert compile_forms.compile_form(ui_file) == target.read_text(encoding="utf-8"), (
        f"{target.name} is stale: run `python packaging/compile_forms.py`"
    )
