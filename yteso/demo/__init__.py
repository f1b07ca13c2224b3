"""Reproducible synthetic demo data (``yteso demo load``); see docs/registries.md."""
