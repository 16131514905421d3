"""Words for the stored codes (roles, stages, kinds …) shown in the UI.

The domain's words come from domain/vocab.py in the Chinese UI (never written again here)
and from the English below otherwise; the rest is English source through Qt's
translate(), which the zh_CN catalogue turns into Chinese.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.vocab import (
    LEFT_STATUS_ZH,
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
    Vocab,
)
from desktop_app.gui.i18n import chinese_ui

if TYPE_CHECKING:
    from desktop_app.services.backup import BackupFailure


def _word(vocab: type[Vocab], english: dict[str, str], code: str) -> str:
    """A word of the domain on a widget: in the Chinese UI the vocabulary's own, the word
    the documents print (defined once, in domain/vocab.py); else its English here."""
    if not chinese_ui():
        return english.get(code, code)
    try:
        return vocab.from_code(code).zh
    except ValueError:
        return code


def role(code: str) -> str:
    return _word(
        Role,
        {
            Role.HOST.code: "Host/leader",
            Role.MENTOR.code: "Mentor",
            Role.CORE.code: "Core member",
            Role.MEMBER.code: "Member",
            Role.OBSERVER.code: "Observer",
        },
        code,
    )


def stage(code: str) -> str:
    return _word(
        Stage,
        {
            Stage.APPLIED.code: "Applied",
            Stage.RECOMMENDED.code: "Recommended by school",
            Stage.SELECTED.code: "Selected",
            Stage.APPROVED.code: "Approved",
            Stage.CONFIRMED.code: "Confirmed",
        },
        code,
    )


def status(code: str) -> str:
    if code == "left":
        return LEFT_STATUS_ZH if chinese_ui() else "Left"
    return stage(code)


def gender(code: str | None) -> str:
    if not code:
        return ""
    return _word(
        Gender,
        {
            Gender.MALE.code: "Male",
            Gender.FEMALE.code: "Female",
        },
        code,
    )


def title(code: str | None) -> str:
    if not code:
        return ""
    return _word(
        TeachingTitle,
        {
            TeachingTitle.NONE.code: "Unranked",
            TeachingTitle.JUNIOR.code: "Junior",
            TeachingTitle.INTERMEDIATE.code: "Intermediate",
            TeachingTitle.SENIOR.code: "Senior",
            TeachingTitle.FULL_SENIOR.code: "Full senior",
        },
        code,
    )


def tier(code: str | None) -> str:
    """松江's training tiers (seed 001): names of programmes, 地平线 … 满天星."""
    if not code:
        return ""
    return _word(
        TrainingTier,
        {
            TrainingTier.HORIZON.code: "Horizon",
            TrainingTier.COMPASS.code: "Compass",
            TrainingTier.CLIMBER.code: "Climber",
            TrainingTier.STARS.code: "Stars",
        },
        code,
    )


def studio_level(code: str) -> str:
    return _word(
        StudioLevel,
        {
            StudioLevel.SCHOOL.code: "School level",
            StudioLevel.DISTRICT.code: "District level",
            StudioLevel.CITY.code: "City level",
        },
        code,
    )


def studio_type(code: str) -> str:
    return _word(
        StudioType,
        {
            StudioType.STUDIO.code: "Studio",
            StudioType.CAMP.code: "Growth camp",
            StudioType.ROOM.code: "Training room",
            StudioType.WORKSHOP.code: "Workshop",
        },
        code,
    )


def record_kind(code: str) -> str:
    if code == RecordKind.LECTURE.code:
        # the widgets' word is wider than the documents' 讲座: a translation of its own
        return QCoreApplication.translate("Labels", "Lecture or exchange")
    return _word(
        RecordKind,
        {
            RecordKind.PUBLIC_LESSON.code: "Public lesson",
            RecordKind.PAPER.code: "Paper",
            RecordKind.RESEARCH.code: "Research project",
            RecordKind.COMPETITION.code: "Competition",
            RecordKind.HONOUR.code: "Honour",
            RecordKind.MENTORING.code: "Mentoring a young head teacher",
            RecordKind.CLASS_HONOUR.code: "Class honour",
            RecordKind.TRAINING.code: "Training hours",
        },
        code,
    )


def record_level(code: str | None) -> str:
    if not code:
        return ""
    return _word(
        RecordLevel,
        {
            RecordLevel.SCHOOL.code: "School",
            RecordLevel.DISTRICT.code: "District",
            RecordLevel.CITY.code: "City",
            RecordLevel.PROVINCE.code: "Province",
            RecordLevel.NATIONAL.code: "National",
        },
        code,
    )


def activity_kind(code: str | None) -> str:
    if not code:
        return ""
    return _word(
        ActivityKind,
        {
            ActivityKind.STUDY.code: "Study and discussion",
            ActivityKind.EXPERT_LECTURE.code: "Expert lecture",
            ActivityKind.SEMINAR.code: "Seminar",
            ActivityKind.EXCHANGE.code: "Experience exchange",
            ActivityKind.OPEN_LESSON.code: "Open lesson",
            ActivityKind.RESEARCH.code: "Research project",
            ActivityKind.FIELD_TRIP.code: "Field trip",
            ActivityKind.SHOWCASE.code: "Showcase",
            ActivityKind.SKILLS.code: "Basic skills training",
            ActivityKind.FORUM.code: "On-site meeting/forum",
            ActivityKind.OTHER.code: "Other",
        },
        code,
    )


def attendance_status(code: str | None) -> str:
    if not code:
        return ""
    return _word(
        AttendanceStatus,
        {
            AttendanceStatus.PRESENT.code: "Present",
            AttendanceStatus.LATE.code: "Late",
            AttendanceStatus.LEFT_EARLY.code: "Left early",
            AttendanceStatus.LEAVE.code: "On leave",
            AttendanceStatus.ABSENT.code: "Absent",
        },
        code,
    )


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


def hours_text(tenths: int | None) -> str:
    """Training hours kept as tenths: 15 → '1.5', 20 → '2.0'."""
    if tenths is None:
        return ""
    return f"{tenths // 10}.{tenths % 10}"


def size_text(size: int | None) -> str:
    """A file's size: 812 B, 1.5 KB, 2.0 MB."""
    if size is None:
        return ""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return ""


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
