"""Settings ▸ Accounts (issue 18), the host's: on a PC, turn accounts on (the first host:
login, name, password twice); the accounts with their role and state; add one, change its
role, reset its password, deactivate or activate it. Accounts are never deleted."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.problems import ValidationError
from desktop_app.domain.roles import AccountRole, Capability, role_name
from desktop_app.gui import ask
from desktop_app.gui.dialogs.account_dialogs import AccountDialog, PasswordDialog
from desktop_app.gui.permissions import guard_all
from desktop_app.gui.table_sizing import fit_columns


def run_dialog(dialog: QDialog) -> bool:
    """Tests replace this."""
    return dialog.exec() == QDialog.DialogCode.Accepted


class AccountsBox(QGroupBox):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Accounts"))
        self.setObjectName("accountsBox")
        self.services = services
        layout = QVBoxLayout(self)
        self.state_label = QLabel()
        self.state_label.setObjectName("accountsState")
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)
        self.enable_button = QPushButton(self.tr("Turn accounts on for this computer…"))
        self.enable_button.setObjectName("enableAccounts")
        layout.addWidget(self.enable_button)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("accountsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Login"), self.tr("Name"), self.tr("Role"), self.tr("State")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        fit_columns(self.table, 1)  # the name takes the spare width
        self.table.setMinimumHeight(140)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add account…"))
        self.role_button = QPushButton(self.tr("Change role…"))
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.active_button = QPushButton(self.tr("Deactivate"))
        for button in (self.add_button, self.role_button, self.reset_button, self.active_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.enable_button.clicked.connect(self.enable)
        self.add_button.clicked.connect(self.add)
        self.role_button.clicked.connect(self.change_role)
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        guard_all(
            services,
            Capability.ACCOUNTS,
            self.enable_button,
            self.add_button,
            self.role_button,
            self.reset_button,
            self.active_button,
        )
        self.refresh()

    def accounts_on(self) -> bool:
        return bool(self.services.db.accounts_required)

    def refresh(self) -> None:
        on = self.accounts_on()
        # the host's alone: to another role the box would only show what they cannot do
        # (their own password is in the File menu)
        self.setVisible(self.services.can(Capability.ACCOUNTS))
        self.enable_button.setVisible(not on and not self.services.db.server)
        for widget in (self.table, self.add_button, self.role_button, self.reset_button):
            widget.setVisible(on)
        self.active_button.setVisible(on)
        if not on:
            self.state_label.setText(
                self.tr(
                    "Accounts are off: whoever uses this computer works on the studio. Turn "
                    "them on when a host, a secretary and others share it: each signs in, "
                    "may do what their role allows, and the history records who did what."
                )
            )
            return
        self.state_label.setText(
            self.tr(
                "Each person signs in with their own account. 主持人 (host): everything; "
                "秘书 (secretary): activities, attendance, receipts and expenses, growth "
                "records, task evidence; 查看 (viewer): reads and prints reports."
            )
        )
        rows = self.services.accounts.list() if self.services.can(Capability.ACCOUNTS) else []
        self.rows = rows
        self.table.setRowCount(len(rows))
        for number, info in enumerate(rows):
            state = self.tr("active") if info.active else self.tr("deactivated")
            for column, text in enumerate(
                (info.login, info.display_name, role_name(info.role), state)
            ):
                self.table.setItem(number, column, QTableWidgetItem(text))
        self._update_buttons()

    def selected(self):
        row = self.table.currentRow()
        rows = getattr(self, "rows", [])
        return rows[row] if 0 <= row < len(rows) and self.table.selectedItems() else None

    def _update_buttons(self) -> None:
        info = self.selected()
        for button in (self.role_button, self.reset_button, self.active_button):
            button.setEnabled(info is not None)
        self.active_button.setText(
            self.tr("Activate") if info is not None and not info.active else self.tr("Deactivate")
        )

    def _done(self, action) -> bool:
        try:
            action()
        except ValidationError as error:
            ask.warn(self, self.tr("Accounts"), str(error))
            return False
        self.refresh()
        return True

    def enable(self) -> None:
        dialog = AccountDialog(
            self.tr("Turn accounts on"),
            self.tr(
                "First the host's account (主持人): you, who may then add the others. From "
                "now on StudioDesk asks everyone to sign in on this computer."
            ),
            lambda login, name, _role, password: self.services.accounts.enable_accounts(
                login, name, password
            ),
            role=AccountRole.HOST,
            parent=self,
        )
        if run_dialog(dialog):
            self.services.account = next(
                (
                    a
                    for a in self.services.accounts.list()
                    if a.login == dialog.login_edit.text().strip().lower()
                ),
                None,
            )
            self.refresh()

    def add(self) -> None:
        dialog = AccountDialog(
            self.tr("Add account"),
            self.tr(
                "The person signs in with this login and password, and may change the password."
            ),
            self.services.accounts.add,
            parent=self,
        )
        if run_dialog(dialog):
            self.refresh()

    def ask_role(self, info) -> AccountRole | None:
        """Tests replace this."""
        roles = [AccountRole.HOST, AccountRole.SECRETARY, AccountRole.VIEWER]
        names = [role_name(r) for r in roles]
        chosen, ok = QInputDialog.getItem(
            self,
            self.tr("Change role"),
            self.tr("Role of %1:").replace("%1", info.display_name),
            names,
            roles.index(info.role),
            False,
        )
        return roles[names.index(chosen)] if ok else None

    def change_role(self) -> None:
        info = self.selected()
        role = self.ask_role(info) if info is not None else None
        if role is not None:
            self._done(lambda: self.services.accounts.set_role(info.login, role))

    def reset_password(self) -> None:
        info = self.selected()
        if info is None:
            return
        dialog = PasswordDialog(
            self.tr("Reset the password of %1").replace("%1", info.display_name),
            lambda new: self.services.accounts.reset_password(info.login, new),
            parent=self,
        )
        run_dialog(dialog)

    def toggle_active(self) -> None:
        info = self.selected()
        if info is None:
            return
        if info.active:
            self._done(lambda: self.services.accounts.deactivate(info.login))
        else:
            self._done(lambda: self.services.accounts.activate(info.login))
