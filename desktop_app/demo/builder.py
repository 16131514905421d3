"""A demo studio in a database of its own: realistic, deterministic, built through the
services like any real studio (so the audit log, the file store and the checks all
run), never mixed with real records.

Same seed and same ``today`` give the same content. The only things that differ between
two builds are bookkeeping timestamps (``created_at``, the audit log's ``at``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import shutil
import struct
import zlib
from pathlib import Path

from sqlalchemy import select

from desktop_app import leftovers
from desktop_app.demo.content import (
    AFTERNOON,
    ANNUAL_CURRENT,
    ANNUAL_PREVIOUS,
    ARRANGED_SESSIONS,
    AT_RISK_MISSES,
    BUDGETS_CURRENT,
    BUDGETS_PREVIOUS,
    BUILD_FEATURES,
    BUILD_GOALS,
    BUILD_MEASURES,
    CLASS_HONOURS,
    CORRECTION_REASON,
    DEPT_ART,
    DEPT_BASIC,
    DEPT_ECON,
    DEPT_IT,
    DEPT_MECH,
    DISTRICT,
    DUTIES_REASON,
    FIVE_DUTIES,
    FULL_DAY,
    GIVEN_FEMALE,
    GIVEN_MALE,
    HALL,
    HONOURS,
    HOST_SCHOOL,
    JIANGYIN_REGION,
    JOURNALS,
    LEAVE_NOTES,
    LEDGER_CURRENT,
    LEDGER_PREVIOUS,
    LONG_AFTERNOON,
    MEETING_ROOM,
    MENTOR_SCHOOL,
    MIDTERM_COMMENTS,
    ONE_THIRD_MARKS,
    OVER_MISSES,
    OVERRIDE_REASON,
    PRESET_ID,
    PRIZES,
    RECORDING_ROOM,
    RURAL_SCHOOLS,
    STUDIO_ROOM,
    SUMMARY_ACHIEVEMENTS,
    SUMMARY_NEXT,
    SURNAMES,
    TOPICS,
    TRAININGS,
    Money,
    Planned,
)
from desktop_app.domain.assessment import format_tenths
from desktop_app.domain.attendance import FlagState
from desktop_app.domain.member_input import MemberData, parse_member
from desktop_app.domain.messages import quoted
from desktop_app.domain.school_year import Cycle, SchoolYear
from desktop_app.domain.vocab import (
    ActivityKind,
    AttendanceStatus,
    Gender,
    RecordLevel,
    Role,
    Stage,
    TaskStatus,
)
from desktop_app.paths import cache_dir_for, files_dir_for
from desktop_app.services.activities import ActivityInfo, ActivityInput
from desktop_app.services.app import AppServices
from desktop_app.services.assessments import ItemInput
from desktop_app.services.attendance import MarkInput
from desktop_app.services.growth import RecordInput
from desktop_app.services.ledger import EntryInput
from desktop_app.services.plans import EvidenceRef, PlanInput, TaskInput
from desktop_app.services.studio import StudioInput
from desktop_app.store.db import is_server
from desktop_app.store.models import Plan


def _weekday(year: SchoolYear, month: int, n: int, weekday: int = 2) -> dt.date:
    """The n-th Wednesday (weekday 2) of a month of a school year: studio afternoons."""
    first = dt.date(year.start if month >= 9 else year.start + 1, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


class _Clock:
    """The services' idea of today: moved along while the selection steps are recorded,
    so that each step carries the day it happened."""

    def __init__(self, day: dt.date):
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


def build_demo(path: Path, seed: int = 1, today: dt.date | None = None) -> str:
    """Create a new database at ``path`` holding a demo studio; returns a summary line.
    ``path`` may be a server database's URL (an empty database: its schema is made)."""
    server = is_server(path)
    if not server:
        path = Path(path)
        if path.exists():
            raise FileExistsError(path)
    today = today or dt.date.today()
    rng = random.Random(seed)
    this_year = SchoolYear.of(today)
    cycle = Cycle(SchoolYear(this_year.start - 2), this_year)
    clock = _Clock(today)
    services = AppServices.open(path, today=clock)
    try:
        with leftovers.scratch("studiodesk-demo-") as tmp:
            builder = _Builder(services, rng, today, cycle, clock, Path(tmp))
            builder.build()
            studio = services.studio.get()
            current = services.members.roster(include_left=False)
            left = len(services.members.roster(include_left=True)) - len(current)
            records = len(services.growth.all_records())
            activities = len(services.activities.list())
            entries = len(services.ledger.entries())
            tasks = [t for plan in services.plans.annual_plans() for t in plan.tasks]
            assessments = len(services.assessments.list())
    except BaseException:
        services.close()
        if not server:
            _remove(path)  # no half-built demo left behind
        raise
    services.close()
    return (
        f"演示工作室{quoted(studio.name)}：{len(current)} 人（另有 {left} 人已退出），"
        f"成长记录 {records} 条，活动 {activities} 次，经费记录 {entries} 笔，"
        f"任务台账 {len(tasks)} 项（已销账 {sum(1 for t in tasks if t.is_done)} 项），"
        f"考核 {assessments} 份 → {path}"
    )


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        leftover.unlink(missing_ok=True)
    for folder in (files_dir_for(path), cache_dir_for(path)):  # an older layout, this PC's copies
        shutil.rmtree(folder, ignore_errors=True)


def _plain(raw: dict) -> str:
    """The name as stored ("张 三" is typed, 张三 is kept)."""
    return raw["name"].replace(" ", "")


