"""A membership's history (its changes and the attendance flags) as a table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt

from desktop_app.domain import messages
from desktop_app.domain.school_year import SchoolYear
from desktop_app.gui import labels
from desktop_app.gui.models.table import Column, ColumnTableModel
from desktop_app.services.members import HistoryEntry


@dataclass(frozen=True)
class HistoryLine:
    at: str
    user: str
    what: str
    action: str
    changes: str


def _what(table: str) -> str:
    return {
        "person": QCoreApplication.translate("MemberDetail", "Personal details"),
        "membership": QCoreApplication.translate("MemberDetail", "Membership"),
        "growth_record": QCoreApplication.translate("MemberDetail", "Growth record"),
        "development_goal": QCoreApplication.translate("MemberDetail", "Development plan"),
    }.get(table, table)


def _action(action: str) -> str:
    return {
        "insert": QCoreApplication.translate("MemberDetail", "Added"),
        "update": QCoreApplication.translate("MemberDetail", "Changed"),
        "delete": QCoreApplication.translate("MemberDetail", "Removed"),
    }.get(action, action)


# a column of a table → the key of messages.FIELDS naming it, where the plain name differs
_FIELD_KEYS = {
    "growth_record": {"title": "record_title", "level": "record_level", "hours_tenths": "hours"},
}
_VALUE_WORDS: dict[str, Callable[[str], str]] = {
    "role": labels.role,
    "stage": labels.stage,
    "gender": labels.gender,
}
_LONG_VALUE = 120
# the order in which a record's fields are listed (the order of the forms)
_FIELD_ORDER = {
    "person": (
        "name",
        "gender",
        "birth_date",
        "school",
        "rural",
        "title",
        "honours",
        "head_teacher_since",
        "teaching_since",
        "in_post",
        "training_tier",
        "phone",
        "id_number",
        "note",
    ),
    "membership": (
        "role",
        "stage",
        "agreement_signed_on",
        "joined_on",
        "left_on",
        "leave_reason",
    ),
    "growth_record": ("kind", "date", "level", "title", "detail", "hours_tenths"),
    "development_goal": ("school_year", "goals"),
}


def _field(table: str, key: str) -> str:
    return messages.field_name(_FIELD_KEYS.get(table, {}).get(key, key))


def _value(table: str, key: str, value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return labels.yes_no(value)
    if table == "growth_record":
        if key == "kind":
            return labels.record_kind(str(value))
        if key == "level":
            return labels.record_level(str(value))
        if key == "hours_tenths" and isinstance(value, int):
            return labels.hours_text(value)
    elif table == "person" and key == "title":
        return labels.title(str(value))
    elif table == "person" and key == "training_tier":
        return labels.tier(str(value))
    elif table == "development_goal" and key == "school_year" and isinstance(value, int):
        return SchoolYear(value).label
    if key in _VALUE_WORDS:
        return _VALUE_WORDS[key](str(value))
    text = " ⏎ ".join(str(value).splitlines())
    return text if len(text) <= _LONG_VALUE else text[: _LONG_VALUE - 1] + "…"


def change_lines(entry: HistoryEntry) -> list[str]:
    """'field: old → new' per changed column; a new record shows its values only."""
    lines = []
    order = _FIELD_ORDER.get(entry.table, ())
    keys = sorted(entry.changes, key=lambda k: (order.index(k) if k in order else len(order), k))
    for key in keys:
        old, new = entry.changes[key]
        if key == "id" or key.endswith("_id"):
            continue  # internal links say nothing to the reader
        name = _field(entry.table, key)
        if entry.action == "insert":
            lines.append(f"{name}{labels.colon()}{_value(entry.table, key, new)}")
        else:
            lines.append(
                f"{name}{labels.colon()}{_value(entry.table, key, old)} → {_value(entry.table, key, new)}"
            )
    return lines


def local_time(at: dt.datetime) -> str:
    """The audit log keeps UTC without a zone; shown in the computer's local time."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def history_line(entry: HistoryEntry, record_titles: dict[str, str] | None = None) -> HistoryLine:
    what = _what(entry.table)
    title = (record_titles or {}).get(entry.record_id) if entry.table == "growth_record" else None
    if title:
        what = labels.fill(QCoreApplication.translate("MemberDetail", "%1 “%2”"), what, title)
    return HistoryLine(
        at=local_time(entry.at),
        user=entry.user,
        what=what,
        action=_action(entry.action),
        changes="\n".join(change_lines(entry)),
    )


HISTORY_COLUMNS: tuple[Column, ...] = tuple(
    Column(key, header, lambda line, key=key: getattr(line, key))
    for key, header in (
        ("at", lambda: QCoreApplication.translate("HistoryModel", "Time")),
        ("user", lambda: QCoreApplication.translate("HistoryModel", "User")),
        ("what", lambda: QCoreApplication.translate("HistoryModel", "What")),
        ("action", lambda: QCoreApplication.translate("HistoryModel", "Action")),
        ("changes", lambda: QCoreApplication.translate("HistoryModel", "Changes")),
    )
)


class HistoryModel(ColumnTableModel):
    def __init__(self, parent=None):
        super().__init__(HISTORY_COLUMNS, parent)

    def role_data(self, line: HistoryLine, column: Column, role: int):
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "changes":
            return line.changes
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None
