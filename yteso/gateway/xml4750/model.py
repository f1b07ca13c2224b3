"""Parsed shapes of a GIAMDINHHS envelope: header, dossiers (hồ sơ) and their table rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from yteso.gateway.xml4750.errors import DossierError

Row = dict[str, str]
"""One record of a table: element name -> text (surrounding whitespace removed, empty element -> "")."""


@dataclass(frozen=True, slots=True)
class EnvelopeHeader:
    """Header of a GIAMDINHHS document (THONGTINDONVI / THONGTINHOSO), raw text."""

    facility_code: str
    """MACSKCB: code of the sending facility (mã cơ sở KBCB)."""
    created: str
    """NGAYLAP: creation date, yyyyMMdd."""
    declared_count: str
    """SOLUONGHOSO: number of dossiers the sender declares."""


@dataclass(slots=True)
class Dossier:
    """One dossier (hồ sơ, element HOSO): one visit or stay, keyed by XML1's MA_LK.

    ``tables`` maps a table name (``"XML1"`` ...) to its rows in document order; a table sent
    in several FILEHOSO (e.g. XML7, one per baby) has the rows of all of them. ``errors`` holds
    what went wrong while reading this dossier (broken base64, bad inner XML, unknown table...);
    :func:`~yteso.gateway.xml4750.validate.validate_dossier` returns them with its own findings.
    """

    index: int
    """1-based position of the HOSO in the envelope."""
    facility_code: str
    """MACSKCB of the envelope the dossier came in ("" when read on its own)."""
    tables: dict[str, list[Row]] = field(default_factory=dict)
    errors: list[DossierError] = field(default_factory=list)
    file_counts: dict[str, int] = field(default_factory=dict)
    """How many FILEHOSO of each LOAIHOSO the dossier had."""

    def rows(self, table: str) -> list[Row]:
        """Rows of one table (empty list when the table is absent)."""
        return self.tables.get(table, [])

    @property
    def summary(self) -> Row | None:
        """The XML1 record (bảng tổng hợp), or None when absent."""
        rows = self.tables.get("XML1")
        return rows[0] if rows else None

    @property
    def ma_lk(self) -> str | None:
        """The visit key MA_LK from XML1, or None."""
        summary = self.summary
        return summary.get("MA_LK") or None if summary is not None else None


@dataclass(slots=True)
class ParsedEnvelope:
    """A whole GIAMDINHHS document read at once (see :func:`parse_envelope`)."""

    header: EnvelopeHeader
    dossiers: list[Dossier]
    signed: bool
    """True when CHUKYDONVI is not empty (the signature itself is not verified here)."""
