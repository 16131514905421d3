"""What a unit of work changed (store/changes.py, Database.on_committed): the subjects of
the tables it wrote, told once after its commit; nothing for a reading or a rolled-back
one. And every table has its subject, so a new table cannot be left out."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from desktop_app.domain import changes as subjects
from desktop_app.domain.member_input import parse_member
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.school_year import SchoolYear
from desktop_app.services.activities import ActivityInput
from desktop_app.services.attendance import MarkInput
from desktop_app.store import models
from desktop_app.store.changes import SUBJECT_OF_TABLE
from desktop_app.store.models import Base, LedgerCategory, Person, StudioSetting


@pytest.fixture
def told(services):
    seen: list[frozenset[str]] = []
    services.db.on_committed(seen.append)
    return seen


def add_member(services, name: str) -> int:
    return services.members.add(
        parse_member({"name": name, "role": "成员", "joined_on": "2024-09-01"})
    )


# --- the store ---


def test_a_unit_of_work_that_writes_a_table_yields_its_subject(services, told):
    with services.db.unit_of_work() as session:
        session.add(LedgerCategory(studio_id=services.studio.get().id, name="测试类别"))
    assert told == [frozenset({subjects.LEDGER})]


def test_a_change_and_a_delete_yield_their_tables_subjects(services, told):
    studio_id = services.studio.get().id
    with services.db.unit_of_work() as session:
        session.add(StudioSetting(studio_id=studio_id, key="x.test", value_json="1"))
    with services.db.unit_of_work() as session:
        session.get(StudioSetting, (studio_id, "x.test")).value_json = "2"
    with services.db.unit_of_work() as session:
        session.delete(session.get(StudioSetting, (studio_id, "x.test")))
    assert told == [frozenset({subjects.SETTINGS})] * 3


def test_a_bulk_statement_yields_its_tables_subject(services, told):
    add_member(services, "王芳")
    told.clear()
    with services.db.unit_of_work() as session:
        session.execute(update(Person).values(phone="13800000000"))
    assert told == [frozenset({subjects.MEMBERS})]


def test_a_unit_of_work_that_only_reads_yields_nothing(services, told):
    add_member(services, "王芳")
    told.clear()
    with services.db.unit_of_work() as session:
        session.scalars(select(Person)).all()
    with services.db.reading() as session:
        session.scalars(select(Person)).all()
    services.members.roster()
    services.attendance.flags()
    assert told == []


def test_a_setting_written_with_its_value_unchanged_yields_nothing(services, told):
    studio_id = services.studio.get().id
    with services.db.unit_of_work() as session:
        session.add(StudioSetting(studio_id=studio_id, key="x.test", value_json="1"))
    told.clear()
    with services.db.unit_of_work() as session:
        session.get(StudioSetting, (studio_id, "x.test")).value_json = "1"
    assert told == []


def test_a_rolled_back_unit_of_work_yields_nothing(services, told):
    with pytest.raises(RuntimeError), services.db.unit_of_work() as session:
        session.add(LedgerCategory(studio_id=services.studio.get().id, name="测试类别"))
        session.flush()
        raise RuntimeError("changed my mind")
    with pytest.raises(ValidationError):
        services.ledger.add_category("")  # refused before anything is written
    assert told == []
    assert "测试类别" not in services.ledger.categories()  # nothing kept


def test_what_the_commit_hooks_write_is_among_the_changes(services, told):
    """Marks saved: the flags kept in step before the commit (AttendanceFlagEvent)."""
    member = add_member(services, "王芳")
    activity = services.activities.create(
        ActivityInput(date="2026-11-02", kind="study", topic="读书分享会")
    )
    told.clear()
    services.attendance.save_marks(activity, [MarkInput(member, "absent")])
    assert told == [frozenset({subjects.ATTENDANCE})]


def test_a_use_case_tells_what_it_changed_once(services, told):
    member = add_member(services, "王芳")
    assert told == [frozenset({subjects.MEMBERS})]
    told.clear()
    services.growth.set_goals(member, SchoolYear.of(services.today()), "读书")
    assert told == [frozenset({subjects.GROWTH})]


def test_an_observer_stops_when_told_to(services):
    seen: list[frozenset[str]] = []
    stop = services.db.on_committed(seen.append)
    add_member(services, "王芳")
    stop()
    add_member(services, "李明")
    assert seen == [frozenset({subjects.MEMBERS})]


# --- the mapping: every table, once ---


def test_every_models_table_has_its_entry():
    tables = set(Base.metadata.tables)
    assert tables - set(SUBJECT_OF_TABLE) == set(), "a table with no subject: add it"
    assert set(SUBJECT_OF_TABLE) - tables == set(), "a subject for a table that is gone"


def test_every_mapped_table_names_a_known_subject():
    assert {s for s in SUBJECT_OF_TABLE.values() if s is not None} <= subjects.SUBJECTS
    # no subject of their own: a file (its link row names it), the audit history, and
    # what is kept for the records (evidence bytes, the signing key, the document cache)
    silent = {t for t, s in SUBJECT_OF_TABLE.items() if s is None}
    assert silent == {
        models.Attachment.__tablename__,
        models.AuditEntry.__tablename__,
        *models.NOT_RECORDS,
        models.ChangeCounter.__tablename__,  # the count and log of the changes themselves
        models.ChangeLogEntry.__tablename__,
    }


def test_every_subject_is_some_tables():
    assert set(SUBJECT_OF_TABLE.values()) - {None} == subjects.SUBJECTS
