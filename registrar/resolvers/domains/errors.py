"""The domains aggregate's error codes.

Statuses are the spec's ("Public API" § Domains): the lock, DS-record and deletion rules are
all business-rule failures, 422.
"""

from __future__ import annotations

from registrar.errors import ErrorCode


class DomainError(ErrorCode):
    """Rules of a domain's lifecycle and of the changes a tenant may make to it."""

    DOMAIN_EXISTS = "domain_exists", 422
    DOMAIN_UNAVAILABLE = "domain_unavailable", 422
    # client/serverUpdateProhibited set ("Update domain nameservers", "Replace DS records")
    UPDATE_PROHIBITED = "update_prohibited", 422
    # clientDeleteProhibited set ("Apply delete lock"; the spec names no status, and 422 is
    # what its sibling update_prohibited and the delete endpoint's other refusal use)
    DELETE_PROHIBITED = "delete_prohibited", 422
    # active subordinate hosts under the domain ("Delete domain")
    SUBORDINATE_HOSTS_EXIST = "subordinate_hosts_exist", 422
    # "Replace DS records"
    TLD_NOT_DNSSEC = "tld_not_dnssec", 422
    INVALID_DS_RECORDS = "invalid_ds_records", 422
    DUPLICATE_DS_RECORD = "duplicate_ds_record", 422
    INCONSISTENT_MAX_SIG_LIFE = "inconsistent_max_sig_life", 422
