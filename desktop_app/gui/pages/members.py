"""The roster: a sortable, filterable table, the warnings beside it, and the actions
add, edit, end membership, add a replacement, and the roster through Excel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import changes as topics
from desktop_app.domain.attendance import FlagState
from desktop_app.domain.roles import Capability
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.training_hours import YearHours
from desktop_app.domain.vocab import Role, Stage
from desktop_app.gui import ask, labels
from desktop_app.gui.models.roster import FLAGGED, RosterFilter, RosterModel
from desktop_app.gui.pages.base import Page
from desktop_app.gui.permissions import guard_all
from desktop_app.gui.table_sizing import fit_columns
from desktop_app.gui.warnings_view import WarningsView
from desktop_app.services.members import RosterRow
from desktop_app.store import faults

if TYPE_CHECKING:
    from desktop_app.gui.dialogs.end_membership_dialog import EndMembershipDialog
    from desktop_app.gui.dialogs.import_dialog import ImportPreviewDialog

# The dialogs are imported when first opened, not with the page: the roster is the first
# page shown, and the member dialog's form alone is ~10 ms of the start.

XLSX_FILTER = "Excel (*.xlsx)"


class MembersPage(Page):
    page_id = "members"
    # attendance and settings move the attendance badges
    # … and 学时 move with attendance, activities (their 学时) and growth records (training)
    topics = frozenset(
        {
            topics.MEMBERS,
            topics.STUDIO,
            topics.SETTINGS,
            topics.ATTENDANCE,
            topics.ACTIVITIES,
            topics.GROWTH,
        }
    )
    open_member = Signal(int)  # membership id

    def __init__(self, services, bus, parent: QWidget | None = None):
        super().__init__(services, bus, parent)
        layout = QVBoxLayout(self)

        actions = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add member…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.open_button = QPushButton(self.tr("Growth file…"))
        self.end_button = QPushButton(self.tr("End membership…"))
        self.replace_button = QPushButton(self.tr("Add replacement…"))
        self.import_button = QPushButton(self.tr("Import from Excel…"))
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.template_button = QPushButton(self.tr("Blank template…"))
        for button in (
            self.add_button,
            self.edit_button,
            self.open_button,
            self.end_button,
            self.replace_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.import_button, self.export_button, self.template_button):
            actions.addWidget(button)
        layout.addLayout(actions)

        filters = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter by name"))
        self.filter_edit.setClearButtonEnabled(True)
        self.role_combo = QComboBox()
        self.role_combo.addItem(self.tr("All roles"), "")
        for code, text in labels.choices(Role, labels.role):
            self.role_combo.addItem(text, code)
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("Current members"), "current")
        self.status_combo.addItem(self.tr("Everyone, including those who left"), "")
        self.status_combo.addItem(self.tr("At risk or over the attendance line"), FLAGGED)
        for code, text in labels.choices(Stage, labels.stage):
            self.status_combo.addItem(text, code)
        self.status_combo.addItem(labels.status("left"), "left")
        self.school_combo = QComboBox()
        self.school_combo.addItem(self.tr("All schools"), "")
        filters.addWidget(QLabel(self.tr("Filter:")))
        filters.addWidget(self.filter_edit, 2)
        filters.addWidget(self.role_combo)
        filters.addWidget(self.status_combo)
        filters.addWidget(self.school_combo, 1)
        layout.addLayout(filters)

        self.model = RosterModel(self)
        self.proxy = RosterFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("rosterTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        fit_columns(self.table, self.model.column_of("school"))
        self.count_label = QLabel()

        self.warnings = WarningsView()
        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        top_layout.addWidget(self.count_label)
        splitter.addWidget(top)
        splitter.addWidget(self.warnings)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter)

        self.filter_edit.textChanged.connect(self._filter_changed)
        self.role_combo.currentIndexChanged.connect(
            lambda: self._apply(self.proxy.set_role, self.role_combo.currentData())
        )
        self.status_combo.currentIndexChanged.connect(
            lambda: self._apply(self.proxy.set_status, self.status_combo.currentData())
        )
        self.school_combo.currentIndexChanged.connect(
            lambda: self._apply(self.proxy.set_school, self.school_combo.currentData() or "")
        )
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.add_button.clicked.connect(self.add_member)
        self.edit_button.clicked.connect(self.edit_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.end_button.clicked.connect(self.end_selected)
        self.replace_button.clicked.connect(self.replace_selected)
        self.import_button.clicked.connect(self.import_roster)
        self.export_button.clicked.connect(self.export_roster)
        self.template_button.clicked.connect(self.save_template)
        self._guard()
        self.refresh()

    # --- showing ---

    def _guard(self) -> None:
        """What the signed-in account's role may not do (gui/permissions.py)."""
        guard_all(
            self.services,
            Capability.MEMBERSHIPS,
            self.add_button,
            self.edit_button,
            self.end_button,
            self.replace_button,
            self.import_button,
        )
        guard_all(self.services, Capability.EXPORT, self.export_button)

    def _on_changed(self, changed: frozenset[str]) -> None:
        if changed & self.topics == {topics.ATTENDANCE} and not self._behind_another_page():
            # Marks saved: the roster and its warnings are as they were, only the
            # attendance column can move (a save on the attendance sheet, in one go).
            self.refresh_attendance()
        else:
            super()._on_changed(changed)

    def refresh_attendance(self) -> None:
        if self.services.studio.effective_preset().rule("new_head_teacher_hours"):
            self.refresh()  # 学时 move seed 001's warnings of new head teachers
            return
        self.model.set_tallies(self.services.attendance.tallies())
        self.model.set_hours(*self._hours())
        self._update_count()  # the "at risk or over" filter may show other rows now
        self._update_buttons()

    def _hours(self) -> tuple[SchoolYear, dict[int, YearHours]]:
        year = SchoolYear.of(self.services.today())
        return year, self.services.training_hours.of_year(year)

    # --- what File ▸ New record (Ctrl+N) and Edit ▸ Find (Ctrl+F) act on

    def new_record_button(self):
        return self.add_button

    def filter_box(self):
        return self.filter_edit

    def refresh(self) -> None:
        rows = self.services.members.roster()
        selected = self.selected_row()
        self.model.set_rows(rows, self.services.attendance.tallies(), self._hours())
        schools = sorted({r.school for r in rows if r.school})
        current_school = self.school_combo.currentData()
        self.school_combo.blockSignals(True)
        self.school_combo.clear()
        self.school_combo.addItem(self.tr("All schools"), "")
        for school in schools:
            self.school_combo.addItem(school, school)
        self.school_combo.setCurrentIndex(max(self.school_combo.findData(current_school or ""), 0))
        self.school_combo.blockSignals(False)
        # from the rows just read (the warnings look at current members only)
        self.warnings.set_warnings(self.services.members.warnings(rows))
        if selected is not None:
            self.select_membership(selected.membership_id)
        self._update_count()
        self._update_buttons()

    def _filter_changed(self, text: str) -> None:
        self._apply(self.proxy.set_text, text)

    def _apply(self, setter, value) -> None:
        setter(value)
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("Showing %1 of %2")
            .replace("%1", str(self.proxy.rowCount()))
            .replace("%2", str(self.model.rowCount()))
        )

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.edit_button.setEnabled(row is not None)
        self.open_button.setEnabled(row is not None)
        self.end_button.setEnabled(row is not None and row.is_current)
        self.replace_button.setEnabled(
            row is not None and not row.is_current and not row.replaced_by_name
        )

    def selected_row(self) -> RosterRow | None:
        indexes = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not indexes:
            return None
        return self.model.row_at(self.proxy.mapToSource(indexes[0]).row())

    def selected_state(self) -> FlagState | None:
        indexes = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not indexes:
            return None
        return self.model.state_at(self.proxy.mapToSource(indexes[0]).row())

    def select_membership(self, membership_id: int) -> bool:
        for proxy_row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(proxy_row, 0))
            if self.model.row_at(source.row()).membership_id == membership_id:
                self.table.selectRow(proxy_row)
                return True
        return False

    def visible_names(self) -> list[str]:
        return [self.proxy.index(r, 0).data() for r in range(self.proxy.rowCount())]

    # --- acting ---

    def add_member(self) -> None:
        from desktop_app.gui.dialogs.member_dialog import MemberDialog

        dialog = MemberDialog(self.services.members, parent=self)
        if dialog.exec():
            self.select_membership(dialog.saved_id)

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        from desktop_app.gui.dialogs.member_dialog import MemberDialog

        dialog = MemberDialog(self.services.members, existing=row, parent=self)
        dialog.exec()

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_member.emit(row.membership_id)

    def end_selected(self) -> None:
        row = self.selected_row()
        if row is None or not row.is_current:
            return
        from desktop_app.gui.dialogs.end_membership_dialog import ABSENCE_REASON

        # over the attendance line: the likely reason comes filled in; the host decides
        reason = ABSENCE_REASON if self.selected_state() == FlagState.OVER else None
        self.make_end_dialog(row, reason).exec()

    def make_end_dialog(self, row: RosterRow, reason: str | None = None) -> EndMembershipDialog:
        from desktop_app.gui.dialogs.end_membership_dialog import EndMembershipDialog

        return EndMembershipDialog(self.services.members, row, reason=reason, parent=self)

    def replace_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.is_current:
            return
        from desktop_app.gui.dialogs.member_dialog import MemberDialog

        dialog = MemberDialog(self.services.members, replaces=row, parent=self)
        dialog.exec()

    def make_preview_dialog(self, preview, file_name: str) -> ImportPreviewDialog:
        from desktop_app.gui.dialogs.import_dialog import ImportPreviewDialog

        return ImportPreviewDialog(preview, file_name, parent=self)

    def import_roster(self) -> None:
        # roster_io brings openpyxl: loaded when the roster goes through Excel, not at start
        from desktop_app.documents.sheets.roster_io import (
            RosterImportError,
            apply_import,
            read_roster,
        )

        path = ask.open_workbook(self, ask.ROSTER, self.tr("Import roster"))
        if path is None:
            return
        try:
            preview = read_roster(path, self.services.members)
        except RosterImportError as error:
            ask.warn(self, self.tr("Import roster"), str(error))
            return
        dialog = self.make_preview_dialog(preview, path.name)
        if not dialog.exec():
            return
        try:
            counts = apply_import(preview, self.services.members)
        except RosterImportError as error:
            ask.warn(self, self.tr("Import roster"), str(error))
            return
        QMessageBox.information(self, self.tr("Import roster"), str(counts))

    def export_roster(self) -> None:
        from desktop_app.documents.sheets.roster_io import write_roster

        studio = self.services.studio.get()
        path = ask.save_document(
            self, ask.ROSTER, self.tr("Export roster"), f"{studio.name}-名册.xlsx"
        )
        if path is None:
            return
        mask = bool(self.services.studio.setting("export.mask_personal_data"))
        try:
            written = write_roster(path, self.services.members.roster(), mask=mask)
        except OSError as error:
            ask.warn(
                self,
                self.tr("Export roster"),
                self.tr("Could not write the file: %1").replace("%1", faults.short_reason(error)),
            )
            return
        if not mask:  # the studio's setting writes the numbers in full: the user is told
            QMessageBox.information(
                self,
                self.tr("Export roster"),
                self.tr(
                    "Written: %1. It holds full phone and ID numbers: hand it only to whom "
                    "the rules allow."
                ).replace("%1", str(written)),
            )

    def save_template(self) -> None:
        from desktop_app.documents.sheets.roster_io import write_template

        path = ask.save_document(
            self, ask.ROSTER, self.tr("Save blank roster template"), "名册模板.xlsx"
        )
        if path is None:
            return
        try:
            write_template(path)
        except OSError as error:
            ask.warn(
                self,
                self.tr("Blank template"),
                self.tr("Could not write the file: %1").replace("%1", faults.short_reason(error)),
            )
