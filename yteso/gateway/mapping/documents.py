"""Document tables → Composition: progress notes (XML5), HIV care (XML6), discharge paper (XML7),
record summary (XML8), birth certificate (XML9), pregnancy rest (XML10), sick leave (XML11),
referral letter (XML13), TB treatment (XML15), and the clinical text of XML1.

Every non-empty element of the row becomes a section titled with its Vietnamese name (coded
``<table>.<element>`` in our field code system), dates shown as dd/MM/yyyy and coded values with
their meaning. The document type carries the LOINC code where LOINC has that kind of document,
always with our ``giay-to-xml4750`` code (the table) too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from yteso.gateway.mapping import systems, values
from yteso.gateway.mapping.context import Context, row_keys
from yteso.gateway.mapping.fieldmap import title
from yteso.gateway.mapping.values import CCHN, HEALTH_ID, JSON
from yteso.gateway.mapping.vocab import ENUMERATIONS
from yteso.gateway.xml4750 import spec
from yteso.gateway.xml4750.model import Row

_ALWAYS_SKIPPED = frozenset({"MA_LK", "STT"})
_PERSON_COPIES = frozenset(
    {
        "HO_TEN",
        "SO_CCCD",
        "MA_BN",
        "NGAY_SINH",
        "GIOI_TINH",
        "MA_QUOCTICH",
        "MA_DANTOC",
        "MA_NGHE_NGHIEP",
        "DIA_CHI",
        "MATINH_CU_TRU",
        "MAHUYEN_CU_TRU",
        "MAXA_CU_TRU",
        "MA_THE_BHYT",
        "GT_THE_DEN",
    }
)
"""Copies of the patient's XML1 identity in XML6/XML13/XML15: already in Patient and Coverage."""


@dataclass(frozen=True, slots=True)
class DocumentKind:
    """How one table becomes a Composition."""

    table: str
    title: str
    loinc: tuple[str, str] | None = None
    date_fields: tuple[str, ...] = ()
    """First valid one is Composition.date (else XML1 NGAY_RA, NGAY_VAO)."""
    author: tuple[str, str] | None = None
    """(staff-code field, name field); an empty code field means a name-only author."""
    author_kind: str = HEALTH_ID
    attester: str | None = "MA_TTDV"
    identifier: tuple[str, str] | None = None
    """(field, label) of the document number."""
    event: tuple[str, str] | None = None
    """(start, end) fields of the period the document covers (stay, leave, treatment)."""
    skip: frozenset[str] = _ALWAYS_SKIPPED
    only: tuple[str, ...] = ()
    """When set, the only fields that become sections."""
    restricted: bool = False
    """HIV data: confidentiality R and the HIV sensitivity label."""


KINDS: dict[str, DocumentKind] = {
    "XML5": DocumentKind(
        "XML5",
        "Diễn biến lâm sàng",
        ("11506-3", "Progress note"),
        ("THOI_DIEM_DBLS",),
        ("NGUOI_THUC_HIEN", ""),
        attester=None,
        skip=_ALWAYS_SKIPPED | {"THOI_DIEM_DBLS", "NGUOI_THUC_HIEN"},
    ),
    "XML6": DocumentKind(
        "XML6",
        "Hồ sơ bệnh án chăm sóc và điều trị HIV/AIDS",
        attester=None,
        skip=_ALWAYS_SKIPPED | _PERSON_COPIES,
        restricted=True,
    ),
    "XML7": DocumentKind(
        "XML7",
        "Giấy ra viện",
        ("18842-5", "Discharge summary"),
        ("NGAY_CT", "NGAY_RA"),
        ("MA_BS", "TEN_BS"),
        identifier=("SO_LUU_TRU", "Số lưu trữ"),
        event=("NGAY_VAO", "NGAY_RA"),
    ),
    "XML8": DocumentKind(
        "XML8",
        "Tóm tắt hồ sơ bệnh án",
        ("34133-9", "Summary of episode note"),
        ("NGAY_CT", "NGAY_RA"),
        event=("NGAY_VAO", "NGAY_RA"),
    ),
    "XML9": DocumentKind(
        "XML9",
        "Giấy chứng sinh",
        date_fields=("NGAY_CT", "NGAY_SINH_CON"),
        author=("", "NGUOI_GHI_PHIEU"),
        identifier=("SO", "Số giấy chứng sinh"),
    ),
    "XML10": DocumentKind(
        "XML10",
        "Giấy chứng nhận nghỉ dưỡng thai",
        date_fields=("NGAY_CT",),
        author=("MA_BS", "TEN_BS"),
        identifier=("SO_SERI", "Số seri giấy chứng nhận nghỉ dưỡng thai"),
        event=("TU_NGAY", "DEN_NGAY"),
    ),
    "XML11": DocumentKind(
        "XML11",
        "Giấy chứng nhận nghỉ việc hưởng bảo hiểm xã hội",
        date_fields=("NGAY_CT",),
        author=("MA_BS", ""),
        identifier=("SO_SERI", "Số seri giấy chứng nhận nghỉ việc hưởng BHXH"),
        event=("TU_NGAY", "DEN_NGAY"),
    ),
    "XML13": DocumentKind(
        "XML13",
        "Giấy chuyển tuyến khám bệnh, chữa bệnh bảo hiểm y tế",
        ("57133-1", "Referral note"),
        ("NGAY_RA",),
        ("MA_BAC_SI", ""),
        author_kind=CCHN,
        identifier=("GIAY_CHUYEN_TUYEN", "Số giấy chuyển tuyến"),
        skip=_ALWAYS_SKIPPED | _PERSON_COPIES,
    ),
    "XML15": DocumentKind(
        "XML15",
        "Thông tin điều trị bệnh lao",
        date_fields=("NGAYKT_DTRI_LAO", "NGAYBD_DTRI_LAO"),
        attester=None,
        event=("NGAYBD_DTRI_LAO", "NGAYKT_DTRI_LAO"),
        skip=_ALWAYS_SKIPPED | _PERSON_COPIES,
    ),
}
VISIT_SUMMARY = DocumentKind(
    "XML1",
    "Tóm tắt lần khám bệnh, chữa bệnh",
    date_fields=("NGAY_RA", "NGAY_VAO"),
    attester=None,
    event=("NGAY_VAO", "NGAY_RA"),
    only=("LY_DO_VV", "CHAN_DOAN_VAO", "CHAN_DOAN_RV", "PP_DIEU_TRI", "KET_QUA_DTRI", "MA_LOAI_RV", "GHI_CHU"),
)
"""The clinical text of XML1 (reason, diagnoses, treatment, outcome, the doctor's advice GHI_CHU),
which no structured resource holds, for the patient's health book."""

