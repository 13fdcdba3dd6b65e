"""The hosts aggregate's error codes: host objects and nameserver sets."""

from __future__ import annotations

from registrar.errors import ErrorCode


class HostError(ErrorCode):
    """Rules of hosts and of the nameserver sets that name them."""

    INVALID_NAMESERVERS = "invalid_nameservers", 422
    DUPLICATE_NAMESERVER = "duplicate_nameserver", 422
    EMPTY_NAMESERVERS = "empty_nameservers", 422
    SUBORDINATE_HOST_MISSING = "subordinate_host_missing", 422
    NOT_SUBORDINATE = "not_subordinate", 422
    HOST_IN_USE = "host_in_use", 422
