"""The operator aggregate's error codes."""

from __future__ import annotations

from registrar.errors import ErrorCode


class OperatorError(ErrorCode):
    """What the operator's actions refuse beyond field validation (`unprocessable_entity`)."""

    # Something still uses the object: the domains (or associations) must move first.
    IN_USE = "in_use", 409
    # The binding does not list the TLD among those it serves.
    TLD_NOT_SERVED = "tld_not_served", 422
    # Unique per its scope (a binding name, an account name on a binding, a tenant's TLD).
    ALREADY_EXISTS = "already_exists", 409

    # tenants

    # registry

    # associations and rates
