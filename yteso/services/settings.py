"""Settings of the administrative-procedure system, read from ``YTESO_SERVICES_*`` (and the URLs of
the external systems, ``YTESO_PORTAL_URL`` etc.). Built when the app starts, never at import time."""

from __future__ import annotations

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _env(name: str) -> AliasChoices:
    return AliasChoices(f"YTESO_{name.upper()}", f"YTESO_SERVICES_{name.upper()}", name)


class ServicesSettings(BaseSettings):
    """Every field maps to ``YTESO_SERVICES_<NAME>``; external URLs also to ``YTESO_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="YTESO_SERVICES_", extra="ignore", populate_by_name=True)

    upload_dir: str | None = None
    """Directory for uploaded files (by SHA-256); unset: files are kept in the database."""
    max_upload_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    """Largest accepted upload; larger answers 413."""
    procedures_dir: str | None = None
    """Extra directory of procedure definitions (``*.yaml``) beside the packaged ones."""
    public_base_url: str = "http://127.0.0.1:8000"
    """Public address of the platform, printed in the QR code of result documents."""
    verify_path: str = "/services/verify/{id}"
    """Path of the public verification page of a document (``{id}``: the document id)."""
    signing_dir: str = "./var/services-signing"
    """Development CA and signing key of result documents (``yteso services ca init``)."""
    signing_passphrase: str | None = None
    sign_in_subprocess: bool = True
    """Render and sign results in a helper process (keeps the server responsive while signing)."""

    portal_url: str | None = Field(default=None, validation_alias=_env("portal_url"))
    """National public service portal (or the reference server); the outbox worker runs when set."""
    portal_username: str = Field(default="byt", validation_alias=_env("portal_username"))
    portal_password: str = Field(default="dev-password", validation_alias=_env("portal_password"))
    payment_url: str | None = Field(default=None, validation_alias=_env("payment_url"))
    """Payment gateway (or the reference server)."""
    payment_merchant_id: str = Field(default="BYT", validation_alias=_env("payment_merchant_id"))
    payment_secret: str = Field(default="dev-payment-secret", validation_alias=_env("payment_secret"))
    """Shared secret of the gateway's signed callbacks."""
    justice_url: str | None = Field(default=None, validation_alias=_env("justice_url"))
    """Justice service issuing criminal-record certificates (lý lịch tư pháp)."""
    business_registry_url: str | None = Field(default=None, validation_alias=_env("business_registry_url"))
    """National business registry (or the reference server), for business login and prefill."""

    worker: bool = True
    """Run the background worker in the app when the portal (or justice) URL is set; ``false`` when a
    separate process runs ``yteso services outbox run --loop`` instead."""
    worker_interval_seconds: float = Field(default=5.0, gt=0)
    """Pause between rounds of the background worker (outbox, interlinks, deadlines)."""
    outbox_batch: int = Field(default=100, ge=1)
    apology_extension_days: int = Field(default=5, ge=1)
    """Working days added to the promised date when an overdue dossier's apology is issued."""
