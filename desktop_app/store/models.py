"""The tables. Codes from domain.vocab are stored as text; money (later) in integer fen.

History is kept: a membership that ends gets ``left_on``; nothing is deleted to forget.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from desktop_app.domain.attendance import FlagState
from desktop_app.domain.ledger import Direction, IncomeSource
from desktop_app.domain.roles import AccountRole
from desktop_app.domain.vocab import (
    ActivityKind,
    AssessmentKind,
    AssessmentStatus,
    AttendanceStatus,
    EvidenceKind,
    Gender,
    Grade,
    RecordKind,
    RecordLevel,
    Role,
    Stage,
    StudioLevel,
    StudioType,
    TaskStatus,
    TeachingTitle,
    TrainingTier,
)

# Named constraints so that later migrations can drop or alter them on SQLite (batch mode).
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# The database refuses what no version of the program writes (a row from another tool):
# CHECK constraints named <column>_<rule>, which store/row_checks.py words for the user.
# Migration 0006 added them; a later change here needs a migration of its own.
PLAN_KINDS = ("build", "annual")
EVIDENCE_DECISIONS = ("accepted", "removed")


def _codes(values) -> list[str]:
    return [getattr(v, "code", getattr(v, "value", v)) for v in values]


def enum(column: str, values) -> CheckConstraint:
    """One of the vocabulary's codes (or NULL)."""
    codes = ", ".join(f"'{code}'" for code in _codes(values))
    return CheckConstraint(f'"{column}" IN ({codes})', name=f"{column}_enum")


def iso_date(column: str) -> CheckConstraint:
    """A real day written YYYY-MM-DD (SQLite stores dates as text): date(x, '+0 days')
    gives the text back unchanged only then — 2025-02-30 comes back as 2025-03-02. (Plain
    date(x) echoes 2025-02-30 unchanged in SQLite 3.40.)"""
    return CheckConstraint(f'date("{column}", \'+0 days\') IS "{column}"', name=f"{column}_date")


def money(column: str) -> CheckConstraint:
    """A whole number of fen above zero (not 12.5, not '12.5元', not -500)."""
    return CheckConstraint(
        f'typeof("{column}") = \'integer\' AND "{column}" > 0', name=f"{column}_money"
    )


def count(column: str) -> CheckConstraint:
    """A whole number, zero or more (or NULL)."""
    return CheckConstraint(
        f'"{column}" IS NULL OR (typeof("{column}") = \'integer\' AND "{column}" >= 0)',
        name=f"{column}_count",
    )


def flag(column: str) -> CheckConstraint:
    """A boolean as SQLAlchemy stores it: 0 or 1 (or NULL)."""
    return CheckConstraint(f'"{column}" IN (0, 1)', name=f"{column}_flag")


