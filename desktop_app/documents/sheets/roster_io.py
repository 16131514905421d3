"""The roster in and out of Excel: one layout for both, so an exported roster re-imports
unchanged.

Writing: ``write_roster`` (the roster, phone and ID numbers masked on request) and
``write_template`` (the same header row with no data, plus a 说明 sheet).

Reading is in two steps so that nothing reaches the database before the user has seen
what will happen: ``read_roster`` parses the workbook into a ``RosterPreview`` (one
``RosterPreviewRow`` per data row: add, update, unchanged or error, with the problems of
each row named by column) and ``apply_import`` writes all adds and updates in one
transaction, or nothing at all.

Choices where the rules leave room:

* The sheet: the first worksheet (in workbook order, skipping one named 说明) with a
  header row, i.e. a row holding the column 姓名 within its first 5 rows.
* Headers are matched after NFKC (full-width brackets become ASCII), with every space
  removed, required-field stars (``*姓名``) and one trailing bracketed hint
  (``农村学校（是/否）``, ``出生日期【2025-09-01】``) dropped. A few common other
  headings are accepted (手机 → 联系电话, 单位 → 工作单位, …). A column that appears twice
  counts once (the leftmost); unknown columns are ignored and listed in the preview.
* A row is blank, and skipped, when every cell under a known column is empty.
* Matching a row to the roster: same name, and same birth date or a birth date missing on
  either side, among current and left memberships. A person who left and came back has
  one row per membership, so two rows of the same person are "the same person twice"
  only when their 退出日期 is the same as well. A row whose 退出日期 equals that of one of
  the person's memberships is that membership; otherwise a dated row records the leaving
  of the current membership (or corrects the date of an earlier one), and an undated row
  of a person whose memberships have all ended brings them back (add).
* A column missing from the sheet leaves that field as stored (an update never blanks a
  field the file does not hold). A blank 状态 cell, and 状态 = 已退出, keep the stored stage
  of a matched row (new rows get 确定名单). An empty cell in a column that is present
  clears the field.
* Number cells in date columns: 8 digits are read as yyyymmdd; 10000–99999 as an Excel
  day number (a date cell whose format was lost). Whole-number ID cells are read as text.
* ``write_roster`` appends ``.xlsx`` when the target has another suffix and creates the
  target's folder. The 农村学校 header is written plainly (the hint is in 说明).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app.documents.sheets.reader import (
    HEADER_SEARCH_ROWS,
    Book,
    Sheet,
    header_key,
    match_columns,
    open_book,
    table_sheets,
)
from desktop_app.documents.sheets.workbook_file import save_workbook
from desktop_app.domain import messages
from desktop_app.domain.member_input import MemberData, parse_member
from desktop_app.domain.parsing import is_masked, mask_id_number, mask_phone
from desktop_app.domain.problems import Problem, ValidationError, problem
from desktop_app.domain.vocab import (
    LEFT_STATUS_ALIASES,
    LEFT_STATUS_ZH,
    Gender,
    Role,
    Stage,
    TeachingTitle,
    TrainingTier,
    Vocab,
    normalise_word,
)
from desktop_app.services.members import STATUS_LEFT, MemberService, RosterRow

SHEET_NAME = "名册"
HELP_SHEET_NAME = "说明"
DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
_VALIDATION_ROWS = 1000  # drop-down lists reach this far down in a written sheet


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # a MemberData field, or "status" (状态: the stage, or 已退出)
    width: int
    kind: str = "text"  # text, date, year, yes_no, choice, secret
    required: bool = False
    aliases: tuple[str, ...] = ()
    help: str = ""
    example: str = ""


COLUMNS: tuple[Column, ...] = (
    Column(
        "姓名",
        "name",
        10,
        required=True,
        help="必填。同名且出生日期相同（或任一方未填出生日期）视为同一人。",
        example="张三",
    ),
    Column("性别", "gender", 6, "choice", help=Gender.words(), example=Gender.FEMALE.zh),
    Column(
        "出生日期",
        "birth_date",
        12,
        "date",
        help="日期，如 1985-06-15 或 1985/6/15，也可用 Excel 日期格式。",
        example="1985-06-15",
    ),
    Column(
        "工作单位",
        "school",
        24,
        aliases=("单位", "学校", "所在学校", "工作学校", "所在单位"),
        help="所在学校或单位的全称。",
        example="江阴中等专业学校",
    ),
    Column(
        "农村学校",
        "rural",
        10,
        "yes_no",
        aliases=("是否农村学校",),
        help="是 或 否（也可填 Y/N）。",
        example="否",
    ),
    Column(
        "职称",
        "title",
        10,
        "choice",
        aliases=("专业技术职称",),
        help=f"{TeachingTitle.words()}（也接受“二级教师”“一级教师”“高级教师”等）。",
        example=TeachingTitle.INTERMEDIATE.zh,
    ),
    Column(
        "担任班主任起始年份",
        "head_teacher_since",
        12,
        "year",
        aliases=("班主任起始年份", "担任班主任年份", "开始担任班主任年份"),
        help="四位年份，如 2012。",
        example="2012",
    ),
    Column(
        "任教起始年份",
        "teaching_since",
        12,
        "year",
        aliases=("任教年份", "参加工作年份", "开始任教年份"),
        help="四位年份，如 2008；任教年限按整学年计。",
        example="2008",
    ),
    Column(
        "仍在班主任岗位",
        "in_post",
        12,
        "yes_no",
        aliases=("在岗班主任", "是否在岗", "仍从事班主任工作", "是否仍从事班主任工作"),
        help="是 或 否；不填表示未知。",
        example="是",
    ),
    Column(
        "培养梯队",
        "training_tier",
        10,
        "choice",
        aliases=("梯队", "培养项目"),
        help=f"{TrainingTier.words()}（松江区四级培养体系，其他工作室可不填）。",
        example="",
    ),
    Column(
        "角色",
        "role",
        10,
        "choice",
        required=True,
        aliases=("身份",),
        help=f"必填。{Role.words()}（“学员”同“成员”，“领衔人”“坊主”同“主持人”）。",
        example=Role.MEMBER.zh,
    ),
    Column(
        "状态",
        "status",
        10,
        "choice",
        help=f"{Stage.words()}、{LEFT_STATUS_ZH}；不填视为“{Stage.CONFIRMED.zh}”。",
        example=Stage.CONFIRMED.zh,
    ),
    Column(
        "加入日期",
        "joined_on",
        12,
        "date",
        aliases=("加入时间", "入室日期"),
        help="日期，如 2024-09-01。",
        example="2024-09-01",
    ),
    Column(
        "联系电话",
        "phone",
        15,
        "secret",
        aliases=("电话", "手机", "手机号", "手机号码", "联系方式"),
        help="手机或座机号码。导出时可能打码为 138****5678：原样导回不会改动已存号码；"
        "新成员请填写完整号码。",
        example="13812345678",
    ),
    Column("备注", "note", 30, help="不超过 500 字。", example=""),
    Column(
        "称号",
        "honours",
        20,
        aliases=("荣誉称号",),
        help="如 市特级班主任、骨干班主任、优秀班主任。",
        example="骨干班主任",
    ),
    Column(
        "协议签订日期",
        "agreement_signed_on",
        14,
        "date",
        help="双向选择协议的签订日期。",
        example="2024-09-10",
    ),
    Column(
        "退出日期",
        "left_on",
        12,
        "date",
        help="状态为“已退出”时必填。",
        example="",
    ),
    Column(
        "退出原因",
        "leave_reason",
        20,
        help="填写退出日期时必填，如 工作调动、考核不合格、缺勤超三分之一。",
        example="",
    ),
    Column(
        "身份证号",
        "id_number",
        22,
        "secret",
        aliases=("身份证号码", "身份证"),
        help="18 位。导出时可能打码，原样导回不会改动已存号码。",
        example="",
    ),
)
HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS)
REQUIRED_HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS if c.required)
_FIELD_HEADER: dict[str, str] = {c.field: c.header for c in COLUMNS} | {"stage": "状态"}
_DATA_FIELD = {"status": "stage"}  # column field → MemberData field, where they differ

Action = str  # "add" | "update" | "unchanged" | "error"
ACTIONS: tuple[str, ...] = ("add", "update", "unchanged", "error")


class RosterImportError(Exception):
    """The workbook cannot be imported at all, or the import was refused; ``message`` is in
    the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RowProblem(NamedTuple):
    column: str  # the column header (Chinese), or "" for the row as a whole
    message: str


