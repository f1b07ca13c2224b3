"""Terminology operations: ``CodeSystem/$lookup``, ``CodeSystem/$validate-code``,
``ValueSet/$validate-code`` and ``ValueSet/$expand`` (FHIR R4 §4.8, §4.9).

Rules:
- a loaded catalog answers from the concept table; another CodeSystem/ValueSet stored through the FHIR
  API is read as the caller (access-checked, audited) and evaluated in memory;
- ``http://hl7.org/fhir/sid/icd-10`` is answered by the Vietnamese ICD-10 when it is not loaded itself
  (the codes are the WHO codes);
- ``filter`` is diacritic- and case-insensitive: every word must occur in the code, display or a
  designation (``dai thao duong`` finds ``Đái tháo đường``), or the filter is a code prefix; exact and
  prefix code matches come first, then displays starting with the filter, then catalog order;
- an unknown code gives ``result=false`` for ``$validate-code`` and 404 for ``$lookup``; an unknown
  code system or value set is 404; a wrong ``display`` makes ``result=false`` and names the right one.
"""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from yteso.core.errors import NotFound, NotSupported
from yteso.core.timez import fhir_instant, now_utc
from yteso.fhir import service as fhir_service
from yteso.registries import systems
from yteso.registries.catalogs import sources
from yteso.registries.catalogs.schemas import OpParams, required
from yteso.registries.catalogs.sources import Found, Source

SYSTEM_ALIASES = {systems.ICD10_WHO: systems.ICD10_VN}
DEFAULT_EXPAND_COUNT = 100


def _source(session: Session, ctx: fhir_service.FhirContext, system: str, version: str | None = None) -> Source:
    src = sources.code_system(session, ctx, system)
    if src is None and system in SYSTEM_ALIASES:
        src = sources.code_system(session, ctx, SYSTEM_ALIASES[system])
    if src is None:
        raise NotFound(f"Code system {system} is not known here", f"Không có hệ mã {system}")
    if version and src.version and version != src.version:
        raise NotFound(
            f"Version {version} of {system} is not loaded (loaded: {src.version})",
            f"Chưa nạp phiên bản {version} của {system} (đang có: {src.version})",
        )
    return src


def _display(found: Found, language: str | None) -> str:
    if language and not language.lower().startswith("vi"):
        for d in found.designations:
            if str(d.get("language", "")).lower().startswith(language.lower()[:2]):
                return str(d.get("value"))
    return found.display


