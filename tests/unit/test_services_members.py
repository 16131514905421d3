"""The studio's people: add, update, the lifecycle, leaving, replacing, history."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from desktop_app.domain.member_input import MemberData, parse_member
from desktop_app.domain.problems import ValidationError
from desktop_app.store.audit import current_user
from desktop_app.store.models import Membership, Person
from tests.conftest import BOTH

# Each test on SQLite and on PostgreSQL (tests/conftest.py)
BACKENDS = BOTH

TODAY = dt.date(2026, 11, 21)


def member(name: str, role: str = "成员", **fields) -> MemberData:
    raw = {
        "name": name,
        "role": role,
        "gender": "女",
        "birth_date": "1990-05-04",
        "school": "江阴中专信息技术系",
        "rural": "否",
        "title": "中级",
        "head_teacher_since": "2015",
        "joined_on": "2024-09-01",
    }
    raw.update(fields)
    return parse_member({k: v for k, v in raw.items() if v is not None}, today=TODAY)


def row(services, membership_id):
    [found] = [r for r in services.members.roster() if r.membership_id == membership_id]
    return found


def count(services, model) -> int:
    with services.db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_add_puts_a_person_on_the_roster(services):
    mid = services.members.add(member("王 芳", phone="13800138000"))
    r = services.members.get(mid)
    assert (r.name, r.role, r.stage, r.status) == ("王芳", "member", "confirmed", "confirmed")
    assert (r.school, r.rural, r.title, r.head_teacher_since) == (
        "江阴中专信息技术系",
        False,
        "intermediate",
        2015,
    )
    assert r.phone == "13800138000"
    assert r.masked().phone == "138****8000"
    assert r.is_current
    assert [(s.stage, s.on) for s in services.members.stage_steps(mid)] == [("confirmed", TODAY)]


def test_add_and_update_are_in_the_history(services):
    mid = services.members.add(member("王芳"))
    services.members.update(mid, dataclasses.replace(member("王芳"), school="江阴中专基础部"))
    history = services.members.history(mid)
    assert [(h.action, h.table) for h in history] == [
        ("insert", "person"),
        ("insert", "membership"),
        ("update", "person"),
    ]
    insert_person = history[0]
    assert insert_person.changes["name"] == [None, "王芳"]
    assert insert_person.changes["birth_date"] == [None, "1990-05-04"]
    update = history[-1]
    assert update.user == current_user() and update.user
    assert update.changes == {"school": ["江阴中专信息技术系", "江阴中专基础部"]}
    assert isinstance(update.at, dt.datetime)


def test_update_without_change_writes_no_history(services):
    mid = services.members.add(member("王芳"))
    before = len(services.members.history(mid))
    services.members.update(mid, member("王芳"))
    assert len(services.members.history(mid)) == before


def test_duplicate_person_refused(services):
    services.members.add(member("王芳"))
    with pytest.raises(ValidationError) as caught:
        services.members.add(member("王芳", role="核心成员"))
    assert caught.value.problems[0].field == "name"
    assert caught.value.problems[0].message == "王芳 已在名册中（姓名与出生日期相同）"
    with pytest.raises(ValidationError):  # one birth date unknown: could be the same person
        services.members.add(member("王芳", birth_date=None))
    services.members.add(member("王芳", birth_date="1992-01-01"))  # a namesake
    assert count(services, Person) == 2


def test_update_into_a_duplicate_refused(services):
    services.members.add(member("王芳"))
    other = services.members.add(member("李娜"))
    with pytest.raises(ValidationError):
        services.members.update(other, member("王芳"))
    assert services.members.get(other).name == "李娜"


def test_leaving_keeps_the_member_in_history(services):
    mid = services.members.add(member("王芳"))
    stay = services.members.add(member("李娜"))
    services.members.end(mid, "2026/2/20", "工作调动（调入华士实验中学）")
    r = row(services, mid)
    assert r.status == "left"
    assert (r.left_on, r.leave_reason) == (dt.date(2026, 2, 20), "工作调动（调入华士实验中学）")
    assert not r.is_current
    assert [x.membership_id for x in services.members.roster(include_left=True)] == [stay, mid]
    assert [x.membership_id for x in services.members.roster(include_left=False)] == [stay]
    assert services.members.history(mid)[-1].changes == {
        "leave_reason": [None, "工作调动（调入华士实验中学）"],
        "left_on": [None, "2026-02-20"],
    }
    assert count(services, Membership) == 2


def test_leaving_needs_a_date_and_a_reason(services):
    mid = services.members.add(member("王芳"))
    with pytest.raises(ValidationError) as caught:
        services.members.end(mid, "", "  ")
    assert {p.field for p in caught.value.problems} == {"left_on", "leave_reason"}
    with pytest.raises(ValidationError) as caught:
        services.members.end(mid, "2024-08-01", "工作调动")
    assert caught.value.problems[0].message == "退出日期 2024-08-01 早于加入日期 2024-09-01"
    with pytest.raises(ValidationError):
        services.members.end(mid, "2025-02-30", "工作调动")
    with pytest.raises(LookupError):
        services.members.end(999, "2025-03-01", "工作调动")
    assert services.members.get(mid).is_current


def test_rejoining_reuses_the_person(services):
    first = services.members.add(member("王芳"))
    services.members.end(first, "2025-06-30", "缺勤超三分之一")
    again = services.members.add(member("王芳", joined_on="2026-09-01"))
    assert again != first
    rows = services.members.roster()
    assert {r.membership_id for r in rows} == {first, again}
    assert len({r.person_id for r in rows}) == 1
    assert count(services, Person) == 1
    # the history of either spell shows both
    assert {h.record_id for h in services.members.history(again) if h.table == "membership"} == {
        str(first),
        str(again),
    }


def test_replacement_is_linked(services):
    old = services.members.add(member("王芳"))
    services.members.end(old, "2026-02-20", "工作调动")
    new = services.members.add(member("李娜", joined_on="2026-03-01"), replaces_id=old)
    assert services.members.get(new).replaces_name == "王芳"
    assert services.members.get(new).replaces_id == old
    assert row(services, old).replaced_by_name == "李娜"
    # the left member need not be in the current roster for the name to show
    [current] = services.members.roster(include_left=False)
    assert current.replaces_name == "王芳"


def test_replacing_nobody_refused(services):
    with pytest.raises(ValidationError) as caught:
        services.members.add(member("李娜"), replaces_id=999)
    assert caught.value.problems[0].field == "replaces"
    assert count(services, Person) == 0


def test_stage_changes_append_steps(services):
    mid = services.members.add(member("王芳", stage="个人申报"))
    services.members.set_stage(mid, "recommended", on=dt.date(2026, 9, 10))
    services.members.set_stage(mid, "recommended", on=dt.date(2026, 9, 12))  # no change
    services.members.update(mid, member("王芳", stage="组织遴选"))
    steps = [(s.stage, s.on) for s in services.members.stage_steps(mid)]
    assert steps == [
        ("recommended", dt.date(2026, 9, 10)),
        ("applied", TODAY),
        ("selected", TODAY),
    ]
    assert services.members.get(mid).stage == "selected"
    with pytest.raises(ValueError):
        services.members.set_stage(mid, "promoted")


def test_masked_phone_on_update_keeps_the_stored_number(services):
    mid = services.members.add(member("王芳", phone="13800138000", id_number="320281199005041234"))
    services.members.update(
        mid,
        member("王芳", phone="138****8000", id_number="3202**********1234", school="基础部"),
    )
    r = services.members.get(mid)
    assert (r.phone, r.id_number, r.school) == ("13800138000", "320281199005041234", "基础部")
    with pytest.raises(ValidationError) as caught:
        services.members.update(mid, member("王芳", phone="139****0000"))
    assert caught.value.problems[0].field == "phone"
    with pytest.raises(ValidationError) as caught:
        services.members.update(mid, member("王芳", id_number="3205**********9999"))
    assert caught.value.problems[0].field == "id_number"
    assert services.members.get(mid).phone == "13800138000"


def test_masked_values_cannot_start_a_record(services):
    with pytest.raises(ValidationError) as caught:
        services.members.add(member("王芳", phone="138****8000"))
    assert caught.value.problems[0].message == (
        "联系电话：“138****8000”是打码后的值，请填写完整号码或留空"
    )
    assert count(services, Person) == 0


def test_roster_rows_carry_their_warnings(services):
    host = services.members.add(member("陈静", role="主持人", title="初级"))
    mid = services.members.add(member("王芳", agreement_signed_on="2024-08-20"))
    assert services.members.get(host).warnings == (
        "主持人职称为初级，低于要求的中级",
        "主持人成长档案中没有所带班级获江阴市级及以上“先进班集体”或“优秀团支部”荣誉的记录",
    )
    assert services.members.get(mid).warnings == ()
    assert [w.rule for w in services.members.warnings()] == [
        "host_title_min",
        "host_class_honour",
        "annual_plan_before_year",  # the studio's, naming nobody
    ]


def test_left_members_are_not_checked(services):
    services.members.add(member("陈静", role="主持人"))
    second = services.members.add(member("李明", role="主持人", birth_date="1980-01-01"))
    assert [w.people for w in services.members.warnings() if w.rule == "hosts"] == [
        ("陈静", "李明")
    ]
    services.members.end(second, "2026-01-01", "退休")
    assert all("李明" not in w.people for w in services.members.warnings())
    assert [w.rule for w in services.members.warnings() if w.rule == "hosts"] == []


def test_adding_needs_a_studio(empty_services):
    with pytest.raises(LookupError):
        empty_services.members.add(member("王芳"))


def test_age_is_measured_on_the_selection_day_of_the_stage_history(empty_services):
    """武进: "40周岁以下" at selection. A member exactly 40 on the day of 组织遴选 who is 41
    today stays eligible; before being selected, today counts."""
    from tests.conftest import jiangyin_studio

    empty_services.studio.create(jiangyin_studio(preset_id="wujin"))
    m = empty_services.members
    mid = m.add(member("孙丽", birth_date="1985-11-01", stage="申报", joined_on=None))

    def ages():
        return [w.message for w in m.warnings() if w.rule == "age_under"]

    assert ages() == ["成员 41 周岁（截至 2026-11-21，尚未遴选），超过“40 周岁以下”"]
    m.set_stage(mid, "selected", on=dt.date(2025, 11, 1))  # her 40th birthday
    assert ages() == []
    assert row(empty_services, mid).chosen_on == dt.date(2025, 11, 1)
