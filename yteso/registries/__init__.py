"""National registries (facilities, practitioners, products) and catalogs (CodeSystem/ValueSet), with
``yteso registry import``; see docs/registries.md. Other packages use :mod:`yteso.registries.service`."""
