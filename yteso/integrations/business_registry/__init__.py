"""National business registry (đăng ký doanh nghiệp): enterprise codes, client, synthetic data, server.

Public surface: :class:`BusinessRegistryClient`, :class:`Enterprise`, :data:`ENTERPRISE_STATUS`,
:func:`validate_enterprise_code`, :func:`generate`, :class:`BusinessRegistryUnavailable`,
:class:`BusinessRegistryRejected`, ``server.create_business_registry_app``.
"""

from yteso.integrations.business_registry.client import BusinessRegistryClient
from yteso.integrations.business_registry.codes import format_enterprise_code, validate_enterprise_code
from yteso.integrations.business_registry.errors import BusinessRegistryRejected, BusinessRegistryUnavailable
from yteso.integrations.business_registry.generate import generate
from yteso.integrations.business_registry.models import ENTERPRISE_STATUS, Enterprise, read_csv, write_csv

__all__ = [
    "ENTERPRISE_STATUS",
    "BusinessRegistryClient",
    "BusinessRegistryRejected",
    "BusinessRegistryUnavailable",
    "Enterprise",
    "format_enterprise_code",
    "generate",
    "read_csv",
    "validate_enterprise_code",
    "write_csv",
]
