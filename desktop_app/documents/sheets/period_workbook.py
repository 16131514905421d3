"""The period workbook: the records of a period (domain/period.py) in one Excel file.

Sheets, each with a title in row 1 and its header in row 2 (frozen, printed on every
page), column widths set, A4 (landscape where wide, fitted to the page width):

  名册        the members on the roster during the period (phone, ID masked unless asked)
  申报汇总表  one row for the studio: the studio, its host, its cycle and feature, and
              the period's figures — what a bureau lays side by side for many studios. Its
              layout is the program's, and it says so (no document gives one: seed 004
              names a 申报汇总表 as its 附件4 by title only); the applications' own 汇总表
              is documents/reports/application_summary.py
  活动        every activity of the period with its attendance counts
  学时        each member's 学时 per school year: from the studio activities attended and
              from their own training records, apart and in total (hours_report)
  考勤        the attendance matrix: members × activities (出勤/迟到/早退/请假/缺勤), then
              each member's sessions, absences, ratio a/b and state (names and header frozen)
  年度职责    the yearly duties of each school year: members × duty kinds
  经费        the ledger entries dated in the period and their totals

Amounts are exact numbers in yuan (fen / 100), hours numbers with one decimal. The file is
written to a temporary name and renamed; its document properties carry the day of the
data, and its zip entries a fixed time, so the same records give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from desktop_app.documents.reports.hours_report import RULE_NOTE, YEAR_HEADER
from desktop_app.documents.reports.ledger_report import FIRST_ROW, HEADER_ROW, _Sheet
from desktop_app.documents.reports.sections import (
    DASH,
    PeriodData,
    yes_no,
)
from desktop_app.documents.sheets.duties_io import ENCOURAGED_WORD
from desktop_app.documents.sheets.ledger_io import category_text
from desktop_app.documents.sheets.workbook_file import save_workbook
from desktop_app.domain.attendance import FlagState
from desktop_app.domain.ledger import IncomeSource, entry_kind_zh
from desktop_app.domain.money import format_fen
from desktop_app.domain.vocab import (
    LEFT_STATUS_ZH,
    ActivityKind,
    AttendanceStatus,
    Gender,
    RecordKind,
    Role,
    StudioLevel,
    StudioType,
    TeachingTitle,
)

SHEETS = ("名册", "申报汇总表", "活动", "考勤", "学时", "年度职责", "经费")
SUMMARY_HEADER = (
    "序号",
    "工作室名称",
    "级别",
    "类型",
    Role.HOST.zh,
    "主持人工作单位",
    "性别",
    "出生年月",
    "职称",
    "任班主任起始年",
    "联系电话",
    "主持学校",
    "所在地区",
    "建设周期",
    "工作室特色",
    "报告期间",
    "成员人数",
    "其中乡村学校成员",
    "开展活动（次）",
    "活动学时",
    "应到人次",
    "实到人次",
    "出勤率",
    "缺勤超线人数",
    "到账经费（元）",
    "支出经费（元）",
    "年度职责完成",
    "计划任务销账",
    "考核等第",
    "数据截至",
)
_OVER_FILL = PatternFill("solid", fgColor="FDECEA")
_AT_RISK_FILL = PatternFill("solid", fgColor="FFF4CE")
_DONE_FILL = PatternFill("solid", fgColor="E6F4EA")
_RED = "B00000"
_AMBER = "9C5700"
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
STATUS_FONT = {
    AttendanceStatus.ABSENT.code: Font(color=_RED, bold=True),
    AttendanceStatus.LEAVE.code: Font(color=_AMBER),
}


def _hours(tenths: int | None) -> Decimal | None:
    return None if tenths is None else Decimal(tenths) / 10


def _state_style(sheet: _Sheet, row: int, col: int, state: FlagState) -> None:
    cell = sheet.ws.cell(row=row, column=col)
    cell.alignment = _CENTRE
    if state == FlagState.OVER:
        cell.fill = _OVER_FILL
        cell.font = Font(color=_RED, bold=True)
    elif state == FlagState.AT_RISK:
        cell.fill = _AT_RISK_FILL
        cell.font = Font(color=_AMBER, bold=True)


def _centre(sheet: _Sheet, row: int, cols) -> None:
    for c in cols:
        sheet.ws.cell(row=row, column=c).alignment = _CENTRE


def _roster(wb: Workbook, data: PeriodData, head: str, footer: str) -> None:
    sheet = _Sheet(
        wb.active,
        f"{head} 成员名册",
        [
            "序号",
            "姓名",
            "性别",
            "出生年月",
            "角色",
            "状态",
            "工作单位",
            "乡村学校",
            "职称",
            "任班主任起始年",
            "荣誉称号",
            "加入日期",
            "退出日期",
            "退出原因",
            "联系电话",
            "身份证号",
        ],
        [6, 10, 6, 10, 10, 8, 26, 8, 8, 10, 28, 12, 12, 16, 15, 21],
        set(),
        landscape=True,
        footer=footer,
    )
    sheet.ws.title = "名册"
    for i, m in enumerate(data.members, start=1):
        r = sheet.add(
            [
                i,
                m.name,
                Gender.zh_of(m.gender),
                f"{m.birth_date:%Y-%m}" if m.birth_date else None,
                Role.zh_of(m.role),
                LEFT_STATUS_ZH if m.left_on is not None else "在册",
                m.school,
                yes_no(m.rural),
                TeachingTitle.zh_of(m.title),
                m.head_teacher_since,
                m.honours,
                m.joined_on,
                m.left_on,
                m.leave_reason,
                m.phone,
                m.id_number,
            ]
        )
        _centre(sheet, r, (1, 3, 4, 5, 6, 8, 9, 10))


def _summary(wb: Workbook, data: PeriodData, head: str, footer: str) -> None:
    studio, f, host = data.studio, data.figures, data.host
    sheet = _Sheet(
        wb.create_sheet("申报汇总表"),
        f"{head} 申报汇总表",
        list(SUMMARY_HEADER),
        [
            6,
            22,
            6,
            8,
            8,
            20,
            6,
            9,
            8,
            9,
            14,
            22,
            10,
            11,
            30,
            24,
            8,
            9,
            9,
            8,
            8,
            8,
            8,
            9,
            12,
            12,
            10,
            10,
            8,
            11,
        ],
        {25, 26},
        landscape=True,
        footer=footer,
    )
    sheet.ws.row_dimensions[HEADER_ROW].height = 42
    rate = f.attendance_rate
    cycle = studio.cycle
    r = sheet.add(
        [
            1,
            studio.name,
            StudioLevel.zh_of(studio.level),
            StudioType.zh_of(studio.studio_type),
            host.name if host else None,
            host.school if host else None,
            Gender.zh_of(host.gender) if host else None,
            f"{host.birth_date:%Y-%m}" if host and host.birth_date else None,
            TeachingTitle.zh_of(host.title) if host else None,
            host.head_teacher_since if host else None,
            host.phone if host else None,
            studio.host_school,
            studio.district,
            cycle.label,
            studio.feature or None,
            data.period.text,
            f.members,
            sum(1 for m in data.members if m.rural),
            f.held,
            _hours(f.hours_tenths),
            f.expected,
            f.attended,
            float(rate) if rate is not None else None,
            len(f.flagged) if data.rules.line is not None else FlagState.NO_LINE.zh,
            f.granted_fen,
            f.spent_fen,
            f"{f.duties_done}/{f.duties_total}" if f.duties_total else DASH,
            f"{f.tasks_done}/{f.tasks_total}" if f.tasks_total else DASH,
            f.assessment_grade.zh if f.assessment_grade else None,
            data.as_of,
        ]
    )
    sheet.ws.cell(row=r, column=23).number_format = "0.0%"
    _centre(sheet, r, (1, 3, 4, 5, 7, 8, 9, 10, 14, 17, 18, 19, 20, 21, 22, 23, 24, 27, 28, 29))
    notes = [
        "说明：本表格式由本程序编排，并非政策文件规定的表样；本表汇总本工作室的基本情况和"
        "本期数据，一行一个工作室，便于主管部门汇总比较。",
        (
            f"出勤率＝实到人次/应到人次；缺勤超线按本工作室的缺勤红线统计，"
            f"统计范围：{data.standing.window.text}"
            f"（超线：{'、'.join(f.flagged) or '无'}；临界：{'、'.join(f.at_risk) or '无'}）。"
            if data.rules.line is not None
            else f"出勤率＝实到人次/应到人次；{data.rules.text_zh}"
        ),
        "到账经费、支出经费为记账日期在本期内的收入与支出（已扣除冲销）。",
    ]
    row = sheet.row + 1
    for note in notes:
        sheet.ws.cell(row=row, column=1, value=note).alignment = Alignment(vertical="top")
        row += 1


def _activities(wb: Workbook, data: PeriodData, head: str, footer: str) -> None:
    sheet = _Sheet(
        wb.create_sheet("活动"),
        f"{head} 活动记录",
        [
            "序号",
            "日期",
            "开始时间",
            "结束时间",
            "学期",
            "类型",
            "主题",
            "地点",
            "主讲人",
            "学时",
            "考勤",
            "应到",
            "实到",
            AttendanceStatus.LEAVE.zh,
            AttendanceStatus.ABSENT.zh,
            "出勤率",
            "照片",
            "附件",
            "活动内容",
            "活动成效",
        ],
        [6, 12, 8, 8, 8, 12, 32, 24, 14, 6, 6, 6, 6, 6, 6, 8, 6, 6, 40, 40],
        set(),
        landscape=True,
        footer=footer,
    )
    for i, a in enumerate(data.activities, start=1):
        taken = a.takes_attendance and a.expected > 0
        r = sheet.add(
            [
                i,
                a.date,
                f"{a.start_time:%H:%M}" if a.start_time else None,
                f"{a.end_time:%H:%M}" if a.end_time else None,
                "上学期" if a.term == 1 else "下学期",
                ActivityKind.zh_of(a.kind),
                a.topic,
                a.place,
                a.presenter,
                _hours(a.hours_tenths),
                "是" if a.takes_attendance else "否",
                a.expected if taken else None,
                a.present if taken else None,
                a.on_leave if taken else None,
                a.absent if taken else None,
                a.present / a.expected if taken else None,
                len(a.photos),
                len(a.attachments),
                a.content,
                a.summary,
            ]
        )
        sheet.ws.cell(row=r, column=16).number_format = "0.0%"
        _centre(sheet, r, (1, 3, 4, 5, 6, 10, 11, 12, 13, 14, 15, 16, 17, 18))
    f = data.figures
    sheet.add(
        [
            "合计",
            None,
            None,
            None,
            None,
            f"{f.held} 次",
            None,
            None,
            None,
            _hours(f.hours_tenths),
            None,
            f.expected,
            f.attended,
            sum(a.on_leave for a in data.activities),
            sum(a.absent for a in data.activities),
            float(f.attendance_rate) if f.attendance_rate is not None else None,
            None,
            None,
            None,
            None,
        ],
        total=True,
    )
    sheet.ws.cell(row=sheet.row - 1, column=16).number_format = "0.0%"


def _attendance(wb: Workbook, data: PeriodData, head: str, footer: str) -> None:
    sessions = [a for a in data.activities if a.takes_attendance and a.id in data.marks]
    header = ["序号", "姓名", "角色"]
    header += [f"{a.date:%m-%d}\n{a.topic}" for a in sessions]
    window = data.standing.window
    ratio = "缺勤比例" if window.covers(data.period) else "累计缺勤比例"
    header += ["应到", "实到", AttendanceStatus.LEAVE.zh, AttendanceStatus.ABSENT.zh, ratio, "状态"]
    widths = [6, 10, 10] + [7] * len(sessions) + [6, 6, 6, 6, 9, 8]
    sheet = _Sheet(
        wb.create_sheet("考勤"),
        f"{head} 考勤矩阵",
        header,
        widths,
        set(),
        landscape=True,
        footer=footer + "　缺勤比例＝计为缺勤的次数/应到次数",
    )
    ws = sheet.ws
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=4).coordinate
    ws.print_title_cols = "A:C"
    ws.row_dimensions[HEADER_ROW].height = 96
    for c in range(4, 4 + len(sessions)):
        ws.cell(row=HEADER_ROW, column=c).alignment = Alignment(
            horizontal="center", vertical="top", wrap_text=True
        )
    first_tail = 4 + len(sessions)
    for i, row in enumerate(data.attendance, start=1):
        cells: list[object] = [i, row.name, Role.zh_of(row.role)]
        for a in sessions:
            mark = data.marks[a.id].get(row.membership_id)
            cells.append(AttendanceStatus.zh_of(mark[0]) if mark else None)
        t = row.tally
        cells += [
            t.expected,
            row.present,
            row.leave,
            row.absent,
            row.flag.ratio_text if row.flag.expected else DASH,
            row.flag.zh,
        ]
        r = sheet.add(cells)
        _centre(sheet, r, [1, 3, *range(4, first_tail + 6)])
        for c, a in enumerate(sessions, start=4):
            mark = data.marks[a.id].get(row.membership_id)
            if mark and mark[0] in STATUS_FONT:
                ws.cell(row=r, column=c).font = STATUS_FONT[mark[0]]
        _state_style(sheet, r, first_tail + 5, row.state)
    row = sheet.row + 1
    ws.cell(
        row=row,
        column=1,
        value="空白：该成员不在该次活动的应到名单上（尚未加入、已退出或不属于考勤对象）。",
    )
    ws.cell(row=row + 1, column=1, value="状态：超线＝缺勤超过规定比例；临界＝再缺勤一次即超线。")
    ws.cell(row=row + 2, column=1, value=f"{ratio}和状态的统计范围：{window.text}。")


def _training_hours(wb: Workbook, data: PeriodData, head: str, footer: str) -> None:
    """Each member's 学时 per school year: activities attended, own training, total."""
    sheet = _Sheet(
        wb.create_sheet("学时"),
        f"{head} 成员学时",
        ["序号", "姓名", "角色", *YEAR_HEADER],
        [6, 10, 10, 14, 14, 12, 14, 14, 12],
        set(),
        landscape=True,
        footer=footer,
    )
    rows = data.services.training_hours.table(data.members, data.period.school_years)
    number, previous = 0, None
    for member, hours in rows:
        number += member.person_id != previous
        previous = member.person_id
        r = sheet.add(
            [
                number,
                member.name,
                Role.zh_of(member.role),
                f"{hours.school_year.label}学年",
                _hours(hours.activity_tenths),
                hours.activities,
                hours.without_hours,
                _hours(hours.own_tenths),
                _hours(hours.total_tenths),
            ]
        )
        _centre(sheet, r, (1, 2, 3, 4))
    note = sheet.ws.cell(row=sheet.row + 1, column=1, value=RULE_NOTE)
    note.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.ws.merge_cells(
        start_row=sheet.row + 1, start_column=1, end_row=sheet.row + 1, end_column=9
    )
    sheet.ws.row_dimensions[sheet.row + 1].height = 48


