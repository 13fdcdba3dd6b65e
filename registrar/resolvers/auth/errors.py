"""The auth aggregate's error codes: sign-in, tokens, OAuth, TOTP and the tenant-access check.

The OAuth token and authorization endpoint codes are RFC 6749's (§4.1.2.1, §5.2), with its
statuses: 400, except `invalid_client` (401). The tenant-isolation codes live here because the
check that raises them (`guard.authorize_tenant`) is authentication's, and tenancy depends on
auth, never the reverse.
"""

from __future__ import annotations

from registrar.errors import ErrorCode


class AuthError(ErrorCode):
    """Why a caller could not sign in, get a token, or reach a tenant."""

    # RFC 6749 §4.1.2.1 and §5.2
    INVALID_REQUEST = "invalid_request", 400
    INVALID_CLIENT = "invalid_client", 401
    INVALID_GRANT = "invalid_grant", 400
    UNAUTHORIZED_CLIENT = "unauthorized_client", 400
    UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type", 400
    UNSUPPORTED_RESPONSE_TYPE = "unsupported_response_type", 400
    INVALID_SCOPE = "invalid_scope", 400
    ACCESS_DENIED = "access_denied", 403
    # sign-in, password reset, email verification
    INVALID_CREDENTIALS = "invalid_credentials", 401
    SECOND_FACTOR_REQUIRED = "second_factor_required", 401
    INVALID_TOKEN = "invalid_token", 400
    INVALID_EMAIL_FORMAT = "invalid_email_format", 400
    # TOTP enrollment
    ALREADY_ENROLLED = "already_enrolled", 409
    INVALID_TOTP_CODE = "invalid_totp_code", 422
    # OAuth clients
    PUBLIC_CLIENT = "public_client", 422
    # scopes and tenant isolation (403)
    INSUFFICIENT_SCOPE = "insufficient_scope", 403
    TENANT_MISMATCH = "tenant_mismatch", 403
    TENANT_NOT_FOUND = "tenant_not_found", 403
    TENANT_INACTIVE = "tenant_inactive", 403
    NOT_A_MEMBER = "not_a_member", 403
    MEMBERSHIP_DEACTIVATED = "membership_deactivated", 403
