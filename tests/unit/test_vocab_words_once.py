"""The words of the domain are defined once, in domain/vocab.py.

A document, a workbook, the CLI or the demo that needs the word of a role, a stage, an
attendance mark, an activity kind or a task status takes it from the vocabulary
(``Role.HOST.zh``, ``Role.zh_of(code)``, ``Role.words()``); spelling it out again as a
string literal is how the copies grew (role_zh five times). The text catalogue (.po/.ts)
is not Python and is not scanned.
"""

from __future__ import annotations

import ast
from pathlib import Path

from desktop_app.domain.vocab import ActivityKind, AttendanceStatus, Role, Stage, TaskStatus

ROOT = Path(__file__).resolve().parents[2] / "desktop_app"
VOCAB = ROOT / "domain" / "vocab.py"
WORDS = {
    item.zh: f"{type(item).__name__}.{item.name}"
    for vocab in (Role, Stage, AttendanceStatus, ActivityKind, TaskStatus)
    for item in vocab
}
# (file, word): the same characters meaning something else than the vocab value.
ALLOWED = {
    # A spending category of the studio's preset (seed 004 五(二)3), not an activity kind.
    ("domain/presets.py", "课题研究"),
    ("demo/content.py", "课题研究"),
    # An income source (其他收入) typed as 其他 in the ledger sheet.
    ("documents/sheets/ledger_io.py", "其他"),
    # A header word of the attendance list: the column of member names.
    ("documents/sheets/attendance_io.py", "成员"),
}


def _literals(tree: ast.AST):
    """Whole string literals: the constant parts of an f-string are not whole words."""
    in_fstring = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in in_fstring:
                yield node


def spelled_out() -> list[str]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if path == VOCAB:
            continue
        name = path.relative_to(ROOT).as_posix()
        for node in _literals(ast.parse(path.read_text(encoding="utf-8"))):
            if node.value in WORDS and (name, node.value) not in ALLOWED:
                found.append(f"{name}:{node.lineno}: {node.value!r} is {WORDS[node.value]}")
    return found


def test_no_vocab_word_is_spelled_out_again():
    assert spelled_out() == []


def test_the_scan_finds_a_copy():
    # The scan itself: a literal that is a vocab word is found, one inside a phrase is not.
    tree = ast.parse('HOST = "主持人"\nPHRASE = "主持人工作单位"\nTEXT = f"{n}缺勤"\n')
    assert [n.value for n in _literals(tree) if n.value in WORDS] == ["主持人"]


def test_the_allow_list_is_still_needed():
    # An exception that no longer occurs is dropped from the list.
    used = set()
    for path in sorted(ROOT.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        for node in _literals(ast.parse(path.read_text(encoding="utf-8"))):
            used.add((name, node.value))
    assert ALLOWED <= used
