"""fhir: resource bodies as plain text (PostgreSQL no longer parses each body on the way in)

Revision ID: fhir0004
Revises: fhir0003
"""

from yteso.migrations.columns import json_as_plain_text, plain_text_as_json

revision = "fhir0004"
down_revision = "fhir0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    json_as_plain_text("fhir_resource_version", "content")


def downgrade() -> None:
    plain_text_as_json("fhir_resource_version", "content")
