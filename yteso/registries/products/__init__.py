"""Product registries: medicines (Medication) and medical devices (Device), keyed by GS1 GTIN."""
