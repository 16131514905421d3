"""Funds (经费台账): the fiscal year's entries with their running balance, filtered by
direction, category and text; the year's income, spending and balance; the budget per
category against what was spent; spending by category and by month as charts; the
selected entry's details and receipts. Actions record income and expenses, correct or
reverse an entry, attach receipts, add a category, set budgets, close a month or a year,
and write the spending report and the ledger workbook.

No action edits or deletes an entry: a mistake is corrected by a reversal."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import changes as topics
from desktop_app.domain.ledger import Direction, FiscalYear
from desktop_app.domain.money import format_fen
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.roles import Capability
from desktop_app.gui import ask, labels
from desktop_app.gui.charts import CategoryBar, CategoryChart, MonthBar, MonthlyChart
from desktop_app.gui.dialogs.ledger_dialogs import (
    BudgetsDialog,
    EntryDialog,
    LedgerImportPreviewDialog,
    ReverseDialog,
    category_or_source,
    kind_label,
    source_label,
)
from desktop_app.gui.models.ledger import (
    ENTRY_COLUMNS,
    SPENDING_COLOUR,
    BudgetModel,
    EntriesModel,
    budget_rows,
    flags_tooltip,
)
from desktop_app.gui.models.table import ITEM_ROLE
from desktop_app.gui.pages.base import Page
from desktop_app.gui.permissions import guard_all
from desktop_app.gui.table_sizing import fit_columns
from desktop_app.gui.thumbnails import Thumbnails
from desktop_app.services.attachments import AttachmentInfo
from desktop_app.services.ledger import EntryInfo, LedgerSummary

THUMBNAIL_SIZE = 72
HELP_STYLE = "color: #555555;"


def _table(view: QTableView) -> QTableView:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.setWordWrap(False)
    return view


def _title(text: str) -> QLabel:
    label = QLabel("<b>" + escape(text) + "</b>")
    return label


def _pane(*widgets: QWidget, stretch_last: bool = True) -> QWidget:
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    for i, widget in enumerate(widgets):
        last = i == len(widgets) - 1
        layout.addWidget(widget, 1 if last and stretch_last else 0)
    return pane


class FundsPage(Page):
    page_id = "funds"
    topics = frozenset({topics.LEDGER, topics.STUDIO, topics.SETTINGS, topics.ACTIVITIES})

    def __init__(self, services, bus, parent: QWidget | None = None):
        super().__init__(services, bus, parent)
        self._thumbnails = Thumbnails(self.services.ledger.attachment_path, THUMBNAIL_SIZE, self)
        self._summary: LedgerSummary | None = None
        layout = QVBoxLayout(self)

        # --- the year and the filters ---
        filters = QHBoxLayout()
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("fiscalYearCombo")
        self.direction_combo = QComboBox()
        self.direction_combo.setObjectName("directionCombo")
        self.direction_combo.addItem(self.tr("Income and expenses"), "")
        self.direction_combo.addItem(self.tr("Income only"), Direction.INCOME.value)
        self.direction_combo.addItem(self.tr("Expenses only"), Direction.EXPENSE.value)
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("categoryCombo")
        self.text_edit = QLineEdit()
        self.text_edit.setObjectName("ledgerFilter")
        self.text_edit.setPlaceholderText(self.tr("Purpose, payee, voucher or handler"))
        self.text_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("entryCount")
        filters.addWidget(QLabel(self.tr("Year:")))
        filters.addWidget(self.year_combo)
        filters.addSpacing(8)
        filters.addWidget(self.direction_combo)
        filters.addWidget(self.category_combo)
        filters.addWidget(self.text_edit, 1)
        filters.addSpacing(8)
        filters.addWidget(self.count_label)
        layout.addLayout(filters)

        # --- actions ---
        actions = QHBoxLayout()
        self.income_button = QPushButton(self.tr("Record income…"))
        self.expense_button = QPushButton(self.tr("Record expense…"))
        self.correct_button = QPushButton(self.tr("Correct…"))
        self.reverse_button = QPushButton(self.tr("Reverse…"))
        self.attach_button = QPushButton(self.tr("Attach receipts…"))
        self.report_button = QPushButton(self.tr("Spending report (PDF)…"))
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.import_button = QPushButton(self.tr("Import from Excel…"))
        never_edited = self.tr("Entries are never changed: correct a mistake with a reversal.")
        self.correct_button.setToolTip(
            labels.sentences(
                never_edited,
                self.tr("Records the reversal of the selected entry and the corrected entry."),
            )
        )
        self.reverse_button.setToolTip(
            labels.sentences(
                never_edited, self.tr("Cancels the selected entry with a reversal entry.")
            )
        )
        for button in (self.income_button, self.expense_button):
            actions.addWidget(button)
        actions.addSpacing(12)
        for button in (self.correct_button, self.reverse_button, self.attach_button):
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.report_button, self.export_button, self.import_button):
            actions.addWidget(button)
        layout.addLayout(actions)

        # --- the year at a glance ---
        strip = QHBoxLayout()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("ledgerSummary")
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.closed_label = QLabel()
        self.closed_label.setObjectName("closedPeriods")
        self.closed_label.setStyleSheet(HELP_STYLE)
        self.close_month_button = QPushButton(self.tr("Close month…"))
        self.close_year_button = QPushButton(self.tr("Close year…"))
        closing = self.tr("No entry dated inside a closed period can be added afterwards.")
        self.close_month_button.setToolTip(closing)
        self.close_year_button.setToolTip(closing)
        self.grant_label = QLabel()
        self.grant_label.setObjectName("grantHint")
        self.grant_label.setStyleSheet("color: #8a5300;")
        strip.addWidget(self.summary_label)
        strip.addSpacing(16)
        strip.addWidget(self.grant_label)
        strip.addStretch(1)
        strip.addWidget(self.closed_label)
        strip.addWidget(self.close_month_button)
        strip.addWidget(self.close_year_button)
        layout.addLayout(strip)
        self.help_label = QLabel(never_edited)
        self.help_label.setObjectName("ledgerHelp")
        self.help_label.setStyleSheet(HELP_STYLE)

        # --- the entries, and the selected one ---
        self.model = EntriesModel(self)
        self.table = _table(QTableView())
        self.table.setObjectName("entriesTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        fit_columns(self.table, self.model.column_of("purpose"))
        self.empty_label = QLabel()
        self.empty_label.setObjectName("ledgerEmpty")
        self.empty_label.setStyleSheet(HELP_STYLE)
        self.empty_label.setWordWrap(True)
        entries_pane = QWidget()
        entries_layout = QVBoxLayout(entries_pane)
        entries_layout.setContentsMargins(0, 0, 0, 0)
        entries_layout.addWidget(self.table, 1)
        entries_layout.addWidget(self.empty_label)

        self.detail = QTextBrowser()
        self.detail.setObjectName("entryDetail")
        self.detail.setOpenLinks(False)
        self.detail.setFrameShape(QFrame.Shape.StyledPanel)
        self.files_title = QLabel()
        self.files_list = QListWidget()
        self.files_list.setObjectName("entryReceipts")
        self.files_list.setViewMode(QListView.ViewMode.IconMode)
        self.files_list.setIconSize(QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        self.files_list.setGridSize(QSize(THUMBNAIL_SIZE + 48, THUMBNAIL_SIZE + 34))
        self.files_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.files_list.setMovement(QListView.Movement.Static)
        self.files_list.setWordWrap(True)
        self.files_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.files_list.setMaximumHeight(THUMBNAIL_SIZE + 44)
        self.files_list.setToolTip(
            self.tr("Double-click to open; add receipts with “Attach receipts…”")
        )
        detail_pane = _pane(
            _title(self.tr("Selected entry")), self.detail, self.files_title, self.files_list
        )
        detail_pane.layout().setStretch(1, 1)
        detail_pane.layout().setStretch(3, 0)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(entries_pane)
        top.addWidget(detail_pane)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 1)
        top.setSizes([890, 270])
        top.setChildrenCollapsible(False)

        # --- budgets and charts ---
        self.budget_model = BudgetModel(self)
        self.budget_table = _table(QTableView())
        self.budget_table.setObjectName("budgetTable")
        self.budget_table.setModel(self.budget_model)
        self.budget_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.budget_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        fit_columns(self.budget_table, self.budget_model.column_of("category"))
        self.category_button = QPushButton(self.tr("Add category…"))
        self.budgets_button = QPushButton(self.tr("Budgets…"))
        self.budget_title = _title(self.tr("Budget by category"))
        budget_head = QHBoxLayout()
        budget_head.setContentsMargins(0, 0, 0, 0)
        budget_head.addWidget(self.budget_title, 1)
        budget_head.addWidget(self.budgets_button)
        budget_head.addWidget(self.category_button)
        head_widget = QWidget()
        head_widget.setLayout(budget_head)
        budget_pane = _pane(head_widget, self.budget_table)

        self.category_chart = CategoryChart()
        self.category_chart.set_empty_text(self.tr("No spending categories."))
        self.month_chart = MonthlyChart()
        self.category_title = _title(self.tr("Spending by category"))
        self.month_title = _title(self.tr("Income and spending by month"))
        below = QSplitter(Qt.Orientation.Horizontal)
        below.addWidget(budget_pane)
        below.addWidget(_pane(self.category_title, self.category_chart))
        below.addWidget(_pane(self.month_title, self.month_chart))
        below.setStretchFactor(0, 5)
        below.setStretchFactor(1, 4)
        below.setStretchFactor(2, 5)
        below.setSizes([410, 300, 450])
        below.setChildrenCollapsible(False)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([370, 250])
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.help_label)
        layout.addLayout(bottom)

        # --- wiring ---
        self.year_combo.currentIndexChanged.connect(self._year_changed)
        self.direction_combo.currentIndexChanged.connect(self._filters_changed)
        self.category_combo.currentIndexChanged.connect(self._filters_changed)
        self.text_edit.textChanged.connect(self._filters_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.income_button.clicked.connect(self.record_income)
        self.expense_button.clicked.connect(self.record_expense)
        self.correct_button.clicked.connect(self.correct_selected)
        self.reverse_button.clicked.connect(self.reverse_selected)
        self.attach_button.clicked.connect(self.attach_receipts)
        self.category_button.clicked.connect(self.add_category)
        self.budgets_button.clicked.connect(self.edit_budgets)
        self.close_month_button.clicked.connect(self.close_month)
        self.close_year_button.clicked.connect(self.close_year)
        self.report_button.clicked.connect(self.save_report)
        self.export_button.clicked.connect(self.export_excel)
        self.import_button.clicked.connect(self.import_excel)
        self.files_list.itemDoubleClicked.connect(self._file_double_clicked)
        self._guard()
        self.refresh()

    # --- the year and the filters ---

    def _guard(self) -> None:
        """What the signed-in account's role may not do (gui/permissions.py)."""
        guard_all(
            self.services,
            Capability.LEDGER_ENTRIES,
            self.income_button,
            self.expense_button,
            self.correct_button,
            self.attach_button,
            self.import_button,
        )
        guard_all(self.services, Capability.REVERSALS, self.reverse_button)
        guard_all(
            self.services,
            Capability.CLOSE_PERIODS,
            self.close_month_button,
            self.close_year_button,
        )
        guard_all(self.services, Capability.BUDGETS, self.category_button, self.budgets_button)
        guard_all(self.services, Capability.EXPORT, self.export_button)

    def year(self) -> int:
        year = self.year_combo.currentData()
        if year is None:
            return self.services.ledger.fiscal_year_of(self.services.ledger.today()).start_year
        return int(year)

    def fiscal_year(self) -> FiscalYear:
        return self.services.ledger.fiscal_year(self.year())

    def _fill_years(self, keep: int | None) -> None:
        ledger = self.services.ledger
        years = ledger.years()
        if keep is not None and keep not in years:
            years = sorted({*years, keep}, reverse=True)
        current = ledger.fiscal_year_of(ledger.today()).start_year
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(ledger.fiscal_year(year).label, year)
        wanted = keep if keep is not None else current
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(wanted), 0))
        self.year_combo.blockSignals(False)

    def set_year(self, year: int) -> None:
        index = self.year_combo.findData(year)
        if index < 0:
            self._fill_years(year)
            index = self.year_combo.findData(year)
        self.year_combo.setCurrentIndex(index)

    def year_labels(self) -> list[str]:
        return [self.year_combo.itemText(i) for i in range(self.year_combo.count())]

    def _fill_categories(self) -> None:
        keep = self.category_combo.currentData()
        self.category_combo.blockSignals(True)
        self.category_combo.clear()
        self.category_combo.addItem(self.tr("All categories"), "")
        for name in self.services.ledger.categories():
            self.category_combo.addItem(name, name)
        self.category_combo.setCurrentIndex(max(self.category_combo.findData(keep or ""), 0))
        self.category_combo.blockSignals(False)

    def set_direction(self, direction: Direction | None) -> None:
        value = direction.value if direction else ""
        self.direction_combo.setCurrentIndex(self.direction_combo.findData(value))

    def set_category(self, name: str | None) -> None:
        self.category_combo.setCurrentIndex(max(self.category_combo.findData(name or ""), 0))

    def _filters_changed(self, *_args) -> None:
        self._load()

    def _file_double_clicked(self, item: QListWidgetItem) -> None:
        self.open_attachment(item.data(ITEM_ROLE))

    def _year_changed(self, *_args) -> None:
        self._load()
        self._show_year()

    # --- what File ▸ New record (Ctrl+N) and Edit ▸ Find (Ctrl+F) act on

    def new_record_button(self):
        return self.expense_button

    def filter_box(self):
        return self.text_edit

    # --- showing ---

    def refresh(self) -> None:
        self._thumbnails.clear()
        year = self.year_combo.currentData()
        self._fill_years(year)
        self._fill_categories()
        self._load(self.selected_entry())
        self._show_year()

    def _load(self, keep: EntryInfo | None = None) -> None:
        keep = keep or self.selected_entry()
        ledger = self.services.ledger
        direction = self.direction_combo.currentData()
        rows = ledger.entries(
            year=self.year(),
            direction=Direction(direction) if direction else None,
            category=self.category_combo.currentData() or None,
            text=self.text_edit.text(),
        )
        self.model.set_entries(rows, ledger.entries())
        if not (keep is not None and self.select_entry(keep.id)) and rows:
            # the newest entry: the ledger reads oldest first, like a cash book
            self.table.selectRow(len(rows) - 1)
        if rows:
            self.table.scrollTo(self.table.currentIndex())
        self._update_count(rows)
        self._selection_changed()

    def _update_count(self, rows: list[EntryInfo]) -> None:
        self.count_label.setText(self.tr("%1 entries").replace("%1", str(len(rows))))
        filtered = bool(
            self.direction_combo.currentData()
            or self.category_combo.currentData()
            or self.text_edit.text().strip()
        )
        if rows:
            self.empty_label.setText("")
        elif filtered:
            self.empty_label.setText(self.tr("No entry matches the filter."))
        else:
            self.empty_label.setText(
                self.tr(
                    "Nothing recorded for %1 yet. Start with the year's grant: “Record income…”."
                ).replace("%1", self.fiscal_year().label)
            )
        self.empty_label.setVisible(not rows)

    def _show_year(self) -> None:
        ledger = self.services.ledger
        summary = ledger.summary(self.year())
        self._summary = summary
        balance_colour = SPENDING_COLOUR if summary.balance_fen < 0 else "#1b5e20"
        self.summary_label.setText(
            f"<b>{escape(summary.year.label)}</b>&nbsp;&nbsp; "
            + self.tr("Income %1").replace("%1", f"<b>{format_fen(summary.income_fen)}</b>")
            + " · "
            + self.tr("Spent %1").replace(
                "%1", f"<b style='color:{SPENDING_COLOUR}'>{format_fen(summary.expense_fen)}</b>"
            )
            + " · "
            + self.tr("Balance %1").replace(
                "%1", f"<b style='color:{balance_colour}'>{format_fen(summary.balance_fen)}</b>"
            )
        )
        self.summary_label.setToolTip(self._sources_text(summary))
        grant = self.services.studio.effective_preset().value("yearly_grant_fen")
        if grant and not summary.by_source.get("grant"):
            self.grant_label.setText(
                self.tr("The yearly grant (%1) is not recorded for %2 yet.")
                .replace("%1", format_fen(int(grant)))
                .replace("%2", summary.year.label)
            )
        else:
            self.grant_label.setText("")
        periods = ledger.closed_periods()
        ranges = closed_ranges(periods)
        if len(ranges) > 3:
            ranges = ["…", *ranges[-3:]]
        self.closed_label.setText(
            self.tr("Closed: %1").replace("%1", _list_text(ranges))
            if ranges
            else self.tr("No period closed yet.")
        )
        self.closed_label.setToolTip(
            "\n".join(
                f"{label}{labels.colon()}{first.isoformat()} – {last.isoformat()}"
                for first, last, label in periods
            )
        )
        self.close_year_button.setEnabled(ledger.closed_period_of(summary.year.last_day) is None)

        self.budget_title.setText(
            "<b>"
            + escape(self.tr("Budget by category, %1").replace("%1", summary.year.label))
            + "</b>"
        )
        self.budget_model.set_rows(budget_rows(summary))
        bars = [
            CategoryBar(name, spent, summary.budgets.get(name))
            for name, spent in summary.by_category.items()
        ]
        self.category_chart.set_bars(bars)
        self.month_chart.set_months(
            [MonthBar(m.year, m.month, m.income_fen, m.expense_fen) for m in summary.by_month]
        )

    def _sources_text(self, summary: LedgerSummary) -> str:
        lines = [
            source_label(code) + labels.colon() + format_fen(fen)
            for code, fen in summary.by_source.items()
        ]
        return "\n".join(lines)

    def summary(self) -> LedgerSummary | None:
        """The summary the page shows (for tests)."""
        return self._summary

    def summary_text(self) -> str:
        return self.summary_label.text()

    def selected_entry(self) -> EntryInfo | None:
        model = self.table.selectionModel()
        indexes = model.selectedRows() if model else []
        if not indexes:
            return None
        return self.model.row_at(indexes[0].row())

    def select_entry(self, entry_id: int) -> bool:
        for row, e in enumerate(self.model.rows()):
            if e.id == entry_id:
                self.table.selectRow(row)
                return True
        return False

    def show_entry(self, entry_id: int) -> None:
        """Selects the entry, switching to its year and clearing filters when needed."""
        if self.select_entry(entry_id):
            return
        try:
            info = self.services.ledger.get(entry_id)
        except LookupError:
            return
        for widget in (self.year_combo, self.direction_combo, self.category_combo, self.text_edit):
            widget.blockSignals(True)
        self.set_year(info.fiscal_year)
        self.set_direction(None)
        self.set_category(None)
        self.text_edit.clear()
        for widget in (self.year_combo, self.direction_combo, self.category_combo, self.text_edit):
            widget.blockSignals(False)
        self._load(info)
        self._show_year()

    def row_texts(self, entry_id: int) -> dict[str, str]:
        """The cells of one entry's row as shown, by column key."""
        for r, e in enumerate(self.model.rows()):
            if e.id == entry_id:
                return {c.key: self.model.index(r, i).data() for i, c in enumerate(ENTRY_COLUMNS)}
        raise LookupError(entry_id)

    def _selection_changed(self, *_args) -> None:
        e = self.selected_entry()
        self._show_detail(e)
        self._show_files(e)
        self._update_buttons(e)

    def _show_detail(self, e: EntryInfo | None) -> None:
        if e is None:
            self.detail.setHtml(
                "<p style='color:#555555'>"
                + escape(self.tr("Select an entry to see its details and receipts."))
                + "</p>"
            )
            return
        colour = SPENDING_COLOUR if e.signed_fen < 0 else "#1b5e20"
        rows = [
            (self.tr("Date"), e.date.isoformat()),
            (
                self.tr("Category") if e.direction is Direction.EXPENSE else self.tr("Source"),
                category_or_source(e),
            ),
            (
                self.tr("Payee") if e.direction is Direction.EXPENSE else self.tr("Paid by"),
                e.payee or "",
            ),
            (self.tr("Voucher no."), e.voucher_no or ""),
            (self.tr("Activity"), e.activity_label or ""),
            (self.tr("Approved by"), e.approver or ""),
            (self.tr("Handled by"), e.handler or ""),
            (self.tr("Recorded by"), e.created_by or ""),
            (self.tr("Balance after"), format_fen(e.running_balance_fen)),
        ]
        html = (
            f"<p><b>{escape(e.purpose)}</b><br>{escape(kind_label(e))} "
            f"<b style='color:{colour}'>{escape(e.amount_text)}</b></p><table>"
        )
        for label, value in rows:
            if value:
                html += (
                    f"<tr><td style='color:#555555; padding-right:8px'>{escape(label)}</td>"
                    f"<td>{escape(value)}</td></tr>"
                )
        html += "</table>"
        notes = flags_tooltip(e, self.model.by_id)
        if notes:
            html += (
                "<p style='color:#8a5300'>"
                + "<br>".join(escape(line) for line in notes.splitlines())
                + "</p>"
            )
        self.detail.setHtml(html)

    def _show_files(self, e: EntryInfo | None) -> None:
        self.files_list.clear()
        title = "<b>" + escape(self.tr("Receipts")) + "</b>"
        if e is None:
            self.files_title.setText(title)
            return
        for att in sorted(e.attachments, key=lambda f: (not f.is_image, f.id)):
            item = QListWidgetItem(self._icon_for(att), att.original_name)
            item.setData(ITEM_ROLE, att)
            item.setToolTip(att.original_name)
            self.files_list.addItem(item)
        if e.attachments:
            title += f" ({len(e.attachments)})"
        else:
            title += " — " + escape(self.tr("none yet"))
        self.files_title.setText(title)

    def _icon_for(self, att: AttachmentInfo) -> QIcon:
        return self._thumbnails.icon(att)

    def file_items(self) -> list[QListWidgetItem]:
        return [self.files_list.item(i) for i in range(self.files_list.count())]

    def _update_buttons(self, e: EntryInfo | None) -> None:
        can_undo = e is not None and not e.is_reversal and e.reversed_by_id is None
        self.correct_button.setEnabled(can_undo)
        self.reverse_button.setEnabled(can_undo)
        self.attach_button.setEnabled(e is not None)

    # --- recording ---

    def default_date(self) -> dt.date:
        """Today when it lies in the chosen year; otherwise the year's last day."""
        fiscal = self.fiscal_year()
        today = self.services.ledger.today()
        if fiscal.contains(today):
            return today
        return fiscal.last_day if fiscal.last_day < today else fiscal.first_day

    def make_entry_dialog(
        self, direction: Direction, original: EntryInfo | None = None
    ) -> EntryDialog:
        return EntryDialog(
            self.services, direction, original, default_date=self.default_date(), parent=self
        )

    def _record(self, direction: Direction) -> None:
        dialog = self.make_entry_dialog(direction)
        category = self.category_combo.currentData()
        if direction is Direction.EXPENSE and category:
            dialog.set_category(category)  # filtered to one category: most likely that one
        if dialog.exec():
            self.status_label.setText(self.tr("Entry recorded."))
            self.show_entry(dialog.saved_id)

    def record_income(self) -> None:
        self._record(Direction.INCOME)

    def record_expense(self) -> None:
        self._record(Direction.EXPENSE)

    def correct_selected(self) -> None:
        e = self.selected_entry()
        if e is None:
            return
        dialog = self.make_entry_dialog(e.direction, e)
        if dialog.exec():
            self.status_label.setText(
                self.tr(
                    "Corrected: the entry of %1 is reversed and the corrected entry recorded."
                ).replace("%1", e.date.isoformat())
            )
            self.show_entry(dialog.saved_id)

    def make_reverse_dialog(self, entry: EntryInfo) -> ReverseDialog:
        return ReverseDialog(self.services, entry, parent=self)

    def reverse_selected(self) -> None:
        e = self.selected_entry()
        if e is None:
            return
        dialog = self.make_reverse_dialog(e)
        if dialog.exec():
            self.status_label.setText(
                self.tr("The entry of %1 is reversed.").replace("%1", e.date.isoformat())
            )
            self.show_entry(dialog.saved_id)

    def attach_receipts(self) -> None:
        e = self.selected_entry()
        if e is None:
            return
        files = ask.evidence_files(self)
        if not files:
            return
        try:
            self.services.ledger.attach(e.id, files)
        except (ValidationError, OSError, LookupError) as error:
            ask.warn(self, self.tr("Attach receipts"), str(error))
            return
        self.status_label.setText(self.tr("%1 receipts attached.").replace("%1", str(len(files))))

    def open_attachment(self, att: AttachmentInfo | None) -> None:
        """Opens a receipt with the system's viewer; tests replace this method."""
        if att is None:
            return
        try:
            path = self.services.ledger.attachment_path(att)
        except OSError as error:
            ask.warn(self, self.tr("Open file"), str(error))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            ask.warn(
                self,
                self.tr("Open file"),
                self.tr("No program on this computer opens %1").replace("%1", str(path)),
            )

    # --- categories, budgets, closing ---

    def ask_text(self, title: str, label: str) -> str | None:
        """A line of text from the user; tests replace this method."""
        text, ok = QInputDialog.getText(self, title, label)
        return text if ok else None

    def add_category(self) -> None:
        title = self.tr("Add category")
        name = self.ask_text(
            title,
            self.tr(
                "A spending category of this studio (the preset's are always there). "
                "Categories cannot be removed."
            ),
        )
        if name is None:
            return
        try:
            added = self.services.ledger.add_category(name)
        except ValidationError as error:
            ask.warn(self, title, str(error))
            return
        self.status_label.setText(labels.fill(self.tr("Category “%1” added."), added))

    def make_budgets_dialog(self, year: int) -> BudgetsDialog:
        return BudgetsDialog(self.services, year, parent=self)

    def edit_budgets(self) -> None:
        if self.make_budgets_dialog(self.year()).exec():
            self.status_label.setText(
                self.tr("Budgets saved for %1.").replace("%1", self.fiscal_year().label)
            )

    def closable_months(self) -> list[tuple[int, int]]:
        """The chosen year's months that have begun and are not closed yet."""
        ledger = self.services.ledger
        today = ledger.today()
        return [
            (y, m)
            for y, m in self.fiscal_year().months()
            if dt.date(y, m, 1) <= today and ledger.closed_period_of(dt.date(y, m, 1)) is None
        ]

    def ask_month(self, months: list[tuple[int, int]]) -> tuple[int, int] | None:
        """Which month to close; tests replace this method."""
        texts = [f"{y}-{m:02d}" for y, m in months]
        # the last finished month is the one usually closed
        default = max(len(months) - 2, 0)
        text, ok = QInputDialog.getItem(
            self, self.tr("Close month"), self.tr("Month to close:"), texts, default, False
        )
        if not ok or text not in texts:
            return None
        return months[texts.index(text)]

    def close_month(self) -> None:
        months = self.closable_months()
        title = self.tr("Close month")
        if not months:
            ask.warn(
                self,
                title,
                self.tr("Every month of %1 so far is closed.").replace(
                    "%1", self.fiscal_year().label
                ),
            )
            return
        chosen = self.ask_month(months)
        if chosen is None:
            return
        year, month = chosen
        label = f"{year}-{month:02d}"
        if not ask.confirm(
            self,
            self.tr("Funds"),
            labels.sentences(
                self.tr("Close %1?").replace("%1", label),
                self.tr(
                    "No entry dated in it can be added afterwards, and closing cannot be undone."
                ),
            ),
        ):
            return
        try:
            self.services.ledger.close_month(year, month)
        except ValidationError as error:
            ask.warn(self, title, str(error))
            return
        self.status_label.setText(self.tr("%1 is closed.").replace("%1", label))

    def close_year(self) -> None:
        fiscal = self.fiscal_year()
        text = self.tr("Close %1?").replace("%1", fiscal.label)
        if fiscal.last_day >= self.services.ledger.today():
            text = labels.sentences(text, self.tr("The year is not over yet."))
        text = labels.sentences(
            text,
            self.tr("No entry dated in it can be added afterwards, and closing cannot be undone."),
        )
        if not ask.confirm(self, self.tr("Funds"), text):
            return
        try:
            self.services.ledger.close_year(fiscal.start_year)
        except ValidationError as error:
            ask.warn(self, self.tr("Close year"), str(error))
            return
        self.status_label.setText(self.tr("%1 is closed.").replace("%1", fiscal.label))

    # --- the report and the workbook ---

    def _file_stem(self) -> str:
        studio = self.services.studio.get()
        return ask.safe_name(f"{studio.name}-{self.fiscal_year().label}")

    def save_report(self) -> None:
        title = self.tr("Spending report")
        path = ask.save_document(
            self, ask.LEDGER, title, f"{self._file_stem()}-经费使用情况报告.pdf"
        )
        if path is None:
            return
        from desktop_app.documents.engine.pdf import ReportError
        from desktop_app.documents.reports.ledger_report import write_ledger_report

        year = self.year()
        try:
            written = write_ledger_report(self.services, year, path)
        except (OSError, ValidationError, ReportError) as error:
            ask.warn(self, title, self.tr("Could not write the file: %1").replace("%1", str(error)))
            return
        self.status_label.setText(
            self.tr("Spending report saved: %1").replace("%1", str(written or path))
        )

    def export_excel(self) -> None:
        title = self.tr("Export to Excel")
        path = ask.save_document(self, ask.LEDGER, title, f"{self._file_stem()}-经费台账.xlsx")
        if path is None:
            return
        from desktop_app.documents.sheets.ledger_io import write_ledger_workbook

        try:
            written = write_ledger_workbook(self.services, self.year(), path)
        except (OSError, ValidationError) as error:
            ask.warn(self, title, self.tr("Could not write the file: %1").replace("%1", str(error)))
            return
        self.status_label.setText(
            self.tr("Ledger exported: %1").replace("%1", str(written or path))
        )

    def make_import_preview(self, preview) -> QDialog:
        """The preview of a ledger import; tests replace this method."""
        path = getattr(preview, "path", None)
        return LedgerImportPreviewDialog(preview, Path(path).name if path else "", parent=self)

    def import_excel(self) -> None:
        title = self.tr("Import from Excel")
        path = ask.open_workbook(self, ask.LEDGER, title)
        if path is None:
            return
        from desktop_app.documents.sheets.ledger_io import (
            LedgerImportError,
            apply_ledger_import,
            read_ledger_workbook,
        )

        try:
            preview = read_ledger_workbook(path, self.services)
        except (LedgerImportError, ValidationError, OSError) as error:
            ask.warn(self, title, str(error))
            return
        if not self.make_import_preview(preview).exec():
            return
        try:
            summary = apply_ledger_import(preview, self.services)
        except (LedgerImportError, ValidationError, OSError) as error:
            ask.warn(self, title, str(error))
            return
        self.status_label.setText(str(summary))


def closed_ranges(periods: list[tuple[dt.date, dt.date, str]]) -> list[str]:
    """Closed periods as they are read: back-to-back periods run together
    (2025年–2026年9月), a period inside another is not named again."""
    runs: list[tuple[dt.date, str, dt.date, str]] = []  # first, its label, last, its label
    for first, last, label in sorted(periods, key=lambda p: (p[0], -p[1].toordinal())):
        if runs and first <= runs[-1][2] + dt.timedelta(days=1):
            start, start_label, end, end_label = runs[-1]
            if last > end:
                runs[-1] = (start, start_label, last, label)
            continue
        runs.append((first, label, last, label))
    return [a if a == b else f"{a}–{b}" for _f, a, _l, b in runs]


def _list_text(items: list[str]) -> str:
    return ("、" if labels.comma() == "，" else ", ").join(items)
