"""The funding ledger's dialogs (经费台账): record an income or an expense, correct an
entry (a reversal plus the right entry), reverse one, set the year's budgets, and look
at a ledger workbook before importing it.

Entries are never edited: every dialog here adds entries, and as an entry can then only
be reversed, it is shown in words to confirm before it is saved (ConfirmStep; Enter in
the form leads there, never past it). Problems are shown inside the dialog, which keeps
the user's input until the save succeeds. When an expense would take
the year's balance below zero, the dialog says so and asks for the reason for
overspending; nothing is saved without one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.ledger import Direction, IncomeSource
from desktop_app.domain.money import format_fen, parse_money
from desktop_app.domain.problems import Problem, ValidationError
from desktop_app.gui import ask, labels, window_geometry
from desktop_app.gui.models.ledger_import import IMPORT_COLUMNS, ImportRowsModel
from desktop_app.gui.pending_files import PendingFiles
from desktop_app.gui.table_sizing import fit_columns
from desktop_app.services.ledger import EntryDraft, EntryInfo, EntryInput, RingFenceError

HELP_STYLE = "color: #555555;"
CONFIRM_NOTE_STYLE = "color: #8a4b00; background: #fff4e5; padding: 6px;"


# --- words for the ledger's codes ---


def direction_label(direction: Direction) -> str:
    if direction is Direction.INCOME:
        return QCoreApplication.translate("Ledger", "Income")
    return QCoreApplication.translate("Ledger", "Expense")


def source_label(code: str | None) -> str:
    """学校核拨专项经费 / 教育局拨款 / 其他收入 (IncomeSource.zh) in the program's language."""
    if not code:
        return ""
    return {
        IncomeSource.GRANT.value: QCoreApplication.translate("Ledger", "School grant"),
        IncomeSource.BUREAU.value: QCoreApplication.translate("Ledger", "Education bureau grant"),
        IncomeSource.OTHER.value: QCoreApplication.translate("Ledger", "Other income"),
    }.get(code, code)


def reversal_label(direction: Direction) -> str:
    if direction is Direction.INCOME:
        return QCoreApplication.translate("Ledger", "Income reversal")
    return QCoreApplication.translate("Ledger", "Expense reversal")


def kind_label(entry: EntryInfo) -> str:
    """Income, Expense, or the reversal of one (收入/支出/冲销收入/冲销支出)."""
    if entry.is_reversal:
        return reversal_label(entry.direction)
    return direction_label(entry.direction)


def category_or_source(entry: EntryInfo) -> str:
    if entry.direction is Direction.EXPENSE:
        return entry.category or ""
    return source_label(entry.source)


def _form_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(False)
    return label


class _Problems:
    """The problems of a ledger form: fields outlined (those shown), messages listed."""

    _widgets: dict[str, QWidget]
    problems_label: QLabel

    def show_problems(self, error: ValidationError) -> None:
        ask.show_problems(self._widgets, self.problems_label, error, visible_in=self)

    def bad_fields(self) -> list[str]:
        """The fields outlined as wrong (for tests and screen readers alike)."""
        return ask.bad_fields(self._widgets)


def entry_headline(day: dt.date, kind: str, amount_fen: int) -> str:
    """'2026-03-12 支出 1,234.50 元'."""
    return (
        QCoreApplication.translate("Ledger", "%1 %2 %3 yuan")
        .replace("%1", day.isoformat())
        .replace("%2", kind)
        .replace("%3", format_fen(amount_fen))
    )


def entry_summary(entry: EntryInfo) -> str:
    """A stored entry in a few words: '2026-11-18 支出 48.00 元（问卷印刷）'."""
    return entry_headline(
        entry.date, kind_label(entry), entry.amount_fen
    ) + QCoreApplication.translate("Ledger", " (%1)").replace("%1", entry.purpose)


def reversal_words(entry: EntryInfo, reason: str) -> str:
    """'冲销 2026-11-18 支出 48.00 元（问卷印刷），原因：…'."""
    return (
        QCoreApplication.translate("Ledger", "Reverses %1, for this reason: %2")
        .replace("%1", entry_summary(entry))
        .replace("%2", reason.strip())
    )


