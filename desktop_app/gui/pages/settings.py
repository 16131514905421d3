"""Settings: this installation's language and data folder, the studio's export masking,
and the studio's preset with its overrides (each override shown with the preset's value)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.app_settings import load_app_settings, save_app_settings
from desktop_app.domain import messages
from desktop_app.domain.presets import RULE_SPECS, PresetError, format_value, parse_rule_value
from desktop_app.domain.problems import ValidationError
from desktop_app.fonts import find_cjk_font
from desktop_app.gui import bus as topics
from desktop_app.gui.pages.base import Page
from desktop_app.paths import default_data_dir

MASK_KEY = "export.mask_personal_data"


class SettingsPage(Page):
    page_id = "settings"
    topics = frozenset({topics.STUDIO, topics.SETTINGS})

    def __init__(self, services, bus, parent: QWidget | None = None):
        super().__init__(services, bus, parent)
        layout = QVBoxLayout(self)

        app_box = QGroupBox(self.tr("This computer"))
        app_form = QFormLayout(app_box)
        self.language_combo = QComboBox()
        self.language_combo.addItem("中文（简体）", "zh_CN")
        self.language_combo.addItem("English", "en")
        self.restart_note = QLabel()
        self.restart_note.setStyleSheet("color: #666;")
        language_row = QHBoxLayout()
        language_row.addWidget(self.language_combo)
        language_row.addWidget(self.restart_note, 1)
        app_form.addRow(self.tr("Language"), language_row)
        self.db_label = QLabel()
        self.db_label.setWordWrap(True)
        self.db_label.setObjectName("databasePath")
        app_form.addRow(self.tr("This database"), self.db_label)
        self.data_dir_label = QLabel()
        self.data_dir_label.setWordWrap(True)
        change_dir = QPushButton(self.tr("Change data folder…"))
        data_row = QHBoxLayout()
        data_row.addWidget(self.data_dir_label, 1)
        data_row.addWidget(change_dir)
        app_form.addRow(self.tr("Data folder"), data_row)
        font = find_cjk_font()
        self.font_label = QLabel(
            str(font) if font else self.tr("No Chinese font found: Chinese may show as boxes.")
        )
        self.font_label.setWordWrap(True)
        app_form.addRow(self.tr("Chinese font"), self.font_label)
        layout.addWidget(app_box)

        studio_box = QGroupBox(self.tr("This studio"))
        studio_form = QVBoxLayout(studio_box)
        self.mask_check = QCheckBox(
            self.tr("Mask phone and ID numbers in exported files (138****5678)")
        )
        self.mask_check.setObjectName("maskCheck")
        studio_form.addWidget(self.mask_check)
        self.preset_label = QLabel()
        studio_form.addWidget(self.preset_label)
        self.rules = QTableWidget(0, 4)
        self.rules.setObjectName("rulesTable")
        self.rules.setHorizontalHeaderLabels(
            [self.tr("Rule"), self.tr("Value"), self.tr("Source"), self.tr("Override")]
        )
        self.rules.verticalHeader().setVisible(False)
        self.rules.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rules.setWordWrap(True)
        header = self.rules.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        studio_form.addWidget(self.rules, 1)
        buttons = QHBoxLayout()
        self.override_button = QPushButton(self.tr("Override value…"))
        self.clear_button = QPushButton(self.tr("Back to the preset's value"))
        buttons.addWidget(self.override_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        studio_form.addLayout(buttons)
        layout.addWidget(studio_box, 1)

        self.language_combo.currentIndexChanged.connect(self._language_changed)
        change_dir.clicked.connect(self.change_data_dir)
        self.mask_check.toggled.connect(self._mask_changed)
        self.override_button.clicked.connect(self.override_selected)
        self.clear_button.clicked.connect(self.clear_selected)
        self._rule_keys: list[str] = []
        self.refresh()

    def refresh(self) -> None:
        settings = load_app_settings()
        self.language_combo.blockSignals(True)
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(settings.language), 0))
        self.language_combo.blockSignals(False)
        self.db_label.setText(str(self.services.db.path))
        self.data_dir_label.setText(settings.data_dir or str(default_data_dir()))
        self.mask_check.blockSignals(True)
        self.mask_check.setChecked(bool(self.services.studio.setting(MASK_KEY)))
        self.mask_check.blockSignals(False)
        preset = self.services.studio.effective_preset()
        self.preset_label.setText(
            self.tr("Policy preset: %1 (%2)").replace("%1", preset.name).replace("%2", preset.id)
        )
        self.rules.setRowCount(0)
        self._rule_keys = []
        english = messages.language() == "en"
        for key, rule in preset.rules.items():
            spec = RULE_SPECS[key]
            row = self.rules.rowCount()
            self.rules.insertRow(row)
            self._rule_keys.append(key)
            source = rule.source.label if rule.source else self.tr("program default")
            if rule.overridden:
                override = (
                    self.tr("Overridden; the preset says %1. Reason: %2")
                    .replace("%1", format_value(key, rule.preset_value))
                    .replace("%2", rule.override_reason or "—")
                )
            else:
                override = ""
            cells = (
                spec.en if english else spec.zh,
                format_value(key, rule.value),
                source,
                override,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if rule.source:
                    item.setToolTip(f"{rule.source}\n{rule.source.quote}".strip())
                self.rules.setItem(row, column, item)
        self.rules.resizeRowsToContents()

    def _language_changed(self) -> None:
        settings = load_app_settings()
        settings.language = self.language_combo.currentData()
        save_app_settings(settings)
        self.restart_note.setText(self.tr("Takes effect when StudioDesk starts again."))

    def ask_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, self.tr("Choose the data folder"))

    def change_data_dir(self) -> None:
        folder = self.ask_folder()
        if not folder:
            return
        settings = load_app_settings()
        settings.data_dir = folder
        save_app_settings(settings)
        self.data_dir_label.setText(folder)
        QMessageBox.information(
            self,
            self.tr("Data folder"),
            self.tr(
                "From the next start StudioDesk opens its database in %1. "
                "The current database stays where it is; copy it there first to keep working with it."
            ).replace("%1", folder),
        )

    def _mask_changed(self, checked: bool) -> None:
        self.services.studio.set_setting(MASK_KEY, checked)
        self.bus.announce(topics.SETTINGS)

    def selected_rule(self) -> str | None:
        row = self.rules.currentRow()
        return self._rule_keys[row] if 0 <= row < len(self._rule_keys) else None

    def ask_override(self, key: str, current: str) -> tuple[str, str] | None:
        value, ok = QInputDialog.getText(
            self,
            self.tr("Override value"),
            self.tr("New value for %1:").replace("%1", key),
            text=current,
        )
        if not ok:
            return None
        reason, ok = QInputDialog.getText(
            self, self.tr("Override value"), self.tr("Reason (shown with the rule):")
        )
        return (value, reason) if ok else None

    def override_selected(self) -> None:
        key = self.selected_rule()
        if key is None:
            return
        rule = self.services.studio.effective_preset().rule(key)
        answer = self.ask_override(key, format_value(key, rule.value) if rule else "")
        if answer is None:
            return
        try:
            value = parse_rule_value(key, answer[0])
            self.services.studio.set_override(key, value, answer[1].strip())
        except (PresetError, ValidationError) as error:
            QMessageBox.warning(self, self.tr("Override value"), str(error))
            return
        self.bus.announce(topics.STUDIO, topics.MEMBERS)

    def clear_selected(self) -> None:
        key = self.selected_rule()
        if key is not None:
            self.services.studio.clear_override(key)
            self.bus.announce(topics.STUDIO, topics.MEMBERS)
