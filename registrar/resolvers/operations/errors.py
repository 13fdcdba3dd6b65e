"""The operations journal's error codes."""

from __future__ import annotations

from registrar.errors import ErrorCode


class OperationError(ErrorCode):
    """A registry command that cannot start because another one on the same object is open."""

    # The same action on the same object is already at the registry, its outcome not yet known:
    # retry after `detail.retry_after` seconds (also the Retry-After header); it settles by itself.
    OPERATION_PENDING = "operation_pending", 409
