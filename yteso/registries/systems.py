"""Canonical URLs of the registries' catalogs, code systems and the few extensions they write.

Identifier systems (CCCD, MA_CSKCB, CCHN, GTIN …) live in :mod:`yteso.core.ids`; this module holds
the URLs of the *catalogs* (CodeSystem / ValueSet) and of the registry-specific codes. National
catalogs follow the pattern of ``ICD10_VN_SYSTEM`` (``{VN_CORE}/CodeSystem/<name>``): the VN Core
IG drafts publish no URL for them, so these are our choice, kept here so a change is one line.
"""

from __future__ import annotations

from yteso.core.ids import ICD10_SYSTEM, ICD10_VN_SYSTEM, VN_CORE

# --- national catalogs (CodeSystem url; the "all codes" ValueSet uses /ValueSet/ with the same name)
ICD10_VN = ICD10_VN_SYSTEM
"""ICD-10 with Vietnamese names, QĐ 4469/QĐ-BYT (2020)."""
ICD10_WHO = ICD10_SYSTEM
PROVINCE_63 = f"{VN_CORE}/CodeSystem/province-vn"
"""The 63 provinces before 01/07/2025 (GSO 2-digit codes, CCCD prefixes)."""
PROVINCE_34 = f"{VN_CORE}/CodeSystem/province-vn-2025"
"""The 34 provinces since 01/07/2025."""
ADMIN_UNIT = f"{VN_CORE}/CodeSystem/administrative-unit-vn"
"""Provinces (2 digits), districts (3 digits) and communes (5 digits), list of 11/06/2024."""
DVKT = f"{VN_CORE}/CodeSystem/dvkt-qd4440"
"""Technical services (dịch vụ kỹ thuật), equivalent codes of QĐ 4440/QĐ-BYT annex 3."""
ICD9CM = "http://hl7.org/fhir/sid/icd-9-cm"
"""ICD-9-CM Vol. 3 procedures; our CodeSystem holds the Vietnamese-named fragment of QĐ 4440."""

# --- registry codes
FACILITY_TYPE = f"{VN_CORE}/CodeSystem/facility-type"
"""Kind of facility (loại hình cơ sở): BV hospital, TTYT district health centre, PK clinic …"""
FACILITY_LEVEL = f"{VN_CORE}/CodeSystem/facility-level"
"""Tier (tuyến): 1 central, 2 province, 3 district, 4 commune."""
PRACTITIONER_TITLE = f"{VN_CORE}/CodeSystem/practitioner-title"
"""Professional title (chức danh chuyên môn) under which a licence is issued."""
LICENCE_STATUS = f"{VN_CORE}/CodeSystem/licence-status"
DRUG_REGISTRATION = f"{VN_CORE}/sid/so-dang-ky"
"""Marketing-authorisation number of a drug (số đăng ký, e.g. VD-12345-21). An identifier
system: to move into :mod:`yteso.core.ids` when another package needs it."""
DEVICE_REGISTRATION = f"{VN_CORE}/sid/so-luu-hanh"
"""Circulation number of a medical device (số lưu hành, Nghị định 98/2021)."""
BHYT_DRUG_CODE = f"{VN_CORE}/CodeSystem/ma-thuoc-bhyt"
"""Active-ingredient code of the BHYT common code set (MA_THUOC in XML2, e.g. 40.17)."""
SUPPLY_CODE = f"{VN_CORE}/CodeSystem/ma-vat-tu"
"""Medical-supply code of the BHXH portal (MA_VAT_TU in XML3)."""
DEVICE_CLASS = f"{VN_CORE}/CodeSystem/device-risk-class"
"""Risk class A-D of a medical device (Nghị định 98/2021/NĐ-CP)."""

EXT_LICENCE_STATUS = f"{VN_CORE}/StructureDefinition/ext-licence-status"
"""Status of a practising certificate (active, suspended, revoked) on a Practitioner.qualification."""

GS1_DI_ISSUER = "http://hl7.org/fhir/NamingSystem/gs1-di"
"""``Device.udiCarrier.issuer`` for GS1 device identifiers (R4 guidance)."""


def valueset_url(system: str) -> str:
    """The "all codes" ValueSet of one of our CodeSystems (``…/CodeSystem/x`` → ``…/ValueSet/x``)."""
    if "/CodeSystem/" in system:
        return system.replace("/CodeSystem/", "/ValueSet/", 1)
    return f"{system}{IMPLICIT_VS}"


IMPLICIT_VS = "?fhir_vs"
"""FHIR's implicit "all codes" ValueSet of any code system: ``<system>?fhir_vs``."""
