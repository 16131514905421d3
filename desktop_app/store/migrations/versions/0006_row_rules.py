"""the database's own rules: CHECK constraints and one voucher per standing entry

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 12:00:00.000000

* CHECK constraints (issue 16, item 12): vocabulary codes, real ISO dates (SQLite keeps
  dates as text: date(x, '+0 days') IS x only for a real YYYY-MM-DD day), money as whole
  fen above zero, counts as whole numbers, booleans 0/1, first before last. SQLite cannot add a
  CHECK to a table, so each table is rebuilt (Alembic's batch mode: copy, drop, rename),
  which migrate.py runs with foreign keys off and a foreign_key_check before the commit.
* triggers for the rules across rows (append-only ledger, closed periods, locked
  assessments: see TRIGGERS).
* ledger_entry.voucher_turn and a unique index (issue 16, item 1): a voucher is held by
  one standing entry; a reversal repeats its original's voucher and is not counted; an
  entry replacing a reversed one takes the next turn. Existing entries get their turn in
  the order they were written (entries that already share a voucher — the race this
  fixes — keep it, each with its own turn: the ledger is append-only).

A row another tool wrote that breaks one of these rules would make the rebuild fail: it
is looked for first, and the upgrade stops with a message naming the table, the row and
the value, leaving the database as it was (the transaction is rolled back, and a backup
was taken before the upgrade began). The rules are written out here, as they stand at
this revision, not read from the models (which later revisions change).
"""

import sqlalchemy as sa
from alembic import context, op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

VOUCHER_HELD = "voucher_no IS NOT NULL AND voucher_no <> '' AND reverses_id IS NULL"

