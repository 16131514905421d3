"""Two tabs of the plans page: the cycle's build plan (建设规划) and the school year's
annual summary (年度总结), and the plan form they share with the annual plan.

A tab never throws away what the user typed and has not saved: a refresh leaves an edited
text alone."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.problems import ValidationError
from desktop_app.domain.roles import Capability
from desktop_app.domain.school_year import SchoolYear
from desktop_app.gui import ask, labels
from desktop_app.gui.permissions import guard_all
from desktop_app.services.plans import PlanInfo, PlanInput
from desktop_app.services.summary import SummaryInfo

HELP_STYLE = "color: #555555;"
OK_STYLE = "color: #1e7b34;"


def local_time(utc: dt.datetime | None) -> str:
    """A stored UTC time (naive) as the computer's local date and time."""
    if utc is None:
        return ""
    return utc.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _text_edit(name: str, placeholder: str, height: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(height)
    edit.setTabChangesFocus(True)
    return edit


class PlanForm(QWidget):
    """Title, goals, (features,) measures of a plan, with its problems shown in red.
    ``compact``: goals and measures side by side (the annual plan above the ledger)."""

    def __init__(self, with_features: bool, compact: bool = False, parent=None):
        super().__init__(parent)
        self._loaded: PlanInfo | None = None
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("planTitle")
        self.goals_edit = _text_edit(
            "planGoals", self.tr("What the studio means to achieve"), 60 if compact else 110
        )
        self.features_edit = (
            _text_edit(
                "planFeatures",
                self.tr("What sets this studio apart: its themes and ways of working"),
                110,
            )
            if with_features
            else None
        )
        self.measures_edit = _text_edit(
            "planMeasures",
            self.tr("How: the main measures and arrangements"),
            60 if compact else 110,
        )
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problemsLabel")
        self.problems_label.setStyleSheet(ask.PROBLEM_STYLE)
        self.problems_label.setWordWrap(True)
        self.problems_label.setVisible(False)

        if compact:
            grid = QGridLayout(self)
            grid.setContentsMargins(0, 0, 0, 0)
            title_row = QHBoxLayout()
            title_row.addWidget(QLabel(self.tr("Title")))
            title_row.addWidget(self.title_edit, 1)
            self.title_row = title_row
            grid.addLayout(title_row, 0, 0, 1, 2)
            grid.addWidget(QLabel(self.tr("Goals")), 1, 0)
            grid.addWidget(QLabel(self.tr("Measures")), 1, 1)
            grid.addWidget(self.goals_edit, 2, 0)
            grid.addWidget(self.measures_edit, 2, 1)
            grid.addWidget(self.problems_label, 3, 0, 1, 2)
            grid.setRowStretch(2, 1)
        else:
            form = QFormLayout(self)
            form.setContentsMargins(0, 0, 0, 0)
            form.addRow(self.tr("Title"), self.title_edit)
            form.addRow(self.tr("Goals"), self.goals_edit)
            if self.features_edit is not None:
                form.addRow(self.tr("Features"), self.features_edit)
            form.addRow(self.tr("Measures"), self.measures_edit)
            form.addRow("", self.problems_label)
            self.title_row = None

        self._widgets: dict[str, QWidget] = {
            "plan_title": self.title_edit,
            "goals": self.goals_edit,
            "measures": self.measures_edit,
        }
        if self.features_edit is not None:
            self._widgets["features"] = self.features_edit

    def _texts(self) -> list[QPlainTextEdit]:
        return [w for w in self._widgets.values() if isinstance(w, QPlainTextEdit)]

    def load(self, info: PlanInfo | None, default_title: str = "") -> None:
        self._loaded = info
        self.title_edit.setText(info.title if info else default_title)
        self.goals_edit.setPlainText(info.goals or "" if info else "")
        if self.features_edit is not None:
            self.features_edit.setPlainText(info.features or "" if info else "")
        self.measures_edit.setPlainText(info.measures or "" if info else "")
        self.mark_saved()
        self.clear_problems()

    def plan_input(self) -> PlanInput:
        if self.features_edit is not None:
            features = self.features_edit.toPlainText()
        else:  # not shown here: kept as it is
            features = self._loaded.features if self._loaded else None
        return PlanInput(
            title=self.title_edit.text(),
            goals=self.goals_edit.toPlainText(),
            features=features,
            measures=self.measures_edit.toPlainText(),
        )

    def has_unsaved(self) -> bool:
        return self.title_edit.isModified() or any(e.document().isModified() for e in self._texts())

    def mark_saved(self) -> None:
        self.title_edit.setModified(False)
        for edit in self._texts():
            edit.document().setModified(False)

    def clear_problems(self) -> None:
        for widget in self._widgets.values():
            widget.setStyleSheet("")
        self.problems_label.clear()
        self.problems_label.setVisible(False)

    def show_problems(self, error: ValidationError) -> None:
        ask.show_problems(self._widgets, self.problems_label, error)
        self.problems_label.setVisible(True)

    def bad_fields(self) -> list[str]:
        return ask.bad_fields(self._widgets)


class BuildPlanTab(QWidget):
    """建设规划: one plan for the whole build cycle."""

    def __init__(self, services, bus, parent=None):
        super().__init__(parent)
        self.services = services
        self.bus = bus
        layout = QVBoxLayout(self)
        self.help_label = QLabel()
        self.help_label.setStyleSheet(HELP_STYLE)
        self.help_label.setWordWrap(True)
        layout.addWidget(self.help_label)
        self.form = PlanForm(with_features=True)
        layout.addWidget(self.form, 1)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save build plan"))
        self.save_button.setObjectName("saveBuildPlan")
        self.status_label = QLabel()
        self.status_label.setObjectName("buildPlanStatus")
        row.addWidget(self.save_button)
        row.addSpacing(12)
        row.addWidget(self.status_label, 1)
        layout.addLayout(row)
        self.save_button.clicked.connect(self.save)
        guard_all(services, Capability.PLANS, self.save_button)

    def has_unsaved(self) -> bool:
        return self.form.has_unsaved()

    def load(self) -> None:
        try:
            cycle = self.services.studio.get().cycle.label
        except LookupError:
            cycle = "—"
        self.help_label.setText(
            self.tr(
                "The build plan covers the whole build cycle (%1): its goals, what is "
                "distinctive about the studio, and the main measures."
            ).replace("%1", cycle)
        )
        if self.has_unsaved():
            return  # the user's edits stay until saved
        info = self.services.plans.build_plan()
        self.form.load(info)
        if info is None:
            self.status_label.setStyleSheet(HELP_STYLE)
            self.status_label.setText(self.tr("Not written yet."))
        elif self.status_label.styleSheet() != OK_STYLE:
            self.status_label.clear()

    def save(self) -> None:
        try:
            self.services.plans.save_build_plan(self.form.plan_input())
        except ValidationError as error:
            self.form.show_problems(error)
            self.status_label.clear()
            return
        self.form.mark_saved()
        self.form.clear_problems()
        self.status_label.setStyleSheet(OK_STYLE)
        self.status_label.setText(self.tr("Build plan saved."))


class SummaryTab(QWidget):
    """年度总结: opened pre-filled from the records, edited, saved."""

    def __init__(self, services, bus, parent=None):
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.year: SchoolYear | None = None
        self.info: SummaryInfo | None = None
        layout = QVBoxLayout(self)
        self.state_label = QLabel()
        self.state_label.setObjectName("summaryState")
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("summaryText")
        layout.addWidget(self.editor, 1)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problemsLabel")
        self.problems_label.setStyleSheet(ask.PROBLEM_STYLE)
        self.problems_label.setWordWrap(True)
        self.problems_label.setVisible(False)
        layout.addWidget(self.problems_label)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save summary"))
        self.save_button.setObjectName("saveSummary")
        self.refill_button = QPushButton(self.tr("Refill from the records…"))
        self.refill_button.setToolTip(
            self.tr("Replaces the text with a new draft made from the year's records.")
        )
        self.status_label = QLabel()
        self.status_label.setObjectName("summaryStatus")
        row.addWidget(self.save_button)
        row.addWidget(self.refill_button)
        row.addSpacing(12)
        row.addWidget(self.status_label, 1)
        layout.addLayout(row)
        self.save_button.clicked.connect(self.save)
        self.refill_button.clicked.connect(self.refill)
        guard_all(services, Capability.SUMMARIES, self.save_button, self.refill_button)
        self.editor.modificationChanged.connect(self._show_state)

    def has_unsaved(self) -> bool:
        return self.editor.document().isModified()

    def text(self) -> str:
        return self.editor.toPlainText()

    def load(self, year: SchoolYear) -> None:
        if year == self.year and self.has_unsaved():
            return  # the user's edits stay until saved
        if year != self.year:
            self.status_label.clear()
        self.year = year
        self.info = self.services.summaries.open(year)
        self.editor.setPlainText(self.info.body)
        self.editor.document().setModified(False)
        self._clear_problems()
        self._show_state()

    def is_saved(self) -> bool:
        return self.info is not None and self.info.id is not None

    def _show_state(self, *_args) -> None:
        if self.info is None or self.year is None:
            self.state_label.clear()
            return
        if self.is_saved():
            text = self.tr("The saved summary of %1, last saved %2.").replace(
                "%2", local_time(self.info.updated_at)
            )
        else:
            text = self.tr(
                "A draft pre-filled from the records of %1, not saved yet: write in it, then save."
            )
        text = text.replace("%1", self.year.label)
        if self.has_unsaved():
            text = labels.sentences(text, self.tr("Unsaved changes."))
        self.state_label.setText(text)
        self.state_label.setStyleSheet("" if self.is_saved() else "color: #8a5300;")

    def _clear_problems(self) -> None:
        self.editor.setStyleSheet("")
        self.problems_label.clear()
        self.problems_label.setVisible(False)

    def save(self) -> None:
        if self.year is None:
            return
        try:
            self.services.summaries.save(self.year, self.text())
        except ValidationError as error:
            self.editor.setStyleSheet(ask.BAD_STYLE)
            self.problems_label.setText("\n".join(f"• {p.message}" for p in error.problems))
            self.problems_label.setVisible(True)
            return
        self._clear_problems()
        self.info = self.services.summaries.get(self.year)
        self.editor.document().setModified(False)
        self._show_state()
        self.status_label.setStyleSheet(OK_STYLE)
        self.status_label.setText(self.tr("Summary of %1 saved.").replace("%1", self.year.label))

    def refill(self) -> None:
        if self.year is None:
            return
        if not ask.confirm(
            self,
            self.tr("Annual summary"),
            self.tr(
                "Replace the whole text with a new draft from the records of %1? "
                "What is written in it now is lost."
            ).replace("%1", self.year.label),
        ):
            return
        self.editor.setPlainText(self.services.summaries.draft(self.year))
        # differs from what is saved (or, for a draft, is still to be saved)
        self.editor.document().setModified(self.is_saved())
        self._clear_problems()
        self._show_state()
        self.status_label.setStyleSheet(HELP_STYLE)
        self.status_label.setText(self.tr("Refilled from the records; not saved yet."))
