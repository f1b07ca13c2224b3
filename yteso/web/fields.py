"""Between HTML forms and the services' bodies: reading a procedure's fields and files from a posted
form, and sorting the services' validation issues back onto the fields they concern.

No rule lives here: the services validate (``yteso.services.forms``) and this only carries values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import FormData, UploadFile

from yteso.core.errors import DomainError, TooLarge
from yteso.services.catalog import Procedure
from yteso.services.settings import ServicesSettings

TRUE = {"on", "true", "1", "yes"}


def form_values(proc: Procedure, form: FormData) -> dict[str, Any]:
    """The procedure's fields as typed in the form (empty fields left out, checkboxes as booleans)."""
    values: dict[str, Any] = {}
    for f in proc.form:
        raw = form.get(f.key)
        if f.type == "boolean":
            values[f.key] = isinstance(raw, str) and raw.lower() in TRUE
        elif isinstance(raw, str) and raw.strip():
            values[f.key] = raw.strip()
    return values


@dataclass
class Upload:
    """A file posted for one document component (read into memory, within the size limit)."""

    requirement: str
    content: bytes
    media_type: str | None
    filename: str | None


def posted_components(form: FormData) -> list[str]:
    """The components (``doc_<key>``) the form posted files for; the services check they exist."""
    return sorted({name[4:] for name, _ in form.multi_items() if name.startswith("doc_") and len(name) > 4})


async def read_uploads(form: FormData, keys: list[str], config: ServicesSettings) -> list[Upload]:
    """The files posted as ``doc_<key>`` (empty file inputs ignored); 413 over the upload limit."""
    out = []
    for key in keys:
        for item in form.getlist(f"doc_{key}"):
            if not isinstance(item, UploadFile) or not item.filename:
                continue
            content = await item.read(config.max_upload_bytes + 1)
            if not content:
                continue
            if len(content) > config.max_upload_bytes:
                raise TooLarge(
                    f"{item.filename} is larger than {config.max_upload_bytes} bytes",
                    f"Tệp {item.filename} lớn hơn giới hạn {config.max_upload_bytes} byte",
                )
            out.append(Upload(key, content, item.content_type, item.filename))
    return out


def check_declared_size(declared: str | None, files: int, config: ServicesSettings) -> None:
    """Refuse (413) a body announced larger than ``files`` uploads at the limit could be."""
    if declared and declared.isdigit() and int(declared) > config.max_upload_bytes * max(files, 1) + 1024 * 1024:
        raise TooLarge("The form is larger than the upload limit", "Biểu mẫu vượt quá dung lượng cho phép")


@dataclass
class FieldErrors:
    """Issues of a refused submission, by form field, by document component, and the rest."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    documents: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, exc: DomainError, lang: str) -> FieldErrors:
        out = cls()
        pick = (lambda i: i.message_en) if lang == "en" else (lambda i: i.message_vi)
        for issue in exc.issues:
            where = issue.expression or ""
            if where.startswith("form."):
                out.fields.setdefault(where[5:], []).append(pick(issue))
            elif where.startswith("documents."):
                out.documents.setdefault(where[10:].split(".")[0], []).append(pick(issue))
            else:
                out.general.append(pick(issue))
        if not exc.issues:
            out.general.append(exc.message_en if lang == "en" else exc.message_vi)
        return out