def _same_text(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return " ".join(unicodedata.normalize("NFC", s).split()).casefold()

    return norm(a) == norm(b)


def _display_ok(found: Found, display: str) -> bool:
    return _same_text(found.display, display) or any(_same_text(str(d.get("value", "")), display)
                                                      for d in found.designations)  # fmt: skip


# --- $lookup ------------------------------------------------------------------------------------


def lookup(session: Session, ctx: fhir_service.FhirContext, p: OpParams) -> dict[str, Any]:
    coding = p.coding() or {}
    system = p.text("system") or coding.get("system")
    code = p.text("code") or coding.get("code")
    if not system:
        raise required("system")
    if not code:
        raise required("code")
    src = _source(session, ctx, system, p.text("version") or coding.get("version"))
    found = src.get(code)
    if found is None:
        raise NotFound(f"Code {code} is not in {system}", f"Mã {code} không có trong hệ mã {system}")
    wanted = set(p.texts("property"))
    params: list[dict[str, Any]] = [{"name": "name", "valueString": src.title}]
    if src.version:
        params.append({"name": "version", "valueString": src.version})
    params.append({"name": "display", "valueString": _display(found, p.text("displayLanguage"))})
    for d in found.designations:
        part: list[dict[str, Any]] = []
        if d.get("language"):
            part.append({"name": "language", "valueCode": d["language"]})
        if d.get("use"):
            part.append({"name": "use", "valueCoding": d["use"]})
        part.append({"name": "value", "valueString": d.get("value")})
        params.append({"name": "designation", "part": part})
    for prop in found.properties:
        if wanted and prop.get("code") not in wanted:
            continue
        value_key = next(k for k in prop if k.startswith("value"))
        params.append(
            {"name": "property", "part": [{"name": "code", "valueCode": prop["code"]}, {"name": "value",
                                                                                         value_key: prop[value_key]}]}
        )  # fmt: skip
    return {"resourceType": "Parameters", "parameter": params}


# --- $validate-code -----------------------------------------------------------------------------


def _result(ok: bool, message: tuple[str, str] | None, found: Found | None) -> dict[str, Any]:
    params: list[dict[str, Any]] = [{"name": "result", "valueBoolean": ok}]
    if message:
        params.append({"name": "message", "valueString": f"{message[0]} / {message[1]}"})
    if found is not None:
        params.append({"name": "display", "valueString": found.display})
    return {"resourceType": "Parameters", "parameter": params}


def _codings(p: OpParams, system_param: str) -> list[dict[str, Any]]:
    """What to validate: ``code`` (+ system, display), or ``coding``, or each coding of ``codeableConcept``."""
    if p.text("code"):
        return [{"system": p.text(system_param), "code": p.text("code"), "display": p.text("display"),
                 "version": p.text("version") or p.text("systemVersion")}]  # fmt: skip
    if p.coding():
        return [p.coding() or {}]
    concept = p.codeable_concept()
    if concept and concept.get("coding"):
        return list(concept["coding"])
    raise required("code")


def _check_one(found: Found | None, code: str, where: str, display: str | None) -> dict[str, Any]:
    if found is None:
        return _result(False, (f"Mã {code} không có trong {where}", f"Code {code} is not in {where}"), None)
    if display and not _display_ok(found, display):
        return _result(
            False,
            (
                f"Tên hiển thị '{display}' không đúng với mã {code}; đúng là '{found.display}'",
                f"Display '{display}' is not valid for code {code}; expected '{found.display}'",
            ),
            found,
        )
    return _result(True, None, found)


def validate_code_cs(session: Session, ctx: fhir_service.FhirContext, p: OpParams) -> dict[str, Any]:
    """Is the code in the code system ``url`` (or ``system``), with that display if one is given?"""
    last: dict[str, Any] | None = None
    for coding in _codings(p, "url"):
        system = p.text("url") or coding.get("system") or p.text("system")
        if not system:
            raise required("url")
        src = _source(session, ctx, system, coding.get("version"))
        last = _check_one(src.get(str(coding.get("code"))), str(coding.get("code")), system, coding.get("display"))
        if last["parameter"][0]["valueBoolean"]:
            return last
    assert last is not None
    return last


def validate_code_vs(
    session: Session, ctx: fhir_service.FhirContext, p: OpParams, url: str | None = None
) -> dict[str, Any]:
    url = url or p.text("url")
    if not url:
        raise required("url")
    plan = resolve_valueset(session, ctx, url)
    last: dict[str, Any] | None = None
    for coding in _codings(p, "system"):
        code, system = str(coding.get("code")), coding.get("system")
        found = plan.find(system, code)
        last = _check_one(found, code, url, coding.get("display"))
        if last["parameter"][0]["valueBoolean"]:
            return last
    assert last is not None
    return last


# --- ValueSet resolution and $expand ----------------------------------------------------------------


@dataclass
class Part:
    """One ``compose.include``: a whole code system, or a list of its codes."""

    source: Source | None
    system: str
    version: str | None
    codes: list[Found] | None = None

    def find(self, code: str) -> Found | None:
        if self.codes is not None:
            return next((f for f in self.codes if f.code == code), None)
        return self.source.get(code) if self.source else None


@dataclass
class Plan:
    """A value set ready to expand or check: its metadata, includes and excluded (system, code) pairs."""

    url: str
    version: str | None
    name: str | None
    title: str | None
    res_id: str | None
    parts: list[Part]
    excluded: set[tuple[str, str]] = field(default_factory=set)

    def find(self, system: str | None, code: str) -> Found | None:
        for part in self.parts:
            if system and system not in (part.system, *[k for k, v in SYSTEM_ALIASES.items() if v == part.system]):
                continue
            if (part.system, code) in self.excluded:
                continue
            found = part.find(code)
            if found is not None:
                return found
        return None


def resolve_valueset(session: Session, ctx: fhir_service.FhirContext, url: str) -> Plan:
    row = sources.catalog_by_valueset(session, url)
    if row is not None:
        table = sources.TableSource(session, row)
        whole = [Part(table, table.system, table.version)]
        return Plan(url, row.version, f"{row.name}All", row.title, row.valueset_id, whole)
    if url.endswith(systems.IMPLICIT_VS):
        src = _source(session, ctx, url.removesuffix(systems.IMPLICIT_VS))
        return Plan(url, src.version, src.name, src.title, None, [Part(src, src.system, src.version)])
    bundle = fhir_service.search(ctx, "ValueSet", [("url", url), ("_count", "2")])
    stored = [e["resource"] for e in bundle.get("entry", []) if e.get("search", {}).get("mode") == "match"]
    if not stored:
        raise NotFound(f"Value set {url} is not known here", f"Không có tập giá trị (ValueSet) {url}")
    return _plan_from_resource(session, ctx, stored[0])


def _plan_from_resource(session: Session, ctx: fhir_service.FhirContext, vs: dict[str, Any]) -> Plan:
    compose = vs.get("compose") or {}
    parts: list[Part] = []
    for inc in compose.get("include") or []:
        if inc.get("valueSet") or inc.get("filter") or not inc.get("system"):
            raise NotSupported(
                "Only includes of a whole code system or of listed codes can be expanded",
                "Chỉ hỗ trợ include toàn bộ hệ mã hoặc danh sách mã",
            )
        src = _source(session, ctx, inc["system"], inc.get("version"))
        if inc.get("concept"):
            listed = []
            for c in inc["concept"]:
                known = src.get(str(c.get("code")))
                listed.append(known or Found(str(c.get("code")), str(c.get("display") or c.get("code"))))
            parts.append(Part(src, src.system, src.version, listed))
        else:
            parts.append(Part(src, src.system, src.version))
    excluded: set[tuple[str, str]] = set()
    for exc in compose.get("exclude") or []:
        if not exc.get("concept"):
            raise NotSupported("Only excludes of listed codes are supported", "Chỉ hỗ trợ exclude danh sách mã")
        excluded |= {(str(exc.get("system")), str(c.get("code"))) for c in exc["concept"]}
    return Plan(str(vs.get("url")), vs.get("version"), vs.get("name"), vs.get("title"), vs.get("id"), parts, excluded)


def expand(session: Session, ctx: fhir_service.FhirContext, p: OpParams, *, url: str | None = None) -> dict[str, Any]:
    url = url or p.text("url")
    if not url:
        raise required("url")
    if p.values.get("valueSet"):
        raise NotSupported("Expanding a ValueSet sent in the request is not supported", "Không hỗ trợ valueSet gửi kèm")
    count = p.integer("count", DEFAULT_EXPAND_COUNT, maximum=ctx.settings.fhir_max_count)
    offset = p.integer("offset", 0)
    text = p.text("filter")
    language = p.text("displayLanguage")
    plan = resolve_valueset(session, ctx, url)
    total, page = _page(plan, text, count, offset)
    contains = []
    for part, found in page:
        item: dict[str, Any] = {"system": part.system}
        if part.version:
            item["version"] = part.version
        item["code"] = found.code
        item["display"] = _display(found, language)
        contains.append(item)
    parameters: list[dict[str, Any]] = []
    if text:
        parameters.append({"name": "filter", "valueString": text})
    parameters += [{"name": "count", "valueInteger": count}, {"name": "offset", "valueInteger": offset}]
    if language:
        parameters.append({"name": "displayLanguage", "valueCode": language})
    body: dict[str, Any] = {"resourceType": "ValueSet"}
    if plan.res_id:
        body["id"] = plan.res_id
    body["url"] = plan.url
    if plan.version:
        body["version"] = plan.version
    if plan.name:
        body["name"] = plan.name
    if plan.title:
        body["title"] = plan.title
    body["status"] = "active"
    body["expansion"] = {
        "identifier": f"urn:uuid:{uuid.uuid4()}",
        "timestamp": fhir_instant(now_utc()),
        "total": total,
        "offset": offset,
        "parameter": parameters,
        **({"contains": contains} if contains else {}),
    }
    return body


def _page(plan: Plan, text: str | None, count: int, offset: int) -> tuple[int, list[tuple[Part, Found]]]:
    if len(plan.parts) == 1 and plan.parts[0].codes is None and not plan.excluded and plan.parts[0].source:
        part = plan.parts[0]
        assert part.source is not None
        total, found = part.source.page(text, count, offset)
        return total, [(part, f) for f in found]
    everything: list[tuple[Part, Found]] = []
    for part in plan.parts:
        if part.codes is not None:
            hits = sources.filter_found(part.codes, text)
        elif part.source is not None:
            _n, hits = part.source.page(text, 1_000_000, 0)
        else:
            hits = []
        everything += [(part, f) for f in hits if (part.system, f.code) not in plan.excluded]
    return len(everything), everything[offset : offset + count]
