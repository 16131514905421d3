"""What the period documents share: the annual report and its parts
(annual_report.py), the growth files (growth_file.py) and the period workbook
(period_workbook.py).

- ``PeriodData``: the records of one period, read once through the services: the members
  on the roster during it (personal data masked unless asked), the activities with their
  marks, each member's absences over the period and the flag they give, the ledger
  entries, the duties grids, the task ledgers, the assessments, the growth records, and
  ``figures`` — the numbers a bureau compares.
- ``PeriodReport``: a report of the engine (documents/engine/pdf.py) whose pages turn between
  portrait and landscape where a part needs the width; ``FrameView`` is the report as
  the section builders of the other reports see it (the frame of one orientation).
- ``PartHeading``: a part's heading, which notes the page it lands on (for the contents).
- ``photo``: a thumbnail of a stored image, made once per size and kept small.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as to_landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    ActionFlowable,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from desktop_app.documents.engine.pdf import RULE_COLOR, Report, Styles, para, picture
from desktop_app.documents.engine.thumbs import thumbnail_bytes
from desktop_app.domain.attendance import FlagState, Tally
from desktop_app.domain.ledger import Direction, IncomeSource
from desktop_app.domain.period import Period
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import (
    AttendanceStatus,
    Grade,
    Role,
    Stage,
    role_order,
)
from desktop_app.services.attendance import EXPECTED_ROLES

NUMERALS = "一二三四五六七八九十"
DASH = "—"
RED = colors.HexColor("#B00000")
AMBER = colors.HexColor("#9C5700")
OVER_FILL = colors.HexColor("#FDECEA")
AT_RISK_FILL = colors.HexColor("#FFF4CE")
TOTAL_FILL = colors.HexColor("#F2F2F2")
PHOTO_DPI = 150  # thumbnails in the period documents: sharp enough on paper, small files
THUMBS_FOLDER = ".thumbs"  # in the PC's cache folder: each photo scaled once, not at every export
MASK_NOTE = "联系电话、身份证号已部分隐去。"


def hours_text(tenths: int | None) -> str:
    """15 → '1.5', 20 → '2', None → ''."""
    if tenths is None:
        return ""
    return str(tenths // 10) if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}"


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


def numbered(index: int, title: str) -> str:
    """一、title … (index from 0)."""
    return f"{NUMERALS[index]}、{title}" if index < len(NUMERALS) else title


def sub_numbered(index: int, title: str) -> str:
    """（一）title … (index from 0)."""
    return f"（{NUMERALS[index]}）{title}" if index < len(NUMERALS) else title


# --- the records of a period ------------------------------------------------------------


def on_roster_during(member, first: dt.date, last: dt.date) -> bool:
    """On the confirmed list (确定名单) during any part of [first, last]; an unknown joining
    date counts as before it."""
    if member.stage != Stage.CONFIRMED.code:
        return False
    if member.joined_on is not None and member.joined_on > last:
        return False
    return member.left_on is None or member.left_on >= first


@dataclass(frozen=True)
class MemberAttendance:
    """One member's attendance over the period."""

    membership_id: int
    name: str
    role: str
    school: str | None
    tally: Tally  # the period's sessions (up to its data's day) and the absences among them
    flag: Tally  # the absences the flag counts: PeriodData.standing's window, maybe longer
    present: int  # 出勤, 迟到 or 早退
    late: int
    left_early: int
    leave: int
    absent: int

    @property
    def state(self) -> FlagState:
        return self.flag.state


@dataclass(frozen=True)
class PeriodFigures:
    """The numbers a bureau compares (data.json's "figures")."""

    members: int  # on the roster during the period
    activities: int  # activities dated in the period
    held: int  # of them, held by the day of the data
    hours_tenths: int  # 学时 of the held activities
    attended: int  # present, late or left early, at sessions that take attendance
    expected: int  # marks recorded at those sessions
    flagged: tuple[str, ...]  # names over the absence line at the period's end (standing)
    at_risk: tuple[str, ...]  # one missed session from it
    granted_fen: int  # income dated in the period, net of reversals
    spent_fen: int  # expense dated in the period, net of reversals
    income_by_source: dict[str, int]
    spent_by_category: dict[str, int]
    duties_done: int
    duties_total: int
    tasks_done: int
    tasks_total: int
    records: int  # growth records dated in the period
    assessment_grade: Grade | None  # the studio's latest submitted assessment

    @property
    def attendance_rate(self) -> Fraction | None:
        return Fraction(self.attended, self.expected) if self.expected else None


