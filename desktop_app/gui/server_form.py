"""Where a school server's database is: address, port and database name (issue 18). The
wizard and Settings ask it with this one form; the URL it makes has no user nor password
(app_settings.server_url)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.app_settings import server_url

DEFAULT_PORT = 5432  # PostgreSQL's


class ServerForm(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.host_edit = QLineEdit()
        self.host_edit.setObjectName("serverHost")
        self.host_edit.setPlaceholderText(self.tr("e.g. 192.168.1.20 or server.school.local"))
        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("serverPort")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.database_edit = QLineEdit()
        self.database_edit.setObjectName("serverDatabase")
        self.database_edit.setPlaceholderText(self.tr("as the school's IT person named it"))
        form.addRow(self.tr("Server address"), self.host_edit)
        form.addRow(self.tr("Port"), self.port_spin)
        form.addRow(self.tr("Database name"), self.database_edit)

    def problem(self) -> str | None:
        if not self.host_edit.text().strip():
            return self.tr("Server address: please fill it in.")
        if not self.database_edit.text().strip():
            return self.tr("Database name: please fill it in.")
        return None

    def url(self) -> str:
        return server_url(self.host_edit.text(), self.port_spin.value(), self.database_edit.text())


class ServerDialog(QDialog):
    """Settings ▸ Switch database: this computer's file, or a school server's database."""

    def __init__(self, current: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Switch database"))
        layout = QVBoxLayout(self)
        self.file_radio = QRadioButton(self.tr("This computer's file (one PC)"))
        self.server_radio = QRadioButton(self.tr("A database on the school server"))
        self.form = ServerForm()
        layout.addWidget(self.file_radio)
        layout.addWidget(self.server_radio)
        layout.addWidget(self.form)
        if current:
            from sqlalchemy.engine import make_url

            url = make_url(current)
            self.form.host_edit.setText(url.host or "")
            self.form.port_spin.setValue(url.port or DEFAULT_PORT)
            self.form.database_edit.setText(url.database or "")
        (self.server_radio if current else self.file_radio).setChecked(True)
        self.form.setEnabled(bool(current))
        self.server_radio.toggled.connect(self.form.setEnabled)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Switch"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> str:
        return self.form.url() if self.server_radio.isChecked() else ""

    def _accept(self) -> None:
        problem = self.form.problem() if self.server_radio.isChecked() else None
        self.problem.setText(problem or "")
        if problem is None:
            self.accept()
