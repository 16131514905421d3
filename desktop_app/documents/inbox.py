"""The bureau's inbox (收件箱): every file in a folder read as a submission bundle without
trusting it, one row per file, and one comparison workbook.

Nothing is extracted and nothing is written but the workbook: each bundle is opened with
SafeZip (which refuses hostile archives before reading a byte), verified with the key it
carries, and only then is its ``data/data.json`` read (size-limited) and its figures
recomputed from the records — the ``figures`` the bundle states are only compared, and a
disagreement is shown as a warning. One bad bundle never stops the scan: whatever goes
wrong with it becomes its row's reason.

The completeness view needs the list of studios the bureau expects (a file it keeps:
.xlsx with a 工作室 / 工作室名称 column and an optional 公钥指纹 column, or .csv/.txt with
one studio per line and an optional fingerprint after a comma); its fingerprints are the
registered signers.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from desktop_app.bundle import format as fmt
from desktop_app.bundle.safezip import DEFAULT_LIMITS, Limits, SafeZip, UnsafeArchive
from desktop_app.bundle.signing import normalise_fingerprint
from desktop_app.bundle.verify import Verdict, check_archive, unsafe_verdict
from desktop_app.bundle.zipwrite import Cancelled
from desktop_app.documents.sheets.reader import open_book
from desktop_app.documents.sheets.workbook_file import save_workbook
from desktop_app.domain import messages
from desktop_app.domain.attendance import FlagState
from desktop_app.domain.messages import N_, NC_
from desktop_app.domain.vocab import AssessmentStatus, AttendanceStatus, Grade, Stage

__all__ = [
    "Cancelled",
    "Completeness",
    "DataProblem",
    "ExpectedList",
    "ExpectedStudio",
    "Figures",
    "InboxReport",
    "InboxRow",
    "Limits",
    "StudioStatus",
    "figures_from_data",
    "load_data",
    "read_expected",
    "scan",
    "write_workbook",
]

# --- messages: English, marked for the text catalogue (its Chinese is in the .po) ---

_TEXT: dict[str, str] = {
    "link": N_("a link (shortcut) in the folder: not read"),
    "not_regular": N_("not a regular file: not read"),
    "unreadable": N_("cannot be read: {detail}"),
    "no_data": N_("the bundle holds no data/data.json"),
    "data_not_utf8": N_("data/data.json is not UTF-8 text"),
    "data_malformed": N_("data/data.json is not valid JSON ({detail})"),
    "data_schema": N_(
        "data/data.json has an unknown schema “{schema}” version {version}; update StudioDesk"
    ),
    "data_shape": N_("data/data.json does not follow its schema: {detail}"),
    "data_too_big": N_(
        "data/data.json is {size} MB; a studio's data is a few MB at most (the limit is {limit} MB)"
    ),
    "data_too_many_values": N_(
        "data/data.json holds more than {limit} values, far more than any studio's records"
    ),
    "data_too_deep": N_(
        "data/data.json is nested more than {limit} levels deep, which its schema never is"
    ),
    "data_too_many_records": N_(
        "data/data.json lists {count} {what}; no studio has more than {limit}"
    ),
    "unregistered": N_("unregistered signer"),
    "other_studio_key": N_("the signer's key is registered for another studio: {studio}"),
    "key_differs": N_("signed with a key other than the one registered for this studio"),
    "resubmission": N_("resubmission (earlier bundle: {file})"),
    "figures_differ": N_("the figures stated in data.json differ from its records: {detail}"),
    "label_differs": N_("bag-info.txt and data.json disagree on the {what}: {a} / {b}"),
    "orphan_attendance": N_("{count} attendance marks point at no listed activity"),
    "not_expected": N_("not on the expected list"),
    "invalid_present": N_("an invalid bundle is in the folder: {files}"),
    "expected_unknown_type": N_("the list of expected studios must be .xlsx, .csv or .txt: {file}"),
    "expected_no_header": N_(
        "the list of expected studios has no 工作室 / 工作室名称 column: {file}"
    ),
    "expected_bad_fingerprint": N_(
        "the list of expected studios: line {line}: “{value}” is not a complete fingerprint "
        "(64 hexadecimal digits)"
    ),
    "expected_unreadable": N_("the list of expected studios cannot be read: {file} ({detail})"),
}

# Figure names for the "figures differ" warning.
_FIGURE_NAMES: dict[str, messages.Message] = {
    "members": NC_("figure", "members"),
    "activities": NC_("figure", "activities"),
    "attended": NC_("figure", "attended"),
    "expected": NC_("figure", "expected"),
    "flagged": NC_("figure", "flagged"),
    "granted_fen": NC_("figure", "granted (fen)"),
    "spent_fen": NC_("figure", "spent (fen)"),
    "duties_done": NC_("figure", "duties done"),
    "duties_total": NC_("figure", "duties"),
    "assessment_grade": NC_("figure", "assessment grade"),
    "income_fen": NC_("figure", "ledger income (fen)"),
    "expense_fen": NC_("figure", "ledger expense (fen)"),
}


def _t(code: str, **params: object) -> str:
    return messages.fill(messages.translate(_TEXT[code]), **params)


def _figure_name(key: str) -> str:
    return messages.translate(_FIGURE_NAMES[key])


_ATTENDED = {
    AttendanceStatus.PRESENT.code,
    AttendanceStatus.LATE.code,
    AttendanceStatus.LEFT_EARLY.code,
}
_SUBMITTED = AssessmentStatus.SUBMITTED.code

_OVER = FlagState.OVER.value

# --- the figures of one bundle ---


class DataProblem(Exception):
    """data.json cannot be used; ``code`` is one of the inbox's message keys and ``reason``
    says why in the user's language."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        super().__init__(_t(code, **params))

    @property
    def reason(self) -> str:
        return _t(self.code, **self.params)


