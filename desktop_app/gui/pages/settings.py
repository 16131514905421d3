"""Settings: this installation's language and data folder, the studio's export masking,
how attendance is counted against the absence line, the funding ledger's year, and the
studio's preset with its overrides (each override shown with the preset's value)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.app_settings import (
    USER_NAME_MAX,
    load_app_settings,
    save_app_settings,
    save_user_name,
)
from desktop_app.bundle import format as fmt
from desktop_app.domain import changes as topics
from desktop_app.domain import messages
from desktop_app.domain.attendance import WINDOW_CYCLE, WINDOW_SCHOOL_YEAR
from desktop_app.domain.ledger import FISCAL_CALENDAR, FISCAL_SCHOOL_YEAR
from desktop_app.domain.presets import STUDIO_RULES, PresetError, format_value, parse_rule_value
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.roles import Capability
from desktop_app.domain.settings import SETTINGS
from desktop_app.fonts import find_cjk_font
from desktop_app.gui import ask, labels
from desktop_app.gui.models.rules import RulesModel
from desktop_app.gui.pages.base import Page
from desktop_app.gui.pages.member_detail import fraction_text
from desktop_app.gui.permissions import guard_all
from desktop_app.gui.studio_rules import StudioRuleDialog
from desktop_app.gui.table_sizing import fit_columns
from desktop_app.gui.technical_info import TechnicalInfo
from desktop_app.paths import default_data_dir
from desktop_app.store.audit import current_user

MASK_KEY = "export.mask_personal_data"
LEAVE_KEY = "attendance.leave_counts_as_absence"
EXACT_KEY = "attendance.exact_third_counts"
MIN_KEY = "attendance.min_sessions"
WINDOW_KEY = "attendance.window"
FISCAL_KEY = "ledger.fiscal_year"
HELP_STYLE = "color: #555555;"
RULES_MIN_HEIGHT = 220  # about six rules: the page scrolls before the table shrinks below


class SettingsPage(Page):
    page_id = "settings"
    topics = frozenset({topics.STUDIO, topics.SETTINGS})
    user_named = Signal(str)  # the name of the person working: an app setting

    def __init__(self, services, bus, parent: QWidget | None = None):
        super().__init__(services, bus, parent)
        # the page scrolls rather than squeezing its lines into each other when the
        # window is short (1366×768 at 125 %)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setObjectName("settingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        scroll.setWidget(content)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)

        app_box = QGroupBox(self.tr("This computer"))
        app_form = QFormLayout(app_box)
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("userNameEdit")
        self.user_edit.setMaxLength(USER_NAME_MAX)
        self.user_edit.setPlaceholderText(self.tr("e.g. 李老师"))
        self.user_note = QLabel()
        self.user_note.setObjectName("userNameNote")
        self.user_note.setWordWrap(True)
        self.user_note.setStyleSheet(HELP_STYLE)
        user_row = QHBoxLayout()
        user_row.addWidget(self.user_edit)
        user_row.addWidget(self.user_note, 1)
        app_form.addRow(self.tr("My name"), user_row)
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
        self.switch_db_button = QPushButton(self.tr("Switch database…"))
        self.switch_db_button.setObjectName("switchDatabase")
        self.switch_db_button.clicked.connect(self.switch_database)
        db_row = QHBoxLayout()
        db_row.addWidget(self.db_label, 1)
        db_row.addWidget(self.switch_db_button, 0, Qt.AlignmentFlag.AlignTop)
        app_form.addRow(self.tr("This database"), db_row)
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
        # The bureau registers this fingerprint to know the studio's bundles are its own.
        fingerprint = services.bundle.fingerprint()
        self.fingerprint_label = QLabel(
            fingerprint
            or self.tr("Not made yet: the studio's signing key is made at the host's first export.")
        )
        self.fingerprint_label.setObjectName("fingerprint")
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        copy_fingerprint = QPushButton(self.tr("Copy"))
        copy_fingerprint.setEnabled(fingerprint is not None)
        copy_fingerprint.clicked.connect(
            lambda: QApplication.clipboard().setText(self.fingerprint_label.text())
        )
        fingerprint_row = QHBoxLayout()
        fingerprint_row.addWidget(self.fingerprint_label, 1)
        fingerprint_row.addWidget(copy_fingerprint)
        app_form.addRow(self.tr("Signature fingerprint"), fingerprint_row)
        fingerprint_help = QLabel(
            self.tr(
                "Submission bundles carry this computer's digital signature. Give this "
                "fingerprint to the education bureau once (Copy, then paste it into a "
                "message), so that it can tell your bundles are yours."
            )
        )
        fingerprint_help.setWordWrap(True)
        fingerprint_help.setStyleSheet("color: #666;")
        app_form.addRow("", fingerprint_help)
        self.technical = TechnicalInfo()
        self.technical.set_lines(
            [
                (self.tr("Digital signature"), "Ed25519"),
                (self.tr("Signature fingerprint"), f"SHA-256 ({fmt.PUBLIC_KEY})"),
                (self.tr("Signing key"), self.tr("in the studio's database")),
            ]
        )
        app_form.addRow("", self.technical)
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
        self.rules_model = RulesModel(self)
        self.rules = QTableView()
        self.rules.setObjectName("rulesTable")
        self.rules.setModel(self.rules_model)
        self.rules.verticalHeader().setVisible(False)
        self.rules.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rules.setWordWrap(True)
        fit_columns(self.rules, 3)  # the override and its reason
        self.rules.setMinimumHeight(RULES_MIN_HEIGHT)
        studio_form.addWidget(self.rules, 1)
        buttons = QHBoxLayout()
        self.override_button = QPushButton(self.tr("Override value…"))
        self.clear_button = QPushButton(self.tr("Back to the preset's value"))
        buttons.addWidget(self.override_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        studio_form.addLayout(buttons)
        layout.addWidget(self._build_attendance_box())
        layout.addWidget(self._build_ledger_box())
        layout.addWidget(studio_box, 1)
        from desktop_app.gui.pages.accounts_box import AccountsBox

        self.accounts_box = AccountsBox(services)
        layout.addWidget(self.accounts_box)

        self.language_combo.currentIndexChanged.connect(self._language_changed)
        self.user_edit.editingFinished.connect(self._user_name_changed)
        change_dir.clicked.connect(self.change_data_dir)
        self.mask_check.toggled.connect(self._mask_changed)
        self.leave_check.toggled.connect(lambda on: self._set_attendance(LEAVE_KEY, on))
        self.exact_check.toggled.connect(lambda on: self._set_attendance(EXACT_KEY, on))
        self.min_spin.editingFinished.connect(self._min_changed)
        self.window_combo.currentIndexChanged.connect(
            lambda: self._set_attendance(WINDOW_KEY, self.window_combo.currentData())
        )
        self.fiscal_combo.currentIndexChanged.connect(self._fiscal_changed)
        self.override_button.clicked.connect(self.override_selected)
        self.clear_button.clicked.connect(self.clear_selected)
        self.rules.selectionModel().currentChanged.connect(lambda *_: self._rule_selected())
        guard_all(
            services,
            Capability.SETTINGS,
            self.mask_check,
            self.line_button,
            self.leave_check,
            self.exact_check,
            self.min_spin,
            self.window_combo,
            self.fiscal_combo,
            self.override_button,
            self.clear_button,
        )
        self.refresh()

    def _build_attendance_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Attendance (this studio)"))
        box.setObjectName("attendanceSettings")
        grid = QGridLayout(box)
        self.line_label = QLabel()
        self.line_label.setObjectName("absenceLine")
        self.line_label.setWordWrap(True)
        self.line_button = QPushButton(self.tr("Change this studio's line…"))
        self.line_button.setObjectName("studioLineButton")
        self.line_button.clicked.connect(lambda: self.change_studio_rule("attendance_line"))
        line_row = QHBoxLayout()
        line_row.addWidget(self.line_label, 1)
        line_row.addWidget(self.line_button, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(line_row, 0, 0, 1, 2)
        self.leave_check = QCheckBox(self.tr("Leave (请假) counts as absence"))
        self.leave_check.setObjectName("leaveCheck")
        self.exact_check = QCheckBox(self.tr("Exactly one third already crosses the line"))
        self.exact_check.setObjectName("exactThirdCheck")
        self.window_combo = QComboBox()
        self.window_combo.setObjectName("windowCombo")
        self.window_combo.addItem(self.tr("Whole build cycle to date"), WINDOW_CYCLE)
        self.window_combo.addItem(self.tr("This school year"), WINDOW_SCHOOL_YEAR)
        self.min_spin = QSpinBox()
        self.min_spin.setObjectName("minSessionsSpin")
        low, high = SETTINGS[MIN_KEY].limits
        self.min_spin.setRange(low, high)
        min_row = QHBoxLayout()
        min_row.addWidget(QLabel(self.tr("Judged from session:")))
        min_row.addSpacing(6)
        min_row.addWidget(self.min_spin)
        min_row.addStretch(1)
        self.min_help = QLabel(SETTINGS[MIN_KEY].help)
        self.min_help.setObjectName("minSessionsHelp")
        window_row = QHBoxLayout()
        window_row.addWidget(QLabel(self.tr("Sessions counted:")))
        window_row.addSpacing(6)
        window_row.addWidget(self.window_combo)
        window_row.addStretch(1)
        # the explanations come from the settings' own help, in the language of the program
        self.leave_help = QLabel(SETTINGS[LEAVE_KEY].help)
        self.exact_help = QLabel(SETTINGS[EXACT_KEY].help)
        self.window_help = QLabel(
            self.tr(
                "Only sessions from the start of the build cycle, or from 1 September of this "
                "school year, up to today count. Sessions before a member joined or after they "
                "left never count."
            )
        )
        self.exact_help.setObjectName("exactThirdHelp")
        self.exact_origin = QLabel()
        self.exact_origin.setObjectName("exactThirdOrigin")
        exact_column = QVBoxLayout()
        exact_column.addWidget(self.exact_help)
        exact_column.addWidget(self.exact_origin)
        rows = (
            (self.leave_check, self.leave_help),
            (self.exact_check, exact_column),
            (min_row, self.min_help),
            (window_row, self.window_help),
        )
        for label in (self.leave_help, self.exact_help, self.exact_origin, self.min_help):
            label.setWordWrap(True)
            label.setStyleSheet(HELP_STYLE)
        self.window_help.setWordWrap(True)
        self.window_help.setStyleSheet(HELP_STYLE)
        for row, (control, help_part) in enumerate(rows, start=1):
            if isinstance(control, QHBoxLayout):
                grid.addLayout(control, row, 0)
            else:
                grid.addWidget(control, row, 0)
            if isinstance(help_part, QVBoxLayout):
                grid.addLayout(help_part, row, 1)
            else:
                grid.addWidget(help_part, row, 1)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        return box

    def _build_ledger_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Funds (this studio)"))
        box.setObjectName("ledgerSettings")
        grid = QGridLayout(box)
        self.fiscal_combo = QComboBox()
        self.fiscal_combo.setObjectName("fiscalYearSetting")
        self.fiscal_combo.addItem(
            self.tr("Calendar year (1 January to 31 December)"), FISCAL_CALENDAR
        )
        self.fiscal_combo.addItem(
            self.tr("School year (1 September to 31 August)"), FISCAL_SCHOOL_YEAR
        )
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Ledger year:")))
        row.addSpacing(6)
        row.addWidget(self.fiscal_combo)
        row.addStretch(1)
        self.fiscal_help = QLabel(
            self.tr(
                "The year the ledger balances, budgets, closes and reports: the calendar year, "
                "as school finance offices keep their books and as the grant is usually paid, "
                "or the school year, to match the studio's plans and summaries. Changing it "
                "regroups the entries (which stay as they are); budgets are kept under the "
                "year they were set for."
            )
        )
        self.fiscal_help.setObjectName("fiscalYearHelp")
        self.fiscal_help.setWordWrap(True)
        self.fiscal_help.setStyleSheet(HELP_STYLE)
        grid.addLayout(row, 0, 0)
        grid.addWidget(self.fiscal_help, 0, 1)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        return box

    def _show_ledger(self) -> None:
        self.fiscal_combo.blockSignals(True)
        self.fiscal_combo.setCurrentIndex(
            max(self.fiscal_combo.findData(self.services.studio.setting(FISCAL_KEY)), 0)
        )
        self.fiscal_combo.blockSignals(False)

    def _fiscal_changed(self, *_args) -> None:
        try:
            self.services.studio.set_setting(FISCAL_KEY, self.fiscal_combo.currentData())
        except ValidationError as error:
            ask.warn(self, self.tr("Funds"), str(error))
            self.refresh()
            return

    def _show_attendance(self) -> None:
        studio = self.services.studio
        for check, key in ((self.leave_check, LEAVE_KEY), (self.exact_check, EXACT_KEY)):
            check.blockSignals(True)
            check.setChecked(bool(studio.setting(key)))
            check.blockSignals(False)
        self.exact_origin.setText(
            self.tr("Where this comes from: %1").replace(
                "%1", studio.setting_value(EXACT_KEY).origin_text
            )
        )
        self.min_spin.blockSignals(True)
        self.min_spin.setValue(int(studio.setting(MIN_KEY)))
        self.min_spin.blockSignals(False)
        self.window_combo.blockSignals(True)
        self.window_combo.setCurrentIndex(
            max(self.window_combo.findData(studio.setting(WINDOW_KEY)), 0)
        )
        self.window_combo.blockSignals(False)
        rules = self.services.attendance.rules()
        rule = studio.effective_preset().rule("attendance_line")
        own = rule is not None and rule.by_studio
        self.line_button.setVisible(own)
        self.exact_check.setEnabled(rules.line is not None)
        if rules.line is None:
            self.line_label.setText(messages.text("no_line"))
            self.line_button.setText(self.tr("Set a line…"))
            return
        self.line_button.setText(self.tr("Change this studio's line…"))
        text = (
            self.tr("Absence line: %1 of the sessions a member was expected at (source: %2).")
            .replace("%1", fraction_text(rules.line))
            .replace("%2", rules.line_source)
        )
        overridden = ""
        if rule and rule.overridden and not own:
            overridden = self.tr("Overridden; the preset says %1.").replace(
                "%1", fraction_text(rule.preset_value)
            )
        where = (
            self.tr("Your policy document sets no line: this is your studio's own rule.")
            if own
            else self.tr("The line itself is a rule of the preset below.")
        )
        self.line_label.setText(labels.sentences(text, overridden, where))

    def _min_changed(self) -> None:
        if self.min_spin.value() != self.services.studio.setting(MIN_KEY):
            self._set_attendance(MIN_KEY, self.min_spin.value())

    def change_studio_rule(self, key: str) -> None:
        """One of the studio's own rules, asked again with its suggestion."""
        self.ask_studio_rule(key)

    def ask_studio_rule(self, key: str) -> bool:
        dialog = StudioRuleDialog(self.services.studio, key, self)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _set_attendance(self, key: str, value) -> None:
        try:
            self.services.studio.set_setting(key, value)
        except ValidationError as error:
            ask.warn(self, self.tr("Attendance"), str(error))
            self.refresh()
            return

    def _show_user_name(self, name: str) -> None:
        account = getattr(self.services, "account", None)
        if account is not None:  # the account signs, whatever name this PC keeps
            self.user_edit.setText(account.display_name)
            self.user_edit.setEnabled(False)
            self.user_note.setText(
                self.tr("Records you enter are signed with your account: %1.").replace(
                    "%1", account.recorded_as
                )
            )
            return
        self.user_edit.setEnabled(True)
        if not self.user_edit.hasFocus():
            self.user_edit.setText(name)
        if name:
            note = self.tr("Records you enter are signed with this name (登记人, history).")
        else:
            note = self.tr(
                "Not filled in: records you enter are signed with this computer's account "
                "name “%1”."
            ).replace("%1", current_user())
        self.user_note.setText(note)

    def _user_name_changed(self) -> None:
        name = self.user_edit.text().strip()
        if name == load_app_settings().user_name:
            return
        save_user_name(name)
        self.services.set_user(name)
        self._show_user_name(name)
        self.user_named.emit(name)

    def refresh(self) -> None:
        settings = load_app_settings()
        self._show_user_name(settings.user_name)
        self.language_combo.blockSignals(True)
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(settings.language), 0))
        self.language_combo.blockSignals(False)
        self.db_label.setText(self.database_text())
        self.data_dir_label.setText(settings.data_dir or str(default_data_dir()))
        self.mask_check.blockSignals(True)
        self.mask_check.setChecked(bool(self.services.studio.setting(MASK_KEY)))
        self.mask_check.blockSignals(False)
        self._show_attendance()
        self._show_ledger()
        preset = self.services.studio.effective_preset()
        self.preset_label.setText(self.tr("Policy preset: %1").replace("%1", preset.title))
        self.rules_model.set_rows(preset.rules.items())
        self.rules.resizeRowsToContents()
        self._rule_selected()  # no rule is current after the reset

    def database_text(self) -> str:
        """The database this computer works on: its file, or the school server's address
        and database (never a password)."""
        if not self.services.db.server:
            return self.tr("This computer's file: %1").replace("%1", str(self.services.db.path))
        from desktop_app.app_settings import without_credentials
        from desktop_app.gui.sign_in import where_text

        url = self.services.db.engine.url.render_as_string(hide_password=False)
        return where_text(without_credentials(url))

    def ask_database(self) -> str | None:
        """The database to use from the next start: a server's URL, "" for this
        computer's file, None to keep it. Tests replace this."""
        from desktop_app.gui.server_form import ServerDialog

        dialog = ServerDialog(load_app_settings().server, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()

    def switch_database(self) -> None:
        chosen = self.ask_database()
        if chosen is None:
            return
        settings = load_app_settings()
        settings.server = chosen
        save_app_settings(settings)
        from desktop_app.gui.sign_in import where_text

        where = self.tr("this computer's file") if not chosen else where_text(chosen)
        QMessageBox.information(
            self,
            self.tr("Database"),
            self.tr("From the next start StudioDesk works on %1.").replace("%1", where),
        )

    def _language_changed(self) -> None:
        settings = load_app_settings()
        settings.language = self.language_combo.currentData()
        save_app_settings(settings)
        self.restart_note.setText(self.tr("Takes effect when StudioDesk starts again."))

    def ask_folder(self) -> str:
        current = Path(load_app_settings().data_dir or default_data_dir())
        folder = ask.choose_folder(
            self, ask.DATA, self.tr("Choose the data folder"), default=current
        )
        return str(folder) if folder else ""

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

    def selected_rule(self) -> str | None:
        row = self.rules.currentIndex().row()
        keys = self.rules_model.keys()
        return keys[row] if 0 <= row < len(keys) else None

    def ask_override(self, key: str, current: str) -> tuple[str, str] | None:
        value, ok = QInputDialog.getText(
            self,
            self.tr("Override value"),
            self.tr("New value for %1:").replace("%1", labels.rule_name(key)),
            text=current,
        )
        if not ok:
            return None
        reason, ok = QInputDialog.getText(
            self, self.tr("Override value"), self.tr("Reason (shown with the rule):")
        )
        return (value, reason) if ok else None

    def _rule_selected(self) -> None:
        key = self.selected_rule()
        rule = self.services.studio.effective_preset().rule(key) if key else None
        own = rule is not None and rule.by_studio and key in STUDIO_RULES
        self.override_button.setText(
            self.tr("Change this studio's rule…") if own else self.tr("Override value…")
        )
        self.clear_button.setEnabled(not own)  # no preset's value to go back to

    def override_selected(self) -> None:
        key = self.selected_rule()
        if key is None:
            return
        rule = self.services.studio.effective_preset().rule(key)
        if rule is not None and rule.by_studio and key in STUDIO_RULES:
            self.change_studio_rule(key)
            return
        answer = self.ask_override(key, format_value(key, rule.value) if rule else "")
        if answer is None:
            return
        try:
            value = parse_rule_value(key, answer[0])
            self.services.studio.set_override(key, value, answer[1].strip())
        except (PresetError, ValidationError) as error:
            ask.warn(self, self.tr("Override value"), str(error))
            return

    def clear_selected(self) -> None:
        key = self.selected_rule()
        if key is not None:
            self.services.studio.clear_override(key)
