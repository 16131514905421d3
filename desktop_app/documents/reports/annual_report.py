"""The annual report (年度报告) of a period, and each of its parts on its own.

A period is a school year, or the cycle's mid-term or final review (domain/period.py).
The report opens with a cover (the studio, 年度报告 / 中期报告 / 终期报告, the period, the
host school and district, the day the data stands at and the fingerprint of the key that
signs the submission, so that the bureau can register it) and a list of its parts with
the page each starts on; then the parts, each from a new page:

  一、工作室概况      the studio's profile and the period's main figures
  二、成员名册        the members on the roster during the period (personal data masked),
                     then each member's 学时 per school year (hours_report)
  三、活动记录        every activity: date, kind, topic, place, presenter, 学时, attendance
                     counts, and thumbnails of its photos
  四、考勤情况        each member's sessions, absences, ratio a/b and state 正常/临界/超线
  五、年度职责完成情况 the duties grid of each school year (duties_report)
  六、任务台账        the task ledger of each school year's plan (plan_report)
  七、经费使用情况    the period's income and spending, then the spending report of each
                     fiscal year that overlaps it (ledger_report)
  八、年度工作总结    the summary of each school year (summary_report)
  九、考核情况        the period's assessments (assessment_report)

Wide parts are set on landscape pages. Every part can be written on its own
(``write_part`` or the ``write_<part>`` functions). The same records give the same
bytes: no timestamps, photos resampled the same way every time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from desktop_app.documents.engine.pdf import Deferred, LaterText, para
from desktop_app.documents.reports.assessment_report import (
    assessment_sections,
    grade_text,
    kind_text,
    status_text,
)
from desktop_app.documents.reports.duties_report import duties_sections
from desktop_app.documents.reports.hours_report import members_table
from desktop_app.documents.reports.ledger_report import ledger_sections
from desktop_app.documents.reports.plan_report import task_ledger_sections, with_year, year_text
from desktop_app.documents.reports.sections import (
    DASH,
    MASK_NOTE,
    TOTAL_FILL,
    DocStyles,
    FrameView,
    PartHeading,
    PeriodData,
    PeriodReport,
    doc_styles,
    hours_text,
    line_text,
    numbered,
    photo_strip,
    state_cell,
    state_fill,
    sub_numbered,
)
from desktop_app.documents.reports.summary_report import DRAFT_NOTE, split_title, summary_sections
from desktop_app.domain.attendance import FlagState
from desktop_app.domain.evidence_rules import percent
from desktop_app.domain.ledger import IncomeSource
from desktop_app.domain.money import format_fen
from desktop_app.domain.school_year import date_zh
from desktop_app.domain.vocab import (
    ActivityKind,
    AttendanceStatus,
    Gender,
    Role,
    StudioLevel,
    StudioType,
    TeachingTitle,
)

NOT_WRITTEN = "（未填写）"
PHOTOS_PER_ACTIVITY = 4


# --- the parts --------------------------------------------------------------------------


class _Doc:
    """One build of a document: the period's records, the report, the styles, and the
    pages the parts start on (filled while the document is drawn)."""

    def __init__(self, data: PeriodData, report: PeriodReport):
        self.data = data
        self.report = report
        self.ds: DocStyles = doc_styles(report.styles)
        self.pages: dict[str, int] = {}

    @property
    def services(self):
        return self.data.services

    def head_table(self, rows: list[tuple[str, object]], view: FrameView, label_mm: float = 34):
        """项目 | 内容 rows in a ruled table."""
        data: list[list[object]] = [["项目", "内容"]]
        for label, value in rows:
            data.append([label, value if value not in (None, "") else NOT_WRITTEN])
        return view.table(data, view.mm_widths(label_mm, None), center_cols=(0,))


def _level_type(studio) -> str:
    return f"{StudioLevel.zh_of(studio.level)}{StudioType.zh_of(studio.studio_type)}"


def _composition(data: PeriodData) -> str:
    counts = Counter(m.role for m in data.members)
    parts = [f"{r.zh} {counts[r.code]} 人" for r in Role if counts.get(r.code)]
    left = sum(
        1 for m in data.members if m.left_on is not None and m.left_on <= data.period.last_day
    )
    text = f"共 {len(data.members)} 人：" + "，".join(parts) if parts else "无"
    if left:
        text += f"（其中期间内退出 {left} 人）"
    return text


def _cycle_text(cycle) -> str:
    return f"{cycle.label}（{date_zh(cycle.first_day)}至{date_zh(cycle.last_day)}）"


def part_profile(doc: _Doc, view: FrameView) -> list[Flowable]:
    data, ds = doc.data, doc.ds
    studio, preset, f = data.studio, data.preset, data.figures
    host = data.host
    basis = preset.title + (f"（{preset.issuer}）" if preset.issuer else "")
    profile = doc.head_table(
        [
            ("工作室名称", studio.name),
            ("级别与类型", _level_type(studio)),
            (Role.HOST.zh, host.name if host else ""),
            ("主持学校", studio.host_school),
            ("所在地区", studio.district),
            ("建设周期", _cycle_text(studio.cycle)),
            ("政策依据", basis),
            ("工作室特色", studio.feature),
            ("成员构成", _composition(data)),
        ],
        view,
    )
    held = f"{f.held} 次"
    if f.activities > f.held:
        held += f"（另有已安排、尚未开展的 {f.activities - f.held} 次）"
    rate = percent(f.attendance_rate)
    figures: list[tuple[str, object]] = [
        ("在册成员", f"{f.members} 人"),
        ("开展活动", held),
        ("活动学时", f"{hours_text(f.hours_tenths) or '0'} 学时"),
        (
            "考勤",
            f"应到 {f.expected} 人次，实到 {f.attended} 人次，出勤率 {rate}"
            if f.expected
            else "本期尚无考勤记录",
        ),
        ("缺勤统计范围", data.standing.window.text),
        *(
            (("缺勤红线", FlagState.NO_LINE.zh),)
            if data.rules.line is None
            else (
                ("缺勤超线成员", "、".join(f.flagged) or "无"),
                ("缺勤临界成员", "、".join(f.at_risk) or "无"),
            )
        ),
        ("成长档案新增记录", f"{f.records} 项"),
        (
            "年度职责完成",
            f"{f.duties_done}/{f.duties_total} 项" if f.duties_total else "政策未规定年度职责",
        ),
        ("计划任务销账", f"{f.tasks_done}/{f.tasks_total} 项" if f.tasks_total else "无"),
        ("到账经费", f"{format_fen(f.granted_fen)} 元"),
        ("支出经费", f"{format_fen(f.spent_fen)} 元"),
        (
            "考核等第",
            f.assessment_grade.zh if f.assessment_grade is not None else "本期尚无已提交的考核",
        ),
    ]
    return [
        para("（一）基本情况", ds.section),
        profile,
        para("（二）本期主要数据", ds.section),
        para(f"报告期间：{data.period.text}；数据截至{date_zh(data.as_of)}。", ds.body),
        Spacer(1, 2 * mm),
        doc.head_table(figures, view),
        para("各项数据的明细见以下各部分。", ds.note),
    ]


ROSTER_HEADER = (
    "序号",
    "姓名",
    "性别",
    "出生年月",
    "角色",
    "工作单位",
    "职称",
    "任班主任起始年",
    "加入日期",
    "退出日期",
    "联系电话",
    "身份证号",
)


def part_roster(doc: _Doc, view: FrameView) -> list[Flowable]:
    data, ds = doc.data, doc.ds
    small, centre = ds.cell_small, ds.cell_center_small
    rows: list[list[object]] = [[para(h, centre) for h in ROSTER_HEADER]]
    extra: list[tuple] = []
    for i, m in enumerate(data.members, start=1):
        school = (m.school or "") + ("（乡村学校）" if m.rural else "")
        left = ""
        if m.left_on is not None:
            left = m.left_on.isoformat() + (f"（{m.leave_reason}）" if m.leave_reason else "")
            extra.append(("TEXTCOLOR", (0, i), (-1, i), colors.HexColor("#555555")))
        rows.append(
            [
                para(str(i), centre),
                para(m.name, centre),
                para(Gender.zh_of(m.gender), centre),
                para(f"{m.birth_date:%Y-%m}" if m.birth_date else "", centre),
                para(Role.zh_of(m.role), centre),
                para(school, small),
                para(TeachingTitle.zh_of(m.title), centre),
                para(str(m.head_teacher_since or ""), centre),
                para(m.joined_on.isoformat() if m.joined_on else "", centre),
                para(left, small),
                para(m.phone or "", centre),
                para(m.id_number or "", centre),
            ]
        )
    if not data.members:
        rows.append([None, para("本期没有在册成员", small)] + [None] * (len(ROSTER_HEADER) - 2))
    widths = view.mm_widths(10, 16, 9, 16, 18, None, 13, 15, 19, 28, 25, 36)
    table = view.table(rows, widths, extra_style=extra)
    notes = [para(f"成员构成：{_composition(data)}。", ds.body)]
    if not data.unmasked:
        notes.append(para(MASK_NOTE, ds.note))
    notes.append(
        para(
            "名册列出报告期间内任一时间在确定名单上的成员，期间内退出的成员标注退出日期及原因。",
            ds.note,
        )
    )
    hours = doc.services.training_hours.table(data.members, data.period.school_years)
    return [
        table,
        Spacer(1, 2 * mm),
        *notes,
        para("成员学时", ds.section),
        *members_table(view, ds, hours),
    ]


ACTIVITY_HEADER = (
    "序号",
    "日期",
    "时间",
    "类型",
    "主题与成效",
    "地点",
    "主讲人",
    "学时",
    "应到",
    "实到",
    AttendanceStatus.LEAVE.zh,
    AttendanceStatus.ABSENT.zh,
)


def part_activities(doc: _Doc, view: FrameView) -> list[Flowable]:
    data, ds = doc.data, doc.ds
    small, centre = ds.cell_small, ds.cell_center_small
    note_style = ParagraphStyle(
        "activity_summary", parent=small, textColor=colors.HexColor("#444444")
    )
    rows: list[list[object]] = [[para(h, centre) for h in ACTIVITY_HEADER]]
    extra: list[tuple] = []
    widths = view.mm_widths(10, 19, 20, 18, None, 36, 24, 10, 10, 10, 10, 10)
    totals = [0, 0, 0, 0, 0]  # hours (tenths), expected, present, leave, absent
    number = 0
    for a in data.activities:
        number += 1
        planned = a.date > data.today
        topic = para(f"{a.topic}\n成效：{a.summary}" if a.summary else a.topic, small)
        if not a.takes_attendance:
            counts = ["不考勤", "", "", ""]
        elif planned:
            counts = ["尚未开展", "", "", ""]
        elif not a.expected:
            counts = ["未记录", "", "", ""]
        else:
            counts = [str(a.expected), str(a.present), str(a.on_leave), str(a.absent)]
            totals[1] += a.expected
            totals[2] += a.present
            totals[3] += a.on_leave
            totals[4] += a.absent
        if not planned:
            totals[0] += a.hours_tenths or 0
        r = len(rows)
        rows.append(
            [
                para(str(number), centre),
                para(a.date.isoformat(), centre),
                para(a.time_text, centre),
                para(ActivityKind.zh_of(a.kind), centre),
                topic,
                para(a.place or "", small),
                para(a.presenter or "", centre),
                para(hours_text(a.hours_tenths), centre),
                *(para(c, centre) for c in counts),
            ]
        )
        if counts[1] == "" and counts[0]:
            extra.append(("SPAN", (8, r), (11, r)))
        strip = photo_strip(
            data,
            a.photos,
            sum(widths[4:]) - 8,
            limit=PHOTOS_PER_ACTIVITY,
            height=28 * mm,
            style=small,
        )
        if strip is not None:
            r = len(rows)
            caption = f"第 {number} 次活动照片"
            if len(a.photos) > PHOTOS_PER_ACTIVITY:
                caption += f"（共 {len(a.photos)} 张，附前 {PHOTOS_PER_ACTIVITY} 张）"
            rows.append([para(caption, note_style), None, None, None, strip] + [None] * 7)
            extra += [
                ("SPAN", (0, r), (3, r)),
                ("SPAN", (4, r), (-1, r)),
                ("NOSPLIT", (0, r - 1), (-1, r)),
            ]
    if not data.activities:
        rows.append([None, None, None, None, para("本期没有活动记录", small)] + [None] * 7)
    last = len(rows)
    rows.append(
        [
            para(f"合计 {number} 次", centre),
            None,
            None,
            None,
            None,
            None,
            None,
            para(hours_text(totals[0]) or "0", centre),
            *(para(str(t), centre) for t in totals[1:]),
        ]
    )
    extra += [("SPAN", (0, last), (6, last)), ("BACKGROUND", (0, last), (-1, last), TOTAL_FILL)]
    table = view.table(rows, widths, extra_style=extra)
    by_kind = Counter(a.kind for a in data.activities if a.date <= data.today)
    kinds = "、".join(f"{ActivityKind.zh_of(k)} {n} 次" for k, n in by_kind.most_common())
    f = data.figures
    summary = f"本期开展活动 {f.held} 次" + (f"（{kinds}）" if kinds else "")
    summary += f"，合计 {hours_text(f.hours_tenths) or '0'} 学时"
    if f.expected:
        summary += (
            f"；应到 {f.expected} 人次，实到 {f.attended} 人次，出勤率 {percent(f.attendance_rate)}"
        )
    return [
        table,
        Spacer(1, 2 * mm),
        para(summary + "。", ds.body),
        para("实到含迟到、早退；照片为活动记录所附图片的缩略图。", ds.note),
    ]


ATTENDANCE_HEADER = (
    "序号",
    "姓名",
    "角色",
    "工作单位",
    "应到",
    "实到",
    AttendanceStatus.LEAVE.zh,
    AttendanceStatus.ABSENT.zh,
    "缺勤比例",
    "状态",
)


def part_attendance(doc: _Doc, view: FrameView) -> list[Flowable]:
    data, ds = doc.data, doc.ds
    small, centre = ds.cell_small, ds.cell_center_small
    window = data.standing.window
    # The flag may count sessions before the period (the cycle's window): its ratio says so.
    header = [*ATTENDANCE_HEADER]
    if not window.covers(data.period):
        header[ATTENDANCE_HEADER.index("缺勤比例")] = "累计缺勤比例"
    rows: list[list[object]] = [[para(h, centre) for h in header]]
    extra: list[tuple] = []
    for i, r in enumerate(data.attendance, start=1):
        t = r.tally
        rows.append(
            [
                para(str(i), centre),
                para(r.name, centre),
                para(Role.zh_of(r.role), centre),
                para(r.school or "", small),
                para(str(t.expected), centre),
                para(str(r.present), centre),
                para(str(r.leave), centre),
                para(str(r.absent), centre),
                para(r.flag.ratio_text if r.flag.expected else DASH, centre),
                state_cell(r.flag, ds),
            ]
        )
        fill = state_fill(r.state)
        if fill is not None:
            extra.append(("BACKGROUND", (0, i), (-1, i), fill))
    if not data.attendance:
        rows.append([None, para("本期没有应参加活动的成员", small)] + [None] * 8)
    widths = view.mm_widths(10, 17, 18, None, 11, 11, 11, 11, 17, 13)
    flowables: list[Flowable] = [
        para(
            f"统计范围：{data.period.text}内需要考勤的活动；缺勤比例和状态按本工作室的"
            f"考勤统计范围计算：{window.text}。",
            ds.body,
        ),
        Spacer(1, 2 * mm),
        view.table(rows, widths, extra_style=extra),
        para(
            f"按规定：{line_text(data.rules)}缺勤比例＝计为缺勤的次数/应到次数（不约分）。",
            ds.note,
        ),
    ]
    f = data.figures
    if data.rules.line is not None:  # without a line the rule above says nobody is judged
        flowables.append(
            para(
                f"截至{date_zh(window.last)}，缺勤超线 {len(f.flagged)} 人"
                + (f"（{'、'.join(f.flagged)}）" if f.flagged else "")
                + f"，临界 {len(f.at_risk)} 人"
                + (f"（{'、'.join(f.at_risk)}）" if f.at_risk else "")
                + "。",
                ds.body,
            )
        )
    events = data.flag_events
    flowables.append(para("考勤预警记录", ds.section))
    if not events:
        flowables.append(para("本期没有考勤状态的变化。", ds.body))
        return flowables
    rows = [[para(h, centre) for h in ("日期", "姓名", "状态变化", "当时缺勤", "原因")]]
    for e in events:
        rows.append(
            [
                para(e.on.isoformat(), centre),
                para(e.name, centre),
                para(f"{e.old_state.zh} → {e.new_state.zh}", centre),
                para(f"{e.missed}/{e.expected}", centre),
                para(e.cause, small),
            ]
        )
    flowables.append(view.table(rows, view.mm_widths(22, 18, 26, 18, None)))
    return flowables


def _years_heading(doc: _Doc, index: int, title: str, count: int) -> list[Flowable]:
    """A school year's sub-heading when the period spans several."""
    if count <= 1:
        return []
    return [para(sub_numbered(index, title), doc.ds.section)]