class PeriodData:
    """The records of one period, read once through the services.

    ``unmasked``: phone and ID numbers in full (the user opted in); masked otherwise.
    ``as_of``: the day the data stands at, printed on the documents (default: the
    services' today)."""

    def __init__(
        self, services, period: Period, *, unmasked: bool = False, as_of: dt.date | None = None
    ):
        self.services = services
        self.period = period
        self.unmasked = unmasked
        self.today = services.year_facts.today()
        self.as_of = as_of or self.today
        self._photos: dict[tuple[str, float, float], bytes | None] = {}

    @cached_property
    def studio(self):
        return self.services.studio.get()

    @cached_property
    def preset(self):
        return self.services.studio.effective_preset()

    @cached_property
    def roster(self) -> list:
        """Every membership (masked unless unmasked), the roster's order."""
        rows = self.services.members.roster(include_left=True)
        return rows if self.unmasked else [r.masked() for r in rows]

    @cached_property
    def members(self) -> list:
        """The memberships on the confirmed roster during the period, host first, then by
        role and the order they were added."""
        p = self.period
        rows = [r for r in self.roster if on_roster_during(r, p.first_day, p.last_day)]
        return sorted(rows, key=lambda r: (role_order(r.role), r.membership_id))

    @cached_property
    def host(self):
        return next((m for m in self.members if m.role == Role.HOST.code), None)

    @cached_property
    def activities(self) -> list:
        """The activities dated in the period, oldest first."""
        p = self.period
        found = [
            a
            for year in p.school_years
            for a in self.services.activities.list(school_year=year)
            if p.contains(a.date)
        ]
        return sorted(found, key=lambda a: (a.date, a.start_time or dt.time(), a.id))

    @cached_property
    def marks(self) -> dict[int, dict[int, tuple[str, str | None]]]:
        """activity id → membership id → (status code, note), for activities with marks."""
        return self.services.attendance.marks_of(a.id for a in self.activities if a.expected)

    @cached_property
    def standing(self):
        """The attendance facts (services.attendance.AttendanceFacts) as they stood at the
        period's last day, or at ``as_of`` when earlier: every flag the period's documents
        show, over the window the studio's attendance.window setting counts (which the
        documents name: ``standing.window.text``)."""
        return self.services.attendance.facts(self.period, self.as_of)

    @cached_property
    def rules(self):
        return self.standing.rules

    @cached_property
    def attendance(self) -> list[MemberAttendance]:
        """Each period member expected at sessions (or whose role is), with the tally of
        the period's sessions that take attendance and the flag at the period's end."""
        p = self.period
        last = min(p.last_day, self.as_of)
        tallies = self.services.attendance.tallies_between(p.first_day, last)
        counted = {a.id for a in self.activities if a.takes_attendance}
        rows = []
        for m in self.members:
            t = tallies.get(m.membership_id, Tally(0, 0, FlagState.OK))
            if not t.expected and m.role not in EXPECTED_ROLES:
                continue
            counts: Counter[str] = Counter(
                self.marks[a][m.membership_id][0]
                for a in self.marks
                if a in counted and m.membership_id in self.marks[a]
            )
            rows.append(
                MemberAttendance(
                    membership_id=m.membership_id,
                    name=m.name,
                    role=m.role,
                    school=m.school,
                    tally=t,
                    flag=self.standing.tally(m.membership_id),
                    present=counts[AttendanceStatus.PRESENT.code]
                    + counts[AttendanceStatus.LATE.code]
                    + counts[AttendanceStatus.LEFT_EARLY.code],
                    late=counts[AttendanceStatus.LATE.code],
                    left_early=counts[AttendanceStatus.LEFT_EARLY.code],
                    leave=counts[AttendanceStatus.LEAVE.code],
                    absent=counts[AttendanceStatus.ABSENT.code],
                )
            )
        return rows

    @cached_property
    def year_tallies(self) -> dict[SchoolYear, dict[int, Tally]]:
        """Each school year of the period: membership id → tally of its sessions (up to
        the data's day)."""
        tallies = self.services.attendance.tallies_between
        return {
            y: tallies(y.first_day, min(y.last_day, self.as_of)) for y in self.period.school_years
        }

    @cached_property
    def year_standings(self) -> dict[SchoolYear, object]:
        """Each school year of the period: the attendance facts at its end (or ``as_of``),
        as that year's own documents show them."""
        facts = self.services.attendance.facts
        return {y: facts(y, self.as_of) for y in self.period.school_years}

    @cached_property
    def flag_events(self) -> list:
        """Changes of flag recorded during the period."""
        p = self.period
        return [e for e in self.services.attendance.history() if p.contains(e.on)]

    @cached_property
    def entries(self) -> list:
        """Ledger entries dated in the period, oldest first."""
        p = self.period
        return [e for e in self.services.ledger.entries() if p.contains(e.date)]

    @cached_property
    def fiscal_years(self) -> list[int]:
        """The fiscal years (by the year they start) that overlap the period."""
        ledger = self.services.ledger
        first = ledger.fiscal_year_of(self.period.first_day).start_year
        last = ledger.fiscal_year_of(self.period.last_day).start_year
        return list(range(first, last + 1))

    @cached_property
    def grids(self) -> dict[SchoolYear, object]:
        return {y: self.services.duties.grid(y) for y in self.period.school_years}

    @cached_property
    def plans(self) -> dict[SchoolYear, object]:
        return {y: self.services.plans.annual_plan(y) for y in self.period.school_years}

    @cached_property
    def assessments(self) -> list:
        """The assessments of the period's school years, by school year and id."""
        years = set(self.period.school_years)
        found = [h for h in self.services.assessments.list() if h.school_year in years]
        return sorted(found, key=lambda h: (h.school_year, h.id))

    @cached_property
    def records(self) -> list:
        """Growth records dated in the period of the period's members, oldest first."""
        people = {m.person_id for m in self.members}
        p = self.period
        return [
            r
            for r in self.services.growth.all_records()
            if r.person_id in people and p.contains(r.date)
        ]

    @cached_property
    def figures(self) -> PeriodFigures:
        held = [a for a in self.activities if a.date <= self.today]
        attended = expected = 0
        for a in held:
            if a.takes_attendance:
                expected += a.expected
                attended += a.present
        granted = spent = 0
        by_source: dict[str, int] = {}
        by_category: dict[str, int] = {}
        for e in self.entries:
            if e.direction == Direction.INCOME:
                granted += e.signed_fen
                key = e.source or IncomeSource.OTHER.value
                by_source[key] = by_source.get(key, 0) + e.signed_fen
            else:
                spent -= e.signed_fen
                key = e.category or ""
                by_category[key] = by_category.get(key, 0) - e.signed_fen
        done = total = 0
        for grid in self.grids.values():
            done += grid.done_count
            total += grid.done_count + grid.missing_count
        tasks = [t for plan in self.plans.values() if plan is not None for t in plan.tasks]
        # As the bundle's figures: the studio's own submitted assessments (not a member's),
        # of the period's kind (mid-term, final) when there is one; the latest.
        studio_wide = [h for h in self.assessments if h.locked and h.membership_id is None]
        pool = [h for h in studio_wide if h.kind == self.period.kind] or studio_wide
        latest = max(pool, key=lambda h: (h.submitted_at, h.id), default=None)
        return PeriodFigures(
            members=len(self.members),
            activities=len(self.activities),
            held=len(held),
            hours_tenths=sum(a.hours_tenths or 0 for a in held),
            attended=attended,
            expected=expected,
            flagged=self.standing.names(self.members, FlagState.OVER),
            at_risk=self.standing.names(self.members, FlagState.AT_RISK),
            granted_fen=granted,
            spent_fen=spent,
            income_by_source=by_source,
            spent_by_category=by_category,
            duties_done=done,
            duties_total=total,
            tasks_done=sum(1 for t in tasks if t.is_done),
            tasks_total=len(tasks),
            records=len(self.records),
            assessment_grade=latest.grade if latest is not None else None,
        )

    # --- photos ---

    def blob(self, attachment) -> Path | None:
        """This PC's read-only copy of an attachment's bytes (None: not in the database,
        or it could not be copied out)."""
        try:
            return self.services.db.files.local_copy(attachment.sha256)
        except OSError:
            return None

    def photo(self, attachment, max_w: float, max_h: float) -> Flowable | None:
        """A thumbnail of an image attachment (turned upright, aspect kept, at PHOTO_DPI),
        or None when the file is missing or not a readable image."""
        key = (attachment.sha256, round(max_w, 2), round(max_h, 2))
        if key not in self._photos and (blob := self.blob(attachment)) is None:
            self._photos[key] = None
        if key not in self._photos:
            self._photos[key] = thumbnail_bytes(
                blob,
                max_w,
                max_h,
                dpi=PHOTO_DPI,
                quality=80,
                cache=self.services.db.files.cache_root / THUMBS_FOLDER,
            )
        data = self._photos[key]
        if data is None:
            return None
        size, body = data
        return picture(body, size[0], size[1])