def _said(pairs) -> str:
    """'类别：培训研修，收款方：…' of the (label, value) pairs that have a value."""
    return labels.comma().join(f"{label}{labels.colon()}{value}" for label, value in pairs if value)


class ConfirmStep(QWidget):
    """The second step of a dialog that adds to the ledger: the entry in words and what
    saving it means. Nothing here answers Enter (neither button is a default one): an
    Enter pressed once too often in the form cannot save; saving takes a click on the
    button (or Tab to it and Space). Esc goes back to the form."""

    def __init__(self, save_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Check the entry before it is saved"))
        heading.setStyleSheet(HELP_STYLE)
        self.headline = QLabel()
        self.headline.setObjectName("confirmHeadline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.details = QLabel()
        self.details.setObjectName("confirmDetails")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setObjectName("confirmNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(CONFIRM_NOTE_STYLE)
        self.back_button = QPushButton(self.tr("Back to the form"))
        self.back_button.setObjectName("backButton")
        self.save_button = QPushButton(save_text)
        self.save_button.setObjectName("confirmButton")
        for button in (self.back_button, self.save_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.save_button)
        layout.addWidget(heading)
        layout.addWidget(self.headline)
        layout.addWidget(self.details)
        layout.addSpacing(8)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def words(self) -> str:
        """Everything the step says (for tests and screen readers alike)."""
        return "\n".join(w.text() for w in (self.headline, self.details, self.note))


class _TwoSteps:
    """The form, then its entry in words to confirm (ConfirmStep); what was typed stays
    in the form when the user goes back to it."""

    stack: QStackedWidget
    form_page: QWidget
    first_field: QWidget  # where the user goes back to
    confirm: ConfirmStep
    save: Callable[[], None]  # the dialog's own: saves what was confirmed

    def _build_steps(self, form_page: QWidget, save_text: str) -> None:
        self.form_page = form_page
        self.confirm = ConfirmStep(save_text)
        self.stack = QStackedWidget()
        self.stack.addWidget(form_page)
        self.stack.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.confirm.back_button.clicked.connect(self.show_form)
        self.confirm.save_button.clicked.connect(self.save)

    def confirming(self) -> bool:
        return self.stack.currentWidget() is self.confirm

    def show_confirm(self, headline: str, details: str, note: str) -> None:
        self.confirm.headline.setText(headline)
        self.confirm.details.setText(details)
        self.confirm.note.setText(note)
        self.confirm.save_button.setEnabled(True)
        self.stack.setCurrentWidget(self.confirm)
        self.confirm.back_button.setFocus()

    def show_form(self) -> None:
        self.stack.setCurrentWidget(self.form_page)
        self.first_field.setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.confirming() and event.key() == Qt.Key.Key_Escape:
            self.show_form()
            return
        super().keyPressEvent(event)


class EntryDialog(_Problems, _TwoSteps, QDialog):
    """Record an income or an expense; or, given ``original``, correct that entry: the
    dialog starts from the original's values and saving records its reversal and the
    corrected entry in one go."""

    def __init__(
        self,
        services,
        direction: Direction = Direction.EXPENSE,
        original: EntryInfo | None = None,
        default_date: dt.date | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.services = services
        self.ledger = services.ledger
        self.original = original
        self.saved_id: int | None = None
        self.reversal_id: int | None = None
        self.setMinimumWidth(600)
        if original is not None:
            direction = original.direction
        grant = services.studio.effective_preset().value("yearly_grant_fen")
        self.grant_fen: int | None = int(grant) if grant else None
        self._prefilled_amount = ""
        self._prefilled_purpose = ""
        self._prefilled_payee = ""

        form_page = QWidget()
        layout = QVBoxLayout(form_page)
        if original is not None:
            intro = QLabel(
                self.tr(
                    "The entry stays in the ledger as it was. Saving records its reversal and "
                    "the corrected entry below, dated as the corrected entry."
                )
            )
            intro.setWordWrap(True)
            intro.setStyleSheet(HELP_STYLE)
            layout.addWidget(intro)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("correctionReason")
        self.reason_edit.setPlaceholderText(self.tr("e.g. wrong amount typed; the invoice says"))
        self.direction_combo = QComboBox()
        self.direction_combo.setObjectName("entryDirection")
        for d in (Direction.INCOME, Direction.EXPENSE):
            self.direction_combo.addItem(direction_label(d), d.value)
        self.direction_combo.setCurrentIndex(self.direction_combo.findData(direction.value))

        self.date_edit = QLineEdit((default_date or self.ledger.today()).isoformat())
        self.date_edit.setObjectName("entryDate")
        self.date_edit.setPlaceholderText(labels.example("2026-03-12"))
        self.date_edit.setMaximumWidth(140)
        self.amount_edit = QLineEdit()
        self.amount_edit.setObjectName("entryAmount")
        self.amount_edit.setPlaceholderText(self.tr("e.g. 3000, 3,000.50 or 3000元"))
        self.amount_edit.setMaximumWidth(200)
        self.amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        when = QHBoxLayout()
        when.addWidget(self.date_edit)
        when.addSpacing(16)
        when.addWidget(QLabel(self.tr("Amount (yuan)")))
        when.addWidget(self.amount_edit)
        when.addStretch(1)

        self.category_combo = QComboBox()
        self.category_combo.setObjectName("entryCategory")
        self.category_combo.setPlaceholderText(self.tr("Choose a category"))
        for name in self.ledger.categories():
            self.category_combo.addItem(name, name)
        self.category_combo.setCurrentIndex(-1)
        self.source_combo = QComboBox()
        self.source_combo.setObjectName("entrySource")
        for source in IncomeSource:
            self.source_combo.addItem(source_label(source.value), source.value)
        self.payee_edit = QLineEdit()
        self.payee_edit.setObjectName("entryPayee")
        self.voucher_edit = QLineEdit()
        self.voucher_edit.setObjectName("entryVoucher")
        self.voucher_edit.setPlaceholderText(self.tr("e.g. 2026-017"))
        self.voucher_edit.setMaximumWidth(160)
        payee_row = QHBoxLayout()
        payee_row.addWidget(self.payee_edit, 1)
        payee_row.addSpacing(16)
        payee_row.addWidget(QLabel(self.tr("Voucher no.")))
        payee_row.addWidget(self.voucher_edit)
        self.purpose_edit = QLineEdit()
        self.purpose_edit.setObjectName("entryPurpose")
        self.purpose_edit.setPlaceholderText(self.tr("What the money was for"))
        self.activity_combo = QComboBox()
        self.activity_combo.setObjectName("entryActivity")
        self.activity_combo.addItem(self.tr("(no activity)"), None)
        for a in services.activities.list():
            self.activity_combo.addItem(f"{a.date.isoformat()} {a.topic}", a.id)
        self.approver_edit = QLineEdit()
        self.approver_edit.setObjectName("entryApprover")
        self.handler_edit = QLineEdit()
        self.handler_edit.setObjectName("entryHandler")
        # who handled the money is mostly whoever records it: 我的姓名, as a value to change
        self.handler_edit.setText(services.user)
        people = QHBoxLayout()
        people.addWidget(self.approver_edit, 1)
        people.addSpacing(16)
        people.addWidget(QLabel(self.tr("Handled by")))
        people.addWidget(self.handler_edit, 1)

        self.override_edit = QPlainTextEdit()
        self.override_edit.setObjectName("overrideReason")
        self.override_edit.setPlaceholderText(
            self.tr("Why this spending goes beyond the year's balance; it is shown in every report")
        )
        self.override_edit.setMaximumHeight(60)

        self.payee_label = _form_label(self.tr("Payee"))
        self.category_label = _form_label(self.tr("Category"))
        self.source_label = _form_label(self.tr("Source"))
        self.override_label = _form_label(self.tr("Overspending reason"))
        self.override_label.setStyleSheet(ask.PROBLEM_STYLE)
        if original is not None:
            self.form.addRow(self.tr("Reason for the correction"), self.reason_edit)
            self.form.addRow(self.tr("Income or expense"), self.direction_combo)
        self.form.addRow(self.tr("Date"), when)
        self.form.addRow(self.category_label, self.category_combo)
        self.form.addRow(self.source_label, self.source_combo)
        self.form.addRow(self.payee_label, payee_row)
        self.form.addRow(self.tr("Purpose"), self.purpose_edit)
        self.form.addRow(self.tr("For the activity"), self.activity_combo)
        self.form.addRow(self.tr("Approved by"), people)
        self.form.addRow(self.override_label, self.override_edit)
        layout.addLayout(self.form)
        self._set_override_visible(False)

        files_box = QWidget()
        files_layout = QVBoxLayout(files_box)
        files_layout.setContentsMargins(0, 0, 0, 0)
        files_layout.addWidget(QLabel(self.tr("Receipts and invoices (copied into the store)")))
        self.files_list = PendingFiles()
        self.files_list.setObjectName("entryFiles")
        self.files_list.setMaximumHeight(72)
        files_layout.addWidget(self.files_list)
        file_buttons = QHBoxLayout()
        self.add_files_button = QPushButton(self.tr("Add receipts…"))
        self.remove_file_button = QPushButton(self.tr("Remove from list"))
        file_buttons.addWidget(self.add_files_button)
        file_buttons.addWidget(self.remove_file_button)
        file_buttons.addStretch(1)
        files_layout.addLayout(file_buttons)
        layout.addWidget(files_box)

        self.problems_label = QLabel()
        self.problems_label.setObjectName("problemsLabel")
        self.problems_label.setStyleSheet(ask.PROBLEM_STYLE)
        self.problems_label.setWordWrap(True)
        layout.addWidget(self.problems_label)

        # Enter in the form goes on to the check, never straight to saving
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.next_button = buttons.addButton(
            self.tr("Next: check the entry"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.next_button.setObjectName("nextButton")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        self._build_steps(form_page, self.tr("Save the entry"))

        self._widgets: dict[str, QWidget] = {
            "reversal_reason": self.reason_edit,
            "direction": self.direction_combo,
            "date": self.date_edit,
            "amount": self.amount_edit,
            "category": self.category_combo,
            "source": self.source_combo,
            "payee": self.payee_edit,
            "voucher_no": self.voucher_edit,
            "purpose": self.purpose_edit,
            "activity": self.activity_combo,
            "approver": self.approver_edit,
            "handler": self.handler_edit,
            "override_reason": self.override_edit,
            "file": self.files_list,
        }

        self.direction_combo.currentIndexChanged.connect(self._direction_changed)
        self.source_combo.currentIndexChanged.connect(self._source_changed)
        # the grant's purpose names its year: it follows the date while untouched
        self.date_edit.textChanged.connect(self._date_changed)
        self.add_files_button.clicked.connect(self._add_files_clicked)
        self.remove_file_button.clicked.connect(self._remove_file)

        self.first_field = self.amount_edit if original is None else self.reason_edit
        if original is not None:
            self.setWindowTitle(self.tr("Correct an entry"))
            self._load(original)
            self.reason_edit.setFocus()
        else:
            self.setWindowTitle(
                self.tr("Record income")
                if direction is Direction.INCOME
                else self.tr("Record expense")
            )
            self._direction_changed()
            self.amount_edit.setFocus()

    # --- the form follows the direction and the source ---

    def direction(self) -> Direction:
        return Direction(self.direction_combo.currentData())

    def _set_override_visible(self, visible: bool) -> None:
        self.form.setRowVisible(self.override_edit, visible)

    def override_visible(self) -> bool:
        return self.override_edit.isVisibleTo(self.form_page)  # also while confirming

    def _direction_changed(self, *_args) -> None:
        expense = self.direction() is Direction.EXPENSE
        self.form.setRowVisible(self.category_combo, expense)
        self.form.setRowVisible(self.source_combo, not expense)
        self.payee_label.setText(self.tr("Payee") if expense else self.tr("Paid by"))
        self.payee_edit.setPlaceholderText(
            self.tr("Who was paid, e.g. the expert or the bookshop")
            if expense
            else self.tr("Who paid the money in, e.g. the school's finance office")
        )
        if not expense:
            self._source_changed()
        self.adjustSize()

    def set_source(self, source: IncomeSource) -> None:
        self.source_combo.setCurrentIndex(self.source_combo.findData(source.value))

    def set_category(self, name: str) -> None:
        self.category_combo.setCurrentIndex(self.category_combo.findData(name))

    def _source_changed(self, *_args) -> None:
        """The school's grant comes with its amount, purpose and payer filled in; other
        sources clear what was filled in for the grant (not what the user typed)."""
        if self.original is not None:
            return
        grant = self.source_combo.currentData() == IncomeSource.GRANT.value
        if grant:
            year = self.ledger.fiscal_year_of(self._typed_date() or self.ledger.today())
            fills = (
                (self.amount_edit, "_prefilled_amount", format_fen(self.grant_fen or 0)),
                (self.purpose_edit, "_prefilled_purpose", year.label + IncomeSource.GRANT.zh),
                (self.payee_edit, "_prefilled_payee", self.services.studio.get().host_school),
            )
            for edit, attr, text in fills:
                if not text or (attr == "_prefilled_amount" and not self.grant_fen):
                    continue
                if not edit.text().strip() or edit.text() == getattr(self, attr):
                    edit.setText(text)
                    setattr(self, attr, text)
            return
        for edit, attr in (
            (self.amount_edit, "_prefilled_amount"),
            (self.purpose_edit, "_prefilled_purpose"),
            (self.payee_edit, "_prefilled_payee"),
        ):
            if getattr(self, attr) and edit.text() == getattr(self, attr):
                edit.clear()
            setattr(self, attr, "")

    def _date_changed(self, *_args) -> None:
        if self.direction() is Direction.INCOME and self._typed_date() is not None:
            self._source_changed()

    def _typed_date(self) -> dt.date | None:
        try:
            return dt.date.fromisoformat(self.date_edit.text().strip())
        except ValueError:
            return None

    def _load(self, e: EntryInfo) -> None:
        self.date_edit.setText(e.date.isoformat())
        self.amount_edit.setText(format_fen(e.amount_fen))
        if e.direction is Direction.EXPENSE:
            index = self.category_combo.findData(e.category)
            if index < 0 and e.category:  # a category no longer offered: keep it visible
                self.category_combo.addItem(e.category, e.category)
                index = self.category_combo.count() - 1
            self.category_combo.setCurrentIndex(index)
        else:
            self.source_combo.setCurrentIndex(max(self.source_combo.findData(e.source), 0))
        self.payee_edit.setText(e.payee or "")
        self.voucher_edit.setText(e.voucher_no or "")
        self.purpose_edit.setText(e.purpose)
        self.activity_combo.setCurrentIndex(max(self.activity_combo.findData(e.activity_id), 0))
        self.approver_edit.setText(e.approver or "")
        self.handler_edit.setText(e.handler or "")
        self._direction_changed()
        # the corrected entry keeps the original's receipts unless they are taken off the list
        for att in e.attachments:
            try:
                path = self.ledger.attachment_path(att)
            except OSError:
                continue
            self.add_files([path])

    # --- files ---

    def _add_files_clicked(self) -> None:
        self.add_files(ask.evidence_files(self))

    def add_files(self, paths: list[Path]) -> None:
        self.files_list.add_paths(paths)

    def _remove_file(self) -> None:
        self.files_list.remove_selected()

    def files(self) -> list[Path]:
        return self.files_list.paths()

    # --- saving ---

    def entry_input(self) -> EntryInput:
        expense = self.direction() is Direction.EXPENSE
        override = self.override_edit.toPlainText() if self.override_visible() else None
        return EntryInput(
            direction=self.direction(),
            date=self.date_edit.text(),
            amount=self.amount_edit.text(),
            purpose=self.purpose_edit.text(),
            category=self.category_combo.currentData() if expense else None,
            source=None if expense else self.source_combo.currentData(),
            payee=self.payee_edit.text(),
            voucher_no=self.voucher_edit.text(),
            activity_id=self.activity_combo.currentData(),
            approver=self.approver_edit.text(),
            handler=self.handler_edit.text(),
            override_reason=override,
        )

    def check(self) -> None:
        """The form checked as saving would check it; when it is right, the entry in
        words to confirm (ConfirmStep), nothing saved yet."""
        try:
            if self.original is None:
                draft = self.ledger.check_add(self.entry_input())
            else:
                draft = self.ledger.check_correct(
                    self.original.id, self.reason_edit.text(), self.entry_input()
                )
        except ValidationError as error:
            self._refused(error)
            return
        self.show_problems(ValidationError([]))  # no outline, no message left
        headline, details = self.entry_words(draft)
        if self.original is None:
            note = self.tr(
                "Once saved, the entry cannot be changed or deleted: a mistake can only be "
                "corrected by a reversal, and both stay in the ledger."
            )
        else:
            details += "\n\n" + reversal_words(self.original, self.reason_edit.text())
            note = self.tr(
                "Once saved, the reversal and the corrected entry cannot be changed or "
                "deleted; the first entry stays in the ledger, reversed."
            )
        self.show_confirm(headline, details, note)

    def entry_words(self, draft: EntryDraft) -> tuple[str, str]:
        """The entry as it will be saved: its headline (date, kind, amount) and the rest."""
        expense = draft.direction is Direction.EXPENSE
        activity = self.activity_combo.currentText() if draft.activity_id is not None else ""
        details = _said(
            (
                (self.tr("Category"), draft.category if expense else None),
                (self.tr("Source"), None if expense else source_label(draft.source)),
                (self.tr("Payee") if expense else self.tr("Paid by"), draft.payee),
                (self.tr("Voucher no."), draft.voucher_no),
                (self.tr("Purpose"), draft.purpose),
                (self.tr("For the activity"), activity),
                (self.tr("Approved by"), draft.approver),
                (self.tr("Handled by"), draft.handler),
                (self.tr("Overspending reason"), draft.override_reason),
                (self.tr("Receipts"), "、".join(p.name for p in self.files())),
            )
        )
        headline = entry_headline(draft.date, direction_label(draft.direction), draft.amount_fen)
        return headline, details

    def _refused(self, error: ValidationError) -> None:
        if isinstance(error, RingFenceError):
            # the ring-fence: say so, and ask for the reason that lets it through
            self._set_override_visible(True)
            self.show_problems(error)
            self.override_edit.setFocus()
        else:
            self.show_problems(error)

    def save(self) -> None:
        """Saves the confirmed entry, once."""
        self.confirm.save_button.setEnabled(False)  # a second click saves nothing more
        try:
            if self.original is None:
                self.saved_id = self.ledger.add(self.entry_input(), self.files())
            else:
                self.reversal_id, self.saved_id = self.ledger.correct(
                    self.original.id, self.reason_edit.text(), self.entry_input(), self.files()
                )
        except ValidationError as error:  # the ledger changed meanwhile
            self.show_form()
            self._refused(error)
            return
        except OSError as error:  # a receipt that could not be read or copied
            self.show_form()
            self.problems_label.setText(
                "• " + self.tr("Could not copy a file: %1").replace("%1", str(error))
            )
            return
        self.accept()


class ReverseDialog(_Problems, _TwoSteps, QDialog):
    """Reverse one entry: a reversal entry of the same amount, with its reason and date."""

    def __init__(self, services, entry: EntryInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = services.ledger
        self.entry = entry
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("Reverse an entry"))
        self.setMinimumWidth(520)
        form_page = QWidget()
        layout = QVBoxLayout(form_page)
        what = QLabel(
            self.tr("Reverse %1 of %2: %3 (%4).")
            .replace("%1", kind_label(entry))
            .replace("%2", entry.date.isoformat())
            .replace("%3", entry.purpose)
            .replace("%4", format_fen(entry.amount_fen))
        )
        what.setWordWrap(True)
        layout.addWidget(what)
        note = QLabel(
            self.tr(
                "The entry stays in the ledger; a reversal entry of the same amount cancels it "
                "and both appear in every report."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(HELP_STYLE)
        layout.addWidget(note)
        self.form = QFormLayout()
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reversalReason")
        self.reason_edit.setPlaceholderText(
            self.tr("e.g. the training was cancelled, money refunded")
        )
        self.date_edit = QLineEdit(self.ledger.today().isoformat())
        self.date_edit.setObjectName("reversalDate")
        self.date_edit.setMaximumWidth(140)
        self.override_edit = QPlainTextEdit()
        self.override_edit.setObjectName("overrideReason")
        self.override_edit.setMaximumHeight(60)
        self.override_label = _form_label(self.tr("Overspending reason"))
        self.override_label.setStyleSheet(ask.PROBLEM_STYLE)
        self.form.addRow(self.tr("Reason"), self.reason_edit)
        self.form.addRow(self.tr("Date of the reversal"), self.date_edit)
        self.form.addRow(self.override_label, self.override_edit)
        self.form.setRowVisible(self.override_edit, False)
        layout.addLayout(self.form)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problemsLabel")
        self.problems_label.setStyleSheet(ask.PROBLEM_STYLE)
        self.problems_label.setWordWrap(True)
        layout.addWidget(self.problems_label)
        # Enter in the form goes on to the check, never straight to saving
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.next_button = buttons.addButton(
            self.tr("Next: check the reversal"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.next_button.setObjectName("nextButton")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        self._build_steps(form_page, self.tr("Save the reversal"))
        self.first_field = self.reason_edit
        self._widgets = {
            "reversal_reason": self.reason_edit,
            "date": self.date_edit,
            "override_reason": self.override_edit,
        }
        self.reason_edit.setFocus()

    def _override(self) -> str | None:
        return (
            self.override_edit.toPlainText()
            if self.override_edit.isVisibleTo(self.form_page)
            else None
        )

    def _refused(self, error: ValidationError) -> None:
        if isinstance(error, RingFenceError):
            self.form.setRowVisible(self.override_edit, True)
        self.show_problems(error)

    def check(self) -> None:
        """The reversal checked as saving would check it; when it is right, in words to
        confirm, nothing saved yet."""
        try:
            day = self.ledger.check_reverse(
                self.entry.id, self.reason_edit.text(), self.date_edit.text(), self._override()
            )
        except ValidationError as error:
            self._refused(error)
            return
        self.show_problems(ValidationError([]))
        details = reversal_words(self.entry, self.reason_edit.text())
        if self._override():
            details += "\n" + _said(((self.tr("Overspending reason"), self._override()),))
        self.show_confirm(
            entry_headline(day, reversal_label(self.entry.direction), self.entry.amount_fen),
            details,
            self.tr(
                "Once saved, the reversal cannot be changed or undone; if the entry was right "
                "after all, record it again as a new entry."
            ),
        )

    def save(self) -> None:
        """Saves the confirmed reversal, once."""
        self.confirm.save_button.setEnabled(False)
        try:
            self.saved_id = self.ledger.reverse(
                self.entry.id, self.reason_edit.text(), self.date_edit.text(), self._override()
            )
        except ValidationError as error:  # the ledger changed meanwhile
            self.show_form()
            self._refused(error)
            return
        self.accept()


class BudgetsDialog(_Problems, QDialog):
    """The year's budget per category; an empty field means no budget."""

    def __init__(self, services, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = services.ledger
        self.year = year
        fiscal = self.ledger.fiscal_year(year)
        self.setWindowTitle(self.tr("Budgets for %1").replace("%1", fiscal.label))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        summary = self.ledger.summary(year)
        grant = services.studio.effective_preset().value("yearly_grant_fen")
        note = self.tr("Plan how the year's money is shared among the categories.")
        if grant:
            note = labels.sentences(
                note,
                self.tr("The preset's yearly grant is %1.").replace("%1", format_fen(int(grant))),
            )
        intro = QLabel(note)
        intro.setWordWrap(True)
        intro.setStyleSheet(HELP_STYLE)
        layout.addWidget(intro)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        categories = list(self.ledger.categories())
        categories += [c for c in summary.budgets if c not in categories]
        for name in categories:
            edit = QLineEdit()
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setMaximumWidth(160)
            edit.setPlaceholderText(self.tr("no budget"))
            if name in summary.budgets:
                edit.setText(format_fen(summary.budgets[name]))
            edit.textChanged.connect(self._update_total)
            spent = QLabel(
                self.tr("spent so far %1").replace(
                    "%1", format_fen(summary.by_category.get(name, 0))
                )
            )
            spent.setStyleSheet(HELP_STYLE)
            row = QHBoxLayout()
            row.addWidget(edit)
            row.addWidget(spent, 1)
            form.addRow(name, row)
            self.edits[name] = edit
        layout.addLayout(form)
        self.total_label = QLabel()
        self.total_label.setObjectName("budgetTotal")
        layout.addWidget(self.total_label)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problemsLabel")
        self.problems_label.setStyleSheet(ask.PROBLEM_STYLE)
        self.problems_label.setWordWrap(True)
        layout.addWidget(self.problems_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        self._widgets = dict(self.edits)
        self._update_total()

    def _update_total(self, *_args) -> None:
        total = 0
        for edit in self.edits.values():
            try:
                total += parse_money(edit.text()) or 0
            except ValidationError:
                continue
        self.total_label.setText(self.tr("Total budget: %1").replace("%1", format_fen(total)))

    def save(self) -> None:
        # every amount is checked before any is written
        problems = []
        amounts: dict[str, int | None] = {}
        for name, edit in self.edits.items():
            try:
                amounts[name] = parse_money(edit.text())
            except ValidationError as error:
                problems += [Problem(name, f"{name}: {p.message}") for p in error.problems]
        if problems:
            self.show_problems(ValidationError(problems))
            return
        current = self.ledger.budgets(self.year)
        try:
            for name, fen in amounts.items():
                if current.get(name) != fen:
                    self.ledger.set_budget(
                        self.year, name, None if fen is None else format_fen(fen)
                    )
        except ValidationError as error:
            self.show_problems(error)
            return
        self.accept()


class LedgerImportPreviewDialog(QDialog):
    """What a ledger workbook would add, row by row with each row's problems; nothing is
    written until Import, which stays disabled while any row is wrong."""

    def __init__(self, preview, file_name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        title = self.tr("Import ledger entries")
        if file_name:
            title = self.tr("Import ledger entries: %1").replace("%1", file_name)
        self.setWindowTitle(title)
        window_geometry.fit(self, QSize(900, 520))
        layout = QVBoxLayout(self)
        problems = [str(p) for p in preview.problem_lines()] if preview.problems else []
        rows = list(getattr(preview, "rows", []) or [])
        summary = getattr(preview, "summary", None)
        self.summary = QLabel(
            str(summary())
            if callable(summary)
            else self.tr("%1 rows, %2 problems")
            .replace("%1", str(len(rows)))
            .replace("%2", str(len(problems)))
        )
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = ImportRowsModel(self)
        self.model.set_rows(rows)
        self.table = QTableView()
        self.table.setObjectName("importRows")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        fit_columns(self.table, self.model.column_of("problems"))
        layout.addWidget(self.table, 2)
        self.problems_view = QPlainTextEdit()
        self.problems_view.setObjectName("importProblems")
        self.problems_view.setReadOnly(True)
        self.problems_view.setStyleSheet(ask.PROBLEM_STYLE)
        self.problems_view.setPlainText("\n".join(problems))
        self.problems_view.setVisible(bool(problems))
        self.problems_view.setMaximumHeight(110)
        layout.addWidget(self.problems_view, 1)
        self.note = QLabel(
            self.tr(
                "Correct the file and import it again: nothing is imported while any row is wrong."
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
        adds = any(getattr(r, "action", "add") == "add" for r in rows)
        self.import_button.setEnabled(not problems and bool(getattr(preview, "ok", True)) and adds)
        if not problems and not adds:
            self.note.setText(self.tr("Every row is already in the ledger: nothing to import."))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.verticalHeader().setDefaultSectionSize(24)

    def row_texts(self) -> list[dict[str, str]]:
        """Each previewed row's cells as shown, by column key."""
        return [
            {c.key: self.model.index(r, i).data() for i, c in enumerate(IMPORT_COLUMNS)}
            for r in range(self.model.rowCount())
        ]
