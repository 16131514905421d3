"""The studio: creating it, its preset with overrides, its settings."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction

import pytest
from sqlalchemy import func, select

from desktop_app.domain.problems import ValidationError
from desktop_app.domain.school_year import SchoolYear
from desktop_app.services.app import AppServices
from desktop_app.services.studio import StudioInput, default_cycle, parse_cycle
from desktop_app.store.models import AuditEntry, PresetOverride, Studio
from tests.conftest import BOTH

# Each test on SQLite and on PostgreSQL (tests/conftest.py)
BACKENDS = BOTH


def studio_input(**changes) -> StudioInput:
    values = dict(
        name="陈静名班主任工作室",
        level="校级",
        studio_type="工作室",
        preset_id="jiangyin",
        cycle_start=2024,
        cycle_end=2027,
        host_school="江苏省江阴中等专业学校",
        district="江阴市",
    )
    values.update(changes)
    return StudioInput(**values)


def fields_of(error: ValidationError) -> set[str]:
    return {p.field for p in error.problems}


def test_create_and_get(empty_services):
    assert not empty_services.studio.exists()
    with pytest.raises(LookupError):
        empty_services.studio.get()
    info = empty_services.studio.create(studio_input(name=" 陈 静名班主任工作室 ", level="区"))
    assert empty_services.studio.exists()
    assert empty_services.studio.get() == info
    assert info.name == "陈静名班主任工作室"
    assert (info.level, info.studio_type, info.preset_id) == ("district", "studio", "jiangyin")
    assert info.cycle.label == "2024-2027"
    assert info.cycle.school_years == [SchoolYear(2024), SchoolYear(2025), SchoolYear(2026)]
    assert (info.host_school, info.district, info.is_demo) == (
        "江苏省江阴中等专业学校",
        "江阴市",
        False,
    )


def test_create_is_audited(empty_services):
    empty_services.studio.create(studio_input())
    with empty_services.db.reading() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.table_name == "studio"))
    assert entry.action == "insert"
    assert json.loads(entry.changes_json)["name"] == [None, "陈静名班主任工作室"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"preset_id": "nowhere"}, "preset"),
        ({"cycle_start": 2027, "cycle_end": 2024}, "cycle"),
        ({"cycle_start": 2024, "cycle_end": 2024}, "cycle"),
        ({"name": "   "}, "studio_name"),
        ({"name": "x" * 101}, "studio_name"),
        ({"level": "省级"}, "level"),
        ({"studio_type": "学校"}, "studio_type"),
        ({"host_school": "x" * 101}, "host_school"),
    ],
)
def test_create_refuses_bad_input(empty_services, changes, field):
    with pytest.raises(ValidationError) as caught:
        empty_services.studio.create(studio_input(**changes))
    assert fields_of(caught.value) == {field}
    assert not empty_services.studio.exists()


def test_create_reports_every_problem_at_once(empty_services):
    with pytest.raises(ValidationError) as caught:
        empty_services.studio.create(
            studio_input(name="", preset_id="x", cycle_start=2027, cycle_end=2024)
        )
    assert fields_of(caught.value) == {"studio_name", "preset", "cycle"}
    messages = [p.message for p in caught.value.problems]
    assert "未知的政策预设“x”" in messages
    assert "建设周期的结束学年应晚于开始学年（2027–2024）" in messages


def test_second_studio_refused(services):
    with pytest.raises(ValidationError):
        services.studio.create(studio_input(name="李明名班主任工作室"))
    with services.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Studio)) == 1
    assert services.studio.get().name == "陈静名班主任工作室"


def test_parse_cycle_and_default_cycle():
    assert parse_cycle("2024-2027") == (2024, 2027)
    assert parse_cycle("2024—2027") == (2024, 2027)
    with pytest.raises(ValidationError) as caught:
        parse_cycle("2027-2024")
    assert fields_of(caught.value) == {"cycle"}
    with pytest.raises(ValidationError) as caught:
        parse_cycle("三年")
    assert caught.value.problems[0].message == "“三年”不是建设周期（如 2024-2027）"
    assert default_cycle(dt.date(2026, 11, 21)) == (2026, 2029)
    assert default_cycle(dt.date(2026, 8, 31), 2) == (2025, 2027)


def test_overrides_round_trip(services):
    services.studio.set_override("member_cap", 10, "学校名额")
    services.studio.set_override("hosts", [1, 2], "可设副主持人")
    services.studio.set_override("attendance_line", "1/4", "更严格")
    preset = services.studio.effective_preset()
    cap = preset.rule("member_cap")
    assert (cap.value, cap.preset_value, cap.overridden, cap.override_reason) == (
        10,
        None,
        True,
        "学校名额",
    )
    hosts = preset.rule("hosts")
    assert (hosts.value, hosts.preset_value) == ((1, 2), (1, 1))
    assert hosts.source is not None
    assert preset.value("attendance_line") == Fraction(1, 4)
    assert services.studio.overrides()["member_cap"] == (10, "学校名额")


def test_override_replaced_then_cleared(services):
    services.studio.set_override("member_cap", 10, "一")
    services.studio.set_override("member_cap", 9, "二")
    with services.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(PresetOverride)) == 1
    assert services.studio.overrides() == {"member_cap": (9, "二")}
    services.studio.clear_override("member_cap")
    assert services.studio.overrides() == {}
    assert services.studio.effective_preset().rule("member_cap") is None
    with services.db.reading() as session:
        actions = list(
            session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.table_name == "preset_override")
                .order_by(AuditEntry.id)
            )
        )
    assert actions == ["insert", "update", "delete"]


def test_bad_overrides_refused(services):
    with pytest.raises(ValidationError) as caught:
        services.studio.set_override("no_such_rule", 1, "")
    assert fields_of(caught.value) == {"key"}
    with pytest.raises(ValidationError) as caught:
        services.studio.set_override("member_cap", -3, "")
    assert fields_of(caught.value) == {"value"}
    assert services.studio.overrides() == {}


def test_settings(services, tmp_path, database_at):
    key = "export.mask_personal_data"
    assert services.studio.setting(key) is True
    assert services.studio.set_setting(key, "false") is False
    assert services.studio.setting(key) is False
    assert services.studio.set_setting(key, "是") is True
    services.studio.set_setting(key, "off")
    with pytest.raises(ValidationError) as caught:
        services.studio.setting("no.such")
    assert fields_of(caught.value) == {"key"}
    with pytest.raises(ValidationError) as caught:
        services.studio.set_setting(key, "maybe")
    assert fields_of(caught.value) == {"value"}
    assert services.studio.setting(key) is False
    services.close()
    reopened = AppServices.open(database_at("db"))
    try:
        assert reopened.studio.setting(key) is False
    finally:
        reopened.close()
