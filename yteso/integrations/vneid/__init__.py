"""VNeID login: a relying-party client and an embedded development identity provider (OIDC).

Public surface: :class:`VneidClient` (:class:`AuthorizationRequest`, :class:`TokenSet`),
:class:`VneidUser` with :func:`load_users` / :func:`generate_users`, :class:`VneidUnavailable`,
:class:`VneidRejected`, ``server.create_vneid_app``.
"""

from yteso.integrations.vneid.client import AuthorizationRequest, TokenSet, VneidClient, pkce_challenge
from yteso.integrations.vneid.errors import VneidRejected, VneidUnavailable
from yteso.integrations.vneid.users import DEV_PASSWORD, VneidUser, generate_users, load_users, write_users

__all__ = [
    "DEV_PASSWORD",
    "AuthorizationRequest",
    "TokenSet",
    "VneidClient",
    "VneidRejected",
    "VneidUnavailable",
    "VneidUser",
    "generate_users",
    "load_users",
    "pkce_challenge",
    "write_users",
]
