"""Attendance in and out of Excel.

Writing: ``write_attendance`` writes the attendance matrix, sheet 考勤汇总 (and a 说明
sheet):

* row 1: the title, e.g. "陈静名班主任工作室 考勤统计（建设周期 2024-2027，截至 2026-11-21）";
* row 2: the header: 姓名, 单位, one column per session that takes attendance (oldest
  first), then 应到, 缺勤, 缺勤比例, 状态. A session's header is ONE cell holding its date
  and topic on two lines, "2025-03-12⏎班会课设计": the date and the topic stay together
  when columns are moved, copied or sorted, and the reader needs nothing but that cell;
* row 3 on: one row per membership, current members first (by role), then those who
  left (状态 "正常（已退出）" and a note on the name). A cell holds the Chinese word of
  the mark (出勤/迟到/早退/请假/缺勤); it is empty when the member was not expected, and
  greyed where the session lies outside the membership.

Which sessions: with ``school_year`` those of that school year held up to today;
without, those of the studio's attendance window (the cycle so far, or this school year
when the studio counts by school year). 应到/缺勤/状态 are counted from exactly the
sessions on the sheet with the studio's rules (whether leave counts, the line), so a
reader can check every number against the row; without ``school_year`` they are the
member's flag itself. 缺勤比例 is the text "3/9", never a rounded decimal.

Reading is in two steps, as for the roster: ``read_attendance`` parses the workbook into
an ``AttendancePreview`` (activities to create, marks to add or change, every problem
named by row and column) and ``apply_attendance`` writes all of it in ONE transaction
(``AttendanceService.save_many``), or nothing.

Two layouts are read, the first sheet (skipping 说明) with a header row in its first 5
rows (a row holding 姓名) decides:

* the matrix above: session columns are those whose header starts with a date
  ("2025-03-12 班会课设计", "2025/3/12《班会课设计》", the two-line cell). A header that is
  a date alone takes its topic from the row below it when that row has no name (a
  two-row header), otherwise it names the one attendance-taking activity of that day.
  单位 (optional) tells namesakes apart; 应到, 缺勤, 缺勤比例, 状态 are computed and ignored
  on import, as is any other column;
* a plain list with the columns 日期, 活动, 姓名, 考勤 (one mark a row), and optionally 类型
  (the kind of an activity to be created, 其他 when absent), 单位 and 备注 (the mark's
  note: a filled cell sets it, an empty one keeps the stored note).

Choices where the rules leave room:

* Merge, not replace: for each activity in the file a member named there gets the
  file's mark; marks of members the file does not name for that activity (an empty
  cell, a missing row) are left as they are. Nothing is ever deleted by an import.
* Activities are matched by date and topic, the topic compared without any white space
  and without 《》; one not found is created (takes attendance, kind 其他 or the 类型
  column's) and listed first in the preview. Two attendance-taking activities with
  that date and topic, or only one logged as not taking attendance, is a problem: the
  file cannot say which one it means. The 类型 of an existing activity is not changed.
* Members are matched by name among the memberships that belonged to the studio on the
  activity's date (确定名单, between joining and leaving; a mark already stored keeps its
  membership). Namesakes are told apart by 单位; failing that the cell is an error that
  names both.
* Problems (each with its Excel row and column): an unknown member, a member not in the
  studio on that date, an unknown mark word, an impossible or future date, an empty
  required cell, the same member twice for one activity, two columns for one session.
  Any problem blocks the whole import.
* Unchanged marks produce no change lines; the counts still report them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from desktop_app.documents.sheets.reader import (
    HEADER_SEARCH_ROWS,
    Book,
    header_key,
    open_book,
    table_sheets,
)
from desktop_app.documents.sheets.roster_io import (
    HELP_SHEET_NAME,
    Column,
    _blank,
    _cell_value,
)
from desktop_app.documents.sheets.workbook_file import save_workbook
from desktop_app.domain import messages
from desktop_app.domain.attendance import WINDOW_SCHOOL_YEAR, FlagState, Tally
from desktop_app.domain.parsing import (
    activity_date_problem,
    normalise_text,
    parse_date,
    parse_name,
    parse_text,
)
from desktop_app.domain.problems import ValidationError, problem
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import ActivityKind, AttendanceStatus, Stage, role_order
from desktop_app.services.activities import ActivityInfo, ActivityInput, cycle_days, describe
from desktop_app.services.app import AppServices
from desktop_app.services.attendance import EXPECTED_ROLES, MarkInput
from desktop_app.services.members import RosterRow
from desktop_app.store.models import AttendanceMark

SHEET_NAME = "考勤汇总"
TITLE_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3
LEFT_SUFFIX = "（已退出）"
LAYOUT_MATRIX = "matrix"
LAYOUT_LIST = "list"

# The matrix's fixed columns, before and after the sessions.
NAME_HEADER, SCHOOL_HEADER = "姓名", "单位"
TALLY_HEADERS = ("应到", AttendanceStatus.ABSENT.zh, "缺勤比例", "状态")
_SESSION_WIDTH = 11
_VALIDATION_EXTRA_ROWS = 50

# Header words of the list layout (after reader.header_key): field → accepted words.
_LIST_WORDS: dict[str, tuple[str, ...]] = {
    "date": ("日期", "活动日期", "考勤日期"),
    "topic": ("活动", "活动主题", "主题", "活动名称", "活动内容"),
    "name": ("姓名", "成员", "成员姓名"),
    "status": ("考勤", "考勤情况", "出勤情况", "考勤状态", "出勤状态", "考勤结果"),
    "kind": ("类型", "活动类型", "类别", "活动类别"),
    "school": ("单位", "工作单位", "学校", "所在学校"),
    "note": ("备注", "说明"),
}
_LIST_REQUIRED = ("date", "topic", "name", "status")
_LIST_HEADER = {"date": "日期", "topic": "活动", "name": "姓名", "status": "考勤"}
_FIELD_OF_COLUMN = {"date": "date", "topic": "activity", "name": "name", "status": "attendance"}
_HEADER_FIELD = {header_key(word): name for name, words in _LIST_WORDS.items() for word in words}
_MATRIX_SCHOOL_KEYS = {header_key(w) for w in _LIST_WORDS["school"]}
_NAME_KEYS = {header_key(w) for w in _LIST_WORDS["name"]}
_DATE_COLUMN = Column("日期", "date", 12, "date")
_TEXT_COLUMN = Column("", "text", 10, "text")

_SESSION_RE = re.compile(
    r"^\s*(\d{4}\s*[-/.年－／．]\s*\d{1,2}\s*[-/.月－／．]\s*\d{1,2}\s*日?)(.*)$", re.S
)


class AttendanceImportError(Exception):
    """The workbook cannot be imported at all, or the import was refused; ``message`` is
    in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- the preview ---


