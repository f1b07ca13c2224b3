"""Who the dossier is about (XML1, completed from the check-in XML0): what patient linking needs, and the Patient."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from yteso.core.ids import (
    BHYT_SYSTEM,
    CCCD_SYSTEM,
    EXT_ADMINISTRATIVE_ADDRESS,
    EXT_ETHNICITY,
    EXT_OCCUPATION,
    EXT_PRIMARY_CARE_FACILITY,
)
from yteso.gateway.mapping import systems, values
from yteso.gateway.mapping.vocab import SEX
from yteso.gateway.xml4750.model import Dossier


@dataclass(frozen=True)
class Demographics:
    """The patient as the facility described them (XML1, else the check-in record XML0)."""

    cccd: str | None
    """SO_CCCD when it is a 12-digit citizen ID (an old 9-digit CMND, passport or e-ID code is not)."""
    full_name: str
    birth_date: str | None
    """FHIR date of the precision NGAY_SINH gives: YYYY, YYYY-MM or YYYY-MM-DD."""
    sex: str | None
    """'male' | 'female' | None (GIOI_TINH 3 'chưa xác định', or missing)."""
    bhyt_card: str | None
    """The last card of MA_THE_BHYT (a new card issued during the stay is listed last)."""
    phone: str | None
    province_code: str | None
    """MATINH_CU_TRU, 2 digits."""
    address: str | None
    ethnicity: str | None
    """MA_DANTOC."""
    occupation: str | None
    """MA_NGHE_NGHIEP; None for '00000' (no occupation)."""
    primary_care_facility: str | None
    """MA_DKBD of that card: the facility of initial registration."""


def demographics(dossier: Dossier) -> Demographics:
    """The patient of ``dossier``; XML0 (check-in) fills what XML1 leaves empty.

    Raises ValueError when the dossier has neither XML1 nor XML0.
    """
    summary = dossier.summary
    checkin_rows = dossier.tables.get("XML0") or []
    checkin = checkin_rows[-1] if checkin_rows else None
    if summary is None and checkin is None:
        raise ValueError("the dossier has no XML1 (tổng hợp) nor XML0 (check-in) record")

    def get(name: str) -> str:
        value = summary.get(name, "") if summary is not None else ""
        if not value and checkin is not None:
            value = checkin.get(name, "")
        return value.strip()

    cccd = get("SO_CCCD")
    occupation = get("MA_NGHE_NGHIEP")
    cards = values.split(get("MA_THE_BHYT"))
    registrations = values.split(get("MA_DKBD"))
    return Demographics(
        cccd=cccd if len(cccd) == 12 and cccd.isascii() and cccd.isdigit() else None,
        full_name=" ".join(get("HO_TEN").split()),
        birth_date=values.birth_date(get("NGAY_SINH")),
        sex=SEX.get(get("GIOI_TINH")),
        bhyt_card=cards[-1] if cards else None,
        phone=get("DIEN_THOAI") or None,
        province_code=get("MATINH_CU_TRU") or None,
        address=get("DIA_CHI") or None,
        ethnicity=get("MA_DANTOC") or None,
        occupation=occupation if occupation.strip("0") else None,
        primary_care_facility=registrations[-1] if registrations else None,
    )


def patient_resource(demo: Demographics, patient_id: str) -> dict[str, Any]:
    """A FHIR Patient of ``demo`` with id ``patient_id``: CCCD and BHYT identifiers, name, address,
    and the VN Core extensions for ethnicity, occupation and primary-care facility."""
    body: dict[str, Any] = {"resourceType": "Patient", "id": patient_id}
    identifiers = []
    if demo.cccd:
        identifiers.append({"use": "official", "system": CCCD_SYSTEM, "value": demo.cccd})
    if demo.bhyt_card and (card := values.code(demo.bhyt_card)):
        identifiers.append({"system": BHYT_SYSTEM, "value": card})
    if identifiers:
        body["identifier"] = identifiers
    if demo.full_name:
        body["name"] = [human_name(demo.full_name)]
    if demo.phone:
        body["telecom"] = [{"system": "phone", "value": demo.phone}]
    if demo.sex:
        body["gender"] = demo.sex
    if demo.birth_date:
        body["birthDate"] = demo.birth_date
    if demo.address or demo.province_code:
        body["address"] = [_address(demo)]
    extensions = _extensions(demo)
    if extensions:
        body["extension"] = extensions
    return body


def human_name(full_name: str) -> dict[str, Any]:
    """A Vietnamese name, family name first: ``NGUYỄN VĂN AN`` → family NGUYỄN, given [VĂN, AN]."""
    parts = full_name.split()
    name: dict[str, Any] = {"use": "official", "text": full_name}
    if len(parts) > 1:
        name["family"] = parts[0]
        name["given"] = parts[1:]
    return name


def _address(demo: Demographics) -> dict[str, Any]:
    address: dict[str, Any] = {"use": "home"}
    if demo.address:
        address["text"] = demo.address
    address["country"] = "VN"
    if demo.province_code and (province := values.code(demo.province_code)):
        address["extension"] = [
            {
                "url": EXT_ADMINISTRATIVE_ADDRESS,
                "extension": [{"url": "province", "valueCoding": {"system": systems.ADMIN_UNIT, "code": province}}],
            }
        ]
    return address


def _extensions(demo: Demographics) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if demo.ethnicity and (ethnicity := values.code(demo.ethnicity)):
        out.append({"url": EXT_ETHNICITY, "valueCoding": {"system": systems.ETHNICITY, "code": ethnicity}})
    if demo.occupation and (occupation := values.code(demo.occupation)):
        out.append({"url": EXT_OCCUPATION, "valueCoding": {"system": systems.OCCUPATION, "code": occupation}})
    if demo.primary_care_facility and (registered := values.code(demo.primary_care_facility)):
        out.append({"url": EXT_PRIMARY_CARE_FACILITY, "valueReference": values.facility(registered)})
    return out