@dataclass(frozen=True)
class Figures:
    """What the inbox compares, recomputed from the records in data.json."""

    members: int  # confirmed memberships overlapping the period (distinct member ids)
    activities: int
    attended: int  # marks present / late / left early, at activities that take attendance
    expected: int  # marks recorded at those activities
    flagged: int  # members whose absences are over the line (flag state "over")
    granted_fen: int  # income in the period (reversals included)
    spent_fen: int  # net expense in the period
    duties_done: int
    duties_total: int
    assessment_grade: str | None  # grade code of the latest submitted assessment

    @property
    def attendance_rate(self) -> str:
        """'45/50': the counts, not reduced."""
        return f"{self.attended}/{self.expected}"

    @property
    def attendance_percent(self) -> str | None:
        return percent(self.attended, self.expected)

    @property
    def attendance_text(self) -> str:
        pct = self.attendance_percent
        return f"{self.attendance_rate}（{pct}）" if pct else self.attendance_rate

    @property
    def duties_text(self) -> str:
        return f"{self.duties_done}/{self.duties_total}"

    @property
    def grade_text(self) -> str:
        return grade_text(self.assessment_grade)

    def as_dict(self) -> dict[str, object]:
        return {
            "members": self.members,
            "activities": self.activities,
            "attended": self.attended,
            "expected": self.expected,
            "flagged": self.flagged,
            "granted_fen": self.granted_fen,
            "spent_fen": self.spent_fen,
            "duties_done": self.duties_done,
            "duties_total": self.duties_total,
            "assessment_grade": self.assessment_grade,
        }


def percent(part: int, whole: int) -> str | None:
    """'87.5%'; None when there is nothing to divide by."""
    if not whole:
        return None
    return f"{part * 100 / whole:.1f}%"


def grade_text(code: str | None) -> str:
    """The grade as the bureau writes it (优秀 …); an unknown word is shown as given."""
    if not code:
        return ""
    try:
        return Grade.from_code(code).zh if messages.language() != "en" else code
    except ValueError:
        return code


# What a studio's data.json may hold. The demo studio's final bundle (a whole cycle):
# 145 KB, about 6,000 values, 15 members, 23 activities, 242 attendance marks. The caps
# are well above any studio and keep the parsed objects well inside 200 MB: the size is
# Limits.max_json_bytes (16 MB), checked before reading.
DATA_VALUE_LIMIT = 300_000  # values: a studio with ten times the demo's records has 60,000
DATA_DEPTH_LIMIT = 16  # the schema nests 7 levels (plans → annual → tasks → evidence)
RECORD_LIMITS: dict[str, tuple[int, str]] = {  # path → (limit, what: English, marked)
    "members": (2_000, N_("members")),
    "activities": (10_000, N_("activities")),
    "attendance": (200_000, N_("attendance marks")),
    "flags": (2_000, N_("absence flags")),
    "training_hours": (20_000, N_("training-hour rows")),
    "growth_records": (50_000, N_("growth records")),
    "duties": (50_000, N_("duties")),
    "ledger.entries": (20_000, N_("ledger entries")),
    "plans.annual": (100, N_("annual plans")),
    "summaries": (100, N_("annual summaries")),
    "assessments": (5_000, N_("assessments")),
}


