"""A catalog in memory (what a parser produces) and its FHIR CodeSystem / ValueSet forms."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import orjson

from yteso.core.text import fold
from yteso.registries.systems import valueset_url

ROW_FORMAT = 2
"""Bumped when the concept-table row layout (e.g. the folding) changes, so re-imports rewrite rows."""
_NOT_WORD = re.compile(r"[\W_]+")


def search_words(text: str | None) -> list[str]:
    """Folded words (lower case, no diacritics, punctuation dropped): ``Đái tháo-đường`` → dai thao duong."""
    return [w for w in _NOT_WORD.split(fold(text or "")) if w]


def padded(text: str) -> str:
    """Folded words between single spaces, with a space at each end, so ``' ' + word`` finds a word start."""
    return f" {' '.join(search_words(text))} "


@dataclass(slots=True)
class Concept:
    """One code: display (Vietnamese), FHIR designations and properties, extra words to search by."""

    code: str
    display: str
    designations: list[dict[str, Any]] = field(default_factory=list)
    properties: list[dict[str, Any]] = field(default_factory=list)
    search_extra: str = ""

    def as_fhir(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "display": self.display}
        if self.designations:
            out["designation"] = self.designations
        if self.properties:
            out["property"] = self.properties
        return out

    def row(self, system: str, ord_: int) -> dict[str, Any]:
        """The concept-table row."""
        words = [self.code, self.display, *(d.get("value", "") for d in self.designations), self.search_extra]
        props: dict[str, Any] = {}
        if self.designations:
            props["designation"] = self.designations
        if self.properties:
            props["property"] = self.properties
        return {
            "system": system,
            "code": self.code,
            "ord": ord_,
            "display": self.display,
            "display_folded": padded(self.display),
            "search_folded": padded(" ".join(w for w in words if w)),
            "properties": props,
        }


@dataclass
class Catalog:
    """A code system as loaded: metadata, declared properties and its concepts in catalog order."""

    url: str
    id: str
    name: str
    title: str
    version: str
    description: str
    publisher: str = "Bộ Y tế"
    date: str | None = None
    content: str = "complete"
    property_defs: list[dict[str, str]] = field(default_factory=list)
    concepts: list[Concept] = field(default_factory=list)

    @property
    def valueset_url(self) -> str:
        return valueset_url(self.url)

    def digest(self) -> str:
        """Changes when any concept (code, display, designation, property, order) changes."""
        h = hashlib.sha256()
        h.update(orjson.dumps([ROW_FORMAT, self.version, [c.as_fhir() for c in self.concepts]]))
        return h.hexdigest()

    def codesystem(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "resourceType": "CodeSystem",
            "url": self.url,
            "version": self.version,
            "name": self.name,
            "title": self.title,
            "status": "active",
            "experimental": False,
            "publisher": self.publisher,
            "description": self.description,
            "caseSensitive": True,
            "valueSet": self.valueset_url,
            "content": self.content,
            "count": len(self.concepts),
            "language": "vi",
        }
        if self.date:
            body["date"] = self.date
        if self.property_defs:
            body["property"] = self.property_defs
        body["concept"] = [c.as_fhir() for c in self.concepts]
        return body

    def valueset(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "resourceType": "ValueSet",
            "url": self.valueset_url,
            "version": self.version,
            "name": f"{self.name}All",
            "title": f"{self.title} — tất cả các mã",
            "status": "active",
            "experimental": False,
            "publisher": self.publisher,
            "description": f"Mọi mã của {self.title} (all codes of the code system).",
            "immutable": True,
            "compose": {"include": [{"system": self.url, "version": self.version}]},
        }
        if self.date:
            body["date"] = self.date
        return body


def prop(code: str, value: Any, kind: str = "code") -> dict[str, Any]:
    """A concept property: ``kind`` is code, string, boolean, integer or Coding."""
    return {"code": code, f"value{kind[0].upper()}{kind[1:]}": value}


def prop_def(code: str, kind: str, description: str) -> dict[str, str]:
    return {"code": code, "type": kind, "description": description}
