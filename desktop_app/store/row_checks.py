"""The database's own rules (CHECK constraints, the voucher index) in the user's words.

A row another tool wrote can break a rule the program never breaks: a date 2025-02-30,
a direction 'sideways', an amount '12.5元'. Migration 0006 refuses to upgrade a database
holding one (naming it); a row that still gets in (written with the checks switched off)
is named when reading it fails, and a write the database refuses is a message, never a
traceback. The rules are the models' CheckConstraints, named ``ck_<table>_<column>_<kind>``
(store/models.py); the kind says what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import CheckConstraint, Engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from desktop_app.domain import messages
from desktop_app.domain.problems import StorageError, ValidationError, problem

KINDS = ("enum", "date", "money", "count", "flag", "order", "given")
CHECK_LINE = "CHECK constraint failed in "  # how integrity_check reports such a row


@dataclass(frozen=True)
class Rule:
    table: str
    name: str  # ck_<table>_<column>_<kind>
    sql: str

    @property
    def column(self) -> str:
        return self.name.removeprefix(f"ck_{self.table}_").rsplit("_", 1)[0]

    @property
    def kind(self) -> str:
        return self.name.rsplit("_", 1)[1]


def rules() -> list[Rule]:
    """Every CHECK of the current schema, table by table in a fixed order."""
    from desktop_app.store.models import Base

    found = [
        Rule(table.name, str(c.name), str(c.sqltext))
        for table in Base.metadata.sorted_tables
        for c in table.constraints
        if isinstance(c, CheckConstraint)
    ]
    return sorted(found, key=lambda r: (r.table, r.name))


@dataclass(frozen=True)
class BrokenRow:
    rule: Rule
    row_id: object
    value: object


def first_broken(connection, checked: list[Rule] | None = None) -> BrokenRow | None:
    """The first row (lowest id) of the first table that breaks one of ``checked``
    (default: every rule); ``connection``: a Connection or a Session."""
    for rule in rules() if checked is None else checked:
        row = connection.execute(
            text(
                f'SELECT id, "{rule.column}" FROM "{rule.table}" '
                f"WHERE NOT ({rule.sql}) ORDER BY id LIMIT 1"
            )
        ).first()
        if row is not None:
            return BrokenRow(rule, row[0], row[1])
    return None


def _words(rule: Rule, value: object) -> dict[str, object]:
    return {
        "table": _label("table", rule.table),
        "column": _label("column", rule.column),
        "value": messages.text("value_empty") if value is None else str(value)[:60],
        "what": messages.text(f"check_{rule.kind}") if rule.kind in KINDS else rule.name,
    }


def _label(prefix: str, name: str) -> str:
    key = f"{prefix}_{name}"
    return messages.text(key) if key in messages.MESSAGES else name


def broken_row_error(broken: BrokenRow, code: str = "row_invalid") -> StorageError:
    """The message naming the row: ``row_invalid`` when reading, ``upgrade_invalid_row``
    when a schema upgrade meets it."""
    return StorageError(
        "invalid_row",
        messages.text(code, row=broken.row_id, **_words(broken.rule, broken.value)),
    )


def damage(lines: list[str]) -> list[str]:
    """What of an integrity_check's report is damage to the file: a row that breaks a
    CHECK (another tool's row) is not, and is named when it is read."""
    return [line for line in lines if line != "ok" and not str(line).startswith(CHECK_LINE)]


# What a trigger's RAISE says → (field, message code)
_TRIGGERS = {
    "ledger_append_only": ("", "refused_ledger_append_only"),
    "ledger_closed_period": ("date", "refused_closed_period"),
    "assessment_locked": ("", "refused_assessment_locked"),
}
_FAILED_CHECK = re.compile(r"CHECK constraint failed: (\w+)")
_COLUMNS = re.compile(r"INSERT INTO \"?(\w+)\"? \(([^)]*)\)", re.IGNORECASE)


def refused(error: IntegrityError, engine: Engine) -> ValidationError | None:
    """The message for a write the database refused by one of its rules (None: another
    integrity error, a bug for the crash report). A voucher already held is said as the
    ledger's own check says it, naming the voucher and the entry that holds it."""
    diag = getattr(error.orig, "diag", None)  # PostgreSQL's error fields (psycopg)
    detail = str(error.orig) if diag is None else str(diag.message_primary or "")
    values = _inserted(error)
    if "ledger_entry.voucher_turn" in detail or "ux_ledger_entry_voucher" in detail:
        voucher = values.get("voucher_no", "")
        held_on = _holder_date(engine, voucher)
        if held_on is None:
            return ValidationError([problem("voucher_no", "voucher_held", value=voucher)])
        return ValidationError(
            [problem("voucher_no", "duplicate_voucher", value=voucher, date=held_on)]
        )
    if detail in _TRIGGERS:  # a rule across rows (migration 0006's triggers)
        return ValidationError([problem(_TRIGGERS[detail][0], _TRIGGERS[detail][1])])
    match = _FAILED_CHECK.search(detail)
    name = match.group(1) if match else getattr(diag, "constraint_name", None)
    if name is None:
        return None
    rule = next((r for r in rules() if r.name == name), None)
    if rule is None:
        return None
    return ValidationError(
        [problem(rule.column, "constraint_refused", **_words(rule, values.get(rule.column)))]
    )


def _holder_date(engine: Engine, voucher: object) -> str | None:
    """The date of the standing entry that holds ``voucher`` (None: none found)."""
    try:
        with engine.connect() as connection:
            return connection.execute(
                text(
                    "SELECT date FROM ledger_entry WHERE voucher_no = :v AND reverses_id IS NULL"
                    " AND id NOT IN (SELECT reverses_id FROM ledger_entry"
                    " WHERE reverses_id IS NOT NULL) ORDER BY id LIMIT 1"
                ),
                {"v": voucher},
            ).scalar()
    except DBAPIError:
        return None


def _inserted(error: IntegrityError) -> dict[str, object]:
    """column → value of the INSERT that failed (empty for anything else)."""
    match = _COLUMNS.search(error.statement or "")
    params = error.params
    if match is None or not params:
        return {}
    if isinstance(params, list | tuple) and isinstance(params[0], dict | list | tuple):
        params = params[0]  # executemany: the first row
    if isinstance(params, dict):  # PostgreSQL's named parameters
        return dict(params)
    if not isinstance(params, list | tuple):
        return {}
    names = [c.strip().strip('"') for c in match.group(2).split(",")]
    return dict(zip(names, params, strict=False))
