"""gateway: queued payloads as json text (written once, read once, never queried inside)

Revision ID: 0003_gateway
Revises: 0002_gateway
"""

from yteso.migrations.columns import json_as_document, json_as_text

revision = "0003_gateway"
down_revision = "0002_gateway"
branch_labels = None
depends_on = None


def upgrade() -> None:
    json_as_text("gateway_dossier", "payload")


def downgrade() -> None:
    json_as_document("gateway_dossier", "payload")
