"""What the demo studio holds: its school, people, places and topics, the ledger's
entries and budgets, the plans' and summaries' texts (realistic Chinese records of a
studio in 江阴). The builder (builder.py) turns them into records through the services.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from desktop_app.domain.vocab import AttendanceStatus

PRESET_ID = "jiangyin"
HOST_SCHOOL = "江苏省江阴中等专业学校"
DISTRICT = "江阴市"
JIANGYIN_REGION = "320281"  # 江阴市, the first six digits of a local ID number

SURNAMES = (
    "陈 王 张 李 刘 周 吴 徐 孙 朱 胡 钱 缪 顾 沈 陆 蒋 黄 杨 夏 许 邵 季 葛 承 龚 薛 华".split()
)
GIVEN_FEMALE = (
    "静 敏 丽 燕 娟 霞 婷 雯 洁 芳 倩 颖 晓燕 丽华 雪梅 婷婷 佳怡 晓雯 梦琪 文娟 海燕 艳红".split()
)
GIVEN_MALE = "伟 强 磊 军 勇 杰 涛 斌 超 鹏 浩 俊 建华 志强 晓东 海峰 国栋 文博 宇航 明辉".split()

# Where the people work. 系部 of the host school stand for 工作单位 inside one school; the
# partner schools from the towns of 江阴 are rural (seed 000 asks for rural members, and
# seed 004 for radiating out: 引领辐射).
DEPT_IT = "江阴中专信息技术系"
DEPT_MECH = "江阴中专机电工程系"
DEPT_ECON = "江阴中专经济管理系"
DEPT_ART = "江阴中专艺术设计系"
DEPT_BASIC = "江阴中专基础部"
RURAL_SCHOOLS = ("江阴市青阳中学", "江阴市璜土中学", "江阴市祝塘中学", "江阴市月城中学")
MENTOR_SCHOOL = "江阴市教师发展中心"

TOPICS = (
    "职业生涯规划与班级目标管理",
    "中职生手机使用习惯的引导",
    "实习前的职业素养教育",
    "班级公约的共同制定",
    "家校共育中的沟通艺术",
    "中职生心理韧性的培养",
    "技能大赛班级的班风建设",
    "劳动教育融入班级日常",
    "班干部队伍的培养与轮换",
    "寝室文化与班级文化的融合",
    "学困生的转化与激励",
    "“文明风采”活动的班级组织",
    "工匠精神主题教育",
    "网络素养与信息安全教育",
)
JOURNALS = (
    ("《江苏教育·班主任》", "province"),
    ("《职业教育研究》", "national"),
    ("《无锡教育》", "city"),
    ("《江阴教育》", "district"),
    ("《班主任之友》", "national"),
)
TRAININGS = (
    ("无锡市中职班主任高级研修班", "city", ("24", "16", "12")),
    ("江阴市班主任专业能力提升培训", "district", ("8", "6", "4.5")),
    ("江苏省职业学校班主任网络研修", "province", ("10", "12")),
    ("校本培训：主题班会设计工作坊", "school", ("1.5", "2", "3")),
)
HONOURS = ("江阴市优秀班主任", "无锡市优秀教育工作者", "江阴市德育先进个人", "校十佳班主任")
CLASS_HONOURS = ("江阴市先进班集体", "无锡市先进班集体", "江阴市五四红旗团支部")
PRIZES = ("一等奖", "二等奖", "三等奖")

# Where the studio meets.
MEETING_ROOM = "江阴中专行政楼三楼会议室"
HALL = "江阴中专图书馆报告厅"
STUDIO_ROOM = "江阴中专名班主任工作室活动室"
RECORDING_ROOM = "江阴中专实训楼204录播教室"
AFTERNOON = ("14:00", "16:00")
LONG_AFTERNOON = ("14:00", "16:30")
FULL_DAY = ("07:30", "17:30")
# Why someone was on leave (请假): counts as missed unless the setting says otherwise.
LEAVE_NOTES = ("病假", "事假", "公假：带学生参加技能大赛", "公假：参加市教研活动")

# The arranged attendance (seed 004 §四(二)3, the one-third line), by the member's own
# session number. "Over": crosses the line in the autumn of the second year (4 of 11,
# then 5 of 12) and stays over. "At risk": ends the second year at 6 of 19, one missed
# session from the line. "One third": ill in the spring of the first year, exactly 3 of 9
# after the ninth session (over: the jiangyin preset reads 以上 as including one third),
# at risk after the tenth, back to normal three sessions later.
OVER_MISSES = {4, 7, 10, 11, 12, 15, 18}
AT_RISK_MISSES = {5, 9, 12, 15, 17, 19}
ARRANGED_SESSIONS = 19  # the first two school years: 9 + 10 sessions with attendance
ONE_THIRD_MARKS = {
    7: (AttendanceStatus.LEAVE, "病假"),
    8: (AttendanceStatus.LEAVE, "病假"),
    9: (AttendanceStatus.ABSENT, None),
}


# The funding ledger (经费台账, seed 004 五(二)3): the last two calendar years (the fiscal
# year's default). Fixed amounts, so that the story holds whatever the day: the previous
# year (closed) spends its grant and the bureau's subsidy down to 3.50 by December, then the
# year-end 成果汇编 takes it below zero with a recorded reason, and its 课程资源开发 runs
# over budget; the current year stays within its grant at every point of the year, and one
# mistyped amount is corrected (a reversal plus the right entry, under the same voucher).
PRINTER = "江阴市澄江印务有限公司"
COPY_SHOP = "江阴中专文印中心"
BOOKSHOP = "江苏新华书店江阴分店"
COACH = "江阴长运旅游客运有限公司"
TRAINING, RESOURCES, EXPERTS, RESEARCH = "培训研修", "课程资源开发", "专家指导", "课题研究"
OVERRIDE_REASON = (
    "年度成果汇编须于年底前印制并报送学工处；经学工处同意，超支部分由下年度专项经费冲抵"
    "（主持人签批）"
)
CORRECTION_REASON = "录入错误：发票金额为 356.50 元，误录为 365.00 元"


@dataclasses.dataclass(frozen=True)
class Money:
    """One planned ledger entry: an income (``source``) or an expense (``category``).
    ``activity``: the kind of that month's activity it goes with; dated ``offset`` days
    from it when the activity took place, else on the planned day."""

    month: int
    day: int
    amount: str  # as typed
    purpose: str
    payee: str  # "{presenter}" stands for the linked activity's presenter
    category: str | None = None
    source: str | None = None
    activity: str | None = None
    offset: int = 0
    receipt: str | None = None  # "png": a scanned invoice; "txt": a signed fee form
    override: bool = False
    mistyped: str | None = None  # first recorded with this amount, corrected later
    corrected_on: tuple[int, int] | None = None


# fmt: off
LEDGER_PREVIOUS = (
    Money(1, 6, "3,000.00", "学校核拨名班主任工作室专项经费", "江阴中专财务处", source="grant"),
    Money(1, 8, "386.4", "寒假共读书目《班主任工作漫谈》等购置（13 册）", BOOKSHOP, TRAINING,
           activity="exchange", receipt="png"),
    Money(3, 12, "186", "中国知网文献检索下载费", "同方知网（北京）技术有限公司", RESEARCH),
    Money(3, 19, "600.00", "课题开题论证专家咨询费", "开题论证专家组（{presenter}等 2 人）",
           EXPERTS, activity="research", receipt="txt"),
    Money(3, 24, "128.00", "课题开题报告及研究方案印刷（30 册）", PRINTER, RESEARCH),
    Money(4, 18, "¥880", "外出考察（南京）往返大巴租车费", COACH, TRAINING,
           activity="field_trip", receipt="png"),
    Money(5, 21, "86", "基本功训练情景答辩题集印刷（30 册）", COPY_SHOP, RESOURCES,
           activity="skills"),
    Money(5, 26, "356.50", "市中职德育论坛会议资料印刷（120 份）", PRINTER, RESOURCES,
           activity="forum", offset=-2, receipt="png"),
    Money(6, 4, "1500元", "江阴市教育局：名班主任工作室建设补助", "江阴市教育局",
           source="bureau"),
    Money(6, 9, "420.00", "学年成果展示展板制作（4 块）", "江阴市美视广告有限公司", RESOURCES,
           activity="showcase", offset=-2),
    Money(6, 24, "158.60", "课题研究参考书购置（4 册）", BOOKSHOP, RESEARCH),
    Money(9, 17, "165", "学员研修手册印制（15 册）", COPY_SHOP, TRAINING, activity="study"),
    Money(9, 24, "98.00", "问卷星企业版年度服务费（课题问卷调查）", "长沙冉星信息科技有限公司",
           RESEARCH),
    Money(10, 15, "800.00", "专家讲座劳务费", "{presenter}", EXPERTS,
           activity="expert_lecture", receipt="txt"),
    Money(11, 19, "72", "课题调查问卷印刷（600 份）", COPY_SHOP, RESEARCH, activity="seminar"),
    Money(12, 10, "160.00", "送教下乡往返交通费（包车）", COACH, TRAINING,
           activity="open_lesson"),
    Money(12, 22, "402.60", "年度成果汇编印刷（60 册）", PRINTER, RESOURCES,
           receipt="png", override=True),
)
LEDGER_CURRENT = (
    Money(1, 6, "3000", "学校核拨名班主任工作室专项经费", "江阴中专财务处", source="grant"),
    Money(1, 14, "96.00", "课题中期报告印刷（20 册）", PRINTER, RESEARCH, activity="research"),
    Money(1, 20, "321.60", "寒假共读书目《给教师的建议》购置（14 册）", BOOKSHOP, TRAINING),
    Money(2, 26, "112.40", "课题研究参考书购置（3 册）", BOOKSHOP, RESEARCH),
    Money(3, 10, "98", "问卷星企业版年度服务费（课题问卷调查）", "长沙冉星信息科技有限公司",
           RESEARCH),
    Money(3, 18, "186.00", "家校沟通典型案例集印刷（30 册）", PRINTER, RESOURCES,
           activity="exchange"),
    Money(4, 17, "720.00", "外出考察（苏州）往返大巴租车费", COACH, TRAINING,
           activity="field_trip", receipt="png"),
    Money(4, 24, "52", "外出考察心得汇编印刷（15 册）", COPY_SHOP, TRAINING),
    Money(5, 20, "45.00", "主题班会设计评分表及模板印刷", COPY_SHOP, RESOURCES,
           activity="skills"),
    Money(6, 15, "198.00", "中期考核材料汇编印刷（10 套）", PRINTER, RESOURCES,
           activity="showcase", offset=-2),
    Money(9, 16, "58.00", "终期考核任务手册印制（15 册）", COPY_SHOP, TRAINING, activity="study"),
    Money(10, 21, "500.00", "专家讲座劳务费", "{presenter}", EXPERTS,
           activity="expert_lecture", receipt="txt"),
    Money(10, 28, "356.50", "学员带班故事集印刷（30 册）", PRINTER, RESOURCES,
           receipt="png", mistyped="365.00", corrected_on=(11, 4)),
    Money(11, 18, "48.00", "实习生职业素养调查问卷印刷（400 份）", COPY_SHOP, RESEARCH,
           activity="seminar"),
    Money(12, 9, "48.00", "公开课课例视频光盘刻录（20 张）", COPY_SHOP, RESOURCES),
    Money(12, 16, "90.00", "课题结题报告初稿印刷（10 册）", PRINTER, RESEARCH),
)
# fmt: on
# Per category and year, as planned at the start of each year (the previous year's with
# the bureau's subsidy in view): 课程资源开发 ran over in the previous year.
BUDGETS_PREVIOUS = {TRAINING: "1,700", RESOURCES: "600", EXPERTS: "1,500", RESEARCH: "700"}
BUDGETS_CURRENT = {TRAINING: "1,200", RESOURCES: "850", EXPERTS: "500", RESEARCH: "450"}


# Plans, the summary and the assessments (seed 004 三、(五): 年初有工作计划、有任务台账，
# 年中逐项销账，年终有总结). "{project}" stands for the research project's topic.
BUILD_GOALS = """一、指导思想
以立德树人为根本任务，以职业生涯教育为主线，研究中职班级文化育人，建设一支师德高尚、业务精湛、善于研究的中职班主任队伍。

