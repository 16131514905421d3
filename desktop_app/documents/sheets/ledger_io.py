"""The funding ledger (经费台账) in and out of Excel: one layout for both, so that an
exported ledger re-imports with nothing to add.

Writing: ``write_ledger_workbook`` writes sheet 经费台账 (header in row 1, one entry a row,
oldest first) and a 说明 sheet. The columns are those of the import:

    日期, 收支 (收入/支出), 金额, 类别, 摘要, 凭证号, 收款方/来源, 经办人

and the optional ones the import also reads: 审批人, 超支原因, 冲销凭证号, 冲销原因.
Dates are date cells (yyyy-mm-dd); amounts are numbers (``Decimal(fen) / 100``, shown
#,##0.00), exact to the fen. For an income, 类别 holds its source (学校核拨专项经费,
教育局拨款, 其他收入) and 收款方/来源 the paying body.

Reading is in two steps, as for the roster: ``read_ledger_workbook`` parses the workbook
into a ``LedgerImportPreview`` (one row per data row: add, skip or error, each problem
named by row and column; nothing is written) and ``apply_ledger_import`` writes every
row to add in ONE transaction (``LedgerService.add_many``), or nothing.

Choices where the rules leave room:

* The sheet: the first worksheet (skipping one named 说明) with a header row, i.e. a row
  holding the columns 日期 and 金额, within its first 5 rows. Headers are matched as in
  the roster (NFKC, spaces, stars and a trailing bracketed hint dropped: 金额（元） is
  金额); a few other words are accepted (用途 → 摘要, 收款方 → 收款方/来源, …). Required
  columns: 日期, 收支, 金额, 摘要. Unknown columns are ignored and listed.
* Every row is checked exactly as the ledger checks an entry typed by hand (the same
  code): a real date not after today and outside closed periods, an amount such as 3000,
  3,000.50 or 3000元 (negative, more than two decimals or no number is refused), 收支 one
  of 收入/支出, a known category for an expense, the voucher number used by no other
  standing entry (in the ledger or the file).
* Duplicates: a row identical to an entry already in the ledger (same date, 收支, amount,
  类别, 摘要, 收款方/来源, 经办人 and 凭证号, the empty voucher included) is skipped,
  not imported again; a row with a stored entry's voucher that differs from it is an
  error. Identical rows are counted: three identical rows against two identical stored
  entries add one.
* Reversals round-trip: a reversal is written with 收支 冲销支出 (or 冲销收入), its own
  amount (positive, the amount it undoes), the voucher of the entry it reverses in 冲销凭证号
  and its reason in 冲销原因. A row whose 收支 starts with 冲销 (also 红冲, 冲正) is
  imported as the reversal of the entry named by 冲销凭证号 (or, when empty, its own
  凭证号): the nearest row above it in the file with that voucher and direction that no
  other reversal row took, else the stored entry with that voucher. An entry without a
  voucher is found by its 摘要 (the reversal's 摘要 without the “冲销：” in front). The
  amount must equal the original's, the date must not be before it, 冲销原因 is required;
  摘要, 类别 and 收款方 of a reversal row are taken from the original, as when reversing by
  hand. A reversal already in the ledger with the same date is skipped.
* The ring-fence (专款专用) is checked across the whole file in date order, starting from
  each fiscal year's stored balance: a row that takes money out and leaves its year below
  zero needs its 超支原因 filled, or it is a problem of that row and the import is
  refused whole — the same rule as adding the rows one by one by hand in date order.
* Any problem blocks the whole import.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

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
from desktop_app.documents.sheets.roster_io import (
    HELP_SHEET_NAME,
    ImportProblem,
    RowProblem,
    _blank,
)
from desktop_app.documents.sheets.workbook_file import save_workbook
from desktop_app.domain import messages
from desktop_app.domain.ledger import REVERSAL_PREFIX, Direction, IncomeSource, entry_kind_zh
from desktop_app.domain.money import format_fen, parse_money
from desktop_app.domain.parsing import normalise_text, parse_date, parse_text
from desktop_app.domain.problems import Problem, ValidationError, problem
from desktop_app.services.ledger import EntryInfo, EntryInput, ReversalInput

SHEET_NAME = "经费台账"
DATE_FORMAT = "yyyy-mm-dd"
AMOUNT_FORMAT = "#,##0.00"
TEXT_FORMAT = "@"
_REVERSAL_WORDS = ("冲销", "红冲", "冲正", "冲账")
_VALIDATION_ROWS = 2000

ACTION_ADD = "add"
ACTION_SKIP = "skip"  # already in the ledger: not imported again
ACTION_ERROR = "error"
ACTIONS = (ACTION_ADD, ACTION_SKIP, ACTION_ERROR)


@dataclass(frozen=True)
class LedgerColumn:
    header: str
    field: str  # an EntryInput field, or direction / reversal_voucher / reversal_reason
    width: int
    kind: str = "text"  # text, date, amount
    required: bool = False
    aliases: tuple[str, ...] = ()
    help: str = ""


COLUMNS: tuple[LedgerColumn, ...] = (
    LedgerColumn(
        "日期",
        "date",
        12,
        "date",
        True,
        ("记账日期", "发生日期", "业务日期"),
        "必填。如 2025-03-12、2025/3/12，或 Excel 日期；不能晚于今天，不能在已结账期间内。",
    ),
    LedgerColumn(
        "收支",
        "direction",
        10,
        required=True,
        aliases=("收支类型", "收/支", "收入/支出", "方向"),
        help="必填。收入 或 支出；冲销行填 冲销支出 或 冲销收入（见下方说明）。",
    ),
    LedgerColumn(
        "金额",
        "amount",
        14,
        "amount",
        True,
        ("金额元", "发生额"),
        "必填，单位元，最多两位小数，如 3000、3,000.50、3000元；不能为负数或 0。",
    ),
    LedgerColumn(
        "类别",
        "category",
        14,
        aliases=("开支类别", "支出类别", "经费类别", "类别/来源", "收入来源"),
        help="支出填开支类别（本工作室的类别之一）；收入填来源：学校核拨专项经费、教育局拨款 或 其他收入"
        "（不填为其他收入）。",
    ),
    LedgerColumn(
        "摘要",
        "purpose",
        32,
        required=True,
        aliases=("用途", "事由", "内容", "摘要说明"),
        help="必填，不超过 500 字。",
    ),
    LedgerColumn(
        "凭证号",
        "voucher_no",
        14,
        aliases=("凭证编号", "票据号", "发票号", "单据号"),
        help="每张凭证只能用于一笔有效的账；被冲销的账的凭证号可用于更正后的那笔。",
    ),
    LedgerColumn(
        "收款方/来源",
        "payee",
        22,
        aliases=("收款方", "收款单位", "收款人", "来源", "来源单位", "付款单位", "拨款单位"),
        help="支出填收款方；收入填拨款单位。",
    ),
    LedgerColumn("经办人", "handler", 10, help="经手的人。"),
    LedgerColumn("审批人", "approver", 10, aliases=("批准人",), help="选填。"),
    LedgerColumn(
        "超支原因",
        "override_reason",
        26,
        aliases=("超支说明",),
        help="一笔支出使当年经费余额为负时必填（专款专用），否则整个文件不予导入。",
    ),
    LedgerColumn(
        "冲销凭证号",
        "reversal_voucher",
        14,
        aliases=("原凭证号", "被冲销凭证号"),
        help="冲销行填被冲销那笔的凭证号（不填则用本行凭证号）。",
    ),
    LedgerColumn("冲销原因", "reversal_reason", 26, aliases=("冲销说明",), help="冲销行必填。"),
)
HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS)
_FIELD_HEADER = {c.field: c.header for c in COLUMNS} | {"source": "类别"}
_HEADER_LOOKUP: dict[str, LedgerColumn] = {
    header_key(word): c for c in COLUMNS for word in (c.header, *c.aliases)
}
_DATE_KEY, _AMOUNT_KEY = header_key("日期"), header_key("金额")

_SOURCE_WORDS: dict[str, IncomeSource] = {
    **{s.zh: s for s in IncomeSource},
    **{s.value: s for s in IncomeSource},
    "学校核拨": IncomeSource.GRANT,
    "学校拨款": IncomeSource.GRANT,
    "专项经费": IncomeSource.GRANT,
    "学校专项经费": IncomeSource.GRANT,
    "教育局": IncomeSource.BUREAU,
    "教育局拨款": IncomeSource.BUREAU,
    "局拨款": IncomeSource.BUREAU,
    "其他": IncomeSource.OTHER,
}


class LedgerImportError(Exception):
    """The workbook cannot be imported at all, or the import was refused; ``message`` is
    in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- the preview ---


