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
from desktop_app.domain.problems import ValidationError

_TRUE = {"true", "1", "yes", "y", "on", "是"}
_FALSE = {"false", "0", "no", "n", "off", "否"}


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    choices: tuple[str, ...] = ()  # for text settings; empty means boolean (or a number)
    help_en: str = ""
    help_zh: str = ""
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
        if messages.language() == "en":
            return "on" if value else "off"
        return "开启" if value else "关闭"

    @property
    def help(self) -> str:
        return self.help_en if messages.language() == "en" else self.help_zh


SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(
            "export.mask_personal_data",
            True,
            help_en="Mask phone and ID numbers in exported files (138****5678).",
            help_zh="导出文件中的电话号码和身份证号打码显示（如 138****5678）。",
        ),
        SettingSpec(
            "ledger.fiscal_year",
            "calendar",
            choices=("calendar", "school_year"),
            help_en="The funding ledger's year: the calendar year (calendar) or the school year (school_year).",
            help_zh="经费台账的年度：自然年（calendar）或学年（school_year）。",
        ),
        SettingSpec(
            "attendance.leave_counts_as_absence",
            True,
            help_en="Leave (请假) counts as a missed session. Absence always counts; late and left early never do.",
            help_zh="请假计入缺勤次数。缺勤始终计入；迟到、早退不计入。",
        ),
        SettingSpec(
            "attendance.exact_third_counts",
            False,
            # off unless the studio's document says 以上 (the jiangyin preset turns it on,
            # with its source): a studio of another preset has never read that document
            help_en=(
                "On: exactly one third already crosses the line (3 of 9 sessions missed): in "
                "legal usage the 以上 of “缺勤三分之一以上” includes the number itself. Off: only "
                "more than one third crosses."
            ),
            help_zh=(
                "开启：恰好三分之一即算超线（如 9 次缺 3 次）——按法律用语，“缺勤三分之一以上”"
                "的“以上”包含本数；关闭：须超过三分之一才算超线。"
            ),
        ),
        SettingSpec(
            "attendance.min_sessions",
            4,
            limits=(1, 50),
            help_en=(
                "No member is at risk or over the line until they have been expected at this "
                "many sessions: one or two sessions say nothing of a member's attendance. "
                "Before that the member shows the count and “fewer than N sessions, not "
                "judged yet”. 1: judged from the first session."
            ),
            help_zh=(
                "成员应到满这么多次活动后才判定是否临界、超线：一两次活动看不出出勤情况。"
                "未满时只显示次数和“未满 N 次，暂不判定”。填 1 即从第一次活动起判定。"
            ),
        ),
        SettingSpec(
            "attendance.window",
            "cycle",
            choices=("cycle", "school_year"),
            help_en="Which sessions count: the whole build cycle to date (cycle) or this school year (school_year).",
            help_zh="统计范围：建设周期至今（cycle）或本学年（school_year）。",
        ),
    )
}


def spec_for(key: str) -> SettingSpec:
    spec = SETTINGS.get(key)
    if spec is None:
        raise ValidationError.single("key", "unknown_setting", value=key)
    return spec
