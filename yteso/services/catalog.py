"""Procedure definitions (thủ tục hành chính as data): one YAML file per procedure, validated at load.

The format is documented in docs/services.md. A definition names the form fields and their
validation, the required documents, the fee, the legal time limit in working days, the steps
with the position acting in each, and the result document's template. Adding a procedure is
adding a file to ``procedures/`` (or to ``YTESO_SERVICES_PROCEDURES_DIR``).
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from yteso.core.errors import NotFound

PACKAGED = Path(__file__).resolve().parent / "procedures"
FIELD_TYPES = (
    "text",
    "textarea",
    "date",
    "integer",
    "number",
    "choice",
    "boolean",
    "cccd",
    "enterprise_code",
    "facility_code",
    "phone",
    "email",
    "gtin",
)
PREFILL_SOURCES = frozenset(
    {
        "citizen.cccd",
        "citizen.full_name",
        "citizen.birth_date",
        "citizen.sex",
        "citizen.phone",
        "business.enterprise_code",
        "business.name",
        "business.address",
        "business.representative_name",
        "business.representative_cccd",
        "business.phone",
        "store",
    }
)
"""Where a field's value may come from: the population database (``citizen.*``), the business
registry (``business.*``) or the applicant's data store (``store``: the value typed last time)."""
EFFECTS = ("practitioner_registry",)
TEMPLATE_ROOTS = frozenset({"form", "dossier", "applicant", "result", "unit", "procedure"})


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Model):
    code: str
    label: str


class FormField(_Model):
    """One form field and its validation."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    label_en: str
    type: Literal[FIELD_TYPES] = "text"  # type: ignore[valid-type]
    required: bool = True
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min: float | None = None
    max: float | None = None
    choices: tuple[Choice, ...] = ()
    prefill: tuple[str, ...] = ()
    help: str | None = None

    @model_validator(mode="after")
    def _check(self) -> FormField:
        if self.type == "choice" and not self.choices:
            raise ValueError(f"field {self.key}: a choice field needs choices")
        unknown = set(self.prefill) - PREFILL_SOURCES
        if unknown:
            raise ValueError(f"field {self.key}: unknown prefill source(s) {sorted(unknown)}")
        return self


class DocumentRequirement(_Model):
    """A required component of the dossier (thành phần hồ sơ)."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    name_en: str
    doc_types: tuple[str, ...] = ()
    """Data-store document types that satisfy it besides ``key`` itself (e.g. a result type, ``cchn``)."""
    required: bool = True
    media_types: tuple[str, ...] = ("application/pdf", "image/jpeg", "image/png")
    max_age_months: int | None = None
    """A reused document must have been issued (or stored) within this many months."""
    provided_by: str | None = None
    """Obtained by the system from another agency (e.g. ``justice.criminal_record``), never uploaded."""

    @property
    def accepted_types(self) -> tuple[str, ...]:
        return (self.key, *(t for t in self.doc_types if t != self.key))


class Fee(_Model):
    """The fee (phí, lệ phí); ``amounts`` by the value of the choice field ``by_field`` if set."""

    name: str
    amount_vnd: int = Field(ge=0)
    basis: str
    by_field: str | None = None
    amounts: dict[str, int] = Field(default_factory=dict)


