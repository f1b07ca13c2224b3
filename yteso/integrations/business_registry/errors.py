"""Errors of the business-registry client."""

from __future__ import annotations

from yteso.integrations.common.errors import IntegrationRejected, IntegrationUnavailable


class BusinessRegistryUnavailable(IntegrationUnavailable):
    """The national business registry cannot answer now (cached enterprises are still served)."""

    system_en = "The national business registry"
    system_vi = "Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp"


class BusinessRegistryRejected(IntegrationRejected):
    """The business registry refused the request or answered something unreadable."""

    system_en = "The national business registry"
    system_vi = "Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp"
