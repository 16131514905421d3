"""Growth files: goals per school year, records of every kind, evidence files."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import func, select, text

from desktop_app.domain.member_input import parse_member
from desktop_app.domain.problems import ValidationError
from desktop_app.domain.school_year import SchoolYear
from desktop_app.domain.vocab import RecordKind
from desktop_app.services.growth import RecordInput, parse_hours
from desktop_app.store.models import (
    Attachment,
    AuditEntry,
    GrowthRecord,
    GrowthRecordAttachment,
    Person,
)
from tests.conftest import BOTH

# Each test on SQLite and on PostgreSQL (tests/conftest.py)
BACKENDS = BOTH

TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def mid(services):
    return services.members.add(
        parse_member({"name": "王芳", "role": "学员", "birth_date": "1990-05-04"}, today=TODAY)
    )


def count(services, model) -> int:
    with services.db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def store_files(services) -> list[str]:
    """The evidence files the database holds (their digests)."""
    return services.db.files.all()


# --- goals ---


def test_goals_per_school_year(services, mid):
    services.growth.set_goals(mid, SchoolYear(2025), "开设一节区级公开课")
    services.growth.set_goals(mid, SchoolYear(2024), "撰写一篇德育论文")
    assert [(g.school_year.label, g.goals) for g in services.growth.goals(mid)] == [
        ("2024-2025", "撰写一篇德育论文"),
        ("2025-2026", "开设一节区级公开课"),
    ]
    services.growth.set_goals(mid, SchoolYear(2025), "开设一节市级公开课")
    assert services.growth.goals(mid)[1].goals == "开设一节市级公开课"
    assert len(services.growth.goals(mid)) == 2
    last = services.members.history(mid)[-1]
    assert (last.table, last.action) == ("development_goal", "update")
    assert last.changes == {"goals": ["开设一节区级公开课", "开设一节市级公开课"]}


def test_empty_goals_refused(services, mid):
    with pytest.raises(ValidationError) as caught:
        services.growth.set_goals(mid, SchoolYear(2025), "  ")
    assert caught.value.problems[0].field == "goals"
    with pytest.raises(LookupError):
        services.growth.set_goals(999, SchoolYear(2025), "x")


# --- records ---


def test_records_of_every_kind(services, mid):
    for i, kind in enumerate(RecordKind):
        hours = "2" if kind is RecordKind.TRAINING else None
        services.growth.add_record(
            mid, RecordInput(kind.zh, dt.date(2025, 10, 1 + i), f"记录{i}", "区级", None, hours)
        )
    records = services.growth.records(mid)
    assert {r.kind for r in records} == {k.code for k in RecordKind}
    assert [r.date for r in records] == sorted((r.date for r in records), reverse=True)
    assert {r.level for r in records} == {"district"}
    assert {r.school_year for r in records} == {SchoolYear(2025)}
    assert len(services.growth.all_records()) == len(RecordKind)


def test_record_words_and_school_year(services, mid):
    rid = services.growth.add_record(
        mid, RecordInput("课题", "2025/8/31", "班级文化育人研究", "市", "参与；结题")
    )
    [record] = services.growth.records(mid)
    assert record.id == rid
    assert (record.kind, record.level, record.detail) == ("research", "city", "参与；结题")
    assert record.school_year == SchoolYear(2024)
    assert record.person_id == services.members.get(mid).person_id


def test_training_needs_hours(services, mid):
    for hours in (None, "", "0"):
        with pytest.raises(ValidationError) as caught:
            services.growth.add_record(
                mid, RecordInput("培训", "2025-10-01", "校本培训", None, None, hours)
            )
        assert [p.field for p in caught.value.problems] == ["hours"]
    assert count(services, GrowthRecord) == 0


@pytest.mark.parametrize(
    ("hours", "tenths"), [("1.5", 15), ("2", 20), (1.5, 15), (24, 240), ("0.5", 5), (" 3.0 ", 30)]
)
def test_hours_are_exact_tenths(services, mid, hours, tenths):
    services.growth.add_record(
        mid, RecordInput("training", "2025-10-01", "培训", None, None, hours)
    )
    assert services.growth.records(mid)[0].hours_tenths == tenths


@pytest.mark.parametrize("hours", ["1.55", "-1", "abc", ".5", "1,5", "1e1", "½", "²"])
def test_bad_hours_refused(hours):
    with pytest.raises(ValidationError) as caught:
        parse_hours(hours)
    assert caught.value.problems[0].field == "hours"


def test_future_date_refused_today_accepted(services, mid):
    with pytest.raises(ValidationError) as caught:
        services.growth.add_record(mid, RecordInput("论文", TODAY + dt.timedelta(days=1), "论文"))
    assert caught.value.problems[0].message == "日期：2026-11-22 晚于今天"
    services.growth.add_record(mid, RecordInput("论文", TODAY, "论文"))
    assert count(services, GrowthRecord) == 1


def test_a_record_needs_kind_date_and_title(services, mid):
    with pytest.raises(ValidationError) as caught:
        services.growth.add_record(mid, RecordInput("", "", ""))
    assert sorted(p.field for p in caught.value.problems) == ["date", "kind", "record_title"]
    with pytest.raises(ValidationError) as caught:
        services.growth.add_record(mid, RecordInput("演讲", "2025-02-30", "x", "乡级"))
    assert sorted(p.field for p in caught.value.problems) == ["date", "kind", "record_level"]
    with pytest.raises(LookupError):
        services.growth.add_record(999, RecordInput("论文", "2025-10-01", "x"))


def test_update_record_is_audited(services, mid):
    rid = services.growth.add_record(mid, RecordInput("论文", "2025-10-01", "初稿"))
    services.growth.update_record(rid, RecordInput("论文", "2025-10-01", "定稿", "省级"))
    [record] = services.growth.records(mid)
    assert (record.title, record.level) == ("定稿", "province")
    last = services.members.history(mid)[-1]
    assert last.changes == {"title": ["初稿", "定稿"], "level": [None, "province"]}
    with pytest.raises(LookupError):
        services.growth.update_record(999, RecordInput("论文", "2025-10-01", "x"))


# --- evidence files ---


def test_same_bytes_twice_are_stored_once(services, mid, tmp_path):
    data = b"\x89PNG fake certificate scan"
    first, second = tmp_path / "证书正面.png", tmp_path / "copy.png"
    first.write_bytes(data)
    second.write_bytes(data)
    services.growth.add_record(
        mid, RecordInput("荣誉", "2025-10-01", "优秀班主任"), [first, second]
    )
    [record] = services.growth.records(mid)
    sha = hashlib.sha256(data).hexdigest()
    assert [(a.original_name, a.sha256, a.size) for a in record.attachments] == [
        ("证书正面.png", sha, len(data)),
        ("copy.png", sha, len(data)),
    ]
    assert count(services, Attachment) == 2
    assert count(services, GrowthRecordAttachment) == 2
    assert store_files(services) == [sha]
    assert b"".join(services.db.files.stream(sha)) == data
    assert services.db.files.verify(sha)
    # a second record with the same photo: still one file in the database
    services.growth.add_record(mid, RecordInput("荣誉", "2025-10-02", "又一次"), [first])
    assert len(store_files(services)) == 1


def test_stored_files_are_verified_from_their_chunks(services, mid, tmp_path):
    source = tmp_path / "论文.txt"
    source.write_text("浅谈班级文化建设", encoding="utf-8")
    services.growth.add_record(mid, RecordInput("论文", "2025-10-01", "浅谈"), [source])
    [attachment] = services.growth.records(mid)[0].attachments
    assert services.db.files.verify(attachment.sha256)
    # damage it behind the program's back: verification notices
    with services.db.engine.begin() as connection:
        connection.execute(
            text("UPDATE evidence_chunk SET data = :d WHERE sha256 = :s"),
            {"d": b"changed", "s": attachment.sha256},
        )
    assert not services.db.files.verify(attachment.sha256)
    assert not services.db.files.verify("0" * 64)


def test_the_original_is_not_touched_and_a_viewer_copy_keeps_its_name(services, mid, tmp_path):
    source = tmp_path / "公开课照片.png"
    source.write_bytes(b"photo")
    services.growth.add_record(mid, RecordInput("公开课", "2025-10-01", "班会课"), [source])
    source.write_bytes(b"edited later")  # the store holds its own copy
    [attachment] = services.growth.records(mid)[0].attachments
    copy = services.growth.attachment_path(attachment)
    assert copy.name == "公开课照片.png"
    assert copy.read_bytes() == b"photo"


def test_missing_file_refused_with_nothing_written(services, mid, tmp_path):
    present = tmp_path / "present.png"
    present.write_bytes(b"here")
    audit_before = count(services, AuditEntry)
    with pytest.raises(ValidationError) as caught:
        services.growth.add_record(
            mid, RecordInput("荣誉", "2025-10-01", "x"), [present, tmp_path / "gone.png"]
        )
    assert caught.value.problems[0].field == "file"
    assert "gone.png" in caught.value.problems[0].message
    assert count(services, GrowthRecord) == 0
    assert count(services, Attachment) == 0
    assert count(services, AuditEntry) == audit_before
    assert store_files(services) == []


def test_attach_adds_files_to_a_record(services, mid, tmp_path):
    rid = services.growth.add_record(mid, RecordInput("论文", "2025-10-01", "x"))
    extra = tmp_path / "录用通知.txt"
    extra.write_text("录用", encoding="utf-8")
    services.growth.attach(rid, [extra])
    assert [a.original_name for a in services.growth.records(mid)[0].attachments] == [
        "录用通知.txt"
    ]
    with pytest.raises(LookupError):
        services.growth.attach(999, [extra])


# --- transactions ---


def test_a_failing_transaction_writes_no_audit_rows(services, mid):
    person_id = services.members.get(mid).person_id
    audit_before = count(services, AuditEntry)
    with pytest.raises(RuntimeError, match="power cut"):
        with services.db.unit_of_work() as session:
            session.get(Person, person_id).name = "改名"
            session.flush()  # the change and its audit row are written in the transaction …
            with session.no_autoflush:
                written = session.scalar(
                    select(func.count())
                    .select_from(AuditEntry)
                    .where(AuditEntry.changes_json.contains("改名"))
                )
            assert written == 1
            raise RuntimeError("power cut")  # … and rolled back together
    assert services.members.get(mid).name == "王芳"
    assert count(services, AuditEntry) == audit_before
    with services.db.reading() as session:
        assert not session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.changes_json.contains("改名"))
        )