CHECKS: dict[str, list[tuple[str, str]]] = {
    "activity": [
        ("ck_activity_date_date", 'date("date", \'+0 days\') IS "date"'),
        (
            "ck_activity_hours_tenths_count",
            '"hours_tenths" IS NULL OR (typeof("hours_tenths") = \'integer\' AND "hours_tenths" >= 0)',
        ),
        (
            "ck_activity_kind_enum",
            "\"kind\" IN ('study', 'expert_lecture', 'seminar', 'exchange', 'open_lesson', 'research', 'field_trip', 'showcase', 'skills', 'forum', 'other')",
        ),
        ("ck_activity_takes_attendance_flag", '"takes_attendance" IN (0, 1)'),
    ],
    "assessment": [
        ("ck_assessment_grade_enum", "\"grade\" IN ('excellent', 'pass', 'fail')"),
        ("ck_assessment_kind_enum", "\"kind\" IN ('midterm', 'final', 'annual', 'member')"),
        ("ck_assessment_status_enum", "\"status\" IN ('draft', 'submitted')"),
    ],
    "assessment_evidence": [
        ("ck_assessment_evidence_decision_enum", "\"decision\" IN ('accepted', 'removed')"),
        (
            "ck_assessment_evidence_kind_enum",
            "\"kind\" IN ('activity', 'growth_record', 'ledger_entry', 'attachment', 'plan', 'summary', 'document', 'goal', 'fact')",
        ),
    ],
    "attendance_flag_event": [
        (
            "ck_attendance_flag_event_expected_count",
            '"expected" IS NULL OR (typeof("expected") = \'integer\' AND "expected" >= 0)',
        ),
        (
            "ck_attendance_flag_event_missed_count",
            '"missed" IS NULL OR (typeof("missed") = \'integer\' AND "missed" >= 0)',
        ),
        (
            "ck_attendance_flag_event_new_state_enum",
            "\"new_state\" IN ('ok', 'at_risk', 'over', 'not_judged', 'no_line')",
        ),
        (
            "ck_attendance_flag_event_old_state_enum",
            "\"old_state\" IN ('ok', 'at_risk', 'over', 'not_judged', 'no_line')",
        ),
        ("ck_attendance_flag_event_on_date", 'date("on", \'+0 days\') IS "on"'),
    ],
    "attendance_mark": [
        (
            "ck_attendance_mark_status_enum",
            "\"status\" IN ('present', 'late', 'left_early', 'leave', 'absent')",
        ),
    ],
    "growth_record": [
        ("ck_growth_record_date_date", 'date("date", \'+0 days\') IS "date"'),
        (
            "ck_growth_record_hours_tenths_count",
            '"hours_tenths" IS NULL OR (typeof("hours_tenths") = \'integer\' AND "hours_tenths" >= 0)',
        ),
        (
            "ck_growth_record_kind_enum",
            "\"kind\" IN ('public_lesson', 'lecture', 'paper', 'research', 'competition', 'honour', 'mentoring', 'class_honour', 'training')",
        ),
        (
            "ck_growth_record_level_enum",
            "\"level\" IN ('school', 'district', 'city', 'province', 'national')",
        ),
    ],
    "ledger_budget": [
        (
            "ck_ledger_budget_amount_fen_count",
            '"amount_fen" IS NULL OR (typeof("amount_fen") = \'integer\' AND "amount_fen" >= 0)',
        ),
    ],
    "ledger_closed_period": [
        ("ck_ledger_closed_period_first_day_date", 'date("first_day", \'+0 days\') IS "first_day"'),
        ("ck_ledger_closed_period_last_day_date", 'date("last_day", \'+0 days\') IS "last_day"'),
        ("ck_ledger_closed_period_last_day_order", '"first_day" <= "last_day"'),
    ],
    "ledger_entry": [
        (
            "ck_ledger_entry_amount_fen_money",
            'typeof("amount_fen") = \'integer\' AND "amount_fen" > 0',
        ),
        ("ck_ledger_entry_date_date", 'date("date", \'+0 days\') IS "date"'),
        ("ck_ledger_entry_direction_enum", "\"direction\" IN ('income', 'expense')"),
        ("ck_ledger_entry_source_enum", "\"source\" IN ('grant', 'bureau', 'other')"),
        (
            "ck_ledger_entry_voucher_turn_count",
            '"voucher_turn" IS NULL OR (typeof("voucher_turn") = \'integer\' AND "voucher_turn" >= 0)',
        ),
        (
            "ck_ledger_entry_voucher_turn_given",
            "voucher_no IS NULL OR voucher_no = '' OR reverses_id IS NOT NULL OR voucher_turn IS NOT NULL",
        ),
    ],
    "membership": [
        (
            "ck_membership_agreement_signed_on_date",
            'date("agreement_signed_on", \'+0 days\') IS "agreement_signed_on"',
        ),
        ("ck_membership_joined_on_date", 'date("joined_on", \'+0 days\') IS "joined_on"'),
        ("ck_membership_left_on_date", 'date("left_on", \'+0 days\') IS "left_on"'),
        ("ck_membership_role_enum", "\"role\" IN ('host', 'mentor', 'core', 'member', 'observer')"),
        (
            "ck_membership_stage_enum",
            "\"stage\" IN ('applied', 'recommended', 'selected', 'approved', 'confirmed')",
        ),
    ],
    "membership_stage": [
        ("ck_membership_stage_on_date", 'date("on", \'+0 days\') IS "on"'),
        (
            "ck_membership_stage_stage_enum",
            "\"stage\" IN ('applied', 'recommended', 'selected', 'approved', 'confirmed')",
        ),
    ],
    "person": [
        ("ck_person_birth_date_date", 'date("birth_date", \'+0 days\') IS "birth_date"'),
        ("ck_person_gender_enum", "\"gender\" IN ('male', 'female')"),
        ("ck_person_in_post_flag", '"in_post" IN (0, 1)'),
        ("ck_person_rural_flag", '"rural" IN (0, 1)'),
        (
            "ck_person_title_enum",
            "\"title\" IN ('none', 'junior', 'intermediate', 'senior', 'full_senior')",
        ),
        (
            "ck_person_training_tier_enum",
            "\"training_tier\" IN ('horizon', 'compass', 'climber', 'stars')",
        ),
    ],
    "plan": [
        ("ck_plan_kind_enum", "\"kind\" IN ('build', 'annual')"),
    ],
    "plan_task": [
        ("ck_plan_task_done_on_date", 'date("done_on", \'+0 days\') IS "done_on"'),
        ("ck_plan_task_due_on_date", 'date("due_on", \'+0 days\') IS "due_on"'),
        ("ck_plan_task_status_enum", "\"status\" IN ('not_started', 'in_progress', 'done')"),
    ],
    "plan_task_evidence": [
        (
            "ck_plan_task_evidence_kind_enum",
            "\"kind\" IN ('activity', 'growth_record', 'ledger_entry', 'attachment', 'plan', 'summary', 'document', 'goal', 'fact')",
        ),
    ],
    "studio": [
        ("ck_studio_cycle_last_year_order", '"cycle_first_year" <= "cycle_last_year"'),
        ("ck_studio_is_demo_flag", '"is_demo" IN (0, 1)'),
        ("ck_studio_level_enum", "\"level\" IN ('school', 'district', 'city')"),
        ("ck_studio_studio_type_enum", "\"studio_type\" IN ('studio', 'camp', 'room', 'workshop')"),
    ],
}


