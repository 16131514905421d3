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
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("teaching_since", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("in_post", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("training_tier", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("training_tier")
        batch_op.drop_column("in_post")
        batch_op.drop_column("teaching_since")
