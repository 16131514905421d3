"""Per-studio settings: the keys, their defaults and what they accept.

Stored in the studio's database; read and written by Settings and ``studiodesk config``.
Later capabilities add their keys here.
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
    choices: tuple[str, ...] = ()  # for text settings; empty means boolean
    help_en: str = ""
    help_zh: str = ""

    @property
    def is_bool(self) -> bool:
        return isinstance(self.default, bool)

    def parse(self, raw: Any) -> Any:
        if self.is_bool:
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
    )
}


def spec_for(key: str) -> SettingSpec:
    spec = SETTINGS.get(key)
    if spec is None:
        raise ValidationError.single("key", "unknown_setting", value=key)
    return spec