# Rules across rows, which a CHECK cannot say, as SQLite triggers: the ledger is
# append-only, nothing is dated inside a closed period, a submitted assessment is locked.
# The services and the ORM guards (store/ledger_guard.py, assessment_guard.py) check the
# same first, with the user's words; these refuse what gets past them (another tool, a
# future code path). RAISE's text names the rule (store/row_checks.py words it). A later
# batch rebuild of one of these tables drops its triggers: such a migration makes them
# again.
_SUBMITTED = "(SELECT status FROM assessment WHERE id = {ref}.assessment_id) = 'submitted'"
TRIGGERS: dict[str, str] = {
    **{
        f"{table}_no_{verb.lower()}": (
            f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
            "BEGIN SELECT RAISE(ABORT, 'ledger_append_only'); END"
        )
        for table in ("ledger_entry", "ledger_entry_attachment", "ledger_closed_period")
        for verb in ("UPDATE", "DELETE")
    },
    "ledger_entry_closed_period": (
        "CREATE TRIGGER ledger_entry_closed_period BEFORE INSERT ON ledger_entry "
        "WHEN EXISTS (SELECT 1 FROM ledger_closed_period AS p WHERE p.studio_id = "
        "NEW.studio_id AND NEW.date BETWEEN p.first_day AND p.last_day) "
        "BEGIN SELECT RAISE(ABORT, 'ledger_closed_period'); END"
    ),
    "assessment_locked_update": (
        "CREATE TRIGGER assessment_locked_update BEFORE UPDATE ON assessment "
        "WHEN OLD.status = 'submitted' BEGIN SELECT RAISE(ABORT, 'assessment_locked'); END"
    ),
    "assessment_locked_delete": (
        "CREATE TRIGGER assessment_locked_delete BEFORE DELETE ON assessment "
        "WHEN OLD.status = 'submitted' BEGIN SELECT RAISE(ABORT, 'assessment_locked'); END"
    ),
    **{
        f"{table}_locked_{verb.lower()}": (
            f"CREATE TRIGGER {table}_locked_{verb.lower()} BEFORE {verb} ON {table} WHEN "
            + " OR ".join(_SUBMITTED.format(ref=ref) for ref in refs)
            + " BEGIN SELECT RAISE(ABORT, 'assessment_locked'); END"
        )
        for table in ("assessment_item", "assessment_evidence")
        for verb, refs in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",)))
    },
}


# The same rules on PostgreSQL (issue 18; this revision never ran there before, so it
# says both forms). Its types already refuse what some CHECKs look for: a DATE column
# holds only real days, a BOOLEAN only true/false, an INTEGER only whole numbers; the
# rest are said as on SQLite. A trigger raises the same words, as an integrity error
# (SQLSTATE 23000), so that store/row_checks.py words it as on SQLite.
def _postgresql_check(name: str, sql: str) -> str | None:
    kind = name.rsplit("_", 1)[1]
    if kind in ("date", "flag"):
        return None
    column = sql.split('"')[1] if kind in ("money", "count") else ""
    if kind == "money":
        return f'"{column}" > 0'
    if kind == "count":
        return f'"{column}" IS NULL OR "{column}" >= 0'
    return sql


