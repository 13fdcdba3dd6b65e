"""Client ↔ sandbox: renew, transfers with poll messages and auto-approval, delete."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from registrar.epp.objects import DomainCreateRequest
from registrar.errors import RegistrarError


@pytest.fixture
def a(gateway, endpoint, login_a):
    return gateway.session(endpoint, login_a)


@pytest.fixture
def b(gateway, endpoint, login_b):
    return gateway.session(endpoint, login_b)


async def register(session, name: str = "life.test") -> None:
    await session.create_domain(DomainCreateRequest(name=name, registrant="OTHER-1", auth_info="life-Auth-1"))


async def test_renew_extends_expiry_by_the_period(a) -> None:
    await register(a)
    info = await a.domain_info("life.test")
    renewed = await a.renew_domain("life.test", info.expires_at.date(), 2)
    assert renewed.expires_at.year == info.expires_at.year + 2


async def test_renew_fails_when_current_expiry_is_stale(a) -> None:
    await register(a)
    with pytest.raises(RegistrarError) as caught:
        await a.renew_domain("life.test", date(2000, 1, 1))
    assert caught.value.code == "registry_policy_error"


async def test_renew_fails_for_a_domain_of_another_registrar(a) -> None:
    info = await a.domain_info("taken.test")
    with pytest.raises(RegistrarError) as caught:
        await a.renew_domain("taken.test", info.expires_at.date())
    assert caught.value.code == "registry_authorization_error"


async def test_transfer_request_fails_with_auth_code_invalid_for_a_wrong_code(a) -> None:
    with pytest.raises(RegistrarError) as caught:
        await a.transfer_domain("request", "transfer-me.test", "not-the-code")
    assert caught.value.code == "auth_code_invalid"
    assert caught.value.detail["epp_code"] == 2202


async def test_transfer_request_is_pending_then_auto_approved_after_five_days(a, sandbox_clock) -> None:
    status = await a.transfer_domain("request", "transfer-me.test", "secret-transfer-1")
    assert (status.status, status.requested_by, status.act_by) == (
        "pending",
        "registrar-a",
        "OtherRegistrar",
    )
    sandbox_clock.moment += timedelta(days=5, seconds=1)
    queried = await a.transfer_domain("query", "transfer-me.test")
    assert queried.status == "serverApproved"
    info = await a.domain_info("transfer-me.test")
    assert info.sponsor == "registrar-a"
    message = await a.poll()
    assert message.kind == "transfer" and message.transfer.status == "serverApproved"
    await a.ack(message.message_id)
    assert await a.poll() is None


async def test_losing_registrar_gets_a_poll_message_and_can_reject(a, b, sandbox) -> None:
    await register(b, "mine-b.test")
    sandbox.store.domains["mine-b.test"].auth_info = "b-code-123"
    await a.transfer_domain("request", "mine-b.test", "b-code-123")
    message = await b.poll()
    assert message.kind == "transfer" and message.transfer.status == "pending"
    assert message.remaining == 1
    rejected = await b.transfer_domain("reject", "mine-b.test")
    assert rejected.status == "clientRejected"
    gaining_news = await a.poll()
    assert gaining_news.transfer.status == "clientRejected"


async def test_transfer_approve_fails_when_not_pending(b) -> None:
    await register(b, "mine-b.test")
    with pytest.raises(RegistrarError) as caught:
        await b.transfer_domain("approve", "mine-b.test")
    assert caught.value.detail["epp_code"] == 2301


async def test_approved_transfer_moves_sponsorship(a, b, sandbox) -> None:
    await register(b, "mine-b.test")
    sandbox.store.domains["mine-b.test"].auth_info = "b-code-123"
    await a.transfer_domain("request", "mine-b.test", "b-code-123")
    approved = await b.transfer_domain("approve", "mine-b.test")
    assert approved.status == "clientApproved"
    assert (await a.domain_info("mine-b.test")).sponsor == "registrar-a"


async def test_gaining_registrar_can_cancel_its_request(a, b, sandbox) -> None:
    await register(b, "mine-b.test")
    sandbox.store.domains["mine-b.test"].auth_info = "b-code-123"
    await a.transfer_domain("request", "mine-b.test", "b-code-123")
    cancelled = await a.transfer_domain("cancel", "mine-b.test")
    assert cancelled.status == "clientCancelled"


async def test_delete_keeps_the_domain_in_redemption_until_it_is_purged(a, sandbox_clock) -> None:
    await register(a)
    await a.delete_domain("life.test")
    [result] = await a.check_domains(["life.test"])
    assert (result.available, result.reason) == (False, "Pending delete")
    sandbox_clock.moment += timedelta(days=35, seconds=1)
    [result] = await a.check_domains(["life.test"])
    assert result.available


async def test_delete_fails_when_a_subordinate_host_is_used_elsewhere(a) -> None:
    await register(a)
    await a.create_host("ns1.life.test", ["192.0.2.7"])
    await a.create_domain(
        DomainCreateRequest(
            name="user.test",
            registrant="OTHER-1",
            auth_info="user-Auth-1",
            nameservers=("ns1.life.test",),
        )
    )
    with pytest.raises(RegistrarError) as caught:
        await a.delete_domain("life.test")
    assert caught.value.code == "registry_status_prohibits"


async def test_poll_on_an_empty_queue_returns_none(a) -> None:
    assert await a.poll() is None
