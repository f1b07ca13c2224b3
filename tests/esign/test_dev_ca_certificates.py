"""The development CA and its signing certificates have the key usages validators expect."""

from __future__ import annotations

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from yteso.esign import create_dev_ca, issue_signing_cert, load_ca
from yteso.esign.ca import DOCUMENT_SIGNING


def test_ca_is_a_constrained_self_signed_authority(ca):
    cert = ca.certificate()
    assert cert.subject == cert.issuer and ca.name == "yteso Dev CA"
    basic = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert basic.critical and basic.value.ca and basic.value.path_length == 0
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_cert_sign and usage.crl_sign and not usage.digital_signature
    assert ca.private_key().key_size == 3072 and ca.key_path.stat().st_mode & 0o777 == 0o600
    assert load_ca(ca.cert_path.parent).name == "yteso Dev CA"


def test_signer_certificate_is_for_document_signing(ca, signer):
    cert = signer.certificate()
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Cục Quản lý Dược"
    assert cert.issuer == ca.certificate().subject and signer.ca_certificate() == ca.certificate()
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.digital_signature and usage.value.content_commitment
    assert not usage.value.key_cert_sign
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert DOCUMENT_SIGNING in eku and ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
    assert cert.public_key().key_size == 2048  # type: ignore[union-attr]
    assert signer.cert_path.name == "cuc-quan-ly-duoc-cert.pem"
    ca.certificate().public_key().verify(  # type: ignore[union-attr]
        cert.signature, cert.tbs_certificate_bytes, *_rsa_pkcs1(cert)
    )


def test_existing_files_are_not_overwritten(ca, tmp_path):
    with pytest.raises(FileExistsError):
        create_dev_ca(ca.cert_path.parent)
    issue_signing_cert(ca, "Nguyễn Văn An", tmp_path, key_size=3072)
    with pytest.raises(FileExistsError):
        issue_signing_cert(ca, "Nguyễn Văn An", tmp_path)
    with pytest.raises(ValueError):
        issue_signing_cert(ca, "Lê Thị B", tmp_path, key_size=1024)


def _rsa_pkcs1(cert: x509.Certificate) -> tuple[object, object]:
    from cryptography.hazmat.primitives.asymmetric import padding

    assert cert.signature_hash_algorithm is not None
    return padding.PKCS1v15(), cert.signature_hash_algorithm
