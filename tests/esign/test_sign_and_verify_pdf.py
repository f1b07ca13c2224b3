"""PAdES signing and verification: valid when untouched and trusted, invalid after any changed byte."""

from __future__ import annotations

import binascii
import re
from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from asn1crypto import cms
from pyhanko.pdf_utils.reader import PdfFileReader

from yteso.esign import create_dev_ca, issue_signing_cert, sign_pdf, verify_pdf


@pytest.fixture(scope="module")
def signed(document, signer):
    return sign_pdf(document, signer, reason="Phê duyệt cấp giấy chứng nhận", location="Hà Nội")


def contents_span(pdf: bytes) -> tuple[int, int]:
    match = re.search(rb"/Contents <([0-9a-fA-F]+)>", pdf)
    assert match
    return match.start(1), match.end(1)


def changed(pdf: bytes, position: int) -> bytes:
    data = bytearray(pdf)
    data[position] = ord("1") if data[position] == ord("0") else ord("0")
    return bytes(data)


def test_a_signed_document_verifies(signed, ca):
    result = verify_pdf(signed, [ca.certificate()])
    assert result.valid and result.intact and result.problems == []
    assert result.signer == "Cục Quản lý Dược"
    assert result.signed_at is not None and abs(datetime.now(UTC) - result.signed_at) < timedelta(minutes=5)


def test_the_signature_is_pades_baseline_b(signed):
    assert b"/SubFilter /ETSI.CAdES.detached" in signed
    (embedded,) = PdfFileReader(BytesIO(signed), strict=False).embedded_signatures
    assert embedded.sig_object["/Reason"] == "Phê duyệt cấp giấy chứng nhận"
    assert embedded.sig_object["/Location"] == "Hà Nội"
    start, end = contents_span(signed)
    info = cms.ContentInfo.load(binascii.unhexlify(signed[start:end]))
    signer_info = info["content"]["signer_infos"][0]
    attrs = {a["type"].native for a in signer_info["signed_attrs"]}
    assert {"signing_certificate_v2", "message_digest", "content_type"} <= attrs
    assert signer_info["digest_algorithm"]["algorithm"].native == "sha256"


def test_untrusted_root_and_unsigned_document_are_not_valid(signed, document, tmp_path):
    stranger = create_dev_ca(tmp_path, "Another CA")
    result = verify_pdf(signed, [stranger.certificate()])
    assert not result.valid and result.intact and any("trusted root" in p for p in result.problems)
    unsigned = verify_pdf(document, [stranger.certificate()])
    assert not unsigned.valid and unsigned.problems == ["the document has no signature"]


def test_any_changed_byte_makes_it_invalid(signed, ca):
    start, end = contents_span(signed)
    der_hex = 2 * len(cms.ContentInfo.load(binascii.unhexlify(signed[start:end])).dump())
    positions = [
        *range(0, len(signed), max(1, len(signed) // 30)),  # across the whole file
        start + 52,  # the digest-algorithm list of the CMS (not covered by the signature)
        start + 2 * 1140,  # near the signer-info version (not covered either)
        start + der_hex + 10,  # the zero padding after the CMS value
        end - 1,
        len(signed) - 10,  # the trailer
    ]
    still_valid = [p for p in positions if verify_pdf(changed(signed, p), [ca.certificate()]).valid]
    assert still_valid == []
    content_change = verify_pdf(changed(signed, start // 2), [ca.certificate()])
    assert not content_change.valid


def test_appending_to_a_signed_file_is_detected(signed, ca):
    result = verify_pdf(signed + b"\n% appended\n", [ca.certificate()])
    assert not result.valid and any("changed after" in p for p in result.problems)


def test_a_second_signature_keeps_both_valid(signed, ca, tmp_path):
    second = issue_signing_cert(ca, "Nguyễn Văn An", tmp_path)
    cosigned = sign_pdf(signed, second, reason="Đồng ký")
    result = verify_pdf(cosigned, [ca.certificate()])
    assert result.valid and result.signer == "Nguyễn Văn An"
    assert cosigned.startswith(signed)  # an incremental update: the first signature's bytes are untouched
