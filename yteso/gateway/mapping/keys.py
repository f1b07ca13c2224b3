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


_VARIANT = {digit: "89ab"[int(digit, 16) & 0b11] for digit in "0123456789abcdef"}
"""First hex digit of the uuid's 4th group → the same digit with the RFC 4122 variant bits (10xx) set."""


class IdMaker:
    """:func:`resource_id` for one dossier, hashing the shared prefix once (same ids, less work)."""

    __slots__ = ("_prefix",)

    def __init__(self, facility_code: str, ma_lk: str) -> None:
        prefix = NAMESPACE.bytes + (_part(facility_code) + _part(ma_lk)).encode()
        self._prefix = hashlib.sha1(prefix, usedforsecurity=False)

    def __call__(self, kind: str, key: str) -> str:
        h = self._prefix.copy()
        h.update(f"{len(kind)}:{kind}{len(key)}:{key}".encode())
        # uuid5 = the first 16 bytes of the SHA-1, with the version (5) and variant bits set:
        # done on the hex text, which is cheaper than going through bytes and uuid.UUID
        x = h.hexdigest()
        return f"{x[:8]}-{x[8:12]}-5{x[13:16]}-{_VARIANT[x[16]]}{x[17:20]}-{x[20:32]}"
