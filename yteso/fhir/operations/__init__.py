"""FHIR operations ($everything, ...)."""
