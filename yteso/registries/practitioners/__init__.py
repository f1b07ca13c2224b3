"""Practitioner registry: practising certificates (CCHN/GPHN) linked to the holder's citizen ID."""
