"""rgp-1.0 over TLS: delete into redemption, restore request and report, purge on the clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from registrar.epp.objects import DomainCreateRequest, DomainUpdateRequest, RestoreReport
from registrar.errors import RegistrarError


@pytest.fixture
def session(gateway, endpoint, login_a):
    return gateway.session(endpoint, login_a)


async def deleted(session, name: str = "gone.test") -> None:
    await session.create_domain(DomainCreateRequest(name=name, registrant="OTHER-1", auth_info="gone-Auth-1"))
    await session.delete_domain(name)


async def raises(coro) -> RegistrarError:  # noqa: ANN001
    with pytest.raises(RegistrarError) as caught:
        await coro
    return caught.value


def report(restored_at: datetime, deleted_at: datetime) -> RestoreReport:
    return RestoreReport(
        pre_data="registrant OTHER-1, ns none",
        post_data="registrant OTHER-1, ns none",
        deleted_at=deleted_at,
        restored_at=restored_at,
        reason="Registrant error.",
        statements=("Not restored for a third party.", "This report is accurate."),
    )


async def test_deleted_domain_shows_pending_delete_and_redemption_period(session) -> None:
    await deleted(session)
    info = await session.domain_info("gone.test")
    assert "pendingDelete" in info.statuses
    assert info.rgp_statuses == ("redemptionPeriod",)


async def test_restore_request_restores_a_domain_in_redemption_and_charges_the_fee(session, sandbox) -> None:
    await deleted(session)
    before = sandbox.store.balances["registrar-a"]
    assert await session.restore_domain("gone.test", fee_amount="40.00", fee_currency="USD") == ()
    info = await session.domain_info("gone.test")
    assert ("pendingDelete" not in info.statuses, info.rgp_statuses) == (True, ())
    assert sandbox.store.balances["registrar-a"] == before - Decimal("40.00")


async def test_restore_fails_when_the_stated_fee_is_wrong(session) -> None:
    await deleted(session)
    error = await raises(session.restore_domain("gone.test", fee_amount="1.00"))
    assert error.detail["epp_code"] == 2306


async def test_restore_fails_when_the_domain_is_not_deleted(session) -> None:
    await session.create_domain(DomainCreateRequest(name="live.test", registrant="OTHER-1", auth_info="live-Auth-1"))
    error = await raises(session.restore_domain("live.test"))
    assert (error.code, error.detail["epp_code"]) == ("registry_status_prohibits", 2304)


async def test_restore_fails_for_a_domain_of_another_registrar(session, gateway, endpoint, login_b):
    await deleted(session)
    error = await raises(gateway.session(endpoint, login_b).restore_domain("gone.test"))
    assert error.detail["epp_code"] == 2201


async def test_restore_fails_once_the_redemption_period_is_over(session, sandbox_clock) -> None:
    await deleted(session)
    sandbox_clock.moment += timedelta(days=30, seconds=1)
    assert (await session.domain_info("gone.test")).rgp_statuses == ("pendingDelete",)
    error = await raises(session.restore_domain("gone.test"))
    assert error.detail["epp_code"] == 2304


async def test_domain_and_its_hosts_are_purged_after_redemption_and_pending_delete(session, sandbox_clock) -> None:
    await session.create_domain(DomainCreateRequest(name="gone.test", registrant="OTHER-1", auth_info="gone-Auth-1"))
    await session.create_host("ns1.gone.test", ["192.0.2.50"])
    await session.delete_domain("gone.test")
    sandbox_clock.moment += timedelta(days=35, seconds=1)
    assert (await raises(session.domain_info("gone.test"))).code == "not_at_registry"
    [host] = await session.check_hosts(["ns1.gone.test"])
    assert host.available


async def test_update_fails_for_a_domain_in_redemption(session) -> None:
    await deleted(session)
    error = await raises(session.update_domain(DomainUpdateRequest("gone.test", auth_info="other-Auth-2")))
    assert error.detail["epp_code"] == 2304


async def test_restore_waits_in_pending_restore_for_the_report_when_reports_are_required(
    session, sandbox, sandbox_clock
) -> None:
    sandbox.policy = replace(sandbox.policy, restore_report_required=True)
    deleted_at = sandbox_clock.moment
    await deleted(session)
    assert await session.restore_domain("gone.test") == ("pendingRestore",)
    assert (await session.domain_info("gone.test")).rgp_statuses == ("pendingRestore",)
    sandbox_clock.moment += timedelta(hours=2)
    await session.restore_report("gone.test", report(sandbox_clock.moment, deleted_at))
    info = await session.domain_info("gone.test")
    assert (info.rgp_statuses, "pendingDelete" in info.statuses) == ((), False)


async def test_restore_report_fails_when_no_restore_was_requested(session, sandbox, sandbox_clock) -> None:
    sandbox.policy = replace(sandbox.policy, restore_report_required=True)
    deleted_at = sandbox_clock.moment
    await deleted(session)
    error = await raises(session.restore_report("gone.test", report(sandbox_clock.moment, deleted_at)))
    assert error.detail["epp_code"] == 2304


async def test_pending_restore_without_a_report_lapses_back_to_redemption(session, sandbox, sandbox_clock) -> None:
    sandbox.policy = replace(sandbox.policy, restore_report_required=True)
    await deleted(session)
    await session.restore_domain("gone.test")
    sandbox_clock.moment += timedelta(days=7, seconds=1)
    assert (await session.domain_info("gone.test")).rgp_statuses == ("redemptionPeriod",)


async def test_restore_report_is_checked_before_sending(session, sandbox_clock) -> None:
    bad = replace(report(sandbox_clock.moment, sandbox_clock.moment), statements=())
    assert (await raises(session.restore_report("gone.test", bad))).code == ("unprocessable_entity")