class ImportProblem(NamedTuple):
    row: int  # Excel's 1-based row number
    column: str
    message: str

    def line(self) -> str:
        if self.column:
            return messages.text(
                "row_problem", row=self.row, column=self.column, problem=self.message
            )
        return messages.text("row_problem_nocol", row=self.row, problem=self.message)


@dataclass(frozen=True)
class RosterPreviewRow:
    row_number: int  # Excel's 1-based row number
    data: MemberData | None  # None when the row could not be parsed
    action: Action
    membership_id: int | None = None  # the matched membership (update / unchanged)
    problems: list[RowProblem] = field(default_factory=list)
    changed_fields: tuple[str, ...] = ()  # MemberData fields an update changes


@dataclass(frozen=True)
class RosterPreview:
    path: Path
    sheet: str
    header_row: int
    rows: list[RosterPreviewRow]
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[ImportProblem]:
        return [
            ImportProblem(r.row_number, p.column, p.message) for r in self.rows for p in r.problems
        ]

    def problem_lines(self) -> list[str]:
        """One line per problem: 第 3 行，出生日期 列：…"""
        return [p.line() for p in self.problems]

    @property
    def counts(self) -> dict[str, int]:
        """Rows per action: {"add": …, "update": …, "unchanged": …, "error": …}."""
        counter = Counter(r.action for r in self.rows)
        return {action: counter.get(action, 0) for action in ACTIONS}

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ImportCounts:
    added: int
    updated: int
    unchanged: int

    def __str__(self) -> str:
        return messages.text(
            "import_counts", added=self.added, updated=self.updated, unchanged=self.unchanged
        )