def part_duties(doc: _Doc, view: FrameView) -> list[Flowable]:
    data = doc.data
    flowables: list[Flowable] = []
    years = data.period.school_years
    for i, year in enumerate(years):
        flowables += _years_heading(doc, i, f"{year.label}学年", len(years))
        if len(years) == 1:
            flowables.append(para(f"学年：{year_text(year)}", doc.ds.body))
        grid = data.grids[year]
        if grid.source:
            flowables.append(para(f"依据：{grid.source}", doc.ds.note))
        flowables.append(Spacer(1, 1 * mm))
        flowables += duties_sections(view, doc.services, grid, title_block=False)
    return flowables


def part_tasks(doc: _Doc, view: FrameView) -> list[Flowable]:
    data = doc.data
    flowables: list[Flowable] = []
    years = data.period.school_years
    for i, year in enumerate(years):
        plan = data.plans[year]
        name = with_year(plan.title, year) if plan is not None else f"{year.label}学年"
        flowables += _years_heading(doc, i, name, len(years))
        if len(years) == 1:
            flowables.append(
                para(f"年度计划：{name}" if plan else f"学年：{year_text(year)}", doc.ds.body)
            )
        if plan is None:
            flowables.append(para("本学年尚未制订年度工作计划。", doc.ds.body))
            continue
        flowables += task_ledger_sections(view, doc.services, plan)
    return flowables


