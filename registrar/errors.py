"""The one error taxonomy of the product.

Every expected failure is a `RegistrarError` whose `code` is a stable snake_case identifier from
the spec. Codes are closed lists: each is a member of an `ErrorCode` enum that carries its HTTP
status, so REST renders that status and GraphQL reports the same code in a payload's `errors`
list. This module declares the codes every layer shares (`CommonError`) and the registry's
answers (`UpstreamError`); each aggregate declares its own in `registrar/resolvers/<aggregate>/
errors.py`. This module imports neither HTTP nor GraphQL code, nor any resolver.

An enum registers its members when its class is created, and a code is unique across all
enums. A plain string is accepted wherever a code is (`RegistrarError("not_found")`) and is
resolved through that registry; an unregistered string is a bug and raises `UnknownErrorCode`.
Completeness does not depend on import order in practice: `registrar/resolvers/__init__.py`
imports every aggregate's enum, so importing any resolver (which every transport does) loads
them all, and the layers below the resolvers (EPP, this module) raise only the codes declared
here. `tests/cross_cutting/test_vocabularies.py` checks both rules.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Self


class UnknownErrorCode(LookupError):
    """A code that no `ErrorCode` enum declares: a programming error, never a user's."""


_REGISTRY: dict[str, ErrorCode] = {}


class ErrorCode(StrEnum):
    """Base of every code enum: a member is `NAME = "code", status`.

    Members compare and serialize as their string value, so `error.code == "not_found"` and
    `json.dumps({"error": error.code})` keep working.
    """

    status: int

    def __new__(cls, value: str, status: int) -> Self:
        if not 400 <= status <= 599:
            raise ValueError(f"error code {value!r}: status {status} is not an HTTP error status")
        member = str.__new__(cls, value)
        member._value_ = value
        member.status = status
        return member

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for member in cls:
            owner = _REGISTRY.get(member.value)
            if owner is not None:
                raise ValueError(
                    f"error code {member.value!r} is declared by {type(owner).__name__} and {cls.__name__}"
                )
        _REGISTRY.update((member.value, member) for member in cls)

    @staticmethod
    def of(code: ErrorCode | str) -> ErrorCode:
        """The registered member for `code`; `UnknownErrorCode` when no enum declares it."""
        if isinstance(code, ErrorCode):
            return code
        try:
            return _REGISTRY[code]
        except KeyError:
            raise UnknownErrorCode(f"unregistered error code {code!r}") from None


def registered_codes() -> Mapping[str, ErrorCode]:
    """Every code declared so far, by value (read-only)."""
    return _REGISTRY_VIEW


class _StatusByCode(Mapping[str, int]):
    """The HTTP status of every registered code, derived from the enums (never kept by hand)."""

    def __getitem__(self, code: str) -> int:
        return _REGISTRY[code].status

    def __iter__(self) -> Iterator[str]:
        return iter(_REGISTRY)

    def __len__(self) -> int:
        return len(_REGISTRY)


_REGISTRY_VIEW: Mapping[str, ErrorCode] = MappingProxyType(_REGISTRY)
STATUS_BY_CODE: Mapping[str, int] = _StatusByCode()
"""Derived, read-only: kept for callers that only need `code → status`."""


class CommonError(ErrorCode):
    """Codes any layer may raise: request shape, access, state, limits, the registrar itself."""

    # 400: the request itself
    BAD_REQUEST = "bad_request", 400
    MALFORMED_JSON = "malformed_json", 400
    MALFORMED_IDEMPOTENCY_KEY = "malformed_idempotency_key", 400
    # 401 / 403: who is asking
    UNAUTHORIZED = "unauthorized", 401
    FORBIDDEN = "forbidden", 403
    # 404 / 405
    NOT_FOUND = "not_found", 404
    METHOD_NOT_ALLOWED = "method_not_allowed", 405
    # 409: a precondition the current state violates
    CONFLICT = "conflict", 409
    WRONG_STATE_CONFLICT = "wrong_state_conflict", 409
    IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use", 409
    # 413 / 415
    PAYLOAD_TOO_LARGE = "payload_too_large", 413
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type", 415
    # 422: validation and the state gate every aggregate shares; the EPP layer refuses a
    # period outside 1–99 before building a frame, and pricing refuses one a TLD does not sell
    UNPROCESSABLE_ENTITY = "unprocessable_entity", 422
    WRONG_STATE = "wrong_state", 422
    PERIOD_NOT_ALLOWED = "period_not_allowed", 422
    # 429 / 500
    RATE_LIMITED = "rate_limited", 429
    INTERNAL_ERROR = "internal_error", 500


class UpstreamError(ErrorCode):
    """The registry's answers as product codes (`epp/results.py` maps EPP result codes here).

    A refusal is the caller's 422; a registry that is broken, unreachable or slow is a gateway
    error (502 / 503 / 504) and the registrar itself is healthy.
    """

    REGISTRY_ERROR = "registry_error", 422
    OBJECT_EXISTS = "object_exists", 422
    NOT_AT_REGISTRY = "not_at_registry", 422
    AUTH_CODE_INVALID = "auth_code_invalid", 422
    REGISTRY_AUTHORIZATION_ERROR = "registry_authorization_error", 422
    REGISTRY_STATUS_PROHIBITS = "registry_status_prohibits", 422
    REGISTRY_POLICY_ERROR = "registry_policy_error", 422
    REGISTRY_BILLING_FAILURE = "registry_billing_failure", 422
    REGISTRY_BAD_RESPONSE = "registry_bad_response", 502
    REGISTRY_UNAVAILABLE = "registry_unavailable", 503
    REGISTRY_TIMEOUT = "registry_timeout", 504


class RegistrarError(Exception):
    """An expected failure, rendered as the spec's envelope by every transport.

    `code` is an `ErrorCode` member (a registered string is resolved to its member) and fixes
    the HTTP `status`. `detail` is structured context (`{"purge_due_at": ...}`); `details` maps
    a field name to its validation messages and appears with `unprocessable_entity`; `meta`
    carries extra top-level keys some codes document (`registry_account_required` →
    `meta.candidates`).
    """

    def __init__(
        self,
        code: ErrorCode | str,
        *,
        detail: dict[str, Any] | None = None,
        details: dict[str, list[str]] | None = None,
        meta: dict[str, Any] | None = None,
    ) -> None:
        self.code: ErrorCode = ErrorCode.of(code)
        self.status: int = self.code.status
        self.detail = detail
        self.details = details
        self.meta = meta
        super().__init__(self.code.value)

    def as_envelope(self) -> dict[str, Any]:
        body: dict[str, Any] = {"error": self.code.value}
        if self.detail:
            body["detail"] = self.detail
        if self.details:
            body["details"] = self.details
        if self.meta:
            body["meta"] = self.meta
        return body


def validation_error(details: dict[str, list[str]]) -> RegistrarError:
    """The spec's changeset failure: 422 `unprocessable_entity` with field messages."""
    return RegistrarError(CommonError.UNPROCESSABLE_ENTITY, details=details)


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
