"""Where a terminology operation finds concepts: the concept table, or a CodeSystem in the FHIR store.

Catalogs loaded by ``yteso registry import`` are served from ``registry_concept`` (indexed by system
and code; filters run in SQL on the folded text). Any other CodeSystem a client stored through the
FHIR API is read once per request, as the caller, and searched in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from yteso.fhir import service as fhir_service
from yteso.registries.catalogs.model import padded, search_words
from yteso.registries.catalogs.tables import catalog as catalog_table
from yteso.registries.catalogs.tables import concept as concept_table


@dataclass(frozen=True, slots=True)
class Found:
    """A concept as the operations return it."""

    code: str
    display: str
    designations: tuple[dict[str, Any], ...] = ()
    properties: tuple[dict[str, Any], ...] = ()


class Source(Protocol):
    """The concepts of one code system (one version)."""

    system: str
    version: str | None
    name: str
    title: str

    def get(self, code: str) -> Found | None: ...

    def page(self, text: str | None, count: int, offset: int) -> tuple[int, list[Found]]:
        """(total matching, one page) in catalog order, best matches of ``text`` first."""
        ...


def words(text: str | None) -> list[str]:
    return search_words(text)


class TableSource:
    """A catalog loaded into the concept table."""

    def __init__(self, session: Session, row: Any):
        self.session = session
        self.system: str = row.system
        self.version: str | None = row.version
        self.name: str = row.name
        self.title: str = row.title

    def get(self, code: str) -> Found | None:
        row = self.session.execute(
            select(concept_table.c.code, concept_table.c.display, concept_table.c.properties).where(
                concept_table.c.system == self.system, concept_table.c.code == code
            )
        ).first()
        return _found(row) if row else None

    def page(self, text: str | None, count: int, offset: int) -> tuple[int, list[Found]]:
        c = concept_table.c
        where = [c.system == self.system]
        terms = words(text)
        raw = " ".join((text or "").split()).upper()
        if terms:
            word_starts = [c.search_folded.contains(f" {w}", autoescape=True) for w in terms]
            code_prefix = func.upper(c.code).startswith(raw, autoescape=True)
            where.append(or_(and_(*word_starts), code_prefix))
        total = self.session.execute(select(func.count()).select_from(concept_table).where(*where)).scalar_one()
        order: list[Any] = []
        if terms:
            phrase = " " + " ".join(terms)
            order.append(
                case(
                    (func.upper(c.code) == raw, 0),
                    (func.upper(c.code).startswith(raw, autoescape=True), 1),
                    (c.display_folded.startswith(phrase, autoescape=True), 2),
                    (c.display_folded.contains(phrase, autoescape=True), 3),
                    else_=4,
                )
            )
        order.append(c.ord)
        rows = self.session.execute(
            select(c.code, c.display, c.properties).where(*where).order_by(*order).limit(count).offset(offset)
        ).all()
        return total, [_found(r) for r in rows]


def _found(row: Any) -> Found:
    props = row.properties or {}
    return Found(row.code, row.display, tuple(props.get("designation", ())), tuple(props.get("property", ())))


class ResourceSource:
    """A CodeSystem resource from the FHIR store (any size the client chose to store)."""

    def __init__(self, body: dict[str, Any]):
        self.system = str(body.get("url"))
        self.version = body.get("version")
        self.name = str(body.get("name") or body.get("title") or self.system)
        self.title = str(body.get("title") or self.name)
        self.concepts: list[Found] = []
        self._flatten(body.get("concept") or [])
        self._by_code = {f.code: f for f in self.concepts}

    def _flatten(self, concepts: list[dict[str, Any]], parent: str | None = None) -> None:
        for c in concepts:
            props = list(c.get("property") or [])
            if parent:
                props.append({"code": "parent", "valueCode": parent})
            self.concepts.append(
                Found(str(c.get("code")), str(c.get("display") or c.get("code")), tuple(c.get("designation") or ()),
                      tuple(props))
            )  # fmt: skip
            self._flatten(c.get("concept") or [], str(c.get("code")))

    def get(self, code: str) -> Found | None:
        return self._by_code.get(code)

    def page(self, text: str | None, count: int, offset: int) -> tuple[int, list[Found]]:
        hits = filter_found(self.concepts, text)
        return len(hits), hits[offset : offset + count]


def filter_found(concepts: list[Found], text: str | None) -> list[Found]:
    """In-memory version of :meth:`TableSource.page`'s filter and order."""
    terms = words(text)
    if not terms:
        return list(concepts)
    raw = " ".join((text or "").split()).upper()
    phrase = " " + " ".join(terms)
    scored = []
    for i, f in enumerate(concepts):
        haystack = padded(" ".join([f.code, f.display, *(str(d.get("value", "")) for d in f.designations)]))
        code, display = f.code.upper(), padded(f.display)
        if not (code.startswith(raw) or all(f" {w}" in haystack for w in terms)):
            continue
        rank = (
            0 if code == raw else 1 if code.startswith(raw) else 2 if display.startswith(phrase)
            else 3 if phrase in display else 4
        )  # fmt: skip
        scored.append((rank, i, f))
    scored.sort(key=lambda x: (x[0], x[1]))
    return [f for _r, _i, f in scored]


def code_system(session: Session, ctx: fhir_service.FhirContext, url: str) -> Source | None:
    """The source for CodeSystem ``url``: a loaded catalog, else a stored CodeSystem, else ``None``."""
    row = session.execute(select(catalog_table).where(catalog_table.c.system == url)).first()
    if row is not None:
        return TableSource(session, row)
    bundle = fhir_service.search(ctx, "CodeSystem", [("url", url), ("_count", "2")])
    entries = [e["resource"] for e in bundle.get("entry", []) if e.get("search", {}).get("mode") == "match"]
    return ResourceSource(entries[0]) if entries else None


def catalog_by_valueset(session: Session, url: str) -> Any:
    """The loaded catalog whose "all codes" ValueSet is ``url`` (a row), or ``None``."""
    return session.execute(select(catalog_table).where(catalog_table.c.valueset_url == url)).first()


def catalog_by_valueset_id(session: Session, res_id: str) -> Any:
    return session.execute(select(catalog_table).where(catalog_table.c.valueset_id == res_id)).first()