def _money_rows(doc: _Doc) -> list[list[object]]:
    f, ds = doc.data.figures, doc.ds
    num = ParagraphStyle("period_num", parent=ds.base.cell, alignment=TA_RIGHT)
    indent = ParagraphStyle(
        "period_indent", parent=ds.base.cell, leftIndent=2 * ds.base.cell.fontSize
    )
    rows: list[list[object]] = [["项目", "金额（元）"]]
    rows.append(["本期到账经费", para(format_fen(f.granted_fen), num)])
    for code in [s.value for s in IncomeSource] + sorted(
        k for k in f.income_by_source if k not in {s.value for s in IncomeSource}
    ):
        if code in f.income_by_source:
            try:
                word = IncomeSource(code).zh
            except ValueError:
                word = code
            rows.append(
                [para(f"其中：{word}", indent), para(format_fen(f.income_by_source[code]), num)]
            )
    rows.append(["本期支出经费", para(format_fen(f.spent_fen), num)])
    for category, fen in f.spent_by_category.items():
        if fen:
            rows.append([para(f"其中：{category or '未分类'}", indent), para(format_fen(fen), num)])
    rows.append(["本期收支差额", para(format_fen(f.granted_fen - f.spent_fen), num)])
    return rows


def part_spending(doc: _Doc, view: FrameView) -> list[Flowable]:
    data, ds = doc.data, doc.ds
    ledger = doc.services.ledger
    rows = _money_rows(doc)
    last = len(rows) - 1
    table = view.table(
        rows,
        view.widths(60, 40),
        extra_style=[("BACKGROUND", (0, last), (-1, last), TOTAL_FILL)],
    )
    fiscal = [ledger.fiscal_year(y) for y in data.fiscal_years]
    by = "学年" if fiscal and fiscal[0].kind != "calendar" else "自然年度"
    flowables: list[Flowable] = [
        para(f"本期收支（{data.period.text}，按记账日期统计）", ds.section),
        table,
        para(
            f"经费按{by}核算、专款专用。以下为与本期相交的各会计年度（"
            + "、".join(y.label for y in fiscal)
            + "）的经费使用情况报告。",
            ds.note,
        ),
    ]
    for i, year in enumerate(fiscal):
        summary = ledger.summary(year.start_year)
        flowables += [
            *([PageBreak()] if i else []),
            para(sub_numbered(i, f"{year.label}经费使用情况"), ds.section),
            para(
                f"会计年度：{year.label}（{date_zh(year.first_day)}至{date_zh(year.last_day)}）",
                ds.body,
            ),
            *ledger_sections(
                view,
                doc.services,
                summary,
                data.today,
                title_block=False,
                signatures=i == len(fiscal) - 1,
            ),
        ]
    return flowables


