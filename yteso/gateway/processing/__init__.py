"""Storing queued dossiers into the health record: link the citizen, map to FHIR, write."""
