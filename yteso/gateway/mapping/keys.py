"""Deterministic resource ids: the same facility, visit (MA_LK), kind and key always give the same id.

So a dossier sent again maps to the ids it had the first time: the store writes new versions of
the same resources, never duplicates. The name hashed is length-prefixed (``3:abc``) so that no
choice of MA_LK or key can make two different tuples collide by shifting a separator.
"""

from __future__ import annotations

import hashlib
import uuid

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "http://fhir.hl7.org.vn/core/sid/ma-lk")
"""UUID namespace of the resources mapped from claims dossiers."""


def _part(text: str) -> str:
    return f"{len(text)}:{text}"


def resource_id(facility_code: str, ma_lk: str, kind: str, key: str) -> str:
    """uuid5 of (facility, MA_LK, kind, key): the id of one resource mapped from a dossier.

    ``kind`` is the resource type (``"Observation"``), ``key`` what tells the resources of that
    type in one dossier apart (e.g. ``"XML4:3"`` for the result with STT 3).
    """
    name = _part(facility_code) + _part(ma_lk) + _part(kind) + _part(key)
    return str(uuid.uuid5(NAMESPACE, name))


class IdMaker:
    """:func:`resource_id` for one dossier, hashing the shared prefix once (same ids, less work)."""

    __slots__ = ("_prefix",)

    def __init__(self, facility_code: str, ma_lk: str) -> None:
        prefix = NAMESPACE.bytes + (_part(facility_code) + _part(ma_lk)).encode()
        self._prefix = hashlib.sha1(prefix, usedforsecurity=False)

    def __call__(self, kind: str, key: str) -> str:
        h = self._prefix.copy()
        h.update(f"{len(kind)}:{kind}{len(key)}:{key}".encode())
        raw = bytearray(h.digest()[:16])
        raw[6] = (raw[6] & 0x0F) | 0x50  # version 5
        raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
        hexed = raw.hex()
        return f"{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"
