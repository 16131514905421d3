"""The dialogs of the assessment page: a new assessment (template, kind, school year,
member, title) and picking records to add as evidence by hand; and the translated words
for the assessment codes (kinds, grades, statuses, evidence kinds and decisions)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.assessment import Template
from desktop_app.domain.evidence_rules import Evidence
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import AssessmentKind, AssessmentStatus, EvidenceKind, Grade
from desktop_app.gui import ask, labels, window_geometry
from desktop_app.services.app import AppServices
from desktop_app.services.plans import EvidenceInfo

HELP_STYLE = "color: #555555;"

# --- the words for the codes ---


def assessment_kind(code: str) -> str:
    return {
        AssessmentKind.MIDTERM.code: QCoreApplication.translate("AssessmentLabels", "Mid-term"),
        AssessmentKind.FINAL.code: QCoreApplication.translate("AssessmentLabels", "Final"),
        AssessmentKind.ANNUAL.code: QCoreApplication.translate("AssessmentLabels", "Annual"),
        AssessmentKind.MEMBER.code: QCoreApplication.translate("AssessmentLabels", "Member"),
    }.get(code, code)


def grade(code: str) -> str:
    return {
        Grade.EXCELLENT.code: QCoreApplication.translate("AssessmentLabels", "Excellent"),
        Grade.PASS.code: QCoreApplication.translate("AssessmentLabels", "Pass"),
        Grade.FAIL.code: QCoreApplication.translate("AssessmentLabels", "Fail"),
    }.get(code, code)


def grade_or_unscored(code: str | None, scored: int, leaves: int) -> str:
    """The grade, or — before every indicator is scored — how far the scoring is: a
    grade of a half-filled sheet would read as a verdict (an empty draft as 不合格)."""
    if code is not None:
        return grade(code)
    return (
        QCoreApplication.translate("AssessmentLabels", "Not fully scored (%1 / %2)")
        .replace("%1", str(scored))
        .replace("%2", str(leaves))
    )


def assessment_status(code: str) -> str:
    return {
        AssessmentStatus.DRAFT.code: QCoreApplication.translate("AssessmentLabels", "Draft"),
        AssessmentStatus.SUBMITTED.code: QCoreApplication.translate(
            "AssessmentLabels", "Submitted"
        ),
    }.get(code, code)


def evidence_kind(code: str) -> str:
    return {
        EvidenceKind.ACTIVITY.code: QCoreApplication.translate("AssessmentLabels", "Activity"),
        EvidenceKind.GROWTH_RECORD.code: QCoreApplication.translate(
            "AssessmentLabels", "Growth record"
        ),
        EvidenceKind.LEDGER_ENTRY.code: QCoreApplication.translate(
            "AssessmentLabels", "Ledger entry"
        ),
        EvidenceKind.ATTACHMENT.code: QCoreApplication.translate("AssessmentLabels", "File"),
        EvidenceKind.PLAN.code: QCoreApplication.translate("AssessmentLabels", "Plan"),
        EvidenceKind.SUMMARY.code: QCoreApplication.translate("AssessmentLabels", "Annual summary"),
        EvidenceKind.DOCUMENT.code: QCoreApplication.translate("AssessmentLabels", "Issued report"),
        EvidenceKind.GOAL.code: QCoreApplication.translate("AssessmentLabels", "Development plan"),
        EvidenceKind.FACT.code: QCoreApplication.translate("AssessmentLabels", "Figure"),
    }.get(code, code)


def evidence_decision(decision: str) -> str:
    return {
        "proposed": QCoreApplication.translate("AssessmentLabels", "Proposed"),
        "accepted": QCoreApplication.translate("AssessmentLabels", "Accepted"),
        "removed": QCoreApplication.translate("AssessmentLabels", "Removed"),
    }.get(decision, decision)


def thresholds_text(template: Template) -> str:
    """'Excellent ≥ 90, Pass ≥ 60, below 60: Fail'."""
    parts = [f"{grade(code)} ≥ {minimum}" for code, minimum in template.grades]
    lowest = template.grades[-1][1] if template.grades else 0
    below = (
        QCoreApplication.translate("AssessmentLabels", "below %1: %2")
        .replace("%1", str(lowest))
        .replace("%2", grade(Grade.FAIL.code))
    )
    return labels.comma().join([*parts, below])


# --- a new assessment ---


class NewAssessmentDialog(QDialog):
    """Template, kind (only the template's), school year, member (member templates only)
    and an optional title; the service's problems are shown inside the dialog."""

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.created_id: int | None = None
        self.setWindowTitle(self.tr("New assessment"))
        self.setMinimumWidth(560)
        self._templates = {t.id: t for t in services.assessments.templates()}

        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.template_combo = QComboBox()
        self.template_combo.setObjectName("templateCombo")
        for template in self._templates.values():
            self.template_combo.addItem(template.title, template.id)
        self.source_label = QLabel()
        self.source_label.setObjectName("templateSource")
        self.source_label.setWordWrap(True)
        self.source_label.setStyleSheet(HELP_STYLE)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindCombo")
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("yearCombo")
        current = services.year_facts.current_year()
        years = {current}
        try:
            years.update(services.studio.get().cycle.school_years)
        except LookupError:
            pass
        for year in sorted(years):
            text = year.label
            if year == current:
                text += self.tr(" (this year)")
            self.year_combo.addItem(text, year.start)
        self.year_combo.setCurrentIndex(self.year_combo.findData(current.start))
        self.member_combo = QComboBox()
        self.member_combo.setObjectName("memberCombo")
        self.member_combo.addItem(self.tr("(choose a member)"), None)
        for row in services.members.roster(include_left=False):
            self.member_combo.addItem(f"{row.name}（{labels.role(row.role)}）", row.membership_id)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("assessmentTitle")
        self.title_edit.setPlaceholderText(
            self.tr("Optional; left empty: school year, member and kind")
        )
        self.form.addRow(self.tr("Template"), self.template_combo)
        self.form.addRow("", self.source_label)
        self.form.addRow(self.tr("Kind"), self.kind_combo)
        self.form.addRow(self.tr("School year"), self.year_combo)
        self.form.addRow(self.tr("Member"), self.member_combo)
        self.form.addRow(self.tr("Title"), self.title_edit)
        layout.addLayout(self.form)

        self.problems_label = QLabel()
        self.problems_label.setObjectName("problemsLabel")
        self.problems_label.setStyleSheet(ask.PROBLEM_STYLE)
        self.problems_label.setWordWrap(True)
        layout.addWidget(self.problems_label)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons

        self._widgets: dict[str, QWidget] = {
            "template": self.template_combo,
            "assessment_kind": self.kind_combo,
            "member": self.member_combo,
            "plan_title": self.title_edit,
        }
        self.template_combo.currentIndexChanged.connect(self._template_changed)
        self._template_changed()

    def template(self) -> Template:
        return self._templates[self.template_combo.currentData()]

    def _template_changed(self) -> None:
        template = self.template()
        self.source_label.setText(template.source.label)
        keep = self.kind_combo.currentData()
        self.kind_combo.clear()
        for code in template.kinds:
            self.kind_combo.addItem(assessment_kind(code), code)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(keep), 0))
        self.form.setRowVisible(self.member_combo, template.for_member)

    # --- setting the fields (tests and callers) ---

    def set_template(self, template_id: str) -> None:
        self.template_combo.setCurrentIndex(self.template_combo.findData(template_id))

    def set_kind(self, code: str) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(code))

    def set_year(self, year: SchoolYear) -> None:
        self.year_combo.setCurrentIndex(self.year_combo.findData(year.start))

    def set_member(self, membership_id: int | None) -> None:
        self.member_combo.setCurrentIndex(max(self.member_combo.findData(membership_id), 0))

    def kinds(self) -> list[str]:
        return [self.kind_combo.itemData(i) for i in range(self.kind_combo.count())]

    def member_shown(self) -> bool:
        return self.form.isRowVisible(self.member_combo)

    # --- saving ---

    def save(self) -> None:
        template = self.template()
        member = self.member_combo.currentData() if template.for_member else None
        try:
            self.created_id = self.services.assessments.create(
                template.id,
                self.kind_combo.currentData() or "",
                SchoolYear(self.year_combo.currentData()),
                membership_id=member,
                title=self.title_edit.text(),
            )
        except ValidationError as error:
            ask.show_problems(self._widgets, self.problems_label, error, focus=False)
            return
        self.accept()


