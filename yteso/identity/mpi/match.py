"""``Patient/$match`` (FHIR R4 §12.1 Patient-match): find the stored Patients a given Patient may be.

Input: a ``Parameters`` resource with ``resource`` (the Patient; R5's ``patient`` is accepted too),
``onlyCertainMatches`` (boolean) and ``count`` (integer). Output: a ``searchset`` Bundle, most
likely first, each entry with ``search.score`` (the match probability, 0-1) and the
``match-grade`` extension:

- ``certain``: the citizen ID was verified against the population database and the Patient
  carries it (a deterministic link), or the best candidate is in the link band with no close rival;
- ``probable``: in the link band but with a close rival (two records that could both be the person);
- ``possible``: the review band (an operator should look).

Candidates below the review band are not returned. With ``onlyCertainMatches`` only one
``certain`` entry is returned, and none when several are certain. Patients merged into another
(``link`` of type ``replaced-by``) are left out: their survivor is returned instead.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from yteso.core import audit
from yteso.core.errors import Invalid, Issue
from yteso.core.timez import fhir_instant, now_utc
from yteso.fhir.models import validate_resource
from yteso.fhir.repository import FhirRepository
from yteso.fhir.service import FhirContext
from yteso.identity.mpi.candidates import patient_candidates
from yteso.identity.mpi.features import Person, from_patient
from yteso.identity.mpi.matcher import Candidate, Decision, decide, rank
from yteso.identity.mpi.population import NOT_CONFIGURED, PopulationCheck, check
from yteso.identity.mpi.scoring import LINK, Weights, default_weights
from yteso.identity.population import PopulationClient

MATCH_GRADE = "http://hl7.org/fhir/StructureDefinition/match-grade"
DEFAULT_COUNT = 10
MAX_COUNT = 100


@dataclass(frozen=True)
class MatchRequest:
    patient: dict[str, Any]
    only_certain: bool = False
    count: int = DEFAULT_COUNT


@dataclass
class MatchOutcome:
    """Ranked candidates (Patient ids as keys), their bodies, the band and the population check."""

    probe: Person
    ranked: list[Candidate]
    bodies: dict[str, dict[str, Any]]
    decision: Decision
    check: PopulationCheck = NOT_CONFIGURED
    deterministic: list[str] = field(default_factory=list)
    """Patients carrying the citizen ID the population database verified."""

    def grade(self, weights: Weights, candidate: Candidate) -> str | None:
        if candidate.key in self.deterministic:
            return "certain"
        best = self.decision.best
        if not self.deterministic and best is not None and candidate.key == best.key and self.decision.band == LINK:
            return "certain"
        if candidate.weight >= weights.link_bits:
            return "probable"
        if candidate.weight >= weights.review_bits:
            return "possible"
        return None

    def score(self, candidate: Candidate) -> float:
        return 1.0 if candidate.key in self.deterministic else round(candidate.probability, 4)


def _invalid(en: str, vi: str, expression: str, rule: str, value: str | None = None) -> Invalid:
    return Invalid(en, vi, issues=[Issue(en, vi, expression=expression, value=value, rule=rule)])


def parse_parameters(body: Any) -> MatchRequest:
    """Read the operation's ``Parameters``; a clear 400 for anything else."""
    if not isinstance(body, dict) or body.get("resourceType") != "Parameters":
        raise _invalid(
            "$match takes a Parameters resource", "$match cần một tài nguyên Parameters", "resourceType", "match.body"
        )
    params = body.get("parameter")
    if not isinstance(params, list):
        raise _invalid(
            "Parameters.parameter is missing", "Thiếu Parameters.parameter", "Parameters.parameter", "match.body"
        )
    patients: list[Any] = []
    only_certain, count = False, DEFAULT_COUNT
    for i, p in enumerate(params):
        where = f"Parameters.parameter[{i}]"
        name = p.get("name") if isinstance(p, dict) else None
        if name in ("resource", "patient"):
            patients.append(p.get("resource"))
        elif name == "onlyCertainMatches":
            if not isinstance(p.get("valueBoolean"), bool):
                raise _invalid("onlyCertainMatches must be a valueBoolean", "onlyCertainMatches phải là valueBoolean",
                               where, "match.only-certain")  # fmt: skip
            only_certain = p["valueBoolean"]
        elif name == "count":
            value = p.get("valueInteger")
            if type(value) is not int or not 1 <= value <= MAX_COUNT:
                en, vi = f"count must be a valueInteger from 1 to {MAX_COUNT}", f"count phải từ 1 đến {MAX_COUNT}"
                raise _invalid(en, vi, where, "match.count", str(value))
            count = value
        else:
            raise _invalid(f"Unknown parameter {name!r}", f"Tham số không được hỗ trợ: {name!r}", where,
                           "match.unknown-parameter", str(name))  # fmt: skip
    if len(patients) != 1 or not isinstance(patients[0], dict) or patients[0].get("resourceType") != "Patient":
        raise _invalid("$match needs exactly one parameter 'resource' holding a Patient",
                       "$match cần đúng một tham số 'resource' chứa một Patient", "Parameters.parameter",
                       "match.resource")  # fmt: skip
    validate_resource(patients[0], expression_prefix="Parameters.parameter.resource.")
    return MatchRequest(patients[0], only_certain, count)


