"""Per-studio settings: the keys, their defaults and what they accept.

Stored in the studio's database; read and written by Settings and ``studiodesk config``.
A studio's preset may give a setting its value with the document that says so (see
``domain.presets.PresetSetting``); a value the studio set itself wins over it. Later
capabilities add their keys here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.domain import messages
from desktop_app.domain.messages import N_
from desktop_app.domain.problems import ValidationError

_TRUE = {"true", "1", "yes", "y", "on", "是"}
_FALSE = {"false", "0", "no", "n", "off", "否"}


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    choices: tuple[str, ...] = ()  # for text settings; empty means boolean (or a number)
    help_message: str = ""  # English, marked for the text catalogue (Chinese in the .po)
    limits: tuple[int, int] = (0, 0)  # for whole-number settings: the lowest and highest

    @property
    def is_bool(self) -> bool:
        return isinstance(self.default, bool)

    @property
    def is_int(self) -> bool:
        return isinstance(self.default, int) and not self.is_bool

    def parse(self, raw: Any) -> Any:
        if self.is_int:
            low, high = self.limits
            text = str(raw).strip()
            if not isinstance(raw, bool) and text.isdigit() and low <= int(text) <= high:
                return int(text)
            allowed = f"{low}–{high}"
        elif self.is_bool:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            allowed = "true, false"
        else:
            text = str(raw).strip()
            if text in self.choices:
                return text
            allowed = ", ".join(self.choices)
        raise ValidationError.single(
            "value", "bad_setting_value", key=self.key, value=raw, allowed=allowed
        )

    def format(self, value: Any) -> str:
        return ("true" if value else "false") if self.is_bool else str(value)

    def words(self, value: Any) -> str:
        """The value as a person reads it in the program's language."""
        if not self.is_bool:
            return str(value)
        return messages.translate(N_("on") if value else N_("off"))

    @property
    def help(self) -> str:
        """The help in the language set."""
        return messages.translate(self.help_message)


SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(
            "export.mask_personal_data",
            True,
            help_message=N_("Mask phone and ID numbers in exported files (138****5678)."),
        ),
        SettingSpec(
            "ledger.fiscal_year",
            "calendar",
            choices=("calendar", "school_year"),
            help_message=N_(
                "The funding ledger's year: the calendar year (calendar) or the school year (school_year)."
            ),
        ),
        SettingSpec(
            "attendance.leave_counts_as_absence",
            True,
            help_message=N_(
                "Leave (请假) counts as a missed session. Absence always counts; late and left early never do."
            ),
        ),
        SettingSpec(
            "attendance.exact_third_counts",
            False,
            # off unless the studio's document says 以上 (the jiangyin preset turns it on,
            # with its source): a studio of another preset has never read that document
            help_message=N_(
                "On: exactly one third already crosses the line (3 of 9 sessions missed): in "
                "legal usage the 以上 of “缺勤三分之一以上” includes the number itself. Off: only "
                "more than one third crosses."
            ),
        ),
        SettingSpec(
            "attendance.min_sessions",
            4,
            limits=(1, 50),
            help_message=N_(
                "No member is at risk or over the line until they have been expected at this "
                "many sessions: one or two sessions say nothing of a member's attendance. "
                "Before that the member shows the count and “fewer than N sessions, not "
                "judged yet”. 1: judged from the first session."
            ),
        ),
        SettingSpec(
            "attendance.window",
            "cycle",
            choices=("cycle", "school_year"),
            help_message=N_(
                "Which sessions count: the whole build cycle to date (cycle) or this school year (school_year)."
            ),
        ),
    )
}


def spec_for(key: str) -> SettingSpec:
    spec = SETTINGS.get(key)
    if spec is None:
        raise ValidationError.single("key", "unknown_setting", value=key)
    return spec
