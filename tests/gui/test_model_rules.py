"""The studio's rules as a model, with no view: the rule by its name, its value, its
source and the override, the source's words as the tooltip."""

from __future__ import annotations

from desktop_app.domain.presets import load_presets
from desktop_app.gui.models.rules import RulesModel
from desktop_app.paths import resource
from tests.gui.model_tools import TOOLTIP, headers


def test_the_rules_of_a_preset(qapp):
    preset = next(iter(load_presets(resource("presets")).values()))
    model = RulesModel()
    model.set_rows(preset.rules.items())
    assert model.rowCount() == len(preset.rules) and model.columnCount() == 4
    assert headers(model) == ["Rule", "Value", "Source", "Override"]
    assert model.keys() == list(preset.rules)
    for row, (key, rule) in enumerate(preset.rules.items()):
        assert model.index(row, 0).data()
        assert model.index(row, 2).data() == rule.source_label
        assert model.index(row, 3).data() == ""  # a preset's own values: nothing overridden
        tip = model.index(row, 1).data(TOOLTIP)
        assert (tip is not None) == bool(rule.source and rule.source.quote), key
