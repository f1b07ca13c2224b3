"""Identifier systems (VN Core IG, http://fhir.hl7.org.vn/core) — the one place they are spelled.

Validation rules for the identifiers are re-exported here from :mod:`yteso.core.id_rules` (people)
and :mod:`yteso.core.id_rules_codes` (facilities, products, staff); import them from this module.
"""

from __future__ import annotations

from collections.abc import Callable

from yteso.core.id_rules import (
    BHYT_BENEFIT_PERCENT,
    BHYT_OBJECT_CODES,
    BHYT_OTHER_OBJECT_CODES,
    CCCD_CENTURIES,
    BhxhInfo,
    BhytCardInfo,
    CccdInfo,
    CmndInfo,
    IdentifierError,
    cccd_century_digit,
    normalize_sex,
    validate_bhxh_number,
    validate_bhyt_card,
    validate_cccd,
    validate_cmnd,
)
from yteso.core.id_rules_codes import (
    GTIN_LENGTHS,
    CchnInfo,
    FacilityCodeInfo,
    GtinInfo,
    MaLkInfo,
    PassportInfo,
    gtin_check_digit,
    validate_cchn,
    validate_facility_code,
    validate_gtin,
    validate_ma_lk,
    validate_passport,
)

VN_CORE = "http://fhir.hl7.org.vn/core"

CCCD_SYSTEM = f"{VN_CORE}/sid/cccd"
"""Citizen ID (số định danh cá nhân / căn cước công dân), 12 digits."""
BHYT_SYSTEM = f"{VN_CORE}/sid/bhyt"
"""Health-insurance card number (mã thẻ BHYT)."""
MA_CSKCB_SYSTEM = f"{VN_CORE}/sid/ma-cskcb"
"""Facility code (mã cơ sở khám chữa bệnh)."""
CCHN_SYSTEM = f"{VN_CORE}/sid/cchn"
"""Practising-certificate number (chứng chỉ hành nghề)."""
MA_LK_SYSTEM = f"{VN_CORE}/sid/ma-lk"
"""Visit key (mã liên kết) of a claims dossier; assigner is the facility."""
PASSPORT_SYSTEM = f"{VN_CORE}/sid/passport"
"""Passport number (hộ chiếu)."""
BHXH_SYSTEM = f"{VN_CORE}/sid/bhxh"
"""Social-insurance number (mã số BHXH), 10 digits."""
GTIN_SYSTEM = "https://www.gs1.org/gtin"
"""GS1 Global Trade Item Number of a product."""

ICD10_SYSTEM = "http://hl7.org/fhir/sid/icd-10"
ICD10_VN_SYSTEM = f"{VN_CORE}/CodeSystem/icd-10-vn"
"""ICD-10 with Vietnamese names (QĐ 4469/QĐ-BYT)."""

# VN Core extensions used by the platform.
EXT_ETHNICITY = f"{VN_CORE}/StructureDefinition/ext-ethnicity"
EXT_OCCUPATION = f"{VN_CORE}/StructureDefinition/ext-occupation"
EXT_PRIMARY_CARE_FACILITY = f"{VN_CORE}/StructureDefinition/ext-primary-care-facility"
EXT_ADMINISTRATIVE_ADDRESS = f"{VN_CORE}/StructureDefinition/ext-administrative-address"


VALIDATORS: dict[str, Callable[[str], object]] = {
    CCCD_SYSTEM: validate_cccd,
    BHYT_SYSTEM: validate_bhyt_card,
    MA_CSKCB_SYSTEM: validate_facility_code,
    CCHN_SYSTEM: validate_cchn,
    MA_LK_SYSTEM: validate_ma_lk,
    PASSPORT_SYSTEM: validate_passport,
    BHXH_SYSTEM: validate_bhxh_number,
    GTIN_SYSTEM: validate_gtin,
}
"""Identifier system → format check, for code that holds a FHIR ``Identifier`` (system, value)."""


def validate_identifier(system: str, value: str) -> object | None:
    """Check ``value`` by the rule of ``system``; ``None`` when we have no rule for that system.

    Raises :class:`IdentifierError` when a rule is broken. Returns the parsed parts otherwise.
    """
    validator = VALIDATORS.get(system)
    return validator(value) if validator is not None else None


__all__ = [
    "BHXH_SYSTEM",
    "BHYT_BENEFIT_PERCENT",
    "BHYT_OBJECT_CODES",
    "BHYT_OTHER_OBJECT_CODES",
    "BHYT_SYSTEM",
    "CCCD_CENTURIES",
    "CCCD_SYSTEM",
    "CCHN_SYSTEM",
    "EXT_ADMINISTRATIVE_ADDRESS",
    "EXT_ETHNICITY",
    "EXT_OCCUPATION",
    "EXT_PRIMARY_CARE_FACILITY",
    "GTIN_LENGTHS",
    "GTIN_SYSTEM",
    "ICD10_SYSTEM",
    "ICD10_VN_SYSTEM",
    "MA_CSKCB_SYSTEM",
    "MA_LK_SYSTEM",
    "PASSPORT_SYSTEM",
    "VALIDATORS",
    "VN_CORE",
    "BhxhInfo",
    "BhytCardInfo",
    "CccdInfo",
    "CchnInfo",
    "CmndInfo",
    "FacilityCodeInfo",
    "GtinInfo",
    "IdentifierError",
    "MaLkInfo",
    "PassportInfo",
    "cccd_century_digit",
    "gtin_check_digit",
    "normalize_sex",
    "validate_bhxh_number",
    "validate_bhyt_card",
    "validate_cccd",
    "validate_cchn",
    "validate_cmnd",
    "validate_facility_code",
    "validate_gtin",
    "validate_identifier",
    "validate_ma_lk",
    "validate_passport",
]