@dataclass(frozen=True)
class CellProblem:
    row: int  # Excel's 1-based row number
    column: str  # the column letter, "" for the row as a whole
    header: str  # the column's header as the sheet shows it (one line)
    message: str

    def line(self) -> str:
        if not self.column:
            return messages.text("row_problem_nocol", row=self.row, problem=self.message)
        if not self.header:
            return messages.text(
                "row_problem", row=self.row, column=self.column, problem=self.message
            )
        return messages.text(
            "cell_problem",
            row=self.row,
            column=self.column,
            header=self.header,
            problem=self.message,
        )


@dataclass(frozen=True)
class Change:
    kind: str  # "new_activity", "add" or "change"
    text: str


@dataclass(frozen=True)
class PlannedMark:
    row: int
    column: str
    membership_id: int
    name: str
    status: str  # AttendanceStatus code the file gives
    note: str | None  # the note the mark will carry
    old_status: str | None  # None: not marked before
    old_note: str | None
    text: str  # the change line (or, when unchanged, the mark as it stands)

    @property
    def action(self) -> str:
        if self.old_status is None:
            return "add"
        if self.old_status != self.status or self.old_note != self.note:
            return "change"
        return "unchanged"


@dataclass
class PlannedActivity:
    date: dt.date
    topic: str
    kind: str  # ActivityKind code (used when the activity is created)
    activity_id: int | None  # None: created by the import
    marks: list[PlannedMark] = field(default_factory=list)

    @property
    def is_new(self) -> bool:
        return self.activity_id is None

    @property
    def label(self) -> str:
        return describe(self.date, self.topic)


@dataclass(frozen=True)
class AttendancePreview:
    path: Path
    sheet: str
    layout: str  # LAYOUT_MATRIX or LAYOUT_LIST
    header_row: int
    activities: list[PlannedActivity]
    problems: list[CellProblem]
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[PlannedMark]:
        """Every mark the file holds, changed or not, activity by activity."""
        return [m for a in self.activities for m in a.marks]

    @property
    def changes(self) -> list[Change]:
        """What the import will do: the activities it creates, then each added or changed
        mark. Unchanged marks are not listed."""
        out = [
            Change("new_activity", messages.text("change_new_activity", activity=a.label))
            for a in self.activities
            if a.is_new
        ]
        out += [Change(m.action, m.text) for m in self.rows if m.action != "unchanged"]
        return out

    def problem_lines(self) -> list[str]:
        """One line per problem: 第 3 行，E 列（2025-03-12 班会课设计）：…"""
        return [p.line() for p in self.problems]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def counts(self) -> dict[str, int]:
        actions = [m.action for m in self.rows]
        return {
            "new_activities": sum(a.is_new for a in self.activities),
            "added": actions.count("add"),
            "changed": actions.count("change"),
            "unchanged": actions.count("unchanged"),
            "problems": len(self.problems),
        }

    def outcome(self) -> AttendanceImportCounts:
        """What the import writes: the activities it creates and the marks it adds or
        changes (and those it leaves as they are)."""
        counts = self.counts
        return AttendanceImportCounts(
            new_activities=counts["new_activities"],
            added=counts["added"],
            changed=counts["changed"],
            unchanged=counts["unchanged"],
        )

    def summary(self) -> str:
        """新建活动 2 个，新增考勤 4 条，变更 1 条，未变 0 条"""
        return str(self.outcome())