def part_summary(doc: _Doc, view: FrameView) -> list[Flowable]:
    data, ds = doc.data, doc.ds
    flowables: list[Flowable] = []
    years = data.period.school_years
    for i, year in enumerate(years):
        summary = doc.services.summaries.open(year)
        title, _ = split_title(summary.body, data.studio.name, year)
        if i:
            flowables.append(PageBreak())
        flowables.append(para(sub_numbered(i, title) if len(years) > 1 else title, ds.section))
        if summary.id is None:
            flowables.append(para(DRAFT_NOTE, ds.note))
        flowables += summary_sections(view, doc.services, summary, title_block=False)
    return flowables


def part_assessments(doc: _Doc, view: FrameView) -> list[Flowable]:
    data, ds = doc.data, doc.ds
    headers = data.assessments
    if not headers:
        return [para("本期尚无考核记录。", ds.body)]
    small, centre = ds.cell_small, ds.cell_center_small
    rows: list[list[object]] = [
        [
            para(h, centre)
            for h in ("序号", "考核", "类型", "学年", "被考核成员", "状态", "总分", "等第")
        ]
    ]
    infos = [doc.services.assessments.get(h.id) for h in headers]
    for i, info in enumerate(infos, start=1):
        h = info.header
        rows.append(
            [
                para(str(i), centre),
                para(h.title, small),
                para(kind_text(info), centre),
                para(h.school_year.label, centre),
                para(h.member_name or DASH, centre),
                para(status_text(info), centre),
                para(f"{h.total_text}/{h.max_points}", centre),
                para(grade_text(h), centre),
            ]
        )
    table = view.table(rows, view.mm_widths(10, None, 26, 24, 24, 44, 20, 16))
    flowables: list[Flowable] = [
        table,
        para("草稿尚未提交，其总分为暂计，评完全部指标后才有等第；每份考核表附后。", ds.note),
    ]
    for info in infos:
        flowables += [PageBreak(), *assessment_sections(view, doc.services, info)]
    return flowables


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    landscape: bool
    build: Callable[[_Doc, FrameView], list[Flowable]]
    file_name: str  # suggested name of the part on its own

    def write(self, services, period, out: Path, **kw) -> Path:
        return write_part(services, period, self.key, out, **kw)


