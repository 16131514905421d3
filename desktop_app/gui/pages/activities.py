"""Activities and attendance: the activity log by school year and term, filtered by kind
and text; the selected activity's content, summary, attendance (with each member's badge)
and photos; and the actions log, edit, delete, take attendance, sign-in sheet, attach files
and attendance through Excel."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QSize,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import changes as topics
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.roles import Capability
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import ActivityKind
from desktop_app.gui import ask, labels, window_geometry
from desktop_app.gui.dialogs.activity_dialog import ActivityDialog
from desktop_app.gui.dialogs.attendance_dialog import AttendanceDialog
from desktop_app.gui.models.activities import (
    ACTIVITY_COLUMNS,
    ActivitiesModel,
    ActivitiesSort,
    attendance_text,
)
from desktop_app.gui.models.attendance import AttendanceModel
from desktop_app.gui.models.table import ITEM_ROLE
from desktop_app.gui.pages.base import Page
from desktop_app.gui.permissions import guard_all
from desktop_app.gui.table_sizing import fit_columns
from desktop_app.gui.thumbnails import Thumbnails
from desktop_app.services.activities import ActivityInfo
from desktop_app.services.attachments import AttachmentInfo

THUMBNAIL_ROLE = Qt.ItemDataRole.UserRole + 3  # True when the icon is a picture of the file

THUMBNAIL_SIZE = 96
ALL_YEARS = 0  # the school-year combo's data for "all school years"


def term_label(term: int) -> str:
    return {
        1: QCoreApplication.translate("Activities", "First term"),
        2: QCoreApplication.translate("Activities", "Second term"),
    }.get(term, "")


class AttendancePreviewDialog(QDialog):
    """What an attendance workbook would change, and its problems; nothing is written
    until Import, which stays disabled while there is any problem."""

    def __init__(self, preview, file_name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        title = self.tr("Import attendance")
        if file_name:
            title = self.tr("Import attendance: %1").replace("%1", file_name)
        self.setWindowTitle(title)
        window_geometry.fit(self, QSize(760, 480))
        layout = QVBoxLayout(self)
        changes = [c.text for c in preview.changes]
        problems = list(preview.problem_lines()) if preview.problems else []
        summary = getattr(preview, "summary", None)  # the reader's own count, when it has one
        self.summary = QLabel(
            summary()
            if callable(summary)
            else self.tr("%1 changes, %2 problems")
            .replace("%1", str(len(changes)))
            .replace("%2", str(len(problems)))
        )
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.changes_view = QPlainTextEdit()
        self.changes_view.setObjectName("importChanges")
        self.changes_view.setReadOnly(True)
        self.changes_view.setPlainText(
            "\n".join(changes) if changes else self.tr("The file changes nothing.")
        )
        layout.addWidget(self.changes_view, 2)
        self.problems_view = QPlainTextEdit()
        self.problems_view.setObjectName("importProblems")
        self.problems_view.setReadOnly(True)
        self.problems_view.setStyleSheet(ask.PROBLEM_STYLE)
        self.problems_view.setPlainText("\n".join(problems))
        self.problems_view.setVisible(bool(problems))
        layout.addWidget(self.problems_view, 1)
        self.note = QLabel(
            self.tr(
                "Correct the file and import it again: nothing is imported while any line is wrong."
            )
            if problems
            else self.tr("Nothing is written until you press Import.")
        )
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.setEnabled(not problems and bool(getattr(preview, "ok", True)))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _table(view: QTableView) -> QTableView:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    return view


def _pane(title: QLabel, *widgets: QWidget) -> QWidget:
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(title)
    for widget in widgets:
        layout.addWidget(widget, 1)
    return pane


class ActivitiesPage(Page):
    page_id = "activities"
    # SETTINGS too: whether leave counts as absence moves the badges
    topics = frozenset(
        {topics.ACTIVITIES, topics.ATTENDANCE, topics.MEMBERS, topics.STUDIO, topics.SETTINGS}
    )

    def __init__(self, services, bus, parent: QWidget | None = None):
        super().__init__(services, bus, parent)
        self._thumbnails = Thumbnails(
            self.services.activities.attachment_path, THUMBNAIL_SIZE, self
        )
        self._shown_id: int | None = None
        self._shown_count = 0  # how many times a selection was shown (see _load)
        layout = QVBoxLayout(self)

        # --- filters ---
        filters = QHBoxLayout()
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("yearCombo")
        self.term_combo = QComboBox()
        self.term_combo.setObjectName("termCombo")
        self.term_combo.addItem(self.tr("Whole year"), 0)
        self.term_combo.addItem(term_label(1), 1)
        self.term_combo.addItem(term_label(2), 2)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindCombo")
        self.kind_combo.addItem(self.tr("All kinds"), "")
        for code, text in labels.choices(ActivityKind, labels.activity_kind):
            self.kind_combo.addItem(text, code)
        self.text_edit = QLineEdit()
        self.text_edit.setObjectName("activityFilter")
        self.text_edit.setPlaceholderText(self.tr("Topic, content, place or presenter"))
        self.text_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("activityCount")
        filters.addWidget(QLabel(self.tr("School year:")))
        filters.addWidget(self.year_combo)
        filters.addWidget(self.term_combo)
        filters.addSpacing(8)
        filters.addWidget(QLabel(self.tr("Kind:")))
        filters.addWidget(self.kind_combo)
        filters.addSpacing(8)
        filters.addWidget(self.text_edit, 1)
        filters.addSpacing(8)
        filters.addWidget(self.count_label)
        layout.addLayout(filters)

        # --- actions ---
        actions = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New activity…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.attendance_button = QPushButton(self.tr("Take attendance…"))
        self.signin_button = QPushButton(self.tr("Sign-in sheet (PDF)…"))
        self.attach_button = QPushButton(self.tr("Attach files…"))
        self.import_button = QPushButton(self.tr("Import attendance…"))
        self.export_button = QPushButton(self.tr("Export attendance…"))
        for button in (self.new_button, self.edit_button, self.delete_button):
            actions.addWidget(button)
        actions.addSpacing(12)
        for button in (self.attendance_button, self.signin_button, self.attach_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        layout.addLayout(actions)

        # --- the list ---
        self.model = ActivitiesModel(self)
        self.proxy = ActivitiesSort(self)
        self.proxy.setSourceModel(self.model)
        self.table = _table(QTableView())
        self.table.setObjectName("activitiesTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        fit_columns(self.table, self.model.column_of("topic"))
        self.empty_label = QLabel()
        self.empty_label.setObjectName("activitiesEmpty")
        self.empty_label.setStyleSheet("color: #555555;")
        self.empty_label.setWordWrap(True)

        # --- the selected activity ---
        self.detail = QTextBrowser()
        self.detail.setObjectName("activityDetail")
        self.detail.setOpenLinks(False)
        self.detail.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail_title = QLabel("<b>" + escape(self.tr("Content and summary")) + "</b>")

        self.marks_title = QLabel()
        self.marks_title.setObjectName("marksTitle")
        self.marks_model = AttendanceModel(("name", "status", "badge"), editable=False, parent=self)
        self.marks_table = _table(QTableView())
        self.marks_table.setObjectName("marksTable")
        self.marks_table.setModel(self.marks_model)
        self.marks_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.marks_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        fit_columns(self.marks_table, self.marks_model.column_of("badge"))
        self.marks_table.verticalHeader().setDefaultSectionSize(24)
        self.marks_table.setToolTip(self.tr("Double-click to take attendance"))

        self.files_title = QLabel("<b>" + escape(self.tr("Photos and files")) + "</b>")
        self.files_list = QListWidget()
        self.files_list.setObjectName("activityFiles")
        self.files_list.setViewMode(QListView.ViewMode.IconMode)
        self.files_list.setIconSize(QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        self.files_list.setGridSize(QSize(THUMBNAIL_SIZE + 36, THUMBNAIL_SIZE + 40))
        self.files_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.files_list.setMovement(QListView.Movement.Static)
        self.files_list.setWordWrap(True)
        self.files_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.files_list.setToolTip(
            self.tr("Double-click to open; add photos and files with “Attach files…”")
        )

        below = QSplitter(Qt.Orientation.Horizontal)
        below.addWidget(_pane(self.detail_title, self.detail))
        below.addWidget(_pane(self.marks_title, self.marks_table))
        below.addWidget(_pane(self.files_title, self.files_list))
        below.setStretchFactor(0, 4)
        below.setStretchFactor(1, 3)
        below.setStretchFactor(2, 3)
        below.setChildrenCollapsible(False)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.empty_label)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status_label)

        # --- wiring ---
        self.year_combo.currentIndexChanged.connect(lambda: self._filters_changed())
        self.term_combo.currentIndexChanged.connect(lambda: self._filters_changed())
        self.kind_combo.currentIndexChanged.connect(lambda: self._filters_changed())
        self.text_edit.textChanged.connect(lambda _text: self._filters_changed())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.doubleClicked.connect(lambda _index: self.edit_button.click())
        self.marks_table.doubleClicked.connect(lambda _index: self.attendance_button.click())
        self.new_button.clicked.connect(self.new_activity)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.attendance_button.clicked.connect(self.take_attendance)
        self.signin_button.clicked.connect(self.save_signin_sheet)
        self.attach_button.clicked.connect(self.attach_files)
        self.import_button.clicked.connect(self.import_attendance)
        self.export_button.clicked.connect(self.export_attendance)
        self.files_list.itemDoubleClicked.connect(
            lambda item: self.open_attachment(item.data(ITEM_ROLE))
        )

        self._fill_years(SchoolYear.of(self.services.members.today()))
        self._guard()
        self.refresh()

    # --- filters ---

    def _guard(self) -> None:
        """What the signed-in account's role may not do (gui/permissions.py)."""
        guard_all(
            self.services,
            Capability.ACTIVITIES,
            self.new_button,
            self.edit_button,
            self.delete_button,
            self.attach_button,
        )
        guard_all(self.services, Capability.ATTENDANCE, self.attendance_button, self.import_button)
        guard_all(self.services, Capability.EXPORT, self.export_button)

    def _fill_years(self, keep: SchoolYear | None) -> None:
        years = set(self.services.activities.school_years())
        years.add(SchoolYear.of(self.services.members.today()))
        if keep is not None:
            years.add(keep)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in sorted(years, reverse=True):
            self.year_combo.addItem(self.tr("%1 school year").replace("%1", year.label), year.start)
        self.year_combo.addItem(self.tr("All school years"), ALL_YEARS)
        wanted = keep.start if keep is not None else ALL_YEARS
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(wanted), 0))
        self.year_combo.blockSignals(False)

    def school_year(self) -> SchoolYear | None:
        start = self.year_combo.currentData()
        return SchoolYear(start) if start else None

    def set_school_year(self, year: SchoolYear | None) -> None:
        index = self.year_combo.findData(year.start if year else ALL_YEARS)
        if index < 0 and year is not None:
            self._fill_years(year)
            index = self.year_combo.findData(year.start)
        self.year_combo.setCurrentIndex(index)

    def set_term(self, term: int | None) -> None:
        self.term_combo.setCurrentIndex(max(self.term_combo.findData(term or 0), 0))

    def set_kind(self, code: str | None) -> None:
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(code or ""), 0))

    def _filters_changed(self) -> None:
        self._load(self.selected_activity())

    # --- what File ▸ New record (Ctrl+N) and Edit ▸ Find (Ctrl+F) act on

    def new_record_button(self):
        return self.new_button

    def filter_box(self):
        return self.text_edit

    # --- showing ---

    def refresh(self) -> None:
        selected = self.selected_activity()
        self._thumbnails.clear()  # a file may have been replaced in the store meanwhile
        self._fill_years(self.school_year())
        self._load(selected)

    def _load(self, keep: ActivityInfo | None) -> None:
        rows = self.services.activities.list(
            school_year=self.school_year(),
            term=self.term_combo.currentData() or None,
            kind=self.kind_combo.currentData() or None,
            text=self.text_edit.text(),
        )
        shown = self._shown_count
        self.model.set_rows(rows)
        if not (keep is not None and self.select_activity(keep.id)) and rows:
            self.table.selectRow(0)
        self._update_count()
        if self._shown_count == shown:  # the selection did not move: show it afresh
            self._selection_changed()

    def _update_count(self) -> None:
        rows = self.model.rows()
        tenths = sum(a.hours_tenths or 0 for a in rows)
        text = self.tr("%1 activities").replace("%1", str(len(rows)))
        if tenths:
            text += " · " + self.tr("%1 training hours").replace("%1", labels.hours_text(tenths))
        self.count_label.setText(text)
        filtered = bool(
            self.term_combo.currentData()
            or self.kind_combo.currentData()
            or self.text_edit.text().strip()
        )
        if rows:
            self.empty_label.setText("")
        elif filtered:
            self.empty_label.setText(self.tr("No activity matches the filter."))
        else:
            self.empty_label.setText(
                self.tr("No activities logged for this period yet. Log one with “New activity…”.")
            )
        self.empty_label.setVisible(not rows)

    def selected_activity(self) -> ActivityInfo | None:
        model = self.table.selectionModel()
        indexes = model.selectedRows() if model else []
        if not indexes:
            return None
        return self.proxy.mapToSource(indexes[0]).data(ITEM_ROLE)

    def select_activity(self, activity_id: int) -> bool:
        for proxy_row in range(self.proxy.rowCount()):
            if self.proxy.index(proxy_row, 0).data(ITEM_ROLE).id == activity_id:
                self.table.selectRow(proxy_row)
                return True
        return False

    def visible_topics(self) -> list[str]:
        column = next(i for i, c in enumerate(ACTIVITY_COLUMNS) if c.key == "topic")
        return [self.proxy.index(r, column).data() for r in range(self.proxy.rowCount())]

    def row_texts(self, activity_id: int) -> dict[str, str]:
        """The cells of one activity's row as shown, by column key."""
        for r in range(self.proxy.rowCount()):
            if self.proxy.index(r, 0).data(ITEM_ROLE).id == activity_id:
                return {
                    c.key: self.proxy.index(r, i).data() for i, c in enumerate(ACTIVITY_COLUMNS)
                }
        raise LookupError(activity_id)

    def _selection_changed(self) -> None:
        self._shown_count += 1
        a = self.selected_activity()
        self._shown_id = a.id if a else None
        self._show_detail(a)
        self._show_marks(a)
        self._show_files(a)
        self._update_buttons(a)

    def _show_detail(self, a: ActivityInfo | None) -> None:
        if a is None:
            self.detail.setHtml(
                "<p style='color:#555555'>"
                + escape(self.tr("Select an activity to see its content, summary and photos."))
                + "</p>"
            )
            return
        facts = [a.date.isoformat()]
        if a.time_text:
            facts.append(a.time_text)
        if a.place:
            facts.append(escape(a.place))
        facts.append(labels.activity_kind(a.kind))
        if a.presenter:
            facts.append(self.tr("presenter: %1").replace("%1", escape(a.presenter)))
        if a.hours_tenths:
            facts.append(
                self.tr("%1 training hours").replace("%1", labels.hours_text(a.hours_tenths))
            )
        none = "<span style='color:#888888'>" + escape(self.tr("(not written yet)")) + "</span>"
        content_heading = escape(self.tr("Content"))
        summary_heading = escape(self.tr("Summary"))
        html = (
            f"<p><b>{escape(a.topic)}</b><br>{' · '.join(facts)}</p>"
            f"<p><b>{content_heading}</b><br>{_paragraphs(a.content) or none}</p>"
            f"<p><b>{summary_heading}</b><br>{_paragraphs(a.summary) or none}</p>"
        )
        self.detail.setHtml(html)

    def _show_marks(self, a: ActivityInfo | None) -> None:
        if a is None:
            self.marks_model.set_rows([])
            self.marks_title.setText("<b>" + escape(self.tr("Attendance")) + "</b>")
            return
        if not a.takes_attendance:
            self.marks_model.set_rows([])
            self.marks_title.setText(
                "<b>"
                + escape(self.tr("Attendance"))
                + "</b> — "
                + escape(self.tr("not taken at this activity"))
            )
            return
        sheet = self.services.attendance.sheet(a.id)
        self.marks_model.set_rows(sheet.rows)
        if sheet.saved:
            note = attendance_text(a)
        else:
            note = self.tr("not taken yet; %1 expected").replace("%1", str(len(sheet.rows)))
        self.marks_title.setText("<b>" + escape(self.tr("Attendance")) + "</b> — " + escape(note))

    def marks_badges(self) -> dict[str, str]:
        """Name → badge text as the attendance pane shows them."""
        column = self.marks_model.column_of("badge")
        return {
            r.name: self.marks_model.index(i, column).data()
            for i, r in enumerate(self.marks_model.rows())
        }

    def _show_files(self, a: ActivityInfo | None) -> None:
        self.files_list.clear()
        if a is None:
            self.files_title.setText("<b>" + escape(self.tr("Photos and files")) + "</b>")
            return
        # photos first, then the other files
        for att in sorted(a.attachments, key=lambda f: (not f.is_image, f.id)):
            item = QListWidgetItem(self._icon_for(att), att.original_name)
            item.setData(ITEM_ROLE, att)
            item.setData(THUMBNAIL_ROLE, att.id in self._thumbnails)
            item.setToolTip(f"{att.original_name}\n{_size_text(att.size)}")
            self.files_list.addItem(item)
        title = "<b>" + escape(self.tr("Photos and files")) + "</b>"
        if a.attachments:
            title += f" ({len(a.attachments)})"
        else:
            title += " — " + escape(self.tr("none yet"))
        self.files_title.setText(title)

    def _icon_for(self, att: AttachmentInfo) -> QIcon:
        return self._thumbnails.icon(att)

    def file_items(self) -> list[QListWidgetItem]:
        """The selected activity's photos and files as shown (not the hint line)."""
        items = [self.files_list.item(i) for i in range(self.files_list.count())]
        return [item for item in items if item.data(ITEM_ROLE) is not None]

    def _update_buttons(self, a: ActivityInfo | None) -> None:
        for button in (self.edit_button, self.delete_button, self.attach_button):
            button.setEnabled(a is not None)
        can_mark = a is not None and a.takes_attendance
        self.attendance_button.setEnabled(can_mark)
        self.signin_button.setEnabled(can_mark)
        if a is not None and not a.takes_attendance:
            tip = self.tr("This activity does not take attendance; edit it to change that.")
        else:
            tip = ""
        self.attendance_button.setToolTip(tip)
        self.signin_button.setToolTip(tip)

    # --- acting on activities ---

    def make_activity_dialog(self, existing: ActivityInfo | None) -> ActivityDialog:
        return ActivityDialog(
            self.services.activities, existing, self.services.members.today(), parent=self
        )

    def new_activity(self) -> None:
        dialog = self.make_activity_dialog(None)
        kind = self.kind_combo.currentData()
        if kind:  # filtered to one kind: a new activity is most likely of that kind
            dialog.set_kind(kind)
        if dialog.exec():
            self.status_label.clear()
            self.show_activity(dialog.saved_id)

    def show_activity(self, activity_id: int) -> None:
        """Selects the activity, widening the filters to its school year when needed."""
        if self.select_activity(activity_id):
            return
        try:
            info = self.services.activities.get(activity_id)
        except LookupError:
            return
        for widget in (self.year_combo, self.term_combo, self.kind_combo, self.text_edit):
            widget.blockSignals(True)
        self.set_school_year(info.school_year)
        self.set_term(None)
        self.set_kind(None)
        self.text_edit.clear()
        for widget in (self.year_combo, self.term_combo, self.kind_combo, self.text_edit):
            widget.blockSignals(False)
        self._load(info)

    def edit_selected(self) -> None:
        a = self.selected_activity()
        if a is None:
            return
        if self.make_activity_dialog(a).exec():
            self.show_activity(a.id)

    def confirm_delete(self, info: ActivityInfo) -> bool:
        """Asks before deleting; tests replace this method."""
        text = labels.fill(
            self.tr("Delete the activity “%1” of %2?"), info.topic, info.date.isoformat()
        )
        if info.attendance_taken:
            text += "\n\n" + self.tr(
                "Its attendance marks go with it and the absence ratios are recalculated."
            )
        answer = QMessageBox.question(
            self,
            self.tr("Delete activity"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete_selected(self) -> None:
        a = self.selected_activity()
        if a is None or not self.confirm_delete(a):
            return
        try:
            self.services.activities.delete(a.id)
        except LookupError:
            pass  # already gone
        except ValidationError as error:
            ask.warn(self, self.tr("Delete activity"), "\n".join(p.message for p in error.problems))
            return
        self.status_label.setText(
            labels.fill(self.tr("Deleted “%1” of %2."), a.topic, a.date.isoformat())
        )

    def make_attendance_dialog(self, activity_id: int) -> AttendanceDialog:
        return AttendanceDialog(self.services, activity_id, parent=self)

    def take_attendance(self) -> None:
        a = self.selected_activity()
        if a is None or not a.takes_attendance:
            return
        dialog = self.make_attendance_dialog(a.id)
        if dialog.exec():
            self.status_label.setText(labels.fill(self.tr("Attendance saved for “%1”."), a.topic))

    def attach_files(self) -> None:
        a = self.selected_activity()
        if a is None:
            return
        files = ask.evidence_files(self)
        if not files:
            return
        try:
            self.services.activities.attach(a.id, files)
        except (ValidationError, OSError, LookupError) as error:
            ask.warn(self, self.tr("Attach files"), str(error))
            return

    def open_attachment(self, att: AttachmentInfo | None) -> None:
        """Opens a photo or file with the system's viewer; tests replace this method."""
        if att is None:
            return
        try:
            path = self.services.activities.attachment_path(att)
        except OSError as error:
            ask.warn(self, self.tr("Open file"), str(error))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            ask.warn(
                self,
                self.tr("Open file"),
                self.tr("No program on this computer opens %1").replace("%1", str(path)),
            )

    # --- files: sign-in sheet and attendance through Excel ---

    def save_signin_sheet(self) -> None:
        a = self.selected_activity()
        if a is None:
            return
        title = self.tr("Sign-in sheet")
        path = ask.save_document(
            self, ask.ATTENDANCE, title, ask.safe_name(f"{a.date.isoformat()}-{a.topic}-签到表.pdf")
        )
        if path is None:
            return
        from desktop_app.documents.reports.signin import write_signin_sheet

        try:
            written = write_signin_sheet(self.services, a.id, path)
        except OSError as error:
            ask.warn(self, title, self.tr("Could not write the file: %1").replace("%1", str(error)))
            return
        self.status_label.setText(
            self.tr("Sign-in sheet saved: %1").replace("%1", str(written or path))
        )

    def export_attendance(self) -> None:
        title = self.tr("Export attendance")
        studio = self.services.studio.get()
        path = ask.save_document(
            self, ask.ATTENDANCE, title, ask.safe_name(f"{studio.name}-考勤.xlsx")
        )
        if path is None:
            return
        from desktop_app.documents.sheets.attendance_io import write_attendance

        try:
            written = write_attendance(self.services, path)
        except OSError as error:
            ask.warn(self, title, self.tr("Could not write the file: %1").replace("%1", str(error)))
            return
        self.status_label.setText(
            self.tr("Attendance exported: %1").replace("%1", str(written or path))
        )

    def make_import_preview(self, preview) -> QDialog:
        """The preview of an attendance import; tests replace this method."""
        path = getattr(preview, "path", None)
        return AttendancePreviewDialog(preview, Path(path).name if path else "", parent=self)

    def import_attendance(self) -> None:
        title = self.tr("Import attendance")
        path = ask.open_workbook(self, ask.ATTENDANCE, title)
        if path is None:
            return
        from desktop_app.documents.sheets.attendance_io import (
            AttendanceImportError,
            apply_attendance,
            read_attendance,
        )

        try:
            preview = read_attendance(path, self.services)
        except (AttendanceImportError, OSError) as error:
            ask.warn(self, title, str(error))
            return
        dialog = self.make_import_preview(preview)
        if not dialog.exec():
            return
        try:
            summary = apply_attendance(preview, self.services)
        except (AttendanceImportError, ValidationError, OSError) as error:
            ask.warn(self, title, str(error))
            return
        self.status_label.setText(str(summary))


def _paragraphs(text: str | None) -> str:
    return escape(text or "").replace("\n", "<br>")


def _size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
