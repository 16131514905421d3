"""A database of every released schema version, opened by the program, keeps every row.

tests/fixtures/schema/schema_<R>.sqlite3 is a database as the release with schema R wrote
it (made once by tests/fixtures/schema/make_fixtures.py, then frozen: see its README). Each
test copies one into tmp_path, puts the files its attachment rows name into the copy's
store, and opens the copy with ``AppServices.open`` — what the GUI and the CLI do on start:
header and quick check, a checked backup of the old database, the upgrade to head. Then:

* the schema is at head, ``integrity_check`` is ok and ``foreign_key_check`` is empty;
* every row of every table (but alembic_version) that was there before is there after,
  found by its primary key, with the same value (and the same SQLite storage class) in
  every column that existed before; no row appeared that no migration puts there;
* the backup made before the upgrade holds the old database exactly, with its files;
* the program reads the upgraded data (roster, growth files, activities, ledger, plans,
  assessments, settings) with the fixture's values, and can write to it.

The expected rows are read from the fixture itself, before it is opened.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import importlib.util
import json
import shutil
import sqlite3
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from desktop_app.domain.school_year import SchoolYear
from desktop_app.paths import files_dir_for
from desktop_app.services.app import AppServices
from desktop_app.services.backup import BackupService
from desktop_app.store import backup as backup_store
from desktop_app.store.migrate import alembic_config, current_revision, head_revision

FIXTURES_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "schema"
GENERATOR = FIXTURES_DIR / "make_fixtures.py"
FIXTURES = sorted(FIXTURES_DIR.glob("schema_*.sqlite3"))
TODAY = dt.date(2026, 11, 21)

# What migrations do to existing data ON PURPOSE. So far nothing: 0002, 0003 and 0004 only
# create new tables (and their indexes); no migration converts, moves, drops or seeds rows.
# A migration that does must be described here, or this test fails for it:
#   TRANSFORMED[(table, column)] = function(old row as {column: value}) -> the new value
#   DROPPED_COLUMNS: {(table, column)}; DROPPED_TABLES: {table}
#   SEEDED_TABLES: tables into which a migration inserts rows of its own (only there may
#   rows appear that were not in the fixture)
TRANSFORMED: dict[tuple[str, str], Callable[[dict[str, object]], object]] = {}
DROPPED_COLUMNS: set[tuple[str, str]] = set()
DROPPED_TABLES: set[str] = set()
SEEDED_TABLES: set[str] = set()


def _generator():
    spec = importlib.util.spec_from_file_location("studiodesk_make_fixtures", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _revision_of(fixture: Path) -> str:
    return fixture.stem.removeprefix("schema_")


def _known_revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


# ---------------------------------------------------------------------------- reading


@dataclass
class Table:
    columns: tuple[str, ...]
    key: tuple[str, ...]  # the primary key's columns (rowid where there is none)
    rows: list[dict[str, tuple[str, object]]]  # column -> (storage class, value)

    def values(self) -> list[dict[str, object]]:
        return [{c: v for c, (_, v) in row.items()} for row in self.rows]


def dump(path: Path) -> dict[str, Table]:
    """Every table and row of the database at ``path``, read without writing to it."""
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        tables: dict[str, Table] = {}
        names = connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        ).fetchall()
        for (name,) in names:
            info = connection.execute(f'PRAGMA table_info("{name}")').fetchall()
            columns = tuple(r[1] for r in info)
            key = tuple(r[1] for r in sorted((r for r in info if r[5]), key=lambda r: r[5]))
            select = ", ".join(f'typeof("{c}"), "{c}"' for c in columns)
            rows = []
            for raw in connection.execute(f'SELECT {select} FROM "{name}" ORDER BY rowid'):
                rows.append({c: (raw[2 * i], raw[2 * i + 1]) for i, c in enumerate(columns)})
            if not key:
                key = ("rowid",)
                ids = connection.execute(f'SELECT rowid FROM "{name}" ORDER BY rowid')
                for row, (rowid,) in zip(rows, ids, strict=True):
                    row["rowid"] = ("integer", rowid)
            tables[name] = Table(columns, key, rows)
        return tables
    finally:
        connection.close()


def _pragma(path: Path, pragma: str) -> list[tuple]:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(f"PRAGMA {pragma}").fetchall()
    finally:
        connection.close()


def _label(table: str, columns: tuple[str, ...], key: tuple) -> str:
    """ledger_entry[id=2]"""
    return f"{table}[{', '.join(f'{c}={v!r}' for c, (_, v) in zip(columns, key, strict=True))}]"


def lost_or_changed(before: dict[str, Table], after: dict[str, Table]) -> list[str]:
    """Every way in which ``after`` does not keep the rows of ``before`` (in words)."""
    problems: list[str] = []
    for name, old in before.items():
        if name == "alembic_version" or name in DROPPED_TABLES:
            continue
        new = after.get(name)
        if new is None:
            problems.append(f"table {name} is gone ({len(old.rows)} rows)")
            continue
        kept = [c for c in old.columns if (name, c) not in DROPPED_COLUMNS]
        gone = [c for c in kept if c not in new.columns]
        if gone:
            problems.append(f"{name}: column(s) {', '.join(gone)} gone")
        missing_key = [c for c in old.key if c not in new.columns and c != "rowid"]
        if missing_key:
            problems.append(f"{name}: primary key column(s) {', '.join(missing_key)} gone")
            continue
        index = {tuple(row.get(c) for c in old.key): row for row in new.rows}
        for row in old.rows:
            key = tuple(row[c] for c in old.key)
            label = _label(name, old.key, key)
            found = index.pop(key, None)
            if found is None:
                problems.append(f"{label}: row gone")
                continue
            plain = {c: v for c, (_, v) in row.items()}
            for column in kept:
                if column not in found:
                    continue  # told above
                expected = row[column]
                transform = TRANSFORMED.get((name, column))
                if transform is not None:  # the value is checked, its storage class not
                    value = transform(plain)
                    expected = (found[column][0] if value is not None else "null", value)
                if found[column] != expected:
                    problems.append(
                        f"{label}.{column}: {expected[1]!r} ({expected[0]}) became "
                        f"{found[column][1]!r} ({found[column][0]})"
                    )
        if index and name not in SEEDED_TABLES:
            problems.append(f"{name}: {len(index)} row(s) appeared that were not there before")
    for name, new in after.items():
        if name not in before and new.rows and name not in SEEDED_TABLES:
            problems.append(f"new table {name} came with {len(new.rows)} row(s)")
    return problems


# ---------------------------------------------------------------------------- a copy


def _copy(fixture: Path, tmp_path: Path) -> tuple[Path, dict[str, Table]]:
    """The fixture copied to tmp_path with the files its attachments name in its store,
    as a user's database sits on disk; and its rows as they are before anything opens it."""
    db = tmp_path / "studiodesk.sqlite3"
    shutil.copyfile(fixture, db)
    before = dump(db)
    attachment_bytes = _generator().attachment_bytes
    store = files_dir_for(db)
    for row in before["attachment"].values():
        content = attachment_bytes(row["id"], row["original_name"])
        sha = hashlib.sha256(content).hexdigest()
        assert sha == row["sha256"], (
            f"{fixture.name}: attachment {row['id']} does not match attachment_bytes() of "
            "make_fixtures.py; that function must never change (the fixtures are frozen)"
        )
        target = store / sha[:2] / sha
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        target.chmod(0o444)
    return db, before


