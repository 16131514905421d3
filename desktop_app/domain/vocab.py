"""The closed vocabularies of the domain.

Each value has a stable English code (stored in the database), the Chinese word used in
documents for the bureau, and the other words people actually type (accepted on import).
The GUI translates the codes itself through Qt's tr(); bureau documents use ``zh``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Term:
    code: str
    zh: str
    aliases: tuple[str, ...] = ()


class Vocab(Enum):
    """Base for vocabularies: ``value`` is a Term."""

    @property
    def code(self) -> str:
        return self.value.code

    @property
    def zh(self) -> str:
        return self.value.zh

    @classmethod
    def from_code(cls, code: str):
        for item in cls:
            if item.code == code:
                return item
        raise ValueError(f"unknown {cls.__name__} code: {code!r}")

    @classmethod
    def zh_of(cls, code: str | None) -> str:
        """The Chinese word of ``code``; the code itself when it is none of the values (an
        older record's word), empty when there is no code."""
        if not code:
            return ""
        try:
            return cls.from_code(code).zh
        except ValueError:
            return code

    @classmethod
    def parse(cls, text: str):
        """Accept the code, the Chinese word or any alias; ``None`` when nothing matches."""
        key = normalise_word(text)
        if not key:
            return None
        for item in cls:
            words = (item.code, item.zh, *item.value.aliases)
            if key in {normalise_word(w) for w in words}:
                return item
        return None

    @classmethod
    def words(cls, separator: str = "、") -> str:
        """The Chinese words, for messages and help that list what is accepted."""
        return separator.join(item.zh for item in cls)


def normalise_word(text: str) -> str:
    # Full-width and half-width spaces and the slash are noise in a typed word.
    return "".join(str(text).split()).replace("／", "/").lower()


class Role(Vocab):
    HOST = Term("host", "主持人", ("领衔人", "主持人/领衔人", "坊主", "营长", "室主持人"))
    MENTOR = Term("mentor", "导师", ("指导专家",))
    CORE = Term("core", "核心成员", ("坊成员", "核心成员(坊成员)", "核心成员（坊成员）"))
    MEMBER = Term("member", "成员", ("学员", "成员/学员", "组员"))
    OBSERVER = Term("observer", "研修人员", ("研修员", "研修"))


def role_order(code: str) -> int:
    """A role's place in lists: host, mentors, core members, members, observers."""
    return _ROLE_ORDER.get(code, len(_ROLE_ORDER))


_ROLE_ORDER = {r.code: i for i, r in enumerate(Role)}


class Stage(Vocab):
    """Membership lifecycle (seed 000 §四(三)); the last stage means on the roster."""

    APPLIED = Term("applied", "申报", ("个人申报",))
    RECOMMENDED = Term("recommended", "学校推荐", ("推荐",))
    SELECTED = Term("selected", "组织遴选", ("遴选",))
    APPROVED = Term("approved", "行政审核", ("审核",))
    CONFIRMED = Term("confirmed", "确定名单", ("在册", "正式", "已确定", "确定"))


# "状态" in the roster sheet is the stage, or 已退出 for a membership that has ended.
LEFT_STATUS_ZH = "已退出"
LEFT_STATUS_ALIASES = ("已退出", "退出", "离开", "已离开", "left")


class Gender(Vocab):
    MALE = Term("male", "男", ("m", "男性"))
    FEMALE = Term("female", "女", ("f", "女性"))


class TeachingTitle(Vocab):
    """职称; ordered from lowest to highest."""

    NONE = Term("none", "未定级", ("无", "见习"))
    JUNIOR = Term("junior", "初级", ("二级教师", "二级", "初级教师"))
    INTERMEDIATE = Term("intermediate", "中级", ("一级教师", "一级", "中级教师"))
    SENIOR = Term("senior", "高级", ("高级教师", "副高", "副高级"))
    FULL_SENIOR = Term("full_senior", "正高级", ("正高级教师", "正高"))

    @property
    def rank(self) -> int:
        return list(TeachingTitle).index(self)


class TrainingTier(Vocab):
    """松江's four training tiers (seed 001 二、(二)1), from new head teachers upwards."""

    HORIZON = Term("horizon", "地平线", ("地平线项目",))
    COMPASS = Term("compass", "指南针", ("指南针项目",))
    CLIMBER = Term("climber", "攀登者", ("攀登者项目",))
    STARS = Term("stars", "满天星", ("满天星项目",))


class StudioLevel(Vocab):
    SCHOOL = Term("school", "校级", ("校",))
    DISTRICT = Term("district", "区级", ("区",))
    CITY = Term("city", "市级", ("市",))


class StudioType(Vocab):
    STUDIO = Term("studio", "工作室")
    CAMP = Term("camp", "成长营", ("卓越班主任成长营",))
    ROOM = Term("room", "培育室", ("优秀班主任培育室",))
    WORKSHOP = Term("workshop", "工作坊", ("班主任工作坊",))


class RecordLevel(Vocab):
    SCHOOL = Term("school", "校级", ("校",))
    DISTRICT = Term("district", "区级", ("区", "县级", "县"))
    CITY = Term("city", "市级", ("市",))
    PROVINCE = Term("province", "省级", ("省",))
    NATIONAL = Term("national", "国家级", ("国家", "全国"))

    @property
    def rank(self) -> int:
        return list(RecordLevel).index(self)


class RecordKind(Vocab):
    """Kinds of growth-file records (成长档案)."""

    PUBLIC_LESSON = Term("public_lesson", "公开课", ("德育公开课", "示范课"))
    LECTURE = Term("lecture", "讲座", ("交流讲座", "工作室交流", "现场交流"))
    PAPER = Term("paper", "论文", ("德育论文",))
    RESEARCH = Term("research", "课题研究", ("课题", "项目研究"))
    COMPETITION = Term("competition", "比赛", ("基本功大赛", "竞赛"))
    HONOUR = Term("honour", "荣誉", ("称号", "个人荣誉"))
    MENTORING = Term("mentoring", "指导青年班主任", ("师徒结对", "带教"))
    CLASS_HONOUR = Term("class_honour", "班级荣誉", ("先进班集体", "优秀班集体"))
    TRAINING = Term("training", "培训学时", ("培训", "学时"))


class ActivityKind(Vocab):
    """Kinds of studio activity (seeds 000 §四(四), 002 §三, 004 §四(一))."""

    STUDY = Term("study", "学习研讨", ("研讨", "读书研讨", "研读专著"))
    EXPERT_LECTURE = Term("expert_lecture", "专家讲座", ("专家授课", "讲座"))
    SEMINAR = Term("seminar", "专题讨论", ("专题研讨",))
    EXCHANGE = Term("exchange", "经验交流", ("交流", "沙龙"))
    OPEN_LESSON = Term("open_lesson", "公开课", ("示范课", "观摩课"))
    RESEARCH = Term("research", "课题研究", ("课题",))
    FIELD_TRIP = Term("field_trip", "外出考察", ("考察", "外出学习"))
    SHOWCASE = Term("showcase", "成果展示", ("展示",))
    SKILLS = Term("skills", "基本功训练", ("基本功",))
    FORUM = Term("forum", "现场会/论坛", ("现场会", "论坛", "观摩会"))
    OTHER = Term("other", "其他", ("其它",))


class AttendanceStatus(Vocab):
    """One member's mark at one session; the digit is the key that sets it."""

    PRESENT = Term("present", "出勤", ("到", "√", "出席", "签到", "present"))
    LATE = Term("late", "迟到", ("late",))
    LEFT_EARLY = Term("left_early", "早退", ("early",))
    LEAVE = Term("leave", "请假", ("假", "事假", "病假", "公假"))
    ABSENT = Term("absent", "缺勤", ("缺", "×", "旷", "缺席", "absent"))

    @property
    def key(self) -> str:
        return str(list(AttendanceStatus).index(self) + 1)


class TaskStatus(Vocab):
    """A task-ledger item's state; 已完成 is 销账 (ticked off with evidence, seed 004)."""

    NOT_STARTED = Term("not_started", "未开始", ("未启动",))
    IN_PROGRESS = Term("in_progress", "进行中", ("推进中",))
    DONE = Term("done", "已完成", ("完成", "销账", "已销账"))


class EvidenceKind(Vocab):
    """What a task item or an assessment indicator can point at as its evidence."""

    ACTIVITY = Term("activity", "活动")
    GROWTH_RECORD = Term("growth_record", "成长记录")
    LEDGER_ENTRY = Term("ledger_entry", "经费账目")
    ATTACHMENT = Term("attachment", "文件")
    PLAN = Term("plan", "计划")
    SUMMARY = Term("summary", "年度总结")
    DOCUMENT = Term("document", "已出具的报表")
    GOAL = Term("goal", "个人发展规划")
    FACT = Term("fact", "统计")  # a computed figure (attendance rate …), no row behind it


class AssessmentKind(Vocab):
    """Seed 004: 中期、终期考核; seed 002 §七: yearly plan/summary and the 3-year review;
    seed 000 §四(六): the yearly member assessment."""

    MIDTERM = Term("midterm", "中期考核", ("中期",))
    FINAL = Term("final", "终期考核", ("终期", "综合考评"))
    ANNUAL = Term("annual", "年度考核", ("年度",))
    MEMBER = Term("member", "成员年度考核", ("成员考核",))


class Grade(Vocab):
    EXCELLENT = Term("excellent", "优秀")
    PASS = Term("pass", "合格")
    FAIL = Term("fail", "不合格")


class AssessmentStatus(Vocab):
    DRAFT = Term("draft", "草稿")
    SUBMITTED = Term("submitted", "已提交")