def ordered(first: str, last: str) -> CheckConstraint:
    return CheckConstraint(f'"{first}" <= "{last}"', name=f"{last}_order")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Studio(Base):
    __tablename__ = "studio"
    __table_args__ = (
        enum("level", StudioLevel),
        enum("studio_type", StudioType),
        flag("is_demo"),
        ordered("cycle_first_year", "cycle_last_year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(20))
    studio_type: Mapped[str] = mapped_column(String(20))
    host_school: Mapped[str | None] = mapped_column(String(100))
    district: Mapped[str | None] = mapped_column(String(100))
    cycle_first_year: Mapped[int] = mapped_column(Integer)  # first school year's start
    cycle_last_year: Mapped[int] = mapped_column(Integer)  # last school year's start
    preset_id: Mapped[str] = mapped_column(String(40))
    feature: Mapped[str | None] = mapped_column(Text)  # 特色 / motto
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class PresetOverride(Base):
    """A studio's own value for one preset rule, with the reason it differs."""

    __tablename__ = "preset_override"
    __table_args__ = (UniqueConstraint("studio_id", "rule_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studio.id"))
    rule_key: Mapped[str] = mapped_column(String(40))
    value_json: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")


class StudioSetting(Base):
    __tablename__ = "studio_setting"

    studio_id: Mapped[int] = mapped_column(ForeignKey("studio.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)


class Person(Base):
    __tablename__ = "person"
    __table_args__ = (
        enum("gender", Gender),
        iso_date("birth_date"),
        flag("rural"),
        enum("title", TeachingTitle),
        flag("in_post"),
        enum("training_tier", TrainingTier),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studio.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    gender: Mapped[str | None] = mapped_column(String(10))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    school: Mapped[str | None] = mapped_column(String(100))
    rural: Mapped[bool | None] = mapped_column(Boolean)
    title: Mapped[str | None] = mapped_column(String(20))
    honours: Mapped[str | None] = mapped_column(String(200))
    head_teacher_since: Mapped[int | None] = mapped_column(Integer)
    teaching_since: Mapped[int | None] = mapped_column(Integer)  # 任教 since (a school year)
    in_post: Mapped[bool | None] = mapped_column(Boolean)  # still a head teacher; None: unknown
    training_tier: Mapped[str | None] = mapped_column(String(20))  # TrainingTier code (松江)
    phone: Mapped[str | None] = mapped_column(String(30))
    id_number: Mapped[str | None] = mapped_column(String(18))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="person", foreign_keys="Membership.person_id"
    )


class Membership(Base):
    """One spell of a person in the studio, in one role; ended, never deleted."""

    __tablename__ = "membership"
    __table_args__ = (
        enum("role", Role),
        enum("stage", Stage),
        iso_date("agreement_signed_on"),
        iso_date("joined_on"),
        iso_date("left_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    stage: Mapped[str] = mapped_column(String(20))
    agreement_signed_on: Mapped[dt.date | None] = mapped_column(Date)
    joined_on: Mapped[dt.date | None] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date)
    leave_reason: Mapped[str | None] = mapped_column(String(200))
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("membership.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    person: Mapped[Person] = relationship(back_populates="memberships", foreign_keys=[person_id])
    stages: Mapped[list[MembershipStage]] = relationship(
        back_populates="membership", order_by="MembershipStage.id"
    )


class MembershipStage(Base):
    """Each step of the selection lifecycle as it happened (申报 → … → 确定名单)."""

    __tablename__ = "membership_stage"
    __table_args__ = (
        enum("stage", Stage),
        iso_date("on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("membership.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    on: Mapped[dt.date] = mapped_column(Date)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    membership: Mapped[Membership] = relationship(back_populates="stages")


class DevelopmentGoal(Base):
    """A person's development plan: goals for one school year (个人发展规划)."""

    __tablename__ = "development_goal"
    __table_args__ = (UniqueConstraint("person_id", "school_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    school_year: Mapped[int] = mapped_column(Integer)
    goals: Mapped[str] = mapped_column(Text)


class GrowthRecord(Base):
    """One entry of a growth file (成长档案): a lesson, lecture, paper, project …"""

    __tablename__ = "growth_record"
    __table_args__ = (
        enum("kind", RecordKind),
        iso_date("date"),
        enum("level", RecordLevel),
        count("hours_tenths"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    level: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str | None] = mapped_column(Text)
    hours_tenths: Mapped[int | None] = mapped_column(Integer)  # training hours × 10, exact
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    attachments: Mapped[list[Attachment]] = relationship(
        secondary="growth_record_attachment", order_by="Attachment.id"
    )


class Attachment(Base):
    """A file in the managed store: content-addressed by sha256, original name kept."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(String(255))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class GrowthRecordAttachment(Base):
    __tablename__ = "growth_record_attachment"

    growth_record_id: Mapped[int] = mapped_column(ForeignKey("growth_record.id"), primary_key=True)
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachment.id"), primary_key=True)


class Activity(Base):
    """A studio activity: 定时、定点、定内容，有计划、有记录、有总结."""

    __tablename__ = "activity"
    __table_args__ = (
        iso_date("date"),
        enum("kind", ActivityKind),
        count("hours_tenths"),
        flag("takes_attendance"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studio.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    place: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    topic: Mapped[str] = mapped_column(String(200))
    content: Mapped[str | None] = mapped_column(Text)
    presenter: Mapped[str | None] = mapped_column(String(100))
    hours_tenths: Mapped[int | None] = mapped_column(Integer)  # 学时 × 10, exact
    takes_attendance: Mapped[bool] = mapped_column(Boolean, default=True)
    summary: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    attachments: Mapped[list[Attachment]] = relationship(
        secondary="activity_attachment", order_by="Attachment.id"
    )
    marks: Mapped[list[AttendanceMark]] = relationship(
        back_populates="activity", cascade="all, delete-orphan"
    )


class ActivityAttachment(Base):
    __tablename__ = "activity_attachment"

    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id"), primary_key=True)
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachment.id"), primary_key=True)


class AttendanceMark(Base):
    """One expected member's mark at one activity (出勤/迟到/早退/请假/缺勤)."""

    __tablename__ = "attendance_mark"
    __table_args__ = (
        UniqueConstraint("activity_id", "membership_id"),
        enum("status", AttendanceStatus),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("membership.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(String(200))

    activity: Mapped[Activity] = relationship(back_populates="marks")


class AttendanceFlagEvent(Base):
    """A change of a member's attendance state (ok / at_risk / over), kept for good."""

    __tablename__ = "attendance_flag_event"
    __table_args__ = (
        iso_date("on"),
        enum("old_state", FlagState),
        enum("new_state", FlagState),
        count("missed"),
        count("expected"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("membership.id"), index=True)
    on: Mapped[dt.date] = mapped_column(Date)
    old_state: Mapped[str] = mapped_column(String(10))
    new_state: Mapped[str] = mapped_column(String(10))
    missed: Mapped[int] = mapped_column(Integer)
    expected: Mapped[int] = mapped_column(Integer)
    cause: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


VOUCHER_HELD = "voucher_no IS NOT NULL AND voucher_no <> '' AND reverses_id IS NULL"


class LedgerEntry(Base):
    """One entry of the funding ledger. Written once, never changed or deleted (an ORM
    guard in store/ledger_guard.py refuses it): a mistake is undone by a reversal entry."""

    __tablename__ = "ledger_entry"
    __table_args__ = (
        iso_date("date"),
        enum("direction", Direction),
        money("amount_fen"),
        enum("source", IncomeSource),
        count("voucher_turn"),
        # A voucher is held by one standing entry at a time; the database says so with
        # a unique index. A reversal repeats its original's voucher and is left out; the
        # entry that replaces a reversed one takes the voucher's next turn (0 for its first
        # holder, 1 for the one after, …: the reversals that gave it up, counted by
        # store/ledger_guard.py), so a second entry while one stands — two programs at
        # once, or a path past the ledger's check — takes a turn already taken and the
        # index refuses it. NULL and empty vouchers are not held.
        CheckConstraint(
            "voucher_no IS NULL OR voucher_no = '' OR reverses_id IS NOT NULL"
            " OR voucher_turn IS NOT NULL",
            name="voucher_turn_given",
        ),
        Index(
            "ux_ledger_entry_voucher",
            "studio_id",
            "voucher_no",
            "voucher_turn",
            unique=True,
            sqlite_where=text(VOUCHER_HELD),
            postgresql_where=text(VOUCHER_HELD),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studio.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    direction: Mapped[str] = mapped_column(String(10))  # income | expense
    amount_fen: Mapped[int] = mapped_column(Integer)  # > 0; the direction gives the sign
    category: Mapped[str | None] = mapped_column(String(50))  # expenses
    source: Mapped[str | None] = mapped_column(String(20))  # incomes: grant | bureau | other
    payee: Mapped[str | None] = mapped_column(String(200))  # 收款方 / 来源单位
    voucher_no: Mapped[str | None] = mapped_column(String(50))
    voucher_turn: Mapped[int | None] = mapped_column(Integer)  # see __table_args__
    purpose: Mapped[str] = mapped_column(String(500))  # 摘要
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activity.id"))
    approver: Mapped[str | None] = mapped_column(String(50))
    handler: Mapped[str | None] = mapped_column(String(50))  # 经办人
    override_reason: Mapped[str | None] = mapped_column(Text)  # why the ring-fence was passed
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entry.id"), unique=True)
    reversal_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(100))

    attachments: Mapped[list[Attachment]] = relationship(
        secondary="ledger_entry_attachment", order_by="Attachment.id"
    )


class LedgerEntryAttachment(Base):
    """Receipts (发票、凭证扫描件) of an entry; like the entry, only ever added."""

    __tablename__ = "ledger_entry_attachment"

    ledger_entry_id: Mapped[int] = mapped_column(ForeignKey("ledger_entry.id"), primary_key=True)
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachment.id"), primary_key=True)


class LedgerCategory(Base):
    """A spending category the studio added to its preset's list."""

    __tablename__ = "ledger_category"
    __table_args__ = (UniqueConstraint("studio_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studio.id"))
    name: Mapped[str] = mapped_column(String(50))


class LedgerBudget(Base):
    """The yearly budget of one category."""

    __tablename__ = "ledger_budget"
    __table_args__ = (UniqueConstraint("studio_id", "year", "category"), count("amount_fen"))

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studio.id"))
    year: Mapped[int] = mapped_column(Integer)  # the fiscal year's start
    category: Mapped[str] = mapped_column(String(50))
    amount_fen: Mapped[int] = mapped_column(Integer)


class LedgerClosedPeriod(Base):
    """A closed month or year: nothing dated inside it can be added any more."""

    __tablename__ = "ledger_closed_period"
    __table_args__ = (
        UniqueConstraint("studio_id", "first_day", "last_day"),
        iso_date("first_day"),
        iso_date("last_day"),
        ordered("first_day", "last_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studio.id"))
    first_day: Mapped[dt.date] = mapped_column(Date)
    last_day: Mapped[dt.date] = mapped_column(Date)
    label: Mapped[str] = mapped_column(String(50))  # 2025年3月 / 2025年 / 2025-2026学年
    closed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    closed_by: Mapped[str | None] = mapped_column(String(100))


class AuditEntry(Base):
    """Who changed what, written in the same transaction as the change (store/audit.py)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(10))  # insert | update | delete
    table_name: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[str] = mapped_column(String(50))
    changes_json: Mapped[str] = mapped_column(Text)


class Plan(Base):
    """The build plan of the cycle (kind ``build``, one per studio) or the annual plan of
    one school year (kind ``annual``) whose items are the task ledger (任务台账)."""

    __tablename__ = "plan"
    __table_args__ = (
        UniqueConstraint("studio_id", "kind", "school_year"),
        enum("kind", PLAN_KINDS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studio.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # build | annual
    school_year: Mapped[int] = mapped_column(Integer)  # build: the cycle's first year
    title: Mapped[str] = mapped_column(String(200))
    goals: Mapped[str | None] = mapped_column(Text)  # 建设目标 / 年度目标
    features: Mapped[str | None] = mapped_column(Text)  # 特色
    measures: Mapped[str | None] = mapped_column(Text)  # 主要举措 / 工作安排
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    tasks: Mapped[list[PlanTask]] = relationship(
        back_populates="plan", order_by="PlanTask.position, PlanTask.id"
    )


class PlanTask(Base):
    """One item of the task ledger. Ticked off (销账) only with evidence linked."""

    __tablename__ = "plan_task"
    __table_args__ = (
        enum("status", TaskStatus),
        iso_date("due_on"),
        iso_date("done_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    owner_membership_id: Mapped[int | None] = mapped_column(ForeignKey("membership.id"))
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))  # TaskStatus code
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    plan: Mapped[Plan] = relationship(back_populates="tasks")
    evidence: Mapped[list[PlanTaskEvidence]] = relationship(
        back_populates="task", order_by="PlanTaskEvidence.id"
    )


class PlanTaskEvidence(Base):
    """A link from a task item to what shows it done: an activity, a growth record, a
    ledger entry or a stored file (EvidenceKind code + the row's id)."""

    __tablename__ = "plan_task_evidence"
    __table_args__ = (UniqueConstraint("task_id", "kind", "target_id"), enum("kind", EvidenceKind))

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("plan_task.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    task: Mapped[PlanTask] = relationship(back_populates="evidence")


class AnnualSummary(Base):
    """The host's 年度总结 of a school year; ``facts_json`` keeps the figures it was
    pre-filled from, as they stood when it was last saved."""

    __tablename__ = "annual_summary"
    __table_args__ = (UniqueConstraint("studio_id", "school_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studio.id"), index=True)
    school_year: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    facts_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Assessment(Base):
    """One filled-in assessment (mid-term, final, annual or of one member). Once
    submitted it is locked (store/assessment_guard.py); a copy makes a new draft."""

    __tablename__ = "assessment"
    __table_args__ = (
        enum("kind", AssessmentKind),
        enum("status", AssessmentStatus),
        enum("grade", Grade),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studio.id"), index=True)
    template_id: Mapped[str] = mapped_column(String(50))
    kind: Mapped[str] = mapped_column(String(20))  # AssessmentKind code
    school_year: Mapped[int] = mapped_column(Integer)
    membership_id: Mapped[int | None] = mapped_column(ForeignKey("membership.id"))
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))  # draft | submitted
    comment: Mapped[str | None] = mapped_column(Text)  # overall remarks
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # Frozen at submission so that the document does not change with later records.
    total_tenths: Mapped[int | None] = mapped_column(Integer)
    grade: Mapped[str | None] = mapped_column(String(20))

    items: Mapped[list[AssessmentItem]] = relationship(order_by="AssessmentItem.id")
    evidence: Mapped[list[AssessmentEvidence]] = relationship(order_by="AssessmentEvidence.id")


class AssessmentItem(Base):
    """The self-score (tenths) and comment of one indicator."""

    __tablename__ = "assessment_item"
    __table_args__ = (UniqueConstraint("assessment_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    score_tenths: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)


class AssessmentEvidence(Base):
    """Evidence of one indicator, proposed by its rule or added by hand, with the user's
    decision; the label is kept as written so a locked assessment reads the same later."""

    __tablename__ = "assessment_evidence"
    __table_args__ = (
        enum("kind", EvidenceKind),
        enum("decision", EVIDENCE_DECISIONS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))  # EvidenceKind code
    target_id: Mapped[int | None] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(String(10))  # accepted | removed


class IssuedDocument(Base):
    """A report the program wrote (spending report, plan, summary …): the assessment rule
    "a spending report exists" and later the submission bundle look here."""

    __tablename__ = "issued_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studio.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # ledger_report | plan | summary | …
    period: Mapped[str] = mapped_column(String(30))  # "2025" or "2025-2026"
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


# --- what lived beside the database file (issue 18): evidence bytes, the signing key,
# the document cache. Written with Core statements (store/files.py, store/signing_key.py,
# documents/bundle/cache.py), never audited: they are no records of their own.
# The document cache's tables, children first: a cache, left out of every backup.
CACHE_TABLES = ("cached_document_chunk", "cached_document", "cached_state")
NOT_RECORDS = ("evidence_file", "evidence_chunk", "signing_key", *CACHE_TABLES)


class EvidenceFile(Base):
    """The bytes of an evidence file, content-addressed: one row per sha256, whose
    ``chunks`` rows in evidence_chunk hold the bytes (CHUNK each, the last shorter).
    An ``attachment`` row names it by its sha256 (no foreign key: an older installation's
    files move in after the upgrade that creates this table)."""

    __tablename__ = "evidence_file"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    chunks: Mapped[int] = mapped_column(Integer)


class EvidenceChunk(Base):
    __tablename__ = "evidence_chunk"

    sha256: Mapped[str] = mapped_column(
        ForeignKey("evidence_file.sha256", ondelete="CASCADE"), primary_key=True
    )
    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class SigningKey(Base):
    """The studio's Ed25519 signing key (PKCS#8 PEM): one row at most (id = 1), whatever
    the PC. On a server only the host role may read it (the accounts' grants)."""

    __tablename__ = "signing_key"
    __table_args__ = (CheckConstraint("id = 1", name="id_single"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    private_pem: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class CachedState(Base):
    """One state of the document cache (documents/bundle/cache.py): the documents made
    from the records as they were (``key``), last used at ``used_at``. A cache: pruned
    to the newest few, left out of backups."""

    __tablename__ = "cached_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    used_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    about: Mapped[str] = mapped_column(Text, default="{}")  # JSON: period, unmasked
    bundle: Mapped[str | None] = mapped_column(Text)  # JSON: the whole bundle of the state


class CachedDocument(Base):
    __tablename__ = "cached_document"

    state_key: Mapped[str] = mapped_column(
        ForeignKey("cached_state.key", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(500), primary_key=True)
    relative: Mapped[str] = mapped_column(String(500))  # its path in the bag's data/
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    chunks: Mapped[int] = mapped_column(Integer)


class CachedDocumentChunk(Base):
    __tablename__ = "cached_document_chunk"
    __table_args__ = (
        ForeignKeyConstraint(
            ["state_key", "name"],
            ["cached_document.state_key", "cached_document.name"],
            ondelete="CASCADE",
        ),
    )

    state_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(500), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Account(Base):
    """A person who signs in (issue 18), with the role that says what they may do
    (domain/roles.py). Never deleted: an account that should no longer sign in is made
    inactive, and every change is in the audit log. The login is kept in lower case, so
    it is unique whatever the case it is typed in. ``password_hash`` is argon2id's
    (services/accounts.py) on an SQLite file; on a server it stays empty, as PostgreSQL
    checks the password itself (the account is a login role, store/server_roles.py)."""

    __tablename__ = "account"
    __table_args__ = (
        enum("role", AccountRole),
        flag("active"),
        CheckConstraint("login = lower(login) AND length(login) >= 1", name="login_lower"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    # deferred: read only when signing in on a file (a server grants no one but the host
    # this column, store/server_roles.py)
    password_hash: Mapped[str | None] = mapped_column(Text, deferred=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ChangeCounter(Base):
    """One row: how many units of work have committed (store/changes.py counts each one
    inside its transaction, so the number follows commit order on both backends), and a
    random ``origin`` of this database (a restored copy of another database may have
    reached the same number). Another PC compares it with the number it last saw
    (store/watch.py); caches are keyed on it (services/read_cache.py)."""

    __tablename__ = "change_counter"
    __table_args__ = (CheckConstraint("id = 1", name="only_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)
    origin: Mapped[str] = mapped_column(String(32))


class ChangeLogEntry(Base):
    """What each counted unit of work changed (the subjects of domain/changes.py, comma
    separated): another PC refreshes those pages. The newest entries only are kept
    (store/changes.py prunes); a PC that fell further behind refreshes everything."""

    __tablename__ = "change_log"

    counter: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    subjects: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
