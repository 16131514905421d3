"""StudioDesk (工作室台账): records and reports for a head-teacher studio.

The version is written in one place, pyproject.toml's ``[project] version``:

- in a source checkout it is read from that file, so that a version bump shows at once
  (an editable install's metadata keeps the version it was installed with);
- in an installed copy and in the PyInstaller build (whose spec collects the distribution's
  metadata) it comes from the distribution's metadata (importlib.metadata).
"""

from __future__ import annotations

from pathlib import Path

DISTRIBUTION = "studiodesk"


def _source_tree_version() -> str | None:
    """``[project] version`` of the pyproject.toml beside this package, when it is ours."""
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        text = pyproject.read_text(encoding="utf-8")
    except OSError:
        return None
    import tomllib

    try:
        project = tomllib.loads(text).get("project", {})
    except tomllib.TOMLDecodeError:
        return None
    found = project.get("version")
    if project.get("name") != DISTRIBUTION or not isinstance(found, str):
        return None
    return found


def _distribution_version(name: str) -> str:
    # importlib.metadata is slow to import: only an installed copy needs it
    from importlib.metadata import version

    return version(name)


def _find_version() -> str:
    found = _source_tree_version()
    if found:
        return found
    from importlib.metadata import PackageNotFoundError

    try:
        return _distribution_version(DISTRIBUTION)
    except PackageNotFoundError:  # neither a checkout nor installed: say so, do not guess
        return "0.0.0+unknown"


__version__ = _find_version()