# --- writing ---


def write_roster(path: Path, rows: list[RosterRow], mask: bool) -> Path:
    """The roster as a workbook (sheet 名册, header in row 1); returns the file written."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    _write_header(ws)
    for r, row in enumerate(rows, start=2):
        values = _row_values(row.masked() if mask else row)
        for c, column in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=r, column=c, value=values[column.field])
            if column.kind == "date":
                cell.number_format = DATE_FORMAT
            elif column.kind == "secret":
                cell.number_format = TEXT_FORMAT
    return save_workbook(wb, path)


def write_template(path: Path) -> Path:
    """A blank roster for the user to fill in, with a 说明 sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    _write_header(ws)
    _write_help(wb.create_sheet(HELP_SHEET_NAME))
    return save_workbook(wb, path)


def _row_values(row: RosterRow) -> dict[str, Any]:
    left = row.status == STATUS_LEFT or row.left_on is not None
    return {
        "name": row.name,
        "gender": _zh(Gender, row.gender),
        "birth_date": row.birth_date,
        "school": row.school,
        "rural": None if row.rural is None else ("是" if row.rural else "否"),
        "title": _zh(TeachingTitle, row.title),
        "head_teacher_since": row.head_teacher_since,
        "teaching_since": row.teaching_since,
        "in_post": None if row.in_post is None else ("是" if row.in_post else "否"),
        "training_tier": _zh(TrainingTier, row.training_tier),
        "role": _zh(Role, row.role),
        "status": LEFT_STATUS_ZH if left else _zh(Stage, row.stage),
        "joined_on": row.joined_on,
        "phone": row.phone,
        "note": row.note,
        "honours": row.honours,
        "agreement_signed_on": row.agreement_signed_on,
        "left_on": row.left_on,
        "leave_reason": row.leave_reason,
        "id_number": row.id_number,
    }


