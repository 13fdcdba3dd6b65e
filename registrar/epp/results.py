"""The one table from EPP result codes and transport failures to product errors.

A registry's answer becomes a `RegistrarError` whose `detail` carries the registry's own words
(`epp_code`, `msg`, `reason`, and `results` when it answered with several), because "2306"
alone helps nobody. Transport failures (refused, TLS, timeout, malformed XML) get the
502/503/504 codes. A failure after a command was sent has an unknown outcome and is raised as
`RegistryOutcomeUnknown`, so callers can find out (`info`) before retrying a mutation. Nothing
here ever carries a password or authInfo.
"""

from __future__ import annotations

from typing import Any

from registrar.epp.responses.envelope import EppResponse, EppResult
from registrar.errors import RegistrarError

SUCCESS_CODES = frozenset({1000, 1001, 1300, 1301, 1500})
"""1000 done, 1001 pending, 1300 queue empty, 1301 message dequeued, 1500 logged out."""

PENDING = 1001
NO_MESSAGES = 1300
ENDING_SESSION = 1500
COMMAND_USE_ERROR = 2002
AUTHENTICATION_ERROR = 2200

ERROR_CODE_BY_RESULT: dict[int, str] = {
    2000: "registry_bad_response",  # unknown command: our frame was wrong
    2001: "registry_bad_response",  # syntax error
    2002: "registry_bad_response",  # command use error (e.g. not logged in)
    2003: "registry_bad_response",  # required parameter missing
    2004: "registry_bad_response",  # parameter value range error
    2005: "registry_bad_response",  # parameter value syntax error
    2104: "registry_billing_failure",  # our account at the registry lacks funds
    2200: "registry_authorization_error",  # our login was refused
    2201: "registry_authorization_error",
    2202: "registry_authorization_error",  # invalid authorization information
    2302: "object_exists",
    2303: "not_at_registry",
    2304: "registry_status_prohibits",
    2305: "registry_status_prohibits",
    2306: "registry_policy_error",
    2308: "registry_policy_error",
    2400: "registry_bad_response",
    2500: "registry_unavailable",
    2501: "registry_unavailable",
    2502: "registry_unavailable",
}
"""2000–2005 mean the frame we built was wrong (we validate inputs before building one), so
they are our 502, not the caller's 422. Every other 21xx/22xx/23xx code is a client-side
`registry_error`."""

UPSTREAM_FAILURE_CODES = frozenset({"registry_unavailable", "registry_timeout", "registry_bad_response"})
"""The failure class that counts against a binding's circuit breaker."""


class RegistryOutcomeUnknown(RegistrarError):
    """The command left us but no answer came back: it may or may not have been executed."""


def error_code_for_result(result_code: int) -> str | None:
    """The product error code for an EPP result code; None for the success codes."""
    if result_code < 2000:
        return None
    return ERROR_CODE_BY_RESULT.get(result_code, "registry_error")


def error_for_response(response: EppResponse) -> RegistrarError | None:
    """The error a response stands for, or None when the registry reports success."""
    code = error_code_for_result(response.code)
    if code is None:
        return None
    detail: dict[str, Any] = {"epp_code": response.code, "msg": response.message}
    if response.reason:
        detail["reason"] = response.reason
    if len(response.results) > 1:
        detail["results"] = [_result_detail(result) for result in response.results]
    return RegistrarError(code, detail=detail)


def _result_detail(result: EppResult) -> dict[str, Any]:
    """One result of several, in the registry's words; never its values (they may echo
    what we sent, authInfo included)."""
    detail: dict[str, Any] = {"epp_code": result.code, "msg": result.message}
    if result.reason:
        detail["reason"] = result.reason
    return detail


def raise_for_response(response: EppResponse) -> EppResponse:
    """Return `response` when it reports success; otherwise raise its mapped error."""
    error = error_for_response(response)
    if error is not None:
        raise error
    return response


def unavailable(reason: str, *, outcome_unknown: bool = False) -> RegistrarError:
    """Registry unreachable, connection refused or dropped, TLS failure, breaker open."""
    return _transport_error("registry_unavailable", reason, outcome_unknown)


def timed_out(reason: str, *, outcome_unknown: bool = False) -> RegistrarError:
    """No answer within the configured timeout."""
    return _transport_error("registry_timeout", reason, outcome_unknown)


def bad_response(reason: str, *, outcome_unknown: bool = False) -> RegistrarError:
    """The registry answered with something we cannot read as EPP."""
    return _transport_error("registry_bad_response", reason, outcome_unknown)


def _transport_error(code: str, reason: str, outcome_unknown: bool) -> RegistrarError:
    detail: dict[str, Any] = {"reason": reason}
    if outcome_unknown:
        detail["outcome"] = "unknown"
        return RegistryOutcomeUnknown(code, detail=detail)
    return RegistrarError(code, detail=detail)


def counts_against_breaker(error: RegistrarError) -> bool:
    """Whether `error` says the registry (or the path to it) is failing."""
    return error.code in UPSTREAM_FAILURE_CODES