@dataclass(frozen=True)
class LedgerPreviewRow:
    row_number: int  # Excel's 1-based row number
    action: str  # add, skip (already in the ledger) or error
    kind: str  # 收支 as read: 收入, 支出, 冲销支出, 冲销收入 (or the cell's text)
    date: dt.date | None
    amount_fen: int | None
    purpose: str  # 摘要 (a reversal: of the entry it reverses, when found)
    item: EntryInput | ReversalInput | None = None  # what add_many gets (add rows)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def is_reversal(self) -> bool:
        return self.kind.startswith(REVERSAL_PREFIX)


@dataclass(frozen=True)
class LedgerImportPreview:
    path: Path
    sheet: str
    header_row: int
    rows: list[LedgerPreviewRow]
    items: list[EntryInput | ReversalInput]  # the add rows' items, in file order
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[ImportProblem]:
        return [
            ImportProblem(r.row_number, p.column, p.message) for r in self.rows for p in r.problems
        ]

    def problem_lines(self) -> list[str]:
        """One line per problem: 第 3 行，金额 列：…"""
        return [p.line() for p in self.problems]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def counts(self) -> dict[str, int]:
        counter = Counter(r.action for r in self.rows)
        return {action: counter.get(action, 0) for action in ACTIONS}

    def outcome(self) -> LedgerImportCounts:
        """What the import writes: the entries it adds (reversals among them) and the rows
        already in the ledger."""
        adds = [r for r in self.rows if r.action == ACTION_ADD]
        return LedgerImportCounts(
            added=len(adds),
            reversals=sum(r.is_reversal for r in adds),
            skipped=self.counts[ACTION_SKIP],
        )

    def summary(self) -> str:
        """新增 3 笔（其中冲销 1 笔），已在台账中 12 笔"""
        return str(self.outcome())


