"""The FHIR store's migrations: the schema they build is the tables', and old index rows keep
their parameter when the rows change shape."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import text

from yteso.core.db import metadata
from yteso.core.migrate import alembic_config
from yteso.fhir.search.definitions import SUPPORTED_TYPES, params_for
from yteso.fhir.tables import param_id


def _alembic(db: Any, step: Callable[[Config, str], None], revision: str) -> None:
    cfg = alembic_config(db.engine.url.render_as_string(hide_password=False))
    with db.engine.begin() as connection:
        cfg.attributes["connection"] = connection
        step(cfg, revision)


def test_migrations_build_the_store_and_gateway_tables(db: Any) -> None:
    with db.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [d for d in diffs if "'fhir_" in repr(d) or "'gateway_" in repr(d)] == []


def test_index_rows_keep_their_parameter_both_ways_across_fhir0003(db: Any) -> None:
    with db.engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO fhir_idx_token (res_pk, param_id, system, code) VALUES"
                " (1, :patient, 'urn:cccd', '001099000001'), (2, :obs, 'http://loinc.org', '718-7'),"
                " (3, 12345, NULL, 'x')"
            ),
            {"patient": param_id("Patient", "identifier"), "obs": param_id("Observation", "code")},
        )
    _alembic(db, command.downgrade, "fhir0002")
    with db.engine.connect() as c:
        named = c.execute(text("SELECT res_pk, res_type, param, code FROM fhir_idx_token ORDER BY res_pk")).all()
    # a row whose id names no parameter of ours cannot be named: it goes (reindex rebuilds it)
    assert [tuple(r) for r in named] == [
        (1, "Patient", "identifier", "001099000001"),
        (2, "Observation", "code", "718-7"),
    ]
    _alembic(db, command.upgrade, "heads")
    with db.engine.connect() as c:
        keyed = c.execute(text("SELECT res_pk, param_id, code FROM fhir_idx_token ORDER BY res_pk")).all()
    assert [tuple(r) for r in keyed] == [
        (1, param_id("Patient", "identifier"), "001099000001"),
        (2, param_id("Observation", "code"), "718-7"),
    ]


def test_no_two_search_parameters_share_a_key() -> None:
    keys = [(t, code) for t in SUPPORTED_TYPES for code in params_for(t)]
    assert len(keys) > 500
    assert len({param_id(t, code) for t, code in keys}) == len(keys)
