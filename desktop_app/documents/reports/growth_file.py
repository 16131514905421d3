"""A member's growth file (成长档案) as a PDF.

Seed 004 asks the studio to keep a growth file for each member, "对能力提升、成长发展等记录
详细，便于追溯". The file holds:

  一、基本情况        the member's profile (phone and ID number masked unless asked)
  二、个人发展规划    the development goals of each school year
  三、成长记录        the records by kind (公开课, 讲座, 论文 …) with date, level, 学时
                     and evidence, thumbnails of the evidence that is a picture
  四、考勤情况        the member's sessions per school year with the absence ratio and
                     state, and every session with its mark
  五、年度职责完成情况 the yearly duties of each school year and the records that fulfil them
  六、培训学时        学时 per school year: from the studio activities attended and from the
                     member's own training records, apart and in total; each activity credited

By default the file covers everything on record (the cycle and any record outside it);
given a period (domain/period.py) it covers that period only — the bundle's growth files.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from desktop_app.documents.engine.pdf import para
from desktop_app.documents.reports.duties_report import NOT_A_DUTY, marks
from desktop_app.documents.reports.hours_report import NOT_SET, RULE_NOTE, YEAR_HEADER, year_cells
from desktop_app.documents.reports.plan_report import TextStyles, text_blocks
from desktop_app.documents.reports.sections import (
    DASH,
    MASK_NOTE,
    TOTAL_FILL,
    PeriodData,
    PeriodReport,
    doc_styles,
    hours_text,
    numbered,
    photo_strip,
    state_cell,
    state_fill,
    sub_numbered,
)
from desktop_app.documents.sheets.duties_io import ENCOURAGED_WORD
from desktop_app.domain.attendance import FlagState, Tally
from desktop_app.domain.period import Period
from desktop_app.domain.school_year import SchoolYear, date_zh
from desktop_app.domain.training_hours import format_hours
from desktop_app.domain.vocab import (
    ActivityKind,
    AttendanceStatus,
    Gender,
    RecordKind,
    RecordLevel,
    Role,
    TeachingTitle,
    TrainingTier,
)

TITLE = "成长档案"
ALL_RECORDS = "all"  # the kind of the period that covers everything on record
PHOTOS_PER_RECORD = 4


class MemberNotFound(LookupError):
    """No member, or more than one person, has the name given; ``matches`` holds the
    roster rows found (empty when none)."""

    def __init__(self, name: str, matches: list):
        super().__init__(name)
        self.name = name
        self.matches = matches


def find_member(services, name: str):
    """The roster row of the member called ``name`` (spaces ignored). A person with
    several memberships gives the current one (else the latest). Raises MemberNotFound
    when nobody or more than one person has that name."""
    key = "".join(str(name).split())
    rows = [r for r in services.members.roster(include_left=True) if "".join(r.name.split()) == key]
    people = {r.person_id for r in rows}
    if len(people) != 1:
        raise MemberNotFound(name, rows)
    return max(rows, key=lambda r: (r.left_on is None, r.membership_id))


def whole_record(services, membership_id: int) -> Period:
    """Everything on record for a member: the cycle, widened to any record outside it."""
    cycle = services.studio.get().cycle
    first, last = cycle.first_day, cycle.last_day
    for r in services.growth.records(membership_id):
        first, last = min(first, r.date), max(last, r.date)
    years = tuple(
        SchoolYear(y) for y in range(SchoolYear.of(first).start, SchoolYear.of(last).start + 1)
    )
    first, last = years[0].first_day, years[-1].last_day
    return Period(ALL_RECORDS, f"{years[0].start}-{years[-1].start + 1}", first, last, years)


class _GrowthFile:
    def __init__(self, data: PeriodData, report: PeriodReport, member):
        self.data = data
        self.services = data.services
        self.report = report
        self.member = member
        self.ds = doc_styles(report.styles)
        self.ts = TextStyles(report.styles)
        self.view = report.view()
        self.years = [
            y for y in data.period.school_years if self._belongs(y.first_day, y.last_day)
        ] or list(data.period.school_years)

    def _belongs(self, first: dt.date, last: dt.date) -> bool:
        m = self.member
        return (m.joined_on is None or m.joined_on <= last) and (
            m.left_on is None or m.left_on >= first
        )

    @property
    def scope_text(self) -> str:
        p = self.data.period
        span = f"{date_zh(p.first_day)}至{date_zh(p.last_day)}"
        if p.kind == ALL_RECORDS:
            return f"全部记录（{span}）"
        return p.text

    # --- blocks ---

    def title_block(self) -> list[Flowable]:
        s, ds = self.report.styles, self.ds
        m = self.member
        return [
            para(self.data.studio.name, s.subtitle),
            para(f"{m.name} {TITLE}", s.title),
            Spacer(1, 1 * mm),
            para(f"{Role.zh_of(m.role)}　{m.school or ''}", ds.info),
            para(f"范围：{self.scope_text}；数据截至{date_zh(self.data.as_of)}", ds.info),
            Spacer(1, 3 * mm),
        ]

    def profile(self) -> list[Flowable]:
        m, ds = self.member, self.ds
        left = ""
        if m.left_on is not None:
            left = m.left_on.isoformat() + (f"（{m.leave_reason}）" if m.leave_reason else "")
        pairs = [
            ("姓名", m.name),
            ("性别", Gender.zh_of(m.gender)),
            ("出生年月", f"{m.birth_date:%Y年%m月}" if m.birth_date else ""),
            ("角色", Role.zh_of(m.role)),
            ("工作单位", (m.school or "") + ("（乡村学校）" if m.rural else "")),
            ("职称", TeachingTitle.zh_of(m.title)),
            ("任班主任起始年", str(m.head_teacher_since or "")),
            ("任教起始年", str(m.teaching_since or "")),
            ("仍在班主任岗位", {True: "是", False: "否"}.get(m.in_post, "")),
            ("协议签订", m.agreement_signed_on.isoformat() if m.agreement_signed_on else ""),
            ("加入日期", m.joined_on.isoformat() if m.joined_on else ""),
            ("退出日期", left or DASH),
            ("联系电话", m.phone or ""),
            ("身份证号", m.id_number or ""),
        ]
        if m.training_tier:  # 松江's training tiers (seed 001)
            pairs.append(("培养梯队", TrainingTier.from_code(m.training_tier).zh))
        if len(pairs) % 2:
            pairs.append(("", ""))
        s = self.report.styles
        rows = []
        for i in range(0, len(pairs), 2):
            row: list[object] = []
            for label, value in pairs[i : i + 2]:
                row += [para(label, s.cell_center), para(value, s.cell)]
            rows.append(row)
        rows.append(
            [para("荣誉称号", s.cell_center), para(m.honours or "（无）", s.cell), None, None]
        )
        last = len(rows) - 1
        table = self.view.table(
            rows,
            self.view.mm_widths(30, None, 26, 50),
            header_rows=0,
            extra_style=[
                ("SPAN", (1, last), (3, last)),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F2F2")),
                ("BACKGROUND", (2, 0), (2, last - 1), colors.HexColor("#F2F2F2")),
            ],
        )
        flowables: list[Flowable] = [table]
        if not self.data.unmasked:
            flowables.append(para(MASK_NOTE, ds.note))
        return flowables

    def goals(self) -> list[Flowable]:
        years = set(self.data.period.school_years)
        goals = [
            g
            for g in self.services.growth.goals(self.member.membership_id)
            if g.school_year in years
        ]
        if not goals:
            return [para("本期尚未填写个人发展规划。", self.ds.body)]
        flowables: list[Flowable] = []
        for g in goals:
            flowables.append(para(f"{g.school_year.label}学年", self.ts.label))
            flowables += text_blocks(g.goals, self.ts, nested=True)
        return flowables

    def records(self) -> list[Flowable]:
        ds = self.ds
        p = self.data.period
        records = sorted(
            (
                r
                for r in self.services.growth.records(self.member.membership_id)
                if p.contains(r.date)
            ),
            key=lambda r: (r.date, r.id),
        )
        if not records:
            return [para("本期没有成长记录。", ds.body)]
        counts = Counter(r.kind for r in records)
        known = [k.code for k in RecordKind]
        kinds = [k for k in known if counts.get(k)] + sorted(k for k in counts if k not in known)
        hours = sum(r.hours_tenths or 0 for r in records if r.kind == RecordKind.TRAINING.code)
        summary = f"本期成长记录共 {len(records)} 项：" + "，".join(
            f"{RecordKind.zh_of(k)} {counts[k]} 项" for k in kinds
        )
        if hours:
            summary += f"；培训学时合计 {hours_text(hours)} 学时"
        flowables: list[Flowable] = [para(summary + "。", ds.body)]
        for i, kind in enumerate(kinds):
            of_kind = [r for r in records if r.kind == kind]
            flowables.append(
                para(sub_numbered(i, f"{RecordKind.zh_of(kind)}（{len(of_kind)} 项）"), ds.section)
            )
            flowables.append(self._record_table(kind, of_kind))
        return flowables

    def _record_table(self, kind: str, records: list) -> Table:
        ds = self.ds
        small, centre = ds.cell_small, ds.cell_center_small
        training = kind == RecordKind.TRAINING.code
        header = [
            "序号",
            "日期",
            "名称",
            "级别",
            *(["学时"] if training else []),
            "说明",
            "佐证材料",
        ]
        widths = self.view.mm_widths(10, 20, None, 14, *([12] if training else []), 48, 34)
        rows: list[list[object]] = [[para(h, centre) for h in header]]
        extra: list[tuple] = []
        caption_style = ParagraphStyle(
            "growth_caption", parent=small, textColor=colors.HexColor("#444444")
        )
        for n, r in enumerate(records, start=1):
            files = "\n".join(a.original_name for a in r.attachments)
            rows.append(
                [
                    para(str(n), centre),
                    para(r.date.isoformat(), centre),
                    para(r.title, small),
                    para(RecordLevel.zh_of(r.level), centre),
                    *([para(hours_text(r.hours_tenths), centre)] if training else []),
                    para(r.detail or "", small),
                    para(files, small),
                ]
            )
            cols = len(header)
            strip = photo_strip(
                self.data,
                r.attachments,
                sum(widths[2:]) - 8,
                limit=PHOTOS_PER_RECORD,
                height=26 * mm,
                style=small,
            )
            if strip is not None:
                row = len(rows)
                rows.append([para("佐证图片", caption_style), None, strip] + [None] * (cols - 3))
                extra += [
                    ("SPAN", (0, row), (1, row)),
                    ("SPAN", (2, row), (-1, row)),
                    ("NOSPLIT", (0, row - 1), (-1, row)),
                ]
        if training:
            total = sum(r.hours_tenths or 0 for r in records)
            last = len(rows)
            rows.append(
                [
                    para("合计", centre),
                    None,
                    None,
                    None,
                    para(hours_text(total), centre),
                    None,
                    None,
                ]
            )
            extra += [
                ("SPAN", (0, last), (3, last)),
                ("BACKGROUND", (0, last), (-1, last), TOTAL_FILL),
            ]
        return self.view.table(rows, widths, extra_style=extra)

    def attendance(self) -> list[Flowable]:
        ds = self.ds
        small, centre = ds.cell_small, ds.cell_center_small
        mid = self.member.membership_id
        standings = self.data.year_standings
        # Under the cycle's window a year's flag counts the years before it: it says so.
        cumulative = any(not standings[y].window.covers(y) for y in self.years)
        ratio = "累计缺勤比例" if cumulative else "缺勤比例"
        rows: list[list[object]] = [
            [
                para(h, centre)
                for h in (
                    "学年",
                    "应到",
                    "实到",
                    AttendanceStatus.LEAVE.zh,
                    AttendanceStatus.ABSENT.zh,
                    ratio,
                    "状态",
                )
            ]
        ]
        extra: list[tuple] = []
        sessions = []
        for year in self.years:
            tally = self.data.year_tallies[year].get(mid) or Tally(0, 0, FlagState.OK)
            flag = standings[year].tally(mid)
            statuses = Counter()
            for a in self.data.activities:
                if not year.contains(a.date) or not a.takes_attendance:
                    continue
                mark = self.data.marks.get(a.id, {}).get(mid)
                if mark is None:
                    continue
                statuses[mark[0]] += 1
                sessions.append((a, mark))
            present = sum(
                statuses[s.code]
                for s in (
                    AttendanceStatus.PRESENT,
                    AttendanceStatus.LATE,
                    AttendanceStatus.LEFT_EARLY,
                )
            )
            r = len(rows)
            rows.append(
                [
                    para(f"{year.label}学年", centre),
                    para(str(tally.expected), centre),
                    para(str(present), centre),
                    para(str(statuses[AttendanceStatus.LEAVE.code]), centre),
                    para(str(statuses[AttendanceStatus.ABSENT.code]), centre),
                    para(flag.ratio_text if flag.expected else DASH, centre),
                    state_cell(flag, ds),
                ]
            )
            fill = state_fill(flag.state)
            if fill is not None:
                extra.append(("BACKGROUND", (0, r), (-1, r), fill))
        table = self.view.table(
            rows, self.view.mm_widths(None, 18, 18, 18, 18, 24, 20), extra_style=extra
        )
        flowables: list[Flowable] = [table]
        windows = "；".join(standings[y].window.text for y in self.years)
        flowables.append(
            para(f"各学年的缺勤比例和状态按本工作室的考勤统计范围，依次为：{windows}。", ds.note)
        )
        if not sessions:
            flowables.append(para("本期没有需要考勤的活动记录。", ds.body))
            return flowables
        rows = [[para(h, centre) for h in ("序号", "日期", "活动类型", "活动主题", "考勤", "备注")]]
        extra = []
        for n, (a, (status, note)) in enumerate(sessions, start=1):
            rows.append(
                [
                    para(str(n), centre),
                    para(a.date.isoformat(), centre),
                    para(ActivityKind.zh_of(a.kind), centre),
                    para(a.topic, small),
                    para(AttendanceStatus.zh_of(status), centre),
                    para(note or "", small),
                ]
            )
            if status in (AttendanceStatus.ABSENT.code, AttendanceStatus.LEAVE.code):
                extra.append(("TEXTCOLOR", (4, n), (4, n), colors.HexColor("#B00000")))
        flowables += [
            para("参加活动明细", ds.section),
            self.view.table(rows, self.view.mm_widths(10, 22, 22, None, 16, 40), extra_style=extra),
        ]
        return flowables

    def duties(self) -> list[Flowable]:
        ds = self.ds
        small, centre = ds.cell_small, ds.cell_center_small
        done_mark, missing_mark = marks()
        rows: list[list[object]] = [
            [para(h, centre) for h in ("学年", "年度职责", "完成情况", "佐证")]
        ]
        extra: list[tuple] = []
        applies = False
        for year in self.years:
            grid = self.data.grids[year]
            applies = applies or grid.applies
            row = next((r for r in grid.rows if r.membership_id == self.member.membership_id), None)
            if row is None:
                continue
            first = len(rows)
            missing = ENCOURAGED_WORD if grid.encouraged else f"{missing_mark} 未完成"
            for kind in grid.kinds:
                status = row.statuses.get(kind)
                if status is None:
                    continue
                rows.append(
                    [
                        para(f"{year.label}学年", centre),
                        para(RecordKind.zh_of(kind), centre),
                        para(
                            f"{done_mark} 已完成" if status.done else missing,
                            ds.red if not status.done and not grid.encouraged else centre,
                        ),
                        para("\n".join(status.evidence), small),
                    ]
                )
            if len(rows) - first > 1:
                extra.append(("SPAN", (0, first), (0, len(rows) - 1)))
        if not applies:
            return [para("工作室政策未规定年度职责。", ds.body)]
        if len(rows) == 1:
            return [para(f"该成员的角色本期没有年度职责（{NOT_A_DUTY}）。", ds.body)]
        return [self.view.table(rows, self.view.mm_widths(30, 36, 26, None), extra_style=extra)]

    def hours(self) -> list[Flowable]:
        """学时 per school year (activities attended, own training, total), then each
        activity credited."""
        ds = self.ds
        small, centre = ds.cell_small, ds.cell_center_small
        service = self.services.training_hours
        years = service.table([self.member], self.years)
        rows: list[list[object]] = [[para(h, centre) for h in YEAR_HEADER]]
        rows += [[para(text, centre) for text in year_cells(y)] for _m, y in years]
        flowables: list[Flowable] = [
            self.view.table(rows, self.view.mm_widths(None, 28, 26, 30, 26, 22)),
            para(RULE_NOTE, ds.note),
        ]
        p = self.data.period
        credited = [a for a in service.attended(self.member.person_id) if p.contains(a.date)]
        if not credited:
            flowables.append(para("本期没有计入学时的工作室活动。", ds.body))
            return flowables
        rows = [[para(h, centre) for h in ("序号", "日期", "活动主题", "考勤", "学时")]]
        for n, a in enumerate(credited, start=1):
            rows.append(
                [
                    para(str(n), centre),
                    para(a.date.isoformat(), centre),
                    para(a.topic, small),
                    para(AttendanceStatus.zh_of(a.status), centre),
                    para(format_hours(a.hours_tenths) if a.hours_tenths else NOT_SET, centre),
                ]
            )
        flowables += [
            para("计入学时的工作室活动", ds.section),
            self.view.table(rows, self.view.mm_widths(10, 22, None, 16, 30)),
        ]
        return flowables

    def story(self) -> list[Flowable]:
        parts = [
            ("基本情况", self.profile()),
            ("个人发展规划", self.goals()),
            ("成长记录", self.records()),
            ("考勤情况", self.attendance()),
            ("年度职责完成情况", self.duties()),
            ("培训学时", self.hours()),
        ]
        story: list[Flowable] = [
            *self.report.setup(),
            *self.report.turn(False),
            *self.title_block(),
        ]
        for i, (title, body) in enumerate(parts):
            story += [para(numbered(i, title), self.ds.part), *body]
        return story


def write_growth_file(
    services,
    membership_id: int,
    out: Path,
    *,
    period=None,
    unmasked: bool = False,
    as_of: dt.date | None = None,
    data: PeriodData | None = None,
) -> Path:
    """The growth file of membership ``membership_id`` as a PDF at ``out``: everything
    on record, or only ``period`` (a Period).
    ``data``: the period's records when the caller has them (their period and masking
    are used; shared by the growth files of one period). Raises LookupError for an
    unknown membership, ReportError when no CJK font is found or the file cannot be
    written."""
    member = next(
        (r for r in services.members.roster(include_left=True) if r.membership_id == membership_id),
        None,
    )
    if member is None:
        raise LookupError(f"no membership {membership_id}")
    if data is None:
        scope = period if period is not None else whole_record(services, membership_id)
        data = PeriodData(services, scope, unmasked=unmasked, as_of=as_of)
    member = next(r for r in data.roster if r.membership_id == membership_id)
    studio = data.studio
    report = PeriodReport(
        Path(out),
        f"{TITLE}：{member.name}",
        studio.name,
        subject=f"{studio.name} {member.name} {TITLE}",
        pdf_title=f"{studio.name} {member.name} {TITLE}",
    )
    return report.build(_GrowthFile(data, report, member).story())


def growth_file_name(member) -> str:
    """A file name for a member's growth file in a bundle: growth-<membership id>.pdf."""
    return f"growth-{member.membership_id:03d}.pdf"


def write_growth_files(
    services, period, folder: Path, *, unmasked: bool = False, as_of: dt.date | None = None
) -> list[Path]:
    """The growth file of each member on the roster during ``period`` (covering the
    period), named by ``growth_file_name``, in ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    data = PeriodData(services, period, unmasked=unmasked, as_of=as_of)
    return [
        write_growth_file(
            services,
            m.membership_id,
            folder / growth_file_name(m),
            data=data,
        )
        for m in data.members
    ]


__all__ = [
    "MemberNotFound",
    "TITLE",
    "find_member",
    "growth_file_name",
    "whole_record",
    "write_growth_file",
    "write_growth_files",
]
