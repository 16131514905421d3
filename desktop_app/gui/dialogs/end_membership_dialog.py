"""Ending a membership: a date and a reason. The member stays in the records."""

from __future__ import annotations

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
from desktop_app.gui import labels
from desktop_app.services.members import MemberService, RosterRow

# Reasons the seeds name (000 §四(三), 004 §四(二)3); the user may type another.
ABSENCE_REASON = "缺勤超过规定比例"  # the studio's line, whichever it is and wherever it comes from
REASONS = ("工作调动", "考核不合格", ABSENCE_REASON, "个人申请退出", "退休")


class EndMembershipDialog(QDialog):
    """reason: filled in beforehand (e.g. the absence reason for a member over the
    attendance line); the user may still change it, and must still confirm."""

    def __init__(
        self,
        members: MemberService,
        row: RosterRow,
        parent: QWidget | None = None,
        reason: str | None = None,
    ):
        super().__init__(parent)
        self.members = members
        self.row = row
        self.setWindowTitle(self.tr("End membership: %1").replace("%1", row.name))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("%1 stays in the records and can be shown with the “Left” filter.").replace(
                    "%1", row.name
                )
            )
        )
        form = QFormLayout()
        self.date_edit = QLineEdit(members.today().isoformat())
        self.date_edit.setPlaceholderText(labels.example("2025-09-01"))
        self.reason_combo = QComboBox()
        self.reason_combo.setEditable(True)
        self.reason_combo.addItems(REASONS)
        self.reason_combo.setCurrentText(reason or "")
        form.addRow(self.tr("Left on"), self.date_edit)
        form.addRow(self.tr("Reason"), self.reason_combo)
        layout.addLayout(form)
        self.problems = QLabel()
        self.problems.setStyleSheet("color: #b00020;")
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("End membership"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            self.members.end(
                self.row.membership_id, self.date_edit.text(), self.reason_combo.currentText()
            )
        except ValidationError as error:
            self.problems.setText("\n".join(f"• {p.message}" for p in error.problems))
            return
        self.accept()