def _open(db: Path) -> AppServices:
    services = AppServices.open(db, today=lambda: TODAY)  # the program's start, at a fixed day
    if services.needs_sign_in:  # accounts on (0009 on): its host signs in, as a user would
        services.sign_in("chen", "chen-pass-1")
    return services


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


# ---------------------------------------------------------------------------- the tests


def test_every_revision_has_a_fixture():
    """A new migration without a fixture fails here: its schema would go untested once
    users' databases are written by it."""
    have = {_revision_of(f) for f in FIXTURES}
    known = _known_revisions()
    missing = [r for r in known if r not in have]
    assert not missing, (
        f"no fixture database of schema revision(s) {', '.join(missing)}: add rows for the "
        "new tables/columns to ROWS in tests/fixtures/schema/make_fixtures.py, run "
        "`.venv/bin/python tests/fixtures/schema/make_fixtures.py` (it writes only the "
        "missing fixtures) and commit "
        + ", ".join(f"tests/fixtures/schema/schema_{r}.sqlite3" for r in missing)
    )
    strangers = sorted(have - set(known))
    assert not strangers, f"fixtures of revisions no migration script knows: {strangers}"


@pytest.mark.parametrize("fixture", FIXTURES, ids=_revision_of)
def test_the_fixture_is_what_its_name_says(fixture, tmp_path):
    db = tmp_path / fixture.name
    shutil.copyfile(fixture, db)
    tables = dump(db)
    assert tables["alembic_version"].values() == [{"version_num": _revision_of(fixture)}]
    empty = [name for name, table in tables.items() if not table.rows]
    assert not empty, f"tables without rows prove nothing: {empty}"
    assert _pragma(db, "integrity_check") == [("ok",)]
    assert _pragma(db, "foreign_key_check") == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=_revision_of)
