"""The identity provider's RSA signing key: generated at start, or kept in a PEM file."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


@dataclass(frozen=True)
class SigningKey:
    """An RSA private key and its ``kid`` (the RFC 7638 thumbprint of the public key)."""

    private_key: rsa.RSAPrivateKey
    kid: str

    @classmethod
    def generate(cls, bits: int = 2048) -> SigningKey:
        return cls.of(rsa.generate_private_key(public_exponent=65537, key_size=bits))

    @classmethod
    def of(cls, key: rsa.RSAPrivateKey) -> SigningKey:
        return cls(key, _thumbprint(RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)))

    @classmethod
    def from_file(cls, path: str | Path) -> SigningKey:
        """Load an unencrypted PEM key; a missing file is created with a new key (mode 0600)."""
        path = Path(path)
        if not path.exists():
            key = cls.generate()
            pem = key.private_key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(pem)
            return key
        loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(loaded, rsa.RSAPrivateKey):
            raise ValueError(f"{path}: not an RSA private key")
        return cls.of(loaded)

    def public_jwk(self) -> dict[str, Any]:
        """The JWK published at ``/jwks``."""
        jwk = RSAAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        return {**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}


def _thumbprint(jwk: dict[str, Any]) -> str:
    canonical = json.dumps({k: jwk[k] for k in ("e", "kty", "n")}, separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()
