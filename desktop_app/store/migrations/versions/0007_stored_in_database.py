"""what lived beside the database file lives in it: evidence bytes, the signing key,
the document cache

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 18:00:00.000000

Several PCs on one server database reach the same receipts and sign with the same key
only when these are in the database (issue 18). Plain new tables, the same on SQLite and
PostgreSQL. An older installation's files folder and key file are moved in by the
program after the upgrade (store/files_move.py, store/signing_key.py), checked by
digest, not here: a migration runs inside one transaction and must not read a folder of
gigabytes into it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_file",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("chunks", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_evidence_file")),
    )
    op.create_table(
        "evidence_chunk",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"],
            ["evidence_file.sha256"],
            name=op.f("fk_evidence_chunk_sha256_evidence_file"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("sha256", "n", name=op.f("pk_evidence_chunk")),
    )
    op.create_table(
        "signing_key",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("private_pem", sa.LargeBinary(), nullable=False),
        sa.Column("fingerprint", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_signing_key_id_single")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signing_key")),
    )
    op.create_table(
        "cached_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=False),
        sa.Column("about", sa.Text(), nullable=False),
        sa.Column("bundle", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_cached_state")),
    )
    op.create_index(op.f("ix_cached_state_used_at"), "cached_state", ["used_at"])
    op.create_table(
        "cached_document",
        sa.Column("state_key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("relative", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("chunks", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["state_key"],
            ["cached_state.key"],
            name=op.f("fk_cached_document_state_key_cached_state"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("state_key", "name", name=op.f("pk_cached_document")),
    )
    op.create_table(
        "cached_document_chunk",
        sa.Column("state_key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["state_key", "name"],
            ["cached_document.state_key", "cached_document.name"],
            name=op.f("fk_cached_document_chunk_state_key_cached_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("state_key", "name", "n", name=op.f("pk_cached_document_chunk")),
    )


def downgrade() -> None:
    op.drop_table("cached_document_chunk")
    op.drop_table("cached_document")
    op.drop_index(op.f("ix_cached_state_used_at"), table_name="cached_state")
    op.drop_table("cached_state")
    op.drop_table("signing_key")
    op.drop_table("evidence_chunk")
    op.drop_table("evidence_file")