_REFUSE = "RAISE EXCEPTION USING MESSAGE = {words}, ERRCODE = 'integrity_constraint_violation'"
PG_FUNCTIONS: dict[str, str] = {
    "studiodesk_refuse": "BEGIN " + _REFUSE.format(words="TG_ARGV[0]") + "; END",
    "studiodesk_ledger_closed_period": (
        "BEGIN IF EXISTS (SELECT 1 FROM ledger_closed_period AS p WHERE p.studio_id = "
        "NEW.studio_id AND NEW.date BETWEEN p.first_day AND p.last_day) THEN "
        + _REFUSE.format(words="'ledger_closed_period'")
        + "; END IF; RETURN NEW; END"
    ),
    "studiodesk_assessment_locked": (
        "BEGIN IF (TG_OP <> 'INSERT' AND "
        + _SUBMITTED.format(ref="OLD")
        + ") THEN "
        + _REFUSE.format(words="'assessment_locked'")
        + "; END IF; IF (TG_OP <> 'DELETE' AND "
        + _SUBMITTED.format(ref="NEW")
        + ") THEN "
        + _REFUSE.format(words="'assessment_locked'")
        + "; END IF; IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END"
    ),
}
# name → (table, the rest of CREATE TRIGGER name …)
PG_TRIGGERS: dict[str, tuple[str, str]] = {
    **{
        f"{table}_no_{verb.lower()}": (
            table,
            f"BEFORE {verb} ON {table} FOR EACH ROW "
            "EXECUTE FUNCTION studiodesk_refuse('ledger_append_only')",
        )
        for table in ("ledger_entry", "ledger_entry_attachment", "ledger_closed_period")
        for verb in ("UPDATE", "DELETE")
    },
    "ledger_entry_closed_period": (
        "ledger_entry",
        "BEFORE INSERT ON ledger_entry FOR EACH ROW "
        "EXECUTE FUNCTION studiodesk_ledger_closed_period()",
    ),
    **{
        f"assessment_locked_{verb.lower()}": (
            "assessment",
            f"BEFORE {verb} ON assessment FOR EACH ROW WHEN (OLD.status = 'submitted') "
            "EXECUTE FUNCTION studiodesk_refuse('assessment_locked')",
        )
        for verb in ("UPDATE", "DELETE")
    },
    **{
        f"{table}_locked_{verb.lower()}": (
            table,
            f"BEFORE {verb} ON {table} FOR EACH ROW "
            "EXECUTE FUNCTION studiodesk_assessment_locked()",
        )
        for table in ("assessment_item", "assessment_evidence")
        for verb in ("INSERT", "UPDATE", "DELETE")
    },
}


def _postgresql() -> bool:
    return context.get_context().dialect.name == "postgresql"


