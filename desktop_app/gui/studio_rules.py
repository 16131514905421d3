"""The studio's own rules, asked where its policy document is silent (the absence line,
the spending categories): the usual value offered as a suggestion to accept, change or
decline. The first-start wizard asks them all; Settings changes one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.presets import (
    REASON_SETTINGS,
    STUDIO_RULES,
    PresetError,
    format_value,
    parse_rule_value,
)
from desktop_app.domain.problems import ValidationError
from desktop_app.gui import ask, labels, window_geometry

HELP_STYLE = "color: #555555;"


class StudioRuleField:
    """One rule: 'this studio has such a rule' (ticked with the suggestion) and its value."""

    def __init__(self, key: str, current: Any, grid: QGridLayout, row: int, parent: QWidget):
        self.key = key
        has_rule = current is not None
        self.check = QCheckBox(
            QCoreApplication.translate("StudioRules", "This studio has an absence line")
            if key == "attendance_line"
            else QCoreApplication.translate("StudioRules", "This studio has spending categories")
        )
        self.check.setObjectName(f"studioRule_{key}")
        self.check.setChecked(has_rule)
        self.edit = QLineEdit(format_value(key, current if has_rule else STUDIO_RULES[key]))
        self.edit.setObjectName(f"studioRuleValue_{key}")
        self.edit.setEnabled(has_rule)
        if key == "attendance_line":
            self.edit.setPlaceholderText(labels.example("1/3"))
            help_text = QCoreApplication.translate(
                "StudioRules",
                "Your policy document sets no absence line. Many studios take one third: a "
                "member who misses that share of the sessions they were expected at is over "
                "the line. Keep it, change it (e.g. 1/4), or untick: then nobody is marked at "
                "risk or over the line.",
            )
        else:
            self.edit.setPlaceholderText(labels.example("培训研修、专家指导"))
            help_text = QCoreApplication.translate(
                "StudioRules",
                "Your policy document lists no spending categories. The usual ones are "
                "suggested; keep them, change them (separated by 、), or untick and add your "
                "own on the Funds page.",
            )
        self.help = QLabel(help_text)
        self.help.setWordWrap(True)
        self.help.setStyleSheet(HELP_STYLE)
        self.problem = QLabel()
        self.problem.setObjectName(f"studioRuleProblem_{key}")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ask.PROBLEM_STYLE)
        self.problem.hide()
        grid.addWidget(self.check, row, 0)
        grid.addWidget(self.edit, row, 1)
        grid.addWidget(self.help, row + 1, 0, 1, 2)
        grid.addWidget(self.problem, row + 2, 0, 1, 2)
        self.check.toggled.connect(self.edit.setEnabled)

    def value(self) -> tuple[bool, Any]:
        """(valid, value): None when unticked (no such rule)."""
        self.problem.hide()
        if not self.check.isChecked():
            return True, None
        try:
            value = parse_rule_value(self.key, self.edit.text())
        except PresetError:
            value = None
        if value is None:
            if self.key == "attendance_line":
                text = QCoreApplication.translate(
                    "StudioRules", "%1: write a fraction between 0 and 1, e.g. 1/3."
                )
            else:
                text = QCoreApplication.translate(
                    "StudioRules", "%1: write the category names, different ones, separated by 、."
                )
            self.problem.setText(text.replace("%1", labels.rule_name(self.key)))
            self.problem.show()
            return False, None
        return True, value


class StudioRulesForm(QWidget):
    """The rules a preset leaves to the studio, each with its suggestion."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(1, 1)
        self.fields: list[StudioRuleField] = []

    def show_rules(self, keys: list[str], current: dict[str, Any] | None = None) -> None:
        """Fields for ``keys`` (a preset's ``asks()``); ``current``: key → the studio's
        value (None: none), else the suggestion, ticked."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.fields = []
        for i, key in enumerate(keys):
            value = (current or {}).get(key, STUDIO_RULES[key])
            self.fields.append(StudioRuleField(key, value, self.grid, i * 3, self))

    def field(self, key: str) -> StudioRuleField:
        return next(f for f in self.fields if f.key == key)

    def values(self) -> dict[str, Any] | None:
        """key → value (None: no such rule); None when a value is not valid (each says
        what is wrong beside it)."""
        result: dict[str, Any] = {}
        valid = True
        for field in self.fields:
            ok, value = field.value()
            valid &= ok
            result[field.key] = value
        return result if valid else None


class StudioRuleDialog(QDialog):
    """Settings: change one of the studio's own rules."""

    def __init__(self, studio, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.studio = studio
        self.key = key
        self.setWindowTitle(self.tr("This studio's rule: %1").replace("%1", labels.rule_name(key)))
        layout = QVBoxLayout(self)
        self.form = StudioRulesForm()
        rule = studio.effective_preset().rule(key)
        self.form.show_rules([key], {key: rule.value if rule else STUDIO_RULES[key]})
        layout.addWidget(self.form)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ask.PROBLEM_STYLE)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        window_geometry.fit(self, QSize(560, self.sizeHint().height()))

    def accept(self) -> None:
        values = self.form.values()
        if values is None:
            return
        try:
            self.studio.set_override(self.key, values[self.key], REASON_SETTINGS)
        except ValidationError as error:
            self.problem.setText(str(error))
            return
        super().accept()