@dataclass(frozen=True)
class LedgerImportCounts:
    """What an import of the ledger workbook wrote; ``str()`` words it for the user."""

    added: int
    reversals: int  # among the added
    skipped: int  # already in the ledger

    def __str__(self) -> str:
        return messages.text(
            "ledger_import_counts",
            added=self.added,
            reversals=self.reversals,
            skipped=self.skipped,
        )


# --- writing ---


def amount_cell_value(fen: int) -> Decimal:
    """The exact amount in yuan for a number cell: 300050 → Decimal('3000.5')."""
    return Decimal(fen) / 100


def write_ledger_workbook(services, year: int | None, path: Path) -> Path:
    """The entries of fiscal year ``year`` (every entry when None) as a workbook in the
    import's layout; returns the file written (``.xlsx`` appended when the target has
    another suffix)."""
    ledger = services.ledger
    entries = ledger.entries(year=year)
    every = {e.id: e for e in (entries if year is None else ledger.entries())}
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    _write_header(ws, ledger.categories())
    for r, entry in enumerate(entries, start=2):
        values = _row_values(entry, every)
        for c, column in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=r, column=c, value=values[column.field])
            if column.kind == "date":
                cell.number_format = DATE_FORMAT
            elif column.kind == "amount":
                cell.number_format = AMOUNT_FORMAT
            elif column.field in ("voucher_no", "reversal_voucher"):
                cell.number_format = TEXT_FORMAT
    _write_help(wb.create_sheet(HELP_SHEET_NAME))
    return save_workbook(wb, path)


