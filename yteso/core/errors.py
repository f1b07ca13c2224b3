"""One tree of domain errors; :mod:`yteso.core.http_errors` turns them into HTTP answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Issue:
    """One problem found in input: where (FHIRPath-like ``expression``), what value, which rule."""

    message_en: str
    message_vi: str
    expression: str | None = None
    value: str | None = None
    rule: str | None = None
    severity: str = "error"
    code: str = "invalid"


class DomainError(Exception):
    """Base of every error a service raises on purpose."""

    status = 400
    code = "processing"

    def __init__(self, message_en: str, message_vi: str | None = None, *, issues: list[Issue] | None = None):
        super().__init__(message_en)
        self.message_en = message_en
        self.message_vi = message_vi or message_en
        self.issues = issues or []
        self.after_rollback: list[Callable[[Any], None]] = []
        """Work to do in a fresh transaction once this error has rolled the request back."""


class Invalid(DomainError):
    """Input breaks a rule (400); ``issues`` name each element."""

    status = 400
    code = "invalid"


class Unprocessable(Invalid):
    """Well-formed but fails validation (422)."""

    status = 422


class NotFound(DomainError):
    status = 404
    code = "not-found"


class Gone(DomainError):
    """The resource existed and was deleted (410)."""

    status = 410
    code = "deleted"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class PreconditionFailed(DomainError):
    """``If-Match`` names a version that is no longer current (412)."""

    status = 412
    code = "conflict"


class Unauthenticated(DomainError):
    status = 401
    code = "login"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class TooLarge(DomainError):
    status = 413
    code = "too-costly"


class UnsupportedMediaType(DomainError):
    status = 415
    code = "not-supported"


class NotSupported(DomainError):
    status = 400
    code = "not-supported"


@dataclass
class Outcome:
    """Informational notes (e.g. ignored search parameters) returned beside a result."""

    issues: list[Issue] = field(default_factory=list)
