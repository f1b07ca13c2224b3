"""QĐ 130/4750 claims XML (hồ sơ XML 4750): field spec, hardened streaming parser, checks, generator.

Pure code: no database, no HTTP. Typical use::

    with open_envelope(path) as reader:              # EnvelopeError: whole document refused
        checker = EnvelopeValidator(reader.header)
        for dossier in reader:                       # one HOSO (visit, MA_LK) at a time
            problems = checker.check(dossier)        # list[DossierError]; [] = accepted
        envelope_problems = checker.finish()
"""

from yteso.gateway.xml4750.errors import RULES, DossierError, EnvelopeError
from yteso.gateway.xml4750.model import Dossier, EnvelopeHeader, ParsedEnvelope, Row
from yteso.gateway.xml4750.parse import DEFAULT_MAX_BYTES, EnvelopeReader, open_envelope, parse_envelope, parse_table
from yteso.gateway.xml4750.validate import EnvelopeValidator, validate_checkin, validate_dossier, validate_header

__all__ = [
    "DEFAULT_MAX_BYTES",
    "RULES",
    "Dossier",
    "DossierError",
    "EnvelopeError",
    "EnvelopeHeader",
    "EnvelopeReader",
    "EnvelopeValidator",
    "ParsedEnvelope",
    "Row",
    "open_envelope",
    "parse_envelope",
    "parse_table",
    "validate_checkin",
    "validate_dossier",
    "validate_header",
]