def _duties(wb: Workbook, data: PeriodData, head: str, footer: str) -> None:
    kinds = list(dict.fromkeys(k for grid in data.grids.values() for k in grid.kinds))
    sheet = _Sheet(
        wb.create_sheet("年度职责"),
        f"{head} 年度职责完成情况",
        ["学年", "序号", "姓名", "角色", *(RecordKind.zh_of(k) for k in kinds), "完成情况"],
        [12, 6, 10, 10, *([24] * len(kinds)), 10],
        set(),
        landscape=True,
        footer=footer,
    )
    if not kinds:
        sheet.add(["本工作室的政策预设未规定年度职责"])
        return
    for year, grid in data.grids.items():
        for i, row in enumerate(grid.rows, start=1):
            cells: list[object] = [year.label, i, row.name, Role.zh_of(row.role)]
            applying = 0
            done = 0
            for kind in kinds:
                status = row.statuses.get(kind)
                if status is None:
                    cells.append(DASH)
                elif status.done:
                    applying += 1
                    done += 1
                    cells.append("✓ " + "；".join(status.evidence))
                else:
                    applying += 1
                    cells.append(ENCOURAGED_WORD if grid.encouraged else "✗ 未完成")
            cells.append(f"{done}/{applying}" if applying else DASH)
            r = sheet.add(cells)
            _centre(sheet, r, (1, 2, 4, len(cells)))
            for c, kind in enumerate(kinds, start=5):
                status = row.statuses.get(kind)
                cell = sheet.ws.cell(row=r, column=c)
                if status is None:
                    cell.alignment = _CENTRE
                elif status.done:
                    cell.fill = _DONE_FILL
                elif grid.encouraged:  # encouraged, not done: no failure
                    cell.alignment = _CENTRE
                else:
                    cell.fill = _OVER_FILL
                    cell.font = Font(color=_RED)
                    cell.alignment = _CENTRE
        sheet.add(
            [
                f"{year.label} 合计",
                None,
                None,
                None,
                *(
                    f"{sum(1 for r in grid.rows if (s := r.statuses.get(k)) and s.done)}/"
                    f"{sum(1 for r in grid.rows if r.statuses.get(k))}"
                    for k in kinds
                ),
                f"{grid.done_count}/{grid.done_count + grid.missing_count}",
            ],
            total=True,
        )


