"""FHIR search: parameter definitions, FHIRPath compilation, index extraction and compartments."""
