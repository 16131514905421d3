"""Taking attendance for one activity, keyboard first: everyone expected is listed, "all
present" marks the rest, arrows move, one key per status marks the exceptions, and one
save writes the whole sheet in one transaction. Each member's attendance badge stands
beside them, so the secretary sees who is close to the one-third line while marking."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.attendance import FlagState
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.vocab import AttendanceStatus
from desktop_app.gui import ask, labels, window_geometry
from desktop_app.gui.badges import state_word
from desktop_app.gui.models.attendance import AttendanceModel, MarkRow
from desktop_app.gui.table_sizing import fit_columns
from desktop_app.services.activities import ActivityInfo
from desktop_app.services.app import AppServices
from desktop_app.services.attendance import MarkInput, SheetRow

# the keys that set a mark: the digit of each status, and a letter for each
STATUS_KEYS: dict[int, str] = {
    Qt.Key.Key_1: AttendanceStatus.PRESENT.code,
    Qt.Key.Key_2: AttendanceStatus.LATE.code,
    Qt.Key.Key_3: AttendanceStatus.LEFT_EARLY.code,
    Qt.Key.Key_4: AttendanceStatus.LEAVE.code,
    Qt.Key.Key_5: AttendanceStatus.ABSENT.code,
    Qt.Key.Key_P: AttendanceStatus.PRESENT.code,
    Qt.Key.Key_L: AttendanceStatus.LATE.code,
    Qt.Key.Key_E: AttendanceStatus.LEFT_EARLY.code,
    Qt.Key.Key_V: AttendanceStatus.LEAVE.code,
    Qt.Key.Key_A: AttendanceStatus.ABSENT.code,
}
LETTERS = {
    AttendanceStatus.PRESENT.code: "P",
    AttendanceStatus.LATE.code: "L",
    AttendanceStatus.LEFT_EARLY.code: "E",
    AttendanceStatus.LEAVE.code: "V",
    AttendanceStatus.ABSENT.code: "A",
}
CLEAR_KEYS = (Qt.Key.Key_0, Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class MarkTable(QTableView):
    """The sheet's table: digits and letters mark, arrows move (Qt's own)."""

    mark_requested = Signal(object)  # a status code, or None to clear
    all_present_requested = Signal()

    def keyPressEvent(self, event) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.SelectAll):
                self.all_present_requested.emit()
                event.accept()
                return
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
                if event.key() in STATUS_KEYS:
                    self.mark_requested.emit(STATUS_KEYS[event.key()])
                    event.accept()
                    return
                if event.key() in CLEAR_KEYS:
                    self.mark_requested.emit(None)
                    event.accept()
                    return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Words from an input method start the current row's note and go into it (Qt
        # would open the editor but drop the words, or search the names with them).
        if self.state() != QAbstractItemView.State.EditingState and event.commitString():
            if self.edit(self.currentIndex(), QAbstractItemView.EditTrigger.AnyKeyPressed, event):
                editor = self.focusWidget()
                if editor is not None and editor is not self:
                    QApplication.sendEvent(editor, event)
                return
        super().inputMethodEvent(event)


class AttendanceDialog(QDialog):
    def __init__(self, services: AppServices, activity_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.activity_id = activity_id
        self.changes: dict[int, tuple[FlagState, FlagState]] = {}
        sheet = services.attendance.sheet(activity_id)
        self.activity: ActivityInfo = sheet.activity
        self.setWindowTitle(self.tr("Attendance: %1").replace("%1", self.activity.topic))
        window_geometry.fit(self, QSize(900, 600))

        layout = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setObjectName("attendanceHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setText(self._header_html(sheet.saved))
        layout.addWidget(self.header)

        top = QHBoxLayout()
        self.all_present_button = QPushButton(self.tr("All present (Ctrl+A)"))
        self.all_present_button.setToolTip(
            self.tr("Marks everyone not yet marked as present; when all are marked, everyone.")
        )
        self.add_button = QPushButton(self.tr("Add member…"))
        self.remove_button = QPushButton(self.tr("Remove from list"))
        self.count_label = QLabel()
        self.count_label.setObjectName("attendanceCount")
        top.addWidget(self.all_present_button)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.add_button)
        top.addWidget(self.remove_button)
        layout.addLayout(top)

        self.model = AttendanceModel(parent=self)
        self.model.set_rows(sheet.rows)
        self.table = MarkTable()
        self.table.setObjectName("attendanceTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Typed words (a Chinese input method's) start a note too; the keys that mark
        # (digits, P L E V A, 0, Delete) are taken by the table before that.
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(False)
        fit_columns(self.table, self.model.column_of("note"))
        layout.addWidget(self.table, 1)

        self.legend = QLabel(self._legend())
        self.legend.setObjectName("attendanceLegend")
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #555555;")
        layout.addWidget(self.legend)

        self.problems_label = QLabel()
        self.problems_label.setObjectName("problemsLabel")
        self.problems_label.setStyleSheet(ask.PROBLEM_STYLE)
        self.problems_label.setWordWrap(True)
        layout.addWidget(self.problems_label)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save attendance"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        # Enter in the table saves; the other buttons never take Enter.
        for button in (self.all_present_button, self.add_button, self.remove_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.save_button.setDefault(True)

        self.shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.SelectAll), self)
        self.shortcut.activated.connect(self.mark_all_present)
        self.table.all_present_requested.connect(self.mark_all_present)
        self.table.mark_requested.connect(self.mark_selected)
        self.all_present_button.clicked.connect(self.mark_all_present)
        self.add_button.clicked.connect(self.add_member)
        self.remove_button.clicked.connect(self.remove_selected)
        self.model.dataChanged.connect(lambda *_: self._update_count())
        self.model.rowsInserted.connect(lambda *_: self._update_count())
        self.model.rowsRemoved.connect(lambda *_: self._update_count())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self._update_count()
        if self.model.rowCount():
            self.select_row(0)
        self._update_buttons()
        self.table.setFocus()

    # --- showing ---

    def _header_html(self, saved: bool) -> str:
        a = self.activity
        parts = [a.date.isoformat()]
        if a.time_text:
            parts.append(a.time_text)
        if a.place:
            parts.append(escape(a.place))
        parts.append(labels.activity_kind(a.kind))
        if a.presenter:
            parts.append(self.tr("presenter: %1").replace("%1", escape(a.presenter)))
        if saved:
            note = self.tr("Attendance was saved before; saving again replaces it.")
        else:
            note = self.tr("Not taken yet: the list holds everyone expected on that day.")
        return (
            f"<span style='font-size: 13pt; font-weight: bold;'>{escape(a.topic)}</span><br>"
            + " · ".join(parts)
            + f"<br><span style='color: #555555;'>{note}</span>"
        )

    def _legend(self) -> str:
        keys = "   ".join(
            f"{s.key} / {LETTERS[s.code]}  {labels.attendance_status(s.code)}"
            for s in AttendanceStatus
        )
        return (
            self.tr("Keys: %1").replace("%1", keys)
            + "\n"
            + self.tr(
                "↑ ↓ move · Shift+↑↓ selects several · 0 clears · Ctrl+A all present · "
                "F2 or double-click writes a note · Enter saves"
            )
        )

    def _update_count(self) -> None:
        rows = self.model.rows()
        marked = sum(1 for r in rows if r.status)
        counts = {s.code: 0 for s in AttendanceStatus}
        for r in rows:
            if r.status:
                counts[r.status] += 1
        text = (
            self.tr("%1 on the list, %2 marked")
            .replace("%1", str(len(rows)))
            .replace("%2", str(marked))
        )
        parts = [f"{labels.attendance_status(code)} {n}" for code, n in counts.items() if n]
        if parts:
            text += labels.colon() + labels.comma().join(parts)
        self.count_label.setText(text)

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.selected_rows()))

    def selected_rows(self) -> list[int]:
        model = self.table.selectionModel()
        return sorted(index.row() for index in model.selectedRows()) if model else []

    def select_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, self.model.column_of("status")))

    def rows(self) -> list[MarkRow]:
        return self.model.rows()

    def status_of(self, name: str) -> str | None:
        return next(r.status for r in self.model.rows() if r.name == name)

    def badge_of(self, name: str) -> str:
        row = next(i for i, r in enumerate(self.model.rows()) if r.name == name)
        return self.model.index(row, self.model.column_of("badge")).data()

    # --- marking ---

    def mark_selected(self, code: str | None) -> None:
        rows = self.selected_rows()
        if not rows:
            current = self.table.currentIndex()
            rows = [current.row()] if current.isValid() else []
        if not rows:
            return
        self.model.set_status(rows, code)
        self.problems_label.clear()
        self.select_row(min(rows[-1] + 1, self.model.rowCount() - 1))

    def mark_all_present(self) -> None:
        rows = self.model.rows()
        unmarked = [i for i, r in enumerate(rows) if not r.status]
        self.model.set_status(unmarked or range(len(rows)), AttendanceStatus.PRESENT.code)
        self.problems_label.clear()
        self.table.setFocus()

    # --- editing the list ---

    def ask_member(self, candidates: list[SheetRow]) -> int | None:
        """Which member to add to the list; tests replace this method."""
        items = [
            f"{c.name}（{labels.role(c.role)}{'，' + c.school if c.school else ''}）"
            for c in candidates
        ]
        item, ok = QInputDialog.getItem(
            self,
            self.tr("Add member"),
            self.tr("Member expected at this activity:"),
            items,
            0,
            False,
        )
        if not ok or item not in items:
            return None
        return candidates[items.index(item)].membership_id

    def add_member(self) -> None:
        listed = {r.membership_id for r in self.model.rows()}
        candidates = [
            c
            for c in self.services.attendance.candidates(self.activity_id)
            if c.membership_id not in listed
        ]
        if not candidates:
            self.problems_label.setText(
                "• " + self.tr("Everyone who belonged to the studio on that day is on the list.")
            )
            return
        membership_id = self.ask_member(candidates)
        chosen = next((c for c in candidates if c.membership_id == membership_id), None)
        if chosen is None:
            return
        row = self.model.add_row(MarkRow.of(chosen))
        self.select_row(row)
        self.table.setFocus()

    def remove_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        self.model.remove_rows(rows)
        self.select_row(min(rows[0], self.model.rowCount() - 1))
        self.table.setFocus()

    # --- saving ---

    def _commit_note(self) -> None:
        """A note still being typed counts."""
        if self.table.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.table.focusWidget()  # the open editor, active window or not
        if editor is not None and self.table.isAncestorOf(editor):
            self.table.commitData(editor)
            self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def save(self) -> None:
        self._commit_note()
        rows = self.model.rows()
        unmarked = [r.name for r in rows if not r.status]
        if unmarked:
            self.problems_label.setText(
                "• "
                + self.tr("Not marked yet: %1. Mark them or remove them from the list.").replace(
                    "%1", "、".join(unmarked)
                )
            )
            first = next(i for i, r in enumerate(rows) if not r.status)
            self.select_row(first)
            self.table.setFocus()
            return
        marks = [MarkInput(r.membership_id, r.status, r.note) for r in rows]
        try:
            self.changes = self.services.attendance.save_marks(self.activity_id, marks)
        except ValidationError as error:
            self.problems_label.setText("\n".join(f"• {p.message}" for p in error.problems))
            return
        except LookupError as error:  # the activity or a member went meanwhile
            self.problems_label.setText("• " + str(error))
            return
        if self.changes:
            self.report_changes(self.changes)
        self.accept()

    def change_lines(self, changes: dict[int, tuple[FlagState, FlagState]]) -> list[str]:
        """'李明: At risk → Over the line (missed 4/10)' per member whose flag changed."""
        flags = {f.membership_id: f for f in self.services.attendance.flags(include_left=True)}
        lines = []
        for membership_id, (old, new) in sorted(
            changes.items(), key=lambda item: (-item[1][1].severity, item[0])
        ):
            flag = flags.get(membership_id)
            name = flag.name if flag else str(membership_id)
            line = (
                self.tr("%1: %2 → %3")
                .replace("%1", name)
                .replace("%2", state_word(old))
                .replace("%3", state_word(new))
            )
            if flag is not None and flag.tally.expected:
                line += self.tr(" (missed %1)").replace("%1", flag.tally.ratio_text)
            lines.append(line)
        return lines

    def report_changes(self, changes: dict[int, tuple[FlagState, FlagState]]) -> None:
        """Tells which attendance flags this save changed; tests replace this method."""
        lines = self.change_lines(changes)
        text = self.tr("Attendance flags changed:") + "\n\n" + "\n".join(lines)
        if any(new == FlagState.OVER for _old, new in changes.values()):
            text += "\n\n" + self.tr(
                "A member over the line has missed more sessions than the studio's rules "
                "allow; ending the membership stays the host's decision."
            )
        QMessageBox.information(self, self.tr("Attendance saved"), text)
