"""The assessment templates in resources/assessments/ as data (tomllib only, no project imports):
each file parses, its leaf maxima sum to 100, its codes are unique, the jiangyin indicator
texts are the seed's words and every consequence quote occurs in its seed."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "resources" / "assessments"
# shared/ sits beside the repository (in CI as in the workspace).
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
TEMPLATE_IDS = {"jiangyin-review", "wujin-final", "xinbei-member"}
FILES = sorted(FOLDER.glob("*.toml"))


def _load(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _walk(nodes: list[dict]) -> Iterator[dict]:
    for node in nodes:
        yield node
        yield from _walk(node.get("children", []))


def _squeeze(text: str) -> str:
    """The text without any whitespace (the seeds are web text broken into lines)."""
    return re.sub(r"\s+", "", text)


def _seed(name: str) -> str:
    path = SEEDS_DIR / name
    if not path.is_file():
        pytest.skip(f"seed {name} not available (no shared/ beside the checkout)")
    return _squeeze(path.read_text(encoding="utf-8"))


def test_the_three_templates_are_there():
    assert {p.stem for p in FILES} >= TEMPLATE_IDS


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_file_parses_and_names_itself(path):
    data = _load(path)
    assert data["id"] == path.stem
    assert data["title"] and data["seed"] and data["kinds"] and data["indicators"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_leaf_maxima_sum_to_100(path):
    nodes = list(_walk(_load(path)["indicators"]))
    leaves = [n for n in nodes if not n.get("children")]
    for node in nodes:
        if node.get("children"):
            assert "max" not in node and "rule" not in node, node["code"]
        else:
            assert isinstance(node["max"], int) and node["max"] > 0, node["code"]
    assert sum(n["max"] for n in leaves) == 100


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_codes_are_unique(path):
    codes = [n["code"] for n in _walk(_load(path)["indicators"])]
    assert len(codes) == len(set(codes))


def test_jiangyin_texts_are_the_seeds_words():
    data = _load(FOLDER / "jiangyin-review.toml")
    seed = _seed(data["seed"])
    nodes = list(_walk(data["indicators"]))
    assert nodes
    for node in nodes:
        assert _squeeze(node["text"]) in seed, f"{node['code']}: {node['text']!r}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_consequence_quotes_occur_in_the_seed(path):
    data = _load(path)
    consequences = data.get("consequences", [])
    assert consequences
    seed = _seed(data["seed"])
    for consequence in consequences:
        assert _squeeze(consequence["quote"]) in seed, consequence["quote"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_notes_speak_of_the_form_not_of_the_program(path):
    """The notes go into documents for the bureau: the points a form sets are the form's
    (本表), a threshold the document leaves open is the usual one — not "StudioDesk's"."""
    data = _load(path)
    for key in ("scores_note", "grades_note"):
        assert "StudioDesk" not in data.get(key, ""), (path.name, key)
