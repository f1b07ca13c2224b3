"""A licensed practitioner as FHIR: a Practitioner (the person and the licence) and a PractitionerRole
(practice under that licence at a facility).

The Practitioner carries the certificate number (CCHN system) and the citizen ID (CCCD system), so it
links to the person's Patient record and to the population database; the licence itself is
``qualification`` (number, title, issuing authority, issue date, status). Both resources are keyed by
the certificate number: one Practitioner per licence.
"""

from __future__ import annotations

from typing import Any

from yteso.core.ids import CCCD_SYSTEM, CCHN_SYSTEM, MA_CSKCB_SYSTEM
from yteso.registries import systems
from yteso.registries.facilities.fhir import organization_key
from yteso.registries.practitioners.schema import TITLES, PractitionerRow
from yteso.registries.upsert import Key, Planned, Resolver, stable_id
from yteso.registries.values import STATUS


def practitioner_key(cchn: str) -> Key:
    return Key.identifier("Practitioner", CCHN_SYSTEM, cchn)


def role_key(cchn: str) -> Key:
    return Key.identifier("PractitionerRole", CCHN_SYSTEM, cchn)


def plans(p: PractitionerRow, owner: int) -> list[Planned]:
    return [
        Planned(practitioner_key(p.cchn), stable_id("Practitioner", p.cchn), lambda _r: practitioner(p), owner),
        Planned(role_key(p.cchn), stable_id("PractitionerRole", p.cchn), lambda r: role(p, r), owner),
    ]


def human_name(full: str) -> dict[str, Any]:
    """Vietnamese order: family name first, then middle and given names."""
    parts = full.split()
    name: dict[str, Any] = {"use": "official", "text": full, "family": parts[0]}
    if len(parts) > 1:
        name["given"] = parts[1:]
    return name


def _title(p: PractitionerRow) -> dict[str, Any]:
    return {
        "coding": [{"system": systems.PRACTITIONER_TITLE, "code": p.title, "display": TITLES.vi(p.title)}],
        "text": TITLES.vi(p.title),
    }


def practitioner(p: PractitionerRow) -> dict[str, Any]:
    licence_id = {"use": "official", "system": CCHN_SYSTEM, "value": p.cchn, "assigner": {"display": p.issuer}}
    qualification: dict[str, Any] = {
        "extension": [
            {
                "url": systems.EXT_LICENCE_STATUS,
                "valueCoding": {"system": systems.LICENCE_STATUS, "code": p.status, "display": STATUS.vi(p.status)},
            }
        ],
        "identifier": [{"system": CCHN_SYSTEM, "value": p.cchn}],
        "code": _title(p),
        "issuer": {"display": p.issuer},
    }
    if p.issued:
        qualification["period"] = {"start": p.issued.isoformat()}
    body: dict[str, Any] = {
        "resourceType": "Practitioner",
        "identifier": [licence_id, {"use": "secondary", "system": CCCD_SYSTEM, "value": p.cccd}],
        "active": p.status == "active",
        "name": [human_name(p.name)],
        "gender": p.sex,
    }
    if p.birth_date:
        body["birthDate"] = p.birth_date.isoformat()
    body["qualification"] = [qualification]
    return body


def role(p: PractitionerRow, resolver: Resolver) -> dict[str, Any]:
    body: dict[str, Any] = {
        "resourceType": "PractitionerRole",
        "identifier": [{"system": CCHN_SYSTEM, "value": p.cchn}],
        "active": p.status == "active",
        "practitioner": {"reference": f"Practitioner/{resolver.id(practitioner_key(p.cchn))}", "display": p.name},
    }
    if p.facility:
        org = resolver.reference(organization_key(p.facility))
        body["organization"] = {
            **({"reference": org} if org else {}),
            "identifier": {"system": MA_CSKCB_SYSTEM, "value": p.facility},
        }
    body["code"] = [_title(p)]
    body["specialty"] = [{"text": p.scope}]
    return body
