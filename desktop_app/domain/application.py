"""The application of a studio's host (申报) as seed 004 describes it: the six conditions
of its 附件1 (江阴中专名班主任工作室主持人申报条件), and the filled-in application that the
申报表 (附件3) and the 申报汇总表 (附件4) are written from.

Seed 004 gives the two forms by title only ("附件3：江苏省江阴中等专业学校名班主任工作室
申报表", "附件4：…申报汇总表"): their layout is the program's, following 附件1, and every
form says so (LAYOUT_NOTE, SUMMARY_LAYOUT_NOTE).

An Application holds plain values only (no database rows), so that a form can be written
for one studio from its records or, for the bureau, from several studios' data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desktop_app.domain.school_year import school_years_served
from desktop_app.domain.vocab import RecordKind

SEED = "004_cc67f720712294f0.txt"
DOCUMENT = "江阴中专名班主任工作室建设方案"
FORM_TITLE = "江苏省江阴中等专业学校名班主任工作室申报表"  # 附件3, its title only
SUMMARY_TITLE = "江苏省江阴中等专业学校名班主任工作室申报汇总表"  # 附件4, its title only
CONDITIONS_TITLE = "江阴中专名班主任工作室主持人申报条件"  # 附件1
LAYOUT_NOTE = (
    f"本表格式由本程序按《{DOCUMENT}》附件1所列条件编排；原方案附件3仅给出表名，未给出表格式样。"
)
SUMMARY_LAYOUT_NOTE = (
    f"本表格式由本程序按《{DOCUMENT}》附件1所列条件编排，一行一份申报；"
    "原方案附件4仅给出表名，未给出表格式样。"
)
FILL_IN = "（请填写）"
NO_RECORD = "台账中暂无相关记录，请填写。"
RECENT_YEARS = 5  # 附件1 二、四: "近5年来"


@dataclass(frozen=True)
class Condition:
    """One condition of 附件1: its number, its words as the seed writes them, and the
    kinds of growth record that can show it."""

    number: str  # 一 … 六
    heading: str  # a few words naming it, for tables too narrow for its text
    text: str  # the seed's words, whole
    record_kinds: tuple[RecordKind, ...] = ()
    recent_only: bool = False  # the seed asks for the last five years (近5年来)
    host_facts: bool = False  # 一: the host's post, years and title
    presented: bool = False  # 六: the studio activities the host presented


# 附件1, quoted whole (seed 004, 附件1 一 to 六).
CONDITIONS: tuple[Condition, ...] = (
    Condition(
        "一",
        "在岗班主任、6年以上班主任工作年限、中级及以上职称",
        "忠诚于人民的教育事业，全面贯彻党和国家的教育方针，具有崇高的思想政治素质和职业道德"
        "素养，敬业爱生，为人师表，模范履行班主任职责。须为在岗班主任，具备6年以上（含6年）"
        "班主任工作年限，具有中级及以上教师职称。",
        host_facts=True,
    ),
    Condition(
        "二",
        "形成工作特色；近5年省、市班主任能力比赛成绩",
        "具有先进的教育教学理念和深厚的人文素养，能全面掌握班主任工作的专业知识和专业技能，"
        "关注学生的全面发展。在建班育人的过程中既能运用教育学、心理学、社会学等理论和现代信息"
        "技术引导学生，又能善于管理，主动利用社会各类教育资源，形成工作特色，并取得显著成效。"
        "近5年来，在省、市组织的班主任能力比赛中，取得优异成绩者优先推荐。",
        record_kinds=(RecordKind.COMPETITION,),
        recent_only=True,
    ),
    Condition(
        "三",
        "所带班级获江阴市级及以上先进班集体或优秀团支部；本人荣誉",
        "在班主任工作领域里有一定的知名度和社会影响力，能及时掌握教育教学和班主任专业领域前沿"
        "的改革和发展动态，注重自我提升和自我发展。所带班级曾获得江阴市级及以上“先进班集体”"
        "或“优秀团支部”荣誉称号。本人荣获江阴市级及以上的各类教育教学荣誉称号的优先推荐。",
        record_kinds=(RecordKind.CLASS_HONOUR, RecordKind.HONOUR),
    ),
    Condition(
        "四",
        "近5年市级及以上课题或刊物发表",
        "具有较强的开拓进取、创新实践能力。根据职业学校学生成长的新情况、新特点，加强科学研究"
        "与调查研究，创新工作方法，注重人文关怀和心理疏导，形成鲜明的工作风格。近5年来，曾主持"
        "或主要参与市级及以上德育和班主任工作方面教科研课题研究或有高质量的科研成果在市级及以上"
        "刊物上发表者优先推荐。",
        record_kinds=(RecordKind.RESEARCH, RecordKind.PAPER),
        recent_only=True,
    ),
    Condition(
        "五",
        "活动育人；所带班级或指导学生在竞赛和活动中取得优异成绩",
        "重视学生的全面发展和活动育人。积极组织学生参加促进学生全面发展的各项活动。所带班级学生"
        "或本人指导学生在各类职业技能大赛、“文明风采”德育活动等竞赛和活动中取得优异成绩。",
    ),
    Condition(
        "六",
        "团队建设、活动组织，指导和培育中青年骨干班主任",
        "具有较强的团队建设、活动组织和沟通交流能力，能带领团队勇于探索，能聚焦现实问题，服务"
        "基层实践，充分发挥引领、辐射和孵化作用，指导和培育中青年骨干班主任。",
        record_kinds=(RecordKind.MENTORING, RecordKind.LECTURE, RecordKind.PUBLIC_LESSON),
        presented=True,
    ),
)


def recent_since(as_of: dt.date, years: int = RECENT_YEARS) -> dt.date:
    """The first day of "近N年来" counted back from ``as_of`` (29 February → 28)."""
    try:
        return as_of.replace(year=as_of.year - years)
    except ValueError:
        return as_of.replace(year=as_of.year - years, day=28)


@dataclass(frozen=True)
class Person:
    """A person as the forms show them; phone and ID as they are to be printed
    (masked unless the user asked for them in full)."""

    name: str
    gender: str = ""  # 男 / 女
    birth: str = ""  # 1985年3月
    school: str = ""
    title: str = ""  # 职称, in words
    head_teacher_since: int | None = None
    honours: str = ""
    role: str = ""  # 主持人 / 成员 …
    phone: str = ""
    id_number: str = ""
    in_post: bool | None = None  # 在岗班主任; None: the records do not say


@dataclass(frozen=True)
class Evidence:
    """What the records hold for one condition: lines of text, none when nothing."""

    condition: Condition
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Application:
    studio_name: str
    host_school: str  # the studio's school (系部 / 学校)
    cycle: str  # 2024-2027
    as_of: dt.date  # the day the form is filled in from the records
    host: Person | None
    evidence: tuple[Evidence, ...]
    members: tuple[Person, ...]  # proposed members (the roster, the host aside)
    goals: str = ""  # the build plan's 建设目标
    features: str = ""  # the build plan's 特色 (else the studio's own)
    masked: bool = True  # phone and ID are printed masked
    notes: tuple[str, ...] = field(default_factory=tuple)  # what the program could not fill

    @property
    def head_teacher_years(self) -> int | None:
        """Whole school years as a head teacher by the form's date, counted as the
        roster's checks count them."""
        if self.host is None or self.host.head_teacher_since is None:
            return None
        return school_years_served(self.host.head_teacher_since, self.as_of)


