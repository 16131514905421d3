"""Add or edit a member. Problems are shown inside the dialog, which stays open with the
user's input until the save succeeds."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QWidget

from desktop_app.domain.member_input import MemberData, parse_member
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.vocab import Gender, Role, Stage, TeachingTitle, TrainingTier
from desktop_app.gui import ask, labels, window_geometry
from desktop_app.gui.forms.ui_member_dialog import Ui_MemberDialog
from desktop_app.services.members import MemberService, RosterRow

# field name → the widget holding it, for pointing at the field with a problem
_WIDGETS = {
    "name": "nameEdit",
    "role": "roleCombo",
    "stage": "stageCombo",
    "status": "stageCombo",
    "gender": "genderCombo",
    "birth_date": "birthEdit",
    "school": "schoolEdit",
    "rural": "ruralCombo",
    "title": "titleCombo",
    "honours": "honoursEdit",
    "head_teacher_since": "sinceEdit",
    "teaching_since": "teachingEdit",
    "in_post": "inPostCombo",
    "training_tier": "tierCombo",
    "agreement_signed_on": "agreementEdit",
    "joined_on": "joinedEdit",
    "phone": "phoneEdit",
    "id_number": "idEdit",
    "note": "noteEdit",
}


def _fill(combo: QComboBox, pairs: list[tuple[str, str]], blank: bool) -> None:
    combo.clear()
    if blank:
        combo.addItem("", "")
    for code, text in pairs:
        combo.addItem(text, code)


def _select(combo: QComboBox, code: str | None) -> None:
    index = combo.findData(code or "")
    combo.setCurrentIndex(max(index, 0))


def _date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


class MemberDialog(QDialog):
    def __init__(
        self,
        members: MemberService,
        existing: RosterRow | None = None,
        replaces: RosterRow | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.members = members
        self.existing = existing
        self.replaces = replaces
        self.saved_id: int | None = None
        self.ui = Ui_MemberDialog()
        self.ui.setupUi(self)
        # hints that say they are examples: a grey date looked like one already filled in
        for edit, example in (
            (self.ui.birthEdit, "1985-03-12"),
            (self.ui.sinceEdit, "2015"),
            (self.ui.teachingEdit, "2010"),
            (self.ui.agreementEdit, "2025-09-01"),
            (self.ui.joinedEdit, "2025-09-01"),
        ):
            edit.setPlaceholderText(labels.example(example))
        window_geometry.fit(self, self.size())  # the form's size, as drawn in the .ui
        ui = self.ui
        _fill(ui.roleCombo, labels.choices(Role, labels.role), blank=False)
        _fill(ui.stageCombo, labels.choices(Stage, labels.stage), blank=False)
        _fill(ui.genderCombo, labels.choices(Gender, labels.gender), blank=True)
        _fill(
            ui.ruralCombo, [("yes", labels.yes_no(True)), ("no", labels.yes_no(False))], blank=True
        )
        _fill(ui.titleCombo, labels.choices(TeachingTitle, labels.title), blank=True)
        _fill(
            ui.inPostCombo,
            [("yes", labels.yes_no(True)), ("no", labels.yes_no(False))],
            blank=True,
        )
        _fill(ui.tierCombo, labels.choices(TrainingTier, labels.tier), blank=True)
        # years count in whole school years from September of the year typed
        for edit in (ui.sinceEdit, ui.teachingEdit):
            edit.setToolTip(
                self.tr(
                    "The year of the first school year (from September); years are counted "
                    "in whole school years up to the day the member was chosen"
                )
            )
        # the tier is 松江's (seed 001): shown where the preset has tiers or the member has one
        show_tier = bool(members.studio.effective_preset().rule("training_tiers")) or bool(
            existing is not None and existing.training_tier
        )
        ui.tierCombo.setVisible(show_tier)
        ui.tierComboLabel.setVisible(show_tier)
        _select(ui.roleCombo, Role.MEMBER.code)
        _select(ui.stageCombo, Stage.CONFIRMED.code)
        ui.joinedEdit.setText(dt.date.today().isoformat())
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        if existing is not None:
            self.setWindowTitle(self.tr("Edit member: %1").replace("%1", existing.name))
            self._load(existing)
        else:
            self.setWindowTitle(self.tr("Add member"))
        if replaces is not None:
            ui.replacesLabel.setText(
                self.tr("Replaces %1, who left on %2")
                .replace("%1", replaces.name)
                .replace("%2", _date_text(replaces.left_on))
            )
            ui.replacesLabel.setVisible(True)
            _select(ui.roleCombo, replaces.role)

    def _load(self, row: RosterRow) -> None:
        ui = self.ui
        ui.nameEdit.setText(row.name)
        _select(ui.roleCombo, row.role)
        _select(ui.stageCombo, row.stage)
        _select(ui.genderCombo, row.gender)
        ui.birthEdit.setText(_date_text(row.birth_date))
        ui.schoolEdit.setText(row.school or "")
        _select(ui.ruralCombo, None if row.rural is None else ("yes" if row.rural else "no"))
        _select(ui.titleCombo, row.title)
        ui.honoursEdit.setText(row.honours or "")
        ui.sinceEdit.setText(str(row.head_teacher_since or ""))
        ui.teachingEdit.setText(str(row.teaching_since or ""))
        _select(ui.inPostCombo, None if row.in_post is None else ("yes" if row.in_post else "no"))
        _select(ui.tierCombo, row.training_tier)
        ui.agreementEdit.setText(_date_text(row.agreement_signed_on))
        ui.joinedEdit.setText(_date_text(row.joined_on))
        ui.phoneEdit.setText(row.phone or "")
        ui.idEdit.setText(row.id_number or "")
        ui.noteEdit.setPlainText(row.note or "")

    def raw_values(self) -> dict[str, object]:
        ui = self.ui
        rural = ui.ruralCombo.currentData()
        raw: dict[str, object] = {
            "name": ui.nameEdit.text(),
            "role": ui.roleCombo.currentData(),
            "stage": ui.stageCombo.currentData(),
            "gender": ui.genderCombo.currentData() or None,
            "birth_date": ui.birthEdit.text(),
            "school": ui.schoolEdit.text(),
            "rural": {"yes": True, "no": False}.get(rural),
            "title": ui.titleCombo.currentData() or None,
            "honours": ui.honoursEdit.text(),
            "head_teacher_since": ui.sinceEdit.text(),
            "teaching_since": ui.teachingEdit.text(),
            "in_post": {"yes": True, "no": False}.get(ui.inPostCombo.currentData()),
            "training_tier": ui.tierCombo.currentData() or None,
            "agreement_signed_on": ui.agreementEdit.text(),
            "joined_on": ui.joinedEdit.text(),
            "phone": ui.phoneEdit.text(),
            "id_number": ui.idEdit.text(),
            "note": ui.noteEdit.toPlainText(),
        }
        if self.existing is not None:  # leaving is recorded elsewhere; keep it as it is
            raw["left_on"] = self.existing.left_on
            raw["leave_reason"] = self.existing.leave_reason
        return raw

    def show_problems(self, error: ValidationError) -> None:
        widgets = {field: getattr(self.ui, name) for field, name in _WIDGETS.items()}
        ask.show_problems(widgets, self.ui.problemsLabel, error)

    def save(self) -> None:
        try:
            data: MemberData = parse_member(self.raw_values(), today=self.members.today())
            if self.existing is None:
                self.saved_id = self.members.add(
                    data, replaces_id=self.replaces.membership_id if self.replaces else None
                )
            else:
                self.members.update(self.existing.membership_id, data)
                self.saved_id = self.existing.membership_id
        except ValidationError as error:
            self.show_problems(error)
            return
        self.accept()