@dataclass(frozen=True)
class AttendanceImportCounts:
    """What an attendance import wrote; ``str()`` words it for the user."""

    new_activities: int
    added: int
    changed: int
    unchanged: int

    def __str__(self) -> str:
        return messages.text(
            "attendance_import_counts",
            activities=self.new_activities,
            added=self.added,
            changed=self.changed,
            unchanged=self.unchanged,
        )


# --- writing ---


@dataclass(frozen=True)
class _MatrixRow:
    member: RosterRow
    marks: dict[int, str]  # activity id → status code
    tally: Tally


@dataclass(frozen=True)
class _Matrix:
    title: str
    sessions: list[ActivityInfo]
    rows: list[_MatrixRow]
    footer: str


def write_attendance(
    services: AppServices, path: Path, school_year: SchoolYear | None = None
) -> Path:
    """The attendance matrix as a workbook (see the module's notes); returns the file
    written (``.xlsx`` appended when the target has another suffix)."""
    matrix = _gather(services, school_year)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    _write_matrix(ws, matrix)
    _write_help(wb.create_sheet(HELP_SHEET_NAME))
    return save_workbook(wb, path)


def _gather(services: AppServices, school_year: SchoolYear | None) -> _Matrix:
    studio = services.studio.get()
    rules = services.attendance.rules()
    today = services.attendance.today()
    if school_year is None:
        start, end = rules.window_range(studio.cycle, today)
        if rules.window == WINDOW_SCHOOL_YEAR:
            year = SchoolYear.of(end)
            period, last = f"{year.label} 学年", year.last_day
        else:
            period, last = f"建设周期 {studio.cycle.label}", studio.cycle.last_day
    else:
        start, end = school_year.first_day, min(school_year.last_day, today)
        period, last = f"{school_year.label} 学年", school_year.last_day
    if end < last:
        period += f"，截至 {end.isoformat()}"

    sessions = sorted(
        (a for a in services.activities.list() if a.takes_attendance and start <= a.date <= end),
        key=lambda a: (a.date, a.id),
    )
    marks: dict[int, dict[int, str]] = {}  # membership → activity → status
    ids = [a.id for a in sessions]
    if ids:
        with services.db.reading() as session:
            for activity_id, membership_id, status in session.execute(
                select(
                    AttendanceMark.activity_id, AttendanceMark.membership_id, AttendanceMark.status
                ).where(AttendanceMark.activity_id.in_(ids))
            ):
                marks.setdefault(membership_id, {})[activity_id] = status

    def listed(m: RosterRow) -> bool:
        if m.membership_id in marks:
            return True
        overlaps = (m.joined_on is None or m.joined_on <= end) and (
            m.left_on is None or m.left_on >= start
        )
        return overlaps and m.stage == Stage.CONFIRMED.code and m.role in EXPECTED_ROLES

    members = sorted(
        (m for m in services.members.roster() if listed(m)),
        key=lambda m: (not m.is_current, role_order(m.role), m.membership_id),
    )
    # The tally columns are the flags every document of this period shows (one
    # definition: AttendanceService.facts), which under the cycle window also count the
    # years before a chosen year: the footer names the sessions they count.
    facts = services.attendance.facts(school_year, today)
    rows = [
        _MatrixRow(m, marks.get(m.membership_id, {}), facts.tally(m.membership_id)) for m in members
    ]

    footer = (
        f"应到次数、缺勤次数、缺勤比例和状态按{facts.window.text}的活动统计；"
        f"缺勤比例＝缺勤次数/应到次数。{rules.text_zh}"
    )
    if school_year is not None and not facts.window.covers(school_year):
        period += f"；缺勤比例按{facts.window.text}"
    return _Matrix(f"{studio.name} 考勤统计（{period}）", sessions, rows, footer)


def session_header(activity: ActivityInfo | PlannedActivity) -> str:
    """A session's header cell: its date and topic on two lines."""
    return f"{activity.date.isoformat()}\n{activity.topic}"


_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_OUTSIDE_FILL = PatternFill("solid", fgColor="EDEDED")
_MARK_STYLE = {
    AttendanceStatus.ABSENT.code: (PatternFill("solid", fgColor="FFC7CE"), "9C0006"),
    AttendanceStatus.LEAVE.code: (PatternFill("solid", fgColor="FFEB9C"), "9C5700"),
}
_STATE_STYLE = {
    FlagState.OVER: (PatternFill("solid", fgColor="FFC7CE"), "9C0006"),
    FlagState.AT_RISK: (PatternFill("solid", fgColor="FFEB9C"), "9C5700"),
}


