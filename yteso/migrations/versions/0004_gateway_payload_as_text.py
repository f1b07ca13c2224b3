"""gateway: queued payloads as plain text (PostgreSQL no longer parses them on the way in)

Revision ID: 0004_gateway
Revises: 0003_gateway
"""

from yteso.migrations.columns import json_as_plain_text, plain_text_as_json

revision = "0004_gateway"
down_revision = "0003_gateway"
branch_labels = None
depends_on = None


def upgrade() -> None:
    json_as_plain_text("gateway_dossier", "payload")


def downgrade() -> None:
    plain_text_as_json("gateway_dossier", "payload")
