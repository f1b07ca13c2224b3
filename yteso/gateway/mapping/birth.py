"""Birth certificate (XML9, giấy chứng sinh) → the newborn's Patient, its birth weight, and the certificate.

The certificate (a Composition) has the mother — the dossier's patient — as subject: she receives
it and uses it to register the birth, so it belongs in her health book. The baby gets its own
Patient (deterministic id, temporary card MA_THE_TAM as identifier) and birth-weight Observation;
the patient index may later link that Patient to the child's record. The certificate's
"Trẻ sơ sinh" section points at both.
"""

from __future__ import annotations

from yteso.core.ids import BHYT_SYSTEM
from yteso.gateway.mapping import systems, values
from yteso.gateway.mapping.context import Context
from yteso.gateway.mapping.documents import KINDS, composition
from yteso.gateway.mapping.patient import human_name
from yteso.gateway.mapping.values import JSON
from yteso.gateway.mapping.vocab import SEX
from yteso.gateway.xml4750.model import Row


def birth_certificates(ctx: Context) -> list[JSON]:
    out: list[JSON] = []
    for index, row in enumerate(ctx.rows("XML9"), start=1):
        key = f"XML9:{index}"
        baby = newborn(ctx, row, key)
        entries = [ctx.ref("Patient", baby["id"])]
        out.append(baby)
        if weight := birth_weight(ctx, row, key, baby["id"]):
            out.append(weight)
            entries.append(ctx.ref("Observation", weight["id"]))
        section = {
            "title": "Trẻ sơ sinh",
            "code": {"coding": [{"system": systems.FIELD, "code": "XML9.CON"}]},
            "entry": entries,
        }
        if certificate := composition(ctx, KINDS["XML9"], row, key, [section]):
            out.append(certificate)
    return out


def newborn(ctx: Context, row: Row, key: str) -> JSON:
    """The baby: temporary card, intended name, sex, birth date and time, place of birth, parents as contacts."""
    body: JSON = {"resourceType": "Patient", "id": ctx.ids("Patient", f"newborn:{key}")}
    if (card := values.code(row.get("MA_THE_TAM", ""))) is not None:
        body["identifier"] = [{"type": {"text": "Mã thẻ BHYT tạm thời"}, "system": BHYT_SYSTEM, "value": card}]
    body["active"] = True
    if name := " ".join(row.get("HO_TEN_CON", "").split()):
        body["name"] = [human_name(name)]
    if sex := SEX.get(row.get("GIOI_TINH_CON", "")):
        body["gender"] = sex
    born = row.get("NGAY_SINH_CON", "")
    if birth_day := values.day(born):
        body["birthDate"] = birth_day
        if len(born) == 12 and (moment := values.date_time(born)):
            body["_birthDate"] = {"extension": [{"url": systems.PATIENT_BIRTH_TIME, "valueDateTime": moment}]}
    contacts = []
    if mother := " ".join(row.get("HO_TEN_NND", "").split()):
        contacts.append(_parent(mother, "MTH", "mother", row.get("NOI_CU_TRU_NND", "")))
    if father := " ".join(row.get("HO_TEN_CHA", "").split()):
        contacts.append(_parent(father, "FTH", "father", ""))
    if contacts:
        body["contact"] = contacts
    count = values.number(row.get("SO_CON", ""))
    if count is not None:
        body["multipleBirthBoolean"] = count > 1
    if place := row.get("NOI_SINH_CON", ""):
        body["extension"] = [{"url": systems.PATIENT_BIRTH_PLACE, "valueAddress": {"text": place}}]
    return body


def _parent(name: str, role: str, display: str, address: str) -> JSON:
    contact: JSON = {
        "relationship": [
            {
                "coding": [
                    {"system": systems.V3_ROLE_CODE, "code": role, "display": display},
                    {"system": systems.V2_0131, "code": "N", "display": "Next-of-Kin"},
                ]
            }
        ],
        "name": {"text": name},
    }
    if address:
        contact["address"] = {"text": address}
    return contact


def birth_weight(ctx: Context, row: Row, key: str, baby_id: str) -> JSON | None:
    """CAN_NANG_CON (grams) as LOINC 8339-4 on the baby, at the time of birth."""
    grams = values.number(row.get("CAN_NANG_CON", ""))
    if grams is None or grams <= 0:
        return None
    body: JSON = {
        "resourceType": "Observation",
        "id": ctx.ids("Observation", f"birth-weight:{key}"),
        "status": "final",
        "category": [
            {"coding": [{"system": systems.OBSERVATION_CATEGORY, "code": "vital-signs", "display": "Vital Signs"}]}
        ],
        "code": {
            "coding": [{"system": systems.LOINC, "code": "8339-4", "display": "Birth weight Measured"}],
            "text": "Cân nặng khi sinh",
        },
        "subject": ctx.ref("Patient", baby_id),
    }
    if born := values.date_time(row.get("NGAY_SINH_CON", "")):
        body["effectiveDateTime"] = born
    body["valueQuantity"] = {"value": grams, "unit": "g", "system": systems.UCUM, "code": "g"}
    return body