def test_opening_upgrades_to_head_keeping_every_row(fixture, tmp_path):
    db, before = _copy(fixture, tmp_path)
    revision = _revision_of(fixture)
    services = _open(db)
    try:
        assert current_revision(services.db.engine) == head_revision()
    finally:
        services.close()

    after = dump(db)
    assert after["alembic_version"].values() == [{"version_num": head_revision()}]
    assert _pragma(db, "integrity_check") == [("ok",)]
    assert _pragma(db, "foreign_key_check") == []
    problems = lost_or_changed(before, after)
    assert not problems, f"{len(problems)} row(s)/column(s) lost or changed:\n" + "\n".join(
        problems[:30]
    )
    for name, table in before.items():  # the same number of rows (told above in detail)
        if name != "alembic_version" and name not in SEEDED_TABLES | DROPPED_TABLES:
            assert len(after[name].rows) == len(table.rows), name

    # the backup made first: the old database exactly, and every stored file
    backups = BackupService(db).list()
    if revision == head_revision():
        assert backups == []  # nothing to upgrade, so no backup
        return
    [info] = backups
    assert info.kind == "before-upgrade" and info.ok and info.revision == revision
    shas = {row["sha256"] for row in before["attachment"].values()}
    assert info.files == len(shas) and info.missing == ()
    problems, _ = backup_store.check_backup(info.path)
    assert problems == []
    saved = tmp_path / "from-backup.sqlite3"
    with zipfile.ZipFile(info.path) as archive:
        saved.write_bytes(archive.read(backup_store.DB_MEMBER))
    assert dump(saved) == before


@pytest.mark.parametrize("fixture", FIXTURES, ids=_revision_of)
def test_the_program_works_on_the_upgraded_data(fixture, tmp_path):
    db, before = _copy(fixture, tmp_path)
    rows = {name: table.values() for name, table in before.items()}
    services = _open(db)
    try:
        [studio] = rows["studio"]
        info = services.studio.get()
        assert (info.id, info.name, info.preset_id) == (
            studio["id"],
            studio["name"],
            studio["preset_id"],
        )
        assert info.is_demo is bool(studio["is_demo"])
        settings = {r["key"]: json.loads(r["value_json"]) for r in rows["studio_setting"]}
        for key, value in settings.items():
            assert services.studio.setting(key) == value, key
        assert set(services.studio.overrides()) == {r["rule_key"] for r in rows["preset_override"]}
        services.studio.effective_preset()

        # the roster: every membership, left ones too, with its person
        people = {r["id"]: r for r in rows["person"]}
        roster = {r.membership_id: r for r in services.members.roster(include_left=True)}
        assert set(roster) == {m["id"] for m in rows["membership"]}
        for m in rows["membership"]:
            row, person = roster[m["id"]], people[m["person_id"]]
            assert (row.name, row.role, row.stage) == (person["name"], m["role"], m["stage"])
            assert (row.joined_on, row.left_on) == (_day(m["joined_on"]), _day(m["left_on"]))
            assert row.birth_date == _day(person["birth_date"])
            assert row.rural == (None if person["rural"] is None else bool(person["rural"]))
            assert (row.phone, row.note, row.replaces_id) == (
                person["phone"],
                person["note"],
                m["replaces_id"],
            )
            steps = [s for s in rows["membership_stage"] if s["membership_id"] == m["id"]]
            assert len(services.members.stage_steps(m["id"])) == len(steps)
            services.members.history(m["id"])  # reads the audit log
        assert {r.membership_id for r in services.members.roster(include_left=False)} == {
            m["id"] for m in rows["membership"] if m["left_on"] is None
        }

        records = {r.id: r for r in services.growth.all_records()}
        assert set(records) == {r["id"] for r in rows["growth_record"]}
        for r in rows["growth_record"]:
            record = records[r["id"]]
            assert (record.title, record.date, record.hours_tenths) == (
                r["title"],
                _day(r["date"]),
                r["hours_tenths"],
            )
            assert record.school_year == SchoolYear.of(_day(r["date"]))  # 31 Aug / 1 Sep
            linked = {
                a["attachment_id"]
                for a in rows["growth_record_attachment"]
                if a["growth_record_id"] == r["id"]
            }
            assert {a.id for a in record.attachments} == linked

        if "activity" in rows:
            activities = {a.id: a for a in services.activities.list()}
            assert set(activities) == {a["id"] for a in rows["activity"]}
            for a in rows["activity"]:
                activity = activities[a["id"]]
                assert (activity.topic, activity.date, activity.place) == (
                    a["topic"],
                    _day(a["date"]),
                    a["place"],
                )
                assert activity.school_year == SchoolYear.of(_day(a["date"]))
                assert activity.takes_attendance is bool(a["takes_attendance"])
                marks = [m for m in rows["attendance_mark"] if m["activity_id"] == a["id"]]
                assert activity.expected == len(marks)

        if "ledger_entry" in rows:
            school_years = settings.get("ledger.fiscal_year") == "school_year"
            entries = {e.id: e for e in services.ledger.entries()}
            assert set(entries) == {e["id"] for e in rows["ledger_entry"]}
            reversed_by = {e["reverses_id"]: e["id"] for e in rows["ledger_entry"]}
            for e in rows["ledger_entry"]:
                entry, day = entries[e["id"]], _day(e["date"])
                assert (entry.date, entry.direction, entry.amount_fen) == (
                    day,
                    e["direction"],
                    e["amount_fen"],
                )
                assert (entry.category, entry.purpose, entry.reverses_id) == (
                    e["category"],
                    e["purpose"],
                    e["reverses_id"],
                )
                assert entry.reversed_by_id == reversed_by.get(e["id"])
                assert entry.fiscal_year == (SchoolYear.of(day).start if school_years else day.year)
            services.ledger.summary(max(e.fiscal_year for e in entries.values()))

        if "plan" in rows:
            plans = [services.plans.build_plan(), *services.plans.annual_plans()]
            assert {p.id for p in plans if p} == {p["id"] for p in rows["plan"]}
            tasks = {t.id for p in plans if p for t in p.tasks}
            assert tasks == {t["id"] for t in rows["plan_task"]}

        if "assessment" in rows:
            headers = {h.id: h for h in services.assessments.list()}
            assert set(headers) == {a["id"] for a in rows["assessment"]}
            for a in rows["assessment"]:
                assert (headers[a["id"]].title, headers[a["id"]].status) == (
                    a["title"],
                    a["status"],
                )
                services.assessments.get(a["id"])  # a draft computes its evidence afresh

        # and it can write: a setting, with its audit row, through the usual unit of work
        audit_rows = len(rows["audit_log"])
        services.studio.set_setting("export.mask_personal_data", "true")
        assert services.studio.setting("export.mask_personal_data") is True
    finally:
        services.close()
    assert len(dump(db)["audit_log"].rows) > audit_rows


