"""fhir: index rows keyed by one parameter id instead of the resource type and parameter code

Revision ID: fhir0003
Revises: fhir0002

Each search-index row named its parameter with two strings (``res_type``, ``param``) that led
every lookup key. They become one integer, the CRC-32 of ``"Type.code"`` in 31 bits
(``yteso.fhir.tables.param_id``): smaller rows and keys, cheaper to write and to compare.
"""

import zlib

import sqlalchemy as sa
from alembic import op

revision = "fhir0003"
down_revision = "fhir0002"
branch_labels = None
depends_on = None

LOOKUP = {
    "fhir_idx_token": ("code", "system"),
    "fhir_idx_string": ("value",),
    "fhir_idx_date": ("span", "low", "high"),
    "fhir_idx_reference": ("target_id", "target_type"),
    "fhir_idx_number": ("value",),
    "fhir_idx_quantity": ("value",),
    "fhir_idx_uri": ("value",),
}


def _param_id(res_type: str, code: str) -> int:
    # the storage format: never change it (yteso.fhir.tables.param_id computes the same)
    return zlib.crc32(f"{res_type}.{code}".encode()) & 0x7FFFFFFF


def upgrade() -> None:
    bind = op.get_bind()
    for table, values in LOOKUP.items():
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("param_id", sa.Integer(), nullable=True))
        pairs = bind.execute(sa.text(f"SELECT DISTINCT res_type, param FROM {table}")).all()
        _fill(table, [(t, p, _param_id(t, p)) for t, p in pairs])
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_lookup")
            batch.drop_column("res_type")
            batch.drop_column("param")
            batch.alter_column("param_id", existing_type=sa.Integer(), nullable=False)
            batch.create_index(f"ix_{table}_lookup", ["param_id", *values])


def _fill(table: str, mapping: list[tuple[str, str, int]]) -> None:
    if not mapping:
        return
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.execute(
            sa.text(
                f"UPDATE {table} AS t SET param_id = k.id FROM unnest(CAST(:types AS varchar[]),"
                " CAST(:params AS varchar[]), CAST(:ids AS integer[])) AS k(res_type, param, id)"
                " WHERE t.res_type = k.res_type AND t.param = k.param"
            ),
            {"types": [m[0] for m in mapping], "params": [m[1] for m in mapping], "ids": [m[2] for m in mapping]},
        )
        return
    for res_type, param, pid in mapping:
        bind.execute(
            sa.text(f"UPDATE {table} SET param_id = :id WHERE res_type = :t AND param = :p"),
            {"id": pid, "t": res_type, "p": param},
        )


def downgrade() -> None:
    # ids back to names through today's definitions; rows of unknown parameters are dropped
    # (``yteso fhir reindex`` rebuilds every index row from the bodies)
    from yteso.fhir.search.definitions import SUPPORTED_TYPES, params_for

    names = {_param_id(t, code): (t, code) for t in SUPPORTED_TYPES for code in params_for(t)}
    bind = op.get_bind()
    for table, values in LOOKUP.items():
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("res_type", sa.String(64), nullable=True))
            batch.add_column(sa.Column("param", sa.String(64), nullable=True))
        ids = [i for (i,) in bind.execute(sa.text(f"SELECT DISTINCT param_id FROM {table}"))]
        for pid in ids:
            if pid in names:
                bind.execute(
                    sa.text(f"UPDATE {table} SET res_type = :t, param = :p WHERE param_id = :id"),
                    {"t": names[pid][0], "p": names[pid][1], "id": pid},
                )
        bind.execute(sa.text(f"DELETE FROM {table} WHERE res_type IS NULL"))
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_lookup")
            batch.drop_column("param_id")
            batch.alter_column("res_type", existing_type=sa.String(64), nullable=False)
            batch.alter_column("param", existing_type=sa.String(64), nullable=False)
            batch.create_index(f"ix_{table}_lookup", ["res_type", "param", *values])
