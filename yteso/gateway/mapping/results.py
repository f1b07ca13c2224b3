"""Paraclinical results (XML4) → one Observation per row, grouped in a DiagnosticReport per service.

A group is one service (MA_DICH_VU) with one result time (NGAY_KQ), so a test done twice in a
stay makes two reports. The service's name, cost group (lab / imaging / functional test) and
execution time come from its XML3 line when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yteso.gateway.mapping import systems, values, vocab
from yteso.gateway.mapping.context import Context, row_keys
from yteso.gateway.mapping.values import HEALTH_ID, JSON
from yteso.gateway.xml4750.model import Row

_COMPARATORS = ("<=", ">=", "<", ">")
_UNNAMED = "Kết quả cận lâm sàng"


@dataclass(slots=True)
class Reports:
    """Ids of the DiagnosticReports of a dossier, to link XML3 Procedures to them."""

    by_service_time: dict[tuple[str, str], str] = field(default_factory=dict)
    by_service: dict[str, str] = field(default_factory=dict)

    def for_service(self, service: str, result_time: str) -> str | None:
        return self.by_service_time.get((service, result_time)) or self.by_service.get(service)


def diagnostic_results(ctx: Context) -> tuple[list[JSON], Reports]:
    rows = ctx.rows("XML4")
    reports = Reports()
    if not rows:
        return [], reports
    services: dict[str, Row] = {}
    services_at: dict[tuple[str, str], Row] = {}
    for service_row in ctx.rows("XML3"):
        service = service_row.get("MA_DICH_VU", "")
        services.setdefault(service, service_row)
        services_at.setdefault((service, service_row.get("NGAY_KQ", "")), service_row)
    groups: dict[tuple[str, str], list[tuple[str, Row]]] = {}
    for key, row in zip(row_keys(rows, "XML4"), rows, strict=True):
        groups.setdefault((row.get("MA_DICH_VU", ""), row.get("NGAY_KQ", "")), []).append((key, row))
    out: list[JSON] = []
    for (service, result_time), members in groups.items():
        line: Row | None = services_at.get((service, result_time)) or services.get(service)
        report_id = ctx.ids("DiagnosticReport", f"{service}|{result_time}")
        category = vocab.RESULT_CATEGORY.get(line.get("MA_NHOM", "") if line else "", ("laboratory", "LAB"))
        effective = values.date_time(line.get("NGAY_TH_YL", "")) if line else None
        issued = values.instant(result_time)
        observations = [_observation(ctx, key, row, category[0], effective, issued) for key, row in members]
        out.extend(observations)
        out.append(_report(ctx, report_id, service, line, members, observations, category[1], effective, issued))
        if service:
            reports.by_service_time[(service, result_time)] = report_id
            reports.by_service.setdefault(service, report_id)
    return out, reports


def _concept(system: str, raw_code: str, name: str) -> JSON:
    """What was measured or done: the code (with the name as display) and the name as text."""
    code = values.code(raw_code)
    if code is None:
        return {"text": name or _UNNAMED}
    coding = {"system": system, "code": code, "display": name} if name else {"system": system, "code": code}
    return {"coding": [coding], "text": name or code}


def _observation(ctx: Context, key: str, row: Row, category: str, effective: str | None, issued: str | None) -> JSON:
    get = row.get
    body: JSON = {
        "resourceType": "Observation",
        "id": ctx.ids("Observation", key),
        "status": "final",
        "category": [{"coding": [{"system": systems.OBSERVATION_CATEGORY, "code": category}]}],
        "code": _concept(systems.CHI_SO_CLS, get("MA_CHI_SO", ""), get("TEN_CHI_SO", "")),
        "subject": ctx.patient(),
        "encounter": ctx.encounter(),
    }
    when = effective or issued
    if when:
        body["effectiveDateTime"] = when
    if issued:
        body["issued"] = issued
    if performers := values.staff(get("MA_BS_DOC_KQ", ""), HEALTH_ID):
        body["performer"] = performers
    description = get("MO_TA", "")
    value = result_value(get("GIA_TRI", ""), get("DON_VI_DO", ""))
    if value is not None:
        body[value[0]] = value[1]
    elif description:
        body["valueString"] = description
        description = ""
    if conclusion := get("KET_LUAN", ""):
        body["interpretation"] = [{"text": conclusion}]
    if description:
        body["note"] = [{"text": description}]
    return body


def result_value(text: str, unit: str) -> tuple[str, JSON | str] | None:
    """GIA_TRI → ``("valueQuantity", {...})`` when numeric (``<0.5`` gives a comparator),
    else ``("valueString", text)``."""
    if not text:
        return None
    comparator = ""
    number_text = text
    if text[0] in "<>":
        for sign in _COMPARATORS:
            if text.startswith(sign):
                comparator, number_text = sign, text[len(sign) :].strip()
                break
    amount = values.number(number_text)
    if amount is None:
        return "valueString", text
    quantity: JSON = {"value": amount}
    if comparator:
        quantity["comparator"] = comparator
    if unit:
        quantity["unit"] = unit
    return "valueQuantity", quantity


def _report(
    ctx: Context,
    report_id: str,
    service: str,
    line: Row | None,
    members: list[tuple[str, Row]],
    observations: list[JSON],
    section: str,
    effective: str | None,
    issued: str | None,
) -> JSON:
    name = (line.get("TEN_DICH_VU", "") if line else "") or ""
    body: JSON = {
        "resourceType": "DiagnosticReport",
        "id": report_id,
        "status": "final",
        "category": [{"coding": [{"system": systems.V2_0074, "code": section}]}],
        "code": _concept(systems.DVKT, service, name),
        "subject": ctx.patient(),
        "encounter": ctx.encounter(),
    }
    when = effective or issued
    if when:
        body["effectiveDateTime"] = when
    if issued:
        body["issued"] = issued
    body["performer"] = [ctx.facility()]
    readers: dict[str, JSON] = {}
    for _, row in members:
        for ref in values.staff(row.get("MA_BS_DOC_KQ", ""), HEALTH_ID):
            readers.setdefault(ref["identifier"]["value"], ref)
    if readers:
        body["resultsInterpreter"] = list(readers.values())
    body["result"] = [ctx.ref("Observation", obs["id"]) for obs in observations]
    conclusions = list(dict.fromkeys(c for _, row in members if (c := row.get("KET_LUAN", ""))))
    if conclusions:
        body["conclusion"] = "; ".join(conclusions)
    return body