def years_text(app: Application) -> str:
    """班主任工作年限 as the form writes it: "13年（2012年起）", or the space to fill."""
    years = app.head_teacher_years
    if years is None:
        return FILL_IN
    return f"{years}年（{app.host.head_teacher_since}年起）"


def in_post_text(person: Person | None) -> str:
    """在岗班主任: 是 / 否, or boxes to tick where the records do not say."""
    if person is None or person.in_post is None:
        return "□是　□否"
    return "是" if person.in_post else "否"


def host_fact_lines(app: Application) -> tuple[str, ...]:
    """Condition 一 as the records show it: post, years, title."""
    host = app.host
    return (
        f"在岗班主任：{in_post_text(host)}",
        f"班主任工作年限：{years_text(app)}；附件1要求6年以上（含6年）",
        f"教师职称：{(host.title if host and host.title else FILL_IN)}；附件1要求中级及以上",
    )


__all__ = [
    "CONDITIONS",
    "CONDITIONS_TITLE",
    "DOCUMENT",
    "FILL_IN",
    "FORM_TITLE",
    "LAYOUT_NOTE",
    "NO_RECORD",
    "SEED",
    "SUMMARY_LAYOUT_NOTE",
    "SUMMARY_TITLE",
    "Application",
    "Condition",
    "Evidence",
    "Person",
    "host_fact_lines",
    "in_post_text",
    "recent_since",
    "years_text",
]