class Step(_Model):
    """One processing step and the position acting in it (``system``: done by an interlinked service)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    name_en: str
    role: Literal["clerk", "specialist", "head", "leader", "system"]
    days: int = Field(ge=0)
    supplement: bool = False
    """An officer at this step may request a supplement (the clock stops)."""
    decides: bool = False
    service: str | None = None


class Supplement(_Model):
    max_rounds: int = Field(default=1, ge=0)
    respond_within_days: int = Field(default=60, ge=1)
    """Working days the applicant has to supplement before the dossier lapses."""


class ResultSection(_Model):
    heading: str
    text: str


class ResultTemplate(_Model):
    """The result document (giấy phép, giấy tiếp nhận…): a signed PDF rendered from these sections."""

    doc_type: str
    title: str
    number_format: str
    valid_years: int | None = None
    issuer: str
    sections: tuple[ResultSection, ...]
    footer: str = ""


class Unit(_Model):
    code: str = Field(pattern=r"^[A-Z0-9][A-Z0-9.-]{0,15}$")
    name: str


class Procedure(_Model):
    """A procedure type (loại thủ tục): everything needed to run its dossiers."""

    code: str = Field(pattern=r"^[0-9A-Za-z.\-]{1,32}$")
    version: int = Field(ge=1)
    name: str
    name_en: str
    field: str
    applicants: tuple[Literal["citizen", "business"], ...]
    level: Literal["full_online", "partial_online"] = "full_online"
    channel: Literal["portal", "single_window"] = "portal"
    unit: Unit
    legal_basis: tuple[str, ...]
    time_limit_days: int = Field(ge=1)
    """Legal time limit in working days from receipt (suspensions excluded)."""
    reception: Literal["auto", "manual"] = "auto"
    warn_days: int = Field(default=2, ge=0)
    fee: Fee | None = None
    supplement: Supplement = Supplement()
    form: tuple[FormField, ...]
    documents: tuple[DocumentRequirement, ...]
    steps: tuple[Step, ...]
    result: ResultTemplate
    on_approve: tuple[Literal[EFFECTS], ...] = ()  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _consistent(self) -> Procedure:
        _unique("form field", [f.key for f in self.form])
        _unique("document", [d.key for d in self.documents])
        _unique("step", [s.id for s in self.steps])
        days = sum(s.days for s in self.steps)
        if days > self.time_limit_days:
            raise ValueError(f"steps take {days} days, over the limit {self.time_limit_days}")
        if not self.steps[-1].decides or sum(s.decides for s in self.steps) != 1:
            raise ValueError("exactly one step decides, and it is the last")
        if self.steps[-1].role == "system":
            raise ValueError("the deciding step is an officer's")
        for s in self.steps:
            if (s.role == "system") != (s.service is not None):
                raise ValueError(f"step {s.id}: a system step names its service, and only it")
        self._check_fee()
        self._check_template()
        return self

    def _check_fee(self) -> None:
        if self.fee is None or self.fee.by_field is None:
            return
        field = self.field_by_key(self.fee.by_field)
        if field is None or field.type != "choice":
            raise ValueError(f"fee.by_field {self.fee.by_field!r} must be a choice field")
        unknown = set(self.fee.amounts) - {c.code for c in field.choices}
        if unknown:
            raise ValueError(f"fee.amounts has unknown choices {sorted(unknown)}")

    def _check_template(self) -> None:
        keys = {f.key for f in self.form}
        texts = [self.result.title, self.result.footer, *(s.text for s in self.result.sections)]
        for text in texts:
            for _lit, name, _spec, _conv in string.Formatter().parse(text):
                if name is None:
                    continue
                root, _, rest = name.partition(".")
                if root not in TEMPLATE_ROOTS:
                    raise ValueError(f"result template: unknown placeholder {{{name}}}")
                if root == "form" and rest not in keys:
                    raise ValueError(f"result template: no form field {rest!r}")

    def field_by_key(self, key: str) -> FormField | None:
        return next((f for f in self.form if f.key == key), None)

    def step(self, step_id: str | None) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def next_step(self, step_id: str | None) -> Step | None:
        ids = [s.id for s in self.steps]
        if step_id not in ids:
            return None
        i = ids.index(step_id)
        return self.steps[i + 1] if i + 1 < len(ids) else None

    def previous_step(self, step_id: str | None) -> Step | None:
        ids = [s.id for s in self.steps]
        if step_id not in ids or ids.index(step_id) == 0:
            return None
        return self.steps[ids.index(step_id) - 1]

    def fee_for(self, form: dict[str, object]) -> int:
        if self.fee is None:
            return 0
        if self.fee.by_field:
            return self.fee.amounts.get(str(form.get(self.fee.by_field)), self.fee.amount_vnd)
        return self.fee.amount_vnd


def _unique(what: str, keys: list[str]) -> None:
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        raise ValueError(f"duplicate {what} keys: {dupes}")


class ProcedureFileError(ValueError):
    """A definition file is not valid; the message names the file and the problem."""


def load_file(path: Path) -> Procedure:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Procedure.model_validate(data)
    except (yaml.YAMLError, ValidationError) as exc:
        raise ProcedureFileError(f"{path.name}: {exc}") from exc


@lru_cache(maxsize=8)
def load_catalog(extra_dir: str | None = None) -> dict[str, Procedure]:
    """Every procedure of the packaged directory and of ``extra_dir``, by code (loaded once)."""
    paths = sorted(PACKAGED.glob("*.yaml"))
    if extra_dir:
        paths += sorted(Path(extra_dir).glob("*.yaml"))
    out: dict[str, Procedure] = {}
    for path in paths:
        proc = load_file(path)
        if proc.code in out:
            raise ProcedureFileError(f"{path.name}: procedure code {proc.code} defined twice")
        out[proc.code] = proc
    return out


def get(catalog: dict[str, Procedure], code: str) -> Procedure:
    proc = catalog.get(code)
    if proc is None:
        raise NotFound(f"No procedure {code!r}", f"Không có thủ tục {code!r}")
    return proc