二、建设目标
1. 三年内培养 2 名在无锡市有影响的骨干班主任，学员全部胜任中职班主任岗位，半数以上在区级以上班主任基本功大赛或带班育人方略评比中获奖；
2. 完成市级课题《中职学校{project}的实践研究》并结题；
3. 编印《家校沟通典型案例集》《学员带班故事集》各一册，建成主题班会课例资源库；
4. 每学年开展活动不少于 9 次，送教下乡不少于 1 次，发挥辐射带动作用。"""
BUILD_FEATURES = (
    "以职业生涯教育为主线，研究中职班级文化育人：把职业生涯规划教育、实习前职业素养教育融入"
    "班级日常管理；借鉴“一班一品”做法，每位学员打造一个有专业特色的班级文化品牌；"
    "师徒结对，核心成员每人带教一名青年班主任。"
)
BUILD_MEASURES = """1. 定时、定点、定内容：每月第三周周三下午在工作室活动室集中研修，缺勤三分之一以上的不再培养；
2. 课题引领：以市级课题统领研究，子课题分工到人，过程资料按月归档；
3. 实践为本：公开课观摩、送教下乡、典型学生“会诊”，用研究指导带班；
4. 以赛促训：对照江阴市班主任基本功大赛要求开展带班方略、情景答辩训练；
5. 档案管理：为每位成员建立成长档案，每学年考核一次，结果报学工处。"""
ANNUAL_PREVIOUS = (
    "完成课题中期研究和工作室中期考核；开展送教下乡；编印《家校沟通典型案例集》；"
    "学员每人完成一节公开课、一篇论文和不少于 24 学时的培训。",
    "每月一次集中研修；十二月送教下乡；一月召开课题中期报告会；四月外出考察；"
    "六月成果汇报暨中期考核自评。",
)
ANNUAL_CURRENT = (
    "对照终期考核细则完成各项建设任务：课题结题，编印《学员带班故事集》，"
    "形成实习前职业素养教育班会序列，做好终期考核准备。",
    "九月分解终期考核任务；每月一次集中研修；三月完成结题报告；六月三年建设成果汇报。",
)
SUMMARY_ACHIEVEMENTS = """  一是课题引领，研究走深。课题《中职学校{project}的实践研究》召开中期报告会，完成中期报告，子课题分工到人，研究过程资料按月归档。
  二是送教下乡，辐射带动。工作室到农村学校开设主题班会公开课并开展互动评课，双方约定每学期互派班主任交流一次。
  三是以赛促训，能力提升。对照江阴市班主任基本功大赛要求开展带班方略、情景答辩和主题班会设计训练。
  四是资源共建，成果可用。编印《家校沟通典型案例集》，形成《班级手机使用公约（参考稿）》，供各班修订使用。"""
SUMMARY_NEXT = """  1. 个别学员出勤不够稳定，缺勤已超过规定比例，已约谈提醒并报学工处；
  2. 工作室微信公众号尚未开通，主题班会课例资源库建设进度偏慢；
  3. “五个一”中指导青年班主任一项完成较少。
  下一学年将对照终期考核细则分解任务到人，完成课题结题，编印《学员带班故事集》，开通公众号，做好终期考核准备。"""
# The studio follows the "五个一" of seed 000 although its own preset (seed 004) names
# no yearly duties: a rule of its own, with the reason.
FIVE_DUTIES = ("public_lesson", "lecture", "mentoring", "research", "paper")
DUTIES_REASON = (
    "工作室章程约定参照《常州市新北区名班主任培育工作方案》§四(五)的“五个一”：每学年开设一节"
    "德育公开课、举办一次班级文化建设交流讲座、指导一名青年班主任、参与一个德育课题（项目）"
    "研究、撰写一篇德育论文"
)
MIDTERM_COMMENTS = {
    "1.3.1": "建设规划经学校党总支审核后报学工处备案。",
    "2.1.2": "成员构成提示见佐证，已向学工处书面说明情况。",
    "3.3.2": "学员均已制订本学年个人发展规划；导师不另行制订。",
    "3.4.2": "公众号已注册，待学校审核开通。",
}


@dataclasses.dataclass(frozen=True)
class Planned:
    """One activity of the demo's programme."""

    day: dt.date
    kind: str
    topic: str
    place: str
    presenter: str
    times: tuple[str, str]
    hours: str
    content: str
    summary: str | None = None
    photos: tuple[str, ...] = ()  # labels of the photos the demo makes for it
    takes_attendance: bool = True
    group_photo: bool = False  # the photo already in the growth files of the visit
