"""The accounts' forms (issue 18): an account (login, name, role, password twice) — also
the first host's, when accounts are turned on for this PC — and a password set anew
(the host resetting one, or a user changing their own, the old one first). Each saves
through a callable the caller gives; what the service refuses is shown in the form, and
what was typed stays."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.problems import ValidationError
from desktop_app.domain.roles import MIN_PASSWORD, AccountRole, role_name
from desktop_app.gui import ask


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class _Form(QDialog):
    """A form with a problems line and Save / Cancel; ``save`` is the subclass's."""

    def _finish(self, layout: QVBoxLayout, form: QFormLayout, save_text: str) -> None:
        layout.addLayout(form)
        self.problems = QLabel()
        self.problems.setObjectName("accountProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(ask.PROBLEM_STYLE)
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def say(self, lines: list[str]) -> None:
        self.problems.setText("\n".join(f"• {line}" for line in lines))

    def _twice(self, first: QLineEdit, second: QLineEdit) -> bool:
        if first.text() != second.text():
            self.say([self.tr("The two passwords are not the same.")])
            return False
        return True

    def _run(self, action: Callable[[], object]) -> None:
        try:
            action()
        except ValidationError as error:
            self.say([p.message for p in error.problems])
            return
        self.accept()

    def save(self) -> None:
        raise NotImplementedError


class AccountDialog(_Form):
    """A new account. ``role`` fixed (the first host's, when accounts are turned on), or
    None: chosen here. ``save(login, name, role, password)`` makes it."""

    def __init__(
        self,
        title: str,
        intro: str,
        save: Callable[[str, str, AccountRole, str], object],
        role: AccountRole | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("accountDialog")
        self.saver = save
        self.fixed_role = role
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.login_edit = QLineEdit()
        self.login_edit.setObjectName("newLogin")
        self.login_edit.setMaxLength(32)
        self.login_edit.setPlaceholderText(self.tr("e.g. chenjing (letters and digits)"))
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("newDisplayName")
        self.name_edit.setMaxLength(60)
        self.name_edit.setPlaceholderText(self.tr("e.g. 陈静"))
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("newRole")
        for each in (AccountRole.SECRETARY, AccountRole.VIEWER, AccountRole.HOST):
            self.role_combo.addItem(role_name(each), each.code)
        self.password_edit = _password_edit("newPassword")
        self.again_edit = _password_edit("newPasswordAgain")
        self.password_edit.setPlaceholderText(
            self.tr("at least %1 characters").replace("%1", str(MIN_PASSWORD))
        )
        form.addRow(self.tr("Login"), self.login_edit)
        form.addRow(self.tr("Name"), self.name_edit)
        if role is None:
            form.addRow(self.tr("Role"), self.role_combo)
        else:
            self.role_combo.setCurrentIndex(self.role_combo.findData(role.code))
            self.role_combo.setVisible(False)
            form.addRow(self.tr("Role"), QLabel(role_name(role)))
        form.addRow(self.tr("Password"), self.password_edit)
        form.addRow(self.tr("Password again"), self.again_edit)
        self._finish(layout, form, self.tr("Save"))
        self.resize(max(self.sizeHint().width(), 440), self.sizeHint().height())

    def role(self) -> AccountRole:
        return AccountRole.from_code(self.role_combo.currentData())

    def save(self) -> None:
        if not self._twice(self.password_edit, self.again_edit):
            return
        self._run(
            lambda: self.saver(
                self.login_edit.text(),
                self.name_edit.text(),
                self.role(),
                self.password_edit.text(),
            )
        )


class PasswordDialog(_Form):
    """A password set anew: ``save(new)``, or with ``ask_old`` ``save(old, new)`` (a
    user's own: the old one is checked first)."""

    def __init__(
        self,
        title: str,
        save: Callable[..., object],
        ask_old: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("passwordDialog")
        self.saver = save
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.old_edit = _password_edit("oldPassword")
        if ask_old:
            form.addRow(self.tr("Current password"), self.old_edit)
        self.password_edit = _password_edit("newPassword")
        self.password_edit.setPlaceholderText(
            self.tr("at least %1 characters").replace("%1", str(MIN_PASSWORD))
        )
        self.again_edit = _password_edit("newPasswordAgain")
        form.addRow(self.tr("New password"), self.password_edit)
        form.addRow(self.tr("New password again"), self.again_edit)
        self.ask_old = ask_old
        self._finish(layout, form, self.tr("Save"))
        self.resize(max(self.sizeHint().width(), 420), self.sizeHint().height())

    def save(self) -> None:
        if not self._twice(self.password_edit, self.again_edit):
            return
        new = self.password_edit.text()
        if self.ask_old:
            self._run(lambda: self.saver(self.old_edit.text(), new))
        else:
            self._run(lambda: self.saver(new))
