"""Products as FHIR: a Medication or a Device, each carrying its GTIN (GS1 system, 14-digit form)."""

from __future__ import annotations

import re
from typing import Any

from yteso.core.ids import GTIN_SYSTEM
from yteso.registries import systems
from yteso.registries.products.schema import DEVICE_CLASSES, DeviceRow, MedicationRow
from yteso.registries.upsert import Key, Planned

UCUM = "http://unitsofmeasure.org"
_UNITS = {"mg": "mg", "g": "g", "mcg": "ug", "µg": "ug", "ug": "ug", "ml": "mL", "l": "L", "iu": "[iU]",
          "ui": "[iU]", "%": "%"}  # fmt: skip
_AMOUNT = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*(mg|g|mcg|µg|ug|ml|l|iu|ui|%)\s*", re.IGNORECASE)


def medication_key(gtin14: str) -> Key:
    return Key.identifier("Medication", GTIN_SYSTEM, gtin14)


def device_key(gtin14: str) -> Key:
    return Key.identifier("Device", GTIN_SYSTEM, gtin14)


def medication_plans(m: MedicationRow, owner: int) -> list[Planned]:
    return [Planned(medication_key(m.gtin), f"gtin-{m.gtin}", lambda _r: medication(m), owner)]


def device_plans(d: DeviceRow, owner: int) -> list[Planned]:
    return [Planned(device_key(d.gtin), f"gtin-{d.gtin}", lambda _r: device(d), owner)]


def _quantity(text: str) -> dict[str, Any] | None:
    m = _AMOUNT.fullmatch(text)
    if not m:
        return None
    unit = m.group(2)
    code = _UNITS[unit.lower()] if unit != "µg" else "ug"
    return {"value": float(m.group(1).replace(",", ".")), "unit": unit, "system": UCUM, "code": code}


def strength(text: str) -> dict[str, Any] | None:
    """``500mg`` → 500 mg per 1; ``250mg/5ml`` → 250 mg per 5 mL; anything else → ``None``."""
    numerator_text, _, denominator_text = text.partition("/")
    numerator = _quantity(numerator_text)
    if numerator is None:
        return None
    if not denominator_text:
        return {"numerator": numerator, "denominator": {"value": 1}}
    denominator = _quantity(denominator_text) or (
        {"value": 1, "unit": denominator_text.strip()} if denominator_text.strip().isalpha() else None
    )
    return {"numerator": numerator, "denominator": denominator} if denominator else None


def _ingredients(m: MedicationRow) -> list[dict[str, Any]]:
    names = [n.strip() for n in m.ingredient.split("+")]
    strengths = [s.strip() for s in (m.strength or "").split("+")] if m.strength else []
    if len(strengths) != len(names):
        strengths = [m.strength or ""] if len(names) == 1 else [""] * len(names)
    out = []
    for name, amount in zip(names, strengths, strict=True):
        item: dict[str, Any] = {"itemCodeableConcept": {"text": f"{name} {amount}".strip()}, "isActive": True}
        ratio = strength(amount) if amount else None
        if ratio:
            item["strength"] = ratio
        out.append(item)
    return out


def medication(m: MedicationRow) -> dict[str, Any]:
    identifiers = [{"use": "official", "system": GTIN_SYSTEM, "value": m.gtin}]
    if m.registration:
        identifiers.append({"system": systems.DRUG_REGISTRATION, "value": m.registration})
    code: dict[str, Any] = {"text": m.name}
    if m.bhyt_code:
        code["coding"] = [{"system": systems.BHYT_DRUG_CODE, "code": m.bhyt_code, "display": m.ingredient}]
    body: dict[str, Any] = {
        "resourceType": "Medication",
        "identifier": identifiers,
        "code": code,
        "status": "active" if m.status == "active" else "inactive",
    }
    if m.manufacturer:
        body["manufacturer"] = {"display": f"{m.manufacturer} ({m.country})" if m.country else m.manufacturer}
    if m.form:
        body["form"] = {"text": m.form}
    body["ingredient"] = _ingredients(m)
    extras = [x for x in (m.route and f"Đường dùng: {m.route}", m.unit and f"Đơn vị tính: {m.unit}") if x]
    if extras:
        body["code"]["text"] = f"{m.name} ({'; '.join(extras)})"
    return body


def device(d: DeviceRow) -> dict[str, Any]:
    identifiers = [{"use": "official", "system": GTIN_SYSTEM, "value": d.gtin}]
    if d.registration:
        identifiers.append({"system": systems.DEVICE_REGISTRATION, "value": d.registration})
    body: dict[str, Any] = {
        "resourceType": "Device",
        "identifier": identifiers,
        "udiCarrier": [{"deviceIdentifier": d.gtin, "issuer": systems.GS1_DI_ISSUER}],
        "status": "active" if d.status == "active" else "inactive",
    }
    if d.manufacturer:
        body["manufacturer"] = d.manufacturer
    body["deviceName"] = [{"name": d.name, "type": "user-friendly-name"}]
    if d.model:
        body["modelNumber"] = d.model
    if d.supply_code:
        body["type"] = {"coding": [{"system": systems.SUPPLY_CODE, "code": d.supply_code}], "text": d.name}
    properties = []
    if d.risk_class:
        properties.append(
            {
                "type": {"text": "Phân loại rủi ro (NĐ 98/2021)"},
                "valueCode": [
                    {
                        "coding": [
                            {
                                "system": systems.DEVICE_CLASS,
                                "code": d.risk_class,
                                "display": DEVICE_CLASSES.vi(d.risk_class),
                            }
                        ]
                    }
                ],
            }
        )
    if d.country:
        properties.append({"type": {"text": "Nước sản xuất"}, "valueCode": [{"text": d.country}]})
    if d.unit:
        properties.append({"type": {"text": "Đơn vị tính"}, "valueCode": [{"text": d.unit}]})
    if properties:
        body["property"] = properties
    return body