def _ledger(wb: Workbook, data: PeriodData, head: str, footer: str) -> None:
    sheet = _Sheet(
        wb.create_sheet("经费"),
        f"{head} 经费收支明细",
        [
            "序号",
            "日期",
            "会计年度",
            "凭证号",
            "收支",
            "类别/来源",
            "摘要",
            "收款方/来源",
            "经办人",
            "审批人",
            "金额",
            "备注",
        ],
        [6, 12, 12, 12, 10, 16, 34, 20, 8, 8, 13, 30],
        {11},
        landscape=True,
        footer=footer + "　金额：正数增加余额，负数减少余额",
    )
    numbers = {e.id: i for i, e in enumerate(data.entries, start=1)}
    ledger = data.services.ledger
    for i, e in enumerate(data.entries, start=1):
        notes = []
        if e.is_reversal:
            target = numbers.get(e.reverses_id)
            notes.append(f"冲销第 {target} 笔" if target else "冲销本期以前的账")
            if e.reversal_reason:
                notes.append(f"原因：{e.reversal_reason}")
        if e.reversed_by_id is not None:
            by = numbers.get(e.reversed_by_id)
            notes.append(f"已被第 {by} 笔冲销" if by else "已在本期以后冲销")
        if e.override_reason:
            notes.append(f"超支原因：{e.override_reason}")
        r = sheet.add(
            [
                i,
                e.date,
                ledger.fiscal_year(e.fiscal_year).label,
                e.voucher_no,
                entry_kind_zh(e.direction, e.is_reversal),
                category_text(e),
                e.purpose,
                e.payee,
                e.handler,
                e.approver,
                e.signed_fen,
                "；".join(notes) or None,
            ],
            red={11} if e.signed_fen < 0 else set(),
        )
        _centre(sheet, r, (1, 3, 5))
    f = data.figures
    sheet.row += 1
    sheet.add(
        [None, None, None, None, None, "本期到账经费", None, None, None, None, f.granted_fen, None],
        total=True,
    )
    for code, fen in f.income_by_source.items():
        try:
            word = IncomeSource(code).zh
        except ValueError:
            word = code
        sheet.add(
            [None, None, None, None, None, f"其中：{word}", None, None, None, None, fen, None]
        )
    sheet.add(
        [None, None, None, None, None, "本期支出经费", None, None, None, None, f.spent_fen, None],
        total=True,
    )
    for category, fen in f.spent_by_category.items():
        if fen:
            sheet.add(
                [
                    None,
                    None,
                    None,
                    None,
                    None,
                    f"其中：{category or '未分类'}",
                    None,
                    None,
                    None,
                    None,
                    fen,
                    None,
                ]
            )
    sheet.add(
        [
            None,
            None,
            None,
            None,
            None,
            "本期收支差额",
            f"收入 {format_fen(f.granted_fen)}，支出 {format_fen(f.spent_fen)}",
            None,
            None,
            None,
            f.granted_fen - f.spent_fen,
            None,
        ],
        total=True,
    )


