"""a commit-ordered change counter and the log of what each change touched

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 17:30:00.000000

Several PCs on one database (issue 18): every committing unit of work adds one to
``change_counter.value`` inside its transaction (store/changes.py) and logs its subjects
in ``change_log``; another PC compares the number with the last it saw and refreshes
those pages, and caches are keyed on it. Writers take turns (SQLite's write lock, the
advisory lock on PostgreSQL), so the number follows commit order, which ids do not.
``origin`` tells this database from a restored copy of another that reached the same
number. Plain tables on both backends; the counter's row is made by the first change
counted (an upsert), so a database copied before that has none.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_change_counter_only_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_counter")),
    )
    op.create_table(
        "change_log",
        sa.Column("counter", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("subjects", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("counter", name=op.f("pk_change_log")),
    )


def downgrade() -> None:
    op.drop_table("change_log")
    op.drop_table("change_counter")
