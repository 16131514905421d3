"""Translated words for the stored codes (roles, stages, kinds …) shown in the UI.

English source strings through Qt's translate(); the zh_CN catalogue supplies Chinese.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.vocab import (
    ActivityKind,
    AttendanceStatus,
    Gender,
    RecordKind,
    RecordLevel,
    Role,
    Stage,
    StudioLevel,
    StudioType,
    TeachingTitle,
    TrainingTier,
)

if TYPE_CHECKING:
    from desktop_app.services.backup import BackupFailure


def role(code: str) -> str:
    return {
        Role.HOST.code: QCoreApplication.translate("Labels", "Host/leader"),
        Role.MENTOR.code: QCoreApplication.translate("Labels", "Mentor"),
        Role.CORE.code: QCoreApplication.translate("Labels", "Core member"),
        Role.MEMBER.code: QCoreApplication.translate("Labels", "Member"),
        Role.OBSERVER.code: QCoreApplication.translate("Labels", "Observer"),
    }.get(code, code)


def stage(code: str) -> str:
    return {
        Stage.APPLIED.code: QCoreApplication.translate("Labels", "Applied"),
        Stage.RECOMMENDED.code: QCoreApplication.translate("Labels", "Recommended by school"),
        Stage.SELECTED.code: QCoreApplication.translate("Labels", "Selected"),
        Stage.APPROVED.code: QCoreApplication.translate("Labels", "Approved"),
        Stage.CONFIRMED.code: QCoreApplication.translate("Labels", "Confirmed"),
    }.get(code, code)


def status(code: str) -> str:
    return QCoreApplication.translate("Labels", "Left") if code == "left" else stage(code)


def gender(code: str | None) -> str:
    if not code:
        return ""
    return {
        Gender.MALE.code: QCoreApplication.translate("Labels", "Male"),
        Gender.FEMALE.code: QCoreApplication.translate("Labels", "Female"),
    }.get(code, code)


def title(code: str | None) -> str:
    if not code:
        return ""
    return {
        TeachingTitle.NONE.code: QCoreApplication.translate("Labels", "Unranked"),
        TeachingTitle.JUNIOR.code: QCoreApplication.translate("Labels", "Junior"),
        TeachingTitle.INTERMEDIATE.code: QCoreApplication.translate("Labels", "Intermediate"),
        TeachingTitle.SENIOR.code: QCoreApplication.translate("Labels", "Senior"),
        TeachingTitle.FULL_SENIOR.code: QCoreApplication.translate("Labels", "Full senior"),
    }.get(code, code)


def tier(code: str | None) -> str:
    """松江's training tiers (seed 001): names of programmes, 地平线 … 满天星."""
    if not code:
        return ""
    return {
        TrainingTier.HORIZON.code: QCoreApplication.translate("Labels", "Horizon"),
        TrainingTier.COMPASS.code: QCoreApplication.translate("Labels", "Compass"),
        TrainingTier.CLIMBER.code: QCoreApplication.translate("Labels", "Climber"),
        TrainingTier.STARS.code: QCoreApplication.translate("Labels", "Stars"),
    }.get(code, code)


def studio_level(code: str) -> str:
    return {
        StudioLevel.SCHOOL.code: QCoreApplication.translate("Labels", "School level"),
        StudioLevel.DISTRICT.code: QCoreApplication.translate("Labels", "District level"),
        StudioLevel.CITY.code: QCoreApplication.translate("Labels", "City level"),
    }.get(code, code)


def studio_type(code: str) -> str:
    return {
        StudioType.STUDIO.code: QCoreApplication.translate("Labels", "Studio"),
        StudioType.CAMP.code: QCoreApplication.translate("Labels", "Growth camp"),
        StudioType.ROOM.code: QCoreApplication.translate("Labels", "Training room"),
        StudioType.WORKSHOP.code: QCoreApplication.translate("Labels", "Workshop"),
    }.get(code, code)


def record_kind(code: str) -> str:
    return {
        RecordKind.PUBLIC_LESSON.code: QCoreApplication.translate("Labels", "Public lesson"),
        RecordKind.LECTURE.code: QCoreApplication.translate("Labels", "Lecture or exchange"),
        RecordKind.PAPER.code: QCoreApplication.translate("Labels", "Paper"),
        RecordKind.RESEARCH.code: QCoreApplication.translate("Labels", "Research project"),
        RecordKind.COMPETITION.code: QCoreApplication.translate("Labels", "Competition"),
        RecordKind.HONOUR.code: QCoreApplication.translate("Labels", "Honour"),
        RecordKind.MENTORING.code: QCoreApplication.translate(
            "Labels", "Mentoring a young head teacher"
        ),
        RecordKind.CLASS_HONOUR.code: QCoreApplication.translate("Labels", "Class honour"),
        RecordKind.TRAINING.code: QCoreApplication.translate("Labels", "Training hours"),
    }.get(code, code)


