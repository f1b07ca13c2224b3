"""registries: catalog concepts and loaded catalogs

Revision ID: registries_0001
Revises: 0001
Create Date: 2026-11-24 21:40:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = 'registries_0001'
down_revision = '0001'
branch_labels = ('registries',)
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def upgrade() -> None:
    op.create_table('registry_concept',
    sa.Column('system', sa.String(length=255), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('ord', sa.Integer(), nullable=False),
    sa.Column('display', sa.Text(), nullable=False),
    sa.Column('display_folded', sa.Text(), nullable=False),
    sa.Column('search_folded', sa.Text(), nullable=False),
    sa.Column('properties', _JSON, nullable=False),
    sa.PrimaryKeyConstraint('system', 'code', name=op.f('pk_registry_concept'))
    )
    with op.batch_alter_table('registry_concept', schema=None) as batch_op:
        batch_op.create_index('ix_registry_concept_system_ord', ['system', 'ord'], unique=False)

    op.create_table('registry_catalog',
    sa.Column('system', sa.String(length=255), nullable=False),
    sa.Column('version', sa.String(length=64), nullable=True),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('valueset_url', sa.String(length=255), nullable=False),
    sa.Column('codesystem_id', sa.String(length=64), nullable=False),
    sa.Column('valueset_id', sa.String(length=64), nullable=False),
    sa.Column('content', sa.String(length=16), nullable=False),
    sa.Column('concept_count', sa.Integer(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('loaded_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('system', name=op.f('pk_registry_catalog')),
    sa.UniqueConstraint('valueset_url', name=op.f('uq_registry_catalog_valueset_url'))
    )


def downgrade() -> None:
    op.drop_table('registry_catalog')
    with op.batch_alter_table('registry_concept', schema=None) as batch_op:
        batch_op.drop_index('ix_registry_concept_system_ord')
    op.drop_table('registry_concept')