# --- evidence added by hand ---


def evidence_of(info: EvidenceInfo) -> Evidence:
    return Evidence(info.kind, info.target_id, info.label)


class EvidencePickerDialog(QDialog):
    """The school year's activities, growth records and ledger entries; the chosen ones
    become accepted evidence of an indicator."""

    def __init__(
        self,
        candidates: list[EvidenceInfo],
        indicator: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add evidence"))
        window_geometry.fit(self, QSize(620, 460))
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Evidence for %1").replace("%1", indicator))
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("evidenceFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter by words in the label"))
        self.filter_edit.setClearButtonEnabled(True)
        layout.addWidget(self.filter_edit)
        self.list = QListWidget()
        self.list.setObjectName("evidenceCandidates")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setWordWrap(True)
        for info in candidates:
            item = QListWidgetItem(f"{evidence_kind(info.kind)}{labels.colon()}{info.label}")
            item.setData(Qt.ItemDataRole.UserRole, info)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        self.empty_label = QLabel(
            self.tr("This school year has no activities, growth records or ledger entries yet.")
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet(HELP_STYLE)
        self.empty_label.setVisible(not candidates)
        layout.addWidget(self.empty_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.add_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText(self.tr("Add"))
        self.add_button.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.filter_edit.textChanged.connect(self._filter)
        self.list.itemSelectionChanged.connect(
            lambda: self.add_button.setEnabled(bool(self.list.selectedItems()))
        )
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())

    def _filter(self, text: str) -> None:
        words = text.split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(not all(w.lower() in item.text().lower() for w in words))

    def select_target(self, kind: str, target_id: int) -> bool:
        for row in range(self.list.count()):
            info = self.list.item(row).data(Qt.ItemDataRole.UserRole)
            if (info.kind, info.target_id) == (kind, target_id):
                self.list.item(row).setSelected(True)
                return True
        return False

    def chosen(self) -> list[Evidence]:
        return [
            evidence_of(item.data(Qt.ItemDataRole.UserRole)) for item in self.list.selectedItems()
        ]