def load_data(raw: bytes) -> dict:
    """data.json's bytes (at most Limits.max_json_bytes) → its dict, with its size and
    shape checked against what a studio can have, and the schema name and version."""
    # Every value but the first follows a comma or opens a container: an upper bound on
    # the objects json would make, counted before it makes any.
    values = raw.count(b",") + raw.count(b"{") + raw.count(b"[") + 1
    if values > DATA_VALUE_LIMIT:
        raise DataProblem("data_too_many_values", limit=f"{DATA_VALUE_LIMIT:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataProblem("data_not_utf8") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise DataProblem("data_too_deep", limit=DATA_DEPTH_LIMIT) from None
    except ValueError as exc:  # JSONDecodeError, and integers too long to convert
        raise DataProblem("data_malformed", detail=str(exc)) from None
    del text
    if not isinstance(data, dict):
        raise DataProblem("data_malformed", detail=type(data).__name__)
    if _depth(data) > DATA_DEPTH_LIMIT:
        raise DataProblem("data_too_deep", limit=DATA_DEPTH_LIMIT)
    _check_counts(data)
    schema = data.get("schema")
    version = data.get("schema_version")
    if (
        schema != fmt.DATA_SCHEMA
        or type(version) is not int  # noqa: E721 - True is not version 1
        or version != fmt.DATA_SCHEMA_VERSION
    ):
        raise DataProblem("data_schema", schema=_short(schema), version=_short(version))
    return data


def _depth(value: object) -> int:
    """How deep containers nest (a scalar is 0), without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def _check_counts(data: dict) -> None:
    for path, (limit, what) in RECORD_LIMITS.items():
        container: object = data
        for key in path.split("."):
            container = container.get(key) if isinstance(container, dict) else None
        if isinstance(container, list) and len(container) > limit:
            raise DataProblem(
                "data_too_many_records",
                what=messages.translate(what),
                count=f"{len(container):,}",
                limit=f"{limit:,}",
            )


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _records(container: dict, key: str, where: str) -> list[dict]:
    value = container.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise DataProblem("data_shape", detail=f"{where}{key}")
    return value


def _object(container: dict, key: str, where: str = "") -> dict:
    value = container.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DataProblem("data_shape", detail=f"{where}{key}")
    return value


def _int(value: object, where: str) -> int:
    if type(value) is not int:  # noqa: E721 - a bool is not an amount
        raise DataProblem("data_shape", detail=where)
    return value


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def figures_from_data(data: dict) -> Figures:
    """The figures recomputed from data.json's records (see Figures for each one's rule).
    Raises DataProblem when a record list has the wrong shape."""
    period = _object(data, "period")
    first_day = _text(period.get("first_day"))
    last_day = _text(period.get("last_day"))

    def in_period(day: object) -> bool:
        # ISO dates compare as text; without the period's days every entry counts.
        if not isinstance(day, str):
            return False
        return (first_day is None or day >= first_day) and (last_day is None or day <= last_day)

    members = {
        repr(m.get("id")) if m.get("id") is not None else f"#{i}"
        for i, m in enumerate(_records(data, "members", ""))
        if m.get("stage") in (None, Stage.CONFIRMED.code)
    }
    activities = _records(data, "activities", "")
    taking = {a.get("id") for a in activities if a.get("takes_attendance") is not False}
    attended = expected = 0
    for mark in _records(data, "attendance", ""):
        if mark.get("activity_id") not in taking:
            continue
        expected += 1
        attended += mark.get("status") in _ATTENDED
    flagged = sum(1 for f in _records(data, "flags", "") if f.get("state") == _OVER)

    ledger = _object(data, "ledger")
    granted = spent = 0
    for i, entry in enumerate(_records(ledger, "entries", "ledger.")):
        if not in_period(entry.get("date")):
            continue
        direction = entry.get("direction")
        if "signed_fen" in entry:
            signed = _int(entry["signed_fen"], f"ledger.entries[{i}].signed_fen")
        else:
            amount = _int(entry.get("amount_fen"), f"ledger.entries[{i}].amount_fen")
            signed = amount if direction == "income" else -amount
        if direction == "income":
            granted += signed
        elif direction == "expense":
            spent -= signed
        else:
            raise DataProblem("data_shape", detail=f"ledger.entries[{i}].direction")

    duties = _records(data, "duties", "")
    done = sum(1 for d in duties if d.get("done") is True)

    grade = None
    submitted = [a for a in _records(data, "assessments", "") if a.get("status") == _SUBMITTED]
    if submitted:
        latest = max(
            submitted,
            key=lambda a: (str(a.get("submitted_at") or ""), str(a.get("id") or "")),
        )
        grade = _text(latest.get("grade"))
    return Figures(
        members=len(members),
        activities=len(activities),
        attended=attended,
        expected=expected,
        flagged=flagged,
        granted_fen=granted,
        spent_fen=spent,
        duties_done=done,
        duties_total=len(duties),
        assessment_grade=grade,
    )


def _disagreements(data: dict, figures: Figures) -> list[str]:
    """Warnings where the bundle's own statements differ from its records."""
    warnings = []
    stated = data.get("figures")
    computed = figures.as_dict()
    ledger = data.get("ledger") if isinstance(data.get("ledger"), dict) else {}
    pairs: list[tuple[str, object, object]] = []
    if isinstance(stated, dict):
        pairs += [(k, stated[k], computed[k]) for k in computed if k in stated]
    pairs += [
        (key, ledger[key], value)
        for key, value in (("income_fen", figures.granted_fen), ("expense_fen", figures.spent_fen))
        if key in ledger
    ]
    differ = [
        f"{_figure_name(k)} {_short(s)} ≠ {v}" for k, s, v in pairs if s != v or type(s) is bool
    ]
    if differ:
        warnings.append(_t("figures_differ", detail="；".join(differ)))
    attendance = data.get("attendance")
    if isinstance(attendance, list):
        ids = {a.get("id") for a in data.get("activities") or [] if isinstance(a, dict)}
        orphans = sum(
            1 for m in attendance if isinstance(m, dict) and m.get("activity_id") not in ids
        )
        if orphans:
            warnings.append(_t("orphan_attendance", count=orphans))
    return warnings