GENERIC_TABLES = ("XML5", "XML6", "XML7", "XML8", "XML10", "XML11", "XML15")
"""Tables mapped by :func:`compositions` alone (XML9 and XML13 add structured resources)."""


def compositions(ctx: Context) -> list[JSON]:
    """Compositions of the visit summary and of every row of the generic document tables."""
    out: list[JSON] = []
    if summary := composition(ctx, VISIT_SUMMARY, ctx.summary, "XML1:summary"):
        out.append(summary)
    for table in GENERIC_TABLES:
        rows = ctx.rows(table)
        if not rows:
            continue
        for key, row in zip(row_keys(rows, table), rows, strict=True):
            if body := composition(ctx, KINDS[table], row, key):
                out.append(body)
    return out


def composition(
    ctx: Context, kind: DocumentKind, row: Row, key: str, extra_sections: list[JSON] | None = None
) -> JSON | None:
    """The Composition of one row; None when it has no content or no usable date (fails validation)."""
    sections = _sections(kind, row) + (extra_sections or [])
    if not sections:
        return None
    date = next((d for name in kind.date_fields if (d := values.date_time(row.get(name, "")))), None)
    date = date or values.date_time(ctx.summary.get("NGAY_RA", "")) or values.date_time(ctx.summary.get("NGAY_VAO", ""))
    if date is None:
        return None
    codings = [{"system": systems.DOCUMENT, "code": kind.table, "display": kind.title}]
    if kind.loinc:
        codings.insert(0, {"system": systems.LOINC, "code": kind.loinc[0], "display": kind.loinc[1]})
    body: JSON = {"resourceType": "Composition", "id": ctx.ids("Composition", key)}
    if kind.restricted:
        body["meta"] = {
            "security": [
                {"system": systems.V3_ACT_CODE, "code": "HIV", "display": "HIV/AIDS information sensitivity"},
                {"system": systems.V3_CONFIDENTIALITY, "code": "R", "display": "restricted"},
            ]
        }
    if kind.identifier and (number := row.get(kind.identifier[0], "")):
        body["identifier"] = {"type": {"text": kind.identifier[1]}, "value": number, "assigner": ctx.facility()}
    body["status"] = "final"
    body["type"] = {"coding": codings, "text": kind.title}
    body["subject"] = ctx.patient()
    body["encounter"] = ctx.encounter()
    body["date"] = date
    body["author"] = _authors(ctx, kind, row)
    body["title"] = kind.title
    if kind.restricted:
        body["confidentiality"] = "R"
    if kind.attester and (signer := values.first_staff(row.get(kind.attester, ""), HEALTH_ID)):
        body["attester"] = [{"mode": "legal", "party": signer}]
    body["custodian"] = ctx.facility()
    if kind.event:
        span = values.period(values.date_time(row.get(kind.event[0], "")), values.date_time(row.get(kind.event[1], "")))
        if span:
            body["event"] = [{"period": span}]
    body["section"] = sections
    return body


def _authors(ctx: Context, kind: DocumentKind, row: Row) -> list[JSON]:
    if kind.author is not None:
        code_field, name_field = kind.author
        name = row.get(name_field, "") if name_field else ""
        authors = values.staff(row.get(code_field, ""), kind.author_kind, name or None) if code_field else []
        if authors:
            return authors
        if name:
            return [{"type": "Practitioner", "display": name}]
    return [ctx.facility()]


@cache
def _layout(table: str, skip: frozenset[str], only: tuple[str, ...]) -> tuple[tuple[str, str, str, str], ...]:
    """(field, Vietnamese title, date format, section code) of the fields that may become sections."""
    layout = spec.table(table)
    names = only or tuple(f.name for f in layout.fields if f.name not in skip)
    out = []
    for name in names:
        field_spec = layout.field(name)
        out.append((name, title(table, name), field_spec.date_format if field_spec else "", f"{table}.{name}"))
    return tuple(out)


def _sections(kind: DocumentKind, row: Row) -> list[JSON]:
    sections = []
    for name, heading, date_format, section_code in _layout(kind.table, kind.skip, kind.only):
        value = row.get(name, "")
        if not value:
            continue
        shown = values.readable(value, date_format)
        meanings = ENUMERATIONS.get(name)
        if meanings is not None and (meaning := meanings.get(value)):
            shown = f"{value} – {meaning}"
        sections.append(
            {
                "title": heading,
                "code": {"coding": [{"system": systems.FIELD, "code": section_code}]},
                "text": values.narrative(shown),
            }
        )
    return sections
