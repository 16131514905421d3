"""学时 in the documents: the words and the table of members' training hours per school
year, shared by the annual report, the growth file and the period workbook. The figures
come from services.training_hours (domain/training_hours.py computes them)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from desktop_app.documents.engine.pdf import para
from desktop_app.domain.training_hours import YearHours, format_hours
from desktop_app.domain.vocab import Role

YEAR_HEADER = (
    "学年",
    "工作室活动学时",
    "参加活动（次）",
    "其中未定学时（次）",
    "个人培训学时",
    "合计学时",
)
RULE_NOTE = (
    "学时计算：成员出勤、迟到或早退的工作室活动，计入该活动的学时；请假、缺勤不计；"
    "活动未定学时的，计 0 学时（表中注明次数）。个人培训学时为成员成长档案中“培训学时”类记录的学时。"
    "两者分列，合计时各计一次；期间内加入的成员，计入加入后参加的活动。"
)
NOT_SET = "未定学时（计0）"


def year_cells(hours: YearHours) -> list[str]:
    """A school year's figures in the order of YEAR_HEADER."""
    return [
        f"{hours.school_year.label}学年",
        format_hours(hours.activity_tenths),
        str(hours.activities),
        str(hours.without_hours) if hours.without_hours else "",
        format_hours(hours.own_tenths),
        format_hours(hours.total_tenths),
    ]


def members_table(view, ds, rows: list[tuple[object, YearHours]]) -> list[Flowable]:
    """序号 | 姓名 | 角色 | the YEAR_HEADER columns, one row per member and school year."""
    small, centre = ds.cell_small, ds.cell_center_small
    table: list[list[object]] = [[para(h, centre) for h in ("序号", "姓名", "角色", *YEAR_HEADER)]]
    extra: list[tuple] = []
    number = 0
    previous = None
    for member, hours in rows:
        first = member.person_id != previous
        number += first
        previous = member.person_id
        table.append(
            [
                para(str(number) if first else "", centre),
                para(member.name if first else "", centre),
                para(Role.zh_of(member.role) if first else "", centre),
                *(para(text, centre) for text in year_cells(hours)),
            ]
        )
    if not rows:
        table.append([None, para("本期没有在册成员", small)] + [None] * (len(table[0]) - 2))
    widths = view.mm_widths(10, 18, 20, None, 26, 24, 28, 24, 22)
    return [view.table(table, widths, extra_style=extra), para(RULE_NOTE, ds.note)]
