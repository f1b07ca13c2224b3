"""Alembic migrations (run with ``yteso db upgrade``)."""
