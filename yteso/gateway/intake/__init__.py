"""Receiving facilities' claims XML: checks, receipts, queueing."""
