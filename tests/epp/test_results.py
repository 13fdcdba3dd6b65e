"""The one table from EPP result codes and transport failures to product errors."""

from __future__ import annotations

import pytest

from registrar.epp import results
from registrar.epp.responses.envelope import EppResponse
from registrar.errors import STATUS_BY_CODE, RegistrarError


@pytest.mark.parametrize(
    ("epp_code", "error_code", "status"),
    [
        (2001, "registry_bad_response", 502),
        (2005, "registry_bad_response", 502),
        (2104, "registry_billing_failure", 422),
        (2201, "registry_authorization_error", 422),
        (2302, "object_exists", 422),
        (2303, "not_at_registry", 422),
        (2304, "registry_status_prohibits", 422),
        (2305, "registry_status_prohibits", 422),
        (2306, "registry_policy_error", 422),
        (2308, "registry_policy_error", 422),
        (2301, "registry_error", 422),
        (2400, "registry_bad_response", 502),
        (2500, "registry_unavailable", 503),
        (2502, "registry_unavailable", 503),
    ],
)
def test_result_code_maps_to_product_error(epp_code: int, error_code: str, status: int) -> None:
    response = EppResponse(epp_code, "Registry says no", "because", "c-1", "s-1")
    error = results.error_for_response(response)
    assert error is not None
    assert (error.code, error.status) == (error_code, status)
    assert error.detail == {"epp_code": epp_code, "msg": "Registry says no", "reason": "because"}


@pytest.mark.parametrize("epp_code", [1000, 1001, 1300, 1301, 1500])
def test_success_codes_map_to_no_error(epp_code: int) -> None:
    assert results.error_for_response(EppResponse(epp_code, "ok", None, None, None)) is None


def test_every_mapped_code_exists_in_the_taxonomy() -> None:
    assert set(results.ERROR_CODE_BY_RESULT.values()) <= set(STATUS_BY_CODE)


def test_transport_failures_use_the_gateway_statuses() -> None:
    assert results.timed_out("slow").status == 504
    assert results.unavailable("down").status == 503
    assert results.bad_response("junk").status == 502
    unknown = results.timed_out("slow", outcome_unknown=True)
    assert isinstance(unknown, results.RegistryOutcomeUnknown)
    assert isinstance(unknown, RegistrarError)
