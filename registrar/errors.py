"""The one error taxonomy of the product.

Every expected failure is a `RegistrarError` whose `code` is the stable snake_case identifier
from the spec. The HTTP status lives in `STATUS_BY_CODE`, so REST renders it and GraphQL
reports the same code in a payload's `errors` list. This module imports neither HTTP nor
GraphQL code.
"""

from __future__ import annotations

from typing import Any

STATUS_BY_CODE: dict[str, int] = {
    # 400
    "bad_request": 400,
    "malformed_json": 400,
    "malformed_idempotency_key": 400,
    "unsupported_grant_type": 400,
    "invalid_token": 400,
    "invalid_email_format": 400,
    # 401 / 403
    "unauthorized": 401,
    "forbidden": 403,
    "insufficient_scope": 403,
    "tenant_mismatch": 403,
    "tenant_not_found": 403,
    "tenant_inactive": 403,
    "not_a_member": 403,
    "membership_deactivated": 403,
    # 404 / 405
    "not_found": 404,
    "method_not_allowed": 405,
    # 409
    "conflict": 409,
    "wrong_state_conflict": 409,
    "idempotency_key_in_use": 409,
    "already_enrolled": 409,
    # 413 / 415
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    # 422: validation and business rules
    "unprocessable_entity": 422,
    "wrong_state": 422,
    "quote_required": 422,
    "quote_not_found": 422,
    "quote_consumed": 422,
    "quote_expired": 422,
    "quote_mismatch": 422,
    "payment_not_assured": 422,
    "price_not_configured": 422,
    "premium_class_unknown": 422,
    "premium_class_required": 422,
    "period_not_allowed": 422,
    "tld_not_associated": 422,
    "invalid_operation": 422,
    "fqdn_required": 422,
    "registry_account_required": 422,
    "registry_binding_mismatch": 422,
    "registry_account_unavailable": 422,
    "invalid_nameservers": 422,
    "duplicate_nameserver": 422,
    "empty_nameservers": 422,
    "subordinate_host_missing": 422,
    "contact_not_found": 422,
    "domain_exists": 422,
    "domain_unavailable": 422,
    "handle_taken": 422,
    "contact_in_use": 422,
    "not_at_registry": 422,
    "registry_error": 422,
    "object_exists": 422,
    "registry_authorization_error": 422,
    "registry_status_prohibits": 422,
    "registry_policy_error": 422,
    "registry_billing_failure": 422,
    "auth_code_invalid": 422,
    "last_owner": 422,
    "invalid_totp_code": 422,
    "public_client": 422,
    "transfer_not_supported": 422,
    "verification_token_invalid": 422,
    "not_subordinate": 422,
    "host_in_use": 422,
    "invalid_pem": 422,
    "key_mismatch": 422,
    "cert_pem_required": 422,
    "key_pem_required": 422,
    "agreement_not_published": 422,
    # OAuth 2.0 token endpoint errors (RFC 6749 §5.2)
    "invalid_request": 400,
    "invalid_grant": 400,
    "invalid_scope": 400,
    "unauthorized_client": 400,
    "invalid_client": 401,
    "unsupported_response_type": 400,
    "invalid_credentials": 401,
    "second_factor_required": 401,
    "access_denied": 403,
    # 429
    "rate_limited": 429,
    # 5xx: the registrar itself, then the upstream registry
    "internal_error": 500,
    "registry_bad_response": 502,
    "registry_unavailable": 503,
    "registry_timeout": 504,
}


class RegistrarError(Exception):
    """An expected failure, rendered as the spec's envelope by every transport.

    `detail` is structured context (`{"purge_due_at": ...}`); `details` maps a field name to
    its validation messages and appears with `unprocessable_entity`; `meta` carries extra
    top-level keys some codes document (`registry_account_required` → `meta.candidates`).
    """

    def __init__(
        self,
        code: str,
        status: int | None = None,
        detail: dict[str, Any] | None = None,
        details: dict[str, list[str]] | None = None,
        meta: dict[str, Any] | None = None,
    ) -> None:
        self.code = code
        self.status = status if status is not None else STATUS_BY_CODE.get(code, 422)
        self.detail = detail
        self.details = details
        self.meta = meta
        super().__init__(code)

    def as_envelope(self) -> dict[str, Any]:
        body: dict[str, Any] = {"error": self.code}
        if self.detail:
            body["detail"] = self.detail
        if self.details:
            body["details"] = self.details
        if self.meta:
            body["meta"] = self.meta
        return body


def validation_error(details: dict[str, list[str]]) -> RegistrarError:
    """The spec's changeset failure: 422 `unprocessable_entity` with field messages."""
    return RegistrarError("unprocessable_entity", details=details)


class FieldErrors:
    """Collects field messages so a request reports every bad field at once."""

    def __init__(self) -> None:
        self.details: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.details.setdefault(field, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.details)

    def raise_if_any(self) -> None:
        if self.details:
            raise validation_error(self.details)