def photo_strip(
    data: PeriodData,
    attachments: Iterable,
    width: float,
    *,
    style: ParagraphStyle,
    limit: int = 4,
    height: float = 30 * mm,
) -> Flowable | None:
    """Up to ``limit`` thumbnails side by side in ``width`` (None when there are none);
    a file that is not a readable image is named in ``style`` instead."""
    pictures = [a for a in attachments if a.is_image][:limit]
    if not pictures:
        return None
    slot = width / limit
    cells: list[object] = []
    for a in pictures:
        image = data.photo(a, slot - 4 * mm, height)
        cells.append(image or para(f"（图片无法读取：{a.original_name}）", style))
    cells += [""] * (limit - len(cells))
    strip = Table([cells], colWidths=[slot] * limit, hAlign="LEFT")
    strip.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), style.fontName, style.fontSize),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 1),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return strip


# --- the report -------------------------------------------------------------------------

OTHER = "other_orientation"


class _AddTemplate(ActionFlowable):
    """Adds a page template to the document being built (the engine builds with one)."""

    def __init__(self, template: PageTemplate):
        super().__init__()
        self.template = template

    def apply(self, doc) -> None:
        if all(t.id != self.template.id for t in doc.pageTemplates):
            doc.addPageTemplates([self.template])


class FrameView:
    """A report as the section builders of the other reports see it, for pages of one
    orientation: its styles, ``table()``, ``thumbnail()``, ``frame_width``,
    ``frame_height`` and ``landscape_width``."""

    def __init__(self, report: Report, landscape: bool):
        self.report = report
        self.landscape = landscape
        self.styles: Styles = report.styles
        self.font = report.font
        self.title = report.title
        self.studio_name = report.studio_name
        width, height = to_landscape(A4) if landscape else A4
        self.frame_width = width - report.left - report.right
        self.frame_height = height - report.top - report.bottom
        self.landscape_width = to_landscape(A4)[0] - report.left - report.right

    def table(self, data, col_widths, header_rows: int = 1, **kw) -> Table:
        return self.report.table(data, col_widths, header_rows, **kw)

    def thumbnail(self, path: Path, max_w: float, max_h: float) -> Flowable:
        return self.report.thumbnail(path, max_w, max_h)

    def widths(self, *parts: float) -> list[float]:
        """The frame's width shared in these proportions."""
        total = sum(parts)
        return [self.frame_width * p / total for p in parts]

    def mm_widths(self, *widths: float | None) -> list[float]:
        """Column widths in mm; the one None takes what is left of the frame."""
        fixed = sum(w * mm for w in widths if w is not None)
        return [w * mm if w is not None else self.frame_width - fixed for w in widths]