def _write_matrix(ws: Worksheet, matrix: _Matrix) -> None:
    n = len(matrix.sessions)
    headers = [NAME_HEADER, SCHOOL_HEADER, *(session_header(a) for a in matrix.sessions)]
    headers += TALLY_HEADERS
    last_column = len(headers)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    ws.cell(row=TITLE_ROW, column=1, value=matrix.title).font = Font(bold=True, size=14)
    ws.cell(row=TITLE_ROW, column=1).alignment = Alignment(vertical="center")
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=last_column)
    ws.row_dimensions[TITLE_ROW].height = 26

    for c, header in enumerate(headers, start=1):
        cell = ws.cell(row=HEADER_ROW, column=c, value=header)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = centre
        cell.border = _BORDER
    # Two CJK characters fill about one width unit less than a session column: enough
    # lines for the longest topic under its date.
    per_line = max(1, (_SESSION_WIDTH - 1) // 2)
    longest = max((len(a.topic) for a in matrix.sessions), default=0)
    ws.row_dimensions[HEADER_ROW].height = min(15 * (1 + math.ceil(longest / per_line)), 150)

    widths = [10, 24, *([_SESSION_WIDTH] * n), 6, 6, 9, 14]
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width

    for r, row in enumerate(matrix.rows, start=FIRST_DATA_ROW):
        member = row.member
        name = ws.cell(row=r, column=1, value=member.name)
        ws.cell(row=r, column=2, value=member.school)
        if not member.is_current:
            name.font = Font(color="808080", italic=True)
            name.comment = Comment(f"已于 {member.left_on.isoformat()} 退出", "StudioDesk")
        for c, activity in enumerate(matrix.sessions, start=3):
            status = row.marks.get(activity.id)
            cell = ws.cell(
                row=r, column=c, value=AttendanceStatus.zh_of(status) if status else None
            )
            cell.alignment = centre
            if status in _MARK_STYLE:
                fill, colour = _MARK_STYLE[status]
                cell.fill, cell.font = fill, Font(color=colour)
            elif status is None and not _belongs(member, activity.date):
                cell.fill = _OUTSIDE_FILL
        t = row.tally
        state = t.zh + ("" if member.is_current else LEFT_SUFFIX)
        for c, value in zip(
            range(3 + n, 7 + n), (t.expected, t.missed, t.ratio_text, state), strict=True
        ):
            cell = ws.cell(row=r, column=c, value=value)
            cell.alignment = centre
        ws.cell(row=r, column=5 + n).number_format = "@"
        if t.state in _STATE_STYLE:
            fill, colour = _STATE_STYLE[t.state]
            state_cell = ws.cell(row=r, column=6 + n)
            state_cell.fill, state_cell.font = fill, Font(bold=True, color=colour)
        for c in range(1, last_column + 1):
            ws.cell(row=r, column=c).border = _BORDER

    if n:
        words = ",".join(s.zh for s in AttendanceStatus)
        validation = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True)
        validation.showErrorMessage = False  # other accepted words (√, 病假) may be typed
        last_row = FIRST_DATA_ROW + len(matrix.rows) + _VALIDATION_EXTRA_ROWS
        validation.add(f"C{FIRST_DATA_ROW}:{get_column_letter(2 + n)}{last_row}")
        ws.add_data_validation(validation)

    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=3).coordinate
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_title_cols = "A:B"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.left.text = matrix.footer
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = "第 &P 页，共 &N 页"
    ws.oddFooter.right.size = 8


def _belongs(member: RosterRow, day: dt.date) -> bool:
    return (member.joined_on is None or member.joined_on <= day) and (
        member.left_on is None or day <= member.left_on
    )


def _write_help(ws: Worksheet) -> None:
    lines = (
        "考勤汇总表说明",
        "1. 每位成员一行，每次记考勤的活动一列；列名为活动日期和主题（如“2025-03-12”换行“班会课设计”）。",
        "2. 单元格填写 出勤、迟到、早退、请假、缺勤 之一（也接受 √、×、病假、事假 等）；"
        "空白表示该成员不在应到名单中，灰色表示该日期不在其成员期内。",
        "3. 应到、缺勤、缺勤比例、状态 由程序按本工作室的考勤规则计算，导入时忽略。",
        "4. 导入时按“日期＋主题”对应活动，找不到的活动会新建（类型为“其他”）；按姓名（及单位）对应成员。",
        "5. 导入只写入表中填写的考勤：表中某人某次为空，原有记录保持不变。",
        "6. 也可导入含 日期、活动、姓名、考勤 四列的清单（可加 类型、单位、备注 列），每行一条考勤。",
        "7. 导入前先显示预览；只要有一处错误（查无此人、考勤用语不认识、日期不存在或晚于今天、"
        "成员当日不在工作室等），就不会写入任何数据。",
    )
    for line in lines:
        ws.append([line])
    ws["A1"].font = Font(bold=True)
    ws.column_dimensions["A"].width = 110


