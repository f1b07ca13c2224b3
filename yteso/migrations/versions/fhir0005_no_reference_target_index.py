"""fhir: no index on reference targets alone

Revision ID: fhir0005
Revises: fhir0004

Every reference search (plain, chained, ``_revinclude``) names its parameter, so the lookup index
``(param_id, target_id, target_type)`` serves it; the only reader of the target-only index was the
MPI merge, which now names every reference parameter instead. One b-tree less per reference row.
"""

from alembic import op

revision = "fhir0005"
down_revision = "fhir0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_fhir_idx_reference_target", table_name="fhir_idx_reference")


def downgrade() -> None:
    op.create_index("ix_fhir_idx_reference_target", "fhir_idx_reference", ["target_id", "target_type"])
