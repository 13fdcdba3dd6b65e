"""The tenancy aggregate's error codes: tenants, members and invitations."""

from __future__ import annotations

from registrar.errors import ErrorCode


class TenancyError(ErrorCode):
    """Rules of a tenant's membership (access codes are `AuthError`'s)."""

    LAST_OWNER = "last_owner", 422
