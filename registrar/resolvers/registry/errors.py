"""The registry aggregate's error codes: registry accounts, certificates, TLD associations.

What a registry answers is `registrar.errors.UpstreamError`, not this.
"""

from __future__ import annotations

from registrar.errors import ErrorCode


class RegistryError(ErrorCode):
    """Which account and TLD association a registry command may use, and their credentials."""

    TLD_NOT_ASSOCIATED = "tld_not_associated", 422
    REGISTRY_ACCOUNT_REQUIRED = "registry_account_required", 422
    REGISTRY_BINDING_MISMATCH = "registry_binding_mismatch", 422
    REGISTRY_ACCOUNT_UNAVAILABLE = "registry_account_unavailable", 422
    CERT_PEM_REQUIRED = "cert_pem_required", 422
    KEY_PEM_REQUIRED = "key_pem_required", 422
    INVALID_PEM = "invalid_pem", 422
    KEY_MISMATCH = "key_mismatch", 422
