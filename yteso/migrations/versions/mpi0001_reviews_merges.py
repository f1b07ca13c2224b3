"""mpi: review queue, merges and what they moved

Revision ID: mpi0001
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "mpi0001"
down_revision = "0001"
branch_labels = ("mpi",)
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "mpi_review",
        sa.Column("id", _PK, autoincrement=True, nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("patient_id", sa.String(64), nullable=False),
        sa.Column("candidate_id", sa.String(64), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("detail", _JSON),
        sa.Column("facility", sa.String(16)),
        sa.Column("requested_by", sa.String(128)),
        sa.Column("decided_at", sa.DateTime()),
        sa.Column("decided_by", sa.String(128)),
        sa.Column("note", sa.String(1024)),
        sa.Column("merge_id", sa.BigInteger()),
        sa.PrimaryKeyConstraint("id", name="pk_mpi_review"),
        sa.UniqueConstraint("patient_id", "candidate_id", name="uq_mpi_review_pair"),
    )
    op.create_index("ix_mpi_review_status_created", "mpi_review", ["status", "created"])
    op.create_table(
        "mpi_merge",
        sa.Column("id", _PK, autoincrement=True, nullable=False),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("target_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(512)),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.Column("merged_by", sa.String(128), nullable=False),
        sa.Column("unmerged_at", sa.DateTime()),
        sa.Column("unmerged_by", sa.String(128)),
        sa.Column("source_before", _JSON, nullable=False),
        sa.Column("target_before", _JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mpi_merge"),
    )
    op.create_index("ix_mpi_merge_source", "mpi_merge", ["source_id", "status"])
    op.create_index("ix_mpi_merge_target", "mpi_merge", ["target_id", "status"])
    op.create_table(
        "mpi_merge_moved",
        sa.Column("merge_id", sa.BigInteger(), nullable=False),
        sa.Column("res_type", sa.String(64), nullable=False),
        sa.Column("res_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("paths", _JSON, nullable=False),
    )
    op.create_index("ix_mpi_merge_moved_merge", "mpi_merge_moved", ["merge_id"])


def downgrade() -> None:
    op.drop_table("mpi_merge_moved")
    op.drop_table("mpi_merge")
    op.drop_table("mpi_review")
