"""The policy presets shipped in resources/presets, loaded once."""

from __future__ import annotations

from functools import cache

from desktop_app.domain.presets import Preset, load_presets
from desktop_app.paths import resource


@cache
def all_presets() -> dict[str, Preset]:
    return load_presets(resource("presets"))


def get_preset(preset_id: str) -> Preset | None:
    return all_presets().get(preset_id)
