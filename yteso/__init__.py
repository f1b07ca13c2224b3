"""yteso (y tế số): Vietnam's national digital-health platform."""

__version__ = "0.1.0"