def category_text(entry: EntryInfo) -> str | None:
    """类别 as written: an expense's category, an income's source in Chinese."""
    if entry.direction is Direction.EXPENSE:
        return entry.category
    try:
        return IncomeSource(entry.source or IncomeSource.OTHER.value).zh
    except ValueError:
        return entry.source


def _row_values(entry: EntryInfo, every: dict[int, EntryInfo]) -> dict[str, Any]:
    original = every.get(entry.reverses_id) if entry.reverses_id else None
    return {
        "date": entry.date,
        "direction": entry_kind_zh(entry.direction, entry.is_reversal),
        "amount": amount_cell_value(entry.amount_fen),
        "category": category_text(entry),
        "purpose": entry.purpose,
        "voucher_no": entry.voucher_no,
        "payee": entry.payee,
        "handler": entry.handler,
        "approver": entry.approver,
        "override_reason": entry.override_reason,
        "reversal_voucher": (original.voucher_no if original else entry.voucher_no)
        if entry.is_reversal
        else None,
        "reversal_reason": entry.reversal_reason,
    }


def _write_header(ws: Worksheet, categories: list[str]) -> None:
    bold = Font(bold=True)
    required = Font(bold=True, color="C00000")
    fill = PatternFill("solid", fgColor="DDEBF7")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for c, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=c, value=column.header)
        cell.font = required if column.required else bold
        cell.fill = fill
        cell.alignment = centre
        dimension = ws.column_dimensions[get_column_letter(c)]
        dimension.width = column.width
        if column.kind == "date":
            dimension.number_format = DATE_FORMAT
        elif column.kind == "amount":
            dimension.number_format = AMOUNT_FORMAT
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.right.text = "第 &P 页，共 &N 页"
    ws.oddFooter.right.size = 8
    # Drop-down lists as a help only: other accepted words may still be typed.
    kinds = ["收入", "支出", "冲销支出", "冲销收入"]
    words = {
        "direction": kinds,
        "category": [*categories, *(s.zh for s in IncomeSource)],
    }
    for c, column in enumerate(COLUMNS, start=1):
        choices = words.get(column.field)
        formula = '"' + ",".join(choices or []) + '"'
        if not choices or len(formula) > 255:  # Excel's limit for a literal list
            continue
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
        validation.showErrorMessage = False
        letter = get_column_letter(c)
        validation.add(f"{letter}2:{letter}{_VALIDATION_ROWS}")
        ws.add_data_validation(validation)