def _zh(vocab: type[Vocab], code: str | None) -> str | None:
    if not code:
        return None
    try:
        return vocab.from_code(code).zh
    except ValueError:
        return code  # an unknown code is written as is rather than lost


def _write_header(ws: Worksheet) -> None:
    bold = Font(bold=True)
    required = Font(bold=True, color="C00000")
    fill = PatternFill("solid", fgColor="DDEBF7")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for c, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=c, value=column.header)
        cell.font = required if column.required else bold
        cell.fill = fill
        cell.alignment = centre
        letter = get_column_letter(c)
        dimension = ws.column_dimensions[letter]
        dimension.width = column.width
        if column.kind == "date":
            dimension.number_format = DATE_FORMAT
        elif column.kind == "secret":
            dimension.number_format = TEXT_FORMAT
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    # Drop-down lists as a help only: other accepted words (学员, Y) may still be typed.
    choices = {
        "gender": [g.zh for g in Gender],
        "rural": ["是", "否"],
        "in_post": ["是", "否"],
        "training_tier": [t.zh for t in TrainingTier],
        "title": [t.zh for t in TeachingTitle],
        "role": [r.zh for r in Role],
        "status": [s.zh for s in Stage] + [LEFT_STATUS_ZH],
    }
    for c, column in enumerate(COLUMNS, start=1):
        words = choices.get(column.field)
        if not words:
            continue
        validation = DataValidation(
            type="list", formula1='"' + ",".join(words) + '"', allow_blank=True
        )
        validation.showErrorMessage = False
        letter = get_column_letter(c)
        validation.add(f"{letter}2:{letter}{_VALIDATION_ROWS}")
        ws.add_data_validation(validation)


