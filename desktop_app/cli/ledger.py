"""The funds: ledger, import-ledger and export-ledger."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desktop_app.cli.arguments import JSON, fiscal_year
from desktop_app.cli.common import import_file, ledger_year, opened, print_written, say
from desktop_app.cli.registry import arg, command
from desktop_app.domain.roles import Capability


@command(
    "ledger",
    "income, spending and balance of a year",
    arg("--year", type=fiscal_year, help="fiscal year, e.g. 2025 (default: the current one)"),
    JSON,
)
def cmd_ledger(args: argparse.Namespace) -> int:
    from desktop_app.domain.money import format_fen

    with opened(args) as services:
        year = ledger_year(services, args)
        summary = services.ledger.summary(year)
    if args.json:
        data = {
            "year": year,
            "income_fen": summary.income_fen,
            "expense_fen": summary.expense_fen,
            "balance_fen": summary.balance_fen,
            "by_category": dict(summary.by_category),
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(summary.year.label + say(" funds"))
    print(say("category\texpense\tbudget"))
    for category, fen in summary.by_category.items():
        budget = summary.budgets.get(category)
        line = f"{category or '-'}\t{format_fen(fen)}\t{format_fen(budget) if budget is not None else '-'}"
        remaining = summary.remaining(category)
        if remaining is not None and remaining < 0:
            line += "\t" + say("over budget by {over}", over=format_fen(-remaining))
        print(line)
    print(say("income") + f"\t{format_fen(summary.income_fen)}")
    print(say("expense") + f"\t{format_fen(summary.expense_fen)}")
    print(say("balance") + f"\t{format_fen(summary.balance_fen)}")
    return 0


@command(
    "import-ledger",
    "import ledger entries from Excel",
    arg("file"),
    writes=True,
    capability=Capability.LEDGER_ENTRIES,
)
def cmd_import_ledger(args: argparse.Namespace) -> int:
    from desktop_app.documents.sheets.ledger_io import (
        LedgerImportError,
        apply_ledger_import,
        read_ledger_workbook,
    )

    return import_file(args, read_ledger_workbook, apply_ledger_import, LedgerImportError)


@command(
    "export-ledger",
    "export the ledger entries to Excel",
    arg("--year", type=fiscal_year, help="fiscal year, e.g. 2025 (default: all)"),
    arg("--out", required=True),
    capability=Capability.EXPORT,
)
def cmd_export_ledger(args: argparse.Namespace) -> int:
    from desktop_app.documents.sheets.ledger_io import write_ledger_workbook

    with opened(args) as services:
        out = write_ledger_workbook(services, args.year, Path(args.out))
    print_written(out)
    return 0
