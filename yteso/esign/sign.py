"""PAdES signatures on PDFs (pyHanko): sign with a certificate, verify against trusted roots.

Signing makes a PAdES baseline B-B signature (``ETSI.CAdES.detached``, SHA-256, the signing
certificate bound as a signed attribute, the chain embedded), invisible, in a new signature
field, as an incremental update. Verification checks, for every signature: the digest over the
signed byte ranges (``intact``), the cryptographic signature (``valid``), the chain to one of the
given trust roots, the key usage, and that nothing but allowed updates follows the signature.
Any changed byte of the file makes the result invalid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO

from asn1crypto import cms
from asn1crypto import parser as asn1_parser
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from yteso.esign.ca import SignerFiles


@dataclass(frozen=True)
class Verification:
    """The verdict on a PDF's signatures.

    ``valid``: at least one signature, and every one intact, cryptographically valid, trusted and
    covering the document up to its end (allowed later signatures aside). ``intact``: every
    signed byte range hashes to the signed digest. ``signer``/``signed_at``: of the last signature.
    ``problems``: why not valid, in English (empty when valid).
    """

    valid: bool
    intact: bool
    signer: str | None
    signed_at: datetime | None
    problems: list[str] = field(default_factory=list)


def sign_pdf(pdf: bytes, signer: SignerFiles, *, reason: str, location: str = "Hà Nội") -> bytes:
    """The PDF with one more (PAdES B-B) signature by ``signer``, appended as an incremental update."""
    simple = signers.SimpleSigner.load(str(signer.key_path), str(signer.cert_path), ca_chain_files=())
    if simple is None:
        raise ValueError(f"could not load the signing key or certificate of {signer.subject_name!r}")
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    name = f"Signature{len(_embedded(pdf)) + 1}"
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        reason=reason,
        location=location,
        name=signer.subject_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    out = signers.sign_pdf(writer, meta, signer=simple)
    return out.getvalue()


def verify_pdf(pdf: bytes, trust_roots: list[x509.Certificate] | list[asn1_x509.Certificate]) -> Verification:
    """Check every signature of ``pdf`` against ``trust_roots`` (no network: no fetching of CRL/OCSP)."""
    roots = [_asn1(c) for c in trust_roots]
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        embedded = reader.embedded_signatures
    except Exception as exc:  # pyHanko raises many kinds on a damaged file
        return Verification(False, False, None, None, [f"unreadable PDF: {type(exc).__name__}: {exc}"])
    if not embedded:
        return Verification(False, False, None, None, ["the document has no signature"])
    problems: list[str] = []
    intact = True
    signer: str | None = None
    signed_at: datetime | None = None
    for sig in embedded:
        context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
        try:
            status = validate_pdf_signature(sig, context)
        except Exception as exc:  # a mangled signature value or structure
            intact = False
            problems.append(f"{sig.field_name}: cannot be validated: {type(exc).__name__}: {exc}")
            continue
        intact = intact and status.intact
        problems.extend(f"{sig.field_name}: {p}" for p in _problems(status))
        if not _unsigned_parts_untouched(sig.sig_object["/Contents"]):
            problems.append(f"{sig.field_name}: unsigned parts of the signature value were changed")
        signer = status.signing_cert.subject.native.get("common_name")
        signed_at = status.signer_reported_dt
    last = embedded[-1]
    if last.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        problems.append(f"{last.field_name}: the document was changed after the last signature")
    return Verification(not problems, intact, signer, signed_at, problems)


def _problems(status: PdfSignatureStatus) -> list[str]:
    out = []
    if not status.intact:
        out.append("the signed content was altered (digest mismatch)")
    if not status.valid:
        out.append("the cryptographic signature is invalid")
    if not status.trusted:
        out.append("the signing certificate does not chain to a trusted root")
    if status.revoked:
        out.append("the signing certificate is revoked")
    if not status.bottom_line and not out:
        out.append(f"the signature is not acceptable ({status.summary()})")
    return out


def _unsigned_parts_untouched(contents: bytes) -> bool:
    """Close the gaps the signature itself leaves, so that any changed byte of the file is caught.

    The ``/Contents`` placeholder is larger than the CMS value and padded with zeros; and some CMS
    fields are not covered by the signature (versions, the digest-algorithm list, algorithm
    parameters). So: the padding must be zeros, the CMS must be canonical DER (a re-encoding gives
    the same bytes), the digest-algorithm list must be exactly the signers' algorithms and the
    version numbers the ones RFC 5652 prescribes. (Certificates other than the signer's are not
    embedded by :func:`sign_pdf`; the signer's is bound by the signed signing-certificate attribute.)
    """
    try:
        _, _, _, header, content, trailer = asn1_parser.parse(contents)
        der = contents[: len(header) + len(content) + len(trailer)]
        if contents[len(der) :].strip(b"\0"):
            return False
        signed_data = cms.ContentInfo.load(der)["content"]
        if cms.ContentInfo.load(der).dump(force=True) != der:
            return False
        infos = list(signed_data["signer_infos"])
        expected_versions = ["v1" if si["sid"].name == "issuer_and_serial_number" else "v3" for si in infos]
        plain = signed_data["encap_content_info"]["content_type"].native == "data"
        all_v1 = plain and all(v == "v1" for v in expected_versions)
        return (
            [si["version"].native for si in infos] == expected_versions
            and signed_data["version"].native == ("v1" if all_v1 else "v3")
            and {a.dump() for a in signed_data["digest_algorithms"]} == {si["digest_algorithm"].dump() for si in infos}
            and len(signed_data["digest_algorithms"]) == len({si["digest_algorithm"].dump() for si in infos})
        )
    except (ValueError, TypeError, KeyError):
        return False


def _embedded(pdf: bytes) -> list[object]:
    try:
        return list(PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures)
    except Exception:  # an unsigned or unusual file: the name only needs to be unique
        return []


def _asn1(cert: x509.Certificate | asn1_x509.Certificate) -> asn1_x509.Certificate:
    if isinstance(cert, asn1_x509.Certificate):
        return cert
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