def _write_help(ws: Worksheet) -> None:
    ws.append(["列名", "是否必填", "填写说明", "示例"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        ws.append([column.header, "必填" if column.required else "", column.help, column.example])
    ws.append([])
    notes = (
        "填写须知",
        "1. 表头（列名）须在前 5 行之内；列的顺序不限，列名前后的空格和括号中的提示会被忽略；不认识的列不导入。",
        "2. 空行会被跳过。日期可写 2025-09-01、2025/9/1 或 2025年9月1日，也可用 Excel 的日期格式。",
        "3. 导入前先显示预览：新增、更新、未变、有误。只要有一处错误，就不会写入任何数据。",
        "4. 已在名册中的人（姓名与出生日期相同）按本表更新；本表没有的列，保留原有内容。",
        "5. 打码的电话、身份证号（如 138****5678）只能用于已在名册中的人，且须与已存号码一致。",
        "6. 同一人退出后再次加入，每段经历各占一行（以退出日期区分）。",
    )
    for note in notes:
        ws.append([note])
    ws.cell(row=len(COLUMNS) + 3, column=1).font = Font(bold=True)
    for letter, width in zip("ABCD", (20, 10, 70, 18), strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=2, max_row=len(COLUMNS) + 1):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"


# --- reading ---


def read_roster(path: Path, members: MemberService) -> RosterPreview:
    """Parse the workbook and compare it with the roster. Never writes to the database."""
    path = Path(path)
    with open_book(path, RosterImportError) as book:
        sheet, header_row, columns, ignored = _find_table(book)
        sheet.refuse_formulas_without_value(header_row, {i: c.header for i, c in columns.items()})
        cells = sheet.rows(header_row)
    present = {c.field for c in columns.values()}
    missing = [c.header for c in COLUMNS if c.required and c.field not in present]
    if missing:
        raise RosterImportError(messages.text("missing_columns", columns="、".join(missing)))

    parsed: list[_Parsed] = []
    for number, values in cells:
        raw = {
            column.field: _cell_value(column, values[index] if index < len(values) else None)
            for index, column in columns.items()
        }
        if all(_blank(v) for v in raw.values()):
            continue
        parsed.append(_parse_row(number, raw, members.today()))
    if not parsed:
        raise RosterImportError(messages.text("empty_sheet"))

    roster = members.roster()
    rows = _one_person_per_id_number(
        _Matcher(roster, present, members.today()).match(parsed), roster
    )
    return RosterPreview(
        path=path, sheet=sheet.title, header_row=header_row, rows=rows, ignored_columns=ignored
    )


def apply_import(preview: RosterPreview, members: MemberService) -> ImportCounts:
    """Write every add and update of the preview in one transaction, or nothing."""
    problems = preview.problems
    if problems:
        raise RosterImportError(messages.text("import_has_problems", count=len(problems)))
    adds = [r.data for r in preview.rows if r.action == "add" and r.data is not None]
    # Ended memberships first: adding one while the same person is already on the
    # current roster would look like a duplicate.
    adds.sort(key=lambda d: (d.left_on is None, d.left_on or dt.date.min))
    updates = [
        (r.membership_id, r.data)
        for r in preview.rows
        if r.action == "update" and r.data is not None and r.membership_id is not None
    ]
    if adds or updates:
        try:
            members.apply_rows(adds, updates)
        except ValidationError as error:
            raise RosterImportError(
                messages.text(
                    "import_failed", problems="；".join(p.message for p in error.problems)
                )
            ) from error
        except LookupError as error:  # the roster changed since the preview
            raise RosterImportError(messages.text("import_failed", problems=str(error))) from error
    counts = preview.counts
    return ImportCounts(added=len(adds), updated=len(updates), unchanged=counts["unchanged"])


_HEADER_LOOKUP: dict[str, Column] = {
    header_key(word): column for column in COLUMNS for word in (column.header, *column.aliases)
}
_NAME_KEY = header_key("姓名")


def _find_table(book: Book) -> tuple[Sheet, int, dict[int, Column], list[str]]:
    """The first worksheet with a header row; returns (sheet, header row number,
    column index → Column, ignored headers)."""
    for ws in table_sheets(book, HELP_SHEET_NAME):
        for number, values in enumerate(ws.head(HEADER_SEARCH_ROWS), start=1):
            if _NAME_KEY not in [header_key(v) for v in values]:
                continue
            columns, ignored = match_columns(values, _HEADER_LOOKUP)
            return ws, number, columns, ignored
    raise RosterImportError(messages.text("no_header"))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_value(column: Column, value: Any) -> Any:
    """What a cell holds, made ready for parse_member."""
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, bool) or value is None:
        return value
    if column.kind == "date" and isinstance(value, (int, float)):
        number = int(value)
        if number == value and 10_000_000 <= number <= 99_999_999:  # 20250901
            text = str(number)
            return f"{text[:4]}-{text[4:6]}-{text[6:]}"
        if 10_000 <= value < 100_000:  # an Excel day number whose date format was lost
            return from_excel(value).date()
    if column.kind == "secret" and column.field == "id_number" and isinstance(value, int):
        return str(value)
    if column.kind == "text" and isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    return value


@dataclass
class _Parsed:
    row_number: int
    raw: dict[str, Any]
    data: MemberData | None
    problems: list[Problem]
    keep_stage: bool  # 状态 blank or 已退出: a matched row keeps its stored stage


def _parse_row(number: int, raw: dict[str, Any], today: dt.date) -> _Parsed:
    status = raw.get("status")
    left_words = {normalise_word(a) for a in LEFT_STATUS_ALIASES}
    keep_stage = _blank(status) or normalise_word(str(status)) in left_words
    try:
        data = parse_member(raw, today=today)
    except ValidationError as error:
        return _Parsed(number, raw, None, list(error.problems), keep_stage)
    return _Parsed(number, raw, data, [], keep_stage)


def _row_problem(p: Problem) -> RowProblem:
    return RowProblem(_FIELD_HEADER.get(p.field, ""), p.message)


def _same_person(
    a_name: str, a_birth: dt.date | None, b_name: str, b_birth: dt.date | None
) -> bool:
    return a_name == b_name and (a_birth is None or b_birth is None or a_birth == b_birth)


def _one_person_per_id_number(
    rows: list[RosterPreviewRow], roster: list[RosterRow]
) -> list[RosterPreviewRow]:
    """An ID-card number belongs to one person: rows of two people with the same number
    are both refused, each naming the other's row, and so is a row whose number is
    another person's on the roster. (One person's two spells may repeat it.)"""
    person_of = {r.membership_id: r.person_id for r in roster}
    known = [r for r in roster if r.id_number and not is_masked(r.id_number)]
    owners = {r.id_number.upper(): r for r in known}
    own = {r.person_id: r.id_number.upper() for r in known}  # a clash already stored is not new
    groups: dict[str, list[RosterPreviewRow]] = {}
    for row in rows:
        number = row.data.id_number if row.data is not None else None
        if number and not is_masked(number):
            groups.setdefault(number.upper(), []).append(row)

    def same(a: RosterPreviewRow, b: RosterPreviewRow) -> bool:
        pa, pb = person_of.get(a.membership_id), person_of.get(b.membership_id)
        if pa is not None and pb is not None:
            return pa == pb
        return _same_person(a.data.name, a.data.birth_date, b.data.name, b.data.birth_date)

    found: dict[int, list[Problem]] = {}
    for number, group in groups.items():
        shown = mask_id_number(number)
        owner = owners.get(number)
        for row in group:
            person = person_of.get(row.membership_id)
            if owner is not None and person != owner.person_id and own.get(person) != number:
                found.setdefault(row.row_number, []).append(
                    problem("id_number", "id_number_taken", value=shown, name=owner.name)
                )
            others = [o for o in group if o is not row and not same(row, o)]
            if others:
                found.setdefault(row.row_number, []).append(
                    problem(
                        "id_number",
                        "id_number_repeated",
                        value=shown,
                        rows="、".join(str(o.row_number) for o in others),
                        names="、".join(dict.fromkeys(o.data.name for o in others)),
                    )
                )
    return [
        replace(
            row,
            action="error",
            problems=[*row.problems, *(_row_problem(p) for p in found[row.row_number])],
        )
        if row.row_number in found
        else row
        for row in rows
    ]


def _secret_text(value: Any) -> str:
    return "".join(str(value).split())


class _Matcher:
    """Pairs parsed rows with memberships (see the module's notes), then decides each
    row's action."""

    def __init__(self, roster: list[RosterRow], present: set[str], today: dt.date):
        self.roster = roster
        self.present = present  # column fields the sheet has
        self.absent = [
            f for f in MemberData.field_names() if f not in {_DATA_FIELD.get(p, p) for p in present}
        ]
        self.today = today
        self.claimed: dict[int, int] = {}  # membership id → row number

    def match(self, parsed: list[_Parsed]) -> list[RosterPreviewRow]:
        target: dict[int, RosterRow | None] = {}
        duplicate_of: dict[int, int] = {}
        candidates = {p.row_number: self._candidates(p.data) for p in parsed if p.data is not None}
        # Pass 1: rows that name one of a person's memberships exactly.
        for p in parsed:
            if p.data is None:
                continue
            preferred, _ = candidates[p.row_number]
            if not preferred:
                continue
            best = preferred[0]
            free = [c for c in preferred if c.membership_id not in self.claimed]
            if best.membership_id in self.claimed and (
                not free or best.birth_date == p.data.birth_date
            ):
                # The membership this row names best is an earlier row's: the same
                # person twice. (A row without a birth date that could also be another
                # namesake takes that one instead.)
                duplicate_of[p.row_number] = self.claimed[best.membership_id]
            else:
                target[p.row_number] = self._claim(free, p)
        # Pass 2: the others take a remaining membership of the person, or are new.
        for p in parsed:
            if p.data is None or p.row_number in target or p.row_number in duplicate_of:
                continue
            preferred, fallback = candidates[p.row_number]
            free = [c for c in fallback if c.membership_id not in self.claimed]
            if free:
                target[p.row_number] = self._claim(free, p)
            elif fallback:
                duplicate_of[p.row_number] = self.claimed[fallback[0].membership_id]
            else:
                target[p.row_number] = None
        # New people named twice in the file.
        new_rows: list[_Parsed] = []
        for p in parsed:
            if p.data is None or p.row_number not in target or target[p.row_number] is not None:
                continue
            for earlier in new_rows:
                if (
                    _same_person(
                        p.data.name, p.data.birth_date, earlier.data.name, earlier.data.birth_date
                    )
                    and p.data.left_on == earlier.data.left_on
                ):
                    duplicate_of[p.row_number] = earlier.row_number
                    break
            else:
                new_rows.append(p)
        return [
            self._decide(p, target.get(p.row_number), duplicate_of.get(p.row_number))
            for p in parsed
        ]

    def _candidates(self, data: MemberData) -> tuple[list[RosterRow], list[RosterRow]]:
        """(memberships this row names exactly, memberships it may take otherwise),
        best first."""
        same = [
            r for r in self.roster if _same_person(r.name, r.birth_date, data.name, data.birth_date)
        ]

        def rank(r: RosterRow) -> tuple:
            return (
                r.birth_date is not None and r.birth_date == data.birth_date,
                r.is_current,
                r.joined_on is not None and r.joined_on == data.joined_on,
                r.membership_id,
            )

        same.sort(key=rank, reverse=True)
        if "left_on" not in self.present:
            return [r for r in same if r.is_current], [r for r in same if not r.is_current]
        preferred = [r for r in same if r.left_on == data.left_on]
        fallback = [r for r in same if r.left_on != data.left_on] if data.left_on else []
        return preferred, fallback

    def _claim(self, free: list[RosterRow], p: _Parsed) -> RosterRow:
        chosen = free[0]
        self.claimed[chosen.membership_id] = p.row_number
        return chosen

    def _decide(
        self, p: _Parsed, existing: RosterRow | None, duplicate_of: int | None
    ) -> RosterPreviewRow:
        if p.data is None:
            return RosterPreviewRow(
                p.row_number, None, "error", problems=[_row_problem(x) for x in p.problems]
            )
        data = p.data
        if duplicate_of is not None:
            issue = problem("name", "duplicate_in_file", name=data.name, other=duplicate_of)
            return RosterPreviewRow(p.row_number, data, "error", problems=[_row_problem(issue)])
        problems: list[Problem] = []
        if existing is None:
            for name in ("phone", "id_number"):
                value = getattr(data, name)
                if is_masked(value):
                    problems.append(problem(name, "masked_value_new", value=_secret_text(value)))
            if problems:
                return RosterPreviewRow(
                    p.row_number, data, "error", problems=[_row_problem(x) for x in problems]
                )
            return RosterPreviewRow(p.row_number, data, "add")

        stored = existing.as_member_data()
        changes: dict[str, Any] = {f: getattr(stored, f) for f in self.absent}
        if p.keep_stage and "status" in self.present:
            changes["stage"] = stored.stage
        for name, masker in (("phone", mask_phone), ("id_number", mask_id_number)):
            value = getattr(data, name)
            if name in self.absent or not is_masked(value):
                continue
            shown = _secret_text(value)
            stored_value = getattr(stored, name)
            if stored_value and masker(stored_value) == shown:
                changes[name] = stored_value  # the export's mask stands for the stored number
            else:
                problems.append(problem(name, "masked_value_new", value=shown))
        if problems:
            return RosterPreviewRow(
                p.row_number,
                data,
                "error",
                existing.membership_id,
                [_row_problem(x) for x in problems],
            )
        merged = replace(data, **changes)
        if self.absent:
            # Fields kept from the roster meet the file's fields: check the whole again.
            try:
                parse_member(asdict(merged), today=self.today)
            except ValidationError as error:
                return RosterPreviewRow(
                    p.row_number,
                    merged,
                    "error",
                    existing.membership_id,
                    [_row_problem(x) for x in error.problems],
                )
        if merged == stored:
            return RosterPreviewRow(p.row_number, merged, "unchanged", existing.membership_id)
        changed = tuple(
            f for f in MemberData.field_names() if getattr(merged, f) != getattr(stored, f)
        )
        return RosterPreviewRow(
            p.row_number, merged, "update", existing.membership_id, changed_fields=changed
        )
