"""The studio's rules as a table: each rule, its value, where the value comes from and
how the studio overrides it; the source's own words as every cell's tooltip."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from desktop_app.domain.messages import quoted
from desktop_app.domain.presets import Rule, format_value
from desktop_app.gui import labels
from desktop_app.gui.models.table import Column, ColumnTableModel

# A row: the rule's key and the rule in force.
RuleRow = tuple[str, Rule]


def override_text(key: str, rule: Rule) -> str:
    if rule.by_studio:
        return QCoreApplication.translate(
            "SettingsPage", "The policy document sets no such rule: this studio's own (%1)."
        ).replace("%1", rule.override_reason or "—")
    if rule.overridden:
        return (
            QCoreApplication.translate("SettingsPage", "Overridden; the preset says %1. Reason: %2")
            .replace("%1", format_value(key, rule.preset_value))
            .replace("%2", rule.override_reason or "—")
        )
    return ""


RULE_COLUMNS: tuple[Column, ...] = (
    Column(
        "rule",
        lambda: QCoreApplication.translate("SettingsPage", "Rule"),
        lambda r: labels.rule_name(r[0]),
    ),
    Column(
        "value",
        lambda: QCoreApplication.translate("SettingsPage", "Value"),
        lambda r: format_value(r[0], r[1].value),
    ),
    Column(
        "source",
        lambda: QCoreApplication.translate("SettingsPage", "Source"),
        lambda r: r[1].source_label,
    ),
    Column(
        "override",
        lambda: QCoreApplication.translate("SettingsPage", "Override"),
        lambda r: override_text(*r),
    ),
)


class RulesModel(ColumnTableModel):
    def __init__(self, parent=None):
        super().__init__(RULE_COLUMNS, parent)

    def keys(self) -> list[str]:
        return [key for key, _rule in self.rows()]

    def role_data(self, row: RuleRow, column: Column, role: int):
        source = row[1].source
        if role == Qt.ItemDataRole.ToolTipRole and source and source.quote:
            return source.label + labels.colon() + quoted(source.quote)
        return None