class PeriodReport(Report):
    """A report whose pages turn between portrait and landscape: ``turn(landscape)`` gives
    the flowables that start the next page in that orientation. The first page has the
    orientation the report is made with."""

    def __init__(self, out: Path, title: str, studio_name: str, *, landscape: bool = False, **kw):
        super().__init__(out, title, studio_name, landscape=landscape, **kw)
        self.base_landscape = landscape
        self.current_landscape = landscape
        self.started = False  # anything on the first page yet

    def view(self, landscape: bool | None = None) -> FrameView:
        return FrameView(self, self.current_landscape if landscape is None else landscape)

    def _other_size(self) -> tuple[float, float]:
        return A4 if self.base_landscape else to_landscape(A4)

    def _draw_other_header(self, canvas, _doc) -> None:
        width, height = self._other_size()
        baseline = height - self.top + 6 * mm
        canvas.saveState()
        canvas.setFont(self.font, 9)
        canvas.setFillColor(colors.HexColor("#333333"))
        canvas.drawString(self.left, baseline, self.studio_name)
        canvas.drawRightString(width - self.right, baseline, self.title)
        canvas.setStrokeColor(RULE_COLOR)
        canvas.setLineWidth(0.5)
        canvas.line(self.left, baseline - 2 * mm, width - self.right, baseline - 2 * mm)
        canvas.restoreState()

    def setup(self) -> list[Flowable]:
        """The story's first flowable: makes the other orientation's page template known."""
        width, height = self._other_size()
        frame = Frame(
            self.left,
            self.bottom,
            width - self.left - self.right,
            height - self.top - self.bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="other_body",
        )
        template = PageTemplate(
            id=OTHER, frames=[frame], onPage=self._draw_other_header, pagesize=(width, height)
        )
        return [_AddTemplate(template)]

    def turn(self, landscape: bool) -> list[Flowable]:
        """Start a new page in this orientation (on the first page: nothing, when it
        already has it)."""
        if not self.started and landscape == self.current_landscape:
            self.started = True
            return []
        self.started = True
        self.current_landscape = landscape
        target = "page" if landscape == self.base_landscape else OTHER
        return [NextPageTemplate(target), PageBreak()]


