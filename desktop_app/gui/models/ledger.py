"""The ledger's entries and the year's budget by category, as tables."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont

from desktop_app.domain.money import format_fen
from desktop_app.gui import labels
from desktop_app.gui.dialogs.ledger_dialogs import category_or_source, kind_label
from desktop_app.gui.models.table import Column, ColumnTableModel
from desktop_app.services.ledger import EntryInfo, LedgerSummary

SPENDING_COLOUR = "#b00020"
MUTED_COLOUR = "#777777"
OVER_BUDGET_BACKGROUND = "#fdecea"
OVERRIDE_MARK = "⚠"
REVERSAL_MARK = "↩"


# --- the entries table ---


def flags_text(e: EntryInfo) -> str:
    """⚠ for spending beyond the balance, ↩ for a reversal, 'reversed' for an entry a
    reversal has cancelled."""
    marks = []
    if e.override_reason:
        marks.append(
            OVERRIDE_MARK + " " + QCoreApplication.translate("FundsModel", "beyond balance")
        )
    if e.is_reversal:
        marks.append(REVERSAL_MARK)
    if e.reversed_by_id is not None:
        marks.append(QCoreApplication.translate("FundsModel", "reversed"))
    return " ".join(marks)


def flags_tooltip(e: EntryInfo, by_id: dict[int, EntryInfo]) -> str:
    lines = []
    if e.override_reason:
        lines.append(
            QCoreApplication.translate("FundsModel", "Beyond the balance. Reason: %1").replace(
                "%1", e.override_reason
            )
        )
    if e.is_reversal:
        original = by_id.get(e.reverses_id)
        text = QCoreApplication.translate("FundsModel", "Reverses the entry of %1 (%2).").replace(
            "%1", original.date.isoformat() if original else "?"
        )
        text = text.replace("%2", original.purpose if original else "?")
        lines.append(
            labels.sentences(
                text,
                QCoreApplication.translate("FundsModel", "Reason: %1").replace(
                    "%1", e.reversal_reason or "—"
                ),
            )
        )
    if e.reversed_by_id is not None:
        reversal = by_id.get(e.reversed_by_id)
        text = QCoreApplication.translate("FundsModel", "Reversed on %1.").replace(
            "%1", reversal.date.isoformat() if reversal else "?"
        )
        reason = reversal.reversal_reason if reversal else None
        lines.append(
            labels.sentences(
                text,
                QCoreApplication.translate("FundsModel", "Reason: %1").replace("%1", reason or "—"),
            )
        )
    return "\n".join(lines)


ENTRY_COLUMNS: tuple[Column, ...] = (
    Column(
        "date",
        lambda: QCoreApplication.translate("FundsModel", "Date"),
        lambda e: e.date.isoformat(),
    ),
    Column("kind", lambda: QCoreApplication.translate("FundsModel", "Kind"), kind_label),
    Column(
        "category",
        lambda: QCoreApplication.translate("FundsModel", "Category / source"),
        category_or_source,
    ),
    Column(
        "purpose",
        lambda: QCoreApplication.translate("FundsModel", "Purpose"),
        lambda e: e.purpose,
    ),
    Column(
        "payee",
        lambda: QCoreApplication.translate("FundsModel", "Payee / paid by"),
        lambda e: e.payee or "",
    ),
    Column(
        "voucher",
        lambda: QCoreApplication.translate("FundsModel", "Voucher"),
        lambda e: e.voucher_no or "",
    ),
    Column(
        "amount",
        lambda: QCoreApplication.translate("FundsModel", "Amount"),
        lambda e: e.amount_text,
        lambda e: e.signed_fen,
        align_right=True,
    ),
    Column(
        "balance",
        lambda: QCoreApplication.translate("FundsModel", "Balance"),
        lambda e: format_fen(e.running_balance_fen),
        lambda e: e.running_balance_fen,
        align_right=True,
    ),
    Column("flags", lambda: QCoreApplication.translate("FundsModel", "Notes"), flags_text),
)


class EntriesModel(ColumnTableModel):
    def __init__(self, parent=None):
        super().__init__(ENTRY_COLUMNS, parent)
        self.by_id: dict[int, EntryInfo] = {}

    def set_entries(self, rows: list[EntryInfo], everything: list[EntryInfo]) -> None:
        self.by_id = {e.id: e for e in everything}
        self.set_rows(rows)

    def role_data(self, e: EntryInfo, column: Column, role: int):
        cancelled = e.is_reversal or e.reversed_by_id is not None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column.key == "amount" and e.signed_fen < 0:
                return QColor(SPENDING_COLOUR)
            if column.key == "balance" and e.running_balance_fen < 0:
                return QColor(SPENDING_COLOUR)
            if column.key == "flags" and e.override_reason:
                return QColor("#8a5300")
            if cancelled and column.key not in ("amount", "balance"):
                return QColor(MUTED_COLOUR)
        if role == Qt.ItemDataRole.FontRole and column.key == "purpose" and e.reversed_by_id:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.key == "flags":
                return flags_tooltip(e, self.by_id) or None
            if column.key == "payee":
                return e.payee or None
            if column.key == "purpose":  # the whole purpose, which the column may elide
                lines = [e.purpose]
                if e.activity_label:
                    lines.append(
                        QCoreApplication.translate("FundsModel", "For the activity %1").replace(
                            "%1", e.activity_label
                        )
                    )
                if cancelled:
                    lines.append(flags_tooltip(e, self.by_id))
                return "\n".join(lines)
        return None


# --- the budget table ---


@dataclass(frozen=True)
class BudgetRow:
    category: str
    budget_fen: int | None
    spent_fen: int
    total: bool = False

    @property
    def remaining_fen(self) -> int | None:
        return None if self.budget_fen is None else self.budget_fen - self.spent_fen

    @property
    def over_budget(self) -> bool:
        return self.budget_fen is not None and self.spent_fen > self.budget_fen


def budget_rows(summary: LedgerSummary) -> list[BudgetRow]:
    categories = list(summary.by_category)
    categories += [c for c in summary.budgets if c not in categories]
    rows = [BudgetRow(c, summary.budgets.get(c), summary.by_category.get(c, 0)) for c in categories]
    budgets = [r.budget_fen for r in rows if r.budget_fen is not None]
    rows.append(
        BudgetRow(
            QCoreApplication.translate("FundsModel", "Total"),
            sum(budgets) if budgets else None,
            summary.expense_fen,
            total=True,
        )
    )
    return rows


def _status(row: BudgetRow) -> str:
    if row.over_budget:
        return QCoreApplication.translate("FundsModel", "over budget")
    if row.budget_fen is None and not row.total:
        return QCoreApplication.translate("FundsModel", "no budget")
    return ""


BUDGET_COLUMNS: tuple[Column, ...] = (
    Column(
        "category",
        lambda: QCoreApplication.translate("FundsModel", "Category"),
        lambda r: r.category,
    ),
    Column(
        "budget",
        lambda: QCoreApplication.translate("FundsModel", "Budget"),
        lambda r: "—" if r.budget_fen is None else format_fen(r.budget_fen),
        align_right=True,
    ),
    Column(
        "spent",
        lambda: QCoreApplication.translate("FundsModel", "Spent"),
        lambda r: format_fen(r.spent_fen),
        align_right=True,
    ),
    Column(
        "remaining",
        lambda: QCoreApplication.translate("FundsModel", "Remaining"),
        lambda r: "—" if r.remaining_fen is None else format_fen(r.remaining_fen),
        align_right=True,
    ),
    Column("status", lambda: "", _status),
)


class BudgetModel(ColumnTableModel):
    def __init__(self, parent=None):
        super().__init__(BUDGET_COLUMNS, parent)

    def role_data(self, r: BudgetRow, column: Column, role: int):
        if role == Qt.ItemDataRole.BackgroundRole and r.over_budget:
            return QColor(OVER_BUDGET_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.over_budget and column.key in ("remaining", "status", "category"):
                return QColor(SPENDING_COLOUR)
            if column.key == "status":
                return QColor(MUTED_COLOUR)
        if role == Qt.ItemDataRole.FontRole and r.total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and r.over_budget:
            return QCoreApplication.translate("FundsModel", "Over budget by %1").replace(
                "%1", format_fen(-(r.remaining_fen or 0))
            )
        return None
