"""accounts: who signs in, and their role (issue 18)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 17:40:00.000000

A table of its own, never deleted from (an account is made inactive). The login is kept
in lower case (a CHECK), so the unique constraint makes it unique whatever the case it is
typed in. On PostgreSQL the BOOLEAN type already holds only true/false, so the flag's
CHECK is SQLite's alone (as in 0006). The PostgreSQL roles and grants are not made here:
``studiodesk server-init`` makes them (store/server_roles.py), as the database's owner.
"""

import sqlalchemy as sa
from alembic import context, op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # (op.f: the names are final — the naming convention would prefix them again — and
    # the SQL is the models' own, as store/row_checks.py words it)
    checks = [
        sa.CheckConstraint(
            "\"role\" IN ('host', 'secretary', 'viewer')", name=op.f("ck_account_role_enum")
        ),
        sa.CheckConstraint(
            "login = lower(login) AND length(login) >= 1", name=op.f("ck_account_login_lower")
        ),
    ]
    if context.get_context().dialect.name != "postgresql":
        checks.append(sa.CheckConstraint('"active" IN (0, 1)', name=op.f("ck_account_active_flag")))
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=32), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        *checks,
        sa.PrimaryKeyConstraint("id", name="pk_account"),
        sa.UniqueConstraint("login", name="uq_account_login"),
    )


def downgrade() -> None:
    op.drop_table("account")
