"""Benchmarks (``make bench``): print figures, compare with a baseline measured in the same run."""
