"""First start: set up the studio, or open the demo studio with one click."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_app.app_settings import USER_NAME_MAX, load_app_settings, save_user_name
from desktop_app.domain.presets import format_value
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.roles import Capability
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import StudioLevel, StudioType
from desktop_app.gui import labels, window_geometry
from desktop_app.gui.studio_rules import StudioRulesForm
from desktop_app.services.presets import all_presets
from desktop_app.services.studio import StudioInput, StudioService, validate_studio

DEMO = "demo"
CREATED = "created"
ON_SERVER = "server"  # a studio made on, or connected to, a school server
# how the studio is set up (IntroPage's choices)
HERE, NEW_ON_SERVER, CONNECT = "here", "new-on-server", "connect"
USER_ID, STUDIO_ID, RULES_ID, SERVER_ID = 1, 2, 3, 4


class IntroPage(QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.setTitle(self.tr("Welcome to StudioDesk"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "StudioDesk keeps the records of a head-teacher studio: its members and their growth files, "
                "activities and attendance, funds, plans and assessments, and the reports for the education bureau.\n\n"
                "Set up your studio in two short steps (your name, then the studio), or look around "
                "in a demo studio first. "
                "The demo is kept in a database of its own and never mixed with your records."
            )
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.demo_button = QPushButton(self.tr("Open the demo studio"))
        self.demo_button.setObjectName("demoButton")
        self.demo_button.clicked.connect(wizard.choose_demo)
        server_text = QLabel(
            self.tr(
                "Several computers of the school on one database: the school's IT person "
                "prepares it on the school server and gives you its address and your account."
            )
        )
        server_text.setWordWrap(True)
        server_text.setStyleSheet("color: #444;")
        self.new_server_button = QPushButton(self.tr("New studio on the school server…"))
        self.new_server_button.setObjectName("newOnServerButton")
        self.new_server_button.clicked.connect(lambda: wizard.choose(NEW_ON_SERVER))
        self.connect_button = QPushButton(self.tr("Connect to the school server…"))
        self.connect_button.setObjectName("connectServerButton")
        self.connect_button.clicked.connect(lambda: wizard.choose(CONNECT))
        server_row = QHBoxLayout()
        server_row.addWidget(self.new_server_button)
        server_row.addWidget(self.connect_button)
        server_row.addStretch(1)
        layout.addStretch(1)
        layout.addWidget(server_text)
        layout.addLayout(server_row)
        layout.addWidget(self.demo_button)
        self.wizard_ = wizard

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        return USER_ID if self.wizard_.mode == HERE else SERVER_ID

    def initializePage(self) -> None:
        self.wizard_.mode = HERE  # Next on this page: a studio on this computer


class UserPage(QWizardPage):
    """The person, not the studio: their name is kept on this computer (app settings) and
    signs what they record. Asked here once; Settings changes it."""

    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("About you"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.user_edit = QLineEdit(load_app_settings().user_name)
        self.user_edit.setObjectName("userNameEdit")
        self.user_edit.setMaxLength(USER_NAME_MAX)
        self.user_edit.setPlaceholderText(self.tr("e.g. 李老师"))
        form.addRow(self.tr("Your name"), self.user_edit)
        layout.addLayout(form)
        why = QLabel(
            self.tr(
                "Records say who entered them: your name is written as 登记人 in the funding "
                "ledger and in the history of every change. It is kept on this computer; "
                "you can change it in Settings."
            )
        )
        why.setWordWrap(True)
        why.setStyleSheet("color: #444;")
        layout.addWidget(why)
        self.problem = QLabel()
        self.problem.setObjectName("wizardUserProblem")
        self.problem.setStyleSheet("color: #b00020;")
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def name(self) -> str:
        return self.user_edit.text().strip()

    def validatePage(self) -> bool:
        if not self.name():
            self.problem.setText(
                self.tr("Your name: please fill it in (records say who entered them).")
            )
            return False
        self.problem.clear()
        save_user_name(self.name())
        return True


class StudioPage(QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Your studio"))
        self.setSubTitle(self.tr("You can change the preset's values later in Settings."))
        form = QFormLayout(self)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. 王芳名班主任工作室"))
        self.level_combo = QComboBox()
        for code, text in labels.choices(StudioLevel, labels.studio_level):
            self.level_combo.addItem(text, code)
        self.type_combo = QComboBox()
        for code, text in labels.choices(StudioType, labels.studio_type):
            self.type_combo.addItem(text, code)
        self.school_edit = QLineEdit()
        self.district_edit = QLineEdit()
        this_year = SchoolYear.of(wizard.today).start
        self.start_spin = QSpinBox()
        self.start_spin.setRange(2000, 2100)
        self.start_spin.setValue(this_year)
        self.end_spin = QSpinBox()
        self.end_spin.setRange(2001, 2101)
        self.end_spin.setValue(this_year + 3)
        cycle_row = QHBoxLayout()
        cycle_row.addWidget(self.start_spin)
        cycle_row.addWidget(QLabel("—"))
        cycle_row.addWidget(self.end_spin)
        cycle_row.addStretch(1)
        self.preset_combo = QComboBox()
        for preset in all_presets().values():
            self.preset_combo.addItem(preset.title, preset.id)
        self.preset_combo.setCurrentIndex(max(self.preset_combo.findData("jiangyin"), 0))
        self.preset_text = QLabel()
        self.preset_text.setObjectName("presetText")
        self.preset_text.setWordWrap(True)
        self.preset_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preset_text.setStyleSheet("color: #444;")
        # the rules scroll: the page stays the size of the window at 125–150 % scaling
        preset_scroll = QScrollArea()
        preset_scroll.setWidget(self.preset_text)
        preset_scroll.setWidgetResizable(True)
        preset_scroll.setFrameShape(QFrame.Shape.NoFrame)
        preset_scroll.setMinimumHeight(60)
        self.problems = QLabel()
        self.problems.setObjectName("wizardProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020;")
        form.addRow(self.tr("Studio name"), self.name_edit)
        form.addRow(self.tr("Level"), self.level_combo)
        form.addRow(self.tr("Type"), self.type_combo)
        form.addRow(self.tr("Host school"), self.school_edit)
        form.addRow(self.tr("District"), self.district_edit)
        form.addRow(self.tr("Build cycle (school years)"), cycle_row)
        form.addRow(self.tr("Policy preset"), self.preset_combo)
        form.addRow("", preset_scroll)
        form.addRow("", self.problems)
        self.preset_combo.currentIndexChanged.connect(self._preset_changed)
        self.start_spin.valueChanged.connect(self._start_changed)
        self._preset_changed()

    def _cycle_years(self) -> int:
        return all_presets()[self.preset_combo.currentData()].value("cycle_years", 3)

    def _start_changed(self, value: int) -> None:
        self.end_spin.setValue(value + self._cycle_years())

    def preset(self):
        return all_presets()[self.preset_combo.currentData()]

    def nextId(self) -> int:
        # a page asking the rules the document leaves to the studio, where there are any;
        # else this page is the last and creates the studio
        return self.wizard_.rules_id if self.preset().asks() else -1

    def _preset_changed(self) -> None:
        preset = self.preset()
        self.completeChanged.emit()  # Next or Create studio
        self.type_combo.setCurrentIndex(max(self.type_combo.findData(preset.studio_type.code), 0))
        self.end_spin.setValue(self.start_spin.value() + self._cycle_years())
        lines = [preset.issuer]
        for rule in preset.rules.values():
            if rule.source is None:
                continue
            value = format_value(rule.key, rule.value)
            lines.append(
                f"· {labels.rule_name(rule.key)}{labels.colon()}{value}（{rule.source.section}）"
            )
        for key in preset.asks():
            lines.append(
                f"· {labels.rule_name(key)}{labels.colon()}"
                + self.tr("not set by the document; your studio decides in the next step")
            )
        self.preset_text.setText("\n".join(lines))

    def studio_input(self) -> StudioInput:
        return StudioInput(
            name=self.name_edit.text(),
            level=self.level_combo.currentData(),
            studio_type=self.type_combo.currentData(),
            preset_id=self.preset_combo.currentData(),
            cycle_start=self.start_spin.value(),
            cycle_end=self.end_spin.value(),
            host_school=self.school_edit.text(),
            district=self.district_edit.text(),
        )

    def validatePage(self) -> bool:
        problems = validate_studio(self.studio_input())
        if not problems and not self.preset().asks():
            problems = self.wizard_.create({})
        self.problems.setText("\n".join(f"• {p.message}" for p in problems))
        return not problems


class RulesPage(QWizardPage):
    """The rules the chosen document leaves to the studio (the absence line, spending
    categories): each with the usual value to accept, change or decline. What the studio
    answers is its own rule (本工作室规定), never the document's."""

    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Your studio's own rules"))
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setObjectName("rulesIntro")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.form = StudioRulesForm()
        layout.addWidget(self.form)
        self.problems = QLabel()
        self.problems.setObjectName("rulesProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020;")
        layout.addWidget(self.problems)
        layout.addStretch(1)

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        return -1  # the last page: it creates the studio (the server page's id is higher)

    def initializePage(self) -> None:
        preset = self.wizard_.studio_page.preset()
        self.intro.setText(
            self.tr(
                "%1 does not set these rules. If your studio has its own, keep or change "
                "them here; they are shown as this studio's own rules (本工作室规定), never "
                "as the document's. You can change them later in Settings."
            ).replace("%1", preset.title)
        )
        self.form.show_rules(preset.asks())

    def validatePage(self) -> bool:
        values = self.form.values()
        if values is None:
            return False
        problems = self.wizard_.create(values)
        self.problems.setText("\n".join(f"• {p.message}" for p in problems))
        return not problems


