"""No message or field name is defined twice in desktop_app/domain/messages.py.

The catalogue is built from several dict literals and ``.update()`` calls; a key written
a second time silently replaces the first (it happened once: an earlier message was
overridden by a later one with other placeholders). The source is read, not the module,
since at run time only the last definition is left to see."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from desktop_app.domain import messages

SOURCE = Path(messages.__file__)
CATALOGUES = ("FIELDS", "MESSAGES")


def definitions(source: str) -> dict[tuple[str, str], list[tuple[int, object]]]:
    """(catalogue, key) → [(line, value as literal)] for every place a key is defined:
    ``X = {...}``, ``X: dict = {...}``, ``X.update({...})``, ``X.update(key=...)`` and
    ``X["key"] = ...``."""
    found: dict[tuple[str, str], list[tuple[int, object]]] = defaultdict(list)

    def literal(node: ast.AST) -> object:
        try:
            return ast.literal_eval(node)
        except ValueError:
            return ast.dump(node)

    def add_dict(name: str, node: ast.AST) -> None:
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    found[(name, key.value)].append((key.lineno, literal(value)))

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id in CATALOGUES:
                    add_dict(target.id, node.value)
                if (
                    isinstance(target, ast.Subscript)
                    and isinstance(target.value, ast.Name)
                    and target.value.id in CATALOGUES
                    and isinstance(target.slice, ast.Constant)
                ):
                    found[(target.value.id, target.slice.value)].append(
                        (node.lineno, literal(node.value))
                    )
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "update"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in CATALOGUES
        ):
            name = node.func.value.id
            for arg in node.args:
                add_dict(name, arg)
            for keyword in node.keywords:
                found[(name, keyword.arg)].append((keyword.value.lineno, literal(keyword.value)))
    return found


def repeats(source: str) -> list[str]:
    problems = []
    for (name, key), places in sorted(definitions(source).items()):
        if len(places) < 2:
            continue
        lines = ", ".join(str(line) for line, _ in places)
        problems.append(f"{name}[{key!r}] is defined {len(places)} times (lines {lines})")
    return problems


def test_no_key_is_defined_twice():
    assert repeats(SOURCE.read_text(encoding="utf-8")) == []


def test_the_reading_sees_every_key():
    # Were a key added in a way the reading above does not know, it could be repeated
    # unseen: every key the module ends up with must have been found in the source.
    found = definitions(SOURCE.read_text(encoding="utf-8"))
    for name in CATALOGUES:
        keys = {key for catalogue, key in found if catalogue == name}
        assert keys == set(getattr(messages, name)), name


def test_a_repeat_is_caught():
    source = (
        'FIELDS: dict[str, tuple[str, str]] = {"name": ("name", "姓名")}\n'
        'MESSAGES = {\n    "required": ("a", "b"),\n    "bad_date": ("c", "d"),\n}\n'
        'MESSAGES.update({"other": ("e", "f"), "required": ("g", "h")})\n'
        'FIELDS.update({"activity": ("activity", "活动")})\n'
        'FIELDS.update({"activity": ("activity", "活动项目")})\n'
        'MESSAGES["bad_date"] = ("i", "j")\n'
        'FIELDS.update(name=("x", "y"))\n'
    )
    assert repeats(source) == [
        "FIELDS['activity'] is defined 2 times (lines 7, 8)",
        "FIELDS['name'] is defined 2 times (lines 1, 10)",
        "MESSAGES['bad_date'] is defined 2 times (lines 4, 9)",
        "MESSAGES['required'] is defined 2 times (lines 3, 6)",
    ]
    # The same key twice inside one literal, too (Python keeps the last silently).
    assert repeats('MESSAGES = {"a": ("1", "2"), "a": ("3", "4")}\n') == [
        "MESSAGES['a'] is defined 2 times (lines 1, 1)"
    ]