def record_level(code: str | None) -> str:
    if not code:
        return ""
    return {
        RecordLevel.SCHOOL.code: QCoreApplication.translate("Labels", "School"),
        RecordLevel.DISTRICT.code: QCoreApplication.translate("Labels", "District"),
        RecordLevel.CITY.code: QCoreApplication.translate("Labels", "City"),
        RecordLevel.PROVINCE.code: QCoreApplication.translate("Labels", "Province"),
        RecordLevel.NATIONAL.code: QCoreApplication.translate("Labels", "National"),
    }.get(code, code)


def activity_kind(code: str | None) -> str:
    if not code:
        return ""
    return {
        ActivityKind.STUDY.code: QCoreApplication.translate("Labels", "Study and discussion"),
        ActivityKind.EXPERT_LECTURE.code: QCoreApplication.translate("Labels", "Expert lecture"),
        ActivityKind.SEMINAR.code: QCoreApplication.translate("Labels", "Seminar"),
        ActivityKind.EXCHANGE.code: QCoreApplication.translate("Labels", "Experience exchange"),
        ActivityKind.OPEN_LESSON.code: QCoreApplication.translate("Labels", "Open lesson"),
        ActivityKind.RESEARCH.code: QCoreApplication.translate("Labels", "Research project"),
        ActivityKind.FIELD_TRIP.code: QCoreApplication.translate("Labels", "Field trip"),
        ActivityKind.SHOWCASE.code: QCoreApplication.translate("Labels", "Showcase"),
        ActivityKind.SKILLS.code: QCoreApplication.translate("Labels", "Basic skills training"),
        ActivityKind.FORUM.code: QCoreApplication.translate("Labels", "On-site meeting/forum"),
        ActivityKind.OTHER.code: QCoreApplication.translate("Labels", "Other"),
    }.get(code, code)


def attendance_status(code: str | None) -> str:
    if not code:
        return ""
    return {
        AttendanceStatus.PRESENT.code: QCoreApplication.translate("Labels", "Present"),
        AttendanceStatus.LATE.code: QCoreApplication.translate("Labels", "Late"),
        AttendanceStatus.LEFT_EARLY.code: QCoreApplication.translate("Labels", "Left early"),
        AttendanceStatus.LEAVE.code: QCoreApplication.translate("Labels", "On leave"),
        AttendanceStatus.ABSENT.code: QCoreApplication.translate("Labels", "Absent"),
    }.get(code, code)


def yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return (
        QCoreApplication.translate("Labels", "Yes")
        if value
        else QCoreApplication.translate("Labels", "No")
    )


def choices(vocab, label) -> list[tuple[str, str]]:
    """(code, translated word) pairs for a combo box."""
    return [(item.code, label(item.code)) for item in vocab]


# Punctuation that joins translated pieces: Chinese uses full-width marks and no spaces.
def _chinese() -> bool:
    from desktop_app.domain import messages

    return messages.language() != "en"


def colon() -> str:
    return "：" if _chinese() else ": "


def comma() -> str:
    return "，" if _chinese() else ", "


def sentences(*parts: str) -> str:
    """Sentences one after another: a space between them in English, none in Chinese."""
    return ("" if _chinese() else " ").join(p for p in parts if p)


def backup_failure(failure: BackupFailure) -> str:
    """An automatic backup that did not succeed, and what to do (banner, Backups page)."""
    return (
        QCoreApplication.translate(
            "Labels",
            "The automatic backup of %1 did not succeed: %2. Make one on the Backups page "
            "(to a USB stick if this disk is full).",
        )
        .replace("%1", failure.when.strftime("%Y-%m-%d %H:%M"))
        .replace("%2", failure.reason)
    )


def example(value: str) -> str:
    """An empty field's hint, '例如：14:00': plainly a hint, never taken for a value."""
    return QCoreApplication.translate("Labels", "e.g. %1").replace("%1", value)


def rule_name(key: str) -> str:
    """A preset's rule by its name (never its key)."""
    from desktop_app.domain.presets import RULE_SPECS

    spec = RULE_SPECS[key]
    return spec.zh if _chinese() else spec.en


def fill(template: str, *values: object) -> str:
    """A translated template's %1, %2, … filled in. A value the template quotes (“%1”)
    has its own quotations made single (‘’), as Chinese nests them: a title that holds
    a quotation never shows as ““…””."""
    from desktop_app.domain.messages import inside_quotes

    for number in range(len(values), 0, -1):  # %10 before %1
        value = str(values[number - 1])
        if f"“%{number}”" in template:
            value = inside_quotes(value)
        template = template.replace(f"%{number}", value)
    return template
