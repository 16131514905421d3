"""Signing in (issue 18): at every start on a school server, and on a PC whose accounts
the host turned on. Login and password; what went wrong said in words (a wrong password,
a server that does not answer: the store's and the accounts' own messages); Cancel quits
cleanly. On a server the password may be kept in the system keyring
(desktop_app/secrets.py) — where there is none, the box says why and stays off."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app import secrets
from desktop_app.domain.problems import ValidationError
from desktop_app.gui import ask, window_geometry
from desktop_app.services.app import AppServices

# (login, password) → None when signed in, else what went wrong in words
Attempt = Callable[[str, str], str | None]


class Credentials(QWidget):
    """Login, password and "remember the password on this computer" (a server's only:
    disabled, with the reason, where no keyring is usable). The sign-in dialog and the
    wizard's server page ask them with this one widget."""

    def __init__(self, login: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.form = form
        self.login_edit = QLineEdit(login)
        self.login_edit.setObjectName("loginEdit")
        self.login_edit.setMaxLength(32)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Login"), self.login_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        layout.addLayout(form)
        self.remember_check = QCheckBox(self.tr("Remember the password on this computer"))
        self.remember_check.setObjectName("rememberPassword")
        self.remember_note = QLabel()
        self.remember_note.setObjectName("rememberNote")
        self.remember_note.setWordWrap(True)
        self.remember_note.setStyleSheet("color: #555555;")
        layout.addWidget(self.remember_check)
        layout.addWidget(self.remember_note)

    def offer_keyring(self, server: str | None) -> None:
        """The tick box for ``server`` (None: a file's accounts, whose passwords are
        never kept: no box; "": a server not named yet, the wizard's)."""
        if server is None:
            self.remember_check.setVisible(False)
            self.remember_note.setVisible(False)
            return
        if secrets.keyring_usable():
            login = self.login()
            self.remember_check.setChecked(
                bool(login and server) and secrets.saved_password(server, login) is not None
            )
            self.remember_note.setText(
                self.tr("Kept in the system's keyring, never in a file of StudioDesk.")
            )
            return
        why = self.tr(
            "This computer has no system keyring StudioDesk can use (on Linux: a desktop's "
            "secret service, such as GNOME Keyring or KWallet). The password is asked at "
            "each start."
        )
        self.remember_check.setChecked(False)
        self.remember_check.setEnabled(False)
        self.remember_check.setToolTip(why)
        self.remember_note.setText(why)

    def login(self) -> str:
        return self.login_edit.text().strip()

    def password(self) -> str:
        return self.password_edit.text()

    def keep(self, server: str) -> None:
        """Signed in on ``server``: the password kept in the keyring when ticked, else
        any kept before forgotten."""
        if self.remember_check.isEnabled() and self.remember_check.isChecked():
            secrets.keep_password(server, self.login(), self.password())
        else:
            secrets.forget_password(server, self.login())


class SignInDialog(QDialog):
    """``where`` names the database (the server's address, or the studio's file);
    ``server`` is the server's URL without credentials when the password may be kept
    in the keyring ("" on an SQLite PC: its accounts' passwords are never kept)."""

    def __init__(
        self,
        where: str,
        attempt: Attempt,
        login: str = "",
        server: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.attempt = attempt
        self.server = server
        self.setWindowTitle(self.tr("Sign in — StudioDesk"))
        self.setObjectName("signInDialog")
        layout = QVBoxLayout(self)
        self.where_label = QLabel(self.tr("Database: %1").replace("%1", where))
        self.where_label.setObjectName("signInWhere")
        self.where_label.setWordWrap(True)
        self.where_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where_label)
        self.credentials = Credentials(login)
        self.credentials.offer_keyring(server or None)
        layout.addWidget(self.credentials)
        self.login_edit = self.credentials.login_edit
        self.password_edit = self.credentials.password_edit
        self.remember_check = self.credentials.remember_check
        self.problem = QLabel()
        self.problem.setObjectName("signInProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ask.PROBLEM_STYLE)
        self.problem.setVisible(False)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Sign in"))
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Quit"))
        buttons.accepted.connect(self.sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password_edit if login else self.login_edit).setFocus()
        window_geometry.fit(self, QSize(480, 300))

    def login(self) -> str:
        return self.credentials.login()

    def password(self) -> str:
        return self.credentials.password()

    def say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def sign_in(self) -> None:
        """Try the login and password: the dialog closes when they open the database,
        else it says why and keeps what was typed (the password selected, to type anew)."""
        if not self.login() or not self.password():
            self.say(self.tr("Please type your login and your password."))
            return
        self.say(self.tr("Signing in…"))
        self.ok_button.setEnabled(False)
        self.repaint()  # the words show while a distant server is asked
        try:
            problem = self.attempt(self.login(), self.password())
        finally:
            self.ok_button.setEnabled(True)
        if problem is not None:
            self.say(problem)
            self.password_edit.setFocus()
            self.password_edit.selectAll()
            return
        self.say("")
        if self.server:
            self.credentials.keep(self.server)
        self.accept()


# ------------------------------------------------------------- signing in at start


def ask_sign_in(dialog: SignInDialog) -> bool:
    """Show the sign-in dialog; True when signed in. Tests replace this."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def open_server(
    server: str, parent: QWidget | None = None, login: str | None = None, silent: bool = True
) -> AppServices | None:
    """The services of the school server's database ``server`` (its URL without
    credentials), signed in: with the password kept in the keyring for the last login
    when there is one (``silent``), else as the user types it. None: the user quit."""
    from desktop_app.app_settings import load_app_settings, save_app_settings

    settings = load_app_settings()
    login = settings.login if login is None else login
    opened: list[AppServices] = []

    def attempt(login: str, password: str) -> str | None:
        try:
            opened.append(open_signed_in(server, login, password))
        except ValidationError as error:  # SignInFailed, StorageError (unreachable…)
            return str(error)
        return None

    kept = secrets.saved_password(server, login) if (silent and login) else None
    if kept is not None and attempt(login, kept) is None:
        return opened[0]
    dialog = SignInDialog(where_text(server), attempt, login=login, server=server, parent=parent)
    if not ask_sign_in(dialog):
        return None
    settings = load_app_settings()
    settings.login = dialog.login()
    save_app_settings(settings)
    return opened[-1]


def open_signed_in(server: str, login: str, password: str) -> AppServices:
    """Open ``server`` as ``login`` (SignInFailed, or the store's StorageError)."""
    from desktop_app.gui.session import user_name

    return AppServices.open(server, check=False, user=user_name(), login=login, password=password)


def sign_in_on_file(services: AppServices, parent: QWidget | None = None) -> bool:
    """Sign in on an SQLite PC whose accounts are on; False: the user quit."""
    from desktop_app.app_settings import load_app_settings, save_app_settings

    def attempt(login: str, password: str) -> str | None:
        try:
            services.sign_in(login, password)
        except ValidationError as error:
            return str(error)
        return None

    dialog = SignInDialog(
        where_text(str(services.db.path)), attempt, login=load_app_settings().login, parent=parent
    )
    if not ask_sign_in(dialog):
        return False
    settings = load_app_settings()
    settings.login = dialog.login()
    save_app_settings(settings)
    return True


def where_text(address: str) -> str:
    """A database as the user reads it: a file's path, or a server's host, port and
    database name (never a password)."""
    from desktop_app.store.db import is_server

    if not is_server(address):
        return address
    from sqlalchemy.engine import make_url

    url = make_url(address)
    return (
        QCoreApplication.translate("SignIn", "%1, database %2 (school server)")
        .replace("%1", f"{url.host}:{url.port or 5432}")
        .replace("%2", url.database or "")
    )