def test_the_comparison_sees_a_lost_or_changed_row():
    """The check above is not blind: a row taken away, a value or its storage class
    changed, a column dropped or a row added are each reported."""
    before = dump(FIXTURES_DIR / "schema_0004.sqlite3")  # frozen: the same rows for good
    assert lost_or_changed(before, copy.deepcopy(before)) == []

    def changed(change: Callable[[dict[str, Table]], None]) -> list[str]:
        after = copy.deepcopy(before)
        change(after)
        return lost_or_changed(before, after)

    def drop_row(tables):
        del tables["ledger_entry"].rows[1]

    def alter_value(tables):
        tables["person"].rows[0]["name"] = ("text", "陈 静")

    def alter_class(tables):  # 300000 fen stored as the text '300000'
        row = tables["ledger_entry"].rows[0]
        row["amount_fen"] = ("text", str(row["amount_fen"][1]))

    def null_value(tables):
        tables["membership"].rows[3]["left_on"] = ("null", None)

    def drop_column(tables):
        table = tables["activity"]
        table.columns = tuple(c for c in table.columns if c != "summary")
        for row in table.rows:
            del row["summary"]

    def add_row(tables):
        tables["ledger_category"].rows.append(
            {"id": ("integer", 99), "studio_id": ("integer", 1), "name": ("text", "其他")}
        )

    def drop_table(tables):
        del tables["audit_log"]

    assert changed(drop_row) == ["ledger_entry[id=2]: row gone"]
    assert changed(alter_value) == ["person[id=1].name: '陈静' (text) became '陈 静' (text)"]
    assert changed(alter_class) == [
        "ledger_entry[id=1].amount_fen: 300000 (integer) became '300000' (text)"
    ]
    assert changed(null_value) == [
        "membership[id=4].left_on: '2025-08-31' (text) became None (null)"
    ]
    assert changed(drop_column) == ["activity: column(s) summary gone"]
    assert changed(add_row) == ["ledger_category: 1 row(s) appeared that were not there before"]
    assert changed(drop_table) == ["table audit_log is gone (3 rows)"]