PARTS: dict[str, Part] = {
    p.key: p
    for p in (
        Part("profile", "工作室概况", False, part_profile, "01-profile.pdf"),
        Part("roster", "成员名册", True, part_roster, "02-roster.pdf"),
        Part("activities", "活动记录", True, part_activities, "03-activities.pdf"),
        Part("attendance", "考勤情况", False, part_attendance, "04-attendance.pdf"),
        Part("duties", "年度职责完成情况", True, part_duties, "05-duties.pdf"),
        Part("tasks", "任务台账", True, part_tasks, "06-tasks.pdf"),
        Part("spending", "经费使用情况", False, part_spending, "07-spending.pdf"),
        Part("summary", "年度工作总结", False, part_summary, "08-summary.pdf"),
        Part("assessments", "考核情况", True, part_assessments, "09-assessments.pdf"),
    )
}
ANNUAL_FILE_NAME = "00-annual-report.pdf"


# --- the cover and the contents ---------------------------------------------------------


def _fingerprint_lines(fingerprint: str | None) -> str:
    if not fingerprint:
        return "（未提供）"
    groups = fingerprint.split()
    half = (len(groups) + 1) // 2
    return " ".join(groups[:half]) + ("\n" + " ".join(groups[half:]) if groups[half:] else "")


def cover(doc: _Doc, fingerprint: str | None) -> list[Flowable]:
    data, ds = doc.data, doc.ds
    studio, period = data.studio, data.period
    host = data.host
    pairs = [
        ("工作室名称", studio.name),
        ("级别与类型", _level_type(studio)),
        (Role.HOST.zh, host.name if host else ""),
        ("主持学校", studio.host_school),
        ("所在地区", studio.district),
        ("建设周期", _cycle_text(studio.cycle)),
        ("报告期间", f"{date_zh(period.first_day)}至{date_zh(period.last_day)}"),
        ("数据截至", date_zh(data.as_of)),
        ("数字签名指纹", _fingerprint_lines(fingerprint)),
    ]
    rows = [
        [para(f"{label}：", ds.cover_label), para(value or NOT_WRITTEN, ds.cover_value)]
        for label, value in pairs
    ]
    width = doc.report.frame_width
    block = Table(rows, colWidths=[34 * mm, width - 50 * mm], hAlign="CENTER")
    block.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), ds.cover_value.fontName, ds.cover_value.fontSize),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return [
        Spacer(1, 28 * mm),
        para(studio.name, ds.cover_studio),
        Spacer(1, 8 * mm),
        para(period.report_title, ds.cover_title),
        para(period.text, ds.cover_period),
        Spacer(1, 30 * mm),
        block,
        Spacer(1, 16 * mm),
        para(
            "数字签名指纹用于核验本工作室报送材料的数字签名，请教育主管部门登记备案。",
            ds.info,
        ),
    ]