# --- one row per file ---


@dataclass(frozen=True)
class InboxRow:
    file: str  # the file's name in the folder
    valid: bool
    code: str | None = None  # why not, for programs: a verdict code or an inbox code
    reason: str | None = None  # why not, in the user's language; None when valid
    studio: str | None = None  # for an invalid bundle: as its bag-info.txt claims
    period: str | None = None  # the period's label ("2025-2026")
    period_kind: str | None = None
    signer: str | None = None  # fingerprint, when the signature holds
    registered: bool | None = None  # None: the bureau gave no registered fingerprints
    bagging_date: str | None = None
    figures: Figures | None = None  # valid bundles only
    warnings: tuple[str, ...] = ()
    resubmission_of: str | None = None  # the earlier file of the same studio and period

    @property
    def is_resubmission(self) -> bool:
        return self.resubmission_of is not None

    @property
    def notes(self) -> tuple[str, ...]:
        """Everything the bureau should notice besides the verdict."""
        if self.resubmission_of:
            return (_t("resubmission", file=self.resubmission_of), *self.warnings)
        return self.warnings

    def as_json(self) -> dict[str, object]:
        f = self.figures
        return {
            "file": self.file,
            "valid": self.valid,
            "reason": self.reason,
            "studio": self.studio,
            "period": self.period,
            "signer": self.signer,
            "registered": self.registered,
            "members": f.members if f else None,
            "activities": f.activities if f else None,
            "attendance_rate": f.attendance_rate if f else None,
            "flagged": f.flagged if f else None,
            "granted_fen": f.granted_fen if f else None,
            "spent_fen": f.spent_fen if f else None,
            "duties_done": f.duties_done if f else None,
            "duties_total": f.duties_total if f else None,
            "assessment_grade": f.assessment_grade if f else None,
        }


def _read_bundle(path: Path, limits: Limits) -> InboxRow:
    name = path.name
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        return InboxRow(name, False, "unreadable", _t("unreadable", detail=exc.strerror or exc))
    if stat.S_ISLNK(mode):
        return InboxRow(name, False, "link", _t("link"))
    if not stat.S_ISREG(mode):
        return InboxRow(name, False, "not_regular", _t("not_regular"))
    verdict: Verdict | None = None
    try:
        with SafeZip(path, limits) as archive:
            too_big = _oversized_data(archive, limits)
            if too_big is not None:
                return InboxRow(name, False, too_big.code, too_big.reason)
            verdict = check_archive(archive)
            if not verdict.valid:
                return _row_of(name, verdict)
            data_name = f"{verdict.root}/{fmt.DATA_JSON}"
            if data_name not in archive.files:
                raise DataProblem("no_data")
            data = load_data(archive.read(data_name, limits.max_json_bytes))
    except UnsafeArchive as exc:
        unsafe = unsafe_verdict(exc)
        if verdict is None:
            return _row_of(name, unsafe)
        return replace(_row_of(name, verdict), valid=False, code=unsafe.code, reason=unsafe.reason)
    except DataProblem as exc:
        assert verdict is not None
        return replace(_row_of(name, verdict), valid=False, code=exc.code, reason=exc.reason)
    except Exception as exc:  # noqa: BLE001 - one bundle must never stop the scan
        row = _row_of(name, verdict) if verdict is not None else InboxRow(name, False)
        return _unreadable(row, exc)
    try:
        return _with_figures(_row_of(name, verdict), data)
    except DataProblem as exc:
        return replace(_row_of(name, verdict), valid=False, code=exc.code, reason=exc.reason)
    except Exception as exc:  # noqa: BLE001
        return _unreadable(_row_of(name, verdict), exc)


def _oversized_data(archive: SafeZip, limits: Limits) -> DataProblem | None:
    """data.json declared larger than a studio's ever is, seen in the central directory
    before anything is read or checked (reading it is capped at the limit too)."""
    for name, info in archive.files.items():
        parts = name.split("/", 1)
        if len(parts) == 2 and parts[1] == fmt.DATA_JSON and info.file_size > limits.max_json_bytes:
            limit = limits.max_json_bytes
            return DataProblem(
                "data_too_big", size=_megabytes(info.file_size), limit=_megabytes(limit)
            )
    return None


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):,.1f}".removesuffix(".0")