def _write_help(ws: Worksheet) -> None:
    ws.append(["列名", "是否必填", "填写说明"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        ws.append([column.header, "必填" if column.required else "", column.help])
    ws.append([])
    notes = (
        "填写须知",
        "1. 表头须在前 5 行之内；列的顺序不限，不认识的列不导入。每行一笔账，空行跳过。",
        "2. 导入前先显示预览：新增、已在台账中（跳过）、有误。只要有一处错误，就不会写入任何数据。",
        "3. 与台账中已有的一笔完全相同（日期、收支、金额、类别、摘要、凭证号、收款方/来源、经办人）的行"
        "不会重复导入：导出的台账原样导回，不会新增任何一笔。",
        "4. 冲销（红字冲销）：收支填“冲销支出”或“冲销收入”，金额填被冲销那笔的金额（正数），"
        "冲销凭证号填被冲销那笔的凭证号，冲销原因必填；摘要、类别、收款方按原账。",
        "5. 专款专用：按日期顺序，一笔支出使当年经费余额为负时，须在“超支原因”中说明，否则整个文件不予导入。",
        "6. 已结账期间内的日期不能再记账；已记的账不能修改或删除，更正请用冲销。",
    )
    for note in notes:
        ws.append([note])
    ws.cell(row=len(COLUMNS) + 3, column=1).font = Font(bold=True)
    for letter, width in zip("ABC", (14, 10, 90), strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=2, max_row=len(COLUMNS) + 1):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"


# --- reading ---


def read_ledger_workbook(path: Path, services) -> LedgerImportPreview:
    """Parse the workbook and compare it with the ledger. Never writes."""
    path = Path(path)
    with open_book(path, LedgerImportError) as book:
        sheet, header_row, columns, ignored = _find_table(book)
        sheet.refuse_formulas_without_value(header_row, {i: c.header for i, c in columns.items()})
        cells = sheet.rows(header_row)
        sheet_name = sheet.title
    present = {c.field for c in columns.values()}
    missing = [c.header for c in COLUMNS if c.required and c.field not in present]
    if missing:
        raise LedgerImportError(messages.text("missing_columns", columns="、".join(missing)))
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, values in cells:
        raw = {
            column.field: _cell_value(column, values[index] if index < len(values) else None)
            for index, column in columns.items()
        }
        if all(_blank(v) for v in raw.values()):
            continue
        rows.append((number, raw))
    if not rows:
        raise LedgerImportError(messages.text("empty_sheet"))
    return _Reader(services).read(path, sheet_name, header_row, rows, ignored)


def apply_ledger_import(preview: LedgerImportPreview, services) -> LedgerImportCounts:
    """Write every row to add in ONE transaction (cause "经费台账导入：<file name>"), or
    nothing; returns what was written. Refused (LedgerImportError) while the preview has
    problems, or when the ledger changed since the preview so that a row no longer
    passes."""
    if preview.problems:
        raise LedgerImportError(messages.text("import_has_problems", count=len(preview.problems)))
    if preview.items:
        try:
            services.ledger.add_many(preview.items, cause=f"经费台账导入：{preview.path.name}")
        except ValidationError as error:
            raise LedgerImportError(
                messages.text(
                    "import_failed", problems="；".join(p.message for p in error.problems)
                )
            ) from error
        except LookupError as error:  # an entry went since the preview
            raise LedgerImportError(messages.text("import_failed", problems=str(error))) from error
    return preview.outcome()


def _find_table(book: Book) -> tuple[Sheet, int, dict[int, LedgerColumn], list[str]]:
    for ws in table_sheets(book, HELP_SHEET_NAME):
        for number, values in enumerate(ws.head(HEADER_SEARCH_ROWS), start=1):
            keys = [header_key(v) for v in values]
            if _DATE_KEY not in keys or _AMOUNT_KEY not in keys:
                continue
            columns, ignored = match_columns(values, _HEADER_LOOKUP)
            return ws, number, columns, ignored
    raise LedgerImportError(messages.text("no_ledger_header"))


def _cell_value(column: LedgerColumn, value: Any) -> Any:
    if isinstance(value, str):
        return value if value.strip() else None
    if value is None or isinstance(value, bool):
        return value
    if column.kind == "date" and isinstance(value, (int, float)):
        number = int(value)
        if number == value and 10_000_000 <= number <= 99_999_999:  # 20250312
            text = str(number)
            return f"{text[:4]}-{text[4:6]}-{text[6:]}"
        if 10_000 <= value < 100_000:  # an Excel day number whose date format was lost
            return from_excel(value).date()
    if column.kind == "text" and isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    if column.kind == "text" and isinstance(value, dt.datetime):
        return value.date().isoformat()
    return value


def _kind(value: Any) -> tuple[bool, Direction | None]:
    """(is a reversal, direction) of a 收支 cell; direction None when not understood."""
    word = "".join(normalise_text(value).split())
    for prefix in _REVERSAL_WORDS:
        if word.startswith(prefix):
            rest = word.removeprefix(prefix)
            return True, Direction.parse(rest)
    return False, Direction.parse(word)


def _source(value: Any) -> str | None:
    """An income's source as its code, or the text as typed when not understood."""
    text = "".join(normalise_text(value).split())
    if not text:
        return None
    found = _SOURCE_WORDS.get(text)
    return found.value if found else text


def _strip_reversal(purpose: str | None) -> str | None:
    if not purpose:
        return purpose
    for prefix in ("冲销：", "冲销:", "冲销"):
        if purpose.startswith(prefix):
            return purpose.removeprefix(prefix).strip()
    return purpose


@dataclass
class _Standing:
    """A non-reversal row of the file, as a reversal row further down may name it."""

    row: int
    direction: Direction
    date: dt.date
    amount_fen: int
    voucher: str | None
    purpose: str | None
    category: str | None
    target: tuple[str, int]  # ("entry", id) for a skipped row, ("item", index) otherwise


class _Reader:
    def __init__(self, services):
        self.services = services
        self.ledger = services.ledger
        self.stored = self.ledger.entries()  # every entry, oldest first
        self.by_id = {e.id: e for e in self.stored}
        # Stored non-reversal entries by identity, oldest first: a row identical to one
        # of them is skipped (each stored entry answers for one row).
        self.pool: dict[tuple, list[EntryInfo]] = defaultdict(list)
        for e in self.stored:
            if not e.is_reversal:
                self.pool[self._stored_key(e)].append(e)
        self.items: list[EntryInput | ReversalInput] = []
        self.item_rows: list[int] = []  # the row of each item
        self.standing: list[_Standing] = []
        self.claimed: set[tuple[str, int]] = set()  # entries a reversal row took

    @staticmethod
    def _stored_key(e: EntryInfo) -> tuple:
        expense = e.direction is Direction.EXPENSE
        return (
            e.date,
            e.direction.value,
            e.amount_fen,
            e.category if expense else None,
            None if expense else (e.source or IncomeSource.OTHER.value),
            e.purpose,
            e.payee,
            e.voucher_no,
            e.handler,
        )

    def read(
        self,
        path: Path,
        sheet: str,
        header_row: int,
        rows: list[tuple[int, dict[str, Any]]],
        ignored: list[str],
    ) -> LedgerImportPreview:
        drafts: list[dict[str, Any]] = []
        for number, raw in rows:
            reversal, direction = _kind(raw.get("direction"))
            if reversal:
                drafts.append(self._reversal(number, raw, direction))
            else:
                drafts.append(self._entry(number, raw, direction))
        names = [messages.text("row_label", row=r) for r in self.item_rows]
        found = self.ledger.check_many(self.items, names) if self.items else []
        out: list[LedgerPreviewRow] = []
        for draft in drafts:
            problems: list[RowProblem] = draft["problems"]
            index = draft.get("index")
            if index is not None:
                for p in found[index]:
                    if draft.get("kind_problem") and p.field == "direction":
                        continue  # already said, with the reversal words
                    problems.append(_row_problem(p))
            action = draft["action"]
            if problems:
                action = ACTION_ERROR
            out.append(
                LedgerPreviewRow(
                    row_number=draft["row"],
                    action=action,
                    kind=draft["kind"],
                    date=draft.get("date"),
                    amount_fen=draft.get("amount_fen"),
                    purpose=draft.get("purpose") or "",
                    item=self.items[index] if index is not None else None,
                    problems=problems,
                )
            )
        return LedgerImportPreview(
            path=path,
            sheet=sheet,
            header_row=header_row,
            rows=out,
            items=list(self.items),
            ignored_columns=ignored,
        )

    def _add_item(self, row: int, item: EntryInput | ReversalInput) -> int:
        self.items.append(item)
        self.item_rows.append(row)
        return len(self.items) - 1

    # --- an income or an expense ---

    def _entry(self, row: int, raw: dict[str, Any], direction: Direction | None) -> dict:
        problems: list[RowProblem] = []
        kind_problem = False
        if direction is None:
            kind_problem = True
            if _blank(raw.get("direction")):
                problems.append(_row_problem(problem("direction", "required")))
            else:
                value = normalise_text(raw.get("direction"))
                problems.append(_row_problem(problem("direction", "bad_ledger_kind", value=value)))
        expense = direction is Direction.EXPENSE
        source = None
        if direction is Direction.INCOME:
            source = _source(raw.get("category")) or _source_of_payee(raw.get("payee"))
        data = EntryInput(
            direction=direction,
            date=raw.get("date"),
            amount=raw.get("amount"),
            purpose=raw.get("purpose"),
            category=raw.get("category") if expense else None,
            source=source,
            payee=raw.get("payee"),
            voucher_no=raw.get("voucher_no"),
            approver=raw.get("approver"),
            handler=raw.get("handler"),
            override_reason=raw.get("override_reason"),
        )
        light = _light(data)
        draft: dict[str, Any] = {
            "row": row,
            "kind": direction.zh if direction else normalise_text(raw.get("direction")),
            "problems": problems,
            "kind_problem": kind_problem,
        }
        if light is not None:
            draft.update(date=light["date"], amount_fen=light["amount_fen"])
            draft["purpose"] = light["purpose"]
        else:
            draft["purpose"] = normalise_text(raw.get("purpose"))
        key = _key(light) if light is not None and direction is not None else None
        if key is not None and self.pool.get(key) and not problems:
            stored = self.pool[key].pop(0)
            target = ("entry", stored.id)
            draft["action"] = ACTION_SKIP
        else:
            index = self._add_item(row, data)
            target = ("item", index)
            draft.update(action=ACTION_ADD, index=index)
        if light is not None and direction is not None:
            self.standing.append(
                _Standing(
                    row=row,
                    direction=direction,
                    date=light["date"],
                    amount_fen=light["amount_fen"],
                    voucher=light["voucher_no"],
                    purpose=light["purpose"],
                    category=light["category"] if expense else light["source"],
                    target=target,
                )
            )
        return draft

    # --- a reversal ---

    def _reversal(self, row: int, raw: dict[str, Any], direction: Direction | None) -> dict:
        problems: list[RowProblem] = []
        draft: dict[str, Any] = {
            "row": row,
            "kind": entry_kind_zh(direction, reversal=True)
            if direction
            else normalise_text(raw.get("direction")),
            "problems": problems,
            "action": ACTION_ADD,
        }

        def take(parse):
            try:
                return parse()
            except ValidationError as error:
                problems.extend(_row_problem(p) for p in error.problems)
                return None

        if direction is None:
            value = normalise_text(raw.get("direction"))
            problems.append(_row_problem(problem("direction", "bad_ledger_kind", value=value)))
        day = take(lambda: parse_date(raw.get("date"), "date"))
        amount = take(lambda: parse_money(raw.get("amount"), "amount"))
        voucher = take(
            lambda: parse_text(raw.get("reversal_voucher"), "reversal_voucher", 50),
        ) or take(lambda: parse_text(raw.get("voucher_no"), "voucher_no", 50))
        purpose = _strip_reversal(take(lambda: parse_text(raw.get("purpose"), "purpose", 500)))
        category = take(lambda: parse_text(raw.get("category"), "category", 50))
        if day is None and not any(p.column == "日期" for p in problems):
            problems.append(_row_problem(problem("date", "required")))
        if amount is None and not any(p.column == "金额" for p in problems):
            problems.append(_row_problem(problem("amount", "required")))
        draft.update(date=day, amount_fen=amount, purpose=purpose)
        if problems or direction is None:
            draft["action"] = ACTION_ERROR
            return draft

        target, original = self._original(direction, voucher, purpose, category, amount)
        if target is None:
            problems.append(original)  # the problem saying why
            draft["action"] = ACTION_ERROR
            return draft
        self.claimed.add(target)
        o_date, o_amount, o_purpose = original
        draft["purpose"] = f"冲销：{o_purpose}"
        if amount != o_amount:
            problems.append(
                _row_problem(
                    problem(
                        "amount",
                        "reversal_amount",
                        value=format_fen(amount),
                        original=format_fen(o_amount),
                        date=o_date.isoformat(),
                    )
                )
            )
        if day < o_date:
            problems.append(
                _row_problem(
                    problem(
                        "date",
                        "reversal_before_original",
                        value=day.isoformat(),
                        date=o_date.isoformat(),
                    )
                )
            )
        if problems:
            draft["action"] = ACTION_ERROR
            return draft
        if target[0] == "entry":
            stored = self.by_id[target[1]]
            if stored.reversed_by_id is not None:
                done = self.by_id[stored.reversed_by_id]
                if done.date == day:
                    draft["action"] = ACTION_SKIP
                    return draft
                problems.append(
                    RowProblem("", messages.text("already_reversed", date=done.date.isoformat()))
                )
                draft["action"] = ACTION_ERROR
                return draft
            item = ReversalInput(
                reason=raw.get("reversal_reason"),
                date=day,
                reverses=stored.id,
                override_reason=raw.get("override_reason"),
            )
        else:
            item = ReversalInput(
                reason=raw.get("reversal_reason"),
                date=day,
                reverses_item=target[1],
                override_reason=raw.get("override_reason"),
            )
        draft["index"] = self._add_item(row, item)
        return draft

    def _original(
        self,
        direction: Direction,
        voucher: str | None,
        purpose: str | None,
        category: str | None,
        amount: int,
    ) -> tuple[tuple[str, int] | None, Any]:
        """The entry a reversal row undoes: (target, (date, amount, purpose)), or
        (None, the RowProblem saying why none)."""

        def names_it(v: str | None, p: str | None) -> bool:
            return v == voucher if voucher else (v is None and p == purpose)

        # The nearest row above with that voucher that no other reversal row took.
        for s in reversed(self.standing):
            if s.direction is direction and s.target not in self.claimed:
                if names_it(s.voucher, s.purpose):
                    return s.target, (s.date, s.amount_fen, s.purpose)
        # Else a stored entry; a standing one first.
        candidates = [
            e
            for e in self.stored
            if not e.is_reversal
            and e.direction is direction
            and ("entry", e.id) not in self.claimed
            and names_it(e.voucher_no, e.purpose)
        ]
        if len(candidates) > 1:
            narrowed = [e for e in candidates if e.reversed_by_id is None] or candidates
            narrowed = [e for e in narrowed if e.amount_fen == amount] or narrowed
            narrowed = [e for e in narrowed if category in (None, category_text(e))] or narrowed
            candidates = narrowed
        if len(candidates) == 1:
            e = candidates[0]
            return ("entry", e.id), (e.date, e.amount_fen, e.purpose)
        if candidates:
            found = problem("reversal_voucher", "original_ambiguous", count=len(candidates))
        elif voucher:
            found = problem(
                "reversal_voucher", "original_not_found", value=voucher, kind=direction.zh
            )
        else:
            found = problem(
                "reversal_voucher",
                "original_not_found_no_voucher",
                purpose=purpose or "",
                kind=direction.zh,
            )
        return None, _row_problem(found)


def _source_of_payee(value: Any) -> str | None:
    """An income without 类别 whose 收款方/来源 is a source word takes it as its source."""
    text = "".join(normalise_text(value).split())
    found = _SOURCE_WORDS.get(text)
    return found.value if found else None


def _light(data: EntryInput) -> dict[str, Any] | None:
    """The row's values as the ledger would store them, for comparing with stored entries;
    None when a cell does not parse (the ledger's own check then names it)."""
    try:
        values = {
            "date": parse_date(data.date, "date"),
            "amount_fen": parse_money(data.amount, "amount"),
            "purpose": parse_text(data.purpose, "purpose", 500),
            "payee": parse_text(data.payee, "payee", 200),
            "voucher_no": parse_text(data.voucher_no, "voucher_no", 50),
            "handler": parse_text(data.handler, "handler", 50),
            "category": parse_text(data.category, "category", 50),
            "source": data.source or IncomeSource.OTHER.value,
            "direction": data.direction,
        }
    except ValidationError:
        return None
    if values["date"] is None or values["amount_fen"] is None:
        return None
    return values


def _key(light: dict[str, Any]) -> tuple:
    expense = light["direction"] is Direction.EXPENSE
    return (
        light["date"],
        light["direction"].value,
        light["amount_fen"],
        light["category"] if expense else None,
        None if expense else light["source"],
        light["purpose"],
        light["payee"],
        light["voucher_no"],
        light["handler"],
    )


def _row_problem(p: Problem) -> RowProblem:
    return RowProblem(_FIELD_HEADER.get(p.field, ""), p.message)


__all__ = [
    "COLUMNS",
    "HEADERS",
    "LedgerImportError",
    "LedgerImportPreview",
    "LedgerPreviewRow",
    "SHEET_NAME",
    "amount_cell_value",
    "LedgerImportCounts",
    "apply_ledger_import",
    "category_text",
    "read_ledger_workbook",
    "write_ledger_workbook",
]