class _Builder:
    def __init__(self, services, rng, today, cycle, clock, tmp):
        self.s = services
        self.rng = rng
        self.today = today
        self.cycle = cycle
        self.clock = clock
        self.tmp = tmp
        self.used_names: set[str] = set()
        self.file_no = 0
        self.group_photo: Path | None = None
        # Attendance so far, as the demo arranges it: membership id → (missed, expected).
        self.counts: dict[int, tuple[int, int]] = {}

    # --- people ---

    def name(self, gender: str) -> str:
        pool = GIVEN_FEMALE if gender == Gender.FEMALE.zh else GIVEN_MALE
        while True:
            name = self.rng.choice(SURNAMES) + self.rng.choice(pool)
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def person(
        self,
        role: Role,
        school: str,
        rural: bool,
        age: tuple[int, int],
        service: tuple[int, int],
        titles: tuple[str, ...],
        honours: str = "",
        with_id: bool = False,
    ) -> dict:
        gender = self.rng.choice((Gender.FEMALE.zh, Gender.FEMALE.zh, Gender.MALE.zh))
        name = self.name(gender)
        year = self.cycle.first.start - self.rng.randint(*age)
        birth = dt.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
        since = self.cycle.first.start - self.rng.randint(*service)
        since = max(since, birth.year + 22)
        if self.cycle.first.start - year < 30:
            titles = ("junior",)  # 中级 comes after some years of teaching
        raw = {
            "name": name if len(name) == 3 else f"{name[0]} {name[1]}",  # typed "张 三"
            "gender": gender,
            "birth_date": birth.isoformat(),
            "school": school,
            "rural": "是" if rural else "否",
            "title": self.rng.choice(titles),
            "honours": honours,
            "head_teacher_since": str(since),
            # no draw of the generator here: the demo's people stay who they were
            "teaching_since": str(min(since, birth.year + 22)),
            "in_post": "否" if role == Role.MENTOR else "是",  # the mentor trains teachers
            "role": "学员" if role == Role.MEMBER else role.zh,
            "phone": self.phone(),
        }
        if with_id:
            raw["id_number"] = self.id_number(birth, gender)
        return raw

    def phone(self) -> str:
        prefix = self.rng.choice(("139", "138", "137", "151", "158", "180", "189", "135"))
        return prefix + "".join(str(self.rng.randint(0, 9)) for _ in range(8))

    def id_number(self, birth: dt.date, gender: str) -> str:
        seq = self.rng.randint(10, 99) * 10 + self.rng.choice(
            (1, 3, 5, 7, 9) if gender == Gender.MALE.zh else (0, 2, 4, 6, 8)
        )
        body = f"{JIANGYIN_REGION}{birth:%Y%m%d}{seq:03d}"
        weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
        check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
        return body + check

    def add(
        self,
        raw: dict,
        steps: list[tuple[Stage, dt.date]],
        agreement: dt.date | None,
        joined: dt.date | None,
        replaces_id: int | None = None,
    ) -> int:
        """Walks the selection lifecycle: each step on its own day; the agreement and the
        joining date are recorded with the last step (确定名单)."""
        first_stage, first_day = steps[0]
        data = parse_member({**raw, "stage": first_stage.zh}, today=self.today)
        if len(steps) == 1:
            data = dataclasses.replace(data, agreement_signed_on=agreement, joined_on=joined)
        self.clock.day = first_day
        membership_id = self.s.members.add(data, replaces_id=replaces_id)
        for stage, day in steps[1:-1]:
            self.s.members.set_stage(membership_id, stage.code, on=day)
        if len(steps) > 1:
            last_stage, last_day = steps[-1]
            self.clock.day = last_day
            final: MemberData = dataclasses.replace(
                data, stage=last_stage.code, agreement_signed_on=agreement, joined_on=joined
            )
            self.s.members.update(membership_id, final)
        self.clock.day = self.today
        return membership_id

    def selection_steps(self, start: dt.date) -> list[tuple[Stage, dt.date]]:
        """个人申报 → 学校推荐 → 组织遴选 → 行政审核 → 确定名单, a week or two apart."""
        steps, day = [], start
        for stage in Stage:
            steps.append((stage, day))
            day += dt.timedelta(days=self.rng.randint(5, 12))
        return steps

    # --- files ---

    def png(self, label: str) -> Path:
        """A small, valid PNG (a coloured card with stripes): a stand-in photo or scan."""
        width, height = 96, 64
        base = (self.rng.randint(120, 230), self.rng.randint(120, 230), self.rng.randint(120, 230))
        rows = []
        for y in range(height):
            row = bytearray(b"\x00")
            for x in range(width):
                stripe = (x // 12 + y // 16) % 2
                row += bytes(max(0, c - 40 * stripe) for c in base)
            rows.append(bytes(row))
        raw = b"".join(rows)

        def chunk(kind: bytes, body: bytes) -> bytes:
            crc = zlib.crc32(kind + body) & 0xFFFFFFFF
            return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

        data = (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b"")
        )
        return self.write(f"{label}.png", data)

    def text_file(self, label: str, lines: list[str]) -> Path:
        return self.write(f"{label}.txt", ("\n".join(lines) + "\n").encode("utf-8"))

    def write(self, name: str, data: bytes) -> Path:
        self.file_no += 1
        folder = self.tmp / f"{self.file_no:04d}"
        folder.mkdir()
        target = folder / name
        target.write_bytes(data)
        return target

    # --- growth files ---

    def day_in(self, year: SchoolYear, months: tuple[int, ...]) -> dt.date:
        month = self.rng.choice(months)
        calendar_year = year.start if month >= 9 else year.start + 1
        day = dt.date(calendar_year, month, self.rng.randint(1, 28))
        return min(day, self.today)

    def record(self, membership_id: int, data: RecordInput, files: list[Path] = ()) -> None:
        self.s.growth.add_record(membership_id, data, list(files))

    def goals(self, membership_id: int, name: str, years: list[SchoolYear], host: bool) -> None:
        for year in years:
            topic = self.rng.choice(TOPICS)
            if host:
                text = (
                    f"{year.label}学年：统筹工作室年度实施方案；开设一次市级德育公开课；"
                    f"主持课题《中职学校{self.project_topic}的实践研究》，完成阶段报告；"
                    f"围绕{topic}组织专题研讨；指导每位学员制订个人发展规划。"
                )
            else:
                level = self.rng.choice(
                    (RecordLevel.SCHOOL.zh, RecordLevel.DISTRICT.zh, RecordLevel.CITY.zh)
                )
                text = (
                    f"{year.label}学年：开设一节{level}主题班会公开课；围绕{topic}撰写一篇德育论文；"
                    f"参与工作室课题研究；完成不少于 24 学时的培训；做好{name}班级的成长档案。"
                )
            self.s.growth.set_goals(membership_id, year, text)

    def year_records(
        self,
        membership_id: int,
        name: str,
        year: SchoolYear,
        profile: str,
        until: dt.date,
        since: dt.date | None = None,
    ) -> None:
        """One school year of a person's growth file: the yearly duties, most of the time,
        and now and then a prize or an honour."""
        rng = self.rng

        def when(months: tuple[int, ...]) -> dt.date | None:
            day = self.day_in(year, months)
            return day if day <= until and (since is None or day >= since) else None

        if profile == "mentor":
            if day := when((10, 11, 3, 4)):
                topic = rng.choice(TOPICS)
                self.record(
                    membership_id,
                    RecordInput("lecture", day, f"专家讲座：{topic}", "district", "工作室全体学员"),
                    [self.text_file("讲座提纲", [f"专家讲座：{topic}", f"主讲：{name}"])],
                )
            return

        if profile == "observer":
            if day := when((10, 12, 4)):
                title, level, hours = TRAININGS[3]
                self.record(
                    membership_id,
                    RecordInput("training", day, title, level, "随工作室研修", rng.choice(hours)),
                )
            return

        topic = rng.choice(TOPICS)
        if rng.random() < 0.9 and (day := when((10, 11, 12, 3, 4, 5))):
            level = rng.choice(("school", "school", "district", "city"))
            if profile == "host":
                level = rng.choice(("district", "city"))
            self.record(
                membership_id,
                RecordInput(
                    "public_lesson",
                    day,
                    f"主题班会公开课《{topic}》",
                    level,
                    f"{name}执教，工作室成员观摩评课",
                ),
                [self.png("公开课现场照片")],
            )
        if rng.random() < 0.8 and (day := when((11, 12, 4, 5))):
            self.record(
                membership_id,
                RecordInput("lecture", day, f"工作室交流：{rng.choice(TOPICS)}", "school"),
            )
        if rng.random() < 0.7 and (day := when((12, 1, 5, 6))):
            journal, level = rng.choice(JOURNALS)
            self.record(
                membership_id,
                RecordInput(
                    "paper",
                    day,
                    f"浅谈{topic}",
                    level,
                    f"发表于{journal}{day.year}年第{rng.randint(1, 12)}期",
                ),
                [self.text_file("论文摘要", [f"浅谈{topic}", f"作者：{name}", f"刊物：{journal}"])],
            )
        if rng.random() < 0.75 and (day := when((10, 3))):
            role = "主持" if profile == "host" else "参与"
            state = "立项" if year == self.cycle.first else "结题"
            level = "city" if profile == "host" else rng.choice(("school", "district", "city"))
            self.record(
                membership_id,
                RecordInput(
                    "research",
                    day,
                    f"课题《中职学校{self.project_topic}的实践研究》",
                    level,
                    f"{role}；{state}",
                ),
            )
        title, level, hours = rng.choice(TRAININGS)
        if day := when((7, 8, 10, 11)):
            self.record(
                membership_id,
                RecordInput("training", day, title, level, None, rng.choice(hours)),
                [self.png("培训结业证书")] if level in ("city", "province") else [],
            )
        mentors_young = profile == "host" or (profile == "core" and rng.random() < 0.7)
        if mentors_young and (day := when((9, 10, 2, 3))):
            young = self.name(rng.choice((Gender.FEMALE.zh, Gender.MALE.zh)))
            self.record(
                membership_id,
                RecordInput(
                    "mentoring",
                    day,
                    f"师徒结对：指导青年班主任{young}",
                    "school",
                    "每月听课评课一次",
                ),
            )
        if rng.random() < 0.35 and (day := when((11, 12, 5))):
            self.record(
                membership_id,
                RecordInput(
                    "competition",
                    day,
                    f"江阴市中职班主任基本功大赛{rng.choice(PRIZES)}",
                    "district",
                    "情景答辩、主题班会设计",
                ),
                [self.png("获奖证书")],
            )
        if rng.random() < 0.2 and (day := when((9, 5))):
            self.record(
                membership_id,
                RecordInput("honour", day, rng.choice(HONOURS), rng.choice(("district", "city"))),
                [self.png("荣誉证书")],
            )
        if rng.random() < 0.2 and (day := when((5, 6))):
            self.record(
                membership_id,
                RecordInput(
                    "class_honour", day, f"所带班级获评{rng.choice(CLASS_HONOURS)}", "district"
                ),
            )

    def group_visit(self, membership_ids: list[int], year: SchoolYear) -> None:
        """One photo in several growth files: the store keeps one copy of its bytes."""
        photo = self.png("工作室集体研修合影")
        self.group_photo = photo  # the same photo goes with the activity itself
        day = min(dt.date(year.start + 1, 4, 18), self.today)
        for mid in membership_ids:
            self.record(
                mid,
                RecordInput(
                    "training",
                    day,
                    "外出考察：南京市职业学校德育工作交流",
                    "province",
                    "工作室集体研修",
                    "6",
                ),
                [photo],
            )

    # --- the whole studio ---

    def build(self) -> None:
        rng, cycle, today = self.rng, self.cycle, self.today
        first, second = cycle.school_years[0], cycle.school_years[1]
        self.project_topic = rng.choice(
            ("班级文化育人", "学生职业素养养成", "班级自主管理", "家校协同育人")
        )

        host = self.person(
            Role.HOST,
            "江阴中专学工处",
            False,
            age=(38, 46),
            service=(12, 18),
            titles=("senior",),
            honours="无锡市优秀班主任；江阴市学科带头人",
            with_id=True,
        )
        host_name = _plain(host)
        self.s.set_user(host_name)  # the host sets the studio up; the secretary, below, keeps it
        self.s.studio.create(
            StudioInput(
                name=f"{host_name}名班主任工作室",
                level="school",
                studio_type="studio",
                preset_id=PRESET_ID,
                cycle_start=cycle.first.start,
                cycle_end=cycle.last.start + 1,
                host_school=HOST_SCHOOL,
                district=DISTRICT,
                feature="以职业生涯教育为主线，研究中职班级文化育人",
                is_demo=True,
            )
        )
        self.s.studio.set_override("member_cap", 10, "学工处通知：每个工作室学员名额不超过10人")
        self.s.studio.set_override("same_school_max", 2, "学校要求：同一系部不超过2人")

        start = cycle.first_day - dt.timedelta(days=70)  # selection in the summer before
        host_id = self.add(
            host,
            [
                (Stage.APPLIED, start - dt.timedelta(days=60)),
                (Stage.APPROVED, start - dt.timedelta(days=30)),
                (Stage.CONFIRMED, start - dt.timedelta(days=14)),
            ],
            agreement=None,
            joined=cycle.first_day,
        )

        mentor = self.person(
            Role.MENTOR,
            MENTOR_SCHOOL,
            False,
            age=(48, 55),
            service=(20, 28),
            titles=("full_senior", "senior"),
            honours="江苏省特级教师",
        )
        mentor_id = self.add(
            mentor,
            [(Stage.CONFIRMED, cycle.first_day - dt.timedelta(days=7))],
            agreement=cycle.first_day - dt.timedelta(days=7),
            joined=cycle.first_day,
        )

        plan: list[tuple[str, str, bool]] = [
            ("core", DEPT_MECH, False),
            ("core", DEPT_ECON, False),
            ("member", DEPT_IT, False),
            ("member", DEPT_IT, False),
            ("member", DEPT_IT, False),  # three from one 系部: the override's warning
            ("member", DEPT_MECH, False),
            ("member", DEPT_ECON, False),
            ("member", DEPT_ART, False),
            ("member", DEPT_BASIC, False),
            ("member", RURAL_SCHOOLS[0], True),
            ("member", RURAL_SCHOOLS[1], True),  # leaves: 工作调动
        ]
        people: list[tuple[int, str, str]] = []  # membership id, name, profile
        for profile, school, rural in plan:
            role = Role.CORE if profile == "core" else Role.MEMBER
            raw = self.person(
                role,
                school,
                rural,
                age=(26, 38) if profile == "member" else (33, 39),
                service=(2, 8) if profile == "member" else (6, 12),
                titles=("intermediate",) if profile == "core" else ("junior", "intermediate"),
                honours="江阴市骨干班主任" if profile == "core" else "",
                with_id=rng.random() < 0.5,
            )
            steps = self.selection_steps(start + dt.timedelta(days=rng.randint(0, 6)))
            agreement = steps[-1][1] + dt.timedelta(days=rng.randint(1, 5))
            mid = self.add(raw, steps, agreement=agreement, joined=cycle.first_day)
            people.append((mid, _plain(raw), profile))
        self.s.set_user(people[1][1])  # the secretary (see the ledger below) from now on

        # The member from 璜土 is transferred in the second school year; a teacher from
        # 月城 takes the place (seed 000 §四(三): 滚动培养, members in and out).
        leaver_id, leaver_name, _ = people[-1]
        left_on = dt.date(second.start + 1, 2, 20)
        replacement = self.person(
            Role.MEMBER,
            RURAL_SCHOOLS[3],
            True,
            age=(27, 33),
            service=(3, 6),
            titles=("junior", "intermediate"),
        )
        new_start = left_on + dt.timedelta(days=3)
        steps = [
            (Stage.APPLIED, new_start),
            (Stage.RECOMMENDED, new_start + dt.timedelta(days=4)),
            (Stage.APPROVED, new_start + dt.timedelta(days=10)),
            (Stage.CONFIRMED, new_start + dt.timedelta(days=14)),
        ]
        joined = new_start + dt.timedelta(days=16)

        # Growth files: goals and records, school year by school year.
        self.goals(host_id, host_name, cycle.school_years, host=True)
        for mid, name, _profile in people:
            years = cycle.school_years if mid != leaver_id else [first, second]
            self.goals(mid, name, years, host=False)
        for year in (first, second):
            until = min(year.last_day, today)
            self.year_records(host_id, host_name, year, "host", until)
            self.year_records(mentor_id, _plain(mentor), year, "mentor", until)
            for mid, name, profile in people:
                last = until if mid != leaver_id or year == first else left_on
                self.year_records(mid, name, year, profile, last)
        self.record(
            host_id,
            RecordInput(
                "class_honour",
                min(dt.date(first.start + 1, 5, 12), today),
                "所带班级获评无锡市先进班集体",
                "city",
            ),
            [self.png("先进班集体证书")],
        )
        self.group_visit([host_id] + [mid for mid, _, p in people[:4]], first)
        core_id, core_name, _ = people[0]
        self.record(
            core_id,
            RecordInput(
                "competition",
                dt.date(first.start + 1, 4, 26),
                "无锡市职业学校班主任业务能力比赛二等奖",
                "city",
                f"{core_name}：带班方略展示、模拟情景答辩",
            ),
            [self.png("获奖证书")],
        )
        self.record(
            host_id,
            RecordInput("honour", dt.date(second.start, 9, 10), "江阴市德育先进个人", "district"),
            [self.png("荣誉证书")],
        )

        self.s.members.end(leaver_id, left_on, "工作调动（调入江阴市华士实验中学）")
        new_id = self.add(
            replacement, steps, agreement=joined, joined=joined, replaces_id=leaver_id
        )
        new_name = _plain(replacement)
        self.goals(new_id, new_name, [second, *cycle.school_years[2:]], host=False)
        self.year_records(
            new_id, new_name, second, "member", min(second.last_day, today), since=joined
        )

        # The current school year has begun: a few records so far, and a 研修人员 from a
        # rural school on the way in (组织遴选, not yet on the list).
        current = cycle.school_years[2]
        title, level, hours = TRAININGS[3]
        for mid in [host_id, *(mid for mid, _, _ in people[:3])]:
            day = self.day_in(current, (9, 10, 11, 12))  # never after today
            self.record(mid, RecordInput("training", day, title, level, None, hours[0]))
        observer = self.person(
            Role.OBSERVER,
            RURAL_SCHOOLS[2],
            True,
            age=(24, 28),
            service=(1, 2),
            titles=("junior",),
        )
        begin = min(current.first_day + dt.timedelta(days=10), today)
        obs_id = self.add(
            observer,
            [
                (Stage.APPLIED, begin),
                (Stage.RECOMMENDED, min(begin + dt.timedelta(days=7), today)),
                (Stage.SELECTED, min(begin + dt.timedelta(days=20), today)),
            ],
            agreement=None,
            joined=None,
        )
        if today > begin:
            self.year_records(obs_id, _plain(observer), current, "observer", today, begin)
        self.clock.day = today

        # Activities and attendance, from the start of the cycle up to today.
        self.activities(
            host_name,
            _plain(mentor),
            [name for _, name, _ in people],
            arranged={"over": people[5][0], "at_risk": people[7][0], "one_third": people[9][0]},
            replacement_id=new_id,
        )

        # The funding ledger of the last two calendar years; the secretary keeps it, the
        # host signs off the spending.
        self.ledger(host_name, people[1][1])

        # Plans, the task ledger, the summary of last year, the yearly duties the studio
        # set itself, the spending report and the assessments: after everything they
        # point at exists.
        self.paperwork(host_id, [mid for mid, _, _ in people])

    # --- activities and attendance ---

    def programme(self, year_no: int, year: SchoolYear, names: dict[str, str]) -> list[Planned]:
        """About one activity a month, September to June (no February: winter holiday)."""
        d = lambda month, n, weekday=2: _weekday(year, month, n, weekday)  # noqa: E731
        host, mentor, core0, core1 = names["host"], names["mentor"], names["core0"], names["core1"]
        project = f"《中职学校{self.project_topic}的实践研究》"
        if year_no == 0:
            topic = self.rng.choice(TOPICS)
            return [
                Planned(
                    d(9, 3),
                    "study",
                    "工作室启动会暨三年发展规划研讨",
                    MEETING_ROOM,
                    host,
                    LONG_AFTERNOON,
                    "2.5",
                    "宣读工作室章程、考勤制度与经费管理办法；签订双向选择协议；"
                    "学员交流个人三年发展规划初稿，导师逐一点评。",
                    "明确“定时、定点、定内容”的活动要求和缺勤三分之一以上不再培养的规定；"
                    "个人发展规划十月底前定稿，交工作室存档。",
                    ("启动会现场",),
                ),
                Planned(
                    d(10, 3),
                    "expert_lecture",
                    "专家讲座：中职生心理健康教育",
                    HALL,
                    f"{names['expert0']}（无锡市心理健康教育指导中心）",
                    AFTERNOON,
                    "2",
                    "中职生常见心理困扰的识别与应对；班主任开展心理健康教育的边界与转介流程；案例研讨。",
                    "每位学员提交一份班级学生心理关爱案例，汇编成册。",
                ),
                Planned(
                    d(11, 3),
                    "seminar",
                    "主题班会课设计研讨",
                    STUDIO_ROOM,
                    core0,
                    AFTERNOON,
                    "2",
                    f"围绕{quoted(topic)}分组设计主题班会方案，组间互评；"
                    "导师点评班会目标、活动环节与生成性资源的利用。",
                    "形成三份主题班会课设计方案，选出一份在十二月开设公开课。",
                    ("分组研讨",),
                ),
                Planned(
                    d(12, 3),
                    "open_lesson",
                    f"公开课观摩：主题班会《{topic}》",
                    RECORDING_ROOM,
                    names["member0"],
                    ("14:00", "15:30"),
                    "1.5",
                    f"{names['member0']}执教主题班会公开课，工作室成员按评课量表观摩评课，导师总结。",
                    "班会环节设计紧凑，学生参与度高；建议增加学生自主生成的环节。"
                    "课堂实录存入工作室资源库。",
                    ("公开课现场", "评课交流"),
                ),
                Planned(
                    d(1, 2),
                    "exchange",
                    "学期交流：带班故事分享会",
                    STUDIO_ROOM,
                    host,
                    AFTERNOON,
                    "2",
                    "每位学员讲述一个本学期的带班故事，围绕学困生转化、班级活动组织展开交流；"
                    "布置寒假共读书目。",
                    "收集带班故事十篇，择优推荐参加江阴市班主任带班故事征文。",
                ),
                Planned(
                    d(3, 3),
                    "research",
                    f"课题开题论证：{project}",
                    MEETING_ROOM,
                    f"{mentor}（导师）",
                    LONG_AFTERNOON,
                    "2.5",
                    "主持人汇报课题研究方案，专家组论证研究目标、内容与方法，确定子课题分工。",
                    "课题通过开题论证，子课题分工到人，研究过程资料按月归档。",
                ),
                Planned(
                    dt.date(year.start + 1, 4, 18),  # the visit in the growth files
                    "field_trip",
                    "外出考察：南京市职业学校德育工作交流",
                    "南京市中华中等专业学校",
                    "南京市中华中等专业学校学生处",
                    FULL_DAY,
                    "6",
                    "参观学校德育展馆与学生社团活动；听取班级文化建设与学生自主管理经验介绍；"
                    "与该校班主任座谈。",
                    "学习“一班一品”班级文化建设做法；每位学员撰写一篇考察心得。",
                    ("考察座谈",),
                    group_photo=True,
                ),
                Planned(
                    d(5, 3),
                    "skills",
                    "基本功训练：带班方略与情景答辩",
                    STUDIO_ROOM,
                    f"{mentor}（导师）",
                    LONG_AFTERNOON,
                    "2.5",
                    "模拟江阴市班主任基本功大赛：带班方略陈述八分钟、情景答辩两题，导师逐一点评。",
                    "为参赛学员做赛前训练，整理情景答辩题三十道供学员练习。",
                ),
                Planned(
                    d(5, 4),
                    "forum",
                    "江阴市中职德育论坛：班级文化育人（工作室承办）",
                    HALL,
                    host,
                    ("13:30", "16:30"),
                    "3",
                    "工作室承办市级德育论坛，面向全市中职学校班主任开放；"
                    "主持人作主旨报告，两名学员作案例交流。",
                    "到会约一百二十人。论坛面向全市开放，未单独考勤。",
                    ("论坛现场",),
                    takes_attendance=False,
                ),
                Planned(
                    d(6, 2),
                    "showcase",
                    f"成果展示：{year.label}学年工作室成果汇报",
                    MEETING_ROOM,
                    host,
                    LONG_AFTERNOON,
                    "2.5",
                    "学员汇报本学年个人发展规划完成情况和“五个一”成果；评选学年优秀学员。",
                    "学员论文、公开课等成果汇编成册，报学工处备案。",
                    ("成果汇报",),
                ),
            ]
        if year_no == 1:
            return [
                Planned(
                    d(9, 3),
                    "study",
                    "新学年工作部署暨个人发展规划中期调整",
                    MEETING_ROOM,
                    host,
                    AFTERNOON,
                    "2",
                    "回顾上一学年的考勤与成果；学员对照个人发展规划查找差距，调整本学年目标。",
                    "各学员修订后的年度目标已录入成长档案。",
                ),
                Planned(
                    d(10, 3),
                    "expert_lecture",
                    "专家讲座：职业生涯规划教育的班级实施",
                    HALL,
                    f"{names['expert1']}（江苏理工学院职业教育研究院）",
                    AFTERNOON,
                    "2",
                    "职业生涯规划教育的目标体系；结合专业特点设计班级生涯教育活动；实习前的生涯辅导。",
                    "学员结合所带专业各设计一节职业生涯规划主题班会。",
                    (ActivityKind.EXPERT_LECTURE.zh,),
                ),
                Planned(
                    d(11, 3),
                    "seminar",
                    "专题研讨：中职生手机使用习惯的引导",
                    STUDIO_ROOM,
                    core1,
                    AFTERNOON,
                    "2",
                    "交流各班手机管理公约的做法，分析学生过度使用手机的成因，研讨引导策略。",
                    "形成《班级手机使用公约（参考稿）》，供各班修订使用。",
                ),
                Planned(
                    d(12, 2),
                    "open_lesson",
                    "送教下乡：主题班会《工匠精神伴我成长》",
                    RURAL_SCHOOLS[0],
                    core0,
                    ("13:30", "16:30"),
                    "3",
                    "工作室到农村学校送教，执教主题班会并与青阳中学班主任开展互动评课。",
                    "青阳中学二十余名班主任参加观摩；双方约定每学期互派班主任交流一次。",
                    ("送教下乡",),
                ),
                Planned(
                    d(1, 2),
                    "research",
                    "课题中期报告会",
                    MEETING_ROOM,
                    host,
                    AFTERNOON,
                    "2",
                    f"课题{project}中期报告；各子课题负责人汇报进展，导师提出下一阶段建议。",
                    "完成课题中期报告，调整后半程研究重点。",
                ),
                Planned(
                    d(3, 3),
                    "exchange",
                    "经验交流：家校共育中的沟通艺术",
                    STUDIO_ROOM,
                    names["member1"],
                    AFTERNOON,
                    "2",
                    "学员分享与家长沟通的成功与失败案例，模拟家长会与个别约谈情境。",
                    "整理家校沟通典型案例八则，编入工作室案例集。",
                ),
                Planned(
                    d(4, 3, 4),  # a Friday
                    "field_trip",
                    "外出考察：苏州市职业学校班级文化建设观摩",
                    "苏州工业园区工业技术学校",
                    "苏州工业园区工业技术学校德育处",
                    FULL_DAY,
                    "6",
                    "观摩班级文化布置与班级自主管理；听取现代学徒制班级管理经验介绍。",
                    "学员撰写考察心得；借鉴“班级岗位责任制”在本校两个班试行。",
                    ("考察合影", "班级文化观摩"),
                ),
                Planned(
                    d(5, 3),
                    "skills",
                    "基本功训练：主题班会现场设计与展示",
                    RECORDING_ROOM,
                    f"{mentor}（导师）",
                    LONG_AFTERNOON,
                    "2.5",
                    "限时四十分钟完成主题班会设计并展示，导师与同伴按比赛评分表打分。",
                    "评出优秀设计三份，推荐参加江阴市班主任基本功大赛。",
                ),
                Planned(
                    d(5, 4),
                    "study",
                    "读书研讨：《给教师的建议》共读分享",
                    STUDIO_ROOM,
                    core1,
                    AFTERNOON,
                    "2",
                    "交流寒假以来的共读笔记，围绕“让学生体验到成功的喜悦”讨论中职班级教育。",
                ),
                Planned(
                    d(6, 3),
                    "showcase",
                    "成果展示：中期考核材料汇编与成果汇报",
                    MEETING_ROOM,
                    host,
                    LONG_AFTERNOON,
                    "2.5",
                    "学员汇报两年来的成长与成果；主持人汇报工作室中期自评情况。",
                    "工作室中期考核自评材料整理完成，报学工处。",
                    ("中期汇报",),
                ),
            ]
        return [
            Planned(
                d(9, 3),
                "study",
                "新学年工作部署：终期考核任务分解",
                MEETING_ROOM,
                host,
                AFTERNOON,
                "2",
                "对照终期考核细则分解任务，明确每位学员本学年须完成的成果与材料。",
                "终期考核任务清单已分解到人。",
                ("工作部署",),
            ),
            Planned(
                d(10, 3),
                "expert_lecture",
                "专家讲座：中职学生劳动教育的实施路径",
                HALL,
                f"{names['expert2']}（无锡市教育科学研究院）",
                AFTERNOON,
                "2",
                "劳动教育与专业实训、班级日常管理的融合；劳动教育评价的设计。",
                "各班制订本学期班级劳动清单。",
            ),
            Planned(
                d(11, 3),
                "seminar",
                "专题研讨：实习前的职业素养教育",
                STUDIO_ROOM,
                core0,
                AFTERNOON,
                "2",
                "梳理实习生常见问题，研讨实习前职业素养教育的班会序列。",
                "形成实习前职业素养教育班会序列（六课时）初稿。",
            ),
            Planned(
                d(12, 3),
                "open_lesson",
                "公开课观摩：主题班会《网络素养与信息安全》",
                RECORDING_ROOM,
                names["member2"],
                ("14:00", "15:30"),
                "1.5",
                "执教主题班会公开课，工作室成员观摩评课。",
            ),
            Planned(
                d(1, 2),
                "exchange",
                "学期交流：班主任工作案例分享",
                STUDIO_ROOM,
                host,
                AFTERNOON,
                "2",
                "学员分享本学期典型教育案例，导师点评。",
            ),
            Planned(
                d(3, 3),
                "research",
                "课题结题准备：研究报告撰写研讨",
                MEETING_ROOM,
                f"{mentor}（导师）",
                LONG_AFTERNOON,
                "2.5",
                f"课题{project}结题报告提纲讨论，分工整理研究成果。",
            ),
            Planned(
                d(4, 3, 4),
                "field_trip",
                "外出考察：常州市中职学校班主任工作坊交流",
                "常州市武进中等专业学校",
                "常州市武进中等专业学校学生处",
                FULL_DAY,
                "6",
                "与武进区名班主任工作室开展联合研修，交流工作坊运行经验。",
            ),
            Planned(
                d(5, 3),
                "skills",
                "基本功训练：带班育人方略展示",
                RECORDING_ROOM,
                f"{mentor}（导师）",
                LONG_AFTERNOON,
                "2.5",
                "学员展示三年来形成的带班育人方略，导师点评。",
            ),
            Planned(
                d(6, 3),
                "showcase",
                "成果展示：三年建设成果汇报暨终期考核",
                HALL,
                host,
                LONG_AFTERNOON,
                "2.5",
                "工作室三年建设成果汇报，迎接终期考核。",
            ),
        ]

    def activities(
        self,
        host: str,
        mentor: str,
        people: list[str],
        arranged: dict[str, int],
        replacement_id: int,
    ) -> None:
        """The activity log of the cycle so far, each with its attendance saved on its own
        day (so that every change of flag carries the day it happened)."""
        names = {"host": host, "mentor": mentor, "core0": people[0], "core1": people[1]}
        names.update({f"member{i}": name for i, name in enumerate(people[2:5])})
        names.update(
            {
                f"expert{i}": self.name(self.rng.choice((Gender.FEMALE.zh, Gender.MALE.zh)))
                for i in range(3)
            }
        )
        held = [
            planned
            for year_no, year in enumerate(self.cycle.school_years)
            for planned in self.programme(year_no, year, names)
            if planned.day <= self.today
        ]
        sessions = [p.day for p in held if p.takes_attendance]
        self.rules = self.s.attendance.rules()
        self.plan_marks(arranged, replacement_id, sessions)
        for planned in held:
            self.clock.day = planned.day
            photos = [self.png(label) for label in planned.photos]
            if planned.group_photo and self.group_photo is not None:
                photos.insert(0, self.group_photo)
            activity_id = self.s.activities.create(
                ActivityInput(
                    date=planned.day,
                    kind=planned.kind,
                    topic=planned.topic,
                    start_time=planned.times[0],
                    end_time=planned.times[1],
                    place=planned.place,
                    content=planned.content,
                    presenter=planned.presenter,
                    hours=planned.hours,
                    takes_attendance=planned.takes_attendance,
                    summary=planned.summary,
                ),
                photos,
            )
            if planned.takes_attendance:
                rows = self.s.attendance.sheet(activity_id).rows
                marks = [MarkInput(r.membership_id, *self.mark(r.membership_id)) for r in rows]
                self.s.attendance.save_marks(activity_id, marks)
        self.clock.day = self.today

    def plan_marks(self, arranged: dict[str, int], replacement_id: int, sessions) -> None:
        """Which session numbers each arranged member misses. The first two school years
        are fixed; after them the member who is over keeps missing enough to stay over,
        and the one at risk misses the last sessions so as to end one session from the
        line. When the number of sessions makes that impossible for them (under the jiangyin
        preset, where exactly a third is over, at risk needs expected = 3·missed + 1 or
        3·missed + 2), the replacement member, who has a different count, is the one at risk
        instead."""
        self.over_id = arranged["over"]
        self.one_third_id = arranged["one_third"]
        self.planned_misses: dict[int, set[int]] = {}
        total = len(sessions)  # expected of every member there from the first day
        joined = self.s.members.get(replacement_id).joined_on
        total_new = sum(1 for day in sessions if day >= joined)
        at_risk = set(AT_RISK_MISSES)  # 6 of 19 at the end of the second year
        if (target := self.at_risk_count(total)) is not None:
            extra = target - len(AT_RISK_MISSES)
            at_risk |= set(range(total - extra + 1, total + 1))
        elif (target_new := self.at_risk_count(total_new)) is not None:
            # there at every session after; the newcomer is at risk
            self.planned_misses[replacement_id] = set(
                range(total_new - target_new + 1, total_new + 1)
            )
        self.planned_misses[arranged["at_risk"]] = at_risk

    def at_risk_count(self, expected: int) -> int | None:
        """The most sessions missed of ``expected`` that leaves a member at risk under the
        studio's rules, or None when no count does."""
        return next(
            (
                m
                for m in range(expected, -1, -1)
                if self.rules.state(m, expected) == FlagState.AT_RISK
            ),
            None,
        )

    def mark(self, membership_id: int) -> tuple[str, str | None]:
        """This member's mark at the next session, and the note that goes with it."""
        rng, rules = self.rng, self.rules
        missed, expected = self.counts.get(membership_id, (0, 0))
        n = expected + 1  # the member's own session number
        roll = rng.random()
        status, note = AttendanceStatus.PRESENT, None
        if roll < 0.06:
            status, note = AttendanceStatus.LATE, rng.choice((None, "上课拖堂", "处理学生事务"))
        elif roll < 0.09:
            status, note = AttendanceStatus.LEFT_EARLY, "学生突发情况处理"
        away = (
            AttendanceStatus.LEAVE if rng.random() < 0.6 else AttendanceStatus.ABSENT,
            rng.choice(LEAVE_NOTES),
        )
        if membership_id == self.over_id:
            if n <= ARRANGED_SESSIONS:
                miss = n in OVER_MISSES
            else:  # missing whenever being there would take them back under the line
                miss = not rules.crossed(missed, expected + 1)
        elif membership_id in self.planned_misses:
            miss = n in self.planned_misses[membership_id]
        elif membership_id == self.one_third_id and n in ONE_THIRD_MARKS:
            miss, away = True, ONE_THIRD_MARKS[n]
        else:  # now and then away, never so often as to come near the line
            miss = roll > 0.91 and n >= 3 * (missed + 1) + 2
        if miss:
            status, note = away
            if status == AttendanceStatus.ABSENT:
                note = None
        counted = rules.is_missed(status.code)
        self.counts[membership_id] = (missed + counted, n)
        return status.code, note

    # --- the funding ledger ---

    def ledger(self, host: str, secretary: str) -> None:
        """Two calendar years: budgets, the grant, spending linked to the activities it
        paid for, receipts, one override, one correction; the previous year closed and,
        in this one, the months before last."""
        ledger, today = self.s.ledger, self.today
        previous, current = today.year - 1, today.year
        by_month: dict[tuple[int, int, str], ActivityInfo] = {}
        for activity in sorted(self.s.activities.list(), key=lambda a: (a.date, a.id)):
            by_month.setdefault((activity.date.year, activity.date.month, activity.kind), activity)
        for year, budgets in ((previous, BUDGETS_PREVIOUS), (current, BUDGETS_CURRENT)):
            self.clock.day = min(dt.date(year, 1, 5), today)
            for category, amount in budgets.items():
                ledger.set_budget(year, category, amount)
        for year, plan in ((previous, LEDGER_PREVIOUS), (current, LEDGER_CURRENT)):
            dated = []
            for number, item in enumerate(plan, start=1):
                day, activity = dt.date(year, item.month, item.day), None
                if item.activity:
                    activity = by_month.get((year, item.month, item.activity))
                    if activity is not None:
                        day = activity.date + dt.timedelta(days=item.offset)
                if item.source == "grant":
                    while day.weekday() >= 5:  # the finance office pays on a weekday
                        day += dt.timedelta(days=1)
                dated.append((day, number, item, activity))
            for day, number, item, activity in sorted(dated, key=lambda d: d[:2]):
                if day > today:
                    continue
                self.clock.day = day
                self.money_entry(year, day, number, item, activity, host, secretary)
            if year == previous:
                self.clock.day = min(dt.date(current, 1, 15), today)
                ledger.close_year(previous)
        self.clock.day = today
        for month in range(1, today.month - 1):  # 月结: the months before last
            ledger.close_month(current, month)

    def money_entry(self, year, day, number, item: Money, activity, host, secretary) -> None:
        presenter = activity.presenter.split("（")[0] if activity is not None else "特邀专家"
        payee = item.payee.format(presenter=presenter)
        voucher = f"JZ-{year}-{number:03d}"
        files: list[Path] = []
        if item.receipt == "png":
            files.append(self.png(f"{voucher} 发票"))
        elif item.receipt == "txt":
            files.append(
                self.text_file(
                    f"{voucher} 劳务费签收单",
                    [f"{item.purpose}签收单", f"领款人：{payee}", f"金额：{item.amount} 元"],
                )
            )
        data = EntryInput(
            direction="支出" if item.category else "收入",
            date=day,
            amount=item.mistyped or item.amount,
            purpose=item.purpose,
            category=item.category,
            source=item.source,
            payee=payee,
            voucher_no=voucher,
            activity_id=activity.id if activity is not None else None,
            approver=host if item.category else None,
            handler=secretary,
            override_reason=OVERRIDE_REASON if item.override else None,
        )
        entry_id = self.s.ledger.add(data, files)
        if item.mistyped and item.corrected_on:
            on = dt.date(year, *item.corrected_on)
            if on <= self.today:
                self.clock.day = on
                right = dataclasses.replace(data, date=on, amount=item.amount)
                self.s.ledger.correct(entry_id, CORRECTION_REASON, right, files)

    # --- plans, the summary, duties, the spending report, assessments ---

    def paperwork(self, host_id: int, member_ids: list[int]) -> None:
        """member_ids: the two core members, then the 学员 in the order of the plan."""
        s, today = self.s, self.today
        previous, current = self.cycle.school_years[1], self.cycle.school_years[2]
        s.studio.set_override(
            "yearly_duties",
            {role: list(FIVE_DUTIES) for role in ("host", "core", "member")},
            DUTIES_REASON,
        )
        studio = s.studio.get()
        s.plans.save_build_plan(
            PlanInput(
                f"{studio.name}三年建设规划（{self.cycle.label}）",
                BUILD_GOALS.format(project=self.project_topic),
                BUILD_FEATURES,
                BUILD_MEASURES,
            )
        )
        for year, (goals, measures) in ((previous, ANNUAL_PREVIOUS), (current, ANNUAL_CURRENT)):
            s.plans.save_annual_plan(
                year, PlanInput(f"{year.label}学年工作计划", goals, None, measures)
            )
        # the annual plans were made in the summer before their years (seed 004 附件2:
        # 年初有工作计划); the first year's was never entered, which the checks point out
        with s.db.unit_of_work() as session:
            for plan in session.scalars(select(Plan).where(Plan.kind == "annual")):
                before = SchoolYear(plan.school_year).first_day - dt.timedelta(days=12)
                plan.created_at = dt.datetime.combine(before, dt.time(1, 30))
        self.tasks_previous(previous, host_id, member_ids)
        self.tasks_current(current, host_id, member_ids)
        self.clock.day = today
        body = s.summaries.draft(previous)
        body = body.replace(
            "（请填写）", SUMMARY_ACHIEVEMENTS.format(project=self.project_topic), 1
        )
        s.summaries.save(previous, body.replace("（请填写）", SUMMARY_NEXT, 1))
        self.spending_report()
        self.midterm(previous)
        self.member_review(previous, member_ids[2])
        self.clock.day = today

    def on(self, year: SchoolYear, month: int, day: int) -> dt.date:
        return dt.date(year.start if month >= 9 else year.start + 1, month, day)

    def held(self, year: SchoolYear, kind: str, month: int | None = None) -> list:
        """The first activity of a kind in the school year, as evidence: [(ref, date)]."""
        found = [
            a
            for a in self.s.activities.list(school_year=year, kind=kind)
            if month is None or a.date.month == month
        ]
        first = min(found, key=lambda a: (a.date, a.id), default=None)
        return [(EvidenceRef("activity", first.id), first.date)] if first else []

    def paid(self, year: SchoolYear, words: str) -> list:
        """The standing ledger entry of the school year whose 摘要 holds the words."""
        for e in self.s.ledger.entries():
            standing = not e.is_reversal and e.reversed_by_id is None
            if standing and year.contains(e.date) and words in e.purpose:
                return [(EvidenceRef("ledger_entry", e.id), e.date)]
        return []

    def recorded(self, year: SchoolYear, membership_id: int, kind: str) -> list:
        return [
            (EvidenceRef("growth_record", r.id), r.date)
            for r in sorted(self.s.growth.records(membership_id), key=lambda r: (r.date, r.id))
            if r.kind == kind and r.school_year == year
        ]

    def item(
        self,
        year: SchoolYear,
        title: str,
        owner: int,
        due: dt.date | None,
        done: list = (),
        progress: list = (),
        status: TaskStatus = TaskStatus.NOT_STARTED,
        note: str | None = None,
        files: list[Path] = (),
    ) -> None:
        """One item of the task ledger, ticked off (a couple of days after its last piece
        of evidence) when ``done`` or ``files`` hold any; else it stays at ``status``,
        with the evidence in ``progress`` linked so far."""
        task_id = self.s.plans.add_task(year, TaskInput(title, owner, due, status, note))
        if done or files:
            last = max((day for _, day in done), default=due or self.today)
            on = min(last + dt.timedelta(days=2), self.today)
            self.s.plans.tick_off(task_id, [ref for ref, _ in done], list(files), done_on=on)
        elif progress:
            self.s.plans.add_evidence(task_id, [ref for ref, _ in progress])

    def tasks_previous(self, year: SchoolYear, host: int, ids: list[int]) -> None:
        core0, core1, m0, m1, m2 = ids[:5]
        d = lambda month, day: self.on(year, month, day)  # noqa: E731
        self.item(
            year,
            "召开新学年工作部署会，学员对照个人发展规划调整本学年目标",
            host,
            d(9, 30),
            self.held(year, "study", 9),
        )
        self.item(
            year,
            "送教下乡：到农村学校开设主题班会公开课并开展互动评课",
            core0,
            d(12, 31),
            self.held(year, "open_lesson") + self.paid(year, "送教下乡"),
        )
        self.item(
            year,
            "完成课题中期报告，召开课题中期报告会",
            host,
            d(1, 31),
            self.held(year, "research")
            + self.paid(year, "课题中期报告")
            + self.recorded(year, host, "research"),
        )
        contents = self.text_file(
            "家校沟通典型案例集（目录）",
            ["家校沟通典型案例集", "一、家长会的组织", "二、个别约谈", "三、突发事件中的沟通"],
        )
        self.item(
            year,
            "编印《家校沟通典型案例集》（不少于 8 则案例）",
            m1,
            d(3, 31),
            self.paid(year, "家校沟通典型案例集"),
            files=[contents],
        )
        self.item(
            year,
            "组织外出考察（苏州），每位学员撰写一篇考察心得",
            core1,
            d(4, 30),
            self.held(year, "field_trip") + self.paid(year, "外出考察（苏州）"),
        )
        self.item(
            year,
            "参加班主任专业能力提升培训，提交培训心得",
            m0,
            d(8, 31),
            self.recorded(year, m0, "training"),
            status=TaskStatus.IN_PROGRESS,
        )
        self.item(
            year,
            "完成中期考核自评，汇编中期考核材料报学工处",
            host,
            d(6, 30),
            self.held(year, "showcase") + self.paid(year, "中期考核材料"),
        )
        self.item(
            year,
            "建设工作室微信公众号，每月推送活动简报",
            m2,
            None,
            status=TaskStatus.IN_PROGRESS,
            note="公众号已注册，待学校宣传部门审核开通；转入下一学年继续推进",
        )

    def tasks_current(self, year: SchoolYear, host: int, ids: list[int]) -> None:
        core0, core1, m0, _m1, m2 = ids[:5]
        d = lambda month, day: self.on(year, month, day)  # noqa: E731
        self.item(
            year,
            "新学年工作部署：对照终期考核细则分解任务到人",
            host,
            d(9, 30),
            self.held(year, "study", 9),
        )
        self.item(
            year,
            "组织专家讲座：中职学生劳动教育的实施路径",
            core1,
            d(10, 31),
            self.held(year, "expert_lecture") + self.paid(year, "专家讲座劳务费"),
        )
        self.item(
            year,
            "形成实习前职业素养教育班会序列（六课时）",
            core0,
            d(11, 15),
            progress=self.held(year, "seminar"),
            status=TaskStatus.IN_PROGRESS,
            note="初稿已完成，待两个实习班试教后修改",
        )
        self.item(year, "编印《学员带班故事集》", m0, d(12, 31), self.paid(year, "带班故事集"))
        self.item(
            year,
            "开设主题班会公开课《网络素养与信息安全》",
            m2,
            d(12, 31),
            self.held(year, "open_lesson"),
        )
        self.item(
            year,
            "完成课题结题报告，申请结题鉴定",
            host,
            d(3, 31),
            progress=self.held(year, "research"),
            status=TaskStatus.IN_PROGRESS,
            note="结题报告提纲已定，分工撰写中",
        )
        self.item(year, "三年建设成果汇报，迎接终期考核", host, d(6, 30))

    def spending_report(self) -> None:
        """The spending report of the closed calendar year, written in January with the
        report writer and noted as issued. Without a Chinese font no PDF can be written:
        then there is no report (as on a real computer without one)."""
        from desktop_app.documents.engine.pdf import ReportError
        from desktop_app.documents.reports.ledger_report import write_ledger_report

        year = self.today.year - 1
        folder = self.tmp / "reports"
        folder.mkdir(exist_ok=True)
        path = folder / f"经费使用情况报告-{year}.pdf"
        self.clock.day = min(dt.date(self.today.year, 1, 20), self.today)
        try:
            write_ledger_report(self.s, year, path)
        except ReportError:
            return
        finally:
            self.clock.day = self.today

    def midterm(self, year: SchoolYear) -> None:
        """The mid-term self-assessment at the end of the second year, every indicator
        scored (less where the records fall short), two kinds of proposal removed, and
        submitted."""
        studio = self.s.studio.get()
        assessments = self.s.assessments
        aid = assessments.create(
            "jiangyin-review", "midterm", year, title=f"{studio.name}中期考核自评"
        )
        info = assessments.get(aid)
        items = {}
        for leaf in info.template.leaves():
            full = leaf.max_points * 10
            outcome = info.items[leaf.code].outcome
            if outcome is not None and not outcome.met:
                tenths = full * 6 // 10
            else:
                tenths = max(0, full - self.rng.choice((0, 0, 0, 5, 5, 10)))
            items[leaf.code] = ItemInput(format_tenths(tenths), MIDTERM_COMMENTS.get(leaf.code))
        assessments.save_items(
            aid,
            items,
            comment=(
                "工作室按建设方案推进，年度计划任务基本完成，课题研究、送教下乡、以赛促训成效明显；"
                "成员出勤、资源库和公众号建设仍需加强。"
            ),
        )
        for code, state in info.items.items():
            for proposal in state.evidence:
                evidence = proposal.evidence
                exchange = code == "3.2.1" and "交流" in evidence.label
                school_level = code == "5.1" and "校本培训" in evidence.label
                if exchange or school_level:
                    assessments.decide(aid, code, evidence, "removed")
        assessments.submit(aid)

    def member_review(self, year: SchoolYear, membership_id: int) -> None:
        """A member's yearly assessment begun: attendance and two of the "五个一" scored."""
        assessments = self.s.assessments
        aid = assessments.create("xinbei-member", "member", year, membership_id)
        info = assessments.get(aid)
        items = {}
        for code in ("1.1", "1.2", "2.1", "2.2"):
            leaf = info.template.indicator(code)
            outcome = info.items[code].outcome
            points = leaf.max_points if outcome.met else leaf.max_points // 2
            items[code] = ItemInput(points, outcome.explanation)
        assessments.save_items(aid, items)