def _upgrade_postgresql() -> None:
    """A PostgreSQL database reaches 0006 new (no rows another tool wrote), and alters a
    table in place: no rebuild, no search for broken rows."""
    for table, checks in CHECKS.items():
        for name, sql in checks:
            pg_sql = _postgresql_check(name, sql)
            if pg_sql is not None:
                op.create_check_constraint(op.f(name), table, sa.text(pg_sql))
    for function, body in PG_FUNCTIONS.items():
        op.execute(f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $${body}$$")
    for name, (_table, rest) in PG_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {rest}")


def _first_broken(connection):
    from desktop_app.store.row_checks import BrokenRow, Rule

    for table, checks in CHECKS.items():
        for name, sql in checks:
            rule = Rule(table, name, sql)
            if rule.column == "voucher_turn":
                continue  # a new column, filled below
            row = connection.execute(
                sa.text(
                    f'SELECT id, "{rule.column}" FROM "{table}" WHERE NOT ({sql}) '
                    "ORDER BY id LIMIT 1"
                )
            ).first()
            if row is not None:
                return BrokenRow(rule, row[0], row[1])
    return None


def _foreign_keys_off() -> None:
    """Rebuilding a table others refer to drops it first, which SQLite allows only with
    foreign keys off (sqlite.org/lang_altertable.html); migrate.py turns them off, and
    a plain connection has them off. Said plainly instead of a failed DROP TABLE."""
    if context.is_offline_mode():
        return  # only the SQL is written: whoever runs it turns them off
    if op.get_bind().exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError("migration 0006 rebuilds tables: run it with foreign keys off")


def _offline_table(table: str) -> sa.Table | None:
    """Offline (``alembic upgrade --sql``) batch mode cannot reflect the table it copies:
    it is given the models' table without its CHECKs and the voucher index — the table
    as it stands at this revision while the models say so (a later revision that changes
    the table makes this offline SQL approximate; online, the table is reflected)."""
    if not context.is_offline_mode():
        return None
    from desktop_app.store.models import Base

    copy = Base.metadata.tables[table].to_metadata(sa.MetaData())
    for constraint in [c for c in copy.constraints if isinstance(c, sa.CheckConstraint)]:
        copy.constraints.discard(constraint)
    for index in [i for i in copy.indexes if i.name == "ux_ledger_entry_voucher"]:
        copy.indexes.discard(index)
    return copy


def upgrade() -> None:
    if _postgresql():
        _add_voucher_turn()
        _upgrade_postgresql()
        _voucher_index()
        return
    _foreign_keys_off()
    # (offline, only the SQL is written: there are no rows to look at)
    broken = None if context.is_offline_mode() else _first_broken(op.get_bind())
    if broken is not None:
        from desktop_app.store.row_checks import broken_row_error

        raise broken_row_error(broken, "upgrade_invalid_row")
    _add_voucher_turn()
    for table, checks in CHECKS.items():
        with op.batch_alter_table(
            table, recreate="always", copy_from=_offline_table(table)
        ) as batch:
            for name, sql in checks:
                batch.create_check_constraint(op.f(name), sa.text(sql))
    _voucher_index()
    for sql in TRIGGERS.values():
        op.execute(sql)


def _add_voucher_turn() -> None:
    op.add_column("ledger_entry", sa.Column("voucher_turn", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE ledger_entry SET voucher_turn = (SELECT count(*) FROM ledger_entry AS e "
        "WHERE e.studio_id = ledger_entry.studio_id AND e.voucher_no = ledger_entry.voucher_no "
        "AND e.reverses_id IS NULL AND e.id < ledger_entry.id) "
        f"WHERE {VOUCHER_HELD}"
    )


def _voucher_index() -> None:
    op.create_index(
        "ux_ledger_entry_voucher",
        "ledger_entry",
        ["studio_id", "voucher_no", "voucher_turn"],
        unique=True,
        sqlite_where=sa.text(VOUCHER_HELD),
        postgresql_where=sa.text(VOUCHER_HELD),
    )


def downgrade() -> None:
    if _postgresql():
        for name, (table, _rest) in PG_TRIGGERS.items():
            op.execute(f"DROP TRIGGER {name} ON {table}")
        for function in PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION {function}()")
        op.drop_index("ux_ledger_entry_voucher", table_name="ledger_entry")
        for table, checks in CHECKS.items():
            for name, sql in checks:
                if _postgresql_check(name, sql) is not None:
                    op.drop_constraint(op.f(name), table, type_="check")
        op.drop_column("ledger_entry", "voucher_turn")
        return
    _foreign_keys_off()
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.drop_index("ux_ledger_entry_voucher", table_name="ledger_entry")
    for table, checks in CHECKS.items():
        with op.batch_alter_table(table, recreate="always") as batch:
            for name, _sql in checks:
                batch.drop_constraint(op.f(name), type_="check")
    with op.batch_alter_table("ledger_entry") as batch:
        batch.drop_column("voucher_turn")
