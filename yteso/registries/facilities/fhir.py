"""A facility as FHIR: an Organization (the legal entity) and a Location (the site it runs).

Both carry the facility code (MA_CSKCB) as an identifier of the VN Core system; the Location's
``managingOrganization`` points at the Organization. Status maps to ``Organization.active`` and
``Location.status`` (active / suspended / inactive).
"""

from __future__ import annotations

from typing import Any

from yteso.core.ids import EXT_ADMINISTRATIVE_ADDRESS, MA_CSKCB_SYSTEM
from yteso.registries import geography, systems
from yteso.registries.facilities.schema import FACILITY_LEVELS, FACILITY_TYPES, Facility
from yteso.registries.upsert import Key, Planned, Resolver

LOCATION_PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type"


def organization_key(code: str) -> Key:
    return Key.identifier("Organization", MA_CSKCB_SYSTEM, code)


def location_key(code: str) -> Key:
    return Key.identifier("Location", MA_CSKCB_SYSTEM, code)


def facility_id(code: str) -> str:
    """Deterministic id of a facility's Organization and Location (``cskcb-01001``): the code is public."""
    return f"cskcb-{code.lower()}"


def plans(f: Facility, owner: int) -> list[Planned]:
    return [
        Planned(organization_key(f.code), facility_id(f.code), lambda _r: organization(f), owner),
        Planned(location_key(f.code), facility_id(f.code), lambda r: location(f, r), owner),
    ]


def organization(f: Facility) -> dict[str, Any]:
    body: dict[str, Any] = {
        "resourceType": "Organization",
        "identifier": [{"use": "official", "system": MA_CSKCB_SYSTEM, "value": f.code}],
        "active": f.status == "active",
        "type": _types(f),
        "name": f.name,
    }
    if f.phone:
        body["telecom"] = [{"system": "phone", "value": f.phone, "use": "work"}]
    body["address"] = [address(f)]
    return body


def location(f: Facility, resolver: Resolver) -> dict[str, Any]:
    body: dict[str, Any] = {
        "resourceType": "Location",
        "identifier": [{"use": "official", "system": MA_CSKCB_SYSTEM, "value": f.code}],
        "status": f.status,
        "name": f.name,
        "mode": "instance",
        "type": _types(f),
    }
    if f.phone:
        body["telecom"] = [{"system": "phone", "value": f.phone, "use": "work"}]
    body["address"] = address(f)
    body["physicalType"] = {"coding": [{"system": LOCATION_PHYSICAL_TYPE, "code": "bu", "display": "Building"}]}
    org = resolver.reference(organization_key(f.code))
    body["managingOrganization"] = {
        **({"reference": org} if org else {}),
        "identifier": {"system": MA_CSKCB_SYSTEM, "value": f.code},
        "display": f.name,
    }
    return body


def _types(f: Facility) -> list[dict[str, Any]]:
    types = [
        {
            "coding": [{"system": systems.FACILITY_TYPE, "code": f.type, "display": FACILITY_TYPES.vi(f.type)}],
            "text": FACILITY_TYPES.vi(f.type),
        }
    ]
    if f.level:
        types.append(
            {
                "coding": [{"system": systems.FACILITY_LEVEL, "code": f.level, "display": FACILITY_LEVELS.vi(f.level)}],
                "text": FACILITY_LEVELS.vi(f.level),
            }
        )
    return types


def address(f: Facility) -> dict[str, Any]:
    """Street in ``line``, commune in ``city``, district in ``district``, province in ``state``; the
    codes of the units in the VN Core administrative-address extension."""
    province = geography.province_name(f.province_code) or f.province_code
    c = f.commune
    parts = [f.address, c.name if c else None, c.district_name if c else None, province]
    addr: dict[str, Any] = {"use": "work", "text": ", ".join(p for p in parts if p)}
    if f.address:
        addr["line"] = [f.address]
    if c:
        addr["city"] = c.name
        addr["district"] = c.district_name
    addr["state"] = province
    addr["country"] = "VN"
    units = [("province", f.province_code, province)]
    if c:
        units += [("district", c.district_code, c.district_name), ("ward", c.code, c.name)]
    addr["extension"] = [
        {
            "url": EXT_ADMINISTRATIVE_ADDRESS,
            "extension": [
                {"url": part, "valueCoding": {"system": systems.ADMIN_UNIT, "code": code, "display": name}}
                for part, code, name in units
            ],
        }
    ]
    return addr