class PartHeading(Paragraph):
    """A part's heading; notes the page it is drawn on in ``pages[key]``."""

    def __init__(self, text: str, style: ParagraphStyle, key: str, pages: dict[str, int]):
        super().__init__(text, style)
        self.key = key
        self.pages = pages

    def draw(self) -> None:
        super().draw()
        self.pages[self.key] = self.canv.getPageNumber()


@dataclass(frozen=True)
class DocStyles:
    """The styles of the period documents, on top of the engine's."""

    base: Styles
    cover_title: ParagraphStyle
    cover_studio: ParagraphStyle
    cover_period: ParagraphStyle
    cover_label: ParagraphStyle
    cover_value: ParagraphStyle
    part: ParagraphStyle
    section: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    info: ParagraphStyle
    cell: ParagraphStyle
    cell_small: ParagraphStyle
    cell_center_small: ParagraphStyle
    red: ParagraphStyle
    amber: ParagraphStyle


def doc_styles(styles: Styles) -> DocStyles:
    s = styles

    def derive(name: str, parent: ParagraphStyle, **kw) -> ParagraphStyle:
        return ParagraphStyle(f"period_{name}", parent=parent, **kw)

    small = derive("cell_small", s.cell, fontSize=8.5, leading=11)
    return DocStyles(
        base=s,
        cover_title=derive("cover_title", s.title, fontSize=30, leading=40, spaceAfter=6),
        cover_studio=derive("cover_studio", s.title, fontSize=20, leading=28),
        cover_period=derive("cover_period", s.subtitle, fontSize=13, leading=20),
        cover_label=derive("cover_label", s.body, fontSize=12, leading=18),
        cover_value=derive("cover_value", s.body, fontSize=12, leading=18),
        part=derive("part", s.heading, fontSize=15, leading=22, spaceAfter=6, keepWithNext=1),
        section=derive(
            "section", s.heading, fontSize=12, leading=18, spaceBefore=6, keepWithNext=1
        ),
        body=derive("body", s.body, leading=17),
        note=derive("note", s.small, textColor=colors.HexColor("#555555"), spaceBefore=2),
        info=derive("info", s.body, alignment=TA_CENTER),
        cell=s.cell,
        cell_small=small,
        cell_center_small=derive("cell_center_small", small, alignment=TA_CENTER),
        red=derive("red", s.cell_center, textColor=RED),
        amber=derive("amber", s.cell_center, textColor=AMBER),
    )


def state_cell(t: Tally, ds: DocStyles) -> Paragraph:
    """正常 / 临界 (amber) / 超线 (red) / 未满 4 次，暂不判定 / 未设红线."""
    if t.state == FlagState.OVER:
        return para(t.zh, ds.red)
    if t.state == FlagState.AT_RISK:
        return para(t.zh, ds.amber)
    return para(t.zh, ds.base.cell_center)


def state_fill(state: FlagState) -> colors.Color | None:
    return {FlagState.OVER: OVER_FILL, FlagState.AT_RISK: AT_RISK_FILL}.get(state)


def line_text(rules) -> str:
    """按规定：缺勤超过三分之一……; the rule as the studio counts it, with its source."""
    return rules.text_zh


__all__ = [
    "DocStyles",
    "FrameView",
    "MemberAttendance",
    "PartHeading",
    "PeriodData",
    "PeriodFigures",
    "PeriodReport",
    "doc_styles",
    "photo_strip",
]