# --- reading ---


@dataclass
class _Table:
    sheet: str
    header_row: int
    layout: str
    header: tuple[Any, ...]  # the header row's values
    rows: list[tuple[int, tuple[Any, ...]]]  # (row number, values) below it, blank rows left out
    columns: dict[str, int]  # field → 0-based column index (list; matrix: name, school)
    ignored: list[str]


def read_attendance(path: Path, services: AppServices) -> AttendancePreview:
    """Parse the workbook and compare it with the stored attendance. Never writes."""
    path = Path(path)
    with open_book(path, AttendanceImportError) as book:
        table = _find_table(book)
    reader = _Reader(services, table)
    if table.layout == LAYOUT_MATRIX:
        reader.read_matrix()
    else:
        reader.read_list()
    if not reader.plans and not reader.problems:
        raise AttendanceImportError(messages.text("empty_sheet"))
    return reader.preview(path)


def apply_attendance(preview: AttendancePreview, services: AppServices) -> AttendanceImportCounts:
    """Write the preview's new activities and marks in ONE transaction (the flags are
    recomputed inside it, with the cause "考勤导入：<file name>"), or nothing. Returns
    what was written."""
    if preview.problems:
        raise AttendanceImportError(
            messages.text("import_has_problems", count=len(preview.problems))
        )
    batches: list[tuple[int | ActivityInput, list[MarkInput]]] = []
    for activity in preview.activities:
        marks = [
            MarkInput(m.membership_id, m.status, m.note)
            for m in activity.marks
            if m.action != "unchanged"
        ]
        if activity.activity_id is None:
            new = ActivityInput(
                date=activity.date,
                kind=activity.kind,
                topic=activity.topic,
                takes_attendance=True,
            )
            batches.append((new, marks))
        elif marks:
            batches.append((activity.activity_id, marks))
    if batches:
        try:
            services.attendance.save_many(batches, cause=f"考勤导入：{preview.path.name}")
        except ValidationError as error:
            raise AttendanceImportError(
                messages.text(
                    "import_failed", problems="；".join(p.message for p in error.problems)
                )
            ) from error
        except LookupError as error:  # an activity or member went since the preview
            raise AttendanceImportError(
                messages.text("import_failed", problems=str(error))
            ) from error
    return preview.outcome()


def _find_table(book: Book) -> _Table:
    """The first worksheet (skipping 说明) with a header row in its first 5 rows that
    makes either layout."""
    missing_list_columns: list[str] = []
    for ws in table_sheets(book, HELP_SHEET_NAME):
        for number, values in enumerate(ws.head(HEADER_SEARCH_ROWS), start=1):
            keys = [header_key(v) for v in values]
            if not _NAME_KEYS & set(keys):
                continue
            fields: dict[str, int] = {}
            for index, key in enumerate(keys):
                name = _HEADER_FIELD.get(key)
                if name and name not in fields:
                    fields[name] = index
            if {"date", "topic", "status"} & set(fields):
                missing = [_LIST_HEADER[f] for f in _LIST_REQUIRED if f not in fields]
                if missing:
                    missing_list_columns = missing
                    continue
                ignored = [
                    str(v).strip()
                    for i, v in enumerate(values)
                    if not _blank(v) and i not in fields.values()
                ]
                used = {i: _one_line(values[i]) for i in fields.values()}
                ws.refuse_formulas_without_value(number, used)
                rows = ws.rows(number)
                return _Table(ws.title, number, LAYOUT_LIST, values, rows, fields, ignored)
            if any(_split_session_header(v) is not None for v in values):
                columns = {"name": next(i for i, k in enumerate(keys) if k in _NAME_KEYS)}
                school = [i for i, k in enumerate(keys) if k in _MATRIX_SCHOOL_KEYS]
                if school:
                    columns["school"] = school[0]
                known = {header_key(h) for h in TALLY_HEADERS}
                ignored = [
                    str(v).strip()
                    for i, v in enumerate(values)
                    if not _blank(v)
                    and i not in columns.values()
                    and header_key(v) not in known
                    and _split_session_header(v) is None
                ]
                used = {i: _one_line(values[i]) for i in columns.values()} | {
                    i: _one_line(v)
                    for i, v in enumerate(values)
                    if _split_session_header(v) is not None
                }
                ws.refuse_formulas_without_value(number, used)
                rows = ws.rows(number)
                return _Table(ws.title, number, LAYOUT_MATRIX, values, rows, columns, ignored)
    if missing_list_columns:
        raise AttendanceImportError(
            messages.text("missing_columns", columns="、".join(missing_list_columns))
        )
    raise AttendanceImportError(messages.text("no_attendance_table"))


