"""Electronic signatures on documents (chữ ký số), for every system that issues them.

:mod:`~yteso.esign.ca` makes a development CA and signing certificates; :mod:`~yteso.esign.render`
draws an A4 PDF with Vietnamese text and a verification QR code; :mod:`~yteso.esign.sign` signs it
(PAdES B-B with pyHanko) and verifies signatures against trusted roots. See docs/integrations.md#esign.
"""

from yteso.esign.ca import CaFiles, SignerFiles, create_dev_ca, issue_signing_cert, load_ca
from yteso.esign.fonts import FontNotFound
from yteso.esign.render import render_pdf
from yteso.esign.sign import Verification, sign_pdf, verify_pdf

__all__ = [
    "CaFiles",
    "FontNotFound",
    "SignerFiles",
    "Verification",
    "create_dev_ca",
    "issue_signing_cert",
    "load_ca",
    "render_pdf",
    "sign_pdf",
    "verify_pdf",
]