def require_something_to_match(probe: Person) -> None:
    if not (probe.cccd or probe.bhyt or probe.phone or probe.name or probe.birth):
        raise _invalid(
            "The Patient has nothing to match on (no identifier, name, birth date or phone)",
            "Patient không có thông tin để đối chiếu (định danh, họ tên, ngày sinh, điện thoại)",
            "Parameters.parameter.resource",
            "match.empty",
        )


def find_matches(
    repo: FhirRepository,
    probe: Person,
    client: PopulationClient | None,
    weights: Weights,
    exclude: Collection[str] = (),
) -> MatchOutcome:
    """Candidates the repository's caller may read, scored; deterministic on a verified CCCD.

    ``exclude``: Patient ids never to return (e.g. the probe's own stored record)."""
    stored = patient_candidates(repo.session, repo.policy, probe)
    found = [(pid, body) for pid, body in stored if pid not in exclude and not _merged_away(body)]
    bodies = dict(found)
    ranked = rank(weights, probe, ((pid, from_patient(body)) for pid, body in found))
    population = check(client, probe)
    deterministic = [c.key for c in ranked if population.verified and c.person.cccd == probe.cccd]
    if deterministic:  # the verified ones first, then by weight
        ranked.sort(key=lambda c: (c.key not in deterministic, -c.weight))
    return MatchOutcome(probe, ranked, bodies, decide(weights, ranked), population, deterministic)


def _outcome(issues: list[Issue]) -> dict[str, Any]:
    """An OperationOutcome of notes: Vietnamese text, the rule as a coding, English in ``diagnostics``."""
    return {
        "resourceType": "OperationOutcome",
        "issue": [
            {
                "severity": i.severity,
                "code": i.code,
                "details": {"text": i.message_vi, "coding": [{"system": "urn:yteso:rule", "code": i.rule}]},
                "diagnostics": i.message_en,
            }
            for i in issues
        ],
    }


def _merged_away(body: dict[str, Any]) -> bool:
    return any(isinstance(link, dict) and link.get("type") == "replaced-by" for link in body.get("link") or ())


def match_operation(
    ctx: FhirContext, body: Any, client: PopulationClient | None, weights: Weights | None = None
) -> dict[str, Any]:
    """Run ``$match`` as the context's caller and return the Bundle (audited, one row per Patient)."""
    weights = weights or default_weights()
    request = parse_parameters(body)
    ctx.repo.caller.require_scope("Patient", write=False)
    probe = from_patient(request.patient)
    require_something_to_match(probe)
    result = find_matches(ctx.repo, probe, client, weights)
    entries: list[dict[str, Any]] = []
    notes: list[Issue] = [result.check.note] if result.check.note else []
    for cand in result.ranked:
        grade = result.grade(weights, cand)
        if grade is None or (request.only_certain and grade != "certain"):
            continue
        entries.append(
            {
                "fullUrl": f"{ctx.base}/Patient/{cand.key}",
                "resource": result.bodies[cand.key],
                "search": {
                    "extension": [{"url": MATCH_GRADE, "valueCode": grade}],
                    "mode": "match",
                    "score": result.score(cand),
                },
            }
        )
    if request.only_certain and len(entries) > 1:
        entries = []
        notes.append(
            Issue(
                "Several Patients are certain matches (duplicates to merge): none returned with onlyCertainMatches",
                "Nhiều Patient cùng khớp chắc chắn (bản ghi trùng cần gộp): không trả về khi onlyCertainMatches",
                rule="mpi.several-certain",
                severity="warning",
                code="multiple-matches",
            )
        )
    entries = entries[: request.count]
    patient_ids = [e["resource"]["id"] for e in entries]
    audit.record(
        ctx.repo.session,
        ctx.repo.audit_ctx,
        "operation",
        resource_type="Patient",
        patient_ids=patient_ids or [None],
        query=f"$match count={request.count} onlyCertainMatches={str(request.only_certain).lower()}",
    )
    if notes:
        entries.append({"resource": _outcome(notes), "search": {"mode": "outcome"}})
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "meta": {"lastUpdated": fhir_instant(now_utc())},
        "total": len(patient_ids),
        "entry": entries,
    }
