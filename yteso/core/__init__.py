"""Core services every system stands on: database, auth, audit, identifiers, errors."""
