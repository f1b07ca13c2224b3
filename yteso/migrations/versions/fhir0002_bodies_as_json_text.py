"""fhir: resource bodies as json text (written and read whole, never queried inside)

Revision ID: fhir0002
Revises: 0001
"""

from yteso.migrations.columns import json_as_document, json_as_text

revision = "fhir0002"
down_revision = "0001"
branch_labels = ("fhir",)
depends_on = None


def upgrade() -> None:
    json_as_text("fhir_resource_version", "content")


def downgrade() -> None:
    json_as_document("fhir_resource_version", "content")
