"""The one place the services use ``yteso.esign``: rendering, signing (PAdES) and verifying results.

Signing material lives in ``YTESO_SERVICES_SIGNING_DIR``: a development CA and a signing certificate
issued by it (``yteso services ca init``). Outside production they are created on first use; in
production they must exist (a real deployment puts a certificate of the government CA there).
"""

from __future__ import annotations

import fcntl
import json
import logging
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from yteso.services.context import Unavailable
from yteso.services.settings import ServicesSettings
from yteso.settings import Settings

log = logging.getLogger("yteso.services.signing")
SIGNER_NAME = "Bộ Y tế - Hệ thống giải quyết TTHC"
CA_NAME = "yteso development CA"
SIGNER_FILE = "signer.json"
_init_lock = threading.Lock()


@dataclass(frozen=True)
class Check:
    """What verification says about a PDF."""

    valid: bool
    intact: bool
    signer: str | None
    signed_at: datetime | None
    problems: list[str]


def _root(config: ServicesSettings) -> Path:
    return Path(config.signing_dir)


def init_ca(config: ServicesSettings, *, force: bool = False) -> Path:
    """Create the development CA and the signing certificate in the signing directory (idempotent)."""
    from yteso.esign.ca import create_dev_ca, issue_signing_cert

    root = _root(config)
    root.mkdir(parents=True, exist_ok=True)
    with _init_lock, open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # several server processes may start at once
        if not force and (root / SIGNER_FILE).exists():
            return root
        if force and root.exists():
            for old in root.glob("**/*.pem"):
                old.unlink()
        (root / "ca").mkdir(parents=True, exist_ok=True)
        ca = create_dev_ca(root / "ca", CA_NAME)
        signer = issue_signing_cert(ca, SIGNER_NAME, root)
        (root / SIGNER_FILE).write_text(
            json.dumps(
                {
                    "cert": signer.cert_path.name,
                    "key": signer.key_path.name,
                    "ca": "ca/" + ca.cert_path.name,
                    "subject": signer.subject_name,
                },
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        log.info("signing_ca_created", extra={"dir": str(root)})
    return root


def _signer_files(config: ServicesSettings, settings: Settings) -> Any:
    from yteso.esign.ca import SignerFiles

    root = _root(config)
    if not (root / SIGNER_FILE).exists():
        if settings.environment == "production":
            raise Unavailable("No signing certificate is installed", "Chưa cài đặt chứng thư số để ký kết quả")
        init_ca(config)
    meta = json.loads((root / SIGNER_FILE).read_text(encoding="utf-8"))
    return SignerFiles(root / meta["cert"], root / meta["key"], root / meta["ca"], meta["subject"])


def load_signer(config: ServicesSettings, settings: Settings) -> Any:
    """The certificate and key results are signed with (created in development on first use)."""
    return _signer_files(config, settings)


def trust_roots(config: ServicesSettings, settings: Settings) -> list[Any]:
    """The CA certificates a genuine result chains to."""
    return [_signer_files(config, settings).ca_certificate()]


def render(title: str, sections: list[tuple[str, str]], *, qr_url: str | None, footer: str) -> bytes:
    from yteso.esign.render import render_pdf

    return render_pdf(title, sections, qr_url=qr_url, footer=footer)


def sign(signer: Any, pdf: bytes, *, reason: str) -> bytes:
    from yteso.esign.sign import sign_pdf

    return sign_pdf(pdf, signer, reason=reason)


def render_and_sign(
    title: str,
    sections: list[tuple[str, str]],
    *,
    qr_url: str | None,
    footer: str,
    signer: Any,
    reason: str,
    separate_process: bool = False,
) -> bytes:
    """Render and sign a result. With ``separate_process`` the work (~0.2 s of CPU, most of it holding
    the interpreter lock) runs in a helper process, so the server's other requests are not stalled."""
    if not separate_process:
        return sign(signer, render(title, sections, qr_url=qr_url, footer=footer), reason=reason)
    return _pool().submit(_render_and_sign, title, sections, qr_url, footer, signer, reason).result(timeout=120)


def _render_and_sign(
    title: str, sections: list[tuple[str, str]], qr_url: str | None, footer: str, signer: Any, reason: str
) -> bytes:
    return sign(signer, render(title, sections, qr_url=qr_url, footer=footer), reason=reason)


_executor: ProcessPoolExecutor | None = None


def _pool() -> ProcessPoolExecutor:
    global _executor
    with _init_lock:
        if _executor is None:
            _executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return _executor


def verify(pdf: bytes, roots: list[Any]) -> Check:
    from yteso.esign.sign import verify_pdf

    v = verify_pdf(pdf, roots)
    return Check(bool(v.valid), bool(v.intact), v.signer, v.signed_at, list(v.problems))
