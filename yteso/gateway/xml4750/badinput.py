"""Bad inputs for tests: hostile documents and single defects planted in a generated dossier.

Dossier helpers return a changed copy and leave the original alone, so one generated batch can
feed many tests: ``build_envelope(facility, [good, with_broken_base64(good), good2])``.
"""

from __future__ import annotations

import copy
import io
from datetime import datetime, timedelta

from yteso.gateway.xml4750.generate import GeneratedDossier, RawFile
from yteso.gateway.xml4750.model import Row

# --- whole documents ---------------------------------------------------------------------------


def billion_laughs(levels: int = 10) -> bytes:
    """The classic entity-expansion bomb (10 levels x 10 = 10^10 'lol') with a GIAMDINHHS root."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE GIAMDINHHS [\n' + "\n".join(entities) + "\n]>\n"
        f"<GIAMDINHHS><THONGTINDONVI><MACSKCB>&lol{levels - 1};</MACSKCB></THONGTINDONVI></GIAMDINHHS>"
    ).encode()


def external_entity(target: str = "file:///etc/passwd") -> bytes:
    """An XXE attempt: an external entity pointing at a local file (or a URL)."""
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE GIAMDINHHS [<!ENTITY xxe SYSTEM "{target}">]>\n'
        "<GIAMDINHHS><THONGTINDONVI><MACSKCB>&xxe;</MACSKCB></THONGTINDONVI></GIAMDINHHS>"
    ).encode()


def not_xml() -> bytes:
    """Something that is not XML at all (a JSON body sent to the wrong endpoint)."""
    return b'{"maCSKCB": "01001", "fileHSBase64": "..."}'


def wrong_root() -> bytes:
    """Well-formed XML with another root: an XML0 check-in file sent as a claim."""
    return (
        b'<?xml version="1.0" encoding="utf-8"?>'
        b"<CHI_TIEU_TRANG_THAI_KCB><DSACH_TRANG_THAI_KCB/></CHI_TIEU_TRANG_THAI_KCB>"
    )


class EndlessEnvelope(io.RawIOBase):
    """A stream that starts like an envelope and never ends; ``consumed`` counts the bytes read.

    After the header it repeats an XML comment, so the parser stays busy without a syntax error.
    """

    _FILLER = b"<!--" + b"A" * 4088 + b"-->"

    def __init__(self) -> None:
        self.consumed = 0
        self._pending = b'<?xml version="1.0" encoding="utf-8"?><GIAMDINHHS><THONGTINDONVI><MACSKCB>01001'

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while len(self._pending) < len(buffer):
            self._pending += self._FILLER * (len(buffer) // len(self._FILLER) + 1)
        size = len(buffer)
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        self.consumed += size
        return size


# --- defects in one dossier --------------------------------------------------------------------


def _rows(dossier: GeneratedDossier, table: str) -> list[Row]:
    rows = dossier[table]
    if isinstance(rows, RawFile):
        raise TypeError(f"{table} is a raw file")
    return rows


def with_value(dossier: GeneratedDossier, table: str, field: str, value: str, row: int = 1) -> GeneratedDossier:
    """A copy with ``field`` of row ``row`` (1-based) of ``table`` set to ``value``."""
    changed = copy.deepcopy(dossier)
    _rows(changed, table)[row - 1][field] = value
    return changed


def without_field(dossier: GeneratedDossier, table: str, field: str, row: int = 1) -> GeneratedDossier:
    """A copy where the element ``field`` is left out of row ``row`` of ``table``."""
    changed = copy.deepcopy(dossier)
    del _rows(changed, table)[row - 1][field]
    return changed


def with_wrong_total(dossier: GeneratedDossier, field: str = "T_TONGCHI_BV", delta: float = 1000.0) -> GeneratedDossier:
    """A copy whose XML1 total ``field`` is off by ``delta`` VND."""
    value = float(_rows(dossier, "XML1")[0][field]) + delta
    return with_value(dossier, "XML1", field, f"{value:.2f}")


def with_discharge_before_admission(dossier: GeneratedDossier) -> GeneratedDossier:
    """A copy whose XML1 NGAY_RA is one day before NGAY_VAO."""
    admitted = datetime.strptime(_rows(dossier, "XML1")[0]["NGAY_VAO"], "%Y%m%d%H%M")
    return with_value(dossier, "XML1", "NGAY_RA", (admitted - timedelta(days=1)).strftime("%Y%m%d%H%M"))


def with_broken_base64(dossier: GeneratedDossier, table: str = "XML2") -> GeneratedDossier:
    """A copy whose ``table`` file is not base64."""
    changed = copy.deepcopy(dossier)
    changed[table] = RawFile("Tm90IGJhc2U2NC@@@###" + "!" * 10)
    return changed


def with_inner_document(dossier: GeneratedDossier, table: str, document: bytes) -> GeneratedDossier:
    """A copy whose ``table`` file holds ``document`` (base64-encoded as usual)."""
    changed = copy.deepcopy(dossier)
    changed[table] = RawFile.of_document(document)
    return changed


def with_unknown_table(dossier: GeneratedDossier, name: str = "XML99") -> GeneratedDossier:
    """A copy with one more FILEHOSO whose LOAIHOSO is not XML0..XML15."""
    changed = copy.deepcopy(dossier)
    changed[name] = [{"MA_LK": _rows(dossier, "XML1")[0]["MA_LK"]}]
    return changed
