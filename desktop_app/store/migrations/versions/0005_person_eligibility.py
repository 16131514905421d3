"""person eligibility facts: teaching since, still a head teacher, training tier

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 10:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: SQLite adds them in place, without copying the person table
    # (which other tables refer to).
    op.add_column("person", sa.Column("teaching_since", sa.Integer(), nullable=True))
    op.add_column("person", sa.Column("in_post", sa.Boolean(), nullable=True))
    op.add_column("person", sa.Column("training_tier", sa.String(length=20), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMNs as well (SQLite 3.35 and later): a batch would copy the person
    # table, which other tables refer to.
    op.drop_column("person", "training_tier")
    op.drop_column("person", "in_post")
    op.drop_column("person", "teaching_since")
