"""The studio's application form (申报表, seed 004 附件3) as a PDF and as an editable Word
document: the school fills in what the records do not hold, signs and stamps it.

Seed 004 gives 附件3 by title only; the form's layout is the program's, following 附件1,
and the form says so under its title (LAYOUT_NOTE). Its parts:

  一、主持人基本情况        the host as the roster has them (phone and ID masked unless
                            asked for)
  二、对照申报条件的佐证    each condition of 附件1 in the seed's words, what the growth
                            file and the activities hold for it, and room for the host's
                            own account
  三、拟吸收的工作室成员    the roster, the host aside
  四、工作室建设规划        the build plan's goals and 特色
  五、审核意见              the host's signature, the department's (推荐单位) and the
                            school's opinion, each with room for a stamp and the date

Both files are noted as issued documents (kind ``application``, period the cycle).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, KeepTogether, Paragraph, Spacer

from desktop_app.documents.engine.pdf import CELL_PAD_X, Report, para, spaced
from desktop_app.documents.engine.word import WordDocument
from desktop_app.documents.issue import issue
from desktop_app.documents.reports.plan_report import TextStyles, text_blocks
from desktop_app.domain.application import (
    DOCUMENT,
    FILL_IN,
    FORM_TITLE,
    LAYOUT_NOTE,
    NO_RECORD,
    Application,
    in_post_text,
    recent_since,
    years_text,
)
from desktop_app.domain.school_year import date_zh

KIND = "application"
SHORT_TITLE = "申报表"
PARTS = (
    "一、主持人基本情况",
    "二、对照申报条件的佐证",
    "三、拟吸收的工作室成员",
    "四、工作室建设规划",
    "五、审核意见",
)
MEMBER_HEADER = (
    "序号",
    "姓名",
    "性别",
    "出生年月",
    "工作单位",
    "职称",
    "任班主任起始年",
    "角色",
    "荣誉称号",
)
MEMBER_WIDTHS = (0.05, 0.09, 0.05, 0.13, 0.22, 0.08, 0.09, 0.11, 0.18)  # of the width
BLANK_MEMBER_ROWS = 3  # rows left to write in when the roster is empty
# 三、(一): "经所在系部逐级审核后统一上报，学校组织专家评审确定名班主任工作室主持人"
REVIEW_SOURCE = (
    f"审核程序见《{DOCUMENT}》三、(一)：“经所在系部逐级审核后统一上报，学校组织专家评审"
    "确定名班主任工作室主持人”。"
)
PROMISE = "本人承诺以上所填内容真实、准确。"
SIGN_HOST = "申报人（签名）：　　　　　　　　　　　年　　月　　日"
SIGN_UNIT = "负责人（签名）：　　　　　　（盖章）　　　年　　月　　日"
REVIEWS = (
    ("申报人承诺", PROMISE, SIGN_HOST),
    ("所在系部（推荐单位）意见", "", SIGN_UNIT),
    ("学校评审意见", "", SIGN_UNIT),
)


def _or_fill(text: object) -> str:
    return str(text) if text not in (None, "") else ""


def host_rows(app: Application) -> list[list[str]]:
    """一、主持人基本情况 as label/value pairs, two to a row (empty: to be filled in)."""
    h = app.host
    get = (lambda attr: _or_fill(getattr(h, attr))) if h else (lambda _attr: "")
    since = h.head_teacher_since if h and h.head_teacher_since else ""
    return [
        ["姓名", get("name"), "性别", get("gender")],
        ["出生年月", get("birth"), "教师职称", get("title")],
        ["工作单位（系部）", get("school") or app.host_school, "是否在岗班主任", in_post_text(h)],
        [
            "任班主任起始年份",
            f"{since}年" if since else "",
            "班主任工作年限",
            "" if app.head_teacher_years is None else years_text(app),
        ],
        ["荣誉称号", get("honours"), "", ""],
        ["联系电话", get("phone"), "身份证号", get("id_number")],
        ["工作室名称", app.studio_name, "建设周期", f"{app.cycle}学年"],
    ]


def evidence_text(lines: tuple[str, ...]) -> str:
    if not lines:
        return NO_RECORD
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, start=1))


def evidence_note(app: Application) -> str:
    since = recent_since(app.as_of)
    return (
        f"条件原文录自《{DOCUMENT}》附件1。“台账记录”由本程序从主持人的成长档案和工作室活动记录"
        f"整理（条件二、四只列近5年，即{date_zh(since)}以来的记录）；“补充说明”由申报人填写。"
    )


def member_rows(app: Application) -> list[list[str]]:
    rows = [
        [
            str(i),
            m.name,
            m.gender,
            m.birth,
            m.school,
            m.title,
            f"{m.head_teacher_since}" if m.head_teacher_since else "",
            m.role,
            m.honours,
        ]
        for i, m in enumerate(app.members, start=1)
    ]
    if not rows:
        rows = [[str(i)] + [""] * (len(MEMBER_HEADER) - 1) for i in range(1, 4)]
    return rows


def header_notes(app: Application) -> list[str]:
    """The lines under the title: the layout statement first, then what was masked and
    what the program could not fill."""
    lines = [LAYOUT_NOTE]
    lines.append(
        "台账中已有的内容已填入，空白处请填写。"
        + ("联系电话、身份证号按导出设置打码显示。" if app.masked else "")
    )
    lines += list(app.notes)
    return lines


# --- PDF ---------------------------------------------------------------------------------


def _blank_spaced(text: str, style: ParagraphStyle) -> Paragraph:
    """A line with room to write in: its ideographic spaces kept as wide gaps (a
    paragraph would collapse them into one)."""
    return Paragraph(escape(text).replace("\u3000", "&nbsp;" * 4), style)


class _Pdf:
    def __init__(self, report: Report, app: Application):
        self.report = report
        self.app = app
        s = report.styles
        self.s = s
        self.ts = TextStyles(s)
        self.w = report.frame_width
        self.small = ParagraphStyle("app_small", parent=s.cell, fontSize=9, leading=12.5)
        self.label = ParagraphStyle("app_label", parent=s.cell_center)
        self.right = ParagraphStyle("app_right", parent=s.cell, alignment=TA_RIGHT)
        self.note = ParagraphStyle(
            "app_note", parent=s.small, textColor=colors.HexColor("#444444"), leading=12
        )

    def story(self) -> list[Flowable]:
        app = self.app
        story: list[Flowable] = [
            para(FORM_TITLE, self.s.title),
            Spacer(1, 2 * mm),
            spaced(
                [f"工作室名称：{app.studio_name}", f"填表日期：{date_zh(app.as_of)}"], self.ts.info
            ),
            Spacer(1, 2 * mm),
        ]
        story += [para(line, self.note) for line in header_notes(app)]
        story += self.host() + self.conditions() + self.members() + self.plan() + self.reviews()
        return story

    def host(self) -> list[Flowable]:
        w = self.w
        widths = [w * 0.18, w * 0.32, w * 0.18, w * 0.32]
        rows = host_rows(self.app)
        honours = next(i for i, r in enumerate(rows) if r[0] == "荣誉称号")
        grey = colors.HexColor("#F2F2F2")
        label_fill = [("BACKGROUND", (0, 0), (0, -1), grey)] + [
            ("BACKGROUND", (2, r), (2, r), grey) for r in range(len(rows)) if r != honours
        ]
        table = self.report.table(
            rows,
            widths,
            header_rows=0,
            row_heights=9 * mm,
            center_cols=(0, 2),
            extra_style=[("SPAN", (1, honours), (3, honours)), *label_fill],
        )
        return [para(PARTS[0], self.ts.section), table]

    def conditions(self) -> list[Flowable]:
        w = self.w
        widths = [w * 0.18, w * 0.82]
        out: list[Flowable] = [
            para(PARTS[1], self.ts.section),
            para(evidence_note(self.app), self.note),
            Spacer(1, 1.5 * mm),
        ]
        for item in self.app.evidence:
            c = item.condition
            rows = [
                [para(f"条件{c.number}", self.label), para(c.text, self.small)],
                [para("台账记录", self.label), para(evidence_text(item.lines), self.s.cell)],
                [para("补充说明\n（申报人填写）", self.label), ""],
            ]
            table = self.report.table(
                rows,
                widths,
                header_rows=0,
                row_heights=[None, None, 24 * mm],
                extra_style=[("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F2F2"))],
            )
            out.append(KeepTogether([table, Spacer(1, 2 * mm)]))
        return out

    def members(self) -> list[Flowable]:
        widths = [self.w * f for f in MEMBER_WIDTHS]
        rows = [list(MEMBER_HEADER), *member_rows(self.app)]
        heights = None if self.app.members else [None] + [9 * mm] * BLANK_MEMBER_ROWS
        return [
            para(PARTS[2], self.ts.section),
            self.report.table(rows, widths, row_heights=heights, center_cols=(0, 2, 3, 5, 6, 7)),
        ]

    def plan(self) -> list[Flowable]:
        out: list[Flowable] = [para(PARTS[3], self.ts.section)]
        for label, text in (
            ("（一）建设目标", self.app.goals),
            ("（二）工作室特色", self.app.features),
        ):
            out.append(para(label, self.ts.label))
            out += text_blocks(text, self.ts, empty=FILL_IN, nested=True)
        return out

    def reviews(self) -> list[Flowable]:
        w = self.w
        inner = w * 0.78 - 2 * CELL_PAD_X
        rows = []
        for label, text, sign in REVIEWS:
            parts: list[Flowable] = [para(text, self.s.cell)] if text else []
            parts += [Spacer(1, 22 * mm), _blank_spaced(sign, self.right)]
            rows.append([para(label, self.label), KeepInFrame(inner, 40 * mm, parts)])
        table = self.report.table(
            rows,
            [w * 0.22, w * 0.78],
            header_rows=0,
            extra_style=[
                ("VALIGN", (1, 0), (1, -1), "BOTTOM"),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F2F2")),
                ("BOTTOMPADDING", (1, 0), (1, -1), 6),
            ],
        )
        return [
            KeepTogether([para(PARTS[4], self.ts.section), table]),
            para(REVIEW_SOURCE, self.note),
        ]


def write_application_pdf(services, app: Application, out: Path) -> Path:
    """The application form as a PDF at ``out``, noted as an issued document. Raises
    ReportError when no CJK font is found or the file cannot be written."""
    report = Report(
        Path(out),
        SHORT_TITLE,
        app.studio_name,
        subject=f"{app.studio_name} {FORM_TITLE}",
        pdf_title=f"{app.studio_name} {FORM_TITLE}",
    )
    written = report.build(_Pdf(report, app).story())
    return issue(services, KIND, app.cycle, written)


# --- Word --------------------------------------------------------------------------------


def _word(app: Application) -> WordDocument:
    doc = WordDocument(SHORT_TITLE, app.studio_name)
    doc.title(FORM_TITLE, f"工作室名称：{app.studio_name}　　填表日期：{date_zh(app.as_of)}")
    for line in header_notes(app):
        doc.note(line)
    width = doc.width_cm

    doc.heading(PARTS[0])
    rows = host_rows(app)
    table = doc.table(rows, [width * f for f in (0.18, 0.32, 0.18, 0.32)], header_rows=0)
    for r, values in enumerate(rows):
        row = table.rows[r]
        doc.row_height(row, 0.9)
        for c in (0, 2):
            if values[c]:
                doc.set_cell(row.cells[c], values[c], center=True)
                doc.shade(row.cells[c])
        if values[0] == "荣誉称号":
            merged = row.cells[1].merge(row.cells[3])
            doc.set_cell(merged, values[1])

    doc.heading(PARTS[1])
    doc.note(evidence_note(app))
    for item in app.evidence:
        c = item.condition
        rows = [
            [f"条件{c.number}", c.text],
            ["台账记录", evidence_text(item.lines)],
            ["补充说明\n（申报人填写）", ""],
        ]
        table = doc.table(rows, [width * 0.18, width * 0.82], header_rows=0)
        for r in range(3):
            cells = table.rows[r].cells
            doc.set_cell(cells[0], rows[r][0], center=True)
            doc.shade(cells[0])
        doc.set_cell(table.rows[0].cells[1], c.text, size=9)
        doc.row_height(table.rows[2], 2.4)
        doc.keep_together(table)
        doc.paragraph()

    doc.heading(PARTS[2])
    rows = [list(MEMBER_HEADER), *member_rows(app)]
    table = doc.table(
        rows, [width * f for f in MEMBER_WIDTHS], center_cols=(0, 2, 3, 5, 6, 7), size=9
    )
    if not app.members:
        for row in table.rows[1:]:
            doc.row_height(row, 0.9)

    doc.heading(PARTS[3])
    for label, text in (("（一）建设目标", app.goals), ("（二）工作室特色", app.features)):
        doc.paragraph(label, bold=True)
        doc.text_blocks(text, FILL_IN, nested=True)

    doc.heading(PARTS[4])
    table = doc.table([[label, ""] for label, _t, _s in REVIEWS], [width * 0.2, width * 0.8], 0)
    for row, (label, text, sign) in zip(table.rows, REVIEWS, strict=True):
        doc.row_height(row, 3.6)
        doc.set_cell(row.cells[0], label, center=True)
        doc.shade(row.cells[0])
        cell = row.cells[1]
        doc.set_cell(cell, (text + "\n" if text else "") + "\n\n\n" + sign)
        cell.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    doc.keep_together(table)  # the three opinions on one page, for one signing
    doc.note(REVIEW_SOURCE)
    return doc


def write_application_docx(services, app: Application, out: Path) -> Path:
    """The application form as an editable Word document at ``out``, noted as an issued
    document. Raises ReportError when the file cannot be written."""
    written = _word(app).save(Path(out), app.as_of)
    return issue(services, KIND, app.cycle, written)


__all__ = [
    "KIND",
    "MEMBER_HEADER",
    "PARTS",
    "REVIEWS",
    "SHORT_TITLE",
    "evidence_text",
    "host_rows",
    "write_application_docx",
    "write_application_pdf",
]
