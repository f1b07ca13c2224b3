"""Synthetic GIAMDINHHS documents for tests and benchmarks (dữ liệu giả lập, không phải dữ liệu thật).

Dossiers have Vietnamese names, CCCDs consistent with birth date and sex, card numbers, real ICD-10
and DVKT codes, and money that adds up, so an unmodified dossier passes validation. Bad inputs are
made by changing the generated rows (see :mod:`yteso.gateway.xml4750.badinput`) or by putting a
:class:`RawFile` where a table's rows would be.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from yteso.gateway.xml4750 import gen_documents as docs
from yteso.gateway.xml4750 import spec
from yteso.gateway.xml4750.gen_lines import drug_rows, lab_rows, service_rows
from yteso.gateway.xml4750.gen_visit import new_visit, summary_row
from yteso.gateway.xml4750.model import Row

DEFAULT_TABLES: tuple[str, ...] = ("XML1", "XML2", "XML3", "XML4")
"""A typical outpatient/inpatient claim: summary, drugs, services, lab results."""
OPTIONAL_TABLES: tuple[str, ...] = ("XML4", "XML5", "XML7", "XML9", "XML11", "XML13", "XML14")


@dataclass(frozen=True, slots=True)
class RawFile:
    """Verbatim NOIDUNGFILE text for a table (e.g. broken base64, or a hostile inner document)."""

    content: str

    @classmethod
    def of_document(cls, document: bytes) -> RawFile:
        """Base64 of an arbitrary inner document."""
        return cls(base64.b64encode(document).decode("ascii"))


GeneratedDossier = dict[str, list[Row] | RawFile]
"""Table name -> rows (or a raw file); table order is the FILEHOSO order."""


def generate_dossiers(
    facility_code: str,
    n_dossiers: int,
    *,
    seed: int,
    tables: Collection[str] = DEFAULT_TABLES,
    drugs: int = 5,
    services: int = 8,
) -> list[GeneratedDossier]:
    """Dossiers as rows. Every table in ``tables`` is in every dossier, with XML1 adjusted to fit:
    XML5/XML7 make an inpatient stay, XML9 a delivery, XML13 a referral, XML14 an appointment.
    """
    unknown = set(tables) - set(spec.TABLE_NAMES) - {"XML1"}
    if unknown:
        raise ValueError(f"unknown tables {sorted(unknown)}")
    rng = random.Random(seed)
    inpatient_forced = bool({"XML5", "XML7", "XML9"} & set(tables))
    result = []
    for index in range(1, n_dossiers + 1):
        inpatient = inpatient_forced or rng.random() < 0.3
        visit = new_visit(
            rng, facility_code, index, inpatient=inpatient, female="XML9" in tables, adult="XML11" in tables
        )
        if "XML9" in tables:
            docs.delivery_visit(visit)
        drug_lines = drug_rows(rng, visit, max(1, drugs + rng.randint(-2, 2))) if "XML2" in tables else []
        service_lines = service_rows(rng, visit, max(3, services + rng.randint(-2, 2))) if "XML3" in tables else []
        xml1 = summary_row(rng, visit, drug_lines, service_lines)
        dossier: GeneratedDossier = {"XML1": [xml1]}
        if drug_lines:
            dossier["XML2"] = drug_lines
        if service_lines:
            dossier["XML3"] = service_lines
        if "XML4" in tables and (labs := lab_rows(rng, visit, service_lines)):
            dossier["XML4"] = labs
        if "XML5" in tables:
            dossier["XML5"] = docs.progress_rows(rng, visit)
        if "XML7" in tables:
            dossier["XML7"] = [docs.discharge_row(rng, visit, xml1)]
        if "XML9" in tables:
            dossier["XML9"] = docs.birth_rows(rng, visit, xml1)
        if "XML11" in tables:
            dossier["XML11"] = [docs.sick_leave_row(rng, visit)]
        if "XML13" in tables:
            dossier["XML13"] = [docs.referral_row(rng, visit, xml1)]
        if "XML14" in tables:
            dossier["XML14"] = [docs.appointment_row(rng, visit, xml1)]
        result.append(dossier)
    return result


def table_document(table: str, rows: Sequence[Row]) -> bytes:
    """The UTF-8 XML document of one table, every element of the spec in decision order.

    Keys of a row that are not in the spec are written after the spec's elements (used to make
    bad inputs). For a table outside XML0..XML15 the rows go in a generic ``<ROWS><ROW>`` document.
    """
    if table not in spec.TABLE_NAMES:
        body = "".join(_record("ROW", row, ()) for row in rows)
        return f'<?xml version="1.0" encoding="utf-8"?><ROWS>{body}</ROWS>'.encode()
    layout = spec.table(table)
    if layout.list_tag is None and len(rows) != 1:
        raise ValueError(f"{table} holds one record per document, got {len(rows)}")
    names = layout.field_names
    records = "".join(_record(layout.record, row, names) for row in rows)
    if layout.list_tag is not None:
        body = f"<{layout.root}><{layout.list_tag}>{records}</{layout.list_tag}></{layout.root}>"
    else:
        body = records
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}'.encode()


def _record(tag: str, row: Row, names: Sequence[str]) -> str:
    parts = [f"<{tag}>"]
    for name in (*names, *(k for k in row if k not in names)):
        value = row.get(name)
        if value is None:
            continue
        parts.append(f"<{name}>{escape(value)}</{name}>" if value else f"<{name}/>")
    parts.append(f"</{tag}>")
    return "".join(parts)


def _files(dossier: Mapping[str, list[Row] | RawFile]) -> Iterable[tuple[str, str]]:
    for table, content in dossier.items():
        if isinstance(content, RawFile):
            yield table, content.content
        elif table in spec.TABLE_NAMES and spec.table(table).list_tag is None and len(content) > 1:
            for row in content:  # one document per record, e.g. XML7 per baby
                yield table, base64.b64encode(table_document(table, [row])).decode("ascii")
        else:
            yield table, base64.b64encode(table_document(table, content)).decode("ascii")


def build_envelope(
    facility_code: str,
    dossiers: Iterable[Mapping[str, list[Row] | RawFile]],
    *,
    created: str | None = None,
    declared_count: int | None = None,
) -> bytes:
    """Wrap dossiers in a GIAMDINHHS document; NGAYLAP defaults to the last discharge day."""
    hosos, last_day, count = [], "", 0
    for dossier in dossiers:
        count += 1
        files = "".join(
            f"<FILEHOSO><LOAIHOSO>{escape(table)}</LOAIHOSO><NOIDUNGFILE>{content}</NOIDUNGFILE></FILEHOSO>"
            for table, content in _files(dossier)
        )
        hosos.append(f"<HOSO>{files}</HOSO>")
        summary = dossier.get("XML1")
        if isinstance(summary, list) and summary:
            last_day = max(last_day, summary[0].get("NGAY_RA", "")[:8])
    created = created if created is not None else (last_day or "20260101")
    declared = count if declared_count is None else declared_count
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<GIAMDINHHS xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        f"<THONGTINDONVI><MACSKCB>{escape(facility_code)}</MACSKCB></THONGTINDONVI>"
        f"<THONGTINHOSO><NGAYLAP>{escape(created)}</NGAYLAP><SOLUONGHOSO>{declared}</SOLUONGHOSO>"
        f"<DANHSACHHOSO>{''.join(hosos)}</DANHSACHHOSO></THONGTINHOSO><CHUKYDONVI/></GIAMDINHHS>"
    ).encode()


def generate_envelope(
    facility_code: str,
    n_dossiers: int,
    *,
    seed: int,
    tables: Collection[str] = DEFAULT_TABLES,
) -> bytes:
    """A realistic GIAMDINHHS document of ``n_dossiers`` valid dossiers from one facility."""
    return build_envelope(facility_code, generate_dossiers(facility_code, n_dossiers, seed=seed, tables=tables))