def contents(doc: _Doc, keys: list[str]) -> list[Flowable]:
    """The contents page. The page each part starts on is known only once the part is
    drawn: it is printed as a form the document fills in when it is saved."""
    ds = doc.ds
    num = ParagraphStyle("toc_num", parent=ds.cover_value, alignment=TA_RIGHT)
    rows = []
    for i, key in enumerate(keys):

        def page(key: str = key) -> str:
            return str(doc.pages[key]) if key in doc.pages else "…"

        rows.append(
            [
                para(numbered(i, PARTS[key].title), ds.cover_value),
                LaterText(f"contents-page-{key}", page, num),
            ]
        )
    width = doc.report.frame_width
    table = Table(rows, colWidths=[width - 40 * mm, 20 * mm], hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), ds.cover_value.fontName, ds.cover_value.fontSize),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [
        Spacer(1, 10 * mm),
        para("目　录", doc.report.styles.title),
        Spacer(1, 8 * mm),
        table,
        Spacer(1, 6 * mm),
        para("每一部分另有单独的 PDF 文件，内容相同。", ds.info),
    ]


# --- writing ----------------------------------------------------------------------------


def _report(data: PeriodData, out: Path, title: str, landscape: bool) -> PeriodReport:
    studio = data.studio
    period = data.period
    # 中期报告 names the review already: "2024-2027建设周期中期报告"; a part needs it said.
    when = period.short if title == period.report_title else period.name
    return PeriodReport(
        Path(out),
        f"{title}（{when}）",
        studio.name,
        landscape=landscape,
        subject=f"{studio.name} {when}{title}",
        pdf_title=f"{studio.name} {when}{title}",
    )


