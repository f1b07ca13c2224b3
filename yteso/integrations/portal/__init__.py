"""National Public Service Portal (Cổng Dịch vụ công quốc gia) sync: client, codes, reference server.

Public surface: :class:`PortalClient`, :class:`PortalUnavailable`, :class:`PortalRejected`,
``PORTAL_STATUS`` and the time format helpers (``codes``), ``server.create_portal_app``.
"""

from yteso.integrations.portal.client import PortalClient
from yteso.integrations.portal.codes import (
    CLOCK_STOPPING,
    PORTAL_STATUS,
    PORTAL_STATUS_EN,
    PortalStatus,
    format_portal_time,
    parse_portal_time,
)
from yteso.integrations.portal.errors import PortalRejected, PortalUnavailable

__all__ = [
    "CLOCK_STOPPING",
    "PORTAL_STATUS",
    "PORTAL_STATUS_EN",
    "PortalClient",
    "PortalRejected",
    "PortalStatus",
    "PortalUnavailable",
    "format_portal_time",
    "parse_portal_time",
]