def _unreadable(row: InboxRow, exc: BaseException) -> InboxRow:
    detail = f"{type(exc).__name__}: {_short(exc)}" if str(exc) else type(exc).__name__
    return replace(row, valid=False, code="unreadable", reason=_t("unreadable", detail=detail))


def _with_figures(row: InboxRow, data: dict) -> InboxRow:
    figures = figures_from_data(data)
    warnings = _disagreements(data, figures)
    studio = _object(data, "studio")
    period = _object(data, "period")
    for what, claimed, stated in (
        (N_("studio"), row.studio, _text(studio.get("name"))),
        (N_("period"), row.period, _text(period.get("label"))),
    ):
        if stated is not None and claimed is not None and stated != claimed:
            warnings.append(_t("label_differs", what=messages.translate(what), a=claimed, b=stated))
    return replace(
        row,
        studio=row.studio or _text(studio.get("name")),
        period=row.period or _text(period.get("label")),
        figures=figures,
        warnings=tuple(warnings),
    )


def _row_of(name: str, verdict: Verdict) -> InboxRow:
    return InboxRow(
        file=name,
        valid=verdict.valid,
        code=verdict.code,
        reason=verdict.reason,
        studio=verdict.studio or None,
        period=verdict.period or None,
        period_kind=verdict.period_kind or None,
        signer=verdict.signer,
        bagging_date=verdict.info.get(fmt.KEY_DATE) or None,
    )


# --- the studios the bureau expects ---


@dataclass(frozen=True)
class ExpectedStudio:
    name: str
    fingerprints: tuple[str, ...] = ()  # normalised; a studio may have registered several


@dataclass(frozen=True)
class ExpectedList:
    studios: tuple[ExpectedStudio, ...]

    @property
    def registered(self) -> frozenset[str]:
        return frozenset(f for s in self.studios for f in s.fingerprints)


_STUDIO_HEADERS = {"工作室", "工作室名称", "studio", "studioname"}
_FINGERPRINT_HEADERS = {"公钥指纹", "签名指纹", "指纹", "fingerprint", "signer"}
_FINGERPRINT_SPLIT = re.compile(r"[;；,，、\n]+")


def studio_key(name: str) -> str:
    """Names compared as a person reads them: width, spaces and case do not count."""
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


def _header_word(value: object) -> str:
    text = studio_key(str(value or ""))
    return re.sub(r"[(（].*?[)）]", "", text)  # "公钥指纹（可选）"


def read_expected(path: Path) -> ExpectedList:
    """The bureau's list of expected studios. Raises ValueError with a message for the
    user when it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            rows = _xlsx_rows(path)
        elif suffix in (".csv", ".txt"):
            rows = _text_rows(path)
        else:
            raise ValueError(_t("expected_unknown_type", file=path.name))
    except ValueError:
        raise
    except _Unreadable as exc:
        raise ValueError(_t("expected_unreadable", file=path.name, detail=exc)) from None
    except Exception as exc:  # noqa: BLE001 - a damaged workbook, a missing file …
        raise ValueError(_t("expected_unreadable", file=path.name, detail=exc)) from None
    studios: dict[str, tuple[str, list[str]]] = {}
    for line, name, fingerprints in rows:
        name = " ".join(name.split())
        if not name:
            continue
        found = []
        for part in _FINGERPRINT_SPLIT.split(fingerprints or ""):
            if not part.strip():
                continue
            fp = normalise_fingerprint(part)
            if len(fp.replace(" ", "")) != 64 or len(part.strip()) > 100:
                raise ValueError(_t("expected_bad_fingerprint", line=line, value=_short(part)))
            found.append(fp)
        entry = studios.setdefault(studio_key(name), (name, []))
        entry[1].extend(f for f in found if f not in entry[1])
    return ExpectedList(tuple(ExpectedStudio(n, tuple(f)) for n, f in studios.values()))


class _Unreadable(Exception):
    """The list's workbook cannot be read (what open_book says, in words)."""


def _xlsx_rows(path: Path) -> list[tuple[int, str, str]]:
    """(row number, studio, fingerprints) of the list's first sheet, read as every
    imported workbook is (streaming, its size checked, at most MAX_ROWS rows)."""
    with open_book(path, _Unreadable) as book:
        if not book.sheets:
            raise ValueError(_t("expected_no_header", file=path.name))
        sheet = book.sheets[0]
        for index, row in enumerate(sheet.head(10)):
            words = [_header_word(v) for v in row]
            name_col = next((i for i, w in enumerate(words) if w in _STUDIO_HEADERS), None)
            if name_col is None:
                continue
            fp_col = next((i for i, w in enumerate(words) if w in _FINGERPRINT_HEADERS), None)
            found = []
            for number, values in sheet.rows(index + 1):
                name = values[name_col] if name_col < len(values) else None
                fp = values[fp_col] if fp_col is not None and fp_col < len(values) else None
                found.append(
                    (number, "" if name is None else str(name), "" if fp is None else str(fp))
                )
            return found
    raise ValueError(_t("expected_no_header", file=path.name))