def _annual_story(
    data: PeriodData, report: PeriodReport, keys: list[str], fingerprint
) -> list[Flowable]:
    doc = _Doc(data, report)
    story: list[Flowable] = [*report.setup(), *report.turn(False)]
    story += cover(doc, fingerprint)
    story += report.turn(False)
    story += contents(doc, keys)
    for i, key in enumerate(keys):
        part = PARTS[key]
        story += report.turn(part.landscape)
        heading = PartHeading(numbered(i, part.title), doc.ds.part, key, doc.pages)
        view = report.view(part.landscape)
        # each part is made when the layout reaches it (it starts a new page, with its
        # heading first), and let go once drawn: a long period's report never holds all
        # its parts in memory at once
        story.append(
            Deferred(
                lambda heading=heading, part=part, view=view: [heading, *part.build(doc, view)]
            )
        )
    return story


def write_annual_report(
    services,
    period,
    out: Path,
    *,
    fingerprint: str | None = None,
    as_of: dt.date | None = None,
    unmasked: bool = False,
    data: PeriodData | None = None,
) -> Path:
    """The annual (mid-term, final) report of ``period`` as a PDF at ``out``.

    ``period``: a school year or a review (domain/period.py). ``fingerprint``: the signing key's fingerprint, printed on
    the cover. ``as_of``: the day the data stands at (default: the services' today).
    ``unmasked``: phone and ID numbers in full. ``data``: the period's records when the
    caller has them already (they are read once and shared). Raises ReportError when no
    CJK font is found or the file cannot be written (nothing is written then)."""
    data = data or PeriodData(services, period, unmasked=unmasked, as_of=as_of)
    keys = list(PARTS)
    out = Path(out)
    report = _report(data, out, data.period.report_title, False)
    return report.build(_annual_story(data, report, keys, fingerprint))


