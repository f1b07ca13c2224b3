"""Canonical URLs used by the XML 4750 → FHIR mapping: external terminologies, our code systems, extensions.

Identifier systems (CCCD, BHYT, MA_CSKCB, CCHN, MA_LK, BHXH) come from :mod:`yteso.core.ids`; the
national catalogs the registries publish (ICD-10, DVKT, drug and supply codes, administrative
units) from :mod:`yteso.registries.systems`. The code lists of the claims standard itself
(MA_LOAI_KCB, KET_QUA_DTRI, MA_NHOM ...) have no published FHIR URL; like the registries we name
them ``{VN_CORE}/CodeSystem/<name>``, here, so a change is one line.
"""

from __future__ import annotations

from yteso.core.ids import VN_CORE
from yteso.registries import systems as catalogs

# --- external terminologies
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
V3_CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality"
V3_ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
V3_ACT_PRIORITY = "http://terminology.hl7.org/CodeSystem/v3-ActPriority"
V2_0074 = "http://terminology.hl7.org/CodeSystem/v2-0074"
"""Diagnostic service section (LAB, RAD, OTH) of a DiagnosticReport."""
V2_0131 = "http://terminology.hl7.org/CodeSystem/v2-0131"
V2_0276 = "http://terminology.hl7.org/CodeSystem/v2-0276"
"""Appointment reason codes (FOLLOWUP)."""
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
DIAGNOSIS_ROLE = "http://terminology.hl7.org/CodeSystem/diagnosis-role"
DISCHARGE_DISPOSITION = "http://terminology.hl7.org/CodeSystem/discharge-disposition"
ADMIT_SOURCE = "http://terminology.hl7.org/CodeSystem/admit-source"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
MEDREQ_CATEGORY = "http://terminology.hl7.org/CodeSystem/medicationrequest-category"
CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type"
PROCESS_PRIORITY = "http://terminology.hl7.org/CodeSystem/processpriority"
CLAIM_INFO_CATEGORY = "http://terminology.hl7.org/CodeSystem/claiminformationcategory"
DIAGNOSIS_TYPE = "http://terminology.hl7.org/CodeSystem/ex-diagnosistype"
COVERAGE_CLASS = "http://terminology.hl7.org/CodeSystem/coverage-class"
COVERAGE_COPAY_TYPE = "http://terminology.hl7.org/CodeSystem/coverage-copay-type"
COVERAGE_SELFPAY = "http://terminology.hl7.org/CodeSystem/coverage-selfpay"
SUBSCRIBER_RELATIONSHIP = "http://terminology.hl7.org/CodeSystem/subscriber-relationship"
URI_IDENTIFIER = "urn:ietf:rfc:3986"

# --- FHIR core extensions
PATIENT_BIRTH_TIME = "http://hl7.org/fhir/StructureDefinition/patient-birthTime"
PATIENT_BIRTH_PLACE = "http://hl7.org/fhir/StructureDefinition/patient-birthPlace"

# --- national catalogs (owned by the registries)
ICD9CM = catalogs.ICD9CM
DVKT = catalogs.DVKT
"""MA_DICH_VU of XML3/XML4 (mã dịch vụ kỹ thuật dùng chung)."""
DRUG = catalogs.BHYT_DRUG_CODE
"""MA_THUOC of XML2 (mã hoạt chất)."""
SUPPLY = catalogs.SUPPLY_CODE
"""MA_VAT_TU of XML3."""
DRUG_REGISTRATION = catalogs.DRUG_REGISTRATION
"""SO_DANG_KY of XML2 (an identifier system)."""
ADMIN_UNIT = catalogs.ADMIN_UNIT


def _cs(name: str) -> str:
    return f"{VN_CORE}/CodeSystem/{name}"


# --- code lists of the claims standard (QĐ 130/4750 and the common code sets it cites)
MA_LOAI_KCB = _cs("ma-loai-kcb")
"""Type of care (hình thức KBCB), QĐ 824/QĐ-BYT annex 1."""
MA_DOITUONG_KCB = _cs("ma-doituong-kcb")
"""Visit category (đối tượng KBCB), QĐ 824 annex 2 and successors."""
KET_QUA_DTRI = _cs("ket-qua-dtri")
MA_LOAI_RV = _cs("ma-loai-rv")
MA_NHOM = _cs("ma-nhom-chi-phi")
"""Cost group, QĐ 5937/QĐ-BYT annex 3."""
PHAM_VI = _cs("pham-vi-bhyt")
MA_PTTT = _cs("phuong-thuc-thanh-toan")
NGUON_CTRA = _cs("nguon-chi-tra")
DUONG_DUNG = _cs("duong-dung")
"""Route of administration (mã đường dùng)."""
CHI_SO_CLS = _cs("chi-so-cls")
"""Paraclinical indicator (MA_CHI_SO), QĐ 7603 annex 11."""
BENH_YHCT = _cs("benh-yhct")
"""Traditional-medicine disease codes (MA_BENH_YHCT)."""
LY_DO_VNT = _cs("ly-do-vao-noi-tru")
LY_DO_CT = _cs("ly-do-chuyen-tuyen")
TAI_NAN = _cs("tai-nan-thuong-tich")
"""Injury code (MA_TAI_NAN), QĐ 5937 annex 4."""
MA_KHOA = _cs("ma-khoa")
"""Department code (MA_KHOA), QĐ 5937 annex 5."""
ETHNICITY = _cs("dan-toc")
"""Ethnic group (MA_DANTOC), GSO list of 1979."""
OCCUPATION = _cs("nghe-nghiep")
"""Occupation (MA_NGHE_NGHIEP), QĐ 34/2020/QĐ-TTg."""
DOCUMENT = _cs("giay-to-xml4750")
"""Kind of document: the table it came from (XML1, XML5 ... XML15)."""
FIELD = _cs("chi-tieu-xml4750")
"""An element of a table, ``<table>.<element>`` (e.g. ``XML7.PP_DIEUTRI``): codes of Composition
sections and of Claim.supportingInfo."""

# --- extensions we define (no VN Core or FHIR core extension carries these)
EXT_CLAIM_TOTALS = f"{VN_CORE}/StructureDefinition/ext-bhyt-claim-totals"
"""Claim: the XML1 money totals (T_BHTT, T_BNCCT ...); one sub-extension per element, named after it."""
EXT_CLAIM_LINE = f"{VN_CORE}/StructureDefinition/ext-bhyt-claim-line"
"""Claim.item: amounts and billing details of one XML2/XML3 line, one sub-extension per element."""
EXT_TREATMENT_OUTCOME = f"{VN_CORE}/StructureDefinition/ext-treatment-outcome"
"""Encounter: treatment outcome (KET_QUA_DTRI), which R4 Encounter has no element for."""

BHXH_URL = "https://baohiemxahoi.gov.vn"
BHXH_NAME = "Bảo hiểm xã hội Việt Nam"
"""The payer of every BHYT claim, referenced logically by its web address (``urn:ietf:rfc:3986``)."""