def write_period_workbook(
    services,
    period,
    out: Path,
    *,
    unmasked: bool = False,
    as_of: dt.date | None = None,
    data: PeriodData | None = None,
) -> Path:
    """The period workbook of ``period`` (sheets SHEETS) at ``out``; returns the file
    written. ``unmasked``: phone and ID numbers in full. ``as_of``: the day the data
    stands at (the document's date; default: the services' today)."""
    data = data or PeriodData(services, period, unmasked=unmasked, as_of=as_of)
    studio = data.studio
    head = f"{studio.name} {data.period.name}"
    footer = f"{studio.name} {data.period.name}　数据截至 {data.as_of.isoformat()}"
    wb = Workbook()
    _roster(wb, data, head, footer)
    _summary(wb, data, head, footer)
    _activities(wb, data, head, footer)
    _attendance(wb, data, head, footer)
    _training_hours(wb, data, head, footer)
    _duties(wb, data, head, footer)
    _ledger(wb, data, head, footer)
    for ws in wb.worksheets:
        last = get_column_letter(ws.max_column)
        ws.print_area = f"A1:{last}{ws.max_row}"
    wb.active = 0
    return save_workbook(wb, out, dt.datetime.combine(data.as_of, dt.time()))


__all__ = ["SHEETS", "SUMMARY_HEADER", "write_period_workbook"]