def _text_rows(path: Path) -> list[tuple[int, str, str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")  # a list saved by Excel on a Chinese Windows
    found = []
    reader = csv.reader(io.StringIO(text.replace("，", ",").replace("\t", ",")))
    for number, values in enumerate(reader, start=1):
        if not values or not values[0].strip() or values[0].lstrip().startswith("#"):
            continue
        if number == 1 and _header_word(values[0]) in _STUDIO_HEADERS:
            continue
        found.append((number, values[0], ",".join(values[1:])))
    return found


# --- the report ---


@dataclass(frozen=True)
class StudioStatus:
    name: str
    submitted: bool  # a valid bundle for the period is in the folder
    files: tuple[str, ...] = ()  # those bundles, the first one first
    fingerprints: tuple[str, ...] = ()  # registered for this studio
    notes: tuple[str, ...] = ()
    expected: bool = True  # False: a studio that submitted without being on the list


@dataclass(frozen=True)
class Completeness:
    period: str | None
    studios: tuple[StudioStatus, ...]  # the expected ones, in the list's order
    unexpected: tuple[StudioStatus, ...] = ()  # valid bundles from studios not on the list

    @property
    def submitted(self) -> int:
        return sum(1 for s in self.studios if s.submitted)

    @property
    def total(self) -> int:
        return len(self.studios)

    @property
    def rate(self) -> str:
        return f"{self.submitted}/{self.total}"

    @property
    def rate_percent(self) -> str | None:
        return percent(self.submitted, self.total)

    @property
    def rate_text(self) -> str:
        pct = self.rate_percent
        return f"{self.rate}（{pct}）" if pct else self.rate


@dataclass(frozen=True)
class InboxReport:
    folder: Path
    rows: tuple[InboxRow, ...]
    period: str | None  # the period compared: given, or the most common among valid bundles
    completeness: Completeness | None  # None without a list of expected studios
    registered_known: bool = False  # the bureau gave fingerprints to check signers against

    @property
    def valid_count(self) -> int:
        return sum(1 for r in self.rows if r.valid)

    def as_json(self) -> list[dict[str, object]]:
        return [r.as_json() for r in self.rows]


def scan(
    folder: Path,
    expected: Path | ExpectedList | None = None,
    registered: Iterable[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    period: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    check_cancel: Callable[[], bool] | None = None,
) -> InboxReport:
    """Read every regular file in ``folder`` (not its sub-folders) as a bundle.

    ``expected``: the bureau's list (a file, see read_expected, or an ExpectedList);
    ``registered``: more fingerprints of registered signers, besides the list's;
    ``period``: the period to check completeness for (default: the most common one among
    the valid bundles). ``progress(done, total, file_name)`` is called before each file;
    ``check_cancel()`` returning True stops the scan with Cancelled. Raises
    FileNotFoundError / NotADirectoryError for the folder and ValueError for an unreadable
    list; a bad bundle never raises."""
    folder = Path(folder)
    if not folder.exists():
        raise FileNotFoundError(folder)
    if not folder.is_dir():
        raise NotADirectoryError(folder)
    expected_list = expected
    if expected is not None and not isinstance(expected, ExpectedList):
        expected_list = read_expected(Path(expected))
    fingerprints = set(expected_list.registered if expected_list else ())
    fingerprints |= {normalise_fingerprint(f) for f in registered or () if f.strip()}
    owners: dict[str, list[str]] = {}
    for studio in expected_list.studios if expected_list else ():
        for fp in studio.fingerprints:
            owners.setdefault(fp, []).append(studio.name)

    with os.scandir(folder) as listing:
        # Sub-folders are not looked into; links are listed (and refused), not followed.
        entries = sorted(
            (e for e in listing if e.is_symlink() or not e.is_dir(follow_symlinks=False)),
            key=lambda e: e.name,
        )
    rows = []
    for done, entry in enumerate(entries):
        if check_cancel and check_cancel():
            raise Cancelled
        if progress:
            progress(done, len(entries), entry.name)
        row = _read_bundle(Path(entry.path), limits)
        if row.valid and fingerprints:
            row = _registration(row, fingerprints, owners, expected_list)
        rows.append(row)
    if progress:
        progress(len(entries), len(entries), "")
    rows = _mark_resubmissions(rows)

    if period is None:
        counts = Counter(r.period for r in rows if r.valid and r.period)
        if counts:
            period = max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
    completeness = _completeness(rows, expected_list, period) if expected_list else None
    return InboxReport(folder, tuple(rows), period, completeness, bool(fingerprints))


def _registration(
    row: InboxRow,
    fingerprints: set[str],
    owners: dict[str, list[str]],
    expected: ExpectedList | None,
) -> InboxRow:
    """Whether the signer is registered, and a warning when the key is not this studio's:
    not registered at all, registered for another studio, or not among the keys
    registered for this one."""
    registered = row.signer in fingerprints
    key = studio_key(row.studio or "")
    others = [n for n in owners.get(row.signer or "", []) if studio_key(n) != key]
    own = next(
        (s for s in (expected.studios if expected else ()) if studio_key(s.name) == key),
        None,
    )
    if not registered:
        warning = _t("unregistered")
    elif others and not any(studio_key(n) == key for n in owners.get(row.signer or "", [])):
        warning = _t("other_studio_key", studio="、".join(others))
    elif own is not None and own.fingerprints and row.signer not in own.fingerprints:
        warning = _t("key_differs")
    else:
        warning = None
    warnings = (warning, *row.warnings) if warning else row.warnings
    return replace(row, registered=registered, warnings=warnings)


def _mark_resubmissions(rows: list[InboxRow]) -> list[InboxRow]:
    """Of two valid bundles of the same studio and period, the later one (by Bagging-Date,
    then file name) is a resubmission of the first."""
    groups: dict[tuple[str, str], list[int]] = {}
    for index, row in enumerate(rows):
        if row.valid and row.studio and row.period:
            groups.setdefault((studio_key(row.studio), row.period), []).append(index)
    rows = list(rows)
    for indexes in groups.values():
        ordered = sorted(indexes, key=lambda i: (rows[i].bagging_date or "", rows[i].file))
        first = rows[ordered[0]].file
        for i in ordered[1:]:
            rows[i] = replace(rows[i], resubmission_of=first)
    return rows


def _bundle_order(row: InboxRow) -> tuple[str, str]:
    return (row.bagging_date or "", row.file)


def _completeness(rows: list[InboxRow], expected: ExpectedList, period: str | None) -> Completeness:
    valid: dict[str, list[InboxRow]] = {}
    invalid: dict[str, list[InboxRow]] = {}
    for row in rows:
        if not row.studio:
            continue
        if row.valid and row.period == period:
            valid.setdefault(studio_key(row.studio), []).append(row)
        elif not row.valid:
            invalid.setdefault(studio_key(row.studio), []).append(row)
    statuses = []
    for studio in expected.studios:
        key = studio_key(studio.name)
        bundles = sorted(valid.get(key, []), key=_bundle_order)
        notes = []
        for row in bundles:
            notes += [n for n in row.notes if n not in notes]
        if not bundles and key in invalid:
            notes.append(_t("invalid_present", files="、".join(r.file for r in invalid[key])))
        statuses.append(
            StudioStatus(
                studio.name,
                bool(bundles),
                tuple(r.file for r in bundles),
                studio.fingerprints,
                tuple(notes),
            )
        )
    names = {studio_key(s.name) for s in expected.studios}
    unexpected = [
        StudioStatus(
            bundles[0].studio or "",
            True,
            tuple(r.file for r in sorted(bundles, key=_bundle_order)),
            notes=(_t("not_expected"), *dict.fromkeys(n for r in bundles for n in r.notes)),
            expected=False,
        )
        for key, bundles in sorted(valid.items())
        if key not in names
    ]
    return Completeness(period, tuple(statuses), tuple(unexpected))


# --- the comparison workbook ---

SUMMARY_SHEET = "比较汇总"
COMPLETENESS_SHEET = "报送情况"
MONEY_FORMAT = "#,##0.00"
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_INVALID_FILL = PatternFill("solid", fgColor="FDECEA")
_NOT_SUBMITTED_FILL = PatternFill("solid", fgColor="FDECEA")


@dataclass(frozen=True)
class _Column:
    header: str
    width: float
    value: Callable[[InboxRow], object]
    number_format: str | None = None


def _yuan(fen: int | None) -> float | None:
    # Cents as a number with a 0.00 format: the bureau sums and sorts these columns.
    return None if fen is None else fen / 100


def _registered_text(row: InboxRow) -> str:
    if row.registered is None:
        return ""
    return "是" if row.registered else "否"


_SUMMARY_COLUMNS: tuple[_Column, ...] = (
    _Column("文件", 34, lambda r: r.file),
    _Column("是否有效", 9, lambda r: "有效" if r.valid else "无效"),
    _Column("原因", 40, lambda r: r.reason or ""),
    _Column("工作室", 28, lambda r: r.studio or ""),
    _Column("期间", 12, lambda r: r.period or ""),
    _Column("签名指纹", 40, lambda r: r.signer or ""),
    _Column("已登记", 8, _registered_text),
    _Column("成员数", 8, lambda r: r.figures.members if r.figures else None),
    _Column("活动次数", 9, lambda r: r.figures.activities if r.figures else None),
    _Column("出勤率", 18, lambda r: r.figures.attendance_text if r.figures else ""),
    _Column("缺勤超线人数", 13, lambda r: r.figures.flagged if r.figures else None),
    _Column(
        "到账经费(元)",
        14,
        lambda r: _yuan(r.figures.granted_fen) if r.figures else None,
        MONEY_FORMAT,
    ),
    _Column(
        "支出(元)", 14, lambda r: _yuan(r.figures.spent_fen) if r.figures else None, MONEY_FORMAT
    ),
    _Column("年度职责完成", 13, lambda r: r.figures.duties_text if r.figures else ""),
    _Column("考核等级", 9, lambda r: r.figures.grade_text if r.figures else ""),
    _Column("数据截至", 12, lambda r: r.bagging_date or ""),
    _Column("提示", 50, lambda r: "；".join(r.notes)),
)


def _page_setup(ws, header_row: int) -> None:
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1).coordinate
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.right.text = "第 &P 页，共 &N 页"
    ws.oddFooter.right.size = 8


def _header(ws, row: int, columns: list[tuple[str, float]]) -> None:
    bold = Font(bold=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for c, (title, width) in enumerate(columns, start=1):
        cell = ws.cell(row=row, column=c, value=title)
        cell.font = bold
        cell.fill = _HEADER_FILL
        cell.alignment = centre
        ws.column_dimensions[get_column_letter(c)].width = width


def write_workbook(report: InboxReport, out: Path) -> Path:
    """The comparison workbook: 比较汇总 (one row per file) and 报送情况 (the expected
    studios). Written to a temporary name in the target's folder and renamed."""
    wb = Workbook()
    ws = wb.active
    ws.title = SUMMARY_SHEET
    _header(ws, 1, [(c.header, c.width) for c in _SUMMARY_COLUMNS])
    top = Alignment(vertical="top", wrap_text=True)
    for r, row in enumerate(report.rows, start=2):
        for c, column in enumerate(_SUMMARY_COLUMNS, start=1):
            cell = ws.cell(row=r, column=c, value=column.value(row))
            cell.alignment = top
            if column.number_format:
                cell.number_format = column.number_format
            if not row.valid:
                cell.fill = _INVALID_FILL
    last = get_column_letter(len(_SUMMARY_COLUMNS))
    ws.auto_filter.ref = f"A1:{last}{max(len(report.rows) + 1, 2)}"
    _page_setup(ws, 1)

    _completeness_sheet(wb.create_sheet(COMPLETENESS_SHEET), report)
    return save_workbook(wb, Path(out))


def _completeness_sheet(ws, report: InboxReport) -> None:
    done = report.completeness
    period = report.period or "—"
    if done is not None:
        rate = f"报送率：{done.rate_text}"
    else:
        rate = "未提供应报名单，无法计算报送率"
    ws.cell(row=1, column=1, value=f"期间：{period}　{rate}").font = Font(bold=True, size=12)
    ws.cell(row=2, column=1, value=f"文件夹：{report.folder}　有效材料包 {report.valid_count} 个")
    header_row = 3
    _header(
        ws,
        header_row,
        [
            ("序号", 6),
            ("工作室", 32),
            ("是否报送", 10),
            ("材料包文件", 40),
            ("登记指纹", 42),
            ("备注", 50),
        ],
    )
    top = Alignment(vertical="top", wrap_text=True)
    row_number = header_row
    if done is not None:
        statuses = [*done.studios, *done.unexpected]
    else:
        statuses = _submitted_without_list(report)
    for index, status in enumerate(statuses, start=1):
        row_number += 1
        values = (
            index if status.expected else None,
            status.name,
            "是" if status.submitted else "否",
            "\n".join(status.files),
            "\n".join(status.fingerprints),
            "；".join(status.notes),
        )
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=row_number, column=c, value=value)
            cell.alignment = top
            if not status.submitted:
                cell.fill = _NOT_SUBMITTED_FILL
    if done is not None:
        row_number += 2
        ws.cell(row=row_number, column=2, value="报送率").font = Font(bold=True)
        ws.cell(row=row_number, column=3, value=done.rate)
        ws.cell(row=row_number, column=4, value=done.rate_percent or "")
    _page_setup(ws, header_row)


def _submitted_without_list(report: InboxReport) -> list[StudioStatus]:
    by_studio: dict[str, list[InboxRow]] = {}
    for row in report.rows:
        if row.valid and row.studio and row.period == report.period:
            by_studio.setdefault(studio_key(row.studio), []).append(row)
    return [
        StudioStatus(
            rows[0].studio or "",
            True,
            tuple(r.file for r in sorted(rows, key=_bundle_order)),
            expected=False,
        )
        for _, rows in sorted(by_studio.items())
    ]