def write_part(
    services,
    period,
    key: str,
    out: Path,
    *,
    as_of: dt.date | None = None,
    unmasked: bool = False,
    data: PeriodData | None = None,
) -> Path:
    """One part of the annual report (a key of PARTS) as a PDF of its own."""
    part = PARTS[key]
    data = data or PeriodData(services, period, unmasked=unmasked, as_of=as_of)
    report = _report(data, Path(out), part.title, part.landscape)
    doc = _Doc(data, report)
    ds = doc.ds
    story: list[Flowable] = [
        *report.setup(),
        *report.turn(part.landscape),
        para(data.studio.name, report.styles.subtitle),
        para(part.title, report.styles.title),
        Spacer(1, 1 * mm),
        para(f"报告期间：{data.period.text}", ds.info),
        para(f"数据截至：{date_zh(data.as_of)}", ds.info),
        Spacer(1, 3 * mm),
        *part.build(doc, report.view()),
    ]
    return report.build(story)


def write_profile(services, period, out: Path, **kw) -> Path:
    return write_part(services, period, "profile", out, **kw)


def write_roster(services, period, out: Path, **kw) -> Path:
    return write_part(services, period, "roster", out, **kw)


def write_activity_log(services, period, out: Path, **kw) -> Path:
    return write_part(services, period, "activities", out, **kw)


def write_attendance(services, period, out: Path, **kw) -> Path:
    return write_part(services, period, "attendance", out, **kw)


def write_duties(services, period, out: Path, **kw) -> Path:
    return write_part(services, period, "duties", out, **kw)


def write_task_ledger(services, period, out: Path, **kw) -> Path:
    return write_part(services, period, "tasks", out, **kw)


def write_spending(services, period, out: Path, **kw) -> Path:
    return write_part(services, period, "spending", out, **kw)


def write_summaries(services, period, out: Path, **kw) -> Path:
    return write_part(services, period, "summary", out, **kw)


def write_assessments(services, period, out: Path, **kw) -> Path:
    return write_part(services, period, "assessments", out, **kw)


def write_period_reports(
    services,
    period,
    folder: Path,
    *,
    fingerprint: str | None = None,
    as_of: dt.date | None = None,
    unmasked: bool = False,
    parts: bool = True,
) -> list[Path]:
    """The annual report (ANNUAL_FILE_NAME) and, with ``parts``, each part on its own
    (Part.file_name) in ``folder``; the files written, in that order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    data = PeriodData(services, period, unmasked=unmasked, as_of=as_of)
    written = [
        write_annual_report(
            services, data.period, folder / ANNUAL_FILE_NAME, fingerprint=fingerprint, data=data
        )
    ]
    if parts:
        for part in PARTS.values():
            written.append(
                write_part(services, data.period, part.key, folder / part.file_name, data=data)
            )
    return written


__all__ = [
    "ANNUAL_FILE_NAME",
    "PARTS",
    "Part",
    "write_activity_log",
    "write_annual_report",
    "write_assessments",
    "write_attendance",
    "write_duties",
    "write_part",
    "write_period_reports",
    "write_profile",
    "write_roster",
    "write_spending",
    "write_summaries",
    "write_task_ledger",
]
