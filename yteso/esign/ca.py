"""A development certificate authority and the signing certificates it issues.

For tests and demos only: the keys are written unencrypted (mode 0600). In production the signing
key lives in an HSM or with a licensed CA (chữ ký số chuyên dùng / công cộng) and only the
certificate is configured here.

Certificates: the CA is RSA 3072, ``CA:TRUE, pathlen:0``, key usage ``keyCertSign, cRLSign``
(critical), valid 10 years. A signer is RSA 2048 (or 3072), ``CA:FALSE``, key usage
``digitalSignature, nonRepudiation`` (critical) as PDF signature validators expect, extended key
usage ``documentSigning`` (RFC 9336) and ``emailProtection``, valid 2 years.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from yteso.core.text import fold

DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
"""id-kp-documentSigning (RFC 9336)."""
ORGANISATION = "yteso (development)"


@dataclass(frozen=True)
class CaFiles:
    """Where a CA's certificate and key are (PEM)."""

    cert_path: Path
    key_path: Path
    name: str

    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.cert_path.read_bytes())

    def private_key(self) -> rsa.RSAPrivateKey:
        return _load_key(self.key_path)


@dataclass(frozen=True)
class SignerFiles:
    """Where a signer's certificate and key are, and the certificate of the CA that issued it."""

    cert_path: Path
    key_path: Path
    ca_cert_path: Path
    subject_name: str

    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.cert_path.read_bytes())

    def ca_certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.ca_cert_path.read_bytes())


def create_dev_ca(out_dir: str | Path, name: str = "yteso Dev CA", *, key_size: int = 3072) -> CaFiles:
    """Make a self-signed CA in ``out_dir`` (``ca-cert.pem``, ``ca-key.pem``); existing files are refused."""
    out = Path(out_dir)
    files = CaFiles(out / "ca-cert.pem", out / "ca-key.pem", name)
    key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    subject = _name(name)
    now = datetime.now(UTC)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(key_cert_sign=True, crl_sign=True), critical=True)
        .add_extension(ski, critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
        .sign(key, hashes.SHA256())
    )
    _write(files.key_path, files.cert_path, key, cert)
    return files


def load_ca(directory: str | Path) -> CaFiles:
    """The CA that :func:`create_dev_ca` wrote into ``directory``."""
    out = Path(directory)
    files = CaFiles(out / "ca-cert.pem", out / "ca-key.pem", "")
    common_name = files.certificate().subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return CaFiles(files.cert_path, files.key_path, str(common_name[0].value) if common_name else "")


def issue_signing_cert(
    ca: CaFiles, subject_name: str, out_dir: str | Path, *, key_size: int = 2048, days: int = 730
) -> SignerFiles:
    """Issue a document-signing certificate for ``subject_name`` (a person or a unit, Vietnamese
    allowed); files ``<slug>-cert.pem`` and ``<slug>-key.pem`` in ``out_dir``."""
    if key_size not in (2048, 3072, 4096):
        raise ValueError("key_size must be 2048, 3072 or 4096")
    ca_cert, ca_key = ca.certificate(), ca.private_key()
    key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    now = datetime.now(UTC)
    ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(subject_name))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(min(now + timedelta(days=days), ca_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(digital_signature=True, content_commitment=True), critical=True)
        .add_extension(x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    slug = re.sub(r"[^a-z0-9]+", "-", fold(subject_name).lower()).strip("-") or "signer"
    out = Path(out_dir)
    files = SignerFiles(out / f"{slug}-cert.pem", out / f"{slug}-key.pem", ca.cert_path, subject_name)
    _write(files.key_path, files.cert_path, key, cert)
    return files


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key_usage(**granted: bool) -> x509.KeyUsage:
    usages = (
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    )
    return x509.KeyUsage(**{u: granted.get(u, False) for u in usages})


def _write(key_path: Path, cert_path: Path, key: rsa.RSAPrivateKey, cert: x509.Certificate) -> None:
    key_path.parent.mkdir(parents=True, exist_ok=True)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    with os.fdopen(os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
        f.write(pem)
    with open(cert_path, "xb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))


def _load_key(path: Path) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError(f"{path}: not an RSA private key")
    return key
