"""The FHIR R4 (4.0.1) health-record store and its REST API at ``/fhir``."""
