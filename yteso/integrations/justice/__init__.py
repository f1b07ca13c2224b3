"""Criminal-record certificates (Phiếu lý lịch tư pháp) of the justice system: client, reference server.

Public surface: :class:`JusticeClient` (:class:`CriminalRecordRequest`, :class:`CriminalRecordResult`),
:class:`JusticeUnavailable`, :class:`JusticeRejected`, ``server.create_justice_app``.
"""

from yteso.integrations.justice.client import CriminalRecordRequest, CriminalRecordResult, JusticeClient
from yteso.integrations.justice.errors import JusticeRejected, JusticeUnavailable

__all__ = ["CriminalRecordRequest", "CriminalRecordResult", "JusticeClient", "JusticeRejected", "JusticeUnavailable"]
