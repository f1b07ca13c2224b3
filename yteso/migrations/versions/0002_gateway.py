"""gateway: receipts and dossiers

Revision ID: 0002_gateway
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002_gateway"
down_revision = "0001"
branch_labels = ("gateway",)
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "gateway_receipt",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("facility", sa.String(16), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("dossier_count", sa.Integer(), nullable=False),
        sa.Column("sender", sa.String(128)),
        sa.Column("notes", _JSON),
        sa.PrimaryKeyConstraint("id", name="pk_gateway_receipt"),
    )
    op.create_index("ix_gateway_receipt_facility_received", "gateway_receipt", ["facility", "received_at"])
    op.create_table(
        "gateway_dossier",
        sa.Column("pk", _PK, autoincrement=True, nullable=False),
        sa.Column("receipt_id", sa.String(36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("facility", sa.String(16), nullable=False),
        sa.Column("ma_lk", sa.String(100)),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("processed_at", sa.DateTime()),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("payload", _JSON),
        sa.Column("errors", _JSON),
        sa.Column("patient_id", sa.String(64)),
        sa.Column("link_status", sa.String(16)),
        sa.Column("resources", _JSON),
        sa.PrimaryKeyConstraint("pk", name="pk_gateway_dossier"),
    )
    op.create_index("ix_gateway_dossier_receipt", "gateway_dossier", ["receipt_id", "position"], unique=True)
    op.create_index("ix_gateway_dossier_state", "gateway_dossier", ["state", "pk"])
    op.create_index("ix_gateway_dossier_facility_received", "gateway_dossier", ["facility", "received_at"])
    op.create_index("ix_gateway_dossier_visit", "gateway_dossier", ["facility", "ma_lk"])


def downgrade() -> None:
    op.drop_table("gateway_dossier")
    op.drop_table("gateway_receipt")
