"""Helpers for tests and local demos: real servers on loopback, no mocks."""