def _split_session_header(value: Any) -> tuple[Any, str] | None:
    """(the date as written or a date, the topic) when the header names a session."""
    if isinstance(value, dt.datetime):
        return value.date(), ""
    if isinstance(value, dt.date):
        return value, ""
    if not isinstance(value, str):
        return None
    match = _SESSION_RE.match(value)
    if not match:
        return None
    return match.group(1), _clean_topic(match.group(2).strip().strip("：:-—–·、,，"))


def _clean_topic(text: str) -> str:
    """A topic as typed, without the 《》 that often wrap it."""
    text = text.strip()
    if text.startswith("《") and text.endswith("》"):
        text = text[1:-1].strip()
    return text


def _topic_key(topic: str) -> str:
    text = "".join(unicodedata.normalize("NFKC", topic).split())
    if text.startswith("《") and text.endswith("》"):
        text = text[1:-1]
    return text


def _school_key(school: Any) -> str:
    return "".join(unicodedata.normalize("NFKC", str(school or "")).split())


def _one_line(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    return " ".join(str(value or "").split())


def _cell(values: tuple[Any, ...], index: int | None) -> Any:
    if index is None or index >= len(values):
        return None
    return values[index]


@dataclass
class _Session:
    """One column of the matrix."""

    index: int
    letter: str
    header: str
    plan: PlannedActivity | None  # None: the header itself is bad


class _Reader:
    def __init__(self, services: AppServices, table: _Table):
        self.table = table
        self.today = services.attendance.today()
        self.problems: list[CellProblem] = []
        self.plans: dict[tuple[dt.date, str], PlannedActivity] = {}
        self.failed: set[tuple[dt.date, str]] = set()  # activity keys already reported
        roster = services.members.roster()
        self.by_name: dict[str, list[RosterRow]] = {}
        for row in roster:
            self.by_name.setdefault(row.name, []).append(row)
        self.namesakes = {
            name for name, rows in self.by_name.items() if len({r.person_id for r in rows}) > 1
        }
        self.existing: dict[tuple[dt.date, str], list[ActivityInfo]] = {}
        self.by_date: dict[dt.date, list[ActivityInfo]] = {}
        for activity in services.activities.list():
            key = (activity.date, _topic_key(activity.topic))
            self.existing.setdefault(key, []).append(activity)
            if activity.takes_attendance:
                self.by_date.setdefault(activity.date, []).append(activity)
        with services.db.reading() as session:
            # a new session's date against the cycle, said here with its row and column;
            # the write checks it again (services.activities.date_problem)
            self.cycle = cycle_days(session)
            self.stored: dict[tuple[int, int], tuple[str, str | None]] = {
                (a, m): (s, n)
                for a, m, s, n in session.execute(
                    select(
                        AttendanceMark.activity_id,
                        AttendanceMark.membership_id,
                        AttendanceMark.status,
                        AttendanceMark.note,
                    )
                )
            }
        self.seen: dict[tuple[tuple[dt.date, str], int], int] = {}  # (activity, member) → row

    # --- problems ---

    def report(self, row: int, index: int | None, header: str, message: str) -> None:
        letter = get_column_letter(index + 1) if index is not None else ""
        self.problems.append(CellProblem(row, letter, header, message))

    # --- activities ---

    def activity(
        self, day: dt.date, topic: str, kind: str | None, where: tuple[int, int, str]
    ) -> PlannedActivity | None:
        """The activity a cell or header names, planned once per date and topic; None
        (with the problem reported once) when it cannot be used."""
        key = (day, _topic_key(topic))
        if key in self.plans:
            return self.plans[key]
        if key in self.failed:
            return None
        found = self.existing.get(key, [])
        attending = [a for a in found if a.takes_attendance]
        message = None
        if len(attending) == 1:
            chosen = attending[0]
            plan = PlannedActivity(chosen.date, chosen.topic, chosen.kind, chosen.id)
        elif len(attending) > 1:
            message = messages.text("ambiguous_activity", activity=describe(day, topic))
        elif found:
            message = messages.text("activity_no_attendance", activity=describe(day, topic))
        else:
            plan = PlannedActivity(day, topic, kind or ActivityKind.OTHER.code, None)
        if message:
            self.failed.add(key)
            self.report(where[0], where[1], where[2], message)
            return None
        self.plans[key] = plan
        return plan

    def check_date(self, value: Any, row: int, index: int, header: str) -> dt.date | None:
        try:
            day = parse_date(value, "date")
        except ValidationError as error:
            self.report(row, index, header, error.problems[0].message)
            return None
        if day is None:
            self.report(row, index, header, problem("date", "required").message)
            return None
        if day > self.today:
            self.report(row, index, header, problem("date", "date_in_future", value=day).message)
            return None
        if self.cycle and day not in self.by_date:  # a stored session keeps its date
            if found := activity_date_problem(day, "date", *self.cycle):
                self.report(row, index, header, found.message)
                return None
        return day

    # --- members and marks ---

    def member(
        self, name: str, school: Any, plan: PlannedActivity
    ) -> tuple[RosterRow | None, str | None]:
        """The membership a name stands for on the plan's date, or the problem."""
        same = self.by_name.get(name, [])
        if not same:
            return None, messages.text("unknown_member", name=name)
        on_day = [
            r
            for r in same
            if (r.stage == Stage.CONFIRMED.code and _belongs(r, plan.date))
            or (plan.activity_id, r.membership_id) in self.stored
        ]
        if not on_day:
            return None, messages.text("not_expected_member", name=name, date=plan.date.isoformat())
        if len({r.person_id for r in on_day}) > 1 and not _blank(school):
            wanted = _school_key(school)
            narrowed = [r for r in on_day if _school_key(r.school) == wanted]
            on_day = narrowed or on_day
        if len({r.person_id for r in on_day}) > 1:
            people = "、".join(f"{r.name}（{r.school or '单位未填'}）" for r in on_day)
            return None, messages.text("ambiguous_member", name=name, people=people)
        # One person; after leaving and coming back the later membership wins a tie.
        on_day.sort(key=lambda r: (r.joined_on or dt.date.min, r.membership_id))
        return on_day[-1], None

    def mark(
        self,
        plan: PlannedActivity,
        name: str,
        school: Any,
        status_value: Any,
        note: str | None,
        where: tuple[int, int, str],
    ) -> None:
        row, index, header = where
        status = self.status(status_value, where)
        if status is None:
            return
        member, message = self.member(name, school, plan)
        if member is None:
            self.report(row, index, header, message)
            return
        key = ((plan.date, _topic_key(plan.topic)), member.membership_id)
        if key in self.seen:
            self.report(
                row,
                index,
                header,
                messages.text("duplicate_in_file", name=name, other=self.seen[key]),
            )
            return
        self.seen[key] = row
        old_status, old_note = self.stored.get(
            (plan.activity_id, member.membership_id), (None, None)
        )
        new_note = note if note is not None else old_note
        who = f"{name}（{member.school or '单位未填'}）" if name in self.namesakes else name
        planned = PlannedMark(
            row=row,
            column=get_column_letter(index + 1),
            membership_id=member.membership_id,
            name=who,
            status=status,
            note=new_note,
            old_status=old_status,
            old_note=old_note,
            text="",
        )
        plan.marks.append(_with_text(planned, plan.label))

    def status(self, value: Any, where: tuple[int, int, str]) -> str | None:
        text = normalise_text(_cell_value(_TEXT_COLUMN, value))
        found = AttendanceStatus.parse(text)
        if found is None:
            bad = problem("attendance", "bad_status", value=text, choices=AttendanceStatus.words())
            self.report(*where, bad.message)
            return None
        return found.code

    # --- the two layouts ---

    def read_matrix(self) -> None:
        table = self.table
        header_values = table.header
        name_index = table.columns["name"]
        school_index = table.columns.get("school")
        first_data = table.header_row + 1
        parts = {
            i: split
            for i, v in enumerate(header_values)
            if (split := _split_session_header(v)) is not None
        }
        topic_below: set[int] = set()
        # A two-row header: dates above, topics in the row below, which holds no name.
        below = table.rows[0][1] if table.rows and table.rows[0][0] == first_data else ()
        if (
            any(not topic for _, topic in parts.values())
            and _blank(_cell(below, name_index))
            and any(not _blank(_cell(below, i)) for i, (_, t) in parts.items() if not t)
            and not all(
                AttendanceStatus.parse(normalise_text(_cell(below, i))) is not None
                for i, (_, t) in parts.items()
                if not t and not _blank(_cell(below, i))
            )
        ):
            topic_below = {i for i, (_, t) in parts.items() if not t}
            parts = {i: (d, t or normalise_text(_cell(below, i))) for i, (d, t) in parts.items()}
            first_data += 1

        sessions: list[_Session] = []
        columns_of: dict[tuple[dt.date, str], str] = {}
        for index, (day_value, topic_text) in parts.items():
            letter = get_column_letter(index + 1)
            header = _one_line(header_values[index])
            if index in topic_below:
                header = f"{header} {topic_text}".strip()
            session = _Session(index, letter, header, None)
            sessions.append(session)
            day = self.check_date(day_value, table.header_row, index, header)
            if day is None:
                continue
            try:
                topic = parse_text(topic_text, "topic", 200)
            except ValidationError as error:
                self.report(table.header_row, index, header, error.problems[0].message)
                continue
            if topic is None:
                same_day = self.by_date.get(day, [])
                if len(same_day) != 1:
                    self.report(
                        table.header_row,
                        index,
                        header,
                        messages.text("topic_needed", date=day.isoformat()),
                    )
                    continue
                topic = same_day[0].topic
            key = (day, _topic_key(topic))
            if key in columns_of:
                self.report(
                    table.header_row,
                    index,
                    header,
                    messages.text("duplicate_session_column", other=columns_of[key]),
                )
                continue
            columns_of[key] = letter
            session.plan = self.activity(day, topic, None, (table.header_row, index, header))

        name_header = _one_line(header_values[name_index])
        for number, values in table.rows:
            if number < first_data:
                continue
            raw_name = _cell(values, name_index)
            filled = [s for s in sessions if not _blank(_cell(values, s.index))]
            if _blank(raw_name) and not filled:
                continue
            name_where = (number, name_index, name_header)
            try:
                name = parse_name(_cell_value(_TEXT_COLUMN, raw_name))
            except ValidationError as error:
                self.report(*name_where, error.problems[0].message)
                name = None
            else:
                if name is None:
                    self.report(*name_where, problem("name", "required").message)
            if name is not None and name not in self.by_name:
                self.report(*name_where, messages.text("unknown_member", name=name))
                name = None
            school = _cell(values, school_index)
            for s in filled:
                where = (number, s.index, s.header)
                if name is None or s.plan is None:
                    self.status(_cell(values, s.index), where)  # still name a bad word
                    continue
                self.mark(s.plan, name, school, _cell(values, s.index), None, where)

    def read_list(self) -> None:
        table = self.table
        columns = table.columns
        header = {f: _one_line(table.header[i]) for f, i in columns.items()}
        for number, values in table.rows:
            cells = {f: _cell(values, i) for f, i in columns.items()}
            if all(_blank(v) for v in cells.values()):
                continue

            def where(f: str, number: int = number) -> tuple[int, int, str]:
                return number, columns[f], header[f]

            for f in _LIST_REQUIRED:
                if _blank(cells[f]):
                    self.report(*where(f), problem(_FIELD_OF_COLUMN[f], "required").message)
            if any(_blank(cells[f]) for f in _LIST_REQUIRED):
                if not _blank(cells["status"]):
                    self.status(cells["status"], where("status"))
                continue
            day = self.check_date(_cell_value(_DATE_COLUMN, cells["date"]), *where("date"))
            usable = day is not None
            topic = name = None
            try:
                topic = parse_text(
                    _clean_topic(str(_cell_value(_TEXT_COLUMN, cells["topic"]))), "activity", 200
                )
            except ValidationError as error:
                self.report(*where("topic"), error.problems[0].message)
                usable = False
            try:
                name = parse_name(_cell_value(_TEXT_COLUMN, cells["name"]))
            except ValidationError as error:
                self.report(*where("name"), error.problems[0].message)
                usable = False
            kind = None
            if "kind" in columns and not _blank(cells["kind"]):
                found = ActivityKind.parse(normalise_text(cells["kind"]))
                if found is None:
                    message = problem(
                        "activity_kind",
                        "bad_choice",
                        value=normalise_text(cells["kind"]),
                        choices=ActivityKind.words(),
                    ).message
                    self.report(*where("kind"), message)
                    usable = False
                else:
                    kind = found.code
            note = None
            if "note" in columns:
                try:
                    note = parse_text(_cell_value(_TEXT_COLUMN, cells["note"]), "note", 200)
                except ValidationError as error:
                    self.report(*where("note"), error.problems[0].message)
                    usable = False
            if not usable:
                self.status(cells["status"], where("status"))
                continue
            if name is not None and name not in self.by_name:
                self.report(*where("name"), messages.text("unknown_member", name=name))
                usable = False
            plan = self.activity(day, topic, kind, where("topic")) if usable else None
            if plan is None:
                self.status(cells["status"], where("status"))
                continue
            self.mark(plan, name, cells.get("school"), cells["status"], note, where("status"))

    def preview(self, path: Path) -> AttendancePreview:
        activities = sorted(
            self.plans.values(), key=lambda a: (a.date, a.activity_id is None, a.activity_id or 0)
        )
        for a in activities:
            a.marks.sort(key=lambda m: (m.row, m.column))
        problems = sorted(self.problems, key=lambda p: (p.row, len(p.column), p.column))
        return AttendancePreview(
            path=path,
            sheet=self.table.sheet,
            layout=self.table.layout,
            header_row=self.table.header_row,
            activities=activities,
            problems=problems,
            ignored_columns=self.table.ignored,
        )


def _with_text(mark: PlannedMark, label: str) -> PlannedMark:
    old, new = AttendanceStatus.zh_of(mark.old_status), AttendanceStatus.zh_of(mark.status)
    if mark.action == "add":
        text = messages.text("change_mark_added", activity=label, name=mark.name, status=new)
        return replace(mark, text=text)
    parts = []
    if mark.old_status != mark.status:
        parts.append(f"{old} → {new}")
    if mark.old_note != mark.note:
        parts.append(messages.text("note_change", old=mark.old_note or "", new=mark.note or ""))
    change = ("，" if messages.language() != "en" else ", ").join(parts) or new
    return replace(
        mark, text=messages.text("change_mark", activity=label, name=mark.name, change=change)
    )