class ServerPage(QWizardPage):
    """A school server: where its database is, then the sign-in as an account the IT
    person made (``studiodesk server-init``): for a new studio the host's."""

    def __init__(self, wizard: SetupWizard):
        super().__init__()
        from desktop_app.gui.server_form import ServerForm
        from desktop_app.gui.sign_in import Credentials

        self.wizard_ = wizard
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setObjectName("serverIntro")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.form = ServerForm()
        layout.addWidget(self.form)
        self.credentials = Credentials(load_app_settings().login)
        layout.addWidget(self.credentials)
        # the two forms' fields start at one line, as one form's would
        labels_ = [
            form.labelForField(field)
            for form, field in (
                (self.form.layout(), self.form.host_edit),
                (self.form.layout(), self.form.port_spin),
                (self.form.layout(), self.form.database_edit),
                (self.credentials.form, self.credentials.login_edit),
                (self.credentials.form, self.credentials.password_edit),
            )
        ]
        width = max(label.sizeHint().width() for label in labels_)
        for label in labels_:
            label.setMinimumWidth(width)
        self.problem = QLabel()
        self.problem.setObjectName("serverProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def initializePage(self) -> None:
        if self.wizard_.mode == NEW_ON_SERVER:
            self.setTitle(self.tr("A new studio on the school server"))
            self.intro.setText(
                self.tr(
                    "Type the server's address and the database's name the school's IT "
                    "person gave you, then sign in with the host's account (主持人). The "
                    "studio's details follow."
                )
            )
        else:
            self.setTitle(self.tr("Connect to the school server"))
            self.intro.setText(
                self.tr(
                    "Type the server's address and the database's name the school's IT "
                    "person gave you, then sign in with your account."
                )
            )
        self.credentials.offer_keyring("")  # a server not named yet
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Connect"))

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        return STUDIO_ID if self.wizard_.mode == NEW_ON_SERVER else -1

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        problem = self.form.problem()
        if problem is None and not (self.credentials.login() and self.credentials.password()):
            problem = self.tr("Please type your login and your password.")
        if problem is None:
            problem = self.wizard_.open_server(
                self.form.url(), self.credentials.login(), self.credentials.password()
            )
        self.problem.setText(problem or "")
        if problem is not None:
            return False
        self.credentials.keep(self.form.url())
        return True


class SetupWizard(QWizard):
    """outcome is CREATED when a studio was saved, DEMO when the demo was chosen."""

    def __init__(
        self, studio: StudioService, today: dt.date | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.studio = studio
        self.today = today or dt.date.today()
        self.outcome: str | None = None
        self.mode = HERE
        self.server_services = None  # AppServices of the school server, once signed in
        self.setWindowTitle(self.tr("StudioDesk — first start"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        window_geometry.fit(self, QSize(720, 560))
        self.intro = IntroPage(self)
        self.user_page = UserPage()
        self.rules_id = RULES_ID
        self.studio_page = StudioPage(self)
        self.rules_page = RulesPage(self)
        self.server_page = ServerPage(self)
        self.setPage(0, self.intro)
        self.setPage(USER_ID, self.user_page)
        self.setPage(STUDIO_ID, self.studio_page)
        self.setPage(RULES_ID, self.rules_page)
        self.setPage(SERVER_ID, self.server_page)
        self.intro.setButtonText(QWizard.WizardButton.NextButton, self.tr("Set up my studio >"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Create studio"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))

    def create(self, own_rules: dict) -> list:
        """Creates the studio of the studio page with these own rules; the problems."""
        studio = self.studio
        if self.server_services is not None:
            studio = self.server_services.studio  # signed by the host's account
        else:
            studio.db.user = self.user_page.name()  # signs the studio too
        data = dataclasses.replace(self.studio_page.studio_input(), own_rules=own_rules)
        try:
            studio.create(data)
        except ValidationError as error:
            return error.problems
        self.outcome = CREATED if self.server_services is None else ON_SERVER
        if self.server_services is not None:
            self._remember_server()
        return []

    def choose(self, mode: str) -> None:
        """One of the intro page's server buttons: on to the server page."""
        self.mode = mode
        self.next()

    def open_server(self, url: str, login: str, password: str) -> str | None:
        """Sign in on the school server's database ``url``: None when signed in (and, to
        connect, when it holds a studio), else what is wrong in words."""
        from desktop_app.gui.sign_in import open_signed_in

        if self.server_services is not None:
            self.server_services.close()
            self.server_services = None
        try:
            services = open_signed_in(url, login, password)
        except ValidationError as error:  # a wrong password, a server that does not answer
            return str(error)
        exists = services.studio.exists()
        problem = None
        if self.mode == CONNECT and not exists:
            problem = self.tr(
                "This database holds no studio yet. Go back and choose “New studio on the "
                "school server” (the studio's host does this once)."
            )
        elif self.mode == NEW_ON_SERVER and exists:
            problem = self.tr(
                "This database already holds a studio (%1). Go back and choose “Connect "
                "to the school server”."
            ).replace("%1", services.studio.get().name)
        elif self.mode == NEW_ON_SERVER and not services.can(Capability.SETTINGS):
            problem = self.tr("Only the host's account (主持人) sets up the studio: %1").replace(
                "%1", services.why_not(Capability.SETTINGS) or ""
            )
        if problem is not None:
            services.close()
            return problem
        self.server_services = services
        self._login = login
        if self.mode == CONNECT:
            self.outcome = ON_SERVER
            self._remember_server()
        return None

    def _remember_server(self) -> None:
        """This computer works on the server from now on (Settings switches back)."""
        from desktop_app.app_settings import save_app_settings, without_credentials

        settings = load_app_settings()
        url = self.server_services.db.engine.url.render_as_string(hide_password=False)
        settings.server = without_credentials(url)
        settings.login = self._login
        save_app_settings(settings)

    def choose_demo(self) -> None:
        self.outcome = DEMO
        self.accept()
